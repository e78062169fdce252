"""free_software_mentions: free-software names from our catalogue found in the pages' text."""
from __future__ import annotations

import re
from functools import lru_cache

from checks.base import CheckMeta, context, fold, load_data, page_evidence, signal, unreachable_reason
from tnl.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from tnl.observe import Observations

META = CheckMeta(
    id="free_software_mentions",
    domain="communication",
    title="Logiciels libres cités sur les sites",
    description=(
        "Les logiciels libres du catalogue (SILL, exemples du label) nommés dans le texte des pages : "
        "en parler publiquement fait connaître le libre aux habitants et aux agents."
    ),
    evidence="La phrase qui cite le logiciel, sur une page archivée (une par logiciel, puis les autres pages).",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_NAMES = 3


@lru_cache(maxsize=1)
def catalogue() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (item["name"], re.compile(r"(?<![\w-])(?:" + "|".join(item["patterns"]) + r")(?![\w-])"))
        for item in load_data("free_software.yaml")
    )


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_name: dict[str, list[str]] = {}
    first: dict[str, Evidence] = {}
    for page in obs.pages:
        folded = fold(page.text)
        for name, pattern in catalogue():
            m = pattern.search(folded)
            if not m:
                continue
            pages_by_name.setdefault(name, []).append(page.url)
            if name not in first:
                first[name] = page_evidence(page, context(page.text, m.start(), m.end()))
    names = sorted(pages_by_name, key=str.lower)
    details = {"pages_par_logiciel": {n: len(pages_by_name[n]) for n in names},
               "pages_lues": len(obs.pages)}
    if not names:
        return signal(META, [], DEFAVORABLE, "aucun logiciel libre cité", details=details)
    assessment = FAVORABLE if len(names) >= FAVORABLE_NAMES else NEUTRE
    display = f"{len(names)} logiciel{'s' if len(names) > 1 else ''} : {', '.join(names)}"
    return signal(META, names, assessment, display, evidence=[first[n] for n in names], details=details)
