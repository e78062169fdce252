"""Crawler traps: session ids in URLs, endless query variants (calendars), repeating paths.

Without these guards a site with an "next month" link or a session id in every URL would eat the
whole page budget on one page repeated forever.
"""
from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import url_query_cleaner

# Query parameters and path parameters that only carry a session (PHP, Java, ASP, generic).
SESSION_PARAMS = {"phpsessid", "jsessionid", "sid", "sessionid", "session_id", "sessid", "aspsessionid", "cfid",
                  "cftoken", "zenid", "osCsid".lower()}
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)

MAX_QUERY_VARIANTS = 20  # distinct query strings per path (calendar ?month=, endless filters)
MAX_SEGMENT_REPEAT = 3  # the same path segment more than this: /a/b/a/b/a/b/…
MAX_PATH_SEGMENTS = 15


def strip_session(url: str) -> str:
    """The URL without session ids, so that the same page is not fetched once per session.

    Query parameters named like a session id (any case: PHPSESSID, phpsessid…) are removed by w3lib,
    the other parameters kept as written, in their order, repeated ones included; path parameters
    (`;jsessionid=…`, which w3lib leaves) are removed here. The fragment is dropped: it never reaches
    the server, so it never names another page."""
    parts = urlsplit(url)
    path = _PATH_SESSION.sub("", parts.path)
    url = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    # w3lib compares names as written: list the ones present that are session ids, whatever their case
    # or percent-encoding, and let it remove exactly those.
    names = {pair.partition("=")[0] for pair in parts.query.split("&")}
    session = [name for name in names if unquote_plus(name).lower() in SESSION_PARAMS]
    if session:
        url = url_query_cleaner(url, session, remove=True, unique=False, keep_fragments=False)
    return url


class TrapDetector:
    """Decides, URL by URL, whether following it would walk into a trap; remembers why once."""

    def __init__(self, max_query_variants: int = MAX_QUERY_VARIANTS) -> None:
        self.max_query_variants = max_query_variants
        self.variants: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.reported: set[tuple[str, str]] = set()

    def check(self, url: str) -> str | None:
        """None if the URL may be followed, else the reason (French) it is a trap."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > MAX_PATH_SEGMENTS:
            return f"chemin de plus de {MAX_PATH_SEGMENTS} segments"
        counts: dict[str, int] = defaultdict(int)
        for seg in segments:
            counts[seg] += 1
            if counts[seg] > MAX_SEGMENT_REPEAT:
                return f"segment « {seg[:40]} » répété plus de {MAX_SEGMENT_REPEAT} fois"
        if parts.query:
            key = (parts.netloc, parts.path)
            variants = self.variants[key]
            if parts.query not in variants:
                if len(variants) >= self.max_query_variants:
                    return f"plus de {self.max_query_variants} variantes de paramètres pour {parts.path or '/'}"
                variants.add(parts.query)
        return None

    def first_time(self, url: str, reason: str) -> bool:
        """True the first time a given trap (host, path, reason kind) is met: report it once."""
        parts = urlsplit(url)
        key = (parts.netloc + parts.path, reason.split(" ", 1)[0])
        if key in self.reported:
            return False
        self.reported.add(key)
        return True
