"""What a third-party capture cannot tell (tnl import, tnl import-cc): those signals come out `inconnu`.

A WARC or WACZ made by wget, Heritrix, Browsertrix or Common Crawl holds the pages and documents as
their crawler received them; it lacks what our own crawl gathers beside them: the DNS answers, the
WHOIS reply, the TLS certificate, the https probe, data.gouv.fr's API answers, the public registries'
exports (crawl.json `capture.lacks`, minus what the folder holds after all). A signal that needs one
of those is `inconnu`, with the reason, unless its outcome stands without it (a link to the open data
seen on a page stands; « no such link » needs to know whether there is open data at all). When the
capture holds none of the candidate's homepages, nothing is judged: the capture does not show the site.

Pure: observations and signals in, signals out (checks.registry.run_all applies it to every report).
"""
from __future__ import annotations

from ground.model import FAVORABLE, INCONNU, NEUTRE, Signal
from ground.observations import Observations

# What each input is, in the reader's words (French: the report's language of record).
WORDS = {
    "dns": "les réponses DNS",
    "whois": "la réponse WHOIS",
    "tls": "le certificat TLS",
    "https_probe": "la sonde HTTPS (réponses de https:// et de http:// sans redirection suivie)",
    "datagouv_api": "les réponses de l'API data.gouv.fr",
    "registries": "les exports des registres publics (Comptoir du Libre, SILL, code.gouv.fr)",
}
# signal id -> (inputs it needs, outcomes that stand without them)
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "domain_registration": (("whois",), ()),
    "https": (("https_probe", "tls"), ()),
    "hsts": (("https_probe",), ()),
    "ipv6": (("dns",), ()),
    "mail_provider": (("dns",), ()),
    "datagouv_org": (("datagouv_api",), ()),
    "datagouv_datasets": (("datagouv_api",), ()),
    "datagouv_licences": (("datagouv_api",), ()),
    "datagouv_freshness": (("datagouv_api",), ()),
    "scdl_schemas": (("datagouv_api",), ()),
    "website_links_opendata": (("datagouv_api",), (FAVORABLE,)),
    "opendata_portal": (("datagouv_api",), (FAVORABLE, NEUTRE)),
    "declared_free_software_use": (("registries",), ()),
    "source_code_published": (("registries",), (FAVORABLE,)),
}
UI = {
    "lacks": "capture tierce ({origin}) : elle ne contient pas {what} ; signal non établi",
    "no_homepage": "capture tierce ({origin}) sans la page d'accueil du site ({sites}) : rien n'est jugé sur "
                   "une capture qui ne montre pas le site",
    "unknown": "indéterminé",
    "and": ", ",
}


def origin(obs: Observations) -> str:
    """Who made the capture, as its sources say (« Wget/1.21.3 (linux-gnu) », « Common Crawl CC-MAIN-2025-47 »)."""
    capture = obs.crawl.get("capture") or {}
    names = [str(s.get("origin") or s.get("file") or "?") for s in capture.get("sources") or []]
    return ", ".join(dict.fromkeys(names)) or "?"


def lacking(obs: Observations) -> set[str]:
    """The inputs a third-party capture lacks, minus those the folder holds after all."""
    capture = obs.crawl.get("capture") or {}
    if not capture.get("third_party"):
        return set()
    lacks = set(capture.get("lacks") or ())
    held = {r.kind for r in obs.netrecords if r.record_id}
    if any(p.purpose == "https" for p in obs.probes):
        held.add("https_probe")
    if obs.api:
        held.add("datagouv_api")
    if obs.registries:
        held.add("registries")
    return lacks - held


def _unknown(sig: Signal, reason: str) -> Signal:
    return Signal(id=sig.id, domain=sig.domain, value=None, assessment=INCONNU, display=UI["unknown"],
                  evidence=sig.evidence, details=sig.details, reason=reason, searched=sig.searched)


def limit(obs: Observations, signals: list[Signal]) -> list[Signal]:
    """`signals` as a third-party capture allows them (unchanged for our own crawls)."""
    capture = obs.crawl.get("capture") or {}
    if not capture.get("third_party"):
        return signals
    who = origin(obs)
    websites = list(obs.candidate.get("websites") or [])
    if websites and not any(p.is_homepage and p.site in websites for p in obs.pages):
        reason = UI["no_homepage"].format(origin=who, sites=", ".join(websites))
        return [_unknown(s, reason) for s in signals]
    missing = lacking(obs)
    out = []
    for sig in signals:
        needs, stands = NEEDS.get(sig.id, ((), ()))
        absent = [n for n in needs if n in missing]
        if absent and sig.assessment not in stands:
            what = UI["and"].join(WORDS[n] for n in absent)
            sig = _unknown(sig, UI["lacks"].format(origin=who, what=what))
        out.append(sig)
    return out
