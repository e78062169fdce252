"""The installed distribution carries every data file the code reads (demo world, data files,
templates): a `pip install .` that forgot one would break `tnl demo` on a fresh machine."""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ground", "checks", "crawler", "reports", "demo", "tnl")


def _installed_files() -> set[str] | None:
    try:
        dist = metadata.distribution("tnl-evidence")
    except metadata.PackageNotFoundError:
        return None
    files = {str(f).replace("\\\\", "/") for f in dist.files or []}
    # An editable install lists no package files (the code is read from the repository).
    return files if any(f.startswith("tnl/") for f in files) else None


def test_every_data_file_is_installed():
    installed = _installed_files()
    if installed is None:
        pytest.skip("tnl-evidence n'est pas installé comme distribution (installation éditable ou absente)")
    missing = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT).as_posix()
                if rel not in installed:
                    missing.append(rel)
    assert missing == [], f"{len(missing)} fichiers absents de la distribution installée, ex. {missing[:5]}"
