"""The rendered pass in the views (issue 22): report.html's section « Ce que le navigateur a chargé »,
the axe_accessibility signal's rules, the evidence marked as read in the rendered page, the overview's
columns; and, without `render`, the views exactly as before the pass existed (tests/reports/frozen/:
the HTML, CSV and workbook cells written by the code before this change).

The report.json below is written by hand in the shape of /tmp/tnl/render_spec.md §4 (render key) and of
checks/axe_rgaa.py `summarise` (the axe signal's details); the expected values are read from it by hand."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from sample_reports import HASH, SITE, make_report, signal

from reports.html import render_candidate
from reports.overview import render_overview
from tests.browserkit import needs_chromium
from tests.reports.test_outcome_views import LEVEL_OUTCOME, TIER_OUTCOME

FROZEN = Path(__file__).parent / "frozen"
HOSTILE_HOST = "<img src=x onerror=alert(1)>.evil.test"
HOSTILE_COOKIE = "<script>alert('c')</script>"
HOSTILE_HTML = "<img src=x onerror=alert('axe')>"
TIMEOUT = "délai dépassé : la page n'a pas fini de charger en 30 s"


def rendered_evidence(path: str, snippet: str, part: str, n: int) -> dict[str, Any]:
    return {"url": SITE + path, "fetched_at": "2026-12-06T10:00:05Z", "http_status": 200, "snippet": snippet,
            "sha256": HASH, "record_id": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>", "rendered": True}


AXE_DETAILS = {  # checks/axe_accessibility.py: summarise's keys, plus violations_count, rule impacts, the homepage
    "pages": [
        {"url": SITE, "violations": [
            {"rule": "link-name", "impact": "serious", "help": "Links must have discernible text",
             "wcag": ["2.4.4", "4.1.2"], "rgaa": ["6.2"], "rgaa_tests": ["6.2.1"], "nodes_total": 1,
             "nodes": [{"target": "a.social", "html": HOSTILE_HTML, "failure_summary": "Element has no text"}]},
            {"rule": "region", "impact": "moderate", "help": "All page content should be contained by landmarks",
             "wcag": [], "rgaa": [], "rgaa_tests": [], "nodes_total": 2,
             "nodes": [{"target": "div.bandeau", "html": "<div class=\"bandeau\">", "failure_summary": ""}]},
            {"rule": "color-contrast", "impact": "serious", "help": "Elements must meet minimum color contrast",
             "wcag": ["1.4.3"], "rgaa": ["3.2"], "rgaa_tests": ["3.2.1", "3.2.2"], "nodes_total": 7,
             "nodes": [{"target": "#menu > a", "html": "<a href=\"/\" style=\"color:#aaa\">Accueil</a>",
                        "failure_summary": "Element has insufficient color contrast of 2.32"}]},
        ], "tests": {"failed": ["3.2.1", "3.2.2", "6.2.1"], "passed": ["1.1.1", "8.3.1", "8.4.1", "8.5.1", "11.1.1"],
                     "incomplete": [], "inapplicable": []},
         "criteria": {"failed": ["3.2", "6.2"], "passed": ["1.1", "8.3", "8.4", "8.5", "11.1"],
                      "incomplete": [], "inapplicable": []}, "mark": 62.5, "grade": "E", "from_tags": [],
         "violations_count": 3},
        {"url": SITE + "accessibilite", "violations": [
            {"rule": "color-contrast", "impact": "critical", "help": "Elements must meet minimum color contrast",
             "wcag": ["1.4.3"], "rgaa": ["3.2"], "rgaa_tests": ["3.2.1"], "nodes_total": 2,
             "nodes": [{"target": "p.chapo", "html": "<p class=\"chapo\">", "failure_summary": "contrast 3.1"}]},
        ], "tests": {"failed": ["3.2.1"], "passed": ["1.1.1", "6.2.1", "8.3.1", "8.4.1", "8.5.1", "11.1.1"],
                     "incomplete": [], "inapplicable": []},
         "criteria": {"failed": ["3.2"], "passed": ["1.1", "6.2", "8.3", "8.4", "8.5", "11.1"],
                      "incomplete": [], "inapplicable": []}, "mark": 85.7, "grade": "C", "from_tags": [],
         "violations_count": 1},
        {"url": SITE + "mentions-legales", "violations": [],
         "tests": {"failed": [], "passed": ["1.1.1", "8.3.1"], "incomplete": [], "inapplicable": []},
         "criteria": {"failed": [], "passed": ["1.1", "8.3"], "incomplete": [], "inapplicable": []},
         "mark": 100.0, "grade": "A", "from_tags": [], "violations_count": 0},
    ],
    "rules": {"color-contrast": {"rgaa": ["3.2"], "pages": [SITE, SITE + "accessibilite"], "nodes_total": 9,
                                 "impact": "critical", "help": "Elements must meet minimum color contrast",
                                 "wcag": ["1.4.3"], "rgaa_tests": ["3.2.1", "3.2.2"]},
              "link-name": {"rgaa": ["6.2"], "pages": [SITE], "nodes_total": 1, "impact": "serious",
                            "help": "Links must have discernible text", "wcag": ["2.4.4", "4.1.2"],
                            "rgaa_tests": ["6.2.1"]},
              "region": {"rgaa": [], "pages": [SITE], "nodes_total": 2, "impact": "moderate",
                         "help": "All page content should be contained by landmarks", "wcag": [], "rgaa_tests": []}},
    "rgaa_criteria_touched": ["3.2", "6.2"],
    "tests": {"failed": ["3.2.1", "3.2.2", "6.2.1"], "passed": ["1.1.1", "8.3.1", "8.4.1", "8.5.1", "11.1.1"],
              "incomplete": ["3.3.1"], "inapplicable": ["2.1.1"]},
    "criteria": {"failed": ["3.2", "6.2"], "passed": ["1.1", "8.3", "8.4", "8.5", "11.1"],
                 "incomplete": ["3.3"], "inapplicable": ["2.1"]},
    "unmapped_rules": [{"rule": "nested-interactive", "reason": "règle absente de la table"},
                       {"rule": "region", "reason": "sans critère RGAA"}],
    "rules_from_tags": ["summary-name"],
    "mark": 62.5, "grade": "E", "indicative": True,
    "method": "Note indicative calculée comme celle d'Asqatasun (seuils d'Asqatasun).",
    "differences": ["Moteur axe-core et non Asqatasun.", "La carte ne note que la page d'accueil."],
    "sources": {"asqatasun_grade": {"title": "Asqatasun, grade.jsp", "url": "https://github.com/Asqatasun/Asqatasun/",
                                    "checked": "af90643"}},
    "axe_version": "4.12.1",
    "page_accueil": {"url": SITE, "mark": 62.5, "grade": "E"},
    "pages_sans_resultats": [{"page": SITE + "actualites/42", "raison": TIMEOUT}],
}

RENDER = {
    "seed": 4242, "started_at": "2026-12-06T10:00:00Z", "finished_at": "2026-12-06T10:01:30Z", "seconds": 90.5,
    "browser": "Chromium 120.0.6099.224", "axe_version": "4.8.2", "pages_max": 8, "random": 2,
    "sample": [{"url": SITE, "reasons": ["accueil"]}, {"url": SITE + "accessibilite", "reasons": ["accessibilite"]},
               {"url": SITE + "mentions-legales", "reasons": ["mentions_legales", "donnees_personnelles"]},
               {"url": SITE + "actualites/42", "reasons": ["aleatoire"]}],
    "errors": [{"url": SITE + "actualites/42", "error": TIMEOUT}],
    "pages": [
        {"url": SITE, "reasons": ["accueil"], "status": 200, "final_url": SITE, "error": None,
         "rendered_at": "2026-12-06T10:00:05Z", "requests": 23,
         "third_party_hosts": ["www.google-analytics.com", "fonts.googleapis.com", HOSTILE_HOST],
         "cookies": ["_ga", HOSTILE_COOKIE], "storage_keys": ["matomo_sessid"], "screenshot": "rendu/1.png",
         "record_id": "<urn:uuid:11111111-1111-1111-1111-111111111111>", "sha256": HASH,
         "axe_violations": 3, "axe_grade": "E"},
        {"url": SITE + "accessibilite", "reasons": ["accessibilite"], "status": 200, "final_url": SITE + "accessibilite",
         "error": None, "rendered_at": "2026-12-06T10:00:20Z", "requests": 10,
         "third_party_hosts": ["fonts.googleapis.com"], "cookies": ["_ga"], "storage_keys": [],
         "screenshot": "rendu/2.png", "record_id": "<urn:uuid:22222222-2222-2222-2222-222222222222>",
         "sha256": HASH, "axe_violations": 1, "axe_grade": "C"},
        {"url": SITE + "mentions-legales", "reasons": ["mentions_legales", "donnees_personnelles"], "status": 200,
         "final_url": SITE + "mentions-legales", "error": None, "rendered_at": "2026-12-06T10:00:40Z",
         "requests": 4, "third_party_hosts": [], "cookies": [], "storage_keys": [],
         "screenshot": "javascript:alert('shot')", "record_id": None, "sha256": None,
         "axe_violations": 0, "axe_grade": "A"},
        {"url": SITE + "actualites/42", "reasons": ["aleatoire"], "status": None, "final_url": None, "error": TIMEOUT,
         "rendered_at": "2026-12-06T10:01:20Z", "requests": 0, "third_party_hosts": [], "cookies": [],
         "storage_keys": [], "screenshot": None, "record_id": None, "sha256": None,
         "axe_violations": None, "axe_grade": None},
    ],
    "consent": {"url": SITE, "manager": "tarteaucitron", "clicked": True, "error": None,
                "added_hosts": ["connect.facebook.net"], "added_cookies": ["_fbp"]},
    "rendered_text": [{"url": SITE + "agenda", "served_chars": 42, "rendered_chars": 3180}],
}


def rendered_report(cid: str = "libreville-isere", name: str = "Libreville-sur-Isère") -> dict[str, Any]:
    report = make_report(cid, name)
    added = [
        signal("rendered_third_parties", "interop_accessibilite", "defavorable", "3 hôtes tiers avant consentement",
               evidence=[rendered_evidence("", "www.google-analytics.com (script)", "facts", 11)]),
        signal("cookies_before_consent", "interop_accessibilite", "defavorable", "1 cookie avant consentement",
               evidence=[rendered_evidence("", "_ga (.libreville-isere.test, 2 ans)", "facts", 12)]),
        signal("axe_accessibility", "interop_accessibilite", "defavorable", "E (indicatif)", value="E",
               details=copy.deepcopy(AXE_DETAILS),
               evidence=[rendered_evidence("", "link-name : a.social", "axe", 13)]),
        signal("scripted_trackers", "logiciels_libres", "defavorable", "Google Analytics",
               evidence=[rendered_evidence("", "www.google-analytics.com/g/collect", "facts", 14)]),
    ]
    report["signals"] += added
    for dom in report["domains"]:
        dom["signals"] += [s["id"] for s in added if s["domain"] == dom["id"]]
    report["render"] = copy.deepcopy(RENDER)
    return report


def page(report: dict[str, Any], tmp_path: Path, lang: str = "fr") -> tuple[str, BeautifulSoup]:
    text = render_candidate(report, tmp_path / report["candidate"]["id"], lang).read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "lxml")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


# --- without --render: the views as they were ------------------------------------------------------

@pytest.mark.parametrize("frozen, outcome, lang", [
    ("candidate_fr.html", None, "fr"), ("candidate_outcome_fr.html", TIER_OUTCOME, "fr"),
    ("candidate_outcome_en.html", TIER_OUTCOME, "en")])
def test_without_render_report_html_is_byte_for_byte_what_it_was(tmp_path, frozen, outcome, lang):
    report = make_report()
    if outcome:
        report["outcome"] = copy.deepcopy(outcome)
    text, soup = page(report, tmp_path, lang)
    assert text == (FROZEN / frozen).read_text(encoding="utf-8")
    assert "passage rendu" not in text.lower() and "rendered pass" not in text.lower()
    assert soup.find(id="passage-rendu") is None and soup.find("img") is None
    assert "img-src 'none'" in text


def test_without_render_the_overview_csv_and_workbook_are_what_they_were(tmp_path):
    reports = [make_report(), make_report("bourg", "Bourg")]
    reports[0]["outcome"], reports[1]["outcome"] = copy.deepcopy(TIER_OUTCOME), copy.deepcopy(LEVEL_OUTCOME)
    for lang in ("fr", "en"):
        paths = render_overview(copy.deepcopy(reports), tmp_path / lang, lang)
        if lang == "fr":
            assert paths["csv"].read_text(encoding="utf-8") == (FROZEN / "overview.csv").read_text(encoding="utf-8")
        book = load_workbook(paths["xlsx"])
        cells = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
        frozen = json.loads((FROZEN / f"overview_{lang}.xlsx.json").read_text(encoding="utf-8"))
        assert json.loads(json.dumps(cells, default=str)) == frozen


# --- the section ------------------------------------------------------------------------------------

def test_section_says_the_sample_its_reasons_and_seed_as_wcag_em(tmp_path):
    _, soup = page(rendered_report(), tmp_path)
    section = soup.find("section", id="passage-rendu")
    assert section.h2.get_text() == "Ce que le navigateur a chargé (passage rendu)"
    assert soup.select_one("nav.toc a[href='#passage-rendu']") is not None
    # After the five domains, before the errors.
    ids = [s.get("id") for s in soup.find("main").find_all("section", recursive=False)]
    assert ids.index("passage-rendu") == ids.index("erreurs") - 1
    assert "WCAG-EM" in words(section) and "graine 4242" in words(section)
    assert soup.find(id="passage-rendu-graine").get_text() == "4242"
    sample = [words(li) for li in section.select("ol.sample li")]
    assert sample == [f"{SITE} — accueil", f"{SITE}accessibilite — accessibilité",
                      f"{SITE}mentions-legales — mentions légales données personnelles",
                      f"{SITE}actualites/42 — aléatoire"]
    assert "Chromium 120.0.6099.224" in words(section) and "4.8.2" in words(section)
    # The four signals drawn from the pass, linked.
    links = [a["href"] for a in soup.select("#passage-rendu-signaux a")]
    assert links == ["#signal-rendered_third_parties", "#signal-cookies_before_consent",
                     "#signal-scripted_trackers", "#signal-axe_accessibility"]


def test_each_page_with_its_hosts_cookies_storage_axe_and_screenshot_linked_to_evidence(tmp_path):
    _, soup = page(rendered_report(), tmp_path)
    rows = soup.select("table.rendered tbody tr")
    assert len(rows) == 4
    home = rows[0].find_all("td")
    assert home[0].get_text() == "200"
    hosts = home[1]
    assert hosts.find("a")["href"] == "#signal-rendered_third_parties-preuves" and hosts.find("a").get_text() == "3"
    assert [c.get_text() for c in hosts.select("li code")] == [
        "www.google-analytics.com", "fonts.googleapis.com", HOSTILE_HOST]
    assert home[2].find("a")["href"] == "#signal-cookies_before_consent-preuves"
    assert [c.get_text() for c in home[2].select("li code")] == ["_ga", HOSTILE_COOKIE]
    assert [c.get_text() for c in home[3].select("li code")] == ["matomo_sessid"]
    axe = home[4]
    assert axe.find("a")["href"] == "#signal-axe_accessibility-preuves" and axe.find("a").get_text() == "3"
    assert axe.select_one("span.grade").get_text() == "E"
    shot = home[5].find("a")
    assert shot["href"] == "rendu/1.png"
    assert shot.img["src"] == "rendu/1.png" and shot.img["loading"] == "lazy" and SITE in shot.img["alt"]
    # Requests: the number links to the archived copy of the facts record.
    requests = rows[0].th.find("a", string="23")
    assert requests["href"] == "http://127.0.0.1:8095/libreville-isere/11111111-1111-1111-1111-111111111111"
    # A screenshot path that is not a plain relative file is not shown.
    assert rows[2].find("img") is None and "javascript" not in str(rows[2].find_all("td")[-1])
    # The page that timed out: its error, no claim.
    assert TIMEOUT in words(rows[3]) and "Page non rendue" in words(rows[3])
    assert rows[3].find_all("td")[0].get_text() == "—"
    assert [words(r) for r in soup.select("#passage-rendu-erreurs tbody tr")] == [f"{SITE}actualites/42 {TIMEOUT}"]


def test_consent_visit_and_pages_read_rendered(tmp_path):
    _, soup = page(rendered_report(), tmp_path)
    section = soup.find("section", id="passage-rendu")
    consent = soup.find(id="passage-rendu-consentement").find_next("dl")
    pairs = dict(zip([words(dt) for dt in consent.find_all("dt")], consent.find_all("dd")))
    assert words(pairs["Gestionnaire de consentement"]) == "tarteaucitron"
    assert words(pairs["Bouton « accepter » cliqué"]) == "✔ oui"
    assert [c.get_text() for c in pairs["Hôtes tiers ajoutés par l'acceptation"].select("code")] == [
        "connect.facebook.net"]
    assert [c.get_text() for c in pairs["Cookies ajoutés par l'acceptation"].select("code")] == ["_fbp"]
    text_rows = section.find(id="passage-rendu-texte").find_next("table").select("tbody tr")
    assert [[td.get_text() for td in r.find_all("td")] for r in text_rows] == [[f"{SITE}agenda", "42", "3\u202f180"]]


def test_no_consent_manager_says_there_was_no_second_visit(tmp_path):
    report = rendered_report()
    report["render"]["consent"] = None
    _, soup = page(report, tmp_path)
    assert "Aucun gestionnaire de consentement reconnu" in words(soup.find(id="passage-rendu"))


def test_axe_signal_shows_rules_with_rgaa_impact_pages_elements_and_the_method(tmp_path):
    _, soup = page(rendered_report(), tmp_path)
    box = soup.find(id="signal-axe_accessibility-regles")
    assert box.select_one("p.axe-grade span.grade").get_text() == "E"
    assert "part des tests RGAA réussis : 62,5\u202f%" in box.select_one("p.axe-grade").get_text()
    assert words(box.select_one("p.axe-tests")) == (
        "Tests RGAA atteints par axe-core : 5 réussi(s), 3 échoué(s), 1 à vérifier par une personne, "
        "1 non applicable(s).")
    home = box.select_one("p.axe-home")
    assert home.select_one("span.grade").get_text() == "E" and home.find("a")["href"] == SITE
    assert "4.12.1" in words(box)
    assert "seuils d'Asqatasun" in words(box.select_one("p.axe-method"))
    assert [words(li) for li in box.select("ul.axe-differences li")] == [
        "Moteur axe-core et non Asqatasun.", "La carte ne note que la page d'accueil."]
    rows = box.select("table.axe-rules tbody tr")
    # Criteria order (3.2 before 6.2), the rule without criterion last.
    assert [r.th.code.get_text() for r in rows] == ["color-contrast", "link-name", "region"]
    cells = [[words(td) for td in r.find_all("td")[:2]] for r in rows]
    assert cells == [["3.2 tests 3.2.1, 3.2.2", "critique"], ["6.2 tests 6.2.1", "grave"],
                     ["sans critère RGAA", "modéré"]]
    assert [r.find_all("td")[2].a.get_text() for r in rows] == ["2", "1", "1"]
    assert rows[0].find_all("td")[2].a["href"] == "#signal-axe_accessibility-preuves"
    assert words(rows[0].find_all("td")[3].summary) == "9 élément(s), 2 montré(s)"
    assert [c.get_text() for c in rows[0].select("ul.axe-nodes > li > code")] == ["#menu > a", "p.chapo"]
    assert rows[1].select_one("pre.axe-html").get_text() == HOSTILE_HTML
    assert "WCAG 2.4.4, 4.1.2" in words(rows[1].th)
    assert [words(li) for li in box.select("ul.axe-unmapped li")] == [
        "nested-interactive — règle absente de la table", "region — sans critère RGAA"]
    assert [c.get_text() for c in box.select("p.axe-from-tags code")] == ["summary-name"]
    assert [words(li) for li in box.select("ul.axe-without li")] == [f"{SITE}actualites/42 — {TIMEOUT}"]
    criteria = dict(zip([words(x) for x in box.select("dl.axe-criteria dt")],
                        [words(x) for x in box.select("dl.axe-criteria dd")]))
    assert criteria == {"Critères RGAA échoués": "3.2, 6.2", "Critères RGAA réussis": "1.1, 8.3, 8.4, 8.5, 11.1",
                        "Critères à vérifier par une personne": "3.3", "Critères non applicables": "2.1"}
    per_page = [[words(td) for td in r.find_all("td")] for r in box.select("table.axe-pages tbody tr")]
    assert per_page == [[SITE, "3", "62,5", "E"], [f"{SITE}accessibilite", "1", "85,7", "C"],
                        [f"{SITE}mentions-legales", "0", "100", "A"]]
    assert box.find("a", href="https://github.com/Asqatasun/Asqatasun/").get_text() == "Asqatasun, grade.jsp"


def test_an_axe_signal_without_rules_nor_pages_keeps_the_generic_details(tmp_path):
    report = rendered_report()
    axe = next(s for s in report["signals"] if s["id"] == "axe_accessibility")
    axe.update(assessment="inconnu", value=None, display="indéterminé",
               details={"pages_sans_resultats": [{"page": SITE, "raison": "résultats axe-core absents"}]})
    _, soup = page(report, tmp_path)
    article = soup.find(id="signal-axe_accessibility")
    assert article.find(id="signal-axe_accessibility-regles") is None
    assert "résultats axe-core absents" in words(article.select_one("div.details-box"))


def test_the_axe_method_and_differences_read_in_english():
    """The words checks/axe_rgaa.py writes have their English in the catalogue (table « values »)."""
    from checks.axe_rgaa import DIFFERENCES, METHOD, NO_CRITERION, NOT_GRADABLE, NOT_IN_TABLE
    from reports.values import translate

    for text in (METHOD, *DIFFERENCES, NOT_GRADABLE, NO_CRITERION, NOT_IN_TABLE):
        assert translate(text), text


def test_rendered_evidence_is_marked_and_other_evidence_is_not(tmp_path):
    _, soup = page(rendered_report(), tmp_path)
    marked = soup.select("#signal-cookies_before_consent table.evidence span.rendu")
    assert [m.get_text() for m in marked] == ["page rendue (navigateur)"]
    assert soup.select("#signal-a11y_mention span.rendu") == []


def test_hostile_hosts_cookies_and_axe_snippets_are_text_never_markup(tmp_path):
    text, soup = page(rendered_report(), tmp_path)
    assert soup.find_all("script") == [] and "<script" not in text.lower()
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        for attr in ("href", "src"):
            value = tag.get(attr)
            if value is not None:
                assert value.startswith(("http://", "https://", "#", "index.jsonl", "rendu/")), (attr, value)
    assert [img["src"] for img in soup.find_all("img")] == ["rendu/1.png", "rendu/2.png"]
    for hostile in (HOSTILE_HOST, HOSTILE_COOKIE, HOSTILE_HTML):
        assert hostile in soup.get_text()  # shown as text
    # The screenshots are files next to the page: img-src 'self', nothing else.
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "img-src 'self';" in csp and "default-src 'none'" in csp


def test_english_section(tmp_path):
    _, soup = page(rendered_report(), tmp_path, "en")
    section = soup.find("section", id="passage-rendu")
    assert section.h2.get_text() == "What the browser loaded (rendered pass)"
    assert words(section.select("ol.sample li")[2]).endswith("legal notice personal data")
    assert "Differences from the national accessibility map" in words(soup.find(id="signal-axe_accessibility-regles"))
    assert [m.get_text() for m in soup.select("#signal-scripted_trackers span.rendu")] == ["rendered page (browser)"]


# --- the overview -------------------------------------------------------------------------------------

COLUMNS = ["note_accessibilite_indicative", "tiers_avant_consentement", "cookies_avant_consentement"]


def test_overview_has_the_rendered_columns_only_when_a_candidate_was_rendered(tmp_path):
    plain = render_overview([make_report()], tmp_path / "plain")
    assert not set(COLUMNS) & set(pd.read_csv(plain["csv"]).columns)
    paths = render_overview([rendered_report(), make_report("bourg", "Bourg")], tmp_path / "rendu")
    frame = pd.read_csv(paths["csv"], keep_default_na=False)
    names = list(frame.columns)
    assert names.index(COLUMNS[0]) == names.index("niveau_indicatif_open_data") + 1
    assert names[names.index(COLUMNS[0]):names.index(COLUMNS[0]) + 3] == COLUMNS
    # Pages 1–3 rendered: 3 distinct hosts (fonts.googleapis.com twice), 2 distinct cookie names.
    assert frame[COLUMNS].values.tolist() == [["E", "3", "2"], ["", "", ""]]
    sheet = load_workbook(paths["xlsx"]).worksheets[0]
    header = [c.value for c in sheet[1]]
    at = header.index("Note d'accessibilité indicative (axe-core)")
    assert header[at:at + 3] == ["Note d'accessibilité indicative (axe-core)",
                                 "Hôtes tiers contactés avant consentement", "Cookies avant consentement"]
    assert [c.value for c in sheet[2]][at:at + 3] == ["E", 3, 2]
    english = render_overview([rendered_report()], tmp_path / "en", "en")
    header = [c.value for c in load_workbook(english["xlsx"]).worksheets[0][1]]
    assert "Third-party hosts contacted before consent" in header


def test_overview_counts_nothing_when_no_page_was_rendered(tmp_path):
    report = rendered_report()
    for p in report["render"]["pages"]:
        p.update(status=None, requests=0)
    frame = pd.read_csv(render_overview([report], tmp_path)["csv"], keep_default_na=False)
    assert frame[COLUMNS].values.tolist() == [["E", "", ""]]


# --- in a browser ----------------------------------------------------------------------------------------

@needs_chromium
def test_the_section_fits_a_1280_px_screen_and_loads_its_screenshots(tmp_path, browser):
    import zlib

    def png(width: int, height: int) -> bytes:  # a plain red PNG, written by hand (RFC 2083)
        def chunk(kind: bytes, data: bytes) -> bytes:
            return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
        header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")

    report = rendered_report()
    long_host = "tracker-" + "x" * 150 + ".example.test"
    report["render"]["pages"][0]["third_party_hosts"].append(long_host)
    report["render"]["pages"][0]["url"] = SITE + "une/adresse/" + "tres-longue-" * 20
    path = render_candidate(report, tmp_path / "out")
    (tmp_path / "out" / "rendu").mkdir()
    for n in (1, 2):
        (tmp_path / "out" / "rendu" / f"{n}.png").write_bytes(png(1280, 800))
    page_ = browser.new_page(viewport={"width": 1280, "height": 900})
    console: list[str] = []
    page_.on("console", lambda m: console.append(m.text))
    page_.goto(path.as_uri())
    page_.wait_for_load_state("load")
    assert page_.evaluate("document.documentElement.scrollWidth") <= 1280
    for selector in ("#passage-rendu", "table.rendered", "#signal-axe_accessibility-regles", "table.axe-rules"):
        box = page_.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, (selector, box)
    img = page_.locator("#passage-rendu-page-1 img")
    img.scroll_into_view_if_needed()  # loading="lazy": loaded once near the viewport
    shot = img.evaluate("i => i.decode().then(() => [i.naturalWidth, i.getBoundingClientRect().width])")
    assert shot[0] == 1280 and shot[1] <= 180, shot  # loaded under the page's CSP, shown as a thumbnail
    assert console == []
    page_.close()


def test_english_view_translates_the_details_values_the_checks_wrote_not_the_quotes():
    """--lang en: a detail value the checks wrote (a category, a lifetime, who asked for a request) is shown
    in English through the catalogue; a quote of what was read (a cookie's name, an element's HTML, axe's
    own words) stays as read."""
    from reports.html import localize

    report = {"signals": [{"id": "cookies_before_consent", "display": "", "reason": None, "details": {
        "cookies": [{"nom": "traceur", "categorie": "traceur", "duree": "730 jours (≈ 24 mois)", "outil": "Hotjar"}],
        "requetes": [{"initiateurs": ["HTML de la page", "navigateur"], "visites": ["avant consentement"]}],
        "nodes": [{"html": "<p>avant consentement</p>", "target": "p.traceur"}],
        "inconnu": "inconnu (peut-être exempté : on ne peut pas juger)"}}]}
    details = localize(report, "en")["signals"][0]["details"]
    assert details["cookies"] == [{"nom": "traceur", "categorie": "tracker", "duree": "730 days (≈ 24 months)",
                                   "outil": "Hotjar"}]
    assert details["requetes"] == [{"initiateurs": ["the page's HTML", "browser"], "visites": ["before consent"]}]
    assert details["nodes"] == [{"html": "<p>avant consentement</p>", "target": "p.traceur"}]
    assert details["inconnu"] == "unknown (perhaps exempt: we cannot judge)"
    assert report["signals"][0]["details"]["cookies"][0]["categorie"] == "traceur"  # report.json untouched
