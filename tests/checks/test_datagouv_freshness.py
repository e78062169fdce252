from checks import datagouv_freshness
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
