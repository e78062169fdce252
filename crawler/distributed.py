"""Distributed crawl (`tnl crawl --redis redis://HOST:PORT/DB`): one request queue and one duplicate
filter per candidate in Redis, shared by any number of crawler processes on any number of machines
(scrapy-redis queue and dupefilter); each process writes its own WARC shard.

Keys (all under `tnl:<candidate id>:`): `requests` (scrapy-redis priority queue), `seen` (fingerprints
of filtered requests), `once` (requests that bypass the filter — start URLs, probes, API calls — sent
by one process only), `workers` (each process's state, to know when the crawl is over everywhere),
`claim` (the process that gathers DNS/WHOIS facts and writes crawl.json). Use one Redis database per
crawl run, emptied before (`redis-cli -n DB FLUSHDB`): a finished run's keys would filter everything.
"""
from __future__ import annotations

import os
import socket

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.request import fingerprint

# A crawl is over when every process is idle and the queue is empty on this many successive idle
# checks (Scrapy re-checks an idle spider every 5 s): one check could fall between another
# process's pop of the last request and its mark as busy.
IDLE_ROUNDS = 2


def shard_name() -> str:
    """This process's shard: host name and process id (unique across machines and processes)."""
    return f"{socket.gethostname()}-{os.getpid()}"


def connect(url: str):
    import redis

    return redis.Redis.from_url(url)


def claim(url: str, candidate_id: str, value: str) -> bool:
    """True for the first process to claim the candidate (it gathers the facts gathered once)."""
    return bool(connect(url).set(f"tnl:{candidate_id}:claim", value, nx=True))


class RedisScheduler:
    """scrapy-redis queue and dupefilter, keyed by candidate (all our spiders share one name)."""

    def __init__(self, crawler) -> None:
        url = crawler.settings.get("TNL_REDIS_URL")
        if not url:
            raise NotConfigured("TNL_REDIS_URL is not set")
        self.server = connect(url)
        self.server.ping()
        self.crawler = crawler
        self.stats = crawler.stats
        self.worker = crawler.settings.get("TNL_SHARD") or shard_name()
        self.busy = False
        self.idle_rounds = 0
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open(self, spider):
        from scrapy_redis.dupefilter import RFPDupeFilter
        from scrapy_redis.queue import PriorityQueue

        self.spider = spider
        self.prefix = f"tnl:{spider.candidate['id']}"
        self.queue = PriorityQueue(server=self.server, spider=spider, key=f"{self.prefix}:requests")
        self.df = RFPDupeFilter(self.server, key=f"{self.prefix}:seen")
        self._mark("busy")
        return None

    def close(self, reason):
        return None  # the queue and filters stay: other processes may still be crawling

    def __len__(self) -> int:
        return len(self.queue)

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0

    def enqueue_request(self, request) -> bool:
        if request.dont_filter:
            # Start URLs, probes and API calls bypass the filter; each is still sent by one process.
            # Retries and redirects are new attempts, not duplicates.
            meta = request.meta
            key = "|".join((fingerprint(request).hex(), meta.get("tnl_kind") or "", meta.get("tnl_purpose") or "",
                            str(meta.get("retry_times", 0)), str(len(meta.get("redirect_urls", ())))))
            if not self.server.sadd(f"{self.prefix}:once", key):
                return False
        elif self.df.request_seen(request):
            self.stats.inc_value("dupefilter/filtered")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.queue.pop(0)
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
            if not self.busy:
                self._mark("busy")
        return request

    def _mark(self, state: str) -> None:
        self.busy = state == "busy"
        self.server.hset(f"{self.prefix}:workers", self.worker, state)

    def spider_idle(self, spider) -> None:
        """Close only when the whole crawl is over: queue empty and every process idle, twice."""
        self._mark("idle")
        states = {v.decode() for v in self.server.hvals(f"{self.prefix}:workers")}
        if len(self.queue) == 0 and states <= {"idle", "done"}:
            self.idle_rounds += 1
            if self.idle_rounds >= IDLE_ROUNDS:
                return
        else:
            self.idle_rounds = 0
        raise DontCloseSpider

    def spider_closed(self, spider, reason) -> None:
        self._mark("done")
