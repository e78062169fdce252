"""Lookups shared between candidates, and paces per server (crawler/netcache.py), without the network."""
from __future__ import annotations

import threading
import time

import pytest

from crawler.netcache import Pace, SharedLookups, whois_interval


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pace_spaces_the_queries_to_one_server_not_to_others():
    clock = FakeClock()
    pace = Pace(clock, clock.sleep)
    assert pace.wait("whois.nic.fr", 12.0) == 0  # first query: at once
    assert pace.wait("whois.nic.fr", 12.0) == 12.0  # the next slot of that server
    assert pace.wait("whois.eu", 1.0) == 0  # another server has its own slots
    clock.now += 30  # a while later: no debt carried over
    assert pace.wait("whois.nic.fr", 12.0) == 0
    assert pace.wait("whois.nic.fr", 0) == 0  # no pace
    assert clock.slept == [12.0]


def test_pace_gives_threads_successive_slots():
    pace = Pace()
    starts: list[float] = []
    lock = threading.Lock()

    def query() -> None:
        pace.wait("whois.test", 0.2)
        with lock:
            starts.append(time.monotonic())

    threads = [threading.Thread(target=query) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    starts.sort()
    assert all(b - a >= 0.15 for a, b in zip(starts, starts[1:])), starts  # generous: order, not speed


def test_shared_lookup_is_asked_once_by_threads_that_want_it_together():
    lookups = SharedLookups(10)
    asked = []
    gate = threading.Event()

    def ask():
        asked.append(1)
        gate.wait(2)
        return {"rcode": "NOERROR"}

    results = []
    threads = [threading.Thread(target=lambda: results.append(lookups.get(("ns", "ville.fr", "MX"), ask)))
               for _ in range(5)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    gate.set()
    for t in threads:
        t.join()
    assert asked == [1] and results == [{"rcode": "NOERROR"}] * 5
    assert lookups.get(("ns", "ville.fr", "MX"), ask) == {"rcode": "NOERROR"} and asked == [1]  # kept


def test_failures_and_unkept_answers_are_asked_again():
    lookups = SharedLookups(10)
    calls = []

    def timeout():
        calls.append("timeout")
        raise TimeoutError("no answer")

    with pytest.raises(TimeoutError):
        lookups.get("k", timeout)
    assert lookups.get("k", lambda: "answer") == "answer"  # the failure was not kept
    assert lookups.get("r", lambda: "rate limited", keep=lambda v: False) == "rate limited"
    assert lookups.get("r", lambda: "reply") == "reply"  # an unkept reply is asked again


def test_shared_lookups_are_bounded():
    lookups = SharedLookups(2)
    for key in ("a", "b", "c"):
        lookups.get(key, lambda k=key: k.upper())
    assert lookups.get("a", lambda: "asked again") == "asked again"  # the oldest went first
    assert lookups.get("c", lambda: "asked again") == "C"


def test_whois_interval_per_server():
    # crawler/settings.py: whois.nic.fr 12 s, another server chosen by python-whois 1 s, --whois-server 0.
    assert whois_interval("whois.nic.fr", None, chosen=True) == 12.0
    assert whois_interval("WHOIS.NIC.FR", {}, chosen=False) == 12.0  # named with --whois-server: still AFNIC
    assert whois_interval("whois.eu", None, chosen=True) == 1.0
    assert whois_interval("127.0.0.1", None, chosen=False) == 0.0
    assert whois_interval("127.0.0.1", {"": 0.5}, chosen=False) == 0.5  # --whois-pace 0.5
    assert whois_interval("whois.nic.fr", {"": 0.5, "whois.nic.fr": 20.0}, chosen=True) == 20.0
    assert whois_interval("whois.eu", {"whois.nic.fr": 20.0}, chosen=True) == 1.0


def test_whois_pace_option():
    from tnl.options import BadInput, whois_paces

    assert whois_paces(["12", "whois.nic.fr=3", "WHOIS.EU=0,5"]) == {"": 12.0, "whois.nic.fr": 3.0, "whois.eu": 0.5}
    for bad in ("vite", "-1", "=3", "whois.nic.fr=", "nan"):
        with pytest.raises(BadInput, match=r"^--whois-pace .* : forme attendue SECONDES ou SERVEUR=SECONDES"):
            whois_paces([bad])
