"""analytics: audience-measurement and tag tools found in the pages (Matomo vs Google Analytics…)."""
from __future__ import annotations

import re
from functools import lru_cache

from checks.base import CheckMeta, load_data, page_evidence, signal, unreachable_reason
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="analytics",
    domain="logiciels_libres",
    title="Outils de mesure d'audience",
    description=(
        "Les outils de mesure d'audience chargés par les pages : un outil libre et auto-hébergé "
        "(Matomo) garde les données des visiteurs chez la collectivité, au contraire des outils des "
        "grandes plateformes (Google Analytics, Tag Manager…)."
    ),
    title_en="Audience measurement tools",
    description_en=(
        'The audience measurement tools loaded by the pages: a free, self-hosted tool (Matomo) keeps '
        "visitors' data with the local authority, unlike the tools of the big platforms (Google "
        'Analytics, Tag Manager…).'
    ),
    evidence="L'adresse du script ou l'extrait du code de suivi, sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
MAX_EVIDENCE_PER_TOOL = 5


@lru_cache(maxsize=1)
def tools() -> tuple[tuple[str, bool, re.Pattern], ...]:
    # Case-sensitive on purpose: ids such as G-XXXX and GTM-XXXX are upper case.
    return tuple((t["name"], bool(t["free"]), re.compile("|".join(t["patterns"])))
                 for t in load_data("analytics.yaml"))


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found: dict[str, list[Evidence]] = {}
    pages_with: dict[str, int] = {}
    for page in obs.pages:
        sources = page.scripts + page.resources + page.inline_scripts
        for name, _free, pattern in tools():
            for src in sources:
                m = pattern.search(src)
                if m:
                    pages_with[name] = pages_with.get(name, 0) + 1
                    if len(found.setdefault(name, [])) < MAX_EVIDENCE_PER_TOOL:
                        a = max(0, m.start() - 60)
                        found[name].append(page_evidence(page, src[a:m.end() + 60]))
                    break
    names = sorted(found)
    free = {name for name, is_free, _ in tools() if is_free}
    details = {"pages_par_outil": dict(sorted(pages_with.items())),
               "pages_lues": len(obs.pages)}
    if not names:
        return signal(META, [], NEUTRE, "aucun outil de mesure d'audience détecté", details=details)
    proprietary = [n for n in names if n not in free]
    assessment = DEFAVORABLE if proprietary else FAVORABLE
    evidence = [e for n in sorted(names, key=lambda n: (n in free, n)) for e in found[n]]
    return signal(META, names, assessment, ", ".join(names), evidence=evidence, details=details)
