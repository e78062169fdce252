"""a11y_mention: the legal accessibility mention on each website's homepage."""
from __future__ import annotations

import re

from checks.base import CheckMeta, context, fold, page_evidence, signal, unreachable_reason
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

# The mention as the RGAA's obligations word it (« Accessibilité : totalement / partiellement / non
# conforme », DISIC/accessibilite.numerique.gouv.fr, src/obligations/mentions-et-pages-obligatoires.md,
# commit 6b649f93) and as real footers vary it: "Accessibilité numérique - non conforme", "Accessibilité du
# site : totalement conforme", "Accessibilité (partiellement conforme)", "Accessibilité : site partiellement
# conforme", "Accessibilité : conformité partielle", "Déclaration d'accessibilité – non-conforme".
# Text is folded (checks.base.fold): lower case, no accents, plain spaces and apostrophes; dashes stay.
_DASH = "\\-\u2010\u2011\u2013\u2014"
_STATUS = (
    rf"(?:(totalement|partiellement|non)[\s{_DASH}]+conformes?\b"  # partiellement conforme, non-conforme
    r"|(?:en\s+)?conformite\s+(totale|partielle)\b"  # conformité partielle
    rf"|(non)[\s{_DASH}]+conformite\b)"  # non-conformité
)
_MENTION = re.compile(
    r"\baccessibilite(?:\s+numerique)?(?:\s+(?:du|de\s+ce|de\s+notre)\s+(?:site|portail)(?:\s+(?:internet|web))?)?"
    rf"\s*(?:[:{_DASH}(]\s*)?"  # ":", a dash or "(" between the word and the status, or nothing
    r"(?:(?:le\s+)?site(?:\s+(?:internet|web))?\s+(?:est\s+)?)?"  # "Accessibilité : site partiellement conforme"
    + _STATUS
)
# "Site partiellement conforme au RGAA", "non conforme aux critères du RGAA" (rarer, without the word).
_ALT = re.compile(rf"\b(totalement|partiellement|non)[\s{_DASH}]+conformes?\s+(?:au|avec\s+le|aux\s+criteres\s+du)\s+rgaa\b")
VALUES = {"totalement": "totalement conforme", "partiellement": "partiellement conforme",
          "non": "non conforme", "totale": "totalement conforme", "partielle": "partiellement conforme"}


def find_mention(text: str) -> tuple[str, str] | None:
    """(value, snippet) of the accessibility mention in a page's text, or None."""
    folded = fold(text)
    m = _MENTION.search(folded) or _ALT.search(folded)
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    return VALUES[word], context(text, m.start(), m.end(), 40)


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
        if not any(p.text.strip() for p in checked):
            # A homepage without any text (drawn by scripts, or an empty answer) says nothing either way.
            return signal(META, None, INCONNU, "indéterminé", evidence=[page_evidence(p, "page sans texte lisible")
                                                                         for p in checked] + evidence,
                          details={"par_site": per_site}, reason="page d'accueil sans texte lisible")
        evidence = [page_evidence(p, "aucune mention « Accessibilité : … conforme » dans la page") for p in checked] + evidence
        # Only the homepage is read: the mention is required there (the main website's homepage).
        return signal(META, None, DEFAVORABLE, "absente", evidence=evidence,
                      details={"par_site": per_site}, searched={"pages": len(checked)})
    assessment = DEFAVORABLE if value == "non conforme" else FAVORABLE
    return signal(META, value, assessment, value, evidence=evidence, details={"par_site": per_site})
