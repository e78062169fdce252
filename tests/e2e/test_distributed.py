"""Distributed crawl: two `tnl crawl --redis` processes share one queue (a real redis-server on loopback)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import REACHABLE, ROOT, signals, tnl, world_args

REDIS = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
pytestmark = [
    pytest.mark.skipif(REDIS is None, reason="redis-server absent (Debian package redis-server; .ci/run installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    pytest.importorskip("scrapy_redis", reason="scrapy-redis not installed (pip install '.[redis]')")
    port = _free_port()  # redis-server takes a fixed port: a free one, picked just before
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path_factory.mktemp("redis"))], stdout=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def distributed(world, net, redis_url, tmp_path_factory):
    """Two crawler processes at once on the same candidates and one redis; then `tnl check`."""
    return _two_processes(tmp_path_factory.mktemp("distributed"), redis_url, _settings(world, net))


@pytest.fixture(scope="module")
def distributed_window(world, net, redis_url, tmp_path_factory):
    """The same, each process crawling at most two candidates at a time (--parallel-candidates 2):
    the processes meet a candidate at different moments. Its own Redis database (a finished
    campaign's keys would filter everything)."""
    return _two_processes(tmp_path_factory.mktemp("distributed-window"), redis_url.rsplit("/", 1)[0] + "/1",
                          [*_settings(world, net), "--parallel-candidates", "2"])


def _two_processes(out: Path, redis_url: str, settings: list[str]) -> Path:
    from demo import CANDIDATES_FILE

    args = ["-q", "crawl", str(CANDIDATES_FILE), "--out", str(out), "--redis", redis_url, *settings]
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    procs = [subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
             for _ in range(2)]
    outputs = [p.communicate(timeout=600)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    checked = tnl("-q", "check", str(out))
    assert checked.returncode == 0, checked.stderr
    return out


def _fetched(directory: Path) -> Counter:
    """(url, kind, purpose) of every answer received, over all shards."""
    from ground.archive import read_merged_index

    return Counter((e.url, e.kind, e.extra.get("purpose", "")) for e in read_merged_index(directory)
                   if e.status is not None and e.kind in ("page", "document", "api"))


def test_every_page_fetched_exactly_once_overall(distributed):
    _assert_fetched_once(distributed)


def _assert_fetched_once(out: Path) -> None:
    shards = set()
    for cid in REACHABLE:
        fetched = _fetched(out / cid)
        assert fetched, cid
        twice = {k: n for k, n in fetched.items() if n > 1}
        assert not twice, (cid, twice)
        shards |= {p.name for p in (out / cid).glob("index-*.jsonl")}
    assert len(shards) == 2, shards  # both processes did part of the work


def test_with_a_window_of_candidates_too(distributed_window, single):
    """--redis with fewer candidates at a time than the file holds: still each page once overall,
    and the merged reports those of one process."""
    _assert_fetched_once(distributed_window)
    for cid in REACHABLE:
        assert set(_fetched(distributed_window / cid)) == set(_fetched(single / cid)), cid
        merged = {k: (s["assessment"], s["value"]) for k, s in signals(distributed_window, cid).items()}
        alone = {k: (s["assessment"], s["value"]) for k, s in signals(single, cid).items()}
        assert merged == alone, (cid, {k: (alone.get(k), merged.get(k)) for k in alone if alone.get(k) != merged.get(k)})


def _refused_by_robots(directory: Path) -> set[str]:
    """URLs the crawl did not fetch because robots.txt disallows them (indexed as findings)."""
    from ground.archive import read_merged_index

    return {e.url for e in read_merged_index(directory) if e.status is None and "robots.txt" in (e.error or "")}


def test_no_process_fetches_what_robots_txt_disallows(distributed):
    """Each process reads robots.txt for itself: a host's first requests in a process often come
    from the shared queue, many at once, all waiting for the same robots.txt (crawler/robots.py)."""
    from protego import Protego

    from demo import WORLD_DIR

    rules = {p.parent.name: Protego.parse(p.read_text(encoding="utf-8"))
             for p in (WORLD_DIR / "sites").glob("*/robots.txt")}
    assert rules
    refused = set()
    for cid in REACHABLE:
        for url, kind, _ in _fetched(distributed / cid):
            host = urlsplit(url).hostname
            if kind != "api" and host in rules:
                assert rules[host].can_fetch(url, "tnl-evidence"), (cid, url)
        refused |= _refused_by_robots(distributed / cid)
    # The demo sites link pages their robots.txt disallows: the refusals are indexed, and only those.
    assert refused and all(not rules[urlsplit(u).hostname].can_fetch(u, "tnl-evidence") for u in refused), refused


def test_same_pages_fetched_and_refused_as_single_process(distributed, single):
    for cid in REACHABLE:
        assert set(_fetched(distributed / cid)) == set(_fetched(single / cid)), cid
        assert _refused_by_robots(distributed / cid) == _refused_by_robots(single / cid), cid
    assert any(_refused_by_robots(single / cid) for cid in REACHABLE)


def _settings(world, net) -> list[str]:
    """The same settings for the distributed run and the single-process one it is compared with.

    The depth limit is set well past the demo sites' depth (3): page caps and the depth of a page
    are kept per process, so with a tight limit two processes may cut a site at different pages
    (the order of discovery differs); without a limit reached, both must see the same site.
    """
    from demo import DATAGOUV_API

    return [*world_args(world), "--allow-private", "--delay", "0", "--max-depth", "10",
            "--datagouv-api", DATAGOUV_API, "--dns-server", net.dns_address, "--whois-server", net.whois_address]


@pytest.fixture(scope="module")
def single(world, net, tmp_path_factory):
    from demo import CANDIDATES_FILE

    out = tmp_path_factory.mktemp("single")
    proc = tnl("-q", "run", str(CANDIDATES_FILE), "--out", str(out), *_settings(world, net))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_merged_report_equals_single_process_report(distributed, single):
    single_out = single
    for cid in REACHABLE:
        single = {k: (s["assessment"], s["value"]) for k, s in signals(single_out, cid).items()}
        merged = {k: (s["assessment"], s["value"]) for k, s in signals(distributed, cid).items()}
        assert merged == single, (cid, {k: (single.get(k), merged.get(k)) for k in single if single.get(k) != merged.get(k)})
