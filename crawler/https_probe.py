"""HTTPS probes: each site's homepage over https://, and http:// without following its redirect."""
from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

import scrapy

from crawler.probes import probe

PURPOSE_HTTPS = "https"
PURPOSE_HTTP_REDIRECT = "http_redirect"


def site_hosts(candidate: dict) -> list[str]:
    """The distinct hosts of the candidate's websites, in their listed order."""
    hosts: list[str] = []
    for url in candidate.get("websites", []):
        host = (urlsplit(url).hostname or "").lower()
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def start_requests(spider) -> Iterator[scrapy.Request]:
    for host in site_hosts(spider.candidate):
        # One request per host to a homepage the crawl asks for anyway: no robots.txt round trip.
        # Redirects are not followed: the answer itself (status, Location, HSTS) is the evidence.
        # Probes obey robots.txt like the crawl (RFC 9309): a site that forbids everything is not asked.
        yield probe(f"https://{host}/", PURPOSE_HTTPS, spider, dont_redirect=True)
        # As a browser asks: Upgrade-Insecure-Requests (W3C) tells the server HTTPS is preferred.
        request = probe(f"http://{host}/", PURPOSE_HTTP_REDIRECT, spider, dont_redirect=True)
        request.headers["Upgrade-Insecure-Requests"] = "1"
        yield request
