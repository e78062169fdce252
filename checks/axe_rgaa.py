"""From axe-core results to RGAA 4.1 criteria and an INDICATIVE grade A–F (pure functions, no browser).

Input: axe-core's results object as `axe.run` returns it (its API documentation, « Results Object »):
`violations`, `passes`, `incomplete`, `inapplicable`, each a list of rules `{id, impact, tags, help,
nodes: [{target, html, failureSummary, …}]}`; one object per rendered page.

The rule → criterion table is checks/data/axe_rgaa.yaml (each link sourced there).

The grade follows the thresholds of Asqatasun, the engine of the national accessibility map of commune
homepages (ADULLACT + Déclic + DINUM): Asqatasun turns a conformity mark (percentage) into a letter —
A at 100, B above 90, C above 85, D above 75, E above 60, F otherwise (Asqatasun's grade.jsp). The map's
mark comes from Asqatasun's own RGAA tests; ours is computed BY ANALOGY, per RGAA criterion, from axe-core:
    mark = 100 × criteria passed / (criteria passed + criteria failed)
where a criterion FAILS when one of its axe rules has a violation on the page, PASSES when one of its
rules passed and none failed; criteria only « incomplete » (to be checked by a person) or inapplicable
are left out, as Asqatasun leaves out its « pré-qualifiés » and « non applicables » tests. The
differences with the map are returned with every grade (`method`, `differences`): the grade is indicative,
never a conformity rate in the RGAA's sense (that needs a human audit of all 106 criteria).
"""

from __future__ import annotations

import re
from typing import Any

from checks.base import load_data

# Evidence bounds: an html snippet is cut at HTML_MAX characters, at most NODES_MAX elements per rule and page.
HTML_MAX = 200
NODES_MAX = 5
NOT_GRADABLE = "non évaluable"
NO_CRITERION = "sans critère RGAA"
NOT_IN_TABLE = "règle absente de la table"

# Asqatasun's thresholds, highest first: (grade, the mark must be strictly above this, or equal for A).
GRADE_THRESHOLDS = (("B", 90.0), ("C", 85.0), ("D", 75.0), ("E", 60.0))

METHOD = (
    "Note indicative, par analogie avec la carte nationale de l'accessibilité des communes "
    "(ADULLACT, Déclic, DINUM ; moteur Asqatasun) : taux = critères RGAA réussis / (réussis + échoués), "
    "d'après les règles axe-core rattachées aux critères ; A à 100 %, B au-dessus de 90 %, C au-dessus "
    "de 85 %, D au-dessus de 75 %, E au-dessus de 60 %, F sinon (seuils d'Asqatasun)."
)
DIFFERENCES = (
    ("Moteur axe-core et non Asqatasun : les tests ne sont pas les mêmes (la carte applique 117 tests "
     "automatiques RGAA d'Asqatasun)."),
    ("Seuls les critères RGAA rattachés à une règle axe sont comptés ; les règles sans critère RGAA "
     "n'entrent pas dans la note."),
    "Les résultats « incomplets » d'axe (à vérifier par une personne) ne sont comptés ni réussis ni échoués.",
    "Un critère échoue sur l'échantillon s'il échoue sur une de ses pages ; la carte ne note que la page d'accueil.",
    "Ce n'est pas un taux de conformité RGAA : il faudrait un audit humain des 106 critères.",
)


class AxeResultsError(ValueError):
    """Axe results not in axe-core's shape; the message is one French line naming page and field."""


def rule_table() -> dict[str, dict[str, Any]]:
    """The rule → {wcag, rgaa, …} table of checks/data/axe_rgaa.yaml."""
    return load_data("axe_rgaa.yaml")["rules"]


def criterion_key(criterion: str) -> tuple[int, ...]:
    """Sort key of an RGAA criterion number: "9.3" before "10.4"."""
    return tuple(int(part) for part in criterion.split("."))


def truncate_html(html: str, limit: int = HTML_MAX) -> str:
    """The snippet cut to `limit` characters, the cut marked by « … » (which counts in the limit)."""
    return html if len(html) <= limit else html[: limit - 1] + "…"


_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")  # wcag111 → 1.1.1, wcag1410 → 1.4.10; not wcag2a, wcag21aa


def wcag_from_tags(tags: Any) -> list[str]:
    """The WCAG success criteria named by an axe rule's `tags` (for rules absent from our table)."""
    found = [m.groups() for t in (tags if isinstance(tags, list) else []) if (m := _WCAG_TAG.match(str(t)))]
    return [".".join(g) for g in found]


def _target_text(target: Any) -> str:
    """axe's `target`: a list of selectors, one per frame; a nested list is a shadow-DOM path."""
    parts = []
    for item in target if isinstance(target, list) else [target]:
        if isinstance(item, list):
            parts.append(" >>> ".join(str(x) for x in item))
        elif isinstance(item, dict):  # {fromFrames: […]} / {fromShadowDom: […]} of recent versions
            parts.append(" >>> ".join(str(x) for v in item.values() for x in (v if isinstance(v, list) else [v])))
        else:
            parts.append(str(item))
    return " | ".join(parts)


def _rules(url: str, results: Any, group: str) -> list[dict[str, Any]]:
    """The rules of one result group, checked for the fields we read."""
    if not isinstance(results, dict):
        raise AxeResultsError(f"résultats axe de {url} : objet attendu, reçu {type(results).__name__}")
    rules = results.get(group, [])
    if not isinstance(rules, list):
        raise AxeResultsError(f"résultats axe de {url} : champ « {group} » : liste attendue")
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str) or not rule["id"]:
            raise AxeResultsError(f"résultats axe de {url} : champ « {group}[{i}].id » manquant ou non textuel")
        if not isinstance(rule.get("nodes", []), list):
            raise AxeResultsError(f"résultats axe de {url} : champ « {group}[{i}].nodes » : liste attendue")
    return rules


def _node_evidence(url: str, rule_id: str, node: Any) -> dict[str, str]:
    if not isinstance(node, dict):
        raise AxeResultsError(f"résultats axe de {url} : règle {rule_id} : élément de « nodes » non objet")
    return {
        "target": _target_text(node.get("target", [])),
        "html": truncate_html(str(node.get("html") or "")),
        "failure_summary": str(node.get("failureSummary") or ""),
    }


def grade_for(mark: float | None) -> str:
    """Asqatasun's letter for a mark in percent; None (nothing tested) → « non évaluable »."""
    if mark is None:
        return NOT_GRADABLE
    if mark >= 100.0:
        return "A"
    for letter, above in GRADE_THRESHOLDS:
        if mark > above:
            return letter
    return "F"


def _mark(passed: set[str], failed: set[str]) -> float | None:
    tested = len(passed) + len(failed)
    return None if tested == 0 else round(100.0 * len(passed) / tested, 1)


def _criteria(rule_ids: set[str], table: dict[str, dict[str, Any]]) -> set[str]:
    return {c for rid in rule_ids for c in table.get(rid, {}).get("rgaa", [])}


def page_summary(url: str, results: Any, table: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One page's axe results: violations per rule with evidence, criteria status, mark and grade."""
    table = rule_table() if table is None else table
    violations = _rules(url, results, "violations")
    ids = {g: {r["id"] for r in _rules(url, results, g)} for g in ("passes", "incomplete", "inapplicable")}
    failed_rules = {r["id"] for r in violations}
    failed = _criteria(failed_rules, table)
    passed = _criteria(ids["passes"], table) - failed
    incomplete = _criteria(ids["incomplete"], table) - failed - passed
    inapplicable = _criteria(ids["inapplicable"], table) - failed - passed - incomplete
    rows = []
    for rule in violations:
        nodes = rule.get("nodes", [])
        entry = table.get(rule["id"], {})
        rows.append({
            "rule": rule["id"],
            "impact": rule.get("impact"),
            "help": str(rule.get("help") or ""),
            "wcag": list(entry["wcag"]) if entry else wcag_from_tags(rule.get("tags")),
            "rgaa": list(entry.get("rgaa", [])),
            "nodes_total": len(nodes),
            "nodes": [_node_evidence(url, rule["id"], n) for n in nodes[:NODES_MAX]],
        })
    mark = _mark(passed, failed)
    return {
        "url": url,
        "violations": rows,
        "criteria": {
            "failed": sorted(failed, key=criterion_key),
            "passed": sorted(passed, key=criterion_key),
            "incomplete": sorted(incomplete, key=criterion_key),
            "inapplicable": sorted(inapplicable, key=criterion_key),
        },
        "mark": mark,
        "grade": grade_for(mark),
        "seen_rules": sorted(failed_rules | ids["passes"] | ids["incomplete"]),
    }


def summarise(pages: dict[str, Any] | list[tuple[str, Any]]) -> dict[str, Any]:
    """Axe results of one or more pages (url → results object, in sample order) → the JSON-ready summary.

    Keys: `pages` (page_summary of each), `rules` (rule → pages and elements in violation),
    `rgaa_criteria_touched` (criteria failed on one page at least), `criteria` (sample-wide status),
    `unmapped_rules` ([{rule, reason}] for rules met with no RGAA criterion), `mark`, `grade`
    (« non évaluable » when no mapped criterion was tested), `indicative` (always True), `method`,
    `differences`, `sources`.
    """
    table = rule_table()
    items = list(pages.items()) if isinstance(pages, dict) else list(pages)
    summaries = [page_summary(url, results, table) for url, results in items]
    rules: dict[str, dict[str, Any]] = {}
    status: dict[str, set[str]] = {k: set() for k in ("failed", "passed", "incomplete", "inapplicable")}
    seen: set[str] = set()
    for page in summaries:
        for row in page["violations"]:
            agg = rules.setdefault(row["rule"], {"rgaa": row["rgaa"], "pages": [], "nodes_total": 0})
            agg["pages"].append(page["url"])
            agg["nodes_total"] += row["nodes_total"]
        for key in status:
            status[key] |= set(page["criteria"][key])
        seen |= set(page["seen_rules"])
    status["passed"] -= status["failed"]
    status["incomplete"] -= status["failed"] | status["passed"]
    status["inapplicable"] -= status["failed"] | status["passed"] | status["incomplete"]
    unmapped = [
        {"rule": rid, "reason": NO_CRITERION if rid in table else NOT_IN_TABLE}
        for rid in sorted(seen) if not table.get(rid, {}).get("rgaa")
    ]
    mark = _mark(status["passed"], status["failed"])
    return {
        "pages": summaries,
        "rules": dict(sorted(rules.items())),
        "rgaa_criteria_touched": sorted(status["failed"], key=criterion_key),
        "criteria": {k: sorted(v, key=criterion_key) for k, v in status.items()},
        "unmapped_rules": unmapped,
        "mark": mark,
        "grade": grade_for(mark),
        "indicative": True,
        "method": METHOD,
        "differences": list(DIFFERENCES),
        "sources": load_data("axe_rgaa.yaml")["sources"],
    }
