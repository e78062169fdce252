"""Caches that serve within one candidate are emptied before the next (ground.memo): a worker that
checks thousands of candidates keeps a flat memory."""
from __future__ import annotations

import pytest

import checks.base  # noqa: F401 - its caches (the pages' words) are registered on import
from ground import formats, memo, observe, portals  # noqa: F401 - their caches are registered on import
from ground.hosts import url_host
from ground.text import fold


def test_clear_empties_every_per_candidate_cache():
    fold("Mairie de Libreville")
    fold("Délibération du conseil municipal. " * 100)
    url_host("https://www.libreville-isere.test/actualites/")
    assert any(c.cache_info().currsize for c in memo._CACHES)
    memo.clear()
    assert all(c.cache_info().currsize == 0 for c in memo._CACHES)
    # The page texts, the words of a page, the links: the caches that grow with a candidate's pages.
    names = {c.__wrapped__.__name__ for c in memo._CACHES}
    assert {"_fold", "word_index", "word_soup", "url_host", "_join", "extension"} <= names, names
    assert fold("Délibération") == "deliberation"  # still a cache, refilled on demand


def test_a_cache_bounded_by_size_keeps_the_latest_texts_up_to_its_bound():
    """Page texts are cached by their characters, not their count: 3 texts of 40 characters fit in
    100 characters' worth, the oldest goes first, a text over the whole bound is computed each time."""
    calls: list[str] = []

    @memo.per_candidate(100, getsizeof=len)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    try:
        a, b, c = "a" * 40, "b" * 40, "c" * 40
        assert upper(a) == a.upper() and upper(b) == b.upper()
        upper(a)
        assert calls == [a, b]  # both kept
        upper(c)  # 120 characters: the least recently used (b) goes
        upper(a)
        upper(b)
        assert calls == [a, b, c, b]
        assert upper.cache_info().currsize <= 100
        big = "x" * 150
        upper(big)
        upper(big)
        assert calls[-2:] == [big, big]
        memo.clear()
        assert upper.cache_info().currsize == 0
    finally:
        memo._CACHES.remove(upper)


def test_a_candidate_of_a_thousand_pages_folds_each_text_once():
    """The former bound (512 texts) made every check fold every page again past 256 pages."""
    from ground.text import TEXT_CACHE_CHARS, _fold_long

    memo.clear()
    texts = [f"Page {i} : délibération du conseil municipal sur le logiciel libre. " * 40 for i in range(1000)]
    assert sum(map(len, texts)) < TEXT_CACHE_CHARS
    for _ in range(3):  # three checks reading the pages in turn
        for text in texts:
            fold(text)
    info = _fold_long.cache_info()
    assert info.misses == 1000 and info.hits == 2000, info
    memo.clear()


def test_a_size_bounded_cache_is_seeded_only_while_it_fits():
    """memo.seed: a value computed elsewhere (tnl run's digester) is kept as the function's result
    for its arguments, unless it would push out another; a count-bounded cache cannot be seeded."""
    calls = []

    @memo.per_candidate(10, getsizeof=len)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    @memo.per_candidate(4)
    def counted(text: str) -> str:
        return text

    try:
        assert memo.seed(shout, "ABCDEF", "abcdef")
        assert shout("abcdef") == "ABCDEF" and calls == []  # found, not computed
        assert not memo.seed(shout, "GHIJKL", "ghijkl")  # 6 + 6 > 10: left out, nothing evicted
        assert shout("abcdef") == "ABCDEF" and calls == []
        assert shout("ghijkl") == "GHIJKL" and calls == ["ghijkl"]
        with pytest.raises(TypeError):
            memo.seed(counted, "x", "x")
    finally:
        memo._CACHES.remove(shout)
        memo._CACHES.remove(counted)


def test_summaries_share_their_short_strings_and_stay_equal():
    """tnl run keeps one summary per candidate for the overview: their titles and displays are shared
    (interned), not one copy each; the summary itself is unchanged (equal to what it was)."""
    import pickle

    from tnl.pipeline import SHARED_MAX, shared_strings

    report = {"signals": [{"id": "https", "title": "Site servi en HTTPS", "display": "oui"}],
              "candidate": {"name": "Ville"}, "long": "x" * (SHARED_MAX + 1)}
    a, b = (shared_strings(pickle.loads(pickle.dumps(report))) for _ in range(2))
    assert a == b == report
    assert a["signals"][0]["title"] is b["signals"][0]["title"] and a["candidate"]["name"] is b["candidate"]["name"]
    assert a["long"] is not b["long"]  # long texts (a candidate's own) are not interned
