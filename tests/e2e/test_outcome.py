"""The demo world through the real command: the 2025 edition (the default) gives each candidate its
track, an indicative tier and the mentions its evidence speaks for, with the supporting signals; the
2024 edition, asked for, still gives levels. Intended outcomes are written by hand in each demo/content
module's PROFILE (expected.yaml)."""
from __future__ import annotations

import json
import shutil

from bs4 import BeautifulSoup

from tests.e2e.helpers import EXPECTED, REACHABLE, report, tnl


def test_the_2025_outcome_is_the_one_each_demo_candidate_was_built_for(run_out):
    out, _proc = run_out
    for cid in REACHABLE:
        outcome = report(out, cid)["outcome"]
        assert outcome["edition"] == 2025 and outcome["scale"] == "tiers" and outcome["indicative"] is True
        assert outcome["result"] == EXPECTED[cid]["outcome_intended_2025"], (cid, outcome["score"])
        suggested = sorted(m["id"] for m in outcome["mentions"] if m["status"] == "suggeree")
        assert suggested == sorted(EXPECTED[cid]["mentions_intended_2025"]), cid
        # Every mention carries the signals that support it, with their assessments as the report has them.
        signals = {s["id"]: s["assessment"] for s in report(out, cid)["signals"]}
        for mention in outcome["mentions"]:
            assert mention["signals"] and all(row["assessment"] == signals[row["id"]] for row in mention["signals"])


def test_the_track_is_the_candidates_file_and_the_badge_is_judged_on_its_own_threshold(run_out):
    out, _proc = run_out
    petit_bourg = report(out, "petit-bourg")["outcome"]
    assert (petit_bourg["track"], petit_bourg["track_given"]) == ("badge", True)
    assert petit_bourg["tier"] is None and "badge" in petit_bourg["thresholds"]  # never a tier on the badge track
    libreville = report(out, "libreville-isere")["outcome"]
    assert libreville["track"] == "label" and libreville["display"] == "label Or (indicatif)"


def test_an_unreachable_candidate_has_no_outcome(run_out):
    out, _proc = run_out
    outcome = report(out, "saint-disparu")["outcome"]
    assert (outcome["status"], outcome["result"], outcome["rank"]) == ("non_evaluable", None, None)
    assert outcome["display"].startswith("non évaluable : site injoignable")


def test_report_and_overview_show_the_outcome_in_the_editions_words(run_out):
    out, _proc = run_out
    page = BeautifulSoup((out / "libreville-isere" / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="resultat-indicatif").get_text() == "label Or (indicatif)"
    assert "Édition 2025" in page.find(id="resultat-titre").get_text()
    assert "suggérée par les preuves" in page.find(id="mention-mutualisation").get_text()
    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    cells = [td.get_text(" ", strip=True) for td in index.find_all("td", class_="outcome")]
    assert any(c.startswith("label Argent (indicatif)") for c in cells)
    assert "parcours,resultat_indicatif" in (out / "overview.csv").read_text(encoding="utf-8").splitlines()[0]


def test_the_2024_edition_still_gives_levels(run_out, tmp_path):
    out, _proc = run_out
    copy = tmp_path / "run"
    shutil.copytree(out, copy)
    proc = tnl("check", str(copy), "--edition", "2024", "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    for cid in REACHABLE:
        rep = json.loads((copy / cid / "report.json").read_text(encoding="utf-8"))
        outcome = rep["outcome"]
        assert (outcome["edition"], outcome["scale"]) == (2024, "levels") and "mentions" not in outcome
        assert outcome["result"] == str(outcome["level"]) and 1 <= outcome["level"] <= 5
        # The per-domain levels and scores stay in report.json whatever the edition.
        assert all("score" in d for d in rep["levels"])
    # Libreville, built as level 5 (expected.yaml), gets level 5 overall under 2024.
    libreville = json.loads((copy / "libreville-isere" / "report.json").read_text(encoding="utf-8"))
    assert libreville["outcome"]["level"] == EXPECTED["libreville-isere"]["level_intended"]
    page = BeautifulSoup((copy / "libreville-isere" / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="resultat-indicatif").get_text() == "niveau 5 (indicatif)"
