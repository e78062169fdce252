"""ipv6: every website host has an IPv6 address (AAAA record) in the DNS."""
from __future__ import annotations

from checks.base import CheckMeta, signal
from checks.netbase import record_evidence, records, website_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from ground.observations import Observations

META = CheckMeta(
    id="ipv6",
    domain="interop_accessibilite",
    title="Sites joignables en IPv6",
    description=(
        "Chaque site doit avoir une adresse IPv6 (enregistrement DNS AAAA) : IPv6 est le protocole "
        "standard de l'Internet, que l'État demande aux services publics de déployer (Arcep, "
        "baromètre de la transition vers IPv6)."
    ),
    title_en="Websites reachable over IPv6",
    description_en=(
        'Each website should have an IPv6 address (DNS AAAA record): IPv6 is the standard Internet '
        'protocol, which the State asks public services to deploy (Arcep, IPv6 transition barometer).'
    ),
    evidence="La réponse DNS archivée à la question AAAA pour chaque hôte des sites.",
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

UI = {
    "yes": "oui",
    "no": "non : aucun enregistrement AAAA",
    "partial": "non pour {n} site(s) sur {total}",
    "unknown": "indéterminé",
    "missing": "{host} : aucune recherche DNS AAAA dans l'archive",
    "failed": "{host} : recherche DNS AAAA échouée ({error})",
    "nxdomain": "{host} : nom introuvable dans le DNS (NXDOMAIN)",
}


def run(obs: Observations) -> Signal:
    dns = records(obs, "dns")
    per_host: dict[str, list[str] | None] = {}
    reasons, evidence_yes, evidence_no = [], [], []
    for host, _site in website_hosts(obs):
        rec = dns.get(f"dns:{host}?type=AAAA")
        if rec is None:
            reasons.append(UI["missing"].format(host=host))
        elif rec.error or not isinstance(rec.data, dict):
            reasons.append(UI["failed"].format(host=host, error=rec.error or "réponse illisible"))
        elif rec.data.get("rcode") != "NOERROR":
            reasons.append(UI["nxdomain"].format(host=host))
        else:
            addresses = [a["data"] for a in rec.data.get("answers", []) if a.get("type") == "AAAA"]
            per_host[host] = addresses
            if addresses:
                evidence_yes.append(record_evidence(rec, f"{host} AAAA " + ", ".join(addresses)))
            else:
                evidence_no.append(record_evidence(rec, f"{host} AAAA : aucune réponse ({rec.data.get('rcode')}, "
                                                        "réponse vide)"))
    details = {"par_hote": per_host, "non_determine": reasons}
    if not per_host:
        return signal(META, None, INCONNU, UI["unknown"], details=details,
                      reason="; ".join(reasons) or "aucun site")
    without = [h for h, a in per_host.items() if not a]
    if not without:
        return signal(META, True, FAVORABLE, UI["yes"], evidence=evidence_yes, details=details,
                      reason="; ".join(reasons) or None)
    display = UI["no"] if len(without) == len(per_host) else UI["partial"].format(n=len(without), total=len(per_host))
    return signal(META, False, DEFAVORABLE, display, evidence=evidence_no + evidence_yes, details=details)
