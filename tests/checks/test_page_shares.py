"""html_lang, img_alt, form_labels, page_titles, skip_link: shares of the websites' pages."""
from checks import form_labels, html_lang, img_alt, page_titles, skip_link
from tests.checks.baseline import SITE, html, observations, page


def pages(bodies, lang="fr", titles=None, head=""):
    out = []
    for i, body in enumerate(bodies):
        doc = html(body, head=head, lang=lang)
        doc = doc.replace("<title>Accueil</title>", f"<title>{titles[i] if titles else f'Page {i}'}</title>")
        out.append(page(doc, url=SITE if i == 0 else f"{SITE}p{i}/", depth=0 if i == 0 else 1))
    return out


def test_html_lang_valid_everywhere_is_favorable():
    s = html_lang.run(observations(pages(["<p>a</p>"] * 3, lang="fr-FR")))
    assert (s.value, s.assessment) == (1.0, "favorable")
    assert s.evidence[0].snippet == '<html lang="fr-FR">'


def test_html_lang_missing_or_invalid_is_defavorable_with_the_tag_as_evidence():
    ps = pages(["<p>a</p>"] * 4)
    ps[1].lang, ps[2].lang, ps[3].lang = None, "français", None
    s = html_lang.run(observations(ps))
    assert (s.value, s.assessment) == (0.25, "defavorable")
    assert s.details["non_conformes"] == 3
    assert {e.snippet for e in s.evidence[:3]} == {"<html> (aucun attribut lang)", '<html lang="français"> (langue invalide)'}


def test_html_lang_between_thresholds_is_neutre():
    ps = pages(["<p>a</p>"] * 10)
    ps[9].lang = None
    assert html_lang.run(observations(ps)).assessment == "neutre"


def test_img_alt_decorative_and_hidden_images_count_as_present():
    body = '<img src="a.png" alt=""><img src="b.png" role="presentation"><img src="c.png" alt="Le maire">'
    s = img_alt.run(observations(pages([body, "<p>sans image</p>"])))
    assert (s.value, s.assessment) == (1.0, "favorable")
    assert (s.details["pages_concernees"], s.details["images"], s.details["images_sans_alt"]) == (1, 3, 0)


def test_img_alt_missing_is_defavorable_worst_page_first():
    s = img_alt.run(observations(pages(['<img src="a.png">', '<img src="b.png"><img src="c.png">', '<img src="d.png" alt="x">'])))
    assert (s.value, s.assessment) == (0.333, "defavorable")
    assert s.evidence[0].url == f"{SITE}p1/" and '<img src="https://www.exemple-commune.fr/p1/b.png">' in s.evidence[0].snippet
    assert s.details["images_sans_alt"] == 3


def test_img_alt_no_image_is_neutre():
    s = img_alt.run(observations(pages(["<p>a</p>"])))
    assert (s.value, s.assessment) == (None, "neutre") and s.reason


def test_form_labels_all_label_kinds_are_favorable():
    form = ('<form><label for="q">Rechercher</label><input id="q" name="q"><label>Nom <input name="nom"></label>'
            '<input name="a" aria-label="Adresse"><textarea name="m" title="Message"></textarea>'
            '<input type="hidden" name="t"><button>OK</button></form>')
    s = form_labels.run(observations(pages([form])))
    assert (s.value, s.assessment, s.details["champs"]) == (1.0, "favorable", 4)


def test_form_labels_placeholder_only_is_defavorable_with_the_tag():
    s = form_labels.run(observations(pages(['<form><input type="email" name="email" placeholder="Votre e-mail"></form>'])))
    assert (s.value, s.assessment) == (0.0, "defavorable")
    assert 'placeholder="Votre e-mail"' in s.evidence[0].snippet


def test_form_labels_no_form_at_all_is_neutre():
    s = form_labels.run(observations(pages(["<p>a</p>", "<p>b</p>"])))
    assert (s.value, s.assessment, s.display) == (None, "neutre", "aucun formulaire")


def test_page_titles_distinct_is_favorable_duplicates_and_empty_are_not():
    assert page_titles.run(observations(pages(["a", "b", "c"]))).assessment == "favorable"
    s = page_titles.run(observations(pages(["a", "b", "c", "d"], titles=["Accueil | Mairie", "Accueil | Mairie",
                                                                       "ACCUEIL  | Mairie", ""])))
    assert (s.value, s.assessment, s.details["titres_repetes"]) == (0.0, "defavorable", 1)
    assert "même titre sur 3 pages" in s.evidence[0].snippet


def test_skip_link_in_page_with_known_text_is_favorable():
    s = skip_link.run(observations(pages(['<a href="#contenu">Aller au contenu</a><a href="/">Accueil</a>',
                                          f'<a href="{SITE}p1/#main">Passer au contenu principal</a>'])))
    assert (s.value, s.assessment) == (1.0, "favorable")
    assert s.evidence[0].snippet == '<a href="#contenu">Aller au contenu</a>'


def test_skip_link_absent_or_pointing_elsewhere_is_defavorable():
    s = skip_link.run(observations(pages(['<a href="/contenu/">Aller au contenu</a>', '<a href="/">Accueil</a>'])))
    assert (s.value, s.assessment) == (0.0, "defavorable")
    assert "premiers liens" in s.evidence[0].snippet


def test_skip_link_beyond_the_first_links_does_not_count():
    body = "".join(f'<a href="/m{i}/">Menu {i}</a>' for i in range(12)) + '<a href="#c">Aller au contenu</a>'
    assert skip_link.run(observations(pages([body]))).assessment == "defavorable"


def test_portal_pages_are_left_out_of_the_shares():
    main = pages(["<p>a</p>"])[0]
    portal = page(html("<p>b</p>").replace(' lang="fr"', ""), url="https://data.exemple-commune.fr/", homepage=True)
    portal.site = "https://data.exemple-commune.fr/"
    s = html_lang.run(observations([main, portal], candidate={"opendata": ["https://data.exemple-commune.fr/"]}))
    assert (s.value, s.details["pages_lues"]) == (1.0, 1)


def test_unreachable_site_is_inconnu_for_every_share():
    for module in (html_lang, img_alt, form_labels, page_titles, skip_link):
        s = module.run(observations(reachable=False))
        assert s.assessment == "inconnu" and "DNSLookupError" in s.reason, module
