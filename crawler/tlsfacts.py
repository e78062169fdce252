"""TLS facts of a candidate's websites: the certificate each host presents on port 443, verified.

Gathered before the crawl beside DNS and WHOIS (crawler/netfacts.py), outside Scrapy: the crawl
itself accepts any certificate (so that a site behind a bad certificate is still read as evidence),
and the certificate is judged here, once per host, with Python's default context (system CAs,
chain, name and dates; plus `--ca-file` trust anchors). Routing and guard are the crawl's: a host
mapped with `--resolve HOST=IP:PORT` is reached through that HTTP proxy with `CONNECT host:443`
(crawler/guard.py does the same for Scrapy); otherwise directly, private addresses refused unless
allowed, reserved `.test` names never sent to DNS.
"""
from __future__ import annotations

import hashlib
import socket
import ssl
from datetime import datetime, timezone
from typing import Any

from crawler.guard import REFUSED_PREFIX, is_link_local, is_private
from ground.hosts import is_reserved
from ground.tls import cert_problems_text

TLS_PORT = 443
TLS_TIMEOUT_CAP = 15.0  # seconds per connection step: a silent host must not stall the crawl's start
PROXY_REPLY_CAP = 16_384  # bytes of a proxy's CONNECT reply read before giving up on it

# OpenSSL verify codes (x509_vfy.h) → the problem they name.
_CODES = {
    9: "not_yet_valid", 10: "expired", 18: "self_signed", 19: "self_signed_chain",
    2: "unknown_ca", 20: "unknown_ca", 21: "unknown_ca", 62: "hostname_mismatch",
}

# French words of the record (shown as evidence in the report).
UI = {
    "no_tls": "pas de TLS sur {host}:443 : {error}",
    "proxy": "le mandataire {proxy} a répondu « {line} » à CONNECT {host}:443",
    "refused": "connexion refusée",
    "reset": "connexion coupée",
    "handshake": "négociation TLS impossible ({error})",
    "reserved": "{host} : domaine réservé (RFC 6761), jamais envoyé au DNS ; voir --resolve",
    "unresolved": "{host} : nom introuvable ({error})",
    "private": REFUSED_PREFIX + " : {host} → {address} (voir --allow-private)",
    "link_local": REFUSED_PREFIX + " : {host} → {address} (adresse lien-local, jamais autorisée)",
}


class NoAnswer(Exception):
    """Nothing was learnt about TLS (timeout, name not found, refused by the guard): an index line."""


class NoTLS(Exception):
    """The host answered, without TLS (connection refused or reset, proxy 502, not a TLS server)."""


def _route(host: str, host_map: dict[str, str], allow_private: bool) -> tuple[list[tuple[str, int]], bool]:
    """([(address, port)…], through_proxy) to reach host:443, as the crawl would; raises NoAnswer.

    The addresses checked by the guard are the ones connected to (no second resolution)."""
    mapped = host_map.get(host)
    if mapped:
        addr, _, port = mapped.rpartition(":")
        addr = addr.strip("[]")
        addrs, targets, proxy = [addr], [(addr, int(port))], True
    elif is_reserved(host) and host != "localhost":
        raise NoAnswer(UI["reserved"].format(host=host))
    else:
        try:
            infos = socket.getaddrinfo(host, TLS_PORT, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise NoAnswer(UI["unresolved"].format(host=host, error=exc)) from None
        addrs = list(dict.fromkeys(i[4][0] for i in infos))
        targets, proxy = [(a, TLS_PORT) for a in addrs], False
    for address in addrs:
        if is_link_local(address):
            raise NoAnswer(UI["link_local"].format(host=host, address=address))
        if is_private(address) and not allow_private:
            raise NoAnswer(UI["private"].format(host=host, address=address))
    return targets, proxy


def _connect(targets: list[tuple[str, int]], timeout: float) -> tuple[socket.socket, tuple[str, int]]:
    """The first address that accepts; refused everywhere → NoTLS; otherwise NoAnswer."""
    refused = False
    error: OSError | None = None
    for target in targets:
        try:
            return socket.create_connection(target, timeout=timeout), target
        except (ConnectionRefusedError, ConnectionResetError):
            refused = True
        except OSError as exc:  # timeout, unreachable network
            error = exc
    if refused:
        raise NoTLS(UI["refused"])
    raise NoAnswer(f"{error.__class__.__name__}: {error}")


def _open(host: str, targets: list[tuple[str, int]], proxy: bool, timeout: float) -> socket.socket:
    """A TCP connection to host:443, through the proxy's CONNECT tunnel when mapped."""
    sock, target = _connect(targets, timeout)
    if not proxy:
        return sock
    try:
        sock.sendall(f"CONNECT {host}:{TLS_PORT} HTTP/1.1\r\nHost: {host}:{TLS_PORT}\r\n\r\n".encode("ascii"))
        reply = b""
        while b"\r\n\r\n" not in reply and len(reply) < PROXY_REPLY_CAP:
            chunk = sock.recv(1)  # byte by byte: nothing of the tunnel may be read here
            if not chunk:
                break
            reply += chunk
    except ConnectionResetError:
        sock.close()
        raise NoTLS(UI["reset"]) from None
    except OSError as exc:
        sock.close()
        raise NoAnswer(f"{exc.__class__.__name__}: {exc}") from None
    line = reply.split(b"\r\n", 1)[0].decode("latin-1").strip()
    parts = line.split()
    if len(parts) < 2 or parts[1] != "200":
        _drain(sock, reply)
        sock.close()
        raise NoTLS(UI["proxy"].format(proxy=f"{target[0]}:{target[1]}", line=line or "rien", host=host))
    return sock


def _drain(sock: socket.socket, head: bytes) -> None:
    """Read the body of a refusal (Content-Length, capped): closing with unread bytes resets the link."""
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = min(int(value.strip()), PROXY_REPLY_CAP)
    try:
        while length > 0:
            chunk = sock.recv(length)
            if not chunk:
                break
            length -= len(chunk)
    except OSError:
        pass


def _handshake(host: str, targets, proxy: bool, timeout: float, context: ssl.SSLContext) -> ssl.SSLSocket:
    sock = _open(host, targets, proxy, timeout)
    try:
        return context.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError:
        sock.close()
        raise
    except ssl.SSLError as exc:
        sock.close()
        raise NoTLS(UI["handshake"].format(error=exc.reason or exc)) from None
    except ConnectionResetError:
        sock.close()
        raise NoTLS(UI["reset"]) from None
    except OSError as exc:
        sock.close()
        if isinstance(exc, (TimeoutError, socket.timeout)):
            raise NoAnswer(f"{exc.__class__.__name__}: {exc}") from None
        raise NoTLS(UI["handshake"].format(error=exc)) from None


def name_covered(host: str, names: list[str]) -> bool:
    """RFC 6125 §6.4: an exact DNS name, or a wildcard left-most label over at least two labels."""
    host = host.lower().rstrip(".")
    for name in names:
        name = name.lower().rstrip(".")
        if name == host:
            return True
        if name.startswith("*.") and name.count(".") >= 2:
            head, _, rest = host.partition(".")
            if head and rest == name[2:]:
                return True
    return False


def describe(der: bytes) -> dict[str, Any]:
    """The leaf certificate's subject, issuer, SAN names, dates and fingerprint, parsed by cryptography."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(der)
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = san.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        names = []
    before = getattr(cert, "not_valid_before_utc", None) or cert.not_valid_before.replace(tzinfo=timezone.utc)
    after = getattr(cert, "not_valid_after_utc", None) or cert.not_valid_after.replace(tzinfo=timezone.utc)
    return {
        "subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
        "self_signed": cert.subject == cert.issuer, "san": names,
        "not_before": before.isoformat(), "not_after": after.isoformat(),
        "serial": format(cert.serial_number, "x"), "sha256": hashlib.sha256(der).hexdigest(),
    }


def problems(host: str, cert: dict[str, Any] | None, openssl_code: int | None, now: datetime) -> list[str]:
    """Every problem of an unverified certificate (OpenSSL names only the first it met)."""
    found: list[str] = []
    if cert:
        if now > datetime.fromisoformat(cert["not_after"]):
            found.append("expired")
        if now < datetime.fromisoformat(cert["not_before"]):
            found.append("not_yet_valid")
        if cert["self_signed"]:
            found.append("self_signed")
        if not name_covered(host, cert["san"]):
            found.append("hostname_mismatch")
    code = _CODES.get(openssl_code or -1)
    if code and code not in found and not (code == "unknown_ca" and "self_signed" in found):
        found.append(code)
    return found or ["other"]


def verify(host: str, host_map: dict[str, str], allow_private: bool, timeout: float,
           ca_file: str | None = None) -> dict[str, Any]:
    """The TLS fact of host:443 as JSON. Raises NoAnswer when nothing could be learnt."""
    timeout = max(0.1, min(timeout, TLS_TIMEOUT_CAP))
    targets, proxy = _route(host, host_map, allow_private)
    target = targets[0]
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    data: dict[str, Any] = {"host": host, "port": TLS_PORT, "ca_file": bool(ca_file),
                            "via": f"mandataire {target[0]}:{target[1]} (CONNECT)" if proxy else f"{target[0]}:{TLS_PORT}"}
    try:
        tls = _handshake(host, targets, proxy, timeout, context)
    except NoTLS as exc:
        data.update(tls=False, verified=False, error=UI["no_tls"].format(host=host, error=exc))
        return data
    except ssl.SSLCertVerificationError as exc:
        # Verification failed: a second handshake that accepts anything shows the certificate itself.
        data.update(tls=True, verified=False, openssl_code=exc.verify_code, openssl_error=exc.verify_message)
        loose = ssl.create_default_context()
        loose.check_hostname = False
        loose.verify_mode = ssl.CERT_NONE
        cert = None
        try:
            with _handshake(host, targets, proxy, timeout, loose) as tls:
                der = tls.getpeercert(binary_form=True)
                data["protocol"] = tls.version()
                cert = describe(der) if der else None
        except (NoTLS, NoAnswer, ssl.SSLError, ValueError) as again:
            data["second_handshake_error"] = str(again)[:300]
        data["certificate"] = cert
        found = problems(host, cert, exc.verify_code, datetime.now(timezone.utc))
        data["problems"] = found
        data["error"] = cert_problems_text(host, cert, found)
        return data
    with tls:
        der = tls.getpeercert(binary_form=True)
        data.update(tls=True, verified=True, protocol=tls.version(), problems=[],
                    certificate=describe(der) if der else None)
    return data
