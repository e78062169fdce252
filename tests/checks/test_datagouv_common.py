from checks import datagouv_common
from ground.archive import IndexEntry
from ground.observations import ApiResponse
from tests.checks.baseline import WHEN, api, observations
from tests.checks.opendata_fixtures import API, ORG, answers, ds, not_found

OTHER = {"id": "ffffffffffffffffffffffff", "name": "Communauté de communes voisine", "slug": "cc-voisine"}


def datasets_page(*datasets, page: int = 1, status: int = 200) -> ApiResponse:
    return api(f"{API}/datasets/?organization={ORG['id']}&page_size=100&page={page}", "datasets",
               {"data": list(datasets), "page": page, "page_size": 100, "total": len(datasets), "next_page": None},
               status=status)


def unanswered(url: str) -> ApiResponse:
    return ApiResponse(url=url, status=None, fetched_at=WHEN, sha256=None, record_id=None,
                       purpose="organization_search", data=None)


def test_one_archived_answer_is_enough_to_read_the_api():
    obs = observations(api_responses=[unanswered(f"{API}/organizations/?q=Exemple")] + not_found()[:1])
    assert datagouv_common.unanswered_reason(obs) is None


def test_only_unanswered_requests_give_the_last_api_error_as_reason():
    index = [IndexEntry(url=f"{API}/organizations/?q=1", kind="api", error="DNSLookupError: premier essai"),
             IndexEntry(url="https://www.exemple-commune.fr/", kind="page", error="TimeoutError: page"),
             IndexEntry(url=f"{API}/organizations/?q=2", kind="api", error="ConnectionRefusedError: dernier essai"),
             IndexEntry(url=f"{API}/organizations/?q=3", kind="api", error=None)]
    obs = observations(api_responses=[unanswered(f"{API}/organizations/?q=1")], index=index)
    assert datagouv_common.unanswered_reason(obs) == ("API data.gouv.fr non consultée ou injoignable : "
                                                      "ConnectionRefusedError: dernier essai")


def test_no_api_error_recorded_gives_the_bare_reason():
    obs = observations(index=[IndexEntry(url="https://www.exemple-commune.fr/", kind="page", error="TimeoutError")])
    assert datagouv_common.unanswered_reason(obs) == "API data.gouv.fr non consultée ou injoignable"


def test_the_organisation_answer_found_by_slug_is_kept_over_a_later_search():
    search = api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [ORG], "total": 1})
    v = datagouv_common.view(observations(api_responses=answers(ds(1)) + [search]))
    assert v.found_by == "slug" and v.org_response.purpose == "organization"
    assert v.org_id == ORG["id"] and v.name == "Ville d'Exemple"
    assert len(v.searches) == 1


def test_a_search_only_picks_the_organisation_whose_datasets_were_listed():
    search = api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search",
                 {"data": [OTHER, ORG], "total": 2})
    v = datagouv_common.view(observations(api_responses=[search, datasets_page(ds(1))]))
    assert v.organisation == ORG and v.found_by == "name"


def test_a_siren_written_with_spaces_is_still_a_siren_search():
    search = api(f"{API}/organizations/?q=213+801+517&page_size=20", "organization_search",
                 {"data": [ORG], "total": 1})
    v = datagouv_common.view(observations(api_responses=[search, datasets_page(ds(1))]))
    assert v.found_by == "siren"


def test_a_search_without_query_is_a_name_search():
    search = api(f"{API}/organizations/?page_size=20", "organization_search", {"data": [ORG], "total": 1})
    v = datagouv_common.view(observations(api_responses=[search, datasets_page(ds(1))]))
    assert v.found_by == "name"


def test_without_a_datasets_page_no_organisation_is_settled_on():
    search = api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search", {"data": [ORG], "total": 1})
    v = datagouv_common.view(observations(api_responses=[search]))
    assert v.org_id is None and v.organisation is None and v.found_by is None and v.name is None
    assert v.datasets == {}


def test_an_organisation_answer_for_another_id_is_not_the_organisation():
    other = api(f"{API}/organizations/cc-voisine/", "organization", OTHER)
    v = datagouv_common.view(observations(api_responses=[other, datasets_page(ds(1))]))
    assert v.organisation is None and v.found_by is None and v.org_response is None
    assert v.name == ORG["id"]  # the id from the datasets page stands for the missing name


def test_a_failed_organisation_answer_is_not_the_organisation():
    failed = api(f"{API}/organizations/ville-d-exemple/", "organization", dict(ORG), status=500)
    v = datagouv_common.view(observations(api_responses=[failed, datasets_page(ds(1))]))
    assert v.organisation is None and v.found_by is None


def test_a_failed_datasets_answer_is_not_read():
    failed = datasets_page(ds(1), status=404)
    v = datagouv_common.view(observations(api_responses=answers()[:1] + [failed]))
    assert v.dataset_pages == [] and v.org_id is None and v.datasets == {}


def test_an_unanswered_datasets_request_is_not_read():
    lost = ApiResponse(url=f"{API}/datasets/?organization={ORG['id']}", status=None, fetched_at=WHEN, sha256=None,
                       record_id=None, purpose="datasets", data={"data": [ds(1)]})
    v = datagouv_common.view(observations(api_responses=answers()[:1] + [lost]))
    assert v.answered == answers()[:1] and v.datasets == {}


def test_a_dataset_listed_on_two_pages_is_counted_once_with_its_first_page():
    first, second = datasets_page(ds(1), ds(2), page=1), datasets_page(dict(ds(2), title="Jeu 2 bis"), ds(3), page=2)
    v = datagouv_common.view(observations(api_responses=answers()[:1] + [first, second]))
    assert list(v.datasets) == ["ds1", "ds2", "ds3"]
    assert v.datasets["ds2"]["title"] == "Jeu 2"
    assert v.dataset_response["ds2"] is first and v.dataset_response["ds3"] is second
    assert v.dataset_evidence("ds2", "x").url == first.url
    assert v.dataset_evidence("ds9", "x") is None


def test_entries_without_an_id_are_not_datasets():
    v = datagouv_common.view(observations(api_responses=answers({"title": "sans id"}, "texte", ds(1))))
    assert list(v.datasets) == ["ds1"]


def test_search_evidence_counts_each_search_results():
    search = api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search",
                 {"data": [OTHER, ORG], "total": 2})
    v = datagouv_common.view(observations(api_responses=[search]))
    assert [e.snippet for e in v.search_evidence()] == ["recherche : q=Exemple&page_size=20 → 2 résultat(s)"]


def test_nothing_to_judge_says_whether_the_organisation_was_found():
    missing = datagouv_common.view(observations(api_responses=not_found()))
    assert "aucune organisation trouvée" in datagouv_common.nothing_to_judge(missing)
    empty = datagouv_common.view(observations(api_responses=answers()))
    assert "aucun jeu de données publié" in datagouv_common.nothing_to_judge(empty)


def test_a_datasets_page_without_organisation_parameter_settles_on_no_organisation():
    page = api(f"{API}/datasets/?page_size=100", "datasets", {"data": [ds(1)], "page": 1, "page_size": 100,
                                                               "total": 1, "next_page": None})
    v = datagouv_common.view(observations(api_responses=[page]))
    assert v.org_id is None and v.organisation is None
    assert list(v.datasets) == ["ds1"]
