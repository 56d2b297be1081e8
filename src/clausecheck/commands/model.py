"""``clausecheck model build``: build the reader's run-time model into the user cache ahead of time.

``scripts/setup.sh`` runs it, so a fresh install starts warm; without it the first use builds it
(and says so). ``clausecheck model info`` prints where the cache is and whether it is built.

Exit codes: 0 built (or already there), 2 usage, 3 the base files or the adapter do not verify.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from clausecheck.errors import ClausecheckError, ExitCode


def register(subparsers) -> None:
    p = subparsers.add_parser("model", help="build or inspect the reader model (multilingual-e5-small, fine-tuned)")
    msub = p.add_subparsers(dest="model_command", required=True)
    b = msub.add_parser("build", help="build the reader's ONNX model into the user cache (once per adapter)",
                        description="Dequantize the pinned base weights, merge models/reader-adapter.npz, "
                                    "write the ONNX graph, quantize it to int8 and cache it.")
    b.add_argument("--adapter", metavar="NPZ", help="an adapter other than models/reader-adapter.npz")
    b.add_argument("--cache-root", metavar="DIR", help="instead of $XDG_CACHE_HOME/clausecheck")
    b.add_argument("--force", action="store_true", help="rebuild even if the cache is there")
    b.add_argument("--keep-fp32", action="store_true", help="also keep the fp32 graph (fidelity checks)")
    b.add_argument("--quiet", action="store_true")
    b.set_defaults(func=run_build)
    i = msub.add_parser("info", help="where the reader's cache is, and whether it is built")
    i.add_argument("--adapter", metavar="NPZ")
    i.add_argument("--cache-root", metavar="DIR")
    i.set_defaults(func=run_info)


def run_build(args) -> int:
    from clausecheck.encoder.adapter import Adapter
    from clausecheck.encoder.build import build, stderr_log

    root = Path(args.cache_root) if args.cache_root else None
    try:
        res = build(Adapter.load(args.adapter), root=root, force=args.force, keep_fp32=args.keep_fp32,
                    log=None if args.quiet else stderr_log)
    except ClausecheckError as exc:
        print(f"clausecheck model build: {exc}", file=sys.stderr)
        return int(ExitCode.UNREADABLE_INPUT)
    if not args.quiet:
        state = f"built in {res.seconds:.1f} s" if res.seconds else "already built"
        print(f"reader model {state}: {res.path} ({res.manifest['layers']} layers, "
              f"vocabulary {res.manifest['vocab_size']:,})")
    return int(ExitCode.ALL_COMPLIANT)


def run_info(args) -> int:
    from clausecheck.encoder.adapter import Adapter
    from clausecheck.encoder.build import MANIFEST, cache_dir_for

    try:
        ad = Adapter.load(args.adapter)
    except ClausecheckError as exc:
        print(f"clausecheck model info: {exc}", file=sys.stderr)
        return int(ExitCode.UNREADABLE_INPUT)
    path = cache_dir_for(ad, Path(args.cache_root) if args.cache_root else None)
    manifest = json.loads((path / MANIFEST).read_text()) if (path / MANIFEST).is_file() else None
    print(json.dumps({"adapter": str(ad.path), "adapter_sha256": ad.sha256, "cache": str(path),
                      "built": manifest is not None, "manifest": manifest}, indent=1))
    return int(ExitCode.ALL_COMPLIANT)
