from checks import fediverse
from tests.checks.baseline import html, observations, page


def run(body: str):
    return fediverse.run(observations([page(html(body))]))


def test_mastodon_and_peertube_accounts_are_favorable():
    s = run('<a href="https://mastodon.social/@ville" rel="me">Mastodon</a>'
            '<a href="https://tube.exemple-commune.fr/c/conseil/videos">Vidéos</a>')
    assert s.assessment == "favorable"
    assert s.value == ["https://mastodon.social/@ville", "https://tube.exemple-commune.fr/c/conseil/videos"]
    assert 'rel=' in s.evidence[0].snippet


def test_account_on_an_unlisted_instance_by_its_path():
    s = run('<a href="https://piaille.exemple.org/@mairie">Suivez-nous</a>')
    assert s.value == ["https://piaille.exemple.org/@mairie"]


def test_only_proprietary_networks_is_defavorable():
    s = run('<a href="https://www.facebook.com/ville">Facebook</a><a href="https://x.com/ville">X</a>'
            '<a href="https://www.youtube.com/@ville">YouTube</a>')
    assert s.value == [] and s.assessment == "defavorable"
    assert s.details["reseaux_proprietaires"] == ["Facebook", "X (Twitter)", "YouTube"]


def test_generic_c_path_on_a_non_video_host_is_not_peertube():
    s = run('<a href="https://www.autre-site.fr/c/contact">Contact</a>')
    assert s.value == [] and s.assessment == "neutre"


def test_unreachable_is_inconnu():
    assert fediverse.run(observations(reachable=False)).assessment == "inconnu"
