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


# --- accounts vs. roots, share links, own-site links -----------------------------------------------

def test_the_root_of_a_listed_instance_is_not_an_account():
    assert fediverse.classify("https://mastodon.social/") is None
    assert fediverse.classify("https://mastodon.social/@ville") == ("fediverse", "https://mastodon.social/@ville")


def test_rel_me_makes_an_account_of_any_path_but_not_of_a_site_root():
    assert fediverse.classify("https://social.exemple.org/profil/ville", rel="me") == (
        "fediverse", "https://social.exemple.org/profil/ville")
    assert fediverse.classify("https://social.exemple.org/profil/ville") is None
    assert fediverse.classify("https://www.ville-jumelle.de/", rel="me") is None


def test_a_rel_me_link_counts_in_a_page():
    s = run('<a href="https://social.exemple.org/profil/ville" rel="me">Fédivers</a>')
    assert s.value == ["https://social.exemple.org/profil/ville"]


def test_any_link_on_a_share_only_host_is_a_share_link():
    assert fediverse.is_share_link("https://wa.me/33612345678")
    assert not fediverse.is_share_link("https://mastodon.social/@ville")


def test_links_to_the_sites_own_pages_are_skipped_without_stopping_the_reading():
    s = run('<a href="https://www.exemple-commune.fr/@agenda">Agenda</a>'
            '<a href="https://mastodon.social/@ville">Mastodon</a>')
    assert s.value == ["https://mastodon.social/@ville"]


def test_an_ordinary_link_does_not_stop_the_reading():
    s = run('<a href="https://www.service-public.fr/">Service public</a>'
            '<a href="https://mastodon.social/@ville">Mastodon</a>')
    assert s.value == ["https://mastodon.social/@ville"]


def test_an_account_with_a_trailing_slash_is_named_without_it():
    s = run('<a href="https://mastodon.social/@ville/">Mastodon</a>')
    assert s.value == ["https://mastodon.social/@ville"]


def test_the_snippet_shows_rel_only_when_the_link_has_one():
    s = run('<a href="https://mastodon.social/@ville">Mastodon</a>'
            '<a href="https://piaille.fr/@mairie" rel="me">Piaille</a>')
    assert s.evidence[0].snippet == '<a href="https://mastodon.social/@ville">Mastodon</a>'
    assert s.evidence[1].snippet == "<a href=\"https://piaille.fr/@mairie\" rel='me'>Piaille</a>"


def test_the_display_counts_the_accounts_with_a_plural_from_two():
    one = run('<a href="https://mastodon.social/@ville">Mastodon</a>')
    assert one.display.startswith("1 compte :") and one.details["comptes_fedivers"] == ["https://mastodon.social/@ville"]
    two = run('<a href="https://mastodon.social/@ville">M</a><a href="https://piaille.fr/@mairie">P</a>')
    assert two.display.startswith("2 comptes :")


def test_proprietary_networks_only_carry_their_links_as_evidence():
    s = run('<a href="https://www.facebook.com/ville">Facebook</a>')
    assert [e.snippet for e in s.evidence] == ['<a href="https://www.facebook.com/ville">Facebook</a>']
    assert s.searched == {"pages": 1} and "Facebook" in s.display


def test_unreachable_says_why():
    s = fediverse.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and s.display


def test_no_network_at_all_says_what_was_searched():
    s = run("<p>Bienvenue</p>")
    assert s.details == {"comptes_fedivers": [], "reseaux_proprietaires": []}
    assert s.searched == {"pages": 1} and s.display
