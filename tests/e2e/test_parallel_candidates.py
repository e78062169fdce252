"""A rolling window of candidates (`--parallel-candidates N`): at most N crawl at a time in one
process, the next one starts when one ends; an interruption leaves the ones not started untouched."""
from __future__ import annotations

import json
import re
import shutil
import signal
from datetime import datetime, timezone

import pytest
import yaml

from checks.base import parse_datetime
from demo import CANDIDATES_FILE, DATAGOUV_API
from tests.e2e.helpers import EXPECTED, interrupt_crawl, report, signals, tnl, world_args

ORDER = [c["id"] for c in yaml.safe_load(CANDIDATES_FILE.read_text(encoding="utf-8"))]


def _crawl_json(out, cid) -> dict:
    return json.loads((out / cid / "crawl.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def window_run(world, net, tmp_path_factory):
    """The same command as the shared `run_out`, two candidates at a time, each domain paced (0.1 s
    between its requests): crawls then last longer than a candidate's check, as on real sites, so that
    early checks are seen (with no pace and no retries left, the loopback crawls of the last candidates
    could end before the first one's check, issue 21)."""
    out = tmp_path_factory.mktemp("window")
    proc = tnl("run", str(CANDIDATES_FILE), "--out", str(out), "--allow-private", "--delay", "0.1",
               "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address,
               "--parallel-candidates", "2")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc


def test_every_candidate_crawled_to_its_end(window_run):
    out, _ = window_run
    assert sorted(ORDER) == sorted(EXPECTED)
    for cid in ORDER:
        info = _crawl_json(out, cid)
        assert info["finish_reason"] == "finished" and info["finished_at"], (cid, info["finish_reason"])
        assert info["settings"]["parallel_candidates"] == 2
        assert info["stats"].get("tnl/archived/api", 0) >= 1, cid  # every candidate asked the API
        assert (out / cid / "report.json").exists()


def test_never_more_than_two_candidates_at_once(window_run):
    """From crawl.json: a candidate's interval runs from its start (before its DNS/WHOIS/TLS facts)
    to the end of its crawl; the next candidate starts after one has ended."""
    out, _ = window_run
    events = []
    for cid in ORDER:
        info = _crawl_json(out, cid)
        events += [(parse_datetime(info["started_at"]), 1, cid), (parse_datetime(info["finished_at"]), -1, cid)]
    running, peak = 0, 0
    for _, step, _ in sorted(events, key=lambda e: (e[0], e[1])):  # an end before a start at the same instant
        running += step
        peak = max(peak, running)
    assert peak == 2
    # The first two of the file start first (their preparations run side by side, in any order).
    starts = {cid: parse_datetime(_crawl_json(out, cid)["started_at"]) for cid in ORDER}
    assert set(sorted(ORDER, key=starts.get)[:2]) == set(ORDER[:2])
    # Each candidate after the first two started once another had finished.
    finishes = sorted(parse_datetime(_crawl_json(out, cid)["finished_at"]) for cid in ORDER)
    for k, cid in enumerate(ORDER[2:]):
        assert starts[cid] >= finishes[k], cid


def test_the_end_of_the_list_starts_with_the_last_wave(world, net, tmp_path):
    """--parallel-candidates 4 over the five demo candidates: the fifth is the list's end (no more than
    a quarter of the window, crawler.run.TAIL_SHARE): it starts with the first four instead of
    crawling alone after them. A window of 2 is kept exactly (test above)."""
    out = tmp_path / "out"
    proc = tnl("crawl", str(CANDIDATES_FILE), "--out", str(out), "--allow-private", "--delay", "0", "--quiet",
               "--datagouv-api", DATAGOUV_API, *world_args(world), "--dns-server", net.dns_address,
               "--whois-server", net.whois_address, "--parallel-candidates", "4")
    assert proc.returncode == 0, proc.stderr[-2000:]
    infos = [_crawl_json(out, cid) for cid in ORDER]
    assert all(info["finish_reason"] == "finished" for info in infos)
    last_start = max(parse_datetime(info["started_at"]) for info in infos)
    first_end = min(parse_datetime(info["finished_at"]) for info in infos)
    assert last_start < first_end, [(info["started_at"], info["finished_at"]) for info in infos]


def test_progress_shows_the_waiting_candidates(window_run):
    _, proc = window_run
    lines = [line for line in proc.stderr.splitlines() if line.startswith("[candidats]")]
    assert lines, proc.stderr[-2000:]
    # First line: the window's two candidates preparing (DNS, WHOIS, TLS), three not started.
    assert re.match(r"\[candidats\] 0 sur 5 terminés, 2 en cours \(dont 2 en préparation : DNS, WHOIS, TLS\), "
                    r"3 en attente \(pas commencés\)", lines[0]), lines[0]
    assert re.match(r"\[candidats\] 5 sur 5 terminés, 0 en cours, 0 en attente \(pas commencés\), .*terminé$",
                    lines[-1]), lines[-1]
    # Every candidate's own line ends its crawl.
    for cid in ORDER:
        assert any(line.startswith(f"[{cid}] ") and line.endswith("terminé") for line in proc.stderr.splitlines()), cid


def test_same_reports_as_all_candidates_at_once(window_run, run_out):
    out, _ = window_run
    default_out, _ = run_out
    for cid in ORDER:
        mine = {k: (s["assessment"], s["value"]) for k, s in signals(out, cid).items()}
        theirs = {k: (s["assessment"], s["value"]) for k, s in signals(default_out, cid).items()}
        assert mine == theirs, (cid, {k: (theirs.get(k), mine.get(k)) for k in theirs if theirs.get(k) != mine.get(k)})
        a, b = report(out, cid), report(default_out, cid)
        for key in ("pages", "documents", "documents_linked", "api_responses"):
            assert a["crawl"]["counts"][key] == b["crawl"]["counts"][key], (cid, key)
        assert a["levels"] == b["levels"], cid


def test_a_candidate_is_checked_while_the_others_crawl(window_run, tmp_path):
    """`tnl run` checks and renders a candidate as soon as its crawl is complete, while the next ones
    crawl; these reports are the ones a later `tnl check` of the same archive writes."""
    out, _ = window_run
    last_crawl_end = max(parse_datetime(_crawl_json(out, cid)["finished_at"]) for cid in ORDER)

    def written(cid, name):
        return datetime.fromtimestamp((out / cid / name).stat().st_mtime, timezone.utc)

    early = [cid for cid in ORDER if written(cid, "report.json") < last_crawl_end]
    assert early, {cid: (written(cid, "report.json"), _crawl_json(out, cid)["finished_at"]) for cid in ORDER}
    for cid in early:  # checked after its own crawl, its page rendered from that report
        assert written(cid, "report.json") > parse_datetime(_crawl_json(out, cid)["finished_at"]), cid
        assert written(cid, "report.html") >= written(cid, "report.json"), cid
    # The pages rendered by the workers are the ones `tnl report` renders from the same report.json.
    rendered = tmp_path / "rendered"
    shutil.copytree(out, rendered)
    proc = tnl("report", str(rendered), block_network=True)
    assert proc.returncode == 0, proc.stderr
    for cid in ORDER:
        assert (rendered / cid / "report.html").read_bytes() == (out / cid / "report.html").read_bytes(), cid
    # The run wrote its overview from the summaries it had, `tnl report` from the report.json files.
    assert (rendered / "overview.csv").read_bytes() == (out / "overview.csv").read_bytes()
    again = tmp_path / "again"
    shutil.copytree(out, again)
    for path in again.glob("*/report.*"):
        path.unlink()
    proc = tnl("check", str(again), "--jobs", "1", block_network=True)
    assert proc.returncode == 0, proc.stderr
    for cid in ORDER:
        mine, theirs = report(out, cid), report(again, cid)
        mine.pop("generated_at"), theirs.pop("generated_at")
        assert mine == theirs, cid


def test_candidates_crawled_before_the_registries_are_archived_wait_for_them():
    """A report reads the run's registry exports: a candidate whose crawl ends first is checked only
    once they are archived (or failed for good)."""
    from twisted.internet.defer import Deferred

    from crawler.run import _RollingCrawl

    for outcome in ("archived", "failed"):
        told: list[str] = []
        window = object.__new__(_RollingCrawl)  # only the hand-over to on_crawled, without a crawl
        window.on_crawled, window.registries_ready, window._held = told.append, True, []
        archived = Deferred()
        window.wait_for_registries(archived)
        window.crawled("a")
        window.crawled("b")
        assert told == []
        if outcome == "archived":
            archived.callback(None)
        else:
            archived.errback(RuntimeError("registry spider failed"))
            archived.addErrback(lambda _: None)
        assert told == ["a", "b"]
        window.crawled("c")
        assert told == ["a", "b", "c"]


def test_interrupted_window_leaves_later_candidates_not_started(world, net, tmp_path):
    """SIGINT while the first candidate crawls (one at a time): it is left resumable, the others are
    not touched; the same command then resumes the first and crawls the others from scratch."""
    out = tmp_path / "out"
    args = ["crawl", str(CANDIDATES_FILE), "--out", str(out), "--allow-private", "--delay", "0.05", "--quiet",
            "--datagouv-api", DATAGOUV_API, *world_args(world), "--dns-server", net.dns_address,
            "--whois-server", net.whois_address, "--parallel-candidates", "1"]
    first, later = ORDER[0], ORDER[1:]
    interrupt_crawl(args, out / first / "index.jsonl", signal.SIGINT)
    interrupted = _crawl_json(out, first)
    assert interrupted["finished_at"] is None and interrupted["finish_reason"] == "shutdown"
    assert not any((out / cid).exists() for cid in later), [p.name for p in out.iterdir()]

    proc = tnl(*args)
    assert proc.returncode == 0, proc.stderr[-2000:]
    resumed = _crawl_json(out, first)
    assert resumed["finished_at"] and resumed["started_at"] == interrupted["started_at"]
    assert len(resumed["resumed_at"]) == 1
    for cid in later:
        info = _crawl_json(out, cid)
        assert info["finished_at"] and info["resumed_at"] == [], cid
        assert not (out / cid / "previous").exists(), cid  # nothing to set aside: never started before


def test_a_read_page_is_freed_without_waiting_for_the_cyclic_gc():
    """Scrapy's Selector keeps its response: a page whose links were read is a reference cycle that
    holds its lxml tree until a full collection. The spider middleware cuts it once the page's
    output is consumed (crawler.run.ReleasePagesMiddleware)."""
    import asyncio
    import gc
    import weakref

    from scrapy.http import HtmlResponse, Request

    from crawler.run import ReleasePagesMiddleware

    async def output(links):
        for link in links:
            yield link

    def read_page(release: bool):
        url = "http://www.exemple.test/"
        response = HtmlResponse(url, body=b"<html><body><a href='/mairie'>Mairie</a></body></html>",
                                encoding="utf-8", request=Request(url))
        links = response.css("a::attr(href)").getall()  # builds and caches the page's selector
        ref = weakref.ref(response)
        if release:
            async def consume(page):
                return [x async for x in ReleasePagesMiddleware().process_spider_output(page, output(links))]

            assert asyncio.run(consume(response)) == ["/mairie"]  # the output passes unchanged
        del response
        return ref

    gc.disable()
    try:
        assert read_page(release=False)() is not None  # without the middleware: only the cyclic GC frees it
        assert read_page(release=True)() is None  # with it: freed as soon as nothing uses it
    finally:
        gc.enable()
        gc.collect()


def test_the_crawl_runs_the_cyclic_gc_less_often_and_gives_it_back_as_it_was():
    """During the crawl, what was alive at its start is frozen out of the collector's passes and young
    collections are rarer (crawler.run.GC_THRESHOLDS); afterwards the checks of `tnl run` and any
    caller find the collector as they left it."""
    import gc

    from crawler.run import GC_THRESHOLDS, _collect_less

    before = gc.get_threshold()
    assert before != GC_THRESHOLDS
    with _collect_less():
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_first_crawler_finds_its_components_already_imported(tmp_path):
    """crawler.run.preload_components, in a fresh interpreter as `tnl run` starts: every component
    the crawler will build (our middlewares and extensions, Scrapy's HTTP handler) is imported before
    the reactor runs; a component that cannot be imported is left to the crawler, which reports it."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from crawler.run import CrawlOptions, build_settings, preload_components
        settings = build_settings(Path({str(tmp_path)!r}), CrawlOptions())
        before = set(sys.modules)
        loaded = preload_components(settings)
        settings.set("EXTENSIONS", {{**settings.getdict("EXTENSIONS"), "nowhere.Missing": 500}}, "cmdline")
        print(json.dumps({{"loaded": loaded, "again": preload_components(settings),
                          "new": sorted(set(sys.modules) - before)}}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    for module in ("scrapy.core.downloader.handlers.http11", "scrapy.core.downloader.tls",
                   "crawler.guard", "crawler.robots", "crawler.archive"):
        assert module in result["new"], module
    assert result["loaded"] >= 20
    assert result["again"] == result["loaded"]  # the missing one is skipped, not an error
