"""checks/dates.py: the date a document gives itself, read as a person reads it, and where it is known
from when the text gives none. Expected values written by hand from each input."""
from __future__ import annotations

from checks.dates import dates_of_documents, document_date, find_written_date, text_date
from ground.model import Evidence
from ground.observations import Document
from ground.text import fold

DELIB = ("COMMUNE DE LIBREVILLE-SUR-ISÈRE\nExtrait du registre des délibérations du conseil municipal\n"
         "Séance du 12 novembre 2024\nVu la délibération n° 2016-031 du conseil municipal du 3 mars 2016,\n"
         "Le conseil municipal, après en avoir délibéré, DÉCIDE d'adopter la politique du logiciel libre.\n"
         "Fait et délibéré en séance les jour, mois et an susdits.")


def test_a_deliberation_is_dated_by_its_sitting_not_by_the_acts_it_cites():
    value, start, end = text_date(DELIB)
    assert value == "2024-11-12"
    assert DELIB[start:end] == "Séance du 12 novembre 2024"


def test_only_a_cited_act_gives_no_date():
    assert text_date("Vu la délibération du conseil municipal du 3 mars 2016 approuvant le schéma") is None
    assert text_date("  – Vu l'arrêté en date du 4 avril 2019") is None
    assert text_date("Le budget 2024 a été voté en mars.") is None  # no phrase that dates the document


def test_each_phrase_that_dates_a_document():
    cases = {
        "Cette déclaration a été établie le 2 décembre 2025.": "2025-12-02",
        "Fait à Boé, le 4 février 2025": "2025-02-04",
        "Fait et délibéré à Colomiers, le 1er octobre 2023": "2023-10-01",
        "Date de la dernière mise à jour : 03/03/2025": "2025-03-03",
        "Schéma adopté par le conseil communautaire le 16 décembre 2024.": "2024-12-16",
        "Délibération du Comité syndical du 7 juin 2022 – adhésion": "2022-06-07",
        "Convention signée en mars 2021 entre les communes": "2021-03",
        "Convention de partenariat en date du 3 avril 2023": "2023-04-03",
        "Document validé en comité de direction le 4 mars 2024.": "2024-03-04",
        "Rapport entériné par le bureau le 6 juin 2023.": "2023-06-06",
        "Bureau communautaire du 5 juillet 2022": "2022-07-05",
        # Non-breaking spaces and a typographic apostrophe, as office suites write them.
        "Déclaration\u00a0établie le\u00a012\u00a0mai\u00a02025": "2025-05-12",
    }
    for text, expected in cases.items():
        assert text_date(text)[0] == expected, text


def test_dates_written_in_words_as_deliberations_open():
    assert find_written_date(fold("L'an deux mille vingt-quatre, le douze novembre à 18 h 30"))[0] == "2024-11-12"
    assert find_written_date(fold("L’an deux mil seize, le 1er mars"))[0] == "2016-03-01"
    assert find_written_date(fold("L'an deux mille vingt et un, le vingt-trois septembre"))[0] == "2021-09-23"
    assert find_written_date(fold("L'an deux mille dix-neuf, le lundi trente et un janvier"))[0] == "2019-01-31"
    assert find_written_date(fold("L'an deux mille vingt, le trente février")) is None  # no such day
    assert text_date("L'an deux mille vingt-deux, le quinze mars, le conseil municipal")[0] == "2022-03-15"


def _doc(text=(), created=None, last_modified=None):
    return Document(url="https://www.ville.fr/d.pdf", format="pdf", linked_from=None, fetched=True,
                    text=list(text), created=created, last_modified=last_modified)


def test_a_document_is_dated_by_its_text_else_its_metadata_else_its_server():
    both = _doc([(1, "Rapport d'activité"), (2, "Fait à Nantes, le 3 juin 2024")], "2024-06-01", "2024-07-01")
    got = document_date(both)
    assert (got.value, got.source, got.page, got.snippet) == ("2024-06-03", "texte", 2, "Fait à Nantes, le 3 juin 2024")
    assert got.said() == "2024-06-03 (date lue dans le texte, page 2)"
    meta = document_date(_doc([(1, "Rapport")], "2024-06-01", "2024-07-01"))
    assert (meta.value, meta.source, meta.page) == ("2024-06-01", "metadonnees", None)
    served = document_date(_doc([(None, "Rapport")], None, "2024-07-01"))
    assert (served.value, served.source) == ("2024-07-01", "last_modified")
    assert served.said() == "2024-07-01 (date de dernière modification envoyée par le serveur (Last-Modified))"
    assert document_date(_doc()) is None


def test_details_say_each_cited_documents_date_or_that_none_is_known():
    ev = [Evidence("https://a.fr/d.odt", "", 200, "…", None, page=None, dated="2024-11-12", dated_by="texte"),
          Evidence("https://a.fr/p.pdf", "", 200, "…", None, page=3, dated="2023", dated_by="metadonnees")]
    got = dates_of_documents(ev, ["https://a.fr/d.odt", "https://a.fr/p.pdf", "https://a.fr/x.pdf"])
    assert got == {"https://a.fr/d.odt": "2024-11-12 (date lue dans le texte)",
                   "https://a.fr/p.pdf": "2023 (date de création dans les métadonnées du fichier)",
                   "https://a.fr/x.pdf": "date inconnue"}


def test_the_date_must_start_within_forty_characters_of_its_phrase():
    # « seance du », a blank, n letters, a blank, then the date: it starts n + 2 characters after the phrase.
    assert text_date("Séance du " + "x" * 38 + " 3 mai 2024")[0] == "2024-05-03"  # 40: read
    assert text_date("Séance du " + "x" * 39 + " 3 mai 2024") is None  # 41: another date, not the sitting's
