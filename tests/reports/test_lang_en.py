"""English views (`--lang en`): every reader-facing string in both languages, French unchanged by default."""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sample_reports import make_report

from checks.registry import CHECKS
from checks.rubric import edition_path, load_rubric
from ground.model import DOMAINS
from reports import diff as diff_mod
from reports import html as html_mod
from reports import overview as overview_mod
from reports.diff import UI_DIFF, UI_DIFF_EN, write_diff
from reports.html import UI, UI_EN, localize, render_candidate
from reports.overview import UI_OVERVIEW, UI_OVERVIEW_EN, render_overview

META = {c.meta.id: c.meta for c in CHECKS}
RUBRIC, SOURCE = load_rubric()

# French words of the report's own labels: none may remain in an English page once the quoted data
# (values, reasons, details, snippets, claims' findings, errors) is set aside.
FRENCH_UI_WORDS = (
    "Synthèse", "Sommaire", "Collecte", "collecte", "Domaine", "Niveau", "niveau", "Preuves", "Valeur constatée",
    "Remarque", "Éléments", "Aller au contenu", "Erreurs", "Déclaration", "Défavorable", "Favorable", "Inconnu",
    "Neutre", "Rapport", "généré", "Afficher", "Extrait", "Lien", "Pour progresser", "non évalué", "Oui", "Non",
    "Sites web", "Agent utilisateur", "Limites", "profondeur", "Pages au plus", "Poids", "Appréciation",
    "contredit", "confirmé", "vérifiable", "Attendu", "Constat", "Identifiant", "novembre", " à ", "Produit par",
    "Grille", "grille", "édition", "Édition", "défaut", "Commune de", "intercommunalité", "Type de",
    "Stratégie", "Interopérabilité et", "Ouverture des données", "Titre du signal", "Ce que mesure",
    "Vue d'ensemble", "Télécharger", "Filtrer", "Carte des niveaux", "Signaux", "Évolution", "Avant", "Après",
    "Aucun", "Nouveau candidat", "perdue", "nouvelle",
)
# Where a report shows observed data as it was found or computed (French by design, see UI_EN["quoted_note"]).
QUOTED = ("p.value a", "p.value strong", "p.reason", "div.details-box", "q", "td.snippet", "span.mono",
          "p#langue-citations", "table.claims td:nth-of-type(1)", "table.claims td:nth-of-type(3)",
          "table.claims td:nth-of-type(5)", "table.errors td:nth-of-type(4)", "table.sites td:nth-of-type(3)",
          "h1", "dl.identity dd a", "td.sig a", "code")


def demo_like_report() -> dict[str, Any]:
    """A report.json as build_report writes it: real signal titles, the 2024 edition, levels and a claim."""
    report = make_report()
    for sig in report["signals"]:
        meta = META[sig["id"]]
        sig.update(title=meta.title, description=meta.description, title_en=meta.title_en,
                   description_en=meta.description_en)
    for dom in report["domains"]:
        dom.update(title=RUBRIC.domain_title(dom["id"]), description=RUBRIC.domain_description(dom["id"]),
                   **RUBRIC.domain_text_en(dom["id"]))
    titles = {s["id"]: s["title"] for s in report["signals"]}
    report["levels"] = [
        {"domain": d, "title": RUBRIC.domain_title(d), "level": lv, "score": 0.5, "points": 2, "max_points": 4,
         "signals": [{"id": s["id"], "title": titles[s["id"]], "assessment": s["assessment"], "weight": 2,
                      "points": 1, "applicable": s["assessment"] != "inconnu"}
                     for s in report["signals"] if s["domain"] == d],
         "to_raise": [{"id": s["id"], "title": titles[s["id"]], "gain": 2.0, "level_if_favorable": 4}
                      for s in report["signals"] if s["domain"] == d and s["assessment"] == "defavorable"]}
        for d, lv in zip(DOMAINS, (4, 3, 2, None, 5))
    ]
    profile = RUBRIC.profiles[0]
    report["rubric"] = {**SOURCE, "profile": {"id": profile.id, "title": profile.title, "title_en": profile.title_en,
                                              "note": profile.note, "levels": {2: 0.25, 3: 0.45},
                                              "overrides": [{"domain": "open_data", "signal": "scdl_schemas",
                                                             "weight": 0, "general_weight": 2}]}}
    report["claims"] = [
        {"domain": "logiciels_libres", "text": "Nous utilisons WordPress", "signal": "cms", "expect": "WordPress",
         "status": "confirmé", "explanation": "valeur constatée : WordPress", "evidence": [{"url": "https://v.fr/"}]},
        {"domain": "communication", "text": "Nous sommes sur Mastodon", "signal": "fediverse", "expect": "present",
         "status": "contredit", "explanation": "valeur constatée : aucun compte", "evidence": []},
        {"domain": "open_data", "text": "Données fraîches", "signal": "datagouv_freshness", "expect": ">= 80 %",
         "status": "non vérifiable", "explanation": "signal non calculé", "evidence": []},
    ]
    return report


def render(report: dict[str, Any], tmp_path: Path, lang: str) -> tuple[str, BeautifulSoup]:
    text = render_candidate(report, tmp_path / lang, lang).read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


def ui_text(soup: BeautifulSoup) -> str:
    """The page's words once quoted data is set aside."""
    soup = copy.copy(soup)
    for node in [n for selector in QUOTED for n in soup.select(selector)]:
        node.decompose()
    for node in soup(["style", "script"]):
        node.decompose()
    return soup.get_text(" ")


def assert_no_french(text: str) -> None:
    left = [w for w in FRENCH_UI_WORDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    assert not left, f"French left in the English page: {left}"


def test_every_string_table_exists_in_both_languages():
    assert UI_EN.keys() == UI.keys()
    assert UI_OVERVIEW_EN.keys() == UI_OVERVIEW.keys()
    assert UI_DIFF_EN.keys() == UI_DIFF.keys()
    fr, en = html_mod.STRINGS["fr"], html_mod.STRINGS["en"]
    assert fr.keys() == en.keys()
    for key in fr:
        if isinstance(fr[key], dict):
            assert fr[key].keys() == en[key].keys(), key
        else:
            assert len(fr[key]) == len(en[key]), key
    # Placeholders match, so a format() never fails in one language only.
    for fr_table, en_table in ((UI, UI_EN), (UI_OVERVIEW, UI_OVERVIEW_EN), (UI_DIFF, UI_DIFF_EN)):
        for key, value in fr_table.items():
            if isinstance(value, dict):  # a table of words (the causes of a change): the same keys
                assert value.keys() == en_table[key].keys(), key
                continue
            assert set(re.findall(r"\{(\w+)\}", value)) == set(re.findall(r"\{(\w+)\}", en_table[key])), key


def test_every_signal_and_domain_has_english_words():
    for meta in META.values():
        assert meta.title_en and meta.description_en, meta.id
        assert meta.title_en != meta.title, meta.id
    for edition in (2019, 2024):
        rubric, source = load_rubric(edition=edition)
        assert source["edition_label_en"], edition_path(edition)
        for domain in DOMAINS:
            text = rubric.domain_text_en(domain)
            assert text["title_en"] and text["description_en"], (edition, domain)
        for profile in rubric.profiles:
            assert profile.title_en, (edition, profile.id)


def test_english_report_has_lang_en_english_sections_and_no_french_label(tmp_path):
    text, soup = render(demo_like_report(), tmp_path, "en")
    assert soup.html["lang"] == "en"
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert headings[:3] == ["Summary by domain", "Candidate's claims", "What was collected"]
    assert headings[3:8] == [RUBRIC.domain_text_en(d)["title_en"] for d in DOMAINS]
    assert headings[-1] == "Collection errors"
    assert soup.title.get_text() == "Evidence report — Libreville-sur-Isère"
    assert soup.find("a", class_="skip").get_text() == "Skip to content"
    # Signals under their English titles and explanations.
    cms = soup.find(id="signal-cms")
    assert cms.find("h3").get_text() == META["cms"].title_en
    assert cms.find("p", class_="desc").get_text() == META["cms"].description_en
    assert "Neutral" in cms.find(class_="badge").get_text()
    # Levels, radar, profile, edition and claims in English.
    assert soup.find("svg").find("title").get_text() == "Indicative levels per domain (radar)"
    assert "level 4" in soup.find("svg").get_text(" ") and "not assessed" in soup.find("svg").get_text(" ")
    grid = soup.find(id="niveaux-grille").get_text(" ")
    assert "2025 edition" in grid and "Municipality of at most 3,500 inhabitants" in grid
    assert "the rubric shipped with the tool" in soup.get_text(" ")
    statuses = [b.get_text() for b in soup.select("table.claims span.badge")]
    assert statuses == ["confirmed", "contradicted", "not verifiable"]
    assert "25 November 2026 at 21:00:00 UTC" in soup.get_text(" ")
    # What stays French is said once, at the top.
    assert soup.find(id="langue-citations").get_text() == UI_EN["quoted_note"]
    assert_no_french(ui_text(soup))


def test_french_stays_the_default_and_ignores_the_english_words(tmp_path):
    report = demo_like_report()
    default = render_candidate(report, tmp_path / "default").read_text(encoding="utf-8")
    text, soup = render(report, tmp_path, "fr")
    assert text == default
    assert soup.html["lang"] == "fr" and soup.find(id="langue-citations") is None
    assert soup.find("h2").get_text() == "Synthèse par domaine"
    assert soup.find(id="signal-cms").find("h3").get_text() == META["cms"].title
    assert "Skip to content" not in text
    with pytest.raises(AssertionError):  # the word list does catch a French page
        assert_no_french(ui_text(soup))
    # The English twins change nothing in French: same page as a report without them.
    stripped = copy.deepcopy(report)
    for item in stripped["signals"] + stripped["domains"]:
        item.pop("title_en", None), item.pop("description_en", None)
    stripped["rubric"].pop("edition_label_en"), stripped["rubric"]["profile"].pop("title_en")
    assert render_candidate(stripped, tmp_path / "stripped").read_text(encoding="utf-8") == default


def test_english_falls_back_to_french_titles_of_an_old_report(tmp_path):
    report = make_report()  # written before English titles existed: no *_en keys
    _, soup = render(report, tmp_path, "en")
    assert soup.html["lang"] == "en"
    assert soup.find(id="signal-cms").find("h3").get_text() == "Titre du signal cms"
    assert soup.find("h2").get_text() == "Summary by domain"


def test_localize_leaves_the_canonical_report_untouched():
    report = demo_like_report()
    before = copy.deepcopy(report)
    english = localize(report, "en")
    assert report == before
    assert english["signals"][0]["title"] == META["strategy_mentions"].title_en
    assert english["levels"][0]["title"] == "Strategy and pooling"
    assert english["levels"][1]["to_raise"][0]["title"] == META["open_formats"].title_en
    assert localize(report, "fr") is report


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError):
        render_candidate(demo_like_report(), tmp_path, "de")


def test_english_overview(tmp_path):
    second = demo_like_report()
    second["candidate"] = {**second["candidate"], "id": "petit-bourg", "name": "Petit-Bourg", "kind": "epci"}
    paths = render_overview([demo_like_report(), second], tmp_path, "en")
    soup = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.find("h1").get_text() == "Overview of the applications"
    headers = [th.get_text(" ", strip=True) for th in soup.select("table.overview thead th, table.signals thead th")]
    assert "Good digital practices" in headers and "Local authority" in headers
    assert any(h.startswith(META["cms"].title_en) for h in headers)
    assert "intercommunality (EPCI)" in soup.get_text(" ")
    assert_no_french(ui_text(soup))
    # The CSV is data, the same in both languages.
    french = render_overview([demo_like_report(), second], tmp_path / "fr")
    assert french["csv"].read_bytes() == paths["csv"].read_bytes()


def _write(out: Path, report: dict[str, Any]) -> None:
    folder = out / report["candidate"]["id"]
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(__import__("json").dumps(report), encoding="utf-8")


def test_english_diff(tmp_path):
    old, new = demo_like_report(), demo_like_report()
    new["signals"][6] = {**new["signals"][6], "assessment": "favorable", "display": "1 compte", "value": ["@v"]}
    new["levels"][3] = {**new["levels"][3], "level": 3}
    _write(tmp_path / "old", old), _write(tmp_path / "new", new)
    paths = write_diff(tmp_path / "old", tmp_path / "new", tmp_path / "diff", "en")
    soup = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en" and soup.find("h1").get_text() == "Changes between two collections"
    rows = [th.get_text(" ", strip=True) for th in soup.select("tbody th")]
    assert "The free software ecosystem" in rows  # the 2025 edition's title (default)
    assert any(r.startswith(META["fediverse"].title_en) for r in rows)
    assert "Favourable" in soup.get_text(" ")
    assert_no_french(ui_text(soup))
    # diff.json stays one canonical file: French titles, English twins beside them.
    data = diff_mod.compute_diff(tmp_path / "old", tmp_path / "new")
    fedi = data["candidates"][0]["signals"][0]
    assert fedi["title"] == META["fediverse"].title and fedi["title_en"] == META["fediverse"].title_en


def test_overview_module_keeps_one_string_table_per_language():
    assert overview_mod.UI_OVERVIEW_BY_LANG == {"fr": UI_OVERVIEW, "en": UI_OVERVIEW_EN}
