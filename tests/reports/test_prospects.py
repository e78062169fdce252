"""prospects.csv and prospects.html (reports/prospects.py): strong candidates not in the palmarès,
ranked by their evidence, each with its three strongest pieces of evidence and its contact.

Hand-made candidates (sample_reports.make_report, outcome and levels written here) and a small
palmarès in the real file's format (checks/data/editions/palmares.csv's header):

    name                 kind     siren       outcome (status, rank, score)   in the palmarès?
    Haut-Débit           commune  200000045   evalue, 3, 0.80                 no
    Bourg-Libre          commune  200000011   evalue, 2, 0.60                 no
    -2+3 <b>Ville</b>    commune  200000052   evalue, 1, 0.50                 no
    Val-Roche            epci     200000060   evalue, 1, 0.50                 « Val Roche » is a commune there: no
    Petit-Badge          commune  200000078   evalue, 1, 0.35 (badge track)   no
    Ville-Témoin         commune  200000029   evalue, 3, 0.90                 yes, by SIREN (2025 or)
    Saint-Lys            commune  200000037   evalue, 1, 0.45                 yes, by name « SAINT LYS » + kind (2024 3)
    Sans-Palier          commune  200000086   evalue, 0, 0.30                 no, but under Bronze
    Disparue             commune  200000094   non_evaluable (unreachable)     no, never a prospect

Expected ranking (rank, then score, then the folded name: « 23bvilleb » before « valroche »):
Haut-Débit, Bourg-Libre, -2+3 <b>Ville</b>, Val-Roche, Petit-Badge.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sample_reports import make_report

from reports.prospects import (
    PALMARES,
    PalmaresError,
    is_strong,
    load_palmares,
    render_prospects,
    select,
    strongest_evidence,
)

HEADER = "edition,nom,type,siren,resultat,mentions,source_url,source_siren\n"
PALMARES_ROWS = (HEADER
                 + "2024,SAINT LYS,commune,,3,,https://example.org/palmares-2024,\n"
                 + "2025,Ville-Témoin,commune,200000029,or,,https://example.org/palmares-2025,\n"
                 + "2025,Val Roche,commune,,badge,,https://example.org/palmares-2025,\n")


def level_rows(*rows: tuple[str, str, str, float, float]) -> list[dict[str, Any]]:
    """levels[] from (domain, signal, assessment, weight, points), in the order given."""
    levels: dict[str, list] = {}
    for domain, sid, assessment, weight, points in rows:
        levels.setdefault(domain, []).append({"id": sid, "title": f"Titre {sid}", "assessment": assessment,
                                              "weight": weight, "points": points, "applicable": True})
    return [{"domain": d, "title": d, "status": "evalue", "signals": s} for d, s in levels.items()]


STANDARD_LEVELS = level_rows(
    ("strategie", "strategy_mentions", "favorable", 3.0, 3.0),
    ("interop_accessibilite", "a11y_mention", "favorable", 2.0, 2.0),
    ("interop_accessibilite", "https", "neutre", 2.0, 1.0),
    ("logiciels_libres", "cms", "favorable", 3.0, 3.0),
    ("communication", "fediverse", "favorable", 2.0, 2.0),
    ("open_data", "datagouv_datasets", "favorable", 3.0, 3.0),
)


def cand(cid: str, name: str, siren: str, rank: int | None, score: float | None, kind: str = "commune",
         track: str = "label", email: str | None = None) -> dict[str, Any]:
    report = make_report(cid, name)
    report["candidate"].update(kind=kind, siren=siren, email=email, departement="38", population=4200)
    evaluated = rank is not None
    report["outcome"] = {"edition": 2025, "scale": "tiers", "track": track, "indicative": True,
                         "status": "evalue" if evaluated else "non_evaluable", "rank": rank, "score": score,
                         "result": {3: "or", 2: "argent", 1: "badge" if track == "badge" else "bronze", 0: "aucun"}.get(rank),
                         "display": f"résultat {cid} (indicatif)"}
    report["levels"] = STANDARD_LEVELS
    report["evaluation"] = {"unreachable": None if evaluated else "site injoignable"}
    return report


@pytest.fixture
def reports() -> list[dict[str, Any]]:
    return [
        cand("bourg-libre", "Bourg-Libre", "200000011", 2, 0.6, email="mairie@bourg-libre.fr"),
        cand("ville-temoin", "Ville-Témoin", "200000029", 3, 0.9),
        cand("saint-lys", "Saint-Lys", "200000037", 1, 0.45),
        cand("haut-debit", "Haut-Débit", "200000045", 3, 0.8, email="contact@haut-debit.fr"),
        cand("formule", "-2+3 <b>Ville</b>", "200000052", 1, 0.5, email="=cmd@evil.fr"),
        cand("val-roche", "Val-Roche", "200000060", 1, 0.5, kind="epci"),
        cand("petit-badge", "Petit-Badge", "200000078", 1, 0.35, track="badge"),
        cand("sans-palier", "Sans-Palier", "200000086", 0, 0.3),
        cand("disparue", "Disparue", "200000094", None, None),
    ]


@pytest.fixture
def palmares(tmp_path) -> Path:
    path = tmp_path / "palmares.csv"
    path.write_text(PALMARES_ROWS, encoding="utf-8")
    return path


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- selection ---------------------------------------------------------------------------------------------

def test_strong_candidates_not_in_the_palmares_are_ranked_by_their_evidence(reports, palmares):
    chosen = select(reports, load_palmares(palmares))
    assert [r["candidate"]["id"] for r in chosen["prospects"]] == [
        "haut-debit", "bourg-libre", "formule", "val-roche", "petit-badge"]
    assert [(k["report"]["candidate"]["id"], k["how"], [row.edition for row in k["palmares"]])
            for k in chosen["known"]] == [("ville-temoin", "siren", ["2025"]), ("saint-lys", "nom", ["2024"])]
    assert (chosen["total"], chosen["evaluated"]) == (9, 8)


def test_the_threshold_is_a_parameter(reports, palmares):
    chosen = select(reports, load_palmares(palmares), min_rank=2)
    assert [r["candidate"]["id"] for r in chosen["prospects"]] == ["haut-debit", "bourg-libre"]
    assert [k["report"]["candidate"]["id"] for k in chosen["known"]] == ["ville-temoin"]


def test_unreachable_or_non_evaluable_candidates_are_never_prospects(reports):
    disparue = reports[-1]
    assert is_strong(disparue, 0) is False
    disparue["outcome"].update(status="evalue", rank=3)  # even with a rank, an unreachable site is none
    assert is_strong(disparue, 1) is False
    assert is_strong(reports[7], 1) is False and is_strong(reports[7], 0) is True  # « aucun »: rank 0


def test_the_three_strongest_pieces_of_evidence_are_the_favorable_signals_earning_most(reports):
    evidence = strongest_evidence(reports[0])
    # 3-point favorable signals in the levels' order (strategie, logiciels_libres, open_data); the
    # 2-point a11y_mention comes before cms in the levels but earns less; https is « neutre ».
    assert [e["id"] for e in evidence] == ["strategy_mentions", "cms", "datagouv_datasets"]
    assert evidence[1]["href"] == "bourg-libre/report.html#signal-cms"
    assert evidence[1]["display"] == "WordPress" and evidence[1]["points"] == 3.0  # the report's own value


# --- the palmarès file --------------------------------------------------------------------------------------

def test_the_shipped_palmares_is_read():
    rows = load_palmares(PALMARES)
    assert len(rows) > 40 and any(r.name == "Échirolles" and r.edition == "2025" for r in rows)


def test_a_spreadsheet_palmares_is_read(tmp_path):
    path = tmp_path / "palmares.csv"
    path.write_bytes("edition;nom;type;siren\n2025;Échirolles;commune;213801515\n".encode("cp1252"))
    assert [(r.name, r.siren) for r in load_palmares(path)] == [("Échirolles", "213801515")]


@pytest.mark.parametrize("content,where", [
    (HEADER + "2025,Ville,commune,12345,or,,,\n", "ligne 2, colonne siren : « 12345 » n'est pas un SIREN"),
    ("edition,name,type\n2025,Ville,commune\n", "ligne 1, colonne nom : colonne absente"),
    (HEADER + "2025,,commune,,or,,,\n", "ligne 2, colonne nom : vide"),
])
def test_a_bad_palmares_is_one_line_naming_the_file_the_line_and_the_column(tmp_path, content, where):
    path = tmp_path / "palmares.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PalmaresError) as err:
        load_palmares(path)
    assert str(err.value).startswith(f"{path}: ") and where in str(err.value) and "\n" not in str(err.value)


# --- the files --------------------------------------------------------------------------------------------

def test_the_csv_lists_every_prospect_with_its_evidence_and_contact(reports, palmares, tmp_path):
    paths = render_prospects(reports, tmp_path, palmares=palmares)
    rows = read(paths["prospects_csv"])
    assert [(r["rang"], r["id"]) for r in rows] == [("1", "haut-debit"), ("2", "bourg-libre"), ("3", "formule"),
                                                     ("4", "val-roche"), ("5", "petit-badge")]
    bourg = rows[1]
    assert (bourg["resultat_indicatif"], bourg["score_indicatif"], bourg["courriel"], bourg["site_web"]) == (
        "argent", "0.6", "mairie@bourg-libre.fr", "http://www.libreville-isere.test/")
    assert [bourg[f"preuve_{i}_signal"] for i in (1, 2, 3)] == ["strategy_mentions", "cms", "datagouv_datasets"]
    assert bourg["preuve_2"] == "Titre cms : WordPress" and bourg["rapport"] == "bourg-libre/report.html"
    # A cell a spreadsheet would run as a formula starts with an apostrophe.
    assert (rows[2]["nom"], rows[2]["courriel"]) == ("'-2+3 <b>Ville</b>", "'=cmd@evil.fr")


def test_the_page_ranks_links_escapes_and_says_the_outcome_is_indicative(reports, palmares, tmp_path):
    page_path = render_prospects(reports, tmp_path, palmares=palmares)["prospects_html"]
    text = page_path.read_text(encoding="utf-8")
    assert "<b>Ville</b>" not in text and "-2+3 &lt;b&gt;Ville&lt;/b&gt;" in text
    page = BeautifulSoup(text, "lxml")
    rows = page.find(id="prospects").tbody.find_all("tr")
    assert [tr.th.get_text() for tr in rows] == ["Haut-Débit", "Bourg-Libre", "-2+3 <b>Ville</b>", "Val-Roche",
                                                 "Petit-Badge"]
    bourg = rows[1]
    assert bourg.th.a["href"] == "bourg-libre/report.html"
    assert [a["href"] for a in bourg.find("ol").find_all("a")] == [
        "bourg-libre/report.html#signal-strategy_mentions", "bourg-libre/report.html#signal-cms",
        "bourg-libre/report.html#signal-datagouv_datasets"]
    assert "(indicatif ; part des points 60" in bourg.get_text()
    assert bourg.find("a", href="mailto:mairie@bourg-libre.fr") is not None
    assert "Classement non calibré" in page.find(id="calibration").get_text()
    assert "rang 1 au moins, soit au moins le palier Bronze" in page.find(id="seuil").get_text()
    assert page.find(id="compte").get_text().startswith("Retenues : 5, sur 8 candidates évaluées (9 en tout) ; "
                                                         "déjà au palmarès : 2.")
    known = page.find(id="deja-au-palmares").get_text(" ", strip=True)
    assert "Ville-Témoin — 2025 or (trouvée par SIREN)" in known and "Saint-Lys — 2024 3 (trouvée par nom et type)" in known


def test_the_page_says_when_the_ranking_was_calibrated(reports, palmares, tmp_path):
    (tmp_path / "calibration.json").write_text(json.dumps({"generated_at": "2026-11-30T10:15:00Z"}), encoding="utf-8")
    page = BeautifulSoup(render_prospects(reports, tmp_path, palmares=palmares)["prospects_html"]
                         .read_text(encoding="utf-8"), "lxml")
    said = page.find(id="calibration").get_text()
    assert "a été lancé sur cette collecte le 30 novembre 2026" in said and "non calibré" not in said


def test_no_prospect_is_a_page_that_says_so(palmares, tmp_path):
    paths = render_prospects([cand("sans-palier", "Sans-Palier", "200000086", 0, 0.3)], tmp_path, palmares=palmares)
    assert read(paths["prospects_csv"]) == []
    page = BeautifulSoup(paths["prospects_html"].read_text(encoding="utf-8"), "lxml")
    assert page.find(id="compte").get_text().startswith("Retenues : 0, sur 1 candidates évaluées")
    assert page.find(id="deja-au-palmares") is None


def test_the_english_page(reports, palmares, tmp_path):
    page = BeautifulSoup(render_prospects(reports, tmp_path, lang="en", palmares=palmares)["prospects_html"]
                         .read_text(encoding="utf-8"), "lxml")
    assert page.h1.get_text() == "Collectivités worth inviting"
    assert "Ranking not calibrated" in page.find(id="calibration").get_text()


def test_the_page_is_bounded_and_the_csv_whole(palmares, tmp_path):
    from reports.prospects import PAGE_LIMIT

    many = [cand(f"c{i:04d}", f"Commune {i:04d}", f"{300000000 + i:09d}", 1, 0.5) for i in range(PAGE_LIMIT + 20)]
    paths = render_prospects(many, tmp_path, palmares=palmares)
    assert len(read(paths["prospects_csv"])) == PAGE_LIMIT + 20
    page = BeautifulSoup(paths["prospects_html"].read_text(encoding="utf-8"), "lxml")
    assert len(page.find(id="prospects").tbody.find_all("tr")) == PAGE_LIMIT == 500
    assert "Les 500 premières ici ; toutes dans prospects.csv." in page.get_text()
