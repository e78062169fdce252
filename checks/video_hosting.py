"""video_hosting: videos published on PeerTube (free, federated) vs YouTube, Dailymotion or Vimeo.

Embedded players and links alike: a link to a video platform (a channel, a video, a playlist) is
this signal's, never social_networks' (video_link is the one rule both apply)."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks.base import CheckMeta, load_data, page_evidence, searched, signal, unreachable_reason, url_host
from checks.fediverse import _matches
from checks.thirdparty import Service, compile_services, scan
from ground.memo import per_candidate
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="video_hosting",
    domain="communication",
    title="Hébergement des vidéos",
    description=(
        "Les vidéos intégrées ou liées par le site : une instance PeerTube (logiciel libre, fédéré, "
        "sans publicité ni pistage) plutôt que les lecteurs de YouTube, Dailymotion ou Vimeo, qui "
        "pistent les visiteurs et enferment la collectivité dans une plateforme."
    ),
    title_en="Video hosting",
    description_en=(
        'The videos embedded or linked by the website: a PeerTube instance (free software, federated, '
        'without ads or tracking) rather than the players of YouTube, Dailymotion or Vimeo, which track '
        'visitors and lock the local authority into a platform.'
    ),
    evidence="L'iframe du lecteur ou le lien vers la vidéo ou la chaîne, sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
PEERTUBE = "PeerTube"
MAX_PEERTUBE_EVIDENCE = 5
MAX_LINK_EVIDENCE = 5  # per proprietary platform


@lru_cache(maxsize=1)
def platforms() -> tuple[Service, ...]:
    return compile_services(load_data("third_parties.yaml")["video_platforms"])


@lru_cache(maxsize=1)
def _link_hosts() -> dict[str, str]:
    return {host: e["name"] for e in load_data("third_parties.yaml")["video_platforms"] for host in e.get("link_hosts", [])}


@lru_cache(maxsize=1)
def _peertube():
    nets = load_data("networks.yaml")
    embed = re.compile(load_data("third_parties.yaml")["peertube_embed"])
    videos = re.compile("|".join(nets["peertube_video_paths"] + nets["peertube_paths"]))
    host_hint = re.compile(nets["peertube_host_hint"])
    tube_hosts = {h for h in nets["fediverse_hosts"] if "tube" in h or "video" in h}
    proprietary = {h for hosts in nets["proprietary"].values() for h in hosts}
    return embed, videos, host_hint, tube_hosts, proprietary


@per_candidate(65536)  # the same links on every page
def is_peertube(url: str, embedded: bool = False) -> bool:
    """A PeerTube player, video or channel URL (an embed path is enough for an iframe)."""
    embed, videos, host_hint, tube_hosts, proprietary = _peertube()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if not host or _matches(host, proprietary):
        return False
    if embedded and embed.search(path):
        return True
    looks_tube = bool(host_hint.search("." + host + ".")) or bool(_matches(host, tube_hosts))
    return looks_tube and bool(videos.search(path))


@per_candidate(65536)  # the same links on every page
def video_link(url: str) -> str | None:
    """The video platform a link leads to (a channel, a video, a playlist): YouTube, Dailymotion,
    Vimeo (any address on their hosts) or PeerTube (its URL shapes); None for any other link."""
    hosts = _link_hosts()
    owner = _matches(url_host(url), hosts)
    if owner:
        return hosts[owner]
    return PEERTUBE if is_peertube(url) else None


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found = scan(obs.pages, platforms(), ("iframes", "scripts", "resources", "inline_scripts"))
    tube: dict[str, Evidence] = {}
    tube_pages: set[str] = set()
    linked: dict[str, dict[str, Evidence]] = {}
    linked_pages: dict[str, set[str]] = {}
    for page in obs.pages:
        for src in page.iframes:
            if is_peertube(src, embedded=True):
                tube_pages.add(page.url)
                tube.setdefault(src, page_evidence(page, f'<iframe src="{src}">'))
        for link in page.links:
            platform = video_link(link.url)
            if platform is None:
                continue
            tag = page_evidence(page, f'<a href="{link.url}">{link.text}</a>')
            if platform == PEERTUBE:
                tube_pages.add(page.url)
                tube.setdefault(link.url, tag)
            else:
                linked_pages.setdefault(platform, set()).add(page.url)
                linked.setdefault(platform, {}).setdefault(link.url, tag)
    proprietary = sorted(set(found) | set(linked))
    details = {"pages_par_plateforme": {n: len((found[n].pages if n in found else set()) | linked_pages.get(n, set()))
                                        for n in proprietary},
               "liens_par_plateforme": {n: sorted(linked[n]) for n in sorted(linked)},
               "pages_peertube": len(tube_pages), "adresses_peertube": sorted(tube)}
    names = proprietary + ([PEERTUBE] if tube else [])
    evidence = ([e for n in proprietary if n in found for e in found[n].evidence]
                + [linked[n][u] for n in sorted(linked) for u in sorted(linked[n])[:MAX_LINK_EVIDENCE]]
                + [tube[u] for u in sorted(tube)][:MAX_PEERTUBE_EVIDENCE])
    if not names:
        return signal(META, [], NEUTRE, "aucune vidéo intégrée ni chaîne vidéo liée", details=details,
                      searched=searched(obs))
    if tube and proprietary:
        return signal(META, names, NEUTRE, "PeerTube et " + ", ".join(proprietary), evidence=evidence, details=details)
    if proprietary:
        only_linked = [n for n in proprietary if n not in found]
        parts = ([f"lecteurs propriétaires : {', '.join(sorted(found))}"] if found else []) + (
            [f"chaînes ou vidéos liées : {', '.join(only_linked)}"] if only_linked else [])
        return signal(META, names, DEFAVORABLE, " ; ".join(parts), evidence=evidence, details=details)
    return signal(META, names, FAVORABLE, f"PeerTube ({len(tube)} adresse{'s' if len(tube) > 1 else ''})",
                  evidence=evidence, details=details)
