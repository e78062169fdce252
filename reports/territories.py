"""Where a candidate is, for the national overview: its département and région, read from the
candidates file (`departement`, `region`) or, without them, from its commune's INSEE code; the
INSEE's codes and names are in reports/data/territoires.csv (Code officiel géographique, cited there).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "territoires.csv"
COM = "com"  # the collectivités d'outre-mer: no région in the COG, one group of their own
UNKNOWN = "inconnu"  # the page of the candidates whose département is not known
REGION_PREFIX = "region-"  # the page of a région's candidates without a département: region-84


@dataclass(frozen=True)
class Territories:
    regions: dict[str, str]  # code → name, in the file's (INSEE's) order
    departements: dict[str, tuple[str, str]]  # code → (name, région code or COM)


@lru_cache(maxsize=1)
def territories() -> Territories:
    regions: dict[str, str] = {}
    departements: dict[str, tuple[str, str]] = {}
    with open(DATA, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            if row["niveau"] == "region":
                regions[row["code"]] = row["libelle"]
            else:
                departements[row["code"]] = (row["libelle"], row["region"] if row["niveau"] == "departement" else COM)
    return Territories(regions, departements)


def departement_code(value: Any) -> str | None:
    """A département's code as the INSEE writes it (« 1 » → « 01 », « 2a » → « 2A »), if it is one."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    code = str(value).strip().upper()
    if re.fullmatch(r"\d", code):
        code = "0" + code
    return code if code in territories().departements else None


def departement_of_insee(insee: Any) -> str | None:
    """The département of a commune's INSEE code: its first two characters (2A, 2B for Corsica),
    three overseas (97x, 98x)."""
    if not isinstance(insee, str) or not re.fullmatch(r"(\d{5}|2[AB]\d{3})", insee.strip().upper()):
        return None
    code = insee.strip().upper()
    return departement_code(code[:3] if code.startswith(("97", "98")) else code[:2])


def region_code(value: Any) -> str | None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    code = str(value).strip()
    code = "0" + code if re.fullmatch(r"\d", code) else code
    return code if code in territories().regions else None


@dataclass(frozen=True)
class Place:
    key: str  # the page's name: the département's code, region-<code>, or inconnu
    departement: str | None  # the département's code
    region: str  # the région's code, COM, or UNKNOWN


def place_of(candidate: dict[str, Any]) -> Place:
    """The candidate's département (its own field, else its INSEE code) and its région (the
    département's, else its own field); a région without département gets the région's page."""
    known = territories()
    dep = departement_code(candidate.get("departement")) or departement_of_insee(candidate.get("insee"))
    if dep is not None:
        return Place(dep, dep, known.departements[dep][1])
    region = region_code(candidate.get("region"))
    if region is not None:
        return Place(REGION_PREFIX + region, None, region)
    return Place(UNKNOWN, None, UNKNOWN)
