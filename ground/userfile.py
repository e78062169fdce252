"""Files a user hands to the tool (candidates file, dossier export and its mapping, published
results): read whole within a bound, decoded as a spreadsheet saves them, and every problem one
French line naming the file. Callers turn UserFileError into their own kind of bad input."""
from __future__ import annotations

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
