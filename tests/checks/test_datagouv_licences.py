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


def test_nine_open_out_of_ten_is_favorable():
    s = run(*[ds(i, "lov2") for i in range(1, 10)], ds(10, "notspecified"))
    assert s.value["open_share"] == 0.9 and s.assessment == "favorable"


def test_eight_open_out_of_ten_is_neutre():
    s = run(*[ds(i, "lov2") for i in range(1, 9)], ds(9, "notspecified"), ds(10, "other-closed"))
    assert s.value["open_share"] == 0.8 and s.assessment == "neutre"


def test_under_half_open_is_defavorable():
    s = run(ds(1, "lov2"), ds(2, "notspecified"), ds(3, "notspecified"))
    assert s.value["open_share"] == 0.333 and s.assessment == "defavorable"


def test_identifier_is_read_whatever_its_case_and_spaces():
    s = run(ds(1, "  LOV2 "), ds(2, "ODC-ODbL"))
    assert s.value == {"datasets": 2, "open": 2, "open_share": 1.0, "licence_ouverte": 1, "odbl": 1,
                       "other_open": 0, "not_open": 0}


def test_a_missing_licence_is_not_open():
    s = run(ds(1, None), ds(2, ""))
    assert s.value == {"datasets": 2, "open": 0, "open_share": 0.0, "licence_ouverte": 0, "odbl": 0,
                       "other_open": 0, "not_open": 2}
    assert s.details["par_licence"] == {"absente": 2}
    assert "licence « absente »" in s.evidence[0].snippet


def test_classify_gives_family_and_label():
    assert datagouv_licences.classify("cc-by") == ("autre_ouverte", "Creative Commons Attribution")
    assert datagouv_licences.classify("Licence Ouverte v2.0") == ("licence_ouverte",
                                                                  "Licence Ouverte / Open Licence version 2.0")
    assert datagouv_licences.classify("other-open") == ("non_ouverte", "autre licence ouverte, hors liste du décret")
    assert datagouv_licences.classify("licence maison") == ("non_ouverte", "licence « licence maison »")
    assert datagouv_licences.classify(None) == ("non_ouverte", "licence « absente »")


def test_evidence_lists_the_not_open_first_then_by_title():
    s = run(ds(3, "lov2"), ds(1, "odc-odbl"), ds(4, "notspecified"), ds(2, "other-closed"))
    assert [e.snippet.split(" : ")[0] for e in s.evidence] == ["« Jeu 2 »", "« Jeu 4 »", "« Jeu 1 »", "« Jeu 3 »"]


def test_details_count_per_family_and_list_the_not_open():
    s = run(ds(1, "lov2"), ds(2, "fr-lo"), ds(3, "cc0"), ds(5, "notspecified"), ds(4, "other-at"))
    assert s.details["par_famille"] == {"Licence Ouverte": 2, "autre licence ouverte": 1,
                                        "non ouverte ou non spécifiée": 2}
    assert s.details["non_ouverts"] == ["Jeu 4", "Jeu 5"]
    assert s.display == "60 % sous licence ouverte (3 sur 5 jeux de données)"


def test_api_unreachable_gives_the_error_as_reason():
    s = datagouv_licences.run(observations(index=[IndexEntry(url="https://www.data.gouv.fr/api/1/organizations/",
                                                             kind="api", error="DNSLookupError")]))
    assert s.display == "indéterminé"
    assert s.reason == "API data.gouv.fr non consultée ou injoignable : DNSLookupError"


def test_nothing_published_shows_the_searches():
    s = datagouv_licences.run(observations(api_responses=not_found()))
    assert s.display == "rien à évaluer : aucune organisation trouvée sur data.gouv.fr"
    assert len(s.evidence) == 2 and s.details == {"jeux_de_donnees": 0}
