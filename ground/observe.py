"""Turn one candidate's archive (WARC + index) into typed observations, reading each record once."""
from __future__ import annotations

import contextlib
import email.utils
import json
import zlib
from pathlib import Path
from typing import Any, Iterator

from ground import archive, rendered
from ground.archive import ArchivedResponse, IndexEntry, charset_of, json_or_none
from ground.doctext import extract_bounded
from ground.documents import document_metadata
from ground.formats import document_format, served_format
from ground.html import parse_html
from ground.observations import ApiResponse, Asset, Document, NetRecord, Observations, Page, Probe, SiteStatus
from ground.registries import load_registries
from ground.spool import read_spool

PROBE_TEXT_CAP = 65_536  # characters kept of a probe's body
ASSET_TEXT_CAP = 2_000_000  # characters kept of a style sheet or script (a site's whole bundle, mostly)


def _norm(url: str) -> str:
    return url.split("#", 1)[0]


def digest(entry: IndexEntry, resp: ArchivedResponse) -> Any:
    """What the observations keep of one archived record, computed from that record alone (the same
    wherever and whenever it is computed: `tnl run`'s digester does it while the crawl goes on):
    page: the fields of its `Page` read from the body (None: not an HTML answer in 2xx; a document
    served at a page's address, `telecharger?id=5`: ("document", producer, creator, format)); document:
    (producer, creator, format as served, text and facts, dates); probe: (headers, text, JSON); dns, whois, tls, api: the JSON
    payload."""
    kind = entry.kind
    if kind == "page":
        ctype = (resp.header("Content-Type") or "").lower()
        ok = bool(entry.status and 200 <= entry.status < 300)
        if ok and ctype and "html" not in ctype:
            fmt = served_format(entry.url, ctype, resp.header("Content-Disposition"), resp.body[:8])
            return ("document", *_document(fmt, resp)) if fmt else None
        if not (ok and ("html" in ctype or not ctype)):
            return None
        fields = parse_html(resp.body, entry.url, charset_of(resp))
        fields["headers"] = {k.lower(): v for k, v in resp.headers}
        fields["cookies"] = [v.split("=", 1)[0].strip() for k, v in resp.headers if k.lower() == "set-cookie"]
        return fields
    if kind == "document":
        if entry.status and 200 <= entry.status < 300:
            fmt = served_format(entry.url, resp.header("Content-Type"), resp.header("Content-Disposition"),
                                resp.body[:8])
            return _document(fmt, resp)
        return None, None, None, None, None
    if kind == "probe":
        text = resp.body[: PROBE_TEXT_CAP * 4].decode(charset_of(resp) or "utf-8", "replace")[:PROBE_TEXT_CAP]
        return {k.lower(): v for k, v in resp.headers}, text, json_or_none(resp.body)
    if kind == "asset":
        if not (entry.status and 200 <= entry.status < 300):
            return ""
        return resp.body[: ASSET_TEXT_CAP * 2].decode(charset_of(resp) or "utf-8", "replace")[:ASSET_TEXT_CAP]
    if kind in ("dns", "whois", "tls"):
        return json_or_none(resp.body)
    if kind == "api":
        try:
            return json.loads(resp.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
    return None


TEXT_FORMATS = {"pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx"}


def _text(fmt: str | None, resp: ArchivedResponse) -> dict[str, Any] | None:
    """The document's text and facts (ground.doctext), read in a child process with a time limit;
    None for formats without text to read (csv, images…) or a body cut at the archive's read cap."""
    if fmt not in TEXT_FORMATS:
        return None
    if resp.truncated:
        return {"kind": fmt, "pages": [], "error": "document plus grand que ce qui est relu de l'archive : texte non lu"}
    return extract_bounded(resp.body)


def _document(fmt: str | None, resp: ArchivedResponse) -> tuple:
    """(producer, creator, format, text and facts, dates) of a document: its metadata read with its text
    in the bounded child (ground.doctext) when it has text to read, else here; dates: the day its
    metadata say it was created and the HTTP Last-Modified it was served with."""
    text = _text(fmt, resp)
    meta = text.get("meta") if text else None
    producer, creator, created = meta if meta else document_metadata(resp.body)
    return producer, creator, fmt, text, {"created": created, "last_modified": resp.header("Last-Modified")}


def _digested(directory: Path, index: list[IndexEntry], spool: Path | None,
              prepared: dict[str, Any] | None = None) -> Iterator[tuple[IndexEntry, Any]]:
    """Each archived record with its index entry and digest, in archive order. With a spool (`tnl
    run`): the digests it holds, and the records it lacks read alone at their offset; otherwise, or
    when a record's offset is unknown (older archives, shards of --redis), the WARC read through."""
    by_record = {e.record_id: e for e in index if e.record_id}
    digests = read_spool(spool, prepared) if spool is not None else {}
    if digests and archive.shards(directory) == [None] and all(
            e.record_id in digests or e.extra.get("warc_offset") is not None for e in by_record.values()):
        found = _by_offset(directory / archive.WARC_NAME, by_record.values(), digests)
        if found is not None:
            yield from found
            return
    for resp in archive.iter_merged_responses(directory):
        entry = by_record.get(resp.record_id)
        if entry is not None:
            found = digests.pop(resp.record_id, _NONE)
            yield entry, digest(entry, resp) if found is _NONE else found


def _by_offset(warc: Path, entries, digests: dict[str, Any]) -> list[tuple[IndexEntry, Any]] | None:
    """The entries' digests, from the spool or from their record read alone; None if a record is not
    where its index line says (then the WARC is read through, as without a spool)."""
    found = []
    with contextlib.ExitStack() as stack:
        fh = None
        for e in entries:  # index order is archive order: each line is written after its record
            if e.record_id in digests:
                found.append((e, digests[e.record_id]))
                continue
            if fh is None:
                fh = stack.enter_context(open(warc, "rb"))
            try:
                resp = archive.read_indexed(fh, e)
            except (EOFError, zlib.error, ValueError, OSError):
                return None
            if resp is None:
                return None
            found.append((e, digest(e, resp)))
    return found


_NONE = object()


def _text_fields(text: dict[str, Any] | None) -> dict[str, Any]:
    """The Document fields of an extraction (ground.doctext)."""
    if not text:
        return {}
    facts = {k: text.get(k) for k in ("pages_total", "tagged", "marked", "lang", "title", "display_title", "encrypted")
             if k in text}
    return {"text": [tuple(p) for p in text.get("pages") or []], "scanned": text.get("scanned"),
            "text_error": text.get("error"), "pdf_facts": facts or None, "text_truncated": bool(text.get("truncated"))}


def http_date(value: str | None) -> str | None:
    """The day of an HTTP date ("Tue, 12 Nov 2024 08:30:00 GMT" → "2024-11-12"); None if unreadable."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _dates(dates: dict[str, Any] | None) -> dict[str, Any]:
    if not dates:
        return {}
    return {"created": dates.get("created"), "last_modified": http_date(dates.get("last_modified"))}


def build(directory: Path, spool: Path | None = None, prepared: dict[str, Any] | None = None) -> Observations:
    """Read one candidate's folder (candidate.json, crawl.json, index.jsonl, WARC) into observations;
    `spool`: the digests of its records written during the crawl (tnl.digester), if any; `prepared`,
    if given, receives what the spool holds beyond the observations (SpoolWriter)."""
    directory = Path(directory)
    candidate = archive.read_json(directory / archive.CANDIDATE_NAME)
    crawl_path = directory / archive.CRAWL_NAME
    crawl = archive.read_json(crawl_path) if crawl_path.exists() else {}
    index = archive.read_merged_index(directory)  # one crawler process, or the shards of several (--redis)
    # Answers refused after their download (a body over the decompression cap): not pages.
    refused = {e.url for e in index if e.extra.get("refused")}
    start_urls = list(candidate.get("websites", [])) + list(candidate.get("opendata", []))

    pages: list[Page] = []
    fetched_docs: dict[str, Document] = {}
    api: list[ApiResponse] = []
    probes: list[Probe] = []
    netrecords: list[NetRecord] = []
    assets: list[Asset] = []
    for entry, found in _digested(directory, index, spool, prepared):
        if entry.kind == "page" and isinstance(found, tuple):  # a document served at a page's address
            _, producer, creator, fmt, text, dates = found
            fetched_docs[_norm(entry.url)] = Document(
                url=entry.url, format=fmt, linked_from=entry.referrer, fetched=True, status=entry.status,
                fetched_at=entry.fetched_at, sha256=entry.sha256, record_id=entry.record_id,
                size=entry.length, producer=producer, creator=creator, **_text_fields(text), **_dates(dates),
            )
        elif entry.kind == "page":
            if found is not None and entry.url not in refused:
                pages.append(Page(
                    url=entry.url, site=entry.site, depth=entry.depth, status=entry.status,
                    fetched_at=entry.fetched_at, sha256=entry.sha256, record_id=entry.record_id,
                    is_homepage=bool(entry.extra.get("homepage")), **found,
                ))
        elif entry.kind == "document":
            producer, creator, served, text, dates = found
            fetched_docs[_norm(entry.url)] = Document(
                url=entry.url, format=served or document_format(entry.url, entry.content_type) or "autre",
                linked_from=entry.referrer, fetched=True, status=entry.status,
                fetched_at=entry.fetched_at, sha256=entry.sha256, record_id=entry.record_id,
                size=entry.length, producer=producer, creator=creator, **_text_fields(text), **_dates(dates),
            )
        elif entry.kind == "probe":
            headers, text, data = found
            probes.append(Probe(entry.url, entry.extra.get("purpose", ""), entry.status, entry.fetched_at,
                                entry.sha256, entry.record_id, headers, text, data, entry.redirect_to))
        elif entry.kind in ("dns", "whois", "tls"):
            netrecords.append(NetRecord(entry.kind, entry.url, entry.fetched_at, entry.sha256, entry.record_id,
                                        found, entry.error))
        elif entry.kind == "asset":
            assets.append(Asset(entry.url, entry.extra.get("asset", ""), entry.site, entry.status, entry.fetched_at,
                                entry.sha256, entry.record_id, entry.length, found or ""))
        elif entry.kind == "api":
            api.append(ApiResponse(entry.url, entry.status, entry.fetched_at, entry.sha256,
                                   entry.record_id, entry.extra.get("purpose", ""), found))

    # Every document linked from a page, fetched or not (offsite, too large, refused...).
    # Pages in (depth, URL) order, so that "linked from" does not depend on the crawl's timing.
    pages.sort(key=lambda p: (p.depth, p.url))
    documents: dict[str, Document] = {}
    # The rendered pass (--render): its renderings, its record, and the pages whose text only the
    # browser shows (their rendered text feeds the text checks, marked as rendered).
    renderings, render = [], {}
    if (directory / archive.shard_names(rendered.RENDER_SHARD)[0]).exists():
        renderings = rendered.read_renderings(directory, only=rendered.RENDER_SHARD)
        render = rendered.read_render_meta(directory)
        render["rendered_text"] = rendered.apply_rendered_text(pages, renderings)
    for page in pages:
        feeds = set(page.feeds)
        for link in page.links:
            url = _norm(link.url)
            fmt = document_format(url) if url not in feeds else None
            if not fmt and url not in fetched_docs:  # `telecharger?id=5`: a document only once served
                continue
            doc = documents.get(url)
            if doc is None:
                doc = fetched_docs.get(url) or Document(url=url, format=fmt, linked_from=page.url)
                doc.linked_from = page.url
                documents[url] = doc
            if page.url not in doc.linked_by:
                doc.linked_by.append(page.url)
    failed = {_norm(e.url): e.error for e in index if e.kind == "document" and e.error}
    for url, doc in documents.items():
        if not doc.fetched and url in failed:
            doc.error = failed[url]
    for url, doc in fetched_docs.items():
        documents.setdefault(url, doc)

    # Failed probes and lookups leave no record, only an index line: they are facts too.
    for e in index:
        if e.kind == "probe" and e.record_id is None:
            probes.append(Probe(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, None, None,
                                error=e.error))
        elif e.kind in ("dns", "whois", "tls") and e.record_id is None:
            netrecords.append(NetRecord(e.kind, e.url, e.fetched_at, None, None, error=e.error))
        elif e.kind == "asset" and e.record_id is None:
            assets.append(Asset(e.url, e.extra.get("asset", ""), e.site, e.status, e.fetched_at, None, None, None,
                                error=e.error))
    sites = _site_statuses(start_urls, [e for e in index if not (e.record_id and e.url in refused)],
                           pages, list(documents.values()))
    return Observations(candidate=candidate, crawl=crawl, index=index, pages=pages,
                        renderings=renderings, render=render,
                        documents=sorted(documents.values(), key=lambda d: d.url),
                        api=api, sites=sites,
                        probes=sorted(probes, key=lambda p: (p.purpose, p.url, p.fetched_at)),
                        netrecords=sorted(netrecords, key=lambda r: (r.uri, r.fetched_at)),
                        assets=sorted(assets, key=lambda a: (a.url, a.fetched_at)),
                        registries=load_registries(directory.parent / "_registries"))


def _site_statuses(start_urls: list[str], index: list[IndexEntry], pages: list[Page],
                   documents: list[Document]) -> list[SiteStatus]:
    statuses = []
    for url in start_urls:
        tried = [e for e in index if e.site == url and e.extra.get("homepage")]
        ok = [e for e in tried if e.status and 200 <= e.status < 300]
        last = ok[0] if ok else (tried[-1] if tried else None)
        error = None
        if last is None:
            error = "jamais atteint (aucune tentative enregistrée)"
        elif not ok:
            error = last.error or (f"HTTP {last.status}" if last.status else "erreur inconnue")
        site_pages = [p for p in pages if p.site == url]
        page_urls = {p.url for p in site_pages}
        site_docs = [d for d in documents if d.fetched and page_urls.intersection(d.linked_by)]
        statuses.append(SiteStatus(
            url=url, reachable=bool(ok), status=last.status if last else None, error=error,
            fetched_at=last.fetched_at if last else None, pages=len(site_pages), documents=len(site_docs),
        ))
    return statuses
