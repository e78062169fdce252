"""html_lang: share of the websites' pages that declare a valid language on <html> (RGAA 8.3 and 8.4)."""
from __future__ import annotations

import re

from checks.a11y_pages import Verdict, share_signal
from checks.base import CheckMeta
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations, Page

META = CheckMeta(
    id="html_lang",
    domain="interop_accessibilite",
    title="Langue des pages déclarée",
    description=(
        "Part des pages dont la balise <html> déclare une langue valide (attribut lang, RGAA critères "
        "8.3 et 8.4) : sans elle, une synthèse vocale lit le français avec une mauvaise prononciation."
    ),
    title_en="Page language declared",
    description_en=(
        'Share of pages whose <html> tag declares a valid language (lang attribute, RGAA criteria 8.3 and '
        '8.4): without it, a speech synthesiser reads French with the wrong pronunciation.'
    ),
    evidence="La balise <html> de chaque page sans langue valide, les pires d'abord.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Web standards are met page by page: nearly every page (template) must carry it.
FAVORABLE_SHARE = 0.95
# Below 80 %, the template itself lacks it: a systematic defect, not an oversight on a few pages.
UNFAVORABLE_SHARE = 0.8
# BCP 47: a 2-3 letter primary language subtag (ISO 639), then optional subtags ("fr", "fr-FR", "oc-aranes").
_BCP47 = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$", re.I)


def valid_lang(lang: str | None) -> bool:
    return bool(lang and _BCP47.match(lang.strip()))


def _judge(page: Page) -> Verdict:
    if page.lang is None:
        return Verdict(False, "<html> (aucun attribut lang)")
    tag = f'<html lang="{page.lang}">'
    return Verdict(True, tag) if valid_lang(page.lang) else Verdict(False, f"{tag} (langue invalide)")


def run(obs: Observations):
    return share_signal(META, obs, _judge, favorable=FAVORABLE_SHARE, unfavorable=UNFAVORABLE_SHARE,
                        none_display="aucune page", none_reason="aucune page HTML lue")
