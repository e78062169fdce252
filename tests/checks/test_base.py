"""The checks' shared helpers (checks.base): meta, evidence, searches, dates, regex pieces, Phrase."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from checks.base import (
    CheckMeta,
    Phrase,
    _words_size,
    alternatives,
    api_evidence,
    asset_evidence,
    compile_patterns,
    context,
    document_evidence,
    grade,
    js_without_comments,
    page_evidence,
    parse_datetime,
    searched,
    signal,
    soup_needles,
    unreachable_reason,
)
from ground.model import FAVORABLE, NEUTRE
from ground.observations import ApiResponse, Asset
from tests.checks.baseline import SITE, WHEN, api, document, html, observations, page

META = CheckMeta(id="essai", domain="strategie", title="Essai", description="", evidence="",
                 outcomes=(FAVORABLE, NEUTRE))


# --- meta and signal -------------------------------------------------------------------------------

def test_a_meta_in_a_known_domain_is_accepted_and_an_unknown_domain_refused():
    assert CheckMeta(id="ok", domain="open_data", title="", description="", evidence="",
                     outcomes=(FAVORABLE,)).domain == "open_data"
    with pytest.raises(ValueError, match="bidon: unknown domain nulle_part"):
        CheckMeta(id="bidon", domain="nulle_part", title="", description="", evidence="", outcomes=(FAVORABLE,))


def test_a_signal_with_an_undeclared_outcome_is_refused():
    assert signal(META, 1, NEUTRE, "un").assessment == NEUTRE
    with pytest.raises(ValueError, match="essai: outcome 'defavorable' not declared"):
        signal(META, 0, "defavorable", "zéro")


# --- searched --------------------------------------------------------------------------------------

def test_searched_counts_the_pages_only_when_asked():
    obs = observations(pages=[page(html()), page(html(), url=SITE + "a")])
    assert searched(obs) == {"pages": 2}
    assert searched(obs, pages=False) == {}
    assert searched(obs, pages=False, documents=True) == {"documents": 0}


def test_searched_counts_the_documents_fetched_with_a_2xx_status():
    ok = document(SITE + "a.pdf", "pdf")  # fetched, 200
    docs = [ok,
            replace(ok, url=SITE + "b.pdf", status=299),  # last 2xx: read
            replace(ok, url=SITE + "c.pdf", status=300),  # a redirect: not read
            replace(ok, url=SITE + "d.pdf", status=199),
            replace(ok, url=SITE + "e.pdf", status=404),  # fetched, but an error page
            replace(ok, url=SITE + "f.pdf", fetched=False),  # status 200 but not fetched
            document(SITE + "g.pdf", "pdf", fetched=False)]  # never fetched: no status
    obs = observations(documents=docs)
    assert searched(obs, documents=True) == {"pages": 1, "documents": 2}


# --- evidence --------------------------------------------------------------------------------------

def test_page_evidence_carries_the_pages_record():
    p = page(html())
    ev = page_evidence(p, "<html lang=\"fr\">")
    assert (ev.url, ev.fetched_at, ev.http_status, ev.snippet) == (SITE, WHEN, 200, "<html lang=\"fr\">")
    assert ev.sha256 == p.sha256 and len(ev.sha256) == 64
    assert ev.record_id == f"<urn:uuid:{SITE}>"


def test_document_evidence_carries_the_documents_record():
    ev = document_evidence(document(SITE + "a.pdf", "pdf"), "Producer: LibreOffice")
    assert (ev.url, ev.fetched_at, ev.http_status, ev.snippet, ev.sha256, ev.record_id) == (
        SITE + "a.pdf", WHEN, 200, "Producer: LibreOffice", "0" * 64, "<urn:uuid:d>")


def test_document_evidence_of_a_document_never_fetched_has_an_empty_date():
    ev = document_evidence(document(SITE + "a.pdf", "pdf", fetched=False), "lien")
    assert (ev.fetched_at, ev.http_status, ev.sha256, ev.record_id) == ("", None, None, None)


def test_asset_evidence_carries_the_assets_record():
    asset = Asset(url=SITE + "theme.css", kind="css", site=SITE, status=203, fetched_at=WHEN, sha256="2" * 64,
                  record_id="<urn:uuid:css>", size=10, text="@import x;")
    ev = asset_evidence(asset, "@import x;")
    assert (ev.url, ev.fetched_at, ev.http_status, ev.snippet, ev.sha256, ev.record_id) == (
        SITE + "theme.css", WHEN, 203, "@import x;", "2" * 64, "<urn:uuid:css>")


def test_api_evidence_carries_the_responses_record():
    resp = api("https://www.data.gouv.fr/api/1/organizations/x/", "organization", {}, status=201)
    ev = api_evidence(resp, '"name": "x"')
    assert (ev.url, ev.fetched_at, ev.http_status, ev.snippet, ev.sha256, ev.record_id) == (
        "https://www.data.gouv.fr/api/1/organizations/x/", WHEN, 201, '"name": "x"', "1" * 64, "<urn:uuid:a>")
    assert isinstance(resp, ApiResponse)


# --- text helpers ----------------------------------------------------------------------------------

def test_js_without_comments_drops_block_comments_and_commented_lines():
    script = "a();/* gtag() */b();\n  // tarteaucitron.job.push('gtag');\nc('https://x.fr');"
    assert js_without_comments(script) == "a(); b();\n\nc('https://x.fr');"


def test_context_keeps_width_characters_each_side_with_ellipses_where_cut():
    text = "0123456789abcdefghij"
    assert context(text, 10, 12, width=3) == "…789abcde…"
    # From the very start: nothing cut ahead, no leading ellipsis.
    assert context(text, 0, 2, width=3) == "01234…"
    # Up to the very end (b == len(text)): no trailing ellipsis.
    assert context(text, 15, 17, width=3) == "…cdefghij"


def test_context_default_width_is_80_characters():
    text = "x" * 100 + "MOT" + "y" * 100
    assert context(text, 100, 103) == "…" + "x" * 80 + "MOT" + "y" * 80 + "…"
    text = "x" * 80 + "MOT" + "y" * 80
    assert context(text, 80, 83) == text  # exactly 80 each side: nothing cut


def test_unreachable_reason():
    assert unreachable_reason(observations()) is None
    assert unreachable_reason(observations(reachable=False)) == (
        "aucune page lue — https://www.exemple-commune.fr/ : DNSLookupError: nom introuvable")
    # No page read, but no error recorded for the site either.
    assert unreachable_reason(observations(pages=[])) == "aucune page lue — site non atteint"


def test_grade_thresholds_are_inclusive():
    assert grade(0.8, 0.8, 0.5) == "favorable"
    assert grade(0.79, 0.8, 0.5) == "neutre"
    assert grade(0.5, 0.8, 0.5) == "neutre"
    assert grade(0.49, 0.8, 0.5) == "defavorable"


# --- dates -----------------------------------------------------------------------------------------

def test_parse_datetime_gives_aware_utc_datetimes():
    utc = timezone.utc
    assert parse_datetime("2024-01-02T03:04:05Z") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
    assert parse_datetime("2024-01-02T03:04:05") == datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)  # naive: UTC
    # An offset is kept: 10:00 at +02:00 is 08:00 UTC.
    assert parse_datetime("2024-01-02T10:00:00+02:00") == datetime(2024, 1, 2, 8, 0, tzinfo=utc)
    assert parse_datetime(" 2024-01-02 ") == datetime(2024, 1, 2, tzinfo=utc)


def test_parse_datetime_falls_back_on_the_date_of_a_garbled_time():
    assert parse_datetime("2024-01-02 à 10h") == datetime(2024, 1, 2, tzinfo=timezone.utc)
    assert parse_datetime("2024-01-02Tmidi") == datetime(2024, 1, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [None, "", 20240102, 1.5, ["2024-01-02"], "pas une date", "2024-13-45"])
def test_parse_datetime_of_anything_else_is_none(value):
    assert parse_datetime(value) is None


# --- regex pieces ----------------------------------------------------------------------------------

def test_compile_patterns_joins_alternatives_case_insensitively():
    assert compile_patterns([]) is None
    rx = compile_patterns(["ab|cd", "e+f"])
    assert rx.search("xxCDxx").group() == "CD"
    assert rx.search("eeeF").group() == "eeeF"
    assert rx.search("ad") is None and rx.search("b|c") is None


def test_words_size_counts_the_characters_and_one_separator_per_word():
    assert _words_size(("ab", "cde")) == 7
    assert _words_size(()) == 0


def test_alternatives_split_only_at_the_top_level():
    assert alternatives("a|b(c|d)") == ["a", "b(c|d)"]
    assert alternatives(r"a\|b|c") == [r"a\|b", "c"]  # an escaped bar is a character
    assert alternatives(r"a\\|b") == [r"a\\", "b"]  # an escaped backslash escapes nothing after it
    assert alternatives("[a|b]|x") == ["[a|b]", "x"]  # a bar inside a class is a character
    assert alternatives("[ab]|x") == ["[ab]", "x"]  # the class ends at its bracket
    assert alternatives("((a)|b)|c") == ["((a)|b)", "c"]  # nested groups


def test_soup_needles_a_word_preceded_by_something_begins_a_word():
    assert soup_needles(" mixte") == (" mixte",)
    assert soup_needles("-ab") == (" ab",)
    assert soup_needles("ab") == ("ab",)
    assert soup_needles("ab", starts_word=True) == (" ab",)


# --- Phrase ----------------------------------------------------------------------------------------

def test_phrase_parse_reads_every_field_of_a_spec():
    p = Phrase.parse({"pattern": "logiciel libre", "requires": [["libre", "open"]], "anchors": ["logiciel"],
                      "before": 5, "after": 70}, reach=40)
    assert p.pattern.pattern == "logiciel libre"
    assert (p.requires, p.anchors, p.before, p.after) == ((("libre", "open"),), ("logiciel",), 5, 70)
    q = Phrase.parse("logiciel libre", reach=40)
    assert (q.requires, q.anchors, q.before, q.after) == ((), (), 40, 40)
    r = Phrase.parse("logiciel libre")
    assert (r.before, r.after) == (0, 0)


def test_phrase_possible_needs_every_needle_and_every_required_group():
    # Needles only ("logiciel ", " libre"): a page without them is not possible.
    plain = Phrase(re.compile("logiciel libre"))
    assert plain.possible("un logiciel libre") and not plain.possible("un texte sans rapport")
    # Required stems only (an alternation has no needle).
    required = Phrase(re.compile("gratuit|libre"), requires=(("logiciel",),))
    assert required.possible("des logiciels libres") and not required.possible("un texte libre")
    # Both: the needles missing is enough to refuse, even when the required stems are there.
    both = Phrase(re.compile("logiciel libre"), requires=(("cher",),))
    assert not both.possible("un logiciel cher")
    assert Phrase(re.compile("a|b")).possible("rien")  # nothing to test: always possible


LIBRE = Phrase(re.compile("logiciel libre"), anchors=("logiciel",), before=0, after=30)


def test_phrase_search_goes_on_past_a_window_without_the_required_words():
    # The first "logiciel" has no "libre" within 30 characters: its window is skipped, not the search.
    text = "un logiciel proprietaire" + " " * 40 + "et un logiciel libre"
    m = LIBRE.search(text)
    assert m is not None and m.start() == text.index("logiciel libre")


def test_phrase_search_goes_on_past_a_window_where_the_pattern_is_not_found():
    # The first window holds "libre" but not the phrase; the second holds it.
    text = "le logiciel est libre de droits" + " " * 40 + "un logiciel libre"
    m = LIBRE.search(text)
    assert m is not None and m.start() == text.rindex("logiciel libre")


def test_phrase_search_does_not_find_a_match_reaching_past_its_window():
    # Around "libre": 9 characters before, 4 after; "logiciel libre" ends 5 after: not found (documented).
    short = Phrase(re.compile("logiciel libre"), anchors=("libre",), before=9, after=4)
    assert short.search("un logiciel libre") is None
    wide = Phrase(re.compile("logiciel libre"), anchors=("libre",), before=9, after=5)
    assert wide.search("un logiciel libre").start() == 3


def test_phrase_search_tries_the_next_position_when_a_window_match_fails_on_the_whole_text():
    # In the window "xy" (cut before "z"), "xy\b" matches at 0; on the whole text "xyz" it does not,
    # and the alternative "y" matches one character further, at 1.
    p = Phrase(re.compile(r"xy\b|y"), anchors=("xy",), before=0, after=2)
    m = p.search("xyz")
    assert m is not None and (m.start(), m.group()) == (1, "y")


# --- word soups computed elsewhere (tnl run's digester) ----------------------------------------------

def test_page_soups_are_the_word_soups_of_the_folded_texts():
    from checks.base import page_soups

    assert page_soups("Élan VITAL, élan", "Vital") == (" elan vital ", " vital ")
    assert page_soups("", "") == ("", "")
    assert page_soups("Un", "") == (" un ", "")
    assert page_soups("", "Deux") == ("", " deux ")


def test_seed_page_soups_gives_the_cache_each_pages_soups_as_far_as_they_fit():
    from checks.base import TEXT_CACHE_CHARS, fold, seed_page_soups, word_soup
    from ground import memo

    base = page(html())
    unknown = replace(base, url=SITE + "a", record_id="<urn:uuid:a>", text="Rien", main_text="Rien")
    both = replace(base, url=SITE + "b", record_id="<urn:uuid:b>", text="Un Deux", main_text="Deux")
    no_main = replace(base, url=SITE + "c", record_id="<urn:uuid:c>", text="Trois", main_text="")
    # The soups are marked (" seme ") so that finding them proves they came from the seed.
    soups = {"<urn:uuid:b>": (" deux seme un ", " deux seme "), "<urn:uuid:c>": (" seme trois ", " seme ")}
    memo.clear()
    try:
        # The page the digester did not see is passed over, not the end of the list.
        assert seed_page_soups([unknown, both, no_main], soups) == 3
        assert word_soup(fold("Un Deux")) == " deux seme un "
        assert word_soup(fold("Deux")) == " deux seme "
        assert word_soup(fold("Trois")) == " seme trois "
        assert word_soup(fold("Rien")) == " rien "  # computed here
        memo.clear()
        # A soup larger than the cache's whole bound is not kept: the seeding stops there.
        huge = " " + "x" * (TEXT_CACHE_CHARS // 8) + " "
        assert seed_page_soups([both, no_main], {"<urn:uuid:b>": (" deux seme un ", huge),
                                                 "<urn:uuid:c>": (" seme trois ", " seme ")}) == 1
        assert word_soup(fold("Trois")) == " trois "  # never seeded
    finally:
        memo.clear()


def test_occurrences_include_overlapping_ones():
    from checks.base import occurrences

    assert list(occurrences("aaaa", "aa")) == [0, 1, 2]
    assert list(occurrences("abcabc", "c")) == [2, 5]
    assert list(occurrences("abc", "z")) == []
