"""The public directories `tnl candidates` reads, as they are published: how a file's format is
recognised, and what each of its rows says of one collectivité (tnl.directories checks, filters and
writes them).

**ANCT, « Données de la présence numérique des territoires »** (data.gouv.fr; rebuilt every day from
the Service-Public directory, INSEE's geography and populations, BANATIC and SIRENE): one row per
collectivité, published as JSON (a list of objects) and as CSV (`;`), both gzipped. Columns: `type`
(commune, epci, departement, region), `siret`, `siren`, `libelle`, `population`, `code_insee`,
`code_postal`, `epci_libelle`, `epci_siren`, `epci_siret`, `epci_population`,
`departement_code_insee`, `departement_siret`, `region_code_insee`, `region_siret`,
`adresse_messagerie`, `site_internet`, `telephone`, `rpnt` (the criteria of ANCT's « Référentiel de
conformité de la présence numérique des territoires » the collectivité meets: « 1.1 »…« 2.8 » and
their groups « 1.a », « a », « aa »…; a list in JSON, joined by « , » in CSV), `service_public_url`.
A website or an e-mail ANCT does not accept (malformed) is published empty.

**Service-Public, « Annuaire de l'administration »** (DILA, api-lannuaire): one record per public
service of every kind — mairies, intercommunalités, conseils départementaux and régionaux, but also
CCAS, préfectures, tribunaux… The kind is in `pivot`, a list of {type_service_local,
code_insee_commune}: « mairie » (« mairie_com » overseas), « epci », « cg » (conseil départemental),
« cr » (conseil régional); any other record is not a collectivité and is passed over, as are the
mairies déléguées and annexes (their `nom` says so: « Mairie déléguée - … »). Identity: `siret` (the
SIREN is its first nine digits), `nom` (« Mairie - Le Puid »), `code_insee_commune` (the commune where
the service sits: its département, hence its région); contact: `site_internet` (a list of {libelle,
valeur}), `adresse_courriel`, `telephone`, `url_service_public`; `date_modification`
(« 18/12/2024 17:42:39 »), the record's own date. Two shapes are read:
- the Opendatasoft export of the dataset api-lannuaire-administration (JSON: a list of records; CSV:
  `;`), where `pivot`, `site_internet`, `telephone` are JSON written as text and `adresse_courriel`
  one text (several addresses joined by « ; »), null where a field is empty;
- the older « Base de données locales » file (JSON `{"service": [...]}`), where they are lists.

**Our plain CSV**: `type,nom,siren,population,code_insee,departement,site_web,email` (`,`, `;` or a
tab; UTF-8 or Windows-1252; titles read whatever their case and accents, « E-mail » or « Courriel » for
`email`, « Site internet » for `site_web`…), and optional `siret`, `region`, `epci`. `type` says commune, epci, departement, region or autre (or a wording such as
« Communauté de communes », « Conseil départemental »); `site_web` holds one address or several
separated by « | ».

Gzipped files (`.gz`, as ANCT publishes them) are read as they are. Each row becomes an `Entry`, or a
`Problem` (the row is set aside with its column and reason), or, in the Service-Public directory, a
reason to pass it over (not a collectivité).
"""
from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ground.text import fold
from ground.userfile import UserFileError, csv_rows, csv_separator, decode_user_text

FORMATS = ("anct", "service-public", "csv")
LABELS = {"anct": "ANCT, présence numérique des territoires", "service-public": "Service-Public, annuaire "
          "de l'administration", "csv": "CSV simple"}
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024  # a gzipped file is read up to this size once unpacked

# --- geography (INSEE's codes since 2016) -----------------------------------------------------------

REGIONS: dict[str, tuple[str, ...]] = {
    "01": ("971",), "02": ("972",), "03": ("973",), "04": ("974",), "06": ("976",),
    "11": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "24": ("18", "28", "36", "37", "41", "45"),
    "27": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "28": ("14", "27", "50", "61", "76"),
    "32": ("02", "59", "60", "62", "80"),
    "44": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "52": ("44", "49", "53", "72", "85"),
    "53": ("22", "29", "35", "56"),
    "75": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "76": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "84": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "93": ("04", "05", "06", "13", "83", "84"),
    "94": ("2A", "2B"),
}
REGION_OF = {dep: reg for reg, deps in REGIONS.items() for dep in deps}
# Collectivités d'outre-mer: a « département » code of their own, no région.
DEPARTEMENTS = frozenset(REGION_OF) | {"975", "977", "978", "986", "987", "988"}
INSEE_RE = re.compile(r"(\d{5}|2[AB]\d{3})")


def norm_code(value: Any) -> str:
    """A département or région code as INSEE writes it: « 1 » → « 01 », « 2a » → « 2A »."""
    code = text(value).upper()
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def departement_of(insee: str) -> str:
    """The département of a commune's INSEE code (three characters overseas), « » if it is not one."""
    insee = insee.strip().upper()
    if not INSEE_RE.fullmatch(insee):
        return ""
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


# --- rows -------------------------------------------------------------------------------------------


class Problem(Exception):
    """A row that cannot be read: the column and the reason (French); the collectivité's name if known."""

    def __init__(self, column: str, message: str, name: str = "") -> None:
        super().__init__(message)
        self.column, self.message, self.name = column, message, name


@dataclass
class Entry:
    """One collectivité as a directory row gives it, before its identity is checked."""

    line: int  # the line where the row starts (CSV), or the record's number (JSON)
    kind: str
    name: str
    siren: str
    siret: str
    population: Any  # as written (a number, a text, None)
    insee: str
    departement: str
    region: str
    epci: str
    websites: list[str]  # as listed, in order
    emails: list[str]
    row: dict[str, Any]  # the columns that matter, as published
    columns: dict[str, str]  # field → the column it comes from (for the messages)
    published: str | None = None


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _words(value: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text(value))).split())


ANCT_TYPES = {"commune": "commune", "epci": "epci", "departement": "departement", "region": "region"}
CSV_TYPES = {
    **ANCT_TYPES, "autre": "autre", "mairie": "commune", "commune nouvelle": "commune",
    "intercommunalite": "epci", "communaute de communes": "epci", "communaute d agglomeration": "epci",
    "communaute urbaine": "epci", "metropole": "epci", "conseil departemental": "departement",
    "conseil regional": "region", "collectivite territoriale unique": "region", "syndicat": "autre",
    "syndicat mixte": "autre", "syndicat intercommunal": "autre",
}
SP_PIVOTS = {"mairie": "commune", "mairie_com": "commune", "epci": "epci", "cg": "departement", "cr": "region"}


def _kind(value: Any, words: dict[str, str], column: str) -> str:
    kind = words.get(_words(value))
    if kind is None:
        shown = text(value)
        expected = ", ".join(dict.fromkeys(words.values()))
        raise Problem(column, f"type « {shown} » inconnu (attendu : {expected})" if shown else
                      f"type vide (attendu : {expected})")
    return kind


# The columns kept in `directory.row`: identity, place, site, e-mail, contact and ANCT's results.
ANCT_ROW = ("type", "siret", "siren", "libelle", "population", "code_insee", "epci_siren", "departement_code_insee",
            "region_code_insee", "adresse_messagerie", "site_internet", "telephone", "rpnt", "service_public_url")
ANCT_COLUMNS = {"kind": "type", "name": "libelle", "siren": "siren", "siret": "siret", "population": "population",
                "insee": "code_insee", "websites": "site_internet", "email": "adresse_messagerie", "identity": "siren"}
SP_ROW = ("id", "nom", "pivot", "siret", "siren", "code_insee_commune", "adresse_courriel", "site_internet",
          "telephone", "url_service_public", "date_modification")
SP_COLUMNS = {"kind": "pivot", "name": "nom", "siren": "siren", "siret": "siret", "population": "population",
              "insee": "code_insee_commune", "websites": "site_internet", "email": "adresse_courriel",
              "identity": "siret"}
CSV_ROW = ("type", "nom", "siren", "siret", "population", "code_insee", "departement", "region", "epci", "site_web",
           "email")
CSV_COLUMNS = {"kind": "type", "name": "nom", "siren": "siren", "siret": "siret", "population": "population",
               "insee": "code_insee", "websites": "site_web", "email": "email", "identity": "siren"}
CSV_ALIASES = {"e_mail": "email", "courriel": "email", "adresse_courriel": "email", "mail": "email",
               "site": "site_web", "site_internet": "site_web", "code_insee_commune": "code_insee",
               "insee": "code_insee", "code_departement": "departement", "code_region": "region"}
REQUIRED = {"anct": ("type", "siren", "libelle"), "service-public": ("pivot", "nom", "siret"),
            "csv": ("type", "nom", "siren")}
KNOWN_COLUMNS = frozenset(ANCT_ROW) | frozenset(SP_ROW) | frozenset(CSV_ROW)

Getter = Callable[[str], Any]


def _kept(rec: dict, names: tuple[str, ...], title: Callable[[str], str | None]) -> dict[str, Any]:
    """The row's cells that matter, under their titles as published."""
    out = {}
    for name in names:
        key = title(name)
        if key is not None and key in rec:
            out[key] = rec[key]
    return out


def anct_entry(line: int, rec: dict, get: Getter, title: Callable[[str], str | None]) -> Entry:
    kind = _kind(get("type"), ANCT_TYPES, "type")
    return Entry(line, kind, text(get("libelle")), text(get("siren")), text(get("siret")), get("population"),
                 text(get("code_insee")), norm_code(get("departement_code_insee")), norm_code(get("region_code_insee")),
                 text(get("epci_siren")), [text(get("site_internet"))], [text(get("adresse_messagerie"))],
                 _kept(rec, ANCT_ROW, title), ANCT_COLUMNS)


def _json_list(value: Any, column: str, strict: bool) -> list:
    """A field that is a list in the older file and JSON written as text in the export."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    try:
        found = json.loads(str(value))
    except ValueError:
        if strict:
            raise Problem(column, f"JSON illisible : {str(value)[:60]!r}") from None
        return [{"valeur": str(value)}]  # a bare address where JSON was expected
    return found if isinstance(found, list) else [found]


def _values(items: list) -> list[str]:
    out = []
    for item in items:
        value = item.get("valeur") if isinstance(item, dict) else item
        for one in value if isinstance(value, list) else [value]:
            if text(one):
                out.append(text(one))
    return out


def _sp_date(value: Any) -> str | None:
    """« 18/12/2024 17:42:39 » (older file) or « 2024-12-18T17:42:39+00:00 » (export) → « 2024-12-18 »."""
    raw = text(value)
    m = re.match(r"(\d{2})/(\d{2})/(\d{4})", raw)
    if m:
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    m = re.match(r"\d{4}-\d{2}-\d{2}", raw)
    return m.group(0) if m else None


ANNEX_RE = re.compile(r"\b(delegue|deleguee|annexe)\b")


def sp_entry(line: int, rec: dict, get: Getter, title: Callable[[str], str | None]) -> Entry | str:
    """The Service-Public record of a collectivité, or why it is passed over: « service » (another kind of
    public service), « annexe » (a mairie déléguée or annexe)."""
    pivots = [p for p in _json_list(get("pivot"), "pivot", strict=True) if isinstance(p, dict)]
    kind = next((SP_PIVOTS[p.get("type_service_local")] for p in pivots
                 if p.get("type_service_local") in SP_PIVOTS), None)
    if kind is None:
        return "service"
    name = text(get("nom"))
    if kind == "commune" and ANNEX_RE.search(_words(name)):
        return "annexe"
    if kind == "commune":
        name = re.sub(r"^mairie\s*[-–—:]\s*", "", name, flags=re.IGNORECASE)
    insee = text(get("code_insee_commune")).upper()
    if not insee:
        codes = next((p.get("code_insee_commune") for p in pivots if p.get("type_service_local") in SP_PIVOTS), None)
        insee = text(codes[0] if isinstance(codes, list) and codes else codes).upper()
    emails = get("adresse_courriel")
    emails = _values(emails) if isinstance(emails, list) else [e for e in re.split(r"[;,\s]+", text(emails)) if e]
    departement = departement_of(insee)
    return Entry(line, kind, name, text(get("siren")), text(get("siret")), None, insee, departement,
                 REGION_OF.get(departement, ""), "", _values(_json_list(get("site_internet"), "site_internet", False)),
                 emails, _kept(rec, SP_ROW, title), SP_COLUMNS, _sp_date(get("date_modification")))


def csv_entry(line: int, rec: dict, get: Getter, title: Callable[[str], str | None]) -> Entry:
    kind = _kind(get("type"), CSV_TYPES, title("type") or "type")
    sites = [s.strip() for s in text(get("site_web")).split("|") if s.strip()]
    columns = {k: title(v) or v for k, v in CSV_COLUMNS.items()}
    return Entry(line, kind, text(get("nom")), text(get("siren")), text(get("siret")), get("population"),
                 text(get("code_insee")).upper(), norm_code(get("departement")), norm_code(get("region")),
                 text(get("epci")), sites, [text(get("email"))], _kept(rec, CSV_ROW, title), columns)


BUILDERS = {"anct": anct_entry, "service-public": sp_entry, "csv": csv_entry}
NAME_COLUMNS = {"anct": "libelle", "service-public": "nom", "csv": "nom"}


# --- files --------------------------------------------------------------------------------------------


class FormatError(Exception):
    """The file cannot be read as a directory: one line naming the file and the problem."""


@dataclass
class Table:
    path: Path
    format: str
    is_json: bool
    titles: dict[str, str] = field(default_factory=dict)  # CSV: normalised column name → the title as written
    rows: list[tuple[int, dict | Problem]] = field(default_factory=list)

    def place(self, line: int) -> str:
        return f"{self.path}, enregistrement n° {line}" if self.is_json else f"{self.path}:{line}"

    def title(self, name: str) -> str | None:
        return name if self.is_json else self.titles.get(name)

    def entries(self) -> Iterator[tuple[int, Entry | str | Problem]]:
        build = BUILDERS[self.format]
        for line, rec in self.rows:
            if isinstance(rec, Problem):
                yield line, rec
                continue
            def get(name: str, rec: dict = rec) -> Any:
                key = self.title(name)
                return rec.get(key) if key is not None else None
            try:
                yield line, build(line, rec, get, self.title)
            except Problem as problem:
                problem.name = problem.name or text(get(NAME_COLUMNS[self.format]))
                yield line, problem


def _title_key(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(title.strip())).strip("_")


def unpack(path: Path, data: bytes) -> bytes:
    """The file's bytes, gunzipped when they are gzip's (bounded); an archive is refused with what to do."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                out = fh.read(MAX_UNPACKED_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise FormatError(f"{path}: fichier gzip illisible ({exc})") from None
        if len(out) > MAX_UNPACKED_BYTES:
            raise FormatError(f"{path}: fichier gzip trop gros une fois décompressé (plus de {MAX_UNPACKED_BYTES} "
                              f"octets)")
        return out
    if data[:4] == b"PK\x03\x04":
        raise FormatError(f"{path}: c'est une archive zip ; en extraire le fichier JSON ou CSV de l'annuaire")
    if data[:3] == b"BZh":
        raise FormatError(f"{path}: c'est une archive bzip2 (.tar.bz2) ; en extraire le fichier JSON de l'annuaire")
    return data


def _json_table(path: Path, text_: str, wanted: str | None) -> Table:
    try:
        data = json.loads(text_)
    except ValueError as exc:
        where = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FormatError(f"{path}{where}: JSON illisible ({getattr(exc, 'msg', exc)})") from None
    if isinstance(data, dict):
        found = next((data[k] for k in ("service", "results", "records") if isinstance(data.get(k), list)), None)
        if found is None:
            raise FormatError(f"{path}: JSON sans liste d'enregistrements (attendu : une liste, ou la clé "
                              f"« service » de l'annuaire de Service-Public)")
        data = found
    if not isinstance(data, list):
        raise FormatError(f"{path}: JSON sans liste d'enregistrements")
    first = next((r for r in data if isinstance(r, dict)), {})
    keys = set(first)
    fmt = "service-public" if "pivot" in keys else "anct" if set(REQUIRED["anct"]) <= keys else None
    if wanted == "csv":
        raise FormatError(f"{path}: --format csv attend un fichier CSV ; celui-ci est du JSON")
    fmt = wanted or fmt
    if fmt is None:
        raise FormatError(f"{path}: format d'annuaire non reconnu (clés du premier enregistrement : "
                          f"{', '.join(sorted(keys)[:12]) or 'aucune'}) ; préciser --format anct ou service-public")
    missing = [k for k in REQUIRED[fmt] if k not in keys]
    if data and missing:
        raise FormatError(f"{path}, enregistrement n° 1: clés absentes pour le format {fmt} : {', '.join(missing)}")
    rows: list[tuple[int, dict | Problem]] = [
        (n, r if isinstance(r, dict) else Problem("", "l'enregistrement n'est pas un objet JSON"))
        for n, r in enumerate(data, start=1)]
    return Table(path, fmt, True, rows=rows)


def _csv_table(path: Path, text_: str, wanted: str | None) -> Table:
    try:
        header, records = csv_rows(path, text_, csv_separator(text_, KNOWN_COLUMNS, _title_key))
    except UserFileError as exc:
        raise FormatError(str(exc)) from None
    rows: list[tuple[int, dict | Problem]] = [
        (start, Problem("", f"plus de valeurs ({len(cells)}) que de colonnes ({len(header)})"))
        if len(cells) > len(header) else
        (start, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
        for start, cells in records]
    titles: dict[str, str] = {}
    for title in header:
        titles.setdefault(_title_key(title), title)
    names = set(titles)
    fmt = ("service-public" if "pivot" in names else "anct" if set(REQUIRED["anct"]) <= names
           else "csv" if set(REQUIRED["csv"]) <= names else None)
    fmt = wanted or fmt
    if fmt is None:
        raise FormatError(f"{path}:1: format d'annuaire non reconnu (colonnes lues : "
                          f"{', '.join(repr(h) for h in header[:10])}) ; le CSV simple a les colonnes "
                          f"type,nom,siren,population,code_insee,departement,site_web,email")
    missing = [k for k in REQUIRED[fmt] if k not in names]
    if missing:
        raise FormatError(f"{path}:1: colonnes absentes pour le format {fmt} : {', '.join(missing)} (colonnes lues : "
                          f"{', '.join(repr(h) for h in header[:10])})")
    if fmt == "csv":  # a spreadsheet's own words for our columns
        for alias, name in CSV_ALIASES.items():
            if alias in titles and name not in titles:
                titles[name] = titles[alias]
    return Table(path, fmt, False, titles, rows)


def read_table(path: Path, data: bytes, wanted: str | None = None) -> Table:
    """The directory's rows, its format recognised from its content (or `wanted`)."""
    raw = unpack(path, data)
    try:
        content = decode_user_text(path, raw, spreadsheet=True)
    except UserFileError as exc:
        raise FormatError(str(exc)) from None
    if content.lstrip()[:1] in ("[", "{"):
        return _json_table(path, content, wanted)
    return _csv_table(path, content, wanted)
