"""Digital sobriety in the demo world: light pages for Libreville, page-builder weight and third-party
hosts for Petit-Bourg (Wix-like) and third-party CDNs for the Département.

Expected values of page_weight, ecoindex and third_party_hosts are computed by reading back the
written pages that a crawler reaches from each start URL (links only, robots.txt obeyed).
"""
from __future__ import annotations

import statistics
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from lxml import html as lxml_html

from demo.sitekit import Site

# Département: jQuery, Bootstrap and Font Awesome from three public CDNs on every page (with the
# Google Fonts already there: four third-party hosts per page).
CDN_HEAD = """<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css">
<link rel="stylesheet" href="https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.5.1/css/all.min.css">
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
"""
# Petit-Bourg: the page builder's runtime (dozens of script chunks on its CDN, an error reporter),
# and its deep wrappers around every block.
WIX_CHUNKS = 58
WIX_HEAD = "".join(
    f'<script src="https://static.parastorage.com/services/wix-thunderbolt/dist/chunk.{i:02d}.{(i * 7919) % 65536:04x}.js"'
    ' async></script>\n' for i in range(WIX_CHUNKS)
) + ('<script src="https://siteassets.parastorage.com/pages/pages/thunderbolt?beckyExperiments=specs.thunderbolt&amp;'
     'siteId=7f3a21" async></script>\n'
     '<script src="https://browser.sentry-cdn.com/7.62.0/bundle.min.js" crossorigin="anonymous"></script>\n')
WIX_WRAPPERS = 1000  # <div><div></div></div> blocks: about 2 000 more elements per page


def _wix_wrappers() -> str:
    return ('<div id="SITE_BACKGROUND" aria-hidden="true">'
            + "".join(f'<div id="comp-k{i:03x}"><div></div></div>'
                      for i in range(WIX_WRAPPERS)) + "</div>\n")


def _wrap(site: Site, head: str = "", body_start: str = "") -> None:
    layout = site.layout

    def wrapped(s: Site, page) -> str:
        out = layout(s, page)
        if head:
            out = out.replace("</head>", head + "</head>", 1)
        if body_start:
            out = out.replace("<body>", "<body>\n" + body_start, 1)
        return out

    site.layout = wrapped


def extend(cid: str, site: Site) -> None:
    if cid == "departement-haute-garrigue":
        _wrap(site, head=CDN_HEAD)
    elif cid == "petit-bourg":
        _wrap(site, head=WIX_HEAD, body_start=_wix_wrappers())


def _crawlable(root: Path, start: str) -> list[tuple[str, bytes]]:
    """(url, body) of every page reached from `start` by links on the same host, robots.txt obeyed."""
    host = urlsplit(start).hostname
    robots = RobotFileParser()
    robots_file = root / "robots.txt"
    robots.parse(robots_file.read_text("utf-8").splitlines() if robots_file.is_file() else [])
    seen, queue, out = {start}, deque([start]), []
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        f = root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if not f.is_file():
            continue
        body = f.read_bytes()
        out.append((url, body))
        for href in lxml_html.fromstring(body).xpath("//a/@href"):
            target = urljoin(url, href).split("#", 1)[0]
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.hostname != host:
                continue
            if "." in parts.path.rsplit("/", 1)[-1] or not robots.can_fetch("*", target):
                continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return out


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"sobriety": None}
    from checks.sobriety import (ecoindex_grade, ecoindex_score, registrable, subresources,
                                 third_party_hosts)
    from demo.build_world import candidates  # at call time: build_world imports the extensions
    from ground.html import parse_html
    from ground.observations import Page

    cand = next(c for c in candidates() if c["id"] == cid)
    starts = [*cand["websites"], *cand.get("opendata", [])]
    pages = []
    for start in starts:
        for url, body in _crawlable(root.parent / urlsplit(start).hostname, start):
            pages.append(Page(url=url, site=start, depth=0, status=200, fetched_at="", sha256=None, record_id=None,
                              is_homepage=False, **parse_html(body, url, "utf-8")))
    own = {registrable(urlsplit(u).hostname) for u in starts}
    sizes = [p.html_bytes for p in pages]
    res = [len(subresources(p)) for p in pages]
    dom = [p.dom_elements for p in pages]
    scores = [ecoindex_score(d, r + 1, s / 1024) for d, r, s in zip(dom, res, sizes)]
    hosts = [len(third_party_hosts(p, own)) for p in pages]
    med = round(float(statistics.median(scores)), 1)
    return {"sobriety": {
        "pages": len(pages),
        "page_weight": {"html_octets_median": round(statistics.median(sizes)),
                        "ressources_median": float(statistics.median(res)),
                        "elements_median": float(statistics.median(dom))},
        "ecoindex": {"score_median": med, "note_mediane": ecoindex_grade(med)},
        "third_party_hosts": float(statistics.median(hosts)),
        "third_party_hosts_max": max(hosts),
    }}
