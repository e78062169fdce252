import pytest

from checks import analytics
from tests.checks.baseline import SITE, html, observations, page

MATOMO = ('<script>var _paq = window._paq = []; _paq.push(["trackPageView"]);</script>'
          '<script src="https://stats.exemple-commune.fr/matomo.js"></script>')
GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>'


def run(head: str = "", body: str = "<p>Bienvenue à Exemple.</p>"):
    return analytics.run(observations([page(html(body, head=head))]))


def script(code: str) -> str:
    return f"<script>{code}</script>"


def src(url: str) -> str:
    return f'<script src="{url}"></script>'


# --- one test per outcome -------------------------------------------------------------------------

def test_matomo_alone_is_favorable():
    s = run(MATOMO)
    assert s.value == ["Matomo"] and s.assessment == "favorable"
    assert "matomo.js" in s.evidence[0].snippet or "_paq.push" in s.evidence[0].snippet


def test_google_analytics_is_defavorable_even_with_matomo():
    s = run(MATOMO + GA)
    assert s.value == ["Google Analytics", "Matomo"] and s.assessment == "defavorable"
    assert "googletagmanager" in s.evidence[0].snippet  # proprietary first


def test_no_tool_is_neutre_and_says_where_it_searched():
    s = run("")
    assert (s.value, s.assessment, s.searched) == ([], "neutre", {"pages": 1})


def test_unreachable_is_inconnu():
    s = analytics.run(observations(reachable=False))
    assert (s.assessment, s.value, s.searched) == ("inconnu", None, None)


# --- what real sites do ----------------------------------------------------------------------------

def test_matomo_loaded_by_tarteaucitron_is_favorable():
    s = run(script("tarteaucitron.user.matomoId = 3; tarteaucitron.user.matomoHost = 'https://stats.ville.fr/';"
                   "(tarteaucitron.job = tarteaucitron.job || []).push('matomo');"))
    assert (s.value, s.assessment) == (["Matomo"], "favorable")
    assert "tarteaucitron" in s.evidence[0].snippet


def test_matomo_tag_manager_container_is_favorable():
    s = run(script("var _mtm = window._mtm = window._mtm || [];"
                   "_mtm.push({'mtm.startTime': (new Date().getTime()), 'event': 'mtm.Start'});"
                   "var d=document, g=d.createElement('script'); g.src='https://stats.ville.fr/js/container_AbCd1234.js';"))
    assert (s.value, s.assessment) == (["Matomo Tag Manager"], "favorable")


def test_xiti_through_tarteaucitron_is_defavorable():
    s = run(script("tarteaucitron.user.xitiId = '567890';"
                   "(tarteaucitron.job = tarteaucitron.job || []).push('xiti');"))
    assert (s.value, s.assessment) == (["AT Internet / Piano"], "defavorable")


def test_piwik_pro_is_not_matomo_and_is_defavorable():
    # Piwik PRO's documented snippet keeps Matomo's `_paq` queue: only Piwik PRO is reported.
    s = run(script('var _paq = _paq || []; _paq.push(["trackPageView"]); (function() {'
                   'var u="https://ville.piwik.pro/"; _paq.push(["setTrackerUrl", u+"ppms.php"]);'
                   'g.src=u+"ppms.js"; })();'))
    assert (s.value, s.assessment) == (["Piwik PRO"], "defavorable")


def test_matomo_api_markers_count_for_matomo_without_piwik_pro():
    s = run(script("var _paq = window._paq || []; _paq.push(['setTrackerUrl', u + 'piwik.php']);"))
    assert s.value == ["Matomo"]


def test_a_page_that_only_names_the_tools_loads_none():
    body = ("<main><h1>Gestion des cookies</h1><p>Ce site utilise Matomo (matomo.js), Google Analytics "
            "(G-ABC123XYZ), Plausible et Xiti, gérés par tarteaucitron.</p>"
            "<pre><code>(tarteaucitron.job = tarteaucitron.job || []).push('matomo');</code></pre></main>")
    s = analytics.run(observations([page(html(body), url=SITE + "cookies/")]))
    assert (s.value, s.assessment) == ([], "neutre")


def test_self_hosted_plausible_on_a_plain_script_name_is_told_by_its_data_domain():
    # plausible/docs, « Add the snippet »: <script defer data-domain="yourdomain.com" src=".../js/script.js">
    s = run('<script defer data-domain="ville.fr" src="https://stats.ville.fr/js/script.js"></script>')
    assert (s.value, s.assessment) == (["Plausible"], "favorable")
    assert s.evidence[0].snippet.startswith('<script data-domain="ville.fr"')


@pytest.mark.parametrize("tag", [
    '<script src="https://www.ville.fr/js/script.js"></script>',  # a plain script.js: anyone's
    '<script data-domain="ville.fr" src="https://www.ville.fr/js/menu.js"></script>',  # not Plausible's name
    '<script data-site="ville.fr" src="https://stats.ville.fr/js/script.js"></script>',
])
def test_a_script_js_without_plausibles_attribute_is_not_plausible(tag):
    assert run(tag).value == []


def test_self_hosted_plausible_named_after_itself_is_favorable():
    s = run('<script defer data-domain="ville.fr" src="https://plausible.ville.fr/js/script.js"></script>')
    assert (s.value, s.assessment) == (["Plausible"], "favorable")


def test_tools_patterns_recognise_their_own_evidence():
    """legal_pages finds a tool's evidence again by its pattern: every snippet must still match."""
    pages = [page(html(head=MATOMO + GA + script("(tarteaucitron.job = tarteaucitron.job || []).push('xiti');"))),
             page(html(head=src("https://ville.containers.piwik.pro/0c8d-4a.js")
                       + script("var _mtm = window._mtm = window._mtm || [];")), url=SITE + "a/")]
    s = analytics.run(observations(pages))
    assert s.value == ["AT Internet / Piano", "Google Analytics", "Matomo", "Matomo Tag Manager", "Piwik PRO"]
    patterns = {name: pattern for name, _free, pattern in analytics.tools()}
    for name in s.value:
        assert any(patterns[name].search(e.snippet) for e in s.evidence), name


def test_pages_are_counted_per_tool():
    pages = [page(html(head=MATOMO), url=SITE), page(html(head=MATOMO + GA), url=SITE + "a/"),
             page(html(), url=SITE + "b/")]
    s = analytics.run(observations(pages))
    assert s.details == {"pages_par_outil": {"Google Analytics": 1, "Matomo": 2}, "pages_lues": 3,
                         "scripts_du_site_lus": 0}


# --- every pattern, with a near miss beside it --------------------------------------------------------

PATTERNS = [
    # Matomo
    (src("https://stats.ville.fr/matomo.js"), ["Matomo"]),
    (src("https://www.ville.fr/themes/matomo-js/consent.js"), []),
    ('<img src="https://stats.ville.fr/matomo.php?idsite=1&amp;rec=1" alt="">', ["Matomo"]),
    ('<img src="https://www.ville.fr/images/matomo-php.png" alt="">', []),
    ('<iframe src="https://stats.ville.fr/index.php?module=CoreAdminHome&amp;action=optOut&amp;language=fr"></iframe>',
     ["Matomo"]),
    (script('s.src = "https://stats.ville.fr/index.php?module=CoreAdminHome&amp;action=optOutJS&amp;divId=matomo-opt-out";'),
     ["Matomo"]),
    ('<iframe src="https://stats.ville.fr/index.php?module=Widgetize&amp;action=iframe&amp;idSite=1"></iframe>', []),
    (src("https://stats.ville.fr/piwik.js"), ["Matomo"]),
    ('<img src="https://stats.ville.fr/piwik.php?idsite=2" alt="">', ["Matomo"]),
    (src("https://www.ville.fr/js/piwik-js.js"), []),
    (script("var _paq = window._paq || []; _paq.push(['trackPageView']);"), ["Matomo"]),
    (script("var _paq = window._paq || [];"), []),
    (script("tarteaucitron.user.matomoMore = function () {};"), []),
    # Matomo Tag Manager
    (script("_mtm.push({'event': 'mtm.Start'});"), ["Matomo Tag Manager"]),
    (script("var my_mtm = []; my_mtm.push(1);"), []),
    (script("var _mtm = window._mtm = window._mtm || [];"), ["Matomo Tag Manager"]),
    (script("window._mtmSettings = {};"), []),
    (src("https://stats.ville.fr/js/container_AbCd1234.js"), ["Matomo Tag Manager"]),
    (src("https://cdn.matomo.cloud/ville.matomo.cloud/container_x1y2z3w4.js"), ["Matomo Tag Manager"]),
    (src("https://www.ville.fr/js/container_carousel.js"), []),
    (src("https://www.ville.fr/js/container_AbCd12345.js"), []),
    # Plausible
    (src("https://plausible.io/js/script.js"), ["Plausible"]),
    (src("https://plausible.ville.fr/js/script.js"), ["Plausible"]),
    (src("https://stats.ville.fr/js/plausible.outbound-links.js"), ["Plausible"]),
    (src("https://www.ville.fr/js/implausible.js"), []),
    (src("https://stats.ville.fr/js/script.outbound-links.file-downloads.js"), ["Plausible"]),
    (src("https://stats.ville.fr/js/script.hash.js"), ["Plausible"]),
    (src("https://www.ville.fr/js/script.min.js"), []),
    (script("window.plausible = window.plausible || function() { (window.plausible.q = window.plausible.q || []).push(arguments) }"),
     ["Plausible"]),
    (script("window.plausible = null;"), []),
    (script("plausible.init()"), ["Plausible"]),
    (script("var plausible = {}; plausible.initialized = true;"), []),
    # Umami
    (src("https://stats.ville.fr/umami.js"), ["Umami"]),
    (src("https://stats.ville.fr/umami-js/app.js"), []),
    (script("""document.write('<script data-website-id="94db1cb1" src="/s.js"><\\/script>');"""), ["Umami"]),
    (script("var website = 'data-website';"), []),
    # Piwik PRO
    (src("https://ville.containers.piwik.pro/0c8d4a.js"), ["Piwik PRO"]),
    (src("https://stats.piwik.prod.ville.fr/piwik.js"), ["Matomo"]),
    (src("https://stats.ville.fr/ppms.js"), ["Piwik PRO"]),
    (src("https://www.ville.fr/data/ppms.json"), []),
    (src("https://www.ville.fr/js/appms.js"), []),
    (script('}(window, "ppms", ["tm", "cm"]);'), ["Piwik PRO"]),
    (script("var ppms = {};"), []),
    (script("function stgCreateCookie(a, b, c) {}"), ["Piwik PRO"]),
    (script("function createCookie(a, b, c) {}"), []),
    (src("https://ville.containers.piwik.pro/0c8d4a.js") + script("_paq.push(['trackEvent', 'a'])"), ["Piwik PRO"]),
    # Google Analytics
    (src("https://www.google-analytics.com/analytics.js"), ["Google Analytics"]),
    (src("https://www.ville.fr/js/analytics.js"), []),
    (script("s.src = 'https://www.googletagmanager.com/gtag/js?id=' + id;"), ["Google Analytics"]),
    (script("gtag( 'config', measurementId );"), ["Google Analytics"]),
    (script('gtag("config", measurementId);'), ["Google Analytics"]),
    (script("gtag('event', 'clic');"), []),
    (script("ga('create', 'UA-123456-1', 'auto');"), ["Google Analytics"]),
    (script("var ref = 'XUA-123456-1';"), []),
    (script("var id = 'G-ABC123XYZ';"), ["Google Analytics"]),
    (script("var id = 'G-ABC12';"), []),
    (script("var ref = 'PG-ABC123XYZ';"), []),
    # Google Tag Manager
    (script("j.src='https://www.googletagmanager.com/gtm.js?id='+i;"), ["Google Tag Manager"]),
    (src("https://www.ville.fr/js/gtm.js"), []),
    (script("var id = 'GTM-K7HG2PX';"), ["Google Tag Manager"]),
    (script("var id = 'GTM-K7H';"), []),
    (script("var ref = 'XGTM-K7HG2PX';"), []),
    # AT Internet / Piano
    (src("https://www.ville.fr/js/smarttag.js"), ["AT Internet / Piano"]),
    (src("https://tag.aticdn.net/123/tag.min.js"), ["AT Internet / Piano"]),
    (src("https://www.ville.fr/js/smart-tag.js"), []),
    ('<img src="https://logv3.xiti.com/get.xiti?s=1" alt="">', ["AT Internet / Piano"]),
    (src("https://www.ville.fr/js/xtcore.js"), ["AT Internet / Piano"]),
    (src("https://www.ville.fr/js/piano-analytics.js"), ["AT Internet / Piano"]),
    (script("pa.sendEvent('page.display', {});"), ["AT Internet / Piano"]),
    (script("var xtsite = '56789';"), ["AT Internet / Piano"]),
    (script("tarteaucitron.user.xtsite = 56789;"), ["AT Internet / Piano"]),
    (script("var xtsite2 = 1;"), []),
    (script("var nextsite = '/page-2/';"), []),
    (script("Xt_param = 's=123&p=';"), ["AT Internet / Piano"]),
    (script("Xt_params = 1;"), []),
    (script("Xt_i += 'src=\"https://logv3.ati-host.net/hit.xiti?' + Xt_h;"), ["AT Internet / Piano"]),
    (script("window.tag = new ATInternet.Tracker.Tag();"), ["AT Internet / Piano"]),
    (script("window.tag = new Tracker.Tag();"), []),
    # The others
    (src("https://ville.eulerian.net/ea.js"), ["Eulerian"]),
    ('<img src="https://www.ville.fr/images/eulerian-circuit.png" alt="">', []),
    (src("https://connect.facebook.net/fr_FR/fbevents.js"), ["Facebook Pixel"]),
    (script("fbq('init', '1234567890');"), ["Facebook Pixel"]),
    (script("fbq('track', 'PageView');"), []),
    (src("https://static.hotjar.com/c/hotjar-123.js?sv=6"), ["Hotjar"]),
    ('<link rel="preconnect" href="https://static.hotjar.com">', []),
    (src("https://www.clarity.ms/tag/abcdef"), ["Microsoft Clarity"]),
    (src("https://mc.yandex.ru/metrika/tag.js"), ["Yandex Metrica"]),
]


@pytest.mark.parametrize("head, tools", PATTERNS)
def test_pattern(head, tools):
    assert run(head).value == tools


# tarteaucitron: every job name and setting, each read in tarteaucitron.services.js.
JOBS = [("matomo", "Matomo"), ("matomohightrack", "Matomo"), ("matomocloud", "Matomo"),
        ("matomotm", "Matomo Tag Manager"), ("plausible", "Plausible"), ("piwikpro", "Piwik PRO"),
        ("gtag", "Google Analytics"), ("analytics", "Google Analytics"), ("gajs", "Google Analytics"),
        ("multiplegtag", "Google Analytics"), ("googletagmanager", "Google Tag Manager"),
        ("multiplegoogletagmanager", "Google Tag Manager"), ("xiti", "AT Internet / Piano"),
        ("atinternet", "AT Internet / Piano"), ("atinternethightrack", "AT Internet / Piano"),
        ("pianoanalytics", "AT Internet / Piano"), ("eulerian", "Eulerian"),
        ("facebookpixel", "Facebook Pixel"), ("hotjar", "Hotjar"), ("clarity", "Microsoft Clarity"),
        ("metrica", "Yandex Metrica")]
SETTINGS = [("matomoId", "Matomo"), ("matomoHost", "Matomo"), ("matomotmUrl", "Matomo Tag Manager"),
            ("plausibleDomain", "Plausible"), ("piwikProId", "Piwik PRO"), ("piwikProContainer", "Piwik PRO"),
            ("gtagUa", "Google Analytics"), ("analyticsUa", "Google Analytics"), ("gajsUa", "Google Analytics"),
            ("multiplegtagUa", "Google Analytics"), ("googletagmanagerId", "Google Tag Manager"),
            ("multiplegoogletagmanagerId", "Google Tag Manager"), ("xitiId", "AT Internet / Piano"),
            ("atLibUrl", "AT Internet / Piano"), ("pianoSite", "AT Internet / Piano"),
            ("pianoCollectDomain", "AT Internet / Piano"), ("eulerianHost", "Eulerian"),
            ("facebookpixelId", "Facebook Pixel"), ("hotjarId", "Hotjar"), ("clarity", "Microsoft Clarity"),
            ("yandexmetrica", "Yandex Metrica")]


@pytest.mark.parametrize("job, tool", JOBS)
def test_tarteaucitron_job(job, tool):
    assert run(script(f"(tarteaucitron.job = tarteaucitron.job || []).push('{job}');")).value == [tool]


@pytest.mark.parametrize("key, tool", SETTINGS)
def test_tarteaucitron_setting(key, tool):
    assert run(script(f"tarteaucitron.user.{key} = 'x';")).value == [tool]


@pytest.mark.parametrize("code, tools", [
    ('tarteaucitron.job.push("matomo");', ["Matomo"]),  # the short form, double quotes
    ("(tarteaucitron.job = tarteaucitron.job || []).push('youtube', 'xiti');", ["AT Internet / Piano"]),
    ("(tarteaucitron.job = tarteaucitron.job || []).push('youtube');", []),
    ("(tarteaucitron.job = tarteaucitron.job || []).push('matomoheatmap');", []),  # whole names only
    ("tarteaucitron.jobs.push('matomo');", []),
    ("(tarteaucitron.job = tarteaucitron.job || new Array()).push('matomo');", ["Matomo"]),
    # another queue's push after tarteaucitron.job, with no `;` between (code written without them)
    ("tarteaucitron.job = tarteaucitron.job || []\nwindow.statsQueue.push('matomo')", []),
    ("tarteaucitron.user.matomoIdentifiant = 3;", []),
])
def test_tarteaucitron_forms(code, tools):
    assert run(script(code)).value == tools


# --- the site's own scripts (archived as assets) ----------------------------------------------------

def _js(url: str, text: str):
    from ground.observations import Asset

    return Asset(url=url, kind="js", site=SITE, status=200, fetched_at="2026-12-01T10:00:00Z", sha256="ef" * 32,
                 record_id="<urn:uuid:js>", size=len(text), text=text)


BUNDLE = SITE + "build/app.min.js"


def test_a_tracker_inside_the_sites_own_bundle_is_found_with_the_bundle_as_evidence():
    """The page links only its bundle; the bundle itself starts Matomo (the tracking code as Matomo's
    documentation gives it, compiled into the theme's JS)."""
    obs = observations([page(html(head=f'<script src="{BUNDLE}"></script>'), url=SITE),
                        page(html(), url=SITE + "contact/")])
    obs.assets = [_js(BUNDLE, "!function(){var _paq=window._paq=window._paq||[];_paq.push(['trackPageView']);"
                              "var u='https://stats.ville-exemple.fr/';_paq.push(['setTrackerUrl',u+'matomo.php']);}()")]
    s = analytics.run(obs)
    assert (s.value, s.assessment) == (["Matomo"], "favorable")
    assert s.evidence[0].url == BUNDLE and "_paq" in s.evidence[0].snippet
    assert s.details["pages_par_outil"] == {"Matomo": 1} and s.details["scripts_du_site_lus"] == 1


def test_a_consent_managers_catalogue_of_services_names_every_tracker_and_proves_none():
    """A copy of tarteaucitron.services.js served by the site defines Google Analytics, Xiti, Matomo…
    (learned from AmauriC/tarteaucitron.js, tarteaucitron.services.js): not a sign that any is loaded."""
    catalogue = ("tarteaucitron.services.gtag = {\"key\": \"gtag\", \"js\": function () { "
                 "tarteaucitron.addScript('https://www.googletagmanager.com/gtag/js?id=' + tarteaucitron.user.gtagUa);}};"
                 "tarteaucitron.services.xiti = {\"key\": \"xiti\", \"js\": function () { var Xt_param = 's=' + "
                 "tarteaucitron.user.xitiId; }};")
    url = SITE + "js/tarteaucitron/tarteaucitron.services.js"
    obs = observations([page(html(head=f'<script src="{url}"></script>'), url=SITE)])
    obs.assets = [_js(url, catalogue)]
    s = analytics.run(obs)
    assert (s.value, s.assessment) == ([], "neutre")
    assert s.details["catalogues_de_services_ignores"] == [url]


@pytest.mark.parametrize(("script", "tools"), [
    # A snippet kept commented out is not loaded (learned from sites that "removed" GA that way).
    ("tarteaucitron.init({});\n// tarteaucitron.user.gtagUa = 'G-X1';\n  // (tarteaucitron.job = tarteaucitron.job "
     "|| []).push('gtag');", []),
    ("/* var _paq = window._paq || []; _paq.push(['trackPageView']); */", []),
    # Still loaded: code before a trailing comment, a URL's // inside a string.
    ("(tarteaucitron.job = tarteaucitron.job || []).push('gtag'); // statistiques", ["Google Analytics"]),
    ("var _paq = window._paq = window._paq || []; var u='https://stats.ville.fr/'; _paq.push(['setTrackerUrl', "
     "u+'matomo.php']);", ["Matomo"]),
])
def test_a_commented_out_snippet_is_not_loaded(script, tools):
    s = analytics.run(observations([page(html(head=f"<script>{script}</script>"))]))
    assert s.value == tools
