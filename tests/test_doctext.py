"""ground/doctext.py: the text of documents, page by page, bounded; hostile files are findings."""
from __future__ import annotations

import pytest

from ground.doctext import MAX_PAGES, extract, extract_bounded
from tests.documents.build import docx, odt, pdf, zip_bomb_odt

DELIB = ["Délibération n° 2024-031 du conseil municipal", "Le conseil municipal adopte la politique",
         "en faveur des logiciels libres de la commune."]


def test_a_pdf_is_read_page_by_page_with_its_accents():
    body = pdf([["Schéma pluriannuel de mise en accessibilité 2024-2026"], DELIB])
    got = extract(body)
    assert got["kind"] == "pdf" and got["pages_total"] == 2 and got["scanned"] is False
    assert [n for n, _ in got["pages"]] == [1, 2]
    assert "Schéma pluriannuel de mise en accessibilité 2024-2026" in got["pages"][0][1]
    assert "adopte la politique" in got["pages"][1][1] and "Délibération n° 2024-031" in got["pages"][1][1]


def test_what_a_pdf_says_of_its_own_accessibility():
    plain = extract(pdf([["Bonjour"]]))
    assert (plain["tagged"], plain["lang"], plain["title"], plain["display_title"]) == (False, None, None, False)
    tagged = extract(pdf([["Bonjour"]], tagged=True, lang="fr-FR", title="Déclaration d'accessibilité",
                         display_title=True))
    assert (tagged["tagged"], tagged["marked"], tagged["lang"], tagged["title"], tagged["display_title"]) == (
        True, True, "fr-FR", "Déclaration d'accessibilité", True)


def test_a_scanned_pdf_is_recognised_as_such():
    got = extract(pdf([[], []], image_only=True))
    assert got["scanned"] is True and got["pages"] == []


def test_an_encrypted_pdf_is_a_finding():
    got = extract(pdf([["Secret"]], encrypt="motdepasse"))
    assert got["error"] == "PDF chiffré : texte illisible sans mot de passe" and got["pages"] == []
    opened = extract(pdf([["Lisible par tous"]], encrypt=""))  # an empty user password: readable
    assert "Lisible par tous" in opened["pages"][0][1]


def test_odt_and_docx_text():
    got = extract(odt(DELIB))
    assert got["kind"] == "odf" and got["pages"][0][0] is None
    assert got["pages"][0][1].splitlines() == DELIB
    assert extract(docx(DELIB))["pages"][0][1].splitlines() == DELIB


def test_bounds_pages_and_zip_bombs():
    many = extract(pdf([[f"page {i}"] for i in range(MAX_PAGES + 5)]))
    assert many["pages_total"] == MAX_PAGES + 5 and len(many["pages"]) == MAX_PAGES and many["truncated"]
    bomb = extract(zip_bomb_odt())
    assert bomb["error"] == ("document refusé : partie content.xml trop volumineuse une fois décompressée "
                             "(67108881 octets)")  # 8 + 64 MiB + 9 bytes of XML and bomb["pages"] == []
    assert extract(b"%PDF-1.4 garbage")["error"].startswith("document illisible")
    assert extract(b"plain text")["pages"] == []


def test_a_document_that_stalls_is_stopped_by_its_time_limit(monkeypatch):
    import time

    import ground.doctext as doctext

    monkeypatch.setattr(doctext, "extract", lambda body: time.sleep(30) or {})
    started = time.monotonic()
    got = extract_bounded(b"%PDF-", time_limit=1.0)
    assert time.monotonic() - started < 10  # generous: the child is killed at 1 s
    assert got["error"] == "lecture du document arrêtée après 1 s (document piégé ou trop lourd)"


@pytest.mark.parametrize("body", [pdf([DELIB]), odt(DELIB)])
def test_the_bounded_extraction_gives_the_same_text(body):
    assert extract_bounded(body) == extract(body)


def _odt_content(xml_body: str) -> bytes:
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", '<office:document-content xmlns:office="o" xmlns:text="t"><office:body>'
                                   f"<office:text>{xml_body}</office:text></office:body></office:document-content>")
        zf.writestr("meta.xml", "<office:document-meta><office:meta><meta:generator>LibreOffice/24.2.7.2$Linux_X86_64"
                                "</meta:generator><meta:creation-date>2024-11-12T16:04:31.123000000</meta:creation-date>"
                                "</office:meta></office:document-meta>")
    return out.getvalue()


def test_an_odt_saved_with_its_layout_gives_page_numbers_and_its_creation_day():
    # LibreOffice records where its layout broke the pages (a break may fall inside a paragraph).
    body = _odt_content("<text:p>Délibération n° 2024-057</text:p><text:p>Le conseil municipal adopte"
                        "<text:soft-page-break/> la politique du logiciel libre.</text:p><text:p>Adoptée à "
                        "l'unanimité</text:p>")
    got = extract(body)
    assert got["pages"] == [(1, "Délibération n° 2024-057\nLe conseil municipal adopte"),
                            (2, "la politique du logiciel libre.\nAdoptée à l'unanimité")]
    assert got["pages_total"] == 2
    assert got["meta"] == ("LibreOffice/24.2.7.2$Linux_X86_64", None, "2024-11-12")
    # Without recorded breaks: one flow, no page number.
    assert extract(_odt_content("<text:p>Un seul bloc</text:p>"))["pages"] == [(None, "Un seul bloc")]


def test_a_docx_gives_pages_at_words_rendered_breaks_and_typed_ones():
    import io
    import zipfile
    doc = ('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Première page</w:t></w:r></w:p>'
           '<w:p><w:r><w:lastRenderedPageBreak/><w:t>Deuxième page</w:t></w:r></w:p>'
           '<w:p><w:r><w:br w:type="page"/><w:t>Troisième page</w:t></w:r></w:p></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", doc)
        zf.writestr("docProps/app.xml", "<Properties><Application>Microsoft Office Word</Application></Properties>")
        zf.writestr("docProps/core.xml", '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">'
                                         "2025-03-04T08:30:00Z</dcterms:created></cp:coreProperties>")
    got = extract(out.getvalue())
    assert got["pages"] == [(1, "Première page"), (2, "Deuxième page"), (3, "Troisième page")]
    assert got["meta"] == ("Microsoft Office Word", None, "2025-03-04")


def test_metadata_dates_are_read_as_days_and_implausible_ones_refused():
    from ground.documents import metadata_date
    assert metadata_date("D:20250120093000+01'00'") == "2025-01-20"
    assert metadata_date("20250120") == "2025-01-20"  # PDF dates without their D: prefix exist
    assert metadata_date("D:2025") == "2025"
    assert metadata_date("2024-11-12T16:04:31.123000000") == "2024-11-12"
    assert metadata_date("D:18500101") is None and metadata_date("D:20251301") is None
    assert metadata_date("hier") is None and metadata_date(None) is None


def test_a_pdf_gives_its_producer_and_creation_day_with_its_text():
    from demo import docgen
    body = docgen.pdf("Rapport", "Mairie", "D:20240614093000+02'00'",
                      docgen.Producer(pdf_producer="LibreOffice 7.5", pdf_creator="Writer"), ["Texte"])
    assert extract(body)["meta"] == ("LibreOffice 7.5", "Writer", "2024-06-14")


def test_a_metadata_part_that_is_a_zip_bomb_is_read_only_in_its_first_bytes():
    import io
    import resource
    import zipfile
    from ground.documents import document_metadata
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with zf.open("meta.xml", "w") as fh:  # written in chunks: this test's own peak stays small
            fh.write(b"<meta:generator>LibreOffice</meta:generator>")
            for _ in range(200):
                fh.write(b" " * (1024 * 1024))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert document_metadata(out.getvalue()) == ("LibreOffice", None, None)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 100 * 1024  # far from the 200 MiB the part unpacks to


def test_an_xlsx_sheet_that_is_a_zip_bomb_is_refused_before_it_is_opened():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<sheetData>" + " " * (40 * 1024 * 1024) + "</sheetData>")
    got = extract(out.getvalue())
    assert got["error"] == ("document refusé : partie xl/worksheets/sheet1.xml trop volumineuse une fois "
                            "décompressée (41943063 octets)") and got["pages"] == []  # 11 + 40 MiB (41,943,040) + 12 bytes


def test_an_xlsx_reads_each_sheet_as_a_page_with_french_values():
    """A workbook written by hand with openpyxl: two sheets; a date, a percentage with one decimal, a
    decimal number, a boolean, a formula (its cached value: none, openpyxl writes no result) and a blank."""
    import datetime as dt
    import io

    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Jeux"
    first.append(["Jeu", "Publié le", "Part", "Taille (Mo)", "Ouvert"])
    first.append(["Arbres", dt.datetime(2024, 11, 12), 0.667, 2.5, True])
    first["C2"].number_format = "0.0%"
    first.append(["Budget", None, None, 1873, False])
    second = book.create_sheet("Notes")
    second.append(["Total", "=SUM(Jeux!D2:D3)"])
    body = io.BytesIO()
    book.save(body)
    got = extract(body.getvalue())
    assert got["kind"] == "xlsx" and got["pages_total"] == 2 and [n for n, _ in got["pages"]] == [1, 2]
    assert got["pages"][0][1].splitlines() == ["Jeu", "Publié le", "Part", "Taille (Mo)", "Ouvert",
                                               "Arbres", "12/11/2024", "66,7\u00a0%", "2,5", "VRAI",
                                               "Budget", "1873", "FAUX"]
    assert got["pages"][1][1].splitlines() == ["Total"]  # a formula never computed has no value to show


def test_an_odp_slide_is_a_page_without_its_speaker_notes():
    """Impress keeps a slide's speaker notes inside its <draw:page>: not on the slide, so not its text."""
    import io
    import zipfile

    slide = ('<draw:page draw:name="page{n}"><draw:frame><draw:text-box><text:p>{title}</text:p></draw:text-box>'
             '</draw:frame><presentation:notes><draw:frame><draw:text-box><text:p>Notes de l’orateur {n}</text:p>'
             '</draw:text-box></draw:frame></presentation:notes></draw:page>')
    content = ('<office:document-content><office:body><office:presentation>'
               + slide.format(n=1, title="Schéma directeur du numérique") + slide.format(n=2, title="Logiciels libres")
               + '</office:presentation></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        zf.writestr("content.xml", content)
    got = extract(out.getvalue())
    assert got["pages"] == [(1, "Schéma directeur du numérique"), (2, "Logiciels libres")]
    assert got["pages_total"] == 2
