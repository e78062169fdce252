"""The overview of a national run (issue 21): index.html by région and département, one page per
département (numbered pages when long), no HTML page over 1.5 MB, a compact search index of the
whole run. Reports are made in memory (tests/reports/national_sample.py), no crawl."""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from national_sample import national_reports

from reports.overview import domain_list, render_overview
from reports.overview_national import page_links, render_national
from reports.territories import place_of

LIMIT = 1_500_000  # bytes: the bound on any HTML page
NAMES = {"html": "index.html", "csv": "overview.csv", "xlsx": "overview.xlsx", "figures": "chiffres.html"}
TEMPLATES = Path(__file__).resolve().parents[2] / "reports" / "templates"


def national(reports: list[dict[str, Any]], out: Path, lang: str = "fr") -> dict[str, Path]:
    return render_national(reports, out, lang, domain_list(reports), NAMES)


def search_index(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    prefix = "window.TNL_RECHERCHE = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def body_rows(path: Path) -> list[Any]:
    return soup(path).find("table", class_="overview").tbody.find_all("tr")


def pages_of(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "departements").glob("*.html"))


# --- size ----------------------------------------------------------------------------------------------

def test_40000_candidates_every_page_bounded_and_a_departement_split_in_numbered_pages(tmp_path):
    """national_sample puts candidate i in the i % 8-th of 8 départements: 5,000 each, cut at 500 rows
    a page: 38.html, 38-2.html … 38-10.html for each of them."""
    national(national_reports(40_000), tmp_path)
    html = sorted(tmp_path.rglob("*.html"))
    assert max(p.stat().st_size for p in html) <= LIMIT
    expected = sorted(f"{code}{'' if n == 1 else f'-{n}'}.html"
                      for code in ("38", "69", "62", "2A", "974", "29", "75", "13") for n in range(1, 11))
    assert pages_of(tmp_path) == expected
    assert len(html) == 81  # and index.html
    assert len(body_rows(tmp_path / "departements" / "62-10.html")) == 500
    index = soup(tmp_path / "index.html")
    assert index.find("a", href="departements/62-10.html").get_text() == "10"
    assert len(search_index(tmp_path / "departements" / "recherche.js")["rows"]) == 40_000


def test_pages_are_cut_by_their_size_when_rows_are_large(tmp_path):
    """1,000 candidates of one département whose texts are long and all « < » (escaped to 4 bytes):
    each row carries at least 200 + 300 + 160 + 6 × 100 + 5 × 200 = 2,260 shortened characters of
    « &lt; », 9,040 bytes: 9 MB of rows, more than 6 pages of 1.5 MB, though 1,000 rows would make
    2 pages by count."""
    reports = national_reports(1_000)
    for i, report in enumerate(reports):
        report["candidate"].update(departement="38", insee=None, name="<" * 5_000 + str(i))
        report["evaluation"] = {"summary": "<" * 5_000}
        report["outcome"] = dict(report["outcome"], display="<" * 5_000,
                                 mentions=[{"title": "<" * 5_000, "status": "suggeree"}] * 20)
        report["levels"] = [dict(lv, level=None, reason="<" * 5_000) for lv in report["levels"]]
    national(reports, tmp_path)
    pages = pages_of(tmp_path)
    assert len(pages) >= 7 and "38-7.html" in pages
    assert max((tmp_path / "departements" / p).stat().st_size for p in pages) <= LIMIT
    assert sum(len(body_rows(tmp_path / "departements" / p)) for p in pages) == 1_000
    assert (tmp_path / "index.html").stat().st_size <= LIMIT


def test_a_few_hundred_heavy_candidates_already_take_the_national_layout(make, tmp_path):
    """Today's single page grows ~9 KB a candidate with the 41 signals of a real report: 300 of them
    would make it ~2.7 MB. 40 stay on one page, as before; the national pages of an earlier
    rendering are then removed."""
    base = make()
    base["signals"] = [dict(base["signals"][k % 8], id=f"signal_{k:02d}", display="valeur observée " * 3)
                       for k in range(41)]

    def run(n: int) -> list[dict[str, Any]]:
        out = []
        for i in range(n):
            report = copy.deepcopy(base)
            report["candidate"].update(id=f"c-{i:04d}", name=f"Collectivité {i:04d}", insee="38185")
            out.append(report)
        return out

    paths = render_overview(run(300), tmp_path)
    assert paths["html"] == tmp_path / "index.html" and pages_of(tmp_path) == ["38.html"]
    assert soup(tmp_path / "index.html").find("table", class_="overview") is None
    assert all(p.stat().st_size <= LIMIT for p in tmp_path.rglob("*.html"))  # chiffres, prospects too
    render_overview(run(40), tmp_path)
    assert not (tmp_path / "departements").exists()
    assert len(soup(tmp_path / "index.html").find("table", class_="overview").tbody.find_all("tr")) == 40


def test_two_candidates_keep_todays_overview(make, tmp_path):
    render_overview([make(), make("bourg-libre", "Bourg-Libre")], tmp_path)
    assert not (tmp_path / "departements").exists()
    assert soup(tmp_path / "index.html").find("table", class_="heatmap") is not None


# --- places ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("candidate, key, departement, region", [
    ({"departement": "38", "region": "84"}, "38", "38", "84"),
    ({"departement": "1"}, "01", "01", "84"),  # a spreadsheet's « 1 » is the Ain
    ({"insee": "2A004"}, "2A", "2A", "94"),  # Ajaccio: Corse-du-Sud
    ({"insee": "97411"}, "974", "974", "04"),  # Saint-Denis de La Réunion: three characters overseas
    ({"insee": "98735"}, "987", "987", "com"),  # Papeete: a collectivité d'outre-mer, no région
    ({"departement": "38", "region": "11"}, "38", "38", "84"),  # the département's région, per the INSEE
    ({"departement": "xyz", "insee": "38185"}, "38", "38", "84"),  # not a code: the INSEE code says
    ({"region": "84"}, "region-84", None, "84"),  # a région's own candidate: the région's page
    ({}, "inconnu", None, "inconnu"),
    ({"departement": "20", "insee": "1234"}, "inconnu", None, "inconnu"),  # 20 is no longer a code
])
def test_place_of_a_candidate(candidate, key, departement, region):
    place = place_of(candidate)
    assert (place.key, place.departement, place.region) == (key, departement, region)


def test_index_lists_regions_their_departements_and_the_outcomes(tmp_path):
    """600 candidates: i % 8 chooses the département, i % 5 the outcome, so each of the 40 pairs
    has 15 candidates; Auvergne-Rhône-Alpes has Isère and Rhône: 150, 30 of each outcome."""
    reports = national_reports(600)
    reports[0]["candidate"].update(departement=None, insee=None, region="84")  # was Isère (38), « or »
    reports[8]["candidate"].update(departement=None, insee=None, region=None)  # was Isère, « aucun »
    national(reports, tmp_path)
    index = soup(tmp_path / "index.html")
    table = index.find("table", class_="national")
    heads = [th.get_text() for th in table.thead.find_all("th")]
    assert heads == ["Région", "Collectivités", "label Or (indicatif)", "label Argent (indicatif)",
                     "label Bronze (indicatif)", "en deçà du palier Bronze (indicatif)", "non évaluable"]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    assert rows["Auvergne-Rhône-Alpes"] == ["149", "30", "30", "30", "29", "30"]
    assert rows["Région non indiquée"] == ["1", "0", "0", "0", "1", "0"]
    assert rows["Bretagne"] == ["75", "15", "15", "15", "15", "15"]
    assert [td.get_text() for td in table.tfoot.find_all("td")] == ["600", "120", "120", "120", "120", "120"]
    ara = index.find("section", attrs={"aria-labelledby": "region-84"})
    lines = [[c.get_text() for c in tr.find_all(["th", "td"])][:3] for tr in ara.tbody.find_all("tr")]
    assert lines == [["Collectivités de la région sans département", "—", "1"],
                     ["Isère (38)", "38", "73"], ["Rhône (69)", "69", "75"]]
    assert ara.find("a", string="Isère (38)")["href"] == "departements/38.html"
    assert ara.find("a", string="Collectivités de la région sans département")["href"] == "departements/region-84.html"
    assert pages_of(tmp_path) == ["13.html", "29.html", "2A.html", "38.html", "62.html", "69.html", "75.html",
                                  "974.html", "inconnu.html", "region-84.html"]


def test_a_departement_page_shows_each_candidate_as_the_overview_does(tmp_path):
    reports = national_reports(16)  # Isère: candidates 0 and 8
    reports[8]["crawl"] = dict(reports[8]["crawl"], complete=False)
    national(reports, tmp_path)
    page = soup(tmp_path / "departements" / "38.html")
    assert page.h1.get_text() == "Isère (38)"
    crumbs = page.find("nav", class_="crumbs")
    assert [(a.get_text(), a["href"]) for a in crumbs.find_all("a")] == [
        ("Vue d'ensemble", "../index.html"), ("Auvergne-Rhône-Alpes", "../index.html#region-84")]
    first, second = body_rows(tmp_path / "departements" / "38.html")
    cells = [c.get_text(" ", strip=True) for c in first.find_all(["th", "td"])]
    # name, kind, SIREN, INSEE, pages, documents, errors, crawl, outcome (+ mention), evaluation, 5 levels, 5 counts
    assert cells[:9] == ["Commune 00000", "commune", "200000000", "38185", "40", "12", "1", "",
                         "label Or (indicatif) Promotion du logiciel libre"]
    assert cells[10:15] == ["1", "2", "3", "4", "5"]
    assert cells[15:] == ["1", "1", "0", "1", "1"]
    assert first.th.a["href"] == "../commune-00000/report.html"
    assert first.find("a", string="3")["href"] == "../commune-00000/report.html#domaine-logiciels_libres-niveau"
    assert second.find("a", class_="incomplete")["href"] == "../commune-00008/report.html#collecte-incomplete"
    assert second.find("td", class_="outcome").get_text() == "en deçà du palier Bronze (indicatif)"  # 8 % 5 = 3


# --- search index and links -------------------------------------------------------------------------

def test_search_index_covers_every_candidate_and_points_to_its_page(tmp_path):
    reports = national_reports(1_200)
    national(reports, tmp_path)
    data = search_index(tmp_path / "departements" / "recherche.js")
    assert sorted(r[0] for r in data["rows"]) == sorted(f"commune-{i:05d}" for i in range(1_200))
    assert ["commune-00017", "Commune 00017", "200000017", "69123", "69"] in [r[:5] for r in data["rows"]]
    assert ["departements/69.html", "Rhône (69)"] in data["pages"]
    for row in data["rows"]:
        page = tmp_path / data["pages"][row[5]][0]
        assert f'href="../{row[0]}/report.html"' in page.read_text(encoding="utf-8"), (row, page)


def test_every_link_of_the_national_pages_resolves_to_a_file_or_an_anchor(tmp_path):
    reports = national_reports(600)  # over 500: render_overview takes the national layout at once
    reports[3]["candidate"].update(departement=None, insee=None, region=None)
    for report in reports:
        folder = tmp_path / report["candidate"]["id"]
        folder.mkdir()
        (folder / "report.html").write_text("<p>rapport</p>", encoding="utf-8")
    render_overview(reports, tmp_path)
    pages = [tmp_path / "index.html", *sorted((tmp_path / "departements").glob("*.html"))]
    assert len(pages) == 10
    ids = {str(p.resolve()): {t["id"] for t in soup(p).find_all(id=True)} for p in pages}
    checked = 0
    for page in pages:
        doc = soup(page)
        for a in doc.find_all("a", href=True):
            target, _, fragment = a["href"].partition("#")
            path = (page.parent / unquote(target)).resolve() if target else page.resolve()
            assert path.is_file(), (page.name, a["href"])
            if fragment and str(path) in ids:
                assert fragment in ids[str(path)], (page.name, a["href"])
            checked += 1
        search = doc.find(id="recherche-section")
        assert (page.parent / (search["data-racine"] + search["data-index"])).resolve().is_file()
    assert checked > 600 * 10


# --- escaping, scripts, words ---------------------------------------------------------------------

def test_hostile_names_are_escaped_and_only_our_two_scripts_run(tmp_path):
    reports = national_reports(16)
    reports[8]["candidate"].update(name="<script>alert(1)</script>\u2028", id="javascript:alert(1)")
    reports[8]["outcome"] = dict(reports[8]["outcome"], display="<img src=x onerror=alert(1)>")
    national(reports, tmp_path)
    text = (tmp_path / "departements" / "38.html").read_text(encoding="utf-8")
    page = BeautifulSoup(text, "lxml")
    own = [(TEMPLATES / name).read_text(encoding="utf-8") for name in ("overview.js", "overview_search.js")]
    assert [s.string for s in page.find_all("script")] == own and text.count("<script") == 2
    assert page.find_all("img") == []
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in own]
    assert csp.endswith(f"script-src {hashes[0]} {hashes[1]} 'strict-dynamic'")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "../javascript%3Aalert%281%29/report.html" in hrefs
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    raw = (tmp_path / "departements" / "recherche.js").read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\\u2028" in raw
    assert ["javascript:alert(1)", "<script>alert(1)</script>\u2028"] in [
        r[:2] for r in search_index(tmp_path / "departements" / "recherche.js")["rows"]]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<script", index) == ["<script"]


def test_the_national_pages_in_english(tmp_path):
    national(national_reports(16), tmp_path, "en")
    index = soup(tmp_path / "index.html")
    assert index.html["lang"] == "en" and index.find("h2", id="regions-titre").get_text() == "Regions"
    page = soup(tmp_path / "departements" / "38.html")
    assert page.find("nav", class_="crumbs").a.get_text() == "Overview"
    assert page.find(id="recherche-section")["data-aucun"] == "no local authority found"


def test_page_links_are_bounded_whatever_the_number_of_pages():
    files = [f"62-{n}.html" for n in range(1, 41)]
    shown = [link.get("gap") and "…" or link["number"] for link in page_links(files, 20, "")]
    assert shown == [1, "…", 17, 18, 19, 20, 21, 22, 23, "…", 40]
    first = [link.get("gap") and "…" or link["number"] for link in page_links(files, None, "departements/")]
    assert first == [1, 2, 3, 4, 5, 6, "…", 40]
