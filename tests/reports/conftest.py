"""Fixtures of the renderer tests: a fresh baseline report per test."""
from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

# The repo root, so `import reports` works even without PYTHONPATH (tests/conftest.py is not ours).
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from sample_reports import make_report  # noqa: E402


@pytest.fixture
def report() -> dict[str, Any]:
    return copy.deepcopy(make_report())


@pytest.fixture
def make() -> Any:
    """Factory for a second, third... candidate in overview tests."""
    return make_report
