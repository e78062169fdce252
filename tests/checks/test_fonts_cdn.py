from checks import fonts_cdn
from tests.checks.baseline import html, observations, page


def run(head: str):
    return fonts_cdn.run(observations([page(html(head=head))]))


def test_google_fonts_stylesheet_is_defavorable():
    s = run('<link href="https://fonts.googleapis.com/css2?family=Open+Sans&display=swap" rel="stylesheet">')
    assert (s.value, s.assessment) == (["Google Fonts"], "defavorable")
    assert "fonts.googleapis.com" in s.evidence[0].snippet


def test_import_in_an_inline_style_is_found():
    s = run("<style>@import url('https://fonts.googleapis.com/css?family=Roboto');</style>")
    assert s.value == ["Google Fonts"]


def test_adobe_fonts_is_defavorable():
    assert run('<link rel="stylesheet" href="https://use.typekit.net/abc1def.css">').value == ["Adobe Fonts"]


def test_self_hosted_font_is_favorable_with_evidence():
    s = run('<style>@font-face{font-family:Marianne;src:url(/polices/Marianne.woff2)}</style>')
    assert (s.value, s.assessment) == ([], "favorable")
    assert s.details["pages_avec_polices_locales"] == 1 and "@font-face" in s.evidence[0].snippet


def test_no_font_service_at_all_is_favorable():
    s = run("")
    assert s.assessment == "favorable" and s.details["pages_avec_polices_locales"] == 0


def test_unreachable_is_inconnu():
    assert fonts_cdn.run(observations(reachable=False)).assessment == "inconnu"
