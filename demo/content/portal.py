"""data.libreville-isere.test: Libreville-sur-Isère's open-data portal, and the data behind it.

The same dataset list feeds the fake data.gouv.fr API (the portal is "harvested" there).
"""
from __future__ import annotations

import csv
import io
import json
import random

from demo import docgen
from demo.content import LO76_CALC, LO76_LINUX, TAGGED_PDF
from demo.content.libreville import MATOMO
from demo.sitekit import Page, Site, e, human_size, paras, ul

HOST = "data.libreville-isere.test"
NAME = "Libreville-sur-Isère – données ouvertes"
CENTER = (45.1872, 5.7245)

# (slug, title, formats, columns, frequency, tags)
DATASETS = [
    ("equipements-sportifs", "Équipements sportifs", ["csv", "geojson"], ["nom", "type", "adresse"], "annual", ["sport", "equipements"]),
    ("bornes-recharge-vehicules-electriques", "Bornes de recharge pour véhicules électriques", ["csv", "geojson"], ["nom", "puissance_kw", "adresse"], "quarterly", ["mobilite", "irve"]),
    ("arbres-alignement", "Arbres d'alignement", ["csv", "geojson"], ["essence", "hauteur_m", "adresse"], "annual", ["environnement", "arbres"]),
    ("budget-primitif-2025", "Budget primitif 2025", ["csv", "json"], ["chapitre", "libelle", "montant_eur"], "annual", ["budget", "finances"]),
    ("budget-primitif-2024", "Budget primitif 2024", ["csv"], ["chapitre", "libelle", "montant_eur"], "annual", ["budget", "finances"]),
    ("subventions-associations", "Subventions aux associations", ["csv", "json"], ["association", "objet", "montant_eur"], "annual", ["subventions", "associations"]),
    ("donnees-essentielles-marches-publics", "Données essentielles des marchés publics", ["json", "csv"], ["objet", "titulaire", "montant_eur"], "monthly", ["marches-publics", "decp"]),
    ("deliberations-conseil-municipal", "Délibérations du conseil municipal", ["csv"], ["numero", "objet", "vote"], "monthly", ["deliberations"]),
    ("naissances-par-annee", "Naissances par année", ["csv"], ["annee", "naissances"], "annual", ["etat-civil"]),
    ("prenoms-nouveau-nes", "Prénoms des nouveau-nés", ["csv"], ["prenom", "sexe", "nombre"], "annual", ["etat-civil", "prenoms"]),
    ("frequentation-mediatheque", "Fréquentation de la médiathèque", ["csv"], ["mois", "entrees", "prets"], "monthly", ["culture"]),
    ("parkings-publics", "Parkings publics", ["csv", "geojson"], ["nom", "places", "adresse"], "annual", ["mobilite", "stationnement"]),
    ("toilettes-publiques", "Toilettes publiques", ["geojson"], ["nom", "acces_pmr", "adresse"], "annual", ["equipements"]),
    ("points-apport-volontaire", "Points d'apport volontaire", ["csv", "geojson"], ["flux", "volume_l", "adresse"], "annual", ["dechets"]),
    ("menus-restauration-scolaire", "Menus de la restauration scolaire", ["json"], ["date", "entree", "plat", "dessert"], "weekly", ["ecoles", "restauration"]),
    ("horaires-equipements-municipaux", "Horaires des équipements municipaux", ["json"], ["equipement", "jour", "horaires"], "irregular", ["equipements"]),
    ("consommations-energie-batiments", "Consommations d'énergie des bâtiments communaux", ["csv"], ["batiment", "annee", "kwh"], "annual", ["energie"]),
    ("eclairage-public", "Points lumineux de l'éclairage public", ["geojson"], ["type_lampe", "puissance_w", "adresse"], "annual", ["eclairage", "energie"]),
    ("bancs-publics", "Bancs publics", ["geojson"], ["materiau", "dossier", "adresse"], "punctual", ["mobilier-urbain"]),
    ("defibrillateurs", "Défibrillateurs automatisés externes", ["csv"], ["nom", "acces", "adresse"], "annual", ["sante", "dae"]),
    ("salles-municipales", "Salles municipales", ["csv"], ["nom", "capacite", "adresse"], "annual", ["equipements"]),
    ("annuaire-associations", "Annuaire des associations", ["csv", "json"], ["association", "domaine", "contact"], "quarterly", ["associations"]),
    ("zonage-plu", "Zonage du plan local d'urbanisme", ["geojson", "pdf"], ["zone", "libelle", "adresse"], "punctual", ["urbanisme", "plu"]),
    ("rapport-developpement-durable-2024", "Rapport développement durable 2024", ["pdf"], [], "annual", ["environnement"]),
    ("indicateurs-schema-directeur-numerique", "Indicateurs du schéma directeur du numérique", ["csv", "ods"], ["indicateur", "annee", "valeur"], "annual", ["numerique", "logiciels-libres"]),
]

# Last update of each dataset (the world's "today" is late November 2026): kept up to date,
# except a past budget, a 2024 report and the urban-planning zoning, updated when they changed.
UPDATED = {
    "equipements-sportifs": "2026-02-16", "bornes-recharge-vehicules-electriques": "2026-10-01",
    "arbres-alignement": "2026-03-23", "budget-primitif-2025": "2025-04-14", "budget-primitif-2024": "2024-04-15",
    "subventions-associations": "2026-07-06", "donnees-essentielles-marches-publics": "2026-11-02",
    "deliberations-conseil-municipal": "2026-11-09", "naissances-par-annee": "2026-01-19",
    "prenoms-nouveau-nes": "2026-01-19", "frequentation-mediatheque": "2026-11-03", "parkings-publics": "2026-05-11",
    "toilettes-publiques": "2026-04-07", "points-apport-volontaire": "2026-06-29",
    "menus-restauration-scolaire": "2026-11-20", "horaires-equipements-municipaux": "2026-09-01",
    "consommations-energie-batiments": "2026-03-30", "eclairage-public": "2026-02-02", "bancs-publics": "2025-12-08",
    "defibrillateurs": "2026-05-04", "salles-municipales": "2026-01-12", "annuaire-associations": "2026-10-05",
    "zonage-plu": "2024-09-30", "rapport-developpement-durable-2024": "2025-03-10",
    "indicateurs-schema-directeur-numerique": "2026-06-15",
}
# Schemas declared on data.gouv.fr (name and version as on schema.data.gouv.fr): the Socle Commun
# des Données Locales (scdl/…) of OpenDataFrance, and the national IRVE schema.
SCHEMAS = {
    "deliberations-conseil-municipal": ("scdl/deliberations", "2.1.3"),
    "budget-primitif-2025": ("scdl/budget", "0.8.1"),
    "budget-primitif-2024": ("scdl/budget", "0.8.1"),
    "subventions-associations": ("scdl/subventions", "1.1.0"),
    "menus-restauration-scolaire": ("scdl/menus-collectifs", "1.2.3"),
    "equipements-sportifs": ("scdl/equipements", "0.1.5"),
    "bornes-recharge-vehicules-electriques": ("etalab/schema-irve-statique", "2.3.1"),
}
# The portal runs CKAN (free software, AGPL-3.0): it answers CKAN's action API.
SOFTWARE = "ckan"
CKAN_VERSION = "2.10.4"

STREETS = ["rue de la République", "avenue Jean-Jaurès", "chemin des Tilleuls", "rue du Moulin", "place de la Gare",
           "allée des Platanes", "rue Louise-Michel", "quai de l'Isère", "impasse des Vergers", "route de Grenoble"]
WORDS = {
    "type": ["Gymnase", "Stade", "City-stade", "Piscine", "Court de tennis"],
    "essence": ["Platane", "Tilleul", "Érable", "Micocoulier", "Chêne"],
    "flux": ["Verre", "Papier", "Emballages", "Textiles"],
    "type_lampe": ["LED", "Sodium haute pression", "LED"],
    "materiau": ["Bois", "Métal", "Pierre"],
    "acces": ["Public", "Réservé aux heures d'ouverture"],
    "vote": ["Unanimité", "Majorité"],
    "sexe": ["F", "M"],
    "prenom": ["Louise", "Gabriel", "Jade", "Léo", "Ambre", "Raphaël", "Alba", "Noah"],
    "jour": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "domaine": ["Sport", "Culture", "Solidarité", "Environnement", "Numérique"],
    "zone": ["UA", "UB", "AU", "A", "N"],
    "indicateur": ["Postes sous GNU/Linux (%)", "Documents publiés en format ouvert (%)", "Agents formés à LibreOffice", "Jeux de données publiés"],
}


def _value(col: str, i: int, rng: random.Random):
    if col == "adresse":
        return f"{rng.randint(1, 80)} {rng.choice(STREETS)}"
    if col == "nom":
        quarter = rng.choice(["des Tilleuls", "du Centre", "de la Gare", "du Moulin", "Jean-Jaurès", "Louise-Michel"])
        return f"{rng.choice(['Espace', 'Site', 'Pôle'])} {quarter}"
    if col in WORDS:
        return WORDS[col][i % len(WORDS[col])] if col in ("prenom", "indicateur", "jour") else rng.choice(WORDS[col])
    if col in ("annee",):
        return 2019 + i % 6
    if col == "mois":
        return f"2024-{i % 12 + 1:02d}"
    if col == "date":
        return f"2025-03-{i % 28 + 1:02d}"
    if col in ("montant_eur", "kwh"):
        return rng.randint(500, 250000)
    if col in ("puissance_kw", "hauteur_m", "places", "capacite", "volume_l", "puissance_w", "naissances", "nombre",
               "entrees", "prets", "valeur"):
        return rng.randint(3, 400)
    if col in ("acces_pmr", "dossier"):
        return rng.choice(["oui", "non"])
    if col == "chapitre":
        return str(rng.choice([11, 12, 20, 21, 23, 65, 66]))
    if col == "numero":
        return f"2024-{i + 1:03d}"
    if col == "horaires":
        return rng.choice(["9h-12h / 14h-18h", "8h30-19h", "fermé"])
    if col in ("entree", "plat", "dessert"):
        return rng.choice({"entree": ["Carottes râpées", "Salade de lentilles", "Velouté de potiron"],
                           "plat": ["Poisson meunière et riz", "Lasagnes végétariennes", "Poulet et haricots verts"],
                           "dessert": ["Yaourt", "Pomme", "Compote"]}[col])
    return f"{col.replace('_', ' ').capitalize()} {i + 1}"


def dataset_files() -> dict[str, dict[str, bytes]]:
    """{slug: {ext: bytes}} for every dataset, deterministic (seeded per dataset)."""
    out: dict[str, dict[str, bytes]] = {}
    for slug, title, formats, columns, _freq, _tags in DATASETS:
        rng = random.Random(f"libreville:{slug}")
        n = 6 + len(slug) % 9
        rows = [{c: _value(c, i, rng) for c in columns} for i in range(n)]
        for r in rows:
            if "adresse" in r:
                r["latitude"] = round(CENTER[0] + rng.uniform(-0.012, 0.012), 6)
                r["longitude"] = round(CENTER[1] + rng.uniform(-0.018, 0.018), 6)
        files: dict[str, bytes] = {}
        for ext in formats:
            if ext == "csv":
                buf = io.StringIO()
                w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
                files[ext] = buf.getvalue().encode("utf-8")
            elif ext == "json":
                files[ext] = json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
            elif ext == "geojson":
                feats = [
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                     "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")}}
                    for r in rows
                ]
                files[ext] = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=1).encode("utf-8")
            elif ext == "pdf":
                files[ext] = docgen.pdf(title, "Ville de Libreville-sur-Isère", "D:20250115100000+01'00'", LO76_LINUX,
                                        [f"Document de référence du jeu de données « {title} »."], **TAGGED_PDF)
            elif ext == "ods":
                files[ext] = docgen.odf("ods", title, "Direction du numérique", "2025-01-15T10:00:00", LO76_CALC,
                                        rows=[list(rows[0])] + [list(r.values()) for r in rows])
        out[slug] = files
    return out


def layout(site: Site, page: Page) -> str:
    crumbs = "" if page.path == "/" else (
        '<nav aria-label="Fil d\'Ariane"><ol>'
        + "".join(f'<li><a href="{c.path}">{e("Accueil" if c.path == "/" else c.title)}</a></li>' for c in site.crumbs(page)[:-1])
        + f'<li aria-current="page">{e(page.title)}</li></ol></nav>'
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{e(page.title)} – Données ouvertes de Libreville-sur-Isère</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/portail.css">
{MATOMO}
</head>
<body>
<header><a href="/">Libreville-sur-Isère · données ouvertes</a>
<nav aria-label="Menu principal"><ul><li><a href="/jeux-de-donnees/">Jeux de données</a></li><li><a href="/a-propos/">À propos</a></li>
<li><a href="http://www.libreville-isere.test/">Site de la ville</a></li></ul></nav></header>
{crumbs}
<main id="contenu"><h1>{e(page.title)}</h1>
{page.body}
</main>
<footer><ul><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/plan-du-site/">Plan du site</a></li>
<li><a href="http://www.libreville-isere.test/accessibilite/">Accessibilité : partiellement conforme</a></li></ul>
<p>Données publiées sous Licence Ouverte 2.0 (Etalab).</p></footer>
</body>
</html>
"""


def ckan_api() -> dict[str, bytes]:
    """CKAN action API answers (GET /api/3/action/<action>), as the WorldServer serves <path>.json."""
    def answer(action: str, result) -> bytes:
        return json.dumps({"help": f"http://{HOST}/api/3/action/help_show?name={action}", "success": True,
                           "result": result}, ensure_ascii=False, indent=1).encode("utf-8")
    return {
        "/api/3/action/status_show.json": answer("status_show", {
            "ckan_version": CKAN_VERSION, "site_title": NAME, "site_description": "Portail des données ouvertes de la ville.",
            "site_url": f"http://{HOST}", "error_emails_to": None, "locale_default": "fr",
            "extensions": ["activity", "datastore", "datapusher", "dcat", "scheming_datasets", "fluent"]}),
        "/api/3/action/package_list.json": answer("package_list", sorted(s for s, *_ in DATASETS)),
    }


def build(files: dict[str, dict[str, bytes]]) -> Site:
    site = Site(HOST, NAME, layout, robots_disallow=["/admin/"])
    site.assets["/static/portail.css"] = b"body{font-family:sans-serif;max-width:60em;margin:auto}\n"
    site.assets.update(ckan_api())
    for slug, title, formats, columns, freq, tags in DATASETS:
        links = []
        for ext in formats:
            path = f"/fichiers/{slug}.{ext}"
            site.assets[path] = files[slug][ext]
            links.append(f'<a href="{path}" type="{ext}">{e(title)} ({ext.upper()}, {human_size(len(files[slug][ext]))})</a>')
        site.add(f"/jeux-de-donnees/{slug}/", title, paras(
            f"Producteur : Ville de Libreville-sur-Isère. Licence : Licence Ouverte 2.0. Mots-clés : {', '.join(tags)}.",
            f"Champs : {', '.join(columns) or '(document)'}.") + "<h2>Ressources</h2>" + ul(links), parent="/jeux-de-donnees/")
    site.add("/jeux-de-donnees/", "Jeux de données",
             paras(f"{len(DATASETS)} jeux de données publiés, également disponibles sur data.gouv.fr.")
             + ul([site.link(f"/jeux-de-donnees/{s}/", t) for s, t, *_ in DATASETS]))
    site.add("/", "Les données ouvertes de Libreville-sur-Isère", paras(
        "La ville publie ses données publiques dans des formats ouverts (CSV, JSON, GeoJSON), sous Licence Ouverte 2.0.",
        "Le portail est moissonné chaque nuit par data.gouv.fr.") + ul([site.link("/jeux-de-donnees/", "Parcourir les jeux de données")]))
    site.add("/a-propos/", "À propos", paras(
        "Ce portail est réalisé avec des logiciels libres et hébergé par la ville ; son catalogue est "
        "interrogeable par son API publique.",
        "Contact : <a href=\"mailto:donnees@libreville-isere.test\">donnees@libreville-isere.test</a>"))
    site.add("/mentions-legales/", "Mentions légales", paras("Éditeur : Ville de Libreville-sur-Isère, 1 place de la République, 38999 Libreville-sur-Isère."))
    site.add("/plan-du-site/", "Plan du site", ul([site.link(p.path, p.title) for p in sorted(site.pages.values(), key=lambda p: p.path)]))
    return site
