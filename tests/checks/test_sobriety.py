"""Digital sobriety signals: page_weight, ecoindex, third_party_hosts (from the HTML alone)."""
from __future__ import annotations


from checks import ecoindex, page_weight, third_party_hosts
from checks.sobriety import ecoindex_grade, ecoindex_score, subresources
from tests.checks.baseline import SITE, html, observations, page

LIGHT = html(body="<main><h1>Mairie</h1><p>Horaires : du lundi au vendredi.</p></main>",
             head='<link rel="stylesheet" href="/squelettes/style.css"><link rel="icon" href="/favicon.ico">')
# A page builder's page: deep wrappers, dozens of scripts on its CDN, fonts and widgets elsewhere.
HEAVY = html(
    head=('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Open+Sans">'
          '<link rel="preconnect" href="https://fonts.gstatic.com">'
          + "".join(f'<script src="https://static.parastorage.com/services/thunderbolt/chunk-{i}.js"></script>'
                    for i in range(60))
          + '<script src="https://browser.sentry-cdn.com/7.0.0/bundle.min.js"></script>'),
    body=('<div class="wixui-box"><span></span></div>' * 1200 + "<p>Bienvenue</p>"
          + '<img src="https://static.wixstatic.com/media/bandeau.jpg" alt="">'
          + '<iframe src="https://www.youtube.com/embed/abc" title="Vidéo"></iframe>'))


def run(check, *htmls):
    pages = [page(h, url=f"{SITE}p{i}/" if i else SITE) for i, h in enumerate(htmls)]
    return check.run(observations(pages))


# --- the EcoIndex formula -------------------------------------------------------------------------

def test_ecoindex_formula_follows_the_published_method():
    # 100 − 5 × (3·q(DOM) + 2·q(req) + q(size)) / 6, q interpolated inside the reference ventiles.
    assert ecoindex_score(100, 100, 100) == 72.0  # q = 2.30, 12.5, 1.69
    assert ecoindex_score(0, 0, 0) == 100.0
    assert ecoindex_score(10**7, 10**5, 10**7) == 0.0
    assert [ecoindex_grade(s) for s in (80.1, 80, 70.5, 56, 41, 26, 11, 10)] == list("ABBCDEFG")


def test_subresources_counts_what_the_browser_fetches_not_preconnect():
    p = page(HEAVY)
    urls = subresources(p)
    assert len(urls) == 64 and "https://fonts.gstatic.com" not in " ".join(urls)
    assert p.dom_elements > 1600 and p.html_bytes == len(HEAVY.encode("utf-8"))


# --- page_weight -----------------------------------------------------------------------------------

def test_light_pages_are_favourable():
    s = run(page_weight, LIGHT, LIGHT)
    assert s.assessment == "favorable"
    assert s.value["ressources_median"] == 2 and s.value["elements_median"] < 20
    assert s.value["html_octets_median"] == len(LIGHT.encode("utf-8"))
    assert "HTML" in s.evidence[0].snippet and "estimée à partir du HTML seul" in s.details["mesure"]


def test_heavy_median_page_is_defavorable_with_worst_page_first():
    s = run(page_weight, LIGHT, HEAVY, HEAVY)
    assert s.assessment == "defavorable" and s.value["ressources_median"] == 64
    assert s.evidence[0].url != SITE and "64 ressources" in s.evidence[0].snippet


def test_one_heavy_page_among_light_ones_does_not_decide_the_median():
    s = run(page_weight, LIGHT, LIGHT, HEAVY)
    assert s.assessment == "favorable" and s.details["ressources_max"] == 64
    assert s.evidence[0].url == f"{SITE}p2/"  # the worst page is still shown first


def test_in_between_is_neutral():
    medium = html(body="<ul>" + "<li>x</li>" * 900 + "</ul>")  # ~900 elements: above 800, below 1 400
    assert run(page_weight, medium).assessment == "neutre"


def test_unreachable_is_inconnu_for_all_three():
    for check in (page_weight, ecoindex, third_party_hosts):
        s = check.run(observations(reachable=False))
        assert s.assessment == "inconnu" and s.reason


# --- ecoindex -----------------------------------------------------------------------------------------

def test_light_site_gets_a_good_grade():
    s = run(ecoindex, LIGHT)
    assert s.assessment == "favorable" and s.details["note_mediane"] == "A" and s.value > 80
    assert "HTML seul" in s.display and "ecoindex.fr" in s.details["methode"]


def test_heavy_site_gets_a_bad_grade_and_its_worst_pages_as_evidence():
    s = run(ecoindex, HEAVY, HEAVY, LIGHT)
    assert s.assessment == "defavorable" and s.details["note_mediane"] in "EFG"
    assert s.details["pages_par_note"]["A"] == 1
    assert "65 requêtes" in s.evidence[0].snippet and s.evidence[-1].url == f"{SITE}p2/"


def test_middle_grade_is_neutral():
    medium = html(body="<div><span></span></div>" * 350)
    s = run(ecoindex, medium)
    assert s.details["note_mediane"] in "CD" and s.assessment == "neutre"


# --- third_party_hosts ------------------------------------------------------------------------------

def test_own_subdomains_are_first_party_and_favourable():
    own = html(head='<script src="https://static.exemple-commune.fr/app.js"></script>',
               body='<iframe src="https://tube.exemple-commune.fr/videos/embed/1" title="v"></iframe>')
    s = run(third_party_hosts, own)
    assert (s.value, s.assessment) == (0, "favorable") and s.evidence == []


def test_one_embedded_map_is_still_favourable():
    s = run(third_party_hosts, html(body='<iframe src="https://umap.openstreetmap.fr/fr/map/x" title="Carte"></iframe>'))
    assert (s.value, s.assessment) == (1, "favorable")


def test_many_third_parties_are_defavorable_with_their_hosts():
    s = run(third_party_hosts, HEAVY, LIGHT, HEAVY)
    assert (s.value, s.assessment) == (5, "defavorable")
    assert s.evidence[0].snippet.startswith("5 hôtes tiers : browser.sentry-cdn.com, fonts.googleapis.com")
    assert s.details["hotes_par_pages"]["static.parastorage.com"] == 2


def test_two_or_three_hosts_are_neutral():
    two = html(head='<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Lato">',
               body='<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>')
    assert run(third_party_hosts, two).assessment == "neutre"
