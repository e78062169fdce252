"""« Signaler une erreur »: report.html prepares the correction file of each signal; `tnl
corrections` turns a filled-in one into a case of the corpus, well formed, with the archived pages
(issue 18)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from lxml import html as lxml_html

from tests.realworld.test_corpus import test_a_case_is_well_formed as case_is_well_formed

ROOT = Path(__file__).resolve().parents[2]
CID = "libreville-isere"


def test_a_correction_from_report_html_becomes_a_corpus_case(run_out, tmp_path):
    out, _ = run_out
    doc = lxml_html.fromstring((out / CID / "report.html").read_text(encoding="utf-8"))
    [pre] = doc.xpath("//details[@id='signal-cms-correction']//pre")
    text = pre.text_content()
    correction = yaml.safe_load(text)
    assert (correction["candidat"], correction["signal"], correction["valeur_correcte"]) == (CID, "cms", "")
    assert correction["valeur_constatee"].startswith("SPIP")
    # The collectivité fills it in (here: it says the CMS is another one, with its source).
    correction["valeur_correcte"] = "Drupal"
    correction["source"] = "https://www.libreville-isere.test/mentions-legales/ (hébergement)"
    filled = tmp_path / "correction.yaml"
    filled.write_text(yaml.safe_dump(correction, allow_unicode=True), encoding="utf-8")
    cases = tmp_path / "cases"
    proc = subprocess.run([sys.executable, "-c", "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))",
                           "corrections", str(filled), "--archive", str(out), "--out", str(cases)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [case_path] = list(cases.glob("*.yaml"))
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    assert case["facts"] == {"cms": "Drupal"} and case["pattern"] == "correction"
    assert case["pages"][0]["url"] == case["site"] == "http://www.libreville-isere.test/"
    assert "spip" in case["pages"][0]["html"].lower()  # the homepage as it was archived
    case_is_well_formed(case_path)  # the corpus's own rules


def test_an_incomplete_correction_is_one_clear_line(run_out, tmp_path):
    out, _ = run_out
    filled = tmp_path / "c.yaml"
    filled.write_text("schema: tnl-evidence/correction\ncandidat: libreville-isere\nsignal: cms\n"
                      "valeur_correcte: Drupal\nsource: ''\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))",
                           "corrections", str(filled), "--archive", str(out), "--out", str(tmp_path / "o")],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and proc.stderr.strip() == f"tnl : {filled}: champ 'source' vide"
