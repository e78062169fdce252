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


def test_badges_are_listed_once_sorted_ignoring_malformed_ones():
    org = dict(ORG, badges=["certified", {"kind": ""}, {"name": "x"}, {"kind": "public-service"},
                            {"kind": "certified"}, {"kind": "certified"}])
    s = datagouv_org.run(observations(api_responses=answers(ds(1), org=org)))
    assert s.details["badges"] == ["certified", "public-service"]
    assert s.assessment == "favorable"
    assert s.evidence[0].snippet.endswith("badges : certified, public-service")


def test_organisation_without_badges_is_neutre():
    org = {k: v for k, v in ORG.items() if k != "badges"}
    s = datagouv_org.run(observations(api_responses=answers(ds(1), org=org)))
    assert s.assessment == "neutre" and s.details["badges"] == []
    assert s.evidence[0].snippet.endswith("badges : aucun")


def test_value_and_details_describe_the_organisation():
    s = datagouv_org.run(observations(api_responses=answers(ds(1))))
    assert s.value == {"organization": "Ville d'Exemple", "organization_id": ORG["id"], "slug": "ville-d-exemple",
                       "found_by": "slug", "certified": True,
                       "page": "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/"}
    assert s.details == {"trouvee_par": "identifiant indiqué dans le fichier des candidats",
                         "badges": ["certified", "public-service"],
                         "page_organisation": "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/",
                         "siret": "21380151700019"}


def test_datasets_listed_without_any_organisation_answer_are_neutre_found_by_unknown():
    s = datagouv_org.run(observations(api_responses=answers(ds(1))[1:]))
    assert s.assessment == "neutre" and s.value["certified"] is False
    assert s.value["organization"] == ORG["id"] and s.value["found_by"] is None
    assert s.details["trouvee_par"] == "inconnu" and s.evidence == []


def test_displays_name_the_organisation_and_its_certification():
    assert datagouv_org.run(observations(api_responses=answers(ds(1)))).display == \
        "Ville d'Exemple : organisation certifiée"
    org = dict(ORG, badges=[])
    assert datagouv_org.run(observations(api_responses=answers(ds(1), org=org))).display == \
        "Ville d'Exemple : organisation non certifiée"


def test_no_organisation_display_and_search_count():
    s = datagouv_org.run(observations(api_responses=not_found()))
    assert s.display == "aucune organisation trouvée sur data.gouv.fr" and s.details == {"recherches": 2}


def test_api_unreachable_display():
    index = [IndexEntry(url=f"{API}/organizations/x/", kind="api", error="TimeoutError: délai dépassé")]
    assert datagouv_org.run(observations(index=index)).display == "indéterminé"
