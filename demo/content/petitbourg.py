"""Petit-Bourg-en-Causse: a village of ~800 inhabitants built for level 1 (site builder, closed formats).

Quality is deliberately uneven: no ``lang`` attribute, images without ``alt``, the same
``<title>`` on most pages, and for accessibility only the legal minimum: « non conforme » in the footer and
a declaration published as a Word-made PDF (demo/extensions/documents.py).
"""
from __future__ import annotations

from demo.content import MSO2016
from demo.sitekit import Page, Site, e, paras, ul

HOST = "www.petit-bourg.test"
NAME = "Petit-Bourg-en-Causse"
FACEBOOK = "https://www.facebook.com/mairiepetitbourgencausse"
WIX_IMG = "https://static.wixstatic.com/media/7f3a21_{0}~mv2.jpg/v1/fill/w_980,h_420,al_c,q_85/{1}.jpg"

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
}
FREE_SOFTWARE_NAMES: list[str] = []  # the village's site names no software at all

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
<link rel="stylesheet" href="https://static.parastorage.com/services/wix-thunderbolt/dist/main.7c8e3a1.min.css">
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
    site.add("/mentions-legales/", "Mentions légales", paras("Site de la mairie de Petit-Bourg-en-Causse. Hébergé par Wix.com Ltd."))
    site.add("/espace-membres/", "Espace membres", paras("Connectez-vous.", '<a href="/_files/ugd/7f3a21_8e0a2c4e6a8c0e2a.docx">Annuaire des membres</a>'), parent=None)
    site.add("/plan-du-site/", "Plan du site", ul([site.link(p.path, p.title) for p in sorted(site.pages.values(), key=lambda p: p.path)
                                                  if p.path != "/espace-membres/"]))
    # A few pages got a proper title; the rest keep the builder's default one.
    for path, t in [("/contact/", "Contact | Mairie de Petit-Bourg"), ("/actualites/", "Actualités | Mairie de Petit-Bourg"),
                    ("/tourisme/", "Tourisme | Mairie de Petit-Bourg")]:
        site.pages[path].extra_title = t  # type: ignore[attr-defined]
    return site
