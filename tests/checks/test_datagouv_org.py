from checks import datagouv_org
from ground.archive import IndexEntry
from tests.checks.baseline import api, observations
from tests.checks.opendata_fixtures import API, ORG, answers, ds, not_found


def test_certified_organisation_found_by_slug_is_favorable_with_its_page():
    s = datagouv_org.run(observations(api_responses=answers(ds(1))))
    assert s.assessment == "favorable"
    assert s.value["certified"] is True and s.value["found_by"] == "slug"
    assert s.value["page"] == "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"
    assert "certified" in s.evidence[0].snippet


def test_organisation_without_the_certified_badge_found_by_siren_is_neutre():
    org = dict(ORG, badges=[{"kind": "public-service"}])
    search = api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [org], "total": 1})
    s = datagouv_org.run(observations(api_responses=[search] + answers(ds(1), org=org)[1:]))
    assert s.assessment == "neutre" and s.value["certified"] is False
    assert s.value["found_by"] == "siren"
    assert s.details["badges"] == ["public-service"]


def test_found_by_name_search():
    search = api(f"{API}/organizations/?q=Ville+d%27Exemple&page_size=20", "organization_search",
                 {"data": [ORG], "total": 1})
    s = datagouv_org.run(observations(api_responses=[search] + answers(ds(1))[1:]))
    assert s.value["found_by"] == "name"


def test_no_organisation_is_defavorable_with_the_searches():
    s = datagouv_org.run(observations(api_responses=not_found()))
    assert s.assessment == "defavorable" and s.value is None
    assert len(s.evidence) == 2 and "0 résultat" in s.evidence[0].snippet


def test_api_unreachable_is_inconnu():
    index = [IndexEntry(url=f"{API}/organizations/x/", kind="api", error="TimeoutError: délai dépassé")]
    s = datagouv_org.run(observations(index=index))
    assert s.assessment == "inconnu" and "TimeoutError" in s.reason
