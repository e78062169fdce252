"""source_code_published: the collectivité's own forge accounts, linked from its pages or listed by code.gouv.fr."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from checks.base import CheckMeta, load_data, page_evidence, searched, signal, unreachable_reason
from checks.declared_free_software_use import registry_evidence
from ground.memo import per_candidate
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Evidence
from ground.observations import Observations, Page
from ground.registries import bare_host, codegouv_accounts, core_name, find_accounts
from ground.text import normalise_name

META = CheckMeta(
    id="source_code_published",
    domain="communication",
    title="Codes sources publiés sur une forge",
    description=(
        "La collectivité publie ses codes sources sur une forge (GitHub, GitLab, Framagit, forge de "
        "l'ADULLACT, forge auto-hébergée) et le fait savoir : code.gouv.fr la recense, ses pages renvoient "
        "vers ses dépôts. Publier le code, c'est contribuer aux communs et permettre la mutualisation."
    ),
    title_en="Source code published on a forge",
    description_en=(
        "The local authority publishes its source code on a forge (GitHub, GitLab, Framagit, ADULLACT's "
        'forge, a self-hosted forge) and says so: code.gouv.fr lists it, its pages link to its '
        'repositories. Publishing code contributes to the commons and makes pooling possible.'
    ),
    evidence=(
        "Le lien vers le compte de forge sur une page archivée, ou l'entrée de la liste des comptes "
        "d'organismes publics de code.gouv.fr (adresse de l'export, empreinte SHA-256)."
    ),
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)

_SPLIT = re.compile(r"[^a-z0-9]+")
MIN_TOKEN = 4  # an account name must share a real word with the collectivité's name (not « la », « st »)


@per_candidate(65536)  # the same links on every page
def classify(url: str) -> tuple[str, str] | None:
    """(forge, account URL) if `url` points into a forge account, else None."""
    data = load_data("forges.yaml")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in data["public"]:
        if segments and segments[0] == "orgs" and len(segments) > 1:
            segments = segments[1:]
        if not segments or segments[0].lower() in data["reserved"] or segments[0].startswith((".", "?")):
            return None
        return data["public"][host], f"https://{host}/{segments[0]}"
    if host.split(".", 1)[0] in data["self_hosted_labels"] and host.count(".") >= 2:
        account = f"{parts.scheme}://{host}/" + (segments[0] if segments and segments[0] not in data["reserved"] else "")
        return "forge auto-hébergée", account
    return None


def _tokens(text: str) -> set[str]:
    stop = set(load_data("forges.yaml")["stop_words"])
    return {t for t in _SPLIT.split(normalise_name(text)) if t and t not in stop}


def belongs(account: str, candidate: dict) -> bool:
    """Whether an account is the collectivité's own: on its own domain, or named after it."""
    parts = urlsplit(account)
    host = (parts.hostname or "").lower()
    for site in candidate.get("websites") or []:
        own = bare_host(site)
        parent = own.split(".", 1)[1] if own.count(".") >= 2 else own
        if host == own or host.endswith("." + own) or host.endswith("." + parent):
            return True
    slug = parts.path.strip("/").split("/", 1)[0]
    words = _tokens(slug)
    name = _tokens(core_name(str(candidate.get("name") or "")))
    return bool(words) and words <= name and any(len(w) >= MIN_TOKEN for w in words)


def _links(obs: Observations) -> list[tuple[Page, str, str, str]]:
    """(page, forge, account URL, link as written) for every forge link, in page order, each account once."""
    out, seen = [], set()
    for page in obs.pages:
        for link in page.links:
            found = classify(link.url)
            if found and (found[1], page.url) not in seen:
                seen.add((found[1], page.url))
                out.append((page, found[0], found[1], f'<a href="{link.url}">{link.text}</a>'))
    return out


def run(obs: Observations):
    export = next((r for r in obs.registries if r.purpose == "codegouv_accounts"), None)
    listed = []
    if export is not None and export.data is not None:
        listed = find_accounts(obs.candidate, codegouv_accounts(export.data))
    if not obs.pages and not listed:
        if export is None:
            registry = "liste code.gouv.fr non collectée"
        elif export.data is None:
            registry = "liste code.gouv.fr illisible : " + (export.error or f"HTTP {export.status}")
        else:
            registry = "absente de la liste code.gouv.fr"
        return signal(META, None, INCONNU, "indéterminé", reason=f"{unreachable_reason(obs)} ; {registry}")

    listed_urls = {acc.url.rstrip("/").lower() for acc, _ in listed}
    own: dict[str, Evidence] = {}
    others: list[str] = []
    for page, _forge, account, written in _links(obs):
        key = account.rstrip("/").lower()
        if belongs(account, obs.candidate) or key in listed_urls:
            if account not in own:
                own[account] = page_evidence(page, written)
        elif account not in others:
            others.append(account)
    evidence = list(own.values())
    for acc, how in listed:
        entry = {k: v for k, v in (("compte", acc.url), ("forge", acc.forge), ("organisation", acc.organisation),
                                   ("site", acc.website)) if v}
        evidence.append(registry_evidence(export, json.dumps(entry, ensure_ascii=False)))
    accounts = sorted(set(own) | {acc.url for acc, _ in listed})
    details = {"comptes_lies_depuis_les_pages": sorted(own), "comptes_code_gouv": sorted(a.url for a, _ in listed),
               "autres_liens_de_forge": others[:20], "pages_lues": len(obs.pages)}
    reason = None
    if export is None or export.data is None:
        reason = "liste code.gouv.fr non lue : seuls les liens des pages sont comptés"
    if accounts:
        plural = "s" if len(accounts) > 1 else ""
        where = []
        if own:
            where.append(f"lié{plural} depuis le site")
        if listed:
            where.append(f"recensé{plural} par code.gouv.fr")
        display = (f"{len(accounts)} compte{plural} de forge ({', '.join(where)}) : "
                   + ", ".join(accounts))
        return signal(META, accounts, FAVORABLE, display, evidence=evidence, details=details, reason=reason)
    if others:
        return signal(META, [], NEUTRE, f"liens vers des forges, sans compte propre à la collectivité ({len(others)})",
                      details=details, reason=reason)
    return signal(META, [], DEFAVORABLE, "aucun compte de forge trouvé", details=details, reason=reason,
                  searched=searched(obs))
