"""Helpers of the signals read in a public directory (directory_website, domain_extension, official_email):
the directory row the candidate was read from, its cells, ANCT's own results, the extensions and the
consumer e-mail services of checks/data/directory.yaml."""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from checks.base import fold, load_data
from checks.netbase import record_evidence, records
from ground.hosts import ascii_host, is_ip, is_reserved
from ground.model import Evidence, truncate
from ground.observations import Observations

_WEB = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_BARE_DOMAIN = re.compile(r"^[^\s/@:]+\.[a-z\u00e0-\u00ff-]{2,}/?$", re.I)


def data() -> dict:
    return load_data("directory.yaml")


def directory(obs: Observations) -> dict | None:
    """The directory row the candidate was read from (ground.candidates.Directory as JSON), or None."""
    found = obs.candidate.get("directory")
    return found if isinstance(found, dict) and found.get("file") else None


def source_name(found: dict) -> str:
    """The directory a row comes from, in words (« ANCT, données de la présence numérique… »)."""
    source = str(found.get("source") or "")
    return data()["directory_sources"].get(source) or source or "annuaire"


def cells(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(column, text) of every filled cell of a row, nested values (a JSON export's lists and objects)
    flattened: `site_internet[0].valeur`."""
    if isinstance(value, dict):
        return [c for k, v in value.items() for c in cells(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [c for i, v in enumerate(value) for c in cells(v, f"{path}[{i}]")]
    text = "" if value is None else str(value).strip()
    if text and text[0] in "[{":
        try:  # a list or an object written as JSON text in one cell (an Opendatasoft export)
            return cells(json.loads(text), path)
        except ValueError:
            pass
    return [(path, text)] if text else []


def _host_of(text: str) -> str:
    text = text.strip()
    try:
        return ascii_host(urlsplit(text if "://" in text else "http://" + text).hostname or "")
    except ValueError:  # « http://[… » : not an address
        return ""


def website_cells(row: dict) -> list[tuple[str, str]]:
    """The cells of a row that give a website: a web address (http(s)://…, www.…), or a bare domain in a
    column named like a website's (website_columns), never a page of the directory itself."""
    conf = data()
    own = conf["directory_hosts"]
    out = []
    for column, text in cells(row):
        if "@" in text or not (_WEB.match(text) or (_BARE_DOMAIN.match(text) and any(
                w in fold(column) for w in conf["website_columns"]))):
            continue
        host = _host_of(text)
        if host and not any(host == h or host.endswith("." + h) for h in own):
            out.append((column, text))
    return out


def website_column(row: dict) -> str | None:
    """The column of a row meant for the website (filled or not), if the row has one."""
    words = data()["website_columns"]
    return next((str(k) for k in row if any(w in fold(str(k)) for w in words)), None)


def cell_with(row: dict, needle: str) -> tuple[str, str] | None:
    """The first cell of a row whose text holds `needle` (case ignored)."""
    wanted = needle.lower()
    return next(((c, t) for c, t in cells(row) if wanted in t.lower()), None)


def row_evidence(found: dict, column: str | None, text: str | None) -> Evidence:
    """The directory row as evidence: the file, its line, the SHA-256 of the whole file, the cell quoted
    (« (vide) » when it is empty; « aucune colonne » when the row has none for what is looked for)."""
    where = f"{source_name(found)} — {found['file']}, ligne {found.get('line')}"
    quoted = f"{column} : {text or '(vide)'}" if column else "aucune colonne ne le donne dans la ligne"
    return Evidence(url=f"annuaire:{found['file']}#ligne={found.get('line')}", fetched_at=found.get("published") or "",
                    http_status=None, snippet=truncate(f"{quoted} ({where})"), sha256=found.get("sha256"))


def anct_results(found: dict | None, signal_id: str) -> list[dict]:
    """ANCT's own conformity results for one signal's criteria, when the row carries them (the column
    listing the RCPNT criteria met): [{critere, constat_anct, colonne}], shown in the signal's details,
    attributed to ANCT, never as our verdict. Nothing when the row has no such column."""
    if not found:
        return []
    conf = data()["anct_results"]
    row = found.get("row") or {}
    column = next((k for k in row if fold(str(k)).strip() in conf["columns"]), None)
    if column is None:
        return []
    value = row[column]
    # A list (JSON), or the criteria joined in one text (« 1.1, 1.2, a », or a JSON list written as text).
    raw = value if isinstance(value, list) else re.findall(r"\w+(?:\.\w+)?", "" if value is None else str(value))
    met = {str(v).strip() for v in raw if str(v).strip()}
    quoted = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
    return [{"critere": f"{number} — {title}",
             "constat_anct": "respecté" if number in met else "non respecté",
             "colonne": f"{column} : « {quoted} »"}
            for number, title in conf["criteria"].get(signal_id, {}).items()]


def extension(host: str) -> str:
    """The top-level label of a host name (`www.Mairie.FR.` -> `fr`)."""
    return ascii_host(host).rsplit(".", 1)[-1]


def extension_kind(tld: str) -> str | None:
    """national | regional | overseas for an extension the RCPNT accepts, else None."""
    conf = data()["french_extensions"]
    return next((kind for kind in ("national", "regional", "overseas") if tld in conf[kind]), None)


def consumer_service(domain: str) -> str | None:
    """The consumer e-mail service a domain belongs to (it or a parent of it is listed), or None."""
    for group in data()["consumer_mail"]:
        if any(domain == d or domain.endswith("." + d) for d in group["domains"]):
            return group["name"]
    return None


def website_hosts_ascii(obs: Observations) -> list[tuple[str, str]]:
    """(ASCII host, website URL) of each website of the candidate, in their listed order."""
    out: list[tuple[str, str]] = []
    for url in obs.candidate.get("websites") or []:
        host = ascii_host(urlsplit(url).hostname or "")
        if host and host not in [h for h, _ in out]:
            out.append((host, url))
    return out


def unjudged_host(host: str) -> str | None:
    """Why a host's name says nothing of a registration: an address, a name reserved for tests."""
    if is_ip(host):
        return f"{host} : adresse IP, sans nom de domaine"
    if is_reserved(host):
        return f"{host} : nom réservé aux essais (RFC 6761), jamais enregistré"
    return None


def mx_facts(obs: Observations, domain: str) -> tuple[dict, list[Evidence]]:
    """What the archived DNS answer to MX for `domain` says: ({serveurs, rcode} or {raison}, evidence)."""
    rec = records(obs, "dns").get(f"dns:{domain}?type=MX")
    if rec is None:
        return {"raison": f"{domain} : aucune recherche DNS MX dans l'archive"}, []
    if rec.error or not isinstance(rec.data, dict):
        return {"raison": f"{domain} : recherche MX échouée ({rec.error or 'réponse illisible'})"}, []
    if rec.data.get("rcode") != "NOERROR":
        return ({"rcode": rec.data.get("rcode"), "raison": f"{domain} : domaine introuvable dans le DNS"},
                [record_evidence(rec, f"{domain} MX : {rec.data.get('rcode')}")])
    mx = sorted((a.get("preference", 0), a.get("exchange") or a["data"].split()[-1].rstrip(".").lower())
                for a in rec.data.get("answers", []) if a.get("type") == "MX")
    snippet = f"{domain} MX " + ("; ".join(f"{p} {h}" for p, h in mx) if mx else ": aucun serveur déclaré")
    return {"rcode": "NOERROR", "serveurs": [h for _, h in mx]}, [record_evidence(rec, snippet)]
