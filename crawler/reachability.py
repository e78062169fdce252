"""A scheme://host that cannot be connected to is asked once per candidate, not once per URL.

A site without TLS cost seven https attempts before its pages: the TLS fact (crawler/tlsfacts.py),
then its https robots.txt and the https probe, three times each. Now:
- the TLS fact that found no TLS on port 443 (connection refused or reset, tunnel refused, handshake
  impossible: the host answered, without TLS) marks https://host as unreachable before the crawl opens;
- any request that fails without a connection (refused, no such name, no route, tunnel refused, TLS
  handshake failed: crawler/errors.py `no_connection`) marks its scheme://host so; its robots.txt,
  asked first, is usually that request.
A later request to a marked scheme://host is not sent: it ends at once with the same finding, said for
its URL and indexed like any failure (the https probe's line says why there is no HTTPS). Timeouts and
connections cut during an exchange mark nothing: the server may answer the next request.

Placed after robots.txt (100) so that a page waiting for its robots.txt is stopped by that robots.txt's
own failure; the robots.txt requests themselves pass here too.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import signals

from crawler import netcache
from crawler.errors import HostUnreachable, describe, no_connection, technical

NOT_ASKED = "{words} — {origin} ; requête non envoyée"
TLS_FACT = "constat TLS d'avant la collecte (tls:{host})"
LEARNT = "constaté à la première requête vers {key}"  # its URL (often a robots.txt) is in the technique


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.netloc or '').lower()}"


class UnreachableHostsMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.down: dict[str, HostUnreachable] = {}  # scheme://host -> the finding its next requests get
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        from crawler.https_probe import site_hosts

        candidate = getattr(spider, "candidate", None) or {}
        for host, words in netcache.take_no_tls(site_hosts(candidate)).items():
            self.down[f"https://{host}"] = HostUnreachable(words, "tls: " + words, TLS_FACT.format(host=host))

    def process_request(self, request, spider=None):
        found = self.down.get(_key(request.url))
        if found is not None:
            self.crawler.stats.inc_value("tnl/requests_not_sent_unreachable")
            raise HostUnreachable(NOT_ASKED.format(words=found.words, origin=found.origin), found.technique,
                                  found.origin)
        return None

    def process_exception(self, request, exception, spider=None):
        if isinstance(exception, HostUnreachable) or not no_connection(exception):
            return None
        key = _key(request.url)
        if key not in self.down:
            self.down[key] = HostUnreachable(describe(exception, request),
                                             f"{technical(exception)} ({request.url})", LEARNT.format(key=key))
        return None
