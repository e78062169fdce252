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


def test_navigation_and_footer_boilerplate_is_ignored():
    nav = ('<header><nav><a href="/nextcloud/">Espace Nextcloud des agents</a></nav></header>'
           '<footer><p>Site réalisé avec WordPress et Matomo</p></footer>')
    s = run(nav + "<p>Horaires de la mairie.</p>", nav + "<main><p>Le conseil a adopté le budget.</p></main>")
    assert s.value == [] and s.assessment == "defavorable"


def test_main_element_is_read_even_with_a_menu_around_it():
    s = run('<nav><a href="/">Firefox</a></nav><main><p>Les écoles sont équipées de PrimTux.</p></main>')
    assert s.value == ["PrimTux"]


def test_occurrences_and_pages_are_counted_per_name():
    s = run("<p>LibreOffice ici. Et encore LibreOffice, puis libre office.</p>", "<p>Rien.</p>",
            "<p>Formation LibreOffice.</p>")
    assert s.details["occurrences"] == {"LibreOffice": 4}
    assert s.details["pages_par_logiciel"] == {"LibreOffice": 2}
    assert s.details["pages"]["LibreOffice"] == ["https://www.exemple-commune.fr/p0", "https://www.exemple-commune.fr/p2"]


def test_aliases_name_the_catalogue_entry():
    s = run("<p>Statistiques de visite par Piwik ; serveur Postgres ; documents sous Linux.</p>")
    assert s.value == ["GNU/Linux", "Matomo", "PostgreSQL"]


def test_ordinary_words_need_their_context():
    alone = run("<p>Une soirée sympa et un cours de samba à la salle des fêtes.</p>")
    assert alone.value == []
    with_context = run("<p>Le partage de fichiers passe par un serveur Samba ; la liste de diffusion tourne sous Sympa.</p>")
    assert with_context.value == ["Samba", "Sympa"]


def test_ambiguous_ordinary_words_are_not_in_the_catalogue():
    names = {e.name.lower() for e in fsm.catalogue().entries}
    assert {"git", "dash", "pulse", "swift", "consul", "vault"}.isdisjoint(names)
    assert len(fsm.catalogue().entries) >= 250
