from checks import rendered_third_parties as check
from tests.checks.renderings import HOME, LEGAL, by_script, obs_with, parser, rendering, req, tarteaucitron_clicked

GTAG = "https://www.googletagmanager.com/gtag/js?id=G-8NL4Q2ZK7T"
COLLECT = ("https://region1.google-analytics.com/g/collect?v=2&tid=G-8NL4Q2ZK7T&gtm=45je4c10v9&_p=1733479200000"
           "&cid=1187163548.1733479200&ul=fr-fr&sr=1280x800&dl=https%3A%2F%2Fwww.ville.fr%2F&dt=Accueil&en=page_view")
OWN = [req("https://www.ville.fr/themes/ville/css/style.css", parser(), "stylesheet"),
       req("https://www.ville.fr/themes/ville/js/menu.js", parser()),
       req("https://www.ville.fr/sites/default/files/logo.svg", parser(), "image")]
MATOMO = [req("https://stats.ville.fr/matomo.js", by_script(HOME)),
          req("https://stats.ville.fr/matomo.php?idsite=1&rec=1&action_name=Accueil", by_script("https://stats.ville.fr/matomo.js"),
              "ping")]


# --- one test per outcome -------------------------------------------------------------------------

def test_only_the_sites_own_hosts_is_favorable_and_says_what_was_read():
    s = check.run(obs_with(rendering(HOME, OWN + MATOMO), rendering(LEGAL, OWN, n=2)))
    assert (s.value, s.assessment, s.searched) == ([], "favorable", {"pages": 2})
    assert s.display == "aucun tiers contacté avant consentement (2 pages rendues, 8 requêtes)"
    assert s.details["tiers_contactes"] == [] and s.details["par_page"] == []


def test_google_analytics_before_consent_is_defavorable_with_its_requests():
    requests = OWN + [
        req(GTAG, parser(), third_party=True),
        req(COLLECT, by_script(GTAG), "ping", third_party=True),
        req("https://fonts.googleapis.com/css2?family=Open+Sans:wght@400;700&display=swap", parser(), "stylesheet",
            third_party=True),
        req("https://fonts.gstatic.com/s/opensans/v40/memvYaGs126MiZpBA-UvWbX2vVnXBbObj2OVTS-muw.woff2",
            parser("https://fonts.googleapis.com/css2?family=Open+Sans:wght@400;700&display=swap"), "font",
            third_party=True),
    ]
    s = check.run(obs_with(rendering(HOME, requests)))
    assert s.assessment == "defavorable"
    assert s.value == ["google-analytics.com", "googleapis.com", "googletagmanager.com", "gstatic.com"]
    assert s.display == ("4 tiers contactés avant consentement, dont 2 traceurs : "
                         "google-analytics.com, googletagmanager.com (Google Analytics)")
    ga = s.details["tiers_contactes"][0]
    assert ga == {"domaine": "google-analytics.com", "hotes": ["region1.google-analytics.com"], "requetes": 1,
                  "pages": 1, "traceur": "Google Analytics", "charge_par_un_traceur": None, "service": None,
                  "tentatives": 0}
    fonts = next(t for t in s.details["tiers_contactes"] if t["domaine"] == "googleapis.com")
    assert (fonts["traceur"], fonts["service"]) == (None, "Google Fonts")
    row = next(r for r in s.details["par_page"] if r["hote"] == "region1.google-analytics.com")
    assert row == {"page": HOME, "hote": "region1.google-analytics.com", "requetes": 1,
                   "initiateurs": ["script https://www.googletagmanager.com/gtag/js?id=G-8NL4Q2ZK7T"],
                   "traceur": "Google Analytics", "tentatives": 0}
    first = s.evidence[0]
    assert first.url == HOME and first.rendered and first.record_id == "<urn:uuid:render-first-1>"
    assert first.snippet.startswith("GET https://region1.google-analytics.com/g/collect?v=2&tid=G-8NL4Q2ZK7T")
    assert "demandée par : script https://www.googletagmanager.com/gtag/js?id=G-8NL4Q2ZK7T" in first.snippet


def test_third_parties_without_tracker_are_neutre():
    leaflet = "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"
    requests = OWN + [req(leaflet, parser(), third_party=True),
                      req("https://tile.openstreetmap.org/13/4150/2818.png", by_script(leaflet), "image", third_party=True),
                      req("https://tile.openstreetmap.org/13/4151/2818.png", by_script(leaflet), "image", third_party=True)]
    s = check.run(obs_with(rendering(HOME, requests)))
    assert (s.value, s.assessment) == (["jsdelivr.net", "openstreetmap.org"], "neutre")
    assert s.display == "2 tiers contactés avant consentement, aucun traceur (jsdelivr.net, openstreetmap.org)"
    osm = s.details["tiers_contactes"][0]  # the most requests first among non-trackers
    assert (osm["domaine"], osm["hotes"], osm["requetes"], osm["service"]) == (
        "openstreetmap.org", ["tile.openstreetmap.org"], 2, "OpenStreetMap")
    assert s.details["tiers_contactes"][1]["service"] == "Leaflet"


def test_no_page_rendered_is_inconnu_and_says_why():
    s = check.run(obs_with(rendering(HOME, dom="", error="délai dépassé (30 s) en attendant la page"),
                           render={"sample": [{"url": HOME, "reasons": ["accueil"]},
                                              {"url": LEGAL, "reasons": ["mentions_legales"]}],
                                   "errors": [{"url": LEGAL, "error": "navigateur arrêté (plantage)"}]}))
    assert (s.value, s.assessment) == (None, "inconnu")
    assert s.details["pages_non_rendues"] == [
        {"page": HOME, "raison": "délai dépassé (30 s) en attendant la page"},
        {"page": LEGAL, "raison": "navigateur arrêté (plantage)"}]
    assert HOME in s.reason and "délai dépassé" in s.reason


# --- what real pages do ------------------------------------------------------------------------------

def test_a_request_refused_by_our_guard_still_counts_as_contacted():
    gtm = "https://www.googletagmanager.com/gtm.js?id=GTM-K7X2Q9P"
    refused = req(gtm, by_script(HOME), third_party=True, refused="hôte non résolu hors du monde de démonstration")
    s = check.run(obs_with(rendering(HOME, OWN + [refused])))
    assert (s.value, s.assessment) == (["googletagmanager.com"], "defavorable")
    assert s.display == "1 tiers contacté avant consentement, dont 1 traceur : googletagmanager.com (Google Tag Manager)"
    assert s.details["tiers_contactes"][0]["tentatives"] == 1
    assert s.details["par_page"][0]["tentatives"] == 1
    assert "refusée par notre garde (hôte non résolu hors du monde de démonstration)" in s.evidence[0].snippet


def test_a_free_tool_hosted_by_a_third_party_is_still_contacted_before_consent():
    cloud = req("https://ville.matomo.cloud/matomo.php?idsite=1&rec=1", by_script("https://cdn.matomo.cloud/ville.matomo.cloud/matomo.js"),
                "ping", third_party=True)
    s = check.run(obs_with(rendering(HOME, OWN + [cloud])))
    assert s.assessment == "defavorable"
    assert s.display == "1 tiers contacté avant consentement, dont 1 traceur : matomo.cloud (Matomo)"


def test_what_accepting_adds_is_in_details_only():
    tac = "https://www.ville.fr/tarteaucitron/tarteaucitron.js"
    first = rendering(HOME, OWN + [req(tac, parser())])
    consent = rendering(HOME, OWN + [req(tac, parser()),
                                     req(GTAG, by_script(tac), third_party=True, after_consent=True),
                                     req(COLLECT, by_script(GTAG), "ping", third_party=True, after_consent=True)],
                        visit="consent", consent=tarteaucitron_clicked(), n=2)
    s = check.run(obs_with(first, consent))
    assert (s.value, s.assessment) == ([], "favorable")
    assert s.details["ajoutes_par_consentement"] == [
        {"page": HOME, "gestionnaire": "tarteaucitron", "clic": True, "erreur": None,
         "hotes_ajoutes": ["region1.google-analytics.com", "www.googletagmanager.com"],
         "traceurs_ajoutes": ["Google Analytics"]}]


def test_pages_rendered_only_with_errors_and_nothing_seen_is_inconnu():
    s = check.run(obs_with(rendering(HOME, OWN, error="délai dépassé (30 s) : rendu partiel")))
    assert (s.value, s.assessment) == (None, "inconnu")
    assert "erreur" in s.reason


def test_the_candidates_other_domains_are_not_third_parties():
    opendata = req("https://data.ville-agglo.fr/api/explore/v2.1/catalog/datasets", by_script(HOME), "fetch",
                   third_party=True)
    obs = obs_with(rendering(HOME, OWN + [opendata]))
    obs.candidate["opendata"] = ["https://data.ville-agglo.fr/"]
    assert check.run(obs).assessment == "favorable"


def test_a_page_the_browser_got_as_an_http_error_claims_nothing():
    """A firewall's 403 or a bot challenge's 503 (« Just a moment… », challenges.cloudflare.com) is not the
    site's page: nothing contacted from it is the site's doing, and no absence is observed on it."""
    from checks import axe_accessibility, cookies_before_consent, scripted_trackers
    from tests.checks.renderings import HOME, obs_with, rendering, req

    challenge = rendering(HOME, requests=[req("https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/g/orchestrate",
                                              {"type": "parser", "url": HOME}, third_party=True)])
    challenge["status"] = 503
    obs = obs_with(challenge)
    for module in (check, cookies_before_consent, scripted_trackers, axe_accessibility):
        s = module.run(obs)
        assert s.assessment == "inconnu", module.META.id
        assert "HTTP 503" in s.reason, (module.META.id, s.reason)


def test_a_bot_protection_interstitial_served_with_200_claims_nothing():
    """Cloudflare's « Just a moment… » defines window._cf_chl_opt in the page itself (a real page with a
    Turnstile widget does not): even answered 200, it is not the site's page."""
    from tests.checks.renderings import HOME, obs_with, rendering

    dom = ('<html lang="en-US"><head><title>Just a moment...</title></head><body><script>(function(){'
           'window._cf_chl_opt = {cvId: \'3\', cZone: "www.ville.fr", cType: \'managed\'};}());</script></body></html>')
    s = check.run(obs_with(rendering(HOME, dom=dom)))
    assert s.assessment == "inconnu"
    assert "page de vérification anti-robots (Cloudflare)" in s.reason
    # A contact form protected by Turnstile is the site's own page: judged.
    form = rendering(HOME, dom='<html><body><form><div class="cf-turnstile" data-sitekey="0x4AAA"></div>'
                                '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>'
                                '</form></body></html>')
    assert check.run(obs_with(form)).assessment != "inconnu"
