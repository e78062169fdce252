import json

from checks import opendata_portal
from ground.archive import IndexEntry
from ground.observations import Probe
from tests.checks.baseline import SITE, WHEN, html, observations, page
from tests.checks.opendata_fixtures import answers, ds

PORTAL = "https://data.exemple-commune.fr/"


def probe(path: str, purpose: str, body: dict | None, status: int = 200, root: str = PORTAL) -> Probe:
    text = json.dumps(body) if body is not None else "<html>Page introuvable</html>"
    return Probe(url=root.rstrip("/") + path, purpose=purpose, status=status, fetched_at=WHEN, sha256="2" * 64,
                 record_id="<urn:uuid:p>", headers={}, text=text, data=body)


def not_found_probes(root: str = PORTAL) -> list[Probe]:
    return [probe("/api/1/site/", "portal:udata", None, 404, root),
            probe("/api/3/action/status_show", "portal:ckan", None, 404, root)]


CKAN = {"help": "https://data.exemple-commune.fr/api/3/action/help_show?name=status_show", "success": True,
        "result": {"ckan_version": "2.10.4", "site_title": "Données ouvertes d'Exemple"}}
ODS = {"total_count": 12, "results": [{"dataset_id": "parkings"}]}


def test_ckan_portal_from_the_candidates_file_is_favorable():
    probes = not_found_probes() + [probe("/api/3/action/status_show", "portal:ckan", CKAN)]
    obs = observations(candidate={"opendata": [PORTAL]})
    obs.probes = probes
    s = opendata_portal.run(obs)
    assert s.assessment == "favorable"
    assert s.value == {"url": PORTAL, "software": "ckan", "free": True, "source": "fichier des candidats"}
    assert "CKAN" in s.display and "ckan_version" in s.evidence[0].snippet
    assert s.evidence[0].url == "https://data.exemple-commune.fr/api/3/action/status_show"


def test_opendatasoft_portal_linked_from_the_website_is_neutre():
    root = "https://exemple.opendatasoft.com/"
    home = page(html(f'<footer><a href="{root}">Open data</a></footer>'))
    obs = observations([home])
    obs.probes = [probe("/api/explore/v2.1/catalog/datasets?limit=1", "portal:opendatasoft", ODS, root=root)]
    s = opendata_portal.run(obs)
    assert s.assessment == "neutre"
    assert s.value["software"] == "opendatasoft" and s.value["free"] is False and s.value["source"] == "lien du site"


def test_portal_link_by_wording_only_counts_off_the_site():
    home = page(html('<a href="/donnees-ouvertes/">Données ouvertes</a>'
                     '<a href="https://carto.exemple-agglo.fr/">Portail des données ouvertes</a>'))
    s = opendata_portal.run(observations([home]))
    assert [r["url"] for r in s.details["portails"]] == ["https://carto.exemple-agglo.fr/"]
    assert s.value["software"] is None and s.assessment == "neutre"
    assert s.evidence[0].url == SITE and "Portail des données ouvertes" in s.evidence[0].snippet


def test_national_portal_is_not_the_candidates_own():
    home = page(html('<a href="https://www.data.gouv.fr/fr/organizations/ville-d-exemple/">Nos données ouvertes</a>'))
    s = opendata_portal.run(observations([home]))
    assert s.assessment == "defavorable" and s.value is None


def test_no_portal_but_datasets_on_data_gouv_is_neutre():
    s = opendata_portal.run(observations(api_responses=answers(ds(1))))
    assert s.assessment == "neutre" and "data.gouv.fr" in s.display


def test_no_portal_and_nothing_published_is_defavorable():
    s = opendata_portal.run(observations())
    assert s.assessment == "defavorable" and s.evidence[0].url == SITE


def test_unreachable_site_without_declared_portal_is_inconnu():
    s = opendata_portal.run(observations(reachable=False, index=[IndexEntry(url=SITE, kind="page", error="x")]))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason
