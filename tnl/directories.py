"""A public directory → the candidates file: `tnl candidates SOURCE --out candidats.yaml`.

The directories (tnl.directories_formats says what each file looks like): ANCT's « Données de la
présence numérique des territoires », Service-Public's « Annuaire de l'administration », and our
plain CSV. Each collectivité read becomes a candidate:
- its identifier is a stable slug, `<kind>-<name>-<code>`: the code is the commune's INSEE code, the
  département's or the région's code, otherwise the SIREN; two communes of the same name differ by
  their INSEE code, and a collectivité keeps its identifier from one run to the next;
- its SIREN is checked (nine digits, Luhn key), taken from the SIRET's first nine digits when the
  directory gives only a SIRET, which must then be one of its établissements (fourteen digits, Luhn);
- its population and kind choose the rubric's profile; its official e-mail, SIRET, département,
  région and EPCI are kept; `directory` holds where it was read (source, file, the file's SHA-256,
  line or record number, the directory's own date of the row when given) and the row itself, cut to
  the columns that matter (identity, place, site, e-mail, contact, ANCT's conformity results): the
  evidence of the signals that the directories themselves tell;
- a collectivité without a website is kept (`websites: []`): its report says so. Of the sites ANCT
  and Service-Public list, the first one usable is kept (a page of a social network is not a website
  of the collectivité's own: the row still shows it); our CSV's are all kept.

Filters (all must hold; the values of one filter are alternatives): `departement` codes, `region`
codes, `kind`, `min_population` (a collectivité whose population is unknown does not pass it).

A row that cannot be read (SIREN or SIRET, type wording, population, name, a collectivité already
read) is set aside with one line naming the file, its line and column, and the reason; the others are
written (`strict=True`: the first such row is an error, DirectoryError, and nothing is written). Rows
outside the filters are not checked. The file is written atomically, then read back.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from ground.candidates import KINDS, Candidate, CandidatesError, check_url, luhn_ok
from ground.userfile import UserFileError, read_user_bytes
from tnl.directories_formats import (
    DEPARTEMENTS,
    FORMATS,
    INSEE_RE,
    LABELS,
    REGION_OF,
    REGIONS,
    Entry,
    FormatError,
    Problem,
    Table,
    departement_of,
    norm_code,
    read_table,
)
from tnl.dossiers import slug

MAX_DIRECTORY_BYTES = 1024 * 1024 * 1024
# A site listed on these is a page of a social network, not a website of the collectivité's own.
SOCIAL_HOSTS = ("facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com", "youtube.com",
                "tiktok.com")
EMAIL_RE = re.compile(r"[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+")
SEPARATORS = re.compile(r"[\s\u00a0\u202f.]")  # in « 213 899 909 », « 213.899.909 »

__all__ = ["FORMATS", "DirectoryError", "Filters", "Result", "convert", "run_candidates", "write_candidates"]


class DirectoryError(Exception):
    """Bad input: one French line naming the file (line, column) or the option, and the problem."""


@dataclass(frozen=True)
class Filters:
    departements: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    min_population: int | None = None

    @classmethod
    def of(cls, departements: Iterable[str] = (), regions: Iterable[str] = (), kinds: Iterable[str] = (),
           min_population: int | None = None) -> Filters:
        """The filters the options ask for; an unknown code or kind is bad input."""
        deps, regs = {norm_code(d) for d in departements}, {norm_code(r) for r in regions}
        unknown = sorted(deps - DEPARTEMENTS)
        if unknown:
            raise DirectoryError(f"--departement {unknown[0]} : code de département inconnu (ex. 01, 38, 2A, 971)")
        unknown = sorted(regs - set(REGIONS))
        if unknown:
            raise DirectoryError(f"--region {unknown[0]} : code de région inconnu (codes INSEE : "
                                 f"{', '.join(sorted(REGIONS))})")
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise DirectoryError(f"--kind {unknown[0]} : type inconnu (attendu : {' | '.join(KINDS)})")
        if min_population is not None and min_population < 1:
            raise DirectoryError(f"--min-population {min_population} : un nombre d'habitants positif est attendu")
        return cls(frozenset(deps), frozenset(regs), frozenset(kinds), min_population)

    def __bool__(self) -> bool:
        return bool(self.departements or self.regions or self.kinds or self.min_population)

    def describe(self) -> str:
        parts = []
        if self.kinds:
            parts.append("type " + " ou ".join(k for k in KINDS if k in self.kinds))
        if self.departements:
            parts.append("département " + ", ".join(sorted(self.departements)))
        if self.regions:
            parts.append("région " + ", ".join(sorted(self.regions)))
        if self.min_population:
            parts.append(f"au moins {self.min_population} habitants")
        return " ; ".join(parts)

    def keeps_place(self, kind: str, departement: str, region: str) -> bool:
        return ((not self.kinds or kind in self.kinds)
                and (not self.departements or departement in self.departements)
                and (not self.regions or region in self.regions))


@dataclass
class Result:
    """What `convert` made of a directory: the candidates, and what the summary tells."""

    source: Path
    format: str
    sha256: str
    filters: Filters
    is_json: bool = False  # records (JSON) rather than lines (CSV)
    candidates: list[dict] = field(default_factory=list)
    read: int = 0  # rows or records read
    collectivites: int = 0  # of which collectivités (Service-Public: the others are other services)
    passed: Counter = field(default_factory=Counter)  # Service-Public: « service », « annexe »
    filtered_out: int = 0
    unknown_population: int = 0  # of those filtered out, for want of a population (--min-population)
    set_aside: list[str] = field(default_factory=list)  # one line each
    no_website: int = 0
    social_sites: int = 0  # the site listed is a page of a social network
    unusable_sites: list[str] = field(default_factory=list)  # one line each: kept without that site


def _population(entry: Entry) -> int | None:
    value = entry.population
    column = entry.columns["population"]
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or not float(value).is_integer():
            raise Problem(column, f"nombre d'habitants {value!r} : un nombre entier est attendu")
        return int(value) or None
    squashed = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", squashed):
        squashed = squashed.replace(".", "")
    if not squashed.isdigit():
        raise Problem(column, f"nombre d'habitants « {value} » : un nombre entier est attendu")
    return int(squashed) or None


def _identity(entry: Entry) -> tuple[str, str]:
    """(SIREN, SIRET or « »), checked."""
    cols = entry.columns
    siret = SEPARATORS.sub("", entry.siret)
    if siret:
        if not re.fullmatch(r"\d{14}", siret):
            raise Problem(cols["siret"], f"SIRET « {entry.siret} » : 14 chiffres attendus")
        if not luhn_ok(siret):
            raise Problem(cols["siret"], f"SIRET {siret} : clé de contrôle (Luhn) invalide")
    siren, column = SEPARATORS.sub("", entry.siren), cols["siren"]
    if not siren:
        if not siret:
            raise Problem(cols["identity"], "SIREN et SIRET vides : l'un des deux est nécessaire pour identifier la "
                                            "collectivité")
        siren, column = siret[:9], cols["siret"]
    if not re.fullmatch(r"\d{9}", siren):
        raise Problem(column, f"SIREN « {entry.siren} » : 9 chiffres attendus")
    if not luhn_ok(siren):
        raise Problem(column, f"SIREN {siren} : clé de contrôle (Luhn) invalide")
    if siret and siret[:9] != siren:
        raise Problem(cols["siret"], f"SIRET {siret} : ce n'est pas un établissement du SIREN {siren}")
    return siren, siret


def _site(raw: str) -> tuple[str | None, str]:
    """(the address to crawl, or None and why: « social », or the problem in words)."""
    url = raw.strip().split("#")[0].strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        if "." not in url or any(c.isspace() for c in url):
            return None, f"adresse « {raw} » illisible"
        url = "https://" + url  # « www.mairie.fr »: as a browser would
    try:
        check_url(url)
    except ValueError as exc:
        return None, str(exc)
    host = (urlsplit(url).hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in SOCIAL_HOSTS):
        return None, "social"
    return url, ""


def _email(values: list[str]) -> str | None:
    for value in values:
        value = value.strip().removeprefix("mailto:")
        if EMAIL_RE.fullmatch(value):
            return value
    return None


def make_id(kind: str, name: str, code: str) -> str:
    """« commune », « Saint-Martin », « 38421 » → « commune-saint-martin-38421 » (at most 63 characters)."""
    tail, words = slug(code), slug(name)
    room = 63 - len(kind) - len(tail) - 2
    if len(words) > room:  # cut at the end of a word
        words = words[:room] if words[room] == "-" or "-" not in words[:room] else words[:room].rsplit("-", 1)[0]
    return "-".join(p for p in (kind, words.rstrip("-"), tail) if p)


class _Converter:
    def __init__(self, table: Table, result: Result, strict: bool) -> None:
        self.table, self.result, self.strict = table, result, strict
        self.ids: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}

    def where(self, line: int) -> str:
        return f"enregistrement n° {line}" if self.table.is_json else f"ligne {line}"

    def aside(self, line: int, name: str, problem: Problem) -> None:
        who = f"« {name} », " if name else ""
        column = f"colonne « {problem.column} » : " if problem.column else ""
        said = f"{self.table.place(line)}: {who}{column}{problem.message}"
        if self.strict:
            raise DirectoryError(said)
        self.result.set_aside.append(f"{said} — écartée")

    def sites(self, entry: Entry) -> list[str]:
        kept: list[str] = []
        for raw in entry.websites:
            if not raw.strip():
                continue
            url, why = _site(raw)
            if url is None:
                if why == "social":
                    self.result.social_sites += 1
                else:
                    self.result.unusable_sites.append(
                        f"{self.table.place(entry.line)}: « {entry.name} », colonne « {entry.columns['websites']} » : "
                        f"{why} — gardée sans ce site")
                continue
            if url not in kept:
                kept.append(url)
            if self.table.format != "csv":
                break  # the directory's first site is the official one
        return kept

    def candidate(self, entry: Entry, departement: str, region: str, population: int | None) -> dict:
        cols = entry.columns
        if not entry.name:
            raise Problem(cols["name"], "nom vide")
        siren, siret = _identity(entry)
        insee = entry.insee if entry.kind == "commune" and entry.insee else None
        if insee is not None and not INSEE_RE.fullmatch(insee):
            raise Problem(cols["insee"], f"code INSEE « {insee} » : 5 caractères attendus (ex. 38151, 2A004)")
        code = {"commune": insee, "departement": departement, "region": region}.get(entry.kind) or siren
        cid = make_id(entry.kind, entry.name, code)
        if cid in self.ids:
            raise Problem(cols["name"], f"identifiant « {cid} » déjà pris par la collectivité lue "
                                        f"{self.where(self.ids[cid])} (même type, même nom, même code)")
        key = ("siret", siret) if siret else ("siren", siren)
        if key in self.keys:
            raise Problem(cols[key[0]], f"{key[0].upper()} {key[1]} déjà lu {self.where(self.keys[key])}")
        websites = self.sites(entry)
        epci = SEPARATORS.sub("", entry.epci)
        item = {
            "id": cid, "name": entry.name, "kind": entry.kind, "siren": siren, "insee": insee, "websites": websites,
            "population": population, "email": _email(entry.emails), "siret": siret or None,
            "departement": departement or None, "region": region or None,
            "epci": epci if re.fullmatch(r"\d{9}", epci) else None,
            "directory": {"source": self.table.format, "file": str(self.table.path), "sha256": self.result.sha256,
                          "line": entry.line, "row": entry.row, "published": entry.published},
        }
        try:
            cand = Candidate.model_validate(item)
        except ValidationError as exc:  # what the checks above let through: said as the candidates file says it
            err = exc.errors()[0]
            loc = err.get("loc", ())
            msg = err.get("msg", "valeur invalide").removeprefix("Value error, ")
            raise Problem(cols.get(str(loc[0]) if loc else "", str(loc[0]) if loc else ""), msg) from None
        self.ids[cid] = self.keys[key] = entry.line
        out = cand.model_dump(mode="json", exclude_none=True)
        for empty in ("opendata", "claims"):
            if not out.get(empty):
                out.pop(empty, None)
        if not websites:
            self.result.no_website += 1
        return out

    def run(self, filters: Filters) -> None:
        result = self.result
        for line, got in self.table.entries():
            result.read += 1
            if isinstance(got, str):
                result.passed[got] += 1
                continue
            if isinstance(got, Problem):
                self.aside(line, got.name, got)
                continue
            result.collectivites += 1
            entry = got
            departement = entry.departement or departement_of(entry.insee)
            region = entry.region or REGION_OF.get(departement, "")
            if entry.kind == "region":
                departement = ""  # a région is in no département (its seat is)
            if not filters.keeps_place(entry.kind, departement, region):
                result.filtered_out += 1
                continue
            try:
                population = _population(entry)
                if filters.min_population and (population is None or population < filters.min_population):
                    result.filtered_out += 1
                    result.unknown_population += population is None
                    continue
                result.candidates.append(self.candidate(entry, departement, region, population))
            except Problem as problem:
                self.aside(line, entry.name, problem)


def convert(source: str | Path, fmt: str | None = None, filters: Filters | None = None,
            strict: bool = False) -> Result:
    """The candidates of a directory file (see the module's docstring)."""
    source = Path(source)
    filters = filters or Filters()
    try:
        data = read_user_bytes(source, "le fichier d'un annuaire (JSON ou CSV)", MAX_DIRECTORY_BYTES)
    except UserFileError as exc:
        raise DirectoryError(str(exc)) from None
    try:
        table = read_table(source, data, fmt)
    except FormatError as exc:
        raise DirectoryError(str(exc)) from None
    if filters.min_population and table.format == "service-public":
        raise DirectoryError(f"{source}: l'annuaire de Service-Public ne donne pas la population ; --min-population "
                             f"ne peut s'y appliquer (le fichier de l'ANCT la donne)")
    result = Result(source, table.format, hashlib.sha256(data).hexdigest(), filters, table.is_json)
    _Converter(table, result, strict).run(filters)
    if not result.read:
        raise DirectoryError(f"{source}: aucune ligne de données")
    if not result.candidates:
        if result.filtered_out:
            aside = (f" ; {_plural(len(result.set_aside), '{n} écartée, illisible', '{n} écartées, illisibles')}"
                     if result.set_aside else "")
            raise DirectoryError(f"{source}: aucune des {result.collectivites} collectivités lues ne passe les filtres "
                                 f"({filters.describe()}){aside}")
        if result.set_aside:
            raise DirectoryError(f"{source}: aucune collectivité lisible sur {result.collectivites} ; "
                                 f"{result.set_aside[0]}")
        read = _plural(result.read, "{n} enregistrement lu", "{n} enregistrements lus") if result.is_json else \
            _plural(result.read, "{n} ligne lue", "{n} lignes lues")
        raise DirectoryError(f"{source}: aucune collectivité (mairie, intercommunalité, conseil départemental ou "
                             f"régional) dans le fichier ({read})")
    return result


def write_candidates(result: Result, out: str | Path) -> Path:
    """Write the candidates file (atomically), then read it back."""
    out = Path(out)
    if out.is_dir():
        raise DirectoryError(f"--out {out} : c'est un dossier ; le fichier des candidats à écrire est attendu")
    header = (f"# Candidats lus par « tnl candidates » dans {result.source.name} ({LABELS[result.format]} ; "
              f"SHA-256 {result.sha256}).\n"
              + (f"# Filtres : {result.filters.describe()}.\n" if result.filters else "")
              + "# Une collectivité sans site web est gardée (websites: []) : son rapport le dit.\n")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = header + yaml.dump(result.candidates, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110)
    tmp = out.parent / f".{out.name}.{os.getpid()}.tmp"  # beside it (same file system), with the umask's rights
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DirectoryError(f"--out {out} : écriture impossible ({exc.strerror or exc})") from None
    # Read back: the same candidates, each as the candidates file validates it. `load_candidates` reads
    # a national file (36,000 entries) in minutes; this check, with libyaml, in a fraction of that.
    try:
        again = yaml.load(out.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if again != result.candidates:
            raise CandidatesError("le fichier relu diffère des candidats écrits")
        for item in again:
            Candidate.model_validate(item)
    except (CandidatesError, ValidationError, yaml.YAMLError) as exc:  # a bug of ours: never leave a bad file
        out.unlink(missing_ok=True)
        raise RuntimeError(f"fichier des candidats écrit refusé à la relecture : {exc}") from None
    return out


def _plural(n: int, one: str, other: str) -> str:
    from reports.i18n import plural

    return plural(n, {"one": one, "other": other})


def summary_lines(result: Result, written: Path) -> list[str]:
    rows = ("{n} enregistrement lu", "{n} enregistrements lus") if result.is_json else ("{n} ligne lue",
                                                                                          "{n} lignes lues")
    lines = [f"{_plural(result.read, *rows)} dans {result.source} ({LABELS[result.format]})"]
    if result.passed:
        lines.append(f"dont {_plural(result.collectivites, '{n} collectivité', '{n} collectivités')} ; passés : "
                     f"{_plural(result.passed['service'], '{n} autre service public', '{n} autres services publics')}, "
                     f"{_plural(result.passed['annexe'], '{n} mairie annexe ou déléguée', '{n} mairies annexes ou déléguées')}")
    kept = len(result.candidates)
    if result.filters:
        unknown = (f", dont {_plural(result.unknown_population, '{n} sans population connue', '{n} sans population connue')}"
                   if result.unknown_population else "")
        lines.append(f"filtres ({result.filters.describe()}) : {_plural(kept, '{n} gardée', '{n} gardées')}, "
                     f"{_plural(result.filtered_out, '{n} hors filtres', '{n} hors filtres')}{unknown}")
    if result.no_website:
        lines.append(f"{_plural(result.no_website, '{n} sans site web', '{n} sans site web')} : "
                     f"{'gardée' if result.no_website < 2 else 'gardées'} avec « websites: [] », le rapport le dit")
    if result.social_sites:
        lines.append(_plural(result.social_sites, "{n} site listé sur un réseau social, non collecté",
                             "{n} sites listés sur un réseau social, non collectés"))
    if result.unusable_sites:
        lines.append(_plural(len(result.unusable_sites), "{n} adresse de site illisible (voir ci-dessus)",
                             "{n} adresses de site illisibles (voir ci-dessus)"))
    if result.set_aside:
        lines.append(_plural(len(result.set_aside), "{n} écartée, illisible (voir ci-dessus)",
                             "{n} écartées, illisibles (voir ci-dessus)"))
    lines.append(f"{_plural(kept, '{n} candidat écrit', '{n} candidats écrits')} dans {written}")
    lines.append(f"Ensuite : tnl run {written} --out DOSSIER")
    return lines


def run_candidates(source: str | Path, out: str | Path, fmt: str | None = None, filters: Filters | None = None,
                   strict: bool = False) -> tuple[list[str], list[str]]:
    """`tnl candidates`: read, filter, write; (summary lines, warnings: rows set aside, sites not read)."""
    result = convert(source, fmt, filters, strict)
    written = write_candidates(result, out)
    return summary_lines(result, written), result.set_aside + result.unusable_sites


# --- the command ------------------------------------------------------------------------------------


def add_parser(sub) -> None:
    """`tnl candidates SOURCE --out candidats.yaml [--format] [--departement] [--region] [--kind]
    [--min-population] [--strict]`."""
    p = sub.add_parser("candidates", help="faire d'un annuaire public (ANCT, Service-Public ou CSV simple) le fichier "
                                          "des candidats, filtré par département, région, type, population")
    p.add_argument("source", type=Path, help="fichier de l'annuaire : JSON ou CSV, gzippé ou non")
    p.add_argument("--out", type=Path, default=Path("candidats.yaml"),
                   help="fichier des candidats à écrire (candidats.yaml)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="format de l'annuaire (défaut : reconnu d'après le fichier)")
    p.add_argument("--departement", action="append", default=[], metavar="CODE",
                   help="garder les collectivités de ce département (38, 2A, 971 ; répétable)")
    p.add_argument("--region", action="append", default=[], metavar="CODE",
                   help="garder les collectivités de cette région (code INSEE : 84, 53… ; répétable)")
    p.add_argument("--kind", action="append", default=[], choices=KINDS,
                   help="garder ce type de collectivité (répétable)")
    p.add_argument("--min-population", type=int, default=None, metavar="N",
                   help="garder les collectivités d'au moins N habitants (population connue)")
    p.add_argument("--strict", action="store_true",
                   help="une ligne illisible est une erreur (rien n'est écrit) au lieu d'être écartée")


def dispatch(args) -> int:
    """Run `tnl candidates`: warnings on stderr (even with --quiet), the summary on stdout; bad input is BadInput."""
    import sys

    from tnl.options import EXIT_OK, BadInput

    try:
        filters = Filters.of(args.departement, args.region, args.kind, args.min_population)
        lines, warnings = run_candidates(args.source, args.out, args.format, filters, args.strict)
    except DirectoryError as exc:
        raise BadInput(str(exc)) from None
    for line in warnings:
        print(f"tnl : {line}", file=sys.stderr)
    if not args.quiet:
        print("\n".join(lines))
    return EXIT_OK
