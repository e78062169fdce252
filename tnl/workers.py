"""Worker processes of the application: how each starts (Ctrl-C left to the main process, a lower
priority on demand) and the fork pool the checks run in (tnl.pipeline) beside the digester (tnl.digester)."""
from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def worker_start(niceness: int = 0) -> None:
    """Worker processes leave Ctrl-C to the main process: it stops the crawl, then the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness:
        os.nice(niceness)


def fork_pool(workers: int, niceness: int = 0) -> ProcessPoolExecutor:
    # fork: the workers start with the checks and their data already loaded.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=worker_start, initargs=(niceness,))
