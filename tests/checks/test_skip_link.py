"""skip_link: a skip link to the content among the first links of each page (RGAA criterion 12.7).

The share signal's common behaviour (portals left out, unreachable site) is tested with the other
shares in test_page_shares.py; here, what a skip link is and the thresholds of this signal."""
import pytest

from checks import skip_link
from tests.checks.baseline import SITE, html, observations, page

# The DSFR's skiplinks component as sites render it (GouvernementFR/dsfr,
# src/component/skiplink/template/ejs/skiplinks.ejs), with "Accéder au contenu" as a real page labels it.
DSFR = ('<div class="fr-skiplinks"><nav role="navigation" aria-label="Accès rapide" class="fr-container">'
        '<ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Accéder au contenu</a></li>'
        '<li><a class="fr-link" href="#header-navigation">Accéder au menu</a></li>'
        '<li><a class="fr-link" href="#footer">Accéder au pied de page</a></li></ul></nav></div>'
        '<header class="fr-header"><a href="/" title="Accueil - Exemple">Exemple</a></header>')
MENU = '<nav><a href="/">Accueil</a><a href="/mairie/">La mairie</a><a href="/demarches/">Démarches</a></nav>'


def pages(bodies: list[str]) -> list:
    return [page(html(body), url=SITE if i == 0 else f"{SITE}p{i}/", depth=0 if i == 0 else 1)
            for i, body in enumerate(bodies)]


def one_link(text: str, href: str = "#contenu", url: str = SITE) -> bool:
    p = page(html(f'<a href="{href}">{text}</a>{MENU}'), url=url)
    return skip_link.is_skip_link(p.top_links[0], p.url)


def test_dsfr_skiplinks_on_every_page_are_favorable():
    s = skip_link.run(observations(pages([DSFR + MENU, DSFR + "<main id='contenu'><p>Actualités</p></main>"])))
    assert (s.value, s.assessment) == (1.0, "favorable")
    assert s.evidence[0].snippet == '<a href="#contenu">Accéder au contenu</a>'
    assert s.searched is None


@pytest.mark.parametrize("text", [
    "Accéder au contenu", "Accéder directement au contenu", "Accès direct au contenu", "Accès au contenu",
    "Aller au contenu", "Allez au contenu", "Aller au contenu principal", "Aller directement au contenu",
    "Passer au contenu", "Passer directement au contenu", "Sauter au contenu", "Atteindre le contenu",
    "Contenu principal", "Contenu", "CONTENU", "Liens d’évitement", "Aller à la navigation",
    "Skip to content", "Skip to main content", "Skip navigation",
])
def test_skip_link_wordings(text):
    assert one_link(text) is True


@pytest.mark.parametrize("text", [
    "Accéder au menu", "Aller à la recherche", "Accéder au pied de page", "Haut de page", "Nos contenus",
    "Contenu de la lettre d'information", "Accéder aux contenus de la médiathèque", "Accès rapide",
    "Accessibilité",
])
def test_other_in_page_links_are_not_skip_links(text):
    assert one_link(text) is False


def test_a_skip_link_must_stay_in_the_page():
    assert one_link("Aller au contenu", href="/contenu/") is False
    assert one_link("Aller au contenu", href="#") is False
    assert one_link("Aller au contenu", href=f"{SITE}actualites/#main", url=f"{SITE}actualites/") is True
    assert one_link("Aller au contenu", href=f"{SITE}#main", url=f"{SITE}actualites/") is False


def test_no_skip_link_anywhere_is_defavorable_and_says_where_it_was_looked_for():
    s = skip_link.run(observations(pages([MENU, MENU + '<a href="#haut">Haut de page</a>'])))
    assert (s.value, s.assessment) == (0.0, "defavorable")
    assert s.searched == {"pages": 2}
    assert s.evidence[0].snippet == "aucun lien d'évitement ; premiers liens : « Accueil », « La mairie », « Démarches »"


def test_pages_without_any_link_are_not_judged():
    # a page drawn by its scripts has no link in its HTML: whether it offers a skip link is not observed
    s = skip_link.run(observations(pages(["<p>Chargement…</p>", DSFR + MENU])))
    assert (s.value, s.details["pages_lues"], s.details["pages_concernees"]) == (1.0, 2, 1)
    s = skip_link.run(observations(pages(["<p>Chargement…</p>", "<div id='root'></div>"])))
    assert (s.value, s.assessment, s.reason) == (None, "inconnu", "aucune page avec des liens lisibles")
    assert s.searched is None


@pytest.mark.parametrize("with_link, without, share, assessment", [
    (19, 1, 0.95, "favorable"),  # the template has it; one page (a form's answer) does not
    (9, 1, 0.9, "neutre"),
    (4, 1, 0.8, "neutre"),
    (3, 1, 0.75, "defavorable"),
])
def test_share_thresholds(with_link, without, share, assessment):
    bodies = [DSFR + MENU] * with_link + [MENU] * without
    s = skip_link.run(observations(pages(bodies)))
    assert (s.value, s.assessment, s.searched) == (share, assessment, None)
