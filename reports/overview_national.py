"""The overview of a national run (issue 21): index.html by région and département, one page per
département in departements/ (38.html, then 38-2.html… when long), and a compact index of the whole
run for the search (departements/recherche.js). overview.csv and overview.xlsx stay whole
(reports.overview writes them).

No HTML page is larger than PAGE_MAX_BYTES, whatever the number of candidates, by construction:
a row's texts are shortened (TEXT_LIMITS) so that a row's size is bounded, a département's rows are
cut into pages by their measured size and count, and a page found too large once rendered is cut
again before anything is written. index.html has one line per département (at most ~130: the INSEE's
101, the overseas collectivités, a line per région for its candidates without a département, and
« département inconnu »).

The search: each page carries two scripts of our own, allowed by their hashes in its
Content-Security-Policy, with 'strict-dynamic' so that the search script may add the one script
that holds the index. A `<script src>` allowed by its hash needs Subresource Integrity, which
browsers refuse on pages opened from the disk (file://: no CORS); inline JSON would put the whole
index (~2.5 MB for 36,400 candidates) in every page. With 'strict-dynamic', a `<script src>` written
in the page (as injected markup would be) is still refused: only our hashed script loads scripts.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reports.catalogues import catalogue
from reports.html import anchor, make_env, url_path_segment
from reports.i18n import number
from reports.territories import COM, REGION_PREFIX, UNKNOWN, place_of, territories

PAGE_MAX_BYTES = 1_500_000  # no HTML page larger, at any scale
SMALL_RUN_MAX = 500  # candidates: above, the national layout without trying the single page
ROWS_PER_PAGE = 500  # a page sorts and filters at once in a browser
FOLDER = "departements"
SEARCH_JS = "recherche.js"
SEARCH_PATH = f"{FOLDER}/{SEARCH_JS}"  # from the run's folder
SEARCH_MAX = 50  # results shown
MAX_DOMAINS = 12
MAX_OUTCOMES = 10  # columns of the outcome distribution; the rarer outcomes in « autres »
MAX_MENTIONS = 6
TEXT_LIMITS = {"name": 200, "kind": 60, "code": 20, "outcome": 160, "mention": 100, "evaluation": 300,
               "reason": 200, "title": 120, "id": 255}
PAGER_WINDOW = 3  # pages linked on each side of the current one (the first and last always)
_TEMPLATES = Path(__file__).resolve().parent / "templates"
# The files this module writes in FOLDER (and only those are removed when they are stale).
_OWN_PAGE = re.compile(r"^(\d{2,3}|2[AB]|region-[0-9A-Za-z]+|com|inconnu)(-\d+)?\.html$")

WORDS: dict[str, dict[str, str]] = {lang: catalogue("overview_national", lang) for lang in ("fr", "en")}


def is_national(reports: list[dict[str, Any]]) -> bool:
    """Too many candidates for one page: the national layout, without rendering the single page."""
    return len(reports) > SMALL_RUN_MAX


def too_large(html: str) -> bool:
    return len(html.encode("utf-8")) > PAGE_MAX_BYTES


def short(value: Any, limit: str) -> str | None:
    """A text of report.json, shortened to its limit (with « … »); None stays None."""
    if value is None or value == "":
        return None
    text = str(value)
    size = TEXT_LIMITS[limit]
    return text if len(text) <= size else text[: size - 1] + "…"


def _number(value: Any) -> int | float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _folded(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode().lower()


def _script(name: str) -> tuple[Markup, str]:
    """One of our scripts, and its hash as the Content-Security-Policy names it."""
    text = (_TEMPLATES / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return Markup(text), f"'sha256-{digest}'"


def _outcome_key(outcome: dict[str, Any]) -> tuple[str, str] | None:
    result = outcome.get("result")
    return None if result in (None, "") else (str(outcome.get("track") or ""), str(result))


def outcome_columns(reports: list[dict[str, Any]], words: dict[str, str]) -> list[dict[str, Any]]:
    """The columns of the outcome distribution: each outcome of the edition found (best first, in
    its words), then « non évaluable », then « autres » when there are more than MAX_OUTCOMES."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for report in reports:
        outcome = report.get("outcome") or {}
        key = _outcome_key(outcome)
        if key is not None and key not in found:
            rank = _number(outcome.get("rank"))
            found[key] = {"key": key, "rank": rank if rank is not None else -1,
                          "label": short(outcome.get("display"), "outcome") or key[1]}
    ordered = sorted(found.values(), key=lambda c: (-c["rank"], c["key"]))
    columns = ordered[:MAX_OUTCOMES]
    columns.append({"key": None, "label": words["not_evaluable"]})
    if len(ordered) > MAX_OUTCOMES:
        columns.append({"key": "other", "label": words["other_outcomes"]})
    return columns


def _column_of(outcome: dict[str, Any], index: dict[Any, int]) -> int:
    key = _outcome_key(outcome)
    return index[key] if key in index else index["other"]


@lru_cache(maxsize=8192)
def _formatted(value: float, lang: str) -> str:
    return number(value, lang)


def row_view(report: dict[str, Any], prefix: str, domains: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """What a candidate's row shows (as index.html's main table), every text shortened, numbers
    formatted in `lang` with the link to where their proof lies."""
    cand = report.get("candidate") or {}
    crawl = report.get("crawl") or {}
    counts = crawl.get("counts") or {}
    outcome = report.get("outcome") or {}
    cid = cand.get("id")
    href = f"{prefix}{url_path_segment(cid)}/report.html" if isinstance(cid, str) and 0 < len(cid) <= TEXT_LIMITS["id"] \
        else None
    levels = {d.get("domain"): d for d in report.get("levels") or [] if isinstance(d, dict)}
    favorable = {d.get("id"): (d.get("counts") or {}).get("favorable")
                 for d in report.get("domains") or [] if isinstance(d, dict)}
    mentions = [short(mn.get("title"), "mention") for mn in outcome.get("mentions") or []
                if isinstance(mn, dict) and mn.get("status") == "suggeree"]

    def cell(value: Any, anchor_: str) -> tuple[str | None, str | None]:
        value = _number(value)
        return (None, None) if value is None else (_formatted(value, lang), href and href + anchor_)

    return {
        "href": href, "name": short(cand.get("name") or cid, "name"), "kind": short(cand.get("kind"), "kind"),
        "siren": short(cand.get("siren"), "code"), "insee": short(cand.get("insee"), "code"),
        "counts": [cell(counts.get("pages"), "#collecte"), cell(counts.get("documents"), "#collecte"),
                   cell(counts.get("errors"), "#erreurs")],
        "complete": crawl.get("complete"),
        "outcome": short(outcome.get("display"), "outcome"), "mentions": mentions[:MAX_MENTIONS],
        "evaluation": short((report.get("evaluation") or {}).get("summary"), "evaluation"),
        "levels": [{"level": _number((levels.get(d["id"]) or {}).get("level")),
                    "target": href and f"{href}#{d['anchor']}-niveau",
                    "reason": short((levels.get(d["id"]) or {}).get("reason"), "reason")} for d in domains],
        "favorable": [cell(favorable.get(d["id"]), "#" + d["anchor"]) for d in domains],
    }


@dataclass
class Group:
    """The candidates of one département (or of a région without département, or unknown)."""
    key: str
    code: str | None
    name: str
    region: str
    rows: list[tuple[tuple[str, str], str, int, list[Any]]] = field(default_factory=list)
    dist: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _page_name(key: str, number: int) -> str:
    return f"{key}.html" if number == 1 else f"{key}-{number}.html"


def page_links(files: list[str], current: int | None, prefix: str) -> list[dict[str, Any]]:
    """The links to a département's pages: the first, the last, and PAGER_WINDOW on each side of
    the current one (of the first on index.html), « … » between: a bounded list at any scale."""
    around = current or 1
    shown = [n for n in range(1, len(files) + 1)
             if n in (1, len(files)) or abs(n - around) <= PAGER_WINDOW or (current is None and n <= 2 * PAGER_WINDOW)]
    links: list[dict[str, Any]] = []
    for n in shown:
        if links and n - links[-1]["number"] > 1:
            links.append({"gap": True, "number": n - 1})
        links.append({"number": n, "href": prefix + files[n - 1], "current": n == current})
    return links


def _chunks(rows: list[tuple[Any, str, int, list[Any]]], budget: int) -> list[list[Any]]:
    """Consecutive rows cut into pages of at most `budget` bytes and ROWS_PER_PAGE rows."""
    out: list[list[Any]] = []
    current: list[Any] = []
    size = 0
    for row in rows:
        if current and (size + row[2] > budget or len(current) >= ROWS_PER_PAGE):
            out.append(current)
            current, size = [], 0
        current.append(row)
        size += row[2]
    if current:
        out.append(current)
    return out


def _place_name(group_key: str, code: str | None, words: dict[str, str]) -> tuple[str, str | None]:
    known = territories()
    if code is not None:
        return f"{known.departements[code][0]} ({code})", code
    if group_key.startswith(REGION_PREFIX):
        return words["region_only"], None
    return words["unknown_departement"], None


def _region_name(region: str, words: dict[str, str]) -> str:
    if region == COM:
        return words["com_region"]
    if region == UNKNOWN:
        return words["unknown_region"]
    return territories().regions.get(region, region)


def render_national(reports: list[dict[str, Any]], out_dir: Path, lang: str, domains: list[dict[str, Any]],
                    names: dict[str, str]) -> dict[str, Path]:
    """index.html by région and département, the départements' pages and the search index, in
    `lang`; `names`: the run's other files (csv, xlsx, figures, index). Returns the paths written."""
    out_dir = Path(out_dir)
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    env = make_env(lang)
    words, uo = WORDS[lang], catalogue("overview", lang)
    macros = env.get_template("_national.html.j2").module
    doms = [{"id": d["id"], "title": short(d.get("title") or d["id"], "title"), "anchor": anchor("domaine", d["id"])}
            for d in domains[:MAX_DOMAINS]]
    columns = outcome_columns(reports, words)
    column_index = {c["key"]: i for i, c in enumerate(columns)}

    groups: dict[str, Group] = {}
    for report in reports:
        cand = report.get("candidate") or {}
        place = place_of(cand)
        group = groups.get(place.key)
        if group is None:
            name, code = _place_name(place.key, place.departement, words)
            group = groups[place.key] = Group(place.key, code, name, place.region, dist=[0] * len(columns))
        view = row_view(report, "../", doms, lang)
        html = str(macros.row(view, uo, doms))
        entry = [view["href"] and str(cand.get("id")) or "", view["name"] or "", view["siren"] or "",
                 view["insee"] or "", place.departement or ""]
        group.rows.append(((_folded(view["name"] or ""), str(cand.get("id"))), html, len(html.encode("utf-8")), entry))
        group.dist[_column_of(report.get("outcome") or {}, column_index)] += 1

    sort_script, sort_hash = _script("overview.js")
    search_script, search_hash = _script("overview_search.js")
    tool = next((r.get("tool") for r in reports if r.get("tool")), None) or {}
    common = {"uo": uo, "un": words, "domains": doms, "total": len(reports), "index_path": SEARCH_PATH,
              "csv_name": names["csv"], "xlsx_name": names["xlsx"], "figures_name": names["figures"],
              "index_name": names["html"],
              "generator": f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip()}
    page_template = env.get_template("overview_departement.html.j2")
    search_pages: list[list[str]] = []
    search_rows: list[list[Any]] = []
    written: set[str] = set()
    for group in _ordered(groups):
        group.rows.sort(key=lambda r: r[0])
        pages = _render_group(group, page_template, common, sort_script, search_script,
                              f"{sort_hash} {search_hash} 'strict-dynamic'", words)
        for page_number, (name, html, rows) in enumerate(pages, start=1):
            (folder / name).write_text(html, encoding="utf-8")
            written.add(name)
            of = words["page_of"].format(page=page_number, pages=len(pages))
            label = group.name if len(pages) == 1 else f"{group.name}, {of}"
            search_pages.append([f"{FOLDER}/{name}", label])
            search_rows.extend(row[3] + [len(search_pages) - 1] for row in rows)
        group.rows = []  # the rendered rows are written: memory goes back as it goes
    data = json.dumps({"pages": search_pages, "rows": search_rows}, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    search_path = folder / SEARCH_JS
    search_path.write_text(f"window.TNL_RECHERCHE = {data};\n", encoding="utf-8")
    for stale in folder.iterdir():
        if _OWN_PAGE.match(stale.name) and stale.name not in written:
            stale.unlink()

    index = out_dir / names["html"]
    index.write_text(_render_index(env, groups, columns, reports, common, search_script, search_hash), encoding="utf-8")
    return {"html": index, "departements": folder, "search_index": search_path}


def _ordered(groups: dict[str, Group]) -> list[Group]:
    """Régions by name (the overseas collectivités, then the unknown, last); in a région, its
    candidates without département first, then its départements in the INSEE's order."""
    order = {code: i for i, code in enumerate(territories().departements)}
    regions = territories().regions

    def key(g: Group) -> tuple:
        region_rank = 2 if g.region == UNKNOWN else 1 if g.region == COM else 0
        return (region_rank, _folded(regions.get(g.region, g.region)), g.code is not None, order.get(g.code or "", -1))
    return sorted(groups.values(), key=key)


def _render_group(group: Group, template, common: dict[str, Any], sort_script: Markup, search_script: Markup,
                  csp: str, words: dict[str, str]) -> list[tuple[str, str, list[Any]]]:
    """The pages of one group, each at most PAGE_MAX_BYTES: rows cut by the room the page leaves them,
    a page still too large cut in two until it fits (a single row always does: its size is bounded)."""
    region_name = _region_name(group.region, words)

    def render(parts: list[list[Any]]) -> list[str]:
        files = [_page_name(group.key, n) for n in range(1, len(parts) + 1)]
        group.files = files
        return [template.render(**common, place=group.name, region_name=region_name,
                                region_anchor=f"region-{group.region}", number=n, count=len(parts),
                                links=page_links(files, n, ""), rows_count=len(part), place_count=len(group.rows),
                                rows=Markup("\n".join(r[1] for r in part)), sort_script=sort_script,
                                search_script=search_script, csp_script=csp)
                for n, part in enumerate(parts, start=1)]

    skeleton = max(len(page.encode("utf-8")) for page in render([[]]))
    parts = _chunks(group.rows, PAGE_MAX_BYTES - skeleton - 4096)  # 4 KB: the pager, the numbers
    while True:
        pages = render(parts)
        large = [i for i, page in enumerate(pages) if too_large(page)]
        if not large:
            return [(group.files[i], page, parts[i]) for i, page in enumerate(pages)]
        if any(len(parts[i]) < 2 for i in large):
            raise RuntimeError(f"page {group.key}: one row over {PAGE_MAX_BYTES} bytes")  # bounded rows: never
        parts = [half for i, part in enumerate(parts)
                 for half in ((part[: len(part) // 2], part[len(part) // 2:]) if i in large else (part,))]


def _render_index(env, groups: dict[str, Group], columns: list[dict[str, Any]], reports: list[dict[str, Any]],
                  common: dict[str, Any], search_script: Markup, search_hash: str) -> str:
    words = common["un"]
    regions: list[dict[str, Any]] = []
    for group in _ordered(groups):
        if not regions or regions[-1]["code"] != group.region:
            regions.append({"code": group.region, "name": _region_name(group.region, words),
                            "anchor": f"region-{group.region}", "count": 0, "dist": [0] * len(columns), "groups": []})
        region = regions[-1]
        count = sum(group.dist)
        region["count"] += count
        region["dist"] = [a + b for a, b in zip(region["dist"], group.dist)]
        region["groups"].append({"name": group.name, "code": group.code, "count": count, "dist": group.dist,
                                 "links": page_links(group.files, None, f"{FOLDER}/")})
    dates = sorted(str(r["generated_at"]) for r in reports if r.get("generated_at"))
    return env.get_template("overview_national.html.j2").render(
        **common, outcomes=columns, regions=regions,
        dist=[sum(r["dist"][i] for r in regions) for i in range(len(columns))],
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        search_script=search_script, csp_script=f"{search_hash} 'strict-dynamic'")


def remove_national(out_dir: Path) -> None:
    """A run rendered as one page again: the national pages of an earlier rendering are removed
    (only the files this module names; the folder when it is left empty)."""
    folder = Path(out_dir) / FOLDER
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if _OWN_PAGE.match(path.name) or path.name == SEARCH_JS:
            path.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()
