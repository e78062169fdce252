"""The text of published documents (PDF, ODF, OOXML), page by page, bounded, and what a PDF says of its
own accessibility (tagged, language, title): documents are evidence too.

Bounds are applied before and during extraction: bytes read from a zip member, pages, characters.
A time limit per document needs a process that can be killed (a PDF parser caught in a reference loop
never returns to a thread): `extract_bounded` runs the extraction in a forked child and kills it past
its time. Every failure is a finding (`error`), never an exception.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

from ground.documents import pdf_metadata, zip_metadata

MAX_PAGES = 60  # pages (or slides, sheets) read per document
MAX_CHARS = 300_000  # characters kept per document
MAX_MEMBER_BYTES = 30 * 1024 * 1024  # an XML part larger than this in an ODF/OOXML zip: refused (zip bomb)
TIME_LIMIT = 20.0  # seconds per document, enforced by killing the child process
SCANNED_CHARS_PER_PAGE = 25  # under this, with images, a PDF page is a picture of text

_TAGS = re.compile(rb"<[^>]+>")
_BREAKS = re.compile(rb"</(?:text:p|text:h|w:p|a:p|si|row)>|<(?:text:line-break|text:tab|w:br|w:tab)\b[^>]*/?>")
_SLIDE = re.compile(r"^ppt/slides/slide(\d+)\.xml$")
_ENTITIES = {b"&amp;": b"&", b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'"}


def _xml_text(data: bytes) -> str:
    """The words of an XML part: paragraphs and line breaks as new lines, tags dropped, entities read."""
    data = _BREAKS.sub(b"\n", data)
    data = _TAGS.sub(b"", data)
    for entity, char in _ENTITIES.items():
        data = data.replace(entity, char)
    text = data.decode("utf-8", "replace")
    text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))) if int(m.group(1)) < 0x110000 else "", text)
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


class Refused(ValueError):
    """A document refused by a bound (its message says which): a finding in the reader's words."""


def _member(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise Refused(f"partie {name} trop volumineuse une fois décompressée ({info.file_size} octets)")
    with zf.open(info) as fh:
        return fh.read(MAX_MEMBER_BYTES + 1)[:MAX_MEMBER_BYTES]


def _pdf(body: bytes) -> dict[str, Any]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body), strict=False)
    out: dict[str, Any] = {"kind": "pdf"}
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                return {**out, "pages": [], "error": "PDF chiffré : texte illisible sans mot de passe", "encrypted": True}
        except Exception:  # noqa: BLE001 - an unknown encryption
            return {**out, "pages": [], "error": "PDF chiffré : texte illisible sans mot de passe", "encrypted": True}
        out["encrypted"] = True
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo")
    mark = mark.get_object() if mark is not None else {}
    viewer = root.get("/ViewerPreferences")
    viewer = viewer.get_object() if viewer is not None else {}
    info = reader.metadata
    meta = info or {}
    out["meta"] = pdf_metadata(info)
    total = len(reader.pages)
    out.update({
        "pages_total": total,
        "tagged": "/StructTreeRoot" in root,
        "marked": bool(mark.get("/Marked", False)),
        "lang": str(root.get("/Lang")) if root.get("/Lang") else None,
        "title": str(meta.get("/Title")).strip() or None if meta.get("/Title") else None,
        "display_title": bool(viewer.get("/DisplayDocTitle", False)),
    })
    pages, chars, images = [], 0, 0
    for number, page in enumerate(reader.pages[:MAX_PAGES], start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page does not hide the others
            text = ""
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is not None and any(getattr(x.get_object(), "get", lambda k: None)("/Subtype") == "/Image"
                                        for x in xobjects.get_object().values()):
            images += 1
        text = re.sub(r"[ \t]+", " ", text).strip()
        if text and chars < MAX_CHARS:
            pages.append((number, text[: MAX_CHARS - chars]))
            chars += len(pages[-1][1])
    read = min(total, MAX_PAGES)
    out["pages"] = pages
    out["truncated"] = total > MAX_PAGES or chars >= MAX_CHARS
    # Pages with images and (almost) no text: a scan, whose words only OCR would read.
    out["scanned"] = bool(read) and images >= max(1, read // 2) and chars < SCANNED_CHARS_PER_PAGE * read
    return out


def _zipped(body: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        names = zf.namelist()
        try:
            meta = zip_metadata(zf)
        except Exception:  # noqa: BLE001 - metadata unreadable: the text may still be
            meta = (None, None, None)
        return {**_zipped_text(zf, names), "meta": meta}


# Where the producing software laid out a page break when it saved the file: LibreOffice writes
# <text:soft-page-break/> in content.xml, Word <w:lastRenderedPageBreak/>; a break typed by the
# author is <w:br w:type="page"/> (an ODF paragraph style's fo:break-before is not followed here).
_ODF_PAGE_BREAK = re.compile(rb"<text:soft-page-break\s*/>")
_DOCX_PAGE_BREAK = re.compile(rb"<w:lastRenderedPageBreak\s*/>|<w:br\b[^>]*w:type=\"page\"[^>]*/>")


def _flow(data: bytes, breaks: re.Pattern) -> dict[str, Any]:
    """The text of a flowing document: numbered pages where the file records its page breaks, else
    one flow without page numbers (None)."""
    parts = breaks.split(data)
    if len(parts) == 1:
        text = _xml_text(data)[:MAX_CHARS]
        return {"pages": [(None, text)] if text else [], "pages_total": None, "truncated": len(text) >= MAX_CHARS}
    return _pages(parts)


_ODF_BODY = re.compile(rb"<office:body\b")
_ODF_STYLE = re.compile(rb"<style:style\b[^>]*?style:name=\"([^\"]+)\"[^>]*>(.*?)</style:style>", re.S)
_BREAK_BEFORE = re.compile(rb"fo:break-before=\"page\"")


def _odf_text(content: bytes) -> bytes:
    """content.xml's body (its automatic styles hold words that are not text: a date style's « / »),
    with a page break marked where LibreOffice records one typed by the author: a paragraph whose
    automatic style says fo:break-before="page" (no soft-page-break is written there)."""
    body_at = _ODF_BODY.search(content)
    styles, body = (content[:body_at.start()], content[body_at.start():]) if body_at else (b"", content)
    breaking = [re.escape(m.group(1)) for m in _ODF_STYLE.finditer(styles) if _BREAK_BEFORE.search(m.group(2))]
    if breaking:
        starts = re.compile(rb"(<text:(?:p|h)\b[^>]*?text:style-name=\"(?:" + b"|".join(breaking) + rb")\")")
        body = starts.sub(rb"<text:soft-page-break/>\1", body)
    return body


# An ODF note (footnote or endnote) stands inside its paragraph: <text:note><text:note-citation>1
# </text:note-citation><text:note-body><text:p>…</text:p></text:note-body></text:note>. Read in place, its
# citation sticks to the word before (« RGAA1 ») and its body cuts the sentence in two: it is taken out of
# the paragraph and its body read after the document's text, as a footnote is printed below it.
_ODF_NOTE = re.compile(rb"<text:note\b[^>]*>.*?</text:note>", re.S)
_ODF_NOTE_BODY = re.compile(rb"<text:note-body\b[^>]*>(.*?)</text:note-body>", re.S)
# DOCX notes live in their own parts; the body keeps only <w:footnoteReference w:id="2"/>. The separators
# (w:type="separator", "continuationSeparator") hold no text.
_DOCX_NOTES = ("word/footnotes.xml", "word/endnotes.xml")


_ODP_SLIDE = re.compile(rb"<draw:page\b.*?</draw:page>", re.S)
_ODP_NOTES = re.compile(rb"<presentation:notes\b.*?</presentation:notes>", re.S)


def _pages(parts: list[bytes], total: int | None = None) -> dict[str, Any]:
    """Parts (slides, or a flow cut at its page breaks) as numbered pages, bounded by pages and characters;
    `total`: the parts in the file."""
    pages, chars = [], 0
    for number, part in enumerate(parts[:MAX_PAGES], start=1):
        text = _xml_text(part)
        if text and chars < MAX_CHARS:
            pages.append((number, text[: MAX_CHARS - chars]))
            chars += len(pages[-1][1])
    total = len(parts) if total is None else total
    return {"pages": pages, "pages_total": total, "truncated": total > MAX_PAGES or chars >= MAX_CHARS}


def _odf_notes_last(body: bytes) -> bytes:
    bodies = [m.group(1) for note in _ODF_NOTE.finditer(body) if (m := _ODF_NOTE_BODY.search(note.group(0)))]
    if not bodies:
        return body
    return _ODF_NOTE.sub(b"", body) + b"".join(bodies)


def _with_notes(flow: dict[str, Any], notes: str) -> dict[str, Any]:
    """The notes' text after the document's, on its last page (where a reader meets them at the latest)."""
    if not notes:
        return flow
    pages = list(flow["pages"])
    number, text = pages[-1] if pages else (None, "")
    pages[-1:] = [(number, (text + "\n" + notes).strip()[:MAX_CHARS])]
    return {**flow, "pages": pages}


def _zipped_text(zf: zipfile.ZipFile, names: list[str]) -> dict[str, Any]:
    if "content.xml" in names:  # ODF
        content = _odf_text(_member(zf, "content.xml"))
        slides = _ODP_SLIDE.findall(content)
        if slides:  # a presentation: a slide a page, as for PPTX (speaker notes left out, as there)
            return {"kind": "odf", **_pages([_ODP_NOTES.sub(b"", slide) for slide in slides])}
        return {"kind": "odf", **_flow(_odf_notes_last(content), _ODF_PAGE_BREAK)}
    if "word/document.xml" in names:
        flow = _flow(_member(zf, "word/document.xml"), _DOCX_PAGE_BREAK)
        notes = "\n".join(t for name in _DOCX_NOTES if name in names and (t := _xml_text(_member(zf, name))))
        return {"kind": "docx", **_with_notes(flow, notes)}
    slides = sorted((int(m.group(1)), n) for n in names if (m := _SLIDE.match(n)))
    if slides:
        return {"kind": "pptx", **_pages([_member(zf, name) for _, name in slides[:MAX_PAGES]], len(slides))}
    if "xl/workbook.xml" in names:
        return {"kind": "xlsx", **_xlsx(zf)}
    return {"kind": "zip", "pages": [], "error": "archive sans texte reconnu (ni ODF ni OOXML)"}


def _xlsx(zf: zipfile.ZipFile) -> dict[str, Any]:
    """A workbook's cells, sheet by sheet (a sheet a page), row by row, one cell a line, as a reader sees
    them: the shared strings where they stand (not once each), numbers, dates and percentages written the
    French way (12/11/2024, 66,7 %), formulas by their last computed value. Read by openpyxl, after every
    part's size is checked (a zip bomb is refused before it is opened)."""
    from openpyxl import load_workbook

    for info in zf.infolist():
        if info.file_size > MAX_MEMBER_BYTES:
            raise Refused(f"partie {info.filename} trop volumineuse une fois décompressée ({info.file_size} octets)")
    zf.fp.seek(0)
    book = load_workbook(zf.fp, read_only=True, data_only=True)
    try:
        sheets = book.worksheets
        pages, chars = [], 0
        for number, sheet in enumerate(sheets[:MAX_PAGES], start=1):
            lines: list[str] = []
            for row in sheet.iter_rows():
                lines += [text for cell in row if (text := _cell_text(cell))]
                if chars + sum(len(line) + 1 for line in lines) >= MAX_CHARS:
                    break
            text = "\n".join(lines)[: max(0, MAX_CHARS - chars)]
            if text:
                pages.append((number, text))
                chars += len(text)
            if chars >= MAX_CHARS:
                break
        return {"pages": pages, "pages_total": len(sheets), "truncated": len(sheets) > MAX_PAGES or chars >= MAX_CHARS}
    finally:
        book.close()


_DECIMALS = re.compile(r"\.(0+)")


def _cell_text(cell) -> str:
    """A cell's value as French spreadsheets display it (not its style's every detail: no digit grouping)."""
    import datetime as dt

    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") + ("" if value.time() == dt.time() else value.strftime(" %H:%M"))
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        fmt = str(getattr(cell, "number_format", "") or "")
        if "%" in fmt:
            found = _DECIMALS.search(fmt)
            return f"{value * 100:.{len(found.group(1)) if found else 0}f}".replace(".", ",") + "\u00a0%"
        if float(value).is_integer():
            return str(int(value))
        return f"{value:g}".replace(".", ",")
    return str(value)


def extract(body: bytes) -> dict[str, Any]:
    """Text and facts of one document, in this process (bounded by pages, characters and bytes, not
    by time: see `extract_bounded`). Keys: kind, pages [(page number or None, text)], pages_total,
    truncated, scanned (PDF), tagged/marked/lang/title/display_title (PDF), error."""
    try:
        if body[:5] == b"%PDF-" or body[:1024].find(b"%PDF-") >= 0:
            return _pdf(body)
        if body[:2] == b"PK":
            return _zipped(body)
    except Refused as exc:
        return {"kind": "inconnu", "pages": [], "error": f"document refusé : {exc}"}
    except Exception as exc:  # noqa: BLE001 - a hostile or broken file is a finding
        return {"kind": "inconnu", "pages": [], "error": f"document illisible ({exc.__class__.__name__})"}
    return {"kind": "autre", "pages": []}


def extract_bounded(body: bytes, time_limit: float = TIME_LIMIT) -> dict[str, Any]:
    """`extract` in a forked child, killed past `time_limit` seconds (a finding, not a stall)."""
    import pickle
    import signal

    if not hasattr(os, "fork"):
        return extract(body)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: extract, send, leave at once (no cleanup of the parent's state)
        try:
            os.close(read_end)
            data = pickle.dumps(extract(body))
            with os.fdopen(write_end, "wb") as fh:
                fh.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    import select
    import time

    chunks, deadline = [], time.monotonic() + time_limit
    with os.fdopen(read_end, "rb", buffering=0) as fh:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"kind": "inconnu", "pages": [],
                        "error": f"lecture du document arrêtée après {time_limit:g} s (document piégé ou trop lourd)"}
            ready, _, _ = select.select([fh], [], [], min(left, 0.5))
            if ready:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    os.waitpid(pid, 0)
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died without an answer
        return {"kind": "inconnu", "pages": [], "error": "lecture du document interrompue (processus arrêté)"}
