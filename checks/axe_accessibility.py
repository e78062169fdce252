"""axe_accessibility: axe-core's accessibility rules on the rendered pages, mapped to RGAA, and an indicative grade.

Read in the rendered pass (`--render`, ground/rendered.py): the axe-core results object of each FIRST visit
(no click, no consent) that has one, through checks/axe_rgaa.py (the rule → RGAA test table of
checks/data/axe_rgaa.yaml and the grade computed as Asqatasun, the engine of the national accessibility map,
computes its own: RGAA tests passed / (passed + failed), A at 100 %, B above 90, C above 85, D above 75, E
above 60, F otherwise). value = the grade over the sample (a test fails when it fails on one page).

Assessment: favorable for A or B, neutre for C or D, defavorable for E or F; inconnu when no rendered page has
axe results (no page rendered, axe-core failed or absent: the reason says which, page by page), or when no
RGAA test was passed or failed on them (grade « non évaluable »).

details: what checks.axe_rgaa.summarise returns (`pages`, `rules`, `rgaa_criteria_touched`, `tests`,
`criteria`, `unmapped_rules`, `rules_from_tags`, `mark`, `grade`, `indicative`, `method`, `differences`,
`sources`), where
- each page also has `violations_count` (rules failed on it), without `seen_rules`;
- each rule of `rules` also has `impact` (the most severe met), `help`, `wcag`, `rgaa_tests`;
and besides:
- axe_version: the engine's version (render.json, else the results' `testEngine`);
- page_accueil: {url, mark, grade} of the homepage alone (the map grades homepages only), or None;
- pages_sans_resultats: [{page, raison}] of the sampled pages with no axe results (not rendered, axe
  failed, results not in axe's shape).
Evidence: one per rule and page in violation (the most severe rules first, at most MAX_EVIDENCE), read in the
rendering's axe record: the rule id, then its first element's HTML and selector.
"""
from __future__ import annotations

from checks.axe_rgaa import NOT_GRADABLE, AxeResultsError, page_summary, rule_table, summarise
from checks.base import CheckMeta, render_evidence, signal
from checks.rendered_pages import plural, unrendered, unrendered_reason
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations
from ground.rendered import first_visits, shown

META = CheckMeta(
    id="axe_accessibility",
    domain="interop_accessibilite",
    title="Règles d'accessibilité sur les pages rendues (axe-core, RGAA)",
    description=(
        "Les règles automatiques d'accessibilité d'axe-core, le moteur de référence, appliquées aux pages "
        "telles qu'un navigateur les affiche (contrastes, intitulés des boutons et des liens, langue, "
        "structure…), rattachées aux tests du RGAA selon la correspondance publiée par axe-core, et une note "
        "indicative de A à F calculée comme celle de la carte nationale de l'accessibilité des sites des "
        "communes (DINUM, Déclic, ADULLACT ; moteur Asqatasun) : part des tests RGAA réussis. Les tests "
        "automatiques ne couvrent qu'une partie du RGAA : la note n'est pas un taux de conformité, qui "
        "demande un audit humain. Mesuré sur un échantillon de pages rendues par un navigateur sans "
        "interface (option --render)."
    ),
    title_en="Accessibility rules on the rendered pages (axe-core, RGAA)",
    description_en=(
        "The automated accessibility rules of axe-core, the reference engine, applied to the pages as a "
        "browser displays them (contrast, names of buttons and links, language, structure…), linked to "
        "the RGAA tests by the mapping axe-core publishes, and an indicative grade from A to F computed "
        "like that of the national accessibility map of communes' websites (DINUM, Déclic, ADULLACT; "
        "Asqatasun engine): the share of RGAA tests passed. Automated tests cover only part of the RGAA: "
        "the grade is not a conformity rate, which needs a human audit. Measured on a sample of pages "
        "rendered by a headless browser (--render option)."
    ),
    evidence=("Pour chaque règle en échec et chaque page, la règle et le premier élément fautif (son code "
              "HTML et son sélecteur), lus dans les résultats d'axe-core archivés avec le rendu."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE = 40
ASSESSMENT = {"A": FAVORABLE, "B": FAVORABLE, "C": NEUTRE, "D": NEUTRE, "E": DEFAVORABLE, "F": DEFAVORABLE}
# axe-core's impacts, the most severe first (its API documentation: minor, moderate, serious, critical).
IMPACTS = ("critical", "serious", "moderate", "minor")
HOMEPAGE = "accueil"  # the sample's reason for the homepage (render.json)


def _severity(impact) -> int:
    return IMPACTS.index(impact) if impact in IMPACTS else len(IMPACTS)


def _with_axe(obs: Observations) -> tuple[list[dict], list[dict]]:
    """(first visits with axe results, [{page, raison}] of the sampled pages without)."""
    out, missing = [], []
    for r in first_visits(obs.renderings):
        if not shown(r):
            continue  # not the site's page (no DOM, an HTTP error): unrendered() says why
        if isinstance(r.get("axe"), dict):
            out.append(r)
        else:  # rendered, but axe gave nothing
            missing.append({"page": r.get("url", ""), "raison": r.get("axe_error") or "résultats axe-core absents"})
    return out, unrendered(obs) + missing


def _homepage(obs: Observations, pages: list[dict]) -> dict | None:
    urls = {item.get("url") for item in obs.render.get("sample") or []
            if isinstance(item, dict) and HOMEPAGE in (item.get("reasons") or [])}
    page = next((p for p in pages if p["url"] in urls), None)
    return None if page is None else {"url": page["url"], "mark": page["mark"], "grade": page["grade"]}


def _rules(pages: list[dict], rules: dict[str, dict]) -> dict[str, dict]:
    """The summary's rules with what the pages say of each: the most severe impact, help, WCAG, RGAA tests."""
    out = {rid: dict(agg) for rid, agg in rules.items()}
    for page in pages:
        for row in page["violations"]:
            agg = out[row["rule"]]
            if "impact" not in agg or _severity(row["impact"]) < _severity(agg["impact"]):
                agg["impact"] = row["impact"]
            agg.setdefault("help", row["help"])
            agg.setdefault("wcag", row["wcag"])
            agg.setdefault("rgaa_tests", row["rgaa_tests"])
    return out


def _evidence(renderings: list[dict], pages: list[dict]) -> list[Evidence]:
    found = []
    for rendering, page in zip(renderings, pages):
        for row in page["violations"]:
            node = row["nodes"][0] if row["nodes"] else {"html": "", "target": ""}
            snippet = f"{row['rule']} ({row['impact'] or 'impact inconnu'}) : {node['html']} — {node['target']}"
            found.append((_severity(row["impact"]), row["rule"], render_evidence(rendering, snippet, part="axe")))
    found.sort(key=lambda f: (f[0], f[1]))  # stable: pages in sample order within a rule
    return [e for _, _, e in found[:MAX_EVIDENCE]]


def _version(obs: Observations, renderings: list[dict]) -> str | None:
    if obs.render.get("axe_version"):
        return obs.render["axe_version"]
    return next(((r["axe"].get("testEngine") or {}).get("version") for r in renderings
                 if isinstance(r["axe"].get("testEngine"), dict)), None)


def run(obs: Observations):
    candidates, missing = _with_axe(obs)
    renderings, table = [], rule_table()
    for r in candidates:
        try:
            page_summary(r.get("url", ""), r["axe"], table)  # results in axe's shape, or one French line
        except AxeResultsError as exc:
            missing.append({"page": r.get("url", ""), "raison": str(exc)})
            continue
        renderings.append(r)
    graded = {r.get("url") for r in renderings}
    missing = [m for m in missing if m["page"] not in graded]
    if not renderings:
        if not any(shown(r) for r in first_visits(obs.renderings)):
            reason = unrendered_reason(obs)
        else:
            reason = "aucun résultat axe-core sur les pages rendues — " + "; ".join(
                f"{m['page']} : {m['raison']}" for m in missing[:5])
        return signal(META, None, INCONNU, "indéterminé", reason=reason,
                      details={"pages_sans_resultats": missing} if missing else None)
    summary = summarise([(r.get("url", ""), r["axe"]) for r in renderings])
    pages = summary["pages"]
    details = {**summary,
               "pages": [{**{k: v for k, v in p.items() if k != "seen_rules"},
                          "violations_count": len(p["violations"])} for p in pages],
               "rules": _rules(pages, summary["rules"]),
               "axe_version": _version(obs, renderings),
               "page_accueil": _homepage(obs, pages),
               "pages_sans_resultats": missing}
    failed = plural(len(summary["rules"]), "règle") + " en échec" if summary["rules"] else "aucune règle en échec"
    where = f"sur {plural(len(pages), 'page')}"
    grade = summary["grade"]
    if grade == NOT_GRADABLE:
        return signal(META, None, INCONNU, NOT_GRADABLE, details=details, evidence=_evidence(renderings, pages),
                      reason=f"aucun test RGAA réussi ou échoué ({failed} {where})")
    return signal(META, grade, ASSESSMENT[grade], f"note indicative {grade} : {failed} {where}",
                  evidence=_evidence(renderings, pages), details=details)
