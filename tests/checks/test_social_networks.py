from checks import social_networks
from tests.checks.baseline import html, observations, page

FB = '<a href="https://www.facebook.com/mairie.exemple">Facebook</a>'


def run(body: str, head: str = ""):
    return social_networks.run(observations([page(html(body, head=head))]))


def test_only_facebook_is_defavorable():
    s = run(FB)
    assert (s.value, s.assessment) == (["Facebook"], "defavorable")
    assert "facebook.com" in s.evidence[0].snippet


def test_facebook_with_a_mastodon_account_is_neutre():
    s = run(FB + '<a href="https://mastodon.social/@exemple">Mastodon</a>')
    assert s.assessment == "neutre" and s.details["canaux_propres"] == ["fédivers"]


def test_facebook_with_a_newsletter_is_neutre():
    s = run(FB + '<a href="/lettre-d-information/">Lettre d’information</a>')
    assert s.assessment == "neutre"


def test_own_channels_only_is_favorable():
    s = run("<p>Bienvenue</p>", head='<link rel="alternate" type="application/rss+xml" href="/rss.xml">')
    assert (s.value, s.assessment) == ([], "favorable")


def test_nothing_is_neutre():
    assert run("<p>Bienvenue</p>").assessment == "neutre"


def test_unreachable_is_inconnu():
    assert social_networks.run(observations(reachable=False)).assessment == "inconnu"
