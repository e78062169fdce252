"""Downloader middleware that writes every exchange, as received, to the candidate's WARC and index."""
from __future__ import annotations

from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.errors import describe, technical
from ground import __version__
from ground.archive import WARC_GZIP_LEVEL, ArchiveWriter, IndexEntry, utc_now


def _headers(headers) -> list[tuple[str, str]]:
    out = []
    for key, values in headers.items():
        name = key.decode("latin-1")
        for value in values:
            out.append((name, value.decode("latin-1")))
    return out


def _kind(request) -> str:
    kind = request.meta.get("tnl_kind")
    if kind:
        return kind
    return "robots" if request.url.split("?", 1)[0].endswith("/robots.txt") else "other"


def _entry(request) -> IndexEntry:
    referrer = request.headers.get("Referer")
    meta = request.meta
    extra = {}
    if meta.get("tnl_homepage"):
        extra["homepage"] = True
    if meta.get("tnl_purpose"):
        extra["purpose"] = meta["tnl_purpose"]
    if meta.get("tnl_asset"):
        extra["asset"] = meta["tnl_asset"]  # css | js: the site's own style sheet or script
    if meta.get("redirect_urls"):
        extra["redirected_from"] = meta["redirect_urls"][0]
    if meta.get("retry_times"):
        extra["attempt"] = meta["retry_times"] + 1
    return IndexEntry(
        url=request.url,
        kind=_kind(request),
        site=meta.get("tnl_site"),
        depth=int(meta.get("tnl_depth", meta.get("depth", 0))),
        referrer=referrer.decode("latin-1") if referrer else meta.get("tnl_referrer"),
        extra=extra,
    )


class WarcArchiveMiddleware:
    """One archive per crawler (one crawler per candidate): `<TNL_OUT_DIR>/<candidate id>/`."""

    def __init__(self, crawler) -> None:
        out = crawler.settings.get("TNL_OUT_DIR")
        if not out:
            raise NotConfigured("TNL_OUT_DIR is not set")
        self.out = Path(out)
        self.crawler = crawler
        self.writer: ArchiveWriter | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        self.writer = ArchiveWriter(self.out / spider.candidate["id"], software=f"tnl-evidence/{__version__}",
                                    shard=self.crawler.settings.get("TNL_SHARD"),  # --redis: one shard per process
                                    compresslevel=self.crawler.settings.getint("TNL_WARC_GZIP_LEVEL", WARC_GZIP_LEVEL))
        spider.archive = self.writer
        spider.archive_failure = self.index_failure

    def spider_closed(self, spider) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def process_response(self, request, response, spider=None):
        if self.writer is None or request.meta.get("tnl_replayed"):
            return response  # a replayed response is already in the archive
        entry = _entry(request)
        entry.status = response.status
        ctype = response.headers.get("Content-Type")
        entry.content_type = ctype.decode("latin-1") if ctype else None
        if 300 <= response.status < 400 and response.headers.get("Location"):
            entry.redirect_to = response.urljoin(response.headers["Location"].decode("latin-1"))
        protocol = getattr(response, "protocol", None) or "HTTP/1.1"
        self.writer.write_exchange(
            entry,
            method=request.method,
            request_headers=_headers(request.headers),
            reason=_reason(response.status),
            response_headers=_headers(response.headers),
            body=response.body,
            protocol=protocol,
        )
        request.meta["tnl_record"] = entry.record_id
        self.crawler.stats.inc_value(f"tnl/archived/{entry.kind}")
        return response

    def process_exception(self, request, exception, spider=None):
        if self.writer is None:
            return None
        self.index_failure(request, exception)
        return None

    def index_failure(self, request, exception, **extra) -> None:
        """Index a request that got no usable answer, with the reason in French."""
        entry = _entry(request)
        entry.fetched_at = utc_now()
        entry.error = describe(exception, request, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        entry.extra["technique"] = technical(exception)
        entry.extra.update(extra)
        self.writer.write_index(entry)
        request.meta["tnl_error_indexed"] = True
        self.crawler.stats.inc_value("tnl/errors")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
