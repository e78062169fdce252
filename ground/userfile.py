"""Files a user hands to the tool (candidates file, dossier export and its mapping, published
results): read whole within a bound, decoded as a spreadsheet saves them, and every problem one
French line naming the file. Callers turn UserFileError into their own kind of bad input."""
from __future__ import annotations

import csv
import io
from pathlib import Path


class UserFileError(Exception):
    """The file cannot be read as text: the message names the file and the problem."""


def read_user_bytes(path: Path, expected: str, max_bytes: int | None = None) -> bytes:
    """The file's bytes; refused when it is a folder (`expected` says what was expected instead), is
    larger than `max_bytes`, or cannot be read."""
    if path.is_dir():
        raise UserFileError(f"{path}: c'est un dossier ; {expected} est attendu")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise UserFileError(f"{path}: fichier trop gros ({size} octets, maximum {max_bytes})")
        return path.read_bytes()
    except OSError as exc:
        raise UserFileError(f"{path}: fichier illisible ({exc.strerror or exc})") from None


def decode_user_text(path: Path, data: bytes, spreadsheet: bool) -> str:
    """UTF-8 (with or without its byte order mark); for a file a spreadsheet saves (`spreadsheet`:
    « CSV (séparateur : point-virgule) » of a French spreadsheet), Windows-1252 failing that."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if spreadsheet:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                pass
        expected = "UTF-8 ou Windows-1252" if spreadsheet else "UTF-8"
        raise UserFileError(f"{path}: encodage illisible à l'octet {exc.start} ({expected} attendu)") from None


def read_user_text(path: Path, expected: str, max_bytes: int | None = None, spreadsheet: bool = False) -> str:
    """read_user_bytes then decode_user_text."""
    return decode_user_text(path, read_user_bytes(path, expected, max_bytes), spreadsheet)


CSV_SEPARATORS = (",", ";", "\t")


def csv_separator(text: str, known: set[str], key=lambda title: title) -> str:
    """The separator of a CSV whose header names columns we know (`known`, compared through `key`):
    the one whose header holds the most of them, then the most columns (a question's title may hold
    commas, a French spreadsheet writes `;`)."""
    def header(sep: str) -> list[str]:
        try:
            return next(csv.reader(io.StringIO(text), delimiter=sep), [])
        except csv.Error:
            return []

    return max(CSV_SEPARATORS, key=lambda sep: (len(known & {key(c) for c in header(sep)}), len(header(sep))))


def csv_rows(path: Path, text: str, separator: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (stripped) and every non-blank record with the line it starts on (a record may span
    lines: a multi-line answer). A record longer than the header is returned as it is: the caller
    says what that means. UserFileError when the CSV cannot be parsed or has no header."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if header is None:
                header = [c.strip() for c in cells]
            elif any(c.strip() for c in cells):
                rows.append((start, cells))
    except csv.Error as exc:
        raise UserFileError(f"{path}:{reader.line_num}: CSV illisible ({exc})") from None
    if header is None:
        raise UserFileError(f"{path}: fichier vide (une ligne d'en-tête est attendue)")
    return header, rows
