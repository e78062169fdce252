from checks import declared_free_software_use as dfsu
from tests.checks.baseline import observations
from tests.registry_samples import COMPTOIR, SILL, export


def run(registries, **candidate):
    obs = observations(candidate=candidate or None)
    obs.registries = registries
    return dfsu.run(obs)


def test_listed_in_both_registries_with_two_packages_is_favorable():
    s = run([export("comptoir"), export("sill")])
    assert s.assessment == "favorable" and s.value == ["GLPI", "LibreOffice"]
    assert s.details["par_registre"] == {"Comptoir du Libre": ["GLPI", "LibreOffice"], "SILL": ["LibreOffice"]}
    assert [e.url for e in s.evidence] == [export("comptoir").url, export("sill").url]
    assert all(len(e.sha256) == 64 and e.record_id for e in s.evidence)
    assert "LibreOffice" in s.evidence[0].snippet and "Exemple" in s.evidence[0].snippet


def test_a_single_package_is_neutre():
    only_sill = run([export("sill")])
    assert only_sill.assessment == "neutre" and only_sill.value == ["LibreOffice"]
    assert "Comptoir du Libre" in only_sill.reason  # the registry not read is said


def test_absent_from_the_registries_is_defavorable():
    s = run([export("comptoir"), export("sill")], name="Petit-Bourg-en-Causse", websites=["https://www.petit-bourg.fr/"])
    assert s.assessment == "defavorable" and s.value == []
    assert s.details["registres_lus"] == ["Comptoir du Libre", "SILL"]


def test_a_namesake_is_not_the_candidate():
    s = run([export("comptoir")], name="Exemple-la-Forêt", websites=["https://www.autre.fr/"])
    assert s.value == ["LibreOffice"]  # found by its own entry only, not by « Exemple »'s
    assert s.details["reconnu_par"] == {"Comptoir du Libre": "nom"}


def test_registries_out_of_reach_is_inconnu():
    s = run([export("comptoir", status=None, error="DNSLookupError: comptoir-du-libre.org"),
             export("sill", status=502)])
    assert s.assessment == "inconnu" and s.value is None
    assert "DNSLookupError" in s.reason and "HTTP 502" in s.reason


def test_not_collected_at_all_is_inconnu():
    s = run([])
    assert s.assessment == "inconnu" and "non collecté" in s.reason


def test_an_export_in_an_unknown_shape_finds_nothing():
    s = run([export("comptoir", data={"items": COMPTOIR["softwares"]}), export("sill", data={"x": SILL})])
    assert s.assessment == "defavorable"
