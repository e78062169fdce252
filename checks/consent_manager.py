"""consent_manager: the cookie-consent manager the pages load (tarteaucitron, Orejime, Klaro vs Axeptio, Didomi…)."""
from __future__ import annotations

from functools import lru_cache

from checks.base import CheckMeta, load_data, searched, signal, unreachable_reason
from checks.thirdparty import Service, compile_services, scan
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="consent_manager",
    domain="logiciels_libres",
    title="Gestionnaire de consentement aux cookies",
    description=(
        "Le gestionnaire de consentement (bandeau « cookies ») que les pages chargent ou configurent : "
        "un logiciel libre (tarteaucitron, Orejime, Klaro) que la collectivité héberge elle-même, ou "
        "un service propriétaire (Axeptio, Didomi, OneTrust, Cookiebot…) chargé à chaque visite depuis "
        "les serveurs de son éditeur. Un site sans traceur n'en a pas besoin : n'en charger aucun "
        "n'est pas jugé. Une page qui se contente de nommer un outil ne compte pas."
    ),
    title_en="Cookie consent manager",
    description_en=(
        "The consent manager (cookie banner) the pages load or configure: free software (tarteaucitron, "
        "Orejime, Klaro) the local authority hosts itself, or a proprietary service (Axeptio, Didomi, "
        "OneTrust, Cookiebot…) loaded on every visit from its vendor's servers. A site without "
        "trackers needs none: loading none is not judged. A page that merely names a tool does not count."
    ),
    evidence=("L'adresse du script ou de la feuille de style du gestionnaire, ou l'extrait de sa "
              "configuration, sur une page archivée."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# What a page loads or configures; never its text, nor its inline styles (a site may style a banner
# it no longer loads).
SOURCES = ("scripts", "stylesheets", "resources", "inline_scripts")


@lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[Service, ...], dict[str, str]]:
    entries = load_data("consent_managers.yaml")
    return compile_services(entries), {e["name"]: e["licence"] for e in entries}


def managers() -> tuple[Service, ...]:
    return _catalogue()[0]


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found = scan(obs.pages, managers(), SOURCES)
    free = sorted(s.name for s in managers() if s.name in found and s.free)
    proprietary = sorted(s.name for s in managers() if s.name in found and not s.free)
    names = proprietary + free
    licences = _catalogue()[1]
    details = {"pages_par_outil": {n: len(found[n].pages) for n in sorted(found)},
               "licences": {n: licences[n] for n in names},
               "libres": free, "proprietaires": proprietary, "pages_lues": len(obs.pages)}
    if not names:
        return signal(META, [], NEUTRE, "aucun gestionnaire de consentement chargé", details=details,
                      searched=searched(obs))
    evidence = [e for n in names for e in found[n].evidence]
    if proprietary:
        display = "propriétaire : " + ", ".join(proprietary) + (" ; libre : " + ", ".join(free) if free else "")
        return signal(META, names, DEFAVORABLE, display, evidence=evidence, details=details)
    return signal(META, names, FAVORABLE, "libre : " + ", ".join(free), evidence=evidence, details=details)
