"""The near-duplicate rule of crawler/traps.py: addresses that keep answering the same page.

Expected values are counted by hand from the rule as documented: a group becomes a trap once 10 of
its pages repeated a page already read in it and those repeats are at least half of its pages read.
"""
from __future__ import annotations

from datetime import date

from crawler.traps import TrapDetector, content_group, fingerprint

TODAY = date(2026, 12, 6)
SITE = "https://www.ville-exemple.fr"


def _soft_404(n: int) -> str:
    # What a CMS answers, with status 200, for an id it does not know: it echoes the id.
    return f"Accueil Mairie Actualités Fiche introuvable La fiche n° {n} n'existe pas. Retour à l'accueil"


def test_a_script_answering_the_same_page_for_any_id_becomes_a_trap_after_ten_repeats():
    traps = TrapDetector(TODAY)
    traps.read(f"{SITE}/fiche.php?id=1", _soft_404(1))  # the first one is new
    for n in range(2, 11):  # 9 repeats: not yet
        traps.read(f"{SITE}/fiche.php?id={n}", _soft_404(n))
    assert traps.check(f"{SITE}/fiche.php?id=11") is None
    traps.read(f"{SITE}/fiche.php?id=11", _soft_404(11))  # the 10th repeat, 10 of 11 pages
    reason = traps.check(f"{SITE}/fiche.php?id=12")
    assert reason == "pages quasi identiques sans fin pour /fiche.php : 10 des 11 pages lues répétaient une page déjà lue"
    # Another script of the same site is another group.
    assert traps.check(f"{SITE}/actualite.php?id=12") is None


def test_sixty_articles_of_their_own_are_never_duplicates():
    traps = TrapDetector(TODAY)
    for n in range(1, 61):
        url = f"{SITE}/spip.php?article{n}"
        assert traps.check(url) is None
        words = ["conseil", "travaux", "école", "marché", "piscine", "bibliothèque"]
        traps.read(url, f"Mairie Article {n} {words[n % 6]} {words[(n // 6) % 6]} texte propre à l'article {n * 7}"
                        f" {'et encore ' * (n % 5)}")
    assert traps.check(f"{SITE}/spip.php?article61") is None


def test_a_few_repeats_among_many_pages_of_their_own_are_not_a_trap():
    traps = TrapDetector(TODAY)
    for n in range(1, 31):  # 30 pages of their own (distinct words, not only distinct numbers)
        traps.read(f"{SITE}/index.php?id={n}", "Page " + "abcdefghijklmnopqrstuvwxyzàéèù"[n - 1] * 3)
    for n in range(31, 42):  # 11 printable versions repeating page 1: 11 repeats of 41 pages read
        traps.read(f"{SITE}/index.php?id={n}", "Page " + "aaa")
    assert traps.check(f"{SITE}/index.php?id=42") is None
    for n in range(42, 62):  # 20 more repeats: 31 of 61, over half
        traps.read(f"{SITE}/index.php?id={n}", "Page aaa")
    assert traps.check(f"{SITE}/index.php?id=62") is not None


def test_pages_in_one_folder_echoing_their_own_slug_are_one_group():
    traps = TrapDetector(TODAY)
    for n in range(11):
        url = f"{SITE}/annuaire/fiche-inconnue-{n}"
        traps.read(url, f"Annuaire Aucune fiche « fiche inconnue {n} » Retour")
    assert content_group(f"{SITE}/annuaire/autre") == ("www.ville-exemple.fr", "/annuaire/")
    assert traps.check(f"{SITE}/annuaire/autre").startswith("pages quasi identiques sans fin pour /annuaire/ : 10 des 11")
    assert traps.check(f"{SITE}/actualites/autre") is None


def test_what_changes_from_one_numbered_page_to_the_next_is_left_out_of_the_fingerprint():
    # Digits, blanks and punctuation.
    assert fingerprint(f"{SITE}/fiche.php?id=7", "Fiche n° 7 introuvable.\n Retour") == fingerprint(
        f"{SITE}/fiche.php?id=1234", "Fiche n°1234 introuvable :  Retour")
    # The words of the page's own address (its query values, its last segment), in any case.
    assert fingerprint(f"{SITE}/f?nom=dupont", "Aucune fiche Dupont") == fingerprint(f"{SITE}/f?nom=martin",
                                                                                     "Aucune fiche martin")
    assert fingerprint(f"{SITE}/annuaire/fiche-dupont", "Aucune fiche dupont") == fingerprint(
        f"{SITE}/annuaire/fiche-martin", "Aucune fiche martin")
    # Another word is another page; a month name is a word (endless calendars are the date rule's).
    assert fingerprint(f"{SITE}/a.php?id=1", "Conseil municipal") != fingerprint(f"{SITE}/a.php?id=2",
                                                                                  "Conseil communautaire")
    assert fingerprint(f"{SITE}/agenda.php?mois=2031-07", "Agenda de juillet") != fingerprint(
        f"{SITE}/agenda.php?mois=2031-08", "Agenda d'août")
