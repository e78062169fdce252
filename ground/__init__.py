"""The ground every stage stands on: data types, the archive, the observations built from it, candidates.

It imports nothing of ours (crawler, checks, reports, demo, tnl): see docs/architecture.md.
"""

__version__ = "0.1.0"
