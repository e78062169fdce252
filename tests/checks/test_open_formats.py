from checks import open_formats
from tests.checks.baseline import document, observations

BASE = "https://www.exemple-commune.fr/docs/"


def test_all_open_formats_is_favorable_with_counts_per_extension():
    docs = [document(BASE + "a.odt", "odt"), document(BASE + "b.pdf", "pdf"), document(BASE + "c.csv", "csv")]
    s = open_formats.run(observations(documents=docs))
    assert s.value == 1.0 and s.assessment == "favorable"
    assert s.details["par_format"] == {"csv": 1, "odt": 1, "pdf": 1}


def test_mostly_closed_is_defavorable_and_closed_documents_come_first_in_evidence():
    docs = [document(BASE + "a.docx", "docx"), document(BASE + "b.xlsx", "xlsx"), document(BASE + "c.pdf", "pdf")]
    s = open_formats.run(observations(documents=docs))
    assert s.value == round(1 / 3, 3) and s.assessment == "defavorable"
    assert s.evidence[0].url.endswith((".docx", ".xlsx")) and "fermé" in s.evidence[0].snippet
    assert s.details["fermes"] == 2


def test_half_open_is_neutre():
    docs = [document(BASE + "a.doc", "doc"), document(BASE + "b.odt", "odt")]
    assert open_formats.run(observations(documents=docs)).assessment == "neutre"


def test_unfetched_document_is_evidenced_by_the_page_that_links_it():
    docs = [document(BASE + "big.docx", "docx", fetched=False)]
    s = open_formats.run(observations(documents=docs))
    assert s.evidence[0].url == "https://www.exemple-commune.fr/"
    assert "big.docx" in s.evidence[0].snippet


def test_no_documents_is_inconnu_with_reason():
    s = open_formats.run(observations())
    assert s.assessment == "inconnu" and s.reason
