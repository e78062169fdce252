"""Trap detection and Retry-After parsing."""
from __future__ import annotations

from datetime import date, datetime, timezone

from crawler.retry import retry_after_seconds
from crawler.traps import TrapDetector, strip_session


def test_session_ids_are_stripped_from_paths_and_queries():
    assert strip_session("http://v.fr/a;jsessionid=0A1B2C?page=2&PHPSESSID=ff00") == "http://v.fr/a?page=2"
    assert strip_session("http://v.fr/a?sid=12") == "http://v.fr/a"
    assert strip_session("http://v.fr/a?b=1&c=2") == "http://v.fr/a?b=1&c=2"  # untouched otherwise


def test_session_ids_are_stripped_whatever_their_case_and_the_rest_kept_as_written():
    # Expected URLs written by hand.
    # Names in any case, and percent-encoded, are session ids (PHP writes PHPSESSID, some sites phpsessid).
    assert strip_session("http://v.fr/a?PhpSessId=1&page=2&phpsessid=2&PHPSESSID=3") == "http://v.fr/a?page=2"
    assert strip_session("http://v.fr/a?PHPSESS%49D=1&page=2") == "http://v.fr/a?page=2"
    assert strip_session("http://v.fr/a;JSESSIONID=Z9/b?x=1") == "http://v.fr/a/b?x=1"
    # Repeated parameters are all kept, in order; a repeated session id is removed every time.
    assert strip_session("http://v.fr/a?tag=eau&sid=9&tag=voirie&sid=10") == "http://v.fr/a?tag=eau&tag=voirie"
    # Empty values: an empty session id goes, an empty parameter stays.
    assert strip_session("http://v.fr/a?sid=&q=") == "http://v.fr/a?q="
    assert strip_session("http://v.fr/a?q=&JSESSIONID=") == "http://v.fr/a?q="
    # The fragment never reaches the server: dropped, session id or not.
    assert strip_session("http://v.fr/a?page=2&sid=12#haut") == "http://v.fr/a?page=2"
    assert strip_session("http://v.fr/a#haut") == "http://v.fr/a"
    # Names that only contain a session word are not session ids.
    assert strip_session("http://v.fr/a?sidebar=1&sessionid2=x") == "http://v.fr/a?sidebar=1&sessionid2=x"
    # The other parameters keep their encoding: the page reached with a session id and without it is one URL.
    assert (strip_session("http://v.fr/agenda?q=f%C3%AAte%20du%20village&sid=1")
            == strip_session("http://v.fr/agenda?q=f%C3%AAte%20du%20village")
            == "http://v.fr/agenda?q=f%C3%AAte%20du%20village")


def test_endless_calendar_is_cut_past_the_date_horizon():
    # Crawl date 2026-06-15: dates up to 2028-06-15 are followed, later ones are a calendar running on.
    traps = TrapDetector(today=date(2026, 6, 15))
    verdicts = [traps.check(f"http://v.fr/agenda?month={2026 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}")
                for m in range(1, 33)]  # 2026-01 … 2028-08
    assert verdicts[:30] == [None] * 30  # 2026-01 … 2028-06
    assert all(v and v.startswith("calendrier sans fin pour /agenda : month=") for v in verdicts[30:])
    assert verdicts[30] == ("calendrier sans fin pour /agenda : month=2028-07 est à plus de 2 ans "
                            "de la date de collecte")
    assert traps.check("http://v.fr/agenda?month=2026-01") is None  # a variant already allowed stays allowed
    assert traps.first_time("http://v.fr/agenda?month=x", verdicts[30]) is True
    assert traps.first_time("http://v.fr/agenda?month=y", verdicts[31]) is False  # reported once


def test_repeating_and_very_deep_paths():
    traps = TrapDetector()
    assert "répété" in traps.check("http://v.fr/x/y/x/y/x/y/x/y")
    assert "segments" in traps.check("http://v.fr/" + "/".join(f"s{i}" for i in range(20)))
    assert traps.check("http://v.fr/actualites/2025/06/fete") is None


def test_path_limits_at_their_bounds():
    # MAX_PATH_SEGMENTS = 15: 15 segments are followed, 16 are not.
    traps = TrapDetector()
    assert traps.check("http://v.fr/" + "/".join(f"s{i}" for i in range(15))) is None
    assert traps.check("http://v.fr/" + "/".join(f"s{i}" for i in range(16))) == "chemin de plus de 15 segments"
    # MAX_SEGMENT_REPEAT = 3: a segment three times is followed, four times is not.
    assert traps.check("http://v.fr/a/x/a/y/a/z") is None
    assert traps.check("http://v.fr/a/x/a/y/a/z/a") == "segment « a » répété plus de 3 fois"


def test_retry_after_forms():
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Wed, 25 Nov 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("bientôt") is None and retry_after_seconds(None) is None
