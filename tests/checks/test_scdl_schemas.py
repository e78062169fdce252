from checks import scdl_schemas
from ground.archive import IndexEntry
from tests.checks.baseline import observations
from tests.checks.opendata_fixtures import answers, ds, not_found


def run(*datasets):
    return scdl_schemas.run(observations(api_responses=answers(*datasets)))


def test_scdl_schemas_are_listed_favorable():
    s = run(ds(1, schema="scdl/deliberations"), ds(2, schema="scdl/budget"), ds(3))
    assert s.assessment == "favorable" and s.value == ["scdl/budget", "scdl/deliberations"]
    assert "Budget" in s.display and "Délibérations" in s.display
    assert s.details["jeux_par_schema_scdl"] == {"scdl/budget": ["Jeu 2"], "scdl/deliberations": ["Jeu 1"]}
    assert [e.snippet for e in s.evidence] == ["« Jeu 1 » : schéma scdl/deliberations 1.0.0",
                                            "« Jeu 2 » : schéma scdl/budget 1.0.0"]


def test_other_national_schema_is_not_scdl():
    s = run(ds(1, schema="etalab/schema-irve-statique"))
    assert s.assessment == "defavorable" and s.value == []
    assert s.details["autres_schemas"] == {"Jeu 1": ["etalab/schema-irve-statique"]}


def test_no_schema_at_all_is_defavorable():
    s = run(ds(1), ds(2))
    assert s.assessment == "defavorable" and "aucun schéma déclaré" in s.evidence[0].snippet


def test_nothing_published_is_neutre_and_api_down_is_inconnu():
    assert scdl_schemas.run(observations(api_responses=not_found())).assessment == "neutre"
    s = scdl_schemas.run(observations(index=[IndexEntry(url="https://www.data.gouv.fr/api/1/", kind="api",
                                                         error="ConnectionRefusedError")]))
    assert s.assessment == "inconnu"


def test_a_single_scdl_dataset_is_enough():
    s = run(ds(1, schema="scdl/subventions"), ds(2))
    assert s.assessment == "favorable" and s.value == ["scdl/subventions"]
    assert s.display == "1 jeu au format SCDL (Subventions)"


def test_two_scdl_datasets_sharing_a_schema_name_it_once():
    s = run(ds(2, schema="scdl/budget"), ds(1, schema="scdl/budget"))
    assert s.value == ["scdl/budget"] and s.display == "2 jeux au format SCDL (Budget)"
    assert s.details["jeux_par_schema_scdl"] == {"scdl/budget": ["Jeu 1", "Jeu 2"]}


def test_an_scdl_schema_without_label_is_shown_by_its_name():
    s = run(ds(1, schema="scdl/nouveau-schema"))
    assert s.assessment == "favorable" and s.display == "1 jeu au format SCDL (scdl/nouveau-schema)"


def test_schema_name_must_start_with_the_scdl_prefix():
    s = run(ds(1, schema="etalab/scdl/budget"))
    assert s.assessment == "defavorable" and s.details["autres_schemas"] == {"Jeu 1": ["etalab/scdl/budget"]}


def test_a_dataset_with_scdl_and_other_schemas_is_listed_under_both():
    both = ds(1, schema="scdl/budget")
    both["resources"].append({"id": "r1b", "format": "csv", "schema": {"name": "etalab/schema-irve-statique"}})
    s = run(both, ds(2, schema="etalab/schema-lieux-covoiturage"))
    assert s.details["jeux_par_schema_scdl"] == {"scdl/budget": ["Jeu 1"]}
    assert s.details["autres_schemas"] == {"Jeu 1": ["etalab/schema-irve-statique"],
                                           "Jeu 2": ["etalab/schema-lieux-covoiturage"]}
    assert [e.snippet for e in s.evidence] == ["« Jeu 1 » : schéma scdl/budget 1.0.0, etalab/schema-irve-statique"]
    assert s.details["jeux_de_donnees"] == 2


def test_schemas_of_keeps_order_drops_repeats_and_malformed_entries():
    dataset = {"resources": [{"schema": {"name": "scdl/budget", "version": "0.8.1"}},
                             {"schema": {"name": "scdl/budget", "version": "0.8.1"}},
                             {"schema": {"name": "scdl/budget", "version": "1.0"}},
                             {"schema": {"name": "", "version": "1.0"}},
                             {"schema": "scdl/deliberations"},
                             {"schema": None},
                             "scdl/subventions",
                             {"schema": {"name": "scdl/subventions"}}]}
    assert scdl_schemas.schemas_of(dataset) == [("scdl/budget", "0.8.1"), ("scdl/budget", "1.0"),
                                                ("scdl/subventions", None)]
    assert scdl_schemas.schemas_of({"resources": None}) == []


def test_no_scdl_shows_at_most_three_datasets_without_schema():
    s = run(ds(1), ds(2), ds(3), ds(4))
    assert s.display == "aucun des 4 jeux ne déclare un schéma SCDL"
    assert [e.snippet for e in s.evidence] == ["« Jeu 1 » : aucun schéma déclaré", "« Jeu 2 » : aucun schéma déclaré",
                                            "« Jeu 3 » : aucun schéma déclaré"]
    assert s.details == {"jeux_par_schema_scdl": {}, "autres_schemas": {}, "jeux_de_donnees": 4}


def test_nothing_published_has_no_schema_and_counts_no_dataset():
    s = scdl_schemas.run(observations(api_responses=not_found()))
    assert s.value == [] and s.details == {"jeux_de_donnees": 0} and len(s.evidence) == 2


def test_api_unreachable_gives_the_error_as_reason():
    s = scdl_schemas.run(observations(index=[IndexEntry(url="https://www.data.gouv.fr/api/1/", kind="api",
                                                        error="ConnectionRefusedError")]))
    assert s.display == "indéterminé"
    assert s.reason == "API data.gouv.fr non consultée ou injoignable : ConnectionRefusedError"


def test_nothing_published_display():
    s = scdl_schemas.run(observations(api_responses=not_found()))
    assert s.display == "rien à évaluer : aucune organisation trouvée sur data.gouv.fr"


def test_evidence_follows_dataset_titles_not_ids_nor_listing_order():
    s = run(dict(ds(1, schema="scdl/budget"), title="Jeu B"), dict(ds(2, schema="scdl/subventions"), title="Jeu A"))
    assert [e.snippet for e in s.evidence] == ["« Jeu A » : schéma scdl/subventions 1.0.0",
                                            "« Jeu B » : schéma scdl/budget 1.0.0"]


def test_a_dataset_without_schema_listed_first_does_not_hide_the_next_ones():
    s = run(dict(ds(2), title="Jeu A"), dict(ds(1, schema="scdl/budget"), title="Jeu B"))
    assert s.assessment == "favorable" and s.details["jeux_par_schema_scdl"] == {"scdl/budget": ["Jeu B"]}
