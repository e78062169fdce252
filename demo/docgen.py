"""Small, deterministic generators for the office documents of the demo world.

Each generator returns the bytes of a real file whose producer metadata is set the way the
real software sets it (ODF ``meta:generator``, OOXML ``docProps/app.xml`` ``<Application>``,
PDF Info ``/Producer`` and ``/Creator``). Zip entries carry a fixed timestamp so that two runs
of the builder give byte-identical files.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

ZIP_DATE = (2025, 1, 1, 0, 0, 0)

ODF_MIME = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class Producer:
    """How a given office suite stamps the files it writes."""

    odf_generator: str | None = None  # meta:generator of ODF files
    ooxml_company: str | None = None  # docProps/app.xml <Company>, if any
    pdf_producer: str | None = None  # PDF Info /Producer
    pdf_creator: str | None = None  # PDF Info /Creator


OOXML_APPLICATION = {
    "docx": "Microsoft Office Word",
    "xlsx": "Microsoft Excel",
    "pptx": "Microsoft Office PowerPoint",
}
OOXML_APP_VERSION = "16.0000"


def _zip(entries: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if (first_stored and i == 0) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _x(text: str) -> str:
    return escape(str(text), {'"': "&quot;"})


# --- OpenDocument ------------------------------------------------------------------------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def odf(
    ext: str,
    title: str,
    author: str,
    created: str,
    producer: Producer,
    paragraphs: list[str] | None = None,
    rows: list[list] | None = None,
    pages: list[list[str]] | None = None,
) -> bytes:
    """An ODF package (odt, ods or odp). `created` is ISO 8601 without zone. `pages` (odt): the
    paragraphs of each page, with <text:soft-page-break/> between them as LibreOffice saves the
    layout's page breaks."""
    mime = ODF_MIME[ext]
    paragraphs = paragraphs or []
    if ext == "odt" and pages is not None:
        inner = f'<text:h text:outline-level="1">{_x(title)}</text:h>' + "<text:soft-page-break/>".join(
            "".join(f"<text:p>{_x(p)}</text:p>" for p in page) for page in pages
        )
        body = f"<office:text>{inner}</office:text>"
    elif ext == "odt":
        inner = f'<text:h text:outline-level="1">{_x(title)}</text:h>' + "".join(
            f"<text:p>{_x(p)}</text:p>" for p in paragraphs
        )
        body = f"<office:text>{inner}</office:text>"
    elif ext == "ods":
        rows = rows or [[title]]
        cells = []
        for row in rows:
            tds = []
            for v in row:
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    tds.append(
                        f'<table:table-cell office:value-type="float" office:value="{v}">'
                        f"<text:p>{v}</text:p></table:table-cell>"
                    )
                else:
                    tds.append(
                        f'<table:table-cell office:value-type="string"><text:p>{_x(v)}</text:p>'
                        "</table:table-cell>"
                    )
            cells.append(f"<table:table-row>{''.join(tds)}</table:table-row>")
        body = (
            f'<office:spreadsheet><table:table table:name="Feuille1">'
            f"{''.join(cells)}</table:table></office:spreadsheet>"
        )
    elif ext == "odp":
        slides = [title] + paragraphs
        pages = []
        for i, text in enumerate(slides, 1):
            pages.append(
                f'<draw:page draw:name="page{i}" draw:master-page-name="Default">'
                '<draw:frame svg:width="25cm" svg:height="3cm" svg:x="1.5cm" svg:y="1cm">'
                f"<draw:text-box><text:p>{_x(text)}</text:p></draw:text-box></draw:frame></draw:page>"
            )
        body = f"<office:presentation>{''.join(pages)}</office:presentation>"
    else:
        raise ValueError(ext)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODF_NS} '
        f'office:version="1.3"><office:body>{body}</office:body></office:document-content>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_ODF_NS} '
        'office:version="1.3"><office:styles><style:default-style style:family="paragraph">'
        '<style:text-properties fo:language="fr" fo:country="FR"/></style:default-style>'
        "</office:styles></office:document-styles>"
    )
    words = sum(len(p.split()) for p in paragraphs) + len(title.split())
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_ODF_NS} office:version="1.3">'
        "<office:meta>"
        f"<meta:creation-date>{created}</meta:creation-date>"
        f"<dc:date>{created}</dc:date>"
        f"<meta:initial-creator>{_x(author)}</meta:initial-creator>"
        f"<dc:creator>{_x(author)}</dc:creator>"
        f"<dc:title>{_x(title)}</dc:title>"
        "<dc:language>fr-FR</dc:language>"
        "<meta:editing-cycles>3</meta:editing-cycles>"
        f'<meta:document-statistic meta:paragraph-count="{len(paragraphs) + 1}" meta:word-count="{words}"/>'
        f"<meta:generator>{_x(producer.odf_generator)}</meta:generator>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{mime}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        [
            ("mimetype", mime.encode()),
            ("content.xml", content.encode()),
            ("styles.xml", styles.encode()),
            ("meta.xml", meta.encode()),
            ("META-INF/manifest.xml", manifest.encode()),
        ],
        first_stored=True,
    )


# --- Office Open XML ---------------------------------------------------------------------------

_CT_MAIN = {
    "docx": ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": ("/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
}
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return name


def ooxml(
    ext: str,
    title: str,
    author: str,
    created: str,
    producer: Producer,
    paragraphs: list[str] | None = None,
    rows: list[list] | None = None,
    application: str | None = None,
) -> bytes:
    """A minimal but valid docx / xlsx / pptx. `created` is ISO 8601 UTC ("...Z"); `application`: the
    software named in docProps/app.xml (Microsoft Office's by default; LibreOffice saves OOXML too)."""
    paragraphs = paragraphs or []
    main_part, main_ct = _CT_MAIN[ext]
    overrides = [(main_part, main_ct)]
    parts: list[tuple[str, bytes]] = []
    if ext == "docx":
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        paras = [f'<w:p><w:pPr><w:pStyle w:val="Titre"/></w:pPr><w:r><w:t>{_x(title)}</w:t></w:r></w:p>']
        paras += [f'<w:p><w:r><w:t xml:space="preserve">{_x(p)}</w:t></w:r></w:p>' for p in paragraphs]
        doc = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{w}" '
            f'xmlns:r="{_R}"><w:body>{"".join(paras)}'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
        )
        parts.append(("word/document.xml", doc.encode()))
    elif ext == "xlsx":
        s = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        rows = rows or [[title]]
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{_col(c)}{r}"
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_x(v)}</t></is></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        wb = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{s}" '
            f'xmlns:r="{_R}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        )
        sheet = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{s}">'
            f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>'
        )
        wb_rels = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PR}">'
            f'<Relationship Id="rId1" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        )
        overrides.append(
            ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        )
        parts += [
            ("xl/workbook.xml", wb.encode()),
            ("xl/_rels/workbook.xml.rels", wb_rels.encode()),
            ("xl/worksheets/sheet1.xml", sheet.encode()),
        ]
    elif ext == "pptx":
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        p = "http://schemas.openxmlformats.org/presentationml/2006/main"
        slides = [title] + paragraphs
        ids, rels = [], []
        for i, text in enumerate(slides, 1):
            ids.append(f'<p:sldId id="{255 + i}" r:id="rId{i}"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{_R}/slide" Target="slides/slide{i}.xml"/>')
            slide = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld xmlns:a="{a}" '
                f'xmlns:r="{_R}" xmlns:p="{p}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
                "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
                '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Titre 1"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
                f"<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:t>{_x(text)}</a:t></a:r></a:p></p:txBody></p:sp>"
                "</p:spTree></p:cSld></p:sld>"
            )
            parts.append((f"ppt/slides/slide{i}.xml", slide.encode()))
            overrides.append(
                (f"/ppt/slides/slide{i}.xml", "application/vnd.openxmlformats-officedocument.presentationml.slide+xml")
            )
        pres = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:presentation xmlns:a="{a}" '
            f'xmlns:r="{_R}" xmlns:p="{p}"><p:sldIdLst>{"".join(ids)}</p:sldIdLst>'
            '<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
        )
        pres_rels = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PR}">'
            f'{"".join(rels)}</Relationships>'
        )
        parts = [("ppt/presentation.xml", pres.encode()), ("ppt/_rels/presentation.xml.rels", pres_rels.encode())] + parts
    else:
        raise ValueError(ext)

    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PR}">'
        f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="{main_part.lstrip("/")}"/>'
        f'<Relationship Id="rId2" Type="{_PR}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_R}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_x(title)}</dc:title><dc:creator>{_x(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{_x(author)}</cp:lastModifiedBy><cp:revision>2</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    company = f"<Company>{_x(producer.ooxml_company)}</Company>" if producer.ooxml_company else ""
    template = "<Template>Normal.dotm</Template>" if ext == "docx" else ""
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{template}<TotalTime>14</TotalTime><Application>{_x(application or OOXML_APPLICATION[ext])}</Application>"
        f"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>{company}"
        f"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        f"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{OOXML_APP_VERSION}</AppVersion></Properties>"
    )
    return _zip(
        [("[Content_Types].xml", ct.encode()), ("_rels/.rels", root_rels.encode())]
        + parts
        + [("docProps/core.xml", core.encode()), ("docProps/app.xml", app.encode())]
    )


# --- PDF ---------------------------------------------------------------------------------------


def _pdf_str(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(text: str, width: int = 90) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def pdf(title: str, author: str, created: str, producer: Producer, paragraphs: list[str] | None = None, *,
        pages: list[list[str]] | None = None, tagged: bool = False, lang: str | None = None,
        display_title: bool = False, image_only: bool = False) -> bytes:
    """An A4 PDF with real text (Helvetica, WinAnsi) and an Info dictionary: one page of `paragraphs`
    under the title, or one page per item of `pages` (the title heads the first).

    `created` is a PDF date string, e.g. "D:20250120091200+01'00'". `tagged`: a structure tree and
    /MarkInfo /Marked, as an office suite's "tagged PDF" export writes them; `lang`: the catalogue's
    /Lang; `display_title`: /ViewerPreferences /DisplayDocTitle; `image_only`: each page a picture and
    no text, as a scanner writes it.
    """
    writer = PdfWriter()
    font = None
    for number, paras in enumerate(pages if pages is not None else [paragraphs or []]):
        page = writer.add_blank_page(width=595, height=842)
        if font is None:  # added after the first page: the one-page files stay as they always were
            font = writer._add_object(DictionaryObject({
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }))
        resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        if image_only:  # a grey picture of the page: what a scanner stores
            image = DecodedStreamObject()
            image.set_data(bytes([0x80 + (i % 64) for i in range(32 * 32)]))
            image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                          NameObject("/Width"): NumberObject(32), NameObject("/Height"): NumberObject(32),
                          NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                          NameObject("/BitsPerComponent"): NumberObject(8)})
            resources[NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): writer._add_object(image)})
            ops = [b"q 595 0 0 842 0 0 cm /Im1 Do Q"]
        else:
            ops = [b"BT"]
            if number == 0:
                ops += [b"/F1 16 Tf", b"56 780 Td", _pdf_str(title) + b" Tj", b"/F1 10 Tf", b"0 -28 Td"]
            else:
                ops += [b"/F1 10 Tf", b"56 780 Td"]
            for para in paras:
                for line in _wrap(para):
                    ops += [_pdf_str(line) + b" Tj", b"0 -14 Td"]
                ops.append(b"0 -8 Td")
            ops.append(b"ET")
        page[NameObject("/Resources")] = resources
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page.replace_contents(stream)
    root = writer._root_object
    if tagged:
        document = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                                        NameObject("/S"): NameObject("/Document")}))
        root[NameObject("/StructTreeRoot")] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): ArrayObject([document])}))
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if display_title:
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    meta = {"/Title": title, "/Author": author, "/CreationDate": created, "/ModDate": created}
    if producer.pdf_producer:
        meta["/Producer"] = producer.pdf_producer
    if producer.pdf_creator:
        meta["/Creator"] = producer.pdf_creator
    writer.add_metadata(meta)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- legacy binary formats and images ----------------------------------------------------------


def ole2_stub(title: str) -> bytes:
    """A *stub* of a legacy .doc / .xls file.

    Writing a real OLE2 compound file (with its FAT, directory and Word/Excel streams) is out
    of scope for a fixture; this only has the OLE2 magic and a plausible header, enough for
    format sniffing by extension or magic number, not for opening in an office suite.
    """
    header = bytearray(512)
    header[0:8] = OLE2_MAGIC
    struct.pack_into("<HHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 0x0009)  # minor, major(3), BOM, sector shift
    struct.pack_into("<H", header, 32, 0x0006)  # mini sector shift
    body = ("\x00" + title).encode("utf-16-le")
    sector = body[:512].ljust(512, b"\x00")
    return bytes(header) + sector + b"\x00" * 512


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
