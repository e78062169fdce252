"""analytics: audience-measurement and tag tools found in the pages (Matomo vs Google Analytics…)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checks.base import (
    CheckMeta,
    asset_evidence,
    js_without_comments,
    load_data,
    page_evidence,
    searched,
    signal,
    unreachable_reason,
)
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="analytics",
    domain="logiciels_libres",
    title="Outils de mesure d'audience",
    description=(
        "Les outils de mesure d'audience que les pages chargent ou configurent (directement, par un "
        "gestionnaire de balises ou par le gestionnaire de consentement) : un outil libre et "
        "auto-hébergé (Matomo, Matomo Tag Manager, Plausible) garde les données des visiteurs chez la "
        "collectivité, au contraire des outils propriétaires (Google Analytics, Tag Manager, "
        "AT Internet, Piwik PRO…). Une page qui se contente de nommer un outil ne compte pas."
    ),
    title_en="Audience measurement tools",
    description_en=(
        "The audience measurement tools the pages load or configure (directly, through a tag manager "
        "or through the consent manager): a free, self-hosted tool (Matomo, Matomo Tag Manager, "
        "Plausible) keeps visitors' data with the local authority, unlike proprietary tools (Google "
        "Analytics, Tag Manager, AT Internet, Piwik PRO…). A page that merely names a tool does not count."
    ),
    evidence=("L'adresse du script ou l'extrait du code de suivi, du conteneur ou de la configuration du "
              "gestionnaire de consentement (tarteaucitron), sur une page archivée."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE_PER_TOOL = 5

# How tarteaucitron.js is told to load a tool (AmauriC/tarteaucitron.js, README and
# tarteaucitron.services.js): `(tarteaucitron.job = tarteaucitron.job || []).push('matomo');` or
# `tarteaucitron.job.push('matomo')`, a job among others in the same push; and the tool's settings,
# `tarteaucitron.user.matomoId = 3;`. Job names are matched whole: 'matomo' is not 'matomotm'. At most
# 20 characters between the last `tarteaucitron.job` and `.push(` (` || new Array())`: 16), none a `;`.
TARTEAUCITRON_JOB = r"""tarteaucitron\.job\b[^;]{{0,20}}?\.push\(\s*(?:['"][\w-]*['"]\s*,\s*)*['"](?:{names})['"]"""
TARTEAUCITRON_USER = r"tarteaucitron\.user\.(?:{names})\b"


@dataclass(frozen=True)
class Tool:
    name: str
    free: bool
    own: re.Pattern  # markers only this tool has (its tags, its tarteaucitron job and settings)
    shared: re.Pattern | None  # markers it shares with `unless` (a fork): they count only without it
    unless: str | None
    pattern: re.Pattern  # any of its markers: recognises the tool in an evidence snippet


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def catalogue() -> tuple[Tool, ...]:
    out = []
    for t in load_data("analytics.yaml"):
        own = list(t["patterns"])
        if t.get("tarteaucitron"):
            own.append(TARTEAUCITRON_JOB.format(names="|".join(map(re.escape, t["tarteaucitron"]))))
        if t.get("tarteaucitron_user"):
            own.append(TARTEAUCITRON_USER.format(names="|".join(map(re.escape, t["tarteaucitron_user"]))))
        shared = list(t.get("shared") or [])
        # Case-sensitive on purpose: ids such as G-XXXX and GTM-XXXX are upper case.
        out.append(Tool(t["name"], bool(t["free"]), re.compile(_alternation(own)),
                        re.compile(_alternation(shared)) if shared else None, t.get("unless"),
                        re.compile(_alternation(own + shared))))
    return tuple(out)


def tools() -> tuple[tuple[str, bool, re.Pattern], ...]:
    """(name, free, pattern) of every tool; the pattern recognises it in an evidence snippet."""
    return tuple((t.name, t.free, t.pattern) for t in catalogue())


def _first(pattern: re.Pattern, sources: list[str]) -> tuple[str, re.Match] | None:
    for src in sources:
        m = pattern.search(src)
        if m:
            return src, m
    return None


def page_tools(sources: list[str]) -> dict[str, tuple[str, re.Match]]:
    """{tool: (where it was seen, the match)} for one page's script URLs, resources and inline scripts."""
    hits: dict[str, tuple[str, re.Match]] = {}
    for tool in catalogue():
        hit = _first(tool.own, sources)
        if hit:
            hits[tool.name] = hit
    for tool in catalogue():
        if tool.shared is not None and tool.name not in hits and tool.unless not in hits:
            hit = _first(tool.shared, sources)
            if hit:
                hits[tool.name] = hit
    return hits


# A consent manager's catalogue of services (tarteaucitron.services.js, Klaro's or Orejime's
# configs) names every tracker it can load: such a file says nothing of which ones a site loads.
_SERVICE_CATALOGUE = re.compile(r"tarteaucitron\.services\s*=|tarteaucitron\.services\.\w+\s*=|klaroConfig|orejime", re.I)


def _scan_own_scripts(obs: Observations, found: dict[str, list[Evidence]], pages_with: dict[str, set[str]]
                      ) -> tuple[int, list[str]]:
    """Trackers inside the site's own scripts (its JS bundle loads Matomo or Google Analytics itself):
    the pages that load that script count, and the script is the evidence. Returns (scripts read,
    service catalogues left aside)."""
    read, catalogues = 0, []
    for asset in obs.assets:
        if asset.kind != "js" or not asset.text:
            continue
        read += 1
        if _SERVICE_CATALOGUE.search(asset.text):
            catalogues.append(asset.url)
            continue
        hits = page_tools([asset.text])
        if not hits:
            continue
        loading = {p.url for p in obs.pages_loading(asset)}
        for name, (src, m) in hits.items():
            pages_with.setdefault(name, set()).update(loading)
            if len(found.setdefault(name, [])) < MAX_EVIDENCE_PER_TOOL:
                a = max(0, m.start() - 60)
                found[name].append(asset_evidence(asset, src[a:m.end() + 60]))
    return read, catalogues


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found: dict[str, list[Evidence]] = {}
    pages_with: dict[str, set[str]] = {}
    for page in obs.pages:
        # What the page loads or configures, never its text: naming a tool is not loading it.
        inline = [js_without_comments(s) for s in page.inline_scripts]
        for name, (src, m) in page_tools(page.scripts + page.script_tags + page.resources + inline).items():
            pages_with.setdefault(name, set()).add(page.url)
            if len(found.setdefault(name, [])) < MAX_EVIDENCE_PER_TOOL:
                a = max(0, m.start() - 60)
                found[name].append(page_evidence(page, src[a:m.end() + 60]))
    bundles_read, catalogues = _scan_own_scripts(obs, found, pages_with)
    names = sorted(found)
    free = {t.name for t in catalogue() if t.free}
    details = {"pages_par_outil": {n: len(urls) for n, urls in sorted(pages_with.items())},
               "pages_lues": len(obs.pages), "scripts_du_site_lus": bundles_read}
    if catalogues:
        details["catalogues_de_services_ignores"] = catalogues
    if not names:
        return signal(META, [], NEUTRE, "aucun outil de mesure d'audience détecté", details=details,
                      searched=searched(obs))
    proprietary = [n for n in names if n not in free]
    assessment = DEFAVORABLE if proprietary else FAVORABLE
    evidence = [e for n in sorted(names, key=lambda n: (n in free, n)) for e in found[n]]
    return signal(META, names, assessment, ", ".join(names), evidence=evidence, details=details)
