"""The evidence archive of one candidate: a WARC file (warcio) plus a JSONL index of every URL tried."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_NAME = "crawl.warc.gz"
INDEX_NAME = "index.jsonl"
CANDIDATE_NAME = "candidate.json"
CRAWL_NAME = "crawl.json"
REPORT_JSON = "report.json"
REPORT_HTML = "report.html"


def shard_names(shard: str | None = None) -> tuple[str, str]:
    """(WARC, index) file names: crawl.warc.gz + index.jsonl, or one crawler process's shard of them
    (`tnl crawl --redis`: crawl-<shard>.warc.gz + index-<shard>.jsonl in the same candidate folder)."""
    if not shard:
        return WARC_NAME, INDEX_NAME
    return f"crawl-{shard}.warc.gz", f"index-{shard}.jsonl"


def shards(directory: Path) -> list[str | None]:
    """The shards present in a candidate folder (None: the main files), main first, then by name."""
    found = sorted(p.name[len("index-"):-len(".jsonl")] for p in Path(directory).glob("index-*.jsonl"))
    return [None, *found]

# Bodies are decoded (gzip/deflate/br) when read back; never more than this, whatever they claim.
READ_CAP = 20 * 1024 * 1024

# gzip level of the WARC records (warcio's own writer uses 9). Measured on HTML served uncompressed
# (most servers send gzip or br: those payloads are stored, below), per 60 KB page: level 9 2.7 ms
# of CPU, 6 1.9 ms, 1 0.7 ms; size 0.184 of the page at 9 and 6, 0.223 at 1 on the bench's pages
# (+21 %), 0.192 against 0.184 on the demo world's (+4 %). Level 1 takes ~15 % off the crawl's CPU
# per page for that. Any level reads back the same (plain gzip); TNL_WARC_GZIP_LEVEL chooses.
WARC_GZIP_LEVEL = 1
# A payload compressed already, by the server (Content-Encoding) or by its own format (zip containers:
# ODF, OOXML, EPUB; gzip; PNG; JPEG; GIF), is stored in its gzip member (level 0): deflating it again
# gains nothing (measured on gzip-encoded pages: 1.002 of the size at level 1, 6 and 9 alike) and
# costs four times the CPU. The member is still plain gzip, read back like any other.
_COMPRESSED_ENCODINGS = {"gzip", "x-gzip", "deflate", "br", "zstd"}
_COMPRESSED_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")

# Hop-by-hop framing already undone by the HTTP client: keeping it would make readers dechunk twice.
_FRAMING_HEADERS = {"transfer-encoding"}


def _compressed_payload(headers: list[tuple[str, str]], body: bytes) -> bool:
    for name, value in headers:
        if name.lower() == "content-encoding" and value.rsplit(",", 1)[-1].strip().lower() in _COMPRESSED_ENCODINGS:
            return True
    return body.startswith(_COMPRESSED_MAGIC)


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class IndexEntry:
    """One line of index.jsonl: one URL tried (fetched, failed or refused)."""

    url: str
    kind: str  # page | document | robots | api | other
    site: str | None = None  # the candidate website (start URL) this URL belongs to, if any
    depth: int = 0
    referrer: str | None = None
    fetched_at: str = ""
    status: int | None = None
    content_type: str | None = None
    length: int | None = None  # bytes of payload as archived
    sha256: str | None = None  # SHA-256 of the payload as archived
    record_id: str | None = None  # WARC-Record-ID of the response record
    redirect_to: str | None = None
    error: str | None = None  # why nothing (usable) was received
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        # The fields as they are (asdict() would deep-copy them first: same JSON, one index line a page).
        data = {k: v for k in self.__dataclass_fields__ if (v := getattr(self, k)) not in (None, {}, "")}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "IndexEntry":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


class _GzipMembers:
    """The file warcio writes to: each record becomes its own gzip member (what warcio's gzip mode
    writes, and what lets a record be read from its offset), compressed at `level`."""

    def __init__(self, fh, level: int) -> None:
        self.fh = fh
        self.level = level
        self._compressor = None

    def write(self, data: bytes) -> None:
        if self._compressor is None:
            self._compressor = zlib.compressobj(self.level, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        self.fh.write(self._compressor.compress(data))

    def flush(self) -> None:
        """warcio calls this once, at the end of every record: the member ends here."""
        if self._compressor is not None:
            self.fh.write(self._compressor.flush())
            self._compressor = None


class ArchiveWriter:
    """Appends WARC records and index lines, flushing after each so a crash loses at most one."""

    def __init__(self, directory: Path, software: str = "tnl-evidence", shard: str | None = None,
                 compresslevel: int = WARC_GZIP_LEVEL) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        warc_name, index_name = shard_names(shard)
        new = not (self.directory / warc_name).exists()
        self._warc_file = open(self.directory / warc_name, "ab")
        self._index_file = open(self.directory / index_name, "a", encoding="utf-8")
        # warcio serialises the records; _GzipMembers compresses each one (warcio's own gzip mode is level 9).
        self.compresslevel = compresslevel
        self._members = _GzipMembers(self._warc_file, compresslevel)
        self._writer = WARCWriter(self._members, gzip=False)
        if new:
            info = self._writer.create_warcinfo_record(
                warc_name, {"software": software, "format": "WARC File Format 1.1"}
            )
            self._writer.write_record(info)
            self._warc_file.flush()

    def write_exchange(
        self,
        entry: IndexEntry,
        *,
        method: str,
        request_headers: list[tuple[str, str]],
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        protocol: str = "HTTP/1.1",
    ) -> IndexEntry:
        """Archive one request/response pair as received, and index it."""
        entry.fetched_at = entry.fetched_at or utc_now()
        digest = hashlib.sha256(body)
        entry.sha256 = digest.hexdigest()
        entry.length = len(body)
        warc_date = entry.fetched_at[:19] + "Z"
        headers = [(k, v) for k, v in response_headers if k.lower() not in _FRAMING_HEADERS]
        http_headers = StatusAndHeaders(f"{entry.status} {reason}".strip(), headers, protocol=protocol)
        response = self._writer.create_warc_record(
            entry.url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Date": warc_date,
                "WARC-Payload-Digest": "sha256:" + base64.b32encode(digest.digest()).decode(),
            },
        )
        target = entry.url.split("://", 1)[-1].split("/", 1)
        path = "/" + (target[1] if len(target) > 1 else "")
        req_http = StatusAndHeaders(f"{method} {path} {protocol}", request_headers, is_http_request=True)
        request = self._writer.create_warc_record(
            entry.url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_http,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        entry.record_id = response.rec_headers.get_header("WARC-Record-ID")
        # What warcio's write_request_response_pair adds (URI and date are already the response's).
        request.rec_headers.add_header("WARC-Concurrent-To", entry.record_id)
        # Where the response record starts: lets a resumed crawl replay it instead of fetching again.
        entry.extra["warc_offset"] = self._warc_file.tell()
        self._members.level = 0 if _compressed_payload(headers, body) else self.compresslevel
        self._writer.write_record(response)
        self._members.level = self.compresslevel
        self._writer.write_record(request)
        self._warc_file.flush()
        self.write_index(entry)
        return entry

    def write_resource(self, entry: IndexEntry, *, content_type: str, payload: bytes,
                       warc_headers: dict[str, str] | None = None) -> IndexEntry:
        """Archive a non-HTTP observation (a DNS answer, a WHOIS reply) as a WARC resource record.

        `entry.url` is its URI, e.g. `dns:www.ville.fr?type=AAAA` (as Heritrix writes DNS records)
        or `whois:ville.fr`. `warc_headers`: more WARC headers (e.g. `WARC-Concurrent-To`).
        """
        entry.fetched_at = entry.fetched_at or utc_now()
        digest = hashlib.sha256(payload)
        entry.sha256 = digest.hexdigest()
        entry.length = len(payload)
        entry.content_type = content_type
        record = self._writer.create_warc_record(
            entry.url, "resource", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type=content_type,
            warc_headers_dict={
                "WARC-Date": entry.fetched_at[:19] + "Z",
                "WARC-Payload-Digest": "sha256:" + base64.b32encode(digest.digest()).decode(),
                **(warc_headers or {}),
            },
        )
        entry.record_id = record.rec_headers.get_header("WARC-Record-ID")
        entry.extra["warc_offset"] = self._warc_file.tell()  # read back alone by `tnl run`'s digester
        self._writer.write_record(record)
        self._warc_file.flush()
        self.write_index(entry)
        return entry

    def write_index(self, entry: IndexEntry) -> None:
        entry.fetched_at = entry.fetched_at or utc_now()
        self._index_file.write(entry.to_json() + "\n")
        self._index_file.flush()

    def close(self) -> None:
        self._warc_file.close()
        self._index_file.close()


def repair(directory: Path) -> dict[str, int]:
    """Make a crashed archive appendable: cut the WARC after its last record that the index knows,
    and drop a torn last index line. Returns what was dropped (bytes, lines)."""
    directory = Path(directory)
    warc, index = directory / WARC_NAME, directory / INDEX_NAME
    dropped = {"warc_bytes": 0, "index_lines": 0}
    if index.exists():
        raw = index.read_bytes()
        if raw and not raw.endswith(b"\n"):
            keep = raw[: raw.rfind(b"\n") + 1]
            index.write_bytes(keep)
            dropped["index_lines"] = 1
    if not warc.exists():
        return dropped
    known = {e.record_id for e in read_index(directory) if e.record_id}
    good_end = 0
    pending_response = False
    with open(warc, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                kind = record.rec_type
                record.raw_stream.read()  # consume, so that the offsets below are exact
                end = iterator.get_record_offset() + iterator.get_record_length()
                if kind == "warcinfo" or (kind == "resource" and record_id in known):
                    good_end, pending_response = end, False
                elif kind == "response":
                    pending_response = record_id in known
                elif kind == "request" and pending_response:
                    good_end, pending_response = end, False
        except (EOFError, zlib.error, ValueError, OSError):
            pass  # a torn record: everything after good_end goes
    size = warc.stat().st_size
    if good_end < size:
        with open(warc, "r+b") as fh:
            fh.truncate(good_end)
        dropped["warc_bytes"] = size - good_end
    return dropped


def read_record(directory: Path, offset: int, shard: str | None = None) -> ArchivedResponse | None:
    """The response record starting at `offset` in a candidate's WARC (raw body, not decoded)."""
    with open(Path(directory) / shard_names(shard)[0], "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                return None
            http = record.http_headers
            raw = record.raw_stream.read(READ_CAP + 1)
            status = int(http.get_statuscode()) if http and http.get_statuscode().isdigit() else None
            return ArchivedResponse(record.rec_headers.get_header("WARC-Record-ID"),
                                    record.rec_headers.get_header("WARC-Target-URI"), status,
                                    list(http.headers) if http else [], raw, len(raw) > READ_CAP)
    return None


def read_index(directory: Path, shard: str | None = None) -> list[IndexEntry]:
    """Every line of index.jsonl (or of one shard); a truncated last line (crash mid-write) is skipped."""
    path = Path(directory) / shard_names(shard)[1]
    if not path.exists():
        return []
    entries = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                entries.append(IndexEntry.from_dict(json.loads(line)))
            except (json.JSONDecodeError, TypeError):
                continue
    return entries


@dataclass
class ArchivedResponse:
    record_id: str
    url: str
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes  # decoded (Content-Encoding undone), capped at READ_CAP
    truncated: bool

    def header(self, name: str) -> str | None:
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None


def _decode_body(raw: bytes, encoding: str | None) -> tuple[bytes, bool]:
    encoding = (encoding or "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS
        try:
            d = zlib.decompressobj(wbits)
            out = d.decompress(raw, READ_CAP)
            return out, bool(d.unconsumed_tail)
        except zlib.error:
            try:
                d = zlib.decompressobj(-zlib.MAX_WBITS)
                out = d.decompress(raw, READ_CAP)
                return out, bool(d.unconsumed_tail)
            except zlib.error:
                return raw[:READ_CAP], len(raw) > READ_CAP
    if encoding == "br":
        try:
            import brotli  # optional: installed with scrapy's usual extras
        except ImportError:  # pragma: no cover
            return raw[:READ_CAP], len(raw) > READ_CAP
        try:
            out = brotli.decompress(raw)
        except brotli.error:
            return raw[:READ_CAP], len(raw) > READ_CAP
        return out[:READ_CAP], len(out) > READ_CAP
    return raw[:READ_CAP], len(raw) > READ_CAP


def read_merged_index(directory: Path) -> list[IndexEntry]:
    """The index of a candidate over all its shards (a distributed crawl), main file first."""
    return [e for shard in shards(directory) for e in read_index(directory, shard)]


def iter_merged_responses(directory: Path) -> Iterator[ArchivedResponse]:
    """The records of a candidate over all its WARC shards (record ids are unique across shards)."""
    for shard in shards(directory):
        yield from iter_responses(directory, shard)


def iter_responses(directory: Path, shard: str | None = None) -> Iterator[ArchivedResponse]:
    """Stream the response (and resource) records of a candidate's WARC, bodies decoded and capped."""
    path = Path(directory) / shard_names(shard)[0]
    if not path.exists():
        return
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type in ("response", "resource"):
                    yield _archived(record)
        except (EOFError, zlib.error, ValueError):
            # A record cut short by a crash: everything before it was complete and is kept.
            return


def read_response(fh, offset: int) -> ArchivedResponse | None:
    """The response or resource record starting at `offset` of an open WARC file, body decoded and
    capped as iter_responses reads it; None if another kind of record, or none, starts there."""
    fh.seek(offset)
    for record in ArchiveIterator(fh):
        return _archived(record) if record.rec_type in ("response", "resource") else None
    return None


def read_indexed(fh, entry: IndexEntry) -> ArchivedResponse | None:
    """The record an index line names, read alone at its `warc_offset` in the open WARC; None if that
    record is not there (the caller then reads the WARC through)."""
    resp = read_response(fh, int(entry.extra["warc_offset"]))
    return resp if resp is not None and resp.record_id == entry.record_id else None


def _archived(record) -> ArchivedResponse:
    http = record.http_headers if record.rec_type == "response" else None
    stream = record.raw_stream
    if http is not None and "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
        # Kept as received by others' crawlers (wget, Heritrix: tnl import); ours removes the framing.
        stream = ChunkedDataReader(stream)
    raw = stream.read(READ_CAP + 1)
    headers = list(http.headers) if http else []
    if record.rec_type == "resource":
        headers = [("Content-Type", record.rec_headers.get_header("Content-Type") or "")]
    status = int(http.get_statuscode()) if http and http.get_statuscode().isdigit() else None
    encoding = http.get_header("Content-Encoding") if http else None
    body, truncated = _decode_body(raw, encoding)
    return ArchivedResponse(
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=status,
        headers=headers,
        body=body,
        truncated=truncated or len(raw) > READ_CAP,
    )


def write_json(path: Path, data: Any) -> None:
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def charset_of(resp: ArchivedResponse) -> str | None:
    ctype = resp.header("Content-Type") or ""
    m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    return m.group(1) if m else None


def json_or_none(body: bytes) -> Any:
    head = body[:1].strip() or body.lstrip()[:1]
    if head not in (b"{", b"["):
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def set_aside(directory: Path) -> None:
    """A new crawl never overwrites an old one: the previous archive moves to previous/<date>/."""
    old = [directory / n for n in (WARC_NAME, INDEX_NAME, CRAWL_NAME) if (directory / n).exists()]
    if not old:
        return
    stamp = utc_now().replace(":", "").replace("-", "")[:15]
    dest = directory / "previous" / stamp
    dest.mkdir(parents=True, exist_ok=True)
    for path in old:
        shutil.move(str(path), dest / path.name)
