"""Office and PDF documents: what their own metadata say of the software that produced them."""
from __future__ import annotations

import io
import re
import zipfile

DOC_META_CAP = 512  # characters kept of a producer string

_ODF_GEN = re.compile(rb"<meta:generator>([^<]{1,512})</meta:generator>")
_OOXML_APP = re.compile(rb"<(?:\w+:)?Application>([^<]{1,512})</(?:\w+:)?Application>")


def document_producer(body: bytes) -> tuple[str | None, str | None]:
    """(producer, creator) from a document's own metadata, its kind told by its first bytes (PDF, or a
    zip: ODF, OOXML); (None, None) if unreadable."""
    try:
        if body[:4] == b"%PDF":
            from pypdf import PdfReader

            meta = PdfReader(io.BytesIO(body)).metadata
            if meta is None:
                return None, None
            producer = meta.producer
            creator = meta.creator
            return (str(producer)[:DOC_META_CAP] if producer else None,
                    str(creator)[:DOC_META_CAP] if creator else None)
        if body[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                names = set(zf.namelist())
                if "meta.xml" in names:
                    m = _ODF_GEN.search(zf.read("meta.xml")[:65536])
                    return (m.group(1).decode("utf-8", "replace").strip() if m else None), None
                if "docProps/app.xml" in names:
                    m = _OOXML_APP.search(zf.read("docProps/app.xml")[:65536])
                    return (m.group(1).decode("utf-8", "replace").strip() if m else None), None
    except Exception:  # noqa: BLE001 - hostile or broken files must not stop the checks
        return None, None
    return None, None


# --- building ------------------------------------------------------------------------------------
