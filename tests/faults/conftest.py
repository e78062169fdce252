"""The fault world (tests/faults/server.py) on loopback for the whole session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def fault_world(tmp_path_factory):
    from tests.faults.server import FaultServer

    server = FaultServer(tls_dir=tmp_path_factory.mktemp("fault-tls")).start()
    try:
        yield server
    finally:
        server.stop()
