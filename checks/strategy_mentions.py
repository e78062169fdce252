"""strategy_mentions: pages that speak of a digital strategy, a free-software policy or a deliberation on it."""
from __future__ import annotations

import re

from checks.base import (
    CheckMeta,
    Phrase,
    context,
    first_match,
    fold,
    page_evidence,
    signal,
    unreachable_reason,
)
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

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
# Each theme: phrases over folded text. `requires` lists the words every match holds (a page without
# them is not scanned), `anchors` the word each match is searched around: `before`/`after` bound how far
# a match reaches from it (a few words of at most ~30 letters each, with generous room).
_FREE = ("logiciel",), ("libre",)
THEMES: dict[str, tuple[Phrase, ...]] = {
    "stratégie numérique": (Phrase(
        re.compile(
            r"\b(?:strategie|schema directeur|plan d'actions?|feuille de route|plan|politique)"
            r"(?: \w+){0,2} (?:du |de |des |en matiere de )?(?:numerique|informatique|systemes? d'information)"),
        requires=(("strategie", "schema", "plan", "feuille", "politique"), ("numerique", "informatique", "systeme")),
        anchors=("numerique", "informatique", "systeme"), before=160, after=40),),
    "politique logiciels libres": (
        Phrase(re.compile(
            r"\b(?:politique|charte|strategie|choix|priorite|engagement)(?: \w+){0,4} "
            r"(?:du |des |aux |au |en faveur des |pour les )?logiciels? libres?"),
            requires=(("politique", "charte", "strategie", "choix", "priorite", "engagement"), *_FREE),
            anchors=("logiciel",), before=220, after=30),
        Phrase.parse("territoire numerique libre"),
    ),
    # A vote of the council: "délibération n° 2025-004 : politique de recours aux logiciels libres".
    "délibération logiciels libres": (Phrase(
        re.compile(r"\bdeliberations?\b[^.]{0,120}?\blogiciels? libres?"),
        requires=(("deliberation",), *_FREE), anchors=("deliberation",), before=0, after=160),),
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
        for theme, phrases in THEMES.items():
            m = first_match(phrases, folded)
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
