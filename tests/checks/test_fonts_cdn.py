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


# --- counts, thresholds and the self-hosting hints ---------------------------------------------------

GF = '<link href="https://fonts.googleapis.com/css2?family=Lato" rel="stylesheet">'
SITE_URL = "https://www.exemple-commune.fr/"


def test_the_display_counts_the_pages_calling_the_service_with_a_plural_from_two():
    two = fonts_cdn.run(observations([page(html(head=GF)), page(html(head=GF), url=SITE_URL + "actus/")]))
    assert two.display == "Google Fonts (2 pages sur 2)"
    one = fonts_cdn.run(observations([page(html(head=GF)), page(html(), url=SITE_URL + "actus/")]))
    assert one.display == "Google Fonts (1 page sur 2)" and one.details["pages_par_service"] == {"Google Fonts": 1}


def test_a_font_file_on_the_sites_own_host_is_a_self_hosting_hint_named_first():
    head = (f'<link rel="preload" href="{SITE_URL}polices/Marianne-Regular.woff2" as="font">'
            f'<link rel="preload" href="{SITE_URL}polices/Marianne-Bold.woff2" as="font">')
    s = run(head)
    assert (s.value, s.assessment) == ([], "favorable")
    assert s.details["pages_avec_polices_locales"] == 1
    assert [e.snippet for e in s.evidence] == [f'<link href="{SITE_URL}polices/Marianne-Regular.woff2">']
    assert "servies par le site" in s.display


def test_a_font_file_on_another_host_is_no_self_hosting_hint():
    s = run('<link rel="preload" href="https://cdn.autre-site.fr/polices/Lato.woff2" as="font">')
    assert s.assessment == "favorable" and s.details["pages_avec_polices_locales"] == 0 and s.evidence == []
    assert "servies par le site" not in s.display


def test_a_non_font_file_on_the_own_host_is_no_self_hosting_hint():
    s = run(f'<link rel="icon" href="{SITE_URL}favicon.png">')
    assert s.details["pages_avec_polices_locales"] == 0 and "servies par le site" not in s.display


def test_at_most_three_self_hosting_pages_are_given_as_evidence():
    face = "<style>@font-face{font-family:Marianne;src:url(/polices/Marianne.woff2)}</style>"
    pages = [page(html(head=face), url=SITE_URL + (f"p{i}/" if i else "")) for i in range(4)]
    s = fonts_cdn.run(observations(pages))
    assert s.details["pages_avec_polices_locales"] == 4 and len(s.evidence) == 3


def test_the_font_face_snippet_keeps_the_first_200_characters_of_the_style():
    style = "@font-face{font-family:Marianne;src:url(/polices/Marianne.woff2)}" + "x" * 300
    s = run(f"<style>{style}</style>")
    # "<style> " (8 characters) then the style's first 200 characters, under the 300-character cap.
    assert len(s.evidence[0].snippet) == 208 and s.evidence[0].snippet.startswith("<style> @font-face{")


def test_only_the_sites_css_files_with_text_are_counted_as_read():
    obs = observations([page(html(head=f'<link rel="stylesheet" href="{THEME}">'))])
    obs.assets = [_asset(THEME, "body{margin:0}"), _asset("https://www.exemple.fr/css/print.css", "p{color:#000}"),
                  _asset("https://www.exemple.fr/css/empty.css", ""),
                  _asset("https://www.exemple.fr/js/app.js", "console.log(1)", kind="js")]
    assert fonts_cdn.run(obs).details["feuilles_de_style_lues"] == 2


def test_unreachable_says_why():
    s = fonts_cdn.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and isinstance(s.display, str) and s.display
