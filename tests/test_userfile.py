"""Files a user hands to the tool: bounded, decoded as a spreadsheet saves them, one-line errors."""
from __future__ import annotations

import pytest

from ground.userfile import UserFileError, read_user_text


def test_utf8_with_its_byte_order_mark_and_windows_1252_only_for_spreadsheet_files(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("\ufeffid;nom\n1;Saint-Étienne\n".encode("utf-8"))
    assert read_user_text(path, "un fichier") == "id;nom\n1;Saint-Étienne\n"
    path.write_bytes("1;Saint-Étienne\n".encode("cp1252"))  # « É » is byte 0xC9 at offset 8
    assert read_user_text(path, "un fichier", spreadsheet=True) == "1;Saint-Étienne\n"
    with pytest.raises(UserFileError) as exc:
        read_user_text(path, "un fichier")
    assert str(exc.value) == f"{path}: encodage illisible à l'octet 8 (UTF-8 attendu)"
    path.write_bytes(b"a\x81b")  # 0x81 is undefined in Windows-1252 too
    with pytest.raises(UserFileError, match=r"à l'octet 1 \(UTF-8 ou Windows-1252 attendu\)"):
        read_user_text(path, "un fichier", spreadsheet=True)


def test_a_folder_a_file_over_the_bound_and_a_missing_file_are_refused_by_name(tmp_path):
    with pytest.raises(UserFileError) as exc:
        read_user_text(tmp_path, "le fichier des résultats")
    assert str(exc.value) == f"{tmp_path}: c'est un dossier ; le fichier des résultats est attendu"
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 11)
    assert read_user_text(path, "un fichier", max_bytes=11) == "x" * 11  # at the bound: read
    with pytest.raises(UserFileError, match=r"fichier trop gros \(11 octets, maximum 10\)"):
        read_user_text(path, "un fichier", max_bytes=10)
    with pytest.raises(UserFileError, match=r"absent.yaml: fichier illisible \("):
        read_user_text(tmp_path / "absent.yaml", "un fichier")
