"""office_suite: which office suite produced the published documents (LibreOffice vs Microsoft Office…)."""
from __future__ import annotations

import re
from functools import lru_cache

from checks.base import CheckMeta, document_evidence, grade, load_data, searched, signal, unreachable_reason
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Document, Observations

META = CheckMeta(
    id="office_suite",
    domain="logiciels_libres",
    title="Suite bureautique utilisée pour les documents publiés",
    description=(
        "Le logiciel inscrit dans les métadonnées des documents publiés (producteur PDF, générateur "
        "ODF, application OOXML) montre la suite bureautique des agents : une suite libre "
        "(LibreOffice, Collabora, OnlyOffice…) plutôt que Microsoft Office est un marqueur concret "
        "de l'usage des logiciels libres."
    ),
    title_en="Office suite used for published documents",
    description_en=(
        'The software recorded in the metadata of published documents (PDF producer, ODF generator, OOXML '
        "application) shows the staff's office suite: a free suite (LibreOffice, Collabora, OnlyOffice…) "
        'rather than Microsoft Office is a concrete marker of free software use.'
    ),
    evidence="Chaque document dont les métadonnées nomment un logiciel, avec ce nom tel qu'il est écrit.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Same bands as open_formats: four documents out of five made with free software is a habit,
# below one in two the proprietary suite is the norm.
FAVORABLE_SHARE = 0.8
NEUTRAL_SHARE = 0.5
OTHER = "autre"  # metadata names software that is not an office suite (scanner, PDF library, TeX…)


@lru_cache(maxsize=1)
def suites() -> tuple[tuple[str, bool, re.Pattern], ...]:
    return tuple((s["name"], bool(s["free"]), re.compile("|".join(s["patterns"]), re.I))
                 for s in load_data("third_parties.yaml")["office_suites"])


def classify(producer: str | None, creator: str | None = None) -> tuple[str, bool | None] | None:
    """(suite name, free?) for a document's metadata; (OTHER, None) if unrecognised; None if no metadata.

    The creator (authoring tool) is read first: a PDF written by Word and converted by a PDF
    library names Word as creator and the library as producer.
    """
    fields = [f for f in (creator, producer) if f and f.strip()]
    if not fields:
        return None
    for text in fields:
        for name, free, pattern in suites():
            if pattern.search(text):
                return name, free
    return OTHER, None


def _stamp(doc: Document) -> str:
    parts = [f"producteur : {doc.producer}" if doc.producer else "",
             f"créateur : {doc.creator}" if doc.creator else ""]
    return " ; ".join(p for p in parts if p)


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    classified: list[tuple[Document, str, bool | None]] = []
    for doc in obs.documents:
        kind = classify(doc.producer, doc.creator)
        if kind is not None:
            classified.append((doc, *kind))
    per_suite: dict[str, int] = {}
    for _, name, _free in classified:
        per_suite[name] = per_suite.get(name, 0) + 1
    office = [c for c in classified if c[2] is not None]
    free_count = sum(1 for c in office if c[2])
    details = {"par_logiciel": dict(sorted(per_suite.items())), "documents_lus": len(obs.documents),
               "documents_avec_metadonnees": len(classified), "suite_libre": free_count,
               "suite_proprietaire": len(office) - free_count}
    if not classified:
        return signal(META, None, INCONNU, "aucun document avec métadonnées", details=details,
                      reason="aucun document lu ne porte le nom du logiciel qui l'a produit"
                      if obs.documents else "aucun document lié depuis les pages lues")
    # Proprietary first (the telling evidence), then free, then the rest.
    order = {False: 0, True: 1, None: 2}
    evidence: list[Evidence] = [
        document_evidence(doc, f"{name} — {_stamp(doc)}")
        for doc, name, free in sorted(classified, key=lambda c: (order[c[2]], c[1], c[0].url))]
    if not office:
        return signal(META, None, NEUTRE, "aucune suite bureautique identifiée dans les métadonnées",
                      searched=searched(obs, pages=False, documents=True),
                      evidence=evidence, details=details)
    share = round(free_count / len(office), 3)
    assessment = grade(share, FAVORABLE_SHARE, NEUTRAL_SHARE)
    display = (f"{round(share * 100)} % produits avec une suite libre "
               f"({free_count} sur {len(office)} documents : "
               + ", ".join(f"{n} {c}" for n, c in sorted(per_suite.items()) if n != OTHER) + ")")
    return signal(META, share, assessment, display, evidence=evidence, details=details)
