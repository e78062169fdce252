"""robots.txt while it is still being fetched: every request waiting for it must get its rules.

In a distributed crawl (`tnl crawl --redis`), a process's first requests for a host come from the
shared queue, many at once (the links another process found on the homepage): they all wait for the
same robots.txt download. The order is forced here: every request reaches the middleware before the
robots.txt answer is released. Only Scrapy's engine is stood in for (its `download_async`), so that
the test decides when robots.txt arrives; the middleware is ours, unchanged.
"""
from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawler.robots import SchemeAwareRobotsTxtMiddleware

ROBOTS = b"User-agent: *\nDisallow: /ecrire/\nDisallow: /espace-membres/\n"
SITE = "http://www.libreville-isere.test"
# The homepage's links as another process enqueued them: two of them are disallowed.
URLS = [f"{SITE}/", f"{SITE}/actualites/", f"{SITE}/ecrire/", f"{SITE}/services/",
        f"{SITE}/espace-membres/", f"{SITE}/ecrire/article.php?id=3", f"{SITE}/contact/"]
DISALLOWED = {f"{SITE}/ecrire/", f"{SITE}/espace-membres/", f"{SITE}/ecrire/article.php?id=3"}


class HeldEngine:
    """Stands in for Scrapy's engine: robots.txt answers only when the test releases it."""

    def __init__(self, body: bytes | None = ROBOTS, status: int = 200) -> None:
        self.body = body
        self.status = status
        self.requested: list[str] = []
        self.release = asyncio.Event()

    async def download_async(self, request):
        self.requested.append(request.url)
        await self.release.wait()
        if self.body is None:
            raise ConnectionRefusedError("robots.txt unreachable")
        return TextResponse(request.url, status=self.status, body=self.body, request=request)


def _middleware(engine: HeldEngine) -> SchemeAwareRobotsTxtMiddleware:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "tnl-evidence/test"})
    crawler.engine = engine
    return SchemeAwareRobotsTxtMiddleware.from_crawler(crawler)


async def _verdicts(engine: HeldEngine, urls: list[str]) -> dict[str, str]:
    middleware = _middleware(engine)

    async def check(url: str) -> str:
        try:
            await middleware.process_request(Request(url))
        except IgnoreRequest:
            return "interdit"
        return "autorisé"

    tasks = [asyncio.ensure_future(check(url)) for url in urls]
    for _ in range(20):  # let every request reach the middleware and wait for robots.txt
        await asyncio.sleep(0)
    assert not any(t.done() for t in tasks), "a request went through before robots.txt arrived"
    engine.release.set()
    return dict(zip(urls, await asyncio.gather(*tasks)))


def test_requests_waiting_for_robots_txt_all_get_its_rules():
    engine = HeldEngine()
    verdicts = asyncio.run(_verdicts(engine, URLS))
    assert engine.requested == [f"{SITE}/robots.txt"]  # fetched once for all of them
    assert {u for u, v in verdicts.items() if v == "interdit"} == DISALLOWED
    assert {u for u, v in verdicts.items() if v == "autorisé"} == set(URLS) - DISALLOWED


def test_first_request_disallowed_and_later_ones_too():
    """Whichever waiter comes first, the disallowed ones are refused (the first one fetches robots.txt)."""
    engine = HeldEngine()
    urls = [f"{SITE}/ecrire/", f"{SITE}/espace-membres/", f"{SITE}/", f"{SITE}/ecrire/article.php?id=3"]
    verdicts = asyncio.run(_verdicts(engine, urls))
    assert verdicts == {urls[0]: "interdit", urls[1]: "interdit", urls[2]: "autorisé", urls[3]: "interdit"}


def test_unreachable_robots_txt_allows_every_waiter_once_fetched():
    """No robots.txt (network failure): no rule, as Scrapy does; still one attempt for all waiters."""
    engine = HeldEngine(body=None)
    verdicts = asyncio.run(_verdicts(engine, URLS))
    assert engine.requested == [f"{SITE}/robots.txt"]
    assert set(verdicts.values()) == {"autorisé"}


@pytest.mark.parametrize("status", [500, 503])
def test_robots_txt_in_server_error_forbids_everything(status):
    """RFC 9309: a robots.txt that answers 5xx (after the retries) is unreachable: complete disallow,
    said as such in the report (Scrapy parsed the error page as rules: everything allowed)."""
    from crawler.errors import describe

    engine = HeldEngine(body=b"<html><body><h1>Service indisponible</h1></body></html>", status=status)
    verdicts = asyncio.run(_verdicts(engine, URLS))
    assert set(verdicts.values()) == {"interdit"}

    async def refusal():
        middleware = _middleware(HeldEngine(body=b"", status=status))
        middleware.crawler.engine.release.set()
        with pytest.raises(IgnoreRequest) as caught:
            await middleware.process_request(Request(f"{SITE}/"))
        return caught.value

    line = describe(asyncio.run(refusal()))
    assert line.startswith(f"robots.txt en erreur serveur (HTTP {status})") and "RFC 9309" in line, line


def test_robots_txt_missing_or_refused_allows_everything():
    """4xx is "unavailable" (RFC 9309): no rule; an ordinary Disallow keeps its own wording."""
    from crawler.errors import describe

    for status in (403, 404):
        verdicts = asyncio.run(_verdicts(HeldEngine(body=b"<html>Introuvable</html>", status=status), URLS))
        assert set(verdicts.values()) == {"autorisé"}, status

    async def refusal():
        middleware = _middleware(HeldEngine())
        middleware.crawler.engine.release.set()
        with pytest.raises(IgnoreRequest) as caught:
            await middleware.process_request(Request(f"{SITE}/ecrire/"))
        return caught.value

    assert describe(asyncio.run(refusal())).startswith("interdit par robots.txt")


def test_a_cancelled_waiter_does_not_cancel_the_others():
    async def scenario():
        engine = HeldEngine()
        middleware = _middleware(engine)
        first = asyncio.ensure_future(middleware.process_request(Request(f"{SITE}/")))
        cancelled = asyncio.ensure_future(middleware.process_request(Request(f"{SITE}/services/")))
        waiting = asyncio.ensure_future(middleware.process_request(Request(f"{SITE}/ecrire/")))
        for _ in range(20):
            await asyncio.sleep(0)
        cancelled.cancel()
        for _ in range(5):
            await asyncio.sleep(0)
        engine.release.set()
        await first
        with pytest.raises(IgnoreRequest):
            await waiting
        assert cancelled.cancelled()

    asyncio.run(scenario())


def test_rules_are_kept_per_scheme_and_host():
    async def scenario():
        engine = HeldEngine()
        middleware = _middleware(engine)
        engine.release.set()
        await middleware.process_request(Request(f"{SITE}/"))
        await middleware.process_request(Request("https://www.libreville-isere.test/"))
        with pytest.raises(IgnoreRequest):
            await middleware.process_request(Request("https://www.libreville-isere.test/ecrire/"))
        return engine.requested

    assert asyncio.run(scenario()) == [f"{SITE}/robots.txt", "https://www.libreville-isere.test/robots.txt"]
