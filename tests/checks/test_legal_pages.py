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


# --- answers, statuses and redirects at their boundaries --------------------------------------------

def _raw(title: str, body: str, url: str):
    return page(f'<!DOCTYPE html><html lang="fr"><head><title>{title}</title></head><body>{body}</body></html>', url=url)


def test_a_300_answer_without_a_target_is_not_served_and_leaves_the_answer_open():
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL, 300)]))
    assert s.value["mentions_legales"] is False and s.assessment == "inconnu"
    assert s.details["liens_non_lus"] == {LEGAL: "HTTP 300"}


def test_a_300_answer_with_a_target_is_followed():
    # The target's address does not say what it is: it is known as the legal notice through the redirect alone.
    footer = '<footer><a href="/mentions-legales">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    index = [entry(f"{SITE}/mentions-legales", 300, redirect_to=f"{SITE}/p1/")]
    s = legal_pages.run(observations([home(footer), legal_page(f"{SITE}/p1/"), privacy_page()], index=index))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [f"{SITE}/p1/"]


def test_a_redirect_loop_stops_at_the_first_address_seen_again():
    a, b = f"{SITE}/mentions-legales", f"{SITE}/p1/"
    footer = f'<footer><a href="{a}">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    index = [entry(a, 301, redirect_to=b), entry(b, 301, redirect_to=a)]
    s = legal_pages.run(observations([home(footer), privacy_page()], index=index))
    assert s.details["liens_non_lus"] == {a: "HTTP 301"}


def test_a_400_answer_naming_a_target_is_an_error_not_a_redirect():
    index = [entry(LEGAL, 400, redirect_to=f"{SITE}/autre/"), entry(f"{SITE}/autre/", 200)]
    s = legal_pages.run(observations([home(), privacy_page()], index=index))
    assert s.value["mentions_legales"] is False and s.details["liens_en_erreur"] == {LEGAL: "HTTP 400"}


def test_an_attempt_without_any_answer_is_said_so():
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL)]))
    assert s.assessment == "inconnu" and s.details["liens_non_lus"] == {LEGAL: "sans réponse"}


def test_an_http_error_outranks_a_later_attempt_without_answer():
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL, 404), entry(LEGAL, error="délai dépassé")]))
    assert s.assessment == "defavorable" and s.details["liens_en_erreur"] == {LEGAL: "HTTP 404"}


def test_of_two_http_errors_the_last_one_is_kept():
    s = legal_pages.run(observations([home(), privacy_page()], index=[entry(LEGAL, 503), entry(LEGAL, 404)]))
    assert s.details["liens_en_erreur"] == {LEGAL: "HTTP 404"}


def test_fragments_are_dropped_up_to_the_first_hash():
    footer = '<footer><a href="/mentions-legales/#a#b">Mentions légales</a> <a href="/donnees-personnelles/">D</a></footer>'
    s = legal_pages.run(observations([home(footer), privacy_page()], index=[entry(LEGAL + "#haut#x", 200)]))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [LEGAL]
    index = [entry(f"{SITE}/ml", 301, redirect_to=LEGAL + "#a#b"), entry(LEGAL, 200)]
    footer = '<footer><a href="/ml">Mentions légales</a> <a href="/donnees-personnelles/">D</a></footer>'
    s = legal_pages.run(observations([home(footer), privacy_page()], index=index))
    assert s.details["pages_mentions_legales"] == [LEGAL]


def test_a_page_read_under_an_address_with_fragments_is_the_linked_page():
    footer = '<footer><a href="/mentions-legales/">Mentions légales</a> <a href="/donnees-personnelles/">D</a></footer>'
    s = legal_pages.run(observations([home(footer), legal_page(LEGAL + "#a#b"), privacy_page()]))
    assert s.assessment == "favorable" and s.details["liens_non_lus"] == {}


# --- recognising legal pages and links ---------------------------------------------------------------

def test_a_page_is_recognised_by_its_address_alone():
    s = legal_pages.run(observations([home(footer=""), legal_page(), privacy_page()]))
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [LEGAL]


def test_a_page_is_recognised_by_its_title_alone():
    other = f"{SITE}/page-12"
    s = legal_pages.run(observations([home(footer=""), _raw("Mentions légales", "<p>Éditeur</p>", other), privacy_page()]))
    assert s.details["pages_mentions_legales"] == [other]


def test_a_link_is_recognised_by_its_address_or_by_its_text_alone():
    footer = ('<footer><a href="/mentions-legales/">Infos</a> <a href="/page-12">Données personnelles</a></footer>')
    other = f"{SITE}/page-12"
    s = legal_pages.run(observations([home(footer)], index=[entry(LEGAL, 200), entry(other, 200)]))
    assert s.assessment == "favorable"
    assert (s.details["pages_mentions_legales"], s.details["pages_confidentialite"]) == ([LEGAL], [other])


def test_links_before_the_legal_ones_do_not_stop_the_reading():
    footer = '<a href="https://www.cnil.fr/">CNIL</a><a href="/plan-du-site/">Plan</a>' + FOOTER
    s = legal_pages.run(observations([home(footer)], index=[entry(LEGAL, 200), entry(PRIVACY, 200)]))
    assert s.assessment == "favorable"


def test_a_page_known_only_by_its_link_is_read_for_the_tools_it_names():
    other = f"{SITE}/page-12"
    footer = '<footer><a href="/page-12">Mentions légales</a> <a href="/donnees-personnelles/">D</a></footer>'
    pages = [home(footer, head=MATOMO), _raw("Page 12", "<main><p>Mesure d'audience : Matomo.</p></main>", other),
             privacy_page()]
    s = legal_pages.run(observations(pages))
    assert s.assessment == "favorable" and s.value["outils_non_nommes"] == []
    assert s.details["pages_lues"] == [PRIVACY, other]


def test_only_the_main_text_of_a_legal_page_counts_for_naming_tools():
    pages = [home(head=MATOMO), legal_page(),
             page(html("<main><p>Vos droits.</p></main><footer>Statistiques par Matomo</footer>"), url=PRIVACY)]
    s = legal_pages.run(observations(pages))
    assert s.assessment == "defavorable" and s.value["outils_non_nommes"] == ["Matomo"]


def test_a_tool_named_by_its_alias_is_named():
    s = run(head=MATOMO, legal="Mesure d'audience : Piwik.")
    assert s.assessment == "favorable" and s.value["outils_non_nommes"] == []


def test_legal_pages_on_another_domain_of_the_candidate_count():
    other = "https://www.ville-exemple.org/mentions-legales"
    footer = f'<footer><a href="{other}">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    obs = observations([home(footer), privacy_page()], index=[entry(other, 200)],
                       candidate={"websites": [SITE + "/", "https://www.ville-exemple.org/"]})
    assert legal_pages.run(obs).details["pages_mentions_legales"] == [other]


def test_legal_pages_on_the_open_data_portal_of_the_candidate_count():
    other = "https://data.exemple-metropole.fr/mentions-legales"
    footer = f'<footer><a href="{other}">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    obs = observations([home(footer), privacy_page()], index=[entry(other, 200)],
                       candidate={"opendata": ["https://data.exemple-metropole.fr/"]})
    assert legal_pages.run(obs).details["pages_mentions_legales"] == [other]


def test_links_on_the_pages_own_domain_count_even_if_the_candidate_lists_another_site():
    obs = observations([home()], index=[entry(LEGAL, 200), entry(PRIVACY, 200)],
                       candidate={"websites": ["https://www.autre-nom.fr/"]})
    s = legal_pages.run(obs)
    assert s.assessment == "favorable" and s.details["pages_mentions_legales"] == [LEGAL]


# --- what each outcome carries -----------------------------------------------------------------------

def test_each_unnamed_tool_is_evidenced_by_its_own_loading_and_the_home_page():
    s = run(head=GA + MATOMO)
    assert s.value["outils_non_nommes"] == ["Google Analytics", "Matomo"]
    ga, matomo = s.evidence[0], s.evidence[1]
    assert ga.snippet.startswith("Google Analytics chargé") and "googletagmanager" in ga.snippet
    assert matomo.snippet.startswith("Matomo chargé") and "_paq" in matomo.snippet
    homepage = home(head=GA + MATOMO)
    assert (ga.url, ga.fetched_at, ga.http_status, ga.sha256, ga.record_id) == (
        SITE + "/", WHEN, 200, homepage.sha256, homepage.record_id)


def test_a_legal_document_is_evidenced_by_its_index_entry():
    footer = '<footer><a href="/docs/mentions-legales.pdf">Mentions légales</a> <a href="/donnees-personnelles/">Données</a></footer>'
    pdf = f"{SITE}/docs/mentions-legales.pdf"
    s = legal_pages.run(observations([home(footer), privacy_page()], index=[entry(pdf, 200, kind="document")]))
    ev = next(e for e in s.evidence if e.url == pdf)
    assert (ev.fetched_at, ev.http_status, ev.sha256, ev.record_id) == (WHEN, 200, "2" * 64, f"<urn:uuid:{pdf}>")


def test_a_served_page_is_evidenced_by_its_title():
    s = run()
    assert "mentions légales : « Accueil »" in [e.snippet for e in s.evidence]


def test_at_most_three_pages_three_broken_links_and_three_unread_links_are_given():
    urls = [f"{SITE}/mentions-legales-{i}/" for i in range(4)]
    s = legal_pages.run(observations([home(footer="")] + [legal_page(u) for u in urls] + [privacy_page()]))
    assert sum(e.snippet.startswith("mentions légales :") for e in s.evidence) == 3
    footer = "".join(f'<a href="{u}">Mentions légales</a>' for u in urls)
    s = legal_pages.run(observations([home(footer), privacy_page()], index=[entry(u, 404) for u in urls]))
    assert sum(e.snippet.startswith("lien « Mentions légales »") for e in s.evidence) == 3
    s = legal_pages.run(observations([home(footer), privacy_page()]))
    assert s.reason.count("jamais demandée") == 3


def test_a_broken_link_beside_a_served_legal_page_is_not_reported_as_the_cause_of_an_absence():
    footer = '<footer><a href="/mentions-legales/">Mentions légales</a> <a href="/ancien/mentions-legales/">Mentions légales</a></footer>'
    s = legal_pages.run(observations([home(footer), legal_page()], index=[entry(f"{SITE}/ancien/mentions-legales/", 404)]))
    assert s.assessment == "neutre" and "lien en erreur" not in s.display
    assert any(e.url == LEGAL for e in s.evidence)


def test_an_absent_legal_notice_also_names_the_unnamed_tools():
    s = legal_pages.run(observations([page(html("<p>Bienvenue</p>", head=GA))]))
    assert s.assessment == "defavorable" and "Google Analytics" in s.display.split("outils non nommés")[1]


def test_named_tools_are_shown_when_favorable():
    s = run(head=MATOMO, legal="Mesure d'audience : Matomo, sans cookie.")
    assert "Matomo" in s.display


def test_an_open_answer_still_carries_the_evidence_found():
    s = legal_pages.run(observations([home(), legal_page()], index=[entry(PRIVACY, error="interdit par robots.txt")]))
    assert s.assessment == "inconnu" and any(e.url == LEGAL for e in s.evidence)


def test_unreachable_says_why():
    s = legal_pages.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and s.display
