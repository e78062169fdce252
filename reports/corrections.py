"""The correction file a collectivité (or a jury member) fills in when a signal is wrong: prepared in
report.html for each signal, sent to the organisers, turned into a regression case of the corpus by
`tnl corrections` (tnl/corrections.py). Keys in French: people write them.
"""
from __future__ import annotations

from typing import Any

import yaml

SCHEMA = "tnl-evidence/correction"
# What the person fills in, in this order (the other keys are filled by the report).
TO_FILL = ("valeur_correcte", "source", "contact")


def correction(report: dict[str, Any], signal: dict[str, Any]) -> dict[str, Any]:
    """The correction of one signal of one report, ready to be completed."""
    candidate = report.get("candidate") or {}
    return {
        "schema": SCHEMA,
        "candidat": candidate.get("id"),
        "collectivite": candidate.get("name"),
        "signal": signal.get("id"),
        "intitule": signal.get("title"),
        "valeur_constatee": signal.get("display"),
        "appreciation_constatee": signal.get("assessment"),
        "rapport_genere_le": report.get("generated_at"),
        "methode": (report.get("method") or {}).get("catalogue_sha256"),
        "preuves": [e.get("url") for e in (signal.get("evidence") or [])[:5] if e.get("url")],
        "valeur_correcte": "",  # ce que la collectivité dit être vrai (un nom, « oui », « non », un chiffre…)
        "source": "",  # où le voir : adresse d'une page, document, délibération…
        "contact": "",
    }


def correction_text(report: dict[str, Any], signal: dict[str, Any]) -> str:
    """The correction as the YAML text shown in report.html (to copy into correction.yaml)."""
    return yaml.safe_dump(correction(report, signal), allow_unicode=True, sort_keys=False, width=100)
