"""End to end: the demo territory's application dossiers (demo/world/dossiers-2025.csv), made a candidates
file by `tnl dossiers`, crawled and checked by `tnl run`: each answer is a claim of report.json with its
question, the answer given and how it can be verified, and report.html shows them by verification kind.

The statuses are written by hand from the answers (demo/dossiers.py) and what the demo sites show
(demo/world/expected.yaml).
"""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from demo import DATAGOUV_API
from tests.e2e.helpers import ROOT, report, tnl, world_args

EXPORT = ROOT / "demo" / "world" / "dossiers-2025.csv"
NO_SIGNAL = "aucun signal ne mesure cette déclaration : l'outil ne peut pas la vérifier"


@pytest.fixture(scope="module")
def dossiers_run(world, net, tmp_path_factory):
    root = tmp_path_factory.mktemp("dossiers")
    made = tnl("dossiers", str(EXPORT), "--out", str(root / "candidats.yaml"))
    assert made.returncode == 0, made.stderr[-3000:]
    out = root / "out"
    proc = tnl("run", str(root / "candidats.yaml"), "--out", str(out), "--allow-private", "--delay", "0",
               "--datagouv-api", DATAGOUV_API, *world_args(world),
               "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


def answers(out, cid):
    return [(c["question_id"], c.get("expect"), c["status"]) for c in report(out, cid)["claims"]]


def test_the_answers_are_confirmed_contradicted_or_left_to_the_jury(dossiers_run):
    assert answers(dossiers_run, "communaute-d-agglomeration-du-val-de-roche") == [
        ("strategie_enjeux", None, "non vérifiable"),
        ("strategie_publiee", "oui", "confirmé"),  # a services-communs page and the deliberation (ODT)
        ("mutualisation", "oui", "confirmé"),
        ("part_logiciels_mutualises", "au moins 50 %", "non vérifiable"),  # « la moitié », no signal
        ("part_formats_ouverts", "au moins 80 %", "contredit"),  # 6 of 11 documents
        ("mention_accessibilite", "oui", "confirmé"),
        ("declaration_accessibilite", "oui", "confirmé"),
        ("schema_pluriannuel", "oui", "confirmé"),
        ("cms", "WordPress", "confirmé"),
        ("mesure_audience", "Matomo", "confirmé"),
        ("mesure_audience", "Google Analytics", "contredit"),  # only Matomo on the site
        ("suite_bureautique", "LibreOffice", "confirmé"),
        ("part_postes_libres", "au moins 10 %", "non vérifiable"),
        ("communication_libre", "non", "contredit"),  # Firefox, LibreOffice, QGIS named on the site
        ("ecosysteme", "oui", "contredit"),  # no link to the ecosystem
        ("fediverse", "oui", "confirmé"),
        ("code_source", "oui", "confirmé"),
        ("datagouv", "oui", "confirmé"),
        ("portail_donnees", "oui", "confirmé"),
    ]
    assert answers(dossiers_run, "petit-bourg-en-causse") == [
        ("strategie_enjeux", None, "non vérifiable"),
        ("mention_accessibilite", "non", "contredit"),  # the footer says « non conforme »
        ("declaration_accessibilite", "oui", "confirmé"),  # a PDF only
        ("cms", "Wix", "confirmé"),
        ("mesure_audience", "absent", "contredit"),  # « Aucun »: Google Analytics
        ("suite_bureautique", "LibreOffice", "contredit"),  # Microsoft Office made its documents
        ("fediverse", "non", "confirmé"),
        ("datagouv", "non", "confirmé"),  # no organisation found: nothing published
    ]
    # The site cannot be reached: what it would show is not known.
    assert answers(dossiers_run, "saint-disparu-les-bois") == [
        ("mention_accessibilite", "oui", "non vérifiable"), ("cms", "WordPress", "non vérifiable"),
        ("part_postes_libres", None, "non vérifiable")]


def test_report_json_claims_carry_the_question_the_answer_and_the_verification(dossiers_run):
    claims = report(dossiers_run, "departement-de-la-haute-garrigue")["claims"]
    formats = next(c for c in claims if c["question_id"] == "part_formats_ouverts")
    assert {k: formats[k] for k in ("question", "answer", "expect", "verification", "signal", "status")} == {
        "question": "Quelle part des documents publiés sur votre site l'est dans un format ouvert (ODF, PDF, CSV…) ?",
        "answer": "0,5", "expect": "au moins 50 %", "verification": "document", "signal": "open_formats",
        "status": "contredit"}
    assert formats["evidence"]
    enjeux = next(c for c in claims if c["question_id"] == "strategie_enjeux")
    assert (enjeux["verification"], enjeux["status"], enjeux["explanation"], enjeux["evidence"]) == (
        "non", "non vérifiable", NO_SIGNAL, [])
    assert report(dossiers_run, "departement-de-la-haute-garrigue")["candidate"]["parcours"] == "label"
    assert report(dossiers_run, "petit-bourg-en-causse")["candidate"]["parcours"] == "badge"


def test_report_html_shows_the_answers_in_three_groups(dossiers_run):
    page = (dossiers_run / "libreville-sur-isere" / "report.html").read_text(encoding="utf-8")
    section = lxml_html.fromstring(page).xpath("//section[@id='declarations']")[0]
    # 25 answers: 11 checked on the sites, 4 in their documents, 10 the tool cannot check.
    assert [h.text_content() for h in section.xpath(".//h3")] == [
        "Vérifiable sur le web (11)", "Vérifiable dans un document (4)", "Non vérifiable par l'outil (10)"]
    web, document, none = section.xpath(".//table[contains(@class, 'claims-questions')]")
    first = [cell.text_content().strip() for cell in web.xpath(".//tbody/tr[1]/*")]
    mutualisation = ("Mutualisez-vous des moyens numériques avec d'autres structures (service commun, syndicat, "
                     "adhésion à l'ADULLACT) ?")
    assert first[:4] == [mutualisation, "Oui", "mutualisation", "confirmé"]
    assert web.xpath(".//tbody/tr[1]//a[@href='#signal-mutualisation-preuves']")
    assert "90 % (lue : au moins 90 %)" in document.text_content()
    assert "openCimetière, openAssainissement, QGIS" in none.text_content()
