"""The demo run's figures page and its collectivités worth inviting, written with the overview by the
real command. Expected values read by hand: the demo candidates built for a tier (expected.yaml
`outcome_intended_2025`: Libreville-sur-Isère « or », the Val de Roche agglomeration « argent »; the
others « aucun », Saint-Disparu unreachable) and none of them in the published palmarès (they are
fictional); Libreville earns every point of its signals, so its three strongest pieces of evidence are
the first weight-3 signals of the 2025 rubric in its order (checks/data/editions/2025.yaml):
strategy_mentions (stratégie), then a11y_declaration and open_formats (bonnes pratiques numériques)."""
from __future__ import annotations

import csv

from bs4 import BeautifulSoup


def test_the_demo_run_lists_its_strongest_candidates_as_worth_inviting_with_their_evidence(run_out):
    out, _proc = run_out
    with open(out / "prospects.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["rang"], r["id"], r["resultat_indicatif"]) for r in rows] == [
        ("1", "libreville-isere", "or"), ("2", "agglo-val-de-roche", "argent")]
    libreville = rows[0]
    assert [libreville[f"preuve_{i}_signal"] for i in (1, 2, 3)] == ["strategy_mentions", "a11y_declaration",
                                                                    "open_formats"]
    assert libreville["site_web"] == "http://www.libreville-isere.test/"
    page = BeautifulSoup((out / "prospects.html").read_text(encoding="utf-8"), "html.parser")
    first = page.find(id="prospects").tbody.tr
    assert first.th.get_text() == "Libreville-sur-Isère" and "label Or (indicatif)" in first.get_text()
    assert "Classement non calibré" in page.find(id="calibration").get_text()
    # Each piece of evidence links to its signal in the candidate's own report.
    report_page = BeautifulSoup((out / "libreville-isere" / "report.html").read_text(encoding="utf-8"), "html.parser")
    for link in first.find("ol").find_all("a"):
        path, fragment = link["href"].split("#")
        assert path == "libreville-isere/report.html" and report_page.find(id=fragment) is not None, link["href"]


def test_the_demo_figures_page_has_the_national_section(run_out):
    out, _proc = run_out
    page = BeautifulSoup((out / "chiffres.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("a", href="prospects.html") is not None
    assert page.find(id="ref-faf_mention") is not None and page.find(id="ref-dinum_https") is not None
    # The demo's kinds (candidates.yaml): three communes, one EPCI, one département.
    heads = [th.get_text() for th in page.find(id="par-type").thead.find_all("th")]
    assert heads[1:] == ["Ensemble", "commune", "intercommunalité (EPCI)", "département"]
    assert (out / "chiffres_groupes.csv").is_file() and (out / "chiffres_observatoires.csv").is_file()
