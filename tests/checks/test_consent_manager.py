import pytest

from checks import consent_manager
from tests.checks.baseline import SITE, html, observations, page

TARTEAUCITRON = ('<script src="/tarteaucitron/tarteaucitron.js"></script>'
                 '<script>tarteaucitron.init({"privacyUrl": "/donnees-personnelles/", "highPrivacy": true});</script>')
AXEPTIO = ('<script>window.axeptioSettings = { clientId: "64f1d4e7850da3efb96b1576" };'
           '(function(d, s) { var t = d.getElementsByTagName(s)[0], e = d.createElement(s);'
           'e.async = true; e.src = "//static.axept.io/sdk.js"; t.parentNode.insertBefore(e, t); })(document, "script");'
           '</script>')


def run(head: str = "", body: str = "<p>Bienvenue à Exemple.</p>"):
    return consent_manager.run(observations([page(html(body, head=head))]))


def script(code: str) -> str:
    return f"<script>{code}</script>"


def src(url: str) -> str:
    return f'<script src="{url}"></script>'


# --- one test per outcome -------------------------------------------------------------------------

def test_tarteaucitron_is_favorable_with_its_licence():
    s = run(TARTEAUCITRON)
    assert (s.value, s.assessment, s.display) == (["tarteaucitron"], "favorable", "libre : tarteaucitron")
    assert s.details["licences"] == {"tarteaucitron": "MIT"}
    assert s.evidence[0].snippet == '<script src="https://www.exemple-commune.fr/tarteaucitron/tarteaucitron.js">'


def test_axeptio_is_defavorable():
    s = run(AXEPTIO)
    assert (s.value, s.assessment, s.display) == (["Axeptio"], "defavorable", "propriétaire : Axeptio")
    assert s.details["licences"] == {"Axeptio": "propriétaire"}


def test_a_proprietary_manager_beside_a_free_one_is_defavorable():
    s = run(TARTEAUCITRON + AXEPTIO)
    assert (s.value, s.assessment) == (["Axeptio", "tarteaucitron"], "defavorable")
    assert s.display == "propriétaire : Axeptio ; libre : tarteaucitron"
    assert "axept" in s.evidence[0].snippet  # proprietary first


def test_no_manager_is_neutre_and_says_where_it_searched():
    s = run("")
    assert (s.value, s.assessment, s.searched) == ([], "neutre", {"pages": 1})
    assert s.display == "aucun gestionnaire de consentement chargé"


def test_unreachable_is_inconnu():
    s = consent_manager.run(observations(reachable=False))
    assert (s.assessment, s.value, s.searched) == ("inconnu", None, None)


# --- what the signal reads -------------------------------------------------------------------------

def test_a_page_that_only_names_managers_loads_none():
    body = ("<main><h1>Gestion des cookies</h1><p>Ce site utilise tarteaucitron ; d'autres sites utilisent "
            "Axeptio, Didomi, OneTrust ou Cookiebot (consent.cookiebot.com/uc.js).</p>"
            "<pre><code>&lt;script src=\"/tarteaucitron/tarteaucitron.js\"&gt;</code></pre></main>")
    s = consent_manager.run(observations([page(html(body), url=SITE + "cookies/")]))
    assert (s.value, s.assessment) == ([], "neutre")


def test_a_banner_styled_but_not_loaded_counts_not():
    assert run("<style>#tarteaucitronRoot .tarteaucitronAllow { background: #000091; }</style>").value == []


def test_pages_are_counted_per_manager():
    pages = [page(html(head=TARTEAUCITRON), url=SITE), page(html(head=TARTEAUCITRON), url=SITE + "a/"),
             page(html(), url=SITE + "b/")]
    s = consent_manager.run(observations(pages))
    assert s.details == {"pages_par_outil": {"tarteaucitron": 2}, "licences": {"tarteaucitron": "MIT"},
                         "libres": ["tarteaucitron"], "proprietaires": [], "pages_lues": 3}


# --- every pattern, with a near miss beside it --------------------------------------------------------

PATTERNS = [
    # tarteaucitron
    (src("https://cdn.jsdelivr.net/npm/tarteaucitronjs@1.19.0/tarteaucitron.min.js"), ["tarteaucitron"]),
    (src("https://tarteaucitron.io/load.js?domain=ville.fr&uuid=0f1e"), ["tarteaucitron"]),
    ('<link rel="stylesheet" href="/css/tarteaucitron.css">', ["tarteaucitron"]),
    (src("https://www.ville.fr/js/tarte-au-citron.js"), []),
    (script("tarteaucitron.init({});"), ["tarteaucitron"]),
    (script("(tarteaucitron.job = tarteaucitron.job || []).push('youtube');"), ["tarteaucitron"]),
    (script("tarteaucitron.user.gtagUa = 'G-ABC123XYZ';"), ["tarteaucitron"]),
    (script("tarteaucitron.services.mairietv = { key: 'mairietv', type: 'video' };"), ["tarteaucitron"]),
    (script("var tarteaucitronForceLanguage = 'fr';"), []),
    (script("tarteaucitron.jobsDone = true;"), []),
    # Orejime
    (src("https://cdn.jsdelivr.net/npm/orejime@3.0.0/dist/orejime-dsfr-fr.js"), ["Orejime"]),
    ('<link rel="stylesheet" href="https://unpkg.com/orejime@2.0.1/dist/orejime.css">', ["Orejime"]),
    (src("https://www.ville.fr/js/oreja.js"), []),
    (script("window.orejimeConfig = { privacyPolicyUrl: '/cookies/' };"), ["Orejime"]),
    (script("Orejime.init(config);"), ["Orejime"]),
    (script("window.orejime.show();"), []),
    # Klaro
    (src("https://cdn.kiprotect.com/klaro/v0.7/klaro.js"), ["Klaro"]),
    (src("https://www.ville.fr/lib/klaro-no-css.js"), ["Klaro"]),
    ('<link rel="stylesheet" href="/lib/klaro.min.css">', ["Klaro"]),
    (src("https://www.ville.fr/lib/klarna.js"), []),
    (src("https://www.ville.fr/lib/deklaro.js"), []),
    (script("var klaroConfig = { elementID: 'klaro' };"), ["Klaro"]),
    (script("var klaroLanguage = 'fr';"), []),
    # Axeptio
    (src("https://static.axept.io/sdk-slim.js"), ["Axeptio"]),
    ('<link rel="preconnect" href="https://static.axept.io">', []),
    (script("window.axeptioSettings = { clientId: 'abc' };"), ["Axeptio"]),
    (script("window.axeptio = {};"), []),
    # Didomi
    ('<script id="spcloader" async src="https://sdk.privacy-center.org/03f1af55-a479/loader.js?target=ville.fr"></script>',
     ["Didomi"]),
    ('<link rel="dns-prefetch" href="https://sdk.privacy-center.org/">', []),
    (script("window.didomiConfig = window.didomiConfig || {};"), ["Didomi"]),
    (script("window.didomiOnReady = window.didomiOnReady || [];"), ["Didomi"]),
    (script("window.didomi = {};"), []),
    # OneTrust
    (src("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"), ["OneTrust"]),
    (src("https://cookie-cdn.cookiepro.com/consent/0f1e-2d3c/OtAutoBlock.js"), ["OneTrust"]),
    ('<link rel="preconnect" href="https://cdn.cookielaw.org">', []),
    (src("https://www.ville.fr/onetrust/scripttemplates/otSDKStub.js"), ["OneTrust"]),
    (script("function OptanonWrapper() { }"), ["OneTrust"]),
    (script("function OptanonWrap() { }"), []),
    (src("https://optanon.blob.core.windows.net/consent/0f1e.js"), ["OneTrust"]),
    ('<link rel="preconnect" href="https://optanon.blob.core.windows.net">', []),
    # Cookiebot
    ('<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="8d80"></script>', ["Cookiebot"]),
    (src("https://consent.cookiebot.eu/8d80/cd.js"), ["Cookiebot"]),
    ('<link rel="preconnect" href="https://consent.cookiebot.com">', []),
    (script("window.addEventListener('CookiebotOnAccept', function () {});"), ["Cookiebot"]),
    (script("window.addEventListener('CookiebotOnWhatever', function () {});"), []),
    # Sirdata
    (src("https://cache.consentframework.com/js/pa/39859/c/9f20B/stub"), ["Sirdata"]),
    (src("https://choices.consentframework.com/js/pa/39859/c/9f20B/cmp"), ["Sirdata"]),
    ('<link rel="preconnect" href="https://cache.consentframework.com">', []),
    # Quantcast Choice / InMobi Choice
    (src("https://cmp.quantcast.com/choice/6Fv0cGNfc_bw8/www.ville.fr/choice.js?tag_version=V2"),
     ["Quantcast Choice / InMobi Choice"]),
    (src("https://cmp.inmobi.com/tcfv2/cmp2.js?referer=ville.fr"), ["Quantcast Choice / InMobi Choice"]),
    (script("var url = 'https://cmp.quantcast.com'\n  .concat('/choice/', '6Fv0cGNfc_bw8', '/', host, '/choice.js');"),
     ["Quantcast Choice / InMobi Choice"]),
    (src("https://quantcast.mgr.consensu.org/tcfv2/7/cmp2.js"), ["Quantcast Choice / InMobi Choice"]),
    ('<link rel="preconnect" href="https://quantcast.mgr.consensu.org">', []),
    ('<link rel="preconnect" href="https://cmp.quantcast.com">', []),
    (src("https://secure.quantserve.com/quant.js"), []),
]


@pytest.mark.parametrize("head, managers", PATTERNS)
def test_pattern(head, managers):
    assert run(head).value == managers


@pytest.mark.parametrize("head, assessment", [
    (src("/tarteaucitron/tarteaucitron.js"), "favorable"),
    (src("/lib/orejime-standard-fr.js"), "favorable"),
    (src("/lib/klaro.js"), "favorable"),
    (src("https://static.axept.io/sdk.js"), "defavorable"),
    (script("window.didomiConfig = {};"), "defavorable"),
    (src("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"), "defavorable"),
    (src("https://consent.cookiebot.com/uc.js"), "defavorable"),
    (src("https://cache.consentframework.com/js/pa/39859/c/9f20B/stub"), "defavorable"),
    (src("https://cmp.inmobi.com/choice/6Fv0cGNfc_bw8/www.ville.fr/choice.js"), "defavorable"),
])
def test_each_manager_is_judged_by_its_licence(head, assessment):
    assert run(head).assessment == assessment


def test_every_manager_cites_a_licence_and_its_source():
    from checks.base import load_data

    for entry in load_data("consent_managers.yaml"):
        assert entry["licence"] and entry["source"].startswith("https://"), entry["name"]
        assert entry["free"] == (entry["licence"] != "propriétaire"), entry["name"]


def test_complianz_the_wordpress_plugin_is_a_free_consent_manager():
    """Markup of the plugin's banner (its script path and its inline settings), as WordPress sites serve it."""
    head = ("<script id=\"cmplz-cookiebanner-js-extra\">var complianz = {\"prefix\":\"cmplz_\",\"version\":\"7.0.4\"};"
            "</script><script defer src=\"https://www.agglo.fr/wp-content/plugins/complianz-gdpr/cookiebanner/js/"
            "complianz.min.js?ver=1709632171\"></script>")
    s = consent_manager.run(observations([page(html(head=head))]))
    assert (s.value, s.assessment) == (["Complianz"], "favorable")
    # A privacy page naming the plugin loads nothing.
    s = consent_manager.run(observations([page(html(body="<p>Ce site utilise Complianz pour vos choix.</p>"))]))
    assert s.value == []
