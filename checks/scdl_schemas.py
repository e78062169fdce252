"""scdl_schemas: datasets that declare a Socle Commun des Données Locales schema on data.gouv.fr."""
from __future__ import annotations

from checks.base import CheckMeta, load_data, signal
from checks.datagouv_common import nothing_to_judge, unanswered_reason, view
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="scdl_schemas",
    domain="open_data",
    title="Données conformes au Socle Commun des Données Locales",
    description=(
        "Jeux de données dont une ressource déclare un schéma du Socle Commun des Données Locales "
        "(OpenDataFrance, schema.data.gouv.fr : délibérations, budget, subventions, équipements…) : "
        "des données au même format d'une collectivité à l'autre, donc comparables et réutilisables."
    ),
    title_en="Data conforming to the Socle Commun des Données Locales",
    description_en=(
        'Datasets with a resource declaring a schema of the Socle Commun des Données Locales '
        '(OpenDataFrance, schema.data.gouv.fr: council decisions, budget, grants, facilities…): data in '
        'the same format from one local authority to the next, hence comparable and reusable.'
    ),
    evidence="Le champ « schema » (nom et version) des ressources dans les réponses de l'API data.gouv.fr.",
    outcomes=(FAVORABLE, DEFAVORABLE, NEUTRE, INCONNU),
)
MIN_SCDL_DATASETS = 1  # one dataset published to a common local-data schema already shows the practice


def schemas_of(ds: dict) -> list[tuple[str, str | None]]:
    """(name, version) of every schema the dataset's resources declare, in order, without repeats."""
    out = []
    for res in ds.get("resources") or []:
        schema = res.get("schema") if isinstance(res, dict) else None
        if isinstance(schema, dict) and schema.get("name"):
            item = (str(schema["name"]), str(schema["version"]) if schema.get("version") else None)
            if item not in out:
                out.append(item)
    return out


def run(obs: Observations):
    reason = unanswered_reason(obs)
    if reason:
        return signal(META, None, INCONNU, "indéterminé", reason=reason)
    dg = view(obs)
    if not dg.datasets:
        return signal(META, [], NEUTRE, nothing_to_judge(dg),
                      evidence=dg.search_evidence(), details={"jeux_de_donnees": 0})
    data = load_data("opendata.yaml")
    prefix, labels = data["scdl_prefix"], data["scdl_labels"]
    scdl: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    evidence = []
    for ds_id, ds in sorted(dg.datasets.items(), key=lambda kv: str(kv[1].get("title"))):
        found = schemas_of(ds)
        if not found:
            continue
        title = str(ds.get("title"))
        mine = [n for n, _ in found if n.startswith(prefix)]
        if mine:
            scdl[title] = mine
        others = [n for n, _ in found if not n.startswith(prefix)]
        if others:
            other[title] = others
        ev = dg.dataset_evidence(ds_id, f"« {title} » : schéma " + ", ".join(
            f"{n}" + (f" {v}" if v else "") for n, v in found))
        if ev and mine:
            evidence.append(ev)
    names = sorted({n for ns in scdl.values() for n in ns})
    details = {"jeux_par_schema_scdl": {n: sorted(t for t, ns in scdl.items() if n in ns) for n in names},
               "autres_schemas": other, "jeux_de_donnees": len(dg.datasets)}
    if len(scdl) >= MIN_SCDL_DATASETS:
        shown = ", ".join(labels.get(n, n) for n in names)
        return signal(META, names, FAVORABLE, f"{len(scdl)} jeu{'x' if len(scdl) > 1 else ''} au format SCDL ({shown})",
                      evidence=evidence, details=details)
    return signal(META, [], DEFAVORABLE, f"aucun des {len(dg.datasets)} jeux ne déclare un schéma SCDL",
                  evidence=[e for e in (dg.dataset_evidence(i, f"« {d.get('title')} » : aucun schéma déclaré")
                                        for i, d in list(dg.datasets.items())[:3]) if e], details=details)
