"""open_formats: office documents linked by the websites, counted by format (RGI v2 open formats)."""
from __future__ import annotations

from collections import Counter

from checks.base import CheckMeta, document_evidence, grade, page_evidence, signal, unreachable_reason
from ground.formats import FAMILY, is_open
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="open_formats",
    domain="interop_accessibilite",
    title="Documents publiés en formats ouverts",
    description=(
        "Part des documents bureautiques liés par les sites qui sont dans un format ouvert "
        "(ODF, PDF, CSV, TXT, XML, JSON — Référentiel Général d'Interopérabilité v2) : un format "
        "ouvert se lit sans logiciel imposé, ce qu'attend le label."
    ),
    title_en="Documents published in open formats",
    description_en=(
        'Share of the office documents linked by the websites that are in an open format (ODF, PDF, CSV, '
        "TXT, XML, JSON — Référentiel Général d'Interopérabilité v2): an open format can be read without "
        'imposed software, as the label expects.'
    ),
    evidence="Chaque document lié (URL, format, page qui le lie), les formats fermés en premier.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.8
NEUTRAL_SHARE = 0.5


def run(obs: Observations):
    docs = obs.documents
    if not docs:
        reason = unreachable_reason(obs) or "aucun document bureautique lié depuis les pages lues"
        return signal(META, None, INCONNU, "aucun document", reason=reason,
                      details={"par_format": {}, "documents": 0})
    counts = Counter(d.format for d in docs)
    open_count = sum(n for fmt, n in counts.items() if is_open(fmt))
    share = round(open_count / len(docs), 3)
    pages = {p.url: p for p in obs.pages}
    evidence: list[Evidence] = []
    for doc in sorted(docs, key=lambda d: (is_open(d.format), d.format, d.url)):
        label = f"{doc.format.upper()} ({'ouvert' if is_open(doc.format) else 'fermé'})"
        if doc.fetched:
            evidence.append(document_evidence(doc, f"{label}, lié depuis {doc.linked_from}"))
        elif doc.linked_from in pages:
            note = f" ; non téléchargé : {doc.error}" if doc.error else " ; non téléchargé"
            evidence.append(page_evidence(pages[doc.linked_from], f"lien vers {doc.url} — {label}{note}"))
    assessment = grade(share, FAVORABLE_SHARE, NEUTRAL_SHARE)
    by_family = Counter(FAMILY.get(d.format, d.format.upper()) for d in docs)
    display = f"{round(share * 100)} % ouverts ({open_count} sur {len(docs)} documents)"
    return signal(META, share, assessment, display, evidence=evidence, details={
        "par_format": dict(sorted(counts.items())),
        "par_famille": dict(sorted(by_family.items())),
        "documents": len(docs), "ouverts": open_count, "fermes": len(docs) - open_count,
    })
