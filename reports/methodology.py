"""The methodology page (French Markdown), generated from the check registry and the rubric."""
from __future__ import annotations

from checks.registry import CHECKS
from checks.rubric import load_rubric
from tnl.model import DOMAINS

ASSESSMENT_WORDS = {"favorable": "favorable", "defavorable": "défavorable", "neutre": "neutre",
                    "inconnu": "inconnu"}

INTRO = """\
# Méthodologie des signaux

> Page générée à partir du code (`tnl signals --markdown`) : elle ne peut pas diverger de ce que
> l'outil calcule.

Chaque signal est calculé **sans réseau** à partir de l'archive WARC de la collecte, par une
fonction pure. Il porte une valeur, une appréciation (favorable, défavorable, neutre, inconnu) et
ses preuves : adresse, date, statut HTTP, extrait, empreinte SHA-256 de ce qui a été lu.
Un signal qui ne peut pas être établi (site injoignable, aucun document, API muette) est
« inconnu » avec sa raison ; il n'est jamais omis.

Les niveaux par domaine sont **indicatifs** : points = poids × part (favorable {fav}, neutre
{neu}, défavorable {unfav} ; les signaux « inconnu » ne comptent pas), niveau = le plus haut dont le
seuil est atteint (seuils : {levels}). Le jury décide.
"""


def markdown(rubric_path=None) -> str:
    rubric, source = load_rubric(rubric_path)
    pts = rubric.points
    levels = ", ".join(f"niveau {k} dès {round(v * 100)} %" for k, v in sorted(rubric.levels.items()))
    lines = [INTRO.format(fav=pts.get("favorable"), neu=pts.get("neutre"), unfav=pts.get("defavorable"),
                          levels=levels)]
    for domain, title in DOMAINS.items():
        lines.append(f"\n## {title} (`{domain}`)\n")
        lines.append("| signal | intitulé | ce qu'il mesure | preuve | issues possibles | poids |")
        lines.append("|---|---|---|---|---|---|")
        rules = rubric.domains.get(domain, {})
        for check in CHECKS:
            m = check.meta
            if m.domain != domain:
                continue
            rule = rules.get(m.id)
            weight = "—" if rule is None else f"{rule.weight:g}"
            outcomes = ", ".join(ASSESSMENT_WORDS[o] for o in m.outcomes)
            cells = [f"`{m.id}`", m.title, m.description, m.evidence, outcomes, weight]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append(f"\nGrille : {source['path']} (édition {source.get('edition')}, SHA-256 `{source['sha256'][:16]}…`).")
    return "\n".join(lines) + "\n"
