"""What the candidates of one run share before their crawls: lookups asked once, servers asked at a pace.

A national run prepares thousands of candidates, many under the same registrable domain (communes
hosted by their intercommunalité, sites on a website builder): their DNS answers and the WHOIS reply
of that domain are the same. Each is asked once per process (`SharedLookups`: the first thread asks,
the others wait for its answer) and copied into every candidate's archive that uses it, with the
time it was asked (`asked_at` in the payload): the lookup is shared, the evidence is not.

WHOIS registries throttle (AFNIC, for .fr: 7,200 queries per 24 hours and per address on port 43, as
a token bucket): `Pace` spaces the queries to one server, whatever the thread that sends them.

Only answers are kept: a lookup that got none (timeout, refused server) is not, nor a WHOIS reply
that says it was rate-limited; the next candidate asks again. Bounded (least recently used first),
and emptied by each run (`reset`).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

DNS_ENTRIES = 16_384  # a JSON answer of a few hundred bytes each: a few MB at most
WHOIS_ENTRIES = 4_096  # replies of ~2-20 KB: tens of MB at worst
TLD_ENTRIES = 1_024  # the WHOIS server of each top-level domain, as IANA told it


class SharedLookups:
    """Each key asked once: concurrent callers wait for the first one's answer; an exception is
    passed to the callers waiting for it, and not kept."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._pending: dict[Hashable, Future] = {}
        self._lock = threading.Lock()
        self.asked = 0  # lookups actually sent (not answered from the cache or by another thread)

    def get(self, key: Hashable, ask: Callable[[], Any], keep: Callable[[Any], bool] = lambda _v: True) -> Any:
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            future = self._pending.get(key)
            owner = future is None
            if owner:
                future = self._pending[key] = Future()
                self.asked += 1
        if not owner:
            return future.result()
        try:
            value = ask()
        except BaseException as exc:
            with self._lock:
                del self._pending[key]
            future.set_exception(exc)
            raise
        with self._lock:
            del self._pending[key]
            if keep(value):
                self._done[key] = value
                while len(self._done) > self.maxsize:
                    self._done.popitem(last=False)
        future.set_result(value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._done.clear()
            self.asked = 0


class Pace:
    """At most one query every `interval` seconds to each server: each caller takes the next free
    slot of its server (under a lock) and sleeps until it, outside the lock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def wait(self, server: str, interval: float) -> float:
        """Sleep until `server` may be asked again; returns the seconds waited."""
        if interval <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(server, now))
            self._next[server] = slot + interval
        if slot > now:
            self._sleep(slot - now)
        return slot - now

    def clear(self) -> None:
        with self._lock:
            self._next.clear()


DNS = SharedLookups(DNS_ENTRIES)
WHOIS = SharedLookups(WHOIS_ENTRIES)
WHOIS_SERVERS = SharedLookups(TLD_ENTRIES)  # tld -> its WHOIS server (python-whois asks IANA for most)
WHOIS_PACE = Pace()

# Hosts whose TLS fact (crawler/tlsfacts.py) found no TLS on port 443, with its words: the crawl does
# not ask them over https again (crawler/reachability.py). Taken by the candidate's crawl as it opens.
_NO_TLS: dict[str, str] = {}
_NO_TLS_LOCK = threading.Lock()
NO_TLS_ENTRIES = 65_536


def remember_no_tls(host: str, words: str) -> None:
    with _NO_TLS_LOCK:
        if len(_NO_TLS) >= NO_TLS_ENTRIES:
            _NO_TLS.pop(next(iter(_NO_TLS)))
        _NO_TLS[host] = words


def take_no_tls(hosts: list[str]) -> dict[str, str]:
    """The hosts among `hosts` found without TLS, and the words of that finding (forgotten here)."""
    with _NO_TLS_LOCK:
        return {h: _NO_TLS.pop(h) for h in hosts if h in _NO_TLS}


def whois_interval(server: str, paces: dict[str, float] | None, chosen: bool) -> float:
    """Seconds between two queries to `server`: the user's pace for it (`--whois-pace SERVER=S`), else
    the user's pace for all (`--whois-pace S`), else the known pace of a registry's server
    (crawler/settings.py TNL_WHOIS_PACE), else the default for a server python-whois chose. A server
    the user named (`--whois-server`: a mirror, a double, an access with its own terms) has no default."""
    from crawler import settings

    paces = paces or {}
    name = server.lower()
    if name in paces:
        return max(0.0, float(paces[name]))
    if "" in paces:
        return max(0.0, float(paces[""]))
    known = settings.TNL_WHOIS_PACE
    if name in known:
        return float(known[name])
    return float(settings.TNL_WHOIS_PACE_DEFAULT) if chosen else 0.0


def reset() -> None:
    """A new run: nothing of the previous one is reused (answers, paces, TLS findings)."""
    for lookups in (DNS, WHOIS, WHOIS_SERVERS):
        lookups.clear()
    WHOIS_PACE.clear()
    with _NO_TLS_LOCK:
        _NO_TLS.clear()
