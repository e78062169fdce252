from checks import mutualisation
from tests.checks.baseline import html, observations, page


def run(*bodies: str):
    pages = [page(html(b), url=f"https://www.exemple-commune.fr/p{i}", homepage=i == 0) for i, b in enumerate(bodies)]
    return mutualisation.run(observations(pages))


def test_shared_it_service_and_adullact_membership_are_favorable():
    s = run("<p>Depuis 2023, le service informatique est mutualisé avec la communauté de communes.</p>",
            "<p>La commune est adhérente de l'ADULLACT.</p>")
    assert (s.value, s.assessment) == (["service commun", "adhésion à l'ADULLACT"], "favorable")
    assert s.details["pages"] == ["https://www.exemple-commune.fr/p0", "https://www.exemple-commune.fr/p1"]
    assert any("mutualisé" in e.snippet for e in s.evidence)


def test_public_digital_operator_alone_is_neutre():
    s = run("<p>La commune adhère au syndicat mixte Gironde Numérique pour ses logiciels métiers.</p>")
    assert (s.value, s.assessment) == (["opérateur public de services numériques"], "neutre")


def test_territoire_numerique_libre_is_not_an_operator():
    assert run("<p>La ville est candidate au label Territoire Numérique Libre.</p>").value == []


def test_pooling_unrelated_to_it_does_not_count():
    s = run("<p>La mutualisation des moyens a permis de raccorder les foyers à la fibre en 2024.</p>")
    assert s.assessment == "defavorable"


def test_nothing_is_defavorable():
    assert run("<p>Horaires de la mairie.</p>").value == []


def test_unreachable_is_inconnu():
    assert mutualisation.run(observations(reachable=False)).assessment == "inconnu"


def test_a_determined_absence_says_where_it_was_searched():
    from checks import mutualisation
    from tests.checks.baseline import html, observations, page

    pages = [page(html("<p>Horaires de la mairie.</p>"), url=f"https://www.exemple.fr/p{i}/") for i in range(3)]
    s = mutualisation.run(observations(pages))
    assert s.assessment == "defavorable" and s.evidence == []
    assert s.searched == {"pages": 3}  # shown as « Recherché dans 3 page(s) »


def test_a_pooling_agreement_published_as_a_document_counts_and_is_cited_with_its_page():
    """Issue 19: a convention de service commun exists only as a PDF."""
    from checks import mutualisation
    from tests.checks.baseline import document, html, observations, page

    site = "https://www.exemple-commune.fr"
    doc = document(f"{site}/docs/convention.pdf", "pdf")
    doc.text = [(1, "Convention entre la commune et la communauté de communes."),
                (2, "Article 1. Le service commun informatique assure la gestion des postes et des logiciels.")]
    s = mutualisation.run(observations([page(html("<p>Horaires</p>"))], documents=[doc]))
    assert s.value == ["service commun"] and s.assessment == "neutre"
    assert s.display == "service commun (1 document)"
    [ev] = s.evidence
    assert (ev.url, ev.page) == (doc.url, 2) and "service commun informatique" in ev.snippet
    assert s.details["documents"] == [doc.url] and s.details["pages"] == []


# --- the wordings the corpus showed (issue 17), each alone ----------------------------------------------

def test_it_named_before_services_communs_is_a_shared_service():
    s = run("<p>Commune et communauté : communication, informatique, ressources humaines : des services communs.</p>")
    assert s.value == ["service commun"]


def test_sharing_the_it_service_with_the_communaute_is_a_shared_service():
    s = run("<p>La commune et la communauté de communes partagent plusieurs services depuis 2019 : le service "
            "systèmes informatiques et télécommunications.</p>")
    assert s.value == ["service commun"]


def test_an_it_purchasing_group_counts_and_an_energy_one_does_not():
    assert run("<p>Adhésion de la ville au groupement de commandes informatique de l'agglomération.</p>").value == [
        "groupement de commandes numérique"]
    assert run("<p>Adhésion de la ville au groupement de commandes pour la fourniture d'électricité.</p>").value == []


def test_a_digital_syndicate_counts_by_membership_not_for_fibre_nor_by_a_menu_link():
    member = "<p>La commune est membre du syndicat mixte Vallée Numérique, qui héberge ses logiciels métiers.</p>"
    assert run(member).value == ["opérateur public de services numériques"]
    fibre = ("<p>Le Département est membre fondateur du syndicat mixte Vallée Numérique, chargé du déploiement de la "
             "fibre optique.</p>")
    assert run(fibre).value == []
    assert run('<nav><a href="/syndicat">Syndicat mixte Vallée Numérique</a></nav>').value == []


# --- the wordings the document corpus showed (issue 19) ----------------------------------------------------

def _in_document(*pages: str):
    from tests.checks.baseline import document
    doc = document("https://www.exemple-commune.fr/docs/acte.pdf", "pdf")
    doc.text = [(i, t) for i, t in enumerate(pages, 1)]
    return mutualisation.run(observations([page(html("<p>Actes</p>"))], documents=[doc]))


def test_a_quoted_service_name_and_a_phrase_cut_by_a_pdf_line_break_are_read():
    s = _in_document("La présente convention crée un service commun « systèmes d’information », géré par la\n"
                     "Communauté.")
    assert s.value == ["service commun"]
    # « GIP » at the end of a line, « Territoires Numériques » on the next: one phrase.
    s = _in_document("décide d’adhérer au GIP\nTerritoires Numériques Bourgogne-Franche-Comté")
    assert s.value == ["opérateur public de services numériques"]
    assert "GIP Territoires Numériques" in s.evidence[0].snippet


def test_the_bourgogne_franche_comte_operator_by_its_platform_name():
    assert _in_document("la plateforme e-bourgogne-franche-comté et ses services").value == [
        "opérateur public de services numériques"]
    assert _in_document("la plateforme e-bourgogne").value == ["opérateur public de services numériques"]


def test_each_document_is_dated_in_the_details():
    s = _in_document("Séance du 29 janvier 2025. Adhésion au GIP Territoires Numériques.")
    assert s.details["dates_des_documents"] == {
        "https://www.exemple-commune.fr/docs/acte.pdf": "2025-01-29 (date lue dans le texte, page 1)"}
    assert (s.evidence[0].dated, s.evidence[0].dated_by) == ("2025-01-29", "texte")
