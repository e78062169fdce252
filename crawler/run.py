"""Run the crawl of a list of candidates: one Scrapy crawler per candidate, all in one process."""
from __future__ import annotations

import logging
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import settings as default_settings
from crawler.spiders.candidate import CandidateSpider
from tnl import __version__
from tnl.archive import (CANDIDATE_NAME, CRAWL_NAME, INDEX_NAME, WARC_NAME, read_index, read_json, repair,
                         utc_now, write_json)


@dataclass
class CrawlOptions:
    max_pages: int = 200
    max_depth: int = 4
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


def build_settings(out: Path, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    overrides = {
        "TNL_OUT_DIR": str(out),
        "TNL_MAX_PAGES": options.max_pages,
        "TNL_MAX_DEPTH": options.max_depth,
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
    if options.user_agent:
        overrides["USER_AGENT"] = options.user_agent
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


def _set_aside_previous(directory: Path) -> None:
    """A new crawl never overwrites an old one: the previous archive moves to previous/<date>/."""
    old = [directory / n for n in (WARC_NAME, INDEX_NAME, CRAWL_NAME) if (directory / n).exists()]
    if not old:
        return
    stamp = utc_now().replace(":", "").replace("-", "")[:15]
    dest = directory / "previous" / stamp
    dest.mkdir(parents=True, exist_ok=True)
    for path in old:
        shutil.move(str(path), dest / path.name)


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


def run_crawl(candidates: list[dict], out: Path, options: CrawlOptions) -> dict[str, dict]:
    """Crawl every candidate into `<out>/<id>/`; returns each candidate's crawl.json content."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    settings = build_settings(out, options)
    process = CrawlerProcess(settings)
    crawlers = {}
    public_settings = {k: v for k, v in asdict(options).items() if k not in ("quiet",)}
    for cand in candidates:
        directory = out / cand["id"]
        directory.mkdir(parents=True, exist_ok=True)
        previous = None if options.redis else _resumable(directory)
        # Distributed: the first process to claim the candidate writes crawl.json and gathers DNS/WHOIS.
        first = not options.redis or _claim(options.redis, cand["id"], settings.get("TNL_SHARD"))
        if options.redis:
            pass  # other processes may be writing here: nothing is moved
        elif previous is None:
            _set_aside_previous(directory)
        else:
            # Interrupted crawl: cut a torn tail, keep the rest; the replay middleware serves it.
            repair(directory)
        if not first:
            crawler = process.create_crawler(CandidateSpider)
            crawlers[cand["id"]] = crawler
            process.crawl(crawler, candidate=cand)
            continue
        write_json(directory / CANDIDATE_NAME, cand)
        write_json(directory / CRAWL_NAME, {
            "tool": {"name": "tnl-evidence", "version": __version__},
            "started_at": previous["started_at"] if previous else utc_now(), "finished_at": None,
            "resumed_at": (previous.get("resumed_at", []) + [utc_now()]) if previous else [],
            "user_agent": settings.get("USER_AGENT"), "settings": public_settings,
            **({"shard": settings.get("TNL_SHARD")} if options.redis else {}),
        })
        from crawler.netfacts import gather as gather_netfacts

        if previous is None or not any(e.kind in ("dns", "whois") for e in read_index(directory)):
            gather_netfacts(cand, directory, options)  # DNS and WHOIS, before the crawl, outside Scrapy
        crawler = process.create_crawler(CandidateSpider)
        crawlers[cand["id"]] = crawler
        process.crawl(crawler, candidate=cand)
    from crawler.registries import schedule as schedule_registries

    if not options.redis or _claim(options.redis, "_registries", settings.get("TNL_SHARD")):
        schedule_registries(process, out, options)  # distributed: once, by the first process
    process.start()
    results = {}
    for cid, crawler in crawlers.items():
        path = out / cid / CRAWL_NAME
        if options.redis and not (path.exists() and read_json(path).get("shard") == settings.get("TNL_SHARD")):
            path = out / cid / f"crawl-{settings.get('TNL_SHARD')}.json"  # this process's own figures
            info = {"shard": settings.get("TNL_SHARD")}
        else:
            info = read_json(path)
        stats = crawler.stats.get_stats() if crawler.stats else {}
        info["finish_reason"] = stats.get("finish_reason")
        # Only a crawl that ran to its end is finished; an interrupted one is resumed next time.
        # A crawl stopped by its time budget is finished too (its report says so); not a shutdown.
        done = info["finish_reason"] == "finished" or str(info["finish_reason"]).startswith("closespider")
        info["finished_at"] = utc_now() if done else None
        info["stats"] = {k: v for k, v in sorted(stats.items())
                         if isinstance(v, (int, float, str)) and not k.startswith("log_count")
                         and k not in ("start_time", "finish_time")}
        write_json(path, info)
        results[cid] = info
    return results
