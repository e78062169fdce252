"""End to end: third-party services, free-software use and communication signals match the demo world."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import EXPECTED, report, signals

CIDS = sorted(EXPECTED)


def _exp(cid: str, signal_id: str) -> dict:
    return EXPECTED[cid]["third_parties"][signal_id]


@pytest.mark.parametrize("cid", CIDS)
def test_assessments_match_what_each_site_was_built_to_show(run_out, cid):
    out, _ = run_out
    sig = signals(out, cid)
    for signal_id in EXPECTED[cid]["third_parties"]:
        assert sig[signal_id]["assessment"] == _exp(cid, signal_id)["assessment"], signal_id


@pytest.mark.parametrize("cid", [c for c in CIDS if EXPECTED[c].get("reachable", True)])
def test_values_match_the_generated_files(run_out, cid):
    out, _ = run_out
    sig = signals(out, cid)
    office = _exp(cid, "office_suite")
    assert (sig["office_suite"]["details"]["suite_libre"], sig["office_suite"]["details"]["suite_proprietaire"]) == (
        office["free"], office["proprietary"])
    for signal_id in ("maps", "web_server", "video_hosting", "ecosystem_links"):
        assert sorted(sig[signal_id]["value"]) == sorted(_exp(cid, signal_id)["value"]), signal_id
    assert sig["fonts_cdn"]["value"] == _exp(cid, "fonts_cdn")["value"]
    assert sig["social_networks"]["value"] == _exp(cid, "social_networks")["value"]
    legal = sig["legal_pages"]["value"]
    exp = _exp(cid, "legal_pages")
    assert (legal["mentions_legales"], legal["politique_confidentialite"], legal["outils_non_nommes"]) == (
        exp["mentions_legales"], exp["politique_confidentialite"], exp["outils_non_nommes"])
    mutual = sig["mutualisation"]
    assert mutual["value"] == _exp(cid, "mutualisation")["value"]
    hosts = {urlsplit(u).hostname for u in report(out, cid)["candidate"]["websites"]}
    assert {u for u in mutual["details"]["pages"] if urlsplit(u).hostname in hosts} == set(_exp(cid, "mutualisation")["pages"])


def test_every_new_signal_is_favourable_and_unfavourable_somewhere(run_out):
    out, _ = run_out
    seen: dict[str, set[str]] = {}
    for cid in CIDS:
        for signal_id, s in signals(out, cid).items():
            seen.setdefault(signal_id, set()).add(s["assessment"])
    for signal_id in ("office_suite", "maps", "fonts_cdn", "video_hosting", "social_networks", "ecosystem_links",
                      "legal_pages", "mutualisation"):
        assert {"favorable", "defavorable"} <= seen[signal_id], signal_id
    # web_server is a weak signal: never favourable, unfavourable for a proprietary server.
    assert "defavorable" in seen["web_server"] and "favorable" not in seen["web_server"]


def test_evidence_names_the_proprietary_service(run_out):
    out, _ = run_out
    sig = signals(out, "departement-haute-garrigue")
    assert "google.com/maps/embed" in sig["maps"]["evidence"][0]["snippet"]
    assert "fonts.googleapis.com" in sig["fonts_cdn"]["evidence"][0]["snippet"]
    assert sig["web_server"]["evidence"][0]["snippet"].lower().startswith(("server: microsoft-iis", "x-powered-by: asp.net"))
    assert "youtube" in sig["video_hosting"]["evidence"][0]["snippet"]
    office = signals(out, "petit-bourg")["office_suite"]
    assert "Microsoft" in office["evidence"][0]["snippet"] and office["evidence"][0]["sha256"]
