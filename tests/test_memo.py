"""Caches that serve within one candidate are emptied before the next (tnl.memo): a worker that
checks thousands of candidates keeps a flat memory."""
from __future__ import annotations

from checks.base import fold, url_host
from tnl import memo


def test_clear_empties_every_per_candidate_cache():
    fold("Mairie de Libreville")
    fold("Délibération du conseil municipal. " * 100)
    url_host("https://www.libreville-isere.test/actualites/")
    assert any(c.cache_info().currsize for c in memo._CACHES)
    memo.clear()
    assert all(c.cache_info().currsize == 0 for c in memo._CACHES)
    # The page texts, the words of a page, the links: the caches that grow with a candidate's pages.
    names = {c.__wrapped__.__name__ for c in memo._CACHES}
    assert {"_fold", "word_index", "word_soup", "url_host", "_join", "extension", "host"} <= names, names
    assert fold("Délibération") == "deliberation"  # still a cache, refilled on demand
