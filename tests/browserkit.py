"""The browser of the browser tests: Debian's chromium through Playwright (the `browser` fixture of
tests/conftest.py, one per test module). A module that sets `pytestmark = needs_chromium` is skipped,
with the reason, where Chromium is missing."""
from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium (paquet Debian « chromium ») absent")

