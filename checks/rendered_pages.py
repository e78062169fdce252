"""Shared helper (not a check): what the rendered signals read in the renderings (ground/rendered.py).

A page counts as rendered when the browser gave its DOM (`dom` not empty), even with an error (what was
rendered is kept); it renders fine when there was no error too. A page of the sample without a DOM makes
no claim: it is listed with the reason. Trackers are recognised in a request's URL by the static
checks' own catalogue (checks.analytics), never by a list of our own here.
"""
from __future__ import annotations

from checks.analytics import catalogue, page_tools
from checks.base import signal
from checks.sobriety import own_domains
from ground.hosts import registered_domain, url_host
from ground.memo import per_candidate
from ground.model import INCONNU, Signal, truncate
from ground.observations import Observations
from ground.rendered import consent_visits, first_visits, not_shown_reason, shown

URL_SHOWN = 160  # characters of a request's or a script's URL in a snippet or a table
# The initiator's type as the DevTools protocol gives it (Network.Initiator.type), in French.
INITIATOR_WORDS = {"parser": "HTML de la page", "script": "script", "preload": "préchargement",
                   "other": "navigateur", "SignedExchange": "échange signé", "preflight": "requête préalable (CORS)"}


def rendered(obs: Observations) -> list[dict]:
    """The first visits (no interaction, no consent) whose DOM the browser gave, in the order rendered."""
    return [r for r in first_visits(obs.renderings) if shown(r)]


def complete(pages: list[dict]) -> list[dict]:
    """The rendered pages without an error: an absence is observed only on them."""
    return [r for r in pages if not r.get("error")]


def consented(obs: Observations) -> list[dict]:
    """The consent visits (accept clicked in the consent manager), in the order rendered."""
    return consent_visits(obs.renderings)


def unrendered(obs: Observations) -> list[dict]:
    """[{page, raison}] of the sampled pages the browser gave no DOM of: its error, the pass's error for
    a page never opened (render.json `errors`), or that the page was never opened."""
    out, seen = [], set()
    for r in first_visits(obs.renderings):
        seen.add(r.get("url"))
        if not shown(r):
            out.append({"page": r.get("url", ""), "raison": not_shown_reason(r)})
    errors = {e.get("url"): e.get("error") for e in obs.render.get("errors") or [] if isinstance(e, dict)}
    for item in obs.render.get("sample") or []:
        url = item.get("url") if isinstance(item, dict) else None
        if url and url not in seen:
            seen.add(url)
            out.append({"page": url, "raison": errors.get(url) or "page de l'échantillon non ouverte"})
    return out


def pages_or_unknown(meta, obs: Observations) -> tuple[list[dict], list[dict], Signal | None]:
    """(the rendered first visits, the sampled pages not rendered, None), or with the `inconnu` signal of
    `meta` last when no page was rendered (every rendered signal starts so)."""
    pages, missing = rendered(obs), unrendered(obs)
    if pages:
        return pages, missing, None
    return pages, missing, signal(meta, None, INCONNU, "indéterminé", reason=unrendered_reason(obs),
                                  details={"pages_non_rendues": missing} if missing else None)


def unrendered_reason(obs: Observations) -> str:
    """Why no page gave a claim (the signal is then inconnu)."""
    missing = unrendered(obs)
    if not missing:
        return "aucune page rendue par le navigateur"
    return "aucune page rendue par le navigateur — " + "; ".join(f"{m['page']} : {m['raison']}" for m in missing[:5])


def own(obs: Observations) -> set[str]:
    """The candidate's own registered domains, as the static third_party_hosts check counts them."""
    return own_domains(obs)


def site(host: str) -> str:
    return registered_domain(host) if host else ""


def third_party_host(url: str, page_url: str, own_sites: set[str]) -> str | None:
    """The host of a request when it is a third party's (another registered domain than the page's and
    none of the candidate's own), else None; data:, blob: and the like have no host."""
    host = url_host(url)
    if not host:
        return None
    domain = site(host)
    if domain == site(url_host(page_url)) or domain in own_sites:
        return None
    return host


@per_candidate(4096)  # the same URLs come back on every page (a tracker's script, its hits)
def trackers_in(url: str) -> tuple[str, ...]:
    """The tools of the analytics catalogue that a request's URL shows (matomo.php, /g/collect?…tid=G-…)."""
    return tuple(sorted(page_tools([url]))) if url else ()


def free_tools() -> set[str]:
    return {t.name for t in catalogue() if t.free}


def initiator_text(request: dict) -> str:
    """Who made a request, in French: « HTML de la page », « script https://… », or « inconnu » (a request
    of a third-party frame has no initiator)."""
    initiator = request.get("initiator") or {}
    kind = initiator.get("type")
    if not kind:
        return "inconnu"
    words = INITIATOR_WORDS.get(kind, kind)
    url = initiator.get("url")
    return f"{words} {truncate(url, URL_SHOWN)}" if url and kind == "script" else words


def attempt_text(request: dict) -> str | None:
    """A request that did not reach its server still shows the page tried to contact it: why, or None."""
    if request.get("refused"):
        return f"refusée par notre garde ({request['refused']})"
    if request.get("failure"):
        return f"échouée ({request['failure']})"
    return None


def request_snippet(request: dict, visit: str = "visite sans consentement") -> str:
    """The evidence of one request: its URL, who asked for it, and whether it went through."""
    url = truncate(request.get("url", ""), URL_SHOWN)
    tried = attempt_text(request)
    return (f"{request.get('method') or 'GET'} {url} — demandée par : {initiator_text(request)} ; {visit}"
            + (f" ; {tried}, la page a tenté de la contacter" if tried else ""))


def requests_seen(pages: list[dict]) -> int:
    return sum(len(r.get("requests") or []) for r in pages)


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
