"""Builds the run-time reader from base + adapter, once, into the user's cache.

``clausecheck model build`` (or the first :meth:`clausecheck.encoder.Reader.load` without a cache)
runs :func:`build`: verify the two base files, dequantize the 4-bit weights of the kept vocabulary
(:mod:`.base`), merge the adapter (:mod:`.adapter`), write the ONNX graph (:mod:`.graph`), quantize it
to int8, and store it with the pruned tokenizer in
``$XDG_CACHE_HOME/clausecheck/reader-<key>/`` (``~/.cache/...`` by default). ``key`` hashes the
pinned base hashes, the adapter's SHA-256 and :data:`BUILD_VERSION`, so a new adapter or a new
builder gets a new folder and a stale cache is never used. ``manifest.json`` records the SHA-256 of
each built file; the reader checks them on load (~50 ms), so a truncated or altered cache is rebuilt
rather than trusted. The folder appears by an atomic rename: concurrent builds cannot mix files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from clausecheck.encoder.adapter import Adapter
from clausecheck.encoder.base import (
    TOKENIZER_REL,
    WEIGHTS_REL,
    BaseFiles,
    expected_base_hashes,
    kept_pieces,
    load_tokenizer_json,
    locate_base,
    pruned_tokenizer_json,
    read_weights,
    sha256_file,
)

BUILD_VERSION = "3"  # bump when the graph, quantisation or pruning changes
MODEL_FILE = "reader.int8.onnx"
FP32_FILE = "reader.fp32.onnx"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST = "manifest.json"


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clausecheck"


def cache_key(base_hashes: dict[str, str], adapter_sha: str) -> str:
    text = ";".join([f"v{BUILD_VERSION}", *(f"{k}={base_hashes[k]}" for k in sorted(base_hashes)),
                     f"adapter={adapter_sha}"])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def cache_dir_for(adapter: Adapter, root: Path | None = None) -> Path:
    return (root or cache_root()) / f"reader-{cache_key(expected_base_hashes(), adapter.sha256)}"


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    manifest: dict


def build(adapter: Adapter, *, root: Path | None = None, keep_fp32: bool = False, force: bool = False,
          base: BaseFiles | None = None, log=None) -> BuildResult:
    """Build (or find) the cached reader for ``adapter``. ``keep_fp32`` also keeps the fp32 graph
    (for fidelity measurements)."""
    t0 = time.perf_counter()
    final = cache_dir_for(adapter, root)
    if not force and (final / MANIFEST).is_file() and (not keep_fp32 or (final / FP32_FILE).is_file()):
        return BuildResult(final, 0.0, json.loads((final / MANIFEST).read_text()))
    base = base or locate_base(verify=True)
    say = log or (lambda msg: None)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=final.name + ".", suffix=".tmp", dir=final.parent))
    try:
        say("reading the tokenizer and choosing the vocabulary")
        tok = load_tokenizer_json(base.tokenizer)
        keep = kept_pieces(tok["model"]["vocab"])
        (tmp / TOKENIZER_FILE).write_text(json.dumps(pruned_tokenizer_json(tok, keep), ensure_ascii=False),
                                          encoding="utf-8")
        del tok
        say(f"dequantizing the base weights ({len(keep)} of 250,002 pieces kept)")
        cfg, weights = read_weights(base.weights, rows=keep)
        merged = adapter.merge(weights)
        del weights
        say(f"writing the ONNX graph ({adapter.layers} of {cfg.layers} layers)")
        import onnx

        from clausecheck.encoder.graph import build_model, quantize

        fp32 = tmp / FP32_FILE
        if keep_fp32:  # the all-fp32 graph, for fidelity measurements only
            onnx.save_model(build_model(merged, heads=cfg.heads, eps=cfg.eps), str(fp32))
        staged = tmp / "staged.onnx"  # int8 embedding, fp32 matmuls: the quantizer's input
        onnx.save_model(build_model(merged, heads=cfg.heads, eps=cfg.eps, int8_embedding=True), str(staged))
        del merged
        say("quantizing to int8")
        quantize(staged, tmp / MODEL_FILE, adapter.layers)
        staged.unlink()
        files = sorted(p.name for p in tmp.iterdir() if p.is_file())
        manifest = {
            "build_version": BUILD_VERSION, "adapter_sha256": adapter.sha256, "base": base.hashes,
            "layers": adapter.layers, "prefix": adapter.prefix, "max_tokens": adapter.max_tokens,
            "vocab_size": int(len(keep)), "hidden": cfg.hidden, "heads": cfg.heads,
            "files": {name: sha256_file(tmp / name) for name in files},
            "base_stat": base_stat(base),
            "seconds": round(time.perf_counter() - t0, 2),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if final.exists():  # a forced rebuild, or another process won the race
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.replace(tmp, final)
        except OSError:  # someone else's finished build is there now: use it
            if not (final / MANIFEST).is_file():
                raise
    finally:
        with contextlib.suppress(OSError):
            if tmp.exists():
                shutil.rmtree(tmp)
    return BuildResult(final, time.perf_counter() - t0, manifest)


def base_stat(base: BaseFiles) -> dict[str, list[int]]:
    """Size and mtime of the verified base files: the reader compares them on load and re-hashes
    the base only when they changed (a changed package is then refused, at no cost otherwise)."""
    out = {}
    for rel, path in ((WEIGHTS_REL, base.weights), (TOKENIZER_REL, base.tokenizer)):
        st = path.stat()
        out[rel] = [st.st_size, st.st_mtime_ns]
    return out


def check_base_unchanged(manifest: dict) -> None:
    """Raise :class:`BaseError` if the installed base files are no longer the pinned ones."""
    base = locate_base(verify=False)
    if base_stat(base) != manifest.get("base_stat"):
        locate_base(verify=True)


def stderr_log(msg: str) -> None:
    print(f"clausecheck: reader build: {msg}", file=sys.stderr, flush=True)
