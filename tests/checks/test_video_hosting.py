import pytest

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


# --- links to a video platform: channels, videos, playlists ------------------------------------------

@pytest.mark.parametrize("url,platform", [
    ("https://www.dailymotion.com/villedexemple", "Dailymotion"),
    ("https://dai.ly/x8abcde", "Dailymotion"),
    ("https://www.youtube.com/@villedexemple", "YouTube"),
    ("https://youtu.be/hG7pQ2xK9aE", "YouTube"),
    ("https://vimeo.com/123456789", "Vimeo"),
])
def test_a_link_to_a_video_platform_channel_counts(url, platform):
    s = run(f'<a href="{url}">Nos vidéos</a>')
    assert (s.value, s.assessment) == ([platform], "defavorable")
    assert s.display == f"chaînes ou vidéos liées : {platform}"
    assert s.details["liens_par_plateforme"] == {platform: [url]} and url in s.evidence[0].snippet


@pytest.mark.parametrize("body", [
    '<a href="https://www.notyoutube.com/@villedexemple">Vidéos</a>',
    '<a href="https://dailymotion.com.exemple.org/villedexemple">Vidéos</a>',
    "<p>Retrouvez nos vidéos sur Dailymotion et YouTube.</p>",
])
def test_a_lookalike_host_or_a_mention_in_text_is_no_channel(body):
    s = run(body)
    assert (s.value, s.assessment, s.searched) == ([], "neutre", {"pages": 1})


def test_an_embed_and_a_channel_of_the_same_platform():
    s = run(YOUTUBE + '<a href="https://www.youtube.com/@villedexemple">Notre chaîne</a>')
    assert (s.value, s.display) == (["YouTube"], "lecteurs propriétaires : YouTube")
    assert s.details["pages_par_plateforme"] == {"YouTube": 1}
    assert "youtube.com/embed" in s.evidence[0].snippet and "@villedexemple" in s.evidence[1].snippet


def test_a_player_of_one_platform_and_a_channel_of_another():
    s = run(YOUTUBE + '<a href="https://www.dailymotion.com/villedexemple">Dailymotion</a>')
    assert s.value == ["Dailymotion", "YouTube"] and s.assessment == "defavorable"
    assert s.display == "lecteurs propriétaires : YouTube ; chaînes ou vidéos liées : Dailymotion"


def test_peertube_and_a_proprietary_channel_is_neutre():
    s = run(PEERTUBE + '<a href="https://www.dailymotion.com/villedexemple">Dailymotion</a>')
    assert (s.value, s.assessment, s.display) == (["Dailymotion", "PeerTube"], "neutre", "PeerTube et Dailymotion")


def test_link_evidence_is_capped_per_platform():
    body = "".join(f'<a href="https://youtu.be/video{i}">Vidéo {i}</a>' for i in range(6))
    s = run(body)
    assert len(s.details["liens_par_plateforme"]["YouTube"]) == 6 and len(s.evidence) == 5


# The players tarteaucitron loads after consent (tarteaucitron.services.js: youtube, dailymotion, vimeo),
# declared as jobs in an inline script beside their <div class="…_player">.
@pytest.mark.parametrize(("script", "platforms"), [
    ("(tarteaucitron.job = tarteaucitron.job || []).push('youtube');", ["YouTube"]),
    ('tarteaucitron.job.push("youtubeapi");', ["YouTube"]),
    ("(tarteaucitron.job = tarteaucitron.job || []).push('dailymotion');", ["Dailymotion"]),
    ("(tarteaucitron.job = tarteaucitron.job || []).push('vimeo');", ["Vimeo"]),
    # Near misses: another service of the catalogue, a job pushed elsewhere.
    ("(tarteaucitron.job = tarteaucitron.job || []).push('youtubeshorts_x');", []),
    ("(tarteaucitron.job = tarteaucitron.job || []).push('matomo'); var youtube = 'push(\"youtube\")';", []),
])
def test_a_player_loaded_through_tarteaucitron(script, platforms):
    s = video_hosting.run(observations([page(html(body=f'<div class="youtube_player" videoID="abc"></div>'
                                                     f'<script>{script}</script>'))]))
    assert s.value == platforms
