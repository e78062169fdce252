"""`--render`: the rendered pass between the crawl and the checks (issue 22).

Playwright's synchronous API cannot run inside Scrapy's asyncio loop: the pages are rendered in
worker processes (`--render-workers`, one by default), forked before the crawl starts its threads,
each keeping ONE headless Chromium from candidate to candidate (crawler/render.py relaunches it when it
has crashed). As each candidate's crawl is complete, `submit` hands it to a worker
(crawler/render_pass.py: the sample, two visits, axe-core) and, once rendered, to `then` (the early
checks of `tnl run`); `join` waits for them all once the crawl has ended. A worker that dies (the
browser's driver killed) loses only its candidate: the pool is made again and the candidate's report
says the pass failed (render.json with the error); the next ones are rendered.

Without `--render` nothing here runs: the crawl, the checks and the reports are exactly as before.
"""
from __future__ import annotations

import contextlib
import sys
import threading
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from crawler import settings
from crawler.render import RenderOptions
from ground.archive import utc_now, write_json
from ground.rendered import RENDER_JSON
from tnl.workers import fork_pool


@dataclass
class RenderPlan:
    """What `--render` asks: the browser's options and the sample's size and seed."""
    browser: RenderOptions = field(default_factory=RenderOptions)
    pages: int = settings.TNL_RENDER_PAGES
    random: int = settings.TNL_RENDER_RANDOM
    seed: int | None = None  # None: each candidate's own (crawler.render_pass.default_seed)
    workers: int = 1


_RENDERER = None  # the worker's browser, kept from candidate to candidate
# The render workers and their browsers yield to the crawl, as the early checks do (tnl.pipeline's
# EARLY_NICENESS): with two workers on two cores the crawl ended 45 s later at 10,000 pages (bench/RESULTS.md).
RENDER_NICENESS = 10


def _render_job(job: tuple[Path, RenderPlan]) -> dict:
    global _RENDERER
    from crawler.render import Renderer
    from crawler.render_pass import render_candidate

    directory, plan = job
    if _RENDERER is None or _RENDERER.options != plan.browser:
        if _RENDERER is not None:
            _RENDERER.close()
        _RENDERER = Renderer(plan.browser)
    meta = render_candidate(directory, _RENDERER, plan.seed, plan.pages, plan.random)
    return {"pages": len(meta.get("pages") or []), "errors": len(meta.get("errors") or []),
            "seconds": meta.get("seconds")}


def render_here(directory: Path, plan: RenderPlan, log=None) -> None:
    """One candidate rendered in this process (`tnl check-site`: its crawl's loop has stopped)."""
    from crawler.render import Renderer
    from crawler.render_pass import render_candidate

    try:
        with Renderer(plan.browser) as renderer:
            meta = render_candidate(directory, renderer, plan.seed, plan.pages, plan.random)
    except Exception as exc:  # noqa: BLE001 - the browser could not start: said in the report
        record_failure(directory, plan, f"passage rendu impossible : {exc!r}")
        return
    if log:
        print(f"[{Path(directory).name}] passage rendu : {len(meta.get('pages') or [])} page(s) "
              f"en {meta.get('seconds')} s", file=log)


def record_failure(directory: Path, plan: RenderPlan, error: str) -> None:
    """A pass that could not be done at all: render.json says so (the report shows it, no rendered signal)."""
    path = Path(directory) / RENDER_JSON
    if not path.exists():
        write_json(path, {"seed": plan.seed, "pages_max": plan.pages, "random": plan.random, "sample": [],
                          "pages": [], "consent": None, "started_at": utc_now(), "finished_at": utc_now(),
                          "seconds": 0.0, "browser": None, "axe_version": None,
                          "errors": [{"url": None, "error": error[:300]}]})


class RenderStage:
    """Render each candidate handed to `submit` in the worker processes; then call `then(cid)`."""

    def __init__(self, out: Path, plan: RenderPlan, then=None, log=sys.stderr) -> None:
        self.out, self.plan, self.then, self.log = Path(out), plan, then, log
        self.futures: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._pending = 0  # handed over, and their `then` not run yet
        self._stopping = False
        self._retried: set[str] = set()
        self._idle = threading.Condition()
        self.pool = self._fork()

    def _fork(self):
        pool = fork_pool(max(1, self.plan.workers), RENDER_NICENESS)
        for started in [pool.submit(int) for _ in range(max(1, self.plan.workers))]:
            started.result()  # forked now, before the crawl starts its threads
        return pool

    def submit(self, cid: str) -> None:
        """`cid`'s crawl is complete (called in the reactor's thread: never blocks)."""
        with self._idle:
            self._pending += 1
        with self._lock:
            try:
                future = self.pool.submit(_render_job, (self.out / cid, self.plan))
            except (BrokenProcessPool, RuntimeError):
                # The crawl's threads exist by now: the new workers are not waited for.
                self.pool = fork_pool(max(1, self.plan.workers), RENDER_NICENESS)
                future = self.pool.submit(_render_job, (self.out / cid, self.plan))
            future._tnl_pool = self.pool  # which pool it ran in (a broken one is replaced once)
            self.futures[cid] = future
        future.add_done_callback(lambda f, cid=cid: self._done(cid, f))

    def _done(self, cid: str, future: Future) -> None:
        try:
            self._finish(cid, future)
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()

    def _finish(self, cid: str, future: Future) -> None:
        if future.cancelled() or self._stopping:
            return  # stopped (Ctrl-C): no render.json, the pass is done again next time
        error = future.exception()
        if isinstance(error, BrokenProcessPool) and cid not in self._retried:
            # A worker died (killed, out of memory): every candidate of its pool fails with it. Each is handed
            # once more to a new pool; one that breaks it again is a finding.
            self._retried.add(cid)
            with self._lock:
                if self.pool is getattr(future, "_tnl_pool", None) or getattr(self.pool, "_broken", False):
                    self.pool = fork_pool(max(1, self.plan.workers), RENDER_NICENESS)
            self.submit(cid)
            return
        if error is not None:
            record_failure(self.out / cid, self.plan, f"passage rendu impossible : {error!r}")
        elif self.log:
            r = future.result()
            print(f"[{cid}] passage rendu : {r['pages']} page(s) en {r['seconds']} s"
                  + (f", {r['errors']} erreur(s)" if r["errors"] else ""), file=self.log)
        if self.then is not None:
            self.then(cid)

    def render_all(self, directories: list[Path]) -> None:
        """Every candidate folder not rendered yet nor handed over (a crawl without early checks, a run
        resumed, `tnl render`), then wait for all of them."""
        for directory in directories:
            if not (directory / RENDER_JSON).exists() and directory.name not in self.futures:
                self.submit(directory.name)
        self.join()

    def join(self) -> None:
        """Wait for every candidate handed over (their `then` has run when this returns)."""
        with self._idle:
            self._idle.wait_for(lambda: self._pending == 0)

    def stop(self) -> None:
        """Ctrl-C: the candidates not started are left, the ones rendering are stopped now (their workers
        killed; without render.json, their pass is done again by the next run)."""
        self._stopping = True
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, AttributeError):
                process.kill()
        self.join()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def __enter__(self) -> RenderStage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
