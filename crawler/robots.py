"""robots.txt per scheme and host: an https probe of a site without TLS must not decide for its
http pages (Scrapy keys its parsers by host alone, so a failed https robots.txt meant allow-all).

Every request that arrives while its robots.txt is being fetched waits for it and gets its rules.
Scrapy's own middleware (2.13+) awaits the one pending Deferred from each waiting request; turning
a Deferred into an asyncio future consumes its result (Twisted's `asFuture` leaves None for the next
callback), so only the first waiter got the rules and every later one got None — "no robots.txt,
allow all". A crawl's first requests for a host are normally alone (the homepage, then its links
once robots.txt is known), but in a distributed crawl (`--redis`) a process's first requests for a
host come from the shared queue, many at once: disallowed pages (/ecrire/…) were fetched.

A robots.txt answered with a server error (5xx) means "complete disallow" (RFC 9309, 2.3.1.4:
the file is unreachable, the crawler MUST assume it forbids everything); Scrapy parsed the error
page as rules, which allowed everything. 4xx still means no rule ("unavailable"), and so does a
network failure, as in Scrapy: the site's pages then fail the same way, and the https probe of a
site without TLS keeps its own error (its robots.txt fails the same handshake). When that failure
is a connection that could not be made, the requests waiting for this robots.txt are not sent at
all: they get its finding (crawler/reachability.py).
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


DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
SERVER_ERROR = "robots.txt unreachable"


class RobotsServerError(IgnoreRequest):
    """robots.txt answered with a server error (5xx) after the retries: RFC 9309 makes the site
    "unreachable", so everything on it is disallowed. crawler/errors.py words it for the report."""

    def __init__(self, status: int) -> None:
        super().__init__(f"{SERVER_ERROR} (HTTP {status}): complete disallow (RFC 9309)")
        self.status = status


class SchemeAwareRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self._server_errors: dict[str, int] = {}  # scheme://host -> HTTP status of its robots.txt

    async def _parse_robots(self, response, netloc: str, request: Request) -> None:
        if 500 <= response.status < 600:  # after the retries: RFC 9309's "unreachable"
            self._server_errors[netloc] = response.status
            self._stats.inc_value("robotstxt/server_error_disallow_all")
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

    def process_request_2(self, rp, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            url = urlparse_cached(request)
            status = self._server_errors.get(f"{url.scheme}://{url.netloc}")
            if status is None:
                raise
            raise RobotsServerError(status) from None

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
