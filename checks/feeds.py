"""feeds: RSS/Atom feeds offered by the websites (a standard, open way to follow the news)."""
from __future__ import annotations

from urllib.parse import urlsplit

from checks.a11y_pages import site_pages
from checks.base import CheckMeta, compile_patterns, load_data, page_evidence, searched, signal, unreachable_reason
from ground.model import FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="feeds",
    domain="interop_accessibilite",
    title="Flux RSS ou Atom",
    description=(
        "Les sites proposent-ils un flux de syndication RSS ou Atom (déclaré par <link rel=\"alternate\"> ou "
        "lié) : un format ouvert et standard pour suivre l'actualité sans compte sur un réseau social."
    ),
    title_en="RSS or Atom feeds",
    description_en=(
        'Do the websites offer an RSS or Atom syndication feed (declared by <link rel="alternate"> or '
        'linked): an open, standard format to follow the news without an account on a social network.'
    ),
    evidence="La balise <link rel=\"alternate\"> ou le lien qui offre chaque flux, et la page qui le porte.",
    # No feed is not a failing: no law requires one, so its absence stays neutral.
    outcomes=(FAVORABLE, NEUTRE, INCONNU),
)
_URL = compile_patterns(load_data("accessibility.yaml")["feeds"]["url"])


def is_feed_url(url: str) -> bool:
    parts = urlsplit(url)
    target = parts.path.lower() + (f"?{parts.query.lower()}" if parts.query else "")
    return bool(_URL and _URL.search(target))


def run(obs: Observations):
    if not obs.pages:
        return signal(META, [], INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages = site_pages(obs)
    found: dict[str, Evidence] = {}
    declared: set[str] = set()
    for page in sorted(pages, key=lambda p: (p.depth, p.url)):
        for url in page.feeds:
            declared.add(url)
            if url not in found:
                found[url] = page_evidence(page, f'<link rel="alternate" href="{url}"> (flux RSS/Atom déclaré dans <head>)')
        for link in page.links:
            if link.url not in found and is_feed_url(link.url):
                found[link.url] = page_evidence(page, f'<a href="{link.url}">{link.text}</a>')
    feeds = sorted(found)
    details = {"declares": sorted(declared), "lies": sorted(set(feeds) - declared), "pages_lues": len(pages)}
    if not feeds:
        return signal(META, [], NEUTRE, "aucun flux", details=details, searched=searched(obs),
                      evidence=[page_evidence(p, "aucun flux RSS/Atom déclaré ni lié") for p in pages if p.is_homepage][:1])
    display = f"{len(feeds)} flux proposé{'s' if len(feeds) > 1 else ''}"
    return signal(META, feeds, FAVORABLE, display, evidence=[found[u] for u in feeds], details=details)
