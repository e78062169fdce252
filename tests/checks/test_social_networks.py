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
