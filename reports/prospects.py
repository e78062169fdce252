"""prospects.csv and prospects.html: the collectivités of a run worth inviting to apply — those whose
indicative outcome reaches a stated rank and who are not in the label's published palmarès —
ranked by their evidence, each with its three strongest favorable signals (linked to its report)
and its contact from the directory. A view of report.json: the outcome stays indicative, the rank
threshold is a parameter stated on the page, and the ranking is said to be uncalibrated until
`tnl calibrate` has been run on a real edition.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ground.text import name_key
from ground.userfile import UserFileError, read_user_text
from reports.catalogues import catalogue
from reports.html import anchor, format_date, kind_label, safe_href, url_path_segment
from reports.i18n import number, percent, plural
from reports.workbook import neutralise_formula

PROSPECTS_HTML = "prospects.html"
PROSPECTS_CSV = "prospects.csv"
CALIBRATION_JSON = "calibration.json"  # written by `tnl calibrate OUT` (tnl/calibrate.py)
# The published palmarès (checks/data/editions/palmares.csv: edition,nom,type,siren,resultat,…), a data
# file read by path (the layers forbid importing checks here; reading its data is not importing it).
PALMARES = Path(__file__).resolve().parents[1] / "checks" / "data" / "editions" / "palmares.csv"
# « Strong »: an indicative outcome of at least this rank (report.json `outcome.rank`: since 2025, 1 is
# Bronze on the label track or the badge on the badge track, 2 Argent, 3 Or; to 2024, the level 1 to 5).
DEFAULT_MIN_RANK = 1
EVIDENCE_SHOWN = 3
PAGE_LIMIT = 500  # rows on prospects.html (the page stays small at any scale); prospects.csv has them all
EVALUATED = "evalue"
UI = {lang: catalogue("prospects", lang) for lang in ("fr", "en")}
_SIREN = re.compile(r"^\d{9}$")
_EMAIL = re.compile(r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[^@\s<>\"'()]+$")


class PalmaresError(ValueError):
    """The palmarès file cannot be read: one French line naming the file, the line and the column."""


@dataclass(frozen=True)
class Laureate:
    edition: str
    name: str
    kind: str
    siren: str
    result: str
    line: int


def load_palmares(path: Path = PALMARES) -> list[Laureate]:
    """The rows of a palmarès CSV (header line; `,` or `;`; UTF-8 or a spreadsheet's Windows-1252):
    `nom` is required, `edition`, `type`, `siren`, `resultat` are read when present."""
    path = Path(path)
    try:
        text = read_user_text(path, "un fichier CSV", 16_000_000, spreadsheet=True)
    except UserFileError as exc:
        raise PalmaresError(str(exc)) from None
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "nom" not in header:
        raise PalmaresError(f"{path}: ligne 1, colonne nom : colonne absente (en-tête : {', '.join(header) or 'vide'})")
    reader.fieldnames = header
    out = []
    for row in reader:
        line = reader.line_num
        get = {k: (v or "").strip() for k, v in row.items() if k}
        siren = re.sub(r"\s+", "", get.get("siren", ""))
        if siren and not _SIREN.match(siren):
            raise PalmaresError(f"{path}: ligne {line}, colonne siren : « {siren} » n'est pas un SIREN (9 chiffres)")
        if not get.get("nom"):
            raise PalmaresError(f"{path}: ligne {line}, colonne nom : vide")
        out.append(Laureate(get.get("edition", ""), get["nom"], get.get("type", ""), siren,
                            get.get("resultat", ""), line))
    return out


class PalmaresIndex:
    """Finds a candidate in the palmarès: by SIREN, else by its folded name and kind."""

    def __init__(self, laureates: list[Laureate]):
        self.by_siren: dict[str, list[Laureate]] = {}
        self.by_name: dict[tuple[str, str], list[Laureate]] = {}
        for row in laureates:
            if row.siren:
                self.by_siren.setdefault(row.siren, []).append(row)
            self.by_name.setdefault((name_key(row.name), row.kind), []).append(row)

    def find(self, candidate: dict[str, Any]) -> tuple[list[Laureate], str | None]:
        """(the palmarès rows of the candidate, how they were found: « siren » or « nom »), or ([], None)."""
        siren = re.sub(r"\s+", "", str(candidate.get("siren") or ""))
        if siren in self.by_siren:
            return self.by_siren[siren], "siren"
        rows = self.by_name.get((name_key(str(candidate.get("name") or "")), str(candidate.get("kind") or "")))
        return (rows, "nom") if rows else ([], None)


def strongest_evidence(report: dict[str, Any], n: int = EVIDENCE_SHOWN) -> list[dict[str, Any]]:
    """The candidate's favorable signals that earn the most points in its levels (report.json
    `levels[].signals[]`: points, then weight), each with its value and its anchor in report.html."""
    displays = {s.get("id"): s.get("display") for s in report.get("signals") or []}
    rows, order = [], 0
    for level in report.get("levels") or []:
        for sig in level.get("signals") or []:
            order += 1
            if sig.get("assessment") == "favorable" and (sig.get("points") or 0) > 0:
                rows.append((-(sig.get("points") or 0), -(sig.get("weight") or 0), order, level.get("domain"), sig))
    rows.sort(key=lambda r: r[:3])
    cid = url_path_segment((report.get("candidate") or {}).get("id"))
    return [{"id": sig.get("id"), "title": sig.get("title") or sig.get("id"), "display": displays.get(sig.get("id")),
             "points": sig.get("points"), "weight": sig.get("weight"), "domain": domain,
             "href": f"{cid}/report.html#{anchor('signal', sig.get('id'))}"} for *_, domain, sig in rows[:n]]


def is_strong(report: dict[str, Any], min_rank: int = DEFAULT_MIN_RANK) -> bool:
    """Evaluated (never an unreachable or non-evaluable candidate) with an outcome of rank ≥ min_rank."""
    outcome = report.get("outcome") or {}
    if outcome.get("status") != EVALUATED or (report.get("evaluation") or {}).get("unreachable"):
        return False
    rank = outcome.get("rank")
    return isinstance(rank, (int, float)) and not isinstance(rank, bool) and rank >= min_rank


def select(reports: list[dict[str, Any]], laureates: list[Laureate],
           min_rank: int = DEFAULT_MIN_RANK) -> dict[str, Any]:
    """The prospects ranked (rank, then score, then name), the strong candidates already in the
    palmarès, and the counts the page states."""
    index = PalmaresIndex(laureates)
    prospects, known = [], []
    for report in reports:
        if not is_strong(report, min_rank):
            continue
        rows, how = index.find(report.get("candidate") or {})
        if rows:
            known.append({"report": report, "palmares": rows, "how": how})
        else:
            prospects.append(report)

    def key(r: dict[str, Any]) -> tuple:
        o = r.get("outcome") or {}
        return (-(o.get("rank") or 0), -(o.get("score") or 0), name_key((r.get("candidate") or {}).get("name") or ""))

    prospects.sort(key=key)
    known.sort(key=lambda k: key(k["report"]))
    evaluated = sum(1 for r in reports if (r.get("outcome") or {}).get("status") == EVALUATED)
    return {"prospects": prospects, "known": known, "total": len(reports), "evaluated": evaluated,
            "min_rank": min_rank}


def calibration_date(out_dir: Path) -> str | None:
    """When `tnl calibrate` wrote OUT/calibration.json (its `generated_at`), or None when it was never run."""
    path = Path(out_dir) / CALIBRATION_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return str(data.get("generated_at") or "") or "?" if isinstance(data, dict) else None


# --- views -------------------------------------------------------------------------------------------

def _rank_words(reports: list[dict[str, Any]], min_rank: int, lang: str) -> str:
    scale = next(((r.get("outcome") or {}).get("scale") for r in reports if (r.get("outcome") or {}).get("scale")),
                 "tiers")
    ui = UI[lang]
    if scale == "tiers":
        return ui["rank_tiers"].get(str(min_rank), ui["rank_tiers"]["3"])
    return ui["rank_level"].format(n=min_rank)


def _email_html(email: Any) -> str:
    if not email:
        return ""
    text = html.escape(str(email))
    return f'<a href="mailto:{text}">{text}</a>' if _EMAIL.match(str(email)) else text


def _row_cells(report: dict[str, Any], evidence: list[dict[str, Any]]) -> dict[str, Any]:
    c = report.get("candidate") or {}
    o = report.get("outcome") or {}
    cells: dict[str, Any] = {
        "id": c.get("id"), "nom": c.get("name"), "type": c.get("kind"), "siren": c.get("siren"),
        "departement": c.get("departement"), "population": c.get("population"), "parcours": o.get("track"),
        "edition": o.get("edition"), "resultat_indicatif": o.get("result"), "resultat_libelle": o.get("display"),
        "score_indicatif": o.get("score"), "courriel": c.get("email"), "site_web": (c.get("websites") or [None])[0],
        "annuaire": _directory_words(c),
    }
    for i in range(EVIDENCE_SHOWN):
        ev = evidence[i] if i < len(evidence) else {}
        cells[f"preuve_{i + 1}"] = f"{ev['title']} : {ev['display']}" if ev.get("display") else ev.get("title")
        cells[f"preuve_{i + 1}_signal"] = ev.get("id")
        cells[f"preuve_{i + 1}_points"] = ev.get("points")
    cells["rapport"] = f"{url_path_segment(c.get('id'))}/report.html"
    return cells


def _directory_words(candidate: dict[str, Any]) -> str | None:
    d = candidate.get("directory") or {}
    return f"{d.get('source')}, {d.get('file')}, {d.get('line')}" if d.get("source") else None


CSV_COLUMNS = ("rang", "id", "nom", "type", "siren", "departement", "population", "parcours", "edition",
               "resultat_indicatif", "resultat_libelle", "score_indicatif", "courriel", "site_web", "annuaire",
               *(f"preuve_{i}{s}" for i in range(1, EVIDENCE_SHOWN + 1) for s in ("", "_signal", "_points")),
               "rapport")


def render_prospects(reports: list[dict[str, Any]], out_dir: Path, lang: str = "fr", palmares: Path | None = None,
                     min_rank: int = DEFAULT_MIN_RANK, index_name: str = "index.html",
                     figures_name: str = "chiffres.html") -> dict[str, Path]:
    """Write prospects.csv (every prospect) and prospects.html (the first PAGE_LIMIT) into `out_dir`."""
    ui = UI.get(lang, UI["fr"])
    out_dir = Path(out_dir)
    chosen = select(reports, load_palmares(palmares or PALMARES), min_rank)
    paths = {"prospects_html": out_dir / PROSPECTS_HTML, "prospects_csv": out_dir / PROSPECTS_CSV}
    rows = []
    with open(paths["prospects_csv"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for position, report in enumerate(chosen["prospects"], 1):
            evidence = strongest_evidence(report)
            cells = {"rang": position, **_row_cells(report, evidence)}
            writer.writerow([neutralise_formula(cells[k]) for k in CSV_COLUMNS])
            if position <= PAGE_LIMIT:
                rows.append(_html_row(position, report, evidence, cells, lang))
    esc = html.escape
    when = calibration_date(out_dir)
    calibration = ui["calibrated"].format(date=format_date(when, lang)) if when else ui["not_calibrated"]
    counts = plural(len(chosen["prospects"]), ui["count"], lang, evaluated=number(chosen["evaluated"], lang),
                    total=number(chosen["total"], lang), known=number(len(chosen["known"]), lang))
    head = "".join(f'<th scope="col">{esc(ui[k])}</th>' for k in
                   ("col_rank", "col_name", "col_where", "col_outcome", "col_evidence", "col_contact"))
    more = (f'<p class="note">{esc(ui["more"].format(n=number(PAGE_LIMIT, lang), csv=PROSPECTS_CSV))}</p>'
            if len(chosen["prospects"]) > PAGE_LIMIT else "")
    known = "".join(
        f'<li><a href="{esc(url_path_segment((k["report"].get("candidate") or {}).get("id")))}/report.html">'
        f'{esc(str((k["report"].get("candidate") or {}).get("name")))}</a> — '
        + esc(", ".join(f"{row.edition} {row.result}".strip() for row in k["palmares"]))
        + f' <span class="note">({esc(ui["matched_" + k["how"]])})</span></li>' for k in chosen["known"])
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
            f'<title>{esc(ui["title"])}</title><style>body{{font-family:system-ui,sans-serif;margin:2rem;'
            'max-width:90rem}table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ccc;'
            'padding:.3rem .6rem;text-align:left;vertical-align:top}.num{text-align:right}.note{color:#555;'
            'font-size:.85rem}.banner{background:#fff4e5;border-left:4px solid #b35c00;padding:.5rem 1rem}'
            'ol{margin:0;padding-left:1.2rem}</style></head><body>'
            f'<p><a href="{esc(index_name)}">{esc(ui["back"])}</a> · <a href="{esc(figures_name)}">{esc(ui["figures"])}</a>'
            f' · <a href="{PROSPECTS_CSV}">{esc(ui["csv"])}</a></p><h1>{esc(ui["title"])}</h1>'
            f'<p>{esc(ui["intro"])}</p>'
            f'<p class="banner" id="calibration">{esc(calibration)}</p>'
            f'<p id="seuil">{esc(ui["threshold"].format(rank=min_rank, words=_rank_words(reports, min_rank, lang)))}</p>'
            f'<p id="compte">{esc(counts)}</p>'
            f'<table id="prospects"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'
            + (f'<h2>{esc(ui["known_title"])}</h2><ul id="deja-au-palmares">{known}</ul>' if known else "")
            + "</body></html>")
    paths["prospects_html"].write_text(page, encoding="utf-8")
    return paths


def _html_row(position: int, report: dict[str, Any], evidence: list[dict[str, Any]], cells: dict[str, Any],
              lang: str) -> str:
    esc = html.escape
    ui = UI[lang]
    c = report.get("candidate") or {}
    o = report.get("outcome") or {}
    where = [kind_label(c.get("kind"), lang)]
    if c.get("departement"):
        where.append(ui["departement"].format(code=c["departement"]))
    if c.get("population"):
        where.append(ui["population"].format(n=number(c["population"], lang)))
    items = "".join(
        f'<li><a href="{esc(ev["href"])}">{esc(str(ev["title"]))}</a>'
        + (f' : {esc(str(ev["display"]))}' if ev.get("display") else "")
        + f' <span class="note">({esc(ui["points"].format(points=number(ev["points"], lang), weight=number(ev["weight"], lang)))})</span></li>'
        for ev in evidence)
    site = safe_href(cells.get("site_web"))
    contact = [_email_html(c.get("email"))] if c.get("email") else []
    if site:
        contact.append(f'<a href="{esc(site)}">{esc(site)}</a>')
    if cells.get("annuaire"):
        contact.append(f'<span class="note">{esc(ui["directory"].format(where=cells["annuaire"]))}</span>')
    score = percent(o.get("score"), lang) if isinstance(o.get("score"), (int, float)) else ""
    return (f'<tr><td class="num">{position}</td>'
            f'<th scope="row"><a href="{esc(cells["rapport"])}">{esc(str(c.get("name") or c.get("id")))}</a></th>'
            f'<td>{esc(", ".join(where))}</td>'
            f'<td><a href="{esc(cells["rapport"])}#resultat">{esc(str(o.get("display") or ""))}</a> '
            f'<span class="note">({esc(ui["indicative"])} ; {esc(ui["score"].format(score=score))})</span></td>'
            f'<td><ol>{items}</ol></td><td>{"<br>".join(contact) or esc(ui["no_contact"])}</td></tr>')
