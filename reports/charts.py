"""Inline SVG charts made in Python: no JavaScript, no external request, readable without colour."""
from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

RADAR_W, RADAR_H = 540, 320  # wider than high: the domain names sit left and right
MAX_LEVEL = 5


def radar(levels: list[dict], title: str, description: str, level_label: str = "niveau {level}",
          none_label: str = "non évalué") -> Markup:
    """A radar of the indicative level (1–5) per domain; `levels` as in report.json's `levels`."""
    n = len(levels)
    if n < 3:
        return Markup("")
    cx, cy = RADAR_W / 2, RADAR_H / 2 + 5
    r = RADAR_H / 2 - 55  # room for the labels

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * value / MAX_LEVEL * math.cos(angle), cy + r * value / MAX_LEVEL * math.sin(angle)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {RADAR_W} {RADAR_H}" '
             f'width="{RADAR_W}" height="{RADAR_H}" role="img" aria-labelledby="radar-titre radar-desc" '
             f'class="radar">',
             f'<title id="radar-titre">{escape(title)}</title>',
             f'<desc id="radar-desc">{escape(description)}</desc>']
    for ring in range(1, MAX_LEVEL + 1):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#c8c8d0" stroke-width="1"/>')
    for i, d in enumerate(levels):
        x, y = point(i, MAX_LEVEL)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8d0" stroke-width="1"/>')
        lx, ly = point(i, MAX_LEVEL + 1.2)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        level = d.get("level")
        label = f"{d.get('title') or d.get('domain')}"
        words = label.split()
        mid = (len(words) + 1) // 2
        lines = [" ".join(words[:mid]), " ".join(words[mid:])] if len(label) > 18 else [label]
        lines.append(level_label.format(level=level) if level else none_label)
        for k, text in enumerate(lines):
            weight = ' font-weight="bold"' if k == len(lines) - 1 else ""
            parts.append(f'<text x="{lx:.1f}" y="{ly + (k - (len(lines) - 1) / 2) * 12:.1f}" '
                         f'text-anchor="{anchor}" font-size="10" fill="#1e1e28"{weight}>{escape(text)}</text>')
    shape = [point(i, d.get("level") or 0) for i, d in enumerate(levels)]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape)
    parts.append(f'<polygon points="{pts}" fill="#000091" fill-opacity="0.25" stroke="#000091" stroke-width="2"/>')
    for x, y in shape:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#000091"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
