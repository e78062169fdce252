"""Saves a document through LibreOffice's UNO API after laying out all its pages, as a person's save in
LibreOffice does once the layout is finished:

    /usr/bin/python3 unosave.py SOURCE DEST FILTER      (a Python that imports uno: Debian's python3-uno)

Why: `soffice --convert-to odt` saves from a layout that is not finished (LibreOffice lays out lazily and
headless shows no page): its <text:soft-page-break/> and meta:page-count then disagree with the PDF of
the same document (see README.md). Asking for the number of printed pages (XRenderable.getRendererCount)
lays out every page first. Run by make.py; needs no other module than uno.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # noqa: E402 - Debian's python3-uno, in the system Python only
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name: str, value) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def save(source: Path, dest: Path, filter_name: str, timeout: float = 120) -> None:
    pipe = f"tnl_lo_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="lo-uno-") as tmp:
        office = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={Path(tmp).as_uri()}", "--headless", "--norestore",
             "--nologo", f"--accept=pipe,name={pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            deadline, ctx = time.monotonic() + timeout, None
            while ctx is None:
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                except Exception:  # noqa: BLE001 - LibreOffice still starting
                    if time.monotonic() > deadline or office.poll() is not None:
                        raise
                    time.sleep(0.3)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(source.resolve())), "_blank", 0,
                                               (_prop("Hidden", True),))
            doc.getRendererCount(doc, (_prop("IsPrinter", False),))  # lays out every page
            doc.storeToURL(uno.systemPathToFileUrl(str(dest.resolve())), (_prop("FilterName", filter_name),))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001 - the bridge closes as LibreOffice quits
                pass
            office.wait(timeout=timeout)
        finally:
            if office.poll() is None:
                office.kill()
                office.wait()


if __name__ == "__main__":
    save(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
