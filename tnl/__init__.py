"""tnl-evidence's application: the `tnl` command, the pipeline, the digester, the web page, self-check, bundles.

It stands on every other package and nothing imports it (docs/architecture.md)."""

from ground import __version__

__all__ = ["__version__"]
