"""maps: embedded maps built on OpenStreetMap and free libraries, vs Google Maps and other platforms."""
from __future__ import annotations

from functools import lru_cache

from checks.base import CheckMeta, load_data, searched, signal, unreachable_reason
from checks.thirdparty import Service, compile_services, scan
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="maps",
    domain="logiciels_libres",
    title="Cartes intégrées au site",
    description=(
        "Les cartes intégrées aux pages : OpenStreetMap avec des bibliothèques libres (Leaflet, uMap, "
        "MapLibre, OpenLayers) s'appuient sur un commun numérique, alors que Google Maps ou Mapbox "
        "imposent une plateforme propriétaire et transmettent l'adresse des visiteurs."
    ),
    title_en="Maps embedded in the website",
    description_en=(
        'The maps embedded in the pages: OpenStreetMap with free libraries (Leaflet, uMap, MapLibre, '
        'OpenLayers) builds on a digital commons, whereas Google Maps or Mapbox impose a proprietary '
        "platform and pass on visitors' addresses."
    ),
    evidence="L'adresse de l'iframe, du script, de la feuille de style ou l'extrait de code de la carte, sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)


@lru_cache(maxsize=1)
def services() -> tuple[Service, ...]:
    return compile_services(load_data("third_parties.yaml")["maps"])


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found = scan(obs.pages, services())
    free = sorted(s.name for s in services() if s.name in found and s.free)
    proprietary = sorted(s.name for s in services() if s.name in found and not s.free)
    details = {"pages_par_service": {n: len(found[n].pages) for n in sorted(found)},
               "libres": free, "proprietaires": proprietary}
    evidence = [e for n in proprietary + free for e in found[n].evidence]
    names = proprietary + free
    if not names:
        return signal(META, [], NEUTRE, "aucune carte intégrée détectée", details=details, searched=searched(obs))
    if proprietary and free:
        return signal(META, names, NEUTRE, "cartes libres et propriétaires : " + ", ".join(names),
                      evidence=evidence, details=details)
    if proprietary:
        return signal(META, names, DEFAVORABLE, "cartes propriétaires : " + ", ".join(proprietary),
                      evidence=evidence, details=details)
    return signal(META, names, FAVORABLE, "cartes libres : " + ", ".join(free), evidence=evidence, details=details)
