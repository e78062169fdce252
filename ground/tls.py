"""Certificate problems in a tls: record: their codes (written by crawler/tlsfacts.py) and their French
words (the record's error, and the https check's evidence)."""
from __future__ import annotations

from typing import Any

# Shown in the report, joined after "certificat invalide : ".
CERT_WORDS = {
    "invalid": "certificat invalide : {problems}",
    "expired": "expiré le {date}",
    "not_yet_valid": "pas encore valide (à partir du {date})",
    "self_signed": "autosigné",
    "self_signed_chain": "chaîne de certification autosignée",
    "unknown_ca": "autorité de certification inconnue",
    "hostname_mismatch": "nom {host} non couvert ({names})",
    "other": "refusé par OpenSSL",
    "no_names": "aucun nom",
}


def cert_problems_text(host: str, cert: dict[str, Any] | None, problems: list[str] | None) -> str:
    """'certificat invalide : expiré le 2020-01-01, autosigné, nom … non couvert (…)'; an unknown code
    (a record of a later version) is worded as "other"."""
    cert = cert or {}
    names = ", ".join(cert.get("san") or []) or CERT_WORDS["no_names"]
    words = [CERT_WORDS.get(p, CERT_WORDS["other"]).format(
        date=str(cert.get("not_after" if p == "expired" else "not_before") or "?")[:10], host=host, names=names)
        for p in problems or ["other"]]
    return CERT_WORDS["invalid"].format(problems=", ".join(words))
