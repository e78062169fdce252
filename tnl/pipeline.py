"""The stages tied together: crawl → check (observations → signals → report.json) → render."""
from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from checks.base import seed_page_soups
from checks.claims import verify_claims
from checks.registry import ALL_CHECKS, catalogue_fingerprint, run_all
from checks.rubric import Rubric, apply_profile, candidate_outcome, domain_levels, load_rubric
from ground import __version__, archive, memo, observe
from ground.capture import mark_evidence, report_capture
from ground.model import ASSESSMENTS, DOMAINS, Signal, utc_now_iso
from tnl.render_report import render_section
from tnl.workers import fork_pool

SCHEMA = "tnl-evidence/report"
SCHEMA_VERSION = 1


def candidate_dirs(out: Path) -> list[Path]:
    """Every candidate folder of an output directory (those holding a candidate.json)."""
    out = Path(out)
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if (p / archive.CANDIDATE_NAME).is_file())


# The candidate's whole evaluation in one line (report.json `evaluation.summary`, the overview's column).
UI = {
    "unreachable": "site injoignable ({sites})",
    "not_captured": "site absent de la capture tierce ({sites})",
    "no_site": "aucun site web dans le fichier des candidats",
    "no_site_directory": "aucun site web, ni dans l'annuaire ni dans le fichier des candidats",
    "all": "niveaux indicatifs dans les {n} domaines",
    "some": "niveaux indicatifs dans {n} domaine(s) sur 5 ; non évaluable : {missing}",
    "none_given": "aucun niveau : {reason}",
    "time_budget": "budget de temps de la collecte atteint : collecte arrêtée avant la fin",
    "interrupted": "collecte interrompue (relancer la même commande pour la reprendre)",
}


def unreachable(obs: observe.Observations) -> str | None:
    """Why none of the candidate's websites could be read (then it gets no level at all), or None."""
    sites = [s for s in obs.sites if s.url in (obs.candidate.get("websites") or [])]
    if not sites:  # a finding: about 45 % of collectivités have no domain name of their own
        return UI["no_site_directory"] if obs.candidate.get("directory") else UI["no_site"]
    if any(s.reachable for s in sites):
        return None
    key = "not_captured" if (obs.crawl.get("capture") or {}).get("third_party") else "unreachable"
    return UI[key].format(sites="; ".join(f"{s.url} : {s.error or 'non atteint'}" for s in sites))


def evaluation(levels: list[dict], unreachable_reason: str | None) -> dict:
    """Whether levels were given, and the summary the overview shows beside them."""
    missing = [d for d in levels if d.get("level") is None]
    if unreachable_reason:
        summary = UI["none_given"].format(reason=unreachable_reason)
    elif not missing:
        summary = UI["all"].format(n=len(levels))
    elif len(missing) == len(levels):
        summary = UI["none_given"].format(reason="trop peu de signaux établis")
    else:
        summary = UI["some"].format(n=len(levels) - len(missing), missing=", ".join(d["title"] for d in missing))
    return {"levels_given": len(levels) - len(missing), "unreachable": unreachable_reason, "summary": summary}


def build_report(obs: observe.Observations, signals: list[Signal], rubric: Rubric | None = None,
                 rubric_source: dict | None = None, directory: Path | None = None) -> dict:
    """The canonical JSON report of one candidate: signals, indicative levels, claims checked."""
    if rubric is None:
        rubric, rubric_source = load_rubric()
    metas = {c.meta.id: c.meta for c in ALL_CHECKS}
    sig_dicts = []
    for s in signals:
        d = s.to_dict()
        m = metas.get(s.id)
        d = {"id": s.id, "domain": s.domain, "title": m.title if m else s.id,
             "description": m.description if m else "",
             # English next to the French (for `--lang en` views); report.json stays one file.
             "title_en": m.title_en if m else "", "description_en": m.description_en if m else "",
             **{k: v for k, v in d.items() if k not in ("id", "domain")}}
        sig_dicts.append(d)
    # A third-party capture (tnl import): each evidence line says whose record it is, from when.
    mark_evidence(sig_dicts, obs.index, obs.crawl.get("capture"))
    domains = []
    # Titles as the rubric's edition words them (ids stay stable): reports are views of this JSON.
    rubric, profile = apply_profile(rubric, obs.candidate)
    for did in DOMAINS:
        mine = [s for s in signals if s.domain == did]
        domains.append({"id": did, "title": rubric.domain_title(did), "description": rubric.domain_description(did),
                        **rubric.domain_text_en(did),
                        "counts": {a: sum(1 for s in mine if s.assessment == a) for a in ASSESSMENTS},
                        "signals": [s.id for s in mine]})
    # The last word on each URL: a crawl resumed, or a URL tried again, adds index lines; the report
    # shows one row per URL, as it last answered (an error that a retry resolved is no error).
    last = {}
    index = [e for e in obs.index if e.kind != "render"]  # the rendered pass's records: its own section
    for e in index:
        last.pop((e.url, e.kind), None)  # re-inserted: the row takes the place of its last attempt
        last[(e.url, e.kind)] = e
    errors = [
        {"url": e.url, "site": e.site, "kind": e.kind, "fetched_at": e.fetched_at,
         "status": e.status, "error": e.error or f"HTTP {e.status}",
         # the exception as the program saw it, apart from the words (shown folded in report.html)
         **({"technique": e.extra["technique"]} if (e.extra or {}).get("technique") else {})}
        for e in last.values()
        # A probe that answers 404 is a finding (no such API), not a failure of the collection.
        if e.error or (e.status is not None and e.status >= 400 and e.kind not in ("robots", "probe"))
    ]
    crawl = obs.crawl
    incomplete = None
    if crawl.get("finish_reason") == "closespider_timeout":
        incomplete = UI["time_budget"]
        errors.append({"url": (obs.candidate.get("websites") or [""])[0], "site": None, "kind": "crawl",
                       "fetched_at": crawl.get("finished_at"), "status": None, "error": incomplete})
    elif crawl and not crawl.get("finished_at"):
        incomplete = UI["interrupted"]
        errors.append({"url": (obs.candidate.get("websites") or [""])[0], "site": None, "kind": "crawl",
                       "fetched_at": crawl.get("started_at"), "status": None, "error": incomplete})
    settings = crawl.get("settings", {})
    lost = unreachable(obs)
    titles = {m.id: m.title for m in metas.values()}
    levels = domain_levels(signals, rubric, titles, lost)
    # The edition's outcome (a level to 2024; the track, a tier and mentions since 2025), indicative:
    # scripts read `outcome.rank` and `outcome.result` whatever the edition.
    outcome = candidate_outcome(levels, signals, rubric, obs.candidate, titles, lost)
    counts = {
        "urls_tried": len(index),
        "pages": len(obs.pages),
        "documents": sum(1 for d in obs.documents if d.fetched),
        "documents_linked": len(obs.documents),
        "assets": sum(1 for a in obs.assets if a.status and 200 <= a.status < 300),  # the site's own CSS/JS read
        "api_responses": len(obs.api),
        "errors": len(errors),
    }
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tnl-evidence", "version": __version__},
        "generated_at": utc_now_iso(),
        "candidate": obs.candidate,
        "crawl": {
            "started_at": crawl.get("started_at"),
            "finished_at": crawl.get("finished_at"),
            # False when the crawl stopped before its end (interrupted, or its time budget reached):
            # `incomplete` says why; the report.html and the overview say it too.
            "complete": incomplete is None,
            "incomplete": incomplete,
            "user_agent": crawl.get("user_agent"),
            "max_pages": settings.get("max_pages"),
            "max_depth": settings.get("max_depth"),
            "datagouv_api": settings.get("datagouv_api"),
            "sites": [vars(s) for s in obs.sites],
            "counts": counts,
            # Archives made by others (tnl import): their sources, dates and what they lack (additive key).
            **({"capture": report_capture(crawl["capture"])} if crawl.get("capture") else {}),
        },
        "domains": domains,
        "levels": levels,
        "evaluation": evaluation(levels, lost),
        "outcome": outcome,
        "rubric": {**(rubric_source or {}), "profile": profile},
        # The method the signals and levels were computed with: `tnl diff` tells its change from the site's.
        "method": {"tool_version": __version__, "catalogue_sha256": catalogue_fingerprint(),
                   "signals": len(signals), "rubric_sha256": (rubric_source or {}).get("sha256"),
                   "edition": (rubric_source or {}).get("edition")},
        "claims": verify_claims(obs.candidate.get("claims") or [], signals),
        "signals": sig_dicts,
        "errors": errors,
        # --render only (additive key): the sample, what the browser loaded, the screenshots.
        **({"render": rendered} if (rendered := render_section(obs, directory)) is not None else {}),
    }


def check_candidate(directory: Path, rubric: Rubric | None = None, rubric_source: dict | None = None,
                    spool: Path | None = None) -> dict:
    """Check one candidate and write its report.json; `spool`: its records digested during the crawl
    (`tnl run`, tnl.digester), read instead of the WARC where it has them, then removed."""
    memo.clear()  # the previous candidate's texts and links serve no other: memory stays flat
    prepared: dict = {}
    obs = observe.build(directory, spool, prepared)
    if spool is not None:
        spool.unlink(missing_ok=True)  # a run over thousands of candidates keeps one spool per crawling one
        seed_page_soups(obs.pages, prepared)  # the pages' words, split by the digester during the crawl
        del prepared
    report = build_report(obs, run_all(obs), rubric, rubric_source, directory)
    archive.write_json(Path(directory) / archive.REPORT_JSON, report)
    return report


def summary(report: dict) -> dict:
    """What the overview and the end-of-run summary read of a report: everything but the evidence,
    details and claims, a few kilobytes, so that a run over thousands of candidates keeps memory flat
    (the whole report is in each candidate's report.json). Nor the signals' descriptions, which no
    overview shows: 1.3 GB of 4 for 36,400 summaries (bench/overview_scale.py, issue 21)."""
    light = {k: v for k, v in report.items() if k != "claims"}
    light["signals"] = [{k: v for k, v in s.items() if k not in _NOT_SUMMARISED}
                        for s in report.get("signals") or []]
    return light


_NOT_SUMMARISED = ("evidence", "details", "description", "description_en")
SHARED_MAX = 200  # characters: titles, ids, assessments, displays that many candidates have in common


def shared_strings(value):
    """A summary whose short strings are interned (sys.intern): each arrives from a worker as its own
    copy, and thousands of summaries repeat the same titles, ids, assessments and displays. Half the
    memory that `tnl run` holds for the overview (116.7 → 53.4 KB a summary of the demo's, bench/RESULTS.md)."""
    if isinstance(value, dict):
        return {sys.intern(k) if isinstance(k, str) else k: shared_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shared_strings(v) for v in value]
    if isinstance(value, str) and len(value) <= SHARED_MAX:
        return sys.intern(value)
    return value


def _check_job(job: tuple[Path, Rubric | None, dict | None, str | None, Path | None]) -> dict:
    directory, rubric, source, lang, spool = job
    report = check_candidate(directory, rubric, source, spool)
    if lang:  # its report.html too, while its report is at hand
        from reports.html import render_candidate

        render_candidate(report, directory, lang)
    return summary(report)


def _load_rubric(rubric_path: Path | None, edition: int | None) -> tuple[Rubric, dict]:
    # A user's rubric must name existing signals; the shipped ones are checked by the test suite.
    return load_rubric(rubric_path, {c.meta.id for c in ALL_CHECKS} if rubric_path else None, edition)


# Niceness of the workers that check while the crawl goes on: the crawl (one core, and the pace of
# every site) comes first, the checks take what CPU it leaves, then all the cores once it has ended.
EARLY_NICENESS = 10


def _warm_up(lang: str | None, overview: bool = False) -> None:
    """What a worker's first candidate loads (~0.5 s): the free-software catalogue and its patterns,
    pypdf, the report templates (and the ones they include) compiled; after that, every candidate
    costs only its own pages. With `overview`, also what the overview's renderer imports (pandas and
    openpyxl, ~0.6 s): the workers that render it at the end of `tnl run` load them during the crawl."""
    import pypdf  # noqa: F401 - read for the documents' metadata (ground/documents.py)

    if overview:
        import reports.overview  # noqa: F401

    from checks.free_software_mentions import catalogue

    catalogue()
    if lang:
        from reports.html import make_env

        env = make_env(lang)
        for name in env.list_templates(extensions=["j2"]):
            env.get_template(name)


class EarlyChecks:
    """Check candidates while the others are still crawling (`tnl run`): the crawl calls `submit`
    with each candidate whose archive is complete; `check_all` then waits for these reports instead
    of computing them again, and `render_all` skips the report.html already written.

    The worker processes are forked at once, before the crawl starts its threads (a fork copies only
    the calling thread: the reactor's locks must not be held in a copy), and run at a lower priority
    (EARLY_NICENESS): while the crawl goes on, they use what CPU it leaves. When it has ended,
    `check_all` takes back the candidates still waiting and checks them on every core. Checks are
    pure and read only the candidate's folder and the run's registry exports, complete by then
    (crawler/run.py): a report checked early is the one `tnl check` would write. The workers that
    follow the crawl (`after`) are forked before it as well.

    With `digest`, a digester (tnl.digester) reads each candidate's pages while it crawls, at the same
    priority: the crawl calls `started` as each candidate starts; its checks then read the pages
    already parsed from its spool, the rest from its WARC.
    """

    def __init__(self, out: Path, workers: int, rubric_path: Path | None = None, edition: int | None = None,
                 lang: str | None = None, after_workers: int = 1, digest: bool = False) -> None:
        self.out = Path(out)
        self.rubric, self.source = _load_rubric(rubric_path, edition)
        self.lang = lang
        self.futures: dict[str, object] = {}  # candidate id -> Future of its summary, once given to a worker
        self.rendered_after: set[str] = set()  # checked and rendered by check_all, in the `after` workers
        workers, after_workers = max(1, workers), max(1, after_workers)
        self.workers, self.after_workers = workers, after_workers
        # Crawled candidates not given to a worker yet: a worker gets one when it is free, not before
        # (a process pool hands a task to its call queue ahead of time, where it can no longer be
        # taken back), so that once the crawl ends, the ones waiting are all here.
        self.waiting: deque[str] = deque()
        self._running: set = set()  # the futures given to the early workers and not done yet
        self._lock = threading.RLock()  # also taken by the pool's thread, as each candidate is done
        self._withdrawn = False
        self.digester = None
        if digest:  # reads each candidate's pages while it crawls (tnl.digester), at the workers' priority
            from tnl.digester import Digester

            # First, while this process has no thread (the pools start theirs when given work).
            self.digester = Digester(self.out, EARLY_NICENESS)
        self.pool = fork_pool(workers, EARLY_NICENESS)
        # The workers of what follows the crawl (the candidates not checked yet, the HTML reports),
        # forked now too: forked after the crawl, each would start with the crawl's memory.
        self.after = fork_pool(after_workers)
        slots = [self.pool] * workers + [self.after] * after_workers  # one per worker
        for started in [pool.submit(int) for pool in slots]:
            started.result()  # the workers exist from here on (Python 3.10 starts them one per waiting task)
        for _ in range(workers):  # not waited for: each loads what its first candidate would, as the crawl starts
            self.pool.submit(_warm_up, lang)
        self._after_warm = False  # the `after` workers warm up once the first crawl has started (see started)

    def _warm_after(self) -> None:
        """The `after` workers load what follows the crawl (~1 s of CPU each, pandas included), at
        normal priority: not while the crawl starts (imports, DNS, WHOIS, TLS, the first crawler,
        all on one core: 0.5 s later on the bench's two cores), but once a crawl is under way."""
        if not self._after_warm:
            self._after_warm = True
            for _ in range(self.after_workers):
                self.after.submit(_warm_up, self.lang, True)

    def submit(self, cid: str) -> None:
        """`cid`'s crawl is complete: checked by the first free worker (see `waiting`)."""
        if self.digester is not None:
            self.digester.end(cid)
        with self._lock:
            self.waiting.append(cid)
        self._feed()

    def _feed(self, done=None) -> None:
        with self._lock:
            self._running.discard(done)
            while self.waiting and not self._withdrawn and len(self._running) < self.workers:
                cid = self.waiting.popleft()
                future = self.pool.submit(_check_job, (self.out / cid, self.rubric, self.source, self.lang,
                                                       self.spool(cid)))
                self.futures[cid] = future
                self._running.add(future)
                future.add_done_callback(self._feed)  # at once if it is done already

    def started(self, cid: str) -> None:
        """The crawl started `cid`: the digester follows its records from now on."""
        if self.digester is not None:
            self.digester.start(cid)
        self._warm_after()

    def spool(self, cid: str) -> Path | None:
        return self.digester.spool(cid) if self.digester is not None else None

    def withdraw_waiting(self) -> list[str]:
        """Once the crawl has ended: take back the candidates not started yet (they are checked with
        every core, at normal priority), keep the ones under way. Returns the ids taken back."""
        with self._lock:
            self._withdrawn = True
            back = list(self.waiting)
            self.waiting.clear()
        return back

    def finish(self, jobs: list, work: Callable = _check_job) -> Iterator:
        """Once the crawl has ended: `work(job)` (_check_job: a candidate's checks and report.html)
        for each of `jobs` in the `after` workers; their results (summaries) in order.

        No more at once than there are `after` workers (the cores), the early checks still running
        included: these run at a low priority, which costs them nothing while no more checks than
        cores run, but starves them beside as many normal ones, to end last, alone."""
        from concurrent.futures import FIRST_COMPLETED, wait

        futures = []
        running = [f for f in self.futures.values() if not f.done()]  # once: thousands over a country
        for job in jobs:
            while True:
                running = [f for f in running if not f.done()]  # no more than the cores
                if len(running) < self.after_workers:
                    break
                wait(running, return_when=FIRST_COMPLETED)
            futures.append(self.after.submit(work, job))
            running.append(futures[-1])
        return (future.result() for future in futures)

    def rendered(self) -> set[str]:
        """Candidates whose report.html was written in `lang` with their report.json."""
        if not self.lang:
            return set()
        return {cid for cid, f in self.futures.items()
                if f.done() and not f.cancelled() and f.exception() is None} | self.rendered_after

    def render(self, out: Path, lang: str, summaries: list[dict] | None = None) -> dict[str, Path]:
        """The overview (and the report.html not written yet), in one of the `after` workers (pandas is
        loaded there). With the run's `summaries` (check_all's) and every page written, the overview
        is made from them: no report.json is read again (2 to 9 ms each on the bench)."""
        if (summaries is not None and lang == self.lang
                and {s["candidate"]["id"] for s in summaries} <= self.rendered()):
            return self.after.submit(_render_overview, summaries, out, lang).result()
        return self.after.submit(render_all, out, None, lang, self.rendered()).result()

    def close(self) -> None:
        if self.digester is not None:
            self.digester.close()
        self.pool.shutdown(cancel_futures=True)
        self.after.shutdown(cancel_futures=True)

    def __enter__(self) -> "EarlyChecks":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_all(out: Path, log=sys.stderr, rubric_path: Path | None = None, edition: int | None = None,
              jobs: int = 1, early: EarlyChecks | None = None) -> list[dict]:
    """Check every candidate of `out` (each report.json written as it is done) and return their
    summaries; with jobs > 1, that many candidates at once in worker processes (checks are pure and
    each candidate has its own folder: the reports are the same). Candidates submitted to `early`
    are not checked again: their summaries come from it; the others are checked in its `after`
    workers, with its rubric (`rubric_path`, `edition` and `jobs` then serve nothing)."""
    directories = candidate_dirs(out)
    pool = None
    if early is not None:
        if early.digester is not None:
            early.digester.stop()  # the crawl has ended: its core is the checks' now
        early.withdraw_waiting()
        ahead = early.futures
        # Checked, and their report.html written, in its `after` workers (forked before the crawl: small).
        rest = [(d, early.rubric, early.source, early.lang, early.spool(d.name))
                for d in directories if d.name not in ahead]
        results = early.finish(rest)
    else:
        rubric, source = _load_rubric(rubric_path, edition)
        ahead = {}
        rest = [(d, rubric, source, None, None) for d in directories]
        jobs = max(1, min(jobs, len(rest)))
        if jobs == 1:
            results = map(_check_job, rest)
        else:
            _warm_up(None)  # loaded once here, before the fork: each worker starts with it
            pool = fork_pool(jobs)
            results = pool.map(_check_job, rest)
    reports = []
    try:
        for directory in directories:
            report = ahead[directory.name].result() if directory.name in ahead else next(results)
            reports.append(shared_strings(report))
            if log:
                print(f"[{directory.name}] signaux calculés → {directory / archive.REPORT_JSON}", file=log)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if early is not None and early.lang:
        early.rendered_after.update(job[0].name for job in rest)
    return reports


def _render_overview(summaries: list[dict], out: Path, lang: str) -> dict[str, Path]:
    from reports.overview import render_overview

    return render_overview(summaries, Path(out), lang) if summaries else {}


def render_all(out: Path, log=sys.stderr, lang: str = "fr", rendered: set[str] = frozenset()) -> dict[str, Path]:
    """Rewrite every report.html and the overview from the report.json files, in `lang` (fr or en),
    except the report.html of the candidates in `rendered`, written with their report.json
    (EarlyChecks.rendered)."""
    from reports.html import render_candidate

    reports = []
    for directory in candidate_dirs(out):
        path = directory / archive.REPORT_JSON
        if not path.exists():
            continue
        report = archive.read_json(path)
        if directory.name not in rendered:
            render_candidate(report, directory, lang)
        reports.append(shared_strings(summary(report)))  # no evidence, strings shared: memory stays flat
    return _render_overview(reports, out, lang)
