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


def _asset(url: str, text: str, kind: str = "css"):
    from ground.observations import Asset

    return Asset(url=url, kind=kind, site="https://www.exemple.fr/", status=200, fetched_at="2026-12-01T10:00:00Z",
                 sha256="ab" * 32, record_id="<urn:uuid:1>", size=len(text), text=text)


THEME = "https://www.exemple.fr/themes/ville/css/style.css"


def test_google_fonts_imported_by_the_site_s_own_style_sheet():
    """The theme's CSS starts with `@import url(https://fonts.googleapis.com/…)` (a WordPress theme's
    style.css does so); the page itself only links the theme's file."""
    obs = observations([page(html(head=f'<link rel="stylesheet" href="{THEME}">'))])
    obs.assets = [_asset(THEME, "@import url('https://fonts.googleapis.com/css2?family=Lato:wght@400;700');\n"
                                "body{font-family:Lato,sans-serif}")]
    s = fonts_cdn.run(obs)
    assert (s.value, s.assessment) == (["Google Fonts"], "defavorable")
    assert s.evidence[0].url == THEME and "fonts.googleapis.com" in s.evidence[0].snippet
    assert s.details["feuilles_de_style_du_site"] == {"Google Fonts": [THEME]}
    assert s.display == "Google Fonts (1 page sur 1)"


def test_a_style_sheet_with_its_own_fonts_only_stays_favorable():
    obs = observations([page(html(head=f'<link rel="stylesheet" href="{THEME}">'))])
    obs.assets = [_asset(THEME, "@font-face{font-family:Marianne;src:url(../fonts/Marianne.woff2)}"),
                  _asset("https://www.exemple.fr/js/app.js", "fonts.googleapis.com", kind="js")]  # not a CSS rule
    s = fonts_cdn.run(obs)
    assert (s.value, s.assessment) == ([], "favorable")
    assert s.details["feuilles_de_style_lues"] == 1
