"""`tnl run`'s digester: reads each candidate's records while it is still crawling, on a core the crawl
leaves, and writes their digests (ground.observe.digest: each page parsed, each document's producer
read…) to a spool that the candidate's checks then read instead of the WARC.

Why: a crawl uses one core. Parsing the pages is about half of the checks' CPU; done after a
candidate's crawl, it waited for the crawl to end, and for the list's last candidates, after the whole
crawl. The digester does it as the records are archived.

How: a process forked before the crawl (like the check workers), told by the crawl which candidates
start and end. For each candidate crawling, it follows index.jsonl: a line is written once its record
is in the WARC (ground.archive.ArchiveWriter), so every record it names is complete; the record is read
alone at its offset. When a candidate ends, the digester forgets it: what it had not digested yet, the
checks read from the WARC themselves (observe.build). The spool is a cache, never the evidence: a
digest is what `tnl check` computes from the same record, and a missing, torn or stale spool only
means more reading. Nothing here can stop the run: a candidate whose reading fails is dropped, and
should the process die, the checks read every WARC as `tnl check` does.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
from collections import deque
from pathlib import Path

from ground import archive
from ground.archive import IndexEntry
from tnl.workers import worker_start

logger = logging.getLogger(__name__)

SPOOL_DIR = "_digests"  # <out>/_digests/<candidate id>.pickle, removed when the run ends
BATCH = 16  # records digested for one candidate before the next one's turn
IDLE_WAIT = 0.1  # seconds between two looks at the indexes when nothing new was there


def spool_path(out: Path, cid: str) -> Path:
    return Path(out) / SPOOL_DIR / f"{cid}.pickle"


class _Follower:
    """One candidate being crawled: its index (read as it grows), its WARC, its spool."""

    def __init__(self, directory: Path, spool: Path) -> None:
        from ground.spool import SpoolWriter

        self.directory = directory
        self.index = None
        self.partial = b""
        self.pending: deque[IndexEntry] = deque()
        self.warc = None
        spool.parent.mkdir(exist_ok=True)  # in the output folder, which the crawl has made by then
        self.spool = SpoolWriter(spool)

    def step(self, limit: int) -> int:
        """Digest up to `limit` new records; returns how many were read."""
        from checks.base import page_soups
        from ground.observe import digest

        if not self.pending:
            self._read_index()
        done = 0
        while self.pending and done < limit:
            entry = self.pending.popleft()
            if self.warc is None:
                self.warc = open(self.directory / archive.WARC_NAME, "rb")
            resp = archive.read_indexed(self.warc, entry)
            if resp is not None:
                found = digest(entry, resp)
                # A page's word soups too (the checks' first look at each page), on this core, now.
                soups = page_soups(found["text"], found["main_text"]) if entry.kind == "page" and found else None
                self.spool.add(entry.record_id, found, soups)
            done += 1
        return done

    def _read_index(self) -> None:
        if self.index is None:
            try:
                self.index = open(self.directory / archive.INDEX_NAME, "rb")
            except FileNotFoundError:
                return
        data = self.index.read()  # what was appended since the last look (the file only grows while crawling)
        if not data:
            return
        data = self.partial + data
        cut = data.rfind(b"\n") + 1
        self.partial = data[cut:]  # a line still being written
        for line in data[:cut].splitlines():
            if not line.strip():
                continue
            entry = IndexEntry.from_dict(json.loads(line))
            if entry.record_id and entry.extra.get("warc_offset") is not None:
                self.pending.append(entry)

    def close(self) -> None:
        for fh in (self.index, self.warc):
            if fh is not None:
                fh.close()
        self.spool.close()


def _serve(out: Path, inbox, niceness: int) -> None:
    """The digester's loop: messages ("start", id), ("end", id), ("stop", None) from the crawl."""
    worker_start(niceness)
    parent = os.getppid()
    following: dict[str, _Follower] = {}
    stopping = False
    while not stopping or following:
        if os.getppid() != parent:  # the run was killed: nothing will read the spools
            break
        # Wait for a message when nothing is followed (looking up every second); otherwise only look.
        while inbox.poll(1.0 if not following and not stopping else 0):
            try:
                kind, cid = inbox.recv()
            except EOFError:  # the crawl's process is gone
                kind, cid = "stop", None
            if kind == "start" and cid not in following:
                try:
                    following[cid] = _Follower(out / cid, spool_path(out, cid))
                except OSError:
                    logger.debug("digester: %s not followed", cid, exc_info=True)
            elif kind == "end" and cid in following:
                following.pop(cid).close()  # its checks read the rest themselves
            elif kind == "stop":
                stopping = True
                for follower in following.values():
                    follower.close()
                following.clear()
                break
        read = 0
        for cid, follower in list(following.items()):
            try:
                read += follower.step(BATCH)
            except Exception:  # noqa: BLE001 - a cache: the checks read this candidate's WARC instead
                logger.debug("digester: %s dropped", cid, exc_info=True)
                following.pop(cid).close()
        if following and not read:
            inbox.poll(IDLE_WAIT)


class Digester:
    """The digester's process, seen from the crawl: `start(id)` and `end(id)` of each candidate
    (called in the reactor's thread: a message down a pipe, never a wait), `close()` at the end."""

    def __init__(self, out: Path, niceness: int = 0) -> None:
        self.out = Path(out)
        shutil.rmtree(self.out / SPOOL_DIR, ignore_errors=True)  # only this run's own spools are ever read
        ctx = multiprocessing.get_context("fork")
        inbox, self._outbox = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_serve, args=(self.out, inbox, niceness), name="tnl-digester",
                                   daemon=True)
        self.process.start()
        inbox.close()

    def _send(self, kind: str, cid: str | None) -> None:
        try:
            self._outbox.send((kind, cid))
        except (OSError, ValueError):  # the digester is gone: the checks read the WARC
            pass

    def start(self, cid: str) -> None:
        self._send("start", cid)

    def end(self, cid: str) -> None:
        self._send("end", cid)

    def spool(self, cid: str) -> Path:
        return spool_path(self.out, cid)

    def stop(self) -> None:
        """Stop the process once the crawl has ended (it closes its spools at once); the spools stay
        for the checks still to come."""
        if self._outbox.closed:
            return
        self._send("stop", None)
        self._outbox.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

    def close(self) -> None:
        """Stop, and remove the spools."""
        self.stop()
        shutil.rmtree(self.out / SPOOL_DIR, ignore_errors=True)
