from checks import scripted_trackers as check
from tests.checks.renderings import HOME, LEGAL, by_script, obs_with, parser, rendering, req, tarteaucitron_clicked

GTAG = "https://www.googletagmanager.com/gtag/js?id=G-8NL4Q2ZK7T"
GTAG_SNIPPET = (f'<script async src="{GTAG}"></script><script>window.dataLayer = window.dataLayer || [];'
                "function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-8NL4Q2ZK7T');</script>")
COLLECT = "https://region1.google-analytics.com/g/collect?v=2&tid=G-8NL4Q2ZK7T&gtm=45je4c10v9&cid=1187163548.1733479200&en=page_view"
GTM = "https://www.googletagmanager.com/gtm.js?id=GTM-K7X2Q9P"
GTM_SNIPPET = ("<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
               "var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;"
               "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);"
               "})(window,document,'script','dataLayer','GTM-K7X2Q9P');</script>")
HOTJAR = "https://static.hotjar.com/c/hotjar-3456789.js?sv=6"
TAC = "https://www.ville.fr/tarteaucitron/tarteaucitron.js"
OWN = [req("https://www.ville.fr/themes/ville/css/style.css", parser(), "stylesheet"),
       req("https://www.ville.fr/themes/ville/js/agenda.js", parser()),
       req("https://www.ville.fr/api/agenda.json", by_script("https://www.ville.fr/themes/ville/js/agenda.js"), "fetch")]


# --- one test per outcome -------------------------------------------------------------------------

def test_a_proprietary_tracker_injected_by_a_tag_manager_is_defavorable():
    requests = OWN + [req(GTM, by_script(HOME), third_party=True),
                      req(HOTJAR, by_script(GTM), third_party=True)]
    s = check.run(obs_with(rendering(HOME, requests), served={HOME: GTM_SNIPPET}))
    assert (s.value, s.assessment) == (["Google Tag Manager", "Hotjar"], "defavorable")
    assert s.display == "traceurs chargés par un script avant consentement : Google Tag Manager, Hotjar"
    hotjar = s.details["outils"][1]
    assert hotjar == {"outil": "Hotjar", "libre": False, "heberge_par_un_tiers": True, "hotes": ["static.hotjar.com"],
                      "pages": 1, "visites": ["avant consentement"],
                      "charge_par": ["https://www.googletagmanager.com/gtm.js?id=GTM-K7X2Q9P"],
                      "absent_du_html_servi": True, "tentatives": 0}
    assert s.details["outils"][0]["absent_du_html_servi"] is False  # the GTM snippet is in the HTML served
    assert s.details["requetes_de_scripts"] == 3
    snippets = [e.snippet for e in s.evidence]
    assert snippets[1] == ("GET https://static.hotjar.com/c/hotjar-3456789.js?sv=6 — demandée par : script "
                           "https://www.googletagmanager.com/gtm.js?id=GTM-K7X2Q9P ; visite sans consentement")


def test_a_self_hosted_matomo_is_favorable():
    requests = OWN + [req("https://stats.ville.fr/matomo.js", by_script(HOME)),
                      req("https://stats.ville.fr/matomo.php?idsite=1&rec=1&action_name=Accueil",
                          by_script("https://stats.ville.fr/matomo.js"), "ping")]
    s = check.run(obs_with(rendering(HOME, requests)))
    assert (s.value, s.assessment) == (["Matomo"], "favorable")
    assert s.display == "outils libres hébergés par la collectivité, chargés par un script : Matomo"
    assert s.details["outils"][0]["heberge_par_un_tiers"] is False


def test_a_free_tool_hosted_by_a_third_party_is_neutre():
    requests = OWN + [req("https://ville.matomo.cloud/matomo.php?idsite=1&rec=1",
                          by_script("https://cdn.matomo.cloud/ville.matomo.cloud/matomo.js"), "ping", third_party=True)]
    s = check.run(obs_with(rendering(HOME, requests)))
    assert (s.value, s.assessment) == (["Matomo"], "neutre")
    assert s.display == "outils libres chargés par un script depuis l'hôte d'un tiers : Matomo"


def test_no_tracker_loaded_by_a_script_is_favorable_and_says_what_was_read():
    s = check.run(obs_with(rendering(HOME, OWN), rendering(LEGAL, OWN, n=2), served={HOME: "", LEGAL: ""}))
    assert (s.value, s.assessment, s.searched) == ([], "favorable", {"pages": 2})
    assert s.display == "aucun traceur chargé par un script (2 pages rendues, 2 requêtes de scripts)"


def test_no_page_rendered_is_inconnu():
    s = check.run(obs_with(rendering(HOME, dom="", error="navigateur arrêté (plantage)")))
    assert (s.value, s.assessment) == (None, "inconnu")
    assert s.details["pages_non_rendues"] == [{"page": HOME, "raison": "navigateur arrêté (plantage)"}]


# --- what real sites do ------------------------------------------------------------------------------

def test_google_analytics_sending_its_hits_is_loaded_by_a_script_and_seen_in_the_html_too():
    requests = OWN + [req(GTAG, parser(), third_party=True), req(COLLECT, by_script(GTAG), "ping", third_party=True)]
    s = check.run(obs_with(rendering(HOME, requests), served={HOME: GTAG_SNIPPET}))
    assert (s.value, s.assessment) == (["Google Analytics"], "defavorable")
    row = s.details["outils"][0]
    assert (row["hotes"], row["absent_du_html_servi"]) == (["region1.google-analytics.com"], False)


def test_a_tracker_loaded_once_accepted_counts_after_consent():
    first = rendering(HOME, OWN + [req(TAC, parser())])
    consent = rendering(HOME, OWN + [req(TAC, parser()),
                                     req(GTAG, by_script(TAC), third_party=True, after_consent=True),
                                     req(COLLECT, by_script(GTAG), "ping", third_party=True, after_consent=True)],
                        visit="consent", consent=tarteaucitron_clicked(), n=2)
    s = check.run(obs_with(first, consent, served={HOME: f'<script src="{TAC}"></script>'}))
    assert (s.value, s.assessment) == (["Google Analytics"], "defavorable")
    assert s.display == "traceurs chargés par un script après consentement : Google Analytics"
    assert s.details["visites_avec_consentement"] == 1
    assert s.evidence[0].record_id == "<urn:uuid:render-consent-2>"
    assert s.evidence[0].snippet.endswith("après le clic d'acceptation")


def test_nothing_before_consent_with_a_consent_manager_not_clicked_is_neutre():
    s = check.run(obs_with(rendering(HOME, OWN + [req(TAC, parser())]),
                           served={HOME: f'<script src="{TAC}"></script>'}))
    assert (s.value, s.assessment) == ([], "neutre")
    assert s.display == ("aucun traceur chargé par un script avant consentement (1 page rendue, 1 requête de script) ; "
                         "ce qu'ajoute l'acceptation n'a pas été observé")


def test_a_tracker_request_refused_by_our_guard_still_counts():
    refused = req(HOTJAR, by_script(HOME), third_party=True, refused="hôte non résolu hors du monde de démonstration")
    s = check.run(obs_with(rendering(HOME, OWN + [refused])))
    assert (s.value, s.assessment) == (["Hotjar"], "defavorable")
    assert s.details["outils"][0]["tentatives"] == 1
    assert "la page a tenté de la contacter" in s.evidence[0].snippet


def test_pages_rendered_only_with_errors_and_nothing_seen_is_inconnu():
    s = check.run(obs_with(rendering(HOME, OWN, error="délai dépassé (30 s) : rendu partiel")))
    assert (s.value, s.assessment) == (None, "inconnu")


def test_trackers_before_and_after_consent_are_told_apart():
    first = rendering(HOME, OWN + [req(TAC, parser()), req(HOTJAR, by_script(HOME), third_party=True)])
    consent = rendering(HOME, OWN + [req(TAC, parser()), req(HOTJAR, by_script(HOME), third_party=True),
                                     req(GTAG, by_script(TAC), third_party=True, after_consent=True),
                                     req(COLLECT, by_script(GTAG), "ping", third_party=True, after_consent=True)],
                        visit="consent", consent=tarteaucitron_clicked(), n=2)
    s = check.run(obs_with(first, consent))
    assert (s.value, s.assessment) == (["Google Analytics", "Hotjar"], "defavorable")
    assert s.display == ("traceurs chargés par un script avant consentement : Hotjar ; "
                         "après consentement : Google Analytics")
    assert [r["visites"] for r in s.details["outils"]] == [["après consentement"], ["avant consentement"]]
