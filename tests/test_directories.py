"""`tnl candidates`: a public directory (ANCT, Service-Public, our plain CSV) made the candidates file.

The directory files in tests/data/directories/ are ours, in the real formats (the columns, the JSON
written as text in the Opendatasoft export, the `{"service": [...]}` of the older Service-Public file),
with fictional collectivités. Every expected value is written by hand from those files.
"""
from __future__ import annotations

import bz2
import gzip
import hashlib
import json
from pathlib import Path

import pytest

from checks.registry import SIGNAL_IDS
from ground.candidates import load_candidates
from tnl.cli import main
from tnl.directories import DirectoryError, Filters, convert, make_id, run_candidates, write_candidates
from tnl.options import EXIT_BAD_INPUT, EXIT_OK

DATA = Path(__file__).parent / "data" / "directories"
ANCT_JSON, ANCT_CSV = DATA / "anct.json", DATA / "anct.csv"
SP_JSON, SP_BASE, SP_CSV, SIMPLE = (DATA / "service-public.json", DATA / "service-public-base.json",
                                    DATA / "service-public.csv", DATA / "simple.csv")
SIMPLE_HEADER = "type,nom,siren,population,code_insee,departement,site_web,email\n"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ids(result) -> list[str]:
    return [c["id"] for c in result.candidates]


def simple(tmp_path: Path, *rows: str, header: str = SIMPLE_HEADER) -> Path:
    path = tmp_path / "annuaire.csv"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# --- ANCT ---------------------------------------------------------------------------------------------


def test_anct_json_gives_each_collectivite_with_its_place_contact_and_row():
    result = convert(ANCT_JSON)
    assert (result.format, result.read, result.collectivites) == ("anct", 10, 9)
    assert ids(result) == [
        "commune-libreville-sur-isere-38999", "commune-saint-martin-des-essarts-38990",
        "commune-saint-martin-des-essarts-29990", "epci-communaute-d-agglomeration-du-val-de-roche-200012342",
        "departement-haute-garrigue-38", "region-monts-fictifs-84", "commune-porto-fictivu-2a990",
        "commune-anse-fictive-97490"]
    assert result.candidates[0] == {
        "id": "commune-libreville-sur-isere-38999", "name": "Libreville-sur-Isère", "kind": "commune",
        "siren": "213899909", "insee": "38999", "websites": ["http://www.libreville-isere.test/"],
        "population": 12040, "email": "mairie@libreville-isere.test", "siret": "21389990900013",
        "departement": "38", "region": "84", "epci": "200012342",
        "directory": {
            "source": "anct", "file": str(ANCT_JSON), "sha256": sha(ANCT_JSON), "line": 1,
            "row": {"type": "commune", "siret": "21389990900013", "siren": "213899909",
                    "libelle": "Libreville-sur-Isère", "population": 12040, "code_insee": "38999",
                    "epci_siren": "200012342", "departement_code_insee": "38", "region_code_insee": "84",
                    "adresse_messagerie": "mairie@libreville-isere.test",
                    "site_internet": "http://www.libreville-isere.test/", "telephone": "04 76 99 00 00",
                    "rpnt": ["1.1", "1.2", "1.3", "1.a", "2.1", "2.2"],
                    "service_public_url": "https://lannuaire.service-public.fr/auvergne-rhone-alpes/isere/"
                                          "0b8f2c52-1c3e-4d8a-9e41-7f0a5d2b9c11"}}}
    by_id = {c["id"]: c for c in result.candidates}
    # A département has no INSEE code of a commune; a région is in no département.
    dep, reg = by_id["departement-haute-garrigue-38"], by_id["region-monts-fictifs-84"]
    assert ("insee" not in dep, dep["departement"], dep["region"], dep["population"]) == (True, "38", "84", 301500)
    assert ("departement" not in reg, reg["region"], "email" not in reg) == (True, "84", True)
    assert (by_id["commune-porto-fictivu-2a990"]["departement"], by_id["commune-porto-fictivu-2a990"]["region"]) == (
        "2A", "94")
    assert (by_id["commune-anse-fictive-97490"]["departement"], by_id["commune-anse-fictive-97490"]["region"]) == (
        "974", "04")
    assert result.set_aside == [
        (f"{ANCT_JSON}, enregistrement n° 7: « Bourg-Erroné », colonne « siren » : SIREN 213899001 : clé de contrôle "
        f"(Luhn) invalide — écartée"),
        (f"{ANCT_JSON}, enregistrement n° 8: « Syndicat des eaux du Val », colonne « type » : type « syndicat » inconnu "
        f"(attendu : commune, epci, departement, region) — écartée")]


def test_anct_csv_reads_the_same_collectivites_and_keeps_its_cells_as_published():
    result = convert(ANCT_CSV)
    assert (result.format, result.read) == ("anct", 4)
    assert ids(convert(ANCT_CSV, "anct")) == ids(result)  # --format anct: the same
    assert ids(result) == ["commune-libreville-sur-isere-38999", "commune-saint-martin-des-essarts-38990",
                           "epci-communaute-d-agglomeration-du-val-de-roche-200012342"]
    first = result.candidates[0]
    assert (first["population"], first["directory"]["line"]) == (12040, 2)
    assert first["directory"]["row"]["rpnt"] == "1.1,1.2,1.3,1.a,2.1,2.2"  # the criteria met, as the CSV joins them
    assert first["directory"]["row"]["population"] == "12040"
    assert result.candidates[1]["directory"]["row"]["site_internet"] == ""
    assert result.set_aside == [(f"{ANCT_CSV}:5: « Val-Tronqué », colonne « siret » : SIRET « 2138050050001 » : "
                                f"14 chiffres attendus — écartée")]


def test_a_gzipped_file_as_anct_publishes_it(tmp_path):
    packed = tmp_path / "dpnt-quotidien.json.gz"
    packed.write_bytes(gzip.compress(ANCT_JSON.read_bytes()))
    result = convert(packed)
    assert ids(result) == ids(convert(ANCT_JSON))
    assert result.candidates[0]["directory"]["sha256"] == sha(packed)  # the file read, as it is on disk


# --- Service-Public -----------------------------------------------------------------------------------


def test_service_public_export_keeps_the_collectivites_and_passes_over_the_other_services():
    result = convert(SP_JSON)
    assert (result.format, result.read, result.collectivites) == ("service-public", 8, 5)
    assert (result.passed["service"], result.passed["annexe"]) == (2, 1)  # the CCAS, the préfecture; the mairie déléguée
    assert ids(result) == ["commune-libreville-sur-isere-38999", "epci-communaute-de-communes-du-plateau-fictif-200098762",
                           "departement-conseil-departemental-de-la-haute-garrigue-38",
                           "commune-saint-martin-des-essarts-38990"]
    mairie, epci, dep, martin = result.candidates
    # « Mairie - » is the service's name, not the commune's; the SIREN is the SIRET's first nine digits.
    assert (mairie["name"], mairie["siren"], mairie["siret"], mairie["insee"]) == (
        "Libreville-sur-Isère", "213899909", "21389990900013", "38999")
    assert "population" not in mairie  # the directory does not give it
    assert mairie["directory"]["published"] == "2025-03-14"
    assert mairie["directory"]["row"]["pivot"] == '[{"type_service_local": "mairie", "code_insee_commune": ["38999"]}]'
    assert "plage_ouverture" not in mairie["directory"]["row"] and "adresse" not in mairie["directory"]["row"]
    # A page of a social network is not the EPCI's own website: kept without one, the row still shows it.
    assert (epci["websites"], epci["departement"], epci["region"]) == ([], "29", "53")
    assert "facebook.com" in epci["directory"]["row"]["site_internet"]
    assert result.social_sites == 1
    assert (dep["websites"], dep["departement"], dep["region"]) == (["https://www.haute-garrigue.fr"], "38", "84")
    assert (martin["email"], martin["websites"]) == ("mairie.st-martin-essarts@wanadoo.fr", [])
    assert result.set_aside == [
        (f"{SP_JSON}, enregistrement n° 7: « Bourg-Sans-Siret », colonne « siret » : SIREN et SIRET vides : l'un des "
        f"deux est nécessaire pour identifier la collectivité — écartée")]


def test_the_older_service_public_file_with_its_lists():
    result = convert(SP_BASE)
    assert (result.format, result.read, dict(result.passed)) == ("service-public", 3, {"service": 1})  # mairie mobile
    commune, region = result.candidates
    assert (commune["id"], commune["email"], commune["websites"], commune["directory"]["published"]) == (
        "commune-saint-martin-des-essarts-29990", "accueil@saint-martin-des-essarts.bzh",
        ["https://www.saint-martin-des-essarts.bzh"], "2024-12-18")
    assert commune["directory"]["row"]["site_internet"] == [
        {"libelle": "", "valeur": "https://www.saint-martin-des-essarts.bzh"}]
    # The région's seat (69123) gives its région, not a département; the address loses its fragment.
    assert (region["id"], region["region"], "departement" in region, region["websites"]) == (
        "region-conseil-regional-des-monts-fictifs-84", "84", False, ["https://www.monts-fictifs.fr/"])


def test_the_service_public_csv_export_with_json_in_its_cells():
    result = convert(SP_CSV)
    assert ids(result) == ["commune-libreville-sur-isere-38999", "epci-communaute-d-agglomeration-du-val-de-roche-200012342"]
    assert result.candidates[0]["directory"]["line"] == 2
    assert result.set_aside == [(f"{SP_CSV}:4: « Mairie - Pivot-Cassé », colonne « pivot » : JSON illisible : "
                                f"'[{{type_service_local: mairie' — écartée")]


# --- our plain CSV ------------------------------------------------------------------------------------


def test_the_plain_csv_its_wordings_its_sites_and_its_unreadable_rows():
    result = convert(SIMPLE)
    assert (result.format, result.read) == ("csv", 9)
    assert [(c["id"], c["kind"], c.get("population"), c["websites"]) for c in result.candidates] == [
        ("commune-libreville-sur-isere-38999", "commune", 12040, ["http://www.libreville-isere.test/"]),
        ("epci-communaute-de-communes-du-val-fictif-200098762", "epci", 8400,
         ["https://www.valfictif.bzh", "https://tourisme.valfictif.bzh"]),
        ("autre-syndicat-mixte-numerique-des-monts-200077774", "autre", None, []),
        ("commune-sans-site-38980", "commune", 310, []),
        ("commune-adresse-cassee-97400", "commune", 900, [])]
    assert result.candidates[0]["siren"] == "213899909"  # « 213 899 909 »
    assert result.candidates[2]["region"] == "84"  # from its département, 38
    assert result.set_aside == [
        (f"{SIMPLE}:6: « Paroisse Saint-Fictif », colonne « type » : type « paroisse » inconnu (attendu : commune, epci, "
        f"departement, region, autre) — écartée"),
        f"{SIMPLE}:7: « Bourg-Erroné », colonne « siren » : SIREN 213899001 : clé de contrôle (Luhn) invalide — écartée",
        (f"{SIMPLE}:8: « Grand-Nombre », colonne « population » : nombre d'habitants « beaucoup » : un nombre entier "
        f"est attendu — écartée"),
        f"{SIMPLE}:9: « Libreville-sur-Isère (doublon) », colonne « siren » : SIREN 213899909 déjà lu ligne 2 — écartée"]
    assert result.unusable_sites == [(f"{SIMPLE}:10: « Adresse-Cassée », colonne « site_web » : adresse « mairie sans "
                                     f"site » illisible — gardée sans ce site")]


def test_a_spreadsheet_csv_with_semicolons_in_windows_1252(tmp_path):
    path = tmp_path / "annuaire.csv"
    path.write_bytes(("Type;Nom;SIREN;Population;Code INSEE;Département;Site web;E-mail\r\n"
                      "Commune;Épinay-Fictif;213800006;1 204;38980;38;www.epinay-fictif.fr;mairie@epinay-fictif.fr\r\n")
                     .encode("cp1252"))
    (cand,) = convert(path).candidates
    assert (cand["id"], cand["name"], cand["population"], cand["websites"], cand["email"]) == (
        "commune-epinay-fictif-38980", "Épinay-Fictif", 1204, ["https://www.epinay-fictif.fr"],
        "mairie@epinay-fictif.fr")
    assert cand["directory"]["row"]["Département"] == "38"  # the titles as the file writes them


# --- filters ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters.of(departements=["38"]), ["commune-libreville-sur-isere-38999", "commune-saint-martin-des-essarts-38990",
                                       "epci-communaute-d-agglomeration-du-val-de-roche-200012342",
                                       "departement-haute-garrigue-38"]),
    (Filters.of(departements=["2a", "974"]), ["commune-porto-fictivu-2a990", "commune-anse-fictive-97490"]),
    (Filters.of(regions=["53"]), ["commune-saint-martin-des-essarts-29990"]),
    (Filters.of(regions=["84"], kinds=["region", "departement"]), ["departement-haute-garrigue-38",
                                                                  "region-monts-fictifs-84"]),
    (Filters.of(kinds=["epci"]), ["epci-communaute-d-agglomeration-du-val-de-roche-200012342"]),
    (Filters.of(kinds=["commune"], min_population=1000), ["commune-libreville-sur-isere-38999",
                                                          "commune-saint-martin-des-essarts-29990",
                                                          "commune-anse-fictive-97490"]),
])
def test_each_filter(filters, expected):
    assert ids(convert(ANCT_JSON, filters=filters)) == expected


def test_rows_outside_the_filters_are_not_checked():
    result = convert(ANCT_JSON, filters=Filters.of(departements=["29"]))
    # Bourg-Erroné (38) has a bad SIREN: outside the filters, it is neither kept nor said. The syndicat's
    # type is unknown: whether it would pass the filters cannot be told, it is set aside.
    assert (ids(result), result.filtered_out) == (["commune-saint-martin-des-essarts-29990"], 8)
    assert [line.split(": « ")[0] for line in result.set_aside] == [f"{ANCT_JSON}, enregistrement n° 8"]


def test_min_population_leaves_out_an_unknown_population_and_says_so():
    result = convert(SIMPLE, filters=Filters.of(min_population=300))
    assert ids(result) == ["commune-libreville-sur-isere-38999", "epci-communaute-de-communes-du-val-fictif-200098762",
                           "commune-sans-site-38980", "commune-adresse-cassee-97400"]
    assert result.unknown_population == 1  # the syndicat mixte


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"departements": ["99"]}, "--departement 99 : code de département inconnu (ex. 01, 38, 2A, 971)"),
    ({"regions": ["7"]}, "--region 07 : code de région inconnu"),
    ({"kinds": ["syndicat"]}, "--kind syndicat : type inconnu (attendu : commune | epci | departement | region | autre)"),
    ({"min_population": 0}, "--min-population 0 : un nombre d'habitants positif est attendu"),
])
def test_unknown_filter_values_are_refused(kwargs, message):
    with pytest.raises(DirectoryError) as err:
        Filters.of(**kwargs)
    assert str(err.value).startswith(message)
    assert Filters.of(departements=["1", "2b"]).departements == {"01", "2B"}


def test_min_population_cannot_apply_to_the_service_public_directory():
    with pytest.raises(DirectoryError, match="ne donne pas la population ; --min-population ne peut s'y appliquer"):
        convert(SP_JSON, filters=Filters.of(min_population=500))


def test_nothing_left_by_the_filters_is_bad_input():
    with pytest.raises(DirectoryError) as err:
        convert(ANCT_JSON, filters=Filters.of(departements=["75"]))
    assert str(err.value) == (f"{ANCT_JSON}: aucune des 9 collectivités lues ne passe les filtres (département 75) ; "
                              f"1 écartée, illisible")


# --- identifiers, SIREN and SIRET ---------------------------------------------------------------------


def test_ids_are_stable_from_one_run_to_the_next_and_homonyms_differ(tmp_path):
    assert ids(convert(ANCT_JSON)) == ids(convert(ANCT_JSON))
    moved = tmp_path / "autre-ordre.json"  # another day's file, its rows in another order
    moved.write_text(json.dumps(json.loads(ANCT_JSON.read_text(encoding="utf-8"))[::-1]), encoding="utf-8")
    assert sorted(ids(convert(moved))) == sorted(ids(convert(ANCT_JSON)))
    assert make_id("commune", "Saint-Martin-des-Essarts", "38990") != make_id("commune", "Saint-Martin-des-Essarts",
                                                                              "29990")
    long = make_id("epci", "Communauté de communes des Vallées et Plateaux du Haut-Pays Fictif", "200098762")
    assert long == "epci-communaute-de-communes-des-vallees-et-plateaux-200098762"  # cut after a whole word
    assert len(long) <= 63


@pytest.mark.parametrize(("siren", "siret", "problem"), [
    ("213899001", "", "colonne « siren » : SIREN 213899001 : clé de contrôle (Luhn) invalide"),
    ("21389990", "", "colonne « siren » : SIREN « 21389990 » : 9 chiffres attendus"),
    ("", "2138999090001", "colonne « siret » : SIRET « 2138999090001 » : 14 chiffres attendus"),
    ("", "21389990900012", "colonne « siret » : SIRET 21389990900012 : clé de contrôle (Luhn) invalide"),
    ("213899008", "21389990900013", ("colonne « siret » : SIRET 21389990900013 : ce n'est pas un établissement du "
                                    "SIREN 213899008")),
    ("", "", "colonne « siren » : SIREN et SIRET vides"),
])
def test_siren_and_siret_are_checked(tmp_path, siren, siret, problem):
    path = simple(tmp_path, f"commune,Libreville-sur-Isère,{siren},12040,38999,38,,,{siret}",
                  header=SIMPLE_HEADER.strip() + ",siret\n")
    with pytest.raises(DirectoryError) as err:
        convert(path, strict=True)
    assert str(err.value).startswith(f"{path}:2: « Libreville-sur-Isère », {problem}")


def test_a_siret_alone_gives_the_siren(tmp_path):
    path = simple(tmp_path, "commune,Libreville-sur-Isère,,12040,38999,38,,,21389990900013",
                  header=SIMPLE_HEADER.strip() + ",siret\n")
    (cand,) = convert(path).candidates
    assert (cand["siren"], cand["siret"]) == ("213899909", "21389990900013")


def test_strict_makes_the_first_unreadable_row_an_error_and_writes_nothing(tmp_path):
    out = tmp_path / "candidats.yaml"
    with pytest.raises(DirectoryError) as err:
        run_candidates(SIMPLE, out, strict=True)
    assert str(err.value) == (f"{SIMPLE}:6: « Paroisse Saint-Fictif », colonne « type » : type « paroisse » inconnu "
                              f"(attendu : commune, epci, departement, region, autre)")
    assert not out.exists()


# --- the file written ---------------------------------------------------------------------------------


def test_the_written_file_loads_and_keeps_a_collectivite_without_website(tmp_path):
    out = write_candidates(convert(ANCT_JSON), tmp_path / "sortie" / "candidats.yaml")
    assert [p.name for p in out.parent.iterdir()] == ["candidats.yaml"]  # written atomically: no temporary left
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Candidats lus par « tnl candidates » dans anct.json (ANCT, présence numérique des "
                           f"territoires ; SHA-256 {sha(ANCT_JSON)}).\n")
    assert "  websites: []\n" in text
    loaded = {c.id: c for c in load_candidates(out, SIGNAL_IDS)}
    martin = loaded["commune-saint-martin-des-essarts-38990"]
    assert (martin.websites, martin.population, martin.kind, martin.email) == (
        [], 850, "commune", "mairie.st-martin-essarts@wanadoo.fr")
    assert (martin.directory.source, martin.directory.line, martin.directory.sha256) == ("anct", 2, sha(ANCT_JSON))
    assert martin.directory.row["rpnt"] == ["2.1"]
    assert len(loaded) == 8


def test_every_format_writes_a_file_the_candidates_loader_accepts(tmp_path):
    for n, source in enumerate((ANCT_CSV, SP_JSON, SP_BASE, SP_CSV, SIMPLE)):
        out = write_candidates(convert(source), tmp_path / f"c{n}.yaml")
        assert [c.id for c in load_candidates(out, SIGNAL_IDS)] == ids(convert(source))


def test_the_filters_are_said_at_the_top_of_the_file(tmp_path):
    out = write_candidates(convert(ANCT_JSON, filters=Filters.of(departements=["38"], kinds=["commune"])),
                           tmp_path / "c.yaml")
    assert out.read_text(encoding="utf-8").splitlines()[1] == "# Filtres : type commune ; département 38."


def test_out_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(DirectoryError, match="c'est un dossier"):
        write_candidates(convert(ANCT_JSON), tmp_path)


# --- bad files: one line each -------------------------------------------------------------------------


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("name", "content", "fmt", "said"), [
    ("vide.csv", b"", None, "fichier vide"),
    ("entete.csv", b"type,nom,siren\n", None, "aucune ligne de données"),
    ("autre.csv", b"code,libelle,adresse\n1,a,b\n", None, ":1: format d'annuaire non reconnu (colonnes lues : 'code'"),
    ("casse.json", b'[{"type": "commune",', None, ": JSON illisible"),
    ("objet.json", b'{"total": 3}', None, ": JSON sans liste d'enregistrements"),
    ("inconnu.json", b'[{"a": 1}]', None, ": format d'annuaire non reconnu (clés du premier enregistrement : a)"),
    ("archive.zip", b"PK\x03\x04rest", None, ": c'est une archive zip"),
    ("all_latest.tar.bz2", bz2.compress(b"x"), None, ": c'est une archive bzip2"),
    ("tronque.json.gz", gzip.compress(b"[]")[:12], None, ": fichier gzip illisible"),
    ("anct.json", b'[{"type": "commune"}]', "csv", ": --format csv attend un fichier CSV"),
    ("simple.csv", SIMPLE_HEADER.encode(), "anct", ":1: colonnes absentes pour le format anct : libelle"),
    ("services.json", b'[{"pivot": "[{\\"type_service_local\\": \\"ccas\\"}]", "nom": "CCAS", "siret": null}]', None,
     (": aucune collectivité (mairie, intercommunalité, conseil départemental ou régional) dans le fichier "
     "(1 enregistrement lu)")),
])
def test_a_bad_file_is_said_in_one_line(tmp_path, name, content, fmt, said):
    path = _bad(tmp_path, name, content)
    with pytest.raises(DirectoryError) as err:
        convert(path, fmt)
    message = str(err.value)
    assert message.startswith(str(path)) and said in message and "\n" not in message, message


def test_a_folder_given_as_the_directory_file(tmp_path):
    with pytest.raises(DirectoryError, match="c'est un dossier"):
        convert(tmp_path)


# --- the command --------------------------------------------------------------------------------------


def test_the_command_writes_the_file_and_its_summary(tmp_path, capsys):
    out = tmp_path / "candidats.yaml"
    assert main(["candidates", str(SIMPLE), "--out", str(out), "--departement", "38", "--departement", "974"]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"9 lignes lues dans {SIMPLE} (CSV simple)",
        "filtres (département 38, 974) : 4 gardées, 2 hors filtres",
        "3 sans site web : gardées avec « websites: [] », le rapport le dit",
        "1 adresse de site illisible (voir ci-dessus)",
        "3 écartées, illisibles (voir ci-dessus)",
        f"4 candidats écrits dans {out}",
        f"Ensuite : tnl run {out} --out DOSSIER"]
    assert len(captured.err.splitlines()) == 4 and all(line.startswith("tnl : ") for line in captured.err.splitlines())
    assert [c.id for c in load_candidates(out, SIGNAL_IDS)] == [
        "commune-libreville-sur-isere-38999", "autre-syndicat-mixte-numerique-des-monts-200077774",
        "commune-sans-site-38980", "commune-adresse-cassee-97400"]


def test_the_command_says_bad_input_in_one_line_and_exits_2(tmp_path, capsys):
    assert main(["candidates", str(ANCT_JSON), "--out", str(tmp_path / "c.yaml"), "--region", "99"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err.splitlines() == [
        ("tnl : --region 99 : code de région inconnu (codes INSEE : 01, 02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, "
        "75, 76, 84, 93, 94)")]
    broken = _bad(tmp_path, "casse.csv", b"type,nom\ncommune,X\n")
    assert main(["candidates", str(broken), "--out", str(tmp_path / "c.yaml")]) == EXIT_BAD_INPUT
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert not (tmp_path / "c.yaml").exists()

