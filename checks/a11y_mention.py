"""a11y_mention: the legal accessibility mention on each website's homepage."""
from __future__ import annotations

import re

from checks.base import (
    CheckMeta,
    context,
    fold,
    page_evidence,
    signal,
    unreachable_reason,
)
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from ground.observations import Observations

META = CheckMeta(
    id="a11y_mention",
    domain="interop_accessibilite",
    title="Mention d'accessibilité sur la page d'accueil",
    description=(
        "La page d'accueil doit afficher l'état de conformité au RGAA (« Accessibilité : "
        "totalement / partiellement / non conforme ») : c'est une obligation légale (loi n° 2005-102, "
        "art. 47 ; décret n° 2019-768) et le premier signe d'une démarche d'accessibilité."
    ),
    title_en="Accessibility statement on the home page",
    description_en=(
        'The home page must show the RGAA compliance status (« Accessibilité : totalement / partiellement '
        '/ non conforme »): a legal obligation (law no. 2005-102, art. 47; decree no. 2019-768) and the '
        'first sign of an accessibility approach.'
    ),
    evidence="Le texte de la mention relevé sur la page d'accueil archivée.",
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

# Wording variants: "Accessibilité : partiellement conforme", "Accessibilité numérique - non
# conforme", "accessibilité du site : totalement conforme", "Site non conforme au RGAA" (rarer).
_MENTION = re.compile(
    r"accessibilite(?:\s+numerique)?(?:\s+du\s+site)?\s*[:\-–—]?\s*"
    r"(totalement|partiellement|non)[\s-]+conforme"
)
_ALT = re.compile(r"\b(totalement|partiellement|non)[\s-]+conforme\s+(?:au|aux\s+criteres\s+du)\s+rgaa")
VALUES = {"totalement": "totalement conforme", "partiellement": "partiellement conforme",
          "non": "non conforme"}


def find_mention(text: str) -> tuple[str, str] | None:
    """(value, snippet) of the accessibility mention in a page's text, or None."""
    folded = fold(text)
    m = _MENTION.search(folded) or _ALT.search(folded)
    if not m:
        return None
    return VALUES[m.group(1)], context(text, m.start(), m.end(), 40)


def run(obs: Observations) -> Signal:
    homepages = obs.homepages()
    main_sites = obs.candidate.get("websites", [])
    if not homepages:
        return signal(META, None, INCONNU, "indéterminé",
                      reason=unreachable_reason(obs) or "page d'accueil non lue")
    # The main website (first listed) decides the value and comes first; others are in details.
    order = {url: i for i, url in enumerate(main_sites)}
    homepages = sorted(homepages, key=lambda p: (order.get(p.site, len(order)), p.url))
    found = {}
    evidence = []
    for page in homepages:
        hit = find_mention(page.text)
        if hit:
            found[page.site] = hit[0]
            evidence.append(page_evidence(page, hit[1]))
    per_site = {p.site: found.get(p.site) for p in homepages}
    main = next((s for s in main_sites if s in per_site), homepages[0].site)
    value = per_site.get(main)
    if value is None:
        checked = [p for p in homepages if p.site == main]
        evidence = [page_evidence(p, "aucune mention « Accessibilité : … conforme » dans la page") for p in checked] + evidence
        return signal(META, None, DEFAVORABLE, "absente", evidence=evidence,
                      details={"par_site": per_site})
    assessment = DEFAVORABLE if value == "non conforme" else FAVORABLE
    return signal(META, value, assessment, value, evidence=evidence, details={"par_site": per_site})
