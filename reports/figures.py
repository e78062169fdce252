"""chiffres.html and chiffres.csv: figures across all the candidates of a run, as an organiser quotes
them (« 12 des 20 candidates publient une déclaration d'accessibilité »), each with its count, its
base (the candidates where the signal was determined: an unreachable site is not counted as « non »)
and the candidates behind it. A renderer of report.json (no judgement): each figure reads one signal's
value as the checks wrote it.
"""
from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from reports.catalogues import catalogue
from reports.workbook import neutralise_formula

FIGURES_HTML = "chiffres.html"
FIGURES_CSV = "chiffres.csv"


def _names(value: Any) -> set[str]:
    if isinstance(value, list):
        return {str(v.get("name") if isinstance(v, dict) else v).lower() for v in value}
    return set()


@dataclass(frozen=True)
class Figure:
    key: str  # column of chiffres.csv; its words in the catalogue table « figures_words »
    signal: str
    holds: Callable[[Any, str], bool]  # (value, assessment) → does the candidate have it


FIGURES: tuple[Figure, ...] = (
    Figure("mention_accessibilite", "a11y_mention", lambda v, a: bool(v)),
    Figure("declaration_accessibilite", "a11y_declaration", lambda v, a: isinstance(v, dict) and bool(v.get("url"))),
    Figure("schema_pluriannuel", "a11y_multiyear_plan", lambda v, a: isinstance(v, dict) and bool(v.get("url"))),
    Figure("https", "https",
           lambda v, a: isinstance(v, dict) and bool(v.get("https")) and bool(v.get("redirection"))),
    Figure("cms_libre", "cms",
           lambda v, a: isinstance(v, dict) and v.get("free") is True),
    Figure("matomo", "analytics",
           lambda v, a: "matomo" in _names(v)),
    Figure("google_analytics", "analytics",
           lambda v, a: "google analytics" in _names(v)),
    Figure("fedivers", "fediverse",
           lambda v, a: bool(v)),
    Figure("formats_ouverts", "open_formats", lambda v, a: a == "favorable"),
    Figure("data_gouv", "datagouv_datasets",
           lambda v, a: isinstance(v, dict) and (v.get("datasets") or 0) > 0),
)


def compute(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each figure: how many candidates have it, among how many where its signal was determined."""
    out = []
    for fig in FIGURES:
        yes, base, unknown = [], [], []
        for report in reports:
            name = (report.get("candidate") or {}).get("name") or (report.get("candidate") or {}).get("id")
            sig = next((s for s in report.get("signals") or [] if s.get("id") == fig.signal), None)
            if sig is None or sig.get("assessment") == "inconnu":
                unknown.append(name)
                continue
            base.append(name)
            if fig.holds(sig.get("value"), sig.get("assessment")):
                yes.append(name)
        words = {lang: catalogue("figures_words", lang)[fig.key] for lang in ("fr", "en")}
        out.append({"key": fig.key, "signal": fig.signal, "words": words["fr"], "words_en": words["en"],
                    "count": len(yes), "base": len(base), "unknown": len(unknown),
                    "share": round(len(yes) / len(base), 3) if base else None, "candidates": yes})
    return out


def _pct(share: float | None, lang: str) -> str:
    if share is None:
        return "—"
    text = f"{share * 100:.0f} %"
    return text if lang == "fr" else text.replace(" %", "%")


UI = {lang: catalogue("figures", lang) for lang in ("fr", "en")}


def _chart(figures: list[dict[str, Any]], lang: str) -> str:
    """A horizontal bar per figure, in SVG (no script): its share of the base."""
    words = "words" if lang == "fr" else "words_en"
    bar_h, gap, label_w, bar_w = 22, 8, 430, 400
    height = len(figures) * (bar_h + gap) + gap
    parts = [f'<svg role="img" aria-labelledby="chart-title" width="{label_w + bar_w + 60}" height="{height}" '
             f'viewBox="0 0 {label_w + bar_w + 60} {height}" xmlns="http://www.w3.org/2000/svg">',
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
    """Write chiffres.html and chiffres.csv into `out_dir`; return their paths."""
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
    rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(f[words])}</th>"
        f"<td class=\"num\">{f['count']}</td><td class=\"num\">{f['base']}</td>"
        f"<td class=\"num\"><strong>{_pct(f['share'], lang)}</strong></td><td class=\"num\">{f['unknown']}</td>"
        f"<td>{html.escape(', '.join(f['candidates']))}</td></tr>" for f in figures)
    head = "".join(f"<th scope=\"col\">{ui[k]}</th>" for k in ("col_figure", "col_count", "col_base", "col_share",
                                                              "col_unknown", "col_who"))
    page = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'img-src data:">'
            f'<title>{ui["title"]}</title><style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:78rem}}'
            'table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #ccc;padding:.3rem .6rem;'
            'text-align:left;vertical-align:top}.num{text-align:right}.note{color:#555;font-size:.85rem}</style>'
            f'</head><body><p><a href="{index_name}">{ui["back"]}</a> · <a href="{FIGURES_CSV}">{ui["csv"]}</a> · '
            f'<a href="{csv_name}">{csv_name}</a></p><h1>{ui["title"]}</h1>'
            f'<p>{html.escape(ui["intro"].format(n=len(reports)))}</p>'
            f'<figure>{_chart(figures, lang)}</figure>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></body></html>')
    paths["figures_html"].write_text(page, encoding="utf-8")
    return paths
