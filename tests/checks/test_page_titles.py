"""page_titles: share of the websites' pages with a title of their own (one fact changed per test)."""
from checks import page_titles
from tests.checks.baseline import SITE, html, observations, page


def titled(titles, depths=None):
    """One page per title (None: no <title> element at all), the first one the homepage."""
    out = []
    for i, title in enumerate(titles):
        doc = html(f"<p>Page {i}</p>")
        doc = doc.replace("<title>Accueil</title>", "" if title is None else f"<title>{title}</title>")
        depth = depths[i] if depths else (0 if i == 0 else 1)
        out.append(page(doc, url=SITE if i == 0 else f"{SITE}p{i}/", depth=depth))
    return out


def test_distinct_titles_count_no_repeated_title_and_show_the_homepage_title():
    s = page_titles.run(observations(titled(["Accueil", "Démarches", "Agenda"])))
    assert (s.value, s.assessment, s.details["titres_repetes"]) == (1.0, "favorable", 0)
    # The passing page shown is the homepage, with its own <title> tag.
    assert [e.snippet for e in s.evidence] == ["<title>Accueil</title>"]


def test_a_title_shared_by_exactly_two_pages_fails_both_pages():
    # Boundary of "n > 1": two pages are enough for a title not to be the page's own.
    s = page_titles.run(observations(titled(["Accueil", "Mairie", "Mairie"])))
    assert (s.value, s.assessment) == (0.333, "defavorable")
    assert (s.details["conformes"], s.details["non_conformes"], s.details["titres_repetes"]) == (1, 2, 1)
    assert s.details["pages_non_conformes"] == [f"{SITE}p1/", f"{SITE}p2/"]


def test_pages_without_title_are_not_counted_as_one_repeated_title():
    # Two pages with no title and one with an empty <title>: three failures, but no repeated title.
    s = page_titles.run(observations(titled(["Accueil", None, None, ""])))
    assert (s.details["non_conformes"], s.details["titres_repetes"]) == (3, 0)
    assert s.evidence[0].snippet.startswith("<title></title>")


def test_pages_sharing_a_title_come_before_an_untitled_homepage_in_the_evidence():
    # A title shared by 2 pages weighs 2 per page, an absent title 1: the shared ones come first even
    # though the untitled page is the homepage (depth 0, shown first on a tie).
    s = page_titles.run(observations(titled([None, "Mairie", "Mairie", "Agenda"], depths=[0, 1, 1, 1])))
    assert [e.url for e in s.evidence[:3]] == [f"{SITE}p1/", f"{SITE}p2/", SITE]
    assert s.evidence[0].snippet.startswith("<title>Mairie</title>")
    assert s.evidence[2].snippet.startswith("<title></title>")
