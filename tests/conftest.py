"""Shared fixtures: the fixture world served on loopback for the whole session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def world():
    from tnl.demo.server import WorldServer

    server = WorldServer().start()
    try:
        yield server
    finally:
        server.stop()
