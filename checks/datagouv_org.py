"""datagouv_org: the candidate's organisation on data.gouv.fr, how it was found, and its certified badge."""
from __future__ import annotations

from checks.base import CheckMeta, api_evidence, signal
from checks.datagouv_common import FOUND_BY_LABELS, unanswered_reason, view
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="datagouv_org",
    domain="open_data",
    title="Organisation certifiée sur data.gouv.fr",
    description=(
        "La collectivité a-t-elle une organisation sur data.gouv.fr, et est-elle certifiée (badge "
        "« certified » : data.gouv.fr a vérifié qu'elle représente bien l'administration) ? C'est la "
        "condition pour que ses données publiées soient identifiées comme officielles."
    ),
    title_en="Certified organisation on data.gouv.fr",
    description_en=(
        'Does the local authority have an organisation on data.gouv.fr, and is it certified (« certified '
        '» badge: data.gouv.fr checked that it really represents the administration)? This is what makes '
        'its published data identifiable as official.'
    ),
    evidence="La réponse de l'API data.gouv.fr v1 qui décrit l'organisation (fiche ou résultat de recherche).",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
CERTIFIED_BADGE = "certified"  # udata Organization.badges[].kind


def run(obs: Observations):
    reason = unanswered_reason(obs)
    if reason:
        return signal(META, None, INCONNU, "indéterminé", reason=reason)
    dg = view(obs)
    if dg.org_id is None:
        searches = dg.search_evidence()
        return signal(META, None, DEFAVORABLE, "aucune organisation trouvée sur data.gouv.fr",
                      evidence=searches, details={"recherches": len(searches)})
    org = dg.organisation or {}
    badges = sorted({str(b.get("kind")) for b in org.get("badges") or [] if isinstance(b, dict) and b.get("kind")})
    certified = CERTIFIED_BADGE in badges
    value = {"organization": dg.name, "organization_id": dg.org_id, "slug": org.get("slug"),
             "found_by": dg.found_by, "certified": certified, "page": org.get("page")}
    evidence = []
    if dg.org_response is not None:
        evidence.append(api_evidence(dg.org_response, f"organisation « {dg.name} » (id {dg.org_id}) — badges : "
                                                      f"{', '.join(badges) or 'aucun'}"))
    details = {"trouvee_par": FOUND_BY_LABELS.get(dg.found_by or "", "inconnu"), "badges": badges,
               "page_organisation": org.get("page"), "siret": org.get("business_number_id")}
    if certified:
        return signal(META, value, FAVORABLE, f"{dg.name} : organisation certifiée", evidence=evidence, details=details)
    return signal(META, value, NEUTRE, f"{dg.name} : organisation non certifiée", evidence=evidence, details=details)
