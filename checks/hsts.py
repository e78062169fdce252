"""hsts: each website served over HTTPS asks browsers to keep to HTTPS (Strict-Transport-Security)."""
from __future__ import annotations

from checks.base import CheckMeta, signal
from checks.https import best_probe, hsts_max_age, probes_by_url
from checks.netbase import probe_evidence, website_hosts
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Signal
from ground.observations import Observations

META = CheckMeta(
    id="hsts",
    domain="interop_accessibilite",
    title="En-tête HSTS",
    description=(
        "L'en-tête Strict-Transport-Security (RFC 6797) oblige les navigateurs à n'utiliser que HTTPS "
        "pour le site, ce qui empêche l'interception de la première visite en HTTP ; l'ANSSI le recommande "
        "pour tout site public."
    ),
    title_en="HSTS header",
    description_en=(
        'The Strict-Transport-Security header (RFC 6797) makes browsers use only HTTPS for the site, '
        'which prevents the interception of a first visit over HTTP; ANSSI recommends it for every public '
        'website.'
    ),
    evidence="L'en-tête Strict-Transport-Security (ou son absence) de la réponse archivée de https://hôte/.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

# Mozilla http-observatory passes HSTS from six months on (its "hsts-implemented-max-age-at-least-
# six-months" result); shorter policies protect returning visitors only briefly.
MIN_MAX_AGE = 15_768_000  # seconds, six months

UI = {
    "fav": "présent (max-age de {days} jours)",
    "short": "présent mais court (max-age de {days} jours)",
    "absent": "absent",
    "no_https": "absent : pas de HTTPS",
    "unknown": "indéterminé",
    "no_probe": "aucune sonde HTTPS dans l'archive",
    "unreachable": "{host} : aucune réponse en HTTP ni en HTTPS",
}
_RANK = {DEFAVORABLE: 0, NEUTRE: 1, FAVORABLE: 2}


def run(obs: Observations) -> Signal:
    by_url = probes_by_url(obs)
    hosts = website_hosts(obs)
    if not any(by_url.get(("https", f"https://{h}/")) for h, _ in hosts):
        return signal(META, None, INCONNU, UI["unknown"], reason=UI["no_probe"])
    rows, evidence, reasons = [], [], []
    for host, _site in hosts:
        https = best_probe(by_url.get(("https", f"https://{host}/"), []))
        http = best_probe(by_url.get(("http_redirect", f"http://{host}/"), []))
        if https is None or https.status is None:
            if http is None or http.status is None:
                reasons.append(UI["unreachable"].format(host=host))
                continue
            rows.append({"hote": host, "verdict": DEFAVORABLE, "max_age": None, "https": False})
            if https is not None:
                evidence.append((0, probe_evidence(https, f"pas de réponse en HTTPS : {https.error or '?'}")))
            continue
        max_age = hsts_max_age(https)
        header = https.headers.get("strict-transport-security")
        verdict = (DEFAVORABLE if not max_age else FAVORABLE if max_age >= MIN_MAX_AGE else NEUTRE)
        rows.append({"hote": host, "verdict": verdict, "max_age": max_age, "https": True})
        snippet = f"Strict-Transport-Security: {header}" if header else "pas d'en-tête Strict-Transport-Security"
        evidence.append((_RANK[verdict], probe_evidence(https, f"HTTP {https.status} — {snippet}")))
    details = {"par_hote": rows, "non_determine": reasons}
    if not rows:
        return signal(META, None, INCONNU, UI["unknown"], details=details, reason="; ".join(reasons))
    worst = min(rows, key=lambda r: _RANK[r["verdict"]])
    evidence = [e for _, e in sorted(evidence, key=lambda x: x[0])]
    if worst["verdict"] == DEFAVORABLE:
        display = UI["absent"] if worst["https"] else UI["no_https"]
    else:
        display = UI["fav" if worst["verdict"] == FAVORABLE else "short"].format(days=worst["max_age"] // 86400)
    return signal(META, worst["max_age"], worst["verdict"], display, evidence=evidence, details=details)
