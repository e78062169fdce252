"""Petit-Bourg-en-Causse: a village of ~800 inhabitants built for level 1 (site builder, closed formats).

Quality is deliberately uneven: no ``lang`` attribute, images without ``alt``, the same
``<title>`` on most pages, and for accessibility only the legal minimum: « non conforme » in the footer and
a declaration published as a Word-made PDF (demo/extensions/documents.py).

What a browser adds (the rendered pass, issue 22; PROFILE["render"]): the site builder's runtime
(WIX_RUNTIME_JS, served by the world's stand-in of siteassets.parastorage.com) draws on every page an
icon-only menu button, a social bar whose link is an image without alternative and a search field without
label; its style sheet (WIX_CSS) greys the footer text below any legible contrast; Google Analytics'
analytics.js, loaded by the page's inline snippet, sets `_ga`, `_gid` and `_gat` before any consent (the
site has no consent manager). The legal notice (/mentions-legales/) is published as an empty shell that
the runtime fills from its page model (SCRIPT_RENDERED): its served HTML has no text at all; rendered, it
names the syndicate whose pooled IT keeps the commune's data, a pooling only the rendered text shows.
Static effect (counted in expected.yaml, no hand-written value changes): the static crawl reads the legal
notice as an empty page (found by its address all the same), so the pages with images or fields are 25, not
26 (img_alt, form_labels), that page's EcoIndex is A (the others' E: the median is unchanged) and its
images' host static.wixstatic.com is on 25 pages; the rendered pass reads its text again.
"""
from __future__ import annotations

from demo.content import MSO2016
from demo.sitekit import Page, Site, e, paras, ul

HOST = "www.petit-bourg.test"
NAME = "Petit-Bourg-en-Causse"
FACEBOOK = "https://www.facebook.com/mairiepetitbourgencausse"
WIX_IMG = "https://static.wixstatic.com/media/7f3a21_{0}~mv2.jpg/v1/fill/w_980,h_420,al_c,q_85/{1}.jpg"

FREE_SOFTWARE_NAMES: list[str] = []  # the village's site names no software at all

# The site builder's style sheet and runtime, served by the world's stand-ins (demo/content/standins.py).
WIX_CSS_URL = "https://static.parastorage.com/services/wix-thunderbolt/dist/main.7c8e3a1.min.css"
WIX_RUNTIME_URL = "https://siteassets.parastorage.com/pages/pages/thunderbolt"  # in every page's head (extensions/sobriety.py)
# Pages published as an empty shell that the runtime fills from their page model, a JSON file the static
# crawl never fetches (build_world writes both: the page's <head> as usual, its <body> in the model).
SCRIPT_RENDERED = {"/mentions-legales/": {
    "model": "/_api/v2/pages/mentions-legales.json",
    "body": '<div id="SITE_CONTAINER" data-page-model="/_api/v2/pages/mentions-legales.json">'
            '<main id="PAGES_CONTAINER"></main></div>\n'
            '<noscript><p>Activez JavaScript pour afficher cette page. <a href="/">Accueil</a></p></noscript>'}}
WIX_CSS = """/* Demo-world stand-in for the site builder's style sheet: NOT Wix's. */
body{margin:0;font-family:"Helvetica Neue",Arial,sans-serif;color:#222;background:#fff}
#SITE_FOOTER p,.font_8{color:#b5b5b5;font-size:13px}
.burger{background:none;border:0;padding:4px;cursor:pointer}
.social-bar{list-style:none;display:inline-flex;margin:0 8px;padding:0}
"""
WIX_RUNTIME_JS = """/* Demo-world stand-in for the Wix runtime of the site 7f3a21 (Petit-Bourg-en-Causse): NOT Wix's code.
   It draws what the builder adds to every page (menu button, social bar, search field) and, on a page
   published as an empty shell, the page itself from its model. */
(function () {
  var facebook = "__FACEBOOK__";
  function widgets() {
    var header = document.getElementById("SITE_HEADER");
    if (!header || document.getElementById("comp-burger")) return;
    header.insertAdjacentHTML("beforeend",
      '<button id="comp-burger" class="burger" type="button"><svg width="24" height="24" viewBox="0 0 24 24">' +
      '<path d="M3 6h18M3 12h18M3 18h18" stroke="#333" stroke-width="2"></path></svg></button>' +
      '<ul class="social-bar"><li><a href="' + facebook + '" target="_blank">' +
      '<img src="https://static.wixstatic.com/media/0fdef751204647a3bbd7eaa2827ed4f9.png/v1/fill/w_24,h_24/facebook.png">' +
      '</a></li></ul><div class="search-box"><input type="search" name="q"></div>');
  }
  function start() {
    var shell = document.querySelector("#SITE_CONTAINER[data-page-model]");
    if (!shell) return widgets();
    fetch(shell.getAttribute("data-page-model")).then(function (answer) { return answer.json(); })
      .then(function (model) { shell.outerHTML = model.html; widgets(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
""".replace("__FACEBOOK__", FACEBOOK)

# What a visitor's browser does on the pages of the structured sample (the rendered pass, `--render`, issue 22),
# written by hand from the pages, WIX_RUNTIME_JS, WIX_CSS and the world's stand-ins (demo/content/standins.py),
# checked in a browser by tests/demo/test_rendered_world.py. No accessibility page is crawled (the declaration
# is a PDF) nor any personal-data page. Every page, the legal notice once rendered included, is the same.
_HOSTS = ["browser.sentry-cdn.com", "siteassets.parastorage.com", "static.parastorage.com",  # the builder's
          "static.wixstatic.com",  # its images (the banner, the logo, the social bar's icon)
          "www.google-analytics.com"]  # analytics.js (by the inline snippet) and its hit
_COOKIES = ["_ga", "_gat", "_gid"]
# axe-core 4.12.1, on purpose: the menu button without a name (button-name), the grey footer text
# (color-contrast), no lang (html-has-lang), images without alt (image-alt: banner, logo, social icon), the
# search field without label (label), the social link whose only content is that icon (link-name); and,
# as built, no <h1> (page-has-heading-one).
_AXE = ["button-name", "color-contrast", "html-has-lang", "image-alt", "label", "link-name", "page-has-heading-one"]
_P = {"accueil": "/", "mentions_legales": "/mentions-legales/", "contact": "/contact/"}
RENDER = {
    "sample": {reason: f"http://{HOST}{path}" for reason, path in _P.items()},
    "pages": {f"http://{HOST}{path}": {
        "third_party_hosts": sorted(_HOSTS + (["maps.google.com"] if reason == "contact" else [])),  # the map
        "cookies": _COOKIES, "storage_keys": [], "axe_rules": _AXE, "rendered_text": path in SCRIPT_RENDERED}
        for reason, path in _P.items()},
    "third_party_domains": ["google-analytics.com", "google.com", "parastorage.com", "sentry-cdn.com", "wixstatic.com"],
    "trackers_before_consent": ["Google Analytics"],
    "cookies_before_consent": _COOKIES,
    "storage_before_consent": [],
    "scripted_trackers": ["Google Analytics"],  # analytics.js, asked for by the inline snippet, and its hit
    "not_in_served_html": [],
    "consent": None,  # no consent manager
    # The legal notice's served HTML has no text (its body is the empty shell); rendered, it names the syndicate
    # whose pooled IT keeps the commune's data: a pooling (signal mutualisation) only the rendered text shows.
    "rendered_text_pages": [f"http://{HOST}{path}" for path in SCRIPT_RENDERED],
    "rendered_text_sample": "informatique mutualisée",
    # RGAA tests failed: 1.1.1, 3.2.1, 6.2.1, 8.3.1, 11.1.1, 11.9.1 on every page; 10 passed on the structured
    # pages, 11 with some others: 62.5 to 64.7 % whatever pages are drawn.
    "axe_grade": "E",
    "signals": {"rendered_third_parties": "defavorable", "cookies_before_consent": "defavorable",
                "scripted_trackers": "defavorable", "axe_accessibility": "defavorable"},
}

PROFILE = {
    "level_intended": 1,
    # 2025: the badge track (its choice, in the candidates file); a Wix site with Google Analytics and no
    # declaration: the evidence does not support even the badge.
    "outcome_intended_2025": "aucun",
    "mentions_intended_2025": [],
    "a11y_mention": "non conforme",  # the footer link added by demo/extensions/documents.py
    "cms": {"name": "Wix", "free": False, "generator": "Wix.com Website Builder"},
    "analytics": ["Google Analytics"],
    "fediverse": [],
    "render": RENDER,
}

GA = """<script>
(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){
(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),
m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)
})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');
ga('create', 'UA-81234567-1', 'auto');
ga('send', 'pageview');
</script>"""

NAV = [
    ("Accueil", "/"),
    ("La mairie", "/mairie/"),
    ("Vie du village", "/vie-du-village/"),
    ("Actualités", "/actualites/"),
    ("Tourisme", "/tourisme/"),
    ("Contact", "/contact/"),
]

# Most pages keep the builder's default title: duplicate titles are part of the picture.
DEFAULT_TITLE = "Accueil | Mairie de Petit-Bourg"


def layout(site: Site, page: Page) -> str:
    menu = "".join(f'<li><a href="{p}" data-testid="linkElement">{e(label)}</a></li>' for label, p in site.nav)
    title = page.extra_title if hasattr(page, "extra_title") else DEFAULT_TITLE
    img = WIX_IMG.format(f"{sum(map(ord, page.path)):08x}", "bandeau")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="generator" content="Wix.com Website Builder">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<link rel="preconnect" href="https://static.wixstatic.com">
<link rel="stylesheet" href="{WIX_CSS_URL}">
{GA}
</head>
<body>
<div id="SITE_CONTAINER"><div id="masterPage">
<header id="SITE_HEADER"><img src="https://static.wixstatic.com/media/7f3a21_logo~mv2.png/v1/fill/w_120,h_120/logo.png">
<p class="font_0">Mairie de {e(NAME)}</p>
<nav id="comp-menu"><ul>{menu}</ul></nav></header>
<main id="PAGES_CONTAINER"><div class="page-content">
<img src="{img}">
<h2 class="font_2">{e(page.title)}</h2>
{page.body}
</div></main>
<footer id="SITE_FOOTER">
<p>Mairie – Le Bourg – 46999 Petit-Bourg-en-Causse – 05 65 00 00 00</p>
<p><a href="{FACEBOOK}" target="_blank">Retrouvez-nous sur Facebook</a></p>
<p><a href="/mentions-legales/">Mentions légales</a> | <a href="/plan-du-site/">Plan du site</a> | <a href="/espace-membres/">Espace membres</a></p>
<p>© 2023 par Mairie de Petit-Bourg. Créé avec Wix.com</p>
</footer>
</div></div>
</body>
</html>
"""


def build() -> Site:
    site = Site(HOST, NAME, layout, nav=NAV, robots_disallow=["/espace-membres/", "/*?lightbox="])
    site.extra["script_rendered"] = SCRIPT_RENDERED
    u = "/_files/ugd"
    cr1 = site.doc(f"{u}/7f3a21_4e8b0c2d1f6a4b9e.docx", "Compte rendu conseil municipal 14 février 2025", "Secrétaire de mairie", "2025-02-17", MSO2016,
                   ["Présents : 9 conseillers sur 11.", "Vote du compte administratif 2024 : adopté à l'unanimité."])
    cr2 = site.doc(f"{u}/7f3a21_9a1c3e5f7b2d4f60.docx", "Compte rendu conseil municipal 5 décembre 2024", "Secrétaire de mairie", "2024-12-09", MSO2016,
                   ["Présents : 10 conseillers sur 11.", "Travaux de voirie du chemin des Combes."])
    salle = site.doc(f"{u}/7f3a21_2b4d6f8a0c1e3a5c.doc", "Contrat de location de la salle des fêtes", "Mairie", "2018-05-02", None)
    cantine = site.doc(f"{u}/7f3a21_5c7e9a1b3d5f7a9c.xls", "Menus de la cantine", "Mairie", "2025-01-06", None)
    bulletin = site.doc(f"{u}/7f3a21_0d2f4a6c8e1b3d5f.pdf", "Bulletin municipal n° 31", "Mairie", "2024-12-20", MSO2016,
                        ["Le mot du maire. Les travaux de l'église sont terminés. Repas des aînés le 12 janvier."])
    site.doc(f"{u}/7f3a21_8e0a2c4e6a8c0e2a.docx", "Annuaire des membres", "Mairie", "2023-03-01", MSO2016, ["Liste interne."])

    news = [
        ("repas-des-aines", "Repas des aînés", "Le repas des aînés aura lieu le dimanche 12 janvier à la salle des fêtes."),
        ("travaux-eglise", "Travaux de l'église", "La toiture de l'église Saint-Martin est refaite. Merci aux donateurs !"),
        ("coupure-eau", "Coupure d'eau", "Coupure d'eau le mardi 18 mars de 9 h à 12 h route de Gramat."),
        ("bulletin", "Bulletin municipal", "Le nouveau bulletin est disponible : " + bulletin),
    ]
    for slug, t, text in news:
        site.add(f"/post/{slug}/", t, paras(text), parent="/actualites/")
    site.add("/actualites/", "Actualités", ul([site.link(f"/post/{s}/", t) for s, t, _ in news]))
    mairie = [
        ("horaires", "Horaires", paras("Le secrétariat est ouvert le lundi et le jeudi de 9 h à 12 h.")),
        ("conseil-municipal", "Conseil municipal", paras("Le maire : Bernard Lacombe. 11 conseillers municipaux.")),
        ("comptes-rendus", "Comptes rendus", ul([cr1, cr2])),
        ("etat-civil", "État civil", paras("Pour toute demande d'acte, adressez-vous au secrétariat.")),
        ("urbanisme", "Urbanisme", paras("Le village est soumis à la carte communale approuvée en 2012.")),
        ("dechets", "Déchets", paras("Ramassage des ordures le mercredi. Point de tri près du cimetière.")),
    ]
    for s, t, b in mairie:
        site.add(f"/mairie/{s}/", t, b, parent="/mairie/")
    site.add("/mairie/", "La mairie", ul([site.link(f"/mairie/{s}/") for s, *_ in mairie]))
    vie = [
        ("ecole", "École", paras("L'école du RPI Causse-Vallée accueille 34 enfants.")),
        ("cantine", "Cantine", paras("Les menus du mois : " + cantine)),
        ("associations", "Associations", paras("Comité des fêtes, club des aînés, société de chasse, foyer rural.")),
        ("salle-des-fetes", "Salle des fêtes", paras("Location : 150 € le week-end pour les habitants. " + salle)),
    ]
    for s, t, b in vie:
        site.add(f"/vie-du-village/{s}/", t, b, parent="/vie-du-village/")
    site.add("/vie-du-village/", "Vie du village", ul([site.link(f"/vie-du-village/{s}/") for s, *_ in vie]))
    tour = [
        ("patrimoine", "Patrimoine", paras("L'église Saint-Martin (XIIe siècle), le lavoir et les cazelles du causse.")),
        ("randonnees", "Randonnées", paras("Trois boucles balisées au départ de la place du village.")),
        ("hebergements", "Hébergements", paras("Deux gîtes et une chambre d'hôtes.")),
    ]
    for s, t, b in tour:
        site.add(f"/tourisme/{s}/", t, b, parent="/tourisme/")
    site.add("/tourisme/", "Tourisme", ul([site.link(f"/tourisme/{s}/") for s, *_ in tour]))
    site.add("/", "Bienvenue à Petit-Bourg-en-Causse", paras(
        "Bienvenue sur le site de la mairie de Petit-Bourg-en-Causse, village de 812 habitants sur le causse de Gramat.")
        + ul([site.link(f"/post/{s}/", t) for s, t, _ in news[:2]]))
    site.add("/contact/", "Contact", paras("Mairie, Le Bourg, 46999 Petit-Bourg-en-Causse. mairie.petitbourg@orange.test"))
    site.add("/copie-de-contact/", "Contact", paras("Mairie, Le Bourg, 46999 Petit-Bourg-en-Causse. Tél. 05 65 00 00 00"), parent="/contact/")
    site.pages["/contact/"].body += paras(site.link("/copie-de-contact/", "Nous écrire"))
    # Served as an empty shell (SCRIPT_RENDERED): this text only exists once the runtime has rendered the page.
    site.add("/mentions-legales/", "Mentions légales", paras(
        "Site de la mairie de Petit-Bourg-en-Causse. Hébergé par Wix.com Ltd.",
        "Éditeur : Mairie de Petit-Bourg-en-Causse, Le Bourg, 46999 Petit-Bourg-en-Causse. Directeur de la "
        "publication : Bernard Lacombe, maire.",
        "Hébergeur : Wix.com Ltd., 40 Namal Tel Aviv Street, Tel Aviv 6350671, Israël. Les données de la mairie "
        "(état civil, comptabilité) restent sur l'informatique mutualisée du syndicat mixte Causse Numérique.",
        "Photographies : mairie de Petit-Bourg-en-Causse, sauf mention contraire. Toute reproduction du "
        "contenu de ce site est soumise à l'accord préalable de la mairie."))
    site.add("/espace-membres/", "Espace membres", paras("Connectez-vous.", '<a href="/_files/ugd/7f3a21_8e0a2c4e6a8c0e2a.docx">Annuaire des membres</a>'), parent=None)
    site.add("/plan-du-site/", "Plan du site", ul([site.link(p.path, p.title) for p in sorted(site.pages.values(), key=lambda p: p.path)
                                                  if p.path != "/espace-membres/"]))
    # A few pages got a proper title; the rest keep the builder's default one.
    for path, t in [("/contact/", "Contact | Mairie de Petit-Bourg"), ("/actualites/", "Actualités | Mairie de Petit-Bourg"),
                    ("/tourisme/", "Tourisme | Mairie de Petit-Bourg")]:
        site.pages[path].extra_title = t  # type: ignore[attr-defined]
    return site
