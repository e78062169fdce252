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


# --- ordering, labels and counts -------------------------------------------------------------------

def test_closed_formats_come_first_even_when_their_extension_sorts_last():
    docs = [document(BASE + "a.csv", "csv"), document(BASE + "z.xlsx", "xlsx")]
    s = open_formats.run(observations(documents=docs))
    assert [e.url for e in s.evidence] == [BASE + "z.xlsx", BASE + "a.csv"]
    assert s.evidence[0].snippet.startswith("XLSX (fermé)") and s.evidence[1].snippet.startswith("CSV (ouvert)")


def test_documents_are_counted_by_family_with_unknown_formats_in_capitals():
    docs = [document(BASE + "a.odt", "odt"), document(BASE + "b.ods", "ods"), document(BASE + "c.docx", "docx"),
            document(BASE + "d.zip", "zip")]
    s = open_formats.run(observations(documents=docs))
    assert s.details["par_famille"] == {"MS Office": 1, "ODF": 2, "ZIP": 1}
    assert s.details["ouverts"] == 2 and s.details["documents"] == 4


def test_the_display_gives_the_percentage_and_the_counts():
    docs = [document(BASE + "a.odt", "odt"), document(BASE + "b.pdf", "pdf"), document(BASE + "c.docx", "docx")]
    s = open_formats.run(observations(documents=docs))
    assert s.display.startswith("67 %") and "2 sur 3" in s.display


def test_an_unfetched_document_says_why_it_was_not_downloaded_only_when_known():
    failed = document(BASE + "a.docx", "docx", fetched=False)
    failed.error = "trop volumineux"
    plain = document(BASE + "b.docx", "docx", fetched=False)
    s = open_formats.run(observations(documents=[failed, plain]))
    assert s.evidence[0].snippet.endswith("non téléchargé : trop volumineux")
    assert s.evidence[1].snippet.endswith("DOCX (fermé) ; non téléchargé")


def test_no_documents_keeps_empty_counts_in_details():
    s = open_formats.run(observations())
    assert s.details == {"par_format": {}, "documents": 0} and s.display


def test_one_in_three_is_shown_as_33_percent():
    docs = [document(BASE + "a.odt", "odt"), document(BASE + "b.docx", "docx"), document(BASE + "c.xlsx", "xlsx")]
    assert open_formats.run(observations(documents=docs)).display.startswith("33 %")
