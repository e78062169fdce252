"""The gettext catalogues (reports/locale/*/LC_MESSAGES/tnl.po): valid PO files, the same messages
in French and English, none empty, placeholders alike (issue 18)."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po

from reports.catalogues import catalogue, po_path


def _messages(lang):
    with open(po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def test_both_catalogues_hold_the_same_messages_none_empty_placeholders_alike():
    fr, en = _messages("fr"), _messages("en")
    assert fr.keys() == en.keys() and len(fr) > 300
    for key, msg in fr.items():
        fr_texts = [msg.string] if isinstance(msg.string, str) else list(msg.string)
        en_texts = [en[key].string] if isinstance(en[key].string, str) else list(en[key].string)
        if key != ("report", "quoted_note"):  # said in English only: the quotes from the sites are French
            assert all(t for t in fr_texts + en_texts), key
        placeholders = {p for t in fr_texts for p in re.findall(r"\{(\w+)\}", t)}
        assert placeholders == {p for t in en_texts for p in re.findall(r"\{(\w+)\}", t)}, key


def test_a_table_reads_back_in_order_with_its_plurals_and_nested_tables():
    report = catalogue("report", "fr")
    assert list(report)[:2] == ["skip", "colon"]
    assert report["searched_pages"] == {"one": "{n} page", "other": "{n} pages"}
    assert catalogue("diff", "en")["cause"]["méthode"] == "the method"
    assert catalogue("assessments", "fr")["defavorable"] == "Défavorable"
    report["skip"] = "changé"  # a fresh dict each time: callers may not alter the catalogue
    assert catalogue("report", "fr")["skip"] == "Aller au contenu"


def test_values_written_by_the_checks_read_in_english_part_by_part():
    from reports.values import english, translate

    assert translate("9 pages (stratégie numérique, politique logiciels libres)") == (
        "9 pages (digital strategy, free software policy)")
    assert translate("page médiane : HTML 3,7 ko, 4 ressources appelées, 69 éléments (68 pages lues)") == (
        "median page: HTML 3.7 kB, 4 resources requested, 69 elements (68 pages read)")
    assert translate("a.test : domaine introuvable dans le DNS (NXDOMAIN); b.test : nom introuvable dans le DNS "
                     "(NXDOMAIN)") == ("a.test: domain not found in the DNS (NXDOMAIN); b.test: name not found in "
                                       "the DNS (NXDOMAIN)")
    assert translate("Matomo") is None and english("Matomo") == "Matomo" and english(None) is None
