"""Average reader adapters trained from the same start into one ("model soup").

    python scripts/soup_reader.py RUN1/reader-adapter.npz RUN2/reader-adapter.npz ... --out models

The runs must share ``--seed`` (the initialisation) and differ in ``--order-seed`` (data order and
dropout): ``scripts/train_reader.py --order-seed N``. The result merges into the same six layers,
so it costs nothing at run time; see :func:`clausecheck.encoder.adapter.average_adapters`.
No torch: numpy only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder.adapter import Adapter, average_adapters, save_adapter  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("adapters", nargs="+", type=Path, help="reader-adapter.npz files (each with its .sha256)")
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--name", default="reader-adapter")
    args = ap.parse_args(argv)
    adapters = [Adapter.load(p) for p in args.adapters]
    seeds = {a.config.get("seed") for a in adapters}
    if len(seeds) > 1:
        print(f"refusing to average runs with different initialisation seeds {sorted(seeds)}", file=sys.stderr)
        return 2
    config, arrays = average_adapters(adapters)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{args.name}.npz"
    digest = save_adapter(path, config, arrays)
    print(f"{path}: average of {len(adapters)} runs (order seeds "
          f"{[a.config.get('order_seed', a.config.get('seed')) for a in adapters]}), sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
