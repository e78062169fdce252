"""social_networks: links to platform networks (Facebook, X…), and whether the collectivité has other channels.

Links to a video platform (a YouTube, Dailymotion, Vimeo or PeerTube channel, a video) are
video_hosting's: they are left out here, by the same rule (video_hosting.video_link)."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks.base import CheckMeta, fold, load_data, page_evidence, searched, signal, unreachable_reason, url_host
from checks.fediverse import classify
from checks.video_hosting import video_link
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="social_networks",
    domain="communication",
    title="Réseaux sociaux et canaux propres",
    description=(
        "Les liens vers les réseaux des grandes plateformes (Facebook, X, Instagram, LinkedIn, "
        "TikTok, YouTube…) et vers des canaux que la collectivité maîtrise (comptes du fédivers, "
        "lettre d'information, flux RSS) : n'informer que par des plateformes propriétaires oblige "
        "les habitants à s'y inscrire."
    ),
    title_en="Social networks and own channels",
    description_en=(
        "Links to the big platforms' networks (Facebook, X, Instagram, LinkedIn, TikTok, YouTube…) and to "
        'channels the local authority controls (fediverse accounts, newsletter, RSS feed): informing only '
        'through proprietary platforms forces residents to sign up to them.'
    ),
    evidence="Le lien vers le réseau ou le canal (balise <a>, flux RSS déclaré), sur une page archivée.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FEDIVERSE = "fédivers"
NEWSLETTER_OR_FEED = "lettre d'information / flux RSS"


@lru_cache(maxsize=1)
def _own_channel() -> re.Pattern:
    return re.compile("|".join(load_data("networks.yaml")["own_channel_patterns"]))


# Facebook's Page plugin shows the collectivité's own page (developers.facebook.com/docs/plugins/page-plugin).
_PAGE_PLUGIN = re.compile(r"facebook\.com/plugins/page\.php\?[^\s\"]*href=", re.I)


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    own_hosts = {(urlsplit(u).hostname or "") for u in obs.candidate.get("websites", [])}
    networks: dict[str, Evidence] = {}
    channels: dict[str, Evidence] = {}
    videos: set[str] = set()
    for page in obs.pages:
        for frame in page.iframes:  # a network's own embed of the collectivité's page (Facebook's page plugin)
            if _PAGE_PLUGIN.search(frame):
                networks.setdefault("Facebook", page_evidence(page, f'<iframe src="{frame}">'))
        for feed in page.feeds:
            channels.setdefault(NEWSLETTER_OR_FEED, page_evidence(page, f'<link rel="alternate" href="{feed}">'))
        for link in page.links:
            platform = video_link(link.url)
            if platform:  # a video channel or a video: video_hosting's
                videos.add(platform)
                continue
            tag = f'<a href="{link.url}">{link.text}</a>'
            kind = None if url_host(link.url) in own_hosts else classify(link.url, link.rel)
            if kind and kind[0] == "proprietary":
                networks.setdefault(kind[1], page_evidence(page, tag))
            elif kind and kind[0] == "fediverse":
                channels.setdefault(FEDIVERSE, page_evidence(page, tag))
            elif _own_channel().search(fold(link.text)) or _own_channel().search(link.url.lower()):
                channels.setdefault(NEWSLETTER_OR_FEED, page_evidence(page, tag))
    names = sorted(networks)
    own = sorted(channels)
    details = {"reseaux_proprietaires": names, "canaux_propres": own, "plateformes_video": sorted(videos)}
    evidence = [networks[n] for n in names] + [channels[c] for c in own]
    if names and own:
        return signal(META, names, NEUTRE, ", ".join(names) + " ; aussi : " + ", ".join(own),
                      evidence=evidence, details=details)
    if names:
        return signal(META, names, DEFAVORABLE, "seulement des plateformes propriétaires : " + ", ".join(names),
                      evidence=evidence, details=details)
    if own:
        return signal(META, [], FAVORABLE, "aucune plateforme propriétaire ; canaux propres : " + ", ".join(own),
                      evidence=evidence, details=details)
    return signal(META, [], NEUTRE, "aucun lien vers un réseau social ni canal propre", details=details,
                  searched=searched(obs))
