"""Open data: the agglomeration links its hosted OpenDataSoft portal; ground truth of portals and links.

The data.gouv.fr facts (certified badge, licences, last updates, schemas) are computed by
build_world.datagouv_truth under each candidate's `datagouv` key; this module adds `opendata`:
- portal: the candidate's own portal (from the candidates file, else linked from its website), the
  software it was built to answer as, whether that software is free;
- website_links: the website's links (crawlable pages, robots.txt obeyed) to an open-data portal of
  the world or to data.gouv.fr.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from demo import DATAGOUV_HOST
from demo.candidates import candidate
from demo.content import portal, valderoche_data
from demo.sitekit import Site, e
from demo.walker import walk_site
from ground.portals import API_PROBES, SOFTWARE

PORTALS = {portal.HOST: portal, valderoche_data.HOST: valderoche_data}
PORTAL_LINKS = {"agglo-val-de-roche": valderoche_data}


def extend(cid: str, site: Site) -> None:
    module = PORTAL_LINKS.get(cid)
    if module is None:
        return
    home = site.pages["/"]
    home.body += "\n<h2>Données ouvertes</h2>\n" + (
        f'<p>L\'agglomération publie ses données (collecte des déchets, réseau Rochebus, zones d\'activités) '
        f'sur son <a href="http://{module.HOST}/">{e(module.LINK_TEXT)}</a>.</p>')


def _software_on_disk(sites_dir: Path, host: str, software: str) -> str:
    """The software the portal was built as, checked against the API answers actually written."""
    root = sites_dir / host
    for probe in API_PROBES:
        if probe.software != software:
            continue
        rel = urlsplit(probe.path).path.lstrip("/")
        candidates = [root / rel / "index.json", root / (rel.rstrip("/") + ".json"), root / rel]
        if any(c.is_file() for c in candidates):
            return software
    raise AssertionError(f"{host}: no {software} API answer written")


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"opendata": {"portal": None, "website_links": []}}
    sites_dir = root.parent
    cand = candidate(cid)
    offsite = walk_site(site, root)["offsite"]
    found = None
    for url in cand.get("opendata") or []:
        host = urlsplit(url).hostname
        if host in PORTALS:
            found = (host, "fichier des candidats")
            break
    linked = sorted(u for u in offsite if urlsplit(u).hostname in PORTALS or urlsplit(u).hostname == DATAGOUV_HOST)
    if found is None:
        hosts = [urlsplit(u).hostname for u in linked if urlsplit(u).hostname in PORTALS]
        if hosts:
            found = (hosts[0], "lien du site")
    portal_truth = None
    if found:
        host, source = found
        software = _software_on_disk(sites_dir, host, PORTALS[host].SOFTWARE)
        portal_truth = {"url": f"http://{host}/", "software": software, "free": SOFTWARE[software]["free"],
                        "source": source}
    return {"opendata": {"portal": portal_truth, "website_links": linked}}
