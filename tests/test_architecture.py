"""The house's rules (docs/architecture.md): the allowed import directions, kept by import-linter's
contracts in pyproject.toml, and modules a newcomer can read."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ground", "crawler", "checks", "reports", "demo", "tnl")
MAX_LINES = 600
# A module over MAX_LINES says why at its top, in its docstring, with these words.
LONG_REASON = "Longer than 600 lines:"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the packages found in `root`, with its pyproject.toml (no cache: the tree changes)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(lint), "--no-cache"], cwd=root, env=env,  # reads root/pyproject.toml
                          capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 kept, 0 broken" in proc.stdout, proc.stdout


@pytest.fixture()
def tree_copy(tmp_path: Path) -> Path:
    """The packages' Python files and pyproject.toml, copied: a place to add a forbidden import."""
    for package in PACKAGES:
        for src in (ROOT / package).rglob("*.py"):
            dest = tmp_path / src.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(("module", "added", "broken"), [
    # The ground imports nothing of ours.
    ("ground/model.py", "from tnl import cli", "ground is not allowed to import tnl"),
    ("ground/observe.py", "import checks.registry", "ground is not allowed to import checks"),
    # Stages never import each other, nor the application.
    ("crawler/run.py", "import checks.registry", "crawler is not allowed to import checks"),
    ("checks/cms.py", "import crawler.scope", "checks is not allowed to import crawler"),
    ("reports/html.py", "import checks.rubric", "reports is not allowed to import checks"),
    ("checks/base.py", "import tnl.pipeline", "checks is not allowed to import tnl"),
    # The demo world is a fixture: it never computes its truth with the code under test.
    ("demo/server.py", "import checks.cms", "demo is not allowed to import checks"),
    # No cycle between modules, even hidden inside a function.
    ("ground/archive.py", "def _late():\n    import ground.observe", "No cycles are allowed in ground"),
    ("tnl/options.py", "def _late():\n    import tnl.cli", "No cycles are allowed in tnl"),
    # Checks never fetch.
    ("checks/cms.py", "import requests", "checks is not allowed to import requests"),
])
def test_a_forbidden_import_breaks_a_contract(tree_copy, module, added, broken):
    path = tree_copy / module
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + added + "\n", encoding="utf-8")
    proc = lint_imports(tree_copy)
    assert proc.returncode != 0, proc.stdout
    assert broken in " ".join(proc.stdout.split()), proc.stdout


def test_no_module_is_too_long_to_read_without_a_reason():
    long = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > MAX_LINES and LONG_REASON not in text[:2000]:
                long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert not long, long
