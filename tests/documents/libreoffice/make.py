"""Converts the hand-written flat ODF sources in src/ with LibreOffice (soffice --headless --convert-to)
into the files the tests read in out/: what a collectivité's LibreOffice saves and exports.

    python tests/documents/libreoffice/make.py            # regenerates out/ (needs soffice on PATH)
    python tests/documents/libreoffice/make.py DIR        # into DIR instead

The outputs are committed (CI has no LibreOffice); see README.md beside this file. Each conversion runs
with a fresh, private LibreOffice profile, so that no setting of the machine's user changes the output,
and in a French locale, as at a French collectivité: Calc and Impress take the document language (PDF
/Lang) and the number formats from it (in the C locale they write en-US, "1,873" and "66.7 %").
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "out"
LOCALE = {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr_FR:fr"}


def _pdf(filter_name: str, tagged: bool) -> str:
    """A --convert-to target for a PDF export, its options as JSON (LibreOffice >= 7.4): tagged PDF with
    PDF/UA, or said plainly untagged (the default, written so that no profile can change it)."""
    flag = {"type": "boolean", "value": "true" if tagged else "false"}
    return f"pdf:{filter_name}:" + json.dumps({"UseTaggedPDF": flag, "PDFUACompliance": flag},
                                              separators=(",", ":"))


# source -> [(output name, --convert-to target, or "uno:FILTER" for a save by unosave.py after a full layout)]
TARGETS: dict[str, list[tuple[str, str]]] = {
    "deliberation.fodt": [
        ("deliberation.odt", "odt:writer8"),
        ("deliberation.docx", "docx:MS Word 2007 XML"),
        ("deliberation.pdf", _pdf("writer_pdf_Export", tagged=False)),
        ("deliberation-pdfua.pdf", _pdf("writer_pdf_Export", tagged=True)),
    ],
    "declaration.fodt": [
        ("declaration.odt", "odt:writer8"),
        ("declaration-full-layout.odt", "uno:writer8"),
        ("declaration.docx", "docx:MS Word 2007 XML"),
        ("declaration.pdf", _pdf("writer_pdf_Export", tagged=False)),
        ("declaration-pdfua.pdf", _pdf("writer_pdf_Export", tagged=True)),
    ],
    "inventaire.fods": [
        ("inventaire.ods", "ods:calc8"),
        ("inventaire.xlsx", "xlsx:Calc MS Excel 2007 XML"),
        ("inventaire.pdf", _pdf("calc_pdf_Export", tagged=False)),
    ],
    "presentation.fodp": [
        ("presentation.odp", "odp:impress8"),
        ("presentation.pptx", "pptx:Impress MS PowerPoint 2007 XML"),
        ("presentation.pdf", _pdf("impress_pdf_Export", tagged=False)),
    ],
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def version() -> str:
    exe = soffice()
    if exe is None:
        raise RuntimeError("soffice introuvable (LibreOffice n'est pas installé)")
    return subprocess.run([exe, "--version"], capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


def uno_python() -> str | None:
    """A Python that imports uno (Debian's python3-uno installs it for the system Python only)."""
    for exe in (os.environ.get("UNO_PYTHON"), "/usr/bin/python3", shutil.which("python3")):
        if exe and Path(exe).exists() and subprocess.run([exe, "-c", "import uno"], capture_output=True,
                                                           timeout=60).returncode == 0:
            return exe
    return None


def convert(source: Path, target: str, dest: Path, timeout: float = 180) -> Path:
    """One conversion of `source` by LibreOffice, written as `dest`."""
    if target.startswith("uno:"):
        python = uno_python()
        if python is None:
            raise RuntimeError("aucun Python n'importe uno (paquet Debian python3-uno)")
        dest.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([python, str(HERE / "unosave.py"), str(source), str(dest), target[4:]], check=True,
                       timeout=timeout, stdin=subprocess.DEVNULL, env={**os.environ, **LOCALE})
        return dest
    exe = soffice()
    if exe is None:
        raise RuntimeError("soffice introuvable (LibreOffice n'est pas installé)")
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()
        run = subprocess.run(
            [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target,
             "--outdir", str(work / "out"), str(source)],
            capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, env={**os.environ, **LOCALE})
        produced = list((work / "out").glob("*")) if (work / "out").is_dir() else []
        if run.returncode != 0 or len(produced) != 1:
            raise RuntimeError(f"échec de la conversion {source.name} -> {target} "
                               f"(code {run.returncode}) : {run.stdout}{run.stderr}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced[0]), dest)
    return dest


def build(out: Path = OUT, only: list[str] | None = None, uno: bool = True) -> list[Path]:
    """Every output of TARGETS (or of the sources named in `only`) into `out`; `uno`: False leaves out
    the saves by unosave.py (for a machine without python3-uno)."""
    made = []
    for source, targets in TARGETS.items():
        if only is not None and source not in only:
            continue
        for name, target in targets:
            if uno or not target.startswith("uno:"):
                made.append(convert(SRC / source, target, out / name))
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(version())
    for path in build(out):
        print(f"{path.stat().st_size:>8}  {path}")
