from checks import video_hosting
from tests.checks.baseline import html, observations, page

PEERTUBE = '<iframe src="https://tube.exemple-commune.fr/videos/embed/6f1c2b0e-8d3a-4e57" allowfullscreen></iframe>'
YOUTUBE = '<iframe src="https://www.youtube.com/embed/hG7pQ2xK9aE" allowfullscreen></iframe>'


def run(body: str):
    return video_hosting.run(observations([page(html(body))]))


def test_peertube_embed_is_favorable():
    s = run(PEERTUBE)
    assert (s.value, s.assessment) == (["PeerTube"], "favorable")
    assert "/videos/embed/" in s.evidence[0].snippet


def test_link_to_a_peertube_channel_counts():
    s = run('<a href="https://framatube.org/c/ma-commune/videos">Nos vidéos</a>')
    assert s.value == ["PeerTube"]


def test_youtube_embed_is_defavorable():
    s = run(YOUTUBE)
    assert (s.value, s.assessment) == (["YouTube"], "defavorable")
    assert "youtube.com/embed" in s.evidence[0].snippet


def test_youtube_nocookie_and_vimeo():
    s = run('<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe><iframe src="https://player.vimeo.com/video/1"></iframe>')
    assert s.value == ["Vimeo", "YouTube"]


def test_both_is_neutre_and_nothing_is_neutre():
    assert run(PEERTUBE + YOUTUBE).assessment == "neutre"
    assert run("<p>Pas de vidéo.</p>").value == []


def test_unreachable_is_inconnu():
    assert video_hosting.run(observations(reachable=False)).assessment == "inconnu"
