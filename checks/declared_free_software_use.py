"""declared_free_software_use: the collectivité listed as a user in the Comptoir du Libre and the SILL."""
from __future__ import annotations

import json

from checks.base import CheckMeta, signal
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence, truncate
from ground.observations import Observations, RegistryExport
from ground.registries import comptoir_uses, find_uses, sill_uses

META = CheckMeta(
    id="declared_free_software_use",
    domain="logiciels_libres",
    title="Logiciels libres déclarés dans les registres publics",
    description=(
        "La collectivité se déclare utilisatrice de logiciels libres dans le Comptoir du Libre (ADULLACT) "
        "et dans le SILL (code.gouv.fr) : un usage assumé publiquement, que d'autres administrations peuvent "
        "retrouver et mutualiser."
    ),
    title_en="Free software declared in public registries",
    description_en=(
        'The local authority declares itself a user of free software in the Comptoir du Libre (ADULLACT) '
        'and in the SILL (code.gouv.fr): a publicly acknowledged use that other administrations can find '
        'and pool.'
    ),
    evidence=(
        "L'export public du registre (adresse, empreinte SHA-256) et l'entrée qui nomme la collectivité "
        "avec les logiciels qu'elle déclare utiliser."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

# Declaring two or more free software packages shows a practice, not a one-off test; a single one is
# noted without being enough.
FAVORABLE_SOFTWARES = 2

# User-facing words (French): registry names in display and details.
REGISTRIES = {"comptoir": "Comptoir du Libre", "sill": "SILL"}
READERS = {"comptoir": comptoir_uses, "sill": sill_uses}
HOW = {"siren": "SIREN", "site": "site web", "nom": "nom"}


def registry_evidence(export: RegistryExport, snippet: str) -> Evidence:
    return Evidence(url=export.url, fetched_at=export.fetched_at, http_status=export.status,
                    snippet=truncate(snippet), sha256=export.sha256, record_id=export.record_id)


def _failure(export: RegistryExport | None) -> str:
    if export is None:
        return "non collecté lors de ce crawl"
    if export.error:
        return export.error
    return f"HTTP {export.status}" if export.status and export.status >= 300 else "export illisible"


def run(obs: Observations):
    exports = {r.purpose: r for r in obs.registries if r.purpose in READERS}
    usable = {p: r for p, r in exports.items() if r.data is not None}
    failed = {REGISTRIES[p]: _failure(exports.get(p)) for p in READERS if p not in usable}
    if not usable:
        reason = "aucun registre lu — " + "; ".join(f"{k} : {v}" for k, v in failed.items())
        return signal(META, None, INCONNU, "indéterminé", reason=reason,
                      details={"registres_en_erreur": failed})

    by_source: dict[str, list[str]] = {}
    evidence: list[Evidence] = []
    how: dict[str, str] = {}
    for purpose in READERS:
        export = usable.get(purpose)
        if export is None:
            continue
        found = find_uses(obs.candidate, READERS[purpose](export.data))
        names = sorted({use.software for use, _ in found}, key=str.lower)
        by_source[REGISTRIES[purpose]] = names
        if not found:
            continue
        first, first_how = found[0]
        how[REGISTRIES[purpose]] = HOW[first_how]
        entry = {"organisation": first.organisation, "logiciels": names}
        if first.website:
            entry["site"] = first.website
        evidence.append(registry_evidence(export, json.dumps(entry, ensure_ascii=False)))

    softwares = sorted({n for names in by_source.values() for n in names}, key=str.lower)
    details = {"par_registre": by_source, "reconnu_par": how, "registres_lus": sorted(by_source)}
    reason = None
    if failed:
        details["registres_en_erreur"] = failed
        reason = "registre non lu : " + "; ".join(f"{k} ({v})" for k, v in failed.items())
    if not softwares:
        return signal(META, [], DEFAVORABLE, "absente des registres lus : " + ", ".join(sorted(by_source)),
                      details=details, reason=reason)
    assessment = FAVORABLE if len(softwares) >= FAVORABLE_SOFTWARES else NEUTRE
    where = ", ".join(k for k, v in by_source.items() if v)
    display = (f"{len(softwares)} logiciel{'s' if len(softwares) > 1 else ''} déclaré{'s' if len(softwares) > 1 else ''}"
               f" ({where}) : {', '.join(softwares)}")
    return signal(META, softwares, assessment, display, evidence=evidence, details=details, reason=reason)
