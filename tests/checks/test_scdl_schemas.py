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
