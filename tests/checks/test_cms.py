from checks import cms
from tests.checks.baseline import html, observations, page


def run(head: str = "", body: str = "", **kw):
    return cms.run(observations([page(html(body, head), **kw)]))


def test_spip_generator_gives_name_version_and_free():
    s = run('<meta name="generator" content="SPIP 4.2.8">')
    assert s.value == {"name": "SPIP", "version": "4.2.8", "free": True}
    assert s.assessment == "favorable"
    assert 'content="SPIP 4.2.8"' in s.evidence[0].snippet


def test_wordpress_from_paths_only():
    s = run('<link rel="stylesheet" href="/wp-content/themes/x/style.css">')
    assert s.value["name"] == "WordPress" and s.value["version"] is None


def test_proprietary_builder_is_defavorable():
    s = run('<meta name="generator" content="Wix.com Website Builder">')
    assert s.value["name"] == "Wix" and s.value["free"] is False and s.assessment == "defavorable"


def test_drupal_from_header_and_jalios_from_generator():
    assert run(headers={"x-generator": "Drupal 10 (https://www.drupal.org)"}).value["name"] == "Drupal"
    assert run('<meta name="generator" content="Jalios JCMS">').value["name"] == "Jalios JCMS"


def test_generator_outweighs_a_stray_path():
    s = run('<meta name="generator" content="SPIP 4.1"><link href="https://x.fr/wp-content/a.css" rel="stylesheet">')
    assert s.value["name"] == "SPIP" and "WordPress" in s.details["autres_candidats"]


def test_nothing_recognised_is_inconnu():
    s = run()
    assert s.assessment == "inconnu" and s.value is None and s.reason


def test_unreachable_is_inconnu():
    assert cms.run(observations(reachable=False)).assessment == "inconnu"
