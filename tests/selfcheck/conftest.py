"""A live `tnl serve` app (werkzeug in a thread, on loopback) pointed at the fixture world."""
from __future__ import annotations

import threading

import pytest

from demo import DATAGOUV_API
from tests.e2e.helpers import world_args


def start_app(out, world=None, net=None, allow_private=False):
    from werkzeug.serving import make_server

    from tnl.options import host_map
    from tnl.web.app import create_app

    args = world_args(world) if world else []
    resolve = [args[i + 1] for i, a in enumerate(args) if a == "--resolve"]
    child = ["--delay", "0", "--datagouv-api", DATAGOUV_API, *args]
    if net:
        child += ["--dns-server", net.dns_address, "--whois-server", net.whois_address]
    if allow_private:
        child.append("--allow-private")
    app = create_app(out, allow_private=allow_private, host_map=host_map(resolve), child_args=child,
                     max_queue=2, allowed_hosts={"127.0.0.1", "localhost"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return app, server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def live(world, net, tmp_path_factory):
    """Started with --allow-private: the fixture world is on loopback, like `tnl demo`."""
    app, server, base = start_app(tmp_path_factory.mktemp("serve"), world, net, allow_private=True)
    yield app, base
    server.shutdown()
    app.extensions["tnl_runner"].stop()


@pytest.fixture(scope="module")
def strict(world, tmp_path_factory):
    """Started with the defaults: private and loopback targets refused."""
    app, server, base = start_app(tmp_path_factory.mktemp("serve-strict"), world, None, allow_private=False)
    yield app, base
    server.shutdown()
    app.extensions["tnl_runner"].stop()
