"""calibration.html: the view of calibration.json (`tnl calibrate`, computed by tnl/calibrate.py).

A renderer: every figure, verdict and threshold comes from calibration.json; this module lays them
out in words (the catalogue table « calibration ») and draws each track's chart, an inline SVG (no
script): each candidate's score against its published outcome, with the thresholds drawn.
Everything read from the results file (names, identifiers) is escaped.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup

from reports.catalogues import catalogue
from reports.html import DEFAULT_LANG, make_env
from reports.i18n import LOCALES, number

CALIBRATION_HTML = "calibration.html"
WORDS = {lang: catalogue("calibration", lang) for lang in ("fr", "en")}

CHART_W, CHART_LEFT, CHART_RIGHT, CHART_TOP, ROW_H = 660, 130, 630, 34, 46


def class_word(name: Any, words: dict[str, Any]) -> str:
    """A published or indicative outcome in words: « niveau 3 », « Argent », « badge », « non évaluable »."""
    name = "" if name is None else str(name)
    if name.isdigit():
        return words["class"]["level"].format(n=name)
    return words["class"].get(name, name)


def decimal3(value: Any, lang: str = DEFAULT_LANG) -> str:
    """A score, a threshold or a ρ to three decimals, as calibration.json holds them (0,135 is not 0,14)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—" if value is None else str(value)
    return format_decimal(value, format="#,##0.###", locale=LOCALES.get(lang, "fr_FR"))


def percent(share: Any, lang: str = DEFAULT_LANG) -> str:
    if share is None:
        return "—"
    return f"{number(round(share * 100), lang)} %" if lang == "fr" else f"{number(round(share * 100), lang)}%"


def score_chart(track: dict[str, Any], edition: Any, words: dict[str, Any], ident: str, lang: str = DEFAULT_LANG) -> Markup:
    """Each evaluated candidate: its score (x, 0–1) on the row of its published outcome (highest at the
    top); filled when our outcome is the same, hollow otherwise; the current thresholds dashed, the
    fitted ones dotted."""
    classes = track.get("classes") or []
    rows = {c: i for i, c in enumerate(classes)}
    height = CHART_TOP + ROW_H * len(classes) + 36
    bottom = CHART_TOP + ROW_H * len(classes)

    def x(score: float) -> float:
        return CHART_LEFT + (CHART_RIGHT - CHART_LEFT) * max(0.0, min(1.0, float(score)))

    def y(cls: str) -> float:
        return CHART_TOP + ROW_H * (len(classes) - 1 - rows[cls]) + ROW_H / 2

    drawn = [c for c in track.get("candidates") or [] if c.get("score") is not None and c.get("published") in rows]
    missing = len(track.get("candidates") or []) - len(drawn)
    title = words["chart_title"].format(edition=edition)
    desc = words["chart_desc"].format(missing=missing)
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {height}" width="{CHART_W}" '
              f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" class="calibration-chart">'),
             f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{CHART_TOP}" x2="{x(tick):.1f}" y2="{bottom}" stroke="#e2e2ea"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11" '
                     f'fill="#3a3a48">{escape(number(tick, lang))}</text>')
    parts.append(f'<text x="{(CHART_LEFT + CHART_RIGHT) / 2:.1f}" y="{bottom + 32}" text-anchor="middle" '
                 f'font-size="11" fill="#3a3a48">{escape(words["chart_score"])}</text>')
    for cls in classes:
        parts.append(f'<line x1="{CHART_LEFT}" y1="{y(cls):.1f}" x2="{CHART_RIGHT}" y2="{y(cls):.1f}" stroke="#f0f0f5"/>')
        parts.append(f'<text x="{CHART_LEFT - 10}" y="{y(cls) + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#1e1e28">{escape(class_word(cls, words))}</text>')
    thresholds = track.get("thresholds") or {}
    for key, dash, colour, dy in (("current", "6 4", "#000091", -6), ("fitted", "2 3", "#b34000", -20)):
        for name, value in (thresholds.get(key) or {}).items():
            if value is None or value <= 0:
                continue  # the lowest outcome starts at 0: no line to draw
            parts.append(f'<line x1="{x(value):.1f}" y1="{CHART_TOP - 2}" x2="{x(value):.1f}" y2="{bottom}" '
                         f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}"/>')
            parts.append(f'<text x="{x(value):.1f}" y="{CHART_TOP + dy + (0 if key == "current" else 40):.1f}" '
                         f'text-anchor="middle" font-size="10" fill="{colour}">'
                         f'{escape(class_word(name, words))}</text>')
    placed: dict[str, int] = {}
    for c in drawn:
        k = placed.get(c["published"], 0)
        placed[c["published"]] = k + 1
        cy = y(c["published"]) + ((k % 5) - 2) * 6
        fill = 'fill="#000091"' if c.get("agree") else 'fill="#ffffff" stroke="#c9191e" stroke-width="2"'
        label = words["chart_point"].format(name=c.get("name") or c.get("id"), published=class_word(c["published"], words),
                                            ours=class_word(c.get("ours"), words), score=decimal3(c["score"], lang))
        parts.append(f'<circle cx="{x(c["score"]):.1f}" cy="{cy:.1f}" r="5" {fill}><title>{escape(label)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def render_calibration(data: dict[str, Any], dest: Path, lang: str = DEFAULT_LANG) -> Path:
    """Write calibration.html (the view of `data`, calibration.json's content) to `dest`."""
    env = make_env(lang)
    words = WORDS[lang]
    tool = data.get("tool") or {}
    page = env.get_template("calibration.html.j2").render(
        c=data, uc=words, generator=f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip(),
        class_word=lambda name: class_word(name, words), pct=lambda share: percent(share, lang),
        n3=lambda value: decimal3(value, lang),
        chart=lambda track, edition, ident: score_chart(track, edition, words, ident, lang))
    dest = Path(dest)
    dest.write_text(page, encoding="utf-8")
    return dest
