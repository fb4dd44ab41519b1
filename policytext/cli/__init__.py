"""The ``policytext`` command line.

Subcommands live in one module each (``_ingest``, ``_extract``...) and register
themselves on :data:`main`.
"""

from __future__ import annotations

import importlib
import logging

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policytext")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Mine Chinese policy corpora: normalize scraped notices, extract what they say, compare regions."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _name in ("_ingest", "_extract", "_segment", "_compare", "_report"):
    importlib.import_module(f"{__name__}.{_name}")
