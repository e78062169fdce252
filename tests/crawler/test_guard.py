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
    assert AddressGuardMiddleware(True, {}, _Crawler()).process_request(Request("http://127.0.0.1:8080/")) is None


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


class _Spider:
    def declared_urls(self):
        return ["http://127.0.0.1:8080/"]


class _Crawler:
    spider = _Spider()


def test_allow_private_covers_only_the_hosts_the_user_named():
    guard = AddressGuardMiddleware(True, {"www.ville.test": "127.0.0.1:8123"}, _Crawler())
    assert guard.process_request(Request("http://127.0.0.1:8080/page")) is None  # a start URL's host
    assert guard.process_request(Request("http://www.ville.test/")) is None  # mapped with --resolve
    for target in ("http://10.0.0.1/", "http://192.168.1.1/admin", "http://127.0.0.2/"):
        with pytest.raises(IgnoreRequest, match="hôte non déclaré"):
            guard.process_request(Request(target))  # e.g. a redirect into the internal network


def test_link_local_metadata_is_always_refused():
    guard = AddressGuardMiddleware(True, {"meta.test": "169.254.169.254:80"}, _Crawler())
    for target in ("http://169.254.169.254/latest/meta-data/", "http://meta.test/", "http://[fe80::1]/"):
        with pytest.raises(IgnoreRequest, match="lien-local"):
            guard.process_request(Request(target))
