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
