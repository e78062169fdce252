"""Extensions of the demo world, one module per family of signals.

Each module listed in MODULES provides:
- `extend(cid: str, site: Site) -> None`: adds pages, documents or markup to a candidate's site
  (e.g. `site.add(...)`, editing `site.pages[path].body`, or wrapping `site.layout` to inject markup
  into every page's head or footer). Called for the four served candidates, after `module.build()`.
- `expected(cid: str, site: Site | None, root: Path | None) -> dict`: keys merged into that
  candidate's entry of expected.yaml, COMPUTED from what was generated (walk the written files under
  `root`, as build_world.walk does), never typed by hand. Called for every candidate; `site` and
  `root` are None for the unreachable one.
"""
from __future__ import annotations

import importlib

MODULES: list[str] = ["network", "opendata", "accessibility", "third_parties", "registries", "sobriety"]


def loaded():
    return [importlib.import_module(f"demo.extensions.{name}") for name in MODULES]
