"""The two baselines of the bench, each run as its own process (`python -m bench.baselines scrapy|hand ...`).

- scrapy: a bare Scrapy spider with tnl's crawl settings that only fetches and follows links (the ceiling);
- hand: a sequential requests + BeautifulSoup crawler, as a user would write by hand.
Both print one JSON line: {"pages": ..., "documents": ..., "seconds": ...}.
"""
from __future__ import annotations

import json
import sys
import time
from collections import deque
from urllib.parse import urljoin, urlsplit

DOC_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".csv")


def run_scrapy(hosts: list[str], proxy: str, max_depth: int) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.settings import Settings

    from crawler import settings as tnl_settings
    from crawler.spiders.candidate import _DENY

    counts = {"pages": 0, "documents": 0}

    class BareSpider(scrapy.Spider):
        name = "bare"
        extractor = LinkExtractor(deny_extensions=_DENY, tags=("a", "area"), attrs=("href",))

        async def start(self):
            for h in hosts:
                yield scrapy.Request(f"http://{h}/", meta={"proxy": proxy, "d": 0})

        def parse(self, response):
            # A page is HTML, as for tnl and the hand crawler: Scrapy makes a TextResponse of a PDF
            # whose first bytes look like text (the bench's do), which counted 10 % of documents as pages.
            ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
            if not isinstance(response, scrapy.http.TextResponse) or "html" not in ctype:
                counts["documents"] += 1
                return
            counts["pages"] += 1
            depth = response.meta["d"] + 1
            if depth > max_depth:
                return
            host = urlsplit(response.url).hostname
            for link in self.extractor.extract_links(response):
                if urlsplit(link.url).hostname == host:
                    yield scrapy.Request(link.url, meta={"proxy": proxy, "d": depth})

    settings = Settings()
    settings.setmodule(tnl_settings, priority="project")
    # Same politeness and per-site concurrency as tnl (one tnl crawler per candidate, 32 requests each),
    # none of its archive, guard, progress or probe components.
    settings.setdict({
        "DOWNLOADER_MIDDLEWARES": {}, "EXTENSIONS": {"scrapy.extensions.telnet.TelnetConsole": None},
        "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "LOG_LEVEL": "ERROR",
        "CONCURRENT_REQUESTS": tnl_settings.CONCURRENT_REQUESTS * len(hosts),
    }, priority="cmdline")
    process = CrawlerProcess(settings)
    started = time.perf_counter()
    process.crawl(BareSpider)
    process.start()
    return {**counts, "seconds": time.perf_counter() - started}


def run_hand(hosts: list[str], proxy: str, max_depth: int, limit: int) -> dict:
    """What a user writes: one Session, a queue, BeautifulSoup on each page, same-host links."""
    import requests
    from bs4 import BeautifulSoup

    session = requests.Session()
    session.proxies = {"http": proxy}
    pages = documents = 0
    started = time.perf_counter()
    for h in hosts:
        start = f"http://{h}/"
        queue, seen = deque([(start, 0)]), {start}
        while queue and pages < limit:
            url, depth = queue.popleft()
            resp = session.get(url, timeout=30)
            if url.lower().endswith(DOC_SUFFIXES) or "html" not in resp.headers.get("Content-Type", ""):
                documents += 1
                continue
            pages += 1
            if depth >= max_depth:
                continue
            soup = BeautifulSoup(resp.text, "html.parser")
            for a in soup.find_all("a", href=True):
                link = urljoin(url, a["href"]).split("#", 1)[0]
                if urlsplit(link).hostname == h and link not in seen:
                    seen.add(link)
                    queue.append((link, depth + 1))
        if pages >= limit:
            break
    return {"pages": pages, "documents": documents, "seconds": time.perf_counter() - started}


if __name__ == "__main__":
    mode, hosts_file, proxy, max_depth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    hosts = open(hosts_file).read().split()
    if mode == "scrapy":
        result = run_scrapy(hosts, proxy, max_depth)
    else:
        result = run_hand(hosts, proxy, max_depth, int(sys.argv[5]))
    print(json.dumps(result))
