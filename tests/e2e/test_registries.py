"""End to end: the registries' exports fetched once per run over loopback, and the signals built on them."""
from __future__ import annotations

import json

import pytest

from ground.observe import build
from tests.e2e.helpers import EXPECTED, signals


def test_exports_are_fetched_once_per_run_into_their_own_archive(run_out):
    out, _ = run_out
    directory = out / "_registries"
    entries = [json.loads(line) for line in (directory / "index.jsonl").read_text("utf-8").splitlines()]
    purposes = sorted(e["extra"]["purpose"] for e in entries if e["kind"] == "registry")
    assert purposes == ["codegouv_accounts", "comptoir", "sill"]  # once each, not once per candidate
    assert all(e["status"] == 200 and len(e["sha256"]) == 64 for e in entries if e["kind"] == "registry")
    assert not (directory / "candidate.json").exists() and not (directory / "report.json").exists()
    for cid in EXPECTED:
        index = (out / cid / "index.jsonl").read_text("utf-8")
        assert "comptoir-du-libre" not in index and "catalogi.json" not in index


def test_observations_read_the_shared_exports_offline(run_out):
    out, _ = run_out
    obs = build(out / "petit-bourg")
    assert sorted(r.purpose for r in obs.registries) == ["codegouv_accounts", "comptoir", "sill"]
    comptoir = next(r for r in obs.registries if r.purpose == "comptoir")
    assert comptoir.data["number_of_software"] == len(comptoir.data["softwares"]) and comptoir.record_id


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_declared_free_software_use_matches_the_world(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["registries"]["declared_free_software_use"]
    sig = signals(out, cid)["declared_free_software_use"]
    assert sig["assessment"] == exp["assessment"]
    assert sig["value"] == exp["softwares"]
    for ev in sig["evidence"]:
        assert ev["url"].startswith("http://") and len(ev["sha256"]) == 64 and ev["record_id"]


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_source_code_published_matches_the_world(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["registries"]["source_code_published"]
    sig = signals(out, cid)["source_code_published"]
    assert sig["assessment"] == exp["assessment"], sig
    if exp["assessment"] != "inconnu":
        assert sig["value"] == exp["accounts"]
    assert len(sig["evidence"]) >= len(exp["accounts"])


def test_both_signals_show_favourable_and_unfavourable_cases():
    for signal_id in ("declared_free_software_use", "source_code_published"):
        seen = {EXPECTED[cid]["registries"][signal_id]["assessment"] for cid in EXPECTED}
        assert {"favorable", "defavorable"} <= seen, signal_id
    assert EXPECTED["libreville-isere"]["registries"]["declared_free_software_use"]["assessment"] == "favorable"
    assert EXPECTED["petit-bourg"]["registries"]["declared_free_software_use"]["assessment"] == "defavorable"
