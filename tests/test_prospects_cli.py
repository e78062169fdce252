"""`tnl prospects OUT` (tnl/prospects_cli.py): the collectivités worth inviting rewritten offline with
another threshold or palmarès; a bad palmarès or a folder without reports is bad input (exit 2)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from tnl.cli import EXIT_BAD_INPUT, main

sys.path.insert(0, str(Path(__file__).resolve().parent / "reports"))
from sample_reports import make_report


def write_run(out: Path) -> None:
    """Two evaluated candidates written as `tnl run` leaves them (candidate.json, report.json): Haut-Débit
    (rank 3, « or ») and Bourg-Libre (rank 1, « bronze »)."""
    for cid, name, siren, rank, result in (("haut-debit", "Haut-Débit", "200000045", 3, "or"),
                                           ("bourg-libre", "Bourg-Libre", "200000011", 1, "bronze")):
        report = make_report(cid, name)
        report["candidate"]["siren"] = siren
        report["outcome"] = {"edition": 2025, "scale": "tiers", "track": "label", "status": "evalue", "rank": rank,
                             "score": 0.3 * rank, "result": result, "display": f"label {result} (indicatif)"}
        report["levels"] = []
        report["evaluation"] = {"unreachable": None}
        folder = out / cid
        folder.mkdir(parents=True)
        (folder / "candidate.json").write_text(json.dumps(report["candidate"]), encoding="utf-8")
        (folder / "report.json").write_text(json.dumps(report), encoding="utf-8")


def ids(out: Path) -> list[str]:
    with open(out / "prospects.csv", encoding="utf-8", newline="") as fh:
        return [row["id"] for row in csv.DictReader(fh)]


def test_prospects_are_rewritten_with_another_threshold_and_palmares(tmp_path):
    out = tmp_path / "run"
    write_run(out)
    assert main(["prospects", str(out), "--quiet"]) == 0
    assert ids(out) == ["haut-debit", "bourg-libre"]
    assert main(["prospects", str(out), "--min-rank", "2", "--quiet"]) == 0
    assert ids(out) == ["haut-debit"]
    palmares = tmp_path / "palmares.csv"
    palmares.write_text("edition;nom;type;siren\n2025;HAUT DEBIT;commune;\n", encoding="utf-8")
    assert main(["prospects", str(out), "--palmares", str(palmares), "--quiet"]) == 0
    assert ids(out) == ["bourg-libre"]  # Haut-Débit is in that palmarès (by name and kind)
    assert "rang 1 au moins" in (out / "prospects.html").read_text(encoding="utf-8")


def test_a_bad_palmares_or_no_report_is_bad_input(tmp_path, capsys):
    out = tmp_path / "run"
    write_run(out)
    palmares = tmp_path / "palmares.csv"
    palmares.write_text("edition,nom,type,siren\n2025,Ville,commune,12\n", encoding="utf-8")
    assert main(["prospects", str(out), "--palmares", str(palmares)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"{palmares}: ligne 2, colonne siren" in err and err.count("\n") == 1
    assert main(["prospects", str(tmp_path / "empty")]) == EXIT_BAD_INPUT
    assert "aucun report.json" in capsys.readouterr().err


@pytest.mark.parametrize("rank", ["0", "-1", "deux"])
def test_the_threshold_is_a_positive_rank(tmp_path, rank):
    with pytest.raises(SystemExit) as exit_:
        main(["prospects", str(tmp_path), "--min-rank", rank])
    assert exit_.value.code == 2
