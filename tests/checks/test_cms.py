"""cms: the site's own CMS, from what the site says of itself (never from what it links elsewhere).

Every expected name below is written by hand from the markup of its case; the markup is hand-made
unless a source is given."""
import pytest

from checks import cms
from tests.checks.baseline import SITE, html, observations, page

OWN = SITE.rstrip("/")  # https://www.exemple-commune.fr
PARTNER = "https://www.partenaire-exemple.org"  # another site, another registered domain
HEX = "0123456789abcdef0123456789abcdef"  # 32 hexadecimal digits


def run(head: str = "", body: str = "", **kw):
    return cms.run(observations([page(html(body, head), **kw)]))


def name(s):
    return s.value["name"] if s.value else None


# --- each fingerprint, one case per pattern -------------------------------------------------------
# (expected CMS, markup in <head>, headers, cookies); {host} is the page's own host in the positive
# case and a partner's host in the negative one (paths count on the site's own domain only).
PATH_CASES = [
    ("SPIP", '<a href="{host}/spip.php?page=plan">Plan du site</a>'),
    ("SPIP", '<link rel="stylesheet" href="{host}/squelettes/css/site.css">'),
    ("SPIP", '<img src="{host}/squelettes-dist/puce.gif" alt="">'),
    ("SPIP", '<script src="{host}/plugins-dist/mediabox/lib/lity/lity.js"></script>'),
    ("SPIP", '<img src="{host}/local/cache-vignettes/L150xH100/logo.png" alt="">'),
    ("WordPress", '<link rel="stylesheet" href="{host}/wp-content/themes/mairie/style.css">'),
    ("WordPress", '<script src="{host}/wp-includes/js/jquery/jquery.min.js"></script>'),
    ("WordPress", '<link rel="https://api.w.org/" href="{host}/wp-json/">'),
    ("Drupal", '<img src="{host}/sites/default/files/logo.png" alt="">'),
    ("Drupal", '<link rel="stylesheet" href="{host}/sites/all/themes/ville/style.css">'),
    ("Drupal", '<script src="{host}/sites/all/modules/jquery_update/replace/jquery.min.js"></script>'),
    ("Drupal", '<script src="{host}/core/misc/drupal.js?v=10.2.4"></script>'),
    ("Joomla", '<script src="{host}/media/jui/js/jquery.min.js"></script>'),
    ("Joomla", '<script src="{host}/media/system/js/core.js"></script>'),
    ("Joomla", '<a href="{host}/components/com_content/agenda.html">Agenda</a>'),
    ("TYPO3", '<link rel="stylesheet" href="{host}/typo3conf/ext/site/Resources/Public/main.css">'),
    ("TYPO3", '<link rel="stylesheet" href="{host}/typo3temp/assets/css/7015c8c4ac.css">'),
    ("TYPO3", '<a href="{host}/fileadmin/documents/budget.pdf">Budget</a>'),
    ("TYPO3 (Stratis)", '<link rel="stylesheet" href="{host}/typo3conf/ext/stratis_site/Resources/Public/Css/main.css">'),
    ("Plone", '<script src="{host}/++resource++plone.app.jquery.js"></script>'),
    ("Plone", '<link rel="stylesheet" href="{host}/++plone++production/default.css">'),
    ("Plone", '<link rel="stylesheet" href="{host}/++theme++barceloneta/css/barceloneta.min.css">'),
    ("Plone", '<link rel="stylesheet" href="{host}/portal_css/Sunburst%20Theme/base.css">'),
    ("Plone", '<script src="{host}/portal_javascripts/Plone%20Default/jquery.js"></script>'),
    ("Plone", '<a href="{host}/documents/pv.pdf/@@download/file/pv.pdf">PV</a>'),
    ("Lutece", '<a href="{host}/jsp/site/Portal.jsp?page_id=12">Démarches</a>'),
    # lutece-platform/lutece-core@d36bcf6bd329e28e8d627e93f3b40c4b37506f63,
    # webapp/WEB-INF/templates/skin/site/page_frameset.html: <link href="${thetheme.pathCss}/page_template_styles.css" rel="stylesheet">
    ("Lutece", '<link href="{host}/css/page_template_styles.css" rel="stylesheet">'),
    ("Publik", '<script src="{host}/static/xstatic/jquery.min.js"></script>'),
    ("Publik", '<link rel="stylesheet" href="{host}/static/css/gadjo.css">'),
    ("Ametys", '<link rel="alternate" href="{host}/_plugins/web/www/fr/filter/actualites/rss.xml">'),
    ("Ametys", '<script src="{host}/plugins/web/resources/js/ametys.js"></script>'),
    ("Liferay", '<script src="{host}/combo?browserId=other&amp;minifierType=js&amp;languageId=fr_FR"></script>'),
    ("Liferay", '<script src="{host}/o/frontend-js-web/__liferay__/index.js"></script>'),
    ("Liferay", '<link rel="stylesheet" href="{host}/o/frontend-theme-font-awesome-web/css/main.css">'),
    ("Liferay", '<script src="{host}/html/js/aui/aui/aui-min.js"></script>'),
    ("Jalios JCMS", '<a href="{host}/jcms/p_10030/fr/mentions-legales">Mentions légales</a>'),
    ("Jalios JCMS", '<script src="{host}/js/jalios/core/jalios-common.js"></script>'),
    ("K-Sup (Kosmos)", '<a href="{host}/servlet/com.jsbsoft.jtf.core.SG?PROC=RECHERCHE_AGENDA">Agenda</a>'),
    ("Kentika", '<a href="{host}/kentika/opac.aspx">Catalogue</a>'),
    ("Grav", '<link rel="stylesheet" href="{host}/user/themes/quark/css/theme.css">'),
]
STRONG_CASES = [  # (expected, head, headers, cookies)
    ("SPIP", '<meta name="generator" content="SPIP 4.2.8">', {}, []),
    ("SPIP", "", {"composed-by": "SPIP 4.2.8 @ www.spip.net"}, []),
    ("SPIP", "", {"x-spip-cache": "86400"}, []),
    ("SPIP", "", {}, ["spip_session"]),
    ("WordPress", '<meta name="generator" content="WordPress 6.4.3">', {}, []),
    ("WordPress", "", {"link": '<https://www.exemple-commune.fr/wp-json/>; rel="https://api.w.org/"'}, []),
    ("WordPress", "", {"x-pingback": "https://www.exemple-commune.fr/xmlrpc.php"}, []),
    ("WordPress", "", {}, ["wordpress_test_cookie"]),
    ("WordPress", "", {}, ["wp-settings-1"]),
    ("Drupal", '<meta name="generator" content="Drupal 10 (https://www.drupal.org)">', {}, []),
    ("Drupal", "", {"x-generator": "Drupal 10 (https://www.drupal.org)"}, []),
    ("Drupal", "", {"x-drupal-cache": "HIT"}, []),
    ("Drupal", "", {"x-drupal-dynamic-cache": "MISS"}, []),
    ("Drupal", "", {}, ["SSESS" + HEX]),
    ("Drupal", "", {}, ["SESS" + HEX]),
    ("Drupal", '<script>jQuery.extend(Drupal.settings, {"basePath":"\\/","pathPrefix":""});</script>', {}, []),
    ("Drupal", '<script type="application/json">{"pluralDelimiter":"\\u0003","user":{"uid":0}}</script>', {}, []),
    ("Drupal", '<script type="application/json">{"path":{"baseUrl":"\\/","currentPathIsAdmin":false}}</script>', {}, []),
    ("Joomla", '<meta name="generator" content="Joomla! - Open Source Content Management">', {}, []),
    ("Joomla", "", {"x-content-encoded-by": "Joomla! 3.10"}, []),
    ("Joomla", "", {}, [HEX]),  # alone, the hashed session cookie is enough
    ("TYPO3", '<meta name="generator" content="TYPO3 CMS">', {}, []),
    ("TYPO3", "", {}, ["fe_typo_user"]),
    ("Plone", '<meta name="generator" content="Plone - https://plone.org/">', {}, []),
    ("Lutece", '<meta name="generator" content="Lutece">', {}, []),
    ("Ametys", '<meta name="generator" content="Ametys CMS Open source (http://www.ametys.org)">', {}, []),
    ("Ametys", '<meta name="generator" content="Anyware Technologies">', {}, []),
    ("Liferay", "", {}, ["GUEST_LANGUAGE_ID"]),
    ("Liferay", "", {}, ["COOKIE_SUPPORT"]),
    ("Liferay", "<script>var themeDisplay = Liferay.ThemeDisplay;</script>", {}, []),
    ("Liferay Community Edition", "",
     {"liferay-portal": "Liferay Community Edition Portal 7.0.6 GA7 (Wilberforce / Build 7006 / April 17, 2018)"}, []),
    ("Liferay DXP", "", {"liferay-portal": "Liferay Digital Experience Platform 7.2.10 GA1"}, []),
    ("Jalios JCMS", '<meta name="generator" content="Jalios JCMS">', {}, []),
    ("Jalios JCMS", "", {"x-jcms-ajax-id": "1"}, []),
    ("K-Sup (Kosmos)", '<meta name="generator" content="K-Sup (6.07.77)">', {}, []),
    ("Neopse", '<meta name="generator" content="Neopse">', {}, []),
    ("Kentika", '<meta name="generator" content="Kentika">', {}, []),
    ("Grav", '<meta name="generator" content="GravCMS">', {}, []),
    ("Hugo", '<meta name="generator" content="Hugo 0.120.4">', {}, []),
    ("Wix", '<meta name="generator" content="Wix.com Website Builder">', {}, []),
    ("Wix", "", {"x-wix-request-id": "1732530000.1234"}, []),
    ("Wix", "", {"x-wix-renderer-server": "apu000"}, []),
    ("Squarespace", '<meta name="generator" content="Squarespace">', {}, []),
    ("Squarespace", "", {"server": "Squarespace"}, []),
    ("Squarespace", '<script>Static.SQUARESPACE_CONTEXT = {"website":{}};</script>', {}, []),
    ("Webflow", '<meta name="generator" content="Webflow">', {}, []),
    ("Jimdo", "", {"x-jimdo-instance": "abc"}, []),
    ("Jimdo", "", {"x-jimdo-wid": "s1234"}, []),
    ("Jimdo", '<script>var jimdoData = {"isTestserver":false};</script>', {}, []),
    ("e-monsite", '<meta name="generator" content="e-monsite (e-monsite.com)">', {}, []),
    ("Campagnol (Kiosque)", '<meta name="generator" content="Campagnol">', {}, []),
]
PLATFORM_CASES = [  # a builder's runtime, loaded from its own CDN
    ("Wix", "https://static.parastorage.com/services/wix-thunderbolt/dist/main.js", "script"),
    ("Squarespace", "https://assets.squarespace.com/universal/scripts-compressed/common-min.fr-FR.js", "script"),
    ("Webflow", "https://assets.website-files.com/5f2a/js/webflow.4e1d2.js", "script"),
    ("Webflow", "https://assets.website-files.com/5f2a/css/mairie.webflow.a1b2.css", "stylesheet"),
]


@pytest.mark.parametrize("expected,markup", PATH_CASES)
def test_a_path_on_the_sites_own_host_names_its_cms(expected, markup):
    assert name(run(markup.format(host=OWN))) == expected


@pytest.mark.parametrize("expected,markup", PATH_CASES)
def test_the_same_path_on_another_site_is_no_clue(expected, markup):
    s = run(markup.format(host=PARTNER))
    assert (s.value, s.assessment, s.display) == (None, "inconnu", "non identifié")


def test_a_path_on_another_host_of_the_same_registered_domain_counts():
    assert name(run('<img src="https://medias.exemple-commune.fr/wp-content/uploads/logo.png" alt="">')) == "WordPress"


@pytest.mark.parametrize("expected,head,headers,cookies", STRONG_CASES)
def test_generator_header_cookie_or_inline_script_names_its_cms(expected, head, headers, cookies):
    assert name(run(head, headers=headers, cookies=cookies)) == expected


# Licence class of each CMS, as its publisher states it (see the sources in checks/data/cms.yaml);
# None: not established, the signal then stays « inconnu ».
FREE = {"SPIP": True, "WordPress": True, "Drupal": True, "Joomla": True, "TYPO3": True, "Plone": True, "Lutece": True,
        "Ametys": True, "Liferay": None, "Liferay Community Edition": True, "Liferay DXP": False, "Jalios JCMS": False,
        "K-Sup (Kosmos)": None, "Neopse": None, "Kentika": False, "Grav": True, "Hugo": True, "Wix": False,
        "Squarespace": False, "Webflow": False, "Jimdo": False, "e-monsite": False, "Campagnol (Kiosque)": False}
ASSESSMENT = {True: "favorable", False: "defavorable", None: "inconnu"}


@pytest.mark.parametrize("expected,head,headers,cookies", STRONG_CASES)
def test_licence_class_of_each_cms(expected, head, headers, cookies):
    s = run(head, headers=headers, cookies=cookies)
    assert (s.value["free"], s.assessment) == (FREE[expected], ASSESSMENT[FREE[expected]])


@pytest.mark.parametrize("expected,markup", [c for c in PATH_CASES if c[0] in ("TYPO3 (Stratis)", "Publik")])
def test_licence_class_of_the_cms_known_by_their_paths(expected, markup):
    s = run(markup.format(host=OWN))
    assert (s.value["free"], s.assessment) == (True, "favorable")


@pytest.mark.parametrize("expected,url,tag", PLATFORM_CASES)
def test_a_builders_runtime_loaded_from_its_cdn_names_it(expected, url, tag):
    markup = f'<script src="{url}"></script>' if tag == "script" else f'<link rel="stylesheet" href="{url}">'
    assert name(run(markup)) == expected


@pytest.mark.parametrize("expected,url,tag", PLATFORM_CASES)
def test_the_same_cdn_file_as_an_image_or_a_link_is_no_clue(expected, url, tag):
    s = run(f'<img src="{url}" alt=""><a href="{url}">fichier</a>')
    assert s.value is None and s.assessment == "inconnu"


@pytest.mark.parametrize("site,builder", [("https://mairie-exemple.e-monsite.com/", "e-monsite"),
                                          ("https://mairie-exemple.campagnol.fr/", "Campagnol (Kiosque)")])
def test_a_site_hosted_on_its_builders_domain(site, builder):
    p = page(html(head=f'<link rel="stylesheet" href="{site}medias/theme.css">'), url=site, homepage=True)
    assert name(cms.run(observations([p]))) == builder


def test_a_builders_domain_linked_from_elsewhere_is_no_clue():
    s = run('<a href="https://club-de-foot.e-monsite.com/">Le club</a><a href="https://x.campagnol.fr/">X</a>')
    assert s.value is None


@pytest.mark.parametrize("cms_name", ["WordPress", "Drupal", "SPIP", "Joomla", "TYPO3", "Jalios JCMS", "Liferay", "Wix"])
def test_a_page_that_only_names_a_cms_in_its_text_is_no_clue(cms_name):
    s = run(body=f"<h1>{cms_name}</h1><p>Formation {cms_name} : notre site n'utilise pas {cms_name}.</p>")
    assert (s.value, s.assessment, s.display) == (None, "inconnu", "non identifié")


# --- the three cases seen on real sites -------------------------------------------------------------

def test_a_drupal_site_linking_a_partners_wordpress_pdf_is_drupal():
    s = run('<meta name="generator" content="Drupal 10 (https://www.drupal.org)">',
            body=f'<a href="{PARTNER}/wp-content/uploads/2024/05/programme.pdf">Programme</a>')
    assert (name(s), s.value["free"], s.assessment) == ("Drupal", True, "favorable")
    assert s.details["autres_candidats"] == [] and "wp-content" not in " ".join(e.snippet for e in s.evidence)


def test_a_site_without_clue_linking_a_partners_wordpress_pdf_is_inconnu():
    s = run(body=f'<a href="{PARTNER}/wp-content/uploads/2024/05/programme.pdf">Programme</a>')
    assert (s.value, s.assessment) == (None, "inconnu")


def test_a_cdn_hosted_asset_of_another_cms_is_no_clue():
    s = run('<meta name="generator" content="SPIP 4.1">'
            '<script src="https://cdn.jsdelivr.net/gh/theme/wp-includes/js/wp-emoji-release.min.js"></script>'
            '<img src="https://static.wixstatic.com/media/a1b2c3.jpg" alt="">')
    assert name(s) == "SPIP" and s.details["autres_candidats"] == []


# --- how clues are weighed --------------------------------------------------------------------------

@pytest.mark.parametrize("head,headers,cookies", [
    ('<meta name="generator" content="Drupal 10">', {}, []),
    ("", {"x-drupal-cache": "HIT"}, []),
    ("", {}, ["SSESS" + HEX]),
    ('<script>jQuery.extend(Drupal.settings, {"basePath":"\\/"});</script>', {}, []),
])
def test_any_strong_clue_wins_over_another_cms_weak_hint(head, headers, cookies):
    s = run(head + f'<link rel="stylesheet" href="{OWN}/wp-content/themes/x/style.css">', headers=headers, cookies=cookies)
    assert name(s) == "Drupal" and s.details["autres_candidats"] == ["WordPress"]


def test_a_strong_clue_wins_over_two_weak_hints_of_another_cms():
    # Drupal: one header (2 points); Joomla: a path and its hashed cookie (1 + 1), both weak.
    s = run(f'<script src="{OWN}/media/jui/js/jquery.min.js"></script>', headers={"x-drupal-cache": "HIT"},
            cookies=[HEX])
    assert name(s) == "Drupal" and s.details["scores"] == {"Drupal": 2, "Joomla": 2}


def test_weak_hints_of_two_cms_are_inconnu_with_what_was_searched():
    s = run(f'<link rel="stylesheet" href="{OWN}/wp-content/themes/x/style.css">'
            f'<img src="{OWN}/sites/default/files/logo.png" alt="">')
    assert (s.value, s.assessment, s.display) == (None, "inconnu", "non identifié")
    assert s.details["candidats"] == ["Drupal", "WordPress"] and s.searched == {"pages": 1}
    assert "Drupal (path)" in s.reason and "WordPress (path)" in s.reason


def test_a_builders_runtime_is_a_weak_hint_too():
    s = run(f'<link rel="stylesheet" href="{OWN}/wp-content/themes/x/style.css">'
            '<script src="https://static.parastorage.com/services/main.js"></script>')
    assert (s.value, s.details["candidats"]) == (None, ["Wix", "WordPress"])


def test_weak_hints_of_one_cms_decide():
    s = run(f'<link rel="stylesheet" href="{OWN}/wp-content/themes/x/style.css">')
    assert (s.value, s.assessment) == ({"name": "WordPress", "version": None, "free": True}, "favorable")


def test_a_generator_outweighs_a_header():
    s = run('<meta name="generator" content="SPIP 4.2">', headers={"x-drupal-cache": "HIT"})
    assert name(s) == "SPIP" and s.details["scores"] == {"Drupal": 2, "SPIP": 3}


@pytest.mark.parametrize("head,headers,cookies", [
    ("", {"x-drupal-cache": "HIT"}, ["spip_session"]),  # header 2, cookie 2
    ("<script>var themeDisplay = Liferay.ThemeDisplay;</script>", {"composed-by": "SPIP 4.2"}, []),  # inline 2, header 2
])
def test_strong_clues_of_equal_weight_disagreeing_are_inconnu(head, headers, cookies):
    s = run(head, headers=headers, cookies=cookies)
    assert (s.value, s.assessment) == (None, "inconnu") and len(s.details["candidats"]) == 2


@pytest.mark.parametrize("head,headers,cookies", [
    (f'<img src="{OWN}/sites/default/files/a.png" alt="">', {"x-drupal-cache": "HIT"}, []),  # header 2 + path 1
    ('<script src="https://static.parastorage.com/services/main.js"></script>', {"x-wix-request-id": "1"}, []),  # 2 + 1
    ("", {"x-content-encoded-by": "Joomla! 3.10"}, [HEX]),  # header 2 + weak cookie 1
])
def test_a_header_and_a_weak_hint_equal_a_generator(head, headers, cookies):
    s = run('<meta name="generator" content="SPIP 4.2">' + head, headers=headers, cookies=cookies)
    assert (s.value, s.assessment) == (None, "inconnu") and s.details["scores"]["SPIP"] == 3


def test_a_cms_built_on_another_takes_its_clues():
    s = run('<meta name="generator" content="TYPO3 CMS">'
            f'<link rel="stylesheet" href="{OWN}/typo3conf/ext/stratis_site/Resources/Public/Css/main.css">')
    assert (name(s), s.value["free"]) == ("TYPO3 (Stratis)", True)
    assert s.details["indices"] == ["generator", "path"] and s.details["autres_candidats"] == []


def test_liferay_without_its_edition_names_it_but_leaves_the_licence_open():
    s = run(cookies=["GUEST_LANGUAGE_ID", "COOKIE_SUPPORT"])
    assert (s.value, s.assessment) == ({"name": "Liferay", "version": None, "free": None}, "inconnu")
    assert s.display == "Liferay (licence non établie)" and "LGPL" in s.reason


def test_liferay_editions_disagreeing_are_inconnu():
    pages = [page(html(), headers={"liferay-portal": "Liferay Community Edition Portal 7.4.3"}),
             page(html(), url=SITE + "actualites/", headers={"liferay-portal": "Liferay Digital Experience Platform 7.4"})]
    s = cms.run(observations(pages))
    assert s.value is None and s.details["candidats"] == ["Liferay Community Edition", "Liferay DXP"]


def test_liferay_community_edition_takes_the_liferay_clues():
    s = run(headers={"liferay-portal": "Liferay Community Edition Portal 7.4.3.112 CE GA112"}, cookies=["COOKIE_SUPPORT"])
    assert (name(s), s.value["free"], s.assessment) == ("Liferay Community Edition", True, "favorable")
    assert s.details["indices"] == ["cookie", "header"] and s.details["autres_candidats"] == []


def test_liferay_dxp_is_defavorable():
    s = run(headers={"liferay-portal": "Liferay Digital Experience Platform 7.2.10 GA1"}, cookies=["GUEST_LANGUAGE_ID"])
    assert (name(s), s.value["free"], s.assessment) == ("Liferay DXP", False, "defavorable")
    assert s.details["indices"] == ["cookie", "header"]


def test_spip_generator_gives_name_version_and_free():
    s = run('<meta name="generator" content="SPIP 4.2.8">')
    assert s.value == {"name": "SPIP", "version": "4.2.8", "free": True}
    assert (s.assessment, s.display) == ("favorable", "SPIP 4.2.8 (libre)")
    assert 'content="SPIP 4.2.8"' in s.evidence[0].snippet


def test_proprietary_builder_is_defavorable():
    s = run('<meta name="generator" content="Wix.com Website Builder">')
    assert (s.value, s.assessment, s.display) == (
        {"name": "Wix", "version": None, "free": False}, "defavorable", "Wix (propriétaire)")


def test_the_open_data_portal_is_not_the_website():
    portal = page(html(head='<meta name="generator" content="Drupal 9">'), url="https://data.exemple-commune.fr/")
    portal.site = "https://data.exemple-commune.fr/"
    s = cms.run(observations([page(html()), portal], candidate={"opendata": ["https://data.exemple-commune.fr/"]}))
    assert s.value is None and s.searched == {"pages": 2}


def _site(plain_pages: int, clue: str):
    pages = [page(html())] + [page(html(), url=f"{SITE}p{i:02d}/", depth=1) for i in range(plain_pages)]
    return pages + [page(html(head=clue), url=f"{SITE}z/fond/", depth=2)]


def test_the_50_shallowest_pages_are_read():
    clue = '<meta name="generator" content="WordPress 6.4">'
    assert name(cms.run(observations(_site(48, clue)))) == "WordPress"  # the clue is the 50th page
    assert cms.run(observations(_site(49, clue))).value is None  # the 51st


def test_evidence_is_capped_per_cms():
    pages = [page(html(head='<meta name="generator" content="WordPress 6.4">'), url=f"{SITE}p{i}/") for i in range(7)]
    assert len(cms.run(observations(pages)).evidence) == 5


def test_nothing_recognised_is_inconnu_and_says_where_it_looked():
    s = cms.run(observations([page(html()), page(html(), url=SITE + "contact/")]))
    assert (s.value, s.assessment, s.display) == (None, "inconnu", "non identifié")
    assert s.reason == "aucune empreinte de CMS connue (balise generator, chemins, en-têtes, cookies)"
    assert s.searched == {"pages": 2}


def test_unreachable_is_inconnu():
    s = cms.run(observations(reachable=False))
    assert (s.assessment, s.display) == ("inconnu", "indéterminé") and s.reason.startswith("aucune page lue")
