"""directory_website: the public directory the candidate was read from lists its website (RCPNT 1.1)."""
from __future__ import annotations

from checks.base import CheckMeta, signal
from checks.directory import anct_results, directory, row_evidence, source_name, website_cells, website_column
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from ground.observations import Observations

META = CheckMeta(
    id="directory_website",
    domain="interop_accessibilite",
    title="Site web inscrit à l'annuaire public",
    description=(
        "L'annuaire de l'administration (Service-Public.fr), que reprennent les données de la présence "
        "numérique des territoires de l'ANCT, doit indiquer le site officiel de la collectivité : c'est "
        "l'adresse de référence pour les usagers et les services de l'État, et le premier critère du "
        "référentiel de conformité de l'ANCT. Une collectivité sans site web y est constatée comme telle."
    ),
    title_en="Website listed in the public directory",
    description_en=(
        "The administration's directory (Service-Public.fr), which ANCT's data on the digital presence of "
        "territories reproduce, should give the local authority's official website: it is the reference "
        "address for users and State services, and the first criterion of ANCT's conformity framework. A "
        "local authority without a website is recorded there as such."
    ),
    evidence=("La ligne de l'annuaire d'où vient le candidat : fichier, numéro de ligne, empreinte SHA-256 du "
              "fichier lu, et la cellule qui donne le site (ou l'absence de toute cellule qui en donne un)."),
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

UI = {
    "listed": "site inscrit à l'annuaire : {site}",
    "none": "aucun site web dans l'annuaire",
    "not_listed": "le site n'est pas inscrit à l'annuaire",
    "unknown": "candidat hors annuaire",
    "no_directory": "le candidat ne vient pas d'un annuaire public (fichier des candidats écrit à la main)",
    "no_site": "aucun site web connu pour ce candidat",
}


def run(obs: Observations) -> Signal:
    found = directory(obs)
    websites = list(obs.candidate.get("websites") or [])
    if found is None:
        reason = UI["no_directory"] + ("" if websites else "; " + UI["no_site"])
        return signal(META, None, INCONNU, UI["unknown"], reason=reason)
    listed = website_cells(found.get("row") or {})
    details = {"annuaire": source_name(found), "fichier": found["file"], "ligne": found.get("line"),
               "publie": found.get("published"), "sites_inscrits": [text for _, text in listed],
               "sites_du_candidat": websites}
    ancts = anct_results(found, META.id)
    if ancts:
        details["selon_l_anct"] = ancts
    if listed:
        evidence = [row_evidence(found, column, text) for column, text in listed]
        return signal(META, [text for _, text in listed], FAVORABLE, UI["listed"].format(site=listed[0][1]),
                      evidence=evidence, details=details)
    display = UI["not_listed"] if websites else UI["none"]
    empty = website_column(found.get("row") or {})
    return signal(META, [], DEFAVORABLE, display, evidence=[row_evidence(found, empty, "")], details=details)
