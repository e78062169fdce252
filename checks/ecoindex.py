"""ecoindex: an EcoIndex-style grade (A–G) per page, estimated from the HTML alone; median over the site."""
from __future__ import annotations

from collections import Counter

from checks.base import CheckMeta, page_evidence, signal, unreachable_reason
from checks.sobriety import ecoindex_grade, ecoindex_score, kb, median, weights
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="ecoindex",
    domain="interop_accessibilite",
    title="EcoIndex estimé des pages (sobriété numérique)",
    description=(
        "Note EcoIndex (A à G) de chaque page lue, calculée selon la méthode publiée sur ecoindex.fr "
        "(taille du DOM, nombre de requêtes, poids de la page) mais estimée à partir du HTML seul : "
        "elle situe la sobriété des pages du site parmi celles du web, critère du label depuis 2024."
    ),
    title_en="Estimated EcoIndex of the pages (digital sobriety)",
    description_en=(
        'EcoIndex grade (A to G) of each page read, computed with the method published on ecoindex.fr '
        '(DOM size, number of requests, page weight) but estimated from the HTML alone: it places the '
        "sobriety of the site's pages among those of the web, a criterion of the label since 2024."
    ),
    evidence=(
        "Les pages les moins bien notées, avec leurs trois mesures (éléments, requêtes = 1 + ressources "
        "citées par le HTML, poids = HTML seul) et leur note."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Median grade A or B is favourable, C or D neutral, E to G unfavourable: B (score above 70) is
# the grade ecoindex.fr presents as a sober page; below D (score 40) a page is heavier than most of
# the web. The estimate from the HTML alone undercounts requests and bytes, so it flatters a site:
# an unfavourable grade is all the more telling.
GOOD_GRADES = ("A", "B")
BAD_GRADES = ("E", "F", "G")
WORST_SHOWN = 3
METHOD = ("méthode EcoIndex (ecoindex.fr, implémentation de référence ecoindex-compute du collectif cnumr) : "
          "score = 100 − 5 × (3·q(DOM) + 2·q(requêtes) + q(poids en ko)) / 6, arrondi à l'entier puis noté ; "
          "estimé à partir de ce qui a été lu (requêtes = 1 + ressources citées par le HTML ; poids = HTML, plus "
          "les feuilles de style et scripts du site lui-même qu'il charge ; images et fichiers d'autres sites "
          "non comptés)")


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    rows = []
    for w in weights(obs):
        score = ecoindex_score(w.dom, w.requests, w.known_bytes / 1024)
        rows.append((score, ecoindex_grade(score), w))
    med = round(median([r[0] for r in rows]), 1)
    grade = ecoindex_grade(med)
    worst = sorted(rows, key=lambda r: (r[0], r[2].page.url))[:WORST_SHOWN]
    counts = Counter(r[1] for r in rows)
    details = {"note_mediane": grade, "score_median": med, "pages_lues": len(rows),
               "pages_par_note": {g: counts[g] for g in "ABCDEFG" if counts[g]},
               "methode": METHOD}
    evidence = [page_evidence(w.page, f"EcoIndex estimé {s:g} ({g}) : {w.dom} éléments, {w.requests} requêtes, "
                                      f"HTML {kb(w.html_bytes)}"
                                      + (f" + CSS/JS du site {kb(w.own_bytes)}" if w.own_bytes else ""))
                for s, g, w in worst]
    source = "HTML et CSS/JS du site" if any(w.own_bytes for _, _, w in rows) else "HTML seul"
    display = f"note médiane {grade} (score {med:g}/100, estimé à partir du {source}, {len(rows)} pages)"
    assessment = FAVORABLE if grade in GOOD_GRADES else DEFAVORABLE if grade in BAD_GRADES else NEUTRE
    return signal(META, med, assessment, display, evidence=evidence, details=details)
