"""checks.base.Phrase and the free-software finder skip text, never matches: property tests against
the plain regex search over the whole text."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import ecosystem_links, mutualisation, strategy_mentions
from checks import free_software_mentions as fsm
from checks.base import Phrase, first_match, fold, has_word, literal_needles, soup_needles, word_index, word_soup

VOCAB = ("la", "de", "du", "des", "aux", "en", "faveur", "matiere", "politique", "charte", "strategie", "plan",
         "schema", "directeur", "feuille", "route", "numerique", "informatique", "systemes", "d'information",
         "deliberation", "deliberations", "n°", "2025-004", "logiciel", "logiciels", "libre", "libres",
         "territoire", "premier", "samedi", "linux", "install", "party", "rmll", "fete", "journees",
         "libreoffice", "libre-office", "office", "firefox", "gnu/linux", "aplan", "xlogiciel", "mairie", ".", ",",
         ":", "\n", "l'école", "Délibération", "LOGICIEL", "Stratégie", "mutualisé", "mutualisation", "service",
         "services", "commun", "communs", "syndicat", "mixte", "adhérent", "membre", "adullact", "déclic",
         "opérateur", "public", "e-collectivités", "megalis", "gironde")
texts = st.lists(st.sampled_from(VOCAB), max_size=120).map(" ".join)


def _all_phrases():
    for phrases in strategy_mentions.THEMES.values():
        yield from phrases
    for phrases in ecosystem_links._data()[1].values():
        yield from phrases
    for phrases in mutualisation.themes().values():
        yield from phrases


@settings(max_examples=300, deadline=None)
@given(texts)
def test_phrase_search_is_the_plain_search(text):
    folded = fold(text)
    for phrase in _all_phrases():
        got, want = phrase.search(folded), phrase.pattern.search(folded)
        assert (got and got.span()) == (want and want.span()), phrase.pattern.pattern


@settings(max_examples=300, deadline=None)
@given(texts)
def test_free_software_find_is_every_catalogue_regex(text):
    folded = fold(text)
    want = {}
    for entry in fsm.catalogue().entries:
        for m in entry.pattern.finditer(folded):
            around = folded[max(0, m.start() - fsm.CONTEXT_WINDOW): m.end() + fsm.CONTEXT_WINDOW]
            if not entry.context or any(w in around for w in entry.context):
                want.setdefault(entry.name, []).append(m.span())
    assert fsm.find(text) == want


def test_required_words_skip_a_page_without_scanning_it():
    phrase = Phrase(re.compile(r"\bplan\b.{0,20}numerique"), requires=(("plan",), ("numerique",)))
    assert not phrase.possible(fold("Le numérique à l'école"))
    assert phrase.search(fold("Notre plan pour le numérique")).group(0) == "plan pour le numerique"


def test_a_window_match_is_confirmed_on_the_whole_text():
    """Cut at the window's end, "libres" would be found as "libre": the whole-text match is kept."""
    phrase = Phrase(re.compile(r"logiciels? libres?"), anchors=("logiciel",), after=14)
    assert phrase.search("un logiciel libres").group(0) == "logiciel libres"


def test_plain_phrases_need_their_words_in_the_word_soup():
    phrase = Phrase.parse("fete du logiciel libre")
    assert phrase.needles == ("fete ", " du ", " logiciel ", " libre")
    assert phrase.search("la defete du logiciel libre").start() == 5  # a substring, as the regex says
    assert phrase.search("la fete du logiciel") is None
    assert first_match([Phrase.parse("jdll"), Phrase.parse("journees du libre")], "journees du libre et jdll").start() == 0


def test_word_index_and_stems():
    words = word_index(fold("Délibérations : l'informatique, LibreOffice-7."))
    assert words == ("7", "deliberations", "informatique", "l", "libreoffice")
    assert has_word(words, "deliberation") and has_word(words, "libre") and not has_word(words, "office")


def test_literal_needles_are_only_what_every_match_holds():
    assert literal_needles(r"\bdeclic\b") == (" declic",)
    assert literal_needles(r"syndicat mixte\b[\w' -]{0,60}?\bnumerique") == ("syndicat ", " mixte")
    assert literal_needles("operateurs? publics? de services") == ("operateur",)  # "s" optional
    assert literal_needles(r"\bservices? communs?") == (" service",)
    assert literal_needles(r"\be-collectivites\b") == (" e ", " collectivites")
    assert literal_needles(r"territoire numerique(?! libre)") == ("territoire ", " numerique")
    for pattern in ("libre en fete|fete du libre", r"\bplan (?:a|b)|c", "(?:a|b) c", "[i]nstall party"):
        assert literal_needles(pattern) == (), pattern


def test_the_word_soup_holds_the_needles_of_whatever_the_text_holds():
    """A necessary condition, never a wrong refusal: what the text holds, the soup shows; what a word
    of the soup cannot hold (a longer word, a word that starts elsewhere) is refused without a scan."""
    folded = fold("L'extraterritoire numérique, e-collectivités ; adhérent ADULLACT.")
    soup = word_soup(folded)
    for literal in ("territoire numerique", "e-collectivites", "adullact", "ritoire num", "l'extra", "numerique e"):
        assert all(n in soup for n in soup_needles(literal)), literal
    for literal in ("territoires", "adherent de", "xl'extra", "collectivites de", "numeriques"):
        assert literal not in folded and not all(n in soup for n in soup_needles(literal)), literal


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(VOCAB), st.sampled_from(VOCAB), st.integers(0, 3))
def test_soup_needles_never_refuse_a_present_literal(text, a, b, cut):
    folded = fold(text)
    literal = fold(f"{a} {b}")[cut:]
    if literal in folded:
        assert all(n in word_soup(folded) for n in soup_needles(literal))
