"""img_alt: share of the websites' pages whose images all carry an alt attribute (RGAA criterion 1.1)."""
from __future__ import annotations

from checks.a11y_pages import Verdict, share_signal
from checks.base import CheckMeta
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Image, Observations, Page

META = CheckMeta(
    id="img_alt",
    domain="interop_accessibilite",
    title="Alternative textuelle des images",
    description=(
        "Part des pages dont toutes les images ont un attribut alt (alt=\"\" pour une image décorative, "
        "RGAA critère 1.1) : une image sans alt est annoncée par son nom de fichier aux personnes aveugles."
    ),
    title_en="Text alternatives for images",
    description_en=(
        'Share of pages whose images all have an alt attribute (alt="" for a decorative image, RGAA '
        'criterion 1.1): an image without alt is announced by its file name to blind people.'
    ),
    evidence="La première balise <img> sans alt de chaque page fautive, les pages aux plus nombreuses images sans alt d'abord.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.95  # nearly every page: a few forgotten images in old articles are tolerated
UNFAVORABLE_SHARE = 0.8  # below, the template or the editors' habits leave images without alt
# role="presentation" or aria-hidden="true" also hide an image from assistive technologies (RGAA 1.2).
_HIDDEN_ROLES = {"presentation", "none", "aria-hidden"}


def has_alternative(img: Image) -> bool:
    return img.alt is not None or img.role in _HIDDEN_ROLES


def _judge(page: Page) -> Verdict | None:
    if not page.images:
        return None
    missing = [i for i in page.images if not has_alternative(i)]
    if missing:
        return Verdict(False, f'<img src="{missing[0].src}"> (sans alt ; {len(missing)} sur {len(page.images)} images)',
                       len(missing), len(page.images))
    first = page.images[0]
    return Verdict(True, f'<img src="{first.src}" alt="{first.alt or ""}">', 0, len(page.images))


def run(obs: Observations):
    return share_signal(META, obs, _judge, favorable=FAVORABLE_SHARE, unfavorable=UNFAVORABLE_SHARE,
                        none_display="aucune image", none_reason="aucune image dans les pages lues",
                        item_keys=("images", "images_sans_alt"))
