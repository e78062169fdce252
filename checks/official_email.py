"""official_email: the collectivité's official e-mail address is on its own domain, the one of its
website, not at a consumer e-mail service (RCPNT 2.2 and 2.3)."""
from __future__ import annotations

from checks.base import CheckMeta, signal
from checks.directory import (
    anct_results,
    cell_with,
    consumer_service,
    directory,
    mx_facts,
    row_evidence,
    website_hosts_ascii,
)
from ground.hosts import email_domain, registered_domain
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence, Signal
from ground.observations import Observations

META = CheckMeta(
    id="official_email",
    domain="interop_accessibilite",
    title="Adresse électronique sur le domaine de la collectivité",
    description=(
        "L'adresse électronique officielle (celle de l'annuaire de l'administration) doit être sur le nom "
        "de domaine de la collectivité, celui de son site, et non chez un fournisseur grand public "
        "(Wanadoo, Orange, Gmail, Free, SFR, La Poste…) : les usagers et les services de l'État peuvent "
        "alors s'assurer de qui leur écrit, et la collectivité garde la maîtrise de sa messagerie "
        "(référentiel de conformité de l'ANCT, critères 2.2 et 2.3)."
    ),
    title_en="E-mail address on the local authority's own domain",
    description_en=(
        "The official e-mail address (the one in the administration's directory) should be on the local "
        "authority's domain name, that of its website, not at a consumer provider (Wanadoo, Orange, Gmail, "
        "Free, SFR, La Poste…): users and State services can then be sure who writes to them, and the "
        "local authority keeps control of its mail (ANCT's conformity framework, criteria 2.2 and 2.3)."
    ),
    evidence=("La ligne de l'annuaire qui donne l'adresse (fichier, ligne, empreinte SHA-256 du fichier lu), et la "
              "réponse DNS archivée à la question MX pour le domaine de l'adresse (ses serveurs de messagerie)."),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

UI = {
    "own": "sur le domaine du site ({domain})",
    "consumer": "chez un fournisseur grand public ({service})",
    "other": "sur un autre domaine que celui du site ({domain})",
    "no_site": "sur un domaine propre ou partagé ({domain}), sans site pour comparer",
    "parent": "sur le domaine dont le site est un sous-domaine ({domain})",
    "nxdomain": "domaine de l'adresse introuvable dans le DNS ({domain})",
    "unknown": "indéterminé",
    "no_email": "aucune adresse électronique connue (ni annuaire ni fichier des candidats)",
    "unreadable": "adresse illisible : {address!r}",
    "why_other": ("le domaine de l'adresse n'est celui d'aucun site de la collectivité : domaine d'un syndicat, "
                  "d'une intercommunalité ou d'un prestataire partagé, ou domaine propre réservé à la messagerie ?"),
    "why_parent": ("le site est un sous-domaine de {domain}, domaine que d'autres peuvent partager (plateforme "
                   "départementale, prestataire) : l'adresse n'est pas sur le nom propre du site"),
    "why_no_site": "aucun site web connu pour comparer le domaine de l'adresse à celui du site",
    "why_nxdomain": "le DNS répond que {domain} n'existe pas : l'adresse ne peut pas recevoir de courrier",
}


def _under(domain: str, base: str) -> bool:
    return domain == base or domain.endswith("." + base)


def relation(domain: str, hosts: list[str]) -> tuple[str, str | None]:
    """How an e-mail domain stands to the websites' host names: own (a site's name without its www., or
    a subdomain of it), parent (the same registered domain, above a site that is itself a subdomain:
    `cantal.fr` for `saint-x.cantal.fr`, a domain others may share), other, or no_site (no website).
    The second value is the site host it was compared with, if one."""
    if not hosts:
        return "no_site", None
    parent = None
    for host in hosts:
        base = host.removeprefix("www.")
        if _under(domain, base):
            return "own", host
        if registered_domain(host) == registered_domain(domain) and parent is None:
            parent = host
    if parent is not None:
        return "parent", parent
    return "other", None


def _address_evidence(found: dict | None, address: str) -> list[Evidence]:
    if not found:
        return []
    cell = cell_with(found.get("row") or {}, address)
    return [row_evidence(found, *cell)] if cell else []


def run(obs: Observations) -> Signal:
    address = (obs.candidate.get("email") or "").strip()
    if not address:
        return signal(META, None, INCONNU, UI["unknown"], reason=UI["no_email"])
    domain = email_domain(address)
    if domain is None:
        return signal(META, address, INCONNU, UI["unknown"], reason=UI["unreadable"].format(address=address))
    found = directory(obs)
    hosts = [h for h, _ in website_hosts_ascii(obs)]
    mx, mx_evidence = mx_facts(obs, domain)
    evidence = _address_evidence(found, address) + mx_evidence
    shown = address.rsplit("@", 1)[1].strip().rstrip(".").lower()  # as written (an IDN stays readable)
    details: dict = {"adresse": address, "domaine": shown, "domaine_enregistre": registered_domain(shown),
                     "sites": list(obs.candidate.get("websites") or []), "mx": mx,
                     "origine": "annuaire" if found else "fichier des candidats"}
    ancts = anct_results(found, META.id)
    if ancts:
        details["selon_l_anct"] = ancts
    service = consumer_service(domain)
    if service:
        details["fournisseur"] = service
        return signal(META, address, DEFAVORABLE, UI["consumer"].format(service=service),
                      evidence=evidence, details=details)
    if mx.get("rcode") == "NXDOMAIN":
        return signal(META, address, DEFAVORABLE, UI["nxdomain"].format(domain=shown), evidence=evidence,
                      details=details, reason=UI["why_nxdomain"].format(domain=shown))
    kind, host = relation(domain, hosts)
    details["relation"] = {"own": "domaine du site", "parent": "domaine parent du site", "other": "autre domaine",
                           "no_site": "aucun site"}[kind]
    if kind == "own":
        return signal(META, address, FAVORABLE, UI["own"].format(domain=shown), evidence=evidence, details=details)
    if kind == "parent":
        return signal(META, address, NEUTRE, UI["parent"].format(domain=shown), evidence=evidence,
                      details=details, reason=UI["why_parent"].format(domain=registered_domain(host)))
    if kind == "no_site":
        return signal(META, address, NEUTRE, UI["no_site"].format(domain=shown), evidence=evidence,
                      details=details, reason=UI["why_no_site"])
    return signal(META, address, NEUTRE, UI["other"].format(domain=shown), evidence=evidence, details=details,
                  reason=UI["why_other"])
