"""form_labels: share of the websites' pages with form fields whose fields all have a label (RGAA 11.1)."""
from __future__ import annotations

from checks.a11y_pages import Verdict, share_signal
from checks.base import CheckMeta
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations, Page

META = CheckMeta(
    id="form_labels",
    domain="interop_accessibilite",
    title="Étiquettes des champs de formulaire",
    description=(
        "Part des pages à formulaire dont chaque champ a une étiquette (label, aria-label, aria-labelledby "
        "ou title, RGAA critère 11.1) : un champ sans étiquette est inutilisable avec un lecteur d'écran."
    ),
    title_en="Form field labels",
    description_en=(
        'Share of pages with forms where every field has a label (label, aria-label, aria-labelledby or '
        'title, RGAA criterion 11.1): a field without a label cannot be used with a screen reader.'
    ),
    evidence="Le premier champ sans étiquette de chaque page fautive, tel qu'écrit dans la page.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.95  # forms usually come from the template (search, newsletter): nearly all must pass
UNFAVORABLE_SHARE = 0.8  # below, the template's own form is unlabelled


def _judge(page: Page) -> Verdict | None:
    # Hidden fields and buttons are already left out by the parser (they need no label).
    if not page.form_controls:
        return None
    missing = [c for c in page.form_controls if not c.labelled]
    if missing:
        return Verdict(False, f"{missing[0].snippet} (sans étiquette ; {len(missing)} sur {len(page.form_controls)} champs)",
                       len(missing), len(page.form_controls))
    return Verdict(True, page.form_controls[0].snippet, 0, len(page.form_controls))


def run(obs: Observations):
    return share_signal(META, obs, _judge, favorable=FAVORABLE_SHARE, unfavorable=UNFAVORABLE_SHARE,
                        none_display="aucun formulaire", none_reason="aucun champ de formulaire dans les pages lues",
                        item_keys=("champs", "champs_sans_etiquette"), what="des pages à formulaire")
