"""One fictional candidate per fault of the fault world, written as a candidates YAML file."""
from __future__ import annotations

from pathlib import Path

import yaml

from ground.candidates import luhn_ok
from tests.faults import server as fw

# Candidate id → (name, host of its website). The id is the host's first label.
FAULTS: dict[str, tuple[str, str]] = {
    "erreur-500": ("Mairie d'Erreurville", fw.ERREUR_500),
    "erreur-503": ("Mairie de Retardville", fw.ERREUR_503),
    "accueil-404": ("Mairie de Perdu-sur-Loire", fw.ACCUEIL_404),
    "coupure": ("Mairie de Coupure-le-Château", fw.COUPURE),
    "bloque": ("Mairie de Bloqueville", fw.BLOQUE),
    "goutte": ("Mairie de Goutteville", fw.GOUTTE),
    "boucle": ("Mairie de Boucle-en-Rond", fw.BOUCLE),
    "vers-prive": ("Mairie de Privas-les-Fautes", fw.VERS_PRIVE),
    "geant": ("Mairie de Géantville", fw.GEANT),
    "bombe": ("Mairie de Bombe-sur-Gzip", fw.BOMBE),
    "cp1252": ("Mairie de Sévérac-l'Église", fw.CP1252),
    "html-casse": ("Mairie de Cassé-sur-Mer", fw.HTML_CASSE),
    "ligne-unique": ("Mairie de Ligne-Unique", fw.LIGNE_UNIQUE),
    "calendrier": ("Mairie de Calendes", fw.CALENDRIER),
    "session": ("Mairie de Sessionville", fw.SESSION),
    "robots-interdit": ("Mairie de Robotville", fw.ROBOTS_INTERDIT),
    "tls-invalide": ("Mairie de Certifville", fw.TLS_INVALIDE),
    "introuvable": ("Mairie d'Introuvable", fw.INTROUVABLE),
    "documents-pieges": ("Mairie de Documents-les-Pièges", fw.DOCUMENTS),
}


def siren(n: int) -> str:
    """A SIREN-shaped number with a valid Luhn key: 2189000NN + key (fictional communes)."""
    base = f"21890{n:03d}"
    key = next(d for d in "0123456789" if luhn_ok(base + d))
    return base + key


def candidates() -> list[dict]:
    return [{"id": cid, "name": name, "kind": "commune", "siren": siren(i), "websites": [f"http://{host}/"]}
            for i, (cid, (name, host)) in enumerate(FAULTS.items(), start=1)]


def write(path: Path) -> Path:
    header = "# Fault world candidates (tests/faults/candidates.py): one per fault host.\n"
    path.write_text(header + yaml.safe_dump(candidates(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
