"""The ground's small shared tools, each the one home of its idea: hosts, text, certificate words."""
from __future__ import annotations

import pytest

from ground.hosts import is_reserved, registered_domain, url_host
from ground.text import fold, normalise_name, squash
from ground.tls import cert_problems_text


@pytest.mark.parametrize(("url", "host"), [
    ("HTTPS://WWW.Ville-Exemple.FR./actualites/", "www.ville-exemple.fr"),  # case and the root's dot
    ("http://[2001:db8::1]:8080/", "2001:db8::1"),
    ("mailto:mairie@ville.fr", ""),
    ("/relative/path", ""),
])
def test_url_host(url, host):
    assert url_host(url) == host


@pytest.mark.parametrize(("host", "reserved"), [
    ("www.libreville-isere.test", True), ("site.example", True), ("x.invalid", True),
    ("a.localhost", True), ("localhost", True), ("WWW.VILLE.TEST.", True),
    ("www.ville.fr", False), ("test.fr", False), ("example.com", False), ("testing", False),
])
def test_reserved_names_are_the_special_use_domains(host, reserved):
    assert is_reserved(host) is reserved


@pytest.mark.parametrize(("host", "domain"), [
    ("www.ville-exemple.fr", "ville-exemple.fr"),
    ("services.agglo.gouv.fr", "agglo.gouv.fr"),  # gouv.fr is a public suffix
    ("www.libreville-isere.test", "libreville-isere.test"),  # unknown suffix: two labels
    ("WWW.Ville.FR.", "ville.fr"),
    ("192.0.2.10", "192.0.2.10"),  # an IP literal stays whole
])
def test_registered_domain(host, domain):
    assert registered_domain(host) == domain


@pytest.mark.parametrize(("name", "key"), [
    ("Libreville-sur-Isère", "libreville sur isere"),
    ("L’Haÿ-les-Roses", "l hay les roses"),
    ("  SAINT-ÉTIENNE\u00a0du-Rouvray ", "saint etienne du rouvray"),
    ("Communauté d'agglomération (CAVR)", "communaute d agglomeration cavr"),
])
def test_names_are_compared_by_their_folded_words(name, key):
    assert normalise_name(name) == key


def test_fold_keeps_one_character_per_character_and_squash_one_space():
    text = "Déclaration d’accessibilité\u00a0: NON conforme"
    assert fold(text) == "declaration d'accessibilite : non conforme"
    assert len(fold(text)) == len(text)
    assert squash("\t Mairie \u202f de\n\nLibreville  ") == "Mairie de Libreville"


def test_certificate_problems_in_words():
    cert = {"not_after": "2020-01-01T00:00:00+00:00", "not_before": "2019-01-01T00:00:00+00:00",
            "san": ["autre.example.fr", "www.autre.example.fr"]}
    assert cert_problems_text("www.ville.fr", cert, ["expired", "hostname_mismatch"]) == (
        "certificat invalide : expiré le 2020-01-01, "
        "nom www.ville.fr non couvert (autre.example.fr, www.autre.example.fr)")
    # A code of a later version, or none at all: worded as OpenSSL's refusal, never dropped.
    assert cert_problems_text("www.ville.fr", None, ["brand_new_code"]) == "certificat invalide : refusé par OpenSSL"
    assert cert_problems_text("www.ville.fr", {}, None) == "certificat invalide : refusé par OpenSSL"
    assert cert_problems_text("w.fr", {}, ["hostname_mismatch"]) == "certificat invalide : nom w.fr non couvert (aucun nom)"


# --- decoding pages whose header and bytes disagree ---------------------------------------------------

def test_a_page_declared_latin_1_but_written_in_utf_8_is_read_as_utf_8():
    from ground.html import decode_html

    page = "<p>La commune est adhérente à l'ADULLACT ; l'école, Noël</p>"
    # The server's default header says Latin-1, the file is UTF-8 (what a browser would garble).
    assert decode_html(page.encode("utf-8"), "iso-8859-1") == page
    assert decode_html(page.encode("utf-8"), "windows-1252") == page
    # A page really in Latin-1 stays Latin-1 (its accents are not valid UTF-8).
    assert decode_html(page.encode("latin-1"), "iso-8859-1") == page
    # Declared UTF-8, written in Windows-1252 (the other way round): read as Windows-1252.
    assert decode_html(page.encode("cp1252"), "utf-8") == page
    # Plain ASCII declared Latin-1: nothing to change.
    assert decode_html(b"<p>Mairie</p>", "iso-8859-1") == "<p>Mairie</p>"


def test_name_key_matches_names_whatever_their_accents_case_and_punctuation():
    from ground.text import name_key

    assert name_key("L'Isle-d'Abeau") == name_key("l isle d abeau") == "lisledabeau"
    assert name_key("Saint-Étienne") == name_key("SAINT ETIENNE") == "saintetienne"
    assert name_key("Saint-Étienne") != name_key("Saint-Étienne-de-Fontbellon")
    assert name_key("") == name_key(None) == ""
