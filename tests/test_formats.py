"""Documents told by what was served and by their links' real shapes (ground.formats); expected
values written by hand from each URL and header as a reader sees them."""
from __future__ import annotations

import pytest

from ground.formats import disposition_filename, document_format, is_open, served_format


@pytest.mark.parametrize(("url", "fmt"), [
    ("https://www.ville.fr/IMG/pdf/budget-2025.pdf", "pdf"),
    ("https://www.ville.fr/Documents/Compte%20rendu.ODT", "odt"),
    # Plone / iMio: the file's name is the segment before @@download
    # (learned from IMIO's sites: https://www.namur.be/fr/.../reglement.pdf/@@download/file/reglement.pdf)
    ("https://www.commune.be/ma-commune/budget-2024.pdf/@@download/file", "pdf"),
    ("https://www.commune.be/docs/pv-conseil.odt/@@download/file/pv-conseil.odt", "odt"),
    ("https://www.commune.be/docs/reglement.pdf/at_download/file", "pdf"),
    # Feeds and forge files are not documents.
    ("https://www.ville.fr/feed.xml", None),
    ("https://www.ville.fr/rss.xml", None),
    ("https://www.ville.fr/actualites/atom.xml", None),
    ("https://www.ville.fr/spip.php?page=backend&format=xml", None),
    ("https://github.com/ville/projet/blob/main/LICENCE.md", None),
    ("https://www.ville.fr/donnees/arbres-remarquables.json", "json"),
    ("https://www.ville.fr/donnees/marches-publics.xml", "xml"),
    # Addresses that only the answer tells about.
    ("https://www.ville.fr/index.php?eID=dumpFile&t=f&f=123&token=abc", None),
    ("https://www.ville.fr/telecharger?id=5", None),
    ("https://www.ville.fr/actualites/", None),
])
def test_a_link_is_a_document_by_its_name(url, fmt):
    assert document_format(url) == fmt


def test_rtf_is_not_an_open_format():
    # The RGI v2 lists ODF, PDF, CSV, XML, JSON…; RTF is Microsoft's own specification.
    assert document_format("https://www.ville.fr/cr.rtf") == "rtf" and not is_open("rtf")
    assert is_open("odt") and is_open("pdf") and not is_open("docx")


@pytest.mark.parametrize(("disposition", "name"), [
    ('attachment; filename="budget.odt"', "budget.odt"),
    ("attachment; filename=budget.odt", "budget.odt"),
    ("attachment; filename*=UTF-8''d%C3%A9lib%C3%A9ration%202025.docx", "délibération 2025.docx"),
    ('inline; filename="Compte rendu.pdf"; size=1234', "Compte rendu.pdf"),
    ("inline", None),
    (None, None),
])
def test_the_file_name_a_server_gives(disposition, name):
    assert disposition_filename(disposition) == name


@pytest.mark.parametrize(("url", "ctype", "disposition", "head", "fmt"), [
    ("https://www.ville.fr/telecharger?id=5", "application/octet-stream", 'attachment; filename="budget.odt"',
     b"PK\x03\x04", "odt"),
    ("https://www.ville.fr/index.php?eID=dumpFile&t=f&f=123", "application/pdf", None, b"%PDF-1.7", "pdf"),
    ("https://www.ville.fr/fichier?id=9", "application/octet-stream", None, b"%PDF-1.4", "pdf"),
    ("https://www.ville.fr/doc?id=3", "application/vnd.oasis.opendocument.spreadsheet", None, b"PK", "ods"),
    ("https://www.ville.fr/docs/cr.rtf", "application/octet-stream", None, b"{\\rtf1\\ansi", "rtf"),
    # The name given by the server wins over a generic type.
    ("https://www.ville.fr/dl.php?f=x", "application/force-download", "attachment; filename=tarifs.xlsx", b"PK",
     "xlsx"),
    # Not documents: a page, a feed, an image.
    ("https://www.ville.fr/actualites/", "text/html; charset=utf-8", None, b"<!DOCTYPE", None),
    ("https://www.ville.fr/feed.xml", "application/rss+xml", None, b"<?xml ", None),
    ("https://www.ville.fr/logo?id=1", "image/png", None, b"\x89PNG", None),
    # A .pdf link answered by an HTML page (an error page served 200): not a document as served.
    ("https://www.ville.fr/IMG/pdf/absent.pdf", "text/html", None, b"<html>", None),
])
def test_a_document_is_told_by_what_was_served(url, ctype, disposition, head, fmt):
    assert served_format(url, ctype, disposition, head) == fmt
