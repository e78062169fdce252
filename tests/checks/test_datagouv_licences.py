from checks import datagouv_licences
from ground.archive import IndexEntry
from tests.checks.baseline import observations
from tests.checks.opendata_fixtures import answers, ds, not_found


def run(*datasets):
    return datagouv_licences.run(observations(api_responses=answers(*datasets)))


def test_all_under_licence_ouverte_or_odbl_is_favorable():
    s = run(ds(1, "lov2"), ds(2, "fr-lo"), ds(3, "odc-odbl"), ds(4, "cc-by"))
    assert s.assessment == "favorable"
    assert s.value == {"datasets": 4, "open": 4, "open_share": 1.0, "licence_ouverte": 2, "odbl": 1,
                       "other_open": 1, "not_open": 0}


def test_licence_written_as_its_title_is_recognised():
    s = run(ds(1, "Licence Ouverte / Open Licence version 2.0"))
    assert s.value["licence_ouverte"] == 1 and s.assessment == "favorable"


def test_half_open_is_neutre_and_the_closed_come_first():
    s = run(ds(1, "lov2"), ds(2, "notspecified"))
    assert s.assessment == "neutre" and s.value["open_share"] == 0.5
    assert "notspecified" in s.evidence[0].snippet and "non spécifiée" in s.evidence[0].snippet


def test_unspecified_and_other_licences_are_defavorable():
    s = run(ds(1, "notspecified"), ds(2, "other-at"), ds(3, "other-closed"))
    assert s.assessment == "defavorable" and s.value["not_open"] == 3
    assert s.details["par_licence"] == {"notspecified": 1, "other-at": 1, "other-closed": 1}


def test_nothing_published_is_neutre():
    s = datagouv_licences.run(observations(api_responses=not_found()))
    assert s.assessment == "neutre" and s.value is None


def test_api_unreachable_is_inconnu():
    s = datagouv_licences.run(observations(index=[IndexEntry(url="https://www.data.gouv.fr/api/1/organizations/",
                                                             kind="api", error="DNSLookupError")]))
    assert s.assessment == "inconnu"
