"""Open-data portal probes: the public APIs of udata, CKAN, OpenDataSoft, Data Fair and DCAT catalogues.

Sent once per portal host: for the candidate's `opendata` URLs at the start, and for portals the
websites link to (ground.portals.portal_root). The answers are archived and judged offline.
"""
from __future__ import annotations

from typing import Iterator
from urllib.parse import urljoin, urlsplit

import scrapy

from crawler import probes
from ground import portals
from ground.hosts import url_host


def _requests(spider, root: str, found_on: str | None) -> Iterator[scrapy.Request]:
    done = spider.__dict__.setdefault("tnl_portals_probed", set())
    key = urlsplit(root).netloc.lower()
    if key in done:
        return
    done.add(key)
    for api in portals.API_PROBES:
        yield probes.probe(urljoin(root, api.path), portals.purpose(api), spider,
                           tnl_portal=root, **({"tnl_referrer": found_on} if found_on else {}))


def start_requests(spider) -> Iterator[scrapy.Request]:
    for url in spider.candidate.get("opendata") or []:
        parts = urlsplit(url)
        yield from _requests(spider, f"{parts.scheme}://{parts.netloc}/", None)


def on_page(spider, response) -> Iterator[scrapy.Request]:
    # Only the websites' pages: a portal's own pages link to many other portals and catalogues.
    if response.meta.get("tnl_site") not in spider.candidate.get("websites", []):
        return
    page_host = url_host(response.url)
    api_host = url_host(getattr(spider, "api", "") or "")
    for link in spider.extractor.extract_links(response):
        root = portals.portal_root(link.url, link.text or "", page_host)
        if root and url_host(root) not in (api_host, page_host):
            yield from _requests(spider, root, response.url)
