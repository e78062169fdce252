"""form_labels: share of the pages with a form whose fields all have a label (one fact changed per test)."""
from checks import form_labels
from tests.checks.baseline import SITE, html, observations, page


def form_page(form, i=0):
    return page(html(f"<form>{form}</form>"), url=SITE if i == 0 else f"{SITE}p{i}/", depth=0 if i == 0 else 1)


def test_fields_are_counted_per_page_labelled_or_not():
    # Page 0: 3 fields, 1 without label. Page 1: 2 labelled fields.
    bad = '<input name="a" aria-label="A"><input name="b" title="B"><input name="c" placeholder="C">'
    good = '<input name="nom" aria-label="Nom"><input name="ville" aria-label="Ville">'
    s = form_labels.run(observations([form_page(bad), form_page(good, 1)]))
    assert (s.details["champs"], s.details["champs_sans_etiquette"]) == (5, 1)
    assert (s.value, s.assessment) == (0.5, "defavorable")


def test_a_passing_page_shows_its_first_field():
    good = '<input name="nom" aria-label="Nom"><input name="ville" aria-label="Ville">'
    s = form_labels.run(observations([form_page(good)]))
    assert (s.details["champs"], s.details["champs_sans_etiquette"]) == (2, 0)
    assert len(s.evidence) == 1 and 'name="nom"' in s.evidence[0].snippet


def test_no_form_gives_a_reason():
    s = form_labels.run(observations([page(html())]))
    assert s.assessment == "neutre" and s.reason
