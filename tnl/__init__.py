"""tnl-evidence: objective, sourced evidence for the Territoire Numérique Libre label."""

__version__ = "0.1.0"
