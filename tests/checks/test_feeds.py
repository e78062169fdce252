from checks import feeds
from tests.checks.baseline import SITE, html, observations, page


def test_declared_feed_is_favorable_with_its_link_tag():
    head = '<link rel="alternate" type="application/rss+xml" title="Actualités" href="/spip.php?page=backend">'
    s = feeds.run(observations([page(html(head=head))]))
    assert (s.value, s.assessment) == ([SITE + "spip.php?page=backend"], "favorable")
    assert 'rel="alternate"' in s.evidence[0].snippet and s.details["declares"] == s.value


def test_linked_feeds_by_url_shape():
    body = ('<a href="/actualites.rss">Flux RSS</a><a href="/feed/">Flux</a><a href="/atom.xml">Atom</a>'
            '<a href="/feedback/">Votre avis</a>')
    s = feeds.run(observations([page(html(body))]))
    assert s.value == sorted([SITE + "actualites.rss", SITE + "feed/", SITE + "atom.xml"])
    assert s.details["lies"] == s.value


def test_no_feed_is_neutre_not_defavorable():
    s = feeds.run(observations())
    assert (s.value, s.assessment, s.display) == ([], "neutre", "aucun flux")


def test_unreachable_site_is_inconnu():
    s = feeds.run(observations(reachable=False))
    assert s.assessment == "inconnu" and s.reason


# --- one fact at a time -----------------------------------------------------------------------------

def test_feed_urls_are_matched_whatever_the_case_of_path_and_query():
    assert feeds.is_feed_url(SITE + "Actualites/RSS.XML")
    assert feeds.is_feed_url(SITE + "spip.php?PAGE=backend")
    assert not feeds.is_feed_url(SITE + "spip.php")


def test_a_feed_linked_from_several_pages_is_shown_on_the_shallowest_with_its_link():
    link = '<a href="/actualites.rss">Flux RSS</a>'
    deep = page(html(link), url=SITE + "a/", depth=1)
    s = feeds.run(observations([deep, page(html(link))]))
    assert [e.url for e in s.evidence] == [SITE]
    assert s.evidence[0].snippet.startswith(f'<a href="{SITE}actualites.rss">')
    assert s.display


def test_no_feed_shows_one_homepage_and_keeps_details():
    s = feeds.run(observations([page(html()), page(html(), url=SITE + "accueil/", homepage=True)]))
    assert [e.url for e in s.evidence] == [SITE] and s.evidence[0].snippet
    assert s.details == {"declares": [], "lies": [], "pages_lues": 2} and s.searched


def test_unreachable_site_has_no_feed_list_and_a_display():
    s = feeds.run(observations(reachable=False))
    assert s.value == [] and s.display
