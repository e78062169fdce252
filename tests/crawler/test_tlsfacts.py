"""TLS facts (crawler/tlsfacts.py via crawler/netfacts.gather) against loopback TLS servers."""
from __future__ import annotations

import datetime
import socket
import ssl
import threading
from pathlib import Path

import pytest

from crawler import tlsfacts
from crawler.netfacts import gather
from crawler.run import CrawlOptions
from demo.server import TLS_DIR
from ground.archive import CANDIDATE_NAME, read_index, write_json
from ground.observe import build
from tests.faults import server as fw


def _write(cert, key, folder: Path, name: str) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization

    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def make_ca_and_leaf(folder: Path, host: str) -> tuple[Path, Path, Path]:
    """(CA certificate, leaf certificate, leaf key): a valid leaf for `host`, signed by a private CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Autorité de test de la commune")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=20))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_path, _ = _write(ca, ca_key, folder, "ca")
    leaf_path, key_path = _write(leaf, key, folder, "feuille")
    return ca_path, leaf_path, key_path


class TLSServer:
    """Accepts TLS on 127.0.0.1 (random port), completes the handshake, then closes; or stays silent."""

    def __init__(self, cert: Path | None, key: Path | None, silent: bool = False) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.context = None
        if cert:
            self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.context.load_cert_chain(cert, key)
        self.silent = silent
        self.stopping = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.silent:
                self.held.append(conn)  # never answers the ClientHello
                continue
            threading.Thread(target=self._handshake, args=(conn,), daemon=True).start()

    def _handshake(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            with self.context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError):
            pass

    def stop(self) -> None:
        self.stopping.set()
        self.sock.close()
        for conn in self.held:
            conn.close()


def _gather(tmp_path: Path, host: str, **kw) -> tuple[dict, list]:
    # Reserved names (.test, localhost) and no --dns-server/--whois-server: DNS and WHOIS are skipped.
    options = CrawlOptions(**kw)
    cand = {"id": "c", "name": "Ville-Exemple", "websites": [f"https://{host}/"]}
    tmp_path.mkdir(parents=True, exist_ok=True)
    write_json(tmp_path / CANDIDATE_NAME, cand)
    gather(cand, tmp_path, options)
    records = {r.uri: r for r in build(tmp_path).netrecords if r.kind == "tls"}
    return records, [e for e in read_index(tmp_path) if e.kind == "tls"]


@pytest.fixture(scope="module")
def fault_world(tmp_path_factory):
    server = fw.FaultServer(tls_dir=tmp_path_factory.mktemp("tls-faults")).start()
    yield server
    server.stop()


@pytest.fixture()
def direct_port(monkeypatch):
    """Direct connections (no --resolve) go to port 443; here, to the test server's port instead."""
    def use(port: int) -> None:
        monkeypatch.setattr(tlsfacts, "TLS_PORT", port)
    return use


def test_good_certificate_trusted_with_ca_file_is_verified(tmp_path, direct_port):
    (tmp_path / "pki").mkdir()
    ca, leaf, key = make_ca_and_leaf(tmp_path / "pki", "localhost")
    server = TLSServer(leaf, key)
    direct_port(server.port)
    try:
        records, _ = _gather(tmp_path / "out", "localhost", allow_private=True, ca_file=str(ca), timeout=5)
    finally:
        server.stop()
    rec = records["tls:localhost"]
    assert rec.record_id and rec.sha256
    assert rec.data["tls"] is True and rec.data["verified"] is True and rec.data["problems"] == []
    assert rec.data["certificate"]["san"] == ["localhost"]
    assert rec.data["certificate"]["issuer"] == "CN=Autorité de test de la commune"
    assert rec.data["protocol"].startswith("TLSv1.")


def test_good_certificate_without_its_ca_is_an_unknown_authority(tmp_path, direct_port):
    (tmp_path / "pki").mkdir()
    _ca, leaf, key = make_ca_and_leaf(tmp_path / "pki", "localhost")
    server = TLSServer(leaf, key)
    direct_port(server.port)
    try:
        records, _ = _gather(tmp_path / "out", "localhost", allow_private=True, timeout=5)
    finally:
        server.stop()
    data = records["tls:localhost"].data
    assert data["tls"] is True and data["verified"] is False
    assert data["problems"] == ["unknown_ca"] and data["openssl_code"] == 20
    assert data["error"] == "certificat invalide : autorité de certification inconnue"


def test_expired_self_signed_certificate_for_another_name_lists_every_problem(tmp_path, direct_port):
    cert, key = fw.make_bad_certificate(tmp_path / "pki")
    server = TLSServer(cert, key)
    direct_port(server.port)
    try:
        records, _ = _gather(tmp_path / "out", "localhost", allow_private=True, ca_file=str(cert), timeout=5)
    finally:
        server.stop()
    data = records["tls:localhost"].data
    assert data["verified"] is False
    assert data["problems"] == ["expired", "self_signed", "hostname_mismatch"]
    assert data["error"] == ("certificat invalide : expiré le 2020-01-01, autosigné, "
                             "nom localhost non couvert (autre-nom.invalid)")
    assert data["certificate"]["not_after"].startswith("2020-01-01")
    assert data["openssl_error"]


def test_bad_certificate_through_the_proxy_tunnel(tmp_path, fault_world):
    host_map = {h: fault_world.address for h in fault_world.hosts}
    records, _ = _gather(tmp_path, fw.TLS_INVALIDE, allow_private=True, host_map=host_map, timeout=5)
    data = records[f"tls:{fw.TLS_INVALIDE}"].data
    assert data["tls"] is True and data["verified"] is False
    assert "CONNECT" in data["via"] and "autosigné" in data["error"] and "expiré le 2020-01-01" in data["error"]
    assert any(h.path == "CONNECT" for h in fault_world.hits_for(fw.TLS_INVALIDE))


def test_proxy_refusing_connect_means_no_tls(tmp_path, fault_world):
    host_map = {h: fault_world.address for h in fault_world.hosts}
    records, _ = _gather(tmp_path, fw.COUPURE, allow_private=True, host_map=host_map, timeout=5)
    data = records[f"tls:{fw.COUPURE}"].data
    assert data["tls"] is False and data["verified"] is False
    assert "502" in data["error"] and data["error"].startswith("pas de TLS")


def test_demo_world_certificate_is_verified_with_its_own_ca_file(tmp_path, world):
    host = "www.libreville-isere.test"
    records, _ = _gather(tmp_path / "a", host, allow_private=True, host_map=world.host_map(),
                         ca_file=str(TLS_DIR / "world.pem"), timeout=5)
    assert records[f"tls:{host}"].data["verified"] is True
    records, _ = _gather(tmp_path / "b", host, allow_private=True, host_map=world.host_map(), timeout=5)
    assert records[f"tls:{host}"].data["problems"] == ["self_signed"]


def test_connection_refused_means_no_tls(tmp_path, direct_port):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    server.close()
    direct_port(port)
    records, _ = _gather(tmp_path, "localhost", allow_private=True, timeout=2)
    assert records["tls:localhost"].data["tls"] is False
    assert "connexion refusée" in records["tls:localhost"].data["error"]


def test_silent_host_times_out_into_an_index_line(tmp_path, direct_port):
    server = TLSServer(None, None, silent=True)
    direct_port(server.port)
    try:
        records, index = _gather(tmp_path, "localhost", allow_private=True, timeout=0.5)
    finally:
        server.stop()
    assert records["tls:localhost"].record_id is None
    assert index[0].error and "timed out" in index[0].error.lower()


def test_private_address_is_refused_unless_allowed(tmp_path, direct_port):
    direct_port(9)
    records, index = _gather(tmp_path, "localhost")
    assert records["tls:localhost"].data is None
    assert index[0].error.startswith("adresse privée refusée : localhost → ")


def test_reserved_name_without_resolve_never_reaches_dns(tmp_path, monkeypatch):
    def no_dns(*a, **k):
        raise AssertionError("getaddrinfo called for a reserved name")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    records, index = _gather(tmp_path, "www.ville-exemple.test", allow_private=True)
    assert records["tls:www.ville-exemple.test"].record_id is None
    assert "domaine réservé" in index[0].error


@pytest.mark.parametrize("host,names,covered", [
    ("www.ville.fr", ["www.ville.fr"], True),
    ("WWW.Ville.fr", ["www.ville.fr"], True),
    ("www.ville.fr", ["*.ville.fr"], True),
    ("a.b.ville.fr", ["*.ville.fr"], False),
    ("ville.fr", ["*.ville.fr"], False),
    ("www.ville.test", ["*.test"], False),  # a wildcard needs two labels after it (as OpenSSL)
    ("www.ville.fr", ["autre-nom.invalid"], False),
])
def test_name_covered(host, names, covered):
    assert tlsfacts.name_covered(host, names) is covered
