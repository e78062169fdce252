"""Archives made by others: WARC files of wget (`--warc-file`), Heritrix, Browsertrix, WACZ packages
and Common Crawl's records, read as they are (never fetched again).

What this module tells of such a file: who made it (its warcinfo record: `software`, the producer),
its layout (one gzip member per record, plain, or one gzip stream), and for each record its kind,
address, WARC-Date, HTTP status and headers, the SHA-256 of its payload and where it lies in its file
(offset, length): our index (tnl/imports.py) points at the third party's own bytes, and each piece
of evidence can say « capture tierce » with its origin and date (`evidence_capture`).

A WACZ (webrecorder's package: `archive/*.warc.gz`, `indexes/`, `pages/pages.jsonl`,
`datapackage.json` with the SHA-256 of every file) is read with zipfile; a file whose hash differs from
the one datapackage.json declares is a finding, never a crash.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ground.archive import ArchivedResponse, read_response

# The producers we know by the `software` of their warcinfo record (or a WACZ's datapackage.json).
PRODUCERS = (
    ("browsertrix", "browsertrix"),  # « Browsertrix-Crawler 1.4.2 (with warcio.js 2.3.1) »
    ("wget/", "wget"),  # « Wget/1.21.3 (linux-gnu) »
    ("heritrix", "heritrix"),  # « Heritrix/3.4.0-20220727 http://crawler.archive.org »
    ("nutch", "commoncrawl"),  # Common Crawl's files: « Apache Nutch 1.20 (modified, …/commoncrawl/nutch/) »
    ("common crawl", "commoncrawl"),
)
# How a WARC file is laid out: each record its own gzip member (what every tool writes by default:
# a record can be cut out by its offset and length, byte for byte), plain, or one gzip stream.
LAYOUT_MEMBERS, LAYOUT_PLAIN, LAYOUT_GZIP_WHOLE = "gzip-par-enregistrement", "non-compressé", "gzip-d-un-seul-tenant"
WACZ_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 8  # the first bytes of a payload, kept to tell a document by its signature (%PDF-)
READ_CHUNK = 1 << 16

UI = {
    "unreadable": "lecture arrêtée à l'octet {offset} : {error} (les enregistrements lus avant sont gardés)",
    "no_datapackage": "{file} : pas de datapackage.json (WACZ incomplet) : empreintes des fichiers non vérifiées",
    "bad_datapackage": "{file} : datapackage.json illisible ({error}) : empreintes des fichiers non vérifiées",
    "hash_mismatch": "{file} : {path} n'a pas l'empreinte que déclare datapackage.json "
                     "(déclarée {declared}, lue {actual}) : le fichier a changé depuis sa création",
    "size_mismatch": "{file} : {path} fait {actual} octets, datapackage.json en déclare {declared}",
    "missing_member": "{file} : {path}, déclaré dans datapackage.json, manque au paquet",
    "unlisted_member": "{file} : {path} n'est pas déclaré dans datapackage.json (non vérifié)",
    "other_hash": "{file} : {path} : empreinte {algo} non vérifiée (seul SHA-256 est vérifié)",
    "digest_mismatch": "{file} : datapackage.json n'a pas l'empreinte que déclare datapackage-digest.json",
    "no_warc": "{file} : aucun fichier WARC dans archive/",
}


def producer_of(software: str | None) -> str:
    """browsertrix | wget | heritrix | commoncrawl | autre, from a `software` field."""
    text = (software or "").lower()
    return next((name for key, name in PRODUCERS if key in text), "autre")


def warc_fields(payload: bytes) -> dict[str, str]:
    """The `name: value` lines of an application/warc-fields block (a warcinfo record), first of each."""
    fields: dict[str, str] = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() and name.strip() not in fields:
            fields[name.strip()] = value.strip()
    return fields


@dataclass
class CaptureRecord:
    """One record of a third-party WARC file, without its payload (which stays in the file)."""

    file: str  # the WARC file it lies in (in a WACZ: its path inside the package)
    offset: int  # where the record starts in that file (a gzip member's first byte)
    length: int  # its bytes in that file
    rec_type: str  # warcinfo | response | request | revisit | resource | metadata …
    url: str | None
    date: str | None  # WARC-Date
    record_id: str | None
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)  # the HTTP headers as archived
    payload_length: int = 0
    payload_sha256: str | None = None  # SHA-256 of the payload as archived (after the HTTP headers)
    head: bytes = b""
    payload_digest: str | None = None  # WARC-Payload-Digest, as the producer wrote it
    truncated: str | None = None  # WARC-Truncated: length | time | disconnect | unspecified
    refers_to: str | None = None  # revisit: WARC-Refers-To (the record id of the original)
    refers_to_uri: str | None = None
    refers_to_date: str | None = None
    profile: str | None = None  # revisit: WARC-Profile
    fields: dict[str, str] | None = None  # warcinfo: its fields (software, format, isPartOf…)
    warc_filename: str | None = None  # warcinfo: WARC-Filename

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


@dataclass
class CaptureFile:
    """A WARC file of a capture: how to open it, its layout, its warcinfo, its records."""

    label: str  # the name shown (file name; `paquet.wacz#archive/data.warc.gz` in a WACZ)
    opener: Callable[[], Any]  # a new binary, seekable file object of the WARC as stored
    layout: str = LAYOUT_MEMBERS
    records: list[CaptureRecord] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    error: str | None = None  # why the reading stopped before the end, if it did

    def _open(self):
        if self.layout != LAYOUT_GZIP_WHOLE:
            return self.opener()
        raw = self.opener()
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
        stream.close = _closing(stream.close, raw.close)  # type: ignore[method-assign]
        return stream

    def _handle(self):
        """One open file for the reads that follow the scan (a WACZ or a single gzip stream is costly
        to open and seek from its start every time); `close` ends it."""
        if getattr(self, "_fh", None) is None:
            self._fh = self._open()
        return self._fh

    def close(self) -> None:
        fh, self._fh = getattr(self, "_fh", None), None
        if fh is not None:
            fh.close()

    def warcinfo(self) -> CaptureRecord | None:
        return next((r for r in self.records if r.rec_type == "warcinfo"), None)

    def member(self, record: CaptureRecord) -> tuple[bytes, str, bool]:
        """(the record as a gzip member, SHA-256 of its bytes in the file, whether the member is the
        file's own bytes). False: a plain or single-stream file, whose record is compressed here (its
        plain bytes, those the SHA-256 is of, are the file's)."""
        fh = self._handle()
        fh.seek(record.offset)
        data = fh.read(record.length)
        digest = hashlib.sha256(data).hexdigest()
        if self.layout == LAYOUT_MEMBERS:
            return data, digest, True
        # A plain record ends with two CRLF that warcio leaves out of its length: put back.
        return gzip.compress(data + b"\r\n\r\n", compresslevel=6, mtime=0), digest, False

    def response(self, record: CaptureRecord) -> ArchivedResponse | None:
        """The record read as our reader reads ours (body decoded and capped)."""
        return read_response(self._handle(), record.offset)


def _payload(stream) -> tuple[int, str, bytes]:
    digest, size, head = hashlib.sha256(), 0, b""
    while True:
        chunk = stream.read(READ_CHUNK)
        if not chunk:
            return size, digest.hexdigest(), head
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        size += len(chunk)


def _record(raw, label: str) -> CaptureRecord:
    h = raw.rec_headers
    rec = CaptureRecord(
        file=label, offset=0, length=0, rec_type=raw.rec_type or "", url=h.get_header("WARC-Target-URI"),
        date=h.get_header("WARC-Date"), record_id=h.get_header("WARC-Record-ID"),
        payload_digest=h.get_header("WARC-Payload-Digest"), truncated=h.get_header("WARC-Truncated"),
        refers_to=h.get_header("WARC-Refers-To"), refers_to_uri=h.get_header("WARC-Refers-To-Target-URI"),
        refers_to_date=h.get_header("WARC-Refers-To-Date"), profile=h.get_header("WARC-Profile"),
    )
    http = raw.http_headers if raw.rec_type in ("response", "revisit") else None
    if http is not None:
        code = http.get_statuscode()
        rec.status = int(code) if code and code.isdigit() else None
        rec.headers = list(http.headers)
    elif raw.rec_type in ("resource", "metadata", "warcinfo"):
        rec.headers = [("Content-Type", h.get_header("Content-Type") or "")]
    if raw.rec_type == "warcinfo":
        block = raw.raw_stream.read(1 << 20)
        rec.fields = warc_fields(block)
        rec.warc_filename = h.get_header("WARC-Filename")
        rec.payload_length, rec.payload_sha256 = len(block), hashlib.sha256(block).hexdigest()
    else:
        rec.payload_length, rec.payload_sha256, rec.head = _payload(raw.raw_stream)
    return rec


def _iterate(fh, label: str, keep: Callable[[str | None], bool], out: list[CaptureRecord]) -> None:
    iterator = ArchiveIterator(fh)
    for raw in iterator:
        rec = _record(raw, label)
        rec.offset, rec.length = iterator.get_record_offset(), iterator.get_record_length()
        if rec.rec_type == "warcinfo" or keep(rec.url):
            out.append(rec)


def scan(capture: CaptureFile, keep: Callable[[str | None], bool] = lambda url: True) -> CaptureFile:
    """Read every record of `capture` once (payloads hashed, not kept); `keep`: the target URIs whose
    records are wanted (warcinfo records are always kept). An unreadable tail is a finding."""
    with capture.opener() as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    capture.layout = LAYOUT_MEMBERS if gzipped else LAYOUT_PLAIN
    for attempt in (1, 2):
        records: list[CaptureRecord] = []
        try:
            with capture._open() as fh:
                _iterate(fh, capture.label, keep, records)
        except ArchiveLoadFailed as exc:
            if attempt == 1 and gzipped and "non-chunked gzip" in str(exc):
                capture.layout = LAYOUT_GZIP_WHOLE  # one gzip stream: read through, offsets in its plain bytes
                continue
            _stopped(capture, records, exc)
        except (EOFError, zlib.error, ValueError, OSError) as exc:
            _stopped(capture, records, exc)
        capture.records = records
        return capture
    return capture  # pragma: no cover - the loop always returns


def _stopped(capture: CaptureFile, records: list[CaptureRecord], exc: Exception) -> None:
    at = records[-1].offset + records[-1].length if records else 0
    error = " ".join(str(exc).split())[:200] or exc.__class__.__name__
    capture.error = error
    capture.findings.append(UI["unreadable"].format(offset=at, error=error))


def sha256_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def is_wacz(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(4) == WACZ_MAGIC


@dataclass
class Wacz:
    """What a WACZ package says of itself, its WARC files, and what did not check out."""

    datapackage: dict[str, Any]
    warcs: list[str]  # paths of archive/*.warc(.gz) inside the package
    files: list[dict[str, Any]]  # every file datapackage.json lists: path, declared, sha256, ok
    pages: dict[str, dict[str, Any]]  # pages/pages.jsonl by URL (url, ts, title, seed, depth…)
    findings: list[str]


def _declared(resource: dict[str, Any]) -> tuple[str | None, str | None]:
    """(algorithm, hex) of a resource's `hash` ("sha256:…"; a bare hex digest is SHA-256)."""
    value = str(resource.get("hash") or "")
    if not value:
        return None, None
    algo, sep, hexa = value.partition(":")
    return (algo.lower(), hexa.lower()) if sep else ("sha256", value.lower())


def _member_sha256(zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with zf.open(name) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def read_wacz(path: Path) -> Wacz:
    """Read a WACZ's manifest and check every file against it (SHA-256, size): mismatches are findings."""
    path = Path(path)
    name = path.name
    findings: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        warcs = sorted(n for n in names if n.startswith("archive/") and n.lower().endswith((".warc", ".warc.gz")))
        datapackage: dict[str, Any] = {}
        if "datapackage.json" not in names:
            findings.append(UI["no_datapackage"].format(file=name))
        else:
            raw = zf.read("datapackage.json")
            try:
                datapackage = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                findings.append(UI["bad_datapackage"].format(file=name, error=str(exc)[:120]))
                datapackage = {}
            if not isinstance(datapackage, dict):
                findings.append(UI["bad_datapackage"].format(file=name, error="pas un objet JSON"))
                datapackage = {}
            _check_digest(zf, names, raw, name, findings)
        files = _check_resources(zf, names, datapackage, name, findings) if datapackage else []
        pages = _pages(zf, names)
    if not warcs:
        findings.append(UI["no_warc"].format(file=name))
    return Wacz(datapackage, warcs, files, pages, findings)


def _check_digest(zf: zipfile.ZipFile, names: list[str], raw: bytes, name: str, findings: list[str]) -> None:
    if "datapackage-digest.json" not in names:
        return
    try:
        digest = json.loads(zf.read("datapackage-digest.json").decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return
    algo, hexa = _declared(digest if isinstance(digest, dict) else {})
    if algo == "sha256" and hexa != hashlib.sha256(raw).hexdigest():
        findings.append(UI["digest_mismatch"].format(file=name))


def _check_resources(zf: zipfile.ZipFile, names: list[str], datapackage: dict[str, Any], name: str,
                     findings: list[str]) -> list[dict[str, Any]]:
    files = []
    listed = set()
    for res in datapackage.get("resources") or []:
        if not isinstance(res, dict) or not res.get("path"):
            continue
        path = str(res["path"])
        listed.add(path)
        algo, declared = _declared(res)
        row: dict[str, Any] = {"path": path, "declared": f"{algo}:{declared}" if algo else None, "sha256": None,
                               "ok": None}
        if path not in names:
            findings.append(UI["missing_member"].format(file=name, path=path))
            row["ok"] = False
            files.append(row)
            continue
        actual, size = _member_sha256(zf, path)
        row["sha256"] = actual
        if algo == "sha256":
            row["ok"] = actual == declared
            if not row["ok"]:
                findings.append(UI["hash_mismatch"].format(file=name, path=path, declared=declared, actual=actual))
        elif algo:
            findings.append(UI["other_hash"].format(file=name, path=path, algo=algo))
        if isinstance(res.get("bytes"), int) and res["bytes"] != size:
            row["ok"] = False
            findings.append(UI["size_mismatch"].format(file=name, path=path, actual=size, declared=res["bytes"]))
        files.append(row)
    for path in names:
        if path.startswith("archive/") and path not in listed:
            findings.append(UI["unlisted_member"].format(file=name, path=path))
    return files


def _pages(zf: zipfile.ZipFile, names: list[str]) -> dict[str, dict[str, Any]]:
    """pages/pages.jsonl (and extraPages.jsonl) by URL; its first line may be a header ({"format": …})."""
    pages: dict[str, dict[str, Any]] = {}
    for member in ("pages/pages.jsonl", "pages/extraPages.jsonl"):
        if member not in names:
            continue
        for line in zf.read(member).decode("utf-8", "replace").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("url"), str):
                pages.setdefault(row["url"], row)
    return pages


def wacz_opener(path: Path, member: str) -> Callable[[], Any]:
    """A function that opens one WARC file of a WACZ (seekable: stored members seek cheaply)."""

    def _open():
        zf = zipfile.ZipFile(path)
        fh = zf.open(member)
        fh.close = _closing(fh.close, zf.close)  # type: ignore[method-assign]
        return fh

    return _open


def _closing(*closers: Callable[[], None]) -> Callable[[], None]:
    def close() -> None:
        for c in closers:
            c()
    return close


def evidence_capture(entry_extra: dict[str, Any], source: dict[str, Any], fetched_at: str | None) -> dict[str, Any]:
    """What an evidence line says of a third-party record: « capture tierce », who made it, when,
    and where its bytes are in the third party's file (report.json `evidence[].capture`)."""
    out = {"third_party": True, "source": source.get("key"), "producer": source.get("producer"),
           "origin": source.get("origin"), "file": entry_extra.get("origin_file"),
           "offset": entry_extra.get("origin_offset"), "length": entry_extra.get("origin_length"),
           "captured_at": fetched_at}
    if source.get("crawl"):
        out["crawl"] = source["crawl"]
    return {k: v for k, v in out.items() if v is not None}



def mark_evidence(signals: list[dict[str, Any]], index: list[Any], capture: dict[str, Any] | None) -> None:
    """Add `capture` to each evidence line (report.json) whose record is a third party's (additive)."""
    if not capture or not capture.get("third_party"):
        return
    sources = {s.get("key"): s for s in capture.get("sources") or []}
    by_record = {e.record_id: e for e in index if e.record_id and (e.extra or {}).get("capture") in sources}
    for sig in signals:
        for ev in sig.get("evidence") or []:
            entry = by_record.get(ev.get("record_id"))
            if entry is not None:
                ev["capture"] = evidence_capture(entry.extra, sources[entry.extra["capture"]], entry.fetched_at)


REPORT_SOURCE_KEYS = ("key", "kind", "file", "sha256", "bytes", "producer", "software", "origin", "crawl",
                      "first_date", "last_date", "layout", "findings", "wacz", "candidate", "warc_filename")


def report_capture(capture: dict[str, Any] | None) -> dict[str, Any] | None:
    """What report.json keeps of crawl.json's `capture` (no local paths; the skipped records counted,
    the first ones named)."""
    if not capture:
        return None
    out = {k: capture.get(k) for k in ("third_party", "imported_at", "lacks", "counts", "missing_homepages")}
    out["sources"] = [{k: s[k] for k in REPORT_SOURCE_KEYS if s.get(k) not in (None, [], {})}
                      for s in capture.get("sources") or []]
    out["skipped"] = list(capture.get("skipped") or [])[:50]
    return out
