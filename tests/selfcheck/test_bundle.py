"""`tnl check-site`, then `tnl bundle` and `tnl verify`, through the real command line."""
from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from demo import DATAGOUV_API
from tests.e2e.helpers import tnl, world_args


@pytest.fixture(scope="module")
def site(world, net, tmp_path_factory):
    out = tmp_path_factory.mktemp("check-site")
    proc = tnl("check-site", "http://www.libreville-isere.test/", "--out", str(out), "--siren", "213899909",
               "--kind", "commune", "--allow-private", "--delay", "0", "--datagouv-api", DATAGOUV_API,
               *world_args(world), "--dns-server", net.dns_address, "--whois-server", net.whois_address)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, proc


def test_check_site_writes_the_same_report_as_a_candidates_file_run(site):
    out, proc = site
    directory = out / "libreville-isere-test"
    assert f"Rapport : {directory / 'report.html'}" in proc.stdout
    report = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    assert report["candidate"]["name"] == "Ville de Libreville-sur-Isère"  # the homepage's <h1>
    assert report["candidate"]["siren"] == "213899909" and report["candidate"]["kind"] == "commune"
    assert report["crawl"]["counts"]["pages"] > 10
    assert len(report["domains"]) == 5 and (out / "index.html").is_file()
    by_id = {s["id"]: s for s in report["signals"]}
    assert by_id["datagouv_org"]["assessment"] == "favorable"  # found by SIREN, as usual


def test_check_site_refuses_bad_input_with_exit_code_2(tmp_path):
    proc = tnl("check-site", "http://127.0.0.1/", "--out", str(tmp_path))
    assert proc.returncode == 2 and "Adresse privée refusée" in proc.stderr
    proc = tnl("check-site", "ftp://www.ma-commune.fr/", "--out", str(tmp_path))
    assert proc.returncode == 2 and "seuls http et https" in proc.stderr
    proc = tnl("check-site", "http://www.libreville-isere.test/", "--siren", "12345", "--out", str(tmp_path))
    assert proc.returncode == 2 and "9 chiffres attendus" in proc.stderr
    proc = tnl("check-site", "http://www.libreville-isere.test/", "--out", str(tmp_path))
    assert proc.returncode == 2 and "nom réservé (RFC 6761)" in proc.stderr and "--resolve" in proc.stderr


@pytest.fixture(scope="module")
def bundle(site, tmp_path_factory):
    out, _ = site
    target = tmp_path_factory.mktemp("bundle") / "preuves.zip"
    proc = tnl("bundle", str(out / "libreville-isere-test"), "--output", str(target))
    assert proc.returncode == 0, proc.stderr
    return target


def test_bundle_holds_reports_archive_registries_and_a_manifest(bundle):
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert {"report.html", "report.json", "crawl.warc.gz", "index.jsonl", "candidate.json", "crawl.json",
                "manifest.json"} <= names
        assert any(n.startswith("_registries/") for n in names)
        assert set(manifest["files"]) == names - {"manifest.json"}
        for name, meta in manifest["files"].items():
            assert meta["sha256"] == hashlib.sha256(zf.read(name)).hexdigest()
    assert manifest["tool"]["name"] == "tnl-evidence" and manifest["tool"]["version"]
    assert manifest["settings"]["max_pages"] == 200 and manifest["candidate"] == "libreville-isere-test"


def test_verify_accepts_the_bundle_as_written(bundle):
    proc = tnl("verify", str(bundle), block_network=True)  # offline: recomputed from the archive
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("VALIDE : Ville de Libreville-sur-Isère")


def _rewrite(src, dst, edit, fix_manifest: bool) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        files = {n: zin.read(n) for n in zin.namelist()}
        for name, data in list(files.items()):
            files[name] = edit(name, data)
        if fix_manifest:  # a forger who recomputes every hash
            manifest = json.loads(files["manifest.json"])
            for name in manifest["files"]:
                manifest["files"][name]["sha256"] = hashlib.sha256(files[name]).hexdigest()
            files["manifest.json"] = json.dumps(manifest).encode()
        for name, data in files.items():
            zout.writestr(name, data)


def _improve_a_signal(name: str, data: bytes) -> bytes:
    if name != "report.json":
        return data
    report = json.loads(data)
    for s in report["signals"]:
        if s["assessment"] == "defavorable":
            s["assessment"] = "favorable"
            break
    return json.dumps(report).encode()


@pytest.mark.parametrize("fix_manifest, expected", [
    (False, "NON VALIDE : report.json modifié (empreinte SHA-256 différente du manifeste)"),
    (True, "NON VALIDE : report.json ne correspond pas à l'archive : signals["),
])
def test_verify_refuses_an_edited_report_json(bundle, tmp_path, fix_manifest, expected):
    forged = tmp_path / "forged.zip"
    _rewrite(bundle, forged, _improve_a_signal, fix_manifest)
    proc = tnl("verify", str(forged))
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert proc.stdout.startswith(expected), proc.stdout


def test_verify_refuses_an_edited_report_html_even_with_a_recomputed_manifest(bundle, tmp_path):
    forged = tmp_path / "forged.zip"
    _rewrite(bundle, forged, lambda n, d: d.replace(b"</main>", b"<p>Niveau 5 partout</p></main>")
             if n == "report.html" else d, fix_manifest=True)
    proc = tnl("verify", str(forged))
    assert proc.returncode == 3
    assert proc.stdout.strip() == "NON VALIDE : report.html ne correspond pas à report.json (rapport HTML modifié)"


def test_verify_refuses_unlisted_or_traversing_members(bundle, tmp_path):
    forged = tmp_path / "forged.zip"
    _rewrite(bundle, forged, lambda n, d: d, fix_manifest=False)
    with zipfile.ZipFile(forged, "a") as zf:
        zf.writestr("../evil.txt", b"x")
    proc = tnl("verify", str(forged))
    assert proc.returncode == 3 and "nom de fichier refusé dans le zip : ../evil.txt" in proc.stdout


def test_verify_a_file_that_is_not_a_zip_is_unreadable_exit_3(tmp_path):
    path = tmp_path / "x.zip"
    path.write_text("pas un zip")
    proc = tnl("verify", str(path))
    assert (proc.returncode, proc.stdout.strip()) == (
        3, "NON VALIDE : dossier de preuves illisible : zip endommagé (ce n'est pas un zip, ou sa table des "
           "fichiers est abîmée)")
    proc = tnl("verify", str(tmp_path / "absent.zip"))
    assert proc.returncode == 2 and "absent.zip : dossier de preuves illisible (fichier absent)" in proc.stderr


def test_verify_a_zip_with_one_byte_flipped_is_unreadable_exit_3(bundle, tmp_path):
    data = bytearray(bundle.read_bytes())
    # A byte inside the archive's compressed data (the WARC is the largest member, stored first by size).
    with zipfile.ZipFile(bundle) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
    middle = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[middle] ^= 0xFF
    damaged = tmp_path / "abime.zip"
    damaged.write_bytes(bytes(data))
    proc = tnl("verify", str(damaged))
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert proc.stdout.startswith("NON VALIDE : dossier de preuves illisible : zip endommagé (")
    assert "erreur inattendue" not in proc.stderr


@pytest.mark.parametrize("top_folder", ["", "preuves/"])
def test_a_bundle_unzipped_and_zipped_again_with_folder_entries_is_still_valid(bundle, tmp_path, top_folder):
    """What `unzip preuves.zip -d preuves && zip -r preuves2.zip preuves` (or from inside the folder) gives:
    an entry for each folder, the files under them, maybe everything under one top folder."""
    again = tmp_path / "again.zip"
    with zipfile.ZipFile(bundle) as zin, zipfile.ZipFile(again, "w", zipfile.ZIP_DEFLATED) as zout:
        if top_folder:
            zout.writestr(zipfile.ZipInfo(top_folder), b"")
        folders = sorted({n.rsplit("/", 1)[0] + "/" for n in zin.namelist() if "/" in n})
        for folder in folders:
            zout.writestr(zipfile.ZipInfo(top_folder + folder), b"")
        for name in zin.namelist():
            zout.writestr(top_folder + name, zin.read(name))
    with zipfile.ZipFile(again) as zf:
        assert any(i.is_dir() and i.filename == f"{top_folder}_registries/" for i in zf.infolist())
    proc = tnl("verify", str(again))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("VALIDE : Ville de Libreville-sur-Isère")


def test_check_rewrites_the_views_and_bundle_refuses_a_stale_pair(site, tmp_path):
    import shutil

    out, _ = site
    copy = tmp_path / "copie"
    shutil.copytree(out, copy)
    directory = copy / "libreville-isere-test"
    # `tnl check --edition 2019` alone: report.html and index.html follow report.json.
    proc = tnl("check", str(copy), "--edition", "2019")
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    assert report["rubric"]["edition"] == 2019
    proc = tnl("bundle", str(directory), "--output", str(tmp_path / "p.zip"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert tnl("verify", str(tmp_path / "p.zip")).returncode == 0
    # A report.json changed after its view was written (by hand, or by an older tnl): refused, with
    # what to do.
    report["candidate"]["name"] = "Ville renommée"
    (directory / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    proc = tnl("bundle", str(directory), "--output", str(tmp_path / "q.zip"))
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(f"{directory} : report.html ne correspond plus à report.json (recalculé "
                                        f"depuis) ; lancez « tnl report {copy} » pour réécrire les rapports, "
                                        "puis « tnl bundle » à nouveau")
    assert not (tmp_path / "q.zip").exists()


def test_verify_recomputes_levels_with_the_edition_the_report_names(site, tmp_path):
    import shutil

    out, _ = site
    copy = tmp_path / "copie"
    shutil.copytree(out, copy)
    for args in (("check", str(copy), "--edition", "2019"), ("report", str(copy)),
                 ("bundle", str(copy / "libreville-isere-test"), "--output", str(tmp_path / "p.zip"))):
        proc = tnl(*args)
        assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((copy / "libreville-isere-test" / "report.json").read_text(encoding="utf-8"))
    assert report["rubric"]["edition"] == 2019
    proc = tnl("verify", str(tmp_path / "p.zip"))
    assert proc.returncode == 0 and "niveaux non recalculés" not in proc.stdout, proc.stdout
