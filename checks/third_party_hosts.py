"""third_party_hosts: distinct third-party hosts each page makes the browser call, median and worst."""
from __future__ import annotations

from collections import Counter

from checks.base import CheckMeta, page_evidence, signal, unreachable_reason
from checks.sobriety import median, own_domains, third_party_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE
from ground.observations import Observations

META = CheckMeta(
    id="third_party_hosts",
    domain="interop_accessibilite",
    title="Hôtes tiers appelés par les pages",
    description=(
        "Nombre d'hôtes extérieurs à la collectivité (polices, scripts, iframes, images) que chaque page "
        "fait contacter au navigateur, en valeur médiane : moins d'appels tiers, c'est des pages plus "
        "sobres et des visiteurs dont l'adresse IP n'est pas transmise à d'autres."
    ),
    title_en="Third-party hosts called by the pages",
    description_en=(
        'Number of hosts outside the local authority (fonts, scripts, iframes, images) that each page '
        'makes the browser contact, as a median value: fewer third-party calls mean lighter pages and '
        'visitors whose IP address is not passed on to others.'
    ),
    evidence="Les pages qui appellent le plus d'hôtes tiers, avec la liste de ces hôtes.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# Median page: at most one third-party host (an embedded map or video player, a national service)
# is favourable; four or more (fonts + scripts CDN + builder assets + widgets) is unfavourable.
# Hosts under the candidate's own registrable domains (www., data., tube.…) are first party.
GOOD_MAX = 1
BAD_MIN = 4
WORST_SHOWN = 3


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    own = own_domains(obs)
    rows = [(third_party_hosts(p, own), p) for p in obs.pages]
    med = median([len(h) for h, _ in rows])
    worst = sorted(rows, key=lambda r: (-len(r[0]), r[1].url))[:WORST_SHOWN]
    seen = Counter(h for hosts, _ in rows for h in hosts)
    details = {"pages_lues": len(rows), "hotes_max": len(worst[0][0]),
               "hotes_par_pages": dict(sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))),
               "domaines_propres": sorted(own)}
    evidence = [page_evidence(p, f"{len(h)} hôte{'s' if len(h) > 1 else ''} tiers : {', '.join(h)}")
                for h, p in worst if h]
    n = f"{med:g}"
    display = (f"{n} hôte{'s' if med >= 2 else ''} tiers par page en médiane, {len(seen)} au total"
               f" ({len(rows)} pages)")
    assessment = FAVORABLE if med <= GOOD_MAX else DEFAVORABLE if med >= BAD_MIN else NEUTRE
    return signal(META, med, assessment, display, evidence=evidence, details=details)
