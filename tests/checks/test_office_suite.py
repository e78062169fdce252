import pytest

from checks import office_suite
from tests.checks.baseline import document, observations

LO = "LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd"


def run(*docs):
    return office_suite.run(observations(documents=list(docs)))


def test_documents_made_with_libreoffice_are_favorable_with_the_producer_as_snippet():
    s = run(document("https://www.exemple-commune.fr/a.odt", "odt", producer=LO),
            document("https://www.exemple-commune.fr/b.pdf", "pdf", producer="LibreOffice 7.6"))
    assert (s.value, s.assessment) == (1.0, "favorable")
    assert s.details["par_logiciel"] == {"LibreOffice": 2}
    assert "LibreOffice" in s.evidence[0].snippet and s.evidence[0].sha256


def test_word_documents_are_defavorable_and_come_first():
    s = run(document("https://www.exemple-commune.fr/a.docx", "docx", producer="Microsoft Office Word"),
            document("https://www.exemple-commune.fr/b.pdf", "pdf", producer="Microsoft® Word pour Microsoft 365"),
            document("https://www.exemple-commune.fr/c.odt", "odt", producer=LO))
    assert s.assessment == "defavorable" and s.value == 0.333
    assert "Microsoft" in s.evidence[0].snippet


def test_creator_is_read_before_the_pdf_library():
    doc = document("https://www.exemple-commune.fr/a.pdf", "pdf", producer="Adobe PDF Library 15.0")
    doc.creator = "Microsoft® Word 2016"
    assert office_suite.classify(doc.producer, doc.creator) == ("Microsoft Office", False)
    assert office_suite.classify("Writer", None) == (office_suite.OTHER, None)
    assert office_suite.classify("LibreOffice 7.5", "Writer") == ("LibreOffice", True)


def test_half_and_half_is_neutre():
    s = run(document("https://www.exemple-commune.fr/a.xlsx", "xlsx", producer="Microsoft Excel"),
            document("https://www.exemple-commune.fr/b.ods", "ods", producer=LO))
    assert (s.value, s.assessment) == (0.5, "neutre")


def test_only_non_office_software_is_neutre():
    s = run(document("https://www.exemple-commune.fr/scan.pdf", "pdf", producer="Canon iR-ADV C5535"))
    assert s.assessment == "neutre" and s.value is None and s.details["par_logiciel"] == {"autre": 1}


def test_no_producer_metadata_is_inconnu():
    s = run(document("https://www.exemple-commune.fr/a.csv", "csv"))
    assert s.assessment == "inconnu" and "logiciel" in s.reason


def test_unreachable_is_inconnu():
    assert office_suite.run(observations(reachable=False)).assessment == "inconnu"


# Producer / creator pairs as real files carry them (read in the PDFs' /Info and ODF/OOXML metadata of
# collectivités' documents; each family named by hand).
@pytest.mark.parametrize(("producer", "creator", "family"), [
    ("LibreOffice 7.6", "Writer", "LibreOffice"),
    ("Microsoft® Word pour Microsoft 365", "Microsoft® Word pour Microsoft 365", "Microsoft Office"),
    ("Microsoft Office Word", None, "Microsoft Office"),  # docProps/app.xml <Application>
    ("Microsoft Excel", None, "Microsoft Office"),
    ("Acrobat PDFMaker 23 pour Word", "Microsoft Word - budget.docx", "Microsoft Office"),
    ("Skia/PDF m119 Google Docs Renderer", None, "Google Docs"),
    ("macOS Version 14.1 (Build 23B74) Quartz PDFContext", "Numbers", "Apple iWork"),
    ("macOS Version 13.4 Quartz PDFContext", "Pages 13.1", "Apple iWork"),
    # Not an office suite: a browser's print, a report server, Windows' printer, page numbering.
    ("Skia/PDF m120", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36", "autre"),
    ("Microsoft Reporting Services PDF Rendering Extension 15.0.0.0", "Microsoft Reporting Services 15.0.0.0",
     "autre"),
    ("Microsoft: Print To PDF", None, "autre"),
    ("Adobe PDF Library 17.0", "Adobe InDesign 19.0 (Windows) with Page Numbers", "autre"),
    ("GPL Ghostscript 10.01", "PDFCreator 5.1", "autre"),
])
def test_the_software_family_of_a_document(producer, creator, family):
    from checks.office_suite import classify

    assert classify(producer, creator)[0] == family


# --- ordering, counts and what each outcome carries ------------------------------------------------

B = "https://www.exemple-commune.fr/"


def test_the_creator_is_read_when_running_the_signal():
    doc = document(B + "a.pdf", "pdf", producer="Adobe PDF Library 15.0")
    doc.creator = "Microsoft® Word 2016"
    s = run(doc)
    assert (s.value, s.assessment) == (0.0, "defavorable") and s.details["par_logiciel"] == {"Microsoft Office": 1}


def test_the_snippet_names_producer_and_creator_only_when_present():
    both = document(B + "a.pdf", "pdf", producer="Adobe PDF Library 15.0")
    both.creator = "Microsoft® Word 2016"
    assert run(both).evidence[0].snippet == (
        "Microsoft Office — producteur : Adobe PDF Library 15.0 ; créateur : Microsoft® Word 2016")
    assert run(document(B + "b.odt", "odt", producer="LibreOffice 7.6")).evidence[0].snippet == (
        "LibreOffice — producteur : LibreOffice 7.6")
    only_creator = document(B + "c.pdf", "pdf")
    only_creator.creator = "Writer / LibreOffice 7.5"
    assert run(only_creator).evidence[0].snippet == "LibreOffice — créateur : Writer / LibreOffice 7.5"


def test_proprietary_documents_are_ordered_by_suite_name_then_address():
    s = run(document(B + "a.docx", "docx", producer="Microsoft Office Word"),
            document(B + "b.pdf", "pdf", producer="Skia/PDF m119 Google Docs Renderer"))
    assert [e.url for e in s.evidence] == [B + "b.pdf", B + "a.docx"]


def test_counts_and_display_leave_non_office_software_out():
    s = run(document(B + "a.odt", "odt", producer=LO), document(B + "b.pdf", "pdf", producer="LibreOffice 7.6"),
            document(B + "c.docx", "docx", producer="Microsoft Office Word"),
            document(B + "scan.pdf", "pdf", producer="Canon iR-ADV C5535"))
    assert s.value == 0.667 and s.assessment == "neutre"
    assert (s.details["suite_libre"], s.details["suite_proprietaire"], s.details["documents_avec_metadonnees"]) == (2, 1, 4)
    assert s.display.startswith("67 %") and "2 sur 3" in s.display
    assert "LibreOffice 2" in s.display and "Microsoft Office 1" in s.display and "autre" not in s.display


def test_one_in_three_is_shown_as_33_percent():
    s = run(document(B + "a.odt", "odt", producer=LO), document(B + "b.docx", "docx", producer="Microsoft Office Word"),
            document(B + "c.xlsx", "xlsx", producer="Microsoft Excel"))
    assert s.display.startswith("33 %")


def test_only_non_office_software_says_how_many_documents_were_searched():
    s = run(document(B + "scan.pdf", "pdf", producer="Canon iR-ADV C5535"))
    assert s.searched == {"documents": 1} and len(s.evidence) == 1 and s.display


def test_no_metadata_keeps_the_counts_in_details():
    s = run(document(B + "a.csv", "csv"))
    assert s.details["documents_lus"] == 1 and s.details["documents_avec_metadonnees"] == 0 and s.display


def test_no_document_at_all_says_none_was_linked():
    s = run()
    assert s.assessment == "inconnu" and s.reason == "aucun document lié depuis les pages lues"


def test_unreachable_says_why():
    s = office_suite.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and s.display
