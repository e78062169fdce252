"""Download failures in French words for the report, the original exception kept in brackets."""
from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest

from crawler.robots import RobotsServerError

MIB = 1024 * 1024


class HostUnreachable(IgnoreRequest):
    """A request not sent: its scheme://host could not be connected to earlier in the crawl (refused,
    no such name, tunnel refused, TLS handshake failed), or the TLS fact found no TLS on it
    (crawler/reachability.py). It carries that finding, said again for this URL."""

    def __init__(self, words: str, technique: str, origin: str) -> None:
        super().__init__(words)
        self.words = words
        self.technique = technique
        self.origin = origin


# Failures where no connection could be made: an answer of the network, the same a moment later.
_NO_CONNECTION = ("DNSLookupError", "CannotResolveHostError", "ConnectionRefusedError",
                  "DownloadConnectionRefusedError", "TunnelError", "NoRouteError", "ConnectBindError",
                  "UnknownHostError", "SSLError", "TLSError", "CertificateError")
_TIMEOUTS = ("TimeoutError", "DownloadTimeoutError", "TCPTimedOutError", "UserTimeoutError")


def _causes(exception: BaseException):
    """The exception, what it wraps (Scrapy wraps Twisted's), and the reasons a Twisted ResponseFailed lists."""
    seen = 0
    todo = [exception]
    while todo and seen < 12:
        exc = todo.pop()
        seen += 1
        yield exc
        for reason in getattr(exc, "reasons", None) or []:
            value = getattr(reason, "value", reason)
            if isinstance(value, BaseException):
                todo.append(value)
        if exc.__cause__ is not None:
            todo.append(exc.__cause__)


def tls_failure(exception: BaseException) -> bool:
    """The TLS handshake failed (OpenSSL's error inside Twisted's ResponseNeverReceived)."""
    return any(type(e).__module__.startswith("OpenSSL") or type(e).__name__ in ("SSLError", "TLSError")
               for e in _causes(exception))


def no_connection(exception: BaseException) -> bool:
    """No connection could be made, for a reason other than time: refused, no such name, no route,
    tunnel refused by the proxy, TLS handshake failed."""
    return tls_failure(exception) or any(type(e).__name__ in _NO_CONNECTION for e in _causes(exception))


def timed_out(exception: BaseException) -> bool:
    return type(exception).__name__ in _TIMEOUTS

# Exception class names (Scrapy 2.13+ wraps Twisted's) → what a reader of the report understands.
_WORDS = [
    (("DNSLookupError", "CannotResolveHostError"), "nom de domaine introuvable (DNS)"),
    (("TimeoutError", "TCPTimedOutError", "DownloadTimeoutError", "UserTimeoutError"),
     "délai dépassé : le serveur n'a pas répondu à temps"),
    (("ConnectionRefusedError", "DownloadConnectionRefusedError"), "connexion refusée par le serveur"),
    (("ConnectionLost", "ConnectionDone", "ResponseNeverReceived", "ResponseFailed", "PotentialDataLoss",
      "ConnectionAborted", "ConnectionReset", "DownloadFailedError", "ResponseDataLoss"),
     "connexion interrompue par le serveur"),
    (("TunnelError",), "tunnel CONNECT refusé ou rompu (HTTPS via le mandataire)"),
    (("SSLError", "TLSError", "CertificateError"), "échec de la négociation TLS"),
]


def technical(exception: BaseException) -> str:
    """The exception as the program saw it (kept in the index as `extra.technique`, for whoever must
    dig; the report says the words of `describe`)."""
    if isinstance(exception, HostUnreachable):
        return exception.technique
    name = exception.__class__.__name__
    detail = str(exception).strip()
    return (f"{name}: {detail}" if detail and detail != name else name)[:500]


_TUNNEL_STATUS = re.compile(r"['\"]status['\"]\s*:\s*(\d{3})")


def describe(exception: BaseException, request=None, default_maxsize: int = 0) -> str:
    """One French line saying what failed, in words (with the HTTP status when one was given); the
    exception's own text is `technical(exception)`, kept apart."""
    if isinstance(exception, HostUnreachable):
        return exception.words
    name = exception.__class__.__name__
    detail = str(exception).strip()
    if name == "DownloadFailedError" and tls_failure(exception):
        return "échec de la négociation TLS"
    if name == "TunnelError":
        status = _TUNNEL_STATUS.search(detail)
        if status:
            return f"le mandataire n'a pas pu joindre le serveur (réponse {status.group(1)} au tunnel HTTPS)"
    if isinstance(exception, RobotsServerError):
        return (f"robots.txt en erreur serveur (HTTP {exception.status}) : rien n'est collecté sur ce site, par précaution "
                f"(RFC 9309 : un robots.txt injoignable interdit tout)")
    if name == "IgnoreRequest":
        if "robots.txt" in detail:
            return "interdit par robots.txt (non collecté, par respect des règles du site)"
        if "max redirections" in detail.lower() and request is not None:
            chain = list(request.meta.get("redirect_urls") or []) + [request.url]
            hops = " → ".join(chain[-4:])
            return f"boucle de redirections ({len(chain) - 1} redirections) : {hops}"
        if "larger than" in detail and "max size" in detail:
            return "contenu décompressé trop volumineux (bombe de décompression ?) : réponse refusée"
        return detail[:500] or "requête abandonnée"
    if name == "DownloadCancelledError":
        maxsize = (request.meta.get("download_maxsize") if request is not None else None) or default_maxsize
        limit = f" ({maxsize} octets, {maxsize / MIB:g} Mio)" if maxsize else ""
        # Scrapy: "Expected to receive 2147483648 bytes which is larger than download max size…"
        # (announced by Content-Length) or "Received 10485761 bytes…" (counted while reading).
        got = re.search(r"(Expected to receive|Received) (\d+) bytes", detail)
        size = ""
        if got:
            n = int(got.group(2))
            size = f" {'annoncée' if got.group(1).startswith('Expected') else 'reçue'} de {n} octets ({n / MIB:g} Mio),"
        return f"réponse{size} plus grande que la taille maximale{limit} : téléchargement interrompu"
    for names, words in _WORDS:
        if name in names:
            return words
    return f"échec du téléchargement ({name})"
