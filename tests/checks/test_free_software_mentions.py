import re

import pytest

from checks import free_software_mentions as fsm
from checks.base import alternatives, fold, load_data
from tests.checks.baseline import html, observations, page

SITE = "https://www.exemple-commune.fr"
# A commitment: the collectivité says what its agents use. It holds no boilerplate cue: on an ordinary
# page it counts, so that only the page's kind can set it aside.
COMMITMENT = "<p>Les agents utilisent Thunderbird.</p>"


def run(*bodies: str):
    pages = [page(html(b), url=f"{SITE}/p{i}", homepage=i == 0) for i, b in enumerate(bodies)]
    return fsm.run(observations(pages))


def run_page(body: str, url: str = f"{SITE}/p0", title: str = "Accueil"):
    doc = html(body).replace("<title>Accueil</title>", f"<title>{title}</title>")
    return fsm.run(observations([page(doc, url=url, homepage=False)]))


def test_three_names_is_favorable_with_one_evidence_per_name():
    s = run("<p>Les agents utilisent LibreOffice et Thunderbird.</p>", "<p>Cartes faites avec QGIS.</p>")
    assert s.value == ["LibreOffice", "QGIS", "Thunderbird"] and s.assessment == "favorable"
    assert len(s.evidence) == 3
    assert any("QGIS" in e.snippet and e.url.endswith("/p1") for e in s.evidence)
    assert s.searched is None  # enough found: not a search that came back short


def test_two_names_are_not_enough():
    s = run("<p>Les agents utilisent LibreOffice et Thunderbird.</p>")
    assert s.value == ["LibreOffice", "Thunderbird"] and s.assessment == "neutre"
    assert s.searched == {"pages": 1}


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
    assert s.searched == {"pages": 1}


def test_scripts_are_not_page_text():
    s = run('<script>var x = "LibreOffice Firefox QGIS";</script><p>Rien ici.</p>')
    assert s.value == []


def test_unreachable_is_inconnu():
    s = fsm.run(observations(reachable=False))
    assert s.assessment == "inconnu" and s.searched is None


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
    assert s.details["pages"]["LibreOffice"] == [f"{SITE}/p0", f"{SITE}/p2"]


def test_aliases_name_the_catalogue_entry():
    s = run("<p>Le service informatique a remplacé Piwik ; serveur Postgres ; postes sous Linux.</p>")
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


# --- boilerplate is not a commitment ------------------------------------------------------------------

def test_boilerplate_alone_is_defavorable_and_says_what_was_set_aside():
    """The four boilerplate snippets that made a proprietary candidate « favorable, 3 logiciels libres
    cités »: a test set-up section, browsers recommended, the site's technologies, a cookie page."""
    pages = [
        page(html("<h2>Environnement de test</h2><p>Firefox, NVDA</p>"), url=f"{SITE}/infos", homepage=False),
        page(html("<p>Navigateurs recommandés : Edge, Chrome ou Firefox</p>"), url=f"{SITE}/aide", homepage=False),
        page(html("<p>Technologies utilisées pour la réalisation du site : HTML5, CSS, JavaScript</p>"),
             url=f"{SITE}/a-propos", homepage=False),
        page(html("<p>Ce site utilise Matomo, un logiciel libre, pour mesurer l'audience.</p>")
             .replace("<title>Accueil</title>", "<title>Politique de cookies - Ville d'Exemple</title>"),
             url=f"{SITE}/politique-de-cookies/", homepage=False),
    ]
    s = fsm.run(observations(pages))
    assert s.value == [] and s.assessment == "defavorable" and s.evidence == []
    assert s.searched == {"pages": 4}
    assert s.details["mentions_ecartees"] == {
        "Firefox": {"environnement de test d'une déclaration d'accessibilité": 1, "navigateurs recommandés": 1},
        "Matomo": {"politique de cookies ou de confidentialité": 1},
        "NVDA": {"environnement de test d'une déclaration d'accessibilité": 1},
    }
    assert s.details["pages_ecartees"]["Firefox"] == [f"{SITE}/infos", f"{SITE}/aide"]


def test_what_the_collectivite_says_it_uses_makes_or_promotes_counts():
    s = run("<p>La ville a migré ses 300 postes vers LibreOffice.</p>", "<p>Les agents utilisent Nextcloud.</p>",
            "<p>Nous contribuons à openCimetière.</p>", "<p>Les écoles sont équipées de PrimTux.</p>")
    assert s.value == ["LibreOffice", "Nextcloud", "openCimetière", "PrimTux"] and s.assessment == "favorable"
    assert "mentions_ecartees" not in s.details


@pytest.mark.parametrize("body", [
    "Navigateurs recommandés : Chrome. Firefox est installé sur les postes des agents.",
    "Navigateurs recommandés : Chrome ! Firefox est installé sur les postes des agents.",
    "Firefox est installé sur les postes des agents. Navigateurs recommandés : Chrome.",
    "Firefox est installé sur les postes des agents ! Navigateurs recommandés : Chrome.",
])
def test_a_sentence_ends_at_a_full_stop_or_an_exclamation_mark(body):
    assert run(f"<p>{body}</p>").value == ["Firefox"]


def test_a_commitment_beside_boilerplate_on_the_same_page_still_counts():
    s = run("<p>Navigateurs recommandés : Firefox. La ville a migré ses postes vers LibreOffice.</p>")
    assert s.value == ["LibreOffice"]
    assert s.details["mentions_ecartees"] == {"Firefox": {"navigateurs recommandés": 1}}
    assert s.details["occurrences"] == {"LibreOffice": 1}


# Pages that are boilerplate as a whole, each recognised by one rule only (its URL, its title, the
# heading its content opens with, or the declaration's own wording); the same commitment sentence on
# each, which counts on an ordinary page.
BOILERPLATE_PAGES = [
    (f"{SITE}/mentions-legales/", "Informations", COMMITMENT, "mentions légales"),
    (f"{SITE}/mentions-legales-et-credits.html", "Informations", COMMITMENT, "mentions légales"),
    (f"{SITE}/fr/notice-legal", "Informations", COMMITMENT, "mentions légales"),
    (f"{SITE}/credits/", "Informations", COMMITMENT, "mentions légales"),
    (f"{SITE}/spip.php?article3", "Mentions légales - Ville d'Exemple", COMMITMENT, "mentions légales"),
    (f"{SITE}/spip.php?article3", "Ville d'Exemple | Crédits", COMMITMENT, "mentions légales"),
    (f"{SITE}/spip.php?article3", "Ville d'Exemple", "<h1>Mentions légales</h1>" + COMMITMENT, "mentions légales"),
    (f"{SITE}/politique-de-confidentialite/", "Informations", COMMITMENT, "politique de cookies ou de confidentialité"),
    (f"{SITE}/jcms/p_10033/fr/cookies/", "Informations", COMMITMENT, "politique de cookies ou de confidentialité"),
    (f"{SITE}/donnees-personnelles/", "Informations", COMMITMENT, "politique de cookies ou de confidentialité"),
    (f"{SITE}/index.php?id=12", "Gestion des cookies – Ville d'Exemple", COMMITMENT,
     "politique de cookies ou de confidentialité"),
    (f"{SITE}/index.php?id=12", "Ville d'Exemple", "<h1>Protection des données personnelles</h1>" + COMMITMENT,
     "politique de cookies ou de confidentialité"),
    (f"{SITE}/jcms/p_10031/fr/accessibilite/", "Informations", COMMITMENT, "déclaration d'accessibilité"),
    (f"{SITE}/fr/declaration-daccessibilite", "Informations", COMMITMENT, "déclaration d'accessibilité"),
    (f"{SITE}/accessibilite-du-site", "Informations", COMMITMENT, "déclaration d'accessibilité"),
    (f"{SITE}/index.php?id=12", "Déclaration d'accessibilité - Ville d'Exemple", COMMITMENT,
     "déclaration d'accessibilité"),
    (f"{SITE}/index.php?id=12", "Accessibilité numérique : conformité partielle", COMMITMENT,
     "déclaration d'accessibilité"),
    (f"{SITE}/index.php?id=12", "Ville d'Exemple", "<h1>Déclaration d'accessibilité</h1>" + COMMITMENT,
     "déclaration d'accessibilité"),
    (f"{SITE}/index.php?id=12", "Ville d'Exemple",
     "<p>La ville s'engage à rendre son site accessible. Cette déclaration d'accessibilité s'applique au site.</p>"
     "<h2>État de conformité</h2><p>Le site est partiellement conforme avec le RGAA.</p>" + COMMITMENT,
     "déclaration d'accessibilité"),
]


@pytest.mark.parametrize("url, title, body, why", BOILERPLATE_PAGES)
def test_a_boilerplate_page_cites_nothing(url, title, body, why):
    s = run_page(body, url, title)
    assert s.value == [] and s.assessment == "defavorable"
    assert s.details["mentions_ecartees"] == {"Thunderbird": {why: 1}}


ORDINARY_PAGES = [
    (f"{SITE}/actualites/la-ville-passe-au-libre/", "La ville passe au libre - Ville d'Exemple"),
    (f"{SITE}/accessibilite-numerique-des-ecoles/", "Accessibilité numérique : la ville forme ses agents"),
    (f"{SITE}/ateliers/cookies-de-noel/", "Les crédits du budget numérique"),
    (f"{SITE}/legalite/", "Mentions du conseil municipal"),
]


@pytest.mark.parametrize("url, title", ORDINARY_PAGES)
def test_pages_whose_address_or_title_only_look_like_boilerplate_count(url, title):
    s = run_page(COMMITMENT, url, title)
    assert s.value == ["Thunderbird"]


def test_the_declaration_wording_alone_needs_both_phrases():
    s = run_page("<p>Consultez notre déclaration d'accessibilité.</p>" + COMMITMENT)
    assert s.value == ["Thunderbird"]


# A name under a set-up section of an accessibility declaration (on a page not recognised as one),
# each caught by one heading only: the list below it ends sentences, so no sentence cue reaches it.
SECTIONS = [
    ("<h2>Environnement de test</h2><p>Essais menés en mars 2025.</p><ul><li>Firefox 115 et NVDA 2023.1.</li></ul>",
     {"Firefox": 1, "NVDA": 1}, "environnement de test d'une déclaration d'accessibilité"),
    ("<h3>Agents utilisateurs, technologies d'assistance</h3><p>Essais menés en mars 2025.</p><p>Firefox 115.</p>",
     {"Firefox": 1}, "environnement de test d'une déclaration d'accessibilité"),
    (("<p>Les vérifications de restitution de contenus ont été réalisées sur la base de la combinaison "
      "fournie par la base de référence du RGAA, avec les versions suivantes. Firefox 115 et NVDA.</p>"),
     {"Firefox": 1, "NVDA": 1}, "environnement de test d'une déclaration d'accessibilité"),
    ("<h3>Technologies utilisées pour la réalisation du site</h3><p>HTML5, CSS. Le moteur : SPIP.</p>",
     {"SPIP": 1}, "technologies utilisées pour réaliser le site"),
    ("<h3>Outils pour évaluer l'accessibilité</h3><p>Extensions. Firefox Accessibility Inspector.</p>",
     {"Firefox": 1}, "outils d'évaluation de l'accessibilité"),
    ("<p>Les outils suivants ont été utilisés lors de l'évaluation. Firefox Accessibility Inspector.</p>",
     {"Firefox": 1}, "outils d'évaluation de l'accessibilité"),
]


@pytest.mark.parametrize("body, names, why", SECTIONS)
def test_a_name_under_a_declaration_set_up_heading_is_set_aside(body, names, why):
    s = run_page(body, f"{SITE}/informations-pratiques/", "Informations pratiques")
    assert s.value == []
    assert s.details["mentions_ecartees"] == {n: {why: k} for n, k in names.items()}


SECTION_NEGATIVES = [
    "<p>Les agents utilisateurs de Thunderbird ont été formés.</p>",
    "<p>Les technologies utilisées par la ville sont libres : Thunderbird.</p>",
    "<p>Un environnement de travail libre : Thunderbird.</p>",
    "<p>Des outils pour évaluer les besoins : Thunderbird.</p>",
]


@pytest.mark.parametrize("body", SECTION_NEGATIVES)
def test_words_of_those_headings_in_another_sense_do_not_set_aside(body):
    assert run(body).value == ["Thunderbird"]


@pytest.mark.parametrize("end", [
    "Pages du site ayant fait l'objet de la vérification", "Retour d'information et contact", "Voies de recours",
    "Contenus non accessibles", "État de conformité", "Résultats des tests"])
def test_the_next_section_of_the_declaration_ends_the_set_up_section(end):
    s = run(f"<h2>Environnement de test</h2><p>Essais menés en mars.</p><h2>{end}</h2>" + COMMITMENT)
    assert s.value == ["Thunderbird"]


def test_a_set_up_heading_reaches_300_characters():
    filler = "Essais menés en mars. " * 10  # 220 characters
    near = run(f"<h2>Environnement de test</h2><p>{filler}</p><p>Firefox.</p>")
    assert near.value == []
    far = run(f"<h2>Environnement de test</h2><p>{filler}{filler[:110]}</p><p>Firefox.</p>")  # 330 characters
    assert far.value == ["Firefox"]


# Sentences that make a name boilerplate, each caught by one cue alternative only (checked below).
SENTENCES = [
    ("Navigateurs recommandés : Edge, Chrome ou Firefox.", "Firefox", "navigateurs recommandés"),
    ("Quels sont les navigateurs compatibles ? Pour accéder au portail famille, installez Firefox.", "Firefox",
     "navigateurs recommandés"),
    ("Pour une expérience optimale, installez Firefox.", "Firefox", "navigateurs recommandés"),
    # A procurement notice's requirement (doc-procurement-maintenance-logiciels-negative).
    ("Les applications devront être compatibles avec les navigateurs Firefox, Chrome et Edge.", "Firefox",
     "navigateurs recommandés"),
    ("Ce portail est optimisé pour Firefox et Chrome.", "Firefox", "navigateurs recommandés"),
    ("Dans les paramètres de votre navigateur Firefox, activez le zoom.", "Firefox",
     "réglages du navigateur du visiteur"),
    ("Mettez à jour votre navigateur : Firefox ou Chrome.", "Firefox", "réglages du navigateur du visiteur"),
    ("Fièrement propulsé par WordPress", "WordPress", "crédits du site"),
    ("Powered by Drupal", "Drupal", "crédits du site"),
    ("Ce site est réalisé avec SPIP.", "SPIP", "crédits du site"),
    ("Hébergeur : OVH, serveurs sous Debian.", "Debian", "hébergement du site"),
    ("Hébergement : serveurs sous Debian.", "Debian", "hébergement du site"),
    ("L'hébergement du site repose sur Debian.", "Debian", "hébergement du site"),
    ("Mesure d'audience : Matomo.", "Matomo", "mesure d'audience du site"),
    ("Matomo sert à mesurer l'audience.", "Matomo", "mesure d'audience du site"),
    ("Statistiques de fréquentation : Matomo.", "Matomo", "mesure d'audience du site"),
    ("Notre site utilise Matomo.", "Matomo", "cookies du site"),
    ("Le dépôt de cookies par Matomo est limité.", "Matomo", "cookies du site"),
    ("Les cookies de mesure de Matomo sont exemptés de consentement.", "Matomo", "cookies du site"),
    ("Pour lire les documents, installez LibreOffice.", "LibreOffice", "aide à la lecture des documents"),
    ("Fichiers lisibles avec LibreOffice.", "LibreOffice", "aide à la lecture des documents"),
]


@pytest.mark.parametrize("sentence, name, why", SENTENCES)
def test_a_boilerplate_sentence_sets_its_names_aside(sentence, name, why):
    s = run(f"<p>{sentence}</p>")
    assert name not in s.value
    assert s.details["mentions_ecartees"][name] == {why: 1}


# Beside them, sentences with some of the same words where the collectivité speaks: they count.
COMMITMENTS = [
    ("Le navigateur Firefox est installé sur tous les postes des agents.", "Firefox"),
    ("Le service informatique a réalisé la migration vers LibreOffice.", "LibreOffice"),
    ("Les agents partagent leurs documents avec Nextcloud.", "Nextcloud"),
    ("L'hébergement des données des écoles passe par Nextcloud.", "Nextcloud"),
    ("La médiathèque propose un atelier : protéger sa vie privée avec Firefox.", "Firefox"),
    ("Les statistiques de l'état civil sont produites avec LibreOffice.", "LibreOffice"),
    ("Le site de la médiathèque présente les postes sous Debian.", "Debian"),
    ("Les élus ont voté le passage à Matomo pour tous les sites de la ville.", "Matomo"),
]


@pytest.mark.parametrize("sentence, name", COMMITMENTS)
def test_the_same_words_in_a_commitment_do_not_set_aside(sentence, name):
    s = run(f"<p>{sentence}</p>")
    assert s.value == [name] and "mentions_ecartees" not in s.details


def test_every_cue_is_the_only_one_to_catch_some_case():
    """So that breaking one (a typo, a word taken out) makes a case above fail: each alternative of each
    section and sentence cue matches one of the cases and no other cue does."""
    data = load_data("free_software_context.yaml")
    cues = [a for c in data["sections"]["cues"] + data["sentences"]["cues"] for a in alternatives(c["pattern"])]
    texts = [fold(b) for b, _, _ in SECTIONS] + [fold(s) for s, _, _ in SENTENCES]
    for cue in cues:
        alone = [t for t in texts if re.search(cue, t) and not any(re.search(o, t) for o in cues if o != cue)]
        assert alone, cue


def test_every_section_end_has_its_case():
    ends = load_data("free_software_context.yaml")["section_ends"]
    assert len(alternatives(ends)) == 6  # the six cases of test_the_next_section_of_the_declaration_ends…


@pytest.mark.parametrize("distance, counted", [(190, False), (210, True)])
def test_a_sentence_reaches_200_characters_back(distance, counted):
    """« navigateurs recommandés » (23 characters), a space, a word, a space, then the name: the cue
    starts `distance` characters before the name (no full stop between them)."""
    s = run(f"<p>Navigateurs recommandés {'x' * (distance - 25)} Firefox</p>")
    assert (s.value == ["Firefox"]) is counted


@pytest.mark.parametrize("gap, counted", [(110, False), (140, True)])
def test_a_sentence_reaches_150_characters_on(gap, counted):
    """The name (7 characters), a space, a word of `gap` letters, a space, then the cue: it ends
    gap + 32 characters after the name's start, gap + 25 after its end."""
    s = run(f"<p>Firefox {'x' * gap} navigateurs recommandés</p>")
    assert (s.value == ["Firefox"]) is counted


def test_software_named_in_a_document_counts_with_its_page_and_boilerplate_in_it_does_not():
    """Issue 19: an activity report names the software the collectivité uses; a procurement notice names
    browsers its suppliers' software must support."""
    from checks import free_software_mentions
    from tests.checks.baseline import document, html, observations, page
    report = document("https://www.ville.fr/docs/rapport.pdf", "pdf")
    report.text = [(1, "Rapport d'activité 2024"),
                   (2, "Les 120 postes des agents sont passés à LibreOffice ; la médiathèque utilise\nKoha.")]
    notice = document("https://www.ville.fr/docs/avis.pdf", "pdf")
    notice.text = [(1, "Les applications devront être compatibles avec les navigateurs Firefox, Chrome et Edge.")]
    s = free_software_mentions.run(observations([page(html("<p>Publications</p>"))], documents=[report, notice]))
    assert s.value == ["Koha", "LibreOffice"]
    assert {(e.url, e.page) for e in s.evidence} == {(report.url, 2)}
    assert s.details["documents_par_logiciel"] == {"Koha": [report.url], "LibreOffice": [report.url]}
    assert s.details["mentions_ecartees"] == {"Firefox": {"navigateurs recommandés": 1}}
    assert s.details["pages_ecartees"] == {"Firefox": [notice.url]}


def test_pmb_counts_only_beside_a_word_of_libraries():
    """PMB (a free library system) is also an acronym: a catalogue entry with context words."""
    assert run("<p>La médiathèque a migré son catalogue vers PMB.</p>").value == ["PMB"]
    assert run("<p>Le PMB du secteur nord est fermé en août.</p>").value == []
