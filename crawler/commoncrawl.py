"""Common Crawl's records of a site, through its URL index (`tnl import-cc`), at a pace, under our name.

Common Crawl publishes each monthly crawl (`CC-MAIN-YYYY-WW`) as WARC files on data.commoncrawl.org
and a URL index queried at index.commoncrawl.org (a pywb CDX server):
`/CC-MAIN-2025-47-index?url=www.ville.fr/*&output=json` answers one JSON object per line (`url`,
`timestamp`, `status`, `mime`, `digest`, `filename`, `offset`, `length`, `redirect`…), paged
(`showNumPages=true` says how many pages; `page=N` reads one); 404 with a JSON `message` when it
holds nothing of the site. Each record is then read alone by an HTTP range request of its bytes
(`Range: bytes=offset-(offset+length-1)`) in its file: one gzip member, the record as Common Crawl
wrote it, kept byte for byte.

Manners: one request at a time, `delay` seconds apart, identified by our User-Agent (crawler
settings); a « slow down » answer (429, 503) waits for its Retry-After (bounded) and is tried once
more; nothing else is tried again. Failures are findings (returned with their reason), never crashes.
The index and data addresses are options, so that the tests point them at a fake index on loopback.
"""
from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from crawler.settings import USER_AGENT

INDEX_URL = "https://index.commoncrawl.org"
DATA_URL = "https://data.commoncrawl.org"
DEFAULT_DELAY = 1.0  # seconds between two requests: Common Crawl asks for a gentle pace
MAX_INDEX_PAGES = 3  # index pages read per site (a page holds thousands of lines)
MAX_RETRY_AFTER = 60.0
MAX_INDEX_BYTES = 64 * 1024 * 1024
MAX_RECORD_BYTES = 16 * 1024 * 1024

UI = {
    "http": "HTTP {status} de {url}",
    "network": "{url} injoignable : {error}",
    "not_json": "réponse de l'index illisible ({url})",
    "none": "aucune capture de {host} dans {crawl}",
    "short": "enregistrement lu incomplet ({got} octets sur {length}) : {filename}",
    "no_range": "le serveur a ignoré la demande de plage d'octets (réponse 200, fichier entier) : {filename}",
    "not_warc": "les octets lus ne sont pas un enregistrement WARC compressé : {filename} à l'octet {offset}",
    "too_big": "enregistrement de {length} octets : au-delà de {cap} octets, non lu",
}


@dataclass
class Fetched:
    status: int | None
    body: bytes
    error: str | None = None


class CommonCrawl:
    """A client of Common Crawl's index and data servers: one request at a time, `delay` seconds apart."""

    def __init__(self, index_url: str = INDEX_URL, data_url: str = DATA_URL, user_agent: str | None = None,
                 delay: float = DEFAULT_DELAY, timeout: float = 30.0) -> None:
        self.index_url = index_url.rstrip("/")
        self.data_url = data_url.rstrip("/")
        self.user_agent = user_agent or USER_AGENT
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.requests = 0
        self._last = 0.0
        self._opener = urllib.request.build_opener()

    def _pace(self) -> None:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def get(self, url: str, headers: dict[str, str] | None = None, cap: int = MAX_INDEX_BYTES) -> Fetched:
        for attempt in (1, 2):
            self._pace()
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, **(headers or {})})
            try:
                with self._opener.open(request, timeout=self.timeout) as resp:
                    return Fetched(resp.status, resp.read(cap + 1))
            except urllib.error.HTTPError as exc:
                body = exc.read(cap + 1) if exc.fp else b""
                if exc.code in (429, 503) and attempt == 1:
                    time.sleep(_retry_after(exc.headers.get("Retry-After"), self.delay))
                    continue
                return Fetched(exc.code, body, UI["http"].format(status=exc.code, url=url))
            except (urllib.error.URLError, OSError, ValueError) as exc:
                reason = getattr(exc, "reason", None) or exc
                return Fetched(None, b"", UI["network"].format(url=url, error=str(reason)[:160]))
        return Fetched(None, b"", UI["network"].format(url=url, error="?"))  # pragma: no cover

    def captures(self, crawl: str, host: str, max_pages: int = MAX_INDEX_PAGES) -> tuple[list[dict], str | None]:
        """The index lines of every capture of `host` in `crawl` (its first `max_pages` index pages),
        and what went wrong, if anything (a finding)."""
        base = f"{self.index_url}/{quote(crawl)}-index"
        query = {"url": f"{host}/*", "output": "json"}
        head = self.get(f"{base}?{urlencode({**query, 'showNumPages': 'true'})}")
        if head.status == 404:
            return [], UI["none"].format(host=host, crawl=crawl)
        if head.error:
            return [], head.error
        try:
            pages = int(json.loads(head.body.decode("utf-8")).get("pages") or 0)
        except (ValueError, AttributeError, UnicodeDecodeError):
            return [], UI["not_json"].format(url=base)
        lines: list[dict] = []
        for page in range(min(pages, max_pages)):
            got = self.get(f"{base}?{urlencode({**query, 'page': page})}")
            if got.status == 404:
                break
            if got.error:
                return lines, got.error
            for raw in got.body.decode("utf-8", "replace").splitlines():
                try:
                    row = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(row, dict) and row.get("url") and row.get("filename"):
                    lines.append(row)
        return lines, None if lines else UI["none"].format(host=host, crawl=crawl)

    def record(self, filename: str, offset: int, length: int) -> tuple[bytes | None, str | None]:
        """One record's bytes (a gzip member), read alone by a range request; None and why, if not."""
        if length > MAX_RECORD_BYTES:
            return None, UI["too_big"].format(length=length, cap=MAX_RECORD_BYTES)
        got = self.get(f"{self.data_url}/{quote(filename)}", {"Range": f"bytes={offset}-{offset + length - 1}"},
                       cap=length)
        if got.error:
            return None, got.error
        if got.status == 200 and len(got.body) > length:
            return None, UI["no_range"].format(filename=filename)
        if len(got.body) != length:
            return None, UI["short"].format(got=len(got.body), length=length, filename=filename)
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(got.body, 16)
        except zlib.error:
            head = b""
        if not head.startswith(b"WARC/"):
            return None, UI["not_warc"].format(filename=filename, offset=offset)
        return got.body, None


def _retry_after(value: str | None, delay: float) -> float:
    """Seconds to wait from a Retry-After (seconds or an HTTP date), bounded; else twice the pace."""
    if value:
        try:
            return min(MAX_RETRY_AFTER, max(0.0, float(value)))
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value).timestamp()
                return min(MAX_RETRY_AFTER, max(0.0, when - time.time()))
            except (TypeError, ValueError, OverflowError):
                pass
    return min(MAX_RETRY_AFTER, max(1.0, 2 * delay))

