"""A process-wide limit for hosts every candidate asks (the data.gouv.fr API, registry exports).

Scrapy's per-domain concurrency and download delay hold within one crawler, and each candidate has
its own: without this, a list of 1,000 candidates would send the API 1,000 requests at once. Here
every crawler of the process shares, per host, TNL_SHARED_HOST_CONCURRENCY requests at a time and
one pace: at least TNL_SHARED_HOST_DELAY seconds between two requests sent (--datagouv-pace).
"""
from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

_SLOT = "tnl_shared_slot"


class SharedHostLimitMiddleware:
    # One semaphore per host for the whole process (all crawlers share the class attribute).
    _semaphores: dict[str, asyncio.Semaphore] = {}
    _next_slot: dict[str, float] = {}  # host -> earliest time.monotonic() of its next request

    def __init__(self, hosts: set[str], limit: int, delay: float = 0.0) -> None:
        self.hosts = hosts
        self.limit = limit
        self.delay = delay

    @classmethod
    def from_crawler(cls, crawler):
        hosts = {h.lower() for h in crawler.settings.getlist("TNL_SHARED_HOSTS") if h}
        if not hosts:
            raise NotConfigured
        return cls(hosts, crawler.settings.getint("TNL_SHARED_HOST_CONCURRENCY", 4),
                   crawler.settings.getfloat("TNL_SHARED_HOST_DELAY", 0.0))

    def _semaphore(self, host: str) -> asyncio.Semaphore:
        sem = self._semaphores.get(host)
        if sem is None:
            sem = self._semaphores[host] = asyncio.Semaphore(self.limit)
        return sem

    async def process_request(self, request, spider=None):
        host = (urlsplit(request.url).hostname or "").lower()
        if host in self.hosts and not request.meta.get(_SLOT):
            await self._semaphore(host).acquire()
            request.meta[_SLOT] = host
            if self.delay > 0:  # the reactor's thread only: no lock needed
                now = time.monotonic()
                slot = max(now, self._next_slot.get(host, now))
                self._next_slot[host] = slot + self.delay
                if slot > now:
                    await asyncio.sleep(slot - now)
        return None

    def _release(self, request) -> None:
        host = request.meta.pop(_SLOT, None)
        if host:
            self._semaphore(host).release()

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None
