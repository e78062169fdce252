"""Shared helper (not a check): page-weight facts read from the HTML alone, and the EcoIndex score.

The EcoIndex score and grade are those of the reference implementation, the `ecoindex-compute`
package of the Collectif Conception Numérique Responsable (cnumr, `ecoindex.compute`): its
quantile tables, its rounding of the score to a whole number before grading, its grade bounds."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from ecoindex.compute import get_grade, get_score

from checks.base import load_data
from ground.hosts import registered_domain
from ground.observations import Observations, Page

# url(...) in inline <style>: fonts and images the page's own CSS makes the browser fetch.
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.I)


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("sobriety.yaml")


@lru_cache(maxsize=1)
def _fetched_file() -> re.Pattern:
    return re.compile(_data()["fetched_file"], re.I)


def subresources(page: Page) -> list[str]:
    """Distinct URLs the page makes the browser fetch, as far as its HTML says: scripts, style sheets,
    images, iframes, and the fonts, icons and images named by <link> or by url() in its own <style>.

    Not counted (so the figure is a lower bound): what style sheets and scripts load in turn,
    <link rel="preconnect|canonical|alternate"> (no download), data: URIs.
    """
    found: dict[str, None] = {}
    for url in [*page.scripts, *page.stylesheets, *page.iframes]:
        found.setdefault(url.split("#", 1)[0])
    for img in page.images:
        if img.src.startswith(("http://", "https://")):
            found.setdefault(img.src.split("#", 1)[0])
    for url in page.resources:
        if _fetched_file().search(urlsplit(url).path):
            found.setdefault(url.split("#", 1)[0])
    for css in page.inline_styles:
        for m in _CSS_URL.finditer(css):
            if not m.group(1).startswith("data:"):
                url = urljoin(page.url, m.group(1))
                if url.startswith(("http://", "https://")):
                    found.setdefault(url.split("#", 1)[0])
    return list(found)


def own_domains(obs: Observations) -> set[str]:
    """The candidate's own registered domains (public suffix list): its websites, open-data portals, pages read."""
    urls = [*obs.candidate.get("websites", []), *obs.candidate.get("opendata", []), *(p.url for p in obs.pages)]
    return {registered_domain(urlsplit(u).hostname or "") for u in urls if urlsplit(u).hostname}


def third_party_hosts(page: Page, own: set[str]) -> list[str]:
    """Hosts outside the candidate's own domains that the page makes the browser contact, sorted."""
    hosts = {(urlsplit(u).hostname or "").lower() for u in subresources(page)}
    return sorted(h for h in hosts if h and registered_domain(h) not in own)


@dataclass
class Weight:
    page: Page
    html_bytes: int
    requests: int  # 1 (the HTML) + sub-resources
    dom: int
    own_bytes: int = 0  # the site's own style sheets and scripts this page loads, as archived

    @property
    def known_bytes(self) -> int:
        """What was measured of the page's weight: its HTML and the site's own CSS/JS it loads."""
        return self.html_bytes + self.own_bytes


def weights(obs: Observations) -> list[Weight]:
    out = []
    for p in obs.pages:
        html_bytes = p.html_bytes if p.html_bytes is not None else 0
        own = sum(a.size for a in obs.assets_of(p) if a.size and a.status and 200 <= a.status < 300)
        out.append(Weight(p, html_bytes, 1 + len(subresources(p)), p.dom_elements or 0, own))
    return out


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def _done(coroutine):
    """The value of a coroutine that never waits: `ecoindex.compute` declares its pure arithmetic
    `async def`, and an event loop per page would cost far more than the arithmetic itself."""
    try:
        coroutine.send(None)
    except StopIteration as finished:
        return finished.value
    coroutine.close()
    raise RuntimeError("ecoindex.compute now waits on something: it needs an event loop")


def ecoindex_score(dom: int, requests: int, size_kb: float) -> int:
    """EcoIndex score, a whole number 0–100 (ecoindex.compute.get_score):
    round(100 − 5 × (3·q(DOM) + 2·q(requests) + q(size in KB)) / 6), q interpolated in the ventiles."""
    return _done(get_score(dom=dom, size=size_kb, requests=requests))


def ecoindex_grade(score: float) -> str:
    """EcoIndex grade A–G of a score (ecoindex.compute.get_grade): A above 80, B above 70 … G."""
    return _done(get_grade(score))


def kb(n: float) -> str:
    """A size in French words: « 12,3 ko »."""
    return f"{n / 1024:.1f} ko".replace(".", ",")
