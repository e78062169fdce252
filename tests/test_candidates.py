"""Candidates file: valid files load; each kind of bad input gives one precise line."""
from __future__ import annotations

import pytest

from checks.registry import SIGNAL_IDS
from ground.candidates import CandidatesError, load_candidates, luhn_ok

VALID = """\
- id: ville-exemple
  name: Ville d'Exemple
  kind: commune
  siren: "213801517"
  insee: "38999"
  websites:
    - https://www.ville-exemple.fr/
  opendata: [https://data.ville-exemple.fr/]
  datagouv_organization: ville-d-exemple
- id: agglo-exemple
  name: Agglo d'Exemple
  kind: epci
  siren: 200040715
  websites: [https://www.agglo-exemple.fr/]
"""


def write(tmp_path, text: str, name: str = "candidates.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path, text: str, name: str = "candidates.yaml") -> str:
    with pytest.raises(CandidatesError) as exc:
        load_candidates(write(tmp_path, text, name), SIGNAL_IDS)
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_luhn():
    assert luhn_ok("213801517") and luhn_ok("200040715") and not luhn_ok("213801514")


def test_valid_yaml_loads_with_all_fields(tmp_path):
    cands = load_candidates(write(tmp_path, VALID), SIGNAL_IDS)
    assert [c.id for c in cands] == ["ville-exemple", "agglo-exemple"]
    assert cands[0].opendata == ["https://data.ville-exemple.fr/"]
    assert cands[1].siren == "200040715" and cands[1].datagouv_organization is None


def test_mapping_with_candidates_key(tmp_path):
    text = "candidates:\n" + "\n".join("  " + line for line in VALID.splitlines())
    assert len(load_candidates(write(tmp_path, text), SIGNAL_IDS)) == 2


def test_bad_siren_key_names_file_line_field(tmp_path):
    msg = error(tmp_path, VALID.replace('"213801517"', '"213801514"'))
    assert msg.startswith(f"{tmp_path / 'candidates.yaml'}:4:")
    assert "'siren'" in msg and "Luhn" in msg and "ville-exemple" in msg


def test_unknown_field(tmp_path):
    msg = error(tmp_path, VALID.replace("  insee:", "  site_web: x\n  insee:"))
    assert ":5:" in msg and "'site_web'" in msg and "champ inconnu" in msg


def test_duplicate_id(tmp_path):
    msg = error(tmp_path, VALID.replace("id: agglo-exemple", "id: ville-exemple"))
    assert ":10:" in msg and "en double" in msg and "ligne 1" in msg


def test_bad_url_scheme(tmp_path):
    msg = error(tmp_path, VALID.replace("https://www.agglo-exemple.fr/", "ftp://agglo.fr/"))
    assert ":14:" in msg and "'websites'" in msg and "ftp://agglo.fr/" in msg and "http" in msg


def test_bad_kind_lists_the_allowed_values(tmp_path):
    msg = error(tmp_path, VALID.replace("kind: epci", "kind: village"))
    assert ":12:" in msg and "commune | epci" in msg


def test_missing_websites(tmp_path):
    msg = error(tmp_path, "- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n")
    assert ":1:" in msg and "'websites'" in msg and "manquant" in msg


def test_a_collectivite_without_website_is_kept_when_the_file_says_so(tmp_path):
    cands = load_candidates(write(tmp_path, "- id: a\n  name: A\n  kind: commune\n  siren: '213801517'\n"
                                            "  websites: []\n"), SIGNAL_IDS)
    assert cands[0].websites == []
    text = "id,name,kind,siren,websites\nville,Ville,commune,213801517,\n"
    assert load_candidates(write(tmp_path, text, "c.csv"), SIGNAL_IDS)[0].websites == []


def test_bad_slug(tmp_path):
    assert "slug" in error(tmp_path, VALID.replace("id: agglo-exemple", "id: ../etc"))


def test_invalid_yaml_gives_its_line(tmp_path):
    msg = error(tmp_path, "- id: a\n  name: A\n  kind: [commune\n")
    assert ":4:" in msg and "commencé ligne 3" in msg


def test_not_a_list(tmp_path):
    assert "liste de candidats" in error(tmp_path, "id: a\n")


def test_non_utf8(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes("- name: Ville d'Éxemple\n".encode("latin-1"))
    with pytest.raises(CandidatesError, match="UTF-8"):
        load_candidates(path, SIGNAL_IDS)


def test_yaml_tags_are_refused_safe_loader(tmp_path):
    assert "YAML invalide" in error(tmp_path, "- !!python/object/apply:os.system ['true']\n")


def test_csv_with_pipe_lists_and_line_numbers(tmp_path):
    text = ("id,name,kind,siren,websites,opendata\n"
            "ville-exemple,Ville,commune,213801517,https://a.fr/|https://b.fr/,\n"
            "agglo,Agglo,epci,200040716,https://c.fr/,\n")
    path = write(tmp_path, text, "c.csv")
    with pytest.raises(CandidatesError, match=r"c\.csv:3: candidat 'agglo', champ 'siren'"):
        load_candidates(path, SIGNAL_IDS)
    path.write_text(text.replace("200040716", "200040715"), encoding="utf-8")
    cands = load_candidates(path, SIGNAL_IDS)
    assert cands[0].websites == ["https://a.fr/", "https://b.fr/"] and cands[0].opendata == []


def test_yaml_bomb_with_aliases_is_refused_at_once(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    msg = error(tmp_path, bomb)
    assert "alias" in msg and ":2:" in msg


def test_wrong_types_are_named_in_french(tmp_path):
    msg = error(tmp_path, VALID.replace("  websites: [https://www.agglo-exemple.fr/]",
                                        "  websites: https://www.agglo-exemple.fr/"))
    assert ":14:" in msg and "une liste est attendue" in msg
    msg = error(tmp_path, VALID.replace("  name: Agglo d'Exemple", "  name: ''", 1))
    assert "ne doit pas être vide" in msg


def test_a_word_yaml_reads_as_a_boolean_asks_for_quotes(tmp_path):
    """`id: on` is the boolean True for YAML (as yes, no, off, null…): one line says to quote it."""
    first_id = next(line for line in VALID.splitlines() if line.startswith("- id:"))
    msg = error(tmp_path, VALID.replace(first_id, "- id: on", 1))
    assert "champ 'id' : un texte est attendu (reçu : bool : mettre la valeur entre guillemets)" in msg
    assert "\n" not in msg and ":" in msg
    cands = load_candidates(write(tmp_path, VALID.replace(first_id, "- id: 'on'", 1)), SIGNAL_IDS)
    assert cands[0].id == "on"


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:
        fh.truncate(129 * 1024 * 1024)  # sparse: over the 128 MB a national file may take, nothing written
    with pytest.raises(CandidatesError, match="trop gros"):
        load_candidates(path, SIGNAL_IDS)


CLAIMS = VALID.replace("  datagouv_organization: ville-d-exemple\n", """\
  datagouv_organization: ville-d-exemple
  claims:
    - domain: logiciels_libres
      text: Le site utilise Matomo
      signal: analytics
      expect: Matomo
    - domain: interop_accessibilite
      text: 80 % de nos documents sont en formats ouverts
      signal: open_formats
      expect: ">= 0.8"
""")


def test_claims_are_loaded(tmp_path):
    cand = load_candidates(write(tmp_path, CLAIMS), SIGNAL_IDS)[0]
    assert [c.signal for c in cand.claims] == ["analytics", "open_formats"]


def test_claim_with_unknown_signal_names_its_line(tmp_path):
    msg = error(tmp_path, CLAIMS.replace("signal: analytics", "signal: audience"))
    assert ":13:" in msg and "claims.0.signal" in msg and "signal inconnu 'audience'" in msg


def test_claim_with_malformed_condition_names_its_line(tmp_path):
    msg = error(tmp_path, CLAIMS.replace('expect: ">= 0.8"', 'expect: ">= beaucoup"'))
    assert ":18:" in msg and "claims.1.expect" in msg and "nombre" in msg


def test_claim_with_unknown_domain(tmp_path):
    msg = error(tmp_path, CLAIMS.replace("domain: logiciels_libres", "domain: libre"))
    assert ":11:" in msg and "domaine inconnu" in msg


def test_population_is_optional_positive_and_read_from_csv(tmp_path):
    cands = load_candidates(write(tmp_path, VALID.replace("  datagouv_organization: ville-d-exemple",
                                                          "  datagouv_organization: ville-d-exemple\n  population: 812")), SIGNAL_IDS)
    assert (cands[0].population, cands[1].population) == (812, None)
    msg = error(tmp_path, VALID.replace("  datagouv_organization: ville-d-exemple",
                                        "  datagouv_organization: ville-d-exemple\n  population: 0"))
    assert ":10:" in msg and "champ 'population'" in msg and "positif" in msg
    assert "entier" in error(tmp_path, VALID.replace("  kind: epci", "  kind: epci\n  population: beaucoup"))
    text = ("id,name,kind,siren,websites,population\n"
            "ville-exemple,Ville,commune,213801517,https://a.fr/,12040\n"
            "agglo,Agglo,epci,200040715,https://c.fr/,\n")
    cands = load_candidates(write(tmp_path, text, "c.csv"), SIGNAL_IDS)
    assert (cands[0].population, cands[1].population) == (12040, None)


def test_parcours_is_read_from_csv_whatever_its_case_and_never_filled_in(tmp_path):
    text = ("id,name,kind,siren,websites,parcours\n"
            "ville-exemple,Ville,commune,213801517,https://a.fr/,Badge\n"
            "agglo,Agglo,epci,200040715,https://c.fr/, LABEL \n"
            "autre,Autre,commune,213801517,https://d.fr/,\n")
    cands = load_candidates(write(tmp_path, text, "c.csv"), SIGNAL_IDS)
    assert [c.parcours for c in cands] == ["badge", "label", None]
    bad = text.replace("Badge", "Or")
    with pytest.raises(CandidatesError, match=r"c.csv:2: .*'parcours' : valeur 'or' invalide \(attendu : badge \| label\)"):
        load_candidates(write(tmp_path, bad, "c.csv"), SIGNAL_IDS)


# --- issue 18: ordinary files of ordinary users -------------------------------------------------------

def test_a_csv_saved_by_a_french_spreadsheet_bom_and_semicolons_loads(tmp_path):
    text = ("\ufeffid;name;kind;siren;websites\r\n"
            "saint-etienne-exemple;Saint-Étienne-d'Exemple;commune;213801517;https://a.fr/|https://b.fr/\r\n")
    path = tmp_path / "c.csv"
    path.write_bytes(text.encode("utf-8"))
    [cand] = load_candidates(path, SIGNAL_IDS)
    assert (cand.id, cand.name, cand.websites) == ("saint-etienne-exemple", "Saint-Étienne-d'Exemple",
                                                   ["https://a.fr/", "https://b.fr/"])
    # The same, saved as « CSV (séparateur : point-virgule) »: Windows-1252, no BOM.
    path.write_bytes(text.lstrip("\ufeff").encode("cp1252"))
    [cand] = load_candidates(path, SIGNAL_IDS)
    assert cand.name == "Saint-Étienne-d'Exemple"
    # Tab-separated.
    path.write_text("id\tname\tkind\tsiren\twebsites\nx\tX\tcommune\t213801517\thttps://a.fr/\n", encoding="utf-8")
    assert [c.id for c in load_candidates(path, SIGNAL_IDS)] == ["x"]


def test_a_csv_whose_header_has_no_id_column_says_which_separator_was_read(tmp_path):
    msg = error(tmp_path, "identifiant;nom\nx;X\n", "c.csv")
    assert msg.endswith("c.csv:1: colonne 'id' absente de la ligne d'en-tête (séparateur lu : « ; » ; "
                        "colonnes lues : 'identifiant', 'nom')")
    msg = error(tmp_path, "identifiant nom\nx X\n", "c.csv")
    assert "c.csv:1: ligne d'en-tête sans séparateur reconnu" in msg


def test_a_folder_given_as_candidates_file_is_one_clear_line(tmp_path):
    with pytest.raises(CandidatesError) as exc:
        load_candidates(tmp_path, SIGNAL_IDS)
    assert str(exc.value) == f"{tmp_path}: c'est un dossier ; le fichier des candidats (YAML ou CSV) est attendu"


def test_a_duplicate_key_in_a_yaml_mapping_is_an_error_with_its_line(tmp_path):
    text = VALID + ("  claims:\n"
                    "    - domain: logiciels_libres\n"
                    "      text: Nous utilisons Matomo\n"
                    "      domain: communication\n"
                    "      signal: analytics\n"
                    "      expect: Matomo\n")
    msg = error(tmp_path, text)
    assert msg.endswith("candidates.yaml:18: YAML invalide (clé « domain » en double (déjà ligne 16))")


@pytest.mark.parametrize("expect, ok", [
    ('"au moins 80%"', True), ('"≥ 80 %"', True), ('"plus de 3"', True), ("oui", True), ("Matomo", True),
    ('"au moins quatre-vingts"', False), ('"80 %%"', False),
])
def test_a_claims_condition_is_checked_when_the_file_is_read(tmp_path, expect, ok):
    text = VALID + ("  claims:\n"
                    "    - text: Taux de logiciels libres\n"
                    "      signal: analytics\n"
                    f"      expect: {expect}\n")
    if ok:
        assert load_candidates(write(tmp_path, text), SIGNAL_IDS)[1].claims[0].expect
    else:
        msg = error(tmp_path, text)
        assert ":18: candidat 'agglo-exemple', champ 'claims.0.expect' : condition" in msg


def test_libyaml_reader_refuses_an_alias_its_screen_would_miss():
    """A file without anything like an anchor is read by libyaml (national files: 36,000 candidates);
    an alias reaching it anyway is refused when its anchored node is met a second time."""
    import yaml

    from ground.candidates import _MAYBE_ALIAS, _FastLineLoader

    text = "- id: a\n  websites: &w [http://a.fr/]\n- id: b\n  websites: *w\n"
    assert _MAYBE_ALIAS.search(text)  # the screen sends this file to the pure-Python reader
    with pytest.raises(yaml.composer.ComposerError, match="alias"):
        yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a SafeLoader
    # Ampersands and stars of ordinary values are not taken for anchors.
    assert not _MAYBE_ALIAS.search("- name: Saint-Martin & Co\n  websites: [https://a.fr/?a=1&b=2]\n"
                                   "  text: note 3*4 et 2 * 3\n")
