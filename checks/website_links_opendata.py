"""website_links_opendata: the website leads its visitors to the candidate's open data (portal or data.gouv.fr)."""
from __future__ import annotations

from checks.base import CheckMeta, load_data, page_evidence, signal, unreachable_reason
from checks.datagouv_common import view
from checks.opendata_portal import SOURCE_CANDIDATES, find_portals
from ground import portals
from ground.hosts import url_host
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="website_links_opendata",
    domain="open_data",
    title="Le site renvoie vers les données ouvertes",
    description=(
        "Le site de la collectivité contient-il un lien vers ses données ouvertes (son portail, son "
        "organisation ou ses jeux sur data.gouv.fr) ? Publier ne suffit pas : les habitants doivent "
        "pouvoir trouver les données depuis le site."
    ),
    title_en="The website links to the open data",
    description_en=(
        "Does the local authority's website contain a link to its open data (its portal, its organisation "
        'or its datasets on data.gouv.fr)? Publishing is not enough: residents must be able to find the '
        'data from the website.'
    ),
    evidence="Les liens relevés sur les pages du site (texte du lien et adresse), page par page.",
    outcomes=(FAVORABLE, DEFAVORABLE, NEUTRE, INCONNU),
)
MAX_EVIDENCE = 5


def _datagouv_hosts(obs: Observations) -> set[str]:
    hosts = set(load_data("opendata.yaml")["datagouv_hosts"])
    api = (obs.crawl.get("settings") or {}).get("datagouv_api")
    if api:
        hosts.add(url_host(api))  # the API's own host serves the organisation pages too
    hosts.update(url_host(r.url) for r in obs.api)
    return hosts


def run(obs: Observations):
    reason = unreachable_reason(obs)
    websites = set(obs.candidate.get("websites") or [])
    pages = sorted((p for p in obs.pages if p.site in websites), key=lambda p: (p.depth, p.url))
    if reason or not pages:
        return signal(META, None, INCONNU, "indéterminé", reason=reason or "aucune page du site lue")
    dg_hosts = _datagouv_hosts(obs)
    portal_roots = {p["url"] for p in find_portals(obs)}
    declared = tuple(u for u in obs.candidate.get("opendata") or [] if u)
    hits: dict[str, tuple] = {}
    for page in pages:
        page_host = url_host(page.url)
        for link in page.links:
            h = url_host(link.url)
            kind = None
            if h in dg_hosts and ("/organizations/" in link.url or "/datasets/" in link.url):
                kind = "data.gouv.fr"
            elif portals.portal_root(link.url, link.text, page_host) in portal_roots:
                kind = "portail"
            elif declared and link.url.startswith(declared) and link.url.rstrip("/") != page.url.rstrip("/"):
                kind = "portail"  # a portal the candidates file declares on the site's own host (/open-data/)
            if kind and link.url not in hits:
                hits[link.url] = (kind, page, link)
    has_portal = any(p["source"] == SOURCE_CANDIDATES or p.get("linked_from") for p in find_portals(obs))
    dg = view(obs)
    if hits:
        evidence = [page_evidence(page, f"lien « {link.text} » vers {link.url}")
                    for _, page, link in list(hits.values())[:MAX_EVIDENCE]]
        kinds = sorted({k for k, _, _ in hits.values()})
        return signal(META, sorted(hits), FAVORABLE, f"lien vers les données ouvertes ({', '.join(kinds)})",
                      evidence=evidence, details={"liens": len(hits), "pages_lues": len(pages)})
    has_data = bool(dg.datasets) or has_portal
    details = {"pages_lues": len(pages), "jeux_sur_data_gouv": len(dg.datasets),
               "portail_connu": sorted(portal_roots)}
    evidence = [page_evidence(p, "aucun lien vers le portail de données ni vers data.gouv.fr") for p in obs.homepages()
                if p.site in websites][:1]
    if has_data:
        return signal(META, [], DEFAVORABLE, "des données sont publiées, mais le site n'y renvoie pas",
                      evidence=evidence, details=details)
    return signal(META, [], NEUTRE, "pas de données ouvertes connues vers lesquelles renvoyer",
                  evidence=evidence, details=details)
