"""valderoche.opendatasoft.test: the Val de Roche agglomeration's hosted OpenDataSoft portal.

A proprietary SaaS portal (the real ones live at <client>.opendatasoft.com): only its homepage, a
catalogue page and the public Explore API answers that identify it. The agglomeration's website
links to it; the crawler does not crawl it (another registered domain), it only probes its API.
"""
from __future__ import annotations

import json

from demo.content import valderoche
from demo.sitekit import Page, Site, e, paras, ul

HOST = "valderoche.opendatasoft.test"
NAME = "Val de Roche – Portail open data"
SOFTWARE = "opendatasoft"
LINK_TEXT = "Portail open data du Val de Roche"

# (dataset_id, title, theme, records)
DATASETS = [
    ("points-d-apport-volontaire", "Points d'apport volontaire", "Environnement", 214),
    ("arrets-reseau-rochebus", "Arrêts du réseau Rochebus", "Transports, Déplacements", 389),
    ("zones-activites-economiques", "Zones d'activités économiques", "Économie, Business, PME, Développement économique", 17),
    ("decheteries", "Déchèteries et horaires", "Environnement", 6),
]


def _dataset(ds_id: str, title: str, theme: str, records: int) -> dict:
    return {
        "dataset_id": ds_id,
        "dataset_uid": f"da_{len(ds_id):02d}{records:04d}",
        "has_records": True,
        "features": ["analyze", "geo"] if "apport" in ds_id or "arrets" in ds_id else ["analyze"],
        "metas": {"default": {"title": title, "theme": [theme], "publisher": valderoche.NAME,
                              "license": "Licence Ouverte v2.0 (Etalab)", "language": "fr",
                              "records_count": records, "modified": "2026-06-12T08:14:03+00:00"}},
    }


def explore_api() -> dict[str, bytes]:
    """Explore API v2.1 (GET /api/explore/v2.1/catalog/datasets) and v2 answers, served as <path>.json."""
    items = [_dataset(*d) for d in DATASETS]
    v21 = {"total_count": len(items), "results": items[:1]}
    v2 = {"total_count": len(items), "links": [
        {"rel": "self", "href": f"http://{HOST}/api/v2/catalog/datasets?limit=10&offset=0"}],
        "datasets": [{"links": [], "dataset": d} for d in items]}
    return {
        "/api/explore/v2.1/catalog/datasets.json": json.dumps(v21, ensure_ascii=False, indent=1).encode("utf-8"),
        "/api/v2/catalog/datasets.json": json.dumps(v2, ensure_ascii=False, indent=1).encode("utf-8"),
    }


def layout(site: Site, page: Page) -> str:
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{e(page.title)} — {e(NAME)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/ods-theme.css">
</head>
<body class="ods-body">
<header class="ods-front-header"><a href="/">{e(NAME)}</a>
<nav aria-label="Menu principal"><ul><li><a href="/explore/">Données</a></li><li><a href="/api/">API</a></li></ul></nav></header>
<main id="main"><h1>{e(page.title)}</h1>
{page.body}
</main>
<footer class="ods-front-footer"><p>Propulsé par Opendatasoft</p>
<p><a href="http://{valderoche.HOST}/">{e(valderoche.NAME)}</a></p></footer>
</body>
</html>
"""


def build() -> Site:
    site = Site(HOST, NAME, layout)
    site.assets["/static/ods-theme.css"] = b"body{font-family:sans-serif}\n"
    site.assets.update(explore_api())
    site.add("/explore/", "Catalogue des données",
             paras(f"{len(DATASETS)} jeux de données publiés par {e(valderoche.NAME)}.")
             + ul([f"{e(t)} — {e(th)} ({n} enregistrements)" for _, t, th, n in DATASETS]))
    site.add("/api/", "API", paras("Toutes les données sont accessibles par l'API Explore v2.1."))
    site.add("/", NAME, paras(
        "Bienvenue sur le portail des données ouvertes de la Communauté d'agglomération du Val de Roche.",
        "Déchets, mobilités, économie : explorez, visualisez et téléchargez les données de l'agglomération.")
        + ul([site.link("/explore/", "Explorer le catalogue")]))
    return site
