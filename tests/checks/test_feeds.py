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
