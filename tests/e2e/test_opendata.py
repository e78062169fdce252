"""End to end: the open_data signals on the crawled demo world match what the world was built to show.

Expected values come from expected.yaml (`datagouv`: computed from the fake API's data by
build_world.datagouv_truth; `opendata`: portals and website links, by demo.extensions.opendata).
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from checks import datagouv_freshness, datagouv_licences
from checks.base import load_data, parse_datetime
from tests.e2e.helpers import EXPECTED, report, signals

ALL = sorted(EXPECTED)
REACHABLE = {cid for cid, exp in EXPECTED.items() if exp.get("reachable", True)}


def _grade(share: float, favourable: float, neutral: float) -> str:
    return "favorable" if share >= favourable else "neutre" if share >= neutral else "defavorable"


@pytest.mark.parametrize("cid", ALL)
def test_datagouv_org_certified_badge_and_how_it_was_found(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["datagouv"]
    sig = signals(out, cid)["datagouv_org"]
    if not exp:
        assert (sig["assessment"], sig["value"]) == ("defavorable", None)
        return
    assert sig["value"]["organization_id"] == exp["organization_id"]
    assert sig["value"]["found_by"] == exp["found_by"]
    assert sig["value"]["certified"] is exp["certified"]
    assert sig["value"]["page"] == exp["organization_page"]
    assert sig["assessment"] == ("favorable" if exp["certified"] else "neutre")


@pytest.mark.parametrize("cid", ALL)
def test_datagouv_licences_share_under_open_licences(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["datagouv"]
    sig = signals(out, cid)["datagouv_licences"]
    if not exp or not exp["datasets"]:
        assert sig["assessment"] == "neutre" and sig["value"] is None
        return
    open_ids = set(load_data("opendata.yaml")["licences"])
    n_open = sum(1 for lic in exp["licences"].values() if lic in open_ids)
    assert (sig["value"]["datasets"], sig["value"]["open"]) == (exp["datasets"], n_open)
    assert sig["details"]["par_licence"] == {k: list(exp["licences"].values()).count(k)
                                             for k in sorted(set(exp["licences"].values()))}
    assert sig["assessment"] == _grade(n_open / exp["datasets"], datagouv_licences.FAVORABLE_SHARE,
                                       datagouv_licences.NEUTRAL_SHARE)


@pytest.mark.parametrize("cid", ALL)
def test_datagouv_freshness_relative_to_the_crawl_date(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["datagouv"]
    sig = signals(out, cid)["datagouv_freshness"]
    if not exp or not exp["datasets"]:
        assert sig["assessment"] == "neutre" and sig["value"] is None
        return
    since = parse_datetime(report(out, cid)["crawl"]["started_at"]) - timedelta(days=365)
    dates = sorted(exp["last_updates"].values())
    fresh = sum(1 for d in dates if parse_datetime(d) >= since)
    assert sig["value"]["updated_within_12_months"] == fresh
    assert (sig["value"]["stalest"], sig["value"]["most_recent"]) == (dates[0][:10], dates[-1][:10])
    assert sig["assessment"] == _grade(fresh / exp["datasets"], datagouv_freshness.FAVORABLE_SHARE,
                                       datagouv_freshness.NEUTRAL_SHARE)


@pytest.mark.parametrize("cid", ALL)
def test_scdl_schemas_declared_by_the_datasets(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["datagouv"]
    sig = signals(out, cid)["scdl_schemas"]
    if not exp or not exp["datasets"]:
        assert sig["assessment"] == "neutre"
        return
    prefix = load_data("opendata.yaml")["scdl_prefix"]
    names = sorted({n for ns in exp["schemas"].values() for n in ns if n.startswith(prefix)})
    assert sig["value"] == names
    assert sig["assessment"] == ("favorable" if names else "defavorable")


@pytest.mark.parametrize("cid", ALL)
def test_opendata_portal_and_its_software(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["opendata"]["portal"]
    sig = signals(out, cid)["opendata_portal"]
    if exp is None:
        datasets = (EXPECTED[cid]["datagouv"] or {}).get("datasets")
        wanted = "inconnu" if cid not in REACHABLE else "neutre" if datasets else "defavorable"
        assert (sig["assessment"], sig["value"]) == (wanted, None)
        return
    assert sig["value"] == exp
    assert sig["assessment"] == ("favorable" if exp["free"] else "neutre")
    assert sig["evidence"][0]["http_status"] == 200 and len(sig["evidence"][0]["sha256"]) == 64


@pytest.mark.parametrize("cid", ALL)
def test_website_links_to_its_open_data(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["opendata"]
    sig = signals(out, cid)["website_links_opendata"]
    if cid not in REACHABLE:
        assert sig["assessment"] == "inconnu"
        return
    assert sig["value"] == exp["website_links"]
    has_data = exp["portal"] is not None or bool((EXPECTED[cid]["datagouv"] or {}).get("datasets"))
    wanted = "favorable" if exp["website_links"] else "defavorable" if has_data else "neutre"
    assert sig["assessment"] == wanted


def test_every_open_data_signal_is_both_favorable_and_defavorable_somewhere(run_out):
    out, _ = run_out
    ids = ("datagouv_org", "datagouv_licences", "datagouv_freshness", "scdl_schemas", "opendata_portal",
           "website_links_opendata")
    seen = {sid: {signals(out, cid)[sid]["assessment"] for cid in ALL} for sid in ids}
    for sid in ids:
        if sid == "datagouv_freshness":
            continue  # relative to the day the test runs: asserted against expected.yaml above
        assert {"favorable", "defavorable"} <= seen[sid], (sid, seen[sid])


def test_portals_are_probed_once_per_host(run_out):
    from ground.observe import build

    out, _ = run_out
    for cid in REACHABLE:
        probes = [p for p in build(out / cid).probes if p.purpose.startswith("portal:")]
        assert len({p.url for p in probes}) == len(probes), cid
