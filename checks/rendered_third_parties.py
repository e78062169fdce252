"""rendered_third_parties: the third parties a visitor's browser actually contacts before any consent.

Read in the rendered pass (`--render`, ground/rendered.py): on the FIRST visit of each sampled page (no
click, no consent given), every request the browser made to another registered domain than the page's
and the candidate's own (checks.sobriety.own_domains, as third_party_hosts counts them), grouped by
registered domain. Trackers among them are recognised by the static checks' own catalogues: a request
whose URL shows an audience or tag tool of checks/data/analytics.yaml (gtag/js, /g/collect?…tid=G-…,
matomo.php…) makes its domain a tracker's; the services of checks/data/third_parties.yaml (maps, fonts,
video players) and of checks/data/consent_managers.yaml name the others. A request refused by our guard
or failed still shows the page TRIED to contact the host: it counts as contacted, is counted apart in
`tentatives` (per domain, per page and host) and its evidence says so.

Assessment: favorable when no third party was contacted on any rendered page (at least one rendered
without error); defavorable when a tracker (a proprietary tool, or a free one hosted by a third party:
either way a third party receives the visit before consent) was contacted; neutre when third parties
were contacted but none is a tracker (CDNs, fonts, maps: the static checks judge them); inconnu when no
page rendered (or only with errors, and nothing was contacted).

details:
- pages_rendues, requetes_vues: the first visits read and the requests they made;
- tiers_contactes: one row per registered domain: domaine, hotes, requetes, pages, traceur (tool or None),
  charge_par_un_traceur (the tool whose script asked for it), service (a named service), tentatives (the
  requests refused by our guard or failed);
- par_page: one row per page and host: page, hote, requetes, initiateurs (« HTML de la page », « script
  https://… »), traceur, tentatives;
- ajoutes_par_consentement: per consent visit (accept clicked): page, gestionnaire, clic, erreur,
  hotes_ajoutes (third-party hosts contacted only after the click), traceurs_ajoutes (tools only after);
- pages_non_rendues: [{page, raison}].
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from checks import consent_manager, fonts_cdn, maps, video_hosting
from checks.base import CheckMeta, render_evidence, signal
from checks.rendered_pages import (
    attempt_text,
    complete,
    consented,
    initiator_text,
    own,
    pages_or_unknown,
    plural,
    request_snippet,
    requests_seen,
    site,
    third_party_host,
    trackers_in,
)
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence

META = CheckMeta(
    id="rendered_third_parties",
    domain="interop_accessibilite",
    title="Tiers contactés avant consentement (page rendue)",
    description=(
        "Les tiers que le navigateur d'un visiteur contacte réellement en ouvrant les pages, avant tout "
        "consentement (première visite, sans aucun clic) : chaque requête vers un autre domaine que "
        "celui de la collectivité transmet l'adresse IP du visiteur. Les outils de suivi ou de mesure "
        "d'audience contactés dès l'arrivée (Google Analytics, Tag Manager, un outil hébergé par un "
        "tiers…) le sont sans le consentement que la CNIL exige. Ce que l'acceptation dans le "
        "gestionnaire de consentement ajoute est indiqué à part. Mesuré sur un échantillon de pages "
        "rendues par un navigateur sans interface (option --render)."
    ),
    title_en="Third parties contacted before consent (rendered page)",
    description_en=(
        "The third parties a visitor's browser actually contacts when opening the pages, before any "
        "consent (first visit, no click at all): each request to another domain than the local "
        "authority's passes on the visitor's IP address. Tracking or audience measurement tools "
        "contacted on arrival (Google Analytics, Tag Manager, a tool hosted by a third party…) are "
        "contacted without the consent the CNIL requires. What accepting in the consent manager adds "
        "is shown apart. Measured on a sample of pages rendered by a headless browser (--render option)."
    ),
    evidence=("Chaque requête vers un tiers, avec la page qui l'a faite, son adresse et ce qui l'a "
              "demandée (le HTML de la page ou un script), lue dans l'enregistrement du rendu archivé."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE_TRACKER = 5  # per tracker domain
MAX_EVIDENCE_OTHER = 2  # per other third-party domain
MAX_EVIDENCE = 40
MAX_INITIATORS = 5


@lru_cache(maxsize=1)
def _services():
    """The named services of the static checks' catalogues (maps, fonts, video players, consent managers)."""
    return maps.services() + fonts_cdn.services() + video_hosting.platforms() + consent_manager.managers()


def service_of(url: str) -> str | None:
    return next((s.name for s in _services() if s.pattern.search(url)), None)


@dataclass
class Domain:
    hosts: set[str] = field(default_factory=set)
    requests: int = 0
    pages: set[str] = field(default_factory=set)
    trackers: set[str] = field(default_factory=set)
    loaded_by: set[str] = field(default_factory=set)  # trackers whose script asked for it
    services: set[str] = field(default_factory=set)
    attempts: int = 0  # refused by our guard or failed
    evidence: list[Evidence] = field(default_factory=list)


def _script_trackers(request: dict) -> list[str]:
    initiator = request.get("initiator") or {}
    return trackers_in(initiator.get("url") or "") if initiator.get("type") == "script" else []


def _scan(pages: list[dict], own_sites: set[str]) -> tuple[dict[str, Domain], list[dict]]:
    domains: dict[str, Domain] = {}
    rows: dict[tuple[str, str], dict] = {}
    for page in pages:
        page_url = page.get("url", "")
        for req in page.get("requests") or []:
            url = req.get("url") or ""
            host = third_party_host(url, page_url, own_sites)
            if host is None:
                continue
            d = domains.setdefault(site(host), Domain())
            d.hosts.add(host)
            d.requests += 1
            d.pages.add(page_url)
            tools = trackers_in(url)
            d.trackers.update(tools)
            d.loaded_by.update(_script_trackers(req))
            name = service_of(url)
            if name:
                d.services.add(name)
            if attempt_text(req):
                d.attempts += 1
            cap = MAX_EVIDENCE_TRACKER if tools else MAX_EVIDENCE_OTHER
            if len(d.evidence) < cap:
                d.evidence.append(render_evidence(page, request_snippet(req)))
            row = rows.setdefault((page_url, host), {"page": page_url, "hote": host, "requetes": 0,
                                                     "initiateurs": [], "traceur": None, "tentatives": 0})
            row["requetes"] += 1
            row["tentatives"] += bool(attempt_text(req))
            who = initiator_text(req)
            if who not in row["initiateurs"] and len(row["initiateurs"]) < MAX_INITIATORS:
                row["initiateurs"].append(who)
            if tools and not row["traceur"]:
                row["traceur"] = ", ".join(tools)
    return domains, list(rows.values())


def _added_by_consent(obs, own_sites: set[str], first_hosts: dict[str, set[str]]) -> list[dict]:
    """Per consent visit: the third-party hosts and the tools contacted only after the accept click."""
    out = []
    for visit in consented(obs):
        page_url = visit.get("url", "")
        consent = visit.get("consent") or {}
        before, after, tools_before, tools_after = set(), set(), set(), set()
        for req in visit.get("requests") or []:
            url = req.get("url") or ""
            host = third_party_host(url, page_url, own_sites)
            late = bool(req.get("after_consent"))
            (tools_after if late else tools_before).update(trackers_in(url))
            if host:
                (after if late else before).add(host)
        out.append({"page": page_url, "gestionnaire": consent.get("manager"), "clic": bool(consent.get("clicked")),
                    "erreur": consent.get("error") or visit.get("error"),
                    "hotes_ajoutes": sorted(after - before - first_hosts.get(page_url, set())),
                    "traceurs_ajoutes": sorted(tools_after - tools_before)})
    return out


def run(obs):
    pages, missing, unknown = pages_or_unknown(META, obs)
    if unknown is not None:
        return unknown
    own_sites = own(obs)
    domains, rows = _scan(pages, own_sites)
    first_hosts: dict[str, set[str]] = {}
    for row in rows:
        first_hosts.setdefault(row["page"], set()).add(row["hote"])
    tracker_domains = sorted(n for n, d in domains.items() if d.trackers)
    table = [{"domaine": n, "hotes": sorted(d.hosts), "requetes": d.requests, "pages": len(d.pages),
              "traceur": ", ".join(sorted(d.trackers)) or None,
              "charge_par_un_traceur": ", ".join(sorted(d.loaded_by - d.trackers)) or None,
              "service": ", ".join(sorted(d.services)) or None, "tentatives": d.attempts}
             for n, d in sorted(domains.items(), key=lambda kv: (not kv[1].trackers, -kv[1].requests, kv[0]))]
    details = {"pages_rendues": len(pages), "requetes_vues": requests_seen(pages), "tiers_contactes": table,
               "par_page": rows}
    added = _added_by_consent(obs, own_sites, first_hosts)
    if added:
        details["ajoutes_par_consentement"] = added
    if missing:
        details["pages_non_rendues"] = missing
    names = sorted(domains)
    evidence = [e for n in tracker_domains + [n for n in names if n not in tracker_domains]
                for e in domains[n].evidence][:MAX_EVIDENCE]
    where = f" ({plural(len(pages), 'page rendue', 'pages rendues')}, {plural(details['requetes_vues'], 'requête')})"
    if not names:
        if not complete(pages):
            return signal(META, None, INCONNU, "indéterminé", details=details,
                          reason="les pages ne se sont rendues qu'avec une erreur : l'absence de tiers n'est pas établie")
        return signal(META, [], FAVORABLE, "aucun tiers contacté avant consentement" + where, details=details,
                      searched={"pages": len(pages)})
    count = plural(len(names), "tiers contacté", "tiers contactés") + " avant consentement"
    if tracker_domains:
        tools = sorted({t for n in tracker_domains for t in domains[n].trackers})
        display = (f"{count}, dont {plural(len(tracker_domains), 'traceur')} : {', '.join(tracker_domains)} "
                   f"({', '.join(tools)})")
        return signal(META, names, DEFAVORABLE, display, evidence=evidence, details=details)
    display = f"{count}, aucun traceur ({', '.join(names[:5])}{'…' if len(names) > 5 else ''})"
    return signal(META, names, NEUTRE, display, evidence=evidence, details=details)
