from checks import ecosystem_links
from tests.checks.baseline import html, observations, page


def run(body: str):
    return ecosystem_links.run(observations([page(html(body))]))


def test_links_and_an_event_are_favorable():
    s = run('<p>Membre de l\'<a href="https://adullact.org/">ADULLACT</a>. Install-party samedi à la médiathèque !</p>')
    assert (s.value, s.assessment) == (["ADULLACT", "install party"], "favorable")
    assert any("adullact.org" in e.snippet for e in s.evidence)
    assert any("Install-party" in e.snippet for e in s.evidence)


def test_libre_en_fete_link_and_mention_count_once():
    s = run('<p>Nous participons au <a href="https://www.libre-en-fete.net/">Libre en Fête</a>.</p>')
    assert (s.value, s.assessment) == (["Libre en Fête"], "neutre")


def test_subdomain_of_an_actor_is_recognised():
    s = run('<a href="https://www.april.org/">April</a> <a href="https://code.gouv.fr/sill/">SILL</a>')
    assert s.value == ["April", "code.gouv.fr (SILL)"] and s.assessment == "favorable"


def test_nothing_is_defavorable():
    s = run("<p>Le premier samedi du mois, marché de producteurs.</p>")
    assert (s.value, s.assessment) == ([], "defavorable")


def test_unreachable_is_inconnu():
    assert ecosystem_links.run(observations(reachable=False)).assessment == "inconnu"


# --- actors and events the corpus showed (issue 17), each alone -------------------------------------------

def test_framasoft_services_and_the_fsfe_campaign_are_their_actors():
    assert run('<p>Sondage sur <a href="https://framadate.org/xyz">Framadate</a>.</p>').value == ["Framasoft"]
    assert run('<p>Compte rendu sur <a href="https://framapad.org/p/conseil">un pad</a>.</p>').value == ["Framasoft"]
    assert run('<p>Nous signons <a href="https://publiccode.eu/fr/">Argent public ? Code public !</a></p>').value == [
        "FSFE"]


def test_lyon_jdll_are_not_a_free_software_day():
    assert run("<p>Les Journées du Logiciel Libre s'installent à la Maison pour tous.</p>").value == ["Journées du Libre"]
    assert run("<p>Journée du logiciel libre à la médiathèque samedi.</p>").value == ["fête du logiciel libre"]
