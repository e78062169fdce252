"""datagouv_freshness: how recently the candidate's datasets on data.gouv.fr were updated, at the crawl date."""
from __future__ import annotations

from datetime import timedelta

from checks.base import CheckMeta, grade, signal
from checks.datagouv_common import nothing_to_judge, parse_date, unanswered_reason, view
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="datagouv_freshness",
    domain="open_data",
    title="Fraîcheur des données publiées",
    description=(
        "Part des jeux de données mis à jour dans les 12 mois précédant la collecte (date « last_update » "
        "de data.gouv.fr, à défaut « last_modified ») : une donnée ouverte utile est une donnée tenue à jour."
    ),
    title_en="Freshness of published data",
    description_en=(
        'Share of datasets updated within the 12 months before the crawl (data.gouv.fr « last_update » '
        'date, else « last_modified »): useful open data is data kept up to date.'
    ),
    evidence="La date de dernière mise à jour de chaque jeu dans les réponses de l'API, le plus récent et le plus ancien.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FRESH_WINDOW = timedelta(days=365)  # "updated within 12 months": most local datasets are at least annual
FAVORABLE_SHARE = 0.5  # at least half of the datasets updated within the window
NEUTRAL_SHARE = 0.2


def last_update(ds: dict) -> tuple[str | None, str]:
    """(date as written, field it came from) of a dataset's last update."""
    for key in ("last_update", "last_modified"):
        if parse_date(ds.get(key)):
            return ds[key], key
    return None, ""


def run(obs: Observations):
    reason = unanswered_reason(obs)
    if reason:
        return signal(META, None, INCONNU, "indéterminé", reason=reason)
    crawl_date = parse_date(obs.crawl.get("started_at"))
    if crawl_date is None:
        return signal(META, None, INCONNU, "indéterminé", reason="date de la collecte inconnue (crawl.json)")
    dg = view(obs)
    if not dg.datasets:
        return signal(META, None, NEUTRE, nothing_to_judge(dg),
                      evidence=dg.search_evidence(), details={"jeux_de_donnees": 0})
    dated = []
    undated = []
    for ds_id, ds in dg.datasets.items():
        raw, key = last_update(ds)
        if raw is None:
            undated.append(str(ds.get("title")))
        else:
            dated.append((parse_date(raw), raw[:10], key, ds_id, ds))
    dated.sort(key=lambda t: (t[0], t[3]))
    since = crawl_date - FRESH_WINDOW
    fresh = [t for t in dated if t[0] >= since]
    share = round(len(fresh) / len(dg.datasets), 3)
    evidence = []
    picks = ([("le plus ancien", dated[0])] if dated else []) + ([("le plus récent", dated[-1])] if len(dated) > 1 else [])
    for label, (_, day, key, ds_id, ds) in picks:
        ev = dg.dataset_evidence(ds_id, f"{label} : « {ds.get('title')} », {key} = {ds.get(key)}")
        if ev:
            evidence.append(ev)
    value = {"datasets": len(dg.datasets), "updated_within_12_months": len(fresh), "share": share,
             "most_recent": dated[-1][1] if dated else None, "stalest": dated[0][1] if dated else None}
    details = {"date_de_collecte": obs.crawl.get("started_at"), "depuis": since.date().isoformat(),
               "mises_a_jour": {str(ds.get("title")): day for _, day, _, _, ds in dated},
               "sans_date": sorted(undated)}
    assessment = grade(share, FAVORABLE_SHARE, NEUTRAL_SHARE)
    display = (f"{round(share * 100)} % des jeux mis à jour depuis moins de 12 mois "
               f"({len(fresh)} sur {len(dg.datasets)}, le plus récent : {value['most_recent'] or 'inconnu'})")
    return signal(META, value, assessment, display, evidence=evidence, details=details)
