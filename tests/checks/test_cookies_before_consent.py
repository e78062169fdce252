from checks import cookies_before_consent as check
from tests.checks.renderings import HOME, LEGAL, cookie, obs_with, rendering, tarteaucitron_clicked


def run(*renderings):
    return check.run(obs_with(*renderings))


# --- one test per outcome -------------------------------------------------------------------------

def test_nothing_set_is_favorable_and_says_what_was_read():
    s = run(rendering(HOME), rendering(LEGAL, n=2))
    assert (s.value, s.assessment, s.searched) == ([], "favorable", {"pages": 2})
    assert s.display == "aucun cookie ni stockage avant consentement (2 pages rendues)"
    assert s.details["cookies"] == [] and s.details["stockage"] == []


def test_only_the_consent_managers_own_cookie_is_favorable():
    s = run(rendering(HOME, cookies=[cookie("tarteaucitron", "www.ville.fr", 365)]))
    assert (s.value, s.assessment) == (["tarteaucitron"], "favorable")
    assert s.display == "1 cookie avant consentement, tous exemptés : tarteaucitron"
    assert s.details["cookies"] == [{"nom": "tarteaucitron", "domaine": "www.ville.fr", "tiers": False,
                                     "duree": "365 jours (≈ 12 mois)", "categorie": "choix du visiteur (exempté)",
                                     "outil": "tarteaucitron", "pages": 1}]


def test_google_analytics_and_youtube_cookies_before_consent_are_defavorable():
    jar = [cookie("_ga", ".ville.fr", 730), cookie("_ga_8NL4Q2ZK7T", ".ville.fr", 730),
           cookie("axeptio_authorized_vendors", "www.ville.fr", 365),
           cookie("YSC", ".youtube.com", None, third_party=True)]
    s = run(rendering(HOME, cookies=jar))
    assert s.assessment == "defavorable"
    assert s.value == ["YSC", "_ga", "_ga_8NL4Q2ZK7T", "axeptio_authorized_vendors"]
    assert s.display == ("4 cookies avant consentement, dont 3 traceurs (YSC, _ga, _ga_8NL4Q2ZK7T : "
                         "Google Analytics, YouTube)")
    rows = {r["nom"]: r for r in s.details["cookies"]}
    assert rows["_ga"] == {"nom": "_ga", "domaine": ".ville.fr", "tiers": False, "duree": "730 jours (≈ 24 mois)",
                           "categorie": "traceur", "outil": "Google Analytics", "pages": 1}
    assert (rows["YSC"]["tiers"], rows["YSC"]["duree"], rows["YSC"]["outil"]) == (True, "session", "YouTube")
    assert rows["axeptio_authorized_vendors"]["categorie"] == "choix du visiteur (exempté)"
    assert [e.snippet for e in s.evidence][:2] == [
        "cookie « YSC » (domaine .youtube.com, tiers) — cookie de session — YouTube : traceur",
        ("cookie « _ga » (domaine .ville.fr, du site) — expire le 2028-12-05, dans 730 jours (≈ 24 mois) — "
         "Google Analytics : traceur")]
    assert s.evidence[0].rendered and s.evidence[0].record_id == "<urn:uuid:render-first-1>"


def test_matomo_and_unknown_first_party_cookies_are_neutre():
    jar = [cookie("_pk_id.1.1fff", "www.ville.fr", 393), cookie("_pk_ses.1.1fff", "www.ville.fr", 1 / 48),
           cookie("PHPSESSID", "www.ville.fr", None)]
    s = run(rendering(HOME, cookies=jar, local=["fontsLoaded"]))
    assert s.assessment == "neutre"
    assert s.value == ["PHPSESSID", "_pk_id.1.1fff", "_pk_ses.1.1fff", "fontsLoaded"]
    assert s.display == ("3 cookies et 1 clé de stockage avant consentement, aucun connu comme traceur : "
                         "à vérifier (_pk_id.1.1fff, _pk_ses.1.1fff, fontsLoaded)")
    rows = {r["nom"]: r for r in s.details["cookies"]}
    assert rows["_pk_id.1.1fff"]["categorie"] == "mesure d'audience (exemptée si configurée pour l'être)"
    assert rows["_pk_id.1.1fff"]["duree"] == "393 jours (≈ 13 mois)"
    assert rows["_pk_ses.1.1fff"]["duree"] == "30 min"
    assert rows["PHPSESSID"]["duree"] == "session"
    assert rows["PHPSESSID"]["categorie"] == "technique (exempté)"
    assert s.details["stockage"] == [{"cle": "fontsLoaded", "stockage": "localStorage", "origine_web": "https://www.ville.fr",
                                      "categorie": "inconnu (peut-être exempté : on ne peut pas juger)",
                                      "outil": None, "pages": 1}]


def test_no_page_rendered_is_inconnu():
    s = run(rendering(HOME, dom="", error="erreur réseau : net::ERR_CONNECTION_REFUSED"))
    assert (s.value, s.assessment) == (None, "inconnu")
    assert "net::ERR_CONNECTION_REFUSED" in s.reason


# --- what real sites do ------------------------------------------------------------------------------

def test_an_unknown_third_party_cookie_is_defavorable():
    s = run(rendering(HOME, cookies=[cookie("v1st", ".dailymotion.com", 395, third_party=True)]))
    assert (s.value, s.assessment) == (["v1st"], "defavorable")
    assert s.display == "1 cookie avant consentement, dont 1 cookie tiers (v1st)"
    assert s.details["cookies"][0]["categorie"] == "cookie tiers"


def test_a_trackers_storage_key_is_defavorable():
    s = run(rendering(HOME, local=["_hjSessionUser_3456789", "_hjSession_3456789", "hjActiveViewportIds"],
                      session=["hjViewportId"]))
    assert s.assessment == "defavorable"
    assert s.value == ["_hjSessionUser_3456789", "_hjSession_3456789", "hjActiveViewportIds", "hjViewportId"]
    assert s.display == ("4 clés de stockage avant consentement, dont 4 traceurs (_hjSessionUser_3456789, "
                         "_hjSession_3456789, hjActiveViewportIds, hjViewportId : Hotjar)")
    assert s.details["stockage"][3] == {"cle": "hjViewportId", "stockage": "sessionStorage",
                                        "origine_web": "https://www.ville.fr", "categorie": "traceur",
                                        "outil": "Hotjar", "pages": 1}


def test_an_audience_cookie_kept_beyond_13_months_is_said_so():
    s = run(rendering(HOME, cookies=[cookie("atuserid", ".ville.fr", 800)]))
    assert s.assessment == "neutre"
    assert s.details["cookies"][0]["categorie"] == ("mesure d'audience (exemptée si configurée pour l'être) ; "
                                                    "au-delà des 13 mois de la CNIL")


def test_the_13_months_are_counted_in_days():
    """CNIL's 13 months (13 × 31 = 403 days at most): 420 days is beyond, 390 days within."""
    beyond = run(rendering(HOME, cookies=[cookie("_pk_id.3.ab12", "www.ville.fr", 420)]))
    within = run(rendering(HOME, cookies=[cookie("_pk_id.3.ab12", "www.ville.fr", 390)]))
    assert beyond.details["cookies"][0]["categorie"].endswith("au-delà des 13 mois de la CNIL")
    assert within.details["cookies"][0]["categorie"] == "mesure d'audience (exemptée si configurée pour l'être)"
    assert beyond.assessment == within.assessment == "neutre"


def test_a_consent_managers_cookie_set_from_its_own_domain_stays_exempt():
    """Didomi keeps the visitor's choice in euconsent-v2 on its privacy-center domain: a third party's cookie,
    yet the choice itself (exempted), not a tracker."""
    s = run(rendering(HOME, cookies=[cookie("euconsent-v2", ".privacy-center.org", 390, third_party=True)]))
    assert (s.value, s.assessment) == (["euconsent-v2"], "favorable")
    assert s.details["cookies"][0]["categorie"] == "choix du visiteur (exempté)"


def test_a_third_partys_cookie_is_judged_by_what_it_is():
    """Matomo's visitor id set by a Matomo hosted on another domain is a third party's audience cookie
    (defavorable); Cloudflare's bot cookie on a CDN's domain is a third party's technical cookie (neutre)."""
    audience = run(rendering(HOME, cookies=[cookie("_pk_id.7.c0de", ".matomo.cloud", 390, third_party=True)]))
    assert audience.assessment == "defavorable"
    assert audience.details["cookies"][0]["categorie"] == "cookie tiers (Matomo (ou Piwik PRO))"
    technical = run(rendering(HOME, cookies=[cookie("__cf_bm", ".cdnjs.cloudflare.com", 1 / 48, third_party=True)]))
    assert technical.assessment == "neutre"
    assert technical.details["cookies"][0]["categorie"] == "cookie technique d'un tiers (protection contre les robots (Cloudflare))"


def test_a_session_identifier_kept_for_months_is_not_exempt():
    s = run(rendering(HOME, cookies=[cookie("PHPSESSID", "www.ville.fr", 90)]))
    assert s.assessment == "neutre"
    assert s.details["cookies"][0]["categorie"] == "technique, mais gardé au-delà de la session"


def test_short_names_count_only_on_their_domain():
    # IDE is DoubleClick's on doubleclick.net; a first-party cookie of that name is only unknown.
    s = run(rendering(HOME, cookies=[cookie("IDE", "www.ville.fr", 30)]))
    assert s.assessment == "neutre" and s.details["cookies"][0]["outil"] is None


def test_what_accepting_adds_is_in_details():
    before = [cookie("tarteaucitron", "www.ville.fr", 365)]
    consent = rendering(HOME, cookies=before + [cookie("_ga", ".ville.fr", 730), cookie("_gid", ".ville.fr", 1)],
                        visit="consent", consent=tarteaucitron_clicked(before), n=2)
    s = run(rendering(HOME, cookies=before), consent)
    assert s.assessment == "favorable"
    assert s.details["ajoutes_par_consentement"] == [
        {"page": HOME, "gestionnaire": "tarteaucitron", "clic": True, "cookies_ajoutes": ["_ga", "_gid"]}]


def test_lifetimes_read_as_a_person_says_them():
    jar = [cookie("_gat", ".ville.fr", 1 / 1440), cookie("_gid", ".ville.fr", 1), cookie("_ga", ".ville.fr", 400)]
    s = run(rendering(HOME, cookies=jar))
    assert {r["nom"]: r["duree"] for r in s.details["cookies"]} == {
        "_gat": "1 min", "_gid": "1 jour", "_ga": "400 jours (≈ 13 mois)"}
