"""overview.xlsx: a workbook people use (openpyxl): headers in words, the header row frozen, filters,
column widths, each candidate's name linking to its report.html, one sheet per domain, a "Lisez-moi".

The CSV keeps the stable column ids that scripts read (`id`, `pages`, `niveau_indicatif_…`); the
workbook is for people. Its cells come from the same neutralised frame (reports.overview): a cell a
spreadsheet would run as a formula starts with an apostrophe.

Written in openpyxl's write-only mode (rows streamed to the file, widths, frozen panes and filters
set before them): a national run's 36,400 rows × ~100 columns took 57 s and 1.1 GB in the default
mode, where every cell is an object in memory (bench/RESULTS.md, issue 21).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.catalogues import catalogue
from reports.html import rubric_words
from reports.render_view import OVERVIEW_COLUMNS as RENDER_COLUMNS  # only after a run with --render
from reports.strings import STRINGS

# Words of the workbook, per language (catalogue table « workbook »: headers, read-me).
WORDS: dict[str, dict[str, str]] = {lang: catalogue("workbook", lang) for lang in ("fr", "en")}
# The edition's indicative outcome (report.json `outcome`), one column each (reports.overview.outcome_cells).
OUTCOME_COLUMNS = ("edition", "parcours", "resultat_indicatif", "resultat_libelle", "score_indicatif",
                   "mentions_suggerees")
BASE = ("id", "name", "kind", "siren", "pages", "documents", "errors", "crawl_complete", "evaluation", *OUTCOME_COLUMNS)
# Column names of the overview's frame (reports.overview builds it with them).
LEVEL_PREFIX = "niveau_indicatif_"  # indicative level per domain: `niveau_indicatif_<domain id>`
ASSESSMENT_SUFFIX = "__assessment"  # a signal's assessment beside its value: `<signal>__assessment`
MAX_WIDTH = 60  # characters: longer cells wrap
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
LINK_FONT = Font(color="1F4E9A", underline="single")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"):
# prefixing an apostrophe makes LibreOffice and Excel treat it as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """Prefix a string cell with "'" when a spreadsheet would run it as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _clean(value: Any) -> Any:
    """A cell value openpyxl can write: no control characters, pandas' missing values as empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value.item() if hasattr(value, "item") else value


def _sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip() or "Domaine"
    name = base if len(base) <= 31 else base[:30].rstrip() + "…"
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = (base[: 31 - len(suffix)]).rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def _styled(ws, value: Any, font: Font | None = None, fill: PatternFill | None = None,
            wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_clean(value))
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _write_table(ws, headers: list[str], rows: list[list[Any]], links: list[str | None] | None = None,
                 link_column: int = 2, freeze: str = "C2") -> None:
    """A header row and its rows into a write-only sheet: what comes before the rows (widths, panes,
    filters) is set first."""
    ws.freeze_panes = freeze
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for col, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [len(str(r[col - 1])) for r in rows if r[col - 1] is not None])
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, max(8, longest + 2))
    ws.append([_styled(ws, h, Font(bold=True), HEADER_FILL, wrap=True) for h in headers])
    for i, row in enumerate(rows):
        values: list[Any] = [_clean(v) for v in row]
        target = links[i] if links else None
        if target:
            cell = WriteOnlyCell(ws, value=values[link_column - 1])
            cell.hyperlink = target
            cell.font = LINK_FONT
            values[link_column - 1] = cell
        ws.append(values)


def write_workbook(path: Path, frame: pd.DataFrame, reports: list[dict[str, Any]], domains: list[dict[str, Any]],
                   columns: list[dict[str, Any]], lang: str = "fr") -> Path:
    """overview.xlsx from the overview's frame (one row per report, values neutralised already)."""
    words = WORDS.get(lang, WORDS["fr"])
    labels = STRINGS.get(lang, STRINGS["fr"])
    assessments, kinds = labels["assessments"], labels["kinds"]
    yes_no = {True: words["yes"], False: words["no"]}
    links = [f"{cid}/report.html" if isinstance(cid, str) and cid else None for cid in frame["id"]]
    records = frame.to_dict("records")
    wb = Workbook(write_only=True)
    taken = {words["sheet"].lower(), words["readme"].lower()}

    # 1. Every candidate: who, what was read, the levels.
    ws = wb.create_sheet(words["sheet"])
    # The rendered pass's columns (--render), after the levels: only when the frame has them.
    rendered = [k for k in RENDER_COLUMNS if k in frame.columns]
    headers = ([words[k] for k in BASE] + [words["level"].format(domain=d["title"]) for d in domains]
               + [words[k] for k in rendered])
    rows = []
    for rec in records:
        row = [rec.get(k) for k in BASE]
        row[BASE.index("kind")] = kinds.get(rec.get("kind"), rec.get("kind"))
        complete = rec.get("crawl_complete")
        row[BASE.index("crawl_complete")] = yes_no.get(complete) if isinstance(complete, bool) else None
        rows.append(row + [rec.get(LEVEL_PREFIX + d["id"]) for d in domains] + [rec.get(k) for k in rendered])
    _write_table(ws, headers, rows, links)

    # 2. One sheet per domain: its level and its signals, value and assessment side by side.
    readme_rows: list[list[str]] = [[words["sheet"], words[k], words[f"m_{k}"]] for k in BASE]
    readme_rows += [[words["sheet"], words["level"].format(domain=d["title"]), words["m_level"]] for d in domains]
    readme_rows += [[words["sheet"], words[k], words[f"m_{k}"]] for k in rendered]
    for d in domains:
        mine = [c for c in columns if c["domain"] == d["id"]]
        ws = wb.create_sheet(_sheet_title(d["title"], taken))
        level = words["level"].format(domain=d["title"])
        headers = [words["id"], words["name"], level]
        for c in mine:
            title = c.get("title") or c["id"]
            headers += [title, words["assessment"].format(title=title)]
            readme_rows.append([ws.title, title, words["m_signal"].format(title=title)])
            readme_rows.append([ws.title, words["assessment"].format(title=title), words["m_assessment"]])
        rows = []
        for rec in records:
            row = [rec.get("id"), rec.get("name"), rec.get(LEVEL_PREFIX + d["id"])]
            for c in mine:
                verdict = rec.get(c["id"] + ASSESSMENT_SUFFIX)
                row += [rec.get(c["id"]), assessments.get(verdict, verdict) if isinstance(verdict, str) else None]
            rows.append(row)
        _write_table(ws, headers, rows, links)

    # 3. Lisez-moi: what the workbook is, when, by what, and what each column means.
    ws = wb.create_sheet(words["readme"])
    dates = sorted(str(r["generated_at"])[:19].replace("T", " ") for r in reports if r.get("generated_at"))
    tool = next((r.get("tool") for r in reports if r.get("tool")), None) or {}
    rubric = next((r.get("rubric") for r in reports if r.get("rubric")), None) or {}
    rubric_text = rubric_words(rubric, lang) + (f" (SHA-256 {rubric['sha256']})" if rubric.get("sha256") else "")
    intro = [words["readme_title"],
             words["readme_dates"].format(dates=f"{dates[0]} → {dates[-1]} UTC" if dates else "—"),
             words["readme_tool"].format(tool=f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip()),
             words["readme_rubric"].format(rubric=rubric_text),
             words["readme_levels"], words["readme_links"], words["readme_formulas"], ""]
    for col, width in zip("ABC", (32, 48, 70)):
        ws.column_dimensions[col].width = width
    ws.append([_styled(ws, intro[0], Font(bold=True, size=13))])
    for line in intro[1:]:
        ws.append([_clean(line)])
    ws.append([_styled(ws, words["readme_columns"], Font(bold=True))])
    ws.append([_styled(ws, words[k], Font(bold=True), HEADER_FILL) for k in ("col_sheet", "col_column", "col_meaning")])
    for row in readme_rows:
        ws.append([_clean(v) for v in row])
    wb.save(path)
    return path
