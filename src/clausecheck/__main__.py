"""``python -m clausecheck``. The guard matters: batch workers start with ``spawn``, which imports
this module again in every worker (as ``__mp_main__``); without it each would run the CLI."""

from clausecheck.cli import entry

if __name__ == "__main__":
    entry()
