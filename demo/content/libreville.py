"""Libreville-sur-Isère: a commune built to reach level 5 (SPIP, Matomo, fediverse, ODF)."""
from __future__ import annotations

from demo.content import LO76_CALC, LO76_LINUX, MSO365, TAGGED_PDF
from demo.docgen import png
from demo.sitekit import Page, Site, e, fr_date, paras, ul

HOST = "www.libreville-isere.test"
NAME = "Libreville-sur-Isère"
MASTODON = "https://mastodon.social/@libreville"
PEERTUBE = "https://tube.libreville-isere.test/c/conseil/videos"
MAIRIE = "Mairie de Libreville-sur-Isère"

# What a visitor's browser does on the pages of the structured sample (the rendered pass, `--render`, issue 22),
# written by hand from the pages and the world's stand-ins (demo/content/standins.py), checked in a browser by
# tests/demo/test_rendered_world.py. The exemplary site stays so once rendered: its Matomo (its own server,
# stats.libreville-isere.test) is loaded by the inline snippet with `disableCookies`: no cookie, no storage,
# no third party; axe-core 4.12.1 finds no violation on any of its pages.
_PAGES = {f"http://{HOST}{path}": {"third_party_hosts": [], "cookies": [], "storage_keys": [], "axe_rules": [],
                                    "rendered_text": False}
          for path in ("/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/contact/")}
RENDER = {
    # The structured sample: the homepage, then what its links say (crawler/render_pass.py).
    "sample": {"accueil": f"http://{HOST}/", "accessibilite": f"http://{HOST}/accessibilite/",
               "mentions_legales": f"http://{HOST}/mentions-legales/",
               "donnees_personnelles": f"http://{HOST}/donnees-personnelles/", "contact": f"http://{HOST}/contact/"},
    "pages": _PAGES,
    "third_party_domains": [],
    "trackers_before_consent": [],
    "cookies_before_consent": [],
    "storage_before_consent": [],
    "scripted_trackers": ["Matomo"],  # matomo.js, asked for by the inline snippet, from the commune's own host
    "not_in_served_html": [],
    "consent": None,  # no consent manager: nothing needs consent
    "rendered_text_pages": [],
    "axe_grade": "A",  # no violation on any page: every RGAA test axe reaches passes, whatever pages are drawn
    "signals": {"rendered_third_parties": "favorable", "cookies_before_consent": "favorable",
                "scripted_trackers": "favorable", "axe_accessibility": "favorable"},
}

PROFILE = {
    "level_intended": 5,
    # 2025: the label track, and the exemplary site of the world: Or, and every mention the evidence can speak for.
    "outcome_intended_2025": "or",
    "mentions_intended_2025": ["mutualisation", "promotion", "sobriete"],
    "a11y_mention": "partiellement conforme",
    "cms": {"name": "SPIP", "free": True, "generator": "SPIP 4.2.8"},
    "analytics": ["Matomo"],
    "fediverse": [MASTODON, PEERTUBE],
    "render": RENDER,
}
# Free software a reader finds named in the main content of the crawlable pages below (menus and
# footers left out), with the tool catalogue's spelling; written by hand, checked by build_world.
FREE_SOFTWARE_NAMES = [
    "Audacity", "GIMP",  # /services/mediatheque/
    "Debian", "GNU/Linux", "VLC",  # /actualites/install-party-mediatheque/ (also /ville-numerique/logiciels-libres/)
    "Firefox", "LibreOffice", "Thunderbird",  # install party, médiathèque, atelier vie privée, logiciels libres
    "Jitsi",  # /services/espace-public-numerique/, /ville-numerique/logiciels-libres/
    # (Matomo is named only on /mentions-legales/: a legal notice's audience-measurement line, boilerplate.)
    "Moodle",  # /actualites/ecoles-primtux/
    "Nextcloud", "openAssainissement",  # /ville-numerique/logiciels-libres/
    "openCimetière", "openMairie",  # /demarches/cimetiere/, /ville-numerique/logiciels-libres/
    "PeerTube",  # /actualites/conseil-en-video/ and the council sessions
    "PrimTux",  # the news list, /actualites/ecoles-primtux/, /services/ecoles/
    "QGIS",  # /demarches/urbanisme/, /ville-numerique/logiciels-libres/
]

MATOMO = """<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['disableCookies']);
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {
    var base = "https://stats.libreville-isere.test/";
    _paq.push(['setTrackerUrl', base + 'matomo.php']);
    _paq.push(['setSiteId', '3']);
    var tag = document.createElement('script');
    tag.async = true; tag.src = base + 'matomo.js';
    document.head.appendChild(tag);
  })();
</script>"""

NAV = [
    ("Actualités", "/actualites/"),
    ("Agenda", "/agenda/"),
    ("Démarches", "/demarches/"),
    ("Conseil municipal", "/conseil-municipal/"),
    ("Services", "/services/"),
    ("Ville numérique", "/ville-numerique/"),
    ("Contact", "/contact/"),
]


def layout(site: Site, page: Page) -> str:
    current = ' aria-current="page"'
    nav = "\n".join(
        f'      <li><a href="{p}"{current if page.path.startswith(p) else ""}>{e(label)}</a></li>'
        for label, p in site.nav
    )
    crumbs = ""
    if page.path != "/":
        items = []
        for c in site.crumbs(page):
            if c is page:
                items.append(f'<li aria-current="page">{e(c.title)}</li>')
            else:
                items.append(f'<li><a href="{c.path}">{e("Accueil" if c.path == "/" else c.title)}</a></li>')
        crumbs = f'<nav class="ariane" aria-label="Fil d\'Ariane"><ol>{"".join(items)}</ol></nav>'
    title = f"{page.title} - {NAME}" if page.path != "/" else f"Ville de {NAME} - site officiel"
    desc = page.description or f"Site officiel de la commune de {NAME} (Isère)."
    return f"""<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<title>{e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(desc)}">
<meta name="generator" content="SPIP 4.2.8">
<link rel="stylesheet" href="/squelettes/css/libreville.css" type="text/css">
<link rel="icon" href="/squelettes/images/favicon.png" type="image/png">
<link rel="me" href="{MASTODON}">
{MATOMO}
</head>
<body class="page_{'sommaire' if page.path == '/' else 'article'}">
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header role="banner" class="entete">
  <a href="/" class="logo"><img src="/IMG/logo/siteon0.png" alt="Ville de {NAME} – retour à l'accueil" width="120" height="60"></a>
  <p class="slogan">Ville de {NAME} · Isère</p>
  <form action="/recherche/" method="get" role="search"><label for="q">Rechercher</label> <input id="q" name="recherche" type="search"></form>
</header>
<nav class="menu-principal" aria-label="Menu principal">
    <ul>
{nav}
    </ul>
</nav>
{crumbs}
<main id="contenu" role="main">
<h1>{e(page.title)}</h1>
{page.body}
</main>
<footer role="contentinfo" class="pied">
  <p class="adresse">{MAIRIE} · 1 place de la République · 38999 Libreville-sur-Isère · 04 76 99 12 34</p>
  <p class="reseaux">Suivez-nous : <a href="{MASTODON}" rel="me">Mastodon</a> · <a href="{PEERTUBE}">nos vidéos sur PeerTube</a> · <a href="/actualites/lettre-d-information/">Lettre d'information</a></p>
  <ul class="liens-legaux">
    <li><a href="/mentions-legales/">Mentions légales</a></li>
    <li><a href="/accessibilite/">Accessibilité : partiellement conforme</a></li>
    <li><a href="/donnees-personnelles/">Données personnelles</a></li>
    <li><a href="/plan-du-site/">Plan du site</a></li>
    <li><a href="http://data.libreville-isere.test/">Données ouvertes</a></li>
    <li><a href="/ecrire/">Espace rédacteurs</a></li>
  </ul>
</footer>
</body>
</html>
"""


NEWS = [
    (
        "install-party-mediatheque",
        "2025-03-08",
        "Install party à la médiathèque : donnez une seconde vie à votre ordinateur",
        [
            "Samedi 5 avril, de 10 h à 17 h, l'espace public numérique de la médiathèque Louise-Michel "
            "accueille une install party organisée avec l'association Isère Libre.",
            "Les bénévoles installeront Debian GNU/Linux sur les ordinateurs que vous apporterez, avec "
            "LibreOffice, Firefox, Thunderbird et VLC. Pensez à sauvegarder vos données avant de venir.",
            "Entrée libre, inscription conseillée auprès de la médiathèque.",
        ],
    ),
    (
        "ecoles-primtux",
        "2025-02-14",
        "Les écoles passent à PrimTux",
        [
            "Pendant les vacances d'hiver, les 42 ordinateurs des écoles Jean-Jaurès et des Tilleuls ont "
            "été réinstallés avec PrimTux, une distribution GNU/Linux conçue pour l'école primaire.",
            "Ce choix, fait avec les enseignants et la circonscription, prolonge la durée de vie des "
            "machines de cinq ans au moins. Les élèves de CM2 retrouvent aussi leurs cours sur la "
            "plateforme Moodle de l'académie.",
        ],
    ),
    (
        "conseil-en-video",
        "2025-01-30",
        "Le conseil municipal en direct et en replay",
        [
            "Depuis janvier, chaque séance du conseil municipal est retransmise en direct puis "
            f'publiée sur <a href="{PEERTUBE}">la chaîne PeerTube de la commune</a>, hébergée par nos soins '
            "et sans publicité.",
            "Les comptes rendus et les délibérations restent consultables sur la page "
            '<a href="/conseil-municipal/">Conseil municipal</a>.',
        ],
    ),
    (
        "travaux-ecole-jean-jaures",
        "2025-01-16",
        "Rénovation énergétique de l'école Jean-Jaurès",
        [
            "Les travaux d'isolation des façades et de remplacement des menuiseries débuteront le "
            "14 avril pour une durée de quatre mois. Les classes resteront ouvertes pendant le chantier.",
        ],
    ),
    (
        "budget-participatif-2025",
        "2024-12-12",
        "Budget participatif 2025 : les projets retenus",
        [
            "Vous avez été 1 184 à voter. Sept projets seront réalisés en 2025, dont un atelier de "
            "réparation de vélos et des bancs connectés au réseau de prêt de livres.",
        ],
    ),
    (
        "lettre-d-information",
        "2024-11-05",
        "Abonnez-vous à la lettre d'information",
        [
            "Chaque mois, la lettre d'information municipale vous résume l'actualité de la ville. "
            "Elle est envoyée avec un outil libre hébergé sur les serveurs de la commune, sans "
            "traçage des ouvertures.",
        ],
    ),
]

EVENTS = [
    ("repair-cafe", "2025-04-12", "Repair café", "Salle des fêtes, de 14 h à 18 h. Venez réparer petit électroménager, vélos et ordinateurs avec les bénévoles."),
    (
        "atelier-vie-privee",
        "2025-04-24",
        "Atelier : protéger sa vie privée en ligne",
        "À l'espace public numérique : régler Firefox, chiffrer ses courriels avec Thunderbird et choisir un moteur de recherche respectueux.",
    ),
    ("fete-de-la-musique", "2025-06-21", "Fête de la musique", "Scènes ouvertes place de la République et dans le parc des Tilleuls à partir de 18 h."),
]

SEANCES = [
    ("seance-2025-01-28", "2025-01-28", "Séance du 28 janvier 2025"),
    ("seance-2025-03-18", "2025-03-18", "Séance du 18 mars 2025"),
    ("seance-2025-06-24", "2025-06-24", "Séance du 24 juin 2025"),
]


def build() -> Site:
    site = Site(HOST, NAME, layout, nav=NAV, robots_disallow=["/ecrire/", "/recherche/"])
    site.assets["/squelettes/css/libreville.css"] = (
        "body{font-family:Marianne,Arial,sans-serif;margin:0}.skip-link{position:absolute;left:-999px}"
        ".skip-link:focus{left:1em}nav ul{display:flex;gap:1em;list-style:none}\n"
    ).encode()
    site.assets["/squelettes/images/favicon.png"] = png(16, 16, (0, 102, 153))
    site.assets["/IMG/logo/siteon0.png"] = png(120, 60, (0, 102, 153))

    # Documents (mostly ODF, produced with LibreOffice on GNU/Linux).
    delib_jan = site.doc(
        "/IMG/odt/deliberations-2025-01-28.odt", "Délibérations du conseil municipal du 28 janvier 2025",
        "Service des assemblées", "2025-01-29", LO76_LINUX,
        ["Délibération n° 2025-001 : adoption du schéma directeur du numérique 2025-2030.",
         "Délibération n° 2025-002 : renouvellement de l'adhésion à l'ADULLACT.",
         "Délibération n° 2025-003 : convention de mutualisation du service informatique avec la communauté d'agglomération du Val de Roche."],
    )
    delib_mar = site.doc(
        "/IMG/odt/deliberations-2025-03-18.odt", "Délibérations du conseil municipal du 18 mars 2025",
        "Service des assemblées", "2025-03-19", LO76_LINUX,
        ["Délibération n° 2025-014 : vote du budget primitif 2025.",
         "Délibération n° 2025-015 : tarifs de la restauration scolaire et du périscolaire."],
    )
    cr_jan = site.doc(
        "/IMG/pdf/compte-rendu-2025-01-28.pdf", "Compte rendu du conseil municipal du 28 janvier 2025",
        MAIRIE, "2025-01-30", LO76_LINUX,
        ["Présents : 27 conseillers. Secrétaire de séance : M. Karim Benali.",
         "Le conseil adopte à l'unanimité le schéma directeur du numérique 2025-2030."],
        pdf_options=TAGGED_PDF,
    )
    cr_mar = site.doc(
        "/IMG/pdf/compte-rendu-2025-03-18.pdf", "Compte rendu du conseil municipal du 18 mars 2025",
        MAIRIE, "2025-03-20", LO76_LINUX,
        ["Présents : 25 conseillers, 2 pouvoirs. Le budget primitif 2025 est adopté par 22 voix pour et 5 contre."],
        pdf_options=TAGGED_PDF,
    )
    planning = site.doc(
        "/IMG/pdf/planning-travaux-ecole-jean-jaures.pdf", "Planning des travaux de l'école Jean-Jaurès",
        "Services techniques", "2025-01-10", LO76_LINUX,
        ["Phase 1 (14 avril - 30 mai) : isolation des façades nord et est.",
         "Phase 2 (2 juin - 8 août) : remplacement des menuiseries et de la chaufferie."],
    )
    pluriannuel = site.doc(
        "/IMG/pdf/schema-pluriannuel-accessibilite-2024-2026.pdf",
        "Schéma pluriannuel de mise en accessibilité numérique 2024-2026",
        "Direction du numérique", "2024-02-01", LO76_LINUX,
        ["Le présent schéma fixe les actions de mise en conformité au RGAA des sites et services en ligne de la commune.",
         "Audit annuel, formation des rédacteurs, clause d'accessibilité dans tous les marchés publics."],
        pdf_options=TAGGED_PDF,
    )
    schema_odt = site.doc(
        "/IMG/odt/schema-directeur-numerique-2025-2030.odt", "Schéma directeur du numérique 2025-2030",
        "Direction du numérique", "2024-12-02", LO76_LINUX,
        ["Axe 1 : des services publics en ligne accessibles, sobres et fondés sur des logiciels libres.",
         "Axe 2 : mutualiser les moyens avec l'agglomération et les communes voisines.",
         "Axe 3 : ouvrir les données publiques et contribuer aux communs numériques.",
         "Axe 4 : former les agents et accompagner les habitants."],
    )
    schema_odp = site.doc(
        "/IMG/odp/presentation-schema-directeur.odp", "Présentation du schéma directeur du numérique",
        "Direction du numérique", "2025-01-20", LO76_LINUX,
        ["Pourquoi un schéma directeur ?", "Quatre axes, vingt-deux actions", "Calendrier 2025-2030"],
    )
    budget_ods = site.doc(
        "/IMG/ods/resultats-budget-participatif-2025.ods", "Résultats du budget participatif 2025",
        "Démocratie locale", "2024-12-10", LO76_CALC,
        rows=[["Projet", "Quartier", "Votes", "Coût (€)"],
              ["Atelier de réparation de vélos", "Centre", 412, 18000],
              ["Boîtes à livres", "Les Tilleuls", 356, 4500],
              ["Jardin partagé", "Le Moulin", 298, 12000],
              ["Fontaine à eau", "Gare", 118, 9000]],
    )
    tarifs_ods = site.doc(
        "/IMG/ods/tarifs-periscolaires-2025.ods", "Tarifs de la restauration scolaire et du périscolaire 2025",
        "Service enfance", "2025-03-19", LO76_CALC,
        rows=[["Quotient familial", "Repas (€)", "Accueil du matin (€)", "Accueil du soir (€)"],
              ["0 - 500", 1.0, 0.5, 0.8], ["501 - 900", 2.6, 0.9, 1.4], ["901 - 1400", 3.9, 1.2, 1.9], ["> 1400", 4.8, 1.5, 2.3]],
    )
    subv_rows = [
        ["association", "objet", "montant_eur", "annee"],
        ["Isère Libre", "Ateliers numériques et install parties", "1500", "2024"],
        ["Union sportive libreventine", "Fonctionnement", "8200", "2024"],
        ["Les Amis de la médiathèque", "Festival du livre jeunesse", "2300", "2024"],
        ["Repair café des Tilleuls", "Achat d'outillage", "900", "2024"],
        ["Harmonie municipale", "Fonctionnement", "4100", "2024"],
    ]
    subv_csv = site.doc(
        "/IMG/csv/subventions-associations-2024.csv", "Subventions aux associations 2024",
        "Finances", "2025-01-15", None,
        raw=("\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in subv_rows) + "\n").encode("utf-8"),
    )
    convention_docx = site.doc(
        "/IMG/docx/convention-mutualisation-service-informatique.docx",
        "Convention de mutualisation du service informatique (projet transmis par l'agglomération)",
        "Communauté d'agglomération du Val de Roche", "2024-11-18", MSO365,
        ["Entre la communauté d'agglomération du Val de Roche et la commune de Libreville-sur-Isère.",
         "Article 1 : objet. La présente convention organise la mise en commun du service informatique.",
         "Article 5 : les logiciels libres développés ou adaptés dans le cadre de la convention sont publiés sous licence libre."],
    )
    guide_odt = site.doc(
        "/IMG/odt/guide-interne-redacteurs.odt", "Guide interne des rédacteurs du site",
        "Service communication", "2024-09-02", LO76_LINUX,
        ["Règles de rédaction, d'accessibilité des contenus et de dépôt des documents en format ouvert."],
    )

    # Homepage.
    latest = "\n".join(
        f'<article class="breve"><h3><a href="/actualites/{slug}/">{e(t)}</a></h3>'
        f'<p class="date">{fr_date(d)}</p></article>'
        for slug, d, t, _ in NEWS[:4]
    )
    site.add(
        "/",
        f"Ville de {NAME}",
        paras(
            f"Bienvenue sur le site de la ville de {NAME}, 9 800 habitants, au cœur de la vallée de l'Isère.",
        )
        + "\n<section class=\"a-la-une\"><h2>À la une</h2>\n"
        + latest
        + "\n<p><a href=\"/actualites/\">Toutes les actualités</a></p></section>\n"
        + "<section class=\"acces-rapides\"><h2>Accès rapides</h2>\n"
        + ul([
            site.link("/demarches/", "Vos démarches en ligne"),
            site.link("/agenda/", "Agenda des sorties"),
            site.link("/ville-numerique/schema-directeur/", "Le schéma directeur du numérique"),
            '<a href="http://data.libreville-isere.test/">Le portail des données ouvertes</a>',
        ])
        + "\n</section>",
    )

    # News.
    for slug, date, title, texts in NEWS[:-1]:
        body = f'<p class="date">Publié le {fr_date(date)}</p>\n' + paras(*texts)
        if slug == "travaux-ecole-jean-jaures":
            body += "\n<p>" + planning + "</p>"
        if slug == "budget-participatif-2025":
            body += "\n<p>" + budget_ods + "</p>"
        site.add(f"/actualites/{slug}/", title, body, parent="/actualites/")
    site.add(
        "/actualites/lettre-d-information/",
        "Abonnez-vous à la lettre d'information",
        paras(*NEWS[-1][3]) + '\n<form action="/actualites/lettre-d-information/" method="post">'
        '<label for="courriel">Votre adresse électronique</label> <input type="email" id="courriel" name="courriel">'
        ' <button type="submit">S\'abonner</button></form>',
        parent="/actualites/",
    )
    site.add(
        "/actualites/",
        "Actualités",
        ul([f'{site.link(f"/actualites/{s}/", t)} <span class="date">{fr_date(d)}</span>' for s, d, t, _ in NEWS]),
    )

    # Agenda.
    for slug, date, title, text in EVENTS:
        site.add(f"/agenda/{slug}/", title, f'<p class="date">Le {fr_date(date)}</p>\n' + paras(text), parent="/agenda/")
    site.add("/agenda/", "Agenda", ul([f'{fr_date(d)} : {site.link(f"/agenda/{s}/", t)}' for s, d, t, _ in EVENTS]))

    # Démarches.
    demarches = [
        ("etat-civil", "État civil", paras(
            "Actes de naissance, de mariage et de décès : faites votre demande en ligne, elle est traitée sous 48 heures.",
            "Cartes d'identité et passeports : sur rendez-vous uniquement, du lundi au vendredi.")),
        ("urbanisme", "Urbanisme", paras(
            "Les demandes d'autorisation d'urbanisme peuvent être déposées en ligne sur le guichet numérique des autorisations d'urbanisme, mis en place avec l'agglomération.",
            "Le plan local d'urbanisme intercommunal est consultable dans l'atlas cartographique réalisé avec QGIS.")),
        ("inscriptions-scolaires", "Inscriptions scolaires et périscolaires", paras(
            "Les inscriptions pour la rentrée 2025 sont ouvertes du 3 mars au 11 avril.",
            "Tarifs 2025 : " + tarifs_ods)),
        ("cimetiere", "Cimetière communal", paras(
            "La gestion des concessions est assurée avec openCimetière, logiciel libre de la suite openMairie.",
            "Pour acheter ou renouveler une concession, adressez-vous au service état civil.")),
    ]
    for slug, title, body in demarches:
        site.add(f"/demarches/{slug}/", title, body, parent="/demarches/")
    site.add("/demarches/", "Démarches", paras("Retrouvez ici les démarches les plus fréquentes.") + ul([site.link(f"/demarches/{s}/") for s, *_ in demarches]))

    # Conseil municipal.
    seance_docs = {"seance-2025-01-28": [delib_jan, cr_jan], "seance-2025-03-18": [delib_mar, cr_mar, tarifs_ods]}
    for slug, date, title in SEANCES:
        docs = seance_docs.get(slug)
        body = paras(f"Le conseil municipal s'est réuni le {fr_date(date)} à 19 h 30, salle du conseil.") if docs else paras(
            f"Prochaine séance le {fr_date(date)} à 19 h 30. L'ordre du jour sera publié huit jours avant.")
        if docs:
            body += "\n<h2>Documents</h2>\n" + ul(docs)
        body += "\n" + paras(f'Revoir la séance sur <a href="{PEERTUBE}">PeerTube</a>.')
        site.add(f"/conseil-municipal/{slug}/", title, body, parent="/conseil-municipal/")
    site.add(
        "/conseil-municipal/",
        "Conseil municipal",
        paras("Le conseil municipal compte 29 élus. Ses séances sont publiques et retransmises en vidéo.")
        + ul([site.link(f"/conseil-municipal/{s}/") for s, *_ in SEANCES] + [site.link("/conseil-municipal/elus/", "Les élus")]),
    )
    site.add(
        "/conseil-municipal/elus/",
        "Les élus",
        ul([
            "Claire Moulin, maire",
            "Karim Benali, premier adjoint chargé du numérique, de la démocratie locale et des données ouvertes",
            "Odile Fabre, adjointe chargée de l'éducation",
            "Thomas Reynaud, adjoint chargé des finances",
        ]),
        parent="/conseil-municipal/",
    )

    # Services.
    services = [
        ("ecoles", "Écoles", paras(
            "La commune compte deux groupes scolaires : Jean-Jaurès et les Tilleuls.",
            "Les salles informatiques fonctionnent sous GNU/Linux avec PrimTux ; les tableaux numériques utilisent des logiciels libres.")),
        ("mediatheque", "Médiathèque Louise-Michel", paras(
            "Ouverte le mardi, le mercredi, le vendredi et le samedi.",
            "Les postes publics proposent LibreOffice, Firefox, GIMP et Audacity.")),
        ("espace-public-numerique", "Espace public numérique", paras(
            "Accompagnement aux démarches en ligne, ateliers d'initiation, prêt de matériel reconditionné.",
            "Les ateliers couvrent la bureautique avec LibreOffice, la navigation avec Firefox et la visioconférence avec Jitsi.")),
        ("sport-et-associations", "Sport et associations", paras(
            "Plus de 80 associations animent la vie locale. Les salles municipales se réservent en ligne.",
            "Subventions versées en 2024 : " + subv_csv)),
    ]
    for slug, title, body in services:
        site.add(f"/services/{slug}/", title, body, parent="/services/")
    site.add("/services/", "Services", ul([site.link(f"/services/{s}/") for s, *_ in services]))

    # Ville numérique (strategy pages).
    vn = [
        ("schema-directeur", "Schéma directeur du numérique 2025-2030", paras(
            "Adopté par le conseil municipal du 28 janvier 2025, le schéma directeur du numérique fixe la stratégie numérique de la ville pour six ans : "
            "sobriété, accessibilité, logiciels libres et ouverture des données.",
            "Il a été élaboré avec les agents, les élus et un panel d'habitants. Un bilan annuel est présenté en conseil municipal.")
         + ul([schema_odt, schema_odp])),
        ("logiciels-libres", "Notre politique en faveur des logiciels libres", paras(
            "Depuis 2016, la ville mène une politique en faveur des logiciels libres : les postes des agents utilisent LibreOffice, Firefox et Thunderbird ; "
            "les serveurs fonctionnent sous Debian ; le partage de fichiers passe par Nextcloud et les réunions à distance par Jitsi.",
            "Les logiciels métiers sont choisis en priorité dans le catalogue de l'ADULLACT et de la suite openMairie (openCimetière, openAssainissement). "
            "Le service urbanisme utilise QGIS.",
            "Les documents publiés sur ce site sont en formats ouverts (ODT, ODS, PDF, CSV), conformément au référentiel général d'interopérabilité.")),
        ("mutualisation", "Mutualisation avec l'agglomération", paras(
            "Depuis 2023, le service informatique est mutualisé avec la communauté d'agglomération du Val de Roche et quatre communes voisines.",
            "Cette mutualisation permet de partager les serveurs, le logiciel de gestion du courrier et les compétences des techniciens.")
         + "<p>" + convention_docx + "</p>"),
        ("adullact", "Adhésion à l'ADULLACT", paras(
            "La ville est adhérente de l'ADULLACT, l'association des développeurs et utilisateurs de logiciels libres pour les administrations et les collectivités territoriales.",
            "Cette adhésion s'inscrit dans la politique en faveur des logiciels libres conduite par la ville depuis 2016.",
            "Elle contribue au développement d'openCimetière et partage ses modèles de documents sur la forge de l'association.")),
        ("donnees-ouvertes", "Données ouvertes", paras(
            "La ville publie ses données sous Licence Ouverte 2.0 sur "
            '<a href="http://data.libreville-isere.test/">son portail de données ouvertes</a>, moissonné par data.gouv.fr.')),
    ]
    for slug, title, body in vn:
        site.add(f"/ville-numerique/{slug}/", title, body, parent="/ville-numerique/")
    site.add(
        "/ville-numerique/",
        "Ville numérique",
        paras("Un numérique public, libre, sobre et accessible.") + ul([site.link(f"/ville-numerique/{s}/") for s, *_ in vn]),
    )

    # Legal and utility pages.
    site.add("/contact/", "Contact", paras(
        f"{MAIRIE}, 1 place de la République, 38999 Libreville-sur-Isère.",
        "Accueil du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h. Téléphone : 04 76 99 12 34.",
        'Courriel : <a href="mailto:mairie@libreville-isere.test">mairie@libreville-isere.test</a>'))
    site.add("/mentions-legales/", "Mentions légales", paras(
        f"Éditeur : {MAIRIE}, 1 place de la République, 38999 Libreville-sur-Isère. Directrice de la publication : Claire Moulin, maire.",
        "Hébergement : serveurs de la commune, hébergés dans le centre de données de la communauté d'agglomération du Val de Roche.",
        "Mesure d'audience : Matomo, sans cookie, auto-hébergé. Les contenus sont publiés sous Licence Ouverte 2.0 sauf mention contraire."))
    site.add("/donnees-personnelles/", "Données personnelles", paras(
        "La commune traite vos données dans le respect du règlement général sur la protection des données.",
        'Délégué à la protection des données : <a href="mailto:dpo@libreville-isere.test">dpo@libreville-isere.test</a>.'))
    site.add("/accessibilite/", "Déclaration d'accessibilité", paras(
        f"La ville de {NAME} s'engage à rendre ses sites internet accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
        "Cette déclaration d'accessibilité s'applique au site www.libreville-isere.test.",
        "<strong>État de conformité</strong> : le site est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.",
        "Résultats des tests : l'audit de conformité réalisé le 14 novembre 2024 par la société Accès Pour Tous révèle que 78 % des critères du RGAA version 4.1 sont respectés.",
        "Contenus non accessibles : certains documents PDF anciens ; les vidéos antérieures à 2024 ne sont pas sous-titrées.",
        "Établissement de cette déclaration : 2 décembre 2024.",
        "Voies de recours : si vous constatez un défaut d'accessibilité, vous pouvez écrire au Défenseur des droits.")
        + "<p>" + pluriannuel + "</p>")
    site.add("/ecrire/", "Espace privé", paras("Accès réservé aux rédacteurs du site.") + "<p>" + guide_odt + "</p>", parent=None)

    plan = "\n".join(
        f'<li>{site.link(p.path, "Accueil" if p.path == "/" else p.title)}</li>'
        for p in sorted(site.pages.values(), key=lambda p: p.path)
        if p.path != "/ecrire/"
    )
    site.add("/plan-du-site/", "Plan du site", f"<ul>\n{plan}\n</ul>")
    return site
