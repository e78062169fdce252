"""The methodology page (French Markdown) of `tnl signals --markdown`, generated from the check registry and the rubric."""
from __future__ import annotations

from checks.registry import ALL_CHECKS, RENDERED_CHECKS
from checks.rubric import editions, load_rubric
from ground.model import DOMAINS

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

« inconnu » veut dire non observé ou illisible ; « neutre », observé sans jugement ;
« défavorable », observé et contraire au label. Une absence constatée dit où elle a été cherchée
(« recherché dans N pages et M documents »).

Les niveaux par domaine sont **indicatifs** : points = poids × part (favorable {fav}, neutre
{neu}, défavorable {unfav} ; les signaux « inconnu » ne comptent pas), niveau = le plus haut dont le
seuil est atteint (seuils : {levels}). Le jury décide. Pas de niveau sur trop peu de preuves : un
domaine n'a de niveau que si au moins {min_signals} de ses signaux sont établis, portant au moins
{min_share} % de son poids ; sinon il est « non évaluable », avec la raison. Un candidat dont aucun
site n'a répondu n'a aucun niveau.
"""

EDITIONS = """
## Éditions du label

Les identifiants des domaines ne changent pas ; leurs intitulés, leurs explications et la grille
viennent du fichier de l'édition suivie (`checks/data/editions/<année>.yaml`). Par défaut, l'outil
suit la plus récente ; `--edition ANNÉE` (sur `tnl run` et `tnl check`) en choisit une autre, et
`--rubric FICHIER` une grille personnelle. Le rapport (report.json, HTML) indique l'édition suivie
et écrit les intitulés de cette édition.

| domaine | {heads} |
|---|{cols}
"""

OUTCOME_LEVELS = """
## Résultat de l'édition

Dans cette édition, le candidat reçoit un niveau d'ensemble **indicatif** : celui de la moyenne des
parts des points de ses domaines évalués, sur les mêmes seuils ({levels}). Il faut au moins
{min_domains} domaines évalués ; sinon le résultat est « non évaluable ». Le jury décide.
"""

OUTCOME_TIERS = """
## Résultat de l'édition : parcours, palier et mentions

Depuis 2025, le label n'est plus un niveau de 1 à 5. La collectivité choisit son **parcours** :
le **badge** (questionnaire simplifié d'une dizaine de questions) ou le **label** (palier Bronze,
Argent ou Or). Le parcours est lu dans le champ `parcours` (`badge` ou `label`) du fichier des
candidats, jamais deviné ; sans lui, le rapport le dit et lit le parcours label.

Le résultat est **indicatif** (le jury décide) : la part des points du candidat est la moyenne des
parts des points de ses domaines évalués (au moins {min_domains}, sinon « non évaluable »). Sur le
parcours label, c'est le plus haut palier dont la part est atteinte ({tiers}) ; en deçà du Bronze,
« aucun ». Sur le parcours badge, les preuves appuient le badge dès {badge}. Les profils ci-dessous
ajustent ces parts au type et à la taille de la collectivité.

Mentions spéciales pour lesquelles les preuves peuvent parler (suggérées quand chaque signal requis
est favorable et qu'assez de signaux à l'appui le sont ; non évaluables si un signal requis est
inconnu) :

{mentions}
"""

PROFILES = """
## Grille selon le type et la taille de la collectivité

Depuis 2024, l'échelle est ajustée au type et à la taille de la collectivité. Un **profil** de la
grille s'applique aux candidats qu'il désigne (type : commune, epci, departement, region ; tranche
de population, bornes comprises, lue dans le champ facultatif `population` du fichier des
candidats) et y remplace des poids, des seuils ou les parts exigées par niveau. Le premier profil
qui correspond s'applique ; sans population connue, seuls les profils sans tranche de population
peuvent s'appliquer (jamais de supposition). Un poids 0 rend le signal non applicable : il ne
compte ni dans les points ni dans le maximum. Le rapport dit quel profil a été appliqué et quels
seuils ont changé.
"""


def _pct(share: float) -> str:
    return f"{share * 100:g}\u202f%"


def markdown(rubric_path=None) -> str:
    rubric, source = load_rubric(rubric_path)
    pts = rubric.points
    levels = ", ".join(f"niveau {k} dès {round(v * 100)} %" for k, v in sorted(rubric.levels.items()))
    lines = [INTRO.format(fav=pts.get("favorable"), neu=pts.get("neutre"), unfav=pts.get("defavorable"),
                          levels=levels, min_signals=rubric.evaluable.min_signals,
                          min_share=round(rubric.evaluable.min_weight_share * 100))]
    for domain in DOMAINS:
        lines.append(f"\n## {rubric.domain_title(domain)} (`{domain}`)\n")
        if rubric.domain_description(domain):
            lines.append(rubric.domain_description(domain) + "\n")
        lines.append("| signal | intitulé | ce qu'il mesure | preuve | issues possibles | poids |")
        lines.append("|---|---|---|---|---|---|")
        rules = rubric.domains.get(domain, {})
        for check in ALL_CHECKS:
            m = check.meta
            if m.domain != domain:
                continue
            title = m.title + (" *(avec `--render` seulement)*" if check in RENDERED_CHECKS else "")
            rule = rules.get(m.id)
            weight = "—" if rule is None else f"{rule.weight:g}"
            outcomes = ", ".join(ASSESSMENT_WORDS[o] for o in m.outcomes)
            cells = [f"`{m.id}`", title, m.description, m.evidence, outcomes, weight]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if rubric_path is None:
        shipped = [load_rubric(edition=year)[0] for year in editions()]
        lines.append(EDITIONS.format(heads=" | ".join(r.label or str(r.edition) for r in shipped),
                                     cols="---|" * len(shipped)).rstrip("\n"))
        for domain in DOMAINS:
            lines.append(f"| `{domain}` | " + " | ".join(r.domain_title(domain) for r in shipped) + " |")
    rule = rubric.outcome
    if rule.scale == "tiers":
        mentions = [f"- **{mn.title}** (`{mn.id}`) : requis {', '.join(f'`{x}`' for x in mn.required) or '—'} ; "
                    f"à l'appui, au moins {mn.min_favorable} favorable(s) parmi "
                    f"{', '.join(f'`{x}`' for x in mn.supporting) or '—'}. {mn.note}" for mn in rule.mentions]
        mentions += [f"- **{u.title}** (`{u.id}`) : non jugée. {u.why}" for u in rule.unjudged]
        lines.append(OUTCOME_TIERS.format(min_domains=rule.min_domains, badge=_pct(rule.badge), mentions="\n".join(mentions),
                                          tiers=", ".join(f"{t} dès {_pct(v)}" for t, v in rule.tiers.items()))
                     .rstrip("\n"))
    else:
        lines.append(OUTCOME_LEVELS.format(levels=levels, min_domains=rule.min_domains).rstrip("\n"))
    lines.append(PROFILES.rstrip("\n"))
    if not rubric.profiles:
        lines.append("\nCette grille n'a pas de profil : les mêmes seuils valent pour toutes les collectivités.")
    for prof in rubric.profiles:
        m = prof.match
        who = [f"type {', '.join(m.kind)}" if m.kind else "tout type"]
        if m.population_min is not None:
            who.append(f"au moins {m.population_min:,} habitants".replace(",", "\u202f"))
        if m.population_max is not None:
            who.append(f"au plus {m.population_max:,} habitants".replace(",", "\u202f"))
        lines.append(f"\n### {prof.title} (`{prof.id}`)\n")
        lines.append(f"S'applique à : {' ; '.join(who)}. {prof.note}\n")
        if prof.tiers:
            lines.append("Parts exigées par palier : " + ", ".join(
                f"{t} dès {_pct(v)}" for t, v in prof.tiers.items()) + ".\n")
        if prof.badge is not None:
            lines.append(f"Badge dès {_pct(prof.badge)}.\n")
        if prof.levels:
            lines.append("Parts exigées par niveau : " + ", ".join(
                f"niveau {k} dès {round(v * 100)} %" for k, v in sorted(prof.levels.items())) + ".\n")
        for domain, rules in prof.domains.items():
            for sid, rule in rules.items():
                general = rubric.domains.get(domain, {}).get(sid)
                was = f" (grille générale : {general.weight:g})" if general else ""
                extra = f", seuils {rule.thresholds}" if rule.thresholds else ""
                lines.append(f"- `{sid}` ({rubric.domain_title(domain)}) : poids {rule.weight:g}{was}{extra}")
    lines.append(f"\nGrille : {source['path']} (édition {source.get('edition')}, SHA-256 `{source['sha256'][:16]}…`).")
    return "\n".join(lines) + "\n"
