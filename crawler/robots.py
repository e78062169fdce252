"""robots.txt per scheme and host: an https probe of a site without TLS must not decide for its
http pages (Scrapy keys its parsers by host alone, so a failed https robots.txt meant allow-all).

Every request that arrives while its robots.txt is being fetched waits for it and gets its rules.
Scrapy's own middleware (2.13+) awaits the one pending Deferred from each waiting request; turning
a Deferred into an asyncio future consumes its result (Twisted's `asFuture` leaves None for the next
callback), so only the first waiter got the rules and every later one got None — "no robots.txt,
allow all". A crawl's first requests for a host are normally alone (the homepage, then its links
once robots.txt is known), but in a distributed crawl (`--redis`) a process's first requests for a
host come from the shared queue, many at once: disallowed pages (/ecrire/…) were fetched.
"""
from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

try:  # Scrapy 2.13+
    from scrapy.http.request import NO_CALLBACK
except ImportError:  # pragma: no cover
    NO_CALLBACK = None


class SchemeAwareRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request):
        url = urlparse_cached(request)
        key = f"{url.scheme}://{url.netloc}"
        if key not in self._parsers:
            self._parsers[key] = Deferred()
            robots = Request(f"{key}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                             meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
            try:
                response = await self.crawler.engine.download_async(robots)
                await self._parse_robots(response, key, request)
            except Exception as exc:  # noqa: BLE001 - as Scrapy does: no robots.txt, no rule
                self._robots_error(exc if isinstance(exc, Exception) else IgnoreRequest(), key)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[key]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(_waiter(parser))
        return parser


def _waiter(pending: Deferred) -> Deferred:
    """A Deferred of this waiter's own that fires with the pending one's result, which is passed on
    unchanged to the next waiter (a waiter cancelled meanwhile cancels only its own)."""
    waiter: Deferred = Deferred()

    def relay(result):
        waiter.callback(result)
        return result

    pending.addCallback(relay)
    return waiter
