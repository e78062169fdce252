"""From axe-core results to RGAA 4.1 tests and criteria and an INDICATIVE grade A–F (pure functions, no browser).

Input: axe-core's results object as `axe.run` returns it (its API documentation, « Results Object »):
`violations`, `passes`, `incomplete`, `inapplicable`, each a list of rules `{id, impact, tags, help,
nodes: [{target, html, failureSummary, …}]}`; one object per rendered page.

The rule → RGAA test table is checks/data/axe_rgaa.yaml: axe-core 4.12.1's own RGAA tags (RGAA-1.1.1 = test
1.1.1), checked against the RGAA 4.1.2 criteria (the file's header says what was verified against which
versions). A rule absent from the table (a newer axe) takes the WCAG and RGAA tests of its own `tags`.

The grade is computed as Asqatasun computes its own, Asqatasun being the engine of the national
accessibility map of commune homepages (DINUM, Déclic, ADULLACT; 2nd edition, November 2025: each
homepage tested with 117 RGAA tests, graded A–F, « note indicative »). Asqatasun's raw mark is
    mark = 100 × tests passed / (tests passed + tests failed)
counted per RGAA test, each weighing 1.0, the « pre-qualified » (need more info) and not applicable tests
left out (engine/analyser AnalyserImpl.computeRawMark; documentation « Asqatasun meter »), and its letter
is A at 100, B above 90, C above 85, D above 75, E above 60, F otherwise (web-app template/grade.jsp, fed
with the raw mark by synthesis.jsp). Here a test FAILS when one of its axe rules has a violation, PASSES
when one of its rules passed and none failed; tests only « incomplete » (to be checked by a person) or
inapplicable are left out. The map's own page describing its computation was not found: only its
partners' announcements (engine, homepage, 117 tests, A–F), so that the map is assumed to use Asqatasun's
grade as shipped. The differences are returned with every grade (`method`, `differences`): the grade is
indicative, never a conformity rate in the RGAA's sense (that needs a human audit of all 106 criteria).
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
    "Note indicative calculée comme celle d'Asqatasun, le moteur de la carte nationale de l'accessibilité "
    "des sites des communes (DINUM, Déclic, ADULLACT) : taux = tests RGAA réussis / (réussis + échoués), "
    "chaque test comptant pour 1, les tests à vérifier par une personne et les tests non applicables "
    "écartés ; A à 100 %, B au-dessus de 90 %, C au-dessus de 85 %, D au-dessus de 75 %, E au-dessus de "
    "60 %, F sinon (seuils d'Asqatasun). Un test RGAA échoue si une règle axe-core qui lui est rattachée "
    "(correspondance publiée par axe-core 4.12.1) est en échec, réussit si l'une a réussi et aucune n'a échoué."
)
DIFFERENCES = (
    ("Moteur axe-core et non Asqatasun : la carte applique 117 tests RGAA automatisés d'Asqatasun, "
     "axe-core 4.12.1 n'en atteint que 35 (28 critères) avec ses règles lancées par défaut."),
    ("Les règles axe sans test RGAA (bonnes pratiques, règles WCAG que la correspondance d'axe ne rattache "
     "pas au RGAA) n'entrent pas dans la note ; elles sont listées à part."),
    "Les résultats « incomplets » d'axe (à vérifier par une personne) ne sont comptés ni réussis ni échoués.",
    ("La carte ne note que la page d'accueil ; ici, un test échoue sur l'échantillon s'il échoue sur une de "
     "ses pages, et la note de la page d'accueil seule est donnée à part."),
    ("Le calcul de la carte n'a pas été trouvé publié : on suppose qu'elle reprend la note d'Asqatasun telle "
     "quelle (seuils de son application web ; sa documentation donne A au-dessus de 99 %)."),
    "Ce n'est pas un taux de conformité RGAA : il faudrait un audit humain des 106 critères.",
)
GROUPS = ("failed", "passed", "incomplete", "inapplicable")


class AxeResultsError(ValueError):
    """Axe results not in axe-core's shape; the message is one French line naming page and field."""


def rule_table() -> dict[str, dict[str, Any]]:
    """The rule → {wcag, rgaa_tests, rgaa, …} table of checks/data/axe_rgaa.yaml."""
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


_RGAA_TAG = re.compile(r"^RGAA-(\d+\.\d+\.\d+)$")  # RGAA-11.9.1 → test 11.9.1 (axe-core ≥ 4.11)


def rgaa_tests_from_tags(tags: Any) -> list[str]:
    """The RGAA tests named by an axe rule's `tags` (for rules absent from our table)."""
    found = {m.group(1) for t in (tags if isinstance(tags, list) else []) if (m := _RGAA_TAG.match(str(t)))}
    return sorted(found, key=criterion_key)


def criterion_of(test: str) -> str:
    """The RGAA criterion of a test: "11.9.1" → "11.9"."""
    return ".".join(test.split(".")[:2])


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


def _entry(rule: dict[str, Any], table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The table's entry of a rule, or one read in the rule's own tags when the table lacks it."""
    entry = table.get(rule["id"])
    if entry is not None:
        return entry
    tests = rgaa_tests_from_tags(rule.get("tags"))
    return {"wcag": wcag_from_tags(rule.get("tags")), "rgaa_tests": tests,
            "rgaa": sorted({criterion_of(t) for t in tests}, key=criterion_key), "from_tags": True}


def _status(groups: dict[str, set[str]]) -> dict[str, list[str]]:
    """Tests (or criteria) by status, each in one group only: failed wins over passed, over incomplete,
    over inapplicable."""
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    for group in GROUPS:
        items = groups[group] - taken
        out[group] = sorted(items, key=criterion_key)
        taken |= items
    return out


def _criteria_status(tests: dict[str, list[str]]) -> dict[str, list[str]]:
    return _status({g: {criterion_of(t) for t in tests[g]} for g in GROUPS})


def page_summary(url: str, results: Any, table: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One page's axe results: violations per rule with evidence, RGAA tests and criteria status, mark, grade."""
    table = rule_table() if table is None else table
    rules = {g: _rules(url, results, g) for g in ("violations", "passes", "incomplete", "inapplicable")}
    entries = {r["id"]: _entry(r, table) for group in rules.values() for r in group}
    groups = {status: {t for r in rules[group] for t in entries[r["id"]].get("rgaa_tests", [])}
              for status, group in zip(GROUPS, ("violations", "passes", "incomplete", "inapplicable"))}
    tests = _status(groups)
    rows = []
    for rule in rules["violations"]:
        nodes = rule.get("nodes", [])
        entry = entries[rule["id"]]
        rows.append({
            "rule": rule["id"],
            "impact": rule.get("impact"),
            "help": str(rule.get("help") or ""),
            "wcag": list(entry.get("wcag", [])),
            "rgaa": list(entry.get("rgaa", [])),
            "rgaa_tests": list(entry.get("rgaa_tests", [])),
            "nodes_total": len(nodes),
            "nodes": [_node_evidence(url, rule["id"], n) for n in nodes[:NODES_MAX]],
        })
    mark = _mark(set(tests["passed"]), set(tests["failed"]))
    seen = {r["id"] for g in ("violations", "passes", "incomplete") for r in rules[g]}
    return {
        "url": url,
        "violations": rows,
        "tests": tests,
        "criteria": _criteria_status(tests),
        "mark": mark,
        "grade": grade_for(mark),
        "seen_rules": sorted(seen),
        "from_tags": sorted(rid for rid, e in entries.items() if e.get("from_tags") and e["rgaa_tests"]),
    }


def summarise(pages: dict[str, Any] | list[tuple[str, Any]]) -> dict[str, Any]:
    """Axe results of one or more pages (url → results object, in sample order) → the JSON-ready summary.

    Keys: `pages` (page_summary of each), `rules` (rule → its criteria, the pages and the number of elements
    in violation), `rgaa_criteria_touched` (criteria failed on one page at least), `tests` and `criteria`
    (sample-wide status: a test fails when it fails on one page), `unmapped_rules` ([{rule, reason}] for
    rules met with no RGAA test), `rules_from_tags` (rules absent from the table, mapped by their own
    tags), `mark`, `grade` (« non évaluable » when no RGAA test was passed or failed), `indicative`
    (always True), `method`, `differences`, `sources`.
    """
    table = rule_table()
    items = list(pages.items()) if isinstance(pages, dict) else list(pages)
    summaries = [page_summary(url, results, table) for url, results in items]
    rules: dict[str, dict[str, Any]] = {}
    groups: dict[str, set[str]] = {g: set() for g in GROUPS}
    seen: set[str] = set()
    from_tags: set[str] = set()
    for page in summaries:
        for row in page["violations"]:
            agg = rules.setdefault(row["rule"], {"rgaa": row["rgaa"], "pages": [], "nodes_total": 0})
            agg["pages"].append(page["url"])
            agg["nodes_total"] += row["nodes_total"]
        for group in GROUPS:
            groups[group] |= set(page["tests"][group])
        seen |= set(page["seen_rules"])
        from_tags |= set(page["from_tags"])
    tests = _status(groups)
    unmapped = [
        {"rule": rid, "reason": NO_CRITERION if rid in table else NOT_IN_TABLE}
        for rid in sorted(seen) if not table.get(rid, {}).get("rgaa") and rid not in from_tags
    ]
    mark = _mark(set(tests["passed"]), set(tests["failed"]))
    criteria = _criteria_status(tests)
    return {
        "pages": summaries,
        "rules": dict(sorted(rules.items())),
        "rgaa_criteria_touched": criteria["failed"],
        "tests": tests,
        "criteria": criteria,
        "unmapped_rules": unmapped,
        "rules_from_tags": sorted(from_tags),
        "mark": mark,
        "grade": grade_for(mark),
        "indicative": True,
        "method": METHOD,
        "differences": list(DIFFERENCES),
        "sources": load_data("axe_rgaa.yaml")["sources"],
    }
