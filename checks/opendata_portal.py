"""opendata_portal: the candidate's own open-data portal and its software, identified by its public API."""
from __future__ import annotations

from urllib.parse import urlsplit

from checks.base import CheckMeta, page_evidence, signal, unreachable_reason
from checks.datagouv_common import view
from ground import portals
from ground.hosts import url_host
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence, truncate
from ground.observations import Observations, Probe

META = CheckMeta(
    id="opendata_portal",
    domain="open_data",
    title="Portail de données ouvertes et son logiciel",
    description=(
        "Le portail de données ouvertes de la collectivité (indiqué dans le fichier des candidats ou lié "
        "depuis son site) et le logiciel qui le fait fonctionner, reconnu à son API publique : udata, CKAN "
        "et Data Fair sont des logiciels libres, OpenDataSoft est un service propriétaire."
    ),
    title_en="Open data portal and its software",
    description_en=(
        "The local authority's open data portal (given in the candidates file or linked from its website) "
        'and the software that runs it, recognised by its public API: udata, CKAN and Data Fair are free '
        'software, OpenDataSoft is a proprietary service.'
    ),
    evidence="La réponse archivée de l'API du portail qui identifie le logiciel (ou le lien du site vers le portail).",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
SOURCE_CANDIDATES = "fichier des candidats"
SOURCE_LINK = "lien du site"


def _root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}/"


def probe_evidence(p: Probe, snippet: str) -> Evidence:
    return Evidence(url=p.url, fetched_at=p.fetched_at, http_status=p.status, snippet=truncate(snippet),
                    sha256=p.sha256, record_id=p.record_id)


def identify(obs: Observations, root: str) -> tuple[str | None, Probe | None, int]:
    """(software, the probe that shows it, number of probes sent) for one portal root."""
    mine = [p for p in obs.probes if p.purpose.startswith(portals.PURPOSE_PREFIX) and _root(p.url) == root]
    for api in portals.API_PROBES:
        for p in mine:
            if portals.probe_for(p.url, p.purpose) is api and p.status == 200 and api.matches(p.data, p.text):
                return api.software, p, len(mine)
    return None, None, len(mine)


def find_portals(obs: Observations) -> list[dict]:
    """Every portal known for the candidate: from the candidates file first, then linked from the websites."""
    found: dict[str, dict] = {}
    for url in obs.candidate.get("opendata") or []:
        found.setdefault(_root(url), {"url": _root(url), "source": SOURCE_CANDIDATES, "linked_from": None})
    websites = set(obs.candidate.get("websites") or [])
    for page in sorted(obs.pages, key=lambda p: (p.depth, p.url)):
        if page.site not in websites:
            continue
        page_host = url_host(page.url)
        for link in page.links:
            root = portals.portal_root(link.url, link.text, page_host)
            if root and root not in found:
                found[root] = {"url": root, "source": SOURCE_LINK, "linked_from": page, "link": link}
    referrers = {e.url: e.referrer for e in obs.index if e.kind == "probe" and e.referrer}
    for p in obs.probes:  # portals the crawler probed from a page no longer among the observations
        if p.purpose.startswith(portals.PURPOSE_PREFIX) and _root(p.url) not in found:
            found[_root(p.url)] = {"url": _root(p.url), "source": SOURCE_LINK, "linked_from": None,
                                   "referrer": referrers.get(p.url)}
    return list(found.values())


def run(obs: Observations):
    known = find_portals(obs)
    if not known:
        reason = unreachable_reason(obs)
        if reason:
            return signal(META, None, INCONNU, "indéterminé", reason=reason)
        dg = view(obs)
        if dg.datasets:
            return signal(META, None, NEUTRE, "pas de portail propre : les données sont publiées sur data.gouv.fr",
                          details={"portails": [], "jeux_sur_data_gouv": len(dg.datasets)})
        return signal(META, None, DEFAVORABLE, "aucun portail de données ouvertes trouvé",
                      evidence=[page_evidence(p, "aucun lien vers un portail de données ouvertes")
                                for p in obs.homepages()[:1]], details={"portails": []})
    rows, evidence = [], []
    for item in known:
        software, shown, sent = identify(obs, item["url"])
        info = portals.SOFTWARE.get(software or "", {})
        rows.append({"url": item["url"], "software": software, "label": info.get("label"), "free": info.get("free"),
                     "source": item["source"], "probes": sent})
        if shown is not None:
            api = portals.probe_for(shown.url, shown.purpose)
            evidence.append(probe_evidence(shown, f"{api.note} : {shown.text[:200]}"))
        elif item.get("linked_from") is not None:
            evidence.append(page_evidence(item["linked_from"], f"lien « {item['link'].text} » vers {item['link'].url}"))
    # The free-software portal decides; else the first known (candidates file before links).
    main = next((r for r in rows if r["free"]), rows[0])
    value = {"url": main["url"], "software": main["software"], "free": main["free"], "source": main["source"]}
    details = {"portails": rows}
    label = main["label"] or "logiciel non identifié"
    if main["free"]:
        return signal(META, value, FAVORABLE, f"{main['url']} : {label} (logiciel libre)", evidence=evidence, details=details)
    if main["free"] is False:
        return signal(META, value, NEUTRE, f"{main['url']} : {label} (logiciel propriétaire)", evidence=evidence,
                      details=details)
    reason = None if main["probes"] else "API du portail non sondée lors de la collecte"
    return signal(META, value, NEUTRE, f"{main['url']} : {label}", evidence=evidence, details=details, reason=reason)
