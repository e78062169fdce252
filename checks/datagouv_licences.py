"""datagouv_licences: the licences of the candidate's datasets on data.gouv.fr (décret n° 2017-638 list)."""
from __future__ import annotations

from collections import Counter

from checks.base import CheckMeta, fold, grade, load_data, signal
from checks.datagouv_common import nothing_to_judge, unanswered_reason, view
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="datagouv_licences",
    domain="open_data",
    title="Licences des jeux de données",
    description=(
        "Part des jeux de données publiés sur data.gouv.fr sous une licence de réutilisation que "
        "l'administration peut employer sans homologation (Licence Ouverte 2.0, ODbL, CC-BY, CC0… — "
        "article D323-2-1 du code des relations entre le public et l'administration) : sans licence "
        "ouverte, la donnée n'est pas réellement réutilisable."
    ),
    title_en="Dataset licences",
    description_en=(
        'Share of the datasets published on data.gouv.fr under a reuse licence the administration may use '
        'without approval (Licence Ouverte 2.0, ODbL, CC-BY, CC0… — article D323-2-1 of the code of '
        'relations between the public and the administration): without an open licence, data is not '
        'really reusable.'
    ),
    evidence="Le champ « license » de chaque jeu de données dans les réponses de l'API data.gouv.fr, les non ouverts en premier.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.9  # nearly every dataset under an open licence: a deliberate policy, not a default
NEUTRAL_SHARE = 0.5
FAMILY_LABELS = {"licence_ouverte": "Licence Ouverte", "odbl": "ODbL", "autre_ouverte": "autre licence ouverte",
                 "non_ouverte": "non ouverte ou non spécifiée"}


def classify(licence) -> tuple[str, str]:
    """(family, label) of a data.gouv.fr licence identifier or title."""
    data = load_data("opendata.yaml")
    key = str(licence or "").strip()
    key = data["licence_titles"].get(fold(key), key)
    known = data["licences"].get(key.lower())
    if known:
        return known["family"], known["label"]
    return "non_ouverte", data["licence_not_open_labels"].get(key.lower(), f"licence « {key or 'absente'} »")


def run(obs: Observations):
    reason = unanswered_reason(obs)
    if reason:
        return signal(META, None, INCONNU, "indéterminé", reason=reason)
    dg = view(obs)
    if not dg.datasets:
        return signal(META, None, NEUTRE, nothing_to_judge(dg),
                      evidence=dg.search_evidence(), details={"jeux_de_donnees": 0})
    per = {ds_id: (ds, *classify(ds.get("license"))) for ds_id, ds in dg.datasets.items()}
    families = Counter(f for _, f, _ in per.values())
    by_licence = Counter(str(ds.get("license") or "absente") for ds, _, _ in per.values())
    open_count = sum(n for f, n in families.items() if f != "non_ouverte")
    share = round(open_count / len(per), 3)
    evidence = []
    for ds_id, (ds, family, label) in sorted(per.items(), key=lambda kv: (kv[1][1] != "non_ouverte",
                                                                         str(kv[1][0].get("title")))):
        ev = dg.dataset_evidence(ds_id, f"« {ds.get('title')} » : license = {ds.get('license')!r} ({label})")
        if ev:
            evidence.append(ev)
    value = {"datasets": len(per), "open": open_count, "open_share": share,
             "licence_ouverte": families.get("licence_ouverte", 0), "odbl": families.get("odbl", 0),
             "other_open": families.get("autre_ouverte", 0), "not_open": families.get("non_ouverte", 0)}
    details = {"par_licence": dict(sorted(by_licence.items())),
               "par_famille": {FAMILY_LABELS[f]: n for f, n in sorted(families.items())},
               "non_ouverts": sorted(str(ds.get("title")) for ds, f, _ in per.values() if f == "non_ouverte")}
    assessment = grade(share, FAVORABLE_SHARE, NEUTRAL_SHARE)
    display = f"{round(share * 100)} % sous licence ouverte ({open_count} sur {len(per)} jeux de données)"
    return signal(META, value, assessment, display, evidence=evidence, details=details)
