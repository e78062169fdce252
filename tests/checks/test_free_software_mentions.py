from checks import free_software_mentions as fsm
from tests.checks.baseline import html, observations, page


def run(*bodies: str):
    pages = [page(html(b), url=f"https://www.exemple-commune.fr/p{i}", homepage=i == 0)
             for i, b in enumerate(bodies)]
    return fsm.run(observations(pages))


def test_three_names_is_favorable_with_one_evidence_per_name():
    s = run("<p>Les agents utilisent LibreOffice et Thunderbird.</p>", "<p>Cartes faites avec QGIS.</p>")
    assert s.value == ["LibreOffice", "QGIS", "Thunderbird"] and s.assessment == "favorable"
    assert len(s.evidence) == 3
    assert any("QGIS" in e.snippet and e.url.endswith("/p1") for e in s.evidence)


def test_accents_and_case_are_folded():
    s = run("<p>Logiciel métier OPENCIMETIÈRE pour la gestion des concessions.</p>")
    assert s.value == ["openCimetière"]


def test_one_name_is_neutre_and_pages_are_counted():
    s = run("<p>Firefox</p>", "<p>firefox encore</p>")
    assert s.value == ["Firefox"] and s.assessment == "neutre"
    assert s.details["pages_par_logiciel"] == {"Firefox": 2}


def test_names_inside_other_words_do_not_count():
    s = run("<p>La gimpette, le vlcx et spipolette ne sont pas des logiciels.</p>")
    assert s.value == [] and s.assessment == "defavorable"


def test_scripts_are_not_page_text():
    s = run('<script>var x = "LibreOffice Firefox QGIS";</script><p>Rien ici.</p>')
    assert s.value == []


def test_unreachable_is_inconnu():
    assert fsm.run(observations(reachable=False)).assessment == "inconnu"
