from checks import datagouv_freshness
from ground.archive import IndexEntry
from tests.checks.baseline import observations
from tests.checks.opendata_fixtures import answers, ds, not_found

CRAWL = {"started_at": "2026-11-25T10:00:00Z"}


def run(*datasets, crawl=CRAWL):
    obs = observations(api_responses=answers(*datasets))
    obs.crawl = dict(crawl)
    return datagouv_freshness.run(obs)


def test_mostly_updated_within_12_months_of_the_crawl_is_favorable():
    s = run(ds(1, updated="2026-11-20T08:00:00+00:00"), ds(2, updated="2026-01-10T08:00:00+00:00"),
            ds(3, updated="2023-05-01T08:00:00+00:00"))
    assert s.assessment == "favorable"
    assert s.value == {"datasets": 3, "updated_within_12_months": 2, "share": 0.667,
                       "most_recent": "2026-11-20", "stalest": "2023-05-01"}
    assert "le plus ancien" in s.evidence[0].snippet and "Jeu 3" in s.evidence[0].snippet
    assert "le plus récent" in s.evidence[1].snippet


def test_the_crawl_date_decides_not_today():
    s = run(ds(1, updated="2026-11-20T08:00:00+00:00"), crawl={"started_at": "2028-01-01T00:00:00Z"})
    assert s.assessment == "defavorable" and s.value["updated_within_12_months"] == 0


def test_last_modified_is_used_when_last_update_is_missing():
    old = ds(1, updated="2026-06-01T08:00:00")
    old.pop("last_update")
    s = run(old)
    assert s.value["most_recent"] == "2026-06-01" and s.assessment == "favorable"


def test_some_fresh_is_neutre():
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"), *[ds(i, updated="2024-01-01T08:00:00+00:00") for i in (2, 3, 4)])
    assert s.assessment == "neutre" and s.value["share"] == 0.25


def test_all_stale_is_defavorable():
    s = run(ds(1, updated="2024-06-28T08:00:00+00:00"), ds(2, updated="2025-11-24T08:00:00+00:00"))
    assert s.assessment == "defavorable"


def test_nothing_published_is_neutre_and_unknown_crawl_date_is_inconnu():
    obs = observations(api_responses=not_found())
    obs.crawl = dict(CRAWL)
    assert datagouv_freshness.run(obs).assessment == "neutre"
    s = run(ds(1), crawl={})
    assert s.assessment == "inconnu" and "date de la collecte" in s.reason


def test_updated_exactly_twelve_months_before_the_crawl_is_still_fresh():
    s = run(ds(1, updated="2025-11-25T10:00:00+00:00"))
    assert s.value["updated_within_12_months"] == 1 and s.assessment == "favorable"
    assert s.details["depuis"] == "2025-11-25"


def test_updated_one_day_before_the_twelve_months_is_stale():
    s = run(ds(1, updated="2025-11-24T10:00:00+00:00"))
    assert s.value["updated_within_12_months"] == 0 and s.assessment == "defavorable"


def test_exactly_half_fresh_is_favorable():
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"), ds(2, updated="2020-01-01T08:00:00+00:00"))
    assert s.value["share"] == 0.5 and s.assessment == "favorable"


def test_exactly_one_fifth_fresh_is_neutre():
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"), *[ds(i, updated="2020-01-01T08:00:00+00:00") for i in (2, 3, 4, 5)])
    assert s.value["share"] == 0.2 and s.assessment == "neutre"


def test_under_one_fifth_fresh_is_defavorable():
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"), *[ds(i, updated="2020-01-01T08:00:00+00:00") for i in range(2, 7)])
    assert s.value["share"] == 0.167 and s.assessment == "defavorable"


def test_undated_datasets_count_as_not_fresh_and_are_listed():
    undated = dict(ds(2), last_update=None, last_modified="")
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"), undated, dict(ds(3), last_update="pas une date", last_modified=None))
    assert s.value == {"datasets": 3, "updated_within_12_months": 1, "share": 0.333,
                       "most_recent": "2026-10-01", "stalest": "2026-10-01"}
    assert s.details["sans_date"] == ["Jeu 2", "Jeu 3"]
    assert s.details["mises_a_jour"] == {"Jeu 1": "2026-10-01"}


def test_nothing_dated_has_no_most_recent_and_no_evidence():
    s = run(dict(ds(1), last_update=None, last_modified=None))
    assert s.value["most_recent"] is None and s.value["stalest"] is None
    assert s.assessment == "defavorable" and s.evidence == []


def test_an_unreadable_last_update_falls_back_on_last_modified():
    s = run(dict(ds(1), last_update="inconnue", last_modified="2026-09-30T00:00:00"))
    assert s.value["most_recent"] == "2026-09-30"
    assert "last_modified = 2026-09-30T00:00:00" in s.evidence[0].snippet


def test_last_update_is_preferred_to_last_modified():
    s = run(dict(ds(1), last_update="2024-01-01T00:00:00", last_modified="2026-09-30T00:00:00"))
    assert s.value["most_recent"] == "2024-01-01" and s.assessment == "defavorable"


def test_a_single_dated_dataset_is_shown_once_as_the_oldest():
    s = run(ds(1, updated="2026-10-01T08:00:00+00:00"))
    assert len(s.evidence) == 1 and "le plus ancien" in s.evidence[0].snippet


def test_oldest_and_most_recent_follow_dates_not_listing_order():
    s = run(ds(1, updated="2025-01-01T08:00:00+00:00"), ds(2, updated="2026-11-01T08:00:00+00:00"),
            ds(3, updated="2019-06-01T08:00:00+00:00"))
    assert s.value["stalest"] == "2019-06-01" and s.value["most_recent"] == "2026-11-01"
    assert "Jeu 3" in s.evidence[0].snippet and "Jeu 2" in s.evidence[1].snippet
    assert list(s.details["mises_a_jour"]) == ["Jeu 3", "Jeu 1", "Jeu 2"]


def test_same_date_is_ordered_by_dataset_id():
    s = run(ds(2, updated="2026-10-01T08:00:00+00:00"), ds(1, updated="2026-10-01T08:00:00+00:00"))
    assert "Jeu 1" in s.evidence[0].snippet and "Jeu 2" in s.evidence[1].snippet


def test_display_gives_the_share_counts_and_most_recent_day():
    s = run(ds(1, updated="2026-11-20T08:00:00+00:00"), ds(2, updated="2020-01-10T08:00:00+00:00"),
            ds(3, updated="2021-01-10T08:00:00+00:00"))
    assert s.display == "33 % des jeux mis à jour depuis moins de 12 mois (1 sur 3, le plus récent : 2026-11-20)"


def test_nothing_published_counts_no_dataset():
    obs = observations(api_responses=not_found())
    obs.crawl = dict(CRAWL)
    s = datagouv_freshness.run(obs)
    assert s.value is None and s.details == {"jeux_de_donnees": 0} and len(s.evidence) == 2
    assert "aucune organisation trouvée" in s.display


def test_api_unreachable_is_inconnu_with_the_error():
    obs = observations(index=[IndexEntry(url="https://www.data.gouv.fr/api/1/organizations/", kind="api",
                                         error="DNSLookupError: no such host")])
    obs.crawl = dict(CRAWL)
    s = datagouv_freshness.run(obs)
    assert s.assessment == "inconnu" and s.display == "indéterminé" and s.value is None
    assert s.reason == "API data.gouv.fr non consultée ou injoignable : DNSLookupError: no such host"


def test_unknown_crawl_date_display():
    assert run(ds(1), crawl={}).display == "indéterminé"


def test_the_same_instant_in_two_zones_is_ordered_by_dataset_id():
    # 2026-10-01T01:00+02:00 and 2026-09-30T23:00Z are the same instant: the id decides, not the day as written
    s = run(ds(1, updated="2026-10-01T01:00:00+02:00"), ds(2, updated="2026-09-30T23:00:00+00:00"))
    assert s.value["stalest"] == "2026-10-01" and s.value["most_recent"] == "2026-09-30"


def test_details_give_the_crawl_date():
    assert run(ds(1)).details["date_de_collecte"] == "2026-11-25T10:00:00Z"
