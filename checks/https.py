"""https: each website answers over HTTPS with a valid certificate and plain HTTP redirects to it (HSTS: checks/hsts.py)."""
from __future__ import annotations

import re

from checks.base import CheckMeta, signal
from checks.netbase import probe_evidence, record_evidence, records, website_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from ground.observations import NetRecord, Observations, Probe
from ground.tls import cert_problems_text

META = CheckMeta(
    id="https",
    domain="interop_accessibilite",
    title="HTTPS et redirection du HTTP",
    description=(
        "Chaque site doit répondre en HTTPS, avec un certificat valide, et rediriger le HTTP vers le HTTPS : "
        "c'est la base de la confidentialité et de l'intégrité des échanges avec les usagers, recommandée "
        "par le RGS et l'ANSSI."
    ),
    title_en="HTTPS and HTTP redirection",
    description_en=(
        "Each website must answer over HTTPS, with a valid certificate, and redirect HTTP to HTTPS: this is "
        "the basis of the confidentiality and integrity of exchanges with users, recommended by the RGS and ANSSI."
    ),
    evidence=("Les réponses archivées de https://hôte/ (statut, en-tête Strict-Transport-Security) et de "
              "http://hôte/ sans suivre la redirection (statut, Location) ; le certificat présenté sur le port "
              "443, vérifié avant la collecte (chaîne de confiance, nom, dates)."),
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)

# French words shown in the report.
UI = {
    "fav": "HTTPS et redirection du HTTP",
    "no_redirect": "HTTPS sans redirection du HTTP",
    "no_https": "pas de HTTPS",
    "unknown": "indéterminé",
    "no_probe": "aucune sonde HTTPS dans l'archive",
    "unreachable": "{host} : ni HTTP ni HTTPS n'ont répondu ({error})",
    "bad_cert": "HTTPS avec un certificat invalide",
    "cert": "{verdict} — sujet {subject}, émis par {issuer}, valide du {nb} au {na}",
    "verified": "certificat vérifié (chaîne, nom, dates)",
    "openssl": "OpenSSL : {error}",
}
_MAX_AGE = re.compile(r"max-age\s*=\s*\"?(\d+)", re.I)
_RANK = {DEFAVORABLE: 0, FAVORABLE: 2}


def best_probe(probes: list[Probe]) -> Probe | None:
    """Retries leave several lines: an answer beats an error; otherwise the last attempt."""
    answered = [p for p in probes if p.status is not None]
    return (answered or probes or [None])[-1]


def hsts_max_age(probe: Probe | None) -> int | None:
    header = (probe.headers.get("strict-transport-security") if probe and probe.status else None) or ""
    m = _MAX_AGE.search(header)
    return int(m.group(1)) if m else None


def cert_problems(host: str, data: dict) -> str:
    """'certificat invalide : expiré le 2020-01-01, autosigné, nom … non couvert (…)', from a tls: record."""
    return cert_problems_text(host, data.get("certificate"), data.get("problems"))


def cert_valid(record: NetRecord | None) -> bool | None:
    """True/False from a tls: record of a host that speaks TLS; None without one (older archives)."""
    data = record.data if record is not None else None
    if not isinstance(data, dict) or not data.get("tls"):
        return None
    return bool(data.get("verified"))


def _cert_evidence(host: str, record: NetRecord):
    data = record.data
    cert = data.get("certificate") or {}
    verdict = UI["verified"] if data.get("verified") else cert_problems(host, data)
    snippet = UI["cert"].format(verdict=verdict, subject=cert.get("subject", "?"), issuer=cert.get("issuer", "?"),
                                nb=str(cert.get("not_before") or "?")[:10], na=str(cert.get("not_after") or "?")[:10])
    if data.get("openssl_error"):
        snippet += " — " + UI["openssl"].format(error=data["openssl_error"])
    return record_evidence(record, snippet)


def _host_verdict(host: str, https: Probe | None, http: Probe | None, tls: NetRecord | None = None) -> dict:
    https_ok = https is not None and https.status is not None
    redirect = bool(http and http.status and 300 <= http.status < 400
                    and (http.redirect_to or "").lower().startswith("https://"))
    max_age = hsts_max_age(https)
    hsts = bool(max_age)  # max-age=0 tells browsers to forget the policy (RFC 6797 §6.1.1)
    if not https_ok and (http is None or http.status is None):
        error = (https.error if https else None) or (http.error if http else None) or "aucune réponse"
        return {"hote": host, "verdict": INCONNU, "raison": UI["unreachable"].format(host=host, error=error)}
    valid = cert_valid(tls)
    verdict = FAVORABLE if https_ok and redirect and valid is not False else DEFAVORABLE
    out = {"hote": host, "verdict": verdict, "https": https_ok, "redirection": redirect, "hsts": hsts,
           "hsts_max_age": max_age, "certificat_valide": valid}
    if valid is False:
        out["certificat"] = cert_problems(host, tls.data)
    return out


def _evidence(https: Probe | None, http: Probe | None) -> list:
    out = []
    for probe in (https, http):
        if probe is None:
            continue
        if probe.status is None:
            out.append(probe_evidence(probe, f"pas de réponse : {probe.error or 'erreur inconnue'}"))
            continue
        parts = [f"HTTP {probe.status}"]
        if probe.redirect_to or probe.headers.get("location"):
            parts.append(f"Location: {probe.redirect_to or probe.headers.get('location')}")
        if probe.url.startswith("https://"):
            sts = probe.headers.get("strict-transport-security")
            parts.append(f"Strict-Transport-Security: {sts}" if sts else "pas d'en-tête Strict-Transport-Security")
        out.append(probe_evidence(probe, " — ".join(parts)))
    return out


def probes_by_url(obs: Observations) -> dict[tuple[str, str], list[Probe]]:
    by_url: dict[tuple[str, str], list[Probe]] = {}
    for p in obs.probes:
        if p.purpose in ("https", "http_redirect"):
            by_url.setdefault((p.purpose, p.url), []).append(p)
    return by_url


def run(obs: Observations) -> Signal:
    hosts = website_hosts(obs)
    by_url = probes_by_url(obs)
    if not any(by_url.get(("https", f"https://{h}/")) for h, _ in hosts):
        return signal(META, None, INCONNU, UI["unknown"], reason=UI["no_probe"])
    tls_records = records(obs, "tls")
    verdicts, evidence = [], []
    for host, _site in hosts:
        https = best_probe(by_url.get(("https", f"https://{host}/"), []))
        http = best_probe(by_url.get(("http_redirect", f"http://{host}/"), []))
        tls = tls_records.get(f"tls:{host}")
        verdict = _host_verdict(host, https, http, tls)
        verdicts.append(verdict)
        group = _evidence(https, http)
        if verdict.get("certificat_valide") is not None:
            # A bad certificate is the most telling fact: first; a verified one comes after the answers.
            cert = _cert_evidence(host, tls)
            group = [cert] + group if verdict["certificat_valide"] is False else group + [cert]
        evidence.append((_RANK.get(verdict["verdict"], 3), group))
    known = [v for v in verdicts if v["verdict"] != INCONNU]
    details = {"par_hote": verdicts}
    if not known:
        return signal(META, None, INCONNU, UI["unknown"], details=details,
                      reason="; ".join(v["raison"] for v in verdicts))
    worst = min(known, key=lambda v: _RANK[v["verdict"]])
    value = {"https": all(v["https"] for v in known), "redirection": all(v["redirection"] for v in known),
             "hsts": all(v["hsts"] for v in known)}
    certs = [v["certificat_valide"] for v in known if v.get("certificat_valide") is not None]
    value["certificat_valide"] = all(certs) if certs else None
    if worst["verdict"] == FAVORABLE:
        display = UI["fav"]
    elif not worst["https"]:
        display = UI["no_https"]
    else:
        display = UI["bad_cert"] if worst.get("certificat_valide") is False else UI["no_redirect"]
    ordered = [e for _, group in sorted(evidence, key=lambda x: x[0]) for e in group]
    return signal(META, value, worst["verdict"], display, evidence=ordered, details=details)
