"""Targeted requests beside the site crawl (HTTPS check, open-data portal APIs…), one module each.

Each module listed in PROBE_MODULES provides:
- `start_requests(spider)`: requests to send at the start, for the candidate's start URLs;
- optionally `on_page(spider, response)`: requests prompted by a crawled page (e.g. a portal it links).
Requests carry meta `tnl_kind="probe"` and `tnl_purpose` so the archive indexes them as probes.
"""
from __future__ import annotations

import importlib
from typing import Iterator

import scrapy

PROBE_MODULES: list[str] = ["crawler.https_probe", "crawler.portal_probe"]


def _modules():
    return [importlib.import_module(name) for name in PROBE_MODULES]


def probe(url: str, purpose: str, spider, **meta) -> scrapy.Request:
    """A probe request: archived whatever its status, never followed as a page."""
    return scrapy.Request(url, callback=spider.parse_probe, errback=spider.probe_failed, dont_filter=True,
                          meta={"tnl_kind": "probe", "tnl_purpose": purpose, "handle_httpstatus_all": True,
                                **meta})


def start_requests(spider) -> Iterator[scrapy.Request]:
    for module in _modules():
        yield from module.start_requests(spider)


def on_page(spider, response) -> Iterator[scrapy.Request]:
    for module in _modules():
        hook = getattr(module, "on_page", None)
        if hook is not None:
            yield from hook(spider, response)
