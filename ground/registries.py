"""Readers of the public registries' exports, and how a candidate is recognised in them.

What was verified, and where (public sources read with the search tool; no live fetch):

- Comptoir du Libre (ADULLACT), ``https://comptoir-du-libre.org/public/export/comptoir-du-libre_export_v1.json``:
  the URL and the shape are those read by the SILL's own back end (codegouvfr/sill-api,
  ``src/core/ports/GetComptoirDuLibre.ts`` and its zod schema): ``{"date_of_export", "number_of_software",
  "softwares": [{"id", "created", "modified", "url", "name", "licence", "external_resources": {"website",
  "repository", later also "wikidata", "sill", "framalibre"…}, "providers": [...], "users": [{"id", "url",
  "name", "type", "external_resources": {"website"}}]}]}``. A user carries NO SIREN: it is matched by name
  and by its website's host.
- SILL (code.gouv.fr/sill, DINUM), ``https://code.gouv.fr/sill/api/catalogi.json``: the URL is the one given
  as the SILL's open-data download in codegouvfr/sill ``web/public/tos_fr.md``. The public software type in
  codegouvfr/sill-api and codegouvfr/sill (``softwareId``, ``softwareName``, ``wikidataId``,
  ``comptoirDuLibreId``, ``userAndReferentCountByOrganization: {<organisation name>: {userCount,
  referentCount}}``) was read in their TypeScript sources; that catalogi.json serialises exactly these keys
  was NOT verified (newer versions name the fields ``name``/``id``), so the reader accepts both spellings.
  Organisations carry no SIREN there either: matched by name only.
- code.gouv.fr's list of public bodies' forge accounts: ``https://code.gouv.fr/data/owners.json`` is the
  address given in codegouvfr/codegouvfr-sources ``resources/public/md/about.en.md`` ("The list of
  organizations as json"); the record fields (``id`` = account URL such as
  ``https://gitlab.inria.fr/capsid.crates``, ``name``, ``login``, ``forge``, ``website``, ``organization``,
  ``ministry``, ``floss_policy``, ``repositories_count``…) were read from the data.gouv.fr dataset that
  mirrors it ("Inventory of software source codes published by public bodies"). Whether owners.json is a list
  or an object keyed by URL was NOT verified: both are accepted. The brief's
  ``comptes-organismes-publics.json`` was not found in any public source (the source list is a YAML file,
  ``comptes-organismes-publics.yml``, in codegouvfr-data).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from ground import archive
from ground.archive import json_or_none
from ground.observations import RegistryExport
from ground.text import normalise_name

# The real public exports, used by default (an empty value disables one).
COMPTOIR_URL = "https://comptoir-du-libre.org/public/export/comptoir-du-libre_export_v1.json"
SILL_URL = "https://code.gouv.fr/sill/api/catalogi.json"
CODEGOUV_ACCOUNTS_URL = "https://code.gouv.fr/data/owners.json"
PURPOSES = ("comptoir", "sill", "codegouv_accounts")
REGISTRY_DIR = "_registries"  # <out>/_registries/: one archive per run, shared by every candidate

# Words that name the kind of body before its proper name ("Mairie de X", "Ville de X"): two names that
# differ only by one of these prefixes designate the same collectivité.
_PREFIXES = (
    "mairie de la", "mairie de", "mairie d", "mairie du", "ville de la", "ville de", "ville d", "ville du",
    "commune de la", "commune de", "commune d", "commune du", "departement de la", "departement de",
    "departement du", "departement des", "departement d", "conseil departemental de la",
    "conseil departemental de", "conseil departemental du", "conseil departemental des",
    "conseil departemental d", "communaute d agglomeration de la", "communaute d agglomeration du",
    "communaute d agglomeration de", "communaute d agglomeration des", "communaute d agglomeration d",
    "ca du", "ca de la", "ca de", "ca des", "ca d", "communaute de communes du", "communaute de communes de la",
    "communaute de communes de", "communaute de communes des", "communaute de communes d",
)


@dataclass(frozen=True)
class DeclaredUse:
    """An organisation declared as a user of one software in a registry."""

    source: str  # comptoir | sill
    software: str
    software_id: str | None
    organisation: str
    page: str | None = None  # the software's page on the registry (Comptoir) when given
    website: str | None = None  # the organisation's website as declared (Comptoir)
    siren: str | None = None


@dataclass(frozen=True)
class ForgeAccount:
    """One organisation account on a forge, as listed by code.gouv.fr."""

    url: str
    forge: str
    login: str
    name: str
    organisation: str
    website: str | None = None
    siren: str | None = None


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _ident(value: Any) -> str | None:
    if isinstance(value, (int, str)) and str(value).strip():
        return str(value).strip()
    return None


def comptoir_uses(data: Any) -> list[DeclaredUse]:
    """Every (software, user) pair of the Comptoir du Libre export; [] if the shape is not recognised."""
    softwares = data.get("softwares") if isinstance(data, dict) else None
    out = []
    for sw in softwares if isinstance(softwares, list) else []:
        if not isinstance(sw, dict) or not _str(sw.get("name")):
            continue
        for user in sw.get("users") or []:
            if not isinstance(user, dict) or not _str(user.get("name")):
                continue
            res = user.get("external_resources") if isinstance(user.get("external_resources"), dict) else {}
            out.append(DeclaredUse("comptoir", _str(sw["name"]), _ident(sw.get("id")), _str(user["name"]),
                                   _str(sw.get("url")) or None, _str(res.get("website")) or None,
                                   _ident(user.get("siren") or res.get("siren"))))
    return out


def sill_uses(data: Any) -> list[DeclaredUse]:
    """Every (software, organisation) pair of the SILL export; [] if the shape is not recognised."""
    items = data.get("softwares", data.get("data")) if isinstance(data, dict) else data
    out = []
    for sw in items if isinstance(items, list) else []:
        if not isinstance(sw, dict):
            continue
        name = _str(sw.get("softwareName")) or _str(sw.get("name"))
        if not name:
            continue
        ident = _ident(sw.get("softwareId", sw.get("id")))
        orgs = sw.get("userAndReferentCountByOrganization")
        for org, counts in (orgs.items() if isinstance(orgs, dict) else []):
            if not _str(org):
                continue
            if isinstance(counts, dict) and not (counts.get("userCount") or counts.get("referentCount")):
                continue
            out.append(DeclaredUse("sill", name, ident, _str(org)))
    return out


def codegouv_accounts(data: Any) -> list[ForgeAccount]:
    """Forge accounts of public bodies from code.gouv.fr's owners list (a list, or an object keyed by URL)."""
    if isinstance(data, dict):
        records = [dict(v, id=v.get("id") or k) for k, v in data.items() if isinstance(v, dict)]
    elif isinstance(data, list):
        records = [r for r in data if isinstance(r, dict)]
    else:
        records = []
    out = []
    for r in records:
        url = _str(r.get("id")) or _str(r.get("owner_url")) or _str(r.get("organization_url"))
        if not url.startswith(("http://", "https://")):
            continue
        out.append(ForgeAccount(url=url, forge=_str(r.get("forge")) or (urlsplit(url).hostname or ""),
                                login=_str(r.get("login")), name=_str(r.get("name")),
                                organisation=_str(r.get("organization")), website=_str(r.get("website")) or None,
                                siren=_ident(r.get("siren"))))
    return out


# --- recognising a candidate ---------------------------------------------------------------------


def core_name(name: str) -> str:
    """The proper name without the kind of body: « Mairie de Libreville-sur-Isère » -> « libreville sur isere »."""
    text = normalise_name(name)
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        if text.startswith(prefix + " "):
            return text[len(prefix) + 1:]
    return text


def bare_host(url: str | None) -> str:
    host = (urlsplit(url or "").hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class CandidateKeys:
    siren: str | None
    names: frozenset[str]  # normalised full and core names
    hosts: frozenset[str]  # website hosts without www.

    @classmethod
    def of(cls, candidate: dict) -> "CandidateKeys":
        name = str(candidate.get("name") or "")
        names = {n for n in (normalise_name(name), core_name(name)) if n}
        hosts = {bare_host(u) for u in candidate.get("websites") or []} - {""}
        return cls(str(candidate.get("siren") or "") or None, frozenset(names), frozenset(hosts))

    def match(self, name: str, website: str | None = None, siren: str | None = None) -> str | None:
        """How an entry designates this candidate: "siren", "site", "nom", or None."""
        if siren and self.siren:
            return "siren" if re.sub(r"\D", "", siren)[:9] == self.siren else None
        if website and bare_host(website) in self.hosts:
            return "site"
        if name and (normalise_name(name) in self.names or core_name(name) in self.names):
            return "nom"
        return None


def find_uses(candidate: dict, uses: Iterable[DeclaredUse]) -> list[tuple[DeclaredUse, str]]:
    keys = CandidateKeys.of(candidate)
    out = []
    for use in uses:
        how = keys.match(use.organisation, use.website, use.siren)
        if how:
            out.append((use, how))
    return out


def find_accounts(candidate: dict, accounts: Iterable[ForgeAccount]) -> list[tuple[ForgeAccount, str]]:
    keys = CandidateKeys.of(candidate)
    out = []
    for acc in accounts:
        how = (keys.match(acc.organisation, acc.website, acc.siren)
               or keys.match(acc.name, None, None))
        if how:
            out.append((acc, how))
    return out



_REGISTRY_CACHE: dict[tuple, list[RegistryExport]] = {}


_REGISTRY_CACHE: dict[tuple, list[RegistryExport]] = {}


def load_registries(directory: Path) -> list[RegistryExport]:
    """The run's registry exports (index kind "registry"), the latest of each purpose; parsed once per run."""
    # The main index, or the shards of a distributed crawl (--redis).
    paths = [directory / archive.shard_names(s)[1] for s in archive.shards(directory)] if directory.is_dir() else []
    paths = [p for p in paths if p.exists()]
    if not paths:
        return []
    key = (str(directory.resolve()), *((p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if key not in _REGISTRY_CACHE:
        entries = [e for e in archive.read_merged_index(directory) if e.kind == "registry"]
        by_record = {e.record_id: e for e in entries if e.record_id}
        found: list[RegistryExport] = []
        for resp in archive.iter_merged_responses(directory):
            e = by_record.get(resp.record_id)
            if e is not None:
                data = json_or_none(resp.body) if e.status and 200 <= e.status < 300 else None
                found.append(RegistryExport(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, e.sha256,
                                            e.record_id, data, None if data is not None or not e.status
                                            or e.status >= 300 else "réponse non JSON"))
        found += [RegistryExport(e.url, e.extra.get("purpose", ""), e.status, e.fetched_at, None, None, error=e.error)
                  for e in entries if e.record_id is None]
        latest: dict[str, RegistryExport] = {}
        for reg in sorted(found, key=lambda r: (r.data is not None, r.fetched_at)):
            latest[reg.purpose] = reg  # a usable export wins over a failed one, then the latest
        _REGISTRY_CACHE.clear()  # one run at a time: keep memory bounded
        _REGISTRY_CACHE[key] = sorted(latest.values(), key=lambda r: r.purpose)
    return list(_REGISTRY_CACHE[key])
