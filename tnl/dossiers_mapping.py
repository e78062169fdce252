"""The mapping of `tnl dossiers` (tnl/data/dossiers/<edition>.yaml), and how it reads the answers.

A mapping, written once per edition by the organisers, names the export's columns that hold the
candidate's identity (with the tables that turn the form's wordings into the candidates file's
values) and, for each question, its column, domain, signal, reading (oui_non, part, logiciels, texte)
and verification (web, document, non). Read with the line of every key, so that a problem is said
with its file and line; the answers are read as the question's reading says, or not at all (None):
never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ground.candidates import KINDS, PARCOURS, VERIFICATIONS
from ground.claims import Condition, ConditionError
from ground.model import DOMAINS
from ground.text import fold
from ground.userfile import UserFileError, read_user_text

DEFAULT_MAPPING = Path(__file__).parent / "data" / "dossiers" / "2025.yaml"
READINGS = ("oui_non", "part", "logiciels", "texte")
MAX_MAPPING_BYTES = 1024 * 1024
# The candidate's fields a mapping may read, those it must read, and those a wording table may translate.
FIELDS = ("id", "name", "kind", "siren", "siret", "insee", "population", "websites", "opendata",
          "datagouv_organization", "parcours")
REQUIRED_FIELDS = ("name", "kind", "websites")
TABLE_FIELDS = {"kind": KINDS, "parcours": PARCOURS}


class DossiersError(Exception):
    """Bad input (mapping or export): one line naming the file, the line or row, and the column or field."""


# --- the mapping ----------------------------------------------------------------------------------


class _Map(dict):
    """A YAML mapping that remembers its line and the line of each of its keys."""

    line: int = 0
    lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    """Safe loader, keys kept as written (`Oui:` and `no:` stay text), no aliases (a mapping never
    needs them; they are how a tiny file expands into gigabytes)."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "les alias YAML (*nom) ne sont pas acceptés",
                                              event.start_mark)
        return super().compose_node(parent, index)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    out = _Map()
    out.line, out.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(None, None, "clé non textuelle", key_node.start_mark)
        key = str(key_node.value)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"clé « {key} » en double (déjà ligne {out.lines[key]})", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


def norm(text: str) -> str:
    """A column title or a wording as compared: case, accents, apostrophes and spaces ignored."""
    return " ".join(fold(str(text)).split())


@dataclass
class FieldSpec:
    """Where one field of the candidate is read: the first non-empty of `columns`."""

    name: str
    columns: tuple[str, ...]
    line: int
    values: dict[str, str | None] | None = None  # folded wording -> value (kind, parcours)
    shown_values: tuple[str, ...] = ()  # the wordings as the mapping writes them (messages)
    kinds: tuple[str, ...] | None = None  # read only for these kinds of collectivité


@dataclass
class Question:
    id: str
    column: str
    domain: str
    signal: str | None
    read: str
    verification: str
    line: int
    values: dict[str, str | None] = field(default_factory=dict)  # logiciels: folded wording -> name (None: ignored)
    expect_oui: str = "oui"
    expect_non: str = "non"
    optional: bool = False


@dataclass
class Mapping:
    path: Path
    edition: Any
    sheet: str
    dossier: str | None
    dossier_line: int
    status: str | None
    status_line: int
    skip_status: frozenset[str]
    fields: dict[str, FieldSpec]
    questions: list[Question]


def _columns(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise DossiersError(f"{where} : un nom de colonne (texte) ou une liste de noms de colonnes est attendu")


def _known_keys(data: _Map, allowed: tuple[str, ...], path: Path, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise DossiersError(f"{path}:{data.lines[key]}: {what}, clé « {key} » inconnue "
                                f"(attendu : {', '.join(allowed)})")


def _field_spec(name: str, value: Any, path: Path, line: int) -> FieldSpec:
    where = f"{path}:{line}: candidate.{name}"
    if not isinstance(value, _Map):
        return FieldSpec(name, _columns(value, where), line)
    _known_keys(value, ("column", "values", "kinds"), path, f"candidate.{name}")
    if "column" not in value:
        raise DossiersError(f"{where} : clé « column » manquante (le titre de la colonne à lire)")
    spec = FieldSpec(name, _columns(value["column"], f"{path}:{value.lines['column']}: candidate.{name}.column"), line)
    if "values" in value:
        table = value["values"]
        at = value.lines["values"]
        if name not in TABLE_FIELDS:
            raise DossiersError(f"{path}:{at}: candidate.{name}.values : une table des formulations n'a de sens "
                                f"que pour {', '.join(TABLE_FIELDS)}")
        if not isinstance(table, _Map) or not table:
            raise DossiersError(f"{path}:{at}: candidate.{name}.values : une table « formulation du formulaire: "
                                f"valeur » est attendue")
        spec.values, shown = {}, []
        for wording, target in table.items():
            if target not in TABLE_FIELDS[name]:
                raise DossiersError(f"{path}:{table.lines[wording]}: candidate.{name}.values, « {wording} » : valeur "
                                    f"{target!r} invalide (attendu : {' | '.join(TABLE_FIELDS[name])})")
            spec.values[norm(wording)] = target
            shown.append(wording)
        spec.shown_values = tuple(shown)
    if "kinds" in value:
        kinds = value["kinds"]
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            raise DossiersError(f"{path}:{value.lines['kinds']}: candidate.{name}.kinds : une liste parmi "
                                f"{' | '.join(KINDS)} est attendue")
        spec.kinds = tuple(kinds)
    return spec


def _question(item: Any, index: int, path: Path, signals: frozenset[str] | set[str], seen: dict[str, int]) -> Question:
    if not isinstance(item, _Map):
        raise DossiersError(f"{path}: questions, entrée n° {index + 1} : un dictionnaire (id, column, domain, "
                            f"signal, read, verification) est attendu")
    allowed = ("id", "column", "domain", "signal", "read", "verification", "values", "expect_oui", "expect_non",
               "optional")
    qid = item.get("id")
    what = f"question '{qid}'" if isinstance(qid, str) else f"questions, entrée n° {index + 1}"
    _known_keys(item, allowed, path, what)

    def at(key: str) -> int:
        return item.lines.get(key, item.line)

    for key in ("id", "column", "domain", "read"):
        if key not in item:
            raise DossiersError(f"{path}:{item.line}: {what}, champ '{key}' : champ obligatoire manquant")
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,62}", qid):
        raise DossiersError(f"{path}:{at('id')}: {what}, champ 'id' : identifiant {qid!r} invalide "
                            f"(minuscules, chiffres, « _ » et « - »)")
    if qid in seen:
        raise DossiersError(f"{path}:{at('id')}: {what}, champ 'id' : identifiant en double (déjà ligne {seen[qid]})")
    seen[qid] = at("id")
    column = item["column"]
    if not isinstance(column, str) or not column.strip():
        raise DossiersError(f"{path}:{at('column')}: {what}, champ 'column' : le titre de la colonne (texte) est attendu")
    domain = item["domain"]
    if domain not in tuple(DOMAINS):
        raise DossiersError(f"{path}:{at('domain')}: {what}, champ 'domain' : domaine inconnu {domain!r} "
                            f"(attendu : {' | '.join(tuple(DOMAINS))})")
    signal = item.get("signal")
    if signal is not None and signal not in signals:
        raise DossiersError(f"{path}:{at('signal')}: {what}, champ 'signal' : signal inconnu {signal!r} "
                            f"(voir « tnl signals »)")
    read = item["read"]
    if read not in READINGS:
        raise DossiersError(f"{path}:{at('read')}: {what}, champ 'read' : lecture inconnue {read!r} "
                            f"(attendu : {' | '.join(READINGS)})")
    verification = item.get("verification", "web" if signal else "non")
    if verification not in VERIFICATIONS:
        raise DossiersError(f"{path}:{at('verification')}: {what}, champ 'verification' : valeur {verification!r} "
                            f"invalide (attendu : {' | '.join(VERIFICATIONS)})")
    if signal is None and verification != "non":
        raise DossiersError(f"{path}:{at('verification')}: {what}, champ 'verification' : « {verification} » sans "
                            f"signal ; l'outil ne vérifie une réponse que par un signal (sinon : non)")
    q = Question(qid, column.strip(), domain, signal, read, verification, item.line)
    for key in ("expect_oui", "expect_non"):
        if key in item:
            if read != "oui_non":
                raise DossiersError(f"{path}:{at(key)}: {what}, champ '{key}' : seulement pour la lecture oui_non")
            try:
                Condition.parse(item[key])
            except ConditionError as exc:
                raise DossiersError(f"{path}:{at(key)}: {what}, champ '{key}' : {exc}") from None
            setattr(q, key, item[key])
    if "values" in item:
        table = item["values"]
        if read != "logiciels" or not isinstance(table, _Map):
            raise DossiersError(f"{path}:{at('values')}: {what}, champ 'values' : une table « formulation: nom du "
                                f"logiciel » (ou null pour l'ignorer), pour la lecture logiciels seulement")
        for wording, name in table.items():
            if name is not None and not (isinstance(name, str) and software_condition(name)):
                raise DossiersError(f"{path}:{table.lines[wording]}: {what}, values, « {wording} » : un nom de "
                                    f"logiciel (texte) ou null est attendu")
            q.values[norm(wording)] = name
    if "optional" in item:
        if not isinstance(item["optional"], bool):
            raise DossiersError(f"{path}:{at('optional')}: {what}, champ 'optional' : true ou false est attendu")
        q.optional = item["optional"]
    return q


def load_mapping(path: str | Path, signals: frozenset[str] | set[str]) -> Mapping:
    """Read and check a mapping; DossiersError on the first problem, with its file and line."""
    path = Path(path)
    try:
        text = read_user_text(path, "le fichier de correspondance (YAML)", MAX_MAPPING_BYTES)
    except UserFileError as exc:
        raise DossiersError(str(exc)) from None
    try:
        doc = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).replace("\n", " ")
        raise DossiersError(f"{path}{where}: YAML invalide ({problem})") from None
    if not isinstance(doc, _Map):
        raise DossiersError(f"{path}: un dictionnaire (edition, candidate, questions…) est attendu")
    _known_keys(doc, ("edition", "source", "sheet", "dossier", "status", "candidate", "questions"), path, "correspondance")
    for key in ("candidate", "questions"):
        if key not in doc:
            raise DossiersError(f"{path}:{doc.line}: clé « {key} » manquante")
    sheet = doc.get("sheet", "Dossiers")
    if not isinstance(sheet, str) or not sheet.strip():
        raise DossiersError(f"{path}:{doc.lines.get('sheet', doc.line)}: sheet : le nom de la feuille (texte) est attendu")
    dossier = doc.get("dossier")
    if dossier is not None and not (isinstance(dossier, str) and dossier.strip()):
        raise DossiersError(f"{path}:{doc.lines['dossier']}: dossier : le titre de la colonne du numéro de dossier "
                            f"(texte) est attendu")
    status, skip = None, frozenset()
    if "status" in doc:
        st = doc["status"]
        if not isinstance(st, _Map) or "column" not in st:
            raise DossiersError(f"{path}:{doc.lines['status']}: status : « column » (l'état du dossier) et « skip » "
                                f"(les états des dossiers à écarter) sont attendus")
        _known_keys(st, ("column", "skip"), path, "status")
        status = _columns(st["column"], f"{path}:{st.lines['column']}: status.column")[0]
        values = st.get("skip", [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DossiersError(f"{path}:{st.lines.get('skip', st.line)}: status.skip : une liste d'états est attendue")
        skip = frozenset(norm(v) for v in values)
    cand = doc["candidate"]
    if not isinstance(cand, _Map):
        raise DossiersError(f"{path}:{doc.lines['candidate']}: candidate : un dictionnaire « champ: colonne » est attendu")
    _known_keys(cand, FIELDS, path, "candidate")
    fields = {name: _field_spec(name, value, path, cand.lines[name]) for name, value in cand.items() if value is not None}
    for name in REQUIRED_FIELDS:
        if name not in fields:
            raise DossiersError(f"{path}:{cand.line}: candidate.{name} : champ obligatoire manquant "
                                f"(la colonne où le lire)")
    if "siren" not in fields and "siret" not in fields:
        raise DossiersError(f"{path}:{cand.line}: candidate : siren ou siret est obligatoire (la colonne où le lire)")
    for name in ("id", "name", "siren", "siret", "websites"):
        if name in fields and fields[name].kinds:
            raise DossiersError(f"{path}:{fields[name].line}: candidate.{name}.kinds : pas pour ce champ, lu pour "
                                f"toute collectivité")
    items = doc["questions"]
    if not isinstance(items, list):
        raise DossiersError(f"{path}:{doc.lines['questions']}: questions : une liste est attendue")
    seen: dict[str, int] = {}
    questions = [_question(item, i, path, signals, seen) for i, item in enumerate(items)]
    return Mapping(path, doc.get("edition"), sheet.strip(), dossier.strip() if dossier else None,
                   doc.lines.get("dossier", doc.line), status, doc.lines.get("status", doc.line), skip, fields,
                   questions)


# --- reading the answers --------------------------------------------------------------------------

_YES_NO = {"oui": True, "yes": True, "vrai": True, "true": True, "non": False, "no": False, "faux": False,
           "false": False}
_SHARE_WORDS = {"la totalite": 100, "totalite": 100, "tous": 100, "toutes": 100, "la moitie": 50, "moitie": 50,
                "un quart": 25, "le quart": 25, "trois quarts": 75, "les trois quarts": 75, "aucun": 0, "aucune": 0}
_NONE_WORDS = {"aucun", "aucune", "non", "neant", "aucun outil", "aucun logiciel", "pas de mesure d'audience"}


def read_yes_no(answer: str) -> bool | None:
    """« Oui », « Non », « Oui, depuis 2019 » → True / False; anything else: None (not read)."""
    m = re.match(r"^([a-z]+)\b", fold(answer).strip())
    return _YES_NO.get(m.group(1)) if m else None


def read_share(answer: str) -> str | None:
    """A share as a condition « au moins N % »: « 80 % », « 80 », « 0,8 », « environ 80 % », « la moitié »;
    a stated comparison (« plus de 50 % », « entre 60 et 80 % ») kept as stated; else None (not read)."""
    text = " ".join(fold(answer).replace("≈", "environ").split()).rstrip(" .")
    if text in _SHARE_WORDS:
        return f"au moins {_SHARE_WORDS[text]} %"
    m = re.fullmatch(r"(?:environ |pres de |~ ?)?(\d{1,3}(?:[.,]\d+)?)\s*(%|pour ?cent)?", text)
    if m:
        figure = float(m.group(1).replace(",", "."))
        if not m.group(2):
            if re.search(r"[.,]", m.group(1)) and figure <= 1:
                figure *= 100  # « 0,8 »: a share written as a fraction (or an XLSX cell in %)
            elif figure <= 1:
                return None  # « 1 »: one percent or the whole? not read
        if figure > 100:
            return None
        shown = f"{figure:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"au moins {shown} %"
    try:
        condition = Condition.parse(answer)
    except ConditionError:
        return None
    return answer.strip() if condition.kind in ("compare", "between") and condition.percent else None


def software_condition(name: str) -> bool:
    try:
        return Condition.parse(name).kind == "match"
    except ConditionError:
        return False


def read_software(answer: str, table: dict[str, str | None]) -> list[str] | None:
    """The names of a list (« Matomo, Google Analytics », one per line, « LibreOffice et Firefox »), each
    through the mapping's wording table; None when the answer says there is none (« Aucun »)."""
    if norm(answer).rstrip(" .") in _NONE_WORDS:
        return None
    names: list[str] = []
    for part in re.split(r"\s*(?:[,;\n•]|\s-\s|\set\s|\s/\s)\s*", answer):
        part = part.strip(" -*\t")
        if not part:
            continue
        name = table.get(norm(part), part)
        if name and norm(name) not in {norm(n) for n in names}:
            names.append(name)
    return names
