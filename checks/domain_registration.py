"""domain_registration: who holds each website's domain name (WHOIS), since when, through whom."""
from __future__ import annotations

import re

from checks.base import CheckMeta, fold, load_data, signal
from checks.netbase import parse_time, record_evidence, records, website_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from ground.observations import NetRecord, Observations

META = CheckMeta(
    id="domain_registration",
    domain="strategie",
    title="Titulaire du nom de domaine",
    description=(
        "Le nom de domaine du site doit être enregistré au nom de la collectivité elle-même, et non d'un "
        "prestataire ou d'un agent : c'est la condition de sa maîtrise durable (changer de prestataire "
        "sans perdre son adresse), un choix stratégique de souveraineté numérique."
    ),
    title_en="Holder of the domain name",
    description_en=(
        "The website's domain name should be registered in the name of the local authority itself, not of "
        'a contractor or an employee: this is what keeps it under lasting control (changing contractor '
        'without losing the address), a strategic choice of digital sovereignty.'
    ),
    evidence=("Les lignes de la réponse WHOIS archivée : titulaire (holder / Registrant Organization), "
              "bureau d'enregistrement, date de création."),
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

UI = {
    "collectivite": "la collectivité elle-même ({name})",
    "tiers": "un tiers : {name}",
    "unknown": "indéterminé",
    "no_lookup": "aucune interrogation WHOIS dans l'archive",
    "failed": "{domain} : WHOIS injoignable ({error})",
    "rate_limited": "{domain} : le serveur WHOIS a refusé la requête (limite de requêtes atteinte)",
    "not_found": "{domain} : domaine absent de la base WHOIS",
    "redacted": "{domain} : titulaire masqué dans la réponse WHOIS ({name})",
    "unreadable": "{domain} : réponse WHOIS illisible",
}
# WHOIS lines worth showing as evidence (AFNIC and ICANN formats).
_EVIDENCE_LINE = re.compile(r"^(?:contact|holder-c|registrar|created|Registrant Organization|Registrant Name|"
                            r"Registrar|Creation Date):.*$", re.M | re.I)


def _tokens(text: str) -> set[str]:
    generic = set(load_data("network.yaml")["collectivite_generic_words"])
    return {w for w in re.split(r"[^a-z0-9]+", fold(text)) if w and w not in generic}


def is_collectivite(holder: str, candidate_name: str) -> bool:
    """The holder names the candidate: every distinctive word of its name is in the holder's name."""
    wanted = _tokens(candidate_name)
    return bool(wanted) and wanted <= _tokens(holder)


def is_redacted(holder: str | None) -> bool:
    if not holder or not holder.strip():
        return True
    return any(re.search(p, fold(holder)) for p in load_data("network.yaml")["whois_redacted"])


def _age_years(created: str | None, crawl_start: str | None) -> float | None:
    when, start = parse_time(created), parse_time(crawl_start)
    if when is None or start is None:
        return None
    return round((start - when).days / 365.25, 1)


def _domain(rec: NetRecord, candidate_name: str, crawl_start: str | None) -> dict:
    domain = rec.uri.split(":", 1)[1]
    data = rec.data if isinstance(rec.data, dict) else None
    out: dict = {"domaine": domain}
    if rec.error or data is None:
        return {**out, "statut": INCONNU, "raison": UI["failed"].format(domain=domain, error=rec.error or "?")}
    status = data.get("status")
    if status in ("rate_limited", "not_found"):
        return {**out, "statut": INCONNU, "raison": UI[status].format(domain=domain)}
    holder = data.get("registrant_as_written") or data.get("registrant")
    out.update(titulaire=None, bureau_enregistrement=data.get("registrar"), creation=data.get("creation_date"),
               anciennete_annees=_age_years(data.get("creation_date"), crawl_start))
    if data.get("redacted") or is_redacted(holder):
        return {**out, "statut": INCONNU, "raison": UI["redacted"].format(domain=domain, name=holder or "vide")}
    out["titulaire"] = holder
    out["statut"] = "collectivite" if is_collectivite(holder, candidate_name) else "tiers"
    return out


def run(obs: Observations) -> Signal:
    whois = records(obs, "whois")
    crawl_start = obs.crawl.get("started_at")
    name = obs.candidate.get("name", "")
    rows, evidence = [], []
    for host, _site in website_hosts(obs):
        rec = next((r for uri, r in whois.items() if host == uri[6:] or host.endswith("." + uri[6:])), None)
        if rec is None or any(r["domaine"] == rec.uri[6:] for r in rows):
            continue
        row = _domain(rec, name, crawl_start)
        rows.append(row)
        raw = (rec.data or {}).get("raw", "") if isinstance(rec.data, dict) else ""
        lines = " | ".join(dict.fromkeys(" ".join(m.group(0).split()) for m in _EVIDENCE_LINE.finditer(raw)))
        snippet = lines or row.get("raison") or rec.error or ""
        evidence.append((0 if row["statut"] == "tiers" else 1, record_evidence(rec, snippet)))
    details = {"domaines": rows}
    if not rows:
        return signal(META, None, INCONNU, UI["unknown"], reason=UI["no_lookup"])
    evidence = [e for _, e in sorted(evidence, key=lambda x: x[0])]
    known = [r for r in rows if r["statut"] != INCONNU]
    if not known:
        return signal(META, None, INCONNU, UI["unknown"], evidence=evidence, details=details,
                      reason="; ".join(r["raison"] for r in rows))
    third = [r for r in known if r["statut"] == "tiers"]
    main = third[0] if third else known[0]
    value = {k: main.get(k) for k in ("domaine", "titulaire", "bureau_enregistrement", "creation",
                                      "anciennete_annees")}
    value["collectivite"] = not third
    if third:
        return signal(META, value, DEFAVORABLE, UI["tiers"].format(name=main["titulaire"]), evidence=evidence,
                      details=details)
    return signal(META, value, FAVORABLE, UI["collectivite"].format(name=main["titulaire"]), evidence=evidence,
                  details=details, reason="; ".join(r["raison"] for r in rows if r["statut"] == INCONNU) or None)
