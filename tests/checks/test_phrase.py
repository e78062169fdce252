"""checks.base.Phrase and the free-software finder skip text, never matches: property tests against
the plain regex search over the whole text."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checks import ecosystem_links, free_software_mentions as fsm, mutualisation, strategy_mentions
from checks.base import Phrase, first_match, fold, has_word, literal_words, word_index

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


def test_plain_phrases_require_their_words_after_the_first():
    phrase = Phrase.parse("fete du logiciel libre")
    assert phrase.requires == (("du",), ("logiciel",), ("libre",))
    assert phrase.search("la defete du logiciel libre").start() == 5  # a substring, as the regex says
    assert first_match([Phrase.parse("jdll"), Phrase.parse("journees du libre")], "journees du libre et jdll").start() == 0


def test_word_index_and_stems():
    words = word_index(fold("Délibérations : l'informatique, LibreOffice-7."))
    assert words == ("7", "deliberations", "informatique", "l", "libreoffice")
    assert has_word(words, "deliberation") and has_word(words, "libre") and not has_word(words, "office")


def test_literal_words_are_only_words_every_match_holds():
    assert literal_words(r"\bdeclic\b") == ("declic",)
    assert literal_words(r"syndicat mixte\b[\w' -]{0,60}?\bnumerique") == ("mixte",)  # "syndicat" may end a word
    assert literal_words("operateurs? publics? de services") == ()  # "operateur" may end a word, "s" optional
    assert literal_words(r"\bservices? communs?") == ("service",)
    assert literal_words(r"\be-collectivites\b") == ("e", "collectivites")
    assert literal_words(r"territoire numerique(?! libre)") == ("numerique",)
    for pattern in ("libre en fete|fete du libre", r"\bplan (?:a|b)|c", "(?:a|b) c", "install[ -]?party"):
        assert literal_words(pattern) == (), pattern
