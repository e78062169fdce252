"""ground.hosts.email_domain: the domain of an official e-mail address, as DNS knows it."""
from __future__ import annotations

from ground.hosts import ascii_host, email_domain


def test_the_domain_of_an_address():
    assert email_domain("mairie.saint-x@wanadoo.fr") == "wanadoo.fr"
    assert email_domain("Contact@Ville-X.FR.") == "ville-x.fr"  # case and a trailing dot
    assert email_domain(" mailto:accueil@cc-pays-y.fr ") == "cc-pays-y.fr"
    # An internationalised name in its ASCII form, the DNS question: « bücher » is « xn--bcher-kva »,
    # the example of RFC 3492's readers (Wikipedia, « Punycode »).
    assert email_domain("contact@Bücher.fr") == "xn--bcher-kva.fr"


def test_what_is_not_an_address():
    for text in (None, "", "mairie at saint-x.fr", "mairie@localhost", "a@@b.fr", "a b@c.fr", "a@b..fr", "a@.b.fr"):
        assert email_domain(text) is None, text


def test_ascii_host():
    assert ascii_host("WWW.Ville-X.FR.") == "www.ville-x.fr"
    assert ascii_host("192.0.2.1") == "192.0.2.1"
