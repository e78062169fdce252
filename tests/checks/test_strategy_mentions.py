import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import strategy_mentions
from checks.base import alternatives, fold, load_data
from tests.checks.baseline import html, observations, page

SITE = "https://www.exemple-commune.fr"
STRATEGY, POLICY, DELIBERATION = "stratégie numérique", "politique logiciels libres", "délibération logiciels libres"


def run(*bodies: str, candidate: dict | None = None):
    pages = [page(html(b), url=f"{SITE}/p{i}", homepage=i == 0) for i, b in enumerate(bodies)]
    return strategy_mentions.run(observations(pages, candidate=candidate))


def themes(body: str, candidate: dict | None = None) -> set[str]:
    return set(run(f"<p>{body}</p>", candidate=candidate).details["pages_par_theme"])


def test_strategy_and_free_software_deliberation_on_two_pages_is_favorable():
    s = run("<p>Le conseil a adopté son schéma directeur du numérique 2025-2030.</p>",
            "<p>Délibération n° 2025-004 : priorité aux logiciels libres dans les achats de la commune.</p>")
    assert s.value == 2 and s.assessment == "favorable"
    assert s.details["pages_par_theme"] == {STRATEGY: 1, POLICY: 1, DELIBERATION: 1}
    assert any("schéma directeur du numérique" in e.snippet for e in s.evidence)
    assert s.searched is None


def test_one_theme_is_neutre_and_says_where_it_searched():
    s = run("<p>Notre politique en faveur des logiciels libres est votée.</p>", "<p>Horaires de la mairie.</p>")
    assert s.details["pages_par_theme"] == {POLICY: 1}
    assert s.value == 1 and s.assessment == "neutre" and s.searched == {"pages": 2}


def test_a_map_and_a_note_on_reading_documents_are_no_strategy():
    """The pair that made a candidate « stratégie publiée »: a map called « plan de ville numérique »
    and documents « lisibles avec un logiciel libre »."""
    s = run("<p>Consultez le plan de ville numérique : les rues et les équipements de la commune.</p>",
            "<p>Les délibérations du conseil municipal sont publiées au format ODT, lisibles avec un logiciel libre.</p>")
    assert s.value == 0 and s.assessment == "defavorable"
    assert s.details["pages_par_theme"] == {} and s.evidence == []
    assert s.searched == {"pages": 2}


@pytest.mark.parametrize("body, expected", [
    ("Le SDSI 2024-2028 a été adopté par le conseil communautaire.", {STRATEGY}),
    ("<h1>Schéma directeur des systèmes d'information</h1>", {STRATEGY}),
    ("La feuille de route numérique adoptée en 2024 fixe douze actions.", {STRATEGY}),
    ("Délibération du 12 mars 2025 : politique en faveur des logiciels libres.", {POLICY, DELIBERATION}),
])
def test_adopted_plans_and_policies_are_found(body, expected):
    assert themes(body) == expected


def test_a_deliberation_on_a_free_software_policy_is_favorable_alone():
    s = run("<p>Délibération du 12 mars 2025 : politique en faveur des logiciels libres.</p>")
    assert s.assessment == "favorable" and s.value == 1


# A formal plan or a policy named as such counts alone; what only looks like one does not.
@pytest.mark.parametrize("body, expected", [
    ("Schéma directeur informatique 2023-2027", {STRATEGY}),
    ("Le schéma directeur de l'informatique", {STRATEGY}),
    ("Le schéma directeur des SI de la métropole", {STRATEGY}),
    ("Schéma directeur des usages numériques", {STRATEGY}),
    ("Schéma directeur numérique", {STRATEGY}),
    ("Le schéma directeur d'aménagement numérique (SDAN) a été adopté.", set()),  # broadband, not a strategy
    ("Le schéma directeur immobilier a été adopté.", set()),
    ("Le SDSIS recrute des sapeurs-pompiers.", set()),
    (("À cette fin, elle met en œuvre une stratégie et des actions en cours d'élaboration au sein du futur "
      "schéma pluriannuel d'accessibilité numérique."), set()),  # the model accessibility declaration
    ("La politique du logiciel libre", {POLICY}),
    ("La politique de recours aux logiciels libres", {POLICY}),
    ("Politique du numérique libre", {POLICY}),
    ("Politique de confidentialité : Matomo, logiciel libre.", set()),
    ("La commune a reçu le label Territoire Numérique Libre.", set()),  # a label, not a policy
])
def test_named_plans_and_policies(body, expected):
    assert themes(body) == expected


# A general name counts with a cue of adoption or ownership in its sentence, not without one.
@pytest.mark.parametrize("body, expected", [
    ("La stratégie numérique de la ville vise la sobriété.", {STRATEGY}),
    ("Stratégie numérique", set()),
    ("Atelier : définir sa stratégie numérique.", set()),
    ("La stratégie numérique de l'État", set()),
    ("Le Département a lancé une stratégie départementale des usages et services numériques.", {STRATEGY}),
    ("Notre feuille de route numérique 2025", {STRATEGY}),
    ("Une feuille de route numérique type pour les petites entreprises", set()),
    ("Le plan numérique adopté en 2024", {STRATEGY}),
    ("Le plan numérique pour l'école de l'Éducation nationale", set()),
    ("La politique numérique de la commune", {STRATEGY}),
    ("Politique numérique : conférence à la médiathèque", set()),
    ("Le conseil municipal donne la priorité aux logiciels libres.", {POLICY}),
    ("Priorité aux logiciels libres : un guide de l'April", set()),
    ("La ville a fait le choix du logiciel libre.", {POLICY}),
    ("Le choix du logiciel libre : une conférence", set()),
    ("Le maire a signé le Pacte du logiciel libre.", {POLICY}),
    ("Qu'est-ce que le Pacte du logiciel libre ?", set()),
])
def test_general_names_need_a_cue_in_their_sentence(body, expected):
    assert themes(body) == expected


def test_the_collectivite_own_name_is_a_cue():
    body = "L'engagement d'Échirolles en faveur des logiciels libres est reconnu."
    assert themes(body, {"name": "Ville d'Échirolles"}) == {POLICY}
    assert themes(body, {"name": "Grenoble"}) == set()


# Each cue of adoption or ownership alone beside « stratégie numérique » (checked below: only it).
ADOPTED = [
    "Adoption de la stratégie numérique 2025.",
    "Stratégie numérique votée en 2025.",
    "Stratégie numérique approuvée en 2025.",
    "Délibération : stratégie numérique 2025.",
    "Stratégie numérique présentée au conseil municipal.",
    "Stratégie numérique présentée à l'assemblée plénière.",
    "Le syndicat s'est doté d'une stratégie numérique.",
    "Le territoire se dote d'une stratégie numérique.",
    "Stratégie numérique signée par les partenaires.",
    "Une stratégie numérique menée depuis 2020.",
    "Une stratégie numérique conduite depuis 2020.",
    "Une stratégie numérique mise en œuvre depuis 2020.",
    "Une stratégie numérique mise en place en 2020.",
    "Le service met en œuvre la stratégie numérique.",
    "Le service commun porte la stratégie numérique.",
    "Le document fixe la stratégie numérique.",
    "Notre stratégie numérique.",
    "Nos priorités : la stratégie numérique.",
    "La commune et sa stratégie numérique.",
    "La stratégie numérique de l'agglomération.",
    "Le département et sa stratégie numérique.",
    "La stratégie numérique du territoire.",
    "La stratégie numérique communale.",
]


@pytest.mark.parametrize("body", ADOPTED)
def test_each_cue_of_adoption_or_ownership_makes_a_general_name_count(body):
    assert themes(body) == {STRATEGY}


def test_every_cue_of_adoption_is_the_only_one_in_some_case():
    """So that breaking one makes a case above fail."""
    cues = alternatives(load_data("strategy.yaml")["adopted"])
    texts = [fold(t) for t in ADOPTED]
    for cue in cues:
        assert [t for t in texts if re.search(cue, t) and not any(re.search(o, t) for o in cues if o != cue)], cue


NOT_YET = [
    "Le schéma directeur du numérique est en cours d'élaboration.",
    "Le schéma directeur du numérique, en préparation, sera soumis aux élus.",
    "Le futur schéma directeur du numérique",
    "Le prochain schéma directeur du numérique",
    "La mairie élaborera son schéma directeur du numérique.",
    "La commune n'a pas encore de schéma directeur du numérique.",
    "La commune n'a pas de schéma directeur du numérique.",
]


@pytest.mark.parametrize("body", NOT_YET)
def test_a_plan_still_to_come_is_not_a_strategy(body):
    s = run(f"<p>{body}</p>")
    assert s.details["pages_par_theme"] == {} and s.assessment == "defavorable"
    assert s.details["pages_sans_adoption"] == [f"{SITE}/p0"]


def test_every_not_yet_cue_is_the_only_one_in_some_case():
    cues = alternatives(load_data("strategy.yaml")["not_yet"])
    texts = [fold(t) for t in NOT_YET]
    for cue in cues:
        assert [t for t in texts if re.search(cue, t) and not any(re.search(o, t) for o in cues if o != cue)], cue


@pytest.mark.parametrize("body", [
    "La ville a adopté son budget. Stratégie numérique : une conférence.",
    "Adopté ! Stratégie numérique : une conférence.",
    "Adopté ? Stratégie numérique : une conférence.",
    "Stratégie numérique : une conférence. Budget adopté.",
    "Stratégie numérique : une conférence ! Budget adopté.",
    "Stratégie numérique : une conférence ? Oui, adoptée.",
])
def test_a_cue_counts_only_in_the_same_sentence(body):
    assert themes(body) == set()


@pytest.mark.parametrize("gap, expected", [(130, {STRATEGY}), (170, set())])
def test_a_sentence_is_read_150_characters_on(gap, expected):
    """« stratégie numérique » (19 characters), a space, a word of `gap` letters, a space, « notre »: the
    cue starts gap + 2 characters after the phrase's end."""
    assert themes(f"Stratégie numérique {'x' * gap} notre") == expected


@pytest.mark.parametrize("gap, expected", [(130, {STRATEGY}), (170, set())])
def test_a_sentence_is_read_150_characters_back(gap, expected):
    """« notre » (5 characters), a space, a word of `gap` letters, a space, then the phrase: the cue starts
    gap + 7 characters before it."""
    assert themes(f"Notre {'x' * gap} stratégie numérique") == expected


def test_a_later_mention_with_a_cue_counts_after_one_without():
    assert themes("Stratégie numérique. Autre sujet. La stratégie numérique de la ville est adoptée.") == {STRATEGY}


def test_a_menu_entry_repeated_on_every_page_states_nothing():
    nav = '<nav><a href="/sn/">Notre stratégie numérique</a> <a href="/sd/">Schéma directeur du numérique</a></nav>'
    s = run(nav + "<main><p>Horaires de la mairie.</p></main>", nav + "<main><p>Agenda.</p></main>")
    assert s.value == 0 and s.assessment == "defavorable"


@pytest.mark.parametrize("body, expected", [
    ("Délibération n° 2025-004 : priorité aux logiciels libres dans les achats.", {POLICY, DELIBERATION}),
    ("Délibération relative au recours aux logiciels libres.", {DELIBERATION}),
    ("Délibération 2024-12 : migration vers les logiciels libres des postes des écoles.", {DELIBERATION}),
    ("Délibération 2024-12 : adhésion à l'ADULLACT, association des développeurs et utilisateurs de logiciels libres.",
     set()),  # membership: the mutualisation signal
    ("Délibération relative à la politique sportive ; les annexes sont lisibles avec un logiciel libre.", set()),
])
def test_a_deliberation_on_free_software_is_a_vote_on_using_it(body, expected):
    assert themes(body) == expected


def test_membership_of_adullact_belongs_to_mutualisation_not_here():
    s = run("<p>La commune est adhérente de l'ADULLACT.</p>")
    assert s.details["pages_par_theme"] == {}


def test_pooling_alone_is_no_longer_a_strategy_theme():
    s = run("<p>La mutualisation du service informatique avec l'agglomération.</p>")
    assert s.value == 0 and s.assessment == "defavorable"


def test_nothing_is_defavorable():
    s = run("<p>Horaires de la mairie.</p>")
    assert s.value == 0 and s.assessment == "defavorable" and s.searched == {"pages": 1}
    assert "pages_sans_adoption" not in s.details


def test_unreachable_is_inconnu():
    s = strategy_mentions.run(observations(reachable=False))
    assert s.assessment == "inconnu" and s.searched is None


def test_own_name_leaves_out_the_kind_of_collectivite():
    assert strategy_mentions.own_name({"name": "Ville d'Échirolles"}) == "echirolles"
    assert strategy_mentions.own_name({"name": "Communauté d'agglomération du Val de Roche"}) == "val de roche"
    assert strategy_mentions.own_name({"name": "Eu"}) is None


# The phrases' windows (anchors, before/after) only spare work, never a match: the fast search finds
# what the plain regex finds, on texts made of the phrases' own words.
WORDS = ("schema", "schemas", "directeur", "directeurs", "du", "de", "de l'informatique", "des", "d'information",
         "systemes", "si", "usages", "numerique", "numeriques", "informatique", "sdsi", "strategie", "strategies",
         "departementale", "communale", "la", "transformation", "transition", "feuille", "route", "plan", "plans",
         "d'actions", "pour", "le", "en", "faveur", "politique", "matiere", "libre", "libres", "logiciel",
         "logiciels", "recours", "aux", "au", "priorite", "donnee", "choix", "engagement", "d'echirolles", "charte",
         "pacte", "deliberation", "deliberations", "migration", "vers", "les", "usage", "generalisee", ".", ",",
         "x" * 40, "n°", "2025")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join))
def test_the_fast_search_is_the_plain_search(text):
    for phrases in strategy_mentions.THEMES.values():
        for phrase in phrases:
            got, want = phrase.search(text), phrase.pattern.search(text)
            assert (got and got.span()) == (want and want.span()), phrase.pattern.pattern


# --- documents (issue 19) -----------------------------------------------------------------------------

def _read(url: str, pages: list[tuple[int | None, str]]):
    """A document whose text ground.doctext read, as the observations hold it."""
    from tests.checks.baseline import document

    doc = document(url, "pdf")
    doc.text = pages
    return doc


def test_a_deliberation_published_only_as_a_document_is_found_and_cited_with_its_page():
    from tests.checks.baseline import observations as obs_of

    delib = _read(f"{SITE}/delib-2024-031.pdf", [
        (1, "Conseil municipal du 12 mars 2024. Ordre du jour : budget."),
        (2, "Délibération n° 2024-031. Le conseil municipal adopte la politique en faveur des logiciels libres "
            "de la commune."),
    ])
    s = strategy_mentions.run(obs_of([page(html("<p>Horaires de la mairie.</p>"))], documents=[delib]))
    assert s.value == 1 and s.display == f"1 document ({POLICY})"
    [ev] = s.evidence
    assert (ev.url, ev.page) == (f"{SITE}/delib-2024-031.pdf", 2)
    assert "politique en faveur des logiciels libres" in ev.snippet
    assert s.details["documents"] == [f"{SITE}/delib-2024-031.pdf"]
    assert ev.to_dict()["page"] == 2 and "page" not in s.evidence[0].__class__(
        "u", "d", 200, "s", None).to_dict()  # a website page's evidence keeps its shape


def test_pages_and_documents_are_counted_apart_and_a_plan_still_to_come_in_a_document_is_not_one():
    from tests.checks.baseline import observations as obs_of

    sdsi = _read(f"{SITE}/sdsi.pdf", [(1, "Le schéma directeur du numérique 2025-2030 a été adopté par le conseil.")])
    project = _read(f"{SITE}/projet.odt", [(None, "La commune élaborera prochainement sa stratégie numérique.")])
    s = strategy_mentions.run(obs_of(
        [page(html("<p>Délibération n° 2025-004 : priorité aux logiciels libres dans les achats de la commune.</p>"))],
        documents=[sdsi, project]))
    assert s.value == 2 and s.display.startswith("1 page et 1 document (")
    assert [e.url for e in s.evidence if e.page is not None or e.url.endswith(".pdf")] == [f"{SITE}/sdsi.pdf"]
