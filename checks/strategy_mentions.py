"""strategy_mentions: pages that speak of a digital strategy, a free-software policy or a deliberation on it."""
from __future__ import annotations

import re

from checks.base import CheckMeta, context, fold, page_evidence, signal, unreachable_reason
from tnl.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from tnl.observe import Observations

META = CheckMeta(
    id="strategy_mentions",
    domain="strategie",
    title="Stratégie numérique et politique du logiciel libre publiées",
    description=(
        "Les pages qui présentent une stratégie ou un schéma directeur numérique, une politique en "
        "faveur des logiciels libres ou une délibération à leur sujet : le premier domaine du label "
        "attend des plans d'action concrets, votés et publiés (la mutualisation est un signal à part)."
    ),
    title_en="Published digital strategy and free software policy",
    description_en=(
        'Pages presenting a digital strategy or master plan, a policy in favour of free software or a '
        "council decision about it: the label's first domain expects concrete action plans, voted and "
        'published (pooling is a separate signal).'
    ),
    evidence="La phrase qui en parle, sur chaque page archivée concernée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

# Themes, matched on folded text (lower case, no accents, plain apostrophes).
THEMES: dict[str, re.Pattern] = {
    "stratégie numérique": re.compile(
        r"(?:strategie|schema directeur|plan d'actions?|feuille de route|plan|politique)"
        r"(?: \w+){0,2} (?:du |de |des |en matiere de )?(?:numerique|informatique|systemes? d'information)"
    ),
    "politique logiciels libres": re.compile(
        r"(?:politique|charte|strategie|choix|priorite|engagement)(?: \w+){0,4} (?:du |des |aux |au |en faveur des |pour les )?logiciels? libres?"
        r"|territoire numerique libre"
    ),
    # A vote of the council: "délibération n° 2025-004 : politique de recours aux logiciels libres".
    "délibération logiciels libres": re.compile(
        r"\bdeliberations?\b[^.]{0,120}?\blogiciels? libres?"
    ),
}
FAVORABLE_THEMES = 2


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_theme: dict[str, list[str]] = {}
    evidence: list[Evidence] = []
    for page in obs.pages:
        folded = fold(page.text)
        hits = []
        for theme, pattern in THEMES.items():
            m = pattern.search(folded)
            if m:
                pages_by_theme.setdefault(theme, []).append(page.url)
                hits.append((theme, m))
        if hits:
            theme, m = hits[0]
            themes = ", ".join(t for t, _ in hits)
            evidence.append(page_evidence(page, f"[{themes}] " + context(page.text, m.start(), m.end())))
    pages = sorted({u for urls in pages_by_theme.values() for u in urls})
    themes = [t for t in THEMES if t in pages_by_theme]
    details = {"pages_par_theme": {t: len(pages_by_theme[t]) for t in themes}, "pages": pages}
    if not pages:
        return signal(META, 0, DEFAVORABLE, "aucune page sur une stratégie numérique ou le logiciel libre",
                      details=details)
    assessment = FAVORABLE if len(themes) >= FAVORABLE_THEMES else NEUTRE
    display = f"{len(pages)} page{'s' if len(pages) > 1 else ''} ({', '.join(themes)})"
    # Pages that touch several themes first.
    evidence.sort(key=lambda e: (-e.snippet.split("]")[0].count(","), e.url))
    return signal(META, len(pages), assessment, display, evidence=evidence, details=details)
