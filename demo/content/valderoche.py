"""Communauté d'agglomération du Val de Roche: an EPCI built for level 3 (WordPress, Matomo)."""
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
