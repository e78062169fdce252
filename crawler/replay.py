"""Resume a crawl that was interrupted: what is already in the archive is replayed, not fetched.

A crawl killed at any point (SIGINT, SIGTERM, kill -9) is started again with the same `--out`.
The archive is repaired (a torn last record is cut), then the crawl starts over from the start
URLs; every request whose response is already archived is answered from the WARC record, so the
spider rediscovers the same links and only what is missing goes to the network. The archive ends
with the same content as an uninterrupted crawl: no duplicate, no missing page.
"""
from __future__ import annotations

from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes

from crawler.archive import _kind
from ground.archive import read_index, read_record


class ArchiveReplayMiddleware:
    def __init__(self, out: Path, crawler) -> None:
        self.out = out
        self.directory: Path | None = None
        # (url, kind, purpose) -> offset: the same URL fetched as a page and as a probe is two records.
        self.offsets: dict[tuple[str, str, str], int] = {}
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        self.stats = crawler.stats
        self.shard = crawler.settings.get("TNL_SHARD")  # --redis: this process's own shard

    @classmethod
    def from_crawler(cls, crawler):
        out = crawler.settings.get("TNL_OUT_DIR")
        if not out:
            raise NotConfigured("TNL_OUT_DIR is not set")
        return cls(Path(out), crawler)

    def spider_opened(self, spider) -> None:
        self.directory = self.out / spider.candidate["id"]
        for entry in read_index(self.directory, self.shard):
            offset = entry.extra.get("warc_offset")
            key = (entry.url, entry.kind, entry.extra.get("purpose", ""))
            if entry.record_id and offset is not None and key not in self.offsets:
                self.offsets[key] = int(offset)

    def process_request(self, request, spider=None):
        offset = self.offsets.get((request.url, _kind(request), request.meta.get("tnl_purpose", "")))
        if offset is None or request.method != "GET" or self.directory is None:
            return None
        record = read_record(self.directory, offset, self.shard)
        if record is None:
            return None
        headers = Headers()
        for name, value in record.headers:
            headers.appendlist(name, value)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=record.body)
        request.meta["tnl_replayed"] = True
        self.stats.inc_value("tnl/replayed")
        return cls(url=request.url, status=record.status or 200, headers=headers, body=record.body,
                   request=request, flags=["replayed"])
