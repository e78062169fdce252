"""document_structure: the PDF documents' conditions read in the files (issue 19). The documents are
real PDFs built by tests/documents/build.py, read by ground.doctext as observations are."""
from __future__ import annotations

from checks import document_structure
from ground.doctext import extract
from tests.checks.baseline import document, html, observations, page
from tests.documents.build import pdf

SITE = "https://www.exemple-commune.fr"


def _pdf(name: str, body: bytes):
    facts = extract(body)
    doc = document(f"{SITE}/docs/{name}.pdf", "pdf")
    doc.text = facts["pages"]
    doc.scanned = facts.get("scanned")
    doc.pdf_facts = {k: facts.get(k) for k in ("pages_total", "tagged", "marked", "lang", "title", "display_title")}
    return doc


GOOD = dict(tagged=True, lang="fr-FR", title="Déclaration d'accessibilité", display_title=True)


def run(*docs):
    return document_structure.run(observations([page(html("<p>Documents</p>"))], documents=list(docs)))


def test_each_condition_is_read_in_the_file_and_the_share_counts_documents_meeting_all():
    docs = [_pdf("bon", pdf([["Déclaration d'accessibilité"]], **GOOD)),
            _pdf("sans-titre-affiche", pdf([["Compte rendu"]], **{**GOOD, "display_title": False})),
            _pdf("non-balise", pdf([["Budget"]], lang="fr", title="Budget", display_title=True)),
            _pdf("scan", pdf([[]], image_only=True, **GOOD))]
    s = run(*docs)
    assert (s.value, s.assessment, s.display) == (0.25, "neutre", "25 % des PDF (1 sur 4)")
    assert s.details["par_condition"] == {"balise": 3, "langue": 4, "titre": 3, "texte": 3}
    assert s.details["non_verifie"][0].startswith("textes de remplacement")
    worst = s.evidence[0]
    assert worst.url.endswith("/non-balise.pdf") or worst.url.endswith("/scan.pdf")
    said = {e.url.rsplit("/", 1)[1]: e.snippet for e in s.evidence}
    assert said["bon.pdf"] == ("balisé : oui ; langue : fr-FR ; titre : « Déclaration d'accessibilité » (affiché) ; "
                               "texte : oui")
    assert said["scan.pdf"].endswith("texte : scan")


def test_thresholds_and_no_pdf():
    good = [_pdf(f"bon{i}", pdf([["Texte"]], **GOOD)) for i in range(4)]
    bad = _pdf("mauvais", pdf([["Texte"]]))
    assert run(*good, bad).assessment == "favorable"  # 4 of 5 = 80 %
    assert run(*good[:3], bad).assessment == "neutre"  # 3 of 4 = 75 %
    assert run(bad).assessment == "defavorable"
    none = run()
    assert (none.assessment, none.display) == ("inconnu", "aucun PDF lu")


def _unreadable(name: str, fmt: str, body: bytes):
    facts = extract(body)
    doc = document(f"{SITE}/docs/{name}.{fmt}", fmt)
    doc.text = facts["pages"]
    doc.text_error = facts.get("error")
    return doc


def test_unreadable_documents_are_listed_with_their_reason_beside_the_share():
    from tests.documents.build import zip_bomb_odt
    locked = _unreadable("verrouille", "pdf", pdf([["Budget primitif"]], encrypt="secret"))
    bomb = _unreadable("bombe", "odt", zip_bomb_odt())
    assert locked.text_error.startswith("PDF chiffré") and "trop volumineuse" in bomb.text_error
    s = run(_pdf("bon", pdf([["Texte"]], **GOOD)), locked, bomb)
    # The share counts the PDFs read: the unreadable ones are findings beside it, not failures in it.
    assert (s.value, s.details["pdf_lus"], s.details["documents_illisibles"]) == (1.0, 1, 2)
    assert [row["url"].rsplit("/", 1)[1] for row in s.details["illisibles"]] == ["bombe.odt", "verrouille.pdf"]
    said = [e.snippet for e in s.evidence if e.url.endswith("verrouille.pdf")]
    assert said == ["PDF chiffré : texte illisible sans mot de passe"]  # the reason says it already
    from checks.document_structure import _unreadable_said
    assert _unreadable_said("lecture du document arrêtée après 20 s") == (
        "document illisible : lecture du document arrêtée après 20 s")
    assert _unreadable_said("document illisible (PdfReadError)") == "document illisible (PdfReadError)"


def test_only_unreadable_documents_leave_the_signal_unknown_and_say_so():
    locked = _unreadable("verrouille", "pdf", pdf([["Budget primitif"]], encrypt="secret"))
    s = run(locked)
    assert (s.assessment, s.value) == ("inconnu", None)
    assert s.reason == "aucun document PDF lisible parmi les documents liés ; 1 document(s) illisible(s)"
    assert [e.url.rsplit("/", 1)[1] for e in s.evidence] == ["verrouille.pdf"]


def test_a_long_pdf_read_in_part_says_how_much_was_read():
    from ground.doctext import MAX_PAGES
    long = _pdf("registre", pdf([[f"Arrêté n° {i}"] for i in range(MAX_PAGES + 40)], **GOOD))
    long.text_truncated = True
    s = run(long)
    assert s.evidence[0].snippet.endswith(f"; lu en partie (les {MAX_PAGES} premières pages sur {MAX_PAGES + 40})")
