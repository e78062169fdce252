import pytest

from checks import social_networks, video_hosting
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


# --- video platforms are video_hosting's, never social networks ------------------------------------

DAILYMOTION = '<a href="https://www.dailymotion.com/villedexemple">Dailymotion</a>'


def test_a_dailymotion_channel_is_not_a_social_network():
    s = run(DAILYMOTION)
    assert (s.value, s.assessment, s.display) == ([], "neutre", "aucun lien vers un réseau social ni canal propre")
    assert s.details["plateformes_video"] == ["Dailymotion"] and s.searched == {"pages": 1}


def test_a_youtube_channel_beside_facebook_leaves_facebook_alone():
    s = run(FB + '<a href="https://www.youtube.com/@villedexemple">YouTube</a>')
    assert (s.value, s.assessment) == (["Facebook"], "defavorable")
    assert s.details["plateformes_video"] == ["YouTube"]


def test_a_peertube_channel_is_video_hosting_not_an_own_social_channel():
    s = run(FB + '<a href="https://framatube.org/c/ma-commune/videos">Nos vidéos</a>')
    assert (s.value, s.assessment, s.details["canaux_propres"]) == (["Facebook"], "defavorable", [])
    assert s.details["plateformes_video"] == ["PeerTube"]


def test_both_signals_agree_on_where_a_channel_belongs():
    obs = observations([page(html(FB + DAILYMOTION))])
    assert "Dailymotion" in video_hosting.run(obs).value
    assert "Dailymotion" not in social_networks.run(obs).value


@pytest.mark.parametrize(("href", "networks"), [
    # Share buttons name a platform, not an account of the collectivité (learned from WordPress
    # share plugins and the AddToAny / Shariff buttons of collectivités' news pages).
    ("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.ville.fr%2Factu", []),
    ("https://www.facebook.com/share.php?u=https://www.ville.fr/", []),
    ("https://twitter.com/intent/tweet?text=Conseil&url=https://www.ville.fr/", []),
    ("https://x.com/intent/post?text=x", []),
    ("https://www.linkedin.com/shareArticle?mini=true&url=https://www.ville.fr/", []),
    ("https://www.linkedin.com/sharing/share-offsite/?url=https://www.ville.fr/", []),
    ("https://api.whatsapp.com/send?text=https://www.ville.fr/", []),
    ("https://bsky.app/intent/compose?text=x", []),
    # Accounts and channels, the names alike.
    ("https://www.facebook.com/shareholders.ville", ["Facebook"]),
    ("https://www.facebook.com/villedesaintexemple", ["Facebook"]),
    ("https://bsky.app/profile/saint-exemple.bsky.social", ["Bluesky"]),
    ("https://whatsapp.com/channel/0029VaExempleVille", ["WhatsApp"]),
])
def test_share_buttons_are_not_channels(href, networks):
    assert run(f'<a href="{href}">Réseau</a>').value == networks


def test_facebooks_page_plugin_shows_the_collectivites_own_page():
    frame = ('<iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fvilledex'
             '&tabs=timeline&width=340"></iframe>')
    s = run(frame)
    assert s.value == ["Facebook"] and "plugins/page.php" in s.evidence[0].snippet
    assert run('<iframe src="https://www.facebook.com/plugins/like.php?href=x"></iframe>').value == []


# --- own channels, own-site links and what each outcome carries ------------------------------------

def test_a_link_to_the_sites_own_page_is_no_fediverse_account():
    s = run('<a href="https://www.exemple-commune.fr/@agenda">Agenda</a>')
    assert s.details["canaux_propres"] == [] and s.assessment == "neutre"


def test_a_video_link_does_not_stop_the_reading():
    s = run('<a href="https://www.youtube.com/@villedexemple">YouTube</a>' + FB)
    assert s.value == ["Facebook"]


def test_a_rel_me_link_is_a_fediverse_channel():
    s = run('<a href="https://social.exemple.org/profil/ville" rel="me">Fédivers</a>')
    assert (s.assessment, s.details["canaux_propres"]) == ("favorable", ["fédivers"])
    assert s.evidence[0].snippet == '<a href="https://social.exemple.org/profil/ville">Fédivers</a>'


def test_a_newsletter_recognised_by_its_address_alone():
    s = run('<a href="https://www.exemple-commune.fr/newsletter/">S\'abonner</a>')
    assert (s.assessment, s.details["canaux_propres"]) == ("favorable", ["lettre d'information / flux RSS"])
    assert s.evidence[0].snippet == '<a href="https://www.exemple-commune.fr/newsletter/">S\'abonner</a>'


def test_a_declared_feed_is_evidenced_by_its_link_tag():
    s = run("<p>Bienvenue</p>", head='<link rel="alternate" type="application/rss+xml" href="/rss.xml">')
    assert [e.snippet for e in s.evidence] == ['<link rel="alternate" href="https://www.exemple-commune.fr/rss.xml">']
    assert s.details == {"reseaux_proprietaires": [], "canaux_propres": ["lettre d'information / flux RSS"],
                         "plateformes_video": []}
    assert "lettre d'information" in s.display


def test_networks_and_own_channels_carry_both_as_evidence():
    s = run(FB + '<a href="https://mastodon.social/@exemple">Mastodon</a>')
    assert s.value == ["Facebook"]
    assert [e.snippet for e in s.evidence] == [FB, '<a href="https://mastodon.social/@exemple">Mastodon</a>']
    assert "Facebook" in s.display and "fédivers" in s.display


def test_only_networks_names_them_in_the_display():
    assert "Facebook" in run(FB).display


def test_unreachable_says_why():
    s = social_networks.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and s.display
