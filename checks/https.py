"""https: each website answers over HTTPS and plain HTTP redirects to it (HSTS: see checks/hsts.py)."""
from __future__ import annotations

import re

from checks.base import CheckMeta, signal
from checks.netbase import probe_evidence, website_hosts
from tnl.model import DEFAVORABLE, FAVORABLE, INCONNU, Signal
from tnl.observe import Observations, Probe

META = CheckMeta(
    id="https",
    domain="interop_accessibilite",
    title="HTTPS et redirection du HTTP",
    description=(
        "Chaque site doit répondre en HTTPS et rediriger le HTTP vers le HTTPS : c'est la base de la "
        "confidentialité et de l'intégrité des échanges avec les usagers, recommandée par le RGS et l'ANSSI."
    ),
    title_en="HTTPS and HTTP redirection",
    description_en=(
        "Each website must answer over HTTPS and redirect HTTP to HTTPS: this is the basis of the "
        "confidentiality and integrity of exchanges with users, recommended by the RGS and ANSSI."
    ),
    evidence=("Les réponses archivées de https://hôte/ (statut, en-tête Strict-Transport-Security) et de "
              "http://hôte/ sans suivre la redirection (statut, Location)."),
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


def _host_verdict(host: str, https: Probe | None, http: Probe | None) -> dict:
    https_ok = https is not None and https.status is not None
    redirect = bool(http and http.status and 300 <= http.status < 400
                    and (http.redirect_to or "").lower().startswith("https://"))
    max_age = hsts_max_age(https)
    hsts = bool(max_age)  # max-age=0 tells browsers to forget the policy (RFC 6797 §6.1.1)
    if not https_ok and (http is None or http.status is None):
        error = (https.error if https else None) or (http.error if http else None) or "aucune réponse"
        return {"hote": host, "verdict": INCONNU, "raison": UI["unreachable"].format(host=host, error=error)}
    verdict = FAVORABLE if https_ok and redirect else DEFAVORABLE
    return {"hote": host, "verdict": verdict, "https": https_ok, "redirection": redirect, "hsts": hsts,
            "hsts_max_age": max_age}


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
    verdicts, evidence = [], []
    for host, _site in hosts:
        https = best_probe(by_url.get(("https", f"https://{host}/"), []))
        http = best_probe(by_url.get(("http_redirect", f"http://{host}/"), []))
        verdict = _host_verdict(host, https, http)
        verdicts.append(verdict)
        evidence.append((_RANK.get(verdict["verdict"], 3), _evidence(https, http)))
    known = [v for v in verdicts if v["verdict"] != INCONNU]
    details = {"par_hote": verdicts}
    if not known:
        return signal(META, None, INCONNU, UI["unknown"], details=details,
                      reason="; ".join(v["raison"] for v in verdicts))
    worst = min(known, key=lambda v: _RANK[v["verdict"]])
    value = {"https": all(v["https"] for v in known), "redirection": all(v["redirection"] for v in known),
             "hsts": all(v["hsts"] for v in known)}
    if worst["verdict"] == FAVORABLE:
        display = UI["fav"]
    else:
        display = UI["no_redirect"] if worst["https"] else UI["no_https"]
    ordered = [e for _, group in sorted(evidence, key=lambda x: x[0]) for e in group]
    return signal(META, value, worst["verdict"], display, evidence=ordered, details=details)
