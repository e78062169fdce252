"""chiffres.html and chiffres.csv: figures across all the candidates of a run, as an organiser quotes
them (« 12 des 20 candidates publient une déclaration d'accessibilité »), each with its count, its
base (the candidates where the signal was determined: an unreachable site is not counted as « non »)
and the candidates behind it. A renderer of report.json (no judgement): each figure reads one signal's
value as the checks wrote it.
"""
from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import Any

from reports.catalogues import catalogue
from reports.national import compute_national, national_section, write_national_csv
from reports.shares import FIGURES, Figure, tally  # noqa: F401 - Figure re-exported: this module's interface
from reports.workbook import neutralise_formula

FIGURES_HTML = "chiffres.html"
FIGURES_CSV = "chiffres.csv"
PROSPECTS_HTML = "prospects.html"  # written by reports/prospects.py beside this page
WHO_SHOWN = 50  # names listed per figure on the page (a national run has thousands: chiffres.csv has them all)


def compute(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each figure: how many candidates have it, among how many where its signal was determined;
    `measured` is false when no report carries its signal (« non mesuré »)."""
    out = []
    for fig in FIGURES:
        t = tally(fig, reports)
        words = {lang: catalogue("figures_words", lang)[fig.key] for lang in ("fr", "en")}
        out.append({"key": fig.key, "signal": fig.signal, "words": words["fr"], "words_en": words["en"],
                    "count": len(t.yes), "base": len(t.base), "unknown": len(t.unknown), "measured": t.measured,
                    "share": round(len(t.yes) / len(t.base), 3) if t.base else None, "candidates": t.yes})
    return out


def _pct(share: float | None, lang: str, measured: bool = True) -> str:
    if not measured:
        return UI[lang]["not_measured"]
    if share is None:
        return "—"
    text = f"{share * 100:.0f} %"
    return text if lang == "fr" else text.replace(" %", "%")


UI = {lang: catalogue("figures", lang) for lang in ("fr", "en")}


def _who(names: list[str], lang: str) -> str:
    """The candidates behind a figure, the first WHO_SHOWN of them on the page."""
    shown = html.escape(", ".join(names[:WHO_SHOWN]))
    if len(names) > WHO_SHOWN:
        shown += " " + html.escape(UI[lang]["more"].format(n=len(names) - WHO_SHOWN, csv=FIGURES_CSV))
    return shown


def _chart(figures: list[dict[str, Any]], lang: str) -> str:
    """A horizontal bar per figure, in SVG (no script): its share of the base."""
    words = "words" if lang == "fr" else "words_en"
    bar_h, gap, label_w, bar_w = 22, 8, 430, 400
    figures = [f for f in figures if f.get("measured", True)]  # « non mesuré »: no bar
    height = len(figures) * (bar_h + gap) + gap
    parts = [(f'<svg role="img" aria-labelledby="chart-title" width="{label_w + bar_w + 60}" height="{height}" '
              f'viewBox="0 0 {label_w + bar_w + 60} {height}" xmlns="http://www.w3.org/2000/svg">'),
             f'<title id="chart-title">{html.escape(UI[lang]["chart"])}</title>']
    for i, f in enumerate(figures):
        y = gap + i * (bar_h + gap)
        width = round((f["share"] or 0) * bar_w)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="13">{html.escape(f[words])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{bar_h}" fill="#eceff4"/>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{width}" height="{bar_h}" fill="#2f5597"/>')
        parts.append(f'<text x="{label_w + width + 6}" y="{y + 15}" font-size="13">{_pct(f["share"], lang)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_figures(reports: list[dict[str, Any]], out_dir: Path, lang: str = "fr", index_name: str = "index.html",
                   csv_name: str = "overview.csv") -> dict[str, Path]:
    """Write chiffres.html (with the national section: reports/national.py), chiffres.csv, chiffres_groupes.csv
    and chiffres_observatoires.csv into `out_dir`; return their paths."""
    ui = UI.get(lang, UI["fr"])
    figures = compute(reports)
    words = "words" if lang == "fr" else "words_en"
    paths = {"figures_html": Path(out_dir) / FIGURES_HTML, "figures_csv": Path(out_dir) / FIGURES_CSV}
    with open(paths["figures_csv"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["chiffre", "signal", "libelle", "nombre", "base", "part", "non_etabli", "candidates"])
        for f in figures:
            writer.writerow([neutralise_formula(v) for v in (f["key"], f["signal"], f[words], f["count"], f["base"],
                                                             f["share"], f["unknown"], " | ".join(f["candidates"]))])
    national = compute_national(reports)
    paths.update(write_national_csv(national, Path(out_dir)))
    rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(f[words])}</th>"
        f"<td class=\"num\">{f['count']}</td><td class=\"num\">{f['base']}</td>"
        f"<td class=\"num\"><strong>{_pct(f['share'], lang, f['measured'])}</strong></td>"
        f"<td class=\"num\">{f['unknown']}</td><td>{_who(f['candidates'], lang)}</td></tr>" for f in figures)
    head = "".join(f"<th scope=\"col\">{ui[k]}</th>" for k in ("col_figure", "col_count", "col_base", "col_share",
                                                              "col_unknown", "col_who"))
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'img-src data:">'
            f'<title>{ui["title"]}</title><style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:78rem}}'
            'table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ccc;padding:.3rem .6rem;'
            'text-align:left;vertical-align:top}.num{text-align:right}.note{color:#555;font-size:.85rem}'
            'caption{text-align:left;font-weight:bold;padding:.3rem 0}.flag{color:#a00}</style>'
            f'</head><body><p><a href="{index_name}">{ui["back"]}</a> · <a href="{FIGURES_CSV}">{ui["csv"]}</a> · '
            f'<a href="{csv_name}">{csv_name}</a> · <a href="{PROSPECTS_HTML}">{ui["prospects"]}</a></p>'
            f'<h1>{ui["title"]}</h1>'
            f'<p>{html.escape(ui["intro"].format(n=len(reports)))}</p>'
            f'<figure>{_chart(figures, lang)}</figure>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'{national_section(national, lang)}</body></html>')
    paths["figures_html"].write_text(page, encoding="utf-8")
    return paths
