"""Shared fixtures: the fixture world served on loopback for the whole session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def world():
    from demo.server import WorldServer

    server = WorldServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def net():
    """The world's DNS and WHOIS doubles (real wire protocols) on loopback."""
    from demo.netdoubles import NetDoubles

    doubles = NetDoubles().start()
    try:
        yield doubles
    finally:
        doubles.stop()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module (tests/browserkit.py: the executable and its flags)."""
    from tests.browserkit import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
