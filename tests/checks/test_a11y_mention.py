import pytest

from checks import a11y_mention
from tests.checks.baseline import html, observations, page


def run(body: str, **kw):
    return a11y_mention.run(observations([page(html(body))], **kw))


def test_partial_mention_in_footer_link_is_found_with_its_snippet():
    s = run('<footer><a href="/accessibilite">Accessibilité : partiellement conforme</a></footer>')
    assert (s.value, s.assessment) == ("partiellement conforme", "favorable")
    assert "partiellement conforme" in s.evidence[0].snippet
    assert s.evidence[0].url.startswith("https://www.exemple-commune.fr/")


def test_total_mention():
    s = run("<p>Accessibilité : totalement conforme</p>")
    assert (s.value, s.assessment) == ("totalement conforme", "favorable")


def test_non_conforme_is_defavorable():
    s = run("<p>Accessibilité&nbsp;: non conforme</p>")
    assert (s.value, s.assessment) == ("non conforme", "defavorable")


def test_wording_variants_case_accents_spaces_and_dashes():
    assert run("<p>ACCESSIBILITE - PARTIELLEMENT CONFORME</p>").value == "partiellement conforme"
    assert run("<p>Accessibilité numérique\u202f:\u00a0non-conforme</p>").value == "non conforme"
    assert run("<p>Accessibilité du site : totalement conforme</p>").value == "totalement conforme"
    assert run("<p>Site partiellement conforme au RGAA</p>").value == "partiellement conforme"


def test_absent_mention_is_defavorable_and_shows_the_page_read():
    s = run("<p>Bienvenue</p>")
    assert s.value is None and s.assessment == "defavorable" and s.display == "absente"
    assert s.evidence and s.evidence[0].http_status == 200


def test_mention_on_an_inner_page_only_does_not_count():
    inner = page(html("<p>Accessibilité : totalement conforme</p>"),
                 url="https://www.exemple-commune.fr/a11y", homepage=False)
    s = a11y_mention.run(observations([page(html()), inner]))
    assert s.value is None


def test_unreachable_site_is_inconnu_with_reason():
    s = a11y_mention.run(observations(reachable=False))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason


def test_main_website_decides_and_comes_first_when_a_portal_differs():
    portal = page(html("<p>Accessibilité : non conforme</p>"), url="https://data.exemple-commune.fr/", homepage=True)
    portal.site = "https://data.exemple-commune.fr/"
    main = page(html("<p>Accessibilité : totalement conforme</p>"))
    s = a11y_mention.run(observations([portal, main], candidate={"opendata": ["https://data.exemple-commune.fr/"]}))
    assert s.value == "totalement conforme"
    assert s.evidence[0].url == "https://www.exemple-commune.fr/"
    assert s.details["par_site"]["https://data.exemple-commune.fr/"] == "non conforme"


# Footers as collectivités write them (the RGAA's wording is « Accessibilité : partiellement conforme »; the
# variants below were each missed once): the value a reader sees in each.
@pytest.mark.parametrize("footer, value", [
    ("Accessibilité (partiellement conforme)", "partiellement conforme"),
    ("Accessibilité : site partiellement conforme", "partiellement conforme"),
    ("Accessibilité : conformité partielle", "partiellement conforme"),
    ("Accessibilité – conformité totale", "totalement conforme"),
    ("Accessibilité : en conformité partielle", "partiellement conforme"),
    ("Accessibilité : non-conformité", "non conforme"),
    ("Accessibilité\u00a0: non conforme", "non conforme"),
    ("ACCESSIBILITÉ : TOTALEMENT CONFORME", "totalement conforme"),
    ("Accessibilite : partiellement conforme", "partiellement conforme"),
    ("Déclaration d’accessibilité – non\u2011conforme", "non conforme"),
    ("Accessibilité — partiellement conforme", "partiellement conforme"),
    ("Accessibilité du site internet : le site est partiellement conforme", "partiellement conforme"),
    ("Accessibilité de notre site : totalement conforme", "totalement conforme"),
    ("Accessibilité du portail : non conforme", "non conforme"),
    ("Site non conforme avec le RGAA", "non conforme"),
    ("Site partiellement conforme aux critères du RGAA", "partiellement conforme"),
])
def test_real_footer_variants(footer, value):
    s = run(f'<footer><ul><li><a href="/mentions-legales/">Mentions légales</a></li>'
            f'<li><a href="/accessibilite/">{footer}</a></li></ul></footer>')
    assert (s.value, s.assessment) == (value, "defavorable" if value == "non conforme" else "favorable")
    assert " ".join(footer.split()) in s.evidence[0].snippet  # the page's text has its spaces squashed


@pytest.mark.parametrize("body", [
    # "Accessibilité" in a menu, the status words elsewhere on the page, about something else
    ('<nav><a href="/accessibilite/">Accessibilité</a> <a href="/plan/">Plan du site</a></nav>'
    "<p>Travaux : trois trottoirs non conformes signalés rue Haute.</p>"),
    "<p>Accessibilité des bâtiments : non conformes, travaux en 2026.</p>",
    "<p>Accessibilité : conformité en cours d'évaluation</p>",
    "<p>Déclaration de conformité partielle des travaux de voirie</p>",
    "<p>Accessibilité : site conforme</p>",  # not one of the three statuses
])
def test_status_words_that_are_not_the_mention(body):
    s = run(body)
    assert (s.value, s.assessment, s.display) == (None, "defavorable", "absente")


def test_absence_says_where_it_was_looked_for():
    s = a11y_mention.run(observations([page(html("<p>Bienvenue</p>")),
                                       page(html("<p>Accessibilité : totalement conforme</p>"),
                                            url="https://www.exemple-commune.fr/a11y", homepage=False)]))
    assert s.searched == {"pages": 1}  # the homepage, where the mention is required
    assert run("<p>Accessibilité : totalement conforme</p>").searched is None


def test_homepage_without_readable_text_is_inconnu():
    s = run("")  # an empty body: a page drawn by its scripts
    assert (s.value, s.assessment) == (None, "inconnu")
    assert s.reason == "page d'accueil sans texte lisible" and s.searched is None
