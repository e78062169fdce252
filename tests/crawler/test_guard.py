"""The address guard: private and loopback targets refused unless allowed; --resolve host map."""
from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.guard import AddressGuardMiddleware, is_private
from crawler.scope import registered_domain, site_key


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0"])
def test_private_addresses(address):
    assert is_private(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2001:4860:4860::8888", "not-an-ip"])
def test_public_addresses(address):
    assert not is_private(address)


def test_loopback_literal_is_refused_by_default_and_allowed_on_request():
    with pytest.raises(IgnoreRequest, match="adresse privée refusée"):
        AddressGuardMiddleware(False, {}).process_request(Request("http://127.0.0.1:8080/"))
    assert AddressGuardMiddleware(True, {}).process_request(Request("http://127.0.0.1:8080/")) is None


def test_host_map_routes_through_the_mapped_address_and_is_guarded():
    req = Request("http://www.ville.test/page")
    with pytest.raises(IgnoreRequest):
        AddressGuardMiddleware(False, {"www.ville.test": "127.0.0.1:8123"}).process_request(req)
    AddressGuardMiddleware(True, {"WWW.Ville.test": "127.0.0.1:8123"}).process_request(req)
    assert req.meta["proxy"] == "http://127.0.0.1:8123"


def test_name_resolving_to_loopback_is_refused():
    with pytest.raises(IgnoreRequest, match="localhost"):
        AddressGuardMiddleware(False, {}).process_request(Request("http://localhost/"))


def test_scope_is_the_registered_domain():
    assert registered_domain("www.ville.fr") == "ville.fr"
    assert registered_domain("data.grandlyon.com") == "grandlyon.com"
    assert registered_domain("www.mairie.gouv.fr") == "mairie.gouv.fr"
    assert registered_domain("www.ville.test") == "ville.test"  # no public suffix: last two labels
    assert site_key("http://127.0.0.1:8080/x") == "127.0.0.1:8080"
    assert site_key("https://agenda.ville.fr/a") == site_key("https://www.ville.fr/") == "ville.fr"


def test_reserved_names_are_never_sent_to_dns():
    with pytest.raises(IgnoreRequest, match="nom introuvable"):
        AddressGuardMiddleware(True, {}).process_request(Request("http://tube.ville.test/c/x"))
