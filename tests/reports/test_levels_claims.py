"""Indicative levels, radar chart and claims in the candidate report."""
from __future__ import annotations

from lxml import html as lxml_html

from reports.charts import radar
from reports.html import render_candidate

LEVELS = [
    {"domain": "strategie", "title": "Stratégie et mutualisation", "level": 4, "score": 0.7, "points": 4.2,
     "max_points": 6, "signals": [{"id": "strategy_mentions", "title": "Stratégie", "assessment": "favorable",
                                   "weight": 3, "points": 3, "applicable": True}],
     "to_raise": [{"id": "mutualisation", "title": "Mutualisation", "gain": 1.0, "level_if_favorable": 5}]},
    {"domain": "interop_accessibilite", "title": "Interopérabilité et accessibilité", "level": 2, "score": 0.3,
     "points": 1, "max_points": 3, "signals": [], "to_raise": []},
    {"domain": "logiciels_libres", "title": "Logiciels et systèmes libres", "level": None, "score": None,
     "points": 0, "max_points": 0, "signals": [], "to_raise": []},
]


def report(**extra):
    base = {
        "schema": "tnl-evidence/report", "schema_version": 1, "tool": {"name": "tnl-evidence", "version": "0.1.0"},
        "generated_at": "2026-11-25T21:00:00Z",
        "candidate": {"id": "ville", "name": "Ville", "kind": "commune", "siren": "213801517", "websites": []},
        "crawl": {"sites": [], "counts": {}},
        "domains": [{"id": d["domain"], "title": d["title"], "counts": {}, "signals": []} for d in LEVELS],
        "levels": LEVELS, "rubric": {"path": "défaut", "sha256": "ab" * 32},
        "claims": [{"domain": "logiciels_libres", "text": "Nous utilisons <script>alert(1)</script> Matomo",
                    "signal": "analytics", "expect": "Matomo", "status": "contredit",
                    "explanation": "valeur constatée : Google Analytics", "evidence": [{"url": "https://v.fr/"}]}],
        "signals": [], "errors": [],
    }
    base.update(extra)
    return base


def test_levels_table_radar_and_what_would_raise(tmp_path):
    doc = lxml_html.fromstring(render_candidate(report(), tmp_path).read_text(encoding="utf-8"))
    text = doc.text_content()
    assert "Niveaux indicatifs" in text and "le jury décide" in text
    svg = doc.xpath("//svg[@role='img']")
    assert svg and "niveau 4" in svg[0].text_content() and svg[0].xpath("./title")
    assert "Niveau indicatif : 4 — 4,2 points sur 6" in text
    assert "non évalué" in text
    raise_links = doc.xpath("//ul[@class='to-raise']//a")
    assert raise_links and "Mutualisation" in raise_links[0].text_content()
    assert raise_links[0].get("href") == "#signal-mutualisation"


def test_claims_are_shown_with_status_text_and_escaped(tmp_path):
    doc = lxml_html.fromstring(render_candidate(report(), tmp_path).read_text(encoding="utf-8"))
    assert not doc.xpath("//script")
    row = doc.xpath("//table[@class='claims']/tbody/tr")[0]
    assert "<script>alert(1)</script>" in row.text_content() and "contredit" in row.text_content()


def test_no_claims_says_so(tmp_path):
    page = render_candidate(report(claims=[]), tmp_path).read_text(encoding="utf-8")
    assert "Aucune déclaration" in page


def test_radar_escapes_titles():
    svg = str(radar([{"title": "<b>x</b>", "level": 3}] * 5, "t", "d"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_overview_has_the_indicative_level_per_domain(tmp_path):
    import pandas as pd

    from reports.overview import render_overview

    paths = render_overview([report()], tmp_path)
    frame = pd.read_csv(paths["csv"])
    assert frame.loc[0, "niveau_indicatif_strategie"] == 4
    assert pd.isna(frame.loc[0, "niveau_indicatif_logiciels_libres"])
    doc = lxml_html.fromstring(paths["html"].read_text(encoding="utf-8"))
    assert doc.xpath("//td[contains(@class,'level')]/a[text()='4']")


def test_overview_heatmap_and_script_allowed_by_hash(tmp_path):
    import base64
    import hashlib

    from reports.overview import render_overview

    page = render_overview([report()], tmp_path)["html"].read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    heat = doc.xpath("//table[@class='heatmap']//td[contains(@class,'heat-4')]")
    assert heat and heat[0].text_content().strip() == "4"
    [script] = doc.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    [csp] = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp.endswith(f"script-src 'sha256-{digest}'")  # the CSP names exactly this script
    assert doc.xpath("//p[@class='filter' and @hidden]//input[@type='search']")  # hidden without JavaScript
