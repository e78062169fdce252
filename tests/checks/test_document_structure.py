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
