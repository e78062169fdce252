"""Office and PDF documents: what their own metadata say of the software that produced them."""
from __future__ import annotations

import io
import re
import zipfile

DOC_META_CAP = 512  # characters kept of a producer string

_ODF_GEN = re.compile(rb"<meta:generator>([^<]{1,512})</meta:generator>")
_OOXML_APP = re.compile(rb"<(?:\w+:)?Application>([^<]{1,512})</(?:\w+:)?Application>")


_ODF_CREATED = re.compile(rb"<meta:creation-date>([^<]{1,64})</meta:creation-date>")
_OOXML_CREATED = re.compile(rb"<dcterms:created\b[^>]*>([^<]{1,64})</dcterms:created>")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def metadata_date(raw: object) -> str | None:
    """The day a document's metadata give ("D:20250120093000+01'00'" in a PDF, ISO 8601 in ODF and
    OOXML) as "2025-01-20" (or "2025-01", "2025"); None when unreadable or implausible."""
    text = str(raw or "").strip()
    m = _ISO_DATE.match(text) or _PDF_DATE.match(text)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not 1990 <= int(year) <= 2100 or (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        return None
    return "-".join(part for part in (year, month, day if month else None) if part)


def zip_metadata(zf: zipfile.ZipFile) -> tuple[str | None, str | None, str | None]:
    """(producer, creator, created) of an ODF or OOXML package."""
    names = set(zf.namelist())

    def head(name: str) -> bytes:  # the first 64 KiB only: a metadata part may be a zip bomb
        with zf.open(name) as fh:
            return fh.read(65536)

    if "meta.xml" in names:
        meta = head("meta.xml")
        m, c = _ODF_GEN.search(meta), _ODF_CREATED.search(meta)
        return ((m.group(1).decode("utf-8", "replace").strip() if m else None), None,
                metadata_date(c.group(1).decode("ascii", "replace")) if c else None)
    if "docProps/app.xml" in names:
        m = _OOXML_APP.search(head("docProps/app.xml"))
        c = _OOXML_CREATED.search(head("docProps/core.xml")) if "docProps/core.xml" in names else None
        return ((m.group(1).decode("utf-8", "replace").strip() if m else None), None,
                metadata_date(c.group(1).decode("ascii", "replace")) if c else None)
    return None, None, None


def pdf_metadata(meta) -> tuple[str | None, str | None, str | None]:
    """(producer, creator, created) of a PDF's Info dictionary (pypdf's DocumentInformation)."""
    if meta is None:
        return None, None, None
    producer, creator = meta.producer, meta.creator
    return (str(producer)[:DOC_META_CAP] if producer else None, str(creator)[:DOC_META_CAP] if creator else None,
            metadata_date(meta.get("/CreationDate")))


def document_metadata(body: bytes) -> tuple[str | None, str | None, str | None]:
    """(producer, creator, created) from a document's own metadata, its kind told by its first bytes
    (PDF, or a zip: ODF, OOXML); Nones if unreadable. In this process: for what is not read in a
    bounded child (ground.doctext, which gives the same three)."""
    try:
        if body[:4] == b"%PDF":
            from pypdf import PdfReader

            return pdf_metadata(PdfReader(io.BytesIO(body)).metadata)
        if body[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                return zip_metadata(zf)
    except Exception:  # noqa: BLE001 - hostile or broken files must not stop the checks
        return None, None, None
    return None, None, None


# --- building ------------------------------------------------------------------------------------
