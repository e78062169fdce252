"""The digests' file (a spool): written by the application's digester as a candidate crawls, read by
ground.observe.build instead of parsing the WARC again."""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import ground

# --- the digests' file (a spool): written by tnl.digester as a candidate crawls, read by build() ---

SPOOL_FORMAT = ("tnl-evidence/digests", 6)  # 3: served format; 4: pages' headings; 5: documents' text; 6: their dates


class SpoolWriter:
    """Appends (record id, digest, prepared) triples to a file, each flushed whole: a reader sees
    every one written before it opened the file, and at most one torn at its end, which it ignores.
    `prepared`: what the checks would compute from the record alone (a page's word soups,
    checks.base.page_soups), or None; not an observation."""

    def __init__(self, path: Path) -> None:
        self.fh = open(path, "wb")
        self._dump(SPOOL_FORMAT + (ground.__version__,))

    def add(self, record_id: str, found: Any, prepared: Any = None) -> None:
        if isinstance(found, dict) and found.get("main_text"):
            # The page's own content is most of its text (observe.parse_html): kept once, as a slice.
            at = found["text"].find(found["main_text"])
            if at >= 0:
                found = {**found, "main_text": (at, len(found["main_text"]))}
        self._dump((record_id, found, prepared))

    def _dump(self, obj: Any) -> None:
        self.fh.write(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


def read_spool(path: Path, prepared: dict[str, Any] | None = None) -> dict[str, Any]:
    """The digests of a spool by record id; {} if it is missing or from another version of the tool.
    `prepared`, if given, receives what the spool holds beyond them, by record id (SpoolWriter)."""
    digests: dict[str, Any] = {}
    try:
        fh = open(path, "rb")
    except OSError:
        return digests
    with fh:
        try:
            if pickle.load(fh) != SPOOL_FORMAT + (ground.__version__,):
                return digests
            while True:
                record_id, found, extra = pickle.load(fh)
                if isinstance(found, dict) and isinstance(found.get("main_text"), tuple):
                    at, length = found["main_text"]
                    found["main_text"] = found["text"][at:at + length]
                digests[record_id] = found
                if extra is not None and prepared is not None:
                    prepared[record_id] = extra
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, IndexError):
            pass  # the end, or a pair torn by a writer still at work: the records after it are read again
    return digests
