from checks import website_links_opendata as wlo
from tests.checks.baseline import html, observations, page
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
