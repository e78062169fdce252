"""Shared helper (not a check): find named services in what pages load (iframes, scripts, styles…)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from checks.base import asset_evidence, page_evidence
from ground.model import Evidence
from ground.observations import Observations, Page

MAX_EVIDENCE_PER_SERVICE = 5
# Where an embed can show itself, in the order its evidence is most readable.
SOURCES = ("iframes", "scripts", "stylesheets", "resources", "inline_scripts", "inline_styles")


@dataclass
class Service:
    name: str
    free: bool | None
    pattern: re.Pattern


@dataclass
class Found:
    pages: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    assets: set[str] = field(default_factory=set)  # the site's own CSS/JS files where it was seen


def compile_services(entries: list[dict], flags: int = re.I) -> tuple[Service, ...]:
    return tuple(Service(e["name"], e.get("free"), re.compile("|".join(e["patterns"]), flags)) for e in entries)


def scan(pages: list[Page], services: tuple[Service, ...], sources: tuple[str, ...] = SOURCES) -> dict[str, Found]:
    """{service name: pages and evidence} for every service seen in the given fields of the pages."""
    found: dict[str, Found] = {}
    for page in pages:
        for service in services:
            hit = _first_hit(page, service.pattern, sources)
            if hit is None:
                continue
            entry = found.setdefault(service.name, Found())
            if page.url in entry.pages:
                continue
            entry.pages.add(page.url)
            if len(entry.evidence) < MAX_EVIDENCE_PER_SERVICE:
                entry.evidence.append(page_evidence(page, hit))
    return found


def _first_hit(page: Page, pattern: re.Pattern, sources: tuple[str, ...]) -> str | None:
    for source in sources:
        for value in getattr(page, source):
            m = pattern.search(value)
            if m:
                if source in ("inline_scripts", "inline_styles"):
                    a = max(0, m.start() - 60)
                    return f"<{'script' if source == 'inline_scripts' else 'style'}> …{value[a:m.end() + 60]}…"
                tag = {"iframes": '<iframe src="{}">', "scripts": '<script src="{}">',
                       "stylesheets": '<link rel="stylesheet" href="{}">'}.get(source, "{}")
                return tag.format(value)
    return None


def scan_assets(obs: Observations, services: tuple[Service, ...], kinds: tuple[str, ...],
                found: dict[str, Found]) -> dict[str, Found]:
    """Add to `found` the services seen inside the site's own style sheets or scripts (a Google Fonts
    `@import` in the theme's CSS, a tracker inside the site's JS bundle): the pages that load that file
    count, and the file is the evidence."""
    for asset in obs.assets:
        if asset.kind not in kinds or not asset.text:
            continue
        for service in services:
            m = service.pattern.search(asset.text)
            if m is None:
                continue
            entry = found.setdefault(service.name, Found())
            entry.assets.add(asset.url)
            entry.pages.update(p.url for p in obs.pages_loading(asset))
            if len(entry.evidence) < MAX_EVIDENCE_PER_SERVICE:
                a = max(0, m.start() - 60)
                entry.evidence.append(asset_evidence(asset, f"…{asset.text[a:m.end() + 60]}…"))
    return found
