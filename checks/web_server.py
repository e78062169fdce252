"""web_server: the HTTP server software the homepages announce (Server / X-Powered-By headers)."""
from __future__ import annotations

from functools import lru_cache

from checks.base import CheckMeta, load_data, page_evidence, signal, unreachable_reason
from checks.thirdparty import Service, compile_services
from ground.model import DEFAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="web_server",
    domain="logiciels_libres",
    title="Logiciel serveur web annoncé",
    description=(
        "Les en-têtes HTTP Server et X-Powered-By des pages d'accueil nomment souvent le serveur web "
        "(Apache, nginx… libres ; Microsoft IIS, ASP.NET propriétaires) : indice faible, car ces "
        "en-têtes peuvent être masqués ou venir d'un intermédiaire, mais un serveur propriétaire "
        "annoncé est un fait."
    ),
    title_en="Announced web server software",
    description_en=(
        'The HTTP Server and X-Powered-By headers of the home pages often name the web server (Apache, '
        'nginx… free; Microsoft IIS, ASP.NET proprietary): a weak hint, since these headers can be hidden '
        'or come from an intermediary, but an announced proprietary server is a fact.'
    ),
    evidence="L'en-tête HTTP tel que reçu avec la page d'accueil archivée.",
    # Weak signal on purpose: a free server is common ground, not a merit; only a clearly
    # proprietary one is telling. Hence no `favorable` outcome.
    outcomes=(NEUTRE, DEFAVORABLE, INCONNU),
)


@lru_cache(maxsize=1)
def servers() -> tuple[Service, ...]:
    return compile_services(load_data("third_parties.yaml")["web_servers"])


@lru_cache(maxsize=1)
def header_names() -> tuple[str, ...]:
    return tuple(load_data("third_parties.yaml")["server_headers"])


def run(obs: Observations):
    homepages = obs.homepages()
    if not homepages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs) or "page d'accueil non lue")
    found: dict[str, tuple[bool | None, Evidence]] = {}
    headers_seen: dict[str, dict[str, str]] = {}
    for page in sorted(homepages, key=lambda p: p.url):
        seen = {h: page.headers[h] for h in header_names() if page.headers.get(h)}
        headers_seen[page.url] = seen
        for header, value in seen.items():
            for server in servers():
                if server.pattern.search(value) and server.name not in found:
                    found[server.name] = (server.free, page_evidence(page, f"{header}: {value}"))
    details = {"entetes": headers_seen}
    if not any(headers_seen.values()):
        return signal(META, None, INCONNU, "aucun en-tête Server ni X-Powered-By", details=details,
                      reason="les pages d'accueil n'annoncent pas leur serveur")
    proprietary = sorted(n for n, (free, _) in found.items() if free is False)
    free = sorted(n for n, (free, _) in found.items() if free)
    names = proprietary + free
    evidence = [found[n][1] for n in names]
    if proprietary:
        return signal(META, names, DEFAVORABLE, "serveur propriétaire : " + ", ".join(names),
                      evidence=evidence, details=details)
    if free:
        return signal(META, names, NEUTRE, "serveur libre : " + ", ".join(names), evidence=evidence, details=details)
    raw = next(f"{h}: {v}" for seen in headers_seen.values() for h, v in seen.items())
    page = next(p for p in homepages if headers_seen.get(p.url))
    return signal(META, [], NEUTRE, "serveur non identifié (" + raw[:80] + ")",
                  evidence=[page_evidence(page, raw)], details=details)
