"""Application dossiers → candidates file: `tnl dossiers EXPORT --mapping MAPPING.yaml`.

Candidates apply on the organiser's online forms platform (Démarches Simplifiées or one of its
instances, such as demarches.adullact.org), which exports the dossiers as CSV or XLSX, one row per
dossier and one column per question (the question's wording is the column's title). A mapping,
written once per edition by the organisers (tnl/data/dossiers/<edition>.yaml), says which columns
hold the candidate's identity and, for each question, its domain, the signal that answers it and
how to read the answer. The result is a candidates file (ground.candidates) whose claims carry the
question, the answer as given and how it can be verified; `tnl run` checks them against the signals.

What the platform exports (Démarches Simplifiées, DossierExportConcern / ProcedureExportService):
- CSV: one table, the dossier's columns first (« ID », « Email », « FranceConnect ? », the
  établissement's columns « Établissement SIRET », …, « Entreprise SIREN », …, « Entreprise raison
  sociale », …, « Archivé », « État du dossier », « Dernière mise à jour le », « Déposé le », …,
  « Instructeurs »), then one column per question. Written with `,`; saved again by a French
  spreadsheet it has `;` and Windows-1252: both are read.
- XLSX (and ODS): the sheet « Dossiers » holds the dossier's columns and the answers, without the
  établissement's columns, which are on the sheet « Etablissements » (« Dossier ID », « Champ »:
  « Dossier » for the dossier's own établissement, then the same « Établissement … » / « Entreprise … »
  columns); other sheets: « Avis », one per repeated block. The établissement's columns are joined
  to their dossier here, so that one mapping reads both formats.
- A yes/no question is exported « Oui » or « Non » (an unanswered one as « Non »: they cannot be told
  apart); a multiple choice as its options joined by « , »; a commune as three columns (name,
  « (Code INSEE) », « (Département) »).

Bad input (the mapping, an unreadable export, a column the mapping names and the export lacks) raises
DossiersError, one line naming the file, the line or row, and the column or field: nothing is written.
A dossier whose candidate cannot be read (SIREN, type, site address, a wording the mapping does not
know…, or a SIREN already read: a dossier filed twice, the first is kept) is set aside with one line
naming its row, its column and the problem; the others are written (`strict=True`: the first such
dossier is an error instead): one unreadable dossier does not cost the others. A withdrawn dossier
(the mapping's `status.skip`) is set aside too, and said. An answer left empty makes no claim; an
answer that cannot be read as the question's reading says is kept, unverifiable, with its text.
"""
from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ground.candidates import Candidate, CandidatesError, load_candidates
from ground.text import fold
from ground.userfile import UserFileError, csv_rows, csv_separator, decode_user_text, read_user_bytes
from tnl.dossiers_mapping import (
    DEFAULT_MAPPING,
    TABLE_FIELDS,
    DossiersError,
    FieldSpec,
    Mapping,
    Question,
    load_mapping,
    norm,
    read_share,
    read_software,
    read_yes_no,
    software_condition,
)

MAX_EXPORT_BYTES = 100 * 1024 * 1024
CSV_SEPARATORS = (";", ",", "\t")
__all__ = ["DEFAULT_MAPPING", "DossiersError", "Mapping", "Question", "convert", "load_mapping", "read_export",
           "read_share", "read_software", "read_yes_no", "run_dossiers", "write_candidates"]


# --- the export -----------------------------------------------------------------------------------


@dataclass
class Table:
    path: Path
    sheet: str | None  # XLSX: the sheet read; CSV: None
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line or row number, cells)

    def place(self, row: int) -> str:
        return f"{self.path}:{row}" if self.sheet is None else f"{self.path}, feuille « {self.sheet} », ligne {row}"

    def positions(self, column: str) -> list[int]:
        key = norm(column)
        return [i for i, title in enumerate(self.header) if norm(title) == key]


def _cell(value: Any) -> str:
    """An XLSX cell as text: whole numbers without « .0 », dates in ISO, booleans as the form says them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _read_csv(path: Path, data: bytes, mapping: Mapping) -> Table:
    try:
        text = decode_user_text(path, data, spreadsheet=True)
    except UserFileError as exc:
        raise DossiersError(str(exc)) from None
    wanted = {norm(c) for spec in mapping.fields.values() for c in spec.columns} | {norm(q.column) for q in mapping.questions}
    try:
        header, records = csv_rows(path, text, csv_separator(text, wanted, norm))
    except UserFileError as exc:
        raise DossiersError(str(exc)) from None
    rows: list[tuple[int, list[str]]] = []
    for start, record in records:
        if len(record) > len(header):
            raise DossiersError(f"{path}:{start}: plus de valeurs ({len(record)}) que de colonnes ({len(header)})")
        rows.append((start, record + [""] * (len(header) - len(record))))
    return Table(path, None, header, rows)


def _sheet_rows(ws) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _read_xlsx(path: Path, data: bytes, mapping: Mapping) -> Table:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DossiersError(f"{path}: classeur XLSX illisible ({exc.__class__.__name__}: {exc})") from None
    try:
        names = book.sheetnames
        wanted = next((n for n in names if norm(n) == norm(mapping.sheet)), None)
        if wanted is None and len(names) == 1:
            wanted = names[0]
        if wanted is None:
            raise DossiersError(f"{path}: feuille « {mapping.sheet} » absente (feuilles : "
                                f"{', '.join(f'« {n} »' for n in names)} ; voir « sheet » dans {mapping.path})")
        cells = _sheet_rows(book[wanted])
        # Démarches Simplifiées puts the établissement's columns (SIRET, SIREN…) on their own sheet.
        etab_name = next((n for n in names if norm(n) == "etablissements" and n != wanted), None)
        etab = _sheet_rows(book[etab_name]) if etab_name else []
    finally:
        book.close()
    if not cells:
        raise DossiersError(f"{path}, feuille « {wanted} » : vide (une ligne d'en-tête est attendue)")
    header = [_cell(c).strip() for c in cells[0]]
    rows = []
    for number, row in enumerate(cells[1:], start=2):
        values = [_cell(c) for c in row] + [""] * (len(header) - len(row))
        if any(v.strip() for v in values):
            rows.append((number, values[:len(header)]))
    table = Table(path, wanted, header, rows)
    if etab and mapping.dossier:
        _join_etablissements(table, etab, mapping.dossier)
    return table


def _join_etablissements(table: Table, etab: list[list[Any]], dossier_column: str) -> None:
    head = [_cell(c).strip() for c in etab[0]]
    keys = {norm(h): i for i, h in enumerate(head)}
    own = table.positions(dossier_column)
    if "dossier id" not in keys or "champ" not in keys or len(own) != 1:
        return
    extra = [i for i, h in enumerate(head) if h and not table.positions(h) and i not in (keys["dossier id"], keys["champ"])]
    by_dossier: dict[str, list[str]] = {}
    for row in etab[1:]:
        cells = [_cell(c) for c in row] + [""] * (len(head) - len(row))
        if norm(cells[keys["champ"]]) == "dossier":  # the dossier's own établissement, not a SIRET question's
            by_dossier.setdefault(cells[keys["dossier id"]].strip(), [cells[i] for i in extra])
    table.header += [head[i] for i in extra]
    for _, cells in table.rows:
        cells += by_dossier.get(cells[own[0]].strip(), [""] * len(extra))


def read_export(path: str | Path, mapping: Mapping) -> Table:
    """The export's table: CSV (`,`, `;` or tab; UTF-8 or Windows-1252) or XLSX (the mapping's sheet)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".ods" and not path.is_dir():
        raise DossiersError(f"{path}: export ODS non lu ; exporter les dossiers en XLSX ou en CSV")
    try:
        data = read_user_bytes(path, "l'export des dossiers (CSV ou XLSX)", MAX_EXPORT_BYTES)
    except UserFileError as exc:
        raise DossiersError(str(exc)) from None
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data, mapping)
    if data[:4] == b"PK\x03\x04":
        raise DossiersError(f"{path}: c'est un classeur (zip) ; le nommer .xlsx, ou exporter en CSV")
    return _read_csv(path, data, mapping)


# --- dossiers → candidates ------------------------------------------------------------------------


@dataclass
class Result:
    """What `convert` made of an export: the candidates, and what the summary tells."""

    candidates: list[dict]
    dossiers: int = 0  # rows read (dossiers in the export, set aside or not)
    skipped: list[str] = field(default_factory=list)  # one line per dossier set aside, with its reason
    by_verification: Counter = field(default_factory=Counter)  # claims per verification kind
    unanswered: int = 0  # answers left empty: no claim
    unread: list[str] = field(default_factory=list)  # answers not read as their reading says (kept, unverifiable)
    absent_questions: list[str] = field(default_factory=list)  # optional questions the export lacks


class _RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


@dataclass
class _Columns:
    """The export's positions of what the mapping names."""

    fields: dict[str, list[tuple[str, int]]]
    questions: list[tuple[Question, int]]
    dossier: int | None
    status: int | None


def _missing(table: Table, column: str, mapping: Mapping, line: int, what: str) -> DossiersError:
    titles = {norm(t): t for t in table.header if t}
    close = difflib.get_close_matches(norm(column), list(titles), n=1, cutoff=0.6)
    hint = f" ; la plus proche : « {titles[close[0]]} »" if close else ""
    return DossiersError(f"{table.place(1)}: colonne « {column} » absente de l'export (nommée dans "
                         f"{mapping.path}:{line}, {what}){hint}")


def _position(table: Table, column: str, mapping: Mapping, line: int, what: str) -> int | None:
    found = table.positions(column)
    if len(found) > 1:
        raise DossiersError(f"{table.place(1)}: colonne « {column} » présente {len(found)} fois dans l'export "
                            f"(colonnes {', '.join(str(i + 1) for i in found)}) : nommée dans {mapping.path}:{line}, "
                            f"{what}, elle est ambiguë")
    return found[0] if found else None


def _resolve(table: Table, mapping: Mapping, result: Result) -> _Columns:
    fields: dict[str, list[tuple[str, int]]] = {}
    for name, spec in mapping.fields.items():
        found = [(c, p) for c in spec.columns
                 if (p := _position(table, c, mapping, spec.line, f"candidate.{name}")) is not None]
        if not found:
            raise _missing(table, spec.columns[0], mapping, spec.line, f"candidate.{name}")
        fields[name] = found
    questions = []
    for q in mapping.questions:
        p = _position(table, q.column, mapping, q.line, f"question '{q.id}'")
        if p is None:
            if not q.optional:
                raise _missing(table, q.column, mapping, q.line, f"question '{q.id}'")
            result.absent_questions.append(q.id)
            continue
        questions.append((q, p))
    dossier = status = None
    if mapping.dossier:
        dossier = _position(table, mapping.dossier, mapping, mapping.dossier_line, "dossier")
        if dossier is None:
            raise _missing(table, mapping.dossier, mapping, mapping.dossier_line, "dossier")
    if mapping.status:
        status = _position(table, mapping.status, mapping, mapping.status_line, "status")
        if status is None:
            raise _missing(table, mapping.status, mapping, mapping.status_line, "status")
    return _Columns(fields, questions, dossier, status)


def _first(cells: list[str], found: list[tuple[str, int]]) -> tuple[str, str]:
    """(column, value) of the first non-empty of the field's columns ("" when all are empty)."""
    for column, pos in found:
        value = cells[pos].strip()
        if value:
            return column, value
    return found[0][0], ""


def slug(name: str) -> str:
    """« Communauté d'agglomération du Val de Roche » → « communaute-d-agglomeration-du-val-de-roche »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:63].rstrip("-")


def _urls(text: str) -> list[str]:
    """The addresses a cell holds (one or more, separated by spaces, new lines, « , » or « ; »); an address
    written without its scheme (« www.mairie.fr ») is read as https."""
    out: list[str] = []
    for part in re.split(r"[\s,;|]+", text):
        part = part.strip("<>()«»\"'")
        if not part:
            continue
        if not re.match(r"^[a-z][a-z0-9+.-]*://", part, re.IGNORECASE) and "." in part:
            part = "https://" + part
        if part not in out:
            out.append(part)
    return out


def _population(text: str) -> int:
    squashed = re.sub(r"[\s\u00a0\u202f]", "", text)
    squashed = re.sub(r"habitants?$", "", squashed, flags=re.IGNORECASE)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", squashed):
        squashed = squashed.replace(".", "")
    if not squashed.isdigit():
        raise ValueError(f"nombre d'habitants {text!r} : un nombre entier est attendu")
    return int(squashed)


def _organization(text: str) -> str:
    m = re.search(r"/organizations/([^/?#\s]+)", text)
    return m.group(1) if m else text.strip()


def _wording(spec: FieldSpec, column: str, raw: str, mapping: Mapping) -> str:
    key = norm(raw)
    if spec.values and key in spec.values:
        return spec.values[key]  # type: ignore[return-value]
    if key in TABLE_FIELDS[spec.name]:
        return key
    known = ", ".join(f"« {w} »" for w in spec.shown_values) or " | ".join(TABLE_FIELDS[spec.name])
    raise _RowProblem(column, f"« {raw} » non prévu par la correspondance (à ajouter sous candidate.{spec.name}"
                              f".values de {mapping.path.name} ; prévus : {known})")


def _identity(cells: list[str], cols: _Columns, mapping: Mapping) -> tuple[dict, dict[str, str]]:
    """The candidate's fields read from a row, and the column each came from."""
    item: dict[str, Any] = {}
    source: dict[str, str] = {}
    values = {name: _first(cells, found) for name, found in cols.fields.items()}
    for name, (column, raw) in values.items():
        source[name] = column
        spec = mapping.fields[name]
        if not raw:
            continue
        if name in TABLE_FIELDS:
            item[name] = _wording(spec, column, raw, mapping)
        elif name == "siret":
            digits = re.sub(r"[\s\u00a0\u202f.]", "", raw)
            if not re.fullmatch(r"\d{14}", digits):
                raise _RowProblem(column, f"SIRET {raw!r} : 14 chiffres attendus")
            item["siret"] = digits[:9]
        elif name in ("websites", "opendata"):
            item[name] = _urls(raw)
        elif name == "population":
            try:
                item[name] = _population(raw)
            except ValueError as exc:
                raise _RowProblem(column, str(exc)) from None
        elif name == "datagouv_organization":
            item[name] = _organization(raw)
        else:
            item[name] = raw
    for name in ("name", "kind", "websites"):
        if not item.get(name):
            columns = " ou ".join(f"« {c} »" for c, _ in cols.fields[name])
            raise _RowProblem(cols.fields[name][0][0], f"vide : {columns} est nécessaire pour lire le candidat")
    siret = item.pop("siret", None)
    if not item.get("siren"):
        if siret is None:
            names = [c for n in ("siren", "siret") for c, _ in cols.fields.get(n, [])]
            raise _RowProblem(names[0], f"vide : {' ou '.join(f'« {c} »' for c in names)} est nécessaire pour lire "
                                        f"le candidat")
        item["siren"], source["siren"] = siret, source["siret"]
    for name, spec in mapping.fields.items():
        if spec.kinds and item.get("kind") not in spec.kinds:
            item.pop(name, None)  # e.g. the INSEE code of the seat's commune, for a commune only
    return item, source


def _claims(q: Question, answer: str, result: Result, place: str) -> list[dict]:
    def claim(shown: str, expect: str | None) -> dict:
        made = {"domain": q.domain, "text": f"{q.column} — {shown}", "signal": q.signal, "expect": expect,
                "question": q.column, "question_id": q.id, "answer": answer, "verification": q.verification}
        return {k: v for k, v in made.items() if v is not None}

    def unread(expected: str) -> list[dict]:
        result.unread.append(f"{place}: question '{q.id}' : réponse « {_short(answer)} » non lue ({expected}) ; "
                             f"gardée, non vérifiable")
        return [claim(answer, None)]

    if q.read == "texte":
        return [claim(answer, None)]
    if q.read == "oui_non":
        yes = read_yes_no(answer)
        if yes is None:
            return unread("oui ou non attendu")
        return [claim(answer, q.expect_oui if yes else q.expect_non)]
    if q.read == "part":
        expect = read_share(answer)
        return [claim(answer, expect)] if expect else unread("une part attendue : « 80 % », « 0,8 », « la moitié »")
    names = read_software(answer, q.values)
    if q.signal is None:
        return [claim(answer, None)]  # a list the tool cannot check: one claim, as given
    if names is None:
        return [claim(answer, "absent")]
    if not names:
        return unread("des noms de logiciels attendus")
    return [claim(name, name) if software_condition(name) else unread(f"« {name} » n'est pas lu comme un nom")[0]
            for name in names]


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def convert(export: str | Path, mapping: Mapping, strict: bool = False) -> Result:
    """The candidates of an export, as `mapping` reads them (see the module's docstring for what is an
    error and what sets a dossier aside)."""
    table = read_export(export, mapping)
    result = Result([])
    cols = _resolve(table, mapping, result)
    taken: dict[str, int] = {}  # identifier -> row
    sirens: dict[str, int] = {}  # SIREN -> row
    for row, cells in table.rows:
        result.dossiers += 1
        number = cells[cols.dossier].strip() if cols.dossier is not None else ""
        who = f"dossier n° {number}" if number else "dossier"
        place = table.place(row)
        if cols.status is not None and norm(cells[cols.status]) in mapping.skip_status:
            result.skipped.append(f"{place}: {who} écarté : état « {cells[cols.status].strip()} » "
                                  f"(status.skip de {mapping.path.name})")
            continue
        name = _first(cells, cols.fields["name"])[1]
        who = f"{who} ({name})" if name else who
        try:
            item, source = _identity(cells, cols, mapping)
            if not item.get("id"):
                made = slug(item["name"]) or f"collectivite-{item.get('siren', '')}"
                # Two collectivités of the same name (Saint-Martin…): the second one's SIREN tells them apart.
                item["id"] = made if made not in taken else f"{made[:53].rstrip('-')}-{item.get('siren', '')}"
                source["id"] = source["name"]
            if item["id"] in taken:
                raise _RowProblem(source.get("id", ""), f"identifiant '{item['id']}' déjà pris par la ligne "
                                                        f"{taken[item['id']]}")
            try:
                cand = Candidate.model_validate(item)
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = err.get("loc", ())
                field_name = loc[0] if loc else "id"
                msg = err.get("msg", "valeur invalide").removeprefix("Value error, ")
                raise _RowProblem(source.get(str(field_name), str(field_name)), msg) from None
            if cand.siren in sirens:  # the same collectivité filed twice: the first dossier is kept
                raise _RowProblem(source["siren"], f"SIREN {cand.siren} déjà lu ligne {sirens[cand.siren]} "
                                                   f"(dossier déposé deux fois ?)")
        except _RowProblem as problem:
            line = f"{place}: {who}, colonne « {problem.column} » : {problem.message}"
            if strict:
                raise DossiersError(line) from None
            result.skipped.append(f"{line} — dossier écarté")
            continue
        taken[cand.id] = sirens[cand.siren] = row
        out = cand.model_dump(mode="json", exclude_none=True, exclude={"claims"})
        if not out.get("opendata"):
            out.pop("opendata", None)
        claims = []
        for q, pos in cols.questions:
            answer = cells[pos].strip()
            if not answer:
                result.unanswered += 1
                continue
            claims += _claims(q, answer, result, place)
        for c in claims:
            result.by_verification[c["verification"]] += 1
        if claims:
            out["claims"] = claims
        result.candidates.append(out)
    if not result.candidates:
        why = f" ; {result.skipped[0]}" if result.skipped else ""
        raise DossiersError(f"{table.place(1)}: aucun dossier lisible sur {result.dossiers}{why}")
    return result


def write_candidates(result: Result, out: str | Path, export: str | Path, mapping: Mapping,
                     signals: frozenset[str] | set[str]) -> Path:
    """Write the candidates file (atomically), then read it back as `tnl run` will."""
    out = Path(out)
    if out.is_dir():
        raise DossiersError(f"--out {out} : c'est un dossier ; le fichier des candidats à écrire est attendu")
    header = (f"# Candidats lus par « tnl dossiers » dans {Path(export).name}, avec la correspondance "
              f"{mapping.path.name} (édition {mapping.edition}).\n"
              f"# Chaque déclaration est une réponse au questionnaire : question, réponse donnée, vérification "
              f"(web, document, non).\n")
    text = header + yaml.safe_dump(result.candidates, sort_keys=False, allow_unicode=True, width=110)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except OSError as exc:
        raise DossiersError(f"--out {out} : écriture impossible ({exc.strerror or exc})") from None
    try:
        load_candidates(out, signals)
    except CandidatesError as exc:  # a bug of ours: say it, never leave a file `tnl run` refuses
        out.unlink(missing_ok=True)
        raise RuntimeError(f"fichier des candidats écrit refusé à la relecture : {exc}") from None
    return out


def _plural(n: int, one: str, other: str) -> str:
    from reports.i18n import plural

    return plural(n, {"one": one, "other": other})


def run_dossiers(export: str | Path, mapping_path: str | Path | None, out: str | Path,
                 strict: bool = False) -> tuple[list[str], list[str]]:
    """`tnl dossiers`: read, convert, write; (summary lines, warnings: dossiers set aside, answers not read)."""
    from checks.registry import SIGNAL_IDS

    mapping = load_mapping(mapping_path or DEFAULT_MAPPING, SIGNAL_IDS)
    result = convert(export, mapping, strict)
    written = write_candidates(result, out, export, mapping, SIGNAL_IDS)
    claims = sum(result.by_verification.values())
    kinds = ", ".join(f"{label} : {result.by_verification.get(kind, 0)}" for kind, label in (
        ("web", "vérifiables sur le web"), ("document", "dans un document"), ("non", "non vérifiables par l'outil")))
    lines = [
        (f"{_plural(result.dossiers, '{n} dossier lu', '{n} dossiers lus')} dans {export} "
         f"(correspondance {mapping.path}, édition {mapping.edition})"),
        f"{_plural(len(result.candidates), '{n} candidat écrit', '{n} candidats écrits')} dans {written}",
        (f"{_plural(claims, '{n} déclaration', '{n} déclarations')} ({kinds}) ; "
         f"{_plural(result.unanswered, '{n} réponse vide', '{n} réponses vides')}, sans déclaration"),
    ]
    if result.absent_questions:
        lines.append(f"questions facultatives absentes de l'export : {', '.join(result.absent_questions)}")
    if result.skipped:
        lines.append(f"{_plural(len(result.skipped), '{n} dossier écarté', '{n} dossiers écartés')} (voir ci-dessus)")
    if result.unread:
        lines.append(_plural(len(result.unread), "{n} réponse non lue, gardée comme non vérifiable (voir ci-dessus)",
                             "{n} réponses non lues, gardées comme non vérifiables (voir ci-dessus)"))
    lines.append(f"Ensuite : tnl run {written} --out DOSSIER")
    return lines, result.skipped + result.unread
