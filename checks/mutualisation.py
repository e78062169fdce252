"""mutualisation: pooling of IT with other public bodies (shared services, public digital operator, ADULLACT)."""
from __future__ import annotations

from functools import lru_cache

from checks.base import (
    CheckMeta,
    Phrase,
    context,
    document_evidence,
    document_pages,
    first_match,
    fold,
    load_data,
    page_evidence,
    readable_documents,
    searched,
    signal,
    unreachable_reason,
)
from checks.dates import dates_of_documents, document_date
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

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


# A pattern with anchors (words each match holds) is searched only this far around them: wider than
# any pattern's reach (a few words, at most ~60 characters of free text).
WINDOW = 400


@lru_cache(maxsize=1)
def themes() -> dict[str, tuple[Phrase, ...]]:
    return {theme: tuple(Phrase.parse(i, reach=WINDOW) for i in items)
            for theme, items in load_data("ecosystem.yaml")["mutualisation"].items()}


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pages_by_theme: dict[str, list[str]] = {}
    evidence: list[tuple[int, Evidence]] = []
    for page in obs.pages:
        folded = fold(page.text)
        hits = [(t, m) for t, phrases in themes().items() if (m := first_match(phrases, folded))]
        for theme, _ in hits:
            pages_by_theme.setdefault(theme, []).append(page.url)
        if hits:
            label = ", ".join(t for t, _ in hits)
            theme, m = hits[0]
            evidence.append((len(hits), page_evidence(page, f"[{label}] " + context(page.text, m.start(), m.end()))))
    # Pooling agreements, memberships and deliberations published as documents: each document once,
    # cited at the first of its pages that states it (ground.doctext).
    docs_by_theme: dict[str, list[str]] = {}
    for doc in readable_documents(obs):
        for number, text in document_pages(doc):
            folded = fold(text)
            hits = [(t, m) for t, phrases in themes().items() if (m := first_match(phrases, folded))]
            if not hits:
                continue
            for theme, _ in hits:
                docs_by_theme.setdefault(theme, []).append(doc.url)
            label = ", ".join(t for t, _ in hits)
            theme, m = hits[0]
            evidence.append((len(hits), document_evidence(doc, f"[{label}] " + context(text, m.start(), m.end()),
                                                          page=number, when=document_date(doc))))
            break
    found = [t for t in themes() if t in pages_by_theme or t in docs_by_theme]
    pages = sorted({u for urls in pages_by_theme.values() for u in urls})
    documents = sorted({u for urls in docs_by_theme.values() for u in urls})
    details = {"pages_par_theme": {t: len(pages_by_theme.get(t, [])) for t in found}, "pages": pages}
    if documents:
        details["documents"] = documents
        details["dates_des_documents"] = dates_of_documents([e for _, e in evidence], documents)
    if not found:
        return signal(META, [], DEFAVORABLE, "aucune mention de mutualisation des moyens numériques", details=details,
                      searched=searched(obs))
    assessment = FAVORABLE if len(found) >= FAVORABLE_THEMES else NEUTRE
    sources = [f"{len(pages)} page{'s' if len(pages) > 1 else ''}"] if pages else []
    if documents:
        sources.append(f"{len(documents)} document{'s' if len(documents) > 1 else ''}")
    display = ", ".join(found) + f" ({' et '.join(sources)})"
    ordered = [e for _, e in sorted(evidence, key=lambda x: (-x[0], x[1].url))]
    return signal(META, found, assessment, display, evidence=ordered, details=details)
