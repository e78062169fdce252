from dataclasses import replace

from checks import website_links_opendata as wlo
from ground.observations import Probe
from tests.checks.baseline import WHEN, api, html, observations, page
from tests.checks.opendata_fixtures import answers, ds

PORTAL = "https://data.exemple-commune.fr/"


def test_link_to_the_portal_is_favorable():
    home = page(html(f'<nav><a href="{PORTAL}">Données ouvertes</a></nav>'))
    s = wlo.run(observations([home], candidate={"opendata": [PORTAL]}))
    assert s.assessment == "favorable" and s.value == [PORTAL]
    assert "Données ouvertes" in s.evidence[0].snippet


def test_link_to_the_data_gouv_organisation_on_an_inner_page_is_favorable():
    inner = page(html('<p>Nos jeux sur <a href="https://www.data.gouv.fr/fr/organizations/ville-d-exemple/">'
                      'data.gouv.fr</a></p>'), url="https://www.exemple-commune.fr/transparence/", depth=1)
    s = wlo.run(observations([page(html()), inner], api_responses=answers(ds(1))))
    assert s.assessment == "favorable"
    assert s.value == ["https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"]
    assert s.evidence[0].url == "https://www.exemple-commune.fr/transparence/"


def test_datasets_published_but_not_linked_is_defavorable():
    s = wlo.run(observations(api_responses=answers(ds(1))))
    assert s.assessment == "defavorable" and s.value == []
    assert s.details["jeux_sur_data_gouv"] == 1


def test_declared_portal_not_linked_is_defavorable():
    s = wlo.run(observations(candidate={"opendata": [PORTAL]}))
    assert s.assessment == "defavorable"


def test_a_link_to_the_data_gouv_homepage_is_not_a_link_to_its_data():
    home = page(html('<a href="https://www.data.gouv.fr/">data.gouv.fr</a>'))
    s = wlo.run(observations([home]))
    assert s.assessment == "neutre" and s.value == []


def test_unreachable_site_is_inconnu():
    s = wlo.run(observations(reachable=False))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason


ORG_PAGE = "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"


def test_a_link_to_a_dataset_page_on_data_gouv_is_favorable():
    home = page(html('<a href="https://www.data.gouv.fr/fr/datasets/budget-primitif-exemple/">Budget</a>'))
    s = wlo.run(observations([home]))
    assert s.assessment == "favorable" and s.display == "lien vers les données ouvertes (data.gouv.fr)"
    assert s.details == {"liens": 1, "pages_lues": 1}


def test_a_datasets_path_on_another_host_is_not_a_data_gouv_link():
    home = page(html('<a href="https://www.exemple-commune.fr/datasets/">Nos jeux</a>'
                     '<a href="https://www.exemple-commune.fr/organizations/">Associations</a>'))
    s = wlo.run(observations([home]))
    assert s.assessment == "neutre" and s.value == []


def test_the_api_host_from_the_crawl_settings_serves_data_gouv_pages():
    home = page(html('<a href="https://demo.data.gouv.fr/fr/organizations/ville-d-exemple/">Nos données</a>'))
    obs = observations([home])
    obs.crawl = {"settings": {"datagouv_api": "https://demo.data.gouv.fr/api/1"}}
    assert wlo.run(obs).assessment == "favorable"
    assert wlo.run(observations([home])).assessment == "neutre"


def test_the_host_of_the_archived_api_answers_serves_data_gouv_pages():
    home = page(html('<a href="https://www.data.gouv.test/fr/organizations/ville-d-exemple/">Nos données</a>'))
    answer = api("https://www.data.gouv.test/api/1/organizations/?q=Exemple", "organization_search",
                 {"data": [], "total": 0})
    s = wlo.run(observations([home], api_responses=[answer]))
    assert s.assessment == "favorable" and s.value == ["https://www.data.gouv.test/fr/organizations/ville-d-exemple/"]


def test_links_on_pages_of_another_site_do_not_count():
    other = replace(page(html(f'<a href="{ORG_PAGE}">Open data</a>'), url="https://www.voisine.fr/"),
                    site="https://www.voisine.fr/")
    s = wlo.run(observations([page(html()), other]))
    assert s.assessment == "neutre" and s.details["pages_lues"] == 1


def test_only_pages_of_another_site_is_inconnu():
    other = replace(page(html(f'<a href="{ORG_PAGE}">Open data</a>'), url="https://www.voisine.fr/"),
                    site="https://www.voisine.fr/")
    s = wlo.run(observations([other]))
    assert s.assessment == "inconnu" and s.reason == "aucune page du site lue"


def test_a_link_repeated_on_several_pages_is_shown_from_the_shallowest_page():
    deep = page(html(f'<a href="{ORG_PAGE}">Nos données</a>'), url="https://www.exemple-commune.fr/a/", depth=2)
    shallow = page(html(f'<a href="{ORG_PAGE}">data.gouv.fr</a>'), url="https://www.exemple-commune.fr/z/", depth=1)
    s = wlo.run(observations([deep, shallow]))
    assert s.value == [ORG_PAGE] and s.details["liens"] == 1 and len(s.evidence) == 1
    assert s.evidence[0].url == "https://www.exemple-commune.fr/z/"
    assert s.evidence[0].snippet == f"lien « data.gouv.fr » vers {ORG_PAGE}"


def test_evidence_is_capped_at_five_links():
    links = "".join(f'<a href="https://www.data.gouv.fr/fr/datasets/jeu-{i}/">Jeu {i}</a>' for i in range(1, 7))
    s = wlo.run(observations([page(html(links))]))
    assert s.details["liens"] == 6 and len(s.value) == 6 and len(s.evidence) == 5
    assert s.evidence[4].snippet.endswith("jeu-5/")


def test_links_to_both_kinds_are_named_in_order():
    home = page(html(f'<a href="{PORTAL}">Portail</a><a href="{ORG_PAGE}">data.gouv.fr</a>'))
    s = wlo.run(observations([home], candidate={"opendata": [PORTAL]}))
    assert s.display == "lien vers les données ouvertes (data.gouv.fr, portail)"
    assert s.value == [PORTAL, ORG_PAGE]


def test_a_deep_link_into_the_portal_counts():
    home = page(html(f'<a href="{PORTAL}explore/dataset/parkings/">Parkings</a>'))
    s = wlo.run(observations([home], candidate={"opendata": [PORTAL]}))
    assert s.assessment == "favorable" and s.display == "lien vers les données ouvertes (portail)"


def test_a_portal_only_seen_in_probes_is_not_known_data_to_link_to():
    obs = observations()
    obs.probes = [Probe(url=f"{PORTAL}api/1/site/", purpose="portal:udata", status=404, fetched_at=WHEN,
                        sha256=None, record_id=None)]
    s = wlo.run(obs)
    assert s.assessment == "neutre" and s.details["portail_connu"] == [PORTAL]


def test_not_linked_details_and_homepage_evidence():
    s = wlo.run(observations(api_responses=answers(ds(1), ds(2)), candidate={"opendata": [PORTAL]}))
    assert s.assessment == "defavorable"
    assert s.details == {"pages_lues": 1, "jeux_sur_data_gouv": 2, "portail_connu": [PORTAL]}
    assert [e.url for e in s.evidence] == ["https://www.exemple-commune.fr/"]


def test_nothing_linked_nor_published_shows_the_homepage():
    inner = page(html(), url="https://www.exemple-commune.fr/contact/", depth=1)
    s = wlo.run(observations([inner, page(html())]))
    assert s.assessment == "neutre" and [e.url for e in s.evidence] == ["https://www.exemple-commune.fr/"]
    assert s.details == {"pages_lues": 2, "jeux_sur_data_gouv": 0, "portail_connu": []}


def test_a_link_announcing_open_data_to_another_site_counts_as_the_portal():
    home = page(html('<a href="https://carto.exemple-agglo.fr/">Portail des données ouvertes</a>'))
    s = wlo.run(observations([home]))
    assert s.assessment == "favorable" and s.display == "lien vers les données ouvertes (portail)"
    assert s.value == ["https://carto.exemple-agglo.fr/"]


def test_unreachable_site_display():
    assert wlo.run(observations(reachable=False)).display == "indéterminé"


def test_not_linked_displays():
    s = wlo.run(observations(api_responses=answers(ds(1))))
    assert s.display == "des données sont publiées, mais le site n'y renvoie pas"
    assert s.evidence[0].snippet == "aucun lien vers le portail de données ni vers data.gouv.fr"
    assert wlo.run(observations()).display == "pas de données ouvertes connues vers lesquelles renvoyer"


def test_only_one_homepage_is_shown_when_nothing_is_linked():
    second = page(html(), url="https://www.exemple-commune.fr/en/", homepage=True)
    s = wlo.run(observations([page(html()), second]))
    assert [e.url for e in s.evidence] == ["https://www.exemple-commune.fr/"]


def test_a_link_to_a_portal_declared_on_the_sites_own_host_counts():
    """The candidates file declares https://www.exemple-commune.fr/open-data/ (a section of the site
    itself): the site's link to it is a link to its open data (a bug found by mutation testing)."""
    from checks import website_links_opendata
    from tests.checks.baseline import SITE, html, observations, page

    portal = SITE + "open-data/"
    obs = observations([page(html('<p><a href="/open-data/jeux">Nos jeux de données</a></p>'))],
                       candidate={"opendata": [portal]})
    s = website_links_opendata.run(obs)
    assert (s.assessment, s.value) == ("favorable", [portal + "jeux"])
    # The portal's own pages linking themselves are not the site linking its data.
    obs = observations([page(html('<p><a href="/open-data/">Données</a></p>'), url=portal)], candidate={"opendata": [portal]})
    assert website_links_opendata.run(obs).assessment != "favorable"
