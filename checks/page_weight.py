"""page_weight: how heavy the crawled HTML pages are (bytes, sub-resources, DOM elements), median and worst."""
from __future__ import annotations

from checks.base import CheckMeta, page_evidence, signal, unreachable_reason
from checks.sobriety import Weight, kb, median, subresources, weights
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="page_weight",
    domain="interop_accessibilite",
    title="Poids des pages (sobriété numérique)",
    description=(
        "Taille du HTML, nombre de ressources appelées (scripts, styles, images, polices, iframes) et "
        "nombre d'éléments de chaque page lue, en valeur médiane : des pages légères consomment moins "
        "de réseau et d'énergie et restent utilisables sur un équipement ancien, ce qui relève de la "
        "sobriété numérique attendue par le label depuis 2024."
    ),
    title_en="Page weight (digital sobriety)",
    description_en=(
        'HTML size, number of resources requested (scripts, styles, images, fonts, iframes) and number of '
        'elements of each page read, as median values: light pages use less network and energy and stay '
        'usable on old devices, which is the digital sobriety the label expects since 2024.'
    ),
    evidence="Les pages les plus lourdes, avec leur taille HTML, leurs ressources et leurs éléments (estimés à partir du HTML seul).",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Thresholds on the MEDIAN page. DOM: Lighthouse's « Avoid an excessive DOM size » audit warns
# above 800 elements and fails above 1 400. HTML: the Web Almanac 2022 (Page Weight) puts the
# median HTML document near 30 KB; 100 KB is already generous, 250 KB is the weight of page
# builders' inline payloads. Sub-resources named by the HTML (a lower bound of the requests):
# 25 is the EcoIndex's 15th percentile of requests, 50 close to its 35th.
DOM_GOOD, DOM_BAD = 800, 1400
HTML_GOOD, HTML_BAD = 100 * 1024, 250 * 1024
RES_GOOD, RES_BAD = 25, 50
WORST_SHOWN = 3


def _line(w: Weight) -> str:
    return (f"HTML {kb(w.html_bytes)}" + (f" (+ CSS/JS du site {kb(w.own_bytes)})" if w.own_bytes else "")
            + f", {w.requests - 1} ressources appelées, {w.dom} éléments — "
            f"ex. {', '.join(subresources(w.page)[:3]) or 'aucune ressource'}")


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    ws = weights(obs)
    html = median([w.html_bytes for w in ws])
    res = median([w.requests - 1 for w in ws])
    dom = median([w.dom for w in ws])
    value = {"html_octets_median": round(html), "ressources_median": res, "elements_median": dom}
    # Heaviest first: by DOM size, then sub-resources, then bytes (the EcoIndex's order of weights).
    worst = sorted(ws, key=lambda w: (-w.dom, -w.requests, -w.html_bytes, w.page.url))[:WORST_SHOWN]
    details = {"pages_lues": len(ws), "html_octets_max": max(w.html_bytes for w in ws),
               "ressources_max": max(w.requests - 1 for w in ws), "elements_max": max(w.dom for w in ws),
               "pages_les_plus_lourdes": [w.page.url for w in worst],
               "css_js_du_site_octets_median": round(median([w.own_bytes for w in ws])),
               "mesure": ("seuils sur le HTML ; ressources comptées d'après le HTML (celles que chargent les "
                          "styles et scripts ne le sont pas) ; CSS/JS du site lus à part")}
    display = (f"page médiane : HTML {kb(html)}, {res:g} ressources appelées, {dom:g} éléments "
               f"({len(ws)} page{'s' if len(ws) > 1 else ''} lue{'s' if len(ws) > 1 else ''})")
    if html > HTML_BAD or dom > DOM_BAD or res > RES_BAD:
        assessment = DEFAVORABLE
    elif html <= HTML_GOOD and dom <= DOM_GOOD and res <= RES_GOOD:
        assessment = FAVORABLE
    else:
        assessment = NEUTRE
    return signal(META, value, assessment, display, details=details,
                  evidence=[page_evidence(w.page, _line(w)) for w in worst])
