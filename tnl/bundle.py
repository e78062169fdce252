"""Sealed evidence bundle: one zip of a candidate's reports, archive and manifest; and its verification.

`make_bundle` writes report.html, report.json, the WARC archive, its index, candidate.json,
crawl.json, the run's public registries exports (_registries/) and manifest.json (SHA-256 of every
file, tool version, the run's settings). `verify_bundle` checks every hash, then recomputes the
signals from the archive inside the bundle and re-renders the HTML from the JSON: a report edited
after the fact (even with a recomputed manifest) no longer matches what the archive gives.
The manifest is not signed: it proves consistency with the archive, not who made the archive.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ground import __version__, archive
from ground.archive import shard_names
from ground.registries import REGISTRY_DIR
from ground.rendered import RENDER_JSON, RENDER_SHARD

MANIFEST = "manifest.json"
SCHEMA = "tnl-evidence/bundle"
RENDER_FILES = (*shard_names(RENDER_SHARD), RENDER_JSON)
SCREENSHOTS = "rendu"  # tnl/render_report.py writes them there, next to report.html
CANDIDATE_FILES = (archive.REPORT_HTML, archive.REPORT_JSON, archive.WARC_NAME, archive.INDEX_NAME,
                   archive.CANDIDATE_NAME, archive.CRAWL_NAME)
# Zip-bomb and hostile-archive bounds for `verify` (a bundle comes from someone else).
MAX_MEMBERS = 200
MAX_TOTAL_BYTES = 2 * 1024 ** 3
# Report keys that legitimately change on every computation; the method is said apart (a report
# made by another version of tnl is verified by its signals, with a note).
VOLATILE_KEYS = ("generated_at", "method")

# User-facing strings (French): the one-line verdict of `tnl verify` and errors of `tnl bundle`.
UI = {
    "not_candidate": "{path} : pas un dossier de candidat (candidate.json absent)",
    "missing_file": "{path} : fichier {name} absent (lancez d'abord « tnl run » ou « tnl check-site »)",
    "unreadable": "{path} : dossier de preuves illisible ({error})",
    "stale": "{path} : report.html ne correspond plus à report.json (recalculé depuis) ; lancez "
             "« tnl report {out} » pour réécrire les rapports, puis « tnl bundle » à nouveau",
    "damaged": "dossier de preuves illisible : zip endommagé ({error})",
    "valid": "VALIDE : {name} — {n} fichiers conformes au manifeste ; signaux recalculés depuis l'archive "
             "identiques au rapport ; rapport HTML conforme au JSON.",
    "valid_rubric": "VALIDE : {name} — {n} fichiers conformes au manifeste ; signaux recalculés depuis l'archive "
                    "identiques au rapport (grille {rubric} non fournie : niveaux non recalculés) ; "
                    "rapport HTML conforme au JSON.",
    "invalid": "NON VALIDE : {reason}",
    "no_manifest": "manifest.json absent",
    "bad_manifest": "manifest.json illisible",
    "bad_member": "nom de fichier refusé dans le zip : {name}",
    "too_big": "zip trop volumineux ou trop de fichiers",
    "hash": "{name} modifié (empreinte SHA-256 différente du manifeste)",
    "absent": "{name} absent du zip (listé dans le manifeste)",
    "unlisted": "{name} présent dans le zip mais absent du manifeste",
    "required": "{name} absent du manifeste",
    "signals": "report.json ne correspond pas à l'archive : {what}",
    "html": "report.html ne correspond pas à report.json (rapport HTML modifié)",
    "version": " (rapport produit par tnl-evidence {theirs}, vérifié avec {ours})",
}


class BundleError(Exception):
    """Bad input (not a candidate folder, not a zip): exit code 2."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def bundle_files(directory: Path) -> dict[str, Path]:
    """Name inside the zip → file on disk."""
    directory = Path(directory)
    if not (directory / archive.CANDIDATE_NAME).is_file():
        raise BundleError(UI["not_candidate"].format(path=directory))
    files = {}
    for name in CANDIDATE_FILES:
        if not (directory / name).is_file():
            raise BundleError(UI["missing_file"].format(path=directory, name=name))
        files[name] = directory / name
    # The rendered pass (--render), when there was one: its records, its own record and the screenshots.
    for name in RENDER_FILES:
        if (directory / name).is_file():
            files[name] = directory / name
    for path in sorted((directory / SCREENSHOTS).glob("*.png")):
        files[f"{SCREENSHOTS}/{path.name}"] = path
    registries = directory.parent / REGISTRY_DIR
    if registries.is_dir():
        for path in sorted(registries.rglob("*")):
            if path.is_file():
                files[f"{REGISTRY_DIR}/{path.relative_to(registries).as_posix()}"] = path
    return files


def _html_lang(html: str) -> str:
    from reports.html import DEFAULT_LANG, LANGS

    return next((code for code in LANGS if f'<html lang="{code}">' in html[:200]), DEFAULT_LANG)


def views_match(report: dict, html: str) -> bool:
    """Whether report.html is what report.json renders to (in the language it was rendered in): a
    report.json rewritten since (`tnl check --edition …`) leaves a stale view."""
    from reports.html import render_candidate

    with tempfile.TemporaryDirectory(prefix="tnl-bundle-") as tmp:
        rendered = render_candidate(report, Path(tmp), _html_lang(html))
        return rendered.read_text(encoding="utf-8") == html


def make_bundle(directory: Path, output: Path | None = None) -> Path:
    directory = Path(directory)
    files = bundle_files(directory)
    report = archive.read_json(files[archive.REPORT_JSON])
    if not views_match(report, files[archive.REPORT_HTML].read_text(encoding="utf-8")):
        raise BundleError(UI["stale"].format(path=directory, out=directory.parent))
    crawl = archive.read_json(files[archive.CRAWL_NAME])
    manifest = {
        "schema": SCHEMA, "schema_version": 1,
        "tool": {"name": "tnl-evidence", "version": __version__},
        "created_at": archive.utc_now(),
        "candidate": report.get("candidate", {}).get("id"),
        "report_tool": report.get("tool"),
        "crawl": {k: crawl.get(k) for k in ("started_at", "finished_at", "resumed_at", "user_agent")},
        "settings": crawl.get("settings", {}),
        "rubric": report.get("rubric"),
        "files": {name: {"sha256": _sha256(path), "bytes": path.stat().st_size} for name, path in files.items()},
    }
    output = Path(output) if output else directory.parent / f"{directory.name}-preuves.zip"
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, path in files.items():
            zf.write(path, name)
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    tmp.replace(output)
    return output


@dataclass
class Verdict:
    valid: bool
    line: str
    problems: list[str] = field(default_factory=list)


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (not p.is_absolute() and ".." not in p.parts and "\\" not in name and ":" not in name
            and bool(p.parts) and (len(p.parts) == 1 or p.parts[0] in (REGISTRY_DIR, SCREENSHOTS)))


def _differences(a, b, path: str = "") -> list[str]:
    """Where two JSON values differ (the first few paths)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            out += _differences(a.get(k), b.get(k), f"{path}.{k}" if path else str(k))
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [path or "(racine)"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            # signals are named by id rather than position, for a readable verdict
            label = x.get("id") if isinstance(x, dict) and x.get("id") else str(i)
            out += _differences(x, y, f"{path}[{label}]")
        return out
    return [] if a == b else [path or "(racine)"]


# What a damaged zip raises while it is read: a bad CRC, a truncated or garbled deflate stream, a
# broken header.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


def verify_bundle(path: Path) -> Verdict:
    path = Path(path)
    if not path.is_file():
        raise BundleError(UI["unreadable"].format(path=path, error="fichier absent" if not path.exists()
                                                  else "ce n'est pas un fichier"))
    try:
        zf = zipfile.ZipFile(path)
    except OSError as exc:
        raise BundleError(UI["unreadable"].format(path=path, error=exc.strerror or exc.__class__.__name__)) from None
    except _DAMAGE as exc:
        return _invalid(UI["damaged"].format(error=_damage_words(exc)))
    try:
        with zf, tempfile.TemporaryDirectory(prefix="tnl-verify-") as tmp:
            return _verify(zf, Path(tmp))
    except _DAMAGE as exc:
        return _invalid(UI["damaged"].format(error=_damage_words(exc)))


def _damage_words(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "somme de contrôle CRC-32 incorrecte : un octet au moins a changé"
    if "not a zip file" in text.lower():
        return "ce n'est pas un zip, ou sa table des fichiers est abîmée"
    if isinstance(exc, (zlib.error, EOFError)):
        return "données compressées abîmées ou tronquées"
    return "structure du zip abîmée"


def _invalid(reason: str, problems: list[str] | None = None) -> Verdict:
    return Verdict(False, UI["invalid"].format(reason=reason), problems or [reason])


def _members(zf: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """Name in the bundle → name in the zip, for its files. A bundle unzipped and zipped again
    (`zip -r`) holds folder entries (ignored) and may hold everything under one folder (read
    through it). Returns an unsafe name instead when there is one."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    names = [i.filename for i in infos]
    prefix = ""
    if MANIFEST not in names:
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) == 1 and all("/" in n for n in names) and f"{next(iter(tops))}/{MANIFEST}" in names:
            prefix = next(iter(tops)) + "/"
    members = {}
    for info in zf.infolist():
        inner = info.filename[len(prefix):]
        if info.is_dir():
            if inner.rstrip("/") and not _safe_name(inner.rstrip("/")):
                return {}, info.filename
            continue
        if not _safe_name(inner):
            return {}, info.filename
        members[inner] = info.filename
    return members, None


def _verify(zf: zipfile.ZipFile, tmp: Path) -> Verdict:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        return _invalid(UI["too_big"])
    members, unsafe = _members(zf)
    if unsafe is not None:
        return _invalid(UI["bad_member"].format(name=unsafe[:200]))
    names = set(members)
    if MANIFEST not in names:
        return _invalid(UI["no_manifest"])
    try:
        manifest = json.loads(zf.read(members[MANIFEST]).decode("utf-8"))
        listed = manifest["files"]
        assert isinstance(listed, dict)
    except (ValueError, KeyError, AssertionError, UnicodeDecodeError):
        return _invalid(UI["bad_manifest"])
    for name in CANDIDATE_FILES:
        if name not in listed:
            return _invalid(UI["required"].format(name=name))
    for name in sorted(names - {MANIFEST}):
        if name not in listed:
            return _invalid(UI["unlisted"].format(name=name))
    # Extract to <tmp>/<cid>/ and <tmp>/_registries/ (the layout observe.build expects), hashing.
    cand_dir = tmp / "candidat"
    cand_dir.mkdir()
    for name, meta in listed.items():
        if name not in names:
            return _invalid(UI["absent"].format(name=name))
        target = tmp / name if name.startswith(REGISTRY_DIR + "/") else cand_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha256()
        with zf.open(members[name]) as src, open(target, "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                h.update(chunk)
                dst.write(chunk)
        if not isinstance(meta, dict) or h.hexdigest() != meta.get("sha256"):
            return _invalid(UI["hash"].format(name=name))
    bundled = archive.read_json(cand_dir / archive.REPORT_JSON)
    html = (cand_dir / archive.REPORT_HTML).read_text(encoding="utf-8")
    theirs = (bundled.get("tool") or {}).get("version")
    version_note = UI["version"].format(theirs=theirs, ours=__version__) if theirs != __version__ else ""

    # 1. The signals, recomputed from the archive with the rubric the report names.
    from checks.rubric import load_rubric
    from tnl.pipeline import check_candidate

    recorded = bundled.get("rubric") or {}
    rubric, source = load_rubric()
    if recorded.get("sha256") != source.get("sha256") and recorded.get("edition") is not None:
        try:  # a report made with `--edition`: the shipped grid of that edition
            rubric, source = load_rubric(edition=recorded["edition"])
        except Exception:  # noqa: BLE001 - an unknown edition: the levels are not recomputed
            pass
    same_rubric = recorded.get("sha256") == source.get("sha256")
    recomputed = check_candidate(cand_dir, rubric, source) if same_rubric else check_candidate(cand_dir)
    # As report.json holds it: JSON's keys are strings (a profile's levels {1: 0.0} read back {"1": 0.0}).
    recomputed = json.loads(json.dumps(recomputed, ensure_ascii=False))
    drop = set(VOLATILE_KEYS) | (set() if same_rubric else {"levels", "rubric"})
    diffs = _differences({k: v for k, v in bundled.items() if k not in drop},
                         {k: v for k, v in recomputed.items() if k not in drop})
    if diffs:
        what = ", ".join(diffs[:5]) + (f" (+{len(diffs) - 5})" if len(diffs) > 5 else "")
        return _invalid(UI["signals"].format(what=what) + version_note, diffs)
    # 2. The HTML, re-rendered from the bundled JSON (the renderer holds no clock).
    from reports.html import render_candidate

    # In the language it was rendered in (`tnl report --lang en`): the <html lang> of the page.
    rendered = render_candidate(bundled, tmp / "rendu", _html_lang(html))
    if rendered.read_text(encoding="utf-8") != html:
        return _invalid(UI["html"] + version_note)
    name = (bundled.get("candidate") or {}).get("name") or "?"
    key = "valid" if same_rubric else "valid_rubric"
    return Verdict(True, UI[key].format(name=name, n=len(listed),
                                        rubric=(bundled.get("rubric") or {}).get("path")) + version_note)
