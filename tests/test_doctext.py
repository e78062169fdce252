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
