"""scripted_trackers: trackers the browser loaded because a SCRIPT asked for them (invisible to the static crawl).

Read in the rendered pass (`--render`, ground/rendered.py): the requests whose initiator is a script
(DevTools `initiator.type == "script"`: a tag manager injecting a tag, a tracker's script sending its
hits, a consent manager loading the tools once accepted) and whose URL shows an audience or tag tool of
checks/data/analytics.yaml, the static `analytics` check's own catalogue (checks.analytics.page_tools).
On first visits (no consent given) every such request counts; on consent visits (accept clicked in the
consent manager), the requests made after the click. Requests of a third party's frame have no
initiator in the facts (crawler/render.py): they are not counted here. A request refused by our guard or failed still
shows the script asked: it counts, and is marked. Each tool says whether the HTML as served already
showed it on those pages (static analytics markers): `absent_du_html_servi` is what only rendering saw.

Assessment (logiciels_libres: which software tracks the visitors):
- defavorable: a proprietary tool (Google Analytics, Tag Manager, Hotjar…) was loaded by a script;
- neutre: only free tools (Matomo, Plausible…), one of them from a third party's host (a hosted offer,
  another organisation's instance): free software, but the data leaves the collectivité; or no tracker
  loaded by a script on the first visits while a consent manager is on the pages and what accepting
  adds was not observed (no consent visit with the accept clicked);
- favorable: only free tools on the candidate's own hosts, or none at all: « no tracker loaded by a
  script » is an observation of what the browser did, made only when at least one page rendered
  without error (and, with a consent manager, after accepting too);
- inconnu: no page rendered, or only with errors and nothing found.

details: pages_rendues, requetes_de_scripts, visites_avec_consentement; outils: [{outil, libre,
heberge_par_un_tiers, hotes, pages, visites, charge_par, absent_du_html_servi, tentatives}];
pages_non_rendues: [{page, raison}].
"""
from __future__ import annotations

from dataclasses import dataclass, field

from checks import consent_manager
from checks.analytics import page_tools
from checks.base import CheckMeta, js_without_comments, render_evidence, signal
from checks.rendered_pages import (
    URL_SHOWN,
    attempt_text,
    complete,
    consented,
    free_tools,
    own,
    pages_or_unknown,
    plural,
    request_snippet,
    third_party_host,
    trackers_in,
)
from checks.thirdparty import scan
from ground.hosts import url_host
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence, truncate

META = CheckMeta(
    id="scripted_trackers",
    domain="logiciels_libres",
    title="Traceurs chargés par des scripts (page rendue)",
    description=(
        "Les outils de suivi et de mesure d'audience que le navigateur charge parce qu'un script le lui "
        "demande (un gestionnaire de balises, le script d'un traceur, le gestionnaire de consentement "
        "une fois l'acceptation donnée) : ce que la lecture du HTML seul ne voit pas. Un outil libre "
        "hébergé par la collectivité (Matomo, Plausible) garde les données des visiteurs chez elle, "
        "au contraire d'un outil propriétaire (Google Analytics, Tag Manager, Hotjar…). Mesuré sur un "
        "échantillon de pages rendues par un navigateur sans interface (option --render)."
    ),
    title_en="Trackers loaded by scripts (rendered page)",
    description_en=(
        "The tracking and audience measurement tools the browser loads because a script asks it to (a "
        "tag manager, a tracker's script, the consent manager once consent is given): what reading the "
        "HTML alone does not see. A free tool hosted by the local authority (Matomo, Plausible) keeps "
        "visitors' data with it, unlike a proprietary tool (Google Analytics, Tag Manager, Hotjar…). "
        "Measured on a sample of pages rendered by a headless browser (--render option)."
    ),
    evidence=("Chaque requête d'un traceur faite par un script, avec la page, son adresse et le script qui "
              "l'a demandée, lue dans l'enregistrement du rendu archivé."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE_PER_TOOL = 5
MAX_LOADERS = 3
FIRST, AFTER = "avant consentement", "après consentement"


@dataclass
class Tool:
    hosts: set[str] = field(default_factory=set)
    third_hosts: set[str] = field(default_factory=set)
    pages: set[str] = field(default_factory=set)
    visits: set[str] = field(default_factory=set)
    loaders: list[str] = field(default_factory=list)
    attempts: int = 0
    evidence: list[Evidence] = field(default_factory=list)


def _by_script(request: dict) -> bool:
    return ((request.get("initiator") or {}).get("type")) == "script"


def _scan(visits: list[tuple[dict, str]], own_sites: set[str]) -> tuple[dict[str, Tool], int]:
    found: dict[str, Tool] = {}
    seen = 0
    for page, visit in visits:
        page_url = page.get("url", "")
        for req in page.get("requests") or []:
            if not _by_script(req) or (visit == AFTER and not req.get("after_consent")):
                continue
            seen += 1
            url = req.get("url") or ""
            for name in trackers_in(url):
                tool = found.setdefault(name, Tool())
                host = url_host(url)
                tool.hosts.add(host)
                if third_party_host(url, page_url, own_sites):
                    tool.third_hosts.add(host)
                tool.pages.add(page_url)
                tool.visits.add(visit)
                loader = truncate((req.get("initiator") or {}).get("url") or "", URL_SHOWN)
                if loader and loader not in tool.loaders and len(tool.loaders) < MAX_LOADERS:
                    tool.loaders.append(loader)
                if attempt_text(req):
                    tool.attempts += 1
                if len(tool.evidence) < MAX_EVIDENCE_PER_TOOL:
                    tool.evidence.append(render_evidence(page, request_snippet(
                        req, "visite sans consentement" if visit == FIRST else "après le clic d'acceptation")))
    return found, seen


def _static_tools(obs, urls: set[str]) -> set[str]:
    """The tools the HTML as served shows on these pages (the static analytics check's markers)."""
    out: set[str] = set()
    for page in obs.pages:
        if page.url in urls:
            inline = [js_without_comments(s) for s in page.inline_scripts]
            out.update(page_tools(page.scripts + page.script_tags + page.resources + inline))
    return out


def _consent_manager_on(obs, urls: set[str]) -> bool:
    """A consent manager is loaded by the sampled pages as served (the static consent_manager check's markers)."""
    pages = [p for p in obs.pages if p.url in urls]
    return bool(pages) and bool(scan(pages, consent_manager.managers(), consent_manager.SOURCES))


def run(obs):
    pages, missing, unknown = pages_or_unknown(META, obs)
    if unknown is not None:
        return unknown
    accepted = [v for v in consented(obs) if (v.get("consent") or {}).get("clicked")]
    found, seen = _scan([(p, FIRST) for p in pages] + [(v, AFTER) for v in accepted], own(obs))
    free = free_tools()
    names = sorted(found, key=lambda n: (n in free, n))  # proprietary first
    static = _static_tools(obs, {u for t in found.values() for u in t.pages})
    rows = [{"outil": n, "libre": n in free, "heberge_par_un_tiers": bool(found[n].third_hosts),
             "hotes": sorted(found[n].hosts), "pages": len(found[n].pages),
             "visites": [v for v in (FIRST, AFTER) if v in found[n].visits], "charge_par": found[n].loaders,
             "absent_du_html_servi": n not in static, "tentatives": found[n].attempts} for n in names]
    details = {"pages_rendues": len(pages), "requetes_de_scripts": seen,
               "visites_avec_consentement": len(accepted), "outils": rows}
    if missing:
        details["pages_non_rendues"] = missing
    evidence = [e for n in names for e in found[n].evidence]
    where = f"{plural(len(pages), 'page rendue', 'pages rendues')}, {plural(seen, 'requête de script', 'requêtes de scripts')}"
    if not names:
        if not complete(pages):
            return signal(META, None, INCONNU, "indéterminé", details=details,
                          reason="les pages ne se sont rendues qu'avec une erreur : l'absence de traceur n'est pas établie")
        if not accepted and _consent_manager_on(obs, {p.get("url") for p in pages}):
            return signal(META, [], NEUTRE, f"aucun traceur chargé par un script avant consentement ({where}) ; "
                          "ce qu'ajoute l'acceptation n'a pas été observé", details=details,
                          searched={"pages": len(pages)})
        return signal(META, [], FAVORABLE, f"aucun traceur chargé par un script ({where})", details=details,
                      searched={"pages": len(pages)})

    proprietary = [n for n in names if n not in free]
    if proprietary:
        before = [n for n in names if FIRST in found[n].visits]
        after = [n for n in names if FIRST not in found[n].visits]
        display = "traceurs chargés par un script " + " ; ".join(
            f"{when} : {', '.join(which)}" for when, which in ((FIRST, before), (AFTER, after)) if which)
        return signal(META, names, DEFAVORABLE, display, evidence=evidence, details=details)
    hosted = [n for n in names if found[n].third_hosts]
    if hosted:
        return signal(META, names, NEUTRE, "outils libres chargés par un script depuis l'hôte d'un tiers : "
                      + ", ".join(hosted), evidence=evidence, details=details)
    return signal(META, names, FAVORABLE, "outils libres hébergés par la collectivité, chargés par un script : "
                  + ", ".join(names), evidence=evidence, details=details)
