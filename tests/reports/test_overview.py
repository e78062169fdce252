"""render_overview: several report.json dicts → index.html, overview.csv, overview.xlsx."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from reports.overview import neutralise_formula, render_overview

SIGNALS_IN_DOMAIN_ORDER = [
    "strategy_mentions", "a11y_mention", "open_formats", "cms", "analytics",
    "free_software_mentions", "fediverse", "datagouv_datasets",
]
OUTCOME = ["edition", "parcours", "resultat_indicatif", "resultat_libelle", "score_indicatif", "mentions_suggerees"]
BASE = ["id", "name", "kind", "siren", "pages", "documents", "errors", "crawl_complete", "evaluation", *OUTCOME,
        "niveau_indicatif_strategie", "niveau_indicatif_interop_accessibilite", "niveau_indicatif_logiciels_libres",
        "niveau_indicatif_communication", "niveau_indicatif_open_data"]


@pytest.fixture
def reports(make) -> list[dict[str, Any]]:
    second = make("bourg-libre", "Bourg-Libre")
    second["candidate"]["kind"] = "epci"
    second["crawl"]["counts"]["pages"] = 7
    return [make(), second]


def render(reports: list[dict[str, Any]], tmp_path: Path) -> dict[str, Path]:
    paths = render_overview(reports, tmp_path)
    assert paths == {"html": tmp_path / "index.html", "csv": tmp_path / "overview.csv",
                     "xlsx": tmp_path / "overview.xlsx", "figures_html": tmp_path / "chiffres.html",
                     "figures_csv": tmp_path / "chiffres.csv", "figures_groups_csv": tmp_path / "chiffres_groupes.csv",
                     "figures_observatories_csv": tmp_path / "chiffres_observatoires.csv",
                     "prospects_html": tmp_path / "prospects.html", "prospects_csv": tmp_path / "prospects.csv"}
    assert all(p.is_file() for p in paths.values())
    return paths


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


# --- neutralise_formula -------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Libreville", "", " =not first", "1=1", 42, -3, None, 0.5])
def test_other_cells_are_unchanged(cell):
    assert neutralise_formula(cell) == cell


# --- CSV -------------------------------------------------------------------------------------------

def test_csv_columns_one_row_per_candidate(reports, tmp_path):
    frame = read_csv(render(reports, tmp_path)["csv"])
    expected = BASE + [c for s in SIGNALS_IN_DOMAIN_ORDER for c in (s, s + "__assessment")]
    assert list(frame.columns) == expected
    assert list(frame["id"]) == ["libreville-isere", "bourg-libre"]
    assert list(frame["kind"]) == ["commune", "epci"]
    assert list(frame["pages"]) == ["40", "7"]
    row = frame.iloc[0]
    assert row["open_formats"] == "3 ODT sur 7 documents"
    assert row["open_formats__assessment"] == "defavorable"
    assert row["name"] == "Libreville-sur-Isère"


def test_csv_is_plain_utf8_with_commas(reports, tmp_path):
    raw = render(reports, tmp_path)["csv"].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    assert "Libreville-sur-Isère" in text
    assert text.splitlines()[0].startswith("id,name,kind,siren,pages,documents,errors,")


def test_csv_hyperlink_formula_is_neutralised(reports, tmp_path):
    reports[1]["candidate"]["name"] = '=HYPERLINK("http://evil.test","clic")'
    reports[1]["signals"][3]["display"] = "@SUM(1+1)"
    reports[1]["signals"][3]["value"] = "-1+1"
    frame = read_csv(render(reports, tmp_path)["csv"])
    assert frame.loc[1, "name"] == '\'=HYPERLINK("http://evil.test","clic")'
    assert frame.loc[1, "cms"] == "'@SUM(1+1)"
    with (tmp_path / "overview.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_signal_missing_from_one_report_leaves_empty_cells(reports, tmp_path):
    reports[1]["signals"] = [s for s in reports[1]["signals"] if s["id"] != "cms"]
    frame = read_csv(render(reports, tmp_path)["csv"])
    assert frame.loc[0, "cms"] == "WordPress"
    assert frame.loc[1, "cms"] == "" and frame.loc[1, "cms__assessment"] == ""


def test_signal_columns_are_the_union_in_domain_order(reports, tmp_path):
    reports[0]["signals"] = [s for s in reports[0]["signals"] if s["id"] != "fediverse"]
    extra = dict(reports[1]["signals"][0], id="zz_new_strategy", display="nouveau")
    reports[1]["signals"].append(extra)  # listed last, but belongs to the first domain
    columns = list(read_csv(render(reports, tmp_path)["csv"]).columns)
    signal_ids = [c for c in columns[len(BASE):] if not c.endswith("__assessment")]
    assert signal_ids == ["strategy_mentions", "zz_new_strategy"] + SIGNALS_IN_DOMAIN_ORDER[1:]


# --- XLSX ------------------------------------------------------------------------------------------

def test_xlsx_is_a_workbook_people_use(reports, tmp_path):
    """French headers, header row and names frozen, filters, widths, names linking to the reports, one
    sheet per domain and a Lisez-moi; formulas and control characters neutralised (issue 18)."""
    from openpyxl import load_workbook

    reports[1]["candidate"]["name"] = "=1+1"
    reports[1]["signals"][0]["display"] = "texte\x00avec\x07contrôle"  # openpyxl refuses these
    paths = render(reports, tmp_path)
    book = load_workbook(paths["xlsx"])
    assert book.sheetnames == ["Candidatures", "Stratégie et mutualisation", "Interopérabilité et accessibil…",
                               "Logiciels et systèmes libres", "Communication et écosystème du…",
                               "Ouverture des données publiques", "Lisez-moi"]
    ws = book["Candidatures"]
    assert [c.value for c in ws[1]] == [
        "Identifiant", "Collectivité", "Type", "SIREN", "Pages lues", "Documents lus", "Erreurs", "Collecte complète",
        "Évaluation", "Édition", "Parcours", "Résultat indicatif", "Résultat en toutes lettres", "Part des points",
        "Mentions suggérées", "Niveau indicatif : Stratégie et mutualisation",
        "Niveau indicatif : Interopérabilité et accessibilité", "Niveau indicatif : Logiciels et systèmes libres",
        "Niveau indicatif : Communication et écosystème du libre", "Niveau indicatif : Ouverture des données publiques"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == "A1:T3"
    assert [ws.cell(row=r, column=2).value for r in (2, 3)] == ["Libreville-sur-Isère", "'=1+1"]
    assert ws.cell(row=2, column=2).hyperlink.target == "libreville-isere/report.html"
    assert ws.cell(row=3, column=2).hyperlink.target == "bourg-libre/report.html"
    assert [ws.cell(row=r, column=3).value for r in (2, 3)] == ["commune", "intercommunalité (EPCI)"]
    assert [ws.cell(row=r, column=5).value for r in (2, 3)] == [40, 7]
    assert ws.column_dimensions["B"].width >= len("Libreville-sur-Isère")
    strategy = book["Stratégie et mutualisation"]
    assert [c.value for c in strategy[1]] == [
        "Identifiant", "Collectivité", "Niveau indicatif : Stratégie et mutualisation",
        "Titre du signal strategy_mentions", "Titre du signal strategy_mentions : appréciation"]
    assert [c.value for c in strategy[3]][3:] == ["texteaveccontrôle", "Favorable"]
    access = book["Interopérabilité et accessibil…"]
    assert [c.value for c in access[2]][3:5] == ["partiellement conforme", "Favorable"]
    readme = book["Lisez-moi"]
    lines = [r[0] for r in readme.iter_rows(values_only=True)]
    assert lines[0] == "Vue d'ensemble des candidatures au label Territoire Numérique Libre"
    assert "Les niveaux sont indicatifs : ils résument les signaux observés, domaine par domaine. Le jury décide." in lines
    meanings = {(r[0], r[1]): r[2] for r in readme.iter_rows(values_only=True) if r[2]}
    assert meanings[("Candidatures", "Collecte complète")].startswith("« non » : collecte arrêtée avant la fin")
    assert meanings[("Stratégie et mutualisation", "Titre du signal strategy_mentions")] == (
        "Titre du signal strategy_mentions : valeur observée")


def test_xlsx_in_english(reports, tmp_path):
    from openpyxl import load_workbook

    paths = render_overview(reports, tmp_path, "en")
    book = load_workbook(paths["xlsx"])
    assert book.sheetnames[0] == "Applications" and book.sheetnames[-1] == "Read me"
    assert [c.value for c in book["Applications"][1]][:3] == ["Identifier", "Local authority", "Type"]


# --- index.html -----------------------------------------------------------------------------------

def test_index_rows_link_to_candidate_reports(reports, tmp_path):
    soup = BeautifulSoup(render(reports, tmp_path)["html"].read_text(encoding="utf-8"), "lxml")
    assert soup.html["lang"] == "fr"
    rows = soup.find("table", class_="overview").tbody.find_all("tr")
    assert [tr.th.a["href"] for tr in rows] == ["libreville-isere/report.html", "bourg-libre/report.html"]
    assert "intercommunalité (EPCI)" in rows[1].get_text(" ")
    assert rows[1].find("a", href="bourg-libre/report.html#collecte").get_text() == "7"
    assert rows[0].find("a", href="libreville-isere/report.html#erreurs").get_text() == "1"


def test_index_has_one_table_per_domain_one_column_per_signal_with_assessment_text(reports, tmp_path):
    """The signals in one readable table per domain (issue 18: one table of 56 columns, 9,173 px)."""
    soup = BeautifulSoup(render(reports, tmp_path)["html"].read_text(encoding="utf-8"), "lxml")
    tables = soup.find_all("table", class_="signals")
    assert [tb.caption.get_text() for tb in tables][0] == (
        "Signaux du domaine « Stratégie et mutualisation » par collectivité candidate")
    ids = [a["href"].split("#signal-")[1] for tb in tables for a in tb.tbody.tr.find_all("a") if "#signal-" in a["href"]]
    assert ids == SIGNALS_IN_DOMAIN_ORDER
    assert all(th.get("scope") in ("col", "colgroup", "row") for tb in tables for th in tb.find_all("th"))
    assert not soup.find("table", class_="overview").find("a", href="libreville-isere/report.html#signal-cms")
    cell = soup.find("a", href="libreville-isere/report.html#signal-open_formats").parent
    assert "3 ODT sur 7 documents" in cell.get_text() and "Défavorable" in cell.get_text()
    assert "a-defavorable" in cell.find(class_="badge")["class"]
    assert not soup.find("code", class_="subid")  # no identifier in the headers


def test_index_favorable_counts_per_domain_link_to_domain(reports, tmp_path):
    soup = BeautifulSoup(render(reports, tmp_path)["html"].read_text(encoding="utf-8"), "lxml")
    row = soup.find("table", class_="overview").tbody.tr
    link = row.find("a", href="libreville-isere/report.html#domaine-interop_accessibilite")
    assert link.get_text() == "1"


def test_index_escapes_hostile_names_and_ids(reports, tmp_path):
    reports[1]["candidate"]["name"] = "<script>alert(1)</script>"
    reports[1]["candidate"]["id"] = "javascript:alert(1)"
    reports[1]["signals"][0]["display"] = "<img src=x onerror=alert(1)>"
    text = render(reports, tmp_path)["html"].read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "lxml")
    assert soup.find_all("img") == []
    # The one script is our own sort/filter script, allowed by its hash in the page's CSP.
    own = (Path(__file__).resolve().parents[2] / "reports" / "templates" / "overview.js").read_text(encoding="utf-8")
    assert [s.string for s in soup.find_all("script")] == [own] and text.count("<script") == 1
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'sha256-" in csp and "unsafe-inline'; img" not in csp.split("script-src")[1]
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript%3Aalert%281%29/report.html" in hrefs


def test_no_reports_still_writes_all_files(tmp_path):
    paths = render([], tmp_path)
    assert "Aucun rapport" in paths["html"].read_text(encoding="utf-8")
    assert list(read_csv(paths["csv"]).columns) == BASE


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_overview_of_summaries_is_the_overview_of_whole_reports(reports, tmp_path, lang):
    """render_all keeps only summaries (no evidence, details, claims) for the overview: same files."""
    from tnl.pipeline import summary

    assert any(s.get("evidence") for r in reports for s in r["signals"])
    whole = render_overview(reports, tmp_path / "whole", lang)
    light = render_overview([summary(r) for r in reports], tmp_path / "light", lang)
    assert all("evidence" not in s and "details" not in s for r in reports for s in summary(r)["signals"])
    assert whole["csv"].read_bytes() == light["csv"].read_bytes()
    assert whole["html"].read_text(encoding="utf-8") == light["html"].read_text(encoding="utf-8")
    for sheet in pd.ExcelFile(whole["xlsx"]).sheet_names:
        assert pd.read_excel(whole["xlsx"], sheet, dtype=str).equals(pd.read_excel(light["xlsx"], sheet, dtype=str))


# --- chiffres.html ------------------------------------------------------------------------------------

def test_figures_count_each_candidate_once_over_those_where_the_signal_was_established(reports, tmp_path):
    """Counted by hand on the two sample reports: both state an accessibility mention (2 of 2); their
    audience tool is « inconnu » (no base for Matomo: 0 of 0, 2 not established); their CMS value is
    the plain string "wordpress", not a free CMS as the check writes one (0 of 2)."""
    from reports.figures import compute

    figures = {f["key"]: f for f in compute(reports)}
    assert (figures["mention_accessibilite"]["count"], figures["mention_accessibilite"]["base"]) == (2, 2)
    assert (figures["matomo"]["count"], figures["matomo"]["base"], figures["matomo"]["unknown"]) == (0, 0, 2)
    assert figures["matomo"]["share"] is None
    assert (figures["cms_libre"]["count"], figures["cms_libre"]["base"]) == (0, 2)
    # One candidate made unreachable for the mention: it leaves the base, it is not a « non ».
    reports[1]["signals"] = [dict(s, assessment="inconnu") if s["id"] == "a11y_mention" else s
                             for s in reports[1]["signals"]]
    figures = {f["key"]: f for f in compute(reports)}
    assert (figures["mention_accessibilite"]["count"], figures["mention_accessibilite"]["base"],
            figures["mention_accessibilite"]["unknown"]) == (1, 1, 1)


def test_figures_page_has_the_table_the_chart_and_a_link_from_the_overview(reports, tmp_path):
    paths = render(reports, tmp_path)
    page = BeautifulSoup(paths["figures_html"].read_text(encoding="utf-8"), "lxml")
    assert page.h1.get_text() == "Chiffres de la collecte"
    row = next(tr for tr in page.tbody.find_all("tr") if "affichent l'état d'accessibilité" in tr.th.get_text())
    assert [td.get_text() for td in row.find_all("td")][:4] == ["2", "2", "100 %", "0"]
    assert page.find("svg", attrs={"role": "img"}).title.get_text() == "Part des candidates, par chiffre"
    index = BeautifulSoup(paths["html"].read_text(encoding="utf-8"), "lxml")
    assert index.find("a", href="chiffres.html") is not None
    rows = read_csv(paths["figures_csv"])
    assert list(rows.columns) == ["chiffre", "signal", "libelle", "nombre", "base", "part", "non_etabli", "candidates"]
