from checks import datagouv_datasets as dg
from ground.archive import IndexEntry
from tests.checks.baseline import api, observations

API = "https://www.data.gouv.fr/api/1"
ORG = {"id": "5a1b2c3d4e5f6a7b8c9d0e1f", "name": "Ville d'Exemple", "slug": "ville-d-exemple",
       "business_number_id": "21380151700019", "page": "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"}


def ds(i: int, *formats: str) -> dict:
    return {"id": f"ds{i}", "title": f"Jeu {i}", "resources": [{"id": f"r{i}{j}", "format": f, "url": f"https://x/{j}.{f}"}
                                                            for j, f in enumerate(formats)]}


def pages(*datasets, page_size=2):
    out = []
    chunks = [datasets[i:i + page_size] for i in range(0, len(datasets), page_size)] or [()]
    for n, chunk in enumerate(chunks, 1):
        nxt = f"{API}/datasets/?organization={ORG['id']}&page={n + 1}" if n < len(chunks) else None
        out.append(api(f"{API}/datasets/?organization={ORG['id']}&page_size=100" + (f"&page={n}" if n > 1 else ""),
                       "datasets", {"data": list(chunk), "page": n, "page_size": page_size,
                                    "total": len(datasets), "next_page": nxt}))
    return out


def test_organisation_with_open_datasets_over_two_pages_is_favorable():
    responses = [api(f"{API}/organizations/ville-d-exemple/", "organization", ORG)] + pages(
        ds(1, "csv", "json"), ds(2, "geojson"), ds(3, "xls"))
    s = dg.run(observations(api_responses=responses))
    assert s.assessment == "favorable"
    assert s.value == {"organization": "Ville d'Exemple", "organization_id": ORG["id"], "datasets": 3,
                       "resources": 4, "open_resources": 3, "open_share": 0.75}
    assert "SIRET 21380151700019" in s.evidence[0].snippet
    assert len(s.evidence) == 3  # organisation + two dataset pages


def test_found_by_siren_search_mostly_closed_formats_is_neutre():
    search = api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [ORG], "total": 1})
    s = dg.run(observations(api_responses=[search] + pages(ds(1, "xls", "pdf"), ds(2, "xlsx"))))
    assert s.assessment == "neutre" and s.value["open_share"] == 0.0
    assert s.value["organization"] == "Ville d'Exemple"


def test_no_organisation_found_is_defavorable_with_the_searches_as_evidence():
    searches = [api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [], "total": 0}),
                api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search", {"data": [], "total": 0})]
    s = dg.run(observations(api_responses=searches))
    assert s.assessment == "defavorable" and s.value["organization"] is None
    assert len(s.evidence) == 2 and "0 résultat" in s.evidence[0].snippet


def test_organisation_without_datasets_is_defavorable():
    s = dg.run(observations(api_responses=[api(f"{API}/organizations/x/", "organization", ORG)] + pages()))
    assert s.assessment == "defavorable" and s.value["datasets"] == 0


def test_api_unreachable_is_inconnu_with_the_error():
    index = [IndexEntry(url=f"{API}/organizations/?q=1", kind="api", error="DNSLookupError: no such host")]
    s = dg.run(observations(index=index))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason
