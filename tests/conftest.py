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
