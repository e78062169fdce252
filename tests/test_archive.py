"""The evidence archive: what is written is read back whole, hashed, and survives a torn last line."""
from __future__ import annotations

import gzip
import hashlib
import zlib

from warcio.archiveiterator import ArchiveIterator

from ground.archive import ArchiveWriter, IndexEntry, iter_responses, read_index


def write_one(tmp_path, body=b"<html>bonjour</html>", headers=None, url="https://www.ville.fr/"):
    w = ArchiveWriter(tmp_path)
    entry = IndexEntry(url=url, kind="page", site=url, status=200, content_type="text/html")
    w.write_exchange(entry, method="GET", request_headers=[("User-Agent", "tnl-test")], reason="OK",
                     response_headers=headers or [("Content-Type", "text/html")], body=body)
    w.close()
    return entry


def test_exchange_is_archived_as_request_and_response_with_digests(tmp_path):
    entry = write_one(tmp_path)
    assert entry.sha256 == hashlib.sha256(b"<html>bonjour</html>").hexdigest()
    with open(tmp_path / "crawl.warc.gz", "rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Payload-Digest"), r.rec_headers.get_header("WARC-Date"))
                   for r in ArchiveIterator(fh)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    assert records[1][1] == "https://www.ville.fr/" and records[1][2].startswith("sha256:")
    assert records[1][3].endswith("Z")
    [back] = list(iter_responses(tmp_path))
    assert back.body == b"<html>bonjour</html>" and back.status == 200
    assert back.record_id == entry.record_id
    assert read_index(tmp_path)[0].record_id == entry.record_id


def test_gzip_content_encoding_is_kept_raw_and_decoded_on_read(tmp_path):
    raw = gzip.compress(b"<p>contenu</p>")
    entry = write_one(tmp_path, body=raw, headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
    assert entry.sha256 == hashlib.sha256(raw).hexdigest()  # hash of what arrived
    [back] = list(iter_responses(tmp_path))
    assert back.body == b"<p>contenu</p>"
    assert back.header("Transfer-Encoding") is None  # framing already undone by the client


def test_appending_in_a_second_session_keeps_the_first(tmp_path):
    write_one(tmp_path, url="https://www.ville.fr/a")
    write_one(tmp_path, url="https://www.ville.fr/b")
    assert [r.url for r in iter_responses(tmp_path)] == ["https://www.ville.fr/a", "https://www.ville.fr/b"]
    assert len(read_index(tmp_path)) == 2


def test_torn_last_index_line_is_skipped(tmp_path):
    write_one(tmp_path)
    with open(tmp_path / "index.jsonl", "a") as fh:
        fh.write('{"url": "https://www.ville.fr/x", "ki')
    assert [e.url for e in read_index(tmp_path)] == ["https://www.ville.fr/"]


def test_torn_last_warc_record_keeps_the_complete_ones(tmp_path):
    write_one(tmp_path, url="https://www.ville.fr/a")
    write_one(tmp_path, url="https://www.ville.fr/b")
    data = (tmp_path / "crawl.warc.gz").read_bytes()
    (tmp_path / "crawl.warc.gz").write_bytes(data[:-40])
    urls = [r.url for r in iter_responses(tmp_path)]
    assert urls[0] == "https://www.ville.fr/a"


def test_error_entries_are_indexed_without_a_record(tmp_path):
    w = ArchiveWriter(tmp_path)
    w.write_index(IndexEntry(url="https://absent.fr/", kind="page", error="DNSLookupError: absent.fr"))
    w.close()
    [e] = read_index(tmp_path)
    assert e.error.startswith("DNSLookupError") and e.record_id is None and e.fetched_at


def test_every_record_is_its_own_gzip_member_with_valid_digests_at_any_level(tmp_path):
    from ground.archive import read_record

    body = ("<p>Délibération du conseil municipal, séance du 12 mars.</p>\n" * 2000).encode()
    sizes = {}
    for level in (1, 6, 9):
        directory = tmp_path / str(level)
        w = ArchiveWriter(directory, compresslevel=level)
        entry = IndexEntry(url="https://www.ville.fr/deliberations", kind="page", status=200)
        w.write_exchange(entry, method="GET", request_headers=[("User-Agent", "tnl-test")], reason="OK",
                         response_headers=[("Content-Type", "text/html; charset=utf-8")], body=body)
        w.close()
        raw = (directory / "crawl.warc.gz").read_bytes()
        sizes[level] = len(raw)
        # warcio recomputes every block and payload digest while reading, and raises on a mismatch.
        with open(directory / "crawl.warc.gz", "rb") as fh:
            records = [(r.rec_type, r.rec_headers.get_header("WARC-Concurrent-To"), r.content_stream().read())
                       for r in ArchiveIterator(fh, check_digests="raise")]
        assert [r[0] for r in records] == ["warcinfo", "response", "request"]
        assert records[1][2] == body and records[2][1] == entry.record_id
        # One gzip member per record (warcinfo, response, request): a record is readable from its offset.
        members, rest = 0, raw
        while rest:
            d = zlib.decompressobj(zlib.MAX_WBITS | 16)
            d.decompress(rest)
            assert d.eof
            members, rest = members + 1, d.unused_data
        assert members == 3
        assert (b"WARC-Type: response" in raw) == (level == 0)  # deflated: no header text in the clear
        back = read_record(directory, entry.extra["warc_offset"])
        assert back.record_id == entry.record_id and back.body == body
        assert entry.sha256 == hashlib.sha256(body).hexdigest() and entry.length == len(body)
    assert sizes[1] > sizes[9] and sizes[6] < len(body) // 10


def test_a_payload_compressed_already_is_stored_not_deflated_again(tmp_path):
    html = ("<p>Ordre du jour du conseil municipal</p>\n" * 3000).encode()
    raw = gzip.compress(html)
    entry = write_one(tmp_path, body=raw, headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    warc = (tmp_path / "crawl.warc.gz").read_bytes()
    start = entry.extra["warc_offset"]
    member = zlib.decompressobj(zlib.MAX_WBITS | 16)
    record = member.decompress(warc[start:])
    end = len(warc) - len(member.unused_data)
    # Stored (deflate level 0): the record's own bytes are in the file as they are, headers included.
    assert b"WARC-Type: response" in record and b"WARC-Type: response" in warc[start:end]
    assert raw in warc[start:end]
    assert b"WARC-Type: request" not in warc[end:]  # the request record (text) is deflated as usual
    with open(tmp_path / "crawl.warc.gz", "rb") as fh:
        assert [r.rec_type for r in ArchiveIterator(fh, check_digests="raise")] == ["warcinfo", "response", "request"]
    [back] = list(iter_responses(tmp_path))
    assert back.body == html and entry.sha256 == hashlib.sha256(raw).hexdigest()
