"""The national overview in headless Chromium (Debian's), from the disk (file://) as an organiser opens
it: sort and filter on a département page, the search of the whole run through its index, under the
pages' Content-Security-Policy. Skipped, with the reason, where Playwright or Chromium cannot be had."""
from __future__ import annotations

import pytest
from national_sample import national_reports

from reports.overview import domain_list
from reports.overview_national import render_national
from tests.browserkit import needs_chromium

pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé")
pytestmark = needs_chromium
NAMES = {"html": "index.html", "csv": "overview.csv", "xlsx": "overview.xlsx", "figures": "chiffres.html"}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """1,200 candidates, 150 per département (national_sample: candidate i in the (i % 8)-th)."""
    folder = tmp_path_factory.mktemp("national")
    reports = national_reports(1_200)
    render_national(reports, folder, "fr", domain_list(reports), NAMES)
    return folder


def open_page(browser, path):
    page = browser.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, console


def test_a_departement_page_sorts_and_filters_its_rows(out, browser):
    page, requests, console = open_page(browser, out / "departements" / "38.html")
    names = lambda: page.locator("table.overview tbody th").all_inner_texts()
    assert len(names()) == 150 and names()[:2] == ["Commune 00000", "Commune 00008"]
    header = page.locator("table.overview thead tr").last.locator("button.sort").first
    header.click()
    assert names() == sorted(names())
    header.click()
    assert names()[:2] == ["Commune 01192", "Commune 01184"]
    page.fill("#filtre", "commune 00016")
    visible = [r for r in page.locator("table.overview tbody tr").all() if r.is_visible()]
    assert len(visible) == 1 and "Commune 00016" in visible[0].inner_text()
    assert page.locator("#filtre-statut").inner_text() == "1 / 150"
    assert requests == [(out / "departements" / "38.html").as_uri()] and console == []
    page.close()


def test_the_search_finds_a_candidate_of_another_departement_by_name_siren_or_insee(out, browser):
    page, requests, console = open_page(browser, out / "departements" / "38.html")
    page.fill("#recherche", "commune 00017")
    page.wait_for_function("document.querySelectorAll('#recherche-resultats li').length > 0")
    results = page.locator("#recherche-resultats li")
    assert results.count() == 1 and page.locator("#recherche-statut").inner_text() == "collectivités trouvées : 1"
    report, place = results.first.locator("a").all()
    assert report.inner_text() == "Commune 00017" and place.inner_text() == "Rhône (69)"
    assert report.evaluate("a => a.href") == (out / "commune-00017" / "report.html").as_uri()
    assert place.evaluate("a => a.href") == (out / "departements" / "69.html").as_uri()
    page.fill("#recherche", "200000017")  # its SIREN
    assert page.locator("#recherche-resultats li").all_inner_texts() == [
        "Commune 00017 — Rhône (69) · SIREN 200000017 · INSEE 69123"]
    page.fill("#recherche", "2A004")  # Ajaccio's INSEE code: the 150 of Corse-du-Sud, 50 shown
    assert page.locator("#recherche-resultats li").count() == 50
    assert page.locator("#recherche-statut").inner_text() == (
        "collectivités trouvées : 150, les 50 premières affichées (préciser la recherche)")
    page.fill("#recherche", "nulle part")
    assert page.locator("#recherche-statut").inner_text() == "aucune collectivité trouvée"
    # The index, added by the hashed script ('strict-dynamic'), and nothing else: no CSP refusal.
    assert requests == [(out / "departements" / "38.html").as_uri(),
                        (out / "departements" / "recherche.js").as_uri()]
    assert console == []
    page.close()


def test_the_index_page_searches_too(out, browser):
    page, _, console = open_page(browser, out / "index.html")
    page.fill("#recherche", "Commune 00008")
    page.wait_for_function("document.querySelectorAll('#recherche-resultats li').length > 0")
    link = page.locator("#recherche-resultats li a").nth(1)
    assert link.evaluate("a => a.href") == (out / "departements" / "38.html").as_uri()
    assert console == []
    page.close()
