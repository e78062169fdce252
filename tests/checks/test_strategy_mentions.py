from checks import strategy_mentions
from tests.checks.baseline import html, observations, page


def run(*bodies: str):
    pages = [page(html(b), url=f"https://www.exemple-commune.fr/p{i}", homepage=i == 0)
             for i, b in enumerate(bodies)]
    return strategy_mentions.run(observations(pages))


def test_strategy_and_free_software_deliberation_on_two_pages_is_favorable():
    s = run("<p>Le conseil a adopté son schéma directeur du numérique 2025-2030.</p>",
            "<p>Délibération n° 2025-004 : priorité aux logiciels libres dans les achats de la commune.</p>")
    assert s.value == 2 and s.assessment == "favorable"
    assert s.details["pages_par_theme"] == {"stratégie numérique": 1, "politique logiciels libres": 1,
                                            "délibération logiciels libres": 1}
    assert any("schéma directeur du numérique" in e.snippet for e in s.evidence)


def test_pooling_alone_is_no_longer_a_strategy_theme():
    s = run("<p>La mutualisation du service informatique avec l'agglomération.</p>")
    assert s.value == 0 and s.assessment == "defavorable"


def test_free_software_policy_wording():
    s = run("<p>Notre politique en faveur des logiciels libres est votée.</p>")
    assert s.details["pages_par_theme"] == {"politique logiciels libres": 1}
    assert s.assessment == "neutre"


def test_membership_of_adullact_belongs_to_mutualisation_not_here():
    s = run("<p>La commune est adhérente de l'ADULLACT.</p>")
    assert s.details["pages_par_theme"] == {}


def test_nothing_is_defavorable():
    s = run("<p>Horaires de la mairie.</p>")
    assert s.value == 0 and s.assessment == "defavorable"


def test_unreachable_is_inconnu():
    assert strategy_mentions.run(observations(reachable=False)).assessment == "inconnu"
