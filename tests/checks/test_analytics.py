from checks import analytics
from tests.checks.baseline import html, observations, page

MATOMO = ('<script>var _paq = window._paq = []; _paq.push(["trackPageView"]);</script>'
          '<script src="https://stats.exemple-commune.fr/matomo.js"></script>')
GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>'


def run(head: str):
    return analytics.run(observations([page(html(head=head))]))


def test_matomo_alone_is_favorable():
    s = run(MATOMO)
    assert s.value == ["Matomo"] and s.assessment == "favorable"
    assert "matomo.js" in s.evidence[0].snippet or "_paq.push" in s.evidence[0].snippet


def test_google_analytics_is_defavorable_even_with_matomo():
    s = run(MATOMO + GA)
    assert s.value == ["Google Analytics", "Matomo"] and s.assessment == "defavorable"
    assert "googletagmanager" in s.evidence[0].snippet  # proprietary first


def test_tag_manager_and_at_internet():
    s = run('<script src="https://www.googletagmanager.com/gtm.js?id=GTM-AB12CD"></script>'
            '<script src="https://tag.aticdn.net/123/smarttag.js"></script>')
    assert s.value == ["AT Internet / Piano", "Google Tag Manager"]


def test_no_tool_is_neutre():
    s = run("")
    assert s.value == [] and s.assessment == "neutre"


def test_unreachable_is_inconnu():
    assert analytics.run(observations(reachable=False)).assessment == "inconnu"
