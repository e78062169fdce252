"""Département de la Haute-Garrigue: built for level 2 (Jalios JCMS, Google Analytics, closed formats).

What a browser adds (the rendered pass, issue 22; PROFILE["render"]): the tags in the served HTML run
before any consent (the site has no consent manager). gtag.js sets `_ga` and `_ga_HG4R7T2Q9Z` and sends
its hit to region1.google-analytics.com; the Tag Manager container GTM-K7HG2PX, which the inline snippet
loads, injects Hotjar (GTM_CONTAINER_TAGS), named nowhere in the served pages: cookies `_hjSessionUser_…`,
`_hjSession_…` and two storage keys. The world serves these hosts with stand-ins of ours
(demo/content/standins.py); the served pages are unchanged.
"""
from __future__ import annotations

from demo.content import MSO365
from demo.docgen import png
from demo.sitekit import Page, Site, e, fr_date, paras, ul

HOST = "www.haute-garrigue.test"
NAME = "Département de la Haute-Garrigue"
GA_ID = "G-HG4R7T2Q9Z"
GTM_ID = "GTM-K7HG2PX"
# What the Tag Manager container injects once loaded (configured in Google's interface, never in the pages):
# a Hotjar heat-map tag, added for the 2024 redesign and never removed.
HOTJAR_ID = "3612874"
GTM_CONTAINER_TAGS = [f"https://static.hotjar.com/c/hotjar-{HOTJAR_ID}.js?sv=6"]
SOCIAL = [
    ("Facebook", "https://www.facebook.com/HauteGarrigue"),
    ("X (Twitter)", "https://twitter.com/HauteGarrigue"),
    ("YouTube", "https://www.youtube.com/@departementhautegarrigue"),
    ("Instagram", "https://www.instagram.com/hautegarrigue/"),
]

# What a visitor's browser does on the pages of the structured sample (the rendered pass, `--render`, issue 22),
# written by hand from the pages, GTM_CONTAINER_TAGS and the world's stand-ins (demo/content/standins.py),
# checked in a browser by tests/demo/test_rendered_world.py. Every page runs the same tags.
_HOSTS = ["cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com",  # extensions/sobriety.py's CDNs
          "fonts.googleapis.com",  # extensions/third_parties.py's Google Fonts
          "region1.google-analytics.com",  # gtag.js's hit
          "static.hotjar.com",  # injected by the Tag Manager container
          "www.googletagmanager.com"]  # gtag.js (in the HTML), gtm.js (by the inline snippet)
_COOKIES = ["_ga", "_ga_HG4R7T2Q9Z", f"_hjSessionUser_{HOTJAR_ID}", f"_hjSession_{HOTJAR_ID}"]  # code-point order
_STORAGE = ["hjActiveViewportIds", "hjViewportId"]  # Hotjar's, local and session
# axe-core 4.12.1: Hotjar's feedback tab shows an icon without alternative (image-alt) on every page; the
# layout has no <main> nor landmarks around its header and menu (landmark-one-main, region).
_AXE = ["image-alt", "landmark-one-main", "region"]
_P = {"accueil": "/", "accessibilite": "/jcms/p_10031/fr/accessibilite/",
      "mentions_legales": "/jcms/p_10030/fr/mentions-legales/", "donnees_personnelles": "/jcms/p_10033/fr/cookies/",
      "contact": "/jcms/p_10028/fr/contact/"}
RENDER = {
    "sample": {reason: f"http://{HOST}{path}" for reason, path in _P.items()},
    "pages": {f"http://{HOST}{path}": {
        "third_party_hosts": sorted(_HOSTS + (["www.google.com"] if reason == "contact" else [])),  # the map
        "cookies": _COOKIES, "storage_keys": _STORAGE, "axe_rules": _AXE, "rendered_text": False}
        for reason, path in _P.items()},
    "third_party_domains": ["cloudflare.com", "google-analytics.com", "google.com", "googleapis.com",
                            "googletagmanager.com", "hotjar.com", "jquery.com", "jsdelivr.net"],
    "trackers_before_consent": ["Google Analytics", "Google Tag Manager", "Hotjar"],
    "cookies_before_consent": _COOKIES,
    "storage_before_consent": _STORAGE,
    # gtm.js (asked for by the inline snippet), Hotjar (by gtm.js), GA's hit (by gtag.js).
    "scripted_trackers": ["Google Analytics", "Google Tag Manager", "Hotjar"],
    "not_in_served_html": ["Hotjar"],
    "consent": None,  # no consent manager: the « Gestion des cookies » page only lists them
    "rendered_text_pages": [],
    # RGAA tests failed: 1.1.1 (image-alt) and 9.2.1 (region) on every page, 16 passed: 88.9 % whatever pages are
    # drawn (all the site's pages give the same tests).
    "axe_grade": "C",
    "signals": {"rendered_third_parties": "defavorable", "cookies_before_consent": "defavorable",
                "scripted_trackers": "defavorable", "axe_accessibility": "neutre"},
}

PROFILE = {
    "level_intended": 2,
    # 2025: the label track; a proprietary, tracked site of a département (which asks more of each tier): no tier,
    # no mention.
    "outcome_intended_2025": "aucun",
    "mentions_intended_2025": [],
    "a11y_mention": "non conforme",
    "cms": {"name": "Jalios JCMS", "free": False, "generator": "Jalios JCMS"},
    "analytics": ["Google Analytics", "Google Tag Manager"],
    "fediverse": [],
    "render": RENDER,
}
# Free software a reader finds in the pages (no <main>: the body without nav/footer, hand-written,
# checked by build_world): only the browsers recommended on the accessibility page. OpenTripPlanner,
# linked by extensions/registries.py, is free software but not in the tool's catalogue.
# Firefox is named only among the browsers its accessibility page recommends: boilerplate, not a commitment.
FREE_SOFTWARE_NAMES: list[str] = []

TRACKERS = f"""<!-- Google Tag Manager -->
<script>(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':new Date().getTime(),event:'gtm.js'}});
var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;
j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);
}})(window,document,'script','dataLayer','{GTM_ID}');</script>
<!-- End Google Tag Manager -->
<script async src="https://www.googletagmanager.com/gtag/js?id={GA_ID}"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date());
  gtag('config', '{GA_ID}');
</script>"""

# JCMS-style addresses: /jcms/<id>/fr/<slug>/
P = {
    "departement": "/jcms/p_10021/fr/le-departement/",
    "solidarites": "/jcms/p_10022/fr/solidarites/",
    "colleges": "/jcms/p_10023/fr/colleges/",
    "routes": "/jcms/p_10024/fr/routes-et-mobilites/",
    "culture": "/jcms/p_10025/fr/culture-sport-tourisme/",
    "actualites": "/jcms/p_10026/fr/actualites/",
    "aides": "/jcms/p_10027/fr/aides-et-demarches/",
    "contact": "/jcms/p_10028/fr/contact/",
}
NAV = [
    ("Le Département", P["departement"]),
    ("Solidarités", P["solidarites"]),
    ("Collèges", P["colleges"]),
    ("Routes", P["routes"]),
    ("Culture, sport, tourisme", P["culture"]),
    ("Actualités", P["actualites"]),
    ("Aides et démarches", P["aides"]),
    ("Contact", P["contact"]),
]


def layout(site: Site, page: Page) -> str:
    menu = "".join(f'<li><a href="{p}">{e(label)}</a></li>' for label, p in site.nav)
    crumbs = ""
    if page.path != "/":
        chain = site.crumbs(page)
        crumbs = '<div class="breadcrumb">' + " / ".join(
            [f'<a href="{c.path}">{e("Accueil" if c.path == "/" else c.title)}</a>' for c in chain[:-1]] + [f"<span>{e(page.title)}</span>"]
        ) + "</div>"
    social = "".join(f'<li><a href="{u}" target="_blank">{e(n)}</a></li>' for n, u in SOCIAL)
    title = f"{page.title} - Haute-Garrigue, le Département" if page.path != "/" else "Haute-Garrigue, le Département"
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="UTF-8">
<title>{e(title)}</title>
<meta name="generator" content="Jalios JCMS">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/s.css?jcms_v=10.0.7" type="text/css">
<link rel="stylesheet" href="/css/jalios/core/jalios-core.css" type="text/css">
{TRACKERS}
</head>
<body class="body-page">
<noscript><iframe src="https://www.googletagmanager.com/ns.html?id={GTM_ID}" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
<div class="header"><a href="/"><img src="/upload/images/logo-haute-garrigue.png" alt="Département de la Haute-Garrigue"></a>
<ul class="menu">{menu}</ul></div>
{crumbs}
<div class="main" id="main"><h1>{e(page.title)}</h1>
{page.body}
</div>
<div class="footer">
<p>Hôtel du Département – 2 cours Gambetta – 99000 Garrigue-la-Ville</p>
<ul class="social">{social}</ul>
<ul class="legal"><li><a href="/jcms/p_10030/fr/mentions-legales/">Mentions légales</a></li>
<li><a href="/jcms/p_10031/fr/accessibilite/">Accessibilité : non conforme</a></li>
<li><a href="/jcms/p_10032/fr/plan-du-site/">Plan du site</a></li>
<li><a href="/jcms/p_10033/fr/cookies/">Gestion des cookies</a></li>
<li><a href="/admin/">Extranet des agents</a></li></ul>
</div>
</body>
</html>
"""


def build() -> Site:
    site = Site(HOST, NAME, layout, nav=NAV, robots_disallow=["/admin/", "/jcms/p_10040/"])
    site.assets["/s.css"] = b"body{font-family:Arial,sans-serif}\n"
    site.assets["/css/jalios/core/jalios-core.css"] = b".breadcrumb{font-size:.9em}\n"
    site.assets["/upload/images/logo-haute-garrigue.png"] = png(180, 70, (170, 20, 60))

    def d(name: str, ym: str, ext: str) -> str:
        mime = {"pdf": "pdf", "docx": "vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pptx": "vnd.openxmlformats-officedocument.presentationml.presentation", "doc": "msword"}[ext]
        return f"/upload/docs/application/{mime}/{ym}/{name}.{ext}"

    author = "Département de la Haute-Garrigue"
    docs = {
        "reglement_aides": site.doc(d("reglement-aides-communes", "2024-03", "docx"), "Règlement des aides aux communes 2024", author, "2024-03-04", MSO365,
                                    ["Le Département accompagne les communes de moins de 2 000 habitants dans leurs investissements."]),
        "dossier_aide": site.doc(d("dossier-demande-aide", "2024-03", "docx"), "Dossier de demande d'aide", author, "2024-03-04", MSO365,
                                 ["Nom de la commune :", "Nature de l'opération :", "Plan de financement :"]),
        "transport": site.doc(d("inscription-transport-scolaire", "2024-06", "docx"), "Formulaire d'inscription au transport scolaire", author,
                              "2024-06-10", MSO365, ["Nom et prénom de l'élève :", "Établissement fréquenté :"]),
        "apa": site.doc(d("demande-apa", "2023-11", "docx"), "Demande d'allocation personnalisée d'autonomie", author, "2023-11-20", MSO365,
                        ["Le dossier est à retourner à la Maison départementale de l'autonomie."]),
        "bourse": site.doc(d("bourse-jeunes-talents", "2025-01", "docx"), "Bourse départementale jeunes talents", author, "2025-01-08", MSO365,
                           ["Candidatures jusqu'au 30 avril 2025."]),
        "budget": site.doc(d("budget-primitif-2025", "2025-02", "xlsx"), "Budget primitif 2025 – principaux postes", author, "2025-02-03", MSO365,
                           rows=[["Politique", "Montant (M€)"], ["Solidarités", 212.4], ["Routes", 48.9], ["Collèges", 31.2], ["Culture et sport", 9.7]]),
        "colleges_xlsx": site.doc(d("effectifs-colleges-2024", "2024-10", "xlsx"), "Effectifs des collèges publics 2024-2025", author, "2024-10-01",
                                  MSO365, rows=[["Collège", "Commune", "Élèves"], ["Jean-Moulin", "Garrigue-la-Ville", 642], ["Les Cistes", "Saint-Loup", 388]]),
        "travaux_xlsx": site.doc(d("programme-travaux-routes-2025", "2025-01", "xlsx"), "Programme de travaux routiers 2025", author, "2025-01-15",
                                 MSO365, rows=[["Route", "Section", "Période"], ["RD 12", "Saint-Loup – Les Mazets", "avril-mai"], ["RD 7", "Col de la Croix", "septembre"]]),
        "pptx_plan": site.doc(d("plan-mandat-2021-2028", "2022-01", "pptx"), "Plan de mandat 2021-2028", author, "2022-01-24", MSO365,
                              ["Un Département solidaire", "Un Département qui investit", "Un Département attractif"]),
        "pptx_routes": site.doc(d("presentation-schema-routier", "2023-05", "pptx"), "Schéma routier départemental", author, "2023-05-12", MSO365,
                                ["Diagnostic du réseau", "Priorités 2023-2030"]),
        "rapport": site.doc(d("rapport-activite-2023", "2024-06", "pdf"), "Rapport d'activité 2023", author, "2024-06-20", MSO365,
                            ["En 2023, le Département a consacré 212 millions d'euros aux solidarités."]),
        "guide": site.doc(d("guide-des-aides-2025", "2025-01", "pdf"), "Guide des aides départementales 2025", author, "2025-01-20", MSO365,
                          ["Ce guide présente l'ensemble des aides aux particuliers, aux associations et aux communes."]),
        "charte": site.doc(d("charte-graphique", "2019-09", "doc"), "Charte d'utilisation du logo départemental", author, "2019-09-01", None),
        "intranet": site.doc(d("annuaire-interne", "2024-01", "xlsx"), "Annuaire interne des services", author, "2024-01-05", MSO365,
                             rows=[["Service", "Poste"], ["Direction des routes", "4120"]]),
    }

    news = [
        ("p_10101", "plan-grand-froid", "2025-01-10", "Plan grand froid : le Département mobilisé",
         ["Les équipes des routes sont en alerte pour le déneigement des 2 400 km de routes départementales."]),
        ("p_10102", "budget-2025", "2025-02-05", "Budget 2025 : priorité aux solidarités",
         ["Le budget primitif 2025 s'élève à 402 millions d'euros. " + docs["budget"]]),
        ("p_10103", "college-jean-moulin", "2024-09-02", "Rentrée au collège Jean-Moulin rénové",
         ["Après deux ans de travaux, le collège accueille 642 élèves dans des locaux rénovés."]),
        ("p_10104", "jeunes-talents", "2025-01-08", "Bourse jeunes talents : candidatez",
         ["Sportifs, artistes, créateurs de 16 à 25 ans : " + docs["bourse"]]),
    ]
    for pid, slug, date, title, texts in news:
        site.add(f"/jcms/{pid}/fr/{slug}/", title, f'<p class="date">{fr_date(date)}</p>' + paras(*texts), parent=P["actualites"])
    site.add(P["actualites"], "Actualités", ul([site.link(f"/jcms/{pid}/fr/{slug}/", t) for pid, slug, _, t, _ in news]))

    sub = {
        "departement": [
            ("p_10201", "president", "Le président", paras("Le Département est présidé par Hélène Castagnier depuis 2021.")),
            ("p_10202", "assemblee", "L'assemblée départementale", paras("34 conseillers départementaux élus dans 17 cantons.", docs["pptx_plan"])),
            ("p_10203", "syndicat-haute-garrigue-numerique", "Syndicat mixte Haute-Garrigue Numérique", paras(
                "Le Département est membre fondateur du syndicat mixte Haute-Garrigue Numérique, chargé du déploiement de la fibre optique.",
                "Cette mutualisation des moyens avec les intercommunalités a permis de raccorder 96 % des foyers.")),
            ("p_10204", "rapport-activite", "Rapport d'activité", paras("Découvrez l'action du Département en 2023.", docs["rapport"])),
        ],
        "solidarites": [
            ("p_10301", "autonomie", "Personnes âgées et autonomie", paras("Allocation personnalisée d'autonomie : " + docs["apa"])),
            ("p_10302", "enfance-famille", "Enfance et famille", paras("Protection maternelle et infantile, aide sociale à l'enfance, assistants familiaux.")),
            ("p_10303", "insertion", "Insertion et RSA", paras("Le Département accompagne 7 800 allocataires du RSA.")),
        ],
        "colleges": [
            ("p_10401", "liste-colleges", "Les collèges publics", paras("24 collèges publics accueillent 14 000 élèves.", docs["colleges_xlsx"])),
            ("p_10402", "transport-scolaire", "Transport scolaire", paras("Inscriptions jusqu'au 15 juillet : " + docs["transport"])),
        ],
        "routes": [
            ("p_10501", "travaux", "Travaux en cours", paras("Programme 2025 : " + docs["travaux_xlsx"], docs["pptx_routes"])),
            ("p_10502", "viabilite-hivernale", "Viabilité hivernale", paras("Conditions de circulation mises à jour chaque matin à 7 h.")),
        ],
        "culture": [
            ("p_10601", "archives", "Archives départementales", paras("Salle de lecture ouverte du mardi au vendredi.")),
            ("p_10602", "sport", "Sport", paras("Aides aux clubs et aux manifestations sportives.")),
        ],
        "aides": [
            ("p_10701", "aides-communes", "Aides aux communes", paras(docs["reglement_aides"], docs["dossier_aide"])),
            ("p_10702", "guide-des-aides", "Guide des aides", paras(docs["guide"], "Ancienne charte : " + docs["charte"])),
        ],
    }
    for key, items in sub.items():
        for pid, slug, title, body in items:
            site.add(f"/jcms/{pid}/fr/{slug}/", title, body, parent=P[key])
        label = dict((p, l) for l, p in NAV)[P[key]]
        site.add(P[key], label, ul([site.link(f"/jcms/{pid}/fr/{slug}/") for pid, slug, *_ in items]))

    site.add("/", "Haute-Garrigue, le Département", paras("Bienvenue sur le site du Département de la Haute-Garrigue.")
             + "<h2>À la une</h2>" + ul([site.link(f"/jcms/{pid}/fr/{slug}/", t) for pid, slug, _, t, _ in news[:3]]))
    site.add(P["contact"], "Contact", paras("Hôtel du Département, 2 cours Gambetta, 99000 Garrigue-la-Ville. Standard : 04 99 00 00 00."))
    site.add("/jcms/p_10030/fr/mentions-legales/", "Mentions légales", paras(
        f"Éditeur : {NAME}. Directrice de la publication : Hélène Castagnier.",
        "Hébergement : Jalios SA. Ce site utilise Google Analytics pour mesurer l'audience."))
    site.add("/jcms/p_10031/fr/accessibilite/", "Accessibilité", paras(
        "Le Département de la Haute-Garrigue s'engage à rendre son site internet accessible.",
        "État de conformité : le site est non conforme avec le RGAA. Aucun audit de conformité n'a encore été réalisé.",
        "Navigateurs recommandés : Microsoft Edge, Google Chrome ou Firefox dans leur dernière version."))
    site.add("/jcms/p_10033/fr/cookies/", "Gestion des cookies", paras(
        "Ce site dépose des cookies de mesure d'audience (Google Analytics) et de partage sur les réseaux sociaux."))
    site.add("/admin/", "Extranet des agents", paras("Accès restreint.") + ul([docs["intranet"]]), parent=None)
    plan = ul([site.link(p.path, "Accueil" if p.path == "/" else p.title) for p in sorted(site.pages.values(), key=lambda p: p.path)
               if p.path != "/admin/"])
    site.add("/jcms/p_10032/fr/plan-du-site/", "Plan du site", plan)
    return site
