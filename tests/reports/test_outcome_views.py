"""The edition's outcome in the views: report.html, the overview (HTML, CSV, XLSX) and the diff show it
in the edition's own words (a tier and mentions for 2025, a level before). Reports are views of
report.json: the outcomes below are written by hand in its shape."""
from __future__ import annotations

import copy
import json
import re

import pandas as pd
from bs4 import BeautifulSoup

from reports.diff import write_diff
from reports.html import render_candidate
from reports.overview import render_overview
from tests.reports.sample_reports import make_report

TIER_OUTCOME = {
    "edition": 2025, "scale": "tiers", "indicative": True, "score": 0.676, "domains_evaluated": 5, "min_domains": 3,
    "domains": [{"domain": "strategie", "title": "Stratégie et mutualisation", "level": 5, "score": 0.833},
                {"domain": "open_data", "title": "Gestion des données publiques", "level": 3, "score": 0.538}],
    "track": "label", "track_given": True, "thresholds": {"bronze": 0.4, "argent": 0.55, "or": 0.7},
    "status": "evalue", "result": "argent", "rank": 2, "level": None, "tier": "argent",
    "display": "label Argent (indicatif)", "display_en": "Silver label (indicative)",
    "next": {"tier": "or", "share": 0.7, "missing": 0.024},
    "mentions": [
        {"id": "promotion", "title": "Promotion et sensibilisation au logiciel libre",
         "title_en": "Promotion and awareness of free software", "status": "suggeree",
         "reason": "les preuves parlent pour cette mention", "reason_en": "the evidence speaks for this mention",
         "note": "", "note_en": "", "min_favorable": 2, "supporting_favorable": 2,
         "signals": [{"id": "free_software_mentions", "title": "Logiciels libres cités", "role": "required",
                      "assessment": "favorable"},
                     {"id": "fediverse", "title": "Fédivers", "role": "supporting", "assessment": "favorable"}]},
        {"id": "sobriete", "title": "Sobriété numérique", "title_en": "Digital sobriety", "status": "non_suggeree",
         "reason": "les preuves ne suffisent pas à cette mention", "reason_en": "", "note": "", "note_en": "",
         "min_favorable": 2, "supporting_favorable": 0,
         "signals": [{"id": "ecoindex", "title": "EcoIndex", "role": "required", "assessment": "defavorable"}]},
    ],
    "unjudged": [{"id": "premiere_candidature", "title": "Meilleure première candidature", "title_en": "",
                  "why": "pas sur le web", "why_en": ""}],
}
LEVEL_OUTCOME = {"edition": 2024, "scale": "levels", "indicative": True, "score": 0.676, "domains_evaluated": 5,
                 "min_domains": 3, "domains": [], "thresholds": {"1": 0.0, "2": 0.2, "3": 0.4, "4": 0.6, "5": 0.8},
                 "status": "evalue", "result": "4", "rank": 4, "level": 4, "tier": None,
                 "display": "niveau 4 (indicatif)", "display_en": "level 4 (indicative)"}


def words(node) -> str:
    """A node's text with its runs of ordinary blanks squashed (narrow no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", node.get_text(" ")).strip()


def with_outcome(outcome, cid="libreville-isere", name="Libreville-sur-Isère"):
    report = make_report(cid, name)
    report["outcome"] = copy.deepcopy(outcome)
    return report


def test_candidate_page_shows_track_tier_score_thresholds_and_mentions_with_their_signals(tmp_path):
    path = render_candidate(with_outcome(TIER_OUTCOME), tmp_path)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="resultat")
    text = words(section)
    assert soup.find(id="resultat-indicatif").get_text() == "label Argent (indicatif)"
    assert "label (Bronze, Argent, Or)" in text and "le jury décide" in text
    assert "67,6\u202f% des points en moyenne sur 5 domaine(s) évalué(s)" in text
    assert "Bronze 40\u202f%, Argent 55\u202f%, Or 70\u202f%" in text
    # 0.024 missing: 2,4 percentage points.
    assert "Palier Or : 70\u202f% des points, soit 2,4 points de pourcentage de plus" in text
    # Every number links to its evidence: a domain's share to its level, a mention's signal to the signal.
    assert section.find("a", string="83,3\u202f%")["href"] == "#domaine-strategie-niveau"
    promotion = section.find(id="mention-promotion")
    assert "suggérée par les preuves" in promotion.get_text()
    assert promotion.find("a", string="Fédivers")["href"] == "#signal-fediverse"
    assert "non suggérée" in section.find(id="mention-sobriete").get_text()
    assert "Meilleure première candidature (pas sur le web)" in text


def test_candidate_page_in_english_uses_the_outcomes_english_words(tmp_path):
    path = render_candidate(with_outcome(TIER_OUTCOME), tmp_path, "en")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    text = words(soup.find(id="resultat"))
    assert soup.find(id="resultat-indicatif").get_text() == "Silver label (indicative)"
    assert "Bronze 40%, Silver 55%, Gold 70%" in text and "Promotion and awareness of free software" in text


def test_a_level_edition_shows_its_level_and_no_track_nor_mentions(tmp_path):
    path = render_candidate(with_outcome(LEVEL_OUTCOME), tmp_path)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    text = words(soup.find(id="resultat"))
    assert soup.find(id="resultat-indicatif").get_text() == "niveau 4 (indicatif)"
    assert "niveau 2 20\u202f%" in text and "Parcours" not in text and soup.find(id="mentions-titre") is None


def test_a_report_without_outcome_still_renders_without_the_section(tmp_path):
    report = make_report()
    report.pop("outcome", None)
    soup = BeautifulSoup(render_candidate(report, tmp_path).read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="resultat") is None and soup.find(id="synthese") is not None


def test_overview_csv_and_page_carry_the_outcome(tmp_path):
    reports = [with_outcome(TIER_OUTCOME), with_outcome(LEVEL_OUTCOME, "bourg", "Bourg")]
    paths = render_overview(reports, tmp_path)
    frame = pd.read_csv(paths["csv"], dtype=str, keep_default_na=False)
    tier, level = frame.iloc[0], frame.iloc[1]
    assert (tier["edition"], tier["parcours"], tier["resultat_indicatif"], tier["score_indicatif"]) == (
        "2025", "label", "argent", "0.676")
    assert tier["resultat_libelle"] == "label Argent (indicatif)" and tier["mentions_suggerees"] == "promotion"
    assert (level["edition"], level["parcours"], level["resultat_indicatif"], level["mentions_suggerees"]) == (
        "2024", "", "4", "")
    soup = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "html.parser")
    cell = soup.find("td", class_="outcome")
    assert cell.find("a")["href"] == "libreville-isere/report.html#resultat"
    assert "label Argent (indicatif)" in cell.get_text() and "Promotion et sensibilisation" in cell.get_text()
    assert "Sobriété" not in cell.get_text()  # not suggested: not listed


def _write(folder, report):
    (folder / report["candidate"]["id"]).mkdir(parents=True)
    (folder / report["candidate"]["id"] / "report.json").write_text(json.dumps(report), encoding="utf-8")


def test_diff_shows_the_outcome_before_and_after_and_counts_its_change(tmp_path):
    old, new = with_outcome(TIER_OUTCOME), with_outcome(TIER_OUTCOME)
    new["outcome"].update(result="or", tier="or", display="label Or (indicatif)", display_en="Gold label (indicative)")
    _write(tmp_path / "old", old), _write(tmp_path / "new", new)
    paths = write_diff(tmp_path / "old", tmp_path / "new", tmp_path / "diff")
    diff = json.loads(paths["json"].read_text(encoding="utf-8"))
    entry = diff["candidates"][0]
    assert entry["changed"] is True  # only the outcome changed
    assert (entry["outcome"]["old"]["result"], entry["outcome"]["new"]["result"]) == ("argent", "or")
    soup = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "html.parser")
    row = soup.find("tr", class_="changed")
    assert "label Argent (indicatif)" in row.get_text() and "label Or (indicatif)" in row.get_text()
    assert "édition 2025" in row.get_text() and "Promotion et sensibilisation au logiciel libre" in row.get_text()
    english = write_diff(tmp_path / "old", tmp_path / "new", tmp_path / "diff-en", "en")
    assert "Gold label (indicative)" in english["html"].read_text(encoding="utf-8")
    # The same outcome on both sides and nothing else changed: no change.
    _write(tmp_path / "same", old)
    same = json.loads(write_diff(tmp_path / "old", tmp_path / "same", tmp_path / "d2")["json"].read_text("utf-8"))
    assert same["candidates"][0]["changed"] is False
