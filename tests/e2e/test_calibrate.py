"""`tnl calibrate` on the crawl of the demo territory, against tests/data/resultats-demo.csv.

What the demo reports say (outcome, edition 2025, scores as the mean of the five domains' scores):
Libreville 0.994 (or), Val de Roche 0.676 (argent), Haute-Garrigue 0.135 (aucun: « grande collectivité »,
Bronze at 0.45), Petit-Bourg 0.094 (badge track, « petite commune », badge at 0.3: not supported),
Saint-Disparu not reached (non évaluable). The rubric weights are the same in 2024, so the 2024 levels
are those scores on 0.2 / 0.4 / 0.6 / 0.8 (Haute-Garrigue: 0.25 / 0.45 / 0.65 / 0.85): 5, 4, 1, 1.
The expected figures below are worked out from these by hand."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.helpers import report
from tnl.cli import main

RESULTS = Path(__file__).resolve().parents[1] / "data" / "resultats-demo.csv"


@pytest.fixture(scope="module")
def calibrated(run_out, tmp_path_factory):
    """A copy of the shared run (never written into), calibrated with a minimum of 3."""
    src, _ = run_out
    out = tmp_path_factory.mktemp("calibrate") / "run"
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("*.warc.gz"))
    assert main(["calibrate", str(out), str(RESULTS), "--min-candidates", "3", "--quiet"]) == 0
    return out, json.loads((out / "calibration.json").read_text(encoding="utf-8"))


def _track(data: dict, edition: int, name: str | None) -> dict:
    ed = next(e for e in data["editions"] if e["edition"] == edition)
    return next(t for t in ed["tracks"] if t["track"] == name)


def _nonzero(confusion: list[dict]) -> dict:
    return {row["published"]: {k: v for k, v in row["counts"].items() if v} for row in confusion}


def test_the_recomputed_outcome_is_the_one_the_reports_give_for_their_own_edition_and_track(calibrated):
    out, data = calibrated
    for t in next(e for e in data["editions"] if e["edition"] == 2025)["tracks"]:
        for c in t["candidates"]:
            stored = report(out, c["id"])["outcome"]
            assert stored["track"] == c["track"]
            assert (c["ours"], c["score"], c["status"]) == (stored["result"], stored["score"], stored["status"])


def test_2025_label_badge_and_mentions(calibrated):
    _, data = calibrated
    ed = next(e for e in data["editions"] if e["edition"] == 2025)
    assert (ed["rows"], ed["matched"], ed["scale"]) == (6, 5, "tiers")
    label = _track(data, 2025, "label")
    assert {c["id"]: c["matched_by"] for c in label["candidates"]} == {
        "libreville-isere": "nom", "agglo-val-de-roche": "siren", "departement-haute-garrigue": "id",
        "saint-disparu": "nom"}
    # or → or, argent → argent, bronze → aucun (Haute-Garrigue) and non évaluable (Saint-Disparu).
    assert _nonzero(label["confusion"]) == {"or": {"or": 1}, "argent": {"argent": 1},
                                            "bronze": {"aucun": 1, "non_evaluable": 1}}
    # 3 evaluated, 2 exact; aucun is one rank below bronze: 3 within one.
    assert label["agreement"] == {"n": 3, "exact": 2, "exact_share": 0.667, "within_one": 3,
                                  "within_one_share": 1.0, "not_evaluable": 1, "coverage": 0.75}
    # Published ranks 3, 2, 1 and scores 0.994, 0.676, 0.135 in the same order: ρ = 1.
    assert label["spearman"] == {"rho": 1.0, "n": 3, "sufficient": True}
    # Cut of argent in (0.135, 0.676] nearest 0.55; of or in (0.676, 0.994] nearest 0.7; bronze, the lowest
    # published, not fitted. Each published outcome once: leave-one-out cannot predict any.
    th = label["thresholds"]
    assert th["fitted"] == {"bronze": None, "argent": 0.55, "or": 0.7}
    assert (th["current_agreement"]["exact"], th["fitted_agreement"]["exact"], th["loo_agreement"]["exact"]) == (2, 3, 0)
    badge = _track(data, 2025, "badge")
    # Petit-Bourg's published badge, compared on the badge track: 0.094 is below its badge (0.3).
    assert [(c["id"], c["ours"], c["score"]) for c in badge["candidates"]] == [("petit-bourg", "aucun", 0.094)]
    assert badge["agreement"]["exact"] == 0 and badge["thresholds"]["status"] == "donnees_insuffisantes"
    mentions = {m["id"]: m for m in ed["mentions"]}
    # Suggested: Libreville all three; Val de Roche promotion and sobriete; the others none; Saint-Disparu
    # not evaluable. Published: Libreville mutualisation, Val de Roche promotion, Petit-Bourg sobriete.
    assert mentions["mutualisation"]["table"] == {"both": 1, "published_only": 0, "suggested_only": 0, "neither": 3}
    assert mentions["promotion"]["table"] == {"both": 1, "published_only": 0, "suggested_only": 1, "neither": 2}
    assert mentions["sobriete"]["table"] == {"both": 0, "published_only": 1, "suggested_only": 2, "neither": 1}
    assert [mentions[m]["agreement"] for m in ("mutualisation", "promotion", "sobriete")] == [4, 3, 1]
    assert mentions["mutualisation"]["not_evaluable"] == {"published": 0, "not_published": 1}
    assert mentions["premiere_candidature"]["judged"] is False and mentions["premiere_candidature"]["published"] == 1


def test_2024_levels_from_the_same_crawl(calibrated):
    _, data = calibrated
    t = _track(data, 2024, None)
    assert {c["id"]: c["ours"] for c in t["candidates"]} == {
        "libreville-isere": "5", "agglo-val-de-roche": "4", "departement-haute-garrigue": "1", "petit-bourg": "1",
        "saint-disparu": None}
    assert _nonzero(t["confusion"]) == {"5": {"5": 1}, "4": {"4": 1}, "3": {"non_evaluable": 1}, "2": {"1": 1},
                                        "1": {"1": 1}}
    assert (t["agreement"]["exact"], t["agreement"]["within_one"], t["agreement"]["n"]) == (3, 4, 4)
    assert t["spearman"]["rho"] == 1.0  # ranks 5, 4, 2, 1 against 0.994, 0.676, 0.135, 0.094
    # Cuts: 2 in (0.094, 0.135] nearest 0.2 → 0.135; 4 in (0.135, 0.676] → 0.6; 5 in (0.676, 0.994] → 0.8.
    assert t["thresholds"]["fitted"] == {"1": None, "2": 0.135, "3": None, "4": 0.6, "5": 0.8}
    assert data["unmatched"] == [{"line": 7, "edition": 2025, "resultat": "argent", "id": "",
                                  "nom": '<script>alert("nom")</script>', "siren": "", "reason": "not_found"}]


def test_the_page_has_the_chart_the_words_and_escapes_the_results_file(calibrated):
    out, _ = calibrated
    page = (out / "calibration.html").read_text(encoding="utf-8")
    assert page.count('class="calibration-chart"') == 3  # 2025 label, 2025 badge, 2024
    assert "<circle" in page and "stroke-dasharray" in page
    assert "le jury décide" in page and "parcours badge" in page
    assert "<script>" not in page and "&lt;script&gt;alert(&#34;nom&#34;)&lt;/script&gt;" in page
