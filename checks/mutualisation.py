"""mutualisation: pooling of IT with other public bodies (shared services, public digital operator, ADULLACT)."""
from __future__ import annotations

import re
from functools import lru_cache

from checks.base import CheckMeta, context, fold, load_data, page_evidence, signal, unreachable_reason
from tnl.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from tnl.observe import Observations

META = CheckMeta(
    id="mutualisation",
    domain="strategie",
    title="Mutualisation des moyens numériques",
    description=(
        "Les pages qui font état d'un service informatique commun avec l'intercommunalité, de "
        "l'adhésion à un opérateur public de services numériques (OPSN : Déclic, SICTIAM, Gironde "
        "Numérique, Soluris, Mégalis…) ou à l'ADULLACT : le label attend que la collectivité partage "
        "ses moyens et ses logiciels avec d'autres."
    ),
    title_en="Pooling of digital resources",
    description_en=(
        'Pages mentioning an IT service shared with the intercommunality, membership of a public digital '
        'services operator (OPSN: Déclic, SICTIAM, Gironde Numérique, Soluris, Mégalis…) or of ADULLACT: '
        'the label expects the local authority to share its resources and software with others.'
    ),
    evidence="La phrase qui en parle, sur chaque page archivée concernée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Two kinds of pooling (e.g. a shared IT service and ADULLACT membership) show a policy; one alone
# may be a single agreement.
FAVORABLE_THEMES = 2


_PLAIN = re.compile(r"^(?:\\b)?([a-z][a-z -]{3,})(?:\\b)?$")


def _literal(pattern: str) -> tuple[str, ...]:
    """A pattern that is one plain word or phrase (\\bdeclic\\b) needs that text: a substring test
    first spares the regex engine a scan of the whole page (a leading \\b defeats its own)."""
    m = _PLAIN.match(pattern)
    return (m.group(1),) if m else ()


class _Theme:
    """A theme's patterns, each with the plain words one of which a page must hold for it to be tried."""

    def __init__(self, items: list) -> None:
        self.rules = [(re.compile(i["pattern"]), tuple(i.get("requires") or ())) if isinstance(i, dict)
                      else (re.compile(i), _literal(i)) for i in items]

    def search(self, folded: str) -> re.Match | None:
        found = [m for pattern, needs in self.rules if (m := _search(pattern, needs, folded))]
        return min(found, key=lambda m: m.start()) if found else None


WINDOW = 400  # characters around a required word: wider than any pattern's reach
MAX_OCCURRENCES = 200


def _search(pattern: re.Pattern, needs: tuple[str, ...], folded: str) -> re.Match | None:
    """The first match, searched only around the required words (same result, far less text)."""
    if not needs:
        return pattern.search(folded)
    starts = []
    for word in needs:
        at = folded.find(word)
        while at != -1 and len(starts) < MAX_OCCURRENCES:
            starts.append(at)
            at = folded.find(word, at + 1)
    best = None
    for at in sorted(starts):
        if best is not None and at - WINDOW > best.start():
            break
        m = pattern.search(folded, max(0, at - WINDOW), at + WINDOW)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


@lru_cache(maxsize=1)
def themes() -> dict[str, _Theme]:
    return {theme: _Theme(items) for theme, items in load_data("ecosystem.yaml")["mutualisation"].items()}


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_theme: dict[str, list[str]] = {}
    evidence: list[tuple[int, Evidence]] = []
    for page in obs.pages:
        folded = fold(page.text)
        hits = [(t, m) for t, p in themes().items() if (m := p.search(folded))]
        for theme, _ in hits:
            pages_by_theme.setdefault(theme, []).append(page.url)
        if hits:
            label = ", ".join(t for t, _ in hits)
            theme, m = hits[0]
            evidence.append((len(hits), page_evidence(page, f"[{label}] " + context(page.text, m.start(), m.end()))))
    found = [t for t in themes() if t in pages_by_theme]
    pages = sorted({u for urls in pages_by_theme.values() for u in urls})
    details = {"pages_par_theme": {t: len(pages_by_theme[t]) for t in found}, "pages": pages}
    if not found:
        return signal(META, [], DEFAVORABLE, "aucune mention de mutualisation des moyens numériques", details=details)
    assessment = FAVORABLE if len(found) >= FAVORABLE_THEMES else NEUTRE
    display = ", ".join(found) + f" ({len(pages)} page{'s' if len(pages) > 1 else ''})"
    ordered = [e for _, e in sorted(evidence, key=lambda x: (-x[0], x[1].url))]
    return signal(META, found, assessment, display, evidence=ordered, details=details)
