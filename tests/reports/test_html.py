"""render_candidate: report.json → report.html, from a baseline report with one fact changed per test."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sample_reports import HASH, SITE, evidence

from reports.html import FOLD_AFTER, UI, render_candidate, safe_href

HOSTILE = "<script>alert('x')</script>"


def render(report: dict[str, Any], tmp_path: Path) -> tuple[str, BeautifulSoup]:
    path = render_candidate(report, tmp_path / report["candidate"]["id"])
    assert path == tmp_path / report["candidate"]["id"] / "report.html"
    text = path.read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "lxml")


def signal_of(report: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in report["signals"] if s["id"] == sid)


def assert_inert(text: str, soup: BeautifulSoup) -> None:
    """No script element, no event handler, no javascript:/data: link anywhere in the page."""
    assert soup.find_all("script") == []
    assert "<script" not in text.lower()
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        for attr in ("href", "src", "action", "formaction"):
            value = tag.get(attr)
            if value is not None:
                assert value.startswith(("http://", "https://", "#", "index.jsonl")), (attr, value)


# --- page skeleton ---------------------------------------------------------------------------------

def test_baseline_page_is_french_with_banner_and_candidate(report, tmp_path):
    text, soup = render(report, tmp_path)
    assert soup.html["lang"] == "fr"
    assert UI["banner"] in soup.get_text(" ")
    assert soup.h1.get_text(strip=True) == "Libreville-sur-Isère"
    identity = soup.find("dl", class_="identity").get_text(" ")
    assert "commune" in identity and "213801514" in identity
    assert soup.find("a", href=SITE) is not None
    assert_inert(text, soup)


def test_no_external_resources_and_no_javascript(report, tmp_path):
    text, soup = render(report, tmp_path)
    assert soup.find_all(["script", "link", "img", "iframe"]) == []
    assert soup.find("style") is not None
    assert "@media print" in soup.find("style").get_text()
    assert "@import" not in text and "url(" not in soup.find("style").get_text()


def test_kind_is_shown_in_french(report, tmp_path):
    report["candidate"]["kind"] = "epci"
    _, soup = render(report, tmp_path)
    assert "intercommunalité (EPCI)" in soup.find("dl", class_="identity").get_text(" ")


def test_all_five_domain_sections_present_in_order(report, tmp_path):
    _, soup = render(report, tmp_path)
    ids = [s["id"] for s in soup.find_all("section", class_="domain")]
    assert ids == [
        "domaine-strategie", "domaine-interop_accessibilite", "domaine-logiciels_libres",
        "domaine-communication", "domaine-open_data",
    ]


def test_domain_without_signal_says_so(report, tmp_path):
    report["signals"] = [s for s in report["signals"] if s["domain"] != "open_data"]
    report["domains"][4]["signals"] = []
    _, soup = render(report, tmp_path)
    section = soup.find("section", id="domaine-open_data")
    assert section is not None
    assert UI["domain_empty"] in section.get_text(" ")
    assert section.find("article") is None


def test_summary_counts_link_to_their_domain_section(report, tmp_path):
    _, soup = render(report, tmp_path)
    table = soup.find("table", class_="summary")
    headers = [th["scope"] for th in table.find_all("th")]
    assert set(headers) == {"col", "row"}
    row = next(tr for tr in table.tbody.find_all("tr") if "Interopérabilité" in tr.th.get_text())
    cells = row.find_all("td")
    # favorable, défavorable, neutre, inconnu, total
    assert [c.get_text(strip=True) for c in cells] == ["1", "1", "0", "0", "2"]
    assert {c.a["href"] for c in cells} == {"#domaine-interop_accessibilite"}


def test_every_signal_has_title_value_assessment_text_and_description(report, tmp_path):
    _, soup = render(report, tmp_path)
    for sig in report["signals"]:
        article = soup.find("article", id=f"signal-{sig['id']}")
        assert article is not None, sig["id"]
        text = article.get_text(" ")
        assert sig["title"] in text and sig["display"] in text and sig["description"] in text
    badge = soup.find("article", id="signal-open_formats").find(class_="badge")
    assert "Défavorable" in badge.get_text() and "a-defavorable" in badge["class"]
    assert "Inconnu" in soup.find("article", id="signal-analytics").find(class_="badge").get_text()
    assert "Neutre" in soup.find("article", id="signal-cms").find(class_="badge").get_text()


def test_reason_is_shown(report, tmp_path):
    _, soup = render(report, tmp_path)
    reason = soup.find("article", id="signal-analytics").find(class_="reason")
    assert "Page d'accueil inaccessible" in reason.get_text()
    assert soup.find("article", id="signal-cms").find(class_="reason") is None


def test_value_links_to_evidence_table(report, tmp_path):
    _, soup = render(report, tmp_path)
    article = soup.find("article", id="signal-a11y_mention")
    link = article.find("p", class_="value").a
    assert link["href"] == "#signal-a11y_mention-preuves"
    assert soup.find(id="signal-a11y_mention-preuves") is not None


def test_details_numbers_link_to_evidence(report, tmp_path):
    _, soup = render(report, tmp_path)
    box = soup.find("article", id="signal-open_formats").find(class_="details-box")
    terms = [dt.get_text(strip=True) for dt in box.find_all("dt")]
    assert terms == ["counts", "odt", "pdf", "share_open"]
    numbers = {a.get_text(strip=True): a["href"] for a in box.find_all("a")}
    assert numbers == {"3": "#signal-open_formats-preuves", "4": "#signal-open_formats-preuves",
                       "0,43": "#signal-open_formats-preuves"}


def test_details_list_of_objects_is_a_table(report, tmp_path):
    _, soup = render(report, tmp_path)
    table = soup.find("article", id="signal-datagouv_datasets").find("table", class_="inner")
    # The columns in words, not the keys of report.json (issue 18).
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == ["titre", "adresse", "ressources"]
    assert table.find("a", href="https://www.data.gouv.fr/fr/datasets/budget-2025/") is not None


def test_evidence_table_columns_and_full_hash(report, tmp_path):
    _, soup = render(report, tmp_path)
    table = soup.find("article", id="signal-a11y_mention").find("table", class_="evidence")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Lien", "Date", "Statut HTTP", "Extrait", "SHA-256"]
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    cells = table.tbody.tr.find_all("td")
    assert cells[0].a["href"] == SITE + "a11y_mention"
    assert "25 novembre 2026" in cells[1].get_text()
    assert cells[2].get_text(strip=True) == "200"
    # The full SHA-256, copyable (issue 18), not a shortened one.
    code = cells[4].code
    assert code.get_text() == HASH and "hash" in code["class"]


def test_evidence_folded_beyond_ten_rows(report, tmp_path):
    signal_of(report, "a11y_mention")["evidence"] = [evidence(f"p{i}", n=i) for i in range(FOLD_AFTER + 3)]
    _, soup = render(report, tmp_path)
    article = soup.find("article", id="signal-a11y_mention")
    tables = article.find_all("table", class_="evidence")
    assert len(tables) == 2
    assert tables[0].find_parent("details") is None
    assert len(tables[0].tbody.find_all("tr")) == FOLD_AFTER
    folded = article.find("details", class_="fold")
    assert folded.find("table") is tables[1]
    assert len(tables[1].tbody.find_all("tr")) == 3
    assert "3 autres preuves" in folded.summary.get_text()
    assert folded.find("a", href=SITE + f"p{FOLD_AFTER + 2}") is not None


def test_ten_rows_are_not_folded(report, tmp_path):
    signal_of(report, "a11y_mention")["evidence"] = [evidence(f"p{i}", n=i) for i in range(FOLD_AFTER)]
    _, soup = render(report, tmp_path)
    assert soup.find("article", id="signal-a11y_mention").find("details", class_="fold") is None


def test_signal_without_evidence_says_so(report, tmp_path):
    _, soup = render(report, tmp_path)
    article = soup.find("article", id="signal-analytics")
    assert article.find("table", class_="evidence") is None
    assert UI["evidence_none"] in article.get_text(" ")


# --- hostile data from crawled pages --------------------------------------------------------------

def test_script_in_snippet_is_escaped(report, tmp_path):
    signal_of(report, "a11y_mention")["evidence"][0]["snippet"] = HOSTILE
    text, soup = render(report, tmp_path)
    assert_inert(text, soup)
    assert "&lt;script&gt;" in text
    article = soup.find("article", id="signal-a11y_mention")
    assert HOSTILE in article.find("td", class_="snippet").get_text()


def test_script_in_display_title_reason_and_details_is_escaped(report, tmp_path):
    sig = signal_of(report, "cms")
    sig["display"] = HOSTILE
    sig["title"] = HOSTILE
    sig["reason"] = HOSTILE
    sig["details"] = {HOSTILE: HOSTILE, "list": [HOSTILE, {"k": HOSTILE}]}
    report["candidate"]["name"] = HOSTILE
    text, soup = render(report, tmp_path)
    assert_inert(text, soup)
    assert soup.h1.get_text() == HOSTILE
    assert text.count("&lt;script&gt;") >= 7


def test_quotes_cannot_break_out_of_attributes(report, tmp_path):
    ev = signal_of(report, "cms")["evidence"][0]
    ev["sha256"] = '" onmouseover="alert(1)'
    ev["record_id"] = "'><script>alert(1)</script>"
    ev["url"] = 'http://x.test/" onclick="alert(1)'
    text, soup = render(report, tmp_path)
    assert_inert(text, soup)
    article = soup.find("article", id="signal-cms")
    assert article.find("code", string='" onmouseover="alert(1)') is not None  # shown as text, inert


def test_javascript_and_data_urls_are_inert(report, tmp_path):
    evs = signal_of(report, "cms")["evidence"]
    evs[0]["url"] = "javascript:alert(document.cookie)"
    evs.append({**evs[0], "url": " JavaScript:alert(1)"})
    evs.append({**evs[0], "url": "data:text/html,<script>alert(1)</script>"})
    evs.append({**evs[0], "url": "java\tscript:alert(1)"})
    report["candidate"]["websites"] = ["javascript:alert(2)"]
    report["crawl"]["sites"][0]["url"] = "vbscript:msgbox(1)"
    report["errors"][0]["url"] = "javascript:alert(3)"
    text, soup = render(report, tmp_path)
    assert_inert(text, soup)
    assert not [a for a in soup.find_all("a") if "script" in a.get("href", "").lower()]
    inert = [s.get_text() for s in soup.find_all("span", class_="inert")]
    assert any("javascript:alert(document.cookie)" in t for t in inert)
    assert any("javascript:alert(2)" in t for t in inert)
    assert any("javascript:alert(3)" in t for t in inert)


def test_safe_href_accepts_only_absolute_http_urls():
    assert safe_href("https://example.test/a?b=c#d") == "https://example.test/a?b=c#d"
    assert safe_href("HTTP://EXAMPLE.TEST/") == "HTTP://EXAMPLE.TEST/"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.test/", "/relative",
                " http://x.test/", "http://x.test/\n", "ftp://x.test/", None, 42):
        assert safe_href(bad) is None, bad


# --- crawl and errors -------------------------------------------------------------------------------

def test_unreachable_site_is_shown_with_its_error(report, tmp_path):
    report["crawl"]["sites"].append({
        "url": "https://mairie.libreville.test/", "reachable": False, "status": None,
        "error": "DNS : nom introuvable", "pages": 0, "documents": 0,
    })
    _, soup = render(report, tmp_path)
    row = soup.find("tr", class_="unreachable")
    assert row is not None
    text = row.get_text(" ")
    assert "https://mairie.libreville.test/" in text
    assert "Non" in row.find(class_="badge").get_text()
    assert "DNS : nom introuvable" in text
    reachable = [tr for tr in soup.find("table", class_="sites").tbody.find_all("tr") if tr is not row]
    assert "Oui" in reachable[0].find(class_="badge").get_text()


def test_crawl_counts_link_to_their_evidence(report, tmp_path):
    _, soup = render(report, tmp_path)
    totals = {li.find(class_="l").get_text(): li.find(class_="n").a["href"]
              for li in soup.find("ul", class_="totals").find_all("li")}
    assert totals["Erreurs"] == "#erreurs"
    assert totals["Pages"] == "index.jsonl" and totals["Documents"] == "index.jsonl"
    assert [li.find(class_="n").get_text(strip=True) for li in soup.find("ul", class_="totals").find_all("li")] == [
        "60", "40", "12", "4", "1"]


def test_errors_section_lists_url_kind_status_and_error(report, tmp_path):
    _, soup = render(report, tmp_path)
    table = soup.find("section", id="erreurs").find("table")
    cells = [td.get_text(strip=True) for td in table.tbody.tr.find_all("td")]
    assert cells[:4] == [SITE + "absent.pdf", "document", "404", "HTTP 404"]


def test_no_errors_says_so(report, tmp_path):
    report["errors"] = []
    report["crawl"]["counts"]["errors"] = 0
    _, soup = render(report, tmp_path)
    section = soup.find("section", id="erreurs")
    assert section.find("table") is None
    assert UI["errors_none"] in section.get_text()


def test_unknown_signal_is_rendered_generically(report, tmp_path):
    """A signal added later needs no renderer change."""
    report["signals"].append({
        "id": "new_signal", "domain": "strategie", "title": "Nouveau signal", "description": "Décrit.",
        "value": {"a": 1}, "display": "valeur nouvelle", "assessment": "favorable", "reason": None,
        "details": {"nested": {"deeper": {"deepest": {"x": [1, 2]}}}}, "evidence": [evidence("n", n=5)],
    })
    report["domains"][0]["signals"].append("new_signal")
    _, soup = render(report, tmp_path)
    article = soup.find("section", id="domaine-strategie").find("article", id="signal-new_signal")
    assert "valeur nouvelle" in article.get_text()
    assert "Nouveau signal" in article.h3.get_text()


def test_the_shared_environment_renders_each_report_as_a_fresh_one_would(report, tmp_path):
    """make_env is built once per language and process (its templates compiled once): a report
    rendered after another holds nothing of it, and is the page a fresh environment writes."""
    import copy

    from reports.html import make_env

    other = copy.deepcopy(report)
    other["candidate"].update(id="autre", name="Commune Témoin-Précédente")
    render(other, tmp_path / "first")
    assert make_env("fr") is make_env("fr") and make_env("en") is not make_env("fr")
    shared, _ = render(report, tmp_path / "shared")
    assert "Témoin-Précédente" not in shared
    make_env.cache_clear()
    fresh, _ = render(report, tmp_path / "fresh")
    assert shared == fresh


def test_a_search_that_found_nothing_says_where_it_looked(report, tmp_path):
    sig = signal_of(report, "a11y_mention")
    sig.update(assessment="defavorable", display="absente", evidence=[], searched={"pages": 38, "documents": 12})
    text, soup = render(report, tmp_path)
    box = soup.find(id="signal-a11y_mention") or soup.find(id=lambda v: v and v.endswith("a11y_mention"))
    assert box is not None
    line = box.find("p", class_="searched")
    assert line.get_text() == "Recherché dans 38 pages et 12 documents (la liste : index.jsonl du candidat)."


def test_a_domain_without_enough_evidence_shows_its_reason_not_a_level(report, tmp_path):
    reason = "non évaluable : 1 signal(s) établi(s) sur 4 (poids 2 sur 9) ; il en faut au moins 2"
    report["levels"] = [
        {"domain": "strategie", "title": "Stratégie", "status": "non_evaluable", "reason": reason, "level": None,
         "score": None, "points": 2.0, "max_points": 2.0, "signals": [], "to_raise": []},
        {"domain": "open_data", "title": "Données", "status": "evalue", "reason": None, "level": 3, "score": 0.5,
         "points": 4.0, "max_points": 8.0, "signals": [], "to_raise": []},
    ]
    report["evaluation"] = {"levels_given": 4, "unreachable": None,
                            "summary": "niveaux indicatifs dans 4 domaine(s) sur 5 ; non évaluable : Stratégie"}
    text, soup = render(report, tmp_path)
    assert f"Niveau indicatif : {reason}" in soup.get_text()
    assert soup.find(id="niveaux-evaluation").get_text(" ", strip=True) == (
        "Évaluation : niveaux indicatifs dans 4 domaine(s) sur 5 ; non évaluable : Stratégie")


def test_numbers_and_plurals_in_the_readers_language():
    """Babel's CLDR rules: a decimal comma and a narrow space in French, the singular for 0 and 1 in
    French but not in English (issue 18)."""
    from reports.i18n import number, plural

    forms_fr = {"one": "{n} erreur", "other": "{n} erreurs"}
    forms_en = {"one": "{n} error", "other": "{n} errors"}
    assert [plural(n, forms_fr, "fr") for n in (0, 1, 2)] == ["0 erreur", "1 erreur", "2 erreurs"]
    assert [plural(n, forms_en, "en") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert (number(23.0), number(12.5), number(0.43), number(12.5, "en")) == ("23", "12,5", "0,43", "12.5")
    assert number(1234567) == "1\u202f234\u202f567" and number(1234567, "en") == "1,234,567"
    assert number(True) == "True" and number(None) == ""
