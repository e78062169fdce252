"""Progress lines per candidate (pages, documents, errors, estimated time left); off with --quiet."""
from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class ProgressExtension:
    def __init__(self, crawler, interval: float, stream=None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream or sys.stderr
        self.started = 0.0
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("TNL_PROGRESS"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getfloat("TNL_PROGRESS_INTERVAL"))

    def spider_opened(self, spider) -> None:
        self.spider = spider
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.report(final=True)

    def figures(self) -> dict:
        stats = self.crawler.stats
        return {
            "pages": stats.get_value("tnl/archived/page", 0),
            "documents": stats.get_value("tnl/archived/document", 0),
            "api": stats.get_value("tnl/archived/api", 0),
            "errors": stats.get_value("tnl/errors", 0),
        }

    def report(self, final: bool = False) -> None:
        f = self.figures()
        elapsed = time.monotonic() - self.started
        engine = self.crawler.engine
        pending = 0
        if engine is not None and getattr(engine, "slot", None) is not None:
            try:
                pending = len(engine.slot.scheduler) + len(engine.downloader.active)
            except TypeError:
                pending = 0
        done = f["pages"] + f["documents"] + f["api"]
        if final:
            left = "terminé"
        elif done and pending:
            left = f"reste ~{_hms(elapsed / done * pending)}"
        else:
            left = "reste ?"
        cid = self.spider.candidate["id"]
        print(f"[{cid}] pages {f['pages']}, documents {f['documents']}, API {f['api']}, "
              f"erreurs {f['errors']}, en attente {pending}, {_hms(elapsed)} écoulé, {left}",
              file=self.stream, flush=True)


def _hms(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class RunProgress:
    """One line for the whole run, beside the candidates' own: how many ended, are crawling (DNS,
    WHOIS and TLS facts first), wait for their turn (not started yet), and an estimate of the rest."""

    def __init__(self, counts, interval: float, stream=None) -> None:
        self.counts = counts  # () -> {"total", "finished", "interrupted", "preparing", "crawling", "waiting"}
        self.interval = interval
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    def start(self) -> None:
        self.started = time.monotonic()
        self.report()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def stop(self) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()

    def report(self, final: bool = False) -> None:
        c = self.counts()
        elapsed = time.monotonic() - self.started
        running = c["preparing"] + c["crawling"]
        ended = c["finished"] + c["interrupted"]
        if final:
            left = "terminé" if ended == c["total"] and not c["interrupted"] else "arrêté"
        elif ended and c["total"] > ended:
            left = f"reste ~{_hms(elapsed / ended * (c['total'] - ended))}"
        else:
            left = "reste ?"
        preparing = f" (dont {c['preparing']} en préparation : DNS, WHOIS, TLS)" if c["preparing"] else ""
        interrupted = (f", {c['interrupted']} interrompus (repris à la prochaine commande)"
                       if c["interrupted"] else "")
        print(f"[candidats] {c['finished']} sur {c['total']} terminés{interrupted}, {running} en cours{preparing}, "
              f"{c['waiting']} en attente (pas commencés), {_hms(elapsed)} écoulé, {left}",
              file=self.stream, flush=True)
