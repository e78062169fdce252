"""Run the crawl of a list of candidates in one process: one Scrapy crawler per candidate, a rolling
window of at most N candidates crawling at a time (the next one starts when one ends), so that memory
stays flat whatever the length of the list."""
from __future__ import annotations

import contextlib
import gc
import logging
import signal
import sys
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor
from twisted.python.failure import Failure

from crawler import settings as default_settings
from crawler.spiders.candidate import CandidateSpider
from ground import __version__, memo
from ground.archive import (
    CANDIDATE_NAME,
    CRAWL_NAME,
    WARC_NAME,
    read_index,
    read_json,
    repair,
    set_aside,
    utc_now,
    write_json,
)

logger = logging.getLogger(__name__)

# Candidates crawling at the same time in one process (--parallel-candidates). Memory follows the
# window, not the length of the list: ~1.5 MB per running candidate over ~110 MB (bench on loopback,
# where pages wait for the CPU, 100 sites x 50 pages, peak RSS: 8 -> 124 MB, 16 -> 138 MB,
# 32 -> 175 MB, 64 -> 223 MB). At the default politeness a site gives at most ~2 pages/s (0.5 s
# between two requests to it) while a page costs ~10 ms of CPU (~100 pages/s on the one core a
# process uses): 16 sites keep a good part of that core busy, leave room under the 300 MB target,
# and keep the load modest on the hosts every candidate asks (data.gouv.fr API, WHOIS servers).
# Raise it on a fast network; for several cores, several processes (--redis).
PARALLEL_CANDIDATES = 16
# The end of the list: once no more than a quarter of the window is left waiting, those candidates
# start at once, over the window (at most 1.25 x N crawl then). Otherwise, the list's last ones
# would crawl alone at the pace of one site while the CPU waits: on the bench (50 sites of 200 pages,
# 16 at a time), the last two took 15 s of a 96 s run. A window of 1 to 3 is kept exactly.
TAIL_SHARE = 4

# The crawl keeps ~400,000 Python objects alive (Scrapy, Twisted, one crawler and its queue per running
# candidate) and allocates a few more per page: with the default thresholds (700, 10, 10) the garbage
# collector ran ~30 full passes of 0.2 s over them at 10,000 pages, 15 % of the crawl's CPU (bench,
# 2026-11-26). What is alive when the crawl starts (modules, settings, the public suffix list) is
# frozen out of the passes, young collections run every 50,000 allocations instead of 700, and one
# full pass runs each time a window's worth of candidates has ended, to free their crawlers' cycles.
GC_THRESHOLDS = (50_000, 20, 10)


@contextlib.contextmanager
def _collect_less():
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


@dataclass
class CrawlOptions:
    max_pages: int = 200
    max_depth: int = 4
    max_documents: int = 150  # documents downloaded per website (TNL_MAX_DOCUMENTS)
    datagouv_api: str = "https://www.data.gouv.fr/api/1"
    allow_private: bool = False
    user_agent: str | None = None
    host_map: dict[str, str] = field(default_factory=dict)
    delay: float | None = None  # minimum per-domain delay (AutoThrottle adapts above it)
    timeout: float = 30.0  # DOWNLOAD_TIMEOUT: the whole of one response, slow drips included
    time_budget: float = 3600.0  # seconds per candidate (CLOSESPIDER_TIMEOUT; 0: none)
    max_site_bytes: int = 200 * 1024 * 1024  # bytes read per website before its links stop
    dns_server: str | None = None  # IP:PORT of the resolver for DNS facts (None: the system's)
    whois_server: str | None = None  # HOST:PORT of the WHOIS server (None: python-whois's choice)
    ca_file: str | None = None  # PEM trust anchors for the TLS facts, besides the system's (crawler/tlsfacts.py)
    # Public registries' exports, fetched once per run into <out>/_registries/ ("" disables one).
    comptoir_url: str = "https://comptoir-du-libre.org/public/export/comptoir-du-libre_export_v1.json"
    sill_url: str = "https://code.gouv.fr/sill/api/catalogi.json"
    codegouv_accounts_url: str = "https://code.gouv.fr/data/owners.json"
    quiet: bool = False
    redis: str | None = None  # redis://HOST:PORT/DB: queue and duplicate filter shared between processes
    parallel_candidates: int = PARALLEL_CANDIDATES  # candidates crawling at once; the next starts when one ends
    # Seconds between two WHOIS queries to one server ({"whois.nic.fr": 12.0}; "" for every server), over the
    # settings' TNL_WHOIS_PACE (crawler/netcache.py); None: the settings' paces.
    whois_pace: dict[str, float] = field(default_factory=dict)
    datagouv_pace: float | None = None  # seconds between two requests to the API (TNL_SHARED_HOST_DELAY)


class ReleasePagesMiddleware:
    """Spider middleware: once a page's callback output is consumed, its selector lets go of the page.

    Scrapy's Selector keeps its response (`selector.response`), so every page whose links were read
    is a reference cycle holding its lxml tree (~300 KB of C memory for a 60 KB page, which the
    GC's thresholds do not count): hundreds of read pages waited for a rare full collection. With
    the cycle cut, a page and its tree go as soon as nothing uses them (bench, 16 candidates at
    once: peak RSS 235 -> 138 MB, same CPU). `_cached_selector` is Scrapy's own cache: should it
    change, nothing is cut (tests/e2e/test_parallel_candidates.py checks the premise).
    """

    async def process_spider_output(self, response, result):
        try:
            async for item in result:
                yield item
        finally:
            release_page(response)


def release_page(response) -> None:
    """Cut the response <-> selector cycle (TextResponse caches its selector; other kinds have none)."""
    selector = getattr(response, "_cached_selector", None)
    if selector is not None and getattr(selector, "response", None) is response:
        selector.response = None


def build_settings(out: Path, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    overrides = {
        "TNL_OUT_DIR": str(out),
        "TNL_MAX_PAGES": options.max_pages,
        "TNL_MAX_DEPTH": options.max_depth,
        "TNL_MAX_DOCUMENTS": options.max_documents,
        "DOWNLOAD_TIMEOUT": options.timeout,
        "CLOSESPIDER_TIMEOUT": options.time_budget,
        "TNL_MAX_SITE_BYTES": options.max_site_bytes,
        "TNL_SHARED_HOSTS": sorted({urlsplit(u).hostname or "" for u in (
            options.datagouv_api, getattr(options, "comptoir_url", ""), getattr(options, "sill_url", ""),
            getattr(options, "codegouv_accounts_url", "")) if u} - {""}),
        "TNL_DATAGOUV_API": options.datagouv_api,
        "TNL_ALLOW_PRIVATE": options.allow_private,
        "TNL_HOST_MAP": options.host_map,
        "TNL_PROGRESS": not options.quiet,
        "LOG_LEVEL": "CRITICAL" if options.quiet else "WARNING",
    }
    # Outermost on the way out (after every other middleware has seen the page's output).
    overrides["SPIDER_MIDDLEWARES"] = {**settings.getdict("SPIDER_MIDDLEWARES"),
                                       "crawler.run.ReleasePagesMiddleware": 10}
    # Scrapy reads the source of each callback (inspect + ast, ~3 ms) to warn about a generator that
    # returns a value, cached only while that bound method object lives: with pages freed at once,
    # it ran for nearly every page (+30 % CPU on the bench). A lint for spider authors; ours are tested.
    overrides["WARN_ON_GENERATOR_RETURN_VALUE"] = False
    if options.user_agent:
        overrides["USER_AGENT"] = options.user_agent
    if getattr(options, "datagouv_pace", None) is not None:
        overrides["TNL_SHARED_HOST_DELAY"] = max(0.0, options.datagouv_pace)
    if options.delay is not None:
        overrides["DOWNLOAD_DELAY"] = options.delay
        overrides["AUTOTHROTTLE_START_DELAY"] = max(options.delay, 0.01)
    if options.redis:  # distributed crawl: scrapy-redis queue and dupefilter, one WARC shard per process
        from crawler.distributed import shard_name

        overrides.update({"SCHEDULER": "crawler.distributed.RedisScheduler", "TNL_REDIS_URL": options.redis,
                          "TNL_SHARD": shard_name()})
    settings.setdict(overrides, priority="cmdline")
    # Failures that become findings (gave-up retries, certificate mismatches) are the report's
    # business, not the terminal's: progress lines stay readable. Real errors still show.
    for name in ("scrapy.downloadermiddlewares.retry", "scrapy.core.downloader.tls"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return settings


# The components a crawler builds from its settings; the download handlers of the schemes crawled.
_COMPONENT_LISTS = ("EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "ITEM_PIPELINES")
_COMPONENTS = ("SCHEDULER", "DUPEFILTER_CLASS", "STATS_CLASS", "DOWNLOADER", "LOG_FORMATTER",
               "REQUEST_FINGERPRINTER_CLASS")


def preload_components(settings: Settings) -> int:
    """Import the modules of the components the first crawler will build (Scrapy's HTTP handler, its
    TLS code, the extensions), before the reactor runs: ~0.3 s here, against ~0.6 s when the first
    crawler imports them from deep in its start-up (a deprecation shim of Scrapy's TLS module reads
    the whole call stack), or ~0.8 s beside the preparation threads (they share the interpreter).
    Returns how many were imported. A component that cannot be loaded is left to the crawler,
    which reports it as it always did."""
    from scrapy.utils.conf import build_component_list
    from scrapy.utils.misc import load_object

    paths = [path for name in _COMPONENT_LISTS for path in build_component_list(settings.getwithbase(name))]
    paths += [settings[name] for name in _COMPONENTS if settings.get(name)]
    handlers = settings.getwithbase("DOWNLOAD_HANDLERS")
    paths += [handlers[scheme] for scheme in ("http", "https") if handlers.get(scheme)]
    loaded = 0
    for path in paths:
        try:
            load_object(path)
        except Exception:  # noqa: BLE001 - the crawler loads it again and reports the error itself
            continue
        loaded += 1
    return loaded


def _resumable(directory: Path) -> dict | None:
    """The crawl.json of an unfinished crawl in `directory` (to resume), else None."""
    path = directory / CRAWL_NAME
    if not (path.exists() and (directory / WARC_NAME).exists()):
        return None
    try:
        info = read_json(path)
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and not info.get("finished_at") else None


def _claim(url: str, candidate_id: str, shard: str) -> bool:
    from crawler.distributed import claim

    return claim(url, candidate_id, shard)


def _prepare(cand: dict, out: Path, options: CrawlOptions, shard: str | None, user_agent: str | None,
             public_settings: dict) -> None:
    """Everything a candidate needs before its crawl starts; blocking (files, Redis, DNS, WHOIS, TLS),
    so it runs in a thread while the other candidates crawl."""
    directory = out / cand["id"]
    directory.mkdir(parents=True, exist_ok=True)
    previous = None if options.redis else _resumable(directory)
    # Distributed: the first process to claim the candidate writes crawl.json and gathers DNS/WHOIS.
    first = not options.redis or _claim(options.redis, cand["id"], shard)
    if options.redis:
        pass  # other processes may be writing here: nothing is moved
    elif previous is None:
        set_aside(directory)
    else:
        # Interrupted crawl: cut a torn tail, keep the rest; the replay middleware serves it.
        repair(directory)
    if not first:
        return
    write_json(directory / CANDIDATE_NAME, cand)
    write_json(directory / CRAWL_NAME, {
        "tool": {"name": "tnl-evidence", "version": __version__},
        "started_at": previous["started_at"] if previous else utc_now(), "finished_at": None,
        "resumed_at": (previous.get("resumed_at", []) + [utc_now()]) if previous else [],
        "user_agent": user_agent, "settings": _own_settings(public_settings, cand),
        **({"shard": shard} if options.redis else {}),
    })
    from crawler.netfacts import gather as gather_netfacts

    if previous is None or not any(e.kind in ("dns", "whois") for e in read_index(directory)):
        gather_netfacts(cand, directory, options)  # DNS, WHOIS and TLS, before the crawl, outside Scrapy


def _own_settings(public_settings: dict, cand: dict) -> dict:
    """The run's settings as this candidate's crawl.json keeps them: of `--resolve`, only the hosts of its
    own registered domains and the hosts every candidate asks (API, registries). A run of 5,000 candidates
    mapped one by one (the bench) wrote the 5,000 mappings into each crawl.json: 263 KB apiece."""
    from ground.hosts import registered_domain

    host_map = public_settings.get("host_map") or {}
    if not host_map:
        return public_settings
    own = {registered_domain(urlsplit(u).hostname or "") for u in cand.get("websites", []) + cand.get("opendata", [])}
    shared = {urlsplit(public_settings.get(k) or "").hostname for k in
              ("datagouv_api", "comptoir_url", "sill_url", "codegouv_accounts_url")}
    return {**public_settings, "host_map": {h: a for h, a in host_map.items()
                                            if h in shared or registered_domain(h) in own}}


class CrawlResults(Mapping):
    """Each crawled candidate's crawl.json content, read from disk when asked for: the results of a
    national run (36,000 candidates and their statistics) are not held in memory."""

    def __init__(self) -> None:
        self._paths: dict[str, Path] = {}
        self.signalled: int | None = None  # the signal that stopped the run before its end, if one did

    def add(self, cid: str, path: Path) -> None:
        self._paths[cid] = path

    def __getitem__(self, cid: str) -> dict:
        return read_json(self._paths[cid])

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


# After Ctrl-C (or SIGTERM), the crawls close gracefully for this long, then the requests still in
# flight are dropped (they are fetched again on resume): no request starts past it (issue: ~15 s).
STOP_GRACE = 1.0
STOP_SAID = ("\ntnl : arrêt demandé : plus aucune requête ; ce qui a été reçu est gardé "
             "(Ctrl-C à nouveau pour tout arrêter sans attendre)\n")


class _Process(CrawlerProcess):
    """A CrawlerProcess that remembers a stop was asked for (signal, shutdown, failure): once it is,
    no further candidate starts; the ones crawling close as interrupted (resumable)."""

    stopping = False
    signalled: int | None = None  # the signal that stopped the run (SIGINT, SIGTERM), if one did

    def stop(self):
        self.stopping = True
        return super().stop()

    def _signal_shutdown(self, signum: int, frame) -> None:
        from twisted.internet import reactor

        self.signalled = signum
        with contextlib.suppress(OSError, ValueError):  # said at once, before anything else
            sys.stderr.write(STOP_SAID)
            sys.stderr.flush()
        super()._signal_shutdown(signum, frame)
        reactor.callFromThread(reactor.callLater, STOP_GRACE, self._drop_in_flight)

    def _drop_in_flight(self) -> None:
        """The grace is over: the reactor stops, the requests in flight with it. Each crawl still open
        is closed as interrupted by `_RollingCrawl.close` (its archive is flushed record by record)."""
        from twisted.internet import reactor

        with contextlib.suppress(RuntimeError):  # stopped already
            reactor.stop()


def _tell(listener: Callable[[str], None], cid: str, failure: str) -> None:
    """Tell a listener of `tnl run` about a candidate; its trouble is not the crawl's (logged, `failure`
    says what the run does without it)."""
    try:
        listener(cid)
    except Exception:  # noqa: BLE001
        logger.exception("%s : %s", cid, failure)


class _RollingCrawl:
    """Candidates in file order, at most `limit` at a time (preparation included); when one crawl
    ends, its crawl.json is completed, its crawler dropped, and the next candidate starts. The last
    `tail` candidates of the list start together as soon as a slot frees (TAIL_SHARE)."""

    def __init__(self, process: _Process, candidates: list[dict], out: Path, options: CrawlOptions,
                 settings: Settings, on_crawled: Callable[[str], None] | None = None,
                 on_started: Callable[[str], None] | None = None) -> None:
        from twisted.python.threadpool import ThreadPool

        self.process = process
        self.out = out
        self.options = options
        self.shard = settings.get("TNL_SHARD")
        self.user_agent = settings.get("USER_AGENT")
        self.public_settings = {k: v for k, v in asdict(options).items() if k not in ("quiet",)}
        self.limit = max(1, int(options.parallel_candidates))
        self.tail = self.limit // TAIL_SHARE  # this many last candidates start together, over the window
        self.total = len(candidates)
        self.waiting: deque[dict] = deque(candidates)
        self.preparing: set[str] = set()
        self.active: dict[str, object] = {}  # candidate id -> its crawler, while it crawls
        self.finished = 0  # crawls that ran to their end (or to their time budget)
        self._ended_since_collect = 0
        self.interrupted = 0  # crawls cut short, or prepared and never started: resumed by the next run
        self.results = CrawlResults()
        self.error: Failure | None = None
        self._joining = False
        # Told of each candidate whose crawl is complete, once the run's registry exports are
        # archived too (its observations are then final): `tnl run` checks it while others crawl.
        self.on_crawled = on_crawled
        self.on_started = on_started
        self.registries_ready = True
        self._held: list[str] = []  # crawled before the registries were
        # Its own threads: Scrapy resolves host names in the reactor's pool, which slow WHOIS or
        # TLS lookups must not hold. One thread per slot: a preparation never waits for a thread.
        self.pool = ThreadPool(minthreads=0, maxthreads=self.limit + self.tail, name="tnl-preparation")
        self.progress = None
        if not options.quiet:
            from crawler.progress import RunProgress

            self.progress = RunProgress(self.counts, settings.getfloat("TNL_PROGRESS_INTERVAL"))

    def counts(self) -> dict[str, int]:
        return {"total": self.total, "finished": self.finished, "interrupted": self.interrupted,
                "preparing": len(self.preparing),
                "crawling": len(self.active), "waiting": len(self.waiting)}

    def begin(self) -> None:
        from twisted.internet import reactor

        self.pool.start()
        # Threads finish their candidate before the process ends (a whole preparation, not half).
        reactor.addSystemEventTrigger("during", "shutdown", self.pool.stop)
        self.fill()
        if self.progress is not None and not self._joining:
            self.progress.start()  # first line: the window's candidates preparing, the others waiting

    def fill(self) -> None:
        from twisted.internet import reactor
        from twisted.internet.threads import deferToThreadPool

        while (not self.process.stopping and self.waiting
               and (len(self.preparing) + len(self.active) < self.limit or len(self.waiting) <= self.tail)):
            cand = self.waiting.popleft()
            self.preparing.add(cand["id"])
            d = deferToThreadPool(reactor, self.pool, _prepare, cand, self.out, self.options, self.shard,
                                  self.user_agent, self.public_settings)
            d.addCallbacks(self._prepared, self._preparation_failed, callbackArgs=(cand,), errbackArgs=(cand,))
            d.addErrback(self._preparation_failed, cand)  # an error while starting its crawler
        self._maybe_done()

    def _prepared(self, _, cand: dict) -> None:
        cid = cand["id"]
        self.preparing.discard(cid)
        if self.process.stopping:  # prepared, not crawled: the next run resumes it
            self.interrupted += 1
            self._maybe_done()
            return
        crawler = self.process.create_crawler(CandidateSpider)
        self.active[cid] = crawler
        if self.on_started is not None and not self.options.redis:
            _tell(self.on_started, cid, "lecture anticipée impossible (les pages seront lues après sa collecte)")
        d = self.process.crawl(crawler, candidate=cand)
        d.addErrback(self._crawl_failed, cid)
        d.addBoth(self._ended, cid)

    def _preparation_failed(self, failure: Failure, cand: dict) -> None:
        """An unexpected error (disk, Redis): the run stops, like it did before any crawl started."""
        self.preparing.discard(cand["id"])
        logger.error("%s : préparation de la collecte impossible : %s", cand["id"], failure.getErrorMessage(),
                     exc_info=(failure.type, failure.value, failure.getTracebackObject()))
        if self.error is None:
            self.error = failure
        self.process.stop()
        self._maybe_done()

    def _crawl_failed(self, failure: Failure, cid: str) -> None:
        logger.error("%s : la collecte a échoué : %s", cid, failure.getErrorMessage(),
                     exc_info=(failure.type, failure.value, failure.getTracebackObject()))

    def _ended(self, _, cid: str) -> None:
        crawler = self.active.pop(cid)
        self.finalize(cid, crawler)
        self.fill()

    def finalize(self, cid: str, crawler) -> None:
        """Complete the candidate's crawl.json with its statistics and how it ended."""
        path = self.out / cid / CRAWL_NAME
        if self.options.redis and not (path.exists() and read_json(path).get("shard") == self.shard):
            path = self.out / cid / f"crawl-{self.shard}.json"  # this process's own figures
            info = {"shard": self.shard}
        else:
            info = read_json(path)
        try:
            stats = crawler.stats.get_stats()
        except RuntimeError:  # the crawl failed before its statistics existed
            stats = {}
        # A crawl still open when the reactor stopped (Ctrl-C, then the grace) never closed: a shutdown.
        info["finish_reason"] = stats.get("finish_reason") or ("shutdown" if self.process.stopping else None)
        # Only a crawl that ran to its end is finished; an interrupted one is resumed next time.
        # A crawl stopped by its time budget is finished too (its report says so); not a shutdown.
        done = info["finish_reason"] == "finished" or str(info["finish_reason"]).startswith("closespider")
        info["finished_at"] = utc_now() if done else None
        if done:
            self.finished += 1
        else:
            self.interrupted += 1
        info["stats"] = {k: v for k, v in sorted(stats.items())
                         if isinstance(v, (int, float, str)) and not k.startswith("log_count")
                         and k not in ("start_time", "finish_time")}
        write_json(path, info)
        self.results.add(cid, path)
        # Link caches (document formats, portal roots) serve the candidates crawling: emptied as one
        # ends, they hold the links of the window, not of every site crawled since the start.
        memo.clear()
        self._ended_since_collect += 1
        if self._ended_since_collect >= self.limit:  # their crawlers hold cycles: freed a window at a time
            gc.collect()
            self._ended_since_collect = 0
        if done and not self.options.redis:  # distributed: other processes may still be crawling it
            self.crawled(cid)

    def crawled(self, cid: str) -> None:
        """Tell on_crawled of a complete candidate, or hold it until the registries are archived."""
        if self.on_crawled is None:
            return
        if self.registries_ready:
            self._tell(cid)
        else:
            self._held.append(cid)

    def _tell(self, cid: str) -> None:
        _tell(self.on_crawled, cid, "vérification anticipée impossible (elle aura lieu après la collecte)")

    def wait_for_registries(self, archived) -> None:
        """Hold the candidates crawled until `archived` (the registry spider's Deferred) fires."""
        self.registries_ready = False

        def ready(result):
            self.registries_ready = True
            held, self._held = self._held, []
            for cid in held:
                self._tell(cid)
            return result

        archived.addBoth(ready)

    def _maybe_done(self) -> None:
        """When no candidate is left to start or crawling, wait for the other crawls (registries), stop."""
        if self._joining or self.preparing or self.active or (self.waiting and not self.process.stopping):
            return
        self._joining = True
        if self.progress is not None:
            self.progress.stop()
        self.process.join().addBoth(self._stop_reactor)

    @staticmethod
    def _stop_reactor(_=None) -> None:
        from twisted.internet import reactor

        with contextlib.suppress(RuntimeError):  # already stopping (signal)
            reactor.stop()

    def close(self) -> None:
        """After the reactor stopped: crawls cut short by a forced stop keep a resumable crawl.json."""
        for cid, crawler in list(self.active.items()):
            del self.active[cid]
            self.finalize(cid, crawler)
        if self.progress is not None:
            self.progress.stop()
            self.progress.report(final=True)


def run_crawl(candidates: list[dict], out: Path, options: CrawlOptions,
              on_crawled: Callable[[str], None] | None = None,
              on_started: Callable[[str], None] | None = None) -> Mapping[str, dict]:
    """Crawl every candidate into `<out>/<id>/`, at most `options.parallel_candidates` at a time, all
    in one process; returns each crawled candidate's crawl.json content (read on access).

    `on_crawled(candidate_id)`, if given, is called in the reactor's thread (it must not block) for
    each candidate whose crawl ran to its end, as soon as its archive and the run's registry exports
    are complete: `tnl run` starts checking it there. Never with --redis (a candidate is complete
    only when every process is done with it). `on_started(candidate_id)`, likewise, as each
    candidate's crawler starts (after its preparation): `tnl run` reads its records from then on.

    Candidates not started when the run is interrupted (SIGINT, SIGTERM) are left untouched: the next
    run with the same --out starts them, and resumes the ones that were crawling.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = build_settings(out, options)
    # The asyncio reactor first: the window's thread pool and timers import the reactor before any
    # crawler would have installed it.
    install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    from twisted.internet import reactor

    from crawler import netcache, netfacts  # noqa: F401 - imported once here, not by every preparation thread

    netcache.reset()  # DNS answers and WHOIS replies are shared between this run's candidates, not older ones

    # Scrapy's own root handler would print its warnings on the terminal: its loggers go to the root
    # logger instead, where the application keeps its technical journal (tnl.options.open_journal).
    process = _Process(settings, install_root_handler=False)
    preload_components(settings)
    window = _RollingCrawl(process, candidates, out, options, settings, on_crawled, on_started)
    from crawler.registries import schedule as schedule_registries

    if not options.redis or _claim(options.redis, "_registries", settings.get("TNL_SHARD")):
        archived = schedule_registries(process, out, options)  # distributed: once, by the first process
        if archived is not None:
            window.wait_for_registries(archived)
    reactor.callWhenRunning(window.begin)
    with _collect_less():
        process.start(stop_after_crawl=False)  # returns when the window stopped the reactor, or a signal did
    window.close()
    # Scrapy's handlers stay installed after the reactor (the second one ignores SIGINT): the checks
    # and reports that follow are interrupted by Ctrl-C again.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if window.error is not None:
        window.error.raiseException()
    window.results.signalled = process.signalled
    return window.results
