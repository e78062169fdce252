"""Documents built for the tests with the libraries (pypdf for PDF; the ODF and OOXML zips written part
by part, as their specifications lay them out): real files, with text where a person reads it."""
from __future__ import annotations

import io
import zipfile

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def _escape(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf(pages: list[list[str]], *, tagged: bool = False, lang: str | None = None, title: str | None = None,
        display_title: bool = False, image_only: bool = False, encrypt: str | None = None) -> bytes:
    """A PDF whose pages carry these lines of text (Helvetica, WinAnsi: French accents read back);
    `image_only`: each page is an image and no text (a scan)."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        stream = DecodedStreamObject()
        if image_only:
            image = DecodedStreamObject()
            image.set_data(b"\x80" * 64)
            image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                          NameObject("/Width"): NumberObject(8), NameObject("/Height"): NumberObject(8),
                          NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                          NameObject("/BitsPerComponent"): NumberObject(8)})
            resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})
            stream.set_data(b"q 595 0 0 842 0 0 cm /Im1 Do Q")
        else:
            ops = [b"BT /F1 11 Tf 56 780 Td 14 TL"]
            ops += [b"(" + _escape(line) + b") Tj T*" for line in lines]
            ops.append(b"ET")
            stream.set_data(b"\n".join(ops))
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = writer._add_object(stream)
    root = writer._root_object
    if tagged:
        root[NameObject("/StructTreeRoot")] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject()}))
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): __import__("pypdf").generic.BooleanObject(True)})
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if display_title:
        root[NameObject("/ViewerPreferences")] = DictionaryObject({
            NameObject("/DisplayDocTitle"): __import__("pypdf").generic.BooleanObject(True)})
    if title:
        writer.add_metadata({"/Title": title, "/Producer": "LibreOffice 7.6"})
    if encrypt is not None:
        writer.encrypt(user_password=encrypt, owner_password="proprietaire")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(parts: dict[str, str], mimetype: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype:
            zf.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, text in parts.items():
            zf.writestr(name, text)
    return out.getvalue()


def odt(paragraphs: list[str], generator: str = "LibreOffice/7.6.4.1$Linux_X86_64") -> bytes:
    body = "".join(f"<text:p>{p.replace('&', '&amp;').replace('<', '&lt;')}</text:p>" for p in paragraphs)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
               f"{body}</office:text></office:body></office:document-content>")
    meta = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
            f"<meta:generator>{generator}</meta:generator></office:meta></office:document-meta>")
    return _zip({"content.xml": content, "meta.xml": meta}, "application/vnd.oasis.opendocument.text")


def docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p.replace('&', '&amp;').replace('<', '&lt;')}</w:t></w:r></w:p>" for p in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>")
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": document,
                 "docProps/app.xml": "<Properties><Application>Microsoft Office Word</Application></Properties>"})


def zip_bomb_odt() -> bytes:
    """An ODT whose content.xml decompresses to far more than any real deliberation (a zip bomb)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<text:p>" + "A" * (64 * 1024 * 1024) + "</text:p>")
    return out.getvalue()


# --- hostile PDFs, written object by object (the fault world, tests/faults/server.py) -----------------


def _assemble(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF file from its numbered objects (the bytes between `N 0 obj` and `endobj`), with a true
    cross-reference table, trailer and startxref (ISO 32000-1, 7.5): only the objects say anything odd."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def _text_stream(lines: list[str]) -> bytes:
    ops = b"\n".join([b"BT /F1 11 Tf 56 780 Td 14 TL"] + [b"(" + _escape(line) + b") Tj T*" for line in lines]
                     + [b"ET"])
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def long_pdf(pages: int, lines: list[str]) -> bytes:
    """A PDF of `pages` pages that all show the same content stream (one object): a 2,000-page
    register in ~190 kB, built in milliseconds."""
    first = 5  # 1 catalog, 2 page tree, 3 content stream, 4 font; then one small object per page
    kids = b" ".join(b"%d 0 R" % n for n in range(first, first + pages))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               # MediaBox and Resources are inherited from the page tree (ISO 32000-1, 7.7.3.4).
               2: b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842] "
                  b"/Resources << /Font << /F1 4 0 R >> >> >>" % (kids, pages),
               3: _text_stream(lines), 4: _FONT}
    for n in range(first, first + pages):
        objects[n] = b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"
    return _assemble(objects)


def looped_pdf(lines: list[str]) -> bytes:
    """A PDF whose page tree is a reference loop: the root /Pages node lists one real page and then
    itself among its /Kids (a reader that walks the tree naively never comes back)."""
    return _assemble({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        4: _text_stream(lines),
        5: _FONT,
    })
