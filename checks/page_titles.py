"""page_titles: share of the websites' pages with a title of their own (RGAA criterion 8.5 and 8.6)."""
from __future__ import annotations

from collections import Counter

from checks.a11y_pages import Verdict, share_signal, site_pages
from checks.base import CheckMeta, fold
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations, Page

META = CheckMeta(
    id="page_titles",
    domain="interop_accessibilite",
    title="Titres de page pertinents",
    description=(
        "Part des pages dont le titre (<title>) est présent et propre à la page (RGAA critères 8.5 et 8.6) : "
        "c'est la première information lue par un lecteur d'écran et ce qui distingue les onglets."
    ),
    title_en="Relevant page titles",
    description_en=(
        'Share of pages whose title (<title>) is present and specific to the page (RGAA criteria 8.5 and '
        '8.6): it is the first thing a screen reader reads and what tells browser tabs apart.'
    ),
    evidence="Le <title> des pages sans titre ou au titre partagé avec d'autres pages, les plus répétés d'abord.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.95  # a CMS gives each page its own title: nearly all pages must have one
UNFAVORABLE_SHARE = 0.8  # below, pages keep a default title


def _key(page: Page) -> tuple:
    return (page.site, " ".join(fold(page.title or "").split()))


def run(obs: Observations):
    counts = Counter(_key(p) for p in site_pages(obs) if (p.title or "").strip())

    def judge(page: Page) -> Verdict:
        title = (page.title or "").strip()
        if not title:
            return Verdict(False, "<title></title> (titre absent ou vide)", 1, 1)
        n = counts[_key(page)]
        if n > 1:
            return Verdict(False, f"<title>{title}</title> (même titre sur {n} pages)", n, 1)
        return Verdict(True, f"<title>{title}</title>", 0, 1)

    signal = share_signal(META, obs, judge, favorable=FAVORABLE_SHARE, unfavorable=UNFAVORABLE_SHARE,
                          none_display="aucune page", none_reason="aucune page HTML lue")
    signal.details["titres_repetes"] = sum(1 for n in counts.values() if n > 1)
    return signal
