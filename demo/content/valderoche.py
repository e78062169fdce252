"""Communauté d'agglomération du Val de Roche: an EPCI built for level 3 (WordPress, Matomo).

What a browser adds (the rendered pass, issue 22; PROFILE["render"]): its Matomo (analytics.valderoche-
agglo.test, its own server) is configured without `disableCookies`, so `_pk_id` and `_pk_ses` are set on a
first visit; a cookie banner (BANNER_JS, the agency's « Bandeau cookies » plugin: our own code, which keeps
tarteaucitron.js's element ids `tarteaucitronRoot` and `tarteaucitronPersonalize2`) asks before the one
service it governs, the Meta pixel of the recruitment campaigns: accepting loads connect.facebook.net's
fbevents.js, which sets `_fbp` and sends a hit to www.facebook.com, and stores the choice in the cookie
`tarteaucitron`. The services come from a WordPress REST route the static crawl never fetches
(/wp-json/bandeau-cookies/v1/services): the served pages and the banner script name no tracker.
Static effect: one more script in every page's <head> (BANNER_TAG), fetched by the crawl as one of the
site's own scripts: the pages' weight and EcoIndex counts grow by it (counted in expected.yaml).
"""
from __future__ import annotations

import json

from demo.content import LO75_WIN, MSO365, MSO2019
from demo.docgen import png
from demo.sitekit import Page, Site, e, fr_date, paras, ul

HOST = "www.valderoche-agglo.test"
NAME = "Communauté d'agglomération du Val de Roche"
SHORT = "Val de Roche Agglo"
MASTODON = "https://piaille.fr/@valderoche"
FACEBOOK = "https://www.facebook.com/valderoche.agglo"
LINKEDIN = "https://www.linkedin.com/company/valderoche-agglo"

# What a visitor's browser does on the pages of the structured sample (the rendered pass, `--render`, issue 22),
# written by hand from the pages, BANNER_JS and the world's stand-ins (demo/content/standins.py), checked in a
# browser by tests/demo/test_rendered_world.py.
MATOMO_COOKIES = ["_pk_id.1.aa50", "_pk_ses.1.aa50"]  # aa50: sha1("www.valderoche-agglo.test/")[:4], as Matomo names them
_PAGES = {f"http://{HOST}{path}": {"third_party_hosts": [], "cookies": MATOMO_COOKIES, "storage_keys": [],
                                    "axe_rules": [], "rendered_text": False}
          for path in ("/", "/accessibilite/", "/mentions-legales/", "/contact/")}
RENDER = {
    # The structured sample: no personal-data page is linked nor crawled (the banner's text is no page).
    "sample": {"accueil": f"http://{HOST}/", "accessibilite": f"http://{HOST}/accessibilite/",
               "mentions_legales": f"http://{HOST}/mentions-legales/", "contact": f"http://{HOST}/contact/"},
    "pages": _PAGES,
    "third_party_domains": [],  # Matomo is the agglo's own server (same registered domain)
    "trackers_before_consent": [],
    "cookies_before_consent": MATOMO_COOKIES,  # Matomo's audience cookies: exemptable by the CNIL if configured so
    "storage_before_consent": [],
    "scripted_trackers": ["Facebook Pixel", "Matomo"],  # Matomo on first visits; the pixel once accepted
    "not_in_served_html": ["Facebook Pixel"],  # named only by the REST route the banner reads
    "consent": {"url": f"http://{HOST}/", "manager": "tarteaucitron", "selector": "#tarteaucitronPersonalize2",
                "added_hosts": ["connect.facebook.net", "www.facebook.com"],
                "added_domains": ["facebook.com", "facebook.net"],
                "added_cookies": ["_fbp", "tarteaucitron"],  # the pixel's, and the visitor's choice
                "added_trackers": ["Facebook Pixel"]},
    "rendered_text_pages": [],
    "axe_grade": "A",  # no violation on any page, banner shown: every RGAA test axe reaches passes
    # cookies: only Matomo's, which may be exempt (not judged); scripted_trackers: a proprietary tool (the pixel)
    # loaded by a script once accepted (the check counts what the consent visit loads after the click).
    "signals": {"rendered_third_parties": "favorable", "cookies_before_consent": "neutre",
                "scripted_trackers": "defavorable", "axe_accessibility": "favorable"},
}

PROFILE = {
    "level_intended": 3,
    # 2025: the label track; a mixed record (a policy adopted, Matomo, a Fediverse account, but Word documents and
    # a pooling only mentioned): Argent, promotion and sobriety mentions, not pooling.
    "outcome_intended_2025": "argent",
    "mentions_intended_2025": ["promotion", "sobriete"],
    "a11y_mention": "partiellement conforme",
    "cms": {"name": "WordPress", "free": True, "generator": "WordPress 6.4.3"},
    "analytics": ["Matomo"],
    "fediverse": [MASTODON],
    "render": RENDER,
}
# Free software a reader finds named in the main content of the crawlable pages (hand-written,
# checked by build_world): the LibreOffice training news, the shared services page, the legal notice.
FREE_SOFTWARE_NAMES = [
    "Firefox", "LibreOffice",  # /2025/02/20/agents-formes-libreoffice/, /lagglo/services-communs/
    # (Matomo is named only on /mentions-legales/: boilerplate, not a commitment.)
    "QGIS",  # /lagglo/services-communs/
]

MATOMO = """<!-- Matomo -->
<script>
var _paq = window._paq = window._paq || [];
_paq.push(['trackPageView']);
_paq.push(['enableLinkTracking']);
(function() {
  var u = "https://analytics.valderoche-agglo.test/";
  _paq.push(['setTrackerUrl', u + 'matomo.php']);
  _paq.push(['setSiteId', '1']);
  var g = document.createElement('script'); g.async = true; g.src = u + 'matomo.js';
  document.getElementsByTagName('head')[0].appendChild(g);
})();
</script>
<!-- End Matomo Code -->"""

# The consent banner (the « Bandeau cookies » plugin): its script, and the services it governs.
BANNER_PATH = "/wp-content/plugins/bandeau-cookies/bandeau-cookies.js"
BANNER_TAG = f'<script src="{BANNER_PATH}?ver=1.4.2" id="bandeau-cookies-js" defer></script>'
SERVICES_PATH = "/wp-json/bandeau-cookies/v1/services"
META_PIXEL_ID = "1184529637281946"
SERVICES = {"services": [{
    "id": "facebookpixel", "nom": "Pixel Meta (Facebook)",
    "finalite": "Mesure de l'efficacité de nos campagnes de recrutement diffusées sur Facebook et Instagram",
    "src": "https://connect.facebook.net/fr_FR/fbevents.js", "data": {"pixel": META_PIXEL_ID},
}]}
BANNER_JS = """/* Bandeau cookies 1.4.2 (Val de Roche Agglo). The banner keeps the element ids of tarteaucitron.js, whose
   style sheet the agency reused at first; the code is its own. A service runs only once accepted. */
(function () {
  var COOKIE = "tarteaucitron", SIX_MONTHS = 15552000;
  var services = fetch("__SERVICES__").then(function (answer) { return answer.json(); })
    .then(function (config) { return config.services || []; });
  function given() {
    var m = document.cookie.match(/(?:^|; )tarteaucitron=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function remember(list, yes) {
    var value = list.map(function (s) { return "!" + s.id + "=" + (yes ? "true" : "false"); }).join("");
    document.cookie = COOKIE + "=" + encodeURIComponent(value) + "; path=/; max-age=" + SIX_MONTHS + "; SameSite=Lax";
  }
  function run(list) {
    list.forEach(function (s) {
      var tag = document.createElement("script");
      tag.async = true;
      tag.src = s.src;
      Object.keys(s.data || {}).forEach(function (k) { tag.dataset[k] = s.data[k]; });
      document.head.appendChild(tag);
    });
  }
  function banner() {
    var root = document.createElement("div");
    root.id = "tarteaucitronRoot";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Gestion des cookies");
    root.innerHTML = '<div id="tarteaucitronAlertBig" style="position:fixed;bottom:0;left:0;right:0;padding:1em;' +
      'background:#1d2b4f;color:#fff;z-index:1000">' +
      '<p id="tarteaucitronDisclaimerAlert">Avec votre accord, nous mesurons l’efficacité de nos campagnes de ' +
      'recrutement diffusées sur Facebook et Instagram (pixel Meta). Vous pouvez changer d’avis à tout moment.</p>' +
      '<button type="button" id="tarteaucitronPersonalize2" style="background:#fff;color:#1d2b4f">Tout accepter</button> ' +
      '<button type="button" id="tarteaucitronAllDenied2" style="background:#fff;color:#1d2b4f">Tout refuser</button></div>';
    document.body.appendChild(root);
    function choose(yes) {
      services.then(function (list) {
        remember(list, yes);
        root.remove();
        if (yes) run(list);
      });
    }
    document.getElementById("tarteaucitronPersonalize2").addEventListener("click", function () { choose(true); });
    document.getElementById("tarteaucitronAllDenied2").addEventListener("click", function () { choose(false); });
  }
  function start() {
    var choice = given();
    if (choice === null) return banner();
    services.then(function (list) {
      run(list.filter(function (s) { return choice.indexOf("!" + s.id + "=true") !== -1; }));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
""".replace("__SERVICES__", SERVICES_PATH)

NAV = [
    ("L'agglo", "/lagglo/"),
    ("Compétences", "/competences/"),
    ("Actualités", "/actualites/"),
    ("Conseil communautaire", "/conseil-communautaire/"),
    ("Marchés publics", "/marches-publics/"),
    ("Contact", "/contact/"),
]


def layout(site: Site, page: Page) -> str:
    menu = "\n".join(
        f'<li class="menu-item"><a href="{p}">{e(label)}</a></li>' for label, p in site.nav
    )
    crumbs = ""
    if page.path != "/":
        parts = [
            f'<a href="{c.path}">{e("Accueil" if c.path == "/" else c.title)}</a>' for c in site.crumbs(page)[:-1]
        ]
        crumbs = f'<nav class="breadcrumbs" aria-label="Fil d\'Ariane">{" &gt; ".join(parts + [e(page.title)])}</nav>'
    title = f"{page.title} – {SHORT}" if page.path != "/" else f"{SHORT} – {NAME}"
    return f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<link rel="https://api.w.org/" href="/wp-json/">
<link rel="stylesheet" id="valderoche-style-css" href="/wp-content/themes/valderoche/style.css?ver=2.3.1" media="all">
<link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<meta name="generator" content="WordPress 6.4.3">
{MATOMO}
{BANNER_TAG}
</head>
<body class="page-template-default page wp-custom-logo">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Aller au contenu</a>
<header id="masthead" class="site-header">
  <div class="site-branding"><a href="/" rel="home"><img src="/wp-content/uploads/2023/02/logo-valderoche.png" alt="{e(SHORT)}" class="custom-logo"></a>
  <p class="site-title">{e(NAME)}</p></div>
  <nav id="site-navigation" class="main-navigation" aria-label="Menu principal"><ul id="primary-menu" class="menu">
{menu}
  </ul></nav>
</header>
{crumbs}
<main id="primary" class="site-main">
<article class="page type-page"><header class="entry-header"><h1 class="entry-title">{e(page.title)}</h1></header>
<div class="entry-content">
{page.body}
</div></article>
</main>
<footer id="colophon" class="site-footer">
  <p>{e(NAME)} – 12 avenue des Tanneurs – 38998 Roche-sur-Isère – 04 76 98 00 00</p>
  <ul class="social-links">
    <li><a href="{FACEBOOK}">Facebook</a></li>
    <li><a href="{LINKEDIN}">LinkedIn</a></li>
    <li><a href="{MASTODON}" rel="me">Mastodon</a></li>
  </ul>
  <ul class="footer-menu">
    <li><a href="/mentions-legales/">Mentions légales</a></li>
    <li><a href="/accessibilite/">Accessibilité : partiellement conforme</a></li>
    <li><a href="/plan-du-site/">Plan du site</a></li>
    <li><a href="/wp-admin/">Connexion</a></li>
  </ul>
</footer>
</div>
</body>
</html>
"""


NEWS = [
    ("2025/03/12", "nouveau-reseau-rochebus", "Un nouveau réseau Rochebus dès le 7 avril",
     ["Six lignes régulières, un transport à la demande pour les communes rurales et des horaires élargis le samedi."]),
    ("2025/02/20", "agents-formes-libreoffice", "120 agents formés à LibreOffice",
     ["Dans le cadre de la mise en commun des outils bureautiques, 120 agents de l'agglomération et des communes ont suivi une formation à LibreOffice.",
      "Le navigateur Firefox est désormais installé par défaut sur tous les postes."]),
    ("2025/01/28", "collecte-biodechets", "Collecte des biodéchets : c'est parti",
     ["Des bacs marron sont distribués aux foyers de Roche-sur-Isère et de Libreville-sur-Isère."]),
    ("2024/12/05", "fibre-optique-zones-activites", "La fibre dans toutes les zones d'activités",
     ["Les 14 zones d'activités économiques sont désormais raccordées à la fibre optique."]),
    ("2024/11/18", "appel-a-projets-economie-circulaire", "Appel à projets économie circulaire",
     ["Les entreprises du territoire peuvent candidater jusqu'au 31 janvier."]),
]

COMMUNES = ["Roche-sur-Isère", "Libreville-sur-Isère", "Saint-Pancrasse-du-Val", "Montbrison-le-Haut", "Les Essarts-de-Roche",
            "Vaulnaveys-sur-Roche", "Chantemerle", "La Combe-d'Or", "Brié-et-Roche", "Noyarey-le-Vieux"]


def build() -> Site:
    site = Site(HOST, NAME, layout, nav=NAV, robots_disallow=["/wp-admin/", "/?s="])
    site.assets["/wp-content/themes/valderoche/style.css"] = (
        "/*\nTheme Name: Val de Roche\nAuthor: Service communication\nVersion: 2.3.1\n*/\n"
        "body{font-family:sans-serif}.screen-reader-text{position:absolute;left:-9999px}\n"
    ).encode()
    site.assets["/wp-includes/css/dist/block-library/style.min.css"] = b".wp-block-image{margin:0}\n"
    site.assets["/wp-content/uploads/2023/02/logo-valderoche.png"] = png(160, 60, (120, 40, 20))
    site.assets[BANNER_PATH] = BANNER_JS.encode()
    site.assets[SERVICES_PATH + ".json"] = (json.dumps(SERVICES, ensure_ascii=False, indent=1) + "\n").encode()
    site.assets["/wp-json/index.json"] = json.dumps(
        {"name": SHORT, "description": NAME, "url": f"http://{HOST}", "home": f"http://{HOST}",
         "namespaces": ["oembed/1.0", "wp/v2", "wp-site-health/v1"]}, ensure_ascii=False, indent=1).encode()

    up = "/wp-content/uploads"
    rapport = site.doc(f"{up}/2024/06/rapport-activite-2023.pdf", "Rapport d'activité 2023", "Direction générale", "2024-06-14", LO75_WIN,
                       ["L'agglomération a consacré 4,2 millions d'euros à la mobilité et 9,8 millions à la collecte des déchets."])
    cr_dec = site.doc(f"{up}/2024/12/compte-rendu-conseil-2024-12-16.pdf", "Compte rendu du conseil communautaire du 16 décembre 2024",
                      "Secrétariat des assemblées", "2024-12-18", MSO2019, ["54 délégués présents. Adoption du budget primitif 2025."])
    cr_mar = site.doc(f"{up}/2025/03/compte-rendu-conseil-2025-03-10.pdf", "Compte rendu du conseil communautaire du 10 mars 2025",
                      "Secrétariat des assemblées", "2025-03-12", MSO2019, ["51 délégués présents. Adoption de la convention de services communs."])
    delib_dec = site.doc(f"{up}/2024/12/deliberations-2024-12-16.odt", "Délibérations du 16 décembre 2024", "Secrétariat des assemblées",
                         "2024-12-17", LO75_WIN, ["Délibération 2024-118 : budget primitif 2025.", "Délibération 2024-121 : tarifs de la redevance incitative."])
    delib_mar = site.doc(f"{up}/2025/03/deliberations-2025-03-10.odt", "Délibérations du 10 mars 2025", "Secrétariat des assemblées",
                         "2025-03-11", LO75_WIN, ["Délibération 2025-019 : création d'un service commun du numérique avec les communes membres."])
    reglement = site.doc(f"{up}/2025/01/reglement-collecte-dechets.docx", "Règlement de collecte des déchets ménagers", "Pôle environnement",
                         "2025-01-06", MSO365, ["Article 1 : objet du règlement.", "Article 4 : jours et horaires de collecte."])
    dce = site.doc(f"{up}/2025/02/dce-transport-a-la-demande.docx", "Dossier de consultation – transport à la demande", "Commande publique",
                   "2025-02-03", MSO365, ["Marché public de services, procédure adaptée.", "Date limite de remise des offres : 14 mars 2025, 12 h."])
    formulaire = site.doc(f"{up}/2024/11/formulaire-aide-entreprises.docx", "Formulaire de candidature – appel à projets économie circulaire",
                          "Développement économique", "2024-11-15", MSO365, ["Raison sociale :", "Description du projet :"])
    tarifs = site.doc(f"{up}/2024/12/tarifs-redevance-2025.xlsx", "Tarifs de la redevance incitative 2025", "Pôle environnement", "2024-12-17",
                      MSO365, rows=[["Volume du bac", "Part fixe (€)", "Levée (€)"], ["80 L", 98, 2.1], ["120 L", 121, 3.2], ["240 L", 176, 6.4]])
    horaires = site.doc(f"{up}/2025/01/horaires-decheteries.xlsx", "Horaires des déchèteries", "Pôle environnement", "2025-01-02", MSO365,
                        rows=[["Déchèterie", "Lundi", "Samedi"], ["Roche-sur-Isère", "9h-12h / 14h-18h", "9h-18h"], ["Chantemerle", "fermé", "9h-12h"]])
    admin_doc = site.doc(f"{up}/2024/09/procedure-publication-interne.docx", "Procédure interne de publication", "Service communication",
                         "2024-09-10", MSO365, ["Usage interne."])

    site.add("/", SHORT, paras(
        f"La {NAME} réunit {len(COMMUNES)} communes et 58 000 habitants.")
        + "<h2>Actualités</h2>\n"
        + ul([site.link(f"/{d}/{s}/", t) for d, s, t, _ in NEWS[:3]] + ['<a href="/actualites/">Toutes les actualités</a>'])
        + "<h2>En un clic</h2>\n"
        + ul(['<a href="/competences/dechets/">Déchets et déchèteries</a>', '<a href="/competences/mobilites/">Rochebus</a>',
              '<a href="/lagglo/services-communs/">Services communs</a>']))

    for d, s, t, texts in NEWS:
        y, m, dd = d.split("/")
        site.add(f"/{d}/{s}/", t, f'<p class="posted-on">Publié le {fr_date(f"{y}-{m}-{dd}")}</p>\n' + paras(*texts), parent="/actualites/")
    site.add("/actualites/", "Actualités", ul([site.link(f"/{d}/{s}/", t) for d, s, t, _ in NEWS]))

    lagglo = [
        ("communes-membres", "Les communes membres", paras("L'agglomération regroupe les communes suivantes :") + ul(COMMUNES)),
        ("gouvernance", "Gouvernance", paras("Le conseil communautaire compte 62 délégués. Le président est Jean-Marc Delorme, maire de Roche-sur-Isère.")),
        ("projet-de-territoire", "Projet de territoire 2021-2026", paras(
            "Le projet de territoire fixe trois priorités : la transition écologique, l'emploi et la cohésion entre villes et villages.",
            "Rapport d'activité : " + rapport)),
        ("services-communs", "Services communs avec les communes", paras(
            "Depuis 2023, l'agglomération et ses communes membres développent la mutualisation de leurs services : instruction du droit des sols, "
            "commande publique, informatique et systèmes d'information.",
            "Le service commun du numérique, créé le 10 mars 2025, porte la stratégie numérique du territoire : postes de travail équipés de LibreOffice et Firefox, "
            "cartographie partagée sous QGIS, hébergement commun des sites internet des communes.")),
    ]
    for s, t, b in lagglo:
        site.add(f"/lagglo/{s}/", t, b, parent="/lagglo/")
    site.add("/lagglo/", "L'agglo", ul([site.link(f"/lagglo/{s}/") for s, *_ in lagglo]))

    comp = [
        ("dechets", "Déchets", paras("Collecte des ordures ménagères, du tri et des biodéchets ; six déchèteries.", "Règlement : " + reglement,
                                     "Tarifs : " + tarifs, "Horaires : " + horaires)),
        ("eau-assainissement", "Eau et assainissement", paras("L'agglomération gère la production et la distribution de l'eau potable pour 10 communes.")),
        ("mobilites", "Mobilités", paras("Le réseau Rochebus, le transport à la demande et les abris vélos sécurisés.")),
        ("developpement-economique", "Développement économique", paras("Accueil des entreprises, zones d'activités, appel à projets.", formulaire)),
        ("habitat", "Habitat", paras("Aides à la rénovation énergétique et programme local de l'habitat.")),
    ]
    for s, t, b in comp:
        site.add(f"/competences/{s}/", t, b, parent="/competences/")
    site.add("/competences/", "Compétences", ul([site.link(f"/competences/{s}/") for s, *_ in comp]))

    seances = [("2024-12-16", [delib_dec, cr_dec]), ("2025-03-10", [delib_mar, cr_mar])]
    for d, docs in seances:
        site.add(f"/conseil-communautaire/seance-du-{d}/", f"Séance du {fr_date(d)}", paras(
            f"Le conseil communautaire s'est réuni le {fr_date(d)} à 18 h 30 à l'hôtel communautaire.") + ul(docs), parent="/conseil-communautaire/")
    site.add("/conseil-communautaire/", "Conseil communautaire", paras("Les séances sont publiques.")
             + ul([site.link(f"/conseil-communautaire/seance-du-{d}/") for d, _ in seances]))
    site.add("/marches-publics/", "Marchés publics", paras("Consultations en cours :") + ul([dce]))
    site.add("/contact/", "Contact", paras("Hôtel communautaire, 12 avenue des Tanneurs, 38998 Roche-sur-Isère.",
                                         "Du lundi au vendredi, 8 h 30 – 17 h. Téléphone : 04 76 98 00 00."))
    site.add("/mentions-legales/", "Mentions légales", paras(
        f"Éditeur : {NAME}. Directeur de la publication : Jean-Marc Delorme, président.",
        "Hébergement : OVH SAS, 2 rue Kellermann, 59100 Roubaix.", "Mesure d'audience : Matomo."))
    site.add("/accessibilite/", "Accessibilité", paras(
        f"La {NAME} s'engage à rendre son site internet accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
        "État de conformité : le site est partiellement conforme avec le RGAA version 4.1.",
        "Résultats des tests : l'audit réalisé en mars 2023 révèle que 61 % des critères sont respectés.",
        "Établissement de cette déclaration : 4 avril 2023."))
    site.add("/wp-admin/", "Connexion", paras("Identifiez-vous pour accéder au tableau de bord.") + ul([admin_doc]), parent=None)
    plan = ul([site.link(p.path, "Accueil" if p.path == "/" else p.title) for p in sorted(site.pages.values(), key=lambda p: p.path)
               if p.path != "/wp-admin/"])
    site.add("/plan-du-site/", "Plan du site", plan)
    return site
