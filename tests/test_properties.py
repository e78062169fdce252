"""Property-based tests (hypothesis): URL handling, format detection and the candidates parser."""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.registry import SIGNAL_IDS
from crawler.scope import registered_domain, site_key
from crawler.traps import TrapDetector, strip_session
from ground.candidates import CandidatesError, load_candidates, luhn_ok
from ground.formats import DOCUMENT_FORMATS, _is_feed, document_format, extension

label = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12)
hosts = st.lists(label, min_size=2, max_size=4).map(".".join)
paths = st.lists(st.text(alphabet=string.ascii_letters + string.digits + "-_.~%", min_size=1, max_size=10),
                 max_size=6).map(lambda parts: "/" + "/".join(parts))
queries = st.dictionaries(st.sampled_from(["page", "month", "q", "PHPSESSID", "sid", "id", "tri"]),
                          st.text(alphabet=string.ascii_letters + string.digits, max_size=8), max_size=4)


@given(hosts, paths)
def test_scope_is_stable_and_ignores_the_path(host, path):
    url = f"https://{host}{path}"
    assert site_key(url) == site_key(f"http://{host}/") == registered_domain(host)
    assert host.endswith(registered_domain(host))


@given(hosts, paths, queries)
def test_strip_session_is_idempotent_and_keeps_other_parameters(host, path, query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    url = f"http://{host}{path}" + (f"?{qs}" if qs else "")
    once = strip_session(url)
    assert strip_session(once) == once
    assert "phpsessid" not in once.lower().split("?")[-1] or "?" not in once
    for key, value in query.items():
        if key not in ("PHPSESSID", "sid"):
            assert f"{key}=" in once


@given(st.lists(st.tuples(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=12)),
                min_size=1, max_size=200))
def test_a_calendar_never_gives_more_dates_than_its_bounds(months):
    """Whatever months a calendar links, at most MAX_DATE_VALUES of them are followed on one path, none
    more than MAX_DATE_YEARS_AHEAD years after the crawl date."""
    from datetime import date

    from crawler.traps import MAX_DATE_VALUES, MAX_DATE_YEARS_AHEAD

    today = date(2026, 12, 6)
    traps = TrapDetector(today=today)
    allowed = {(y, m) for y, m in months if traps.check(f"http://v.fr/agenda.php?mois={y}-{m:02d}") is None}
    assert len(allowed) <= MAX_DATE_VALUES
    assert all(y <= today.year + MAX_DATE_YEARS_AHEAD for y, _ in allowed)


@given(paths, st.sampled_from(sorted(DOCUMENT_FORMATS) + ["html", "php", "png", ""]))
def test_document_format_follows_the_extension(path, ext):
    url = f"https://v.fr{path}" + (f".{ext}" if ext else "")
    fmt = document_format(url)
    if extension(url) in DOCUMENT_FORMATS:
        # A document by its name, but a feed's name (/rss.xml) is not one.
        assert fmt == extension(url) or (fmt is None and _is_feed(url, extension(url)))
    else:
        assert fmt is None


@given(st.text(max_size=200))
def test_document_format_never_crashes_on_odd_urls(text):
    document_format(text)
    document_format("https://v.fr/" + text, content_type=text)


def _with_key(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


# Ids as users write them, unquoted: but for the words YAML reads as something else than text
# (booleans, null: `id: on` is refused with a one-line error, tests/test_candidates.py).
_YAML_WORDS = {"on", "off", "yes", "no", "true", "false", "null", "y", "n"}
_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True).filter(lambda s: s not in _YAML_WORDS)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.lists(st.tuples(_IDS, st.from_regex(r"[0-9]{8}", fullmatch=True), hosts), min_size=1, max_size=5,
                unique_by=lambda t: t[0]))
def test_valid_generated_files_load_and_keep_every_field(tmp_path, entries):
    lines = []
    for ident, prefix, host in entries:
        lines += [f"- id: {ident}", f"  name: Commune {ident}", "  kind: commune",
                  f"  siren: '{_with_key(prefix)}'", f"  websites: [https://{host}/]"]
    path = tmp_path / "c.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cands = load_candidates(path, SIGNAL_IDS)
    assert [c.id for c in cands] == [e[0] for e in entries]
    assert [c.websites for c in cands] == [[f"https://{e[2]}/"] for e in entries]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=80)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_one_line_error_or_candidates(tmp_path, data):
    path = tmp_path / "c.yaml"
    path.write_bytes(data)
    try:
        load_candidates(path, SIGNAL_IDS)
    except CandidatesError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_siren_is_accepted_exactly_when_its_luhn_key_is_right(tmp_path, siren):
    path = tmp_path / "c.yaml"
    path.write_text(f"- id: a\n  name: A\n  kind: commune\n  siren: '{siren}'\n  websites: [https://a.fr/]\n",
                    encoding="utf-8")
    if luhn_ok(siren):
        assert load_candidates(path, SIGNAL_IDS)[0].siren == siren
    else:
        with pytest.raises(CandidatesError, match="Luhn"):
            load_candidates(path, SIGNAL_IDS)


@given(st.text(alphabet=string.ascii_letters + string.digits + " \t\n.,;:'’-_éèàçœÉ€µ²½\u00a0\u2028", max_size=300))
def test_a_page_s_words_are_its_word_runs_whether_split_here_or_by_the_digester(text):
    """checks.base.word_index / word_soup: the distinct \\w+ runs of the folded text, sorted, as a
    plain regex search over the whole text finds them; page_soups (tnl run's digester, without the
    caches) gives the same soups."""
    import re

    from checks.base import fold, page_soups, word_index, word_soup

    folded = fold(text)
    words = tuple(sorted(set(re.findall(r"\w+", folded))))
    assert word_index(folded) == words
    assert word_soup(folded) == " " + " ".join(words) + " "
    assert page_soups(text, text) == ((word_soup(folded),) * 2 if text else ("", ""))
