"""Download failures said in words for the jury; the program's own text kept apart (issue 18)."""
from __future__ import annotations

from crawler.errors import describe, technical


class TunnelError(Exception):
    pass


class DNSLookupError(Exception):
    pass


class WeirdTransportError(Exception):
    pass


def test_a_proxy_tunnel_refusal_is_said_in_words_with_its_status():
    exc = TunnelError("Could not open CONNECT tunnel with proxy 127.0.0.1:40577 [{'status': 502, 'reason': b'Bad Gateway'}]")
    assert describe(exc) == "le mandataire n'a pas pu joindre le serveur (réponse 502 au tunnel HTTPS)"
    assert technical(exc).startswith("TunnelError: Could not open CONNECT tunnel")


def test_known_failures_are_words_only_and_unknown_ones_name_their_kind():
    assert describe(DNSLookupError("DNS lookup failed: no results for hostname lookup: www.x.fr.")) == \
        "nom de domaine introuvable (DNS)"
    assert describe(WeirdTransportError("b'\\x00' garbage")) == "échec du téléchargement (WeirdTransportError)"
    for exc in (DNSLookupError("x"), WeirdTransportError("b'x'"), TunnelError("no status here")):
        line = describe(exc)
        assert "[" not in line and "b'" not in line and "\n" not in line


class DownloadCancelledError(Exception):
    pass


def test_a_response_over_the_size_cap_says_its_announced_size():
    exc = DownloadCancelledError("Expected to receive 2147483648 bytes which is larger than download max size "
                                 "(10485760) in request <GET http://x.test/a.pdf>.")
    assert describe(exc, default_maxsize=10485760) == (
        "réponse annoncée de 2147483648 octets (2048 Mio), plus grande que la taille maximale (10485760 octets, "
        "10 Mio) : téléchargement interrompu")
