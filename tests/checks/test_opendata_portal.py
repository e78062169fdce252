import json
from dataclasses import replace

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


UDATA_SITE = {"id": "5e1f", "title": "Données d'Exemple", "metrics": {"datasets": 12}}
DCAT = {"@context": "https://www.w3.org/ns/dcat", "@type": "dcat:Catalog", "dataset": []}


def with_probes(obs, *probes):
    obs.probes = list(probes)
    return obs


def test_candidates_file_url_is_reduced_to_its_lower_case_root_and_listed_once():
    obs = observations(candidate={"opendata": ["https://Data.Exemple-Commune.fr/catalogue/",
                                               "https://data.exemple-commune.fr/explore/"]})
    portals = opendata_portal.find_portals(obs)
    assert portals == [{"url": PORTAL, "source": "fichier des candidats", "linked_from": None}]


def test_a_portal_both_declared_and_linked_keeps_the_candidates_file_as_source():
    home = page(html(f'<a href="{PORTAL}datasets/">Open data</a>'))
    s = opendata_portal.run(with_probes(observations([home], candidate={"opendata": [PORTAL]}), *not_found_probes()))
    assert [(r["url"], r["source"]) for r in s.details["portails"]] == [(PORTAL, "fichier des candidats")]
    assert s.evidence == []


def test_links_on_pages_of_another_site_are_not_the_candidates():
    other = replace(page(html('<a href="https://data.voisine.fr/">Open data</a>'), url="https://www.voisine.fr/"),
                    site="https://www.voisine.fr/")
    s = opendata_portal.run(observations([page(html()), other]))
    assert s.details == {"portails": []} and s.assessment == "defavorable"


def test_the_first_page_in_depth_order_is_the_one_shown_linking_the_portal():
    deep = page(html('<a href="https://data.exemple-commune.fr/">Le portail</a>'),
                url="https://www.exemple-commune.fr/a/", depth=2)
    shallow = page(html('<a href="https://data.exemple-commune.fr/">Open data</a>'),
                   url="https://www.exemple-commune.fr/z/", depth=1)
    s = opendata_portal.run(observations([deep, shallow]))
    assert s.evidence[0].url == "https://www.exemple-commune.fr/z/"
    assert s.evidence[0].snippet == "lien « Open data » vers https://data.exemple-commune.fr/"


def test_a_portal_only_known_from_its_probes_keeps_the_probe_referrer():
    p = probe("/api/1/site/", "portal:udata", UDATA_SITE)
    obs = with_probes(observations(index=[IndexEntry(url=p.url, kind="probe",
                                                     referrer="https://www.exemple-commune.fr/ancienne-page/")]), p)
    assert opendata_portal.find_portals(obs) == [{"url": PORTAL, "source": "lien du site", "linked_from": None,
                                                  "referrer": "https://www.exemple-commune.fr/ancienne-page/"}]
    s = opendata_portal.run(obs)
    assert s.assessment == "favorable" and s.value["software"] == "udata"


def test_probes_of_other_kinds_do_not_make_a_portal():
    https_probe = replace(probe("/", "https", None, 200, root="https://www.exemple-commune.fr/"), text="<html>")
    s = opendata_portal.run(with_probes(observations(), https_probe))
    assert s.details == {"portails": []} and s.assessment == "defavorable"


def test_a_failed_probe_does_not_identify_the_software_even_if_its_body_matches():
    obs = with_probes(observations(candidate={"opendata": [PORTAL]}),
                      probe("/api/3/action/status_show", "portal:ckan", CKAN, status=500))
    s = opendata_portal.run(obs)
    assert s.value["software"] is None and s.assessment == "neutre"
    assert s.details["portails"][0]["probes"] == 1 and s.reason is None


def test_a_body_that_does_not_answer_like_the_software_is_not_identified():
    obs = with_probes(observations(candidate={"opendata": [PORTAL]}),
                      probe("/api/3/action/status_show", "portal:ckan", {"success": False, "error": "not found"}))
    assert opendata_portal.run(obs).value["software"] is None


def test_probes_of_another_portal_do_not_identify_this_one():
    obs = with_probes(observations(candidate={"opendata": [PORTAL]}),
                      probe("/api/3/action/status_show", "portal:ckan", CKAN, root="https://data.voisine.fr/"))
    s = opendata_portal.run(obs)
    assert [(r["url"], r["software"], r["probes"]) for r in s.details["portails"]] == [
        (PORTAL, None, 0), ("https://data.voisine.fr/", "ckan", 1)]


def test_a_probe_answer_under_another_purpose_does_not_count():
    obs = with_probes(observations(candidate={"opendata": [PORTAL]}),
                      probe("/api/3/action/status_show", "portal:udata", CKAN))
    assert opendata_portal.run(obs).value["software"] is None


def test_identify_returns_software_the_probe_and_the_number_of_probes():
    found = probe("/api/3/action/status_show", "portal:ckan", CKAN)
    obs = with_probes(observations(), *not_found_probes(), found)
    assert opendata_portal.identify(obs, PORTAL) == ("ckan", found, 3)
    assert opendata_portal.identify(obs, "https://data.voisine.fr/") == (None, None, 0)


def test_a_free_software_portal_decides_over_an_earlier_proprietary_one():
    ods_root = "https://exemple.opendatasoft.com/"
    obs = with_probes(observations(candidate={"opendata": [ods_root, PORTAL]}),
                      probe("/api/explore/v2.1/catalog/datasets?limit=1", "portal:opendatasoft", ODS, root=ods_root),
                      probe("/api/3/action/status_show", "portal:ckan", CKAN))
    s = opendata_portal.run(obs)
    assert s.assessment == "favorable" and s.value["url"] == PORTAL and s.value["software"] == "ckan"
    assert len(s.evidence) == 2


def test_without_free_software_the_first_known_portal_decides():
    ods_root = "https://exemple.opendatasoft.com/"
    obs = with_probes(observations(candidate={"opendata": [ods_root, PORTAL]}),
                      probe("/api/explore/v2.1/catalog/datasets?limit=1", "portal:opendatasoft", ODS, root=ods_root))
    s = opendata_portal.run(obs)
    assert s.assessment == "neutre" and s.value["url"] == ods_root and s.value["free"] is False
    assert s.display == "https://exemple.opendatasoft.com/ : OpenDataSoft (logiciel propriétaire)"


def test_unidentified_software_is_neutre_and_says_when_the_api_was_not_probed():
    s = opendata_portal.run(observations(candidate={"opendata": [PORTAL]}))
    assert s.assessment == "neutre" and s.value["free"] is None
    assert s.reason == "API du portail non sondée lors de la collecte"
    assert s.display == f"{PORTAL} : logiciel non identifié"


def test_dcat_catalogue_is_neutre_without_reason_once_probed():
    s = opendata_portal.run(with_probes(observations(candidate={"opendata": [PORTAL]}),
                                        probe("/catalog.jsonld", "portal:dcat", DCAT)))
    assert s.assessment == "neutre" and s.value["software"] == "dcat" and s.reason is None
    assert s.evidence[0].snippet.startswith("catalogue DCAT (JSON-LD) : ")


def test_probe_evidence_quotes_the_first_200_characters_of_the_answer():
    long = dict(CKAN, padding="x" * 400)
    p = probe("/api/3/action/status_show", "portal:ckan", long)
    s = opendata_portal.run(with_probes(observations(candidate={"opendata": [PORTAL]}), p))
    assert s.evidence[0].snippet == "API CKAN status_show : " + p.text[:200]
    assert s.evidence[0].http_status == 200 and s.evidence[0].record_id == "<urn:uuid:p>"


def test_unreachable_site_with_datasets_on_data_gouv_is_still_inconnu():
    s = opendata_portal.run(observations(reachable=False, api_responses=answers(ds(1))))
    assert s.assessment == "inconnu"


def test_no_portal_with_datasets_on_data_gouv_counts_them():
    s = opendata_portal.run(observations(api_responses=answers(ds(1), ds(2))))
    assert s.details == {"portails": [], "jeux_sur_data_gouv": 2} and s.value is None


def test_probe_evidence_keeps_the_archive_record_of_the_probe():
    p = probe("/api/3/action/status_show", "portal:ckan", CKAN)
    ev = opendata_portal.run(with_probes(observations(candidate={"opendata": [PORTAL]}), p)).evidence[0]
    assert (ev.url, ev.fetched_at, ev.http_status, ev.sha256, ev.record_id) == (
        "https://data.exemple-commune.fr/api/3/action/status_show", WHEN, 200, "2" * 64, "<urn:uuid:p>")


def test_an_rdf_dcat_catalogue_is_recognised_from_its_text():
    rdf = ('<?xml version="1.0"?><rdf:RDF xmlns:dcat="http://www.w3.org/ns/dcat#">'
           '<dcat:Catalog rdf:about="https://data.exemple-commune.fr/"/></rdf:RDF>')
    p = replace(probe("/catalog.rdf", "portal:dcat", None), text=rdf)
    s = opendata_portal.run(with_probes(observations(candidate={"opendata": [PORTAL]}), p))
    assert s.value["software"] == "dcat"


def test_a_page_of_another_site_listed_first_does_not_hide_the_sites_links():
    other = replace(page(html('<p>Rien</p>'), url="https://www.a-voisine.fr/"), site="https://www.a-voisine.fr/")
    home = page(html(f'<a href="{PORTAL}">Open data</a>'))
    s = opendata_portal.run(observations([other, home]))
    assert [r["url"] for r in s.details["portails"]] == [PORTAL]


def test_only_probe_entries_of_the_index_give_a_referrer():
    p = probe("/api/1/site/", "portal:udata", UDATA_SITE)
    obs = with_probes(observations(index=[IndexEntry(url=p.url, kind="other", referrer="https://www.exemple-commune.fr/x/")]), p)
    assert opendata_portal.find_portals(obs)[0]["referrer"] is None


def test_two_portals_only_known_from_probes_are_both_listed():
    obs = with_probes(observations(), probe("/api/1/site/", "portal:udata", None, 404),
                      probe("/api/1/site/", "portal:udata", None, 404, root="https://data.voisine.fr/"))
    assert [p["url"] for p in opendata_portal.find_portals(obs)] == [PORTAL, "https://data.voisine.fr/"]


def test_unreachable_site_display():
    s = opendata_portal.run(observations(reachable=False))
    assert s.display == "indéterminé"


def test_no_portal_display_and_a_single_homepage_as_evidence():
    second = page(html(), url="https://www.exemple-commune.fr/en/", homepage=True)
    s = opendata_portal.run(observations([page(html()), second]))
    assert s.display == "aucun portail de données ouvertes trouvé"
    assert [(e.url, e.snippet) for e in s.evidence] == [(SITE, "aucun lien vers un portail de données ouvertes")]


def test_proprietary_portal_keeps_its_evidence_and_details():
    root = "https://exemple.opendatasoft.com/"
    p = probe("/api/explore/v2.1/catalog/datasets?limit=1", "portal:opendatasoft", ODS, root=root)
    s = opendata_portal.run(with_probes(observations(candidate={"opendata": [root]}), p))
    assert [e.url for e in s.evidence] == ["https://exemple.opendatasoft.com/api/explore/v2.1/catalog/datasets?limit=1"]
    assert s.details == {"portails": [{"url": root, "software": "opendatasoft", "label": "OpenDataSoft", "free": False,
                                       "source": "fichier des candidats", "probes": 1}]}
