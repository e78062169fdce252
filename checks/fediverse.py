"""fediverse: links to Mastodon, PeerTube and other fediverse accounts, vs proprietary networks."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks.base import CheckMeta, load_data, page_evidence, searched, signal, unreachable_reason, url_host
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="fediverse",
    domain="communication",
    title="Présence sur les réseaux sociaux libres (fédivers)",
    description=(
        "Les liens vers des comptes Mastodon, PeerTube ou d'autres services du fédivers, réseaux "
        "libres et décentralisés, par rapport aux seuls réseaux des grandes plateformes."
    ),
    title_en="Presence on free social networks (fediverse)",
    description_en=(
        'Links to Mastodon, PeerTube or other fediverse accounts, free and decentralised networks, '
        "compared with the big platforms' networks alone."
    ),
    evidence="Le lien vers le compte (balise <a> ou rel=\"me\"), sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)


@lru_cache(maxsize=1)
def _data():
    data = load_data("networks.yaml")
    paths = re.compile("|".join(data["fediverse_paths"]))
    tube_paths = re.compile("|".join(data["peertube_paths"]))
    tube_host = re.compile(data["peertube_host_hint"])
    proprietary = {host: name for name, hosts in data["proprietary"].items() for host in hosts}
    return set(data["fediverse_hosts"]), paths, proprietary, tube_paths, tube_host


@lru_cache(maxsize=1)
def _share() -> tuple[re.Pattern, tuple[str, ...]]:
    data = load_data("networks.yaml")
    return re.compile(data["share_paths"], re.I), tuple(data["share_hosts"])


def is_share_link(url: str) -> bool:
    """A share button or a "send to" link: it names a platform, it is no account of the collectivité."""
    parts = urlsplit(url)
    paths, hosts = _share()
    host = (parts.hostname or "").lower()
    return bool(paths.search(parts.path or "/")) or any(host + (parts.path or "/") == h or
                                                         (host == h and "/" not in h) for h in hosts)


def _matches(host: str, hosts) -> str | None:
    """The listed domain that `host` is or is a subdomain of."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in hosts:
            return candidate
    return None


def classify(url: str, rel: str = "") -> tuple[str, str] | None:
    """('fediverse', account URL) or ('proprietary', network name) or None."""
    fedi_hosts, paths, proprietary, tube_paths, tube_host = _data()
    if is_share_link(url):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    owner = _matches(host, proprietary)
    if owner:
        return "proprietary", proprietary[owner]
    path = parts.path or "/"
    if _matches(host, fedi_hosts) and path not in ("", "/"):
        return "fediverse", url
    if paths.search(path) or ("me" in rel.split() and path not in ("", "/")):
        return "fediverse", url
    if tube_paths.search(path) and tube_host.search("." + host + "."):
        return "fediverse", url
    return None


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    own = {(urlsplit(u).hostname or "") for u in obs.candidate.get("websites", [])}
    accounts: dict[str, Evidence] = {}
    networks: dict[str, Evidence] = {}
    for page in obs.pages:
        for link in page.links:
            if url_host(link.url) in own:
                continue
            kind = classify(link.url, link.rel)
            if kind is None:
                continue
            tag = f'<a href="{link.url}"{" rel=" + repr(link.rel) if link.rel else ""}>{link.text}</a>'
            if kind[0] == "fediverse":
                accounts.setdefault(link.url.rstrip("/"), page_evidence(page, tag))
            else:
                networks.setdefault(kind[1], page_evidence(page, tag))
    fedi = sorted(accounts)
    details = {"comptes_fedivers": fedi, "reseaux_proprietaires": sorted(networks)}
    evidence = [accounts[u] for u in fedi] + [networks[n] for n in sorted(networks)]
    if fedi:
        display = f"{len(fedi)} compte{'s' if len(fedi) > 1 else ''} : " + ", ".join(fedi)
        return signal(META, fedi, FAVORABLE, display, evidence=evidence, details=details)
    if networks:
        return signal(META, [], DEFAVORABLE,
                      "aucun compte fédivers ; seulement " + ", ".join(sorted(networks)),
                      evidence=evidence, details=details, searched=searched(obs))
    return signal(META, [], NEUTRE, "aucun lien vers un réseau social", details=details, searched=searched(obs))
