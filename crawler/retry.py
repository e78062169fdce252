"""Retries with exponential backoff, respecting Retry-After (RFC 9110 §10.2.3) on 429 and 503.

Failures without an answer are retried only when they timed out, and only TNL_RETRY_TIMEOUT_TIMES
times (crawler/settings.py RETRY_EXCEPTIONS): a refused or cut connection, an unknown name, a refused
tunnel or a failed TLS handshake would say the same a moment later (crawler/reachability.py then
stops asking that scheme://host at all). Statuses (RETRY_HTTP_CODES) keep RETRY_TIMES.
"""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta-seconds or HTTP-date), None if unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, but a 429/503 with Retry-After waits that long first (up to the bound);
    a longer wait is not retried: the answer is archived and reported as it came."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("TNL_RETRY_AFTER_MAX", 60)
        self.backoff = settings.getfloat("TNL_RETRY_BACKOFF", 1.0)
        self.timeout_retries = settings.getint("TNL_RETRY_TIMEOUT_TIMES", 1)

    async def _backoff(self, retry):
        """Exponential backoff before a retry without Retry-After: base × 2^(attempt − 1), capped."""
        if isinstance(retry, Request) and self.backoff > 0:
            attempt = max(1, int(retry.meta.get("retry_times", 1)))
            await asyncio.sleep(min(self.max_wait, self.backoff * 2 ** (attempt - 1)))
        return retry

    async def process_response(self, request, response, spider=None):
        if response.status in (429, 503) and b"Retry-After" in response.headers \
                and not request.meta.get("dont_retry", False):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait is None or wait > self.max_wait:
                return response  # archived and reported as it came
            retry = get_retry_request(request, spider=self.crawler.spider,
                                      reason=f"{response.status} Retry-After {wait:g} s",
                                      max_retry_times=request.meta.get("max_retry_times", self.max_retry_times))
            if retry is None:
                return response
            await asyncio.sleep(wait)
            return retry
        return await self._backoff(super().process_response(request, response, spider))

    async def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        limit = min(self.timeout_retries, request.meta.get("max_retry_times", self.max_retry_times))
        retry = get_retry_request(request, spider=self.crawler.spider, reason=exception, max_retry_times=limit)
        return await self._backoff(retry)
