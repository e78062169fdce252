"""`tnl import`: candidate folders made from archives captured by others, for `tnl check` to read.

A national run need not crawl everything itself. A WARC of wget (`--warc-file`), of Heritrix or of
Browsertrix, a WACZ, or the records of Common Crawl fetched by `tnl import-cc` (crawler/commoncrawl.py)
become, for each candidate, the folder our own crawl would have written:

- `crawl.warc.gz`: our warcinfo record (saying what was imported), then the third party's records
  **copied byte for byte** (each gzip member as it is in their file: its SHA-256 and its place,
  offset and length, are in the index line; a record of a plain or single-stream file is compressed
  here, its plain bytes being the file's);
- `index.jsonl`: our index, built from those records, each line naming its origin (`extra.capture`:
  the source's key in crawl.json, `origin_file`, `origin_offset`, `origin_length`, `origin_sha256`);
- `crawl.json`: `capture` says the capture is a third party's (`third_party: true`), its sources (file,
  SHA-256, producer and `software` of their warcinfo, dates, WACZ checks, Common Crawl's crawl id) and
  what such a capture lacks (DNS, WHOIS, TLS, the https probe, data.gouv.fr's answers, the public
  registries): the signals that need those come out `inconnu` with that reason (checks/capture.py).

Nothing is fetched here: a third-party capture is read, never fetched again. Which records belong to
a candidate: those of its websites' registered domains (as our crawler scopes them), the homepage
found at its address (http or https, with or without its final slash, then along the redirects the
capture holds), the rest ordered by their link depth from it (read in the pages themselves), within the
crawl's caps. A revisit record is resolved to the response it repeats when that response is in the
capture at the same address; otherwise it is skipped, with its reason. A truncated record
(WARC-Truncated) is indexed as not read, with its reason.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from warcio.warcwriter import WARCWriter

from crawler.scope import site_key
from ground import __version__, archive
from ground.capture import CaptureFile, CaptureRecord, is_wacz, producer_of, read_wacz, scan, sha256_file, wacz_opener
from ground.formats import document_format, served_format
from ground.html import parse_html

# What a third-party capture lacks that our crawl gathers (crawl.json `capture.lacks`; checks/capture.py).
LACKS = ("dns", "whois", "tls", "https_probe", "datagouv_api", "registries")
MAX_SKIPPED_LISTED = 200  # skipped records named in crawl.json (all are counted)
MAX_REDIRECTS = 10

UI = {
    "bad_spec": "--archive {spec!r} : forme attendue [ID=]FICHIER (ID : l'identifiant d'un candidat)",
    "unknown_id": "--archive {spec!r} : « {cid} » n'est pas un identifiant du fichier des candidats",
    "missing": "--archive {spec!r} : fichier introuvable : {path}",
    "not_archive": "{path} : ni une archive WARC ni un paquet WACZ lisible ({error})",
    "no_homepage": "page d'accueil absente de la capture tierce ({sources}) : site non lu à cette adresse",
    "truncated": "enregistrement tronqué par l'outil de capture (WARC-Truncated: {why}) : non relu",
    "revisit_resolved": "revisite résolue : même contenu que l'enregistrement {original} du {date}, à la même adresse",
    "revisit_other_url": "revisite d'une autre adresse ({url}) : contenu non relu",
    "revisit_missing": "revisite dont l'original ({ref}) n'est pas dans la capture : contenu non relu",
    "other_kind": "ressource non lue par les signaux (image, police, média…)",
    "over_cap": "au-delà du plafond de {n} {what} par site",
    "older_copy": "copie plus ancienne (ou moins complète) de la même adresse : la plus récente est lue",
    "import_description": "Import de captures tierces par tnl-evidence : les enregistrements qui suivent sont "
                          "copiés octet pour octet depuis les fichiers nommés dans crawl.json (capture.sources)",
}


class CaptureInputError(ValueError):
    """A bad --archive or an unreadable file: one line naming file and problem (exit 2)."""


@dataclass
class Source:
    """One archive given on the command line (or fetched from Common Crawl)."""

    key: str  # s1, s2… in the order given
    path: Path
    candidate: str | None  # the candidate it was given for (ID=FILE); None: its records go by host
    files: list[CaptureFile]
    info: dict[str, Any]  # what crawl.json keeps of it
    # Common Crawl: the record's place in Common Crawl's own file, by its place in our local copy.
    origins: dict[int, dict[str, Any]] = field(default_factory=dict)

    def origin(self, capture: CaptureFile, rec: CaptureRecord) -> tuple[str, int, int]:
        cc = self.origins.get(rec.offset)
        if cc is not None:
            return str(cc["filename"]), int(cc["offset"]), int(cc["length"])
        return capture.label, rec.offset, rec.length


def parse_spec(spec: str, ids: set[str]) -> tuple[str | None, Path]:
    """`ID=FILE` or `FILE` → (candidate id or None, path); an unknown id or a missing file: bad input."""
    cid, sep, rest = spec.partition("=")
    if sep and not Path(spec).exists():
        if not cid or not rest:
            raise CaptureInputError(UI["bad_spec"].format(spec=spec))
        if cid not in ids:
            raise CaptureInputError(UI["unknown_id"].format(spec=spec, cid=cid))
        path, candidate = Path(rest), cid
    else:
        path, candidate = Path(spec), None
    if not path.is_file():
        raise CaptureInputError(UI["missing"].format(spec=spec, path=path))
    return candidate, path


def open_source(key: str, path: Path, candidate: str | None, kind: str | None = None) -> Source:
    """The source's files (a WARC, or the WARCs of a WACZ) and what it says of itself, checked."""
    digest, size = sha256_file(path)
    info: dict[str, Any] = {"key": key, "kind": kind or "warc", "file": path.name, "path": str(path.resolve()),
                            "sha256": digest, "bytes": size, "candidate": candidate, "findings": []}
    if kind is None and is_wacz(path):
        info["kind"] = "wacz"
        try:
            wacz = read_wacz(path)
        except Exception as exc:  # noqa: BLE001 - a broken zip is the user's file: said in one line
            raise CaptureInputError(UI["not_archive"].format(path=path, error=str(exc)[:160])) from None
        dp = wacz.datapackage
        info["wacz"] = {"software": dp.get("software"), "created": dp.get("created"), "title": dp.get("title"),
                        "files": wacz.files, "pages": len(wacz.pages)}
        info["findings"] += wacz.findings
        files = [CaptureFile(f"{path.name}#{member}", wacz_opener(path, member)) for member in wacz.warcs]
    else:
        files = [CaptureFile(path.name, partial(open, path, "rb"))]
    return Source(key, path, candidate, files, info)


def scan_sources(sources: list[Source], scopes: dict[str | None, set[str]]) -> None:
    """Read each source's records once, keeping those in the scope of its candidate(s); then say who
    made it (its first warcinfo's `software`, else the WACZ's) and when (first and last WARC-Date)."""
    for src in sources:
        keys = scopes[src.candidate]
        for capture in src.files:
            try:
                scan(capture, lambda url, k=keys: _in_scope(url, k))
            except Exception as exc:  # noqa: BLE001 - not a WARC at all: the user's file, said in one line
                raise CaptureInputError(UI["not_archive"].format(path=src.path, error=str(exc)[:160])) from None
            if not capture.records and capture.error:
                raise CaptureInputError(UI["not_archive"].format(path=src.path, error=capture.error))
            src.info["findings"] += [f"{capture.label} : {f}" for f in capture.findings]
        describe(src)


def describe(src: Source) -> None:
    infos = [c.warcinfo() for c in src.files]
    info = next((i for i in infos if i is not None), None)
    fields = (info.fields or {}) if info else {}
    software = fields.get("software") or (src.info.get("wacz") or {}).get("software") or src.info.get("software")
    src.info["software"] = software
    src.info["producer"] = src.info.get("producer") or producer_of(software)
    src.info["warcinfo"] = fields
    src.info["warc_filename"] = info.warc_filename if info else None
    src.info["layout"] = sorted({c.layout for c in src.files})
    dates = sorted(r.date for c in src.files for r in c.records if r.date and r.rec_type in ("response", "revisit"))
    src.info["first_date"], src.info["last_date"] = (dates[0], dates[-1]) if dates else (None, None)
    src.info["origin"] = _origin_words(src.info)


def _origin_words(info: dict[str, Any]) -> str:
    """« Wget/1.21.3 (linux-gnu) », « Common Crawl CC-MAIN-2025-47 »: the origin as a reader names it."""
    if info.get("crawl"):
        return f"Common Crawl {info['crawl']}"
    return str(info.get("software") or info.get("file") or "?")


def _in_scope(url: str | None, keys: set[str]) -> bool:
    if not url or not url.lower().startswith(("http://", "https://")):
        return False
    try:
        return site_key(url) in keys
    except ValueError:
        return False


def candidate_scope(cand: dict[str, Any]) -> list[str]:
    return list(cand.get("websites") or []) + list(cand.get("opendata") or [])


@dataclass
class Picked:
    """A record chosen for the candidate's index, where it lies, and what we know of its place."""

    rec: CaptureRecord
    capture: CaptureFile
    source: Source
    kind: str
    site: str
    homepage: bool = False
    depth: int | None = None
    referrer: str | None = None
    asset: str | None = None


@dataclass
class Selection:
    picked: list[Picked]
    missing_homepages: list[str]
    skipped: list[dict[str, Any]]
    resolved_revisits: int = 0
    sources: list[Source] = field(default_factory=list)


def _owner(url: str, starts: list[str]) -> str | None:
    host = urlsplit(url).hostname
    same_host = next((s for s in starts if urlsplit(s).hostname == host), None)
    if same_host:
        return same_host
    key = site_key(url)
    return next((s for s in starts if site_key(s) == key), None)


def _kind(rec: CaptureRecord, url: str) -> tuple[str, str | None]:
    """page | document | asset (css, js) | robots | other, from what was served."""
    if urlsplit(url).path == "/robots.txt":
        return "robots", None
    ctype = (rec.header("Content-Type") or "").lower()
    ok = rec.status is not None and 200 <= rec.status < 300
    if "html" in ctype:
        return "page", None
    fmt = served_format(url, ctype, rec.header("Content-Disposition"), rec.head) if ok else document_format(url)
    if fmt:
        return "document", None
    if "css" in ctype:
        return "asset", "css"
    if "javascript" in ctype or "ecmascript" in ctype:
        return "asset", "js"
    if not ok or not ctype:
        return "page", None  # a redirect, an error page, an answer without a type: as our crawler indexes them
    return "other", None


def variants(url: str) -> list[str]:
    """A start URL as a capture may hold it: as written, then with the other scheme, with or
    without its final slash."""
    parts = urlsplit(url)
    out = []
    for scheme in (parts.scheme, "https" if parts.scheme == "http" else "http"):
        for path in (parts.path, parts.path.rstrip("/") if parts.path.endswith("/") else parts.path + "/"):
            out.append(urlunsplit((scheme, parts.netloc, path or "/", parts.query, "")))
    return list(dict.fromkeys(out))


def _better(new: tuple, old: tuple) -> bool:
    """Of two copies of one address: a complete 2xx answer first, then the most recent."""
    def rank(item):
        rec = item[0]
        return (rec.truncated is None and rec.status is not None and 200 <= rec.status < 300, rec.date or "")
    return rank(new) > rank(old)


def select(cand: dict[str, Any], sources: list[Source], max_pages: int, max_documents: int,
           max_assets: int) -> Selection:
    """The records of `sources` that are the candidate's, each with its kind, site, depth and homepage flag."""
    starts = candidate_scope(cand)
    chosen: dict[str, tuple[CaptureRecord, CaptureFile, Source]] = {}
    skipped: list[dict[str, Any]] = []
    revisits = []
    by_id: dict[str, CaptureRecord] = {}
    for src in sources:
        for capture in src.files:
            for rec in capture.records:
                if rec.rec_type == "response" and rec.url and _owner(rec.url, starts):
                    if rec.record_id:
                        by_id[rec.record_id] = rec
                    item = (rec, capture, src)
                    old = chosen.get(rec.url)
                    if old is None or _better(item, old):
                        if old is not None:
                            skipped.append(_skip(old[0], UI["older_copy"]))
                        chosen[rec.url] = item
                    else:
                        skipped.append(_skip(rec, UI["older_copy"]))
                elif rec.rec_type == "revisit" and rec.url and _owner(rec.url, starts):
                    revisits.append(rec)
    resolved = 0
    for rev in revisits:
        original = by_id.get(rev.refers_to or "") or _by_digest(rev, chosen)
        if original is not None and original.url == rev.url:
            resolved += 1
            skipped.append(_skip(rev, UI["revisit_resolved"].format(original=original.record_id, date=original.date)))
        elif original is not None:
            skipped.append(_skip(rev, UI["revisit_other_url"].format(url=original.url)))
        else:
            skipped.append(_skip(rev, UI["revisit_missing"].format(ref=rev.refers_to or rev.refers_to_uri or "?")))
    picked: dict[str, Picked] = {}
    for url, (rec, capture, src) in chosen.items():
        kind, asset = _kind(rec, url)
        if kind == "other":
            skipped.append(_skip(rec, UI["other_kind"]))
            continue
        picked[url] = Picked(rec, capture, src, kind, _owner(url, starts) or starts[0], asset=asset)
    missing = _homepages(starts, picked)
    _depths(picked)
    kept = _caps(picked, max_pages, max_documents, max_assets, skipped)
    return Selection(kept, missing, skipped, resolved, sources)


def _skip(rec: CaptureRecord, reason: str) -> dict[str, Any]:
    return {"url": rec.url, "record_id": rec.record_id, "date": rec.date, "file": rec.file, "offset": rec.offset,
            "reason": reason}


def _by_digest(rev: CaptureRecord, chosen: dict) -> CaptureRecord | None:
    """The original of a revisit without WARC-Refers-To: the response at its address (or the one it
    names) with the same payload digest."""
    for url in (rev.refers_to_uri, rev.url):
        item = chosen.get(url or "")
        if item is not None and rev.payload_digest and item[0].payload_digest == rev.payload_digest:
            return item[0]
    return None


def _homepages(starts: list[str], picked: dict[str, Picked]) -> list[str]:
    """Mark each start URL's homepage (and the redirects leading to it); the start URLs without one."""
    missing = []
    for start in starts:
        url = next((v for v in variants(start) if v in picked), None)
        if url is None:
            missing.append(start)
            continue
        hops = 0
        while url in picked and hops <= MAX_REDIRECTS:
            p = picked[url]
            p.homepage, p.site, p.depth = True, start, 0
            location = p.rec.header("Location")
            if not (p.rec.status and 300 <= p.rec.status < 400 and location):
                break
            url = urljoin(url, location.strip()).split("#", 1)[0]
            hops += 1
    return missing


def _depths(picked: dict[str, Picked]) -> None:
    """Link depth from the homepages (breadth first, as our crawler goes), read in the pages themselves;
    what no link reaches comes after the deepest."""
    queue = deque(url for url, p in picked.items() if p.homepage)
    while queue:
        url = queue.popleft()
        p = picked[url]
        targets: list[str] = []
        status = p.rec.status or 0
        if 300 <= status < 400 and p.rec.header("Location"):
            targets = [urljoin(url, p.rec.header("Location").strip())]
            step = 0
        elif p.kind == "page" and 200 <= status < 300 and p.rec.truncated is None:
            resp = p.capture.response(p.rec)
            if resp is None:
                continue
            fields = parse_html(resp.body, url, archive.charset_of(resp))
            targets = [link.url for link in fields.get("links") or []]
            targets += list(fields.get("stylesheets") or []) + list(fields.get("scripts") or [])
            step = 1
        for target in targets:
            target = target.split("#", 1)[0]
            q = picked.get(target)
            if q is not None and q.depth is None:
                q.depth, q.referrer = p.depth + step, url
                queue.append(target)
    deepest = max((p.depth for p in picked.values() if p.depth is not None), default=0)
    for p in picked.values():
        if p.depth is None:
            p.depth = deepest + 1


def _caps(picked: dict[str, Picked], max_pages: int, max_documents: int, max_assets: int,
          skipped: list[dict[str, Any]]) -> list[Picked]:
    caps = {"page": (max_pages, "pages"), "document": (max_documents, "documents"), "asset": (max_assets, "fichiers")}
    counts: dict[tuple[str, str], int] = {}
    kept = []
    for p in sorted(picked.values(), key=lambda p: (not p.homepage, p.depth, p.rec.url)):
        cap = caps.get(p.kind)
        if cap is not None and not p.homepage:
            n = counts.get((p.site, p.kind), 0)
            if n >= cap[0]:
                skipped.append(_skip(p.rec, UI["over_cap"].format(n=cap[0], what=cap[1])))
                continue
            counts[(p.site, p.kind)] = n + 1
        kept.append(p)
    return kept


def write_folder(directory: Path, cand: dict[str, Any], sel: Selection) -> dict[str, Any]:
    """The candidate's folder, as our crawl writes it; the previous archive is set aside, never overwritten."""
    directory.mkdir(parents=True, exist_ok=True)
    archive.set_aside(directory)
    archive.write_json(directory / archive.CANDIDATE_NAME, cand)
    used = sorted({p.source.key for p in sel.picked} | {s.key for s in sel.sources if s.candidate == cand["id"]})
    sources = [s for s in sel.sources if s.key in used]
    entries: list[archive.IndexEntry] = []
    with open(directory / archive.WARC_NAME, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(archive.WARC_NAME, {
            "software": f"tnl-evidence/{__version__}", "format": "WARC File Format 1.1",
            "description": UI["import_description"], "isPartOf": cand["id"]}))
        for src in sources:  # their own warcinfo records, byte for byte: who made the records that follow
            for capture in src.files:
                info = capture.warcinfo()
                if info is not None:
                    fh.write(capture.member(info)[0])
        for p in sel.picked:
            entries.append(_entry(p, fh))
    for start in sel.missing_homepages:
        entries.append(archive.IndexEntry(
            url=start, kind="page", site=start, depth=0, fetched_at=archive.utc_now(),
            error=UI["no_homepage"].format(sources=", ".join(s.info["origin"] for s in sources) or "aucune"),
            extra={"homepage": True, "third_party": True}))
    with open(directory / archive.INDEX_NAME, "w", encoding="utf-8") as out:
        out.writelines(e.to_json() + "\n" for e in entries)
    dates = sorted(e.fetched_at for e in entries if e.extra.get("capture") and e.fetched_at)
    now = archive.utc_now()
    capture = {
        "third_party": True, "imported_at": now, "lacks": list(LACKS),
        "sources": [dict(s.info) for s in sources],
        "counts": {"records": sum(1 for e in entries if e.record_id), "pages": sum(1 for p in sel.picked if p.kind == "page"),
                   "documents": sum(1 for p in sel.picked if p.kind == "document"),
                   "revisits_resolved": sel.resolved_revisits, "skipped": len(sel.skipped),
                   "truncated": sum(1 for p in sel.picked if p.rec.truncated)},
        "missing_homepages": sel.missing_homepages,
        "skipped": sel.skipped[:MAX_SKIPPED_LISTED],
    }
    crawl = {"tool": {"name": "tnl-evidence", "version": __version__},
             "started_at": dates[0] if dates else now, "finished_at": dates[-1] if dates else now,
             "user_agent": None, "settings": {}, "finish_reason": "third_party_capture", "capture": capture}
    archive.write_json(directory / archive.CRAWL_NAME, crawl)
    return crawl


def _entry(p: Picked, fh) -> archive.IndexEntry:
    rec = p.rec
    file, offset, length = p.source.origin(p.capture, rec)
    extra: dict[str, Any] = {"capture": p.source.key, "origin_file": file, "origin_offset": offset,
                             "origin_length": length}
    if p.homepage:
        extra["homepage"] = True
    if p.asset:
        extra["asset"] = p.asset
    location = rec.header("Location")
    entry = archive.IndexEntry(
        url=rec.url or "", kind=p.kind, site=p.site, depth=p.depth or 0, referrer=p.referrer,
        fetched_at=rec.date or "", status=rec.status, content_type=rec.header("Content-Type"),
        redirect_to=urljoin(rec.url or "", location.strip()) if location and rec.status and 300 <= rec.status < 400
        else None, extra=extra)
    if rec.truncated:  # not read: a cut page or document would be judged on what is missing
        entry.error = UI["truncated"].format(why=rec.truncated)
        extra["warc_truncated"] = rec.truncated
        return entry
    member, extra["origin_sha256"], own = p.capture.member(rec)
    if not own:
        extra["recompressed"] = True  # a plain record, compressed here: its plain bytes are the file's
    extra["warc_offset"] = fh.tell()
    fh.write(member)
    entry.record_id, entry.sha256, entry.length = rec.record_id, rec.payload_sha256, rec.payload_length
    return entry


def import_archives(candidates: list[dict[str, Any]], specs: list[str], out: Path, *, max_pages: int = 200,
                    max_documents: int = 150, max_assets: int = 40,
                    sources: list[Source] | None = None) -> list[dict[str, Any]]:
    """Read the archives named by `specs` ([ID=]FILE), plus `sources` already opened (Common Crawl's),
    and write each candidate's folder under `out`; one summary row per candidate (`written` False:
    the captures hold nothing of it and no archive was given for it, no folder written)."""
    ids = {c["id"] for c in candidates}
    sources = list(sources or [])
    for spec in specs:
        cid, path = parse_spec(spec, ids)
        sources.append(open_source(f"s{len(sources) + 1}", path, cid))
    keys = {c["id"]: {site_key(u) for u in candidate_scope(c)} for c in candidates}
    scopes: dict[str | None, set[str]] = {cid: k for cid, k in keys.items()}
    scopes[None] = set().union(*keys.values()) if keys else set()
    scan_sources(sources, scopes)
    try:
        return [_import_one(cand, sources, Path(out), max_pages, max_documents, max_assets) for cand in candidates]
    finally:
        for src in sources:
            for capture in src.files:
                capture.close()


def _import_one(cand: dict[str, Any], sources: list[Source], out: Path, max_pages: int, max_documents: int,
                max_assets: int) -> dict[str, Any]:
    """One candidate's folder from the sources that may hold its records; its summary row."""
    mine = [s for s in sources if s.candidate in (None, cand["id"])]
    sel = select(cand, mine, max_pages, max_documents, max_assets)
    if not sel.picked and not any(s.candidate == cand["id"] for s in mine):
        return {"id": cand["id"], "written": False, "records": 0}
    crawl = write_folder(out / cand["id"], cand, sel)
    used = {x["key"] for x in crawl["capture"]["sources"]}
    counts = crawl["capture"]["counts"]
    return {"id": cand["id"], "written": True, "records": counts["records"], "pages": counts["pages"],
            "missing_homepages": sel.missing_homepages, "skipped": len(sel.skipped),
            "findings": [f for s in sel.sources if s.key in used for f in s.info["findings"]]}
