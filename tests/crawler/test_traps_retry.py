"""Trap detection and Retry-After parsing."""
from __future__ import annotations

from datetime import datetime, timezone

from crawler.retry import retry_after_seconds
from crawler.traps import TrapDetector, strip_session


def test_session_ids_are_stripped_from_paths_and_queries():
    assert strip_session("http://v.fr/a;jsessionid=0A1B2C?page=2&PHPSESSID=ff00") == "http://v.fr/a?page=2"
    assert strip_session("http://v.fr/a?sid=12") == "http://v.fr/a"
    assert strip_session("http://v.fr/a?b=1&c=2") == "http://v.fr/a?b=1&c=2"  # untouched otherwise


def test_endless_calendar_is_cut_after_the_allowed_variants():
    traps = TrapDetector(max_query_variants=5)
    verdicts = [traps.check(f"http://v.fr/agenda?month=2026-{m:02d}") for m in range(1, 9)]
    assert verdicts[:5] == [None] * 5 and all(v and "variantes" in v for v in verdicts[5:])
    assert traps.check("http://v.fr/agenda?month=2026-01") is None  # a variant already allowed stays allowed
    assert traps.first_time("http://v.fr/agenda?month=x", verdicts[5]) is True
    assert traps.first_time("http://v.fr/agenda?month=y", verdicts[6]) is False  # reported once


def test_repeating_and_very_deep_paths():
    traps = TrapDetector()
    assert "répété" in traps.check("http://v.fr/x/y/x/y/x/y/x/y")
    assert "segments" in traps.check("http://v.fr/" + "/".join(f"s{i}" for i in range(20)))
    assert traps.check("http://v.fr/actualites/2025/06/fete") is None


def test_retry_after_forms():
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Wed, 25 Nov 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("bientôt") is None and retry_after_seconds(None) is None
