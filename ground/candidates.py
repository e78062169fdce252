"""Candidates file: load (YAML or CSV), validate up front, report errors with file and line."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ground.claims import Condition, ConditionError
from ground.model import DOMAINS
from ground.userfile import UserFileError, read_user_text

KINDS = ("commune", "epci", "departement", "region", "autre")
PARCOURS = ("badge", "label")
VERIFICATIONS = ("web", "document", "non")  # how a claim from a dossier can be verified
LIST_FIELDS = ("websites", "opendata")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# A national file written by `tnl candidates` (36,000 collectivités, each with its directory row) is about 40 MB.
MAX_FILE_BYTES = 128 * 1024 * 1024


class CandidatesError(Exception):
    """Bad input in the candidates file: the message names file, line, field and problem."""


def luhn_ok(digits: str) -> bool:
    """Luhn key, as used by INSEE for SIREN numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"URL {url!r} : seuls http et https sont acceptés")
    if not parts.hostname:
        raise ValueError(f"URL {url!r} : nom d'hôte manquant")
    try:
        parts.port  # raises on a bad port
    except ValueError:
        raise ValueError(f"URL {url!r} : port invalide") from None
    if any(c.isspace() for c in url):
        raise ValueError(f"URL {url!r} : contient des espaces")
    return url


class Claim(BaseModel):
    """A claim made by the candidate; verified in a later issue, kept as given."""

    model_config = ConfigDict(extra="forbid")
    domain: str | None = None
    text: str | None = None
    signal: str | None = None
    expect: Any = None
    # From an application dossier (`tnl dossiers`): the question as the form words it, its identifier
    # in the edition's mapping, the answer as given, and how it can be verified (web: on the sites;
    # document: in a document the sites publish; non: not by the tool).
    question: str | None = None
    question_id: str | None = None
    answer: str | None = None
    verification: Literal["web", "document", "non"] | None = None


class Directory(BaseModel):
    """Where a candidate was read in a public directory: the evidence of the directory's signals."""

    model_config = ConfigDict(extra="forbid")
    source: str = Field(min_length=1)  # anct | service-public | csv
    file: str = Field(min_length=1)  # the file's name as given
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")  # of the whole file read
    line: int = Field(ge=1)  # line (CSV) or record number (JSON) in that file
    row: dict[str, Any] = Field(default_factory=dict)  # the row's fields as published (what the signals cite)
    published: str | None = None  # the directory's own date, when the file gives one


class Candidate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    name: str = Field(min_length=1)
    kind: Literal["commune", "epci", "departement", "region", "autre"]
    siren: str
    insee: str | None = None
    # Required, and may be empty: a collectivité without a website (about 45 % have no domain name of
    # their own) is kept, and its report says so; the key must still be written (`websites: []`).
    websites: list[str]
    opendata: list[str] = Field(default_factory=list)
    datagouv_organization: str | None = None
    population: int | None = Field(default=None, gt=0)  # inhabitants: chooses the rubric's profile (size band)
    # The track the candidate chose since the 2025 edition: the simplified questionnaire (badge) or the
    # label (Bronze/Argent/Or). An input, never inferred (large métropoles took the badge in 2025).
    parcours: Literal["badge", "label"] | None = None
    claims: list[Claim] = Field(default_factory=list)
    # From a public directory (`tnl candidates`): the official e-mail, the place, the directory row.
    email: str | None = None
    siret: str | None = None
    departement: str | None = None  # code: 38, 2A, 971
    region: str | None = None  # INSEE code of the région: 84
    epci: str | None = None  # the SIREN of the EPCI the commune belongs to
    directory: Directory | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError(
                f"identifiant {v!r} invalide : minuscules, chiffres et tirets seulement (slug)"
            )
        return v

    @field_validator("siren", mode="before")
    @classmethod
    def _siren(cls, v: Any) -> str:
        v = re.sub(r"\s", "", str(v))
        if not re.fullmatch(r"\d{9}", v):
            raise ValueError(f"SIREN {v!r} : 9 chiffres attendus")
        if not luhn_ok(v):
            raise ValueError(f"SIREN {v!r} : clé de contrôle (Luhn) invalide")
        return v

    @field_validator("parcours", mode="before")
    @classmethod
    def _parcours(cls, v: Any) -> Any:
        # « Badge », « LABEL » from a spreadsheet; anything else is refused by the Literal with the choices.
        return v.strip().lower() or None if isinstance(v, str) else v

    @field_validator("insee", mode="before")
    @classmethod
    def _insee(cls, v: Any) -> str | None:
        if v is None or v == "":
            return None
        v = str(v).strip()
        if not re.fullmatch(r"(\d{5}|2[AB]\d{3})", v):
            raise ValueError(f"code INSEE {v!r} : 5 caractères attendus (ex. 38151, 2A004)")
        return v

    @field_validator("websites", "opendata")
    @classmethod
    def _urls(cls, v: list[str]) -> list[str]:
        return [check_url(u.strip()) for u in v]

    @field_validator("datagouv_organization", mode="before")
    @classmethod
    def _org(cls, v: Any) -> str | None:
        return None if v in (None, "") else str(v)


# --- loading -----------------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping and of each of its keys.

    Anchors and aliases are refused: a candidates file never needs them, and they are how a
    "billion laughs" file makes a few hundred bytes expand into gigabytes.
    """

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "les alias YAML (*nom) ne sont pas acceptés", event.start_mark)
        return super().compose_node(parent, index)


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser (4× faster on a national file of 36,000 candidates), for a text
    in which nothing looks like an anchor or an alias (`_MAYBE_ALIAS`); an alias met anyway (the
    anchored node constructed twice) is refused all the same."""

    def construct_object(self, node, deep=False):  # type: ignore[override]
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.composer.ComposerError(
                None, None, "les alias YAML (*nom) ne sont pas acceptés", node.start_mark)
        return super().construct_object(node, deep)


# `&name` or `*name` after a blank, a bracket, a comma, a colon or a dash: then the pure-Python loader
# reads the file and names the alias's own line.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\[\]{},]", re.M)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    lines = {"__line__": node.start_mark.line + 1}
    for key_node, _value in node.value:
        key = str(key_node.value)
        if key in lines:  # YAML would keep the last value silently: two `domain:` is a mistake
            raise yaml.constructor.ConstructorError(
                None, None, f"clé « {key} » en double (déjà ligne {lines[key]})", key_node.start_mark)
        lines[key] = key_node.start_mark.line + 1
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__lines__"] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_lines(v) for k, v in data.items() if k != "__lines__"}
    if isinstance(data, list):
        return [_strip_lines(v) for v in data]
    return data


def _read_text(path: Path) -> str:
    try:
        return read_user_text(path, "le fichier des candidats (YAML ou CSV)", MAX_FILE_BYTES,
                              spreadsheet=path.suffix.lower() == ".csv")
    except UserFileError as exc:
        raise CandidatesError(str(exc)) from None


def _yaml_entries(path: Path, text: str) -> list[tuple[int, dict, dict]]:
    try:
        loader = _LineLoader if _MAYBE_ALIAS.search(text) else _FastLineLoader
        data = yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).replace("\n", " ")
        ctx = getattr(exc, "context_mark", None)
        if ctx is not None and mark is not None and ctx.line != mark.line:
            problem += f", commencé ligne {ctx.line + 1}"
        raise CandidatesError(f"{path}{where}: YAML invalide ({problem})") from None
    if isinstance(data, dict) and set(data) - {"__lines__"} == {"candidates"}:
        data = data["candidates"]
    if not isinstance(data, list):
        raise CandidatesError(
            f"{path}: une liste de candidats est attendue (ou une clé « candidates: » contenant la liste)"
        )
    entries = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise CandidatesError(f"{path}: l'entrée n° {i + 1} n'est pas un dictionnaire de champs")
        lines = item.get("__lines__", {})
        claim_lines = [c.get("__lines__", {}) if isinstance(c, dict) else {}
                       for c in (item.get("claims") if isinstance(item.get("claims"), list) else [])]
        lines = {**lines, "__claims__": claim_lines}
        entries.append((lines.get("__line__", 0), lines, _strip_lines(item)))
    return entries


CSV_SEPARATORS = (",", ";", "\t")


def csv_separator(path: Path, text: str) -> str:
    """The separator of a CSV file, read from its header line: `,`, or `;` (a French spreadsheet's),
    or a tab. The header names the columns (`id;name;kind;…`): the separator is the one it holds."""
    header = next(iter(text.splitlines()), "")
    counts = {sep: header.count(sep) for sep in CSV_SEPARATORS}
    best = max(CSV_SEPARATORS, key=lambda sep: counts[sep])
    if counts[best] == 0:
        if header.strip() in ("id",):
            return ","
        raise CandidatesError(f"{path}:1: ligne d'en-tête sans séparateur reconnu (attendu : « , », « ; » ou "
                              f"une tabulation entre les noms de colonnes id, name, kind…)")
    return best


def _csv_entries(path: Path, text: str) -> list[tuple[int, dict, dict]]:
    separator = csv_separator(path, text)
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    columns = [(c or "").strip() for c in (reader.fieldnames or [])]
    if "id" not in columns:
        shown = {",": "« , »", ";": "« ; »", "\t": "une tabulation"}[separator]
        raise CandidatesError(f"{path}:1: colonne 'id' absente de la ligne d'en-tête (séparateur lu : {shown} ; "
                              f"colonnes lues : {', '.join(repr(c) for c in columns[:8])})")
    entries = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise CandidatesError(f"{path}:{line}: plus de valeurs que de colonnes")
        item: dict[str, Any] = {}
        for key, value in row.items():
            key = (key or "").strip()
            value = (value or "").strip()
            if not value:
                if key in LIST_FIELDS:
                    item[key] = []  # an empty cell says « none » (a collectivité without a website)
                continue
            if key in LIST_FIELDS:
                item[key] = [v.strip() for v in value.split("|") if v.strip()]
            elif key == "claims":
                raise CandidatesError(
                    f"{path}:{line}: champ 'claims' : non pris en charge en CSV, utilisez YAML"
                )
            else:
                item[key] = value
        entries.append((line, {k: line for k in item}, item))
    return entries


def _field_line(lines: dict, entry_line: int, loc: tuple) -> int:
    if loc and isinstance(loc[0], str) and loc[0] in lines:
        return lines[loc[0]]
    return entry_line


_TYPE_WORDS = {
    "list_type": "une liste est attendue",
    "string_type": "un texte est attendu",
    "dict_type": "un dictionnaire de champs est attendu",
    "model_type": "un dictionnaire de champs est attendu",
    "too_short": "la liste ne doit pas être vide",
    "string_too_short": "la valeur ne doit pas être vide",
    "int_parsing": "un nombre entier est attendu",
    "int_type": "un nombre entier est attendu",
    "int_from_float": "un nombre entier est attendu",
    "greater_than": "un nombre positif est attendu",
}


def _describe(error: dict) -> str:
    loc = error.get("loc", ())
    field = ".".join(str(p) for p in loc) if loc else "(entrée)"
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return f"champ '{field}' : champ inconnu"
    if kind == "missing":
        return f"champ '{field}' : champ obligatoire manquant"
    if kind in _TYPE_WORDS:
        got = error.get("input")
        hint = ""
        if kind == "string_type" and (got is None or isinstance(got, (bool, int, float))):
            # YAML reads on, off, yes, no, true, null, 2024… as other things than text.
            hint = " : mettre la valeur entre guillemets"
        return f"champ '{field}' : {_TYPE_WORDS[kind]} (reçu : {type(got).__name__}{hint})"
    if kind == "literal_error":
        expected = " | ".join(PARCOURS if loc and loc[0] == "parcours" else
                              VERIFICATIONS if loc and loc[-1] == "verification" else KINDS)
        return f"champ '{field}' : valeur {error.get('input')!r} invalide (attendu : {expected})"
    msg = error.get("msg", "valeur invalide")
    msg = msg.removeprefix("Value error, ")
    return f"champ '{field}' : {msg}"


def _check_claims(path: Path, cand: Candidate, lines: dict, entry_line: int, known: Collection[str]) -> None:
    """A claim must name a signal that exists and a condition that parses (checked up front)."""
    if not cand.claims:
        return
    claim_lines = lines.get("__claims__", [])
    for i, claim in enumerate(cand.claims):
        at = claim_lines[i] if i < len(claim_lines) else {}
        if claim.signal is not None and claim.signal not in known:
            line = at.get("signal", at.get("__line__", lines.get("claims", entry_line)))
            raise CandidatesError(
                f"{path}:{line}: candidat '{cand.id}', champ 'claims.{i}.signal' : signal inconnu "
                f"{claim.signal!r} (voir « tnl signals »)")
        if claim.expect is not None:
            try:
                Condition.parse(claim.expect)
            except ConditionError as exc:
                line = at.get("expect", at.get("__line__", lines.get("claims", entry_line)))
                raise CandidatesError(f"{path}:{line}: candidat '{cand.id}', champ 'claims.{i}.expect' : {exc}") from None
        if claim.domain is not None and claim.domain not in tuple(DOMAINS):
            line = at.get("domain", at.get("__line__", entry_line))
            raise CandidatesError(f"{path}:{line}: candidat '{cand.id}', champ 'claims.{i}.domain' : domaine inconnu "
                                  f"{claim.domain!r} (attendu : {' | '.join(tuple(DOMAINS))})")


def load_candidates(path: str | Path, signals: Collection[str]) -> list[Candidate]:
    """Load and validate the whole file; raise CandidatesError on the first problem found. `signals`:
    the identifiers a claim may name (the application passes its catalogue's, `tnl signals`)."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".csv":
        entries = _csv_entries(path, text)
    else:
        entries = _yaml_entries(path, text)
    if not entries:
        raise CandidatesError(f"{path}: aucun candidat")
    candidates: list[Candidate] = []
    seen: dict[str, int] = {}
    for entry_line, lines, item in entries:
        try:
            cand = Candidate.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            line = _field_line(lines, entry_line, err.get("loc", ()))
            ident = item.get("id") if isinstance(item.get("id"), str) else None
            who = f"candidat '{ident}', " if ident else ""
            raise CandidatesError(f"{path}:{line}: {who}{_describe(err)}") from None
        if cand.id in seen:
            line = lines.get("id", entry_line)
            raise CandidatesError(
                f"{path}:{line}: champ 'id' : identifiant '{cand.id}' en double (déjà ligne {seen[cand.id]})"
            )
        seen[cand.id] = lines.get("id", entry_line)
        _check_claims(path, cand, lines, entry_line, signals)
        candidates.append(cand)
    return candidates
