"""datagouv_datasets: the candidate's organisation on data.gouv.fr, its datasets and their formats."""
from __future__ import annotations

from checks.base import CheckMeta, api_evidence, signal
from checks.datagouv_common import unanswered_reason, view
from ground.formats import OPEN_DATA_FORMATS
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="datagouv_datasets",
    domain="open_data",
    title="Données publiées sur data.gouv.fr",
    description=(
        "L'organisation de la collectivité sur data.gouv.fr, le dépôt national, le nombre de jeux "
        "de données et de ressources qu'elle y publie, et la part des ressources dans des formats "
        "ouverts et lisibles par machine (CSV, JSON, GeoJSON, XML…)."
    ),
    title_en="Data published on data.gouv.fr",
    description_en=(
        "The local authority's organisation on data.gouv.fr, the national repository, the number of "
        'datasets and resources it publishes there, and the share of resources in open, machine-readable '
        'formats (CSV, JSON, GeoJSON, XML…).'
    ),
    evidence="Les réponses brutes de l'API data.gouv.fr v1 (organisation, pages de jeux de données).",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_OPEN_SHARE = 0.5


def _resource_format(resource: dict) -> str:
    fmt = str(resource.get("format") or "").strip().lower().lstrip(".")
    if not fmt:
        url = str(resource.get("url") or "").lower().split("?", 1)[0]
        fmt = url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else ""
    return fmt


def run(obs: Observations):
    reason = unanswered_reason(obs)
    if reason:
        return signal(META, None, INCONNU, "indéterminé", reason=reason)
    dg = view(obs)
    dataset_pages, org_id, organisation, org_evidence = dg.dataset_pages, dg.org_id, dg.organisation, dg.org_response
    searches = dg.search_evidence()
    if org_id is None:
        return signal(META, {"organization": None, "datasets": 0, "resources": 0, "open_share": None},
                      DEFAVORABLE, "aucune organisation trouvée sur data.gouv.fr", evidence=searches,
                      details={"recherches": len(searches)})
    datasets = dg.datasets
    formats: dict[str, int] = {}
    for ds in datasets.values():
        for res in ds.get("resources") or []:
            if isinstance(res, dict):
                fmt = _resource_format(res) or "inconnu"
                formats[fmt] = formats.get(fmt, 0) + 1
    resources = sum(formats.values())
    open_count = sum(n for f, n in formats.items() if f in OPEN_DATA_FORMATS)
    share = round(open_count / resources, 3) if resources else None
    name = (organisation or {}).get("name") or org_id
    total = dataset_pages[0].data.get("total") if dataset_pages else None
    evidence = []
    if org_evidence is not None:
        snippet = f"organisation « {name} » (id {org_id}"
        if organisation and organisation.get("business_number_id"):
            snippet += f", SIRET {organisation['business_number_id']}"
        evidence.append(api_evidence(org_evidence, snippet + ")"))
    for r in dataset_pages:
        page = r.data.get("page")
        titles = [str(d.get("title")) for d in (r.data.get("data") or [])[:3] if isinstance(d, dict)]
        evidence.append(api_evidence(r, f"page {page} : {len(r.data.get('data') or [])} jeux sur {r.data.get('total')} — "
                                        + " ; ".join(titles)))
    value = {"organization": name, "organization_id": org_id, "datasets": len(datasets),
             "resources": resources, "open_resources": open_count, "open_share": share}
    details = {"formats_des_ressources": dict(sorted(formats.items())), "total_annonce_par_l_api": total,
               "page_organisation": (organisation or {}).get("page")}
    if not datasets:
        return signal(META, value, DEFAVORABLE, f"{name} : aucun jeu de données publié",
                      evidence=evidence, details=details)
    assessment = FAVORABLE if share is not None and share >= FAVORABLE_OPEN_SHARE else NEUTRE
    display = (f"{name} : {len(datasets)} jeu{'x' if len(datasets) > 1 else ''} de données, "
               f"{resources} ressources, {round((share or 0) * 100)} % en formats ouverts")
    return signal(META, value, assessment, display, evidence=evidence, details=details)
