"""Download failures in French words for the report, the original exception kept in brackets."""
from __future__ import annotations

from crawler.robots import RobotsServerError

MIB = 1024 * 1024

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


def describe(exception: BaseException, request=None, default_maxsize: int = 0) -> str:
    """One French line saying what failed, with the technical detail kept after it."""
    name = exception.__class__.__name__
    detail = str(exception).strip()
    technical = f"{name}: {detail}" if detail and detail != name else name
    if isinstance(exception, RobotsServerError):
        return (f"robots.txt en erreur serveur (HTTP {exception.status}) : rien n'est collecté sur ce site, par précaution "
                f"(RFC 9309 : un robots.txt injoignable interdit tout)")
    if name == "IgnoreRequest":
        if "robots.txt" in detail:
            return "interdit par robots.txt (non collecté, par respect des règles du site)"
        if "max redirections" in detail.lower() and request is not None:
            chain = list(request.meta.get("redirect_urls") or []) + [request.url]
            hops = " → ".join(chain[-4:])
            return f"boucle de redirections ({len(chain) - 1} redirections) : {hops} [{detail}]"
        if "larger than" in detail and "max size" in detail:
            return (f"contenu décompressé trop volumineux (bombe de décompression ?) : réponse refusée "
                    f"[{detail[:200]}]")
        return detail[:500] or "requête abandonnée"
    if name == "DownloadCancelledError":
        maxsize = (request.meta.get("download_maxsize") if request is not None else None) or default_maxsize
        limit = f" ({maxsize} octets, {maxsize / MIB:g} Mio)" if maxsize else ""
        return f"réponse plus grande que la taille maximale{limit} : téléchargement interrompu [{technical[:300]}]"
    for names, words in _WORDS:
        if name in names:
            return f"{words} [{technical[:300]}]"
    return technical[:500]
