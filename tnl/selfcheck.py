"""Self-check of one website without a candidates file: `tnl check-site` and the `tnl serve` jobs."""
from __future__ import annotations

import json
import re
import socket
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from crawler.guard import is_private
from ground import archive
from ground.candidates import KINDS, SLUG_RE, check_url, luhn_ok
from ground.hosts import is_reserved
from tnl.options import render_plan

MAX_URL = 2000  # longer addresses are not a collectivité's homepage; bounds what we log and store
MAX_NAME = 200

# User-facing strings (French): shown on the terminal and in the web form's error messages.
UI = {
    "url_missing": "Indiquez l'adresse du site web (par exemple https://www.ma-commune.fr/).",
    "url_long": "Adresse trop longue (plus de {n} caractères).",
    "url_bad": "Adresse invalide : {error}",
    "reserved": "{host} : nom réservé (RFC 6761), jamais envoyé au DNS ; joignable seulement avec --resolve.",
    "unknown_host": "{host} : nom introuvable dans le DNS.",
    "private": "Adresse privée refusée : {host} → {addr} (le serveur n'autorise pas les adresses locales ou "
               "privées ; voir --allow-private).",
    "siren_bad": "SIREN {value!r} : 9 chiffres attendus.",
    "siren_luhn": "SIREN {value!r} : clé de contrôle (Luhn) invalide.",
    "name_long": "Nom trop long (plus de {n} caractères).",
    "name_bad": "Le nom contient des caractères de contrôle.",
    "kind_bad": "Type {value!r} invalide (attendu : {kinds}).",
    "report_at": "Rapport : {path}",
    "name_from_home": "Nom lu sur la page d'accueil : {name}",
}

# Title segments that say nothing about who the site belongs to ("Accueil | Mairie de X").
GENERIC_SEGMENTS = {"accueil", "page d'accueil", "home", "bienvenue", "site officiel", "site internet",
                    "le site officiel", "site web"}
_SEPARATORS = re.compile(r"\s+[|–—\-:·•]\s+")


class InputError(ValueError):
    """A user input refused, with a French message fit to show as is."""


def guard_url(url: str, allow_private: bool, host_map: dict[str, str] | None = None) -> str:
    """The crawler's SSRF rule applied before queueing: refuse private targets unless allowed.

    A host named with --resolve goes through its mapped address (like crawler/guard.py); a reserved
    name (.test…) is refused without it; any other host is resolved and each address checked.
    """
    url = (url or "").strip()
    if not url:
        raise InputError(UI["url_missing"])
    if len(url) > MAX_URL:
        raise InputError(UI["url_long"].format(n=MAX_URL))
    if "://" not in url and not any(c.isspace() for c in url) and "." in url.split("/", 1)[0]:
        url = "https://" + url  # "www.ma-commune.fr" typed without a scheme
    try:
        check_url(url)
    except ValueError as exc:
        raise InputError(UI["url_bad"].format(error=exc)) from None
    host = (urlsplit(url).hostname or "").lower()
    mapped = {h.lower(): v for h, v in (host_map or {}).items()}.get(host)
    if mapped:
        addrs = [mapped.rsplit(":", 1)[0].strip("[]")]
    elif is_reserved(host):
        raise InputError(UI["reserved"].format(host=host))
    else:
        try:
            addrs = sorted({info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})
        except (socket.gaierror, UnicodeError, OSError):
            raise InputError(UI["unknown_host"].format(host=host)) from None
    bad = [a for a in addrs if is_private(a)]
    if bad and not allow_private:
        raise InputError(UI["private"].format(host=host, addr=bad[0]))
    if not urlsplit(url).path:
        url += "/"
    return url


def check_siren(value: str | None) -> str | None:
    value = re.sub(r"\s", "", value or "")
    if not value:
        return None
    if not re.fullmatch(r"\d{9}", value):
        raise InputError(UI["siren_bad"].format(value=value[:20]))
    if not luhn_ok(value):
        raise InputError(UI["siren_luhn"].format(value=value))
    return value


def check_name(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    if not value:
        return None
    if len(value) > MAX_NAME:
        raise InputError(UI["name_long"].format(n=MAX_NAME))
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise InputError(UI["name_bad"])
    return value


def slug_of(url: str) -> str:
    """The candidate id: the host without "www.", as a slug (ground.candidates.SLUG_RE)."""
    host = (urlsplit(url).hostname or "site").lower().removeprefix("www.")
    host = unicodedata.normalize("NFKD", host).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-")[:63].strip("-") or "site"
    assert SLUG_RE.match(slug), slug
    return slug


def site_candidate(url: str, name: str | None = None, siren: str | None = None, kind: str = "autre",
                   opendata: list[str] | None = None) -> dict:
    """A one-candidate entry with the same keys as a candidates-file entry (SIREN may be absent)."""
    if kind not in KINDS:
        raise InputError(UI["kind_bad"].format(value=kind, kinds=" | ".join(KINDS)))
    host = urlsplit(url).hostname or url
    return {"id": slug_of(url), "name": check_name(name) or host, "kind": kind, "siren": check_siren(siren),
            "insee": None, "websites": [url], "opendata": list(opendata or []), "datagouv_organization": None,
            "claims": []}


def homepage_name(directory: Path) -> str | None:
    """What the archived homepage says it is: its <h1>, else the telling part of its <title>."""
    import lxml.html

    for entry in archive.read_index(directory):
        offset = entry.extra.get("warc_offset")
        if entry.kind != "page" or not entry.extra.get("homepage") or offset is None or entry.status != 200:
            continue
        with open(Path(directory) / archive.WARC_NAME, "rb") as fh:
            record = archive.read_response(fh, int(offset))  # body decoded (Content-Encoding undone)
        if record is None:
            continue
        try:
            root = lxml.html.document_fromstring(record.body)
        except (ValueError, Exception):  # noqa: BLE001 - any unparsable homepage: no name from it
            continue
        h1 = root.find(".//h1")
        if h1 is not None:
            text = " ".join(h1.text_content().split())
            if text and len(text) <= 120 and text.lower() not in GENERIC_SEGMENTS:
                return text
        title = root.find(".//title")
        if title is not None:
            for part in _SEPARATORS.split(" ".join(title.text_content().split())):
                if part and part.lower() not in GENERIC_SEGMENTS:
                    return part[:MAX_NAME]
    return None


def name_from_homepage(directory: Path) -> str | None:
    """Set the candidate's name from its archived homepage (when none was given); return it."""
    path = Path(directory) / archive.CANDIDATE_NAME
    cand = archive.read_json(path)
    name = homepage_name(directory)
    if name:
        cand["name"] = name
        archive.write_json(path, cand)
    return name


def run_check_site(args, options, out: Path, stream=None) -> dict:
    """Crawl one site in this process, name it from its homepage if needed, check and render."""
    from checks.registry import ALL_CHECKS as CHECKS  # the rendered signals too (--render)
    from checks.rubric import load_rubric
    from crawler.run import run_crawl
    from tnl.pipeline import check_candidate, render_all

    stream = stream or sys.stdout
    host_map = options.host_map
    site_candidate("http://x.invalid/", args.name, args.siren, args.kind)  # cheap checks before any lookup
    url = guard_url(args.url, options.allow_private, host_map)
    opendata = [guard_url(u, options.allow_private, host_map) for u in (args.opendata or [])]
    cand = site_candidate(url, args.name, args.siren, args.kind, opendata)
    named = bool(check_name(args.name))
    log = None if args.quiet else sys.stderr
    run_crawl([cand], out, options)
    directory = out / cand["id"]
    plan = render_plan(args, options)
    if plan is not None:  # --render, here: the crawl's loop has stopped (Playwright's sync API needs none running)
        from tnl.render_stage import render_here

        render_here(directory, plan, log)
    if not named:
        name = name_from_homepage(directory)
        if name and log:
            print(UI["name_from_home"].format(name=name), file=log)
    rubric_path = getattr(args, "rubric", None)
    rubric, source = load_rubric(rubric_path, {c.meta.id for c in CHECKS} if rubric_path else None,
                                 getattr(args, "edition", None))
    report = check_candidate(directory, rubric, source)
    render_all(out, log=log)
    print(UI["report_at"].format(path=directory / archive.REPORT_HTML), file=stream)
    return report


# --- progress of a running check, read from the growing index.jsonl ------------------------------


def progress(directory: Path) -> dict:
    """Pages and documents so far, errors, the URL last tried (tolerates a torn last line)."""
    figures = {"pages": 0, "documents": 0, "errors": 0, "current_url": None, "last_error": None}
    path = Path(directory) / archive.INDEX_NAME
    if not path.exists():
        return figures
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict):
                continue
            kind, status = entry.get("kind"), entry.get("status")
            failed = bool(entry.get("error")) or (isinstance(status, int) and status >= 400
                                                  and kind not in ("robots", "probe"))
            if failed:
                figures["errors"] += 1
                figures["last_error"] = f"{entry.get('url')} : {entry.get('error') or f'HTTP {status}'}"[:300]
            elif kind == "page":
                figures["pages"] += 1
            elif kind == "document":
                figures["documents"] += 1
            if kind in ("page", "document"):
                figures["current_url"] = str(entry.get("url"))[:MAX_URL]
    return figures


COMMON_FLAGS = ("max_pages", "max_depth", "datagouv_api", "user_agent", "delay", "dns_server", "whois_server",
                "timeout", "time_budget", "max_site_mb", "ca_file",
                "comptoir_url", "sill_url", "codegouv_accounts_url")


def child_argv(args) -> list[str]:
    """The collection options of a `tnl serve` as flags for its `tnl check-site` children."""
    argv: list[str] = []
    for key in COMMON_FLAGS:
        value = getattr(args, key, None)
        if value is not None:
            argv += [f"--{key.replace('_', '-')}", str(value)]
    for value in getattr(args, "resolve", []) or []:
        argv += ["--resolve", value]
    if getattr(args, "allow_private", False):
        argv.append("--allow-private")
    if getattr(args, "render", False):
        argv.append("--render")
        for key in ("render_pages", "render_random", "render_seed", "render_timeout"):
            if getattr(args, key, None) is not None:
                argv += [f"--{key.replace('_', '-')}", str(getattr(args, key))]
    return argv
