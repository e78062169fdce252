"""thirdparty: services named in what pages load, and inside the site's own CSS and JS."""
from __future__ import annotations

import re
from dataclasses import replace

from checks.thirdparty import compile_services, scan, scan_assets
from ground.observations import Asset
from tests.checks.baseline import SITE, WHEN, html, observations, page

CATALOGUE = [
    {"name": "YouTube", "free": False, "patterns": [r"youtube\.com", r"youtu\.be"]},
    {"name": "PeerTube", "free": True, "patterns": [r"peertube"]},
    {"name": "Matomo", "patterns": [r"matomo\.js"]},
]
SERVICES = compile_services(CATALOGUE)


def test_compile_services_keeps_name_freedom_and_every_pattern_case_insensitively():
    youtube, peertube, matomo = compile_services(CATALOGUE)  # compiled here, not at import
    assert (youtube.name, youtube.free, peertube.free, matomo.free) == ("YouTube", False, True, None)
    assert youtube.pattern.search("https://YOUTU.BE/x") and youtube.pattern.search("www.youtube.com")
    assert not youtube.pattern.search("youtube.fr")
    [strict] = compile_services([{"name": "X", "patterns": ["abc"]}], flags=0)
    assert strict.pattern.search("abc") and not strict.pattern.search("ABC")
    assert strict.pattern.flags & re.IGNORECASE == 0


def _iframe(src: str) -> str:
    return f'<iframe src="{src}"></iframe>'


def test_scan_counts_a_page_once_and_still_sees_the_other_services_on_it():
    url = SITE + "video"
    first = page(html(_iframe("https://www.youtube.com/embed/a")), url=url)
    again = page(html(_iframe("https://www.youtube.com/embed/a") + _iframe("https://peertube.fr/videos/embed/b")),
                 url=url)
    found = scan([first, again], SERVICES)
    assert found["YouTube"].pages == {url} and len(found["YouTube"].evidence) == 1
    assert found["PeerTube"].pages == {url}
    assert found["PeerTube"].evidence[0].snippet == '<iframe src="https://peertube.fr/videos/embed/b">'


def test_scan_keeps_five_pieces_of_evidence_but_every_page():
    pages = [page(html(_iframe(f"https://www.youtube.com/embed/{i}")), url=f"{SITE}p{i}") for i in range(7)]
    found = scan(pages, SERVICES)["YouTube"]
    assert len(found.pages) == 7
    assert [e.url for e in found.evidence] == [f"{SITE}p{i}" for i in range(5)]


def _with(**fields):
    return replace(page(html()), **fields)


def test_an_inline_script_hit_shows_60_characters_each_side():
    value = "a" * 70 + "matomo.js" + "b" * 70
    [ev] = scan([_with(inline_scripts=[value])], SERVICES)["Matomo"].evidence
    assert ev.snippet == "<script> …" + "a" * 60 + "matomo.js" + "b" * 60 + "…"


def test_an_inline_hit_at_the_very_start_keeps_its_first_character():
    value = "matomo.js" + "b" * 70
    [ev] = scan([_with(inline_scripts=[value])], SERVICES)["Matomo"].evidence
    assert ev.snippet == "<script> …matomo.js" + "b" * 60 + "…"


def test_an_inline_style_hit_is_shown_as_a_style():
    [ev] = scan([_with(inline_styles=["@import url(https://peertube.fr/x.css);"])], SERVICES)["PeerTube"].evidence
    assert ev.snippet == "<style> …@import url(https://peertube.fr/x.css);…"


def test_a_hit_among_other_resources_is_shown_as_its_url():
    [ev] = scan([_with(resources=["https://i.ytimg.com/x.jpg", "https://youtu.be/logo.png"])],
                SERVICES)["YouTube"].evidence
    assert ev.snippet == "https://youtu.be/logo.png"


def _asset(url: str, kind: str, text: str) -> Asset:
    return Asset(url=url, kind=kind, site=SITE, status=200, fetched_at=WHEN, sha256="3" * 64,
                 record_id=f"<urn:uuid:{url}>", size=len(text), text=text)


def test_scan_assets_goes_past_assets_of_other_kinds_and_services_not_seen():
    css = SITE + "theme.css"
    loading = page(html(head=f'<link rel="stylesheet" href="{css}">'), url=SITE + "a")
    other = page(html(), url=SITE + "b")  # does not load the style sheet
    obs = replace(observations(pages=[loading, other]),
                  assets=[_asset(SITE + "app.js", "js", "peertube"),  # a script: not searched here
                          _asset(SITE + "empty.css", "css", ""),
                          _asset(css, "css", "@import url(https://peertube.fr/x.css);")])
    found = scan_assets(obs, SERVICES, ("css",), {})
    assert set(found) == {"PeerTube"}
    assert found["PeerTube"].assets == {css}
    assert found["PeerTube"].pages == {SITE + "a"}


def test_scan_assets_keeps_five_pieces_of_evidence_and_60_characters_each_side():
    assets = [_asset(f"{SITE}s{i}.js", "js", "a" * 70 + "matomo.js" + "b" * 70) for i in range(6)]
    assets.append(_asset(SITE + "t.js", "js", "matomo.js" + "b" * 70))
    obs = replace(observations(), assets=assets)
    found = scan_assets(obs, SERVICES, ("js",), {})["Matomo"]
    assert len(found.assets) == 7 and len(found.evidence) == 5
    assert found.evidence[0].snippet == "…" + "a" * 60 + "matomo.js" + "b" * 60 + "…"
    first = scan_assets(replace(observations(), assets=[assets[-1]]), SERVICES, ("js",), {})["Matomo"]
    assert first.evidence[0].snippet == "…matomo.js" + "b" * 60 + "…"
