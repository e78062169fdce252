from itertools import pairwise

import pytest

from checks import legal_pages
from ground.archive import IndexEntry
from tests.checks.baseline import WHEN, html, observations, page

SITE = "https://www.exemple-commune.fr"
LEGAL = f"{SITE}/mentions-legales/"
PRIVACY = f"{SITE}/donnees-personnelles/"
FOOTER = '<footer><a href="/mentions-legales/">Mentions légales</a> <a href="/donnees-personnelles/">Données personnelles</a></footer>'
GA = "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ\"></script>"
MATOMO = "<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>"


def run(head: str = "", legal: str = "Éditeur : la mairie.", privacy: str | None = "Vos droits sur vos données.",
        footer: str = FOOTER):
    pages = [page(html(footer, head=head)),
             page(html(f"<main><h1>Mentions légales</h1><p>{legal}</p></main>"), url=LEGAL)]
    if privacy is not None:
        pages.append(page(html(f"<main><p>{privacy}</p></main>"), url=PRIVACY))
    return legal_pages.run(observations(pages))


def entry(url: str, status: int | None = None, redirect_to: str | None = None, error: str | None = None,
          kind: str = "page") -> IndexEntry:
    return IndexEntry(url=url, kind=kind, site=SITE + "/", status=status, redirect_to=redirect_to, error=error,
                      fetched_at=WHEN, sha256="2" * 64 if status else None,
                      record_id=f"<urn:uuid:{url}>" if status else None)


def home(footer: str = FOOTER, head: str = ""):
    return page(html(footer, head=head))


def privacy_page():
    return page(html("<main><p>Vos droits sur vos données.</p></main>"), url=PRIVACY)


def legal_page(url: str = LEGAL):
    return page(html("<main><h1>Mentions légales</h1><p>Éditeur : la mairie.</p></main>"), url=url)


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
    assert s.assessment == "defavorable" and s.display == "absentes : mentions légales, politique de confidentialité"


# --- a legal page counts only if it was served ------------------------------------------------------

@pytest.mark.parametrize("status", [404, 410, 500, 400])
def test_a_legal_notice_link_answering_an_http_error_is_not_published(status):
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL, status)]))
    assert (s.value["mentions_legales"], s.value["politique_confidentialite"]) == (False, True)
    assert s.assessment == "defavorable"
    assert s.display == f"absentes : mentions légales (lien en erreur : HTTP {status})"
    assert s.details["liens_en_erreur"] == {LEGAL: f"HTTP {status}"} and s.details["pages_mentions_legales"] == []
    assert f"lien « Mentions légales » vers {LEGAL} : HTTP {status}" in [e.snippet for e in s.evidence]


def test_a_privacy_link_answering_404_leaves_the_policy_absent():
    s = legal_pages.run(observations([home(), legal_page()], index=[entry(PRIVACY, 404)]))
    assert (s.value["politique_confidentialite"], s.assessment) == (False, "neutre")
    assert s.display == "absente : politique de confidentialité (lien en erreur : HTTP 404)"


def test_a_redirect_to_the_legal_page_counts_it():
    footer = '<footer><a href="/mentions-legales">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    index = [entry(f"{SITE}/mentions-legales", 301, redirect_to=LEGAL), entry(LEGAL, 200)]
    s = legal_pages.run(observations([home(footer), legal_page(), privacy_page()], index=index))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [LEGAL]


def test_a_redirect_to_an_error_is_not_published():
    footer = '<footer><a href="/mentions-legales">Mentions légales</a></footer>'
    index = [entry(f"{SITE}/mentions-legales", 302, redirect_to=f"{SITE}/erreur/"), entry(f"{SITE}/erreur/", 404)]
    s = legal_pages.run(observations([home(footer)], index=index))
    assert s.value["mentions_legales"] is False and s.details["liens_en_erreur"] == {f"{SITE}/mentions-legales": "HTTP 404"}


def _chain(hops: int):
    # Only the first address says what it is: the page at the end is known through the redirects alone.
    urls = [f"{SITE}/mentions-legales"] + [f"{SITE}/p{i}/" for i in range(1, hops + 1)]
    index = [entry(a, 301, redirect_to=b) for a, b in pairwise(urls)]
    footer = f'<footer><a href="{urls[0]}">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    return legal_pages.run(observations([home(footer), legal_page(urls[-1]), privacy_page()], index=index)), urls


def test_five_redirects_are_followed_not_six():
    s, urls = _chain(5)
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [urls[-1]]
    s, urls = _chain(6)
    assert s.assessment == "inconnu" and s.details["liens_non_lus"] == {urls[0]: "trop de redirections"}


def test_a_legal_page_never_requested_leaves_the_answer_open():
    s = legal_pages.run(observations([home(), privacy_page()]))
    assert (s.value["mentions_legales"], s.assessment, s.display) == (False, "inconnu", "indéterminé")
    assert s.reason == f"page liée mais non lue : mentions légales ({LEGAL} : jamais demandée)"


def test_a_legal_page_refused_by_robots_leaves_the_answer_open():
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL, error="interdit par robots.txt")]))
    assert s.assessment == "inconnu" and "interdit par robots.txt" in s.reason


def test_an_unread_privacy_page_may_name_the_tools_so_the_answer_stays_open():
    s = legal_pages.run(observations([home(head=GA), legal_page()]))
    assert s.assessment == "inconnu" and s.details["liens_non_lus"] == {PRIVACY: "jamais demandée"}


def test_an_absent_legal_notice_is_defavorable_even_if_the_privacy_page_was_not_read():
    s = legal_pages.run(observations([home()], index=[entry(LEGAL, 404)]))
    assert (s.assessment, s.display) == ("defavorable", "absentes : mentions légales (lien en erreur : HTTP 404)")


def test_a_legal_notice_served_as_a_document_counts():
    footer = '<footer><a href="/docs/mentions-legales.pdf">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    pdf = f"{SITE}/docs/mentions-legales.pdf"
    s = legal_pages.run(observations([home(footer), privacy_page()], index=[entry(pdf, 200, kind="document")]))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [pdf]
    assert any(e.url == pdf and e.http_status == 200 and e.snippet == f"mentions légales : {pdf}" for e in s.evidence)


def test_a_success_after_a_failed_attempt_is_served():
    index = [entry(LEGAL, error="délai dépassé"), entry(LEGAL, 200), entry(LEGAL, 503)]
    s = legal_pages.run(observations([home(), privacy_page()], index=index))
    assert s.value["mentions_legales"] is True and s.assessment == "favorable"


def test_a_link_with_a_fragment_counts_its_page():
    footer = '<footer><a href="/mentions-legales/#editeur">Mentions légales</a> <a href="/donnees-personnelles/">D</a></footer>'
    s = legal_pages.run(observations([home(footer), legal_page(), privacy_page()]))
    assert s.assessment == "favorable"


def test_links_to_other_sites_are_not_the_sites_legal_pages():
    footer = ('<footer><a href="/mentions-legales/">Mentions légales</a> '
              '<a href="https://www.cnil.fr/fr/vos-droits">Protection des données</a></footer>')
    s = legal_pages.run(observations([home(footer), legal_page()]))
    assert (s.value["politique_confidentialite"], s.assessment) == (False, "neutre")
    assert s.details["liens_non_lus"] == {} and s.details["pages_confidentialite"] == []


def test_a_legal_page_on_another_host_of_the_sites_domain_counts():
    other = "https://demarches.exemple-commune.fr/mentions-legales"
    footer = f'<footer><a href="{other}">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    s = legal_pages.run(observations([home(footer), privacy_page()], index=[entry(other, 200)]))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [other]


def test_unreachable_is_inconnu():
    assert legal_pages.run(observations(reachable=False)).assessment == "inconnu"
