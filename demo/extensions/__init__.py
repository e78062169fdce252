"""Extensions of the demo world, one module per family of signals.

Each module listed in MODULES provides:
- `extend(cid: str, site: Site) -> None`: adds pages, documents or markup to a candidate's site
  (e.g. `site.add(...)`, editing `site.pages[path].body`, or wrapping `site.layout` to inject markup
  into every page's head or footer). Called for the four served candidates, after `module.build()`.
- `expected(cid: str, site: Site | None, root: Path | None) -> dict`: keys merged into that
  candidate's entry of expected.yaml. What a check judges (an assessment, which registry entry is
  whose, which platform a link leads to) is written by hand in the module, beside the markup it adds,
  and checked against the written files (fails loudly); what is counted is counted on the written
  files under `root` with demo.walker. Never computed with the checks' code. Called for every
  candidate; `site` and `root` are None for the unreachable one.
- optionally `FREE_SOFTWARE_NAMES: dict[cid, list[str]]`: free software the text it adds names in a
  page's main content, merged by build_world into that candidate's free_software_names.

Extensions import demo.walker and demo.candidates, never build_world (which imports them).
"""
from __future__ import annotations

import importlib

MODULES: list[str] = ["network", "opendata", "accessibility", "documents", "third_parties", "registries", "sobriety"]


def loaded():
    return [importlib.import_module(f"demo.extensions.{name}") for name in MODULES]
