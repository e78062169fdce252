"""Generate the demo world under demo/world/ (deterministically) and its ground truth.

    python -m demo.build_world

Writes ``sites/<host>/`` (HTML pages, documents, assets, robots.txt, sitemap.xml),
``datagouv/`` (the fake data.gouv.fr API's data), ``candidates.yaml``, ``dossiers-2025.csv`` (their
application dossiers, demo/dossiers.py) and ``expected.yaml``.
The world is a fixture for the checks, not a second implementation of them: what a check judges
(which software a page names, which registry entry is whose, an assessment) is written by hand
beside the content that produces it; what is only counted (pages, documents, bytes, elements) is
counted here by walking the generated files as a polite crawler would (demo.walker). Nothing here
imports the checks; the hand-written values are checked against the written pages by simple means
(whole-word and substring searches) and the build fails when they disagree.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import yaml

from demo import DATAGOUV_API, DATAGOUV_HOST, WORLD_DIR, dossiers, extensions
from demo.candidates import LIBREVILLE_ORG_SLUG, SIREN, candidates, luhn_ok, with_luhn_key
from demo.content import hautegarrigue, libreville, petitbourg, portal, standins, valderoche, valderoche_data
from demo.sitekit import Site
from demo.walker import ANALYTICS_MARKERS, FEDIVERSE_HOSTS, file_for, has_word, main_text, walk_site
from ground.hosts import registered_domain

DATAGOUV_WEB = f"http://{DATAGOUV_HOST}"
# Machine-readable open formats, for the data.gouv.fr `open_resources` count.
OPEN_FORMATS = ("csv", "json", "geojson", "xml", "txt", "ods", "odt", "odp", "kml", "gpx", "rdf", "shp", "gpkg", "parquet")
# Free software the world's texts could name, with their spellings: each site's hand-written
# FREE_SOFTWARE_NAMES must be exactly those of this list read in its pages' main content (a net
# against a forgotten or a stale name; not the tool's catalogue).
FREE_SOFTWARE_SPELLINGS = {
    name: (name,) for name in (
        "Firefox", "Thunderbird", "VLC", "FileZilla", "Audacity", "GanttProject", "VYM", "GIMP", "Inkscape", "QGIS",
        "openMairie", "openCimetière", "openAssainissement", "Nextcloud", "Debian", "Ubuntu", "PrimTux", "Moodle",
        "Jitsi", "BigBlueButton", "Mastodon", "PeerTube", "Matomo", "SPIP", "WordPress", "GLPI", "Zimbra",
        "OpenStreetMap", "uMap", "Leaflet", "Asqatasun", "CKAN",
    )
} | {"LibreOffice": ("LibreOffice", "Libre Office"), "GNU/Linux": ("GNU/Linux", "Linux")}
STRATEGY_KEYWORDS = (
    "schéma directeur du numérique", "stratégie numérique", "politique en faveur des logiciels libres",
)
MAX_DEPTH = 3
MIN_PAGES = 20


def oid(seed: str) -> str:
    """A 24-hex identifier, like a MongoDB ObjectId, derived from a seed."""
    return hashlib.md5(seed.encode()).hexdigest()[:24]


def ruuid(seed: str) -> str:
    return str(uuid.UUID(hashlib.md5(seed.encode()).hexdigest()))


# --- fake data.gouv.fr -------------------------------------------------------------------------

MIME = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json", "pdf": "application/pdf",
        "ods": "application/vnd.oasis.opendocument.spreadsheet", "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _ts(day: str, seed: str) -> str:
    h = int(hashlib.md5(seed.encode()).hexdigest()[:6], 16)
    return f"{day}T{h % 24:02d}:{h // 24 % 60:02d}:{h // 1440 % 60:02d}.{h % 1000:03d}000+00:00"


def _org(key: str, name: str, slug: str, acronym: str | None, siret: str | None, url: str | None, desc: str,
         n_datasets: int, created: str) -> dict:
    ident = oid(f"org:{key}")
    return {
        "id": ident,
        "name": name,
        "acronym": acronym,
        "slug": slug,
        "description": desc,
        "url": url,
        "uri": f"{DATAGOUV_API}/organizations/{ident}/",
        "page": f"{DATAGOUV_WEB}/fr/organizations/{slug}/",
        "logo": f"https://static.data.gouv.test/avatars/{ident[:2]}/{ident}-original.png",
        "logo_thumbnail": f"https://static.data.gouv.test/avatars/{ident[:2]}/{ident}-100.png",
        "created_at": _ts(created, key),
        "last_modified": _ts("2025-03-20", key),
        "deleted": None,
        "business_number_id": siret,
        "badges": [{"kind": "public-service"}, {"kind": "certified"}] if siret else [{"kind": "public-service"}],
        "members": [],
        "metrics": {"datasets": n_datasets, "followers": 3 + n_datasets // 3, "members": 2, "reuses": n_datasets // 8,
                    "views": 140 * n_datasets + 37},
        "extras": {},
    }


def _org_ref(org: dict) -> dict:
    keys = ("id", "name", "acronym", "slug", "uri", "page", "logo", "logo_thumbnail", "badges")
    return {"class": "Organization", **{k: org[k] for k in keys}}


def _resource(ds_slug: str, title: str, fmt: str, url: str, data: bytes | None, size: int, filetype: str, day: str,
              schema: dict | None = None) -> dict:
    rid = ruuid(f"res:{ds_slug}:{fmt}:{url}")
    checksum = hashlib.sha1(data if data is not None else url.encode()).hexdigest()
    return {
        "id": rid,
        "title": title,
        "description": None,
        "format": fmt,
        "mime": MIME.get(fmt),
        "filesize": size,
        "filetype": filetype,
        "type": "main",
        "url": url,
        "latest": f"{DATAGOUV_WEB}/fr/datasets/r/{rid}",
        "checksum": {"type": "sha1", "value": checksum},
        "created_at": _ts(day, rid),
        "last_modified": _ts(day, rid + "m"),
        "published": _ts(day, rid),
        "metrics": {"views": len(rid) * 3},
        "extras": {},
        "schema": schema or {},  # {"name": "scdl/budget", "version": "0.8.1"} when it declares one
        "preview_url": None,
    }


def _dataset(org: dict, slug: str, title: str, desc: str, resources: list[dict], freq: str, tags: list[str],
             day: str, license_id: str = "lov2", zone: str | None = None) -> dict:
    ident = oid(f"ds:{org['slug']}:{slug}")
    return {
        "id": ident,
        "title": title,
        "acronym": None,
        "slug": slug,
        "description": desc,
        "created_at": _ts("2023-05-10", ident),
        "last_modified": _ts(day, ident),
        "last_update": _ts(day, ident + "u"),
        "deleted": None,
        "archived": None,
        "private": False,
        "featured": False,
        "frequency": freq,
        "frequency_date": None,
        "license": license_id,
        "page": f"{DATAGOUV_WEB}/fr/datasets/{slug}/",
        "uri": f"{DATAGOUV_API}/datasets/{ident}/",
        "tags": tags,
        "badges": [],
        "extras": {},
        "harvest": None,
        "metrics": {"discussions": 0, "followers": len(slug) % 4, "reuses": 0, "views": 20 + len(slug) * 7},
        "organization": _org_ref(org),
        "owner": None,
        "resources": resources,
        "community_resources": [],
        "spatial": {"granularity": "fr:commune", "zones": [zone]} if zone else None,
        "temporal_coverage": None,
        "quality": {"has_resources": True, "has_open_format": any(r["format"] in OPEN_FORMATS for r in resources),
                    "license": license_id != "notspecified", "resources_documentation": False,
                    "score": 0.67 if any(r["format"] in OPEN_FORMATS for r in resources) else 0.33},
    }


def _static_resource(org_slug: str, ds_slug: str, title: str, fmt: str, size: int, day: str) -> dict:
    url = f"https://static.data.gouv.test/resources/{ds_slug}/{day.replace('-', '')}-093000/{ds_slug}.{fmt}"
    return _resource(ds_slug, title, fmt, url, None, size, "file", day)


def datagouv(files: dict[str, dict[str, bytes]]) -> tuple[list[dict], list[dict], dict[str, dict]]:
    """(organizations, datasets, {candidate id: organization}) for the fake API."""
    def siret(siren: str) -> str:
        return with_luhn_key(siren + "0001")

    lib = _org("libreville", "Commune de Libreville-sur-Isère", LIBREVILLE_ORG_SLUG, None, siret(SIREN["libreville-isere"]),
               f"http://{libreville.HOST}/", "La ville de Libreville-sur-Isère publie ses données ouvertes, moissonnées depuis son portail.",
               len(portal.DATASETS), "2019-02-11")
    cavr = _org("valderoche", valderoche.NAME, "communaute-d-agglomeration-du-val-de-roche", "CAVR", siret(SIREN["agglo-val-de-roche"]),
                f"http://{valderoche.HOST}/", "Données publiques de l'agglomération du Val de Roche.", 6, "2021-06-03")
    hg = _org("haute-garrigue", hautegarrigue.NAME, "departement-de-la-haute-garrigue", None, None, None,
              "Le Département de la Haute-Garrigue.", 3, "2022-09-14")
    # Namesakes, to make look-ups by name non-trivial.
    eaux = _org("syndicat-eaux", "Syndicat mixte des eaux de la Haute-Garrigue", "syndicat-mixte-des-eaux-de-la-haute-garrigue",
                "SMEHG", siret(with_luhn_key("25990012")), None,
                "Production et distribution d'eau potable.", 1, "2020-01-20")
    ot = _org("ot-libreville", "Office de tourisme de Libreville-sur-Isère", "office-de-tourisme-de-libreville-sur-isere", None, None,
              None, "Association de promotion touristique.", 1, "2022-04-02")
    orgs = [lib, cavr, hg, eaux, ot]

    datasets = []
    for slug, title, formats, columns, freq, tags in portal.DATASETS:
        res = []
        day = portal.UPDATED[slug]
        for fmt in formats:
            data = files[slug][fmt]
            # A schema is declared on the tabular (or JSON) resource it validates, not on its GeoJSON twin.
            schema = portal.SCHEMAS.get(slug) if fmt == formats[0] else None
            res.append(_resource(slug, f"{title} ({fmt.upper()})", fmt, f"http://{portal.HOST}/fichiers/{slug}.{fmt}", data,
                                 len(data), "remote", day,
                                 {"name": schema[0], "version": schema[1]} if schema else None))
        desc = f"{title} de la ville de Libreville-sur-Isère. Champs : {', '.join(columns) or 'document PDF'}."
        datasets.append(_dataset(lib, slug, title, desc, res, freq, tags, day, zone="fr:commune:38999"))

    # (slug, title, formats, licence, last update): a mix of licences, two datasets kept up to date.
    vr = [
        ("points-d-apport-volontaire-val-de-roche", "Points d'apport volontaire du Val de Roche", ["csv"], "lov2", "2026-06-12"),
        ("horaires-des-decheteries-val-de-roche", "Horaires des déchèteries", ["xlsx"], "notspecified", "2024-11-21"),
        ("rapport-prix-qualite-service-dechets-2023", "Rapport sur le prix et la qualité du service public des déchets 2023", ["pdf"],
         "lov2", "2024-11-21"),
        ("arrets-reseau-rochebus", "Arrêts du réseau Rochebus", ["csv"], "odc-odbl", "2026-03-02"),
        ("subventions-associations-val-de-roche-2024", "Subventions aux associations 2024", ["xlsx"], "notspecified", "2024-11-21"),
        ("zones-activites-economiques-val-de-roche", "Zones d'activités économiques", ["csv", "pdf"], "lov2", "2024-11-21"),
    ]
    for i, (slug, title, formats, licence, day) in enumerate(vr):
        res = [_static_resource(cavr["slug"], slug, f"{title}", fmt, 12_000 + 3_517 * i + 911 * j, day)
               for j, fmt in enumerate(formats)]
        datasets.append(_dataset(cavr, slug, title, f"{title}.", res, "annual", ["val-de-roche"], day, license_id=licence))
    # Published once in 2024, never updated, without an open licence.
    hgd = [
        ("budget-primitif-2024-haute-garrigue", "Budget primitif 2024 du Département", ["xls"], "notspecified"),
        ("colleges-publics-haute-garrigue", "Liste des collèges publics", ["xls"], "other-at"),
        ("rapport-activite-2023-haute-garrigue", "Rapport d'activité 2023", ["pdf"], "notspecified"),
    ]
    for i, (slug, title, formats, licence) in enumerate(hgd):
        res = [_static_resource(hg["slug"], slug, title, fmt, 48_640 + 10_240 * i, "2024-06-28") for fmt in formats]
        datasets.append(_dataset(hg, slug, title, f"{title}.", res, "annual", ["haute-garrigue"], "2024-06-28", license_id=licence))
    datasets.append(_dataset(eaux, "qualite-eau-potable-haute-garrigue", "Qualité de l'eau potable",
                             "Résultats du contrôle sanitaire.", [_static_resource(eaux["slug"], "qualite-eau-potable-haute-garrigue",
                                                                                   "Résultats 2024", "csv", 88_211, "2025-01-08")],
                             "monthly", ["eau"], "2025-01-08"))
    datasets.append(_dataset(ot, "hebergements-touristiques-libreville", "Hébergements touristiques",
                             "Hôtels, gîtes et chambres d'hôtes.", [_static_resource(ot["slug"], "hebergements-touristiques-libreville",
                                                                                      "Hébergements", "json", 15_044, "2024-07-01")],
                             "annual", ["tourisme"], "2024-07-01"))
    by_candidate = {"libreville-isere": lib, "agglo-val-de-roche": cavr, "departement-haute-garrigue": hg}
    return orgs, datasets, by_candidate


# --- writing sites -----------------------------------------------------------------------------


def write_site(site: Site, sites_dir: Path) -> Path:
    root = sites_dir / site.host
    shells = site.extra.get("script_rendered", {})
    for page in site.pages.values():
        f = file_for(root, page.path)
        f.parent.mkdir(parents=True, exist_ok=True)
        html = site.render(page)
        if page.path in shells:
            html, model = script_rendered(html, page.path, shells[page.path])
            m = file_for(root, shells[page.path]["model"])
            m.parent.mkdir(parents=True, exist_ok=True)
            m.write_text(model, encoding="utf-8")
        f.write_text(html, encoding="utf-8")
    for path, blob in list(site.assets.items()) + [(d.path, d.data) for d in site.docs.values()]:
        f = file_for(root, path)
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(blob)
    robots = "User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in site.robots_disallow)
    robots += f"\nSitemap: {site.base}/sitemap.xml\n"
    (root / "robots.txt").write_text(robots, encoding="utf-8")
    parser = _robots(site)
    urls = "".join(
        f"  <url><loc>{site.base}{p}</loc></url>\n" for p in sorted(site.pages) if parser.can_fetch("*", site.base + p)
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + urls + "</urlset>\n", encoding="utf-8")
    return root


def script_rendered(html: str, path: str, shell: dict) -> tuple[str, str]:
    """(the shell served, its page model): the page as the layout wrote it, its <body> replaced by the
    content module's empty `shell["body"]`; the model (JSON, at `shell["model"]`) holds the body, which the
    site's runtime puts back in a browser (demo/content/petitbourg.py). The <head> stays: title, scripts, styles."""
    m = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL)
    if m is None:
        raise AssertionError(f"{path}: no <body> to publish as a shell")
    page = html[:m.start(1)] + "\n" + shell["body"] + "\n" + html[m.end(1):]
    model = json.dumps({"page": path, "html": m.group(1)}, ensure_ascii=False, indent=1) + "\n"
    return page, model


# Markers a tool shows in a page or a script of the site when it is there (lower case, substrings): for the
# trackers a render profile says the served site never names.
TOOL_MARKERS = {"Hotjar": ("hotjar",), "Facebook Pixel": ("fbevents", "facebook.net", "fbq(")}


def render_truth(site: Site, root: Path, render: dict, served: set[str]) -> dict:
    """PROFILE["render"] of a content module (written by hand), checked against the written files by simple
    means: the sample's pages are crawlable, the third parties they contact are served by the world, the pages
    said rendered by a script have no text as served and the sample text in their model, the trackers said
    absent from the served site are named in none of its pages and scripts."""
    out = json.loads(json.dumps(render))  # plain values: no YAML anchors for the lists the module shares
    lists = [v for v in out.values() if isinstance(v, list)] + [v for p in out["pages"].values() for v in p.values()
                                                                 if isinstance(v, list)]
    if any(v != sorted(v) for v in lists + [v for v in (out["consent"] or {}).values() if isinstance(v, list)]):
        raise AssertionError(f"{site.host}: the render profile's lists must be in code-point order (the report's)")
    pages = walk_site(site, root)["pages"]
    if set(out["pages"]) != set(out["sample"].values()) or not set(out["pages"]) <= set(pages):
        raise AssertionError(f"{site.host}: render sample {sorted(out['sample'].values())} != its pages, or not crawlable")
    for url, page in out["pages"].items():
        unserved = sorted(set(page["third_party_hosts"]) - served)
        if unserved:
            raise AssertionError(f"{site.host}: {url} contacts {unserved}, which the world does not serve")
        served_text = main_text(pages[url]["html"])
        if page["rendered_text"] != (url in out["rendered_text_pages"]) or page["rendered_text"] != (not served_text):
            raise AssertionError(f"{site.host}: {url}: served text {served_text[:60]!r} vs rendered_text")
    domains = sorted({registered_domain(h) for p in out["pages"].values() for h in p["third_party_hosts"]})
    if domains != out["third_party_domains"]:
        raise AssertionError(f"{site.host}: third_party_domains {out['third_party_domains']} != {domains}")
    for url in out["rendered_text_pages"]:
        model = file_for(root, site.extra["script_rendered"][urlsplit(url).path]["model"]).read_text("utf-8")
        if out["rendered_text_sample"] not in model or out["rendered_text_sample"] in pages[url]["html"]:
            raise AssertionError(f"{site.host}: {url}: the sample text is not only in the page's model")
    scripts = [blob.decode("utf-8", "replace") for path, blob in site.assets.items() if path.endswith((".js", ".css"))]
    for tool in out["not_in_served_html"]:
        if any(m in text.lower() for m in TOOL_MARKERS[tool] for text in [p["html"] for p in pages.values()] + scripts):
            raise AssertionError(f"{site.host}: {tool} is named in the served site")
    consent = out["consent"]
    if consent and not any(consent["selector"].lstrip("#") in text for text in scripts):
        raise AssertionError(f"{site.host}: no script of the site draws {consent['selector']}")
    return out


def _robots(site: Site) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(["User-agent: *"] + [f"Disallow: {p}" for p in site.robots_disallow])
    return parser


# --- ground truth: counted by walking the written files, or hand-written and checked ---------------


# Pages whose wording is boilerplate, not the collectivité's commitments: its legal notice, its personal-data
# and cookie policies, its accessibility declaration (test set-up, recommended browsers).
BOILERPLATE_PAGES = re.compile(r"/(?:mentions-legales|donnees-personnelles|cookies?|confidentialite|accessibilite)/")


def check_free_software(host: str, pages: dict[str, dict], names: list[str]) -> None:
    """The hand-written names must be exactly the names of FREE_SOFTWARE_SPELLINGS read (whole words)
    in the main content of the crawlable pages that are not boilerplate."""
    unknown = sorted(set(names) - set(FREE_SOFTWARE_SPELLINGS))
    if unknown:
        raise AssertionError(f"{host}: {unknown} missing from FREE_SOFTWARE_SPELLINGS")
    texts = [main_text(p["html"]) for url, p in pages.items() if not BOILERPLATE_PAGES.search(urlsplit(url).path)]
    read = {n for n, spellings in FREE_SOFTWARE_SPELLINGS.items()
            if any(has_word(text, s) for text in texts for s in spellings)}
    if read != set(names):
        raise AssertionError(f"{host}: free software named but not written down {sorted(read - set(names))}, "
                             f"written down but not named {sorted(set(names) - read)}")


def ground_truth(site: Site, root: Path, profile: dict, free_software: list[str]) -> dict:
    w = walk_site(site, root)
    pages = w["pages"]
    if len(pages) < MIN_PAGES:
        raise AssertionError(f"{site.host}: only {len(pages)} crawlable pages")
    deepest = max(p["depth"] for p in pages.values())
    if deepest > MAX_DEPTH:
        raise AssertionError(f"{site.host}: a page is at depth {deepest}")
    home = pages[site.base + "/"]["html"]
    generator = profile["cms"]["generator"]
    if f'<meta name="generator" content="{generator}">' not in home:
        raise AssertionError(f"{site.host}: generator {generator!r} missing")
    for tool in profile["analytics"]:
        if not any(m in home for m in ANALYTICS_MARKERS[tool]):
            raise AssertionError(f"{site.host}: no marker for {tool}")
    for tool, markers in ANALYTICS_MARKERS.items():
        if tool not in profile["analytics"] and any(m in home for m in markers):
            raise AssertionError(f"{site.host}: unexpected {tool}")
    home_text = pages[site.base + "/"]["text"]
    mention = profile["a11y_mention"]
    if mention is not None and f"Accessibilité : {mention}" not in home_text:
        raise AssertionError(f"{site.host}: accessibility mention missing")
    if mention is None and "ccessibilit" in " ".join(p["text"] for p in pages.values()):
        raise AssertionError(f"{site.host}: should not mention accessibility")

    fediverse = sorted(u for u in w["offsite"] if urlsplit(u).hostname in FEDIVERSE_HOSTS)
    if fediverse != sorted(profile["fediverse"]):
        raise AssertionError(f"{site.host}: fediverse {fediverse} != {profile['fediverse']}")

    check_free_software(site.host, pages, free_software)
    strategy = [url for url, page in pages.items() if any(k in page["text"].lower() for k in STRATEGY_KEYWORDS)]

    by_ext = Counter(u.rsplit(".", 1)[-1].lower() for u in w["documents"])
    producers = {}
    for url in sorted(w["documents"]):
        doc = site.docs.get(urlsplit(url).path)
        producers[url] = doc.producer if doc else None
    return {
        "level_intended": profile["level_intended"],
        "outcome_intended_2025": profile["outcome_intended_2025"],
        "mentions_intended_2025": profile["mentions_intended_2025"],
        "a11y_mention": mention,
        "cms": {"name": profile["cms"]["name"], "free": profile["cms"]["free"]},
        "generator": generator,
        "analytics": list(profile["analytics"]),
        "fediverse": fediverse,
        "free_software_names": sorted(free_software, key=str.lower),
        "strategy_pages": sorted(strategy),
        "documents": dict(sorted(by_ext.items())),
        "document_producers": producers,
        "pages_crawlable": len(pages),
        "robots_disallowed": [site.base + p for p in site.robots_disallow if "*" not in p and "?" not in p],
        "reachable": True,
    }


def datagouv_truth(org: dict | None, datasets: list[dict], found_by: str) -> dict | None:
    if org is None:
        return None
    mine = [d for d in datasets if d["organization"]["id"] == org["id"]]
    res = [r for d in mine for r in d["resources"]]
    formats = Counter(r["format"] for r in res)
    return {
        "organization_id": org["id"],
        "organization_slug": org["slug"],
        "organization_page": org["page"],
        "certified": any(b.get("kind") == "certified" for b in org.get("badges") or []),
        "found_by": found_by,
        "datasets": len(mine),
        "resources": len(res),
        "open_resources": sum(1 for r in res if r["format"] in OPEN_FORMATS),
        "formats": dict(sorted(formats.items())),
        # What the open_data signals read, per dataset slug: licence id, last update, declared schemas.
        "licences": {d["slug"]: d["license"] for d in mine},
        "last_updates": {d["slug"]: d.get("last_update") or d["last_modified"] for d in mine},
        "schemas": {d["slug"]: sorted({r["schema"]["name"] for r in d["resources"] if (r.get("schema") or {}).get("name")})
                    for d in mine if any((r.get("schema") or {}).get("name") for r in d["resources"])},
    }


HEADER_EXPECTED = """\
# Ground truth of the demo world, GENERATED by `python -m demo.build_world`: do not edit here.
# The world is the checks' fixture: no value below is computed with the checks' code (checks/).
# WRITTEN BY HAND beside the content that produces it, then checked against the written files by
# build_world (whole-word and substring searches; the build fails when they disagree):
# - level_intended, outcome_intended_2025 (label tier, or « aucun »: on the badge track, no badge) and
#   mentions_intended_2025, a11y_mention, cms, generator, analytics, fediverse: PROFILE of each demo/content module
#   (the last four checked on the homepage and the links of the crawlable pages);
# - free_software_names: the free software a reader finds named in the main content of the crawlable
#   pages (<main>, else the body without nav/header/footer/aside), spelt as in the tool's catalogue, the
#   boilerplate pages left out (legal notice, personal data and cookies, accessibility declaration):
#   FREE_SOFTWARE_NAMES of each demo/content module and of the extensions that add text;
# - registries (softwares declared, forge accounts, both assessments): EXPECTED in
#   demo/extensions/registries.py;
# - third_parties.office_suite.assessment, third_parties.social_networks, third_parties.ecosystem_links:
#   EXPECTED in demo/extensions/third_parties.py.
# COUNTED by the walker (demo/walker.py: the written files from each start URL, links only, robots.txt
# obeyed):
# - pages_crawlable, robots_disallowed; strategy_pages: crawlable pages whose visible text contains
#   one of {keywords};
# - documents: distinct linked document URLs by extension on crawlable pages of the websites
#   (the open-data portal and robots-disallowed pages are not counted);
# - document_producers: ODF meta:generator, OOXML docProps/app.xml <Application>, PDF /Producer;
#   null for CSV and for the legacy .doc/.xls stubs;
# - sobriety: pages of the websites and portals; per page the HTML bytes, the elements, the sub-resources
#   its HTML makes a browser fetch (scripts, images, iframes, style sheets, icons and preloads, url() in
#   <style>) and their hosts outside the candidate's registered domains (ground.hosts); the EcoIndex score
#   of each page by the reference implementation (ecoindex-compute: a whole number), then the median
#   score and its grade;
# - third_parties office_suite free/proprietary (the documents' own metadata), maps, fonts_cdn,
#   web_server, video_hosting, legal_pages, mutualisation: found with literal markers in the written
#   files, their assessments by rules written in demo/extensions/third_parties.py;
# - accessibility, opendata, network: read back from the written pages, zone, WHOIS and server files
#   by the extension that writes them, with rules written there;
# - datagouv: counted in the fake data.gouv.fr data; open_resources: resources whose format is one of
#   {formats}.
# - render (the rendered pass, `--render`): WRITTEN BY HAND in PROFILE["render"] of each demo/content module
#   from its pages and the third parties' stand-ins (demo/content/standins.py), checked against the written
#   files by build_world and in Chromium by tests/demo/test_rendered_world.py. sample: the structured sample
#   (reason → page; the random pages are not listed); pages: per page of it, on a first visit with no
#   interaction: third_party_hosts (other registered domains than the candidate's), cookies and storage_keys
#   (names), axe_rules (axe-core's rules in violation), rendered_text (the served HTML has no text, the
#   rendered page has); over those pages: third_party_domains, trackers_before_consent (tools of
#   checks/data/analytics.yaml), cookies_before_consent, storage_before_consent; scripted_trackers (loaded
#   because a script asked, consent visit included); not_in_served_html (of those, what the served site
#   never names); consent (the consent visit: what accepting adds); rendered_text_pages (and a phrase only
#   the rendered text has); axe_grade (over any sample: every page of the site was checked); signals: the
#   assessments of rendered_third_parties, cookies_before_consent, scripted_trackers, axe_accessibility.
"""


def build(world: Path = WORLD_DIR) -> dict:
    if world.exists():
        shutil.rmtree(world)
    sites_dir = world / "sites"
    sites_dir.mkdir(parents=True)

    files = portal.dataset_files()
    orgs, datasets, org_of = datagouv(files)
    (world / "datagouv").mkdir()
    (world / "datagouv" / "organizations.json").write_text(json.dumps(orgs, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (world / "datagouv" / "datasets.json").write_text(json.dumps(datasets, ensure_ascii=False, indent=1) + "\n", "utf-8")

    portal_site = portal.build(files)
    write_site(portal_site, sites_dir)
    if len(walk_site(portal_site, sites_dir / portal.HOST)["pages"]) < 10:
        raise AssertionError("portal too small")
    write_site(valderoche_data.build(), sites_dir)  # a hosted OpenDataSoft portal, linked from the agglo's site
    served = set(standins.write(sites_dir))  # the third parties a browser contacts (the rendered pass)

    modules = {"libreville-isere": libreville, "agglo-val-de-roche": valderoche,
               "departement-haute-garrigue": hautegarrigue, "petit-bourg": petitbourg}
    found_by = {"libreville-isere": "slug", "agglo-val-de-roche": "siren", "departement-haute-garrigue": "name"}
    expected: dict[str, dict] = {}
    exts = extensions.loaded()
    for cid, module in modules.items():
        site = module.build()
        for ext in exts:
            ext.extend(cid, site)
        root = write_site(site, sites_dir)
        standins.check(site.host, root, served)
        # Names the site's own text gives, and those of the text extensions added to it.
        names = [*module.FREE_SOFTWARE_NAMES,
                 *(n for ext in exts for n in getattr(ext, "FREE_SOFTWARE_NAMES", {}).get(cid, ()))]
        truth = ground_truth(site, root, module.PROFILE, names)
        truth["datagouv"] = datagouv_truth(org_of.get(cid), datasets, found_by.get(cid, ""))
        for ext in exts:
            truth.update(ext.expected(cid, site, root))
        truth["render"] = render_truth(site, root, module.PROFILE["render"], served)
        expected[cid] = truth
    expected["saint-disparu"] = {
        "level_intended": None, "outcome_intended_2025": None, "mentions_intended_2025": [],
        "a11y_mention": None, "cms": None, "generator": None, "analytics": [], "fediverse": [],
        "free_software_names": [], "strategy_pages": [], "documents": {}, "document_producers": {}, "pages_crawlable": 0,
        "robots_disallowed": [], "datagouv": None, "reachable": False,
    }
    for ext in exts:
        expected["saint-disparu"].update(ext.expected("saint-disparu", None, None))
    # Nothing crawled, nothing to render: no sample, and the four rendered signals are absent from its report.
    expected["saint-disparu"]["render"] = {"sample": {}, "pages": {}, "signals": None}

    cands = candidates()
    for c in cands:
        assert luhn_ok(c["siren"]) and len(c["siren"]) == 9, c
    (world / "candidates.yaml").write_text(
        "# Candidates of the demo world (generated by `python -m demo.build_world`).\n"
        "# Fictional collectivités; sites served by demo.server.WorldServer over plain http.\n"
        + yaml.safe_dump(cands, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    dossiers.write(world / dossiers.DOSSIERS_FILE.name)  # the same candidates' application dossiers (CSV export)
    header = HEADER_EXPECTED.format(
        keywords=" /\n#   ".join(f"« {k} »" for k in STRATEGY_KEYWORDS), formats=", ".join(OPEN_FORMATS))
    header = "\n".join(_wrap_comment(line) for line in header.splitlines()) + "\n"
    (world / "expected.yaml").write_text(
        header + yaml.safe_dump(expected, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return expected


def _wrap_comment(line: str, width: int = 110) -> str:
    if len(line) <= width:
        return line
    out, cur = [], ""
    for word in line.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = "#     " + word
        else:
            cur = f"{cur} {word}" if cur else word
    out.append(cur)
    return "\n".join(out)


def main() -> int:
    expected = build()
    total = sum(f.stat().st_size for f in WORLD_DIR.rglob("*") if f.is_file())
    for cid, truth in expected.items():
        print(f"{cid}: {truth['pages_crawlable']} pages, documents {truth['documents']}, "
              f"datagouv {truth['datagouv'] and truth['datagouv']['datasets']}")
    print(f"world written to {WORLD_DIR} ({total // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
