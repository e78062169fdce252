"""Digital sobriety in the demo world: light pages for Libreville, page-builder weight and third-party
hosts for Petit-Bourg (Wix-like) and third-party CDNs for the Département.

Expected values of page_weight, ecoindex and third_party_hosts are counted on the written pages a
crawler reaches from each start URL (demo.walker: links only, robots.txt obeyed): HTML bytes,
elements, the sub-resources the HTML makes a browser fetch. The EcoIndex of each page is that of the
reference implementation (ecoindex-compute, `ecoindex.compute`); registered domains are those of the
public suffix list (ground.hosts).
"""
from __future__ import annotations

import asyncio
import re
import statistics
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ecoindex.compute import get_grade, get_score
from lxml import html as lxml_html

from demo.candidates import candidate
from demo.sitekit import Site
from demo.walker import file_for, robots_of, walk
from ground.hosts import registered_domain

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


# <link> relations whose target the browser downloads (the others only hint or point: preconnect, alternate, me…).
FETCHED_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")


def subresources(url: str, tree) -> list[str]:
    """Distinct URLs the page's HTML makes a browser fetch: scripts, images, iframes, fetched <link>s,
    url() in its own <style>. What those load in turn is not counted: an estimate from the HTML alone."""
    found: dict[str, None] = {}
    for el in tree.iter("script", "img", "iframe", "link", "style"):
        if el.tag == "link":
            rels = set((el.get("rel") or "").lower().split())
            srcs = [el.get("href")] if rels & FETCHED_RELS else []
        elif el.tag == "style":
            srcs = CSS_URL.findall(el.text or "")
        else:
            srcs = [el.get("src")]
        for src in srcs:
            if src and not src.strip().startswith("data:"):
                found.setdefault(urljoin(url, src.strip()).split("#", 1)[0])
    return list(found)


def own_css_js_bytes(url: str, tree, sites: Path) -> int:
    """Bytes of the site's own style sheets (<link rel="stylesheet">) and scripts (<script src>) that the
    page loads, as the crawler archives them: files of the page's registered domain, robots.txt obeyed,
    each counted once; what they load in turn (@import) is not the page's own reference."""
    home = registered_domain(urlsplit(url).hostname)
    total, seen = 0, set()
    for el in tree.iter("link", "script"):
        if el.tag == "link":
            href = el.get("href") if "stylesheet" in (el.get("rel") or "").lower().split() else None
        else:
            href = el.get("src")
        if not href:
            continue
        target = urljoin(url, href.strip()).split("#", 1)[0]
        parts = urlsplit(target)
        if target in seen or not parts.hostname or registered_domain(parts.hostname) != home:
            continue
        seen.add(target)
        root = sites / parts.hostname
        f = file_for(root, parts.path)
        if f.is_file() and robots_of(root).can_fetch("*", target):
            total += f.stat().st_size
    return total


async def _scores(rows: list[tuple[int, int, int]]) -> list[int]:
    # ecoindex.compute is async (pure arithmetic): one event loop for all the pages; whole-number scores.
    return [await get_score(dom=dom, size=size / 1024, requests=requests) for dom, requests, size in rows]


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"sobriety": None}
    starts = [*candidate(cid)["websites"], *candidate(cid).get("opendata", [])]
    own = {registered_domain(urlsplit(u).hostname) for u in starts}
    sizes, res, dom, hosts, own_bytes = [], [], [], [], []
    for start in starts:
        for url, page in walk(root.parent / urlsplit(start).hostname, start)["pages"].items():
            tree = lxml_html.document_fromstring(page["html"], parser=lxml_html.HTMLParser(huge_tree=True))
            found = subresources(url, tree)
            sizes.append(len(page["bytes"]))
            own_bytes.append(own_css_js_bytes(url, tree, root.parent))
            res.append(len(found))
            dom.append(int(tree.xpath("count(//*)")))
            hosts.append(len({h for h in (urlsplit(u).hostname for u in found) if h and registered_domain(h) not in own}))
    # Requests: the HTML too; weight: the HTML and the site's own CSS/JS it loads.
    scores = asyncio.run(_scores([(d, r + 1, s + o) for d, r, s, o in zip(dom, res, sizes, own_bytes)]))
    med = round(float(statistics.median(scores)), 1)
    return {"sobriety": {
        "pages": len(sizes),
        "page_weight": {"html_octets_median": round(statistics.median(sizes)),
                        "ressources_median": float(statistics.median(res)),
                        "elements_median": float(statistics.median(dom)),
                        "css_js_du_site_octets_median": round(statistics.median(own_bytes))},
        "ecoindex": {"score_median": med, "note_mediane": asyncio.run(get_grade(med))},
        "third_party_hosts": float(statistics.median(hosts)),
        "third_party_hosts_max": max(hosts),
    }}
