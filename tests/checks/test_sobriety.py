"""Digital sobriety signals: page_weight, ecoindex, third_party_hosts (from the HTML alone)."""
from __future__ import annotations

from checks import ecoindex, page_weight, third_party_hosts
from checks.sobriety import ecoindex_grade, ecoindex_score, own_domains, subresources
from checks.sobriety import third_party_hosts as hosts_called
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

def test_ecoindex_score_and_grade_are_the_reference_ones():
    # Expected values are the documented examples of the reference package's own test suite
    # (cnumr/ecoindex_python, tests/compute/test_ecoindex.py: test_get_score, test_get_ecoindex,
    # test_get_grade, test_get_ecoindex_out_of_range), copied here as literals.
    # Note our argument order: (DOM, requests, size in KB).
    assert ecoindex_score(100, 100, 100) == 72 and ecoindex_grade(72) == "B"
    assert ecoindex_score(100, 100, 1000) == 67
    assert ecoindex_score(100, 100, 10000) == 58
    assert ecoindex_score(200, 200, 10000) == 46
    assert ecoindex_score(2355, 267, 2493) == 10 and ecoindex_grade(10) == "G"  # raw 9.87, rounded up
    assert ecoindex_score(240, 20, 331) == 83
    assert ecoindex_score(2240, 100, 310182.902) == 16 and ecoindex_grade(16) == "F"  # size above the last ventile
    assert [ecoindex_grade(s) for s in (2, 25, 10, 50.2, 100)] == list("GFGDA")
    # Worked out by hand from the formula: every quantile is 20 past the last ventile, 0 at zero.
    assert ecoindex_score(0, 0, 0) == 100 and ecoindex_score(10**7, 10**5, 10**7) == 0
    # A grade is given strictly above its bound (A > 80, B > 70, C > 55, D > 40, E > 25, F > 10).
    assert [ecoindex_grade(s) for s in (80.1, 80, 70.5, 56, 41, 26, 11, 10)] == list("ABBCDEFG")


def test_ecoindex_score_is_rounded_before_it_is_graded():
    # Worked out by hand from the published formula and the reference ventiles (ecoindex.data.quantiles):
    # q(x) = i − 1 + (x − Q[i−1]) / (Q[i] − Q[i−1]) for the first i with x < Q[i].
    # DOM 159 = Q_dom[3] → q = 3; requests 25 = Q_req[3] → q = 3; size 1182.045 KB, halfway between
    # Q_size[8] = 1098.62 and Q_size[9] = 1265.47 → q = 8.5.
    # score = 100 − 5 × (3·3 + 2·3 + 8.5) / 6 = 100 − 117.5 / 6 = 80.42, rounded to 80: not above 80, so
    # B (graded unrounded, or rounded to one decimal as we used to, 80.4 gave A).
    assert ecoindex_score(159, 25, 1182.045) == 80
    assert ecoindex_grade(ecoindex_score(159, 25, 1182.045)) == "B"
    # Same at the B/C bound: DOM 358 = Q_dom[6] → 6; requests 49 = Q_req[6] → 6; size 707.675, halfway
    # between Q_size[5] = 631.97 and Q_size[6] = 783.38 → 5.5. score = 100 − 5 × 35.5 / 6 = 70.42 → 70: C.
    assert ecoindex_score(358, 49, 707.675) == 70
    assert ecoindex_grade(ecoindex_score(358, 49, 707.675)) == "C"
    # Rounding up never crosses a bound: DOM 159, requests 25, size 1098.62 = Q_size[8] → q = 8;
    # score = 100 − 5 × 23 / 6 = 80.83 → 81: A.
    assert ecoindex_score(159, 25, 1098.62) == 81 and ecoindex_grade(81) == "A"


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
    assert "HTML" in s.evidence[0].snippet and "seuils sur le HTML" in s.details["mesure"]


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


def test_own_domains_follow_the_public_suffix_list():
    # Expected domains written by hand from the public suffix list (gouv.fr and prd.fr are suffixes).
    site = "https://www.agglo.gouv.fr/"
    p = page(html(head='<script src="https://static.agglo.gouv.fr/a.js"></script>'
                       '<script src="https://www.autre.gouv.fr/b.js"></script>'), url=site)
    own = own_domains(observations([p], candidate={"websites": [site]}))
    assert own == {"agglo.gouv.fr"} and hosts_called(p, own) == ["www.autre.gouv.fr"]
    # Under a suffix the former hand-written list did not know, another holder is not the candidate.
    site = "https://www.mairie.prd.fr/"
    p = page(html(body='<img src="https://cdn.prestataire.prd.fr/logo.png" alt="">'), url=site)
    own = own_domains(observations([p], candidate={"websites": [site]}))
    assert own == {"mairie.prd.fr"} and hosts_called(p, own) == ["cdn.prestataire.prd.fr"]
    # IP literals stay whole: 198.51.2.10 is not the candidate's 192.0.2.10 (same last two bytes).
    site = "http://192.0.2.10/"
    p = page(html(body='<img src="http://198.51.2.10/x.png" alt=""><img src="http://192.0.2.10/y.png" alt="">'), url=site)
    own = own_domains(observations([p], candidate={"websites": [site]}))
    assert own == {"192.0.2.10"} and hosts_called(p, own) == ["198.51.2.10"]


# --- the site's own CSS and JS, archived beside the pages ------------------------------------------

def _asset(url: str, size: int, kind: str = "js", status: int = 200):
    from ground.observations import Asset

    return Asset(url=url, kind=kind, site=SITE, status=status, fetched_at="2026-12-01T10:00:00Z", sha256="cd" * 32,
                 record_id="<urn:uuid:a>", size=size, text="x")


def test_the_sites_own_css_and_js_weigh_in_the_ecoindex():
    """LIGHT names /squelettes/style.css and /favicon.ico: 2 sub-resources, 3 requests. With a 2,000,000-byte
    style sheet archived, the page weighs 2,000,000 bytes more. Expected from the reference formula
    (ecoindex-compute, not our code): dom, requests 3, size = (HTML + 2,000,000) / 1024 KB."""
    import asyncio

    from ecoindex.compute import get_grade, get_score

    p = page(LIGHT)
    obs = observations([p])
    css = "https://www.exemple-commune.fr/squelettes/style.css"
    obs.assets = [_asset(css, 2_000_000, kind="css"),
                  _asset("https://www.exemple-commune.fr/js/unused.js", 5_000_000)]  # loaded by no page: not counted
    want = asyncio.run(get_score(dom=p.dom_elements, requests=3, size=(p.html_bytes + 2_000_000) / 1024))
    s = ecoindex.run(obs)
    assert s.value == want and s.details["note_mediane"] == asyncio.run(get_grade(want))
    assert want < ecoindex.run(observations([page(LIGHT)])).value  # heavier than the HTML alone
    assert "HTML et CSS/JS du site" in s.display and "CSS/JS du site 1953,1 ko" in s.evidence[0].snippet
    w = page_weight.run(obs)
    assert w.details["css_js_du_site_octets_median"] == 2_000_000
    assert w.value["html_octets_median"] == len(LIGHT.encode("utf-8"))  # thresholds stay on the HTML


def test_an_asset_that_failed_weighs_nothing():
    obs = observations([page(LIGHT)])
    obs.assets = [_asset("https://www.exemple-commune.fr/squelettes/style.css", 2_000_000, kind="css", status=404)]
    assert ecoindex.run(obs).value == ecoindex.run(observations([page(LIGHT)])).value


# --- the helpers, one fact at a time --------------------------------------------------------------

def test_subresources_drop_the_fragment_from_the_first_hash_so_one_file_counts_once():
    # Each kind of reference named twice, once with a fragment holding a second "#": one URL each.
    p = page(html(head='<script src="/js/app.js#a#b"></script><script src="/js/app.js"></script>'
                       '<link rel="icon" href="/favicon.ico#a#b"><link rel="icon" href="/favicon.ico">',
                  body='<img src="/media/photo?id=3#a#b" alt=""><img src="/media/photo?id=3" alt="">'))
    assert subresources(p) == [f"{SITE}js/app.js", f"{SITE}media/photo?id=3", f"{SITE}favicon.ico"]


def test_subresources_read_url_in_inline_style_resolved_against_the_page():
    # Relative to the page /actualites/, a root path, an absolute URL, a fragment with two "#": kept;
    # a data: URI and a non-http(s) URL: no download, left out.
    css = (".a{background:url(\"fond.png#x#y\")} .b{background:url( '/img/logo.svg' )}"
           " .c{background:url(data:image/png;base64,AAAA)} .d{background:url(about:blank)}"
           " @font-face{src:url(https://cdn.exemple.org/f.woff2)}")
    p = page(html(head=f"<style>{css}</style>"), url=f"{SITE}actualites/")
    assert subresources(p) == [f"{SITE}actualites/fond.png", f"{SITE}img/logo.svg", "https://cdn.exemple.org/f.woff2"]


def test_own_domains_include_the_declared_websites_and_opendata_portals_without_pages():
    obs = observations(candidate={"websites": [SITE, "https://www.autre-site.fr/"],
                                  "opendata": ["https://data.exemple-metropole.fr/"]})
    assert own_domains(obs) == {"exemple-commune.fr", "autre-site.fr", "exemple-metropole.fr"}


def test_own_domains_without_declared_websites_or_portals_come_from_the_pages_read():
    obs = observations()
    del obs.candidate["websites"], obs.candidate["opendata"]
    assert own_domains(obs) == {"exemple-commune.fr"}


def test_weights_of_a_page_without_size_or_dom_count_zero():
    from checks.sobriety import weights

    p = page(LIGHT)
    p.html_bytes, p.dom_elements = None, None
    [w] = weights(observations([p]))
    assert (w.html_bytes, w.dom, w.known_bytes, w.requests) == (0, 0, 0, 3)


def test_weights_count_only_assets_archived_with_a_2xx_status():
    # Status 300 (a redirect, not the file) is just past the 2xx range: its size is not the asset's.
    from checks.sobriety import weights

    p = page(html(head='<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/b.css">'
                       '<script src="/c.js"></script>'))
    obs = observations([p])
    obs.assets = [_asset(f"{SITE}a.css", 1000, kind="css", status=200),
                  _asset(f"{SITE}b.css", 20_000, kind="css", status=300),
                  _asset(f"{SITE}c.js", 300, status=299)]
    [w] = weights(obs)
    assert w.own_bytes == 1300 and w.known_bytes == p.html_bytes + 1300


def test_median_of_nothing_is_zero():
    from checks.sobriety import median

    assert median([]) == 0.0 and median([3, 1, 2]) == 2.0 and median([1, 2]) == 1.5


def test_done_refuses_a_coroutine_that_waits():
    import asyncio

    import pytest

    from checks.sobriety import _done

    async def waits():
        await asyncio.sleep(0)
        return 1

    async def never_waits():
        return 7

    assert _done(never_waits()) == 7
    with pytest.raises(RuntimeError, match="event loop"):
        _done(waits())


def _hosts_page(i, hosts):
    scripts = "".join(f'<script src="https://{h}/x.js"></script>' for h in hosts)
    return page(html(head=scripts), url=f"{SITE}p{i}/" if i else SITE)


def test_third_party_hosts_worst_pages_first_and_hosts_by_number_of_pages():
    pages = [_hosts_page(0, ["b.example", "c.example"]), _hosts_page(1, ["a.example", "b.example", "d.example"]),
             _hosts_page(2, ["e.example"]), _hosts_page(3, ["b.example"])]
    s = third_party_hosts.run(observations(pages))
    # Worst three pages: p1 (3 hosts), then p0 (2), then the homepage-first of the two 1-host pages, p2 < p3.
    assert [e.url for e in s.evidence] == [f"{SITE}p1/", SITE, f"{SITE}p2/"]
    assert s.details["hotes_max"] == 3
    # b on 3 pages first; then the 1-page hosts by name.
    assert list(s.details["hotes_par_pages"].items()) == [("b.example", 3), ("a.example", 1), ("c.example", 1),
                                                           ("d.example", 1), ("e.example", 1)]
    assert s.value == 1.5 and s.display.startswith("1.5 ")


def test_third_party_hosts_four_at_the_median_is_defavorable():
    s = third_party_hosts.run(observations([_hosts_page(0, ["a.example", "b.example", "c.example", "d.example"])]))
    assert (s.value, s.assessment) == (4, "defavorable") and s.display.startswith("4 ")


def test_third_party_hosts_unreachable_has_a_display():
    assert third_party_hosts.run(observations(reachable=False)).display


# --- page_weight thresholds, at their bounds (one median page) ---------------------------------------

def _weighed(html_bytes=1000, dom=10, res=0, i=0):
    p = page(html(), url=f"{SITE}p{i}/" if i else SITE)
    p.html_bytes, p.dom_elements = html_bytes, dom
    p.scripts = [f"{SITE}js/s{k}.js" for k in range(res)]
    return p


def test_page_weight_at_the_good_bounds_is_favourable():
    # 100 KB of HTML, 800 elements, 25 sub-resources: all at their "good" bound, not above.
    s = page_weight.run(observations([_weighed(100 * 1024, 800, 25)]))
    assert (s.assessment, s.value["ressources_median"], s.value["elements_median"]) == ("favorable", 25, 800)
    assert s.display


def test_page_weight_at_the_bad_bounds_is_neutral_and_just_above_unfavourable():
    for at, above in (((250 * 1024, 10, 0), (250 * 1024 + 1, 10, 0)),
                      ((1000, 1400, 0), (1000, 1401, 0)),
                      ((1000, 10, 50), (1000, 10, 51))):
        assert page_weight.run(observations([_weighed(*at)])).assessment == "neutre", at
        assert page_weight.run(observations([_weighed(*above)])).assessment == "defavorable", above


def test_page_weight_heaviest_pages_by_dom_then_requests_then_bytes():
    ps = [_weighed(5000, 10, 1, 0), _weighed(1000, 10, 2, 1), _weighed(3000, 10, 2, 2), _weighed(9000, 5, 9, 3)]
    s = page_weight.run(observations(ps))
    assert s.details["pages_les_plus_lourdes"] == [f"{SITE}p2/", f"{SITE}p1/", SITE]


def test_page_weight_evidence_names_three_of_the_resources():
    s = page_weight.run(observations([_weighed(1000, 10, 5)]))
    snippet = s.evidence[0].snippet
    assert f"{SITE}js/s0.js" in snippet and f"{SITE}js/s2.js" in snippet and f"{SITE}js/s3.js" not in snippet


def test_page_weight_unreachable_has_a_display():
    assert page_weight.run(observations(reachable=False)).display
