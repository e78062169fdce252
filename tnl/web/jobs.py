"""Self-check jobs of `tnl serve`: a bounded queue, one crawl at a time, each in a child process.

Scrapy's Twisted reactor starts once per process, so every check runs `tnl check-site` in a child
process writing into `<out>/<job id>/`; progress is read from the candidate's growing index.jsonl;
Cancel kills the child (the archive stays consistent and resumable, see crawler/replay.py).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ground import archive
from tnl.selfcheck import progress, slug_of

JOB_FILE = "job.json"
LOG_FILE = "journal.txt"
JOB_ID_RE = re.compile(r"^[0-9]{8}-[0-9]{6}-[a-z0-9][a-z0-9-]{0,62}$")
ROOT = Path(__file__).resolve().parents[2]
# States, as stored; their French words are in tnl/web/app.py UI.
QUEUED, RUNNING, DONE, FAILED, CANCELLED = "en_attente", "en_cours", "terminee", "echec", "annulee"
ACTIVE = (QUEUED, RUNNING)


class QueueFull(Exception):
    """The queue is at its bound: the form says so instead of piling up crawls."""


@dataclass
class Job:
    id: str
    url: str
    cid: str
    name: str | None = None
    siren: str | None = None
    opendata: list[str] = field(default_factory=list)
    state: str = QUEUED
    created_at: str = ""
    started_at: str | None = None
    finished_at: str | None = None
    message: str | None = None

    def save(self, out: Path) -> None:
        (out / self.id).mkdir(parents=True, exist_ok=True)
        archive.write_json(out / self.id / JOB_FILE, asdict(self))

    @classmethod
    def load(cls, path: Path) -> "Job | None":
        try:
            data = archive.read_json(path)
            return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except (OSError, ValueError, TypeError, KeyError):
            return None


class Runner:
    """The queue and its single worker thread."""

    def __init__(self, out: Path, child_args: list[str], max_queue: int = 5) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.child_args = child_args
        self.max_queue = max_queue
        self.queue: deque[str] = deque()
        self.jobs: dict[str, Job] = {}
        self.proc: subprocess.Popen | None = None
        self.current: str | None = None
        self.cond = threading.Condition()
        self.stopping = False
        for path in sorted(self.out.glob(f"*/{JOB_FILE}")):
            job = Job.load(path)
            if job and JOB_ID_RE.match(job.id) and path.parent.name == job.id:
                if job.state in ACTIVE:  # the server stopped while it was running or waiting
                    job.state, job.message = CANCELLED, "interrompue par l'arrêt du serveur"
                    job.save(self.out)
                self.jobs[job.id] = job
        self.thread = threading.Thread(target=self._work, name="tnl-selfcheck", daemon=True)
        self.thread.start()

    # --- API used by the web app --------------------------------------------------------------

    def submit(self, url: str, name: str | None, siren: str | None, opendata: list[str]) -> Job:
        with self.cond:
            if len(self.queue) >= self.max_queue:
                raise QueueFull
            cid = slug_of(url)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            job_id, n = f"{stamp}-{cid}", 2
            while job_id in self.jobs or (self.out / job_id).exists():
                job_id, n = f"{stamp}-{cid}-{n}"[:80], n + 1
            job = Job(job_id, url, cid, name, siren, opendata, created_at=archive.utc_now())
            job.save(self.out)
            self.jobs[job_id] = job
            self.queue.append(job_id)
            self.cond.notify_all()
            return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id) if JOB_ID_RE.match(job_id or "") else None

    def list(self) -> list[Job]:
        return sorted(self.jobs.values(), key=lambda j: j.id, reverse=True)

    def position(self, job_id: str) -> int | None:
        with self.cond:
            return self.queue.index(job_id) + 1 if job_id in self.queue else None

    def status(self, job: Job) -> dict:
        figures = progress(self.out / job.id / job.cid)
        return {"id": job.id, "state": job.state, "url": job.url, "message": job.message,
                "position": self.position(job.id), **figures}

    def cancel(self, job_id: str) -> bool:
        with self.cond:
            job = self.jobs.get(job_id)
            if job is None or job.state not in ACTIVE:
                return False
            if job_id in self.queue:
                self.queue.remove(job_id)
            elif self.current == job_id and self.proc is not None:
                self.proc.kill()
            job.state, job.finished_at = CANCELLED, archive.utc_now()
            job.message = "annulée à la demande"
            job.save(self.out)
            return True

    def delete(self, job_id: str) -> bool:
        with self.cond:
            job = self.jobs.get(job_id)
            if job is None or job.state in ACTIVE:
                return False
            del self.jobs[job_id]
            shutil.rmtree(self.out / job_id, ignore_errors=True)
            return True

    def stop(self) -> None:
        with self.cond:
            self.stopping = True
            for job_id in list(self.queue):
                self.cancel(job_id)
            if self.current:
                self.cancel(self.current)
            self.cond.notify_all()
        self.thread.join(timeout=15)

    # --- worker --------------------------------------------------------------------------------

    def _command(self, job: Job) -> list[str]:
        cmd = [sys.executable, "-m", "tnl.cli", "--quiet", "check-site", job.url,
               "--out", str(self.out / job.id), *self.child_args]
        if job.name:
            cmd += ["--name", job.name]
        if job.siren:
            cmd += ["--siren", job.siren]
        for url in job.opendata:
            cmd += ["--opendata", url]
        return cmd

    def _work(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        while True:
            with self.cond:
                while not self.queue and not self.stopping:
                    self.cond.wait()
                if self.stopping:
                    return
                job = self.jobs[self.queue.popleft()]
                job.state, job.started_at = RUNNING, archive.utc_now()
                job.save(self.out)
                log = open(self.out / job.id / LOG_FILE, "wb")
                # argv list, no shell: the URL and name were validated and are passed as single arguments
                self.proc = subprocess.Popen(self._command(job), stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
                self.current = job.id
            rc = self.proc.wait()
            log.close()
            with self.cond:
                self.current, self.proc = None, None
                if job.state == RUNNING:
                    job.finished_at = archive.utc_now()
                    if rc == 0 and (self.out / job.id / job.cid / archive.REPORT_JSON).exists():
                        job.state = DONE
                    else:
                        job.state, job.message = FAILED, _last_line(self.out / job.id / LOG_FILE)
                    job.save(self.out)


def _last_line(path: Path) -> str:
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "échec de la vérification"
    return (lines[-1] if lines else "échec de la vérification")[:500]
