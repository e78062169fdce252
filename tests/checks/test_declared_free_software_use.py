import copy

from checks import declared_free_software_use as dfsu
from ground.observations import RegistryExport
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


# --- failures, ordering and what each outcome carries ----------------------------------------------


def _unreadable(purpose: str, status: int | None) -> RegistryExport:
    e = export(purpose)
    e.data, e.status = None, status
    return e


def test_an_export_answered_under_300_but_unreadable_is_said_unreadable():
    s = run([_unreadable("comptoir", 200), _unreadable("sill", 299)])
    assert s.details == {"registres_en_erreur": {"Comptoir du Libre": "export illisible", "SILL": "export illisible"}}
    assert s.display


def test_an_export_answered_300_is_named_by_its_status():
    s = run([_unreadable("comptoir", 300), _unreadable("sill", None)])
    assert s.details["registres_en_erreur"] == {"Comptoir du Libre": "HTTP 300", "SILL": "export illisible"}


def test_the_registry_evidence_keeps_the_exports_date_and_status():
    s = run([export("sill")])
    assert (s.evidence[0].fetched_at, s.evidence[0].http_status) == ("2026-11-25T10:00:01.000000Z", 200)


def test_a_registry_not_read_is_named_in_details_and_reason():
    s = run([export("sill")])
    assert s.details["registres_en_erreur"] == {"Comptoir du Libre": "non collecté lors de ce crawl"}
    assert s.display.startswith("1 logiciel déclaré (SILL)")


def test_everything_read_leaves_no_reason_and_names_both_registries():
    s = run([export("comptoir"), export("sill")])
    assert s.reason is None and "registres_en_erreur" not in s.details
    assert s.display.startswith("2 logiciels déclarés (Comptoir du Libre, SILL)")


def test_absent_with_a_registry_not_read_says_so():
    s = run([export("sill")], name="Petit-Bourg-en-Causse", websites=["https://www.petit-bourg.fr/"])
    assert s.assessment == "defavorable" and "Comptoir du Libre" in s.reason and "SILL" in s.display


def test_software_names_are_sorted_without_regard_to_case():
    data = copy.deepcopy(COMPTOIR)
    data["softwares"][1]["name"] = "draw.io"  # used by « Services techniques » on the candidate's website
    s = run([export("comptoir", data=data)])
    assert s.value == ["draw.io", "LibreOffice"]
    assert s.details["par_registre"] == {"Comptoir du Libre": ["draw.io", "LibreOffice"]}


def test_the_entry_names_the_declared_website_and_keeps_accents():
    data = copy.deepcopy(COMPTOIR)
    data["softwares"] = data["softwares"][1:]  # GLPI alone, declared with the candidate's website
    s = run([export("comptoir", data=data)])
    assert '"site": "https://www.exemple-commune.fr/"' in s.evidence[0].snippet
    s = run([export("comptoir")], name="Exemple-la-Forêt", websites=["https://www.autre.fr/"])
    assert "Exemple-la-Forêt" in s.evidence[0].snippet
