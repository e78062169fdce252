"""document_structure: how the PDF documents the sites publish are built for their readers: tagged,
language set, title set and shown, text present (not a scan). RGAA asks for accessible documents
(criterion 13.3): these are the conditions a program can read in the file; a PDF that meets them all
is tagged and titled, not yet proven accessible (alternative texts, reading order, tables and
contrasts need a person, or a PDF/UA checker: the details list what is not checked).
"""
from __future__ import annotations

from checks.base import CheckMeta, document_evidence, signal, unreachable_reason
from ground.doctext import MAX_PAGES
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Document, Observations

META = CheckMeta(
    id="document_structure",
    domain="interop_accessibilite",
    title="Documents PDF balisés, titrés et lisibles",
    description=(
        "Part des documents PDF publiés qui sont balisés (arbre de structure), déclarent leur langue, "
        "portent un titre affiché par le lecteur et contiennent du texte (pas un scan) : les conditions "
        "d'accessibilité (RGAA critère 13.3, PDF/UA) qu'un programme peut lire dans le fichier. Un PDF qui "
        "les remplit toutes n'est pas encore prouvé accessible."
    ),
    title_en="PDF documents tagged, titled and readable",
    description_en=(
        "Share of the published PDF documents that are tagged (structure tree), declare their language, "
        "carry a title shown by the reader and hold text (not a scan): the accessibility conditions (RGAA "
        "criterion 13.3, PDF/UA) a program can read in the file. A PDF meeting them all is not yet proven "
        "accessible."
    ),
    evidence="Chaque PDF lu : ce que le fichier dit de son balisage, de sa langue, de son titre et de son texte.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Conditions read in the file (each a PDF/UA requirement, Matterhorn protocol checkpoint in brackets).
CONDITIONS = {
    "balise": "arbre de structure et contenu marqué (PDF/UA 01-004, 01-005)",
    "langue": "langue du document déclarée (11-006)",
    "titre": "titre dans les métadonnées, affiché par le lecteur (06-003, 07-001)",
    "texte": "du texte, pas seulement des images (scan)",
}
# What the file alone cannot tell: a person, or a full PDF/UA checker, must look.
NOT_CHECKED = ("textes de remplacement des images (13-004)", "ordre de lecture (09-001)",
               "en-têtes des tableaux (15-003)", "contrastes (04-001)", "polices incorporées (31-009)")
FAVORABLE_SHARE = 0.8
MAX_EVIDENCE = 10


def conditions(doc: Document) -> dict[str, bool]:
    facts = doc.pdf_facts or {}
    return {
        "balise": bool(facts.get("tagged")) and bool(facts.get("marked")),
        "langue": bool(facts.get("lang")),
        "titre": bool(facts.get("title")) and bool(facts.get("display_title")),
        "texte": bool(doc.text) and not doc.scanned,
    }


def _said(doc: Document, met: dict[str, bool]) -> str:
    facts = doc.pdf_facts or {}
    title = facts.get("title")
    return (f"balisé : {'oui' if met['balise'] else 'non'} ; langue : {facts.get('lang') or 'absente'} ; "
            f"titre : {('« ' + title + ' »') if title else 'absent'}{' (affiché)' if met['titre'] else ''} ; "
            f"texte : {'oui' if met['texte'] else ('scan' if doc.scanned else 'non')}"
            + (f" ; lu en partie (les {min(MAX_PAGES, facts['pages_total'])} premières pages sur {facts['pages_total']})"
               if doc.text_truncated and facts.get("pages_total") else ""))


def _unreadable_said(reason: str) -> str:
    """« document illisible : <why> », unless the reason already says it (« document illisible (…) »,
    « document refusé : … », « PDF chiffré : texte illisible… »)."""
    return reason if reason.startswith("document") or "illisible" in reason else f"document illisible : {reason}"


def unreadable(obs: Observations) -> list[Document]:
    """Fetched documents whose text could not be read (encrypted, hostile, too slow, too large…), in URL
    order: findings in their own right, listed whatever their format."""
    return sorted((d for d in obs.documents if d.fetched and d.text_error), key=lambda d: d.url)


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    pdfs = sorted((d for d in obs.documents if d.fetched and d.format == "pdf" and d.pdf_facts
                   and not d.text_error), key=lambda d: d.url)
    refused = unreadable(obs)
    refused_rows = [{"url": d.url, "raison": d.text_error} for d in refused[:MAX_EVIDENCE]]
    refused_evidence = [document_evidence(d, _unreadable_said(d.text_error)) for d in refused[:MAX_EVIDENCE]]
    if not pdfs:
        reason = "aucun document PDF lisible parmi les documents liés"
        if refused:
            reason += f" ; {len(refused)} document(s) illisible(s)"
        return signal(META, None, INCONNU, "aucun PDF lu", reason=reason, evidence=refused_evidence,
                      details={"documents_illisibles": len(refused), "illisibles": refused_rows} if refused else None)
    judged = [(doc, conditions(doc)) for doc in pdfs]
    passing = [doc for doc, met in judged if all(met.values())]
    share = len(passing) / len(pdfs)
    per_condition = {key: sum(met[key] for _, met in judged) for key in CONDITIONS}
    details = {"pdf_lus": len(pdfs), "conformes_aux_conditions": len(passing), "par_condition": per_condition,
               "scans": sum(1 for doc in pdfs if doc.scanned),
               "documents_illisibles": len(refused), "illisibles": refused_rows,
               "conditions_verifiees": list(CONDITIONS.values()), "non_verifie": list(NOT_CHECKED)}
    # The documents that miss most conditions first; then those that could not be read at all.
    judged.sort(key=lambda item: (sum(item[1].values()), item[0].url))
    evidence = [document_evidence(doc, _said(doc, met)) for doc, met in judged[:MAX_EVIDENCE]]
    evidence += refused_evidence
    assessment = FAVORABLE if share >= FAVORABLE_SHARE else NEUTRE if passing else DEFAVORABLE
    display = f"{round(share * 100)} % des PDF ({len(passing)} sur {len(pdfs)})"
    return signal(META, round(share, 3), assessment, display, evidence=evidence, details=details)
