"""The rendered pass read back from a candidate's archive, offline (written by crawler/render.py).

A rendering is three WARC `resource` records: its facts (`application/vnd.tnl-render+json`, URI
`urn:tnl:render:<visit>:facts:<url>`), its DOM (`text/html`) and its screenshot (`image/png`), the last
two naming the facts record in `WARC-Concurrent-To`. Read from the WARC itself (every shard), not
from the index: an archive copied without its index still says what the browser did.
"""
from __future__ import annotations

import json
import zlib
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ground.archive import READ_CAP, shard_names, shards

FACTS_TYPE = "application/vnd.tnl-render+json"
URN_PREFIX = "urn:tnl:render:"


def read_renderings(directory: Path) -> list[dict]:
    """Every rendering of a candidate's archive, in the order written: the facts' JSON keys (url,
    visit, rendered_at, final_url, status, error, requests, cookies, storage, …) plus `dom` (str, ""
    if its record is missing), `screenshot` (PNG bytes or None) and `record_ids` {facts, dom,
    screenshot}. A facts record that is not JSON is skipped; a WARC cut short is read up to the cut."""
    facts: dict[str, dict] = {}
    parts: list[tuple[str, str, bytes, str]] = []  # (facts record id, content type, payload, own id)
    for shard in shards(Path(directory)):
        path = Path(directory) / shard_names(shard)[0]
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            try:
                for record in ArchiveIterator(fh):
                    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                    if record.rec_type != "resource" or not uri.startswith(URN_PREFIX):
                        continue
                    ctype = (record.rec_headers.get_header("Content-Type") or "").split(";", 1)[0].strip()
                    payload = record.raw_stream.read(READ_CAP + 1)[:READ_CAP]
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    if ctype == FACTS_TYPE:
                        try:
                            data = json.loads(payload.decode("utf-8"))
                        except (UnicodeDecodeError, json.JSONDecodeError):
                            continue
                        if isinstance(data, dict):
                            data.update(dom="", screenshot=None,
                                        record_ids={"facts": record_id, "dom": None, "screenshot": None})
                            facts[record_id] = data
                    else:
                        parts.append((record.rec_headers.get_header("WARC-Concurrent-To") or "", ctype,
                                      payload, record_id))
            except (EOFError, zlib.error, ValueError):
                pass  # a record cut short by a crash: what came before is kept
    for owner, ctype, payload, record_id in parts:
        data = facts.get(owner)
        if data is None:
            continue
        if ctype == "text/html":
            data["dom"] = payload.decode("utf-8", "replace")
            data["record_ids"]["dom"] = record_id
        elif ctype == "image/png":
            data["screenshot"] = payload
            data["record_ids"]["screenshot"] = record_id
    return list(facts.values())
