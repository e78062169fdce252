"""ecosystem_links: links to the free-software ecosystem (April, AFUL, ADULLACT…) and its events on the site."""
from __future__ import annotations

from functools import lru_cache

from checks.base import (
    CheckMeta,
    Phrase,
    context,
    first_match,
    fold,
    load_data,
    page_evidence,
    searched,
    signal,
    unreachable_reason,
    url_host,
)
from checks.fediverse import _matches
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="ecosystem_links",
    domain="communication",
    title="Liens avec l'écosystème du libre",
    description=(
        "Les liens vers les acteurs du logiciel libre (April, AFUL, ADULLACT, Framasoft, Comptoir du "
        "Libre, code.gouv.fr…) et les événements annoncés (Libre en Fête, install party, fête du "
        "logiciel libre…) montrent que la collectivité participe à l'écosystème et le fait connaître."
    ),
    title_en="Links with the free software ecosystem",
    description_en=(
        'Links to free software organisations (April, AFUL, ADULLACT, Framasoft, Comptoir du Libre, '
        'code.gouv.fr…) and announced events (Libre en Fête, install party, free software day…) show that '
        'the local authority takes part in the ecosystem and makes it known.'
    ),
    evidence="Le lien vers l'acteur, ou la phrase qui annonce l'événement, sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
# One link may be a lone credit in a footer; two distinct actors or events show a practice.
FAVORABLE_ITEMS = 2


@lru_cache(maxsize=1)
def _data():
    data = load_data("ecosystem.yaml")
    hosts = {h: name for name, hs in data["ecosystem_hosts"].items() for h in hs}
    events = {name: tuple(Phrase.parse(p) for p in ps) for name, ps in data["events"].items()}
    return hosts, events


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    hosts, events = _data()
    actors: dict[str, Evidence] = {}
    happenings: dict[str, Evidence] = {}
    for page in obs.pages:
        for link in page.links:
            owner = _matches(url_host(link.url), hosts)
            if owner:
                actors.setdefault(hosts[owner], page_evidence(page, f'<a href="{link.url}">{link.text}</a>'))
        folded = fold(page.text)
        for name, phrases in events.items():
            if name in happenings:
                continue
            m = first_match(phrases, folded)
            if m:
                happenings[name] = page_evidence(page, context(page.text, m.start(), m.end()))
    links = sorted(actors)
    mentions = sorted(happenings)
    details = {"liens": links, "evenements": mentions}
    items = sorted(set(links) | set(mentions))  # "Libre en Fête" may be both a link and an event
    evidence = [actors[n] for n in links] + [happenings[n] for n in mentions]
    if not items:
        return signal(META, [], DEFAVORABLE, "aucun lien vers l'écosystème du libre ni événement", details=details,
                      searched=searched(obs))
    assessment = FAVORABLE if len(items) >= FAVORABLE_ITEMS else NEUTRE
    parts = []
    if links:
        parts.append("liens : " + ", ".join(links))
    if mentions:
        parts.append("événements : " + ", ".join(mentions))
    return signal(META, items, assessment, " ; ".join(parts), evidence=evidence, details=details)
