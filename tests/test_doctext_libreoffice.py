"""ground/doctext.py on files made by LibreOffice itself (tests/documents/libreoffice/: sources written by
hand as flat ODF, converted by soffice; the outputs are committed, CI has no LibreOffice). Every expected
text below is written from the sources in tests/documents/libreoffice/src/, not from the extractor.

Each test runs on the committed files and, where soffice is on PATH, again on files regenerated from the
sources into a temporary folder (skipped elsewhere): the same text facts, not the same bytes.

What a matcher gets (the form these tests pin down): accents as composed characters, typographic
apostrophes (’, U+2019) and en dashes (–) as written; the no-break spaces of French typography kept as
U+00A0 and U+202F (in ODT, DOCX and Writer's PDF), never as "&#160;" nor dropped. They are whitespace
for Python: a matcher must use `\\s` (Unicode) or collapse with " ".join(text.split()) — a pattern
with a literal ASCII space ("Objet : adoption") does not match. A PDF's lines are its layout lines:
a paragraph wraps (its line ends with a space before the newline), so match on collapsed text.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.office_suite import classify
from ground.doctext import extract
from ground.documents import document_metadata
from tests.documents.libreoffice import make

NBSP, NNBSP = "\u00a0", "\u202f"  # no-break space; narrow no-break space

# --- what the sources say ---------------------------------------------------------------------------

DELIB_PAGE1 = [
    "COMMUNE DE VALBRUNE",
    "Extrait du registre des délibérations du conseil municipal",
    "Délibération n° 2024-057 du conseil municipal",
    "Séance du 12 novembre 2024",
    f"Objet{NBSP}: adoption d'une politique en faveur des logiciels libres",
    f"Conseillers en exercice{NBSP}: 23 – présents{NBSP}: 19 – votants{NBSP}: 21",
    "Le conseil municipal,",
    f"Vu le code général des collectivités territoriales, et notamment son article L. 2121-29{NNBSP};",
    f"Vu la loi n° 2016-1321 du 7 octobre 2016 pour une République numérique, et notamment son article 16{NBSP};",
    "Considérant que les logiciels libres garantissent à la commune la maîtrise de ses données et de ses "
    f"outils{NBSP};",
    f"Considérant l'avis favorable de la commission «{NBSP}Numérique et finances{NBSP}» du 28 octobre 2024{NBSP};",
    "Après en avoir délibéré,",
]
DELIB_PAGE2 = [  # after the hard page break (fo:break-before="page" on "DÉCIDE")
    f"DÉCIDE{NBSP}:",
    f"Article 1er{NBSP}: la commune privilégie les logiciels libres et les formats ouverts pour toute "
    "acquisition ou tout développement de logiciel.",
    f"Article 2{NBSP}: les documents publiés sur le site de la commune sont proposés dans un format ouvert "
    "(ODT, ODS ou PDF accessible).",
    f"Article 3{NBSP}: Monsieur le Maire est chargé de l'exécution de la présente délibération.",
    "Adoptée à l'unanimité.",
    "Fait à Valbrune, le 12 novembre 2024",
    "Le Maire, Pierre Martin",
]
DELIB_FOOTER = "Délibération n° 2024-057 – page {} sur 2"  # the master page's footer: in PDFs only
DELIB_TITLE = "Délibération n° 2024-057 – politique en faveur des logiciels libres"

DECL_TITLE = "Déclaration d’accessibilité du site de la commune de Valbrune"
DECL_FACTS = [  # collapsed forms (no-break spaces as spaces), as a matcher reads them
    "Déclaration d’accessibilité",
    "Le site internet de la commune de Valbrune est partiellement conforme avec le référentiel général "
    "d’amélioration de l’accessibilité",
    "L’audit de conformité réalisé le 3 septembre 2024 par la société Accès Pour Tous révèle un taux de "
    "conformité de 72,5 % au RGAA version 4.1.",
    "Critères conformes : 29 ; critères non conformes : 11 ; critères non applicables : 66.",
    "Cette déclaration a été établie le 15 octobre 2024. Elle a été mise à jour le 12 novembre 2024.",
    "envoyer un courrier par la poste, gratuitement et sans timbre : Défenseur des droits, Libre réponse "
    "71120, 75342 Paris CEDEX 07.",
]
DECL_HEADINGS = ["État de conformité", "Résultats des tests", "Contenus non accessibles",
                 "Dérogations pour charge disproportionnée", "Contenus non soumis à l’obligation d’accessibilité",
                 "Établissement de cette déclaration d’accessibilité", "Retour d’information et contact",
                 "Voies de recours"]
FOOTNOTE = "Arrêté du 20 septembre 2019 relatif au référentiel général d’amélioration de l’accessibilité."

INVENTORY_STRINGS = ["Jeu de données", "Service producteur", "Enregistrements", "Délibérations du conseil municipal",
                     "Secrétariat général", "Licence Ouverte 2.0", "Équipements sportifs", "Arbres d'alignement",
                     "Fréquentation de la médiathèque", "Part des jeux publiés",
                     "Inventaire établi par le délégué à la protection des données (DPD) – novembre 2024."]

SLIDE1 = ["Schéma pluriannuel de mise en accessibilité numérique 2024-2026",
          "Conseil municipal de Valbrune du 12 novembre 2024"]
SLIDE2 = ["Plan d'action 2025", "Corriger les 11 critères non conformes d'ici juin 2025.",
          "Former 12 agents à la rédaction de documents accessibles.",
          f"Publier les délibérations en PDF balisé{NBSP}: titre, langue et structure."]


# --- the files: committed, and regenerated where LibreOffice is installed ---------------------------

@pytest.fixture(scope="session")
def regenerated(tmp_path_factory) -> Path:
    if make.soffice() is None:
        pytest.skip("soffice absent : les fichiers ne sont pas régénérés (ceux du dépôt sont lus)")
    out = tmp_path_factory.mktemp("libreoffice")
    make.build(out, uno=make.uno_python() is not None)
    return out


@pytest.fixture(params=["committed", "regenerated"])
def folder(request) -> Path:
    return make.OUT if request.param == "committed" else request.getfixturevalue("regenerated")


def body(folder: Path, name: str) -> bytes:
    path = folder / name
    if not path.exists():  # the full-layout save needs python3-uno, which a regeneration may lack
        pytest.skip(f"{name} non régénéré")
    return path.read_bytes()


def read(folder: Path, name: str) -> dict:
    return extract(body(folder, name))


def flat(text: str) -> str:
    """Text as a matcher should compare it: every run of whitespace (U+00A0, U+202F and new lines
    included: str.split() knows them) as one space."""
    return " ".join(text.split())


def whole(got: dict) -> str:
    return "\n".join(text for _, text in got["pages"])


def pages_with(got: dict, needle: str) -> set:
    return {number for number, text in got["pages"] if flat(needle) in flat(text)}


# --- the deliberation: two pages, a hard page break ---------------------------------------------------

@pytest.mark.parametrize("name", ["deliberation.pdf", "deliberation-pdfua.pdf"])
def test_a_libreoffice_pdf_is_read_page_by_page(folder, name):
    got = read(folder, name)
    assert got["kind"] == "pdf" and got["pages_total"] == 2 and not got["scanned"] and not got["truncated"]
    assert [number for number, _ in got["pages"]] == [1, 2]
    assert flat(got["pages"][0][1]) == flat(" ".join(DELIB_PAGE1 + [DELIB_FOOTER.format(1)]))
    assert flat(got["pages"][1][1]) == flat(" ".join(DELIB_PAGE2 + [DELIB_FOOTER.format(2)]))
    assert pages_with(got, "Adoptée à l'unanimité.") == {2}


def test_a_libreoffice_docx_has_its_hard_page_break_as_a_page(folder):
    # LibreOffice writes the paragraph's fo:break-before as <w:br w:type="page"/> ending the paragraph
    # before it (and never <w:lastRenderedPageBreak/>).
    got = read(folder, "deliberation.docx")
    assert got["kind"] == "docx"
    assert [(number, text.splitlines()) for number, text in got["pages"]] == [(1, DELIB_PAGE1), (2, DELIB_PAGE2)]


def test_a_libreoffice_odt_gives_its_paragraphs_in_order(folder):
    got = read(folder, "deliberation.odt")
    assert got["kind"] == "odf"
    assert whole(got).splitlines() == DELIB_PAGE1 + DELIB_PAGE2


def test_a_libreoffice_odt_tells_the_page_of_a_hard_page_break(folder):
    # LibreOffice writes no soft-page-break at a typed break: the paragraph's automatic style says
    # fo:break-before="page" (ground/doctext.py follows it).
    assert pages_with(read(folder, "deliberation.odt"), "Adoptée à l'unanimité.") == {2}


@pytest.mark.parametrize("name", ["deliberation.pdf", "deliberation-pdfua.pdf", "deliberation.odt",
                                  "deliberation.docx"])
def test_french_no_break_spaces_come_back_as_such(folder, name):
    text = whole(read(folder, name))
    assert f"Objet{NBSP}: adoption" in text and f"2121-29{NNBSP};" in text
    assert f"«{NBSP}Numérique et finances{NBSP}»" in text and "23 – présents" in text
    assert "Objet : adoption" not in text  # an ASCII-space pattern misses it ...
    assert re.search(r"Objet\s:\sadoption", text) and "Objet : adoption" in flat(text)  # ... \s finds it


def test_an_impress_pdf_no_break_space_is_still_whitespace(folder):
    got = read(folder, "presentation.pdf")
    assert re.search(r"PDF balisé\s:\stitre", got["pages"][1][1])


# --- what the PDFs say of their accessibility -------------------------------------------------------

@pytest.mark.parametrize("stem, title", [("deliberation", DELIB_TITLE), ("declaration", DECL_TITLE)])
def test_the_pdf_ua_export_is_tagged_and_the_plain_one_is_not(folder, stem, title):
    tagged = read(folder, f"{stem}-pdfua.pdf")
    assert (tagged["tagged"], tagged["marked"], tagged["lang"], tagged["title"], tagged["display_title"]) == (
        True, True, "fr-FR", title, True)
    # LibreOffice writes /Lang (the text's language), /Title (dc:title) and DisplayDocTitle in every PDF:
    # only the structure tree tells a tagged PDF.
    plain = read(folder, f"{stem}.pdf")
    assert (plain["tagged"], plain["marked"], plain["lang"], plain["title"], plain["display_title"]) == (
        False, False, "fr-FR", title, True)


@pytest.mark.parametrize("name, title", [("inventaire.pdf", "Inventaire des données de la commune de Valbrune"),
                                         ("presentation.pdf", SLIDE1[0])])
def test_calc_and_impress_pdfs_take_the_language_of_the_french_locale(folder, name, title):
    got = read(folder, name)
    assert (got["tagged"], got["lang"], got["title"]) == (False, "fr-FR", title)


# --- who made them ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, creator", [
    ("deliberation.pdf", "Writer"), ("deliberation-pdfua.pdf", "Writer"), ("declaration.pdf", "Writer"),
    ("inventaire.pdf", "Calc"), ("presentation.pdf", "Impress"),
    ("deliberation.odt", None), ("deliberation.docx", None), ("declaration-full-layout.odt", None),
    ("inventaire.ods", None), ("inventaire.xlsx", None), ("presentation.odp", None), ("presentation.pptx", None)])
def test_the_producer_names_libreoffice(folder, name, creator):
    producer, found_creator = document_metadata(body(folder, name))[:2]
    # PDF: /Producer "LibreOffice 7.4", /Creator the module; ODF meta:generator and OOXML Application:
    # "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/…"
    assert producer.startswith("LibreOffice") and found_creator == creator
    assert classify(producer, found_creator) == ("LibreOffice", True)


# --- the accessibility statement: a page break laid out by LibreOffice --------------------------------

@pytest.mark.parametrize("name", ["declaration.pdf", "declaration-pdfua.pdf", "declaration.odt",
                                  "declaration-full-layout.odt", "declaration.docx"])
def test_the_statement_s_facts_are_read_in_every_format(folder, name):
    text = flat(whole(read(folder, name)))
    for fact in DECL_FACTS:
        assert fact in text, fact
    assert f"72,5{NBSP}%" in whole(read(folder, name))


def test_the_statement_pdf_has_two_pages_and_its_bullets(folder):
    got = read(folder, "declaration.pdf")
    assert got["pages_total"] == 2 and [number for number, _ in got["pages"]] == [1, 2]
    assert pages_with(got, "Déclaration d’accessibilité") == {1} and pages_with(got, "Voies de recours") == {2}
    assert pages_with(got, "taux de conformité de 72,5 %") == {1}
    # list bullets are drawn (an en dash, from the list style): in the PDF only, not in ODT or DOCX text
    assert "– Certaines images porteuses d’information" in flat(got["pages"][0][1])
    assert "– Certaines images" not in flat(whole(read(folder, "declaration.odt")))


def test_an_odt_saved_after_its_layout_has_the_pages_of_its_pdf(folder):
    # <text:soft-page-break/> where LibreOffice's finished layout starts a page: the same pages as the PDF.
    odt, pdf = read(folder, "declaration-full-layout.odt"), read(folder, "declaration.pdf")
    assert [number for number, _ in odt["pages"]] == [1, 2]
    for heading in DECL_HEADINGS + ["Déclaration d’accessibilité"]:
        assert pages_with(odt, heading) == pages_with(pdf, heading), heading


def test_an_odt_converted_headless_records_the_page_breaks_of_an_unfinished_layout(folder):
    # soffice --convert-to saves before laying out every page (LibreOffice formats lazily): its single
    # soft page break falls paragraphs later than the PDF's (see tests/documents/libreoffice/README.md).
    odt, pdf = read(folder, "declaration.odt"), read(folder, "declaration.pdf")
    assert [number for number, _ in odt["pages"]] == [1, 2]
    heading = "Contenus non soumis à l’obligation d’accessibilité"
    assert pages_with(pdf, heading) == {2} and pages_with(odt, heading) == {1}


def test_a_libreoffice_docx_records_no_page_laid_out(folder):
    # No <w:lastRenderedPageBreak/> (LibreOffice does not write it) and no hard break: one flow.
    got = read(folder, "declaration.docx")
    assert [number for number, _ in got["pages"]] == [None] and got["pages_total"] is None


def test_a_docx_footnote_is_read(folder):
    """DOCX footnotes are in word/footnotes.xml (the body keeps only <w:footnoteReference w:id="2"/>): read
    after the document's text."""
    assert FOOTNOTE in whole(read(folder, "declaration.docx"))


def test_an_odt_footnote_does_not_cut_its_sentence(folder):
    """An ODT footnote is inline in its paragraph (<text:note><text:note-citation>1</text:note-citation>
    <text:note-body>…</text:note-body></text:note>): read in place, its citation stuck to the word before
    (« RGAA1 ») and its body cut the sentence in two; it is read after the document's text."""
    text = whole(read(folder, "declaration.odt"))
    assert FOOTNOTE in text
    line = next(line for line in text.splitlines() if "partiellement conforme" in line)
    assert "version 4.1, en raison des non-conformités" in line and "RGAA1" not in line


# --- the data inventory: a spreadsheet ---------------------------------------------------------------

def test_an_ods_gives_its_cells_in_order_with_french_formats(folder):
    got = read(folder, "inventaire.ods")
    text = flat(whole(got))
    where = [text.find(string) for string in INVENTORY_STRINGS]
    assert -1 not in where and where == sorted(where)  # row by row, sheet by sheet
    # typed values as LibreOffice displays them in French: date day/month/year, digits grouped by a
    # no-break space, a percentage with a decimal comma
    assert "Délibérations du conseil municipal Secrétariat général PDF, ODT Licence Ouverte 2.0 oui 12/11/2024 412" \
        in text
    assert "oui 09/04/2024 1 873" in text and "Part des jeux publiés 66,7 %" in text


def test_an_ods_text_has_no_style_text(folder):
    assert whole(read(folder, "inventaire.ods")).splitlines()[0] == "Jeu de données"


def test_an_xlsx_gives_its_strings(folder):
    got = read(folder, "inventaire.xlsx")
    assert got["kind"] == "xlsx"
    lines = whole(got).splitlines()
    for string in INVENTORY_STRINGS:
        assert string in lines, string


def test_an_xlsx_gives_its_numbers(folder):
    """Numbers and dates are in the sheets (<c r="G2" s="3" t="n"><v>412</v></c>, the date 12/11/2024 as
    <v>45608</v>), not in the shared strings (deduplicated: « oui » once): read cell by cell, row by row."""
    got = read(folder, "inventaire.xlsx")
    text = whole(got)
    assert "412" in text and "1873" in text.replace(NBSP, "").replace(" ", "")
    lines = text.splitlines()
    # The first row of data in its order, the date as a French reader writes it.
    row = lines.index("Délibérations du conseil municipal")
    assert lines[row:row + 7] == ["Délibérations du conseil municipal", "Secrétariat général", "PDF, ODT",
                                  "Licence Ouverte 2.0", "oui", "12/11/2024", "412"]
    assert lines.count("oui") > 1  # each cell where it stands, not each string once
    assert f"66,7{NBSP}%" in lines  # a percentage with its decimal comma


def test_a_calc_pdf_gives_one_sheet_a_page(folder):
    got = read(folder, "inventaire.pdf")
    assert got["pages_total"] == 2 and [number for number, _ in got["pages"]] == [1, 2]
    first, second = flat(got["pages"][0][1]), flat(got["pages"][1][1])
    assert "Inventaire des données de Valbrune – page 1" in first
    for string in INVENTORY_STRINGS[:-1]:
        assert string in first, string
    assert "12/11/2024" in first and "1 873" in first and "66,7 %" in first
    assert "Inventaire établi par le délégué à la protection des données (DPD) – novembre 2024." in second


# --- the presentation ---------------------------------------------------------------------------------

def test_a_pptx_gives_its_slides_as_pages(folder):
    got = read(folder, "presentation.pptx")
    assert got["kind"] == "pptx" and got["pages_total"] == 2
    assert [(number, text.splitlines()) for number, text in got["pages"]] == [(1, SLIDE1), (2, SLIDE2)]


def test_an_odp_gives_its_slides_as_pages(folder):
    """Each <draw:page> a page, numbered as Impress numbers its slides, as for PPTX."""
    got = read(folder, "presentation.odp")
    assert got["kind"] == "odf" and got["pages_total"] == 2
    assert [(number, text.splitlines()) for number, text in got["pages"]] == [(1, SLIDE1), (2, SLIDE2)]


def test_an_impress_pdf_gives_a_slide_a_page(folder):
    got = read(folder, "presentation.pdf")
    assert [number for number, _ in got["pages"]] == [1, 2]
    assert flat(got["pages"][0][1]) == flat(" ".join(SLIDE1)) and flat(got["pages"][1][1]) == flat(" ".join(SLIDE2))
