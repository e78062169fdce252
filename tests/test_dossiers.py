"""`tnl dossiers`: an export of application dossiers (CSV, XLSX) and a mapping → a candidates file whose
claims are the questionnaire's answers. Every expected value below is written by hand from the input."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from checks.claims import CONFIRMED, CONTRADICTED, UNVERIFIABLE, verify_claims
from checks.registry import CHECKS, SIGNAL_IDS
from ground.candidates import load_candidates
from ground.model import Evidence, Signal
from tnl.cli import EXIT_BAD_INPUT, EXIT_OK, main
from tnl.dossiers import (
    DEFAULT_MAPPING,
    DossiersError,
    convert,
    load_mapping,
    read_share,
    read_software,
    read_yes_no,
    run_dossiers,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO_EXPORT = ROOT / "demo" / "world" / "dossiers-2025.csv"

MAPPING = """\
edition: 2025
dossier: ID
status:
  column: État du dossier
  skip: [Sans suite]
candidate:
  name: [Nom de la collectivité, Entreprise raison sociale]
  kind:
    column: Type de collectivité
    values:
      Commune: commune
      Communauté de communes: epci
  siren: Entreprise SIREN
  siret: Établissement SIRET
  insee:
    column: Établissement code INSEE localité
    kinds: [commune]
  population: Nombre d'habitants
  websites: Site internet
  parcours:
    column: Parcours
    values:
      Badge (questionnaire simplifié): badge
      Label: label
questions:
  - id: cms
    column: Quel CMS ?
    domain: logiciels_libres
    signal: cms
    read: logiciels
    verification: web
    values:
      Autre: null
  - id: audience
    column: Mesure d'audience, quels outils ?
    domain: logiciels_libres
    signal: analytics
    read: logiciels
  - id: formats
    column: Part de documents en format ouvert
    domain: interop_accessibilite
    signal: open_formats
    read: part
    verification: document
  - id: datagouv
    column: Données sur data.gouv.fr ?
    domain: open_data
    signal: datagouv_datasets
    read: oui_non
  - id: enjeux
    column: Quels enjeux ?
    domain: strategie
    read: texte
"""

HEADER = ("ID;Email;Établissement SIRET;Entreprise SIREN;Entreprise raison sociale;Établissement code INSEE localité;"
          "État du dossier;Nom de la collectivité;Type de collectivité;Parcours;Nombre d'habitants;Site internet;"
          "Quel CMS ?;Mesure d'audience, quels outils ?;Part de documents en format ouvert;Données sur data.gouv.fr ?;"
          "Quels enjeux ?")


@pytest.fixture
def mapping_file(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def mapping(path):
    return load_mapping(path, SIGNAL_IDS)


def write(tmp_path, text, name="export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- CSV, `;`, UTF-8: every reading, with the claims written out ------------------------------------------

SEMICOLON_EXPORT = (
    HEADER + "\n"
    # a commune, label, SIREN given; « Autre » ignored; two analytics tools; a share as « 80 % »
    '101;mairie@ville-a.test;21380151700011;213801517;COMMUNE DE VILLE A;38151;En instruction;Ville-A;Commune;'
    'Label;12 040;www.ville-a.test;SPIP, Autre;Matomo, Google Analytics;80 %;Oui;"Souveraineté\nnumérique"\n'
    # an EPCI: no INSEE kept (the seat's commune is not the EPCI); SIREN from the SIRET; badge;
    # « Aucun » tool; a share as a fraction; « Non »; no free text
    '102;contact@cc-b.test;20008899500017;;COMMUNAUTE DE COMMUNES B;38998;En construction;;Communauté de communes;'
    'Badge (questionnaire simplifié);;http://www.cc-b.test/ https://data.cc-b.test/;WordPress;Aucun;0,5;Non;\n'
    # withdrawn: set aside, said
    '103;x@c.test;21469990200019;214699902;COMMUNE C;46999;Sans suite;Ville-C;Commune;Label;;http://c.test/;;;;;\n'
    # parcours left empty: never inferred; answers not read as their reading says: kept, unverifiable
    '104;d@d.test;21389990900015;213899909;COMMUNE D;38999;En instruction;Ville-D;Commune;;;http://d.test/;;;'
    'beaucoup;En partie;\n'
)


def test_a_semicolon_csv_gives_the_candidates_and_their_claims(tmp_path, mapping_file):
    result = convert(write(tmp_path, SEMICOLON_EXPORT), mapping(mapping_file))
    assert result.dossiers == 4
    a, b, d = result.candidates
    q_cms, q_aud, q_fmt, q_dg, q_enj = ("Quel CMS ?", "Mesure d'audience, quels outils ?",
                                        "Part de documents en format ouvert", "Données sur data.gouv.fr ?",
                                        "Quels enjeux ?")
    assert a == {
        "id": "ville-a", "name": "Ville-A", "kind": "commune", "siren": "213801517", "insee": "38151",
        "websites": ["https://www.ville-a.test"], "population": 12040, "parcours": "label",
        "claims": [
            {"domain": "logiciels_libres", "text": f"{q_cms} — SPIP", "signal": "cms", "expect": "SPIP",
             "question": q_cms, "question_id": "cms", "answer": "SPIP, Autre", "verification": "web"},
            {"domain": "logiciels_libres", "text": f"{q_aud} — Matomo", "signal": "analytics", "expect": "Matomo",
             "question": q_aud, "question_id": "audience", "answer": "Matomo, Google Analytics", "verification": "web"},
            {"domain": "logiciels_libres", "text": f"{q_aud} — Google Analytics", "signal": "analytics",
             "expect": "Google Analytics", "question": q_aud, "question_id": "audience",
             "answer": "Matomo, Google Analytics", "verification": "web"},
            {"domain": "interop_accessibilite", "text": f"{q_fmt} — 80 %", "signal": "open_formats",
             "expect": "au moins 80 %", "question": q_fmt, "question_id": "formats", "answer": "80 %",
             "verification": "document"},
            {"domain": "open_data", "text": f"{q_dg} — Oui", "signal": "datagouv_datasets", "expect": "oui",
             "question": q_dg, "question_id": "datagouv", "answer": "Oui", "verification": "web"},
            {"domain": "strategie", "text": f"{q_enj} — Souveraineté\nnumérique", "question": q_enj,
             "question_id": "enjeux", "answer": "Souveraineté\nnumérique", "verification": "non"},
        ]}
    assert b == {
        "id": "communaute-de-communes-b", "name": "COMMUNAUTE DE COMMUNES B", "kind": "epci", "siren": "200088995",
        "websites": ["http://www.cc-b.test/", "https://data.cc-b.test/"], "parcours": "badge",
        "claims": [
            {"domain": "logiciels_libres", "text": f"{q_cms} — WordPress", "signal": "cms", "expect": "WordPress",
             "question": q_cms, "question_id": "cms", "answer": "WordPress", "verification": "web"},
            {"domain": "logiciels_libres", "text": f"{q_aud} — Aucun", "signal": "analytics", "expect": "absent",
             "question": q_aud, "question_id": "audience", "answer": "Aucun", "verification": "web"},
            {"domain": "interop_accessibilite", "text": f"{q_fmt} — 0,5", "signal": "open_formats",
             "expect": "au moins 50 %", "question": q_fmt, "question_id": "formats", "answer": "0,5",
             "verification": "document"},
            {"domain": "open_data", "text": f"{q_dg} — Non", "signal": "datagouv_datasets", "expect": "non",
             "question": q_dg, "question_id": "datagouv", "answer": "Non", "verification": "web"},
        ]}
    assert "parcours" not in d
    assert d["claims"] == [
        {"domain": "interop_accessibilite", "text": f"{q_fmt} — beaucoup", "signal": "open_formats",
         "question": q_fmt, "question_id": "formats", "answer": "beaucoup", "verification": "document"},
        {"domain": "open_data", "text": f"{q_dg} — En partie", "signal": "datagouv_datasets", "question": q_dg,
         "question_id": "datagouv", "answer": "En partie", "verification": "web"},
    ]
    export = tmp_path / "export.csv"
    assert result.skipped == [f"{export}:5: dossier n° 103 écarté : état « Sans suite » (status.skip de mapping.yaml)"]
    assert result.unread == [
        (f"{export}:6: question 'formats' : réponse « beaucoup » non lue (une part attendue : « 80 % », « 0,8 », "
         f"« la moitié ») ; gardée, non vérifiable"),
        f"{export}:6: question 'datagouv' : réponse « En partie » non lue (oui ou non attendu) ; gardée, non vérifiable",
    ]
    # 5 questions × 3 dossiers read, 11 answered (Ville-A 5, CC B 4, Ville-D 2; the empty ones make no claim).
    assert result.unanswered == 15 - 11
    assert dict(result.by_verification) == {"web": 8, "document": 3, "non": 1}


def test_a_comma_csv_saved_in_windows_1252_reads_the_same(tmp_path, mapping_file):
    buf = io.StringIO(newline="")
    out = csv.writer(buf, delimiter=",", lineterminator="\r\n")
    out.writerow(HEADER.split(";"))  # « Mesure d'audience, quels outils ? » is quoted: its comma is no separator
    out.writerow(["201", "e@e.test", "", "213801517", "COMMUNE E", "38151", "En instruction", "Écully-Fictive",
                  "Commune", "Label", "812", "http://e.test/", "Autre", "", "", "oui, depuis 2019", "Élus et DSI"])
    path = write(tmp_path, buf.getvalue(), encoding="cp1252")
    [cand] = convert(path, mapping(mapping_file)).candidates
    assert (cand["id"], cand["name"], cand["population"], cand["insee"]) == ("ecully-fictive", "Écully-Fictive", 812,
                                                                            "38151")
    # « Autre » alone names no software: nothing to check, kept as given.
    assert [(c["question_id"], c.get("expect"), c["answer"]) for c in cand["claims"]] == [
        ("cms", None, "Autre"), ("datagouv", "oui", "oui, depuis 2019"), ("enjeux", None, "Élus et DSI")]


def test_an_xlsx_export_reads_the_dossiers_sheet_and_joins_the_etablissements_sheet(tmp_path, mapping_file):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Dossiers"
    # As Démarches Simplifiées writes it: no établissement's columns on this sheet (they are on the next).
    sheet.append(["ID", "Email", "Entreprise raison sociale", "État du dossier", "Nom de la collectivité",
                  "Type de collectivité", "Parcours", "Nombre d'habitants", "Site internet", "Quel CMS ?",
                  "Mesure d'audience, quels outils ?", "Part de documents en format ouvert",
                  "Données sur data.gouv.fr ?", "Quels enjeux ?"])
    sheet.append([301, "f@f.test", "COMMUNE F", "En instruction", "Ville-F", "Commune", "Label", 12040.0,
                  "http://f.test/", "Drupal", "Matomo\nPlausible", 0.8, "Oui", None])
    etab = book.create_sheet("Etablissements")
    etab.append(["Dossier ID", "Champ", "Établissement SIRET", "Établissement code INSEE localité", "Entreprise SIREN"])
    etab.append([301, "SIRET du prestataire", "44306184100015", "75056", "443061841"])  # a SIRET question: not the dossier's
    etab.append([301, "Dossier", 21380151700011, "38151", 213801517])
    book.create_sheet("Avis").append(["Dossier ID", "Question / Introduction", "Réponse"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    [cand] = convert(path, mapping(mapping_file)).candidates
    assert {k: cand[k] for k in ("id", "siren", "insee", "population", "websites", "parcours")} == {
        "id": "ville-f", "siren": "213801517", "insee": "38151", "population": 12040, "websites": ["http://f.test/"],
        "parcours": "label"}
    assert [(c["question_id"], c.get("expect")) for c in cand["claims"]] == [
        ("cms", "Drupal"), ("audience", "Matomo"), ("audience", "Plausible"), ("formats", "au moins 80 %"),
        ("datagouv", "oui")]


# --- each reading on its own ------------------------------------------------------------------------------

@pytest.mark.parametrize("answer, read", [
    ("Oui", True), ("non", False), ("Oui, depuis 2019", True), ("NON.", False), ("En partie", None), ("", None),
    ("Ouiii", None),
])
def test_yes_no(answer, read):
    assert read_yes_no(answer) is read


@pytest.mark.parametrize("answer, expect", [
    ("80 %", "au moins 80 %"), ("80%", "au moins 80 %"), ("80", "au moins 80 %"), ("0,8", "au moins 80 %"),
    ("0.75", "au moins 75 %"), ("environ 12,5 %", "au moins 12,5 %"), ("la moitié", "au moins 50 %"),
    ("La totalité", "au moins 100 %"), ("plus de 50 %", "plus de 50 %"), ("entre 60 et 80 %", "entre 60 et 80 %"),
    ("1", None), ("150 %", None), ("beaucoup", None), ("plus de 3 logiciels", None),
])
def test_share(answer, expect):
    assert read_share(answer) == expect


@pytest.mark.parametrize("answer, names", [
    ("Matomo, Google Analytics", ["Matomo", "Google Analytics"]),
    ("LibreOffice et Firefox", ["LibreOffice", "Firefox"]),
    ("- GNU/Linux\n- Thunderbird", ["GNU/Linux", "Thunderbird"]),
    ("Matomo ; matomo", ["Matomo"]),
    ("Autre, SPIP", ["SPIP"]),
    ("Aucun", None), ("aucune.", None),
])
def test_software(answer, names):
    assert read_software(answer, {"autre": None}) == names


# --- bad input: one line naming the place -----------------------------------------------------------------

def one_line(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert "\n" not in text
    return text


def test_a_column_named_by_the_mapping_and_missing_from_the_export(tmp_path, mapping_file):
    export = write(tmp_path, SEMICOLON_EXPORT.replace(";Quel CMS ?;", ";Quel CMS ;", 1))
    with pytest.raises(DossiersError) as exc:
        convert(export, mapping(mapping_file))
    assert one_line(exc) == (f"{export}:1: colonne « Quel CMS ? » absente de l'export (nommée dans "
                             f"{mapping_file}:26, question 'cms') ; la plus proche : « Quel CMS »")


def test_a_bad_siren_sets_the_dossier_aside_and_strict_makes_it_an_error(tmp_path, mapping_file):
    export = write(tmp_path, HEADER + "\n"
                   "401;a@a.test;;213801518;COMMUNE G;38151;En instruction;Ville-G;Commune;Label;;http://g.test/;;;;;\n"
                   "402;b@b.test;;213801517;COMMUNE H;38151;En instruction;Ville-H;Commune;Label;;http://h.test/;;;;;\n")
    result = convert(export, mapping(mapping_file))
    assert [c["id"] for c in result.candidates] == ["ville-h"]
    line = (f"{export}:2: dossier n° 401 (Ville-G), colonne « Entreprise SIREN » : SIREN '213801518' : "
            f"clé de contrôle (Luhn) invalide")
    assert result.skipped == [f"{line} — dossier écarté"]
    with pytest.raises(DossiersError) as exc:
        convert(export, mapping(mapping_file), strict=True)
    assert one_line(exc) == line


def test_two_communes_of_the_same_name_and_a_dossier_filed_twice(tmp_path, mapping_file):
    export = write(tmp_path, HEADER + "\n"
                   "601;a@a.test;;213801517;X;38151;En instruction;Saint-Martin;Commune;Label;;http://a.test/;;;;;\n"
                   "602;b@b.test;;213899909;Y;38999;En instruction;Saint-Martin;Commune;Label;;http://b.test/;;;;;\n"
                   "603;c@c.test;;213801517;X;38151;En instruction;Saint-Martin (bis);Commune;Label;;http://a.test/;;;;;\n")
    result = convert(export, mapping(mapping_file))
    assert [c["id"] for c in result.candidates] == ["saint-martin", "saint-martin-213899909"]
    twice = (f"{export}:4: dossier n° 603 (Saint-Martin (bis)), colonne « Entreprise SIREN » : SIREN 213801517 "
             f"déjà lu ligne 2 (dossier déposé deux fois ?) — dossier écarté")
    assert result.skipped == [twice]


def test_an_unknown_kind_wording(tmp_path, mapping_file):
    export = write(tmp_path, HEADER + "\n"
                   "501;a@a.test;;213801517;X;38151;En instruction;Ville-I;Métropole;Label;;http://i.test/;;;;;\n")
    with pytest.raises(DossiersError) as exc:
        convert(export, mapping(mapping_file), strict=True)
    assert one_line(exc) == (f"{export}:2: dossier n° 501 (Ville-I), colonne « Type de collectivité » : « Métropole » "
                             f"non prévu par la correspondance (à ajouter sous candidate.kind.values de mapping.yaml ; "
                             f"prévus : « Commune », « Communauté de communes »)")
    # Not strict: the dossier is set aside, and no candidate is left: nothing to write, an error.
    with pytest.raises(DossiersError) as exc:
        convert(export, mapping(mapping_file))
    assert one_line(exc).startswith(f"{export}:1: aucun dossier lisible sur 1 ; {export}:2: dossier n° 501")


def test_an_unknown_signal_in_the_mapping(tmp_path, mapping_file):
    mapping_file.write_text(MAPPING.replace("signal: analytics", "signal: analytic"), encoding="utf-8")
    with pytest.raises(DossiersError) as exc:
        mapping(mapping_file)
    assert one_line(exc) == (f"{mapping_file}:37: question 'audience', champ 'signal' : signal inconnu 'analytic' "
                             f"(voir « tnl signals »)")


def test_a_verification_without_a_signal_and_an_unknown_reading(tmp_path, mapping_file):
    mapping_file.write_text(MAPPING.replace("    read: texte\n", "    read: texte\n    verification: web\n"),
                            encoding="utf-8")
    with pytest.raises(DossiersError) as exc:
        mapping(mapping_file)
    assert one_line(exc) == (f"{mapping_file}:54: question 'enjeux', champ 'verification' : « web » sans signal ; "
                             f"l'outil ne vérifie une réponse que par un signal (sinon : non)")
    mapping_file.write_text(MAPPING.replace("read: texte", "read: libre"), encoding="utf-8")
    with pytest.raises(DossiersError) as exc:
        mapping(mapping_file)
    assert one_line(exc) == (f"{mapping_file}:53: question 'enjeux', champ 'read' : lecture inconnue 'libre' "
                             f"(attendu : oui_non | part | logiciels | texte)")


def test_bad_yaml(tmp_path, mapping_file):
    mapping_file.write_text(MAPPING.replace("  kind:\n", "  kind:\n\tcolumn: x\n", 1), encoding="utf-8")
    with pytest.raises(DossiersError) as exc:
        mapping(mapping_file)
    assert one_line(exc).startswith(f"{mapping_file}:9: YAML invalide (")


def test_a_duplicated_key_in_the_mapping(tmp_path, mapping_file):
    mapping_file.write_text(MAPPING.replace("    read: texte\n", "    read: texte\n    domain: strategie\n"),
                            encoding="utf-8")
    with pytest.raises(DossiersError) as exc:
        mapping(mapping_file)
    assert one_line(exc) == f"{mapping_file}:54: YAML invalide (clé « domain » en double (déjà ligne 52))"


def test_an_unreadable_export(tmp_path, mapping_file):
    export = tmp_path / "export.csv"
    export.write_bytes(b"ID;Email\n1;\x81\n")  # 0x81: a byte neither UTF-8 nor Windows-1252 can read
    with pytest.raises(DossiersError) as exc:
        convert(export, mapping(mapping_file))
    assert one_line(exc) == f"{export}: encodage illisible à l'octet 11 (UTF-8 ou Windows-1252 attendu)"


# --- the mapping shipped, and the claims once verified ----------------------------------------------------

def test_the_shipped_mapping_loads_and_names_only_signals_that_exist():
    m = load_mapping(DEFAULT_MAPPING, SIGNAL_IDS)
    known = {c.meta.id for c in CHECKS}
    named = {q.signal for q in m.questions if q.signal}
    assert named and named <= known
    assert {"cms", "analytics", "office_suite", "open_formats", "a11y_mention", "datagouv_datasets",
            "fediverse"} <= named
    assert {q.read for q in m.questions} == {"oui_non", "part", "logiciels", "texte"}
    assert {q.verification for q in m.questions} == {"web", "document", "non"}
    assert all(q.verification == "non" for q in m.questions if not q.signal)
    # The strategy questions the organisers publish (territoire-numerique-libre.org, « Les critères »).
    columns = {q.column for q in m.questions}
    assert {"À quels enjeux vise à répondre la stratégie mise en place ?", "Qui soutient cette stratégie en interne ?",
            "Quels sont les freins et difficultés rencontrés ?",
            "Quelles sont les grandes lignes de votre plan d'action ?"} <= columns


def sig(sid, value, display, assessment="favorable"):
    return Signal(id=sid, domain="open_data", value=value, assessment=assessment, display=display,
                  evidence=[Evidence("http://v.test/", "2026-11-25T10:00:00Z", 200, "extrait", "0" * 64)])


def test_verified_claims_carry_the_question_and_a_question_without_signal_is_unverifiable():
    claims = [
        {"domain": "strategie", "text": "Quels enjeux ? — Souveraineté", "question": "Quels enjeux ?",
         "question_id": "enjeux", "answer": "Souveraineté", "verification": "non"},
        {"domain": "open_data", "text": "Données ? — Non", "signal": "datagouv_datasets", "expect": "non",
         "question": "Données ?", "question_id": "datagouv", "answer": "Non", "verification": "web"},
        {"domain": "open_data", "text": "Données ? — En partie", "signal": "datagouv_datasets",
         "question": "Données ?", "question_id": "datagouv", "answer": "En partie", "verification": "web"},
        {"domain": "open_data", "text": "Nos données sont sur data.gouv.fr", "signal": "datagouv_datasets",
         "expect": "oui"},
    ]
    # No organisation found: every figure of the value is empty, so the value is absent.
    nothing = sig("datagouv_datasets", {"organization": None, "datasets": 0, "resources": 0, "open_share": None},
                  "aucune organisation trouvée sur data.gouv.fr", "defavorable")
    enjeux, non, unread, old = verify_claims(claims, [nothing])
    assert (enjeux["status"], enjeux["explanation"], enjeux["evidence"]) == (
        UNVERIFIABLE, "aucun signal ne mesure cette déclaration : l'outil ne peut pas la vérifier", [])
    assert {k: enjeux[k] for k in ("question", "question_id", "answer", "verification")} == {
        "question": "Quels enjeux ?", "question_id": "enjeux", "answer": "Souveraineté", "verification": "non"}
    assert (non["status"], non["verification"]) == (CONFIRMED, "web")
    assert unread["status"] == UNVERIFIABLE and unread["evidence"][0]["url"] == "http://v.test/"
    assert unread["explanation"].startswith("réponse qui ne se lit pas comme une condition")
    # A claim of a hand-written candidates file: no question keys added to report.json.
    assert old["status"] == CONTRADICTED and not {"question", "question_id", "answer", "verification"} & set(old)


def test_the_per_question_view_groups_the_claims_by_verification(tmp_path):
    from lxml import html as lxml_html

    from reports.html import render_candidate

    claims = [
        {"domain": "logiciels_libres", "text": "Quel CMS ? — SPIP", "signal": "cms", "expect": "SPIP",
         "question": "Quel CMS ?", "question_id": "cms", "answer": "SPIP", "verification": "web",
         "status": "confirmé", "explanation": "valeur constatée : SPIP", "evidence": [{"url": "http://v.test/"}]},
        {"domain": "interop_accessibilite", "text": "Part ? — 0,5", "signal": "open_formats", "expect": "au moins 50 %",
         "question": "Part ?", "question_id": "formats", "answer": "0,5", "verification": "document",
         "status": "contredit", "explanation": "valeur constatée : 21 %", "evidence": []},
        {"domain": "strategie", "text": "Enjeux ? — <b>x</b>", "question": "Enjeux ?", "question_id": "enjeux",
         "answer": "<b>x</b>", "verification": "non", "status": "non vérifiable", "explanation": "aucun signal",
         "evidence": []},
        {"domain": "open_data", "text": "Nos données", "signal": "datagouv_datasets", "expect": "oui",
         "status": "confirmé", "explanation": "valeur constatée", "evidence": []},
    ]
    report = {"schema": "tnl-evidence/report", "schema_version": 1, "tool": {"name": "tnl-evidence", "version": "0"},
              "generated_at": "2026-11-25T21:00:00Z",
              "candidate": {"id": "v", "name": "V", "kind": "commune", "siren": "213801517", "websites": []},
              "crawl": {"sites": [], "counts": {}}, "domains": [], "levels": [], "rubric": {}, "claims": claims,
              "signals": [], "errors": []}
    doc = lxml_html.fromstring(render_candidate(report, tmp_path).read_text(encoding="utf-8"))
    section = doc.xpath("//section[@id='declarations']")[0]
    assert [h.text_content() for h in section.xpath(".//h3")] == [
        "Vérifiable sur le web (1)", "Vérifiable dans un document (1)", "Non vérifiable par l'outil (1)",
        "Autres déclarations"]
    web, document, none = section.xpath(".//table[contains(@class, 'claims-questions')]")
    assert [c.text_content().strip() for c in web.xpath(".//tbody/tr/*")][:4] == ["Quel CMS ?", "SPIP", "cms", "confirmé"]
    assert "0,5 (lue : au moins 50 %)" in document.text_content()
    assert "<b>x</b>" in none.text_content() and not none.xpath(".//b")
    assert len(section.xpath(".//table[@class='claims']/tbody/tr")) == 1


# --- the demo export, through the command line ------------------------------------------------------------

def test_the_demo_export_through_the_command_gives_a_candidates_file_tnl_run_accepts(tmp_path, capsys):
    out = tmp_path / "candidats.yaml"
    assert main(["dossiers", str(DEMO_EXPORT), "--out", str(out)]) == EXIT_OK
    printed = capsys.readouterr()
    assert printed.out.splitlines()[:3] == [
        f"5 dossiers lus dans {DEMO_EXPORT} (correspondance {DEFAULT_MAPPING}, édition 2025)",
        f"5 candidats écrits dans {out}",
        ("70 déclarations (vérifiables sur le web : 41, dans un document : 13, non vérifiables par l'outil : 16) ; "
         "56 réponses vides, sans déclaration"),
    ]
    assert "question 'part_postes_libres' : réponse « beaucoup » non lue" in printed.err
    cands = load_candidates(out, SIGNAL_IDS)
    assert [(c.id, c.kind, c.siren, c.parcours) for c in cands] == [
        ("libreville-sur-isere", "commune", "213899909", "label"),
        ("communaute-d-agglomeration-du-val-de-roche", "epci", "200088995", "label"),
        ("departement-de-la-haute-garrigue", "departement", "229900014", "label"),
        ("petit-bourg-en-causse", "commune", "214699902", "badge"),
        ("saint-disparu-les-bois", "commune", "217199900", "label"),
    ]
    petit = cands[3]
    assert [(c.question_id, c.expect, c.verification) for c in petit.claims] == [
        ("strategie_enjeux", None, "non"), ("mention_accessibilite", "non", "web"),
        ("declaration_accessibilite", "oui", "web"), ("cms", "Wix", "web"), ("mesure_audience", "absent", "web"),
        ("suite_bureautique", "LibreOffice", "document"), ("fediverse", "non", "web"), ("datagouv", "non", "web")]
    assert yaml.safe_load(out.read_text(encoding="utf-8"))[0]["insee"] == "38999"


def test_the_command_says_bad_input_in_one_line_and_exits_2(tmp_path, capsys, mapping_file):
    mapping_file.write_text(MAPPING.replace("domain: open_data", "domain: opendata"), encoding="utf-8")
    assert main(["dossiers", str(DEMO_EXPORT), "--mapping", str(mapping_file), "--out",
                 str(tmp_path / "c.yaml")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err == (f"tnl : {mapping_file}:47: question 'datagouv', champ 'domain' : domaine inconnu 'opendata' "
                   f"(attendu : strategie | interop_accessibilite | logiciels_libres | communication | open_data)\n")
    assert not (tmp_path / "c.yaml").exists()


def test_run_dossiers_refuses_an_out_that_is_a_folder(tmp_path):
    with pytest.raises(DossiersError) as exc:
        run_dossiers(DEMO_EXPORT, None, tmp_path)
    assert one_line(exc) == f"--out {tmp_path} : c'est un dossier ; le fichier des candidats à écrire est attendu"


def test_the_demo_export_is_the_one_demo_dossiers_writes():
    from demo.dossiers import export_text

    assert DEMO_EXPORT.read_bytes().decode("utf-8") == export_text()  # else: python -m demo.dossiers


def test_a_candidates_file_claim_with_an_unknown_verification_is_refused_with_its_line(tmp_path):
    from ground.candidates import CandidatesError

    path = tmp_path / "c.yaml"
    path.write_text("- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n  websites: [http://a.test/]\n"
                    "  claims:\n  - question: Q ?\n    answer: Oui\n    verification: peut-être\n", encoding="utf-8")
    with pytest.raises(CandidatesError) as exc:
        load_candidates(path, SIGNAL_IDS)
    assert str(exc.value) == (f"{path}:6: candidat 'a', champ 'claims.0.verification' : valeur 'peut-être' invalide "
                              f"(attendu : web | document | non)")
