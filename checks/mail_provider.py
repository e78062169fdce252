"""mail_provider: who receives the collectivité's mail, from the MX records of its domains."""
from __future__ import annotations

from checks.base import CheckMeta, load_data, signal
from checks.netbase import record_evidence, records, website_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Signal
from ground.observations import Observations

META = CheckMeta(
    id="mail_provider",
    domain="logiciels_libres",
    title="Hébergement de la messagerie",
    description=(
        "Les serveurs de messagerie (MX) des domaines de la collectivité montrent si son courrier est "
        "confié à Microsoft 365 ou Google Workspace (services propriétaires soumis au droit américain) ou "
        "bien hébergé par elle-même ou par un hébergeur français ou européen, ce que vise le label."
    ),
    title_en="Email hosting",
    description_en=(
        "The mail servers (MX) of the local authority's domains show whether its email is entrusted to "
        'Microsoft 365 or Google Workspace (proprietary services subject to US law) or hosted by itself '
        'or by a French or European host, as the label aims for.'
    ),
    evidence="Les réponses DNS archivées à la question MX pour chaque domaine des sites.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

UI = {
    "self": "auto-hébergée",
    "other": "autre hébergeur",
    "none": "aucun serveur de messagerie (MX) déclaré",
    "unknown": "indéterminé",
    "no_lookup": "aucune recherche DNS MX dans l'archive",
    "failed": "{name} : recherche MX échouée ({error})",
    "nxdomain": "{name} : domaine introuvable dans le DNS (NXDOMAIN)",
}
SELF_HOSTED = "auto_heberge"


def classify(exchange: str, domain: str) -> tuple[str, str]:
    """(provider name, kind) of one MX host: a known provider, self-hosted, or another host."""
    host = exchange.lower().rstrip(".")
    for provider in load_data("network.yaml")["mail_providers"]:
        if any(host == s or host.endswith("." + s) for s in provider["suffixes"]):
            return provider["name"], provider["kind"]
    if host == domain or host.endswith("." + domain):
        return UI["self"], SELF_HOSTED
    return UI["other"], "autre"


def run(obs: Observations) -> Signal:
    dns = records(obs, "dns")
    # Each website host and its registered domain were asked (the domain's MX is the usual one).
    asked = [r.uri[4:].split("?")[0] for r in dns.values() if r.uri.endswith("?type=MX")]
    names: list[str] = []
    for host, _ in website_hosts(obs):
        for qname in asked:
            if (host == qname or host.endswith("." + qname)) and qname not in names:
                names.append(qname)
    reasons, found, evidence = [], {}, []
    answered = False
    for name in names:
        rec = dns[f"dns:{name}?type=MX"]
        if rec.error or not isinstance(rec.data, dict):
            reasons.append(UI["failed"].format(name=name, error=rec.error or "réponse illisible"))
            continue
        if rec.data.get("rcode") != "NOERROR":
            reasons.append(UI["nxdomain"].format(name=name))
            continue
        answered = True
        mx = sorted((a.get("preference", 0), a.get("exchange") or a["data"].split()[-1].rstrip(".").lower())
                    for a in rec.data.get("answers", []) if a.get("type") == "MX")
        if mx:
            found[name] = [{"preference": p, "hote": h, "hebergeur": classify(h, name)[0],
                            "type": classify(h, name)[1]} for p, h in mx]
            evidence.append(record_evidence(rec, f"{name} MX " + "; ".join(f"{p} {h}" for p, h in mx)))
    details = {"mx": found, "non_determine": reasons}
    if not names:
        return signal(META, None, INCONNU, UI["unknown"], reason=UI["no_lookup"])
    if not answered:
        return signal(META, None, INCONNU, UI["unknown"], details=details, reason="; ".join(reasons))
    if not found:
        return signal(META, None, NEUTRE, UI["none"], details=details)
    entries = [e for mx in found.values() for e in mx]
    # The most preferred MX of the first domain names the service; any US cloud MX decides.
    first = next(iter(found.values()))[0]
    us = [e for e in entries if e["type"] == "us_cloud"]
    if us:
        return signal(META, us[0]["hebergeur"], DEFAVORABLE, us[0]["hebergeur"], evidence=evidence, details=details)
    if all(e["type"] in (SELF_HOSTED, "fr_eu") for e in entries):
        return signal(META, first["hebergeur"], FAVORABLE, first["hebergeur"], evidence=evidence, details=details)
    return signal(META, first["hebergeur"], NEUTRE, first["hebergeur"], evidence=evidence, details=details)
