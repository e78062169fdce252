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


def org_answer(org=ORG):
    return api(f"{API}/organizations/ville-d-exemple/", "organization", org)


def test_exactly_half_of_the_resources_in_open_formats_is_favorable():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv", "pdf"))))
    assert s.value["open_share"] == 0.5 and s.assessment == "favorable"


def test_just_under_half_in_open_formats_is_neutre():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv", "pdf", "xls"))))
    assert s.value["open_share"] == 0.333 and s.assessment == "neutre"


def test_format_is_read_case_and_dot_insensitive_and_counted_per_format():
    res = [{"id": "a", "format": " .CSV ", "url": "https://x/a"}, {"id": "b", "format": "csv", "url": "https://x/b"},
           {"id": "c", "format": "PDF", "url": "https://x/c"}]
    s = dg.run(observations(api_responses=[org_answer()] + pages({"id": "ds1", "title": "Jeu 1", "resources": res})))
    assert s.details["formats_des_ressources"] == {"csv": 2, "pdf": 1}
    assert s.value["resources"] == 3 and s.value["open_resources"] == 2


def test_format_missing_falls_back_on_the_file_extension_of_the_url():
    res = [{"id": "a", "format": "", "url": "https://www.exemple.fr/exports/budget.JSON?download=1"},
           {"id": "b", "format": None, "url": "https://www.exemple.fr/exports/budget"},
           {"id": "c", "url": "https://www.exemple.fr/api/data.v2/liste"},
           "pas une ressource"]
    s = dg.run(observations(api_responses=[org_answer()] + pages({"id": "ds1", "title": "Jeu 1", "resources": res})))
    assert s.details["formats_des_ressources"] == {"inconnu": 2, "json": 1}
    assert s.value["resources"] == 3 and s.value["open_resources"] == 1


def test_datasets_without_any_resource_are_neutre_with_no_share():
    s = dg.run(observations(api_responses=[org_answer()] + pages({"id": "ds1", "title": "Jeu 1", "resources": []})))
    assert s.assessment == "neutre"
    assert s.value == {"organization": "Ville d'Exemple", "organization_id": ORG["id"], "datasets": 1,
                       "resources": 0, "open_resources": 0, "open_share": None}
    assert "1 jeu de données, 0 ressources, 0 % en formats ouverts" in s.display


def test_display_counts_datasets_resources_and_the_open_percentage():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv", "json"), ds(2, "pdf"))))
    assert s.display == "Ville d'Exemple : 2 jeux de données, 3 ressources, 67 % en formats ouverts"


def test_details_give_the_total_announced_on_the_first_page_and_the_organisation_page():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv"), ds(2, "csv"), ds(3, "csv"))))
    assert s.details["total_annonce_par_l_api"] == 3
    assert s.details["page_organisation"] == "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"


def test_dataset_page_evidence_names_at_most_three_titles():
    s = dg.run(observations(api_responses=[org_answer()] + pages(*[ds(i, "csv") for i in range(1, 5)], page_size=4)))
    assert s.evidence[1].snippet == "page 1 : 4 jeux sur 4 — Jeu 1 ; Jeu 2 ; Jeu 3"


def test_organisation_without_siret_has_no_siret_in_its_evidence():
    org = {k: v for k, v in ORG.items() if k != "business_number_id"}
    s = dg.run(observations(api_responses=[org_answer(org)] + pages(ds(1, "csv"))))
    assert s.evidence[0].snippet == f"organisation « Ville d'Exemple » (id {ORG['id']})"


def test_datasets_listed_without_the_organisation_answer_use_its_id_as_name():
    s = dg.run(observations(api_responses=pages(ds(1, "csv"))))
    assert s.value["organization"] == ORG["id"] and s.assessment == "favorable"
    assert len(s.evidence) == 1 and s.evidence[0].snippet.startswith("page 1 :")
    assert s.details["page_organisation"] is None


def test_only_the_url_part_before_the_first_question_mark_gives_the_extension():
    res = [{"id": "a", "format": "", "url": "https://www.exemple.fr/export.csv?redirect=/autre?x=liste.json"}]
    s = dg.run(observations(api_responses=[org_answer()] + pages({"id": "ds1", "title": "Jeu 1", "resources": res})))
    assert s.details["formats_des_ressources"] == {"csv": 1}


def test_a_bare_file_name_as_url_gives_its_extension():
    res = [{"id": "a", "format": "", "url": "budget.ods"}]
    s = dg.run(observations(api_responses=[org_answer()] + pages({"id": "ds1", "title": "Jeu 1", "resources": res})))
    assert s.details["formats_des_ressources"] == {"ods": 1}


def test_all_resources_open_is_shown_as_one_hundred_percent():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv"))))
    assert s.display == "Ville d'Exemple : 1 jeu de données, 1 ressources, 100 % en formats ouverts"


def test_organisation_evidence_names_it_with_its_id_and_siret():
    s = dg.run(observations(api_responses=[org_answer()] + pages(ds(1, "csv"))))
    assert s.evidence[0].snippet == f"organisation « Ville d'Exemple » (id {ORG['id']}, SIRET 21380151700019)"


def test_no_organisation_value_details_and_display():
    searches = [api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [], "total": 0}),
                api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search", {"data": [], "total": 0})]
    s = dg.run(observations(api_responses=searches))
    assert s.value == {"organization": None, "datasets": 0, "resources": 0, "open_share": None}
    assert s.details == {"recherches": 2}
    assert s.display == "aucune organisation trouvée sur data.gouv.fr"


def test_organisation_without_datasets_keeps_its_evidence_and_details():
    s = dg.run(observations(api_responses=[org_answer()] + pages()))
    assert s.display == "Ville d'Exemple : aucun jeu de données publié"
    assert len(s.evidence) == 2 and s.evidence[1].snippet.startswith("page 1 : 0 jeux sur 0")
    assert s.details == {"formats_des_ressources": {}, "total_annonce_par_l_api": 0,
                         "page_organisation": "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"}


def test_api_unreachable_display():
    index = [IndexEntry(url=f"{API}/organizations/?q=1", kind="api", error="DNSLookupError: no such host")]
    assert dg.run(observations(index=index)).display == "indéterminé"
