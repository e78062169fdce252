"""The rendered pass (issue 22, `--render`) as report.html shows it: views of report.json's `render`
key and of the `axe_accessibility` signal's details. They judge nothing: the signals do.

`render_section(report, anchor, lang)` → the section's data, or None when the report has no `render`
key (the page is then exactly what it was before the rendered pass existed). `axe_view(details, lang)`
→ the accessibility rules of the rendered pages, per rule, from the details checks/axe_accessibility.py
writes (checks/axe_rgaa.py `summarise`: `pages` with their `violations`, `rules`, `tests`, `criteria`,
`unmapped_rules`, `rules_from_tags`, `mark`, `grade`, `method`, `differences`, `sources`; and
`page_accueil`, `axe_version`, `pages_sans_resultats`); None when the details lack `rules` and `pages`.
`overview_cells(report)` → the overview's columns of the pass (reports/overview.py adds them only
when one candidate at least was rendered).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reports.values import english

# The signals of the rendered pass (checks/registry.py RENDERED_MODULES), by what the section links
# to them: third parties contacted, cookies and storage, trackers loaded by scripts, accessibility.
THIRD_PARTIES, COOKIES, SCRIPTED, AXE = (
    "rendered_third_parties", "cookies_before_consent", "scripted_trackers", "axe_accessibility")
RENDERED_SIGNALS = (THIRD_PARTIES, COOKIES, SCRIPTED, AXE)
REASONS = ("accueil", "accessibilite", "mentions_legales", "donnees_personnelles", "contact", "aleatoire")
# axe-core's impacts, the most severe first.
IMPACTS = ("critical", "serious", "moderate", "minor")
# A screenshot is a file next to report.html (rendu/<n>.png): a relative path, nothing else.
_LOCAL_IMAGE = re.compile(r"(?!.*\.\.)[A-Za-z0-9_-][A-Za-z0-9_./-]{0,200}\.png")
OVERVIEW_COLUMNS = ("note_accessibilite_indicative", "tiers_avant_consentement", "cookies_avant_consentement")


def local_image(path: Any) -> str | None:
    """The screenshot's path if it is a plain relative .png path (no scheme, no « .. »), else None."""
    return path if isinstance(path, str) and _LOCAL_IMAGE.fullmatch(path) else None


def _strings(values: Any) -> list[str]:
    return [str(v) for v in values if v is not None] if isinstance(values, list) else []


def _words(text: Any, lang: str) -> Any:
    """A French text of the pass (an error, a method) in the reader's language when the catalogue has it."""
    return english(text) if lang == "en" else text


def _signal(report: dict[str, Any], sid: str) -> dict[str, Any] | None:
    return next((s for s in report.get("signals") or [] if isinstance(s, dict) and s.get("id") == sid), None)


def _rendered(page: dict[str, Any]) -> bool:
    """A page the browser did open (a status, or requests made): an unrendered page claims nothing."""
    return page.get("status") is not None or bool(page.get("requests"))


def _targets(report: dict[str, Any], anchor: Callable[[str, Any], str]) -> dict[str, str | None]:
    """Where each rendered signal's evidence lies in the page (its evidence table), None when absent."""
    targets: dict[str, str | None] = {}
    for sid in RENDERED_SIGNALS:
        sig = _signal(report, sid)
        if sig is None:
            targets[sid] = None
        else:
            targets[sid] = "#" + anchor("signal", sid) + ("-preuves" if sig.get("evidence") else "")
    return targets


def render_section(report: dict[str, Any], anchor: Callable[[str, Any], str],
                   lang: str = "fr") -> dict[str, Any] | None:
    """The section « Ce que le navigateur a chargé » from report.json's `render`, or None without it;
    `anchor`: the page's ids (reports.html.anchor), to link the numbers to their signals' evidence."""
    render = report.get("render")
    if not isinstance(render, dict):
        return None
    pages = []
    for i, page in enumerate(p for p in render.get("pages") or [] if isinstance(p, dict)):
        pages.append({
            **page,
            "n": i + 1,
            "reasons": _strings(page.get("reasons")),
            "error": _words(page.get("error"), lang),
            "third_party_hosts": _strings(page.get("third_party_hosts")),
            "cookies": _strings(page.get("cookies")),
            "storage_keys": _strings(page.get("storage_keys")),
            "screenshot": local_image(page.get("screenshot")),
            "rendered": _rendered(page),
        })
    consent = render.get("consent") if isinstance(render.get("consent"), dict) else None
    if consent is not None:
        consent = {**consent, "error": _words(consent.get("error"), lang),
                   "added_hosts": _strings(consent.get("added_hosts")),
                   "added_cookies": _strings(consent.get("added_cookies"))}
    signals = [s for s in (_signal(report, sid) for sid in RENDERED_SIGNALS) if s is not None]
    return {
        "meta": render,
        "sample": [s for s in render.get("sample") or [] if isinstance(s, dict)],
        "pages": pages,
        "consent": consent,
        "rendered_text": [r for r in render.get("rendered_text") or [] if isinstance(r, dict)],
        "errors": [{**e, "error": _words(e.get("error"), lang)} for e in render.get("errors") or []
                   if isinstance(e, dict)],
        "signals": signals,
        "targets": _targets(report, anchor),
        "has_screenshots": any(p["screenshot"] for p in pages),
    }


def _impact_rank(impact: Any) -> int:
    return IMPACTS.index(impact) if impact in IMPACTS else len(IMPACTS)


def _criterion_key(criterion: str) -> tuple:
    try:
        return tuple(int(part) for part in str(criterion).split("."))
    except ValueError:
        return (999, str(criterion))


def axe_view(details: Any, lang: str = "fr") -> dict[str, Any] | None:
    """The axe_accessibility signal's details as the report shows them, rule by rule: its RGAA
    criteria and tests (or none), its most severe impact, the pages where it failed and the elements
    (selector and HTML as found, escaped by the template). None when the details lack `rules` and `pages`
    (an `inconnu` signal: the generic view shows what it has)."""
    if not isinstance(details, dict) or not (isinstance(details.get("rules"), dict)
                                             or isinstance(details.get("pages"), list)):
        return None
    rules: dict[str, dict[str, Any]] = {}

    def rule_row(rid: str, agg: dict[str, Any]) -> dict[str, Any]:
        return rules.setdefault(rid, {
            "rule": rid, "rgaa": _strings(agg.get("rgaa")), "rgaa_tests": _strings(agg.get("rgaa_tests")),
            "wcag": _strings(agg.get("wcag")), "impact": agg.get("impact") if agg.get("impact") in IMPACTS else None,
            "help": str(agg.get("help") or ""), "pages": _strings(agg.get("pages")),
            "nodes_total": agg.get("nodes_total"), "elements": []})

    for rid, agg in (details.get("rules") or {}).items():
        if isinstance(agg, dict):
            rule_row(str(rid), agg)
    pages = []
    for page in details.get("pages") or []:
        if not isinstance(page, dict):
            continue
        url = page.get("url")
        violations = [v for v in page.get("violations") or [] if isinstance(v, dict) and v.get("rule")]
        count = page.get("violations_count")
        pages.append({"url": url, "violations": count if isinstance(count, int) else len(violations),
                      "mark": page.get("mark"), "grade": _words(page.get("grade"), lang)})
        for v in violations:
            known = str(v["rule"]) in rules
            row = rule_row(str(v["rule"]), {**v, "pages": [], "nodes_total": 0})
            if not known or not details.get("rules"):  # the pages alone say where and how many
                if url is not None and url not in row["pages"]:
                    row["pages"].append(url)
                row["nodes_total"] = (row["nodes_total"] or 0) + (v.get("nodes_total") or 0)
            for key in ("rgaa", "rgaa_tests", "wcag"):
                row[key] = row[key] or _strings(v.get(key))
            row["help"] = row["help"] or str(v.get("help") or "")
            if _impact_rank(v.get("impact")) < _impact_rank(row["impact"]):
                row["impact"] = v.get("impact")
            for node in v.get("nodes") or []:
                if isinstance(node, dict):
                    row["elements"].append({"url": url, "target": node.get("target"), "html": node.get("html"),
                                            "failure_summary": node.get("failure_summary")})
    ordered = sorted(rules.values(), key=lambda r: (not r["rgaa"], [_criterion_key(c) for c in r["rgaa"]],
                                                    _impact_rank(r["impact"]), r["rule"]))
    criteria = details.get("criteria") if isinstance(details.get("criteria"), dict) else {}
    tests = details.get("tests") if isinstance(details.get("tests"), dict) else None
    home = details.get("page_accueil") if isinstance(details.get("page_accueil"), dict) else None
    return {
        "grade": _words(details.get("grade"), lang),
        "mark": details.get("mark"),
        "home": {**home, "grade": _words(home.get("grade"), lang)} if home else None,
        "axe_version": details.get("axe_version"),
        "rules": ordered,
        "pages": pages,
        "criteria": {k: _strings(criteria.get(k)) for k in ("failed", "passed", "incomplete", "inapplicable")},
        "tests": {k: len(_strings(tests.get(k))) for k in ("failed", "passed", "incomplete", "inapplicable")}
        if tests else None,
        "unmapped": [{**u, "reason": _words(u.get("reason"), lang)} for u in details.get("unmapped_rules") or []
                     if isinstance(u, dict)],
        "from_tags": _strings(details.get("rules_from_tags")),
        "without_results": [{**w, "raison": _words(w.get("raison"), lang)}
                            for w in details.get("pages_sans_resultats") or [] if isinstance(w, dict)],
        "method": _words(details.get("method"), lang),
        "differences": [_words(d, lang) for d in details.get("differences") or [] if isinstance(d, str)],
        "sources": [s for s in (details.get("sources") or {}).values() if isinstance(s, dict)]
        if isinstance(details.get("sources"), dict) else [],
    }


def overview_cells(report: dict[str, Any]) -> dict[str, Any]:
    """The overview's columns of the rendered pass: the indicative accessibility grade (the
    axe_accessibility signal's value, A–F; empty when not graded), the distinct third-party hosts and
    the distinct cookie names met on the first visit of the rendered pages (before any consent).
    Empty without `render`, or (the counts) when no page was rendered."""
    render = report.get("render")
    empty = dict.fromkeys(OVERVIEW_COLUMNS)
    if not isinstance(render, dict):
        return empty
    pages = [p for p in render.get("pages") or [] if isinstance(p, dict) and _rendered(p)]
    axe = _signal(report, AXE) or {}
    grade = axe.get("value") if isinstance(axe.get("value"), str) else None  # None: not graded (inconnu)
    if not pages:
        return {**empty, "note_accessibilite_indicative": grade}
    return {"note_accessibilite_indicative": grade,
            "tiers_avant_consentement": len({h for p in pages for h in _strings(p.get("third_party_hosts"))}),
            "cookies_avant_consentement": len({c for p in pages for c in _strings(p.get("cookies"))})}
