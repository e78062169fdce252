"""Caches that serve within one candidate: its page texts, the URLs its pages link.

Checks and observations fold the same texts and parse the same links many times over one
candidate's pages, but the next candidate has other sites: such caches are emptied before each
candidate is checked (`clear`, called by tnl.pipeline.check_candidate), so that a worker process
that checks thousands of candidates keeps a flat memory instead of filling every cache to its
bound. In a process that never calls `clear` (the crawl), they are bounded LRU caches.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import cachetools

_CACHES: list = []


def per_candidate(maxsize: int, getsizeof: Callable[[Any], int] | None = None) -> Callable:
    """`functools.lru_cache(maxsize)`, emptied by `clear()`. With `getsizeof`, a cachetools LRU
    cache bounded by the total size of its values (`maxsize` in getsizeof's units, e.g. characters)
    rather than by their count: for page texts, whose sizes vary a hundredfold."""
    def decorate(function: Callable) -> Callable:
        if getsizeof is None:
            cached = lru_cache(maxsize=maxsize)(function)
        else:  # a value larger than the whole bound is returned, not kept
            cached = cachetools.cached(cachetools.LRUCache(maxsize, getsizeof=getsizeof), info=True)(function)
        _CACHES.append(cached)
        return cached

    return decorate


def seed(cached: Callable, value: Any, *args: Any) -> bool:
    """Give a size-bounded cache of `per_candidate` the value of `cached(*args)`, computed elsewhere
    (`tnl run`'s digester, in another process); only while it fits without evicting anything (a
    candidate larger than the bound computes the rest itself). Returns whether it was kept."""
    cache = getattr(cached, "cache", None)
    if not isinstance(cache, cachetools.Cache):
        raise TypeError("seed: only for the caches bounded by size (per_candidate with getsizeof)")
    if cache.currsize + cache.getsizeof(value) > cache.maxsize:
        return False
    cache[cachetools.keys.hashkey(*args)] = value
    return True


def clear() -> None:
    for cached in _CACHES:
        cached.cache_clear()
