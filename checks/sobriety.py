"""Shared helper (not a check): page-weight facts read from the HTML alone, and the EcoIndex formula."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from checks.base import load_data
from tnl.observe import Observations, Page

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


def registrable(host: str) -> str:
    """The registrable domain of a host (last two labels, three under gouv.fr, asso.fr…)."""
    labels = host.lower().rstrip(".").split(".")
    n = 3 if ".".join(labels[-2:]) in _data()["two_label_suffixes"] else 2
    return ".".join(labels[-n:])


def own_domains(obs: Observations) -> set[str]:
    """The candidate's own registrable domains: its websites, open-data portals and the pages read."""
    urls = [*obs.candidate.get("websites", []), *obs.candidate.get("opendata", []), *(p.url for p in obs.pages)]
    return {registrable(urlsplit(u).hostname or "") for u in urls if urlsplit(u).hostname}


def third_party_hosts(page: Page, own: set[str]) -> list[str]:
    """Hosts outside the candidate's own domains that the page makes the browser contact, sorted."""
    hosts = {(urlsplit(u).hostname or "").lower() for u in subresources(page)}
    return sorted(h for h in hosts if h and registrable(h) not in own)


@dataclass
class Weight:
    page: Page
    html_bytes: int
    requests: int  # 1 (the HTML) + sub-resources
    dom: int


def weights(pages: list[Page]) -> list[Weight]:
    out = []
    for p in pages:
        html_bytes = p.html_bytes if p.html_bytes is not None else 0
        out.append(Weight(p, html_bytes, 1 + len(subresources(p)), p.dom_elements or 0))
    return out


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def _quantile(quantiles: list[float], value: float) -> float:
    # As cnumr/GreenIT-Analysis computeQuantile (and ecoindex_reference): linear inside a ventile.
    for i in range(1, len(quantiles)):
        if value < quantiles[i]:
            return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1])
    return len(quantiles) - 1


def ecoindex_score(dom: int, requests: int, size_kb: float) -> float:
    """EcoIndex score (0–100): 100 − 5 × (3·q(DOM) + 2·q(requests) + q(size)) / 6 (www.ecoindex.fr)."""
    t = _data()["ecoindex"]
    q_dom = _quantile(t["quantiles_dom"], dom)
    q_req = _quantile(t["quantiles_req"], requests)
    q_size = _quantile(t["quantiles_size"], size_kb)
    return round(100 - 5 * (3 * q_dom + 2 * q_req + q_size) / 6, 1)


def ecoindex_grade(score: float) -> str:
    for grade, bound in _data()["ecoindex"]["grades"].items():
        if score > bound:
            return grade
    return "G"


def kb(n: float) -> str:
    """A size in French words: « 12,3 ko »."""
    return f"{n / 1024:.1f} ko".replace(".", ",")
