"""The published palmarès file: every row well-formed, sourced, and counted in palmares.md.

No network: the CSV and its notes are read from the tree. Spot checks compare rows with values
written by hand from the source text (see palmares.md for the quotes).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ground.candidates import luhn_ok

EDITIONS_DIR = Path(__file__).resolve().parent.parent / "checks" / "data" / "editions"
CSV_PATH = EDITIONS_DIR / "palmares.csv"
MD_PATH = EDITIONS_DIR / "palmares.md"

HEADER = ["edition", "nom", "type", "siren", "resultat", "mentions", "source_url", "source_siren"]
TYPES = {"commune", "epci", "departement", "region", "autre"}
LEVELS = {"1", "2", "3", "4", "5"}
TIERS = {"badge", "bronze", "argent", "or"}
MENTIONS = {"premiere_candidature", "mutualisation", "promotion", "sobriete"}
FIRST_TIER_EDITION = 2025



def read_csv() -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and (file line number, row) pairs."""
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        for values in reader:
            line = reader.line_num
            assert len(values) == len(header), f"palmares.csv line {line}: {len(values)} fields, expected {len(header)}"
            rows.append((line, dict(zip(header, values))))
    return header, rows


HEADER_READ, ROWS = read_csv()


def row_id(item: tuple[int, dict[str, str]]) -> str:
    line, row = item
    return f"line{line}-{row['edition']}-{row['nom']}"


def test_header_exact():
    assert HEADER_READ == HEADER, f"palmares.csv line 1: header {HEADER_READ!r}, expected {HEADER!r}"


def test_file_has_rows():
    assert ROWS, "palmares.csv holds no row"


@pytest.mark.parametrize("item", ROWS, ids=row_id)
def test_row(item):
    line, row = item
    where = f"palmares.csv line {line} ({row['edition']}, {row['nom']!r})"

    assert re.fullmatch(r"\d{4}", row["edition"]), f"{where}: edition {row['edition']!r} is not a year"
    edition = int(row["edition"])
    assert 2016 <= edition <= 2025, f"{where}: edition {edition} outside 2016..2025"

    assert row["nom"].strip() == row["nom"] and row["nom"], f"{where}: empty or padded name"
    assert row["type"] in TYPES, f"{where}: type {row['type']!r} not in {sorted(TYPES)}"

    result = row["resultat"]
    mentions = [m for m in row["mentions"].split("|")] if row["mentions"] else []
    if edition < FIRST_TIER_EDITION:
        assert result in LEVELS, f"{where}: resultat {result!r} must be a level 1..5 for edition {edition}"
        assert not mentions, f"{where}: special mentions exist only from {FIRST_TIER_EDITION}"
    else:
        assert result in TIERS or result == "", f"{where}: resultat {result!r} must be one of {sorted(TIERS)}"
        if result == "":
            assert mentions, f"{where}: empty resultat is allowed only with a special mention"
    for mention in mentions:
        assert mention in MENTIONS, f"{where}: mention {mention!r} not in {sorted(MENTIONS)}"
    assert len(mentions) == len(set(mentions)), f"{where}: repeated mention"

    for column in ("source_url", "source_siren"):
        url = row[column]
        if column == "source_siren" and not url:
            continue
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.netloc, f"{where}: {column} {url!r} is not an http(s) URL with a host"

    siren = row["siren"]
    if siren:
        assert re.fullmatch(r"\d{9}", siren), f"{where}: siren {siren!r} is not 9 digits"
        assert luhn_ok(siren), f"{where}: siren {siren} fails the Luhn check"
        assert row["source_siren"], f"{where}: siren given without source_siren"
    else:
        assert not row["source_siren"], f"{where}: source_siren given without siren"


def test_no_duplicate_edition_and_name():
    seen: dict[tuple[str, str], int] = {}
    for line, row in ROWS:
        key = (row["edition"], row["nom"])
        assert key not in seen, f"palmares.csv line {line}: {key} already on line {seen[key]}"
        seen[key] = line


def _sort_key(row: dict[str, str]) -> tuple[int, str]:
    name = unicodedata.normalize("NFD", row["nom"]).encode("ascii", "ignore").decode().casefold()
    return int(row["edition"]), name


def test_sorted_by_edition_then_name():
    for (line_a, a), (line_b, b) in zip(ROWS, ROWS[1:]):
        assert _sort_key(a) <= _sort_key(b), f"palmares.csv line {line_b}: {b['nom']!r} ({b['edition']}) should come before line {line_a}"


def coverage_table() -> dict[int, int]:
    """Edition -> row count, from the coverage table of palmares.md (last column)."""
    counts: dict[int, int] = {}
    for lineno, text in enumerate(MD_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if text.startswith("|") and len(cells) >= 2 and re.fullmatch(r"20\d\d", cells[0]):
            assert re.fullmatch(r"\d+", cells[-1]), f"palmares.md line {lineno}: last cell {cells[-1]!r} is not a row count"
            edition = int(cells[0])
            assert edition not in counts, f"palmares.md line {lineno}: edition {edition} listed twice"
            counts[edition] = int(cells[-1])
    return counts


def test_coverage_table_matches_csv():
    table = coverage_table()
    actual: dict[int, int] = {}
    for _, row in ROWS:
        actual[int(row["edition"])] = actual.get(int(row["edition"]), 0) + 1
    for edition, count in sorted(actual.items()):
        assert edition in table, f"palmares.md: edition {edition} ({count} rows in the CSV) missing from the coverage table"
        assert table[edition] == count, f"palmares.md: edition {edition} says {table[edition]} rows, the CSV holds {count}"
    for edition, count in table.items():
        assert count == actual.get(edition, 0), f"palmares.md: edition {edition} says {count} rows, the CSV holds {actual.get(edition, 0)}"


def find(edition: int, name: str) -> dict[str, str]:
    for _, row in ROWS:
        if row["edition"] == str(edition) and row["nom"] == name:
            return row
    raise AssertionError(f"palmares.csv: no row for ({edition}, {name!r})")


# Spot checks: expected values written by hand from the source text.
@pytest.mark.parametrize(
    "edition, name, kind, result, mentions, host",
    [
        # April, 2025: « les communes de Boé et d'Echirolles, ainsi que le Syndicat Morbihan Énergies
        # pour leur obtention d'un label Or »
        (2025, "Boé", "commune", "or", "", "april.org"),
        (2025, "Syndicat Morbihan Énergies", "autre", "or", "", "april.org"),
        # April, 2025: Parc national des Écrins, « Meilleure première candidature » et « Mutualisation »
        (2025, "Parc national des Écrins", "autre", "", "premiere_candidature|mutualisation", "april.org"),
        # April, 2025: Colomiers, « Sobriété numérique : durabilité des équipements »
        (2025, "Colomiers", "commune", "", "sobriete", "april.org"),
        # Échirolles, 2025: « label OR » + « Promotion, communication et sensibilisation aux logiciels libres »
        (2025, "Échirolles", "commune", "or", "promotion", "www.echirolles.fr"),
        # Label, 2025: badge « Eurométropole de Strasbourg (Bas-Rhin) »
        (2025, "Eurométropole de Strasbourg", "epci", "badge", "", "territoire-numerique-libre.org"),
        # Label, édition 2023: « Label niveau 2 — Ville de La Tronche (38) »
        (2023, "La Tronche", "commune", "2", "", "territoire-numerique-libre.org"),
        # Label, édition 2023: « Label niveau 3 — SMEACC (76) »
        (2023, "SMEACC", "autre", "3", "", "territoire-numerique-libre.org"),
        # Label, édition 2021: « Label niveau 2 — Communauté de Communes du Pays Réuni d'Orange (84) »
        (2021, "Communauté de Communes du Pays Réuni d’Orange", "epci", "2", "", "territoire-numerique-libre.org"),
        # Lyon, 15/11/2022: « obtenant cette année le niveau 4 du label »
        (2022, "Lyon", "commune", "4", "", "mairie8.lyon.fr"),
        # Nancy, 20/11/2019: « décroche aujourd'hui le label Territoire Numérique Libre niveau 5 »
        (2019, "Nancy", "commune", "5", "", "www.ici-c-nancy.fr"),
        # Nevers, 2018: « a obtenu le niveau 4 (sur 5 possibles) »
        (2018, "Nevers", "commune", "4", "", "france3-regions.francetvinfo.fr"),
        # ADULLACT, 2016: Arles « la récompense la plus élevée du millésime : 4 étoiles Copyleft »
        (2016, "Arles", "commune", "4", "", "www.adullact.org"),
    ],
)
def test_spot_check(edition, name, kind, result, mentions, host):
    row = find(edition, name)
    assert row["type"] == kind, f"({edition}, {name!r}): type {row['type']!r}, source says {kind!r}"
    assert row["resultat"] == result, f"({edition}, {name!r}): resultat {row['resultat']!r}, source says {result!r}"
    assert row["mentions"] == mentions, f"({edition}, {name!r}): mentions {row['mentions']!r}, source says {mentions!r}"
    assert urlsplit(row["source_url"]).netloc == host, f"({edition}, {name!r}): source {row['source_url']!r} is not on {host}"


def test_spot_check_siren():
    # BANATIC SIREN–INSEE table: Échirolles, INSEE 38151 -> SIREN 213801517.
    row = find(2025, "Échirolles")
    assert row["siren"] == "213801517"
    assert "banatic_siren_insee" in row["source_siren"]
    # DGCL EPCI list 2024: « Eurométropole de Strasbourg », SIREN 246700488.
    assert find(2025, "Eurométropole de Strasbourg")["siren"] == "246700488"
