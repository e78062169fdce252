"""`tnl import-cc`: a candidate's records from one of Common Crawl's monthly crawls, then `tnl import`.

For each candidate, the index of the crawl is asked for the captures of each of its websites' hosts
(crawler/commoncrawl.py: at a pace, under our User-Agent); the homepage and the pages, documents and
style sheets or scripts are chosen as our crawl would read them (the most recent capture of each
address, homepage first, then the shallowest paths, within the crawl's caps; images, fonts and media
are left out); each record is read alone by its offset and length in Common Crawl's file. The records
are written, byte for byte, to `OUT/_commoncrawl/<crawl>/<id>.warc.gz`, with `<id>.cdx.jsonl` (the
index lines they were read by, and where each lies in our copy); tnl/imports.py then makes the
candidate's folder from them, each index line naming Common Crawl's file, offset and length.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.commoncrawl import CommonCrawl
from ground.formats import document_format
from tnl.imports import CaptureInputError, Source, candidate_scope, open_source, variants

CACHE_DIR = "_commoncrawl"
CRAWL_ID = re.compile(r"^CC-MAIN-\d{4}-\d{2}$")
LEFT_OUT = ("image/", "font/", "audio/", "video/")

UI = {
    "bad_crawl": "--crawl {crawl!r} : forme attendue CC-MAIN-AAAA-SS (par exemple CC-MAIN-2025-47)",
    "record": "{url} : {error}",
}


def check_crawl(crawl: str) -> str:
    if not CRAWL_ID.match(crawl or ""):
        raise CaptureInputError(UI["bad_crawl"].format(crawl=crawl))
    return crawl


def _kind(line: dict[str, Any]) -> str | None:
    mime = str(line.get("mime-detected") or line.get("mime") or "").lower()
    url = str(line["url"])
    if mime.startswith(LEFT_OUT):
        return None
    if urlsplit(url).path == "/robots.txt":
        return "robots"
    if "html" in mime:
        return "page"
    if document_format(url, mime):
        return "document"
    if "css" in mime or "javascript" in mime:
        return "asset"
    status = str(line.get("status") or "")
    return "page" if status.startswith(("3", "4", "5")) or mime in ("", "unk", "warc/revisit") else None


def choose(lines: list[dict[str, Any]], starts: list[str], max_pages: int, max_documents: int,
           max_assets: int) -> list[dict[str, Any]]:
    """The index lines to read: the most recent capture of each address, homepages first, then the
    shallowest paths, within the caps per kind."""
    latest: dict[str, dict[str, Any]] = {}
    for line in lines:
        old = latest.get(line["url"])
        if old is None or str(line.get("timestamp", "")) > str(old.get("timestamp", "")):
            latest[line["url"]] = line
    homes = {v for s in starts for v in variants(s)}
    caps = {"page": max_pages, "document": max_documents, "asset": max_assets, "robots": 1}
    counts: dict[str, int] = {}
    chosen = []
    for url, line in sorted(latest.items(), key=lambda i: (i[0] not in homes, i[0].count("/"), i[0])):
        kind = _kind(line)
        if kind is None:
            continue
        if url not in homes:
            if counts.get(kind, 0) >= caps[kind]:
                continue
            counts[kind] = counts.get(kind, 0) + 1
        chosen.append(line)
    return chosen


def fetch_candidate(client: CommonCrawl, crawl: str, cand: dict[str, Any], out: Path, key: str,
                    caps: tuple[int, int, int], log=None) -> Source:
    """Read the candidate's records from Common Crawl into our copy, and open it as a source."""
    starts = candidate_scope(cand)
    findings: list[str] = []
    lines: list[dict[str, Any]] = []
    for host in dict.fromkeys(urlsplit(s).hostname for s in starts if urlsplit(s).hostname):
        got, error = client.captures(crawl, host)
        lines += got
        if error:
            findings.append(error)
    chosen = choose(lines, starts, *caps)
    folder = Path(out) / CACHE_DIR / crawl
    folder.mkdir(parents=True, exist_ok=True)
    local, sidecar = folder / f"{cand['id']}.warc.gz", folder / f"{cand['id']}.cdx.jsonl"
    origins: dict[int, dict[str, Any]] = {}
    with open(local, "wb") as fh, open(sidecar, "w", encoding="utf-8") as side:
        for line in chosen:
            try:
                offset, length = int(line["offset"]), int(line["length"])
            except (KeyError, TypeError, ValueError):
                continue
            data, error = client.record(str(line["filename"]), offset, length)
            if data is None:
                findings.append(UI["record"].format(url=line["url"], error=error))
                continue
            origins[fh.tell()] = line
            side.write(json.dumps({**line, "local_offset": fh.tell()}, ensure_ascii=False, sort_keys=True) + "\n")
            fh.write(data)
    if log:
        print(f"[{cand['id']}] Common Crawl {crawl} : {len(origins)} enregistrement(s) lu(s) sur "
              f"{len(chosen)} choisi(s) parmi {len(lines)} capture(s) de l'index", file=log)
    source = open_source(key, local, cand["id"], kind="commoncrawl")
    source.origins = origins
    source.info.update({"crawl": crawl, "producer": "commoncrawl", "index_url": client.index_url,
                        "data_url": client.data_url, "cdx": str(sidecar.resolve()), "index_lines": len(lines),
                        "chosen": len(chosen)})
    source.info["findings"] += findings
    return source


def fetch_all(candidates: list[dict[str, Any]], out: Path, crawl: str, client: CommonCrawl,
              caps: tuple[int, int, int], log=None) -> list[Source]:
    return [fetch_candidate(client, crawl, cand, out, f"cc{i}", caps, log)
            for i, cand in enumerate(candidates, 1) if candidate_scope(cand)]
