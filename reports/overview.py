"""Overview of all candidates: index.html, overview.csv and overview.xlsx, each a view of the report.json files."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from ground.model import DOMAINS
from reports.catalogues import catalogue
from reports.figures import FIGURES_HTML, render_figures
from reports.html import DEFAULT_LANG, localize, make_env
from reports.overview_national import is_national, remove_national, render_national, too_large
from reports.prospects import render_prospects
from reports.render_view import OVERVIEW_COLUMNS as RENDER_COLUMNS
from reports.render_view import overview_cells as render_cells
from reports.workbook import ASSESSMENT_SUFFIX, LEVEL_PREFIX, OUTCOME_COLUMNS, write_workbook
from reports.workbook import FORMULA_PREFIXES, neutralise_formula  # noqa: F401 - re-exported: this module's interface

# --- User-facing French strings -------------------------------------------------------------------
UI_OVERVIEW: dict[str, str] = catalogue("overview", "fr")

UI_OVERVIEW_EN: dict[str, str] = catalogue("overview", "en")
UI_OVERVIEW_BY_LANG = {"fr": UI_OVERVIEW, "en": UI_OVERVIEW_EN}
# -----------------------------------------------------------------------------------------------

CSV_NAME = "overview.csv"
XLSX_NAME = "overview.xlsx"
INDEX_NAME = "index.html"
BASE_COLUMNS = ["id", "name", "kind", "siren", "pages", "documents", "errors", "crawl_complete", "evaluation",
                *OUTCOME_COLUMNS]

def signal_columns(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Union of signal ids over the reports, grouped in domain order, each with its domain and title."""
    domain_order = {d["id"]: d["title"] for d in domain_list(reports)}
    found: dict[str, dict[str, Any]] = {}
    for report in reports:
        for sig in report.get("signals") or []:
            if sig.get("id") not in found:
                found[sig.get("id")] = {"id": sig.get("id"), "domain": sig.get("domain"), "title": sig.get("title")}
                domain_order.setdefault(sig.get("domain"), sig.get("domain"))
    rank = {d: i for i, d in enumerate(domain_order)}
    return sorted(found.values(), key=lambda s: rank[s["domain"]])  # stable: first appearance within a domain


def domain_groups(reports: list[dict[str, Any]], columns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive signal columns of one domain, for the grouped header row of index.html."""
    titles = {d["id"]: d["title"] for d in domain_list(reports)}
    groups: list[dict[str, Any]] = []
    for col in columns:
        if groups and groups[-1]["id"] == col["domain"]:
            groups[-1]["span"] += 1
        else:
            groups.append({"id": col["domain"], "title": titles.get(col["domain"], col["domain"]), "span": 1})
    return groups


def domain_list(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The domains (id, title) in the order the reports list them."""
    seen: dict[str, str] = {}
    for report in reports:
        for domain in report.get("domains") or []:
            seen.setdefault(domain.get("id"), domain.get("title") or domain.get("id"))
    return [{"id": k, "title": v} for k, v in seen.items()]


def _counts(report: dict[str, Any]) -> dict[str, Any]:
    return (report.get("crawl") or {}).get("counts") or {}


DOMAIN_IDS = tuple(DOMAINS)  # report.json keys, in the label's order


def outcome_cells(outcome: dict[str, Any]) -> dict[str, Any]:
    """The edition's indicative outcome as overview columns: its edition, the track, the result
    (« argent », « badge », « aucun », « 4 »…; empty when not evaluable), its words, its score, and
    the special mentions the evidence suggests (ids joined by « | »)."""
    mentions = [m.get("id") for m in outcome.get("mentions") or [] if m.get("status") == "suggeree"]
    return {"edition": outcome.get("edition"), "parcours": outcome.get("track"),
            "resultat_indicatif": outcome.get("result"), "resultat_libelle": outcome.get("display"),
            "score_indicatif": outcome.get("score"),
            "mentions_suggerees": "|".join(mentions) if outcome.get("scale") == "tiers" else None}


def overview_frame(reports: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per candidate, values copied from report.json, string cells neutralised."""
    columns = signal_columns(reports)
    # The rendered pass's columns (issue 22), only when one candidate at least was rendered (--render):
    # the CSV of a run without it keeps its columns.
    rendered = any(isinstance(r.get("render"), dict) for r in reports)
    rows = []
    for report in reports:
        candidate = report.get("candidate") or {}
        counts = _counts(report)
        row: dict[str, Any] = {
            "id": candidate.get("id"),
            "name": candidate.get("name"),
            "kind": candidate.get("kind"),
            "siren": candidate.get("siren"),
            "pages": counts.get("pages"),
            "documents": counts.get("documents"),
            "errors": counts.get("errors"),
            # False: the crawl stopped before its end (its report says why and how to resume).
            "crawl_complete": (report.get("crawl") or {}).get("complete"),
            # report.json's one-line evaluation: which levels were given, or why none (unreachable).
            "evaluation": (report.get("evaluation") or {}).get("summary"),
            **outcome_cells(report.get("outcome") or {}),
        }
        levels = {d.get("domain"): d.get("level") for d in report.get("levels") or []}
        for domain in DOMAIN_IDS:
            row[LEVEL_PREFIX + domain] = levels.get(domain)
        if rendered:
            row.update(render_cells(report))
        by_id = {s.get("id"): s for s in report.get("signals") or []}
        for col in columns:
            sig = by_id.get(col["id"]) or {}
            row[col["id"]] = sig.get("display")
            row[col["id"] + ASSESSMENT_SUFFIX] = sig.get("assessment")
        rows.append({key: neutralise_formula(cell) for key, cell in row.items()})
    level_names = [LEVEL_PREFIX + d for d in DOMAIN_IDS]
    names = (BASE_COLUMNS + level_names + (list(RENDER_COLUMNS) if rendered else [])
             + [n for c in columns for n in (c["id"], c["id"] + ASSESSMENT_SUFFIX)])
    frame = pd.DataFrame(rows, columns=names)
    # Counts stay integers when a report lacks one (instead of turning the column into floats).
    counts = RENDER_COLUMNS[1:] if rendered else ()
    for name in ("pages", "documents", "errors", "edition", *level_names, *counts):
        frame[name] = frame[name].astype("Int64")
    return frame


def render_overview(reports: list[dict[str, Any]], out_dir: Path, lang: str = DEFAULT_LANG) -> dict[str, Path]:
    """Write index.html, overview.csv and overview.xlsx into `out_dir` (words in `lang`); return their paths by format."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = make_env(lang)  # refuses an unknown language before anything is written
    # The CSV is data: report.json's own words, whatever the language of the views.
    paths = {"html": out_dir / INDEX_NAME, "csv": out_dir / CSV_NAME, "xlsx": out_dir / XLSX_NAME}
    frame = overview_frame(reports)
    frame.to_csv(paths["csv"], index=False, sep=",", encoding="utf-8", lineterminator="\n")
    if lang != DEFAULT_LANG:  # the views' words (values translated) for the workbook and the page
        reports = [localize(r, lang) for r in reports]
        frame = overview_frame(reports)
    columns = signal_columns(reports)
    write_workbook(paths["xlsx"], frame, reports, domain_list(reports), columns, lang)
    paths.update(render_figures(reports, out_dir, lang, INDEX_NAME, CSV_NAME))
    paths.update(render_prospects(reports, out_dir, lang, index_name=INDEX_NAME, figures_name=FIGURES_HTML))
    # A national run (issue 21): index.html by région and département, every page bounded in size.
    national = {"html": INDEX_NAME, "csv": CSV_NAME, "xlsx": XLSX_NAME, "figures": FIGURES_HTML}
    if is_national(reports):
        paths.update(render_national(reports, out_dir, lang, domain_list(reports), national))
        return paths

    script = (Path(__file__).parent / "templates" / "overview.js").read_text(encoding="utf-8")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    dates = sorted(str(r["generated_at"]) for r in reports if r.get("generated_at"))
    tool = next((r.get("tool") for r in reports if r.get("tool")), None) or {}
    html = env.get_template("overview.html.j2").render(
        uo=UI_OVERVIEW_BY_LANG[lang],
        rows=[
            {
                "report": r,
                "candidate": r.get("candidate") or {},
                "counts": _counts(r),
                "signals": {s.get("id"): s for s in r.get("signals") or []},
                "favorable": {d.get("id"): (d.get("counts") or {}).get("favorable") for d in r.get("domains") or []},
                "levels": {d.get("domain"): d.get("level") for d in r.get("levels") or []},
                "reasons": {d.get("domain"): d.get("reason") for d in r.get("levels") or []},
                "evaluation": (r.get("evaluation") or {}).get("summary"),
                "outcome": r.get("outcome") or {},
                "complete": (r.get("crawl") or {}).get("complete"),
            }
            for r in reports
        ],
        columns=columns,
        groups=domain_groups(reports, columns),
        domains=domain_list(reports),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        csv_name=CSV_NAME,
        xlsx_name=XLSX_NAME,
        figures_name=FIGURES_HTML,
        script=Markup(script),
        # Content-Security-Policy allows this one script by its hash, and nothing else.
        csp_script=f"'sha256-{script_hash}'",
        generator=f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip(),
    )
    if too_large(html):  # a few hundred candidates already: the national layout too
        paths.update(render_national(reports, out_dir, lang, domain_list(reports), national))
        return paths
    remove_national(out_dir)
    paths["html"].write_text(html, encoding="utf-8")
    return paths

