"""legal_pages: legal notice and privacy policy found, and whether they name the tracking tools detected."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks import analytics
from checks.base import (
    CheckMeta,
    fold,
    load_data,
    page_evidence,
    signal,
    unreachable_reason,
)
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations, Page

META = CheckMeta(
    id="legal_pages",
    domain="communication",
    title="Mentions légales et politique de confidentialité",
    description=(
        "Les mentions légales (loi n° 2004-575, art. 6) et une politique de confidentialité (RGPD, "
        "art. 13) doivent être publiées, et cette dernière doit nommer les outils de mesure "
        "d'audience et de pistage réellement chargés par le site : la transparence envers les "
        "habitants est attendue d'un territoire numérique libre."
    ),
    title_en="Legal notice and privacy policy",
    description_en=(
        'The legal notice (law no. 2004-575, art. 6) and a privacy policy (GDPR, art. 13) must be '
        'published, and the latter must name the audience measurement and tracking tools the website '
        'actually loads: transparency towards residents is expected of a free digital territory.'
    ),
    evidence=(
        "La page de mentions légales et celle de confidentialité (titre, adresse), et pour chaque "
        "outil détecté mais non nommé, la page où il est chargé."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
LEGAL = "mentions_legales"
PRIVACY = "politique_confidentialite"


@lru_cache(maxsize=1)
def _data():
    data = load_data("legal_pages.yaml")
    kinds = {}
    for kind, key in ((LEGAL, "legal_notice"), (PRIVACY, "privacy_policy")):
        kinds[kind] = (re.compile("|".join(data[key]["text"])), re.compile("|".join(data[key]["url"])))
    return kinds, data["tool_aliases"]


def _aliases(tool: str) -> list[str]:
    return [fold(a) for a in _data()[1].get(tool, [])] + [fold(p.strip()) for p in tool.split("/")]


def _kinds_of(page: Page) -> set[str]:
    path = urlsplit(page.url).path.lower()
    title = fold(page.title or "")
    return {kind for kind, (text, url) in _data()[0].items() if url.search(path) or text.search(title)}


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    by_url = {p.url.split("#", 1)[0]: p for p in obs.pages}
    found: dict[str, dict[str, Page | None]] = {LEGAL: {}, PRIVACY: {}}
    for page in obs.pages:
        for kind in _kinds_of(page):
            found[kind][page.url] = page
        for link in page.links:
            target = link.url.split("#", 1)[0]
            for kind, (text, url) in _data()[0].items():
                if text.search(fold(link.text)) or url.search(urlsplit(target).path.lower()):
                    found[kind].setdefault(target, by_url.get(target))
    read = {u: p for kind in found.values() for u, p in kind.items() if p is not None}
    legal_text = " ".join(fold(p.main_text or p.text) for p in read.values())
    tools_signal = analytics.run(obs)
    tools = list(tools_signal.value or [])
    unnamed = [t for t in tools if not any(re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", legal_text)
                                           for a in _aliases(t))]
    value = {LEGAL: bool(found[LEGAL]), PRIVACY: bool(found[PRIVACY]),
             "outils_detectes": tools, "outils_non_nommes": unnamed}
    details = {"pages_mentions_legales": sorted(found[LEGAL]), "pages_confidentialite": sorted(found[PRIVACY]),
               "pages_lues": sorted(read)}
    evidence: list[Evidence] = []
    for tool in unnamed:
        ev = next((e for e in tools_signal.evidence if tool_matches(tool, e.snippet)), None)
        if ev is not None:
            evidence.append(Evidence(ev.url, ev.fetched_at, ev.http_status,
                                     f"{tool} chargé ici mais non nommé dans les pages légales : {ev.snippet}"[:300],
                                     ev.sha256, ev.record_id))
    for kind, label in ((LEGAL, "mentions légales"), (PRIVACY, "politique de confidentialité")):
        for url in sorted(found[kind])[:3]:
            page = found[kind][url]
            if page is not None:
                evidence.append(page_evidence(page, f"{label} : « {page.title or url} »"))
    missing = [label for kind, label in ((LEGAL, "mentions légales"), (PRIVACY, "politique de confidentialité"))
               if not found[kind]]
    if unnamed or not found[LEGAL]:
        parts = []
        if missing:
            parts.append("absentes : " + ", ".join(missing))
        if unnamed:
            parts.append("outils non nommés : " + ", ".join(unnamed))
        return signal(META, value, DEFAVORABLE, " ; ".join(parts), evidence=evidence, details=details)
    named = f" ; outils nommés : {', '.join(tools)}" if tools else ""
    if missing:
        return signal(META, value, NEUTRE, "absente : " + ", ".join(missing) + named, evidence=evidence, details=details)
    return signal(META, value, FAVORABLE, "mentions légales et politique de confidentialité publiées" + named,
                  evidence=evidence, details=details)


def tool_matches(tool: str, snippet: str) -> bool:
    """Whether an analytics evidence snippet belongs to `tool` (re-run its pattern)."""
    return any(name == tool and pattern.search(snippet) for name, _free, pattern in analytics.tools())
