from checks import legal_pages
from tests.checks.baseline import html, observations, page

SITE = "https://www.exemple-commune.fr"
FOOTER = '<footer><a href="/mentions-legales/">Mentions légales</a> <a href="/donnees-personnelles/">Données personnelles</a></footer>'
GA = "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ\"></script>"
MATOMO = "<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>"


def run(head: str = "", legal: str = "Éditeur : la mairie.", privacy: str | None = "Vos droits sur vos données.",
        footer: str = FOOTER):
    pages = [page(html(footer, head=head)),
             page(html(f"<main><h1>Mentions légales</h1><p>{legal}</p></main>"), url=f"{SITE}/mentions-legales/")]
    if privacy is not None:
        pages.append(page(html(f"<main><p>{privacy}</p></main>"), url=f"{SITE}/donnees-personnelles/"))
    return legal_pages.run(observations(pages))


def test_both_pages_and_matomo_named_is_favorable():
    s = run(head=MATOMO, legal="Mesure d'audience : Matomo, sans cookie.")
    assert s.assessment == "favorable"
    assert s.value == {"mentions_legales": True, "politique_confidentialite": True,
                       "outils_detectes": ["Matomo"], "outils_non_nommes": []}


def test_google_analytics_detected_but_not_named_is_defavorable():
    s = run(head=GA)
    assert s.assessment == "defavorable" and s.value["outils_non_nommes"] == ["Google Analytics"]
    assert "Google Analytics" in s.evidence[0].snippet and "googletagmanager" in s.evidence[0].snippet


def test_naming_the_tool_in_the_privacy_page_is_enough():
    s = run(head=GA, privacy="Ce site utilise Google Analytics pour mesurer l'audience.")
    assert s.assessment == "favorable"


def test_missing_privacy_policy_is_neutre():
    s = run(privacy=None, footer='<footer><a href="/mentions-legales/">Mentions légales</a></footer>')
    assert s.assessment == "neutre" and s.value["politique_confidentialite"] is False


def test_missing_legal_notice_is_defavorable():
    s = legal_pages.run(observations([page(html("<p>Bienvenue</p>"))]))
    assert s.assessment == "defavorable" and "mentions légales" in s.display


def test_unreachable_is_inconnu():
    assert legal_pages.run(observations(reachable=False)).assessment == "inconnu"
