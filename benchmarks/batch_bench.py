#!/usr/bin/env python3
"""The batch at scale: documents per second with --jobs 1 and --jobs 2 and on a two-worker Dask
cluster, peak memory per worker, a run killed at 40% and resumed, and the cost of isolating each
read in its own process.

    python benchmarks/batch_bench.py                     # the 510 contracts (cuad-it + cuad-all)
    python benchmarks/batch_bench.py --limit 60          # a subset, spread over the corpus
    python benchmarks/batch_bench.py --skip-dask --skip-resume --out FILE.json

Default corpus: ../shared/real-contracts/cuad-it/ and cuad-all/ relative to the repository root
(50 PDFs with their 50 CUAD text versions, 460 more texts, the CUAD README and a CSV). Every
measurement goes through ``clausecheck check`` as a user runs it (a subprocess, real model, JSONL
to a file), except the per-worker memory and per-document cost, which come from the same batch
code driven in-process (``clausecheck.batch`` with its ``RunStats``). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "real-contracts"
DEFAULT_CORPUS = [SHARED / "cuad-it", SHARED / "cuad-all"]
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "HF_HUB_OFFLINE": "1"}


def corpus_files(folders: list[Path]) -> list[Path]:
    files = []
    for f in folders:
        if not f.is_dir():
            sys.exit(f"batch_bench: {f} is not a folder (the shared corpus is missing?)")
        files += sorted(p for p in f.rglob("*") if p.is_file())
    return files


def subset_folder(corpus: list[Path], files: list[Path], limit: int | None, tmp: Path) -> list[str]:
    """The folders to give ``check``: the corpus itself, or a folder of links to every k-th file
    (so a subset keeps the PDF/TXT mix and the sibling pairs of the whole)."""
    if limit is None or limit >= len(files):
        return [str(f) for f in corpus]
    pdfs = [f for f in files if f.suffix == ".pdf"]
    step = max(1, len(files) // limit)
    chosen = files[::step][:limit]
    # keep the same-contract PDF/TXT pairs whole: both or neither
    for p in pdfs:
        if p in chosen and p.with_suffix(".txt") not in chosen and p.with_suffix(".txt").exists():
            chosen.append(p.with_suffix(".txt"))
    folder = tmp / "subset"
    folder.mkdir()
    for f in chosen:
        os.symlink(f, folder / f"{f.parent.name}__{f.name}")
    return [str(folder)]


def clausecheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "clausecheck", *args]


def jsonl_docs(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if "file" in obj:
            out.append(obj)
    return out


def verdicts(docs: list[dict]) -> dict:
    return {d["file"]: (d["error"] and d["error"]["code"], d.get("duplicate_of"),
                        [(f["requirement"], f["status"]) for f in d["findings"]]) for d in docs}


def run_cli(paths: list[str], out: Path, extra: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run(clausecheck("check", *paths, "--format", "jsonl", "--out", str(out), "--quiet", *extra),
                          capture_output=True, text=True, env=ENV, cwd=REPO)
    dt = time.perf_counter() - t0
    if proc.returncode not in (0, 1, 3):
        sys.exit(f"batch_bench: check failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    docs = jsonl_docs(out)
    return {"seconds": round(dt, 2), "documents": len(docs), "docs_per_s": round(len(docs) / dt, 2),
            "exit_code": proc.returncode, "_docs": docs}


def run_killed_and_resumed(paths: list[str], out: Path, jobs: int, at: float, total: int) -> dict:
    """Kill the run (SIGKILL) once ``at`` of the ``total`` documents are on disk, then --resume it."""
    proc = subprocess.Popen(clausecheck("check", *paths, "--format", "jsonl", "--out", str(out), "--quiet",
                                        "--jobs", str(jobs)), env=ENV, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.perf_counter()
    while proc.poll() is None:
        n = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
        if n >= at * total:
            break
        time.sleep(0.05)
    killed_after = time.perf_counter() - t0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_at_kill = len(jsonl_docs(out))
    res = run_cli(paths, out, ["--jobs", str(jobs), "--resume"])
    res.update({"killed_after_s": round(killed_after, 2), "documents_at_kill": done_at_kill})
    return res


def _expected_documents(paths: list[str]) -> int:
    from clausecheck.inputs import discover

    return len(discover(paths))


# ---------------------------------------------------------------- in-process: memory and cost
def measure_workers(paths: list[str], jobs: int) -> dict:
    from clausecheck.batch import EngineOptions, LocalRunner, RunStats, check_batch
    from clausecheck.inputs import discover
    from clausecheck.isolate import Limits

    stats = RunStats()
    entries = discover(paths)
    t0 = time.perf_counter()
    n = sum(1 for _ in check_batch(entries, runner=LocalRunner(EngineOptions(), Limits(), jobs, stats=stats)))
    dt = time.perf_counter() - t0
    return _stats_dict(stats, n, dt)


def _stats_dict(stats, n: int, dt: float) -> dict:
    task_s = stats.task_seconds
    return {"documents": n, "seconds": round(dt, 2),
            "worker_peak_rss_mib": {str(k): round(v / 1024, 1) for k, v in stats.worker_peak_rss_kib.items()},
            "reader_child_peak_rss_mib": {str(k): round(v / 1024, 1) for k, v in stats.reader_peak_rss_kib.items()},
            "worker_seconds_per_task_mean": round(statistics.mean(task_s), 4) if task_s else None,
            "worker_seconds_per_task_median": round(statistics.median(task_s), 4) if task_s else None,
            "worker_cpu_seconds_per_task_mean": (round(statistics.mean(stats.task_cpu_seconds), 4)
                                                 if stats.task_cpu_seconds else None),
            "read_seconds_per_file_mean": round(statistics.mean(stats.read_seconds), 4) if stats.read_seconds else None,
            "tasks": len(task_s)}


def measure_dask(paths: list[str], workers: int) -> dict:
    from distributed import LocalCluster

    from clausecheck.batch import EngineOptions, RunStats, check_batch
    from clausecheck.dask_runner import DaskRunner
    from clausecheck.inputs import discover
    from clausecheck.isolate import Limits

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with tempfile.TemporaryDirectory() as tmp:
            # the CLI, as a user runs it, against this cluster
            cli = run_cli(paths, Path(tmp) / "dask.jsonl", ["--dask", cluster.scheduler_address])
        stats = RunStats()
        entries = discover(paths)
        t0 = time.perf_counter()
        runner = DaskRunner(cluster.scheduler_address, EngineOptions(), Limits(), stats=stats)
        n = sum(1 for _ in check_batch(entries, runner=runner))
        dt = time.perf_counter() - t0
    return {"cli": cli, "in_process": _stats_dict(stats, n, dt)}


def measure_isolation(files: list[Path]) -> dict:
    """Run in a fresh process, so that it forks from a process shaped like a worker (not from this
    one, which has imported Dask and started threads)."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_isolation-child",
                           *map(str, files)], capture_output=True, text=True, env=ENV, cwd=REPO)
    if proc.returncode != 0:
        sys.exit(f"batch_bench: the isolation measurement failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def isolation_child(files: list[Path], k: int = 40) -> dict:
    """Per file: read in this process vs read in a forked child under the limit, with the model
    loaded (as in a worker). The difference is what isolation costs, in wall time (which on a
    busy machine is mostly waiting for a core, twice: for the child, then for the parent) and in
    CPU time (this process and its children: what it takes from a batch that keeps every core
    busy)."""
    from clausecheck.api import Engine
    from clausecheck.batch import cpu_seconds
    from clausecheck.isolate import Limits, ReadFailure, _statm, read_isolated
    from clausecheck.read import read_document

    Engine().preload()
    sample = [f for f in files if f.suffix in (".pdf", ".txt", ".docx")][:: max(1, len(files) // k)][:k]
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for f in sample:
        read_document(f)  # warm (imports, caches)
        t0, c0 = time.perf_counter(), cpu_seconds()
        read_document(f)
        t1, c1 = time.perf_counter(), cpu_seconds()
        got = read_isolated(f, password=None, limits=Limits())
        t2, c2 = time.perf_counter(), cpu_seconds()
        if not isinstance(got, ReadFailure):
            wall[0].append(t1 - t0)
            wall[1].append(t2 - t1)
            cpu[0].append(c1 - c0)
            cpu[1].append(c2 - c1)
    vm, rss = _statm()

    def ms(xs: list[float]) -> float:
        return round(statistics.median(xs) * 1000, 2)

    return {"files": len(wall[0]), "worker_vm_mib": vm >> 20, "worker_rss_mib": rss >> 20,
            "direct_median_ms": ms(wall[0]), "isolated_median_ms": ms(wall[1]),
            "overhead_median_ms": ms([b - a for a, b in zip(*wall, strict=True)]),
            "cpu_direct_median_ms": ms(cpu[0]), "cpu_isolated_median_ms": ms(cpu[1]),
            "cpu_overhead_median_ms": ms([b - a for a, b in zip(*cpu, strict=True)]),
            "cpu_overhead_mean_ms": round(statistics.mean(b - a for a, b in zip(*cpu, strict=True)) * 1000, 2)}


def sizing(per_doc_s: float, rss_mib: float) -> dict:
    out = {}
    for n in (10_000, 1_000_000):
        out[str(n)] = {w: round(n * per_doc_s / w / 3600, 2) for w in (1, 2, 16, 64, 256)}
    return {"worker_seconds_per_document": round(per_doc_s, 4), "memory_per_worker_mib": rss_mib,
            "hours_by_workers": out}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, nargs="+", default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="a spread subset of about N files (the machine is shared)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "batch_results.json")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-resume", action="store_true")
    ap.add_argument("--skip-workers", action="store_true", help="skip the in-process memory/cost run")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_isolation-child"]:
        print(json.dumps(isolation_child([Path(f) for f in argv[1:]])))
        return 0
    args = ap.parse_args(argv)

    files = corpus_files(args.corpus)
    from bench import machine_info  # the single-document benchmark's machine description

    res: dict = {"machine": machine_info(), "corpus": [str(c) for c in args.corpus], "limit": args.limit}
    with tempfile.TemporaryDirectory(prefix="clausecheck-bench-") as tmpdir:
        tmp = Path(tmpdir)
        paths = subset_folder(args.corpus, files, args.limit, tmp)
        res["inputs"] = _expected_documents(paths)
        print(f"corpus: {res['inputs']} files ({', '.join(paths)})", flush=True)

        runs = {}
        for jobs in (1, 2):
            print(f"check --jobs {jobs} ...", flush=True)
            runs[jobs] = run_cli(paths, tmp / f"jobs{jobs}.jsonl", ["--jobs", str(jobs)])
        same = verdicts(runs[1]["_docs"]) == verdicts(runs[2]["_docs"])
        res["jobs1"] = {k: v for k, v in runs[1].items() if k != "_docs"}
        res["jobs2"] = {k: v for k, v in runs[2].items() if k != "_docs"}
        res["speedup_jobs2"] = round(runs[1]["seconds"] / runs[2]["seconds"], 2)
        res["jobs2_same_verdicts"] = same

        if not args.skip_resume:
            print("check --jobs 2, SIGKILL at 40%, then --resume ...", flush=True)
            r = run_killed_and_resumed(paths, tmp / "resume.jsonl", 2, 0.4, res["inputs"])
            docs = r.pop("_docs")
            names = [d["file"] for d in docs]
            r["every_document_once"] = len(names) == len(set(names)) == res["inputs"]
            r["same_verdicts"] = verdicts(docs) == verdicts(runs[2]["_docs"])
            r["resume_faster_than_full"] = r["seconds"] < runs[2]["seconds"]
            res["killed_and_resumed"] = r

        if not args.skip_dask:
            print("Dask: LocalCluster, 2 worker processes ...", flush=True)
            d = measure_dask(paths, 2)
            cli = d["cli"]
            d["cli"] = {k: v for k, v in cli.items() if k != "_docs"}
            d["same_verdicts"] = verdicts(cli["_docs"]) == verdicts(runs[1]["_docs"])
            res["dask_2_workers"] = d

        if not args.skip_workers:
            print("in-process run (--jobs 2): memory per worker, seconds per document ...", flush=True)
            res["workers_jobs2"] = measure_workers(paths, 2)
            print("isolation cost (fork per read) ...", flush=True)
            res["isolation"] = measure_isolation(files)
            w = res["workers_jobs2"]
            per_doc = w["worker_seconds_per_task_mean"] * w["tasks"] / max(1, w["documents"])
            cpu_doc = w["worker_cpu_seconds_per_task_mean"] * w["tasks"] / max(1, w["documents"])
            rss = max(w["worker_peak_rss_mib"].values()) if w["worker_peak_rss_mib"] else None
            res["sizing"] = sizing(per_doc, rss)
            # On a shared machine wall time includes waiting for a core; CPU time does not.
            res["sizing_cpu"] = sizing(cpu_doc, rss)

    print_table(res)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


def print_table(res: dict) -> None:
    print()
    print(f"inputs: {res['inputs']} files   load at start: {res['machine'].get('loadavg_1_5_15')}")
    for key in ("jobs1", "jobs2"):
        r = res[key]
        print(f"  {key:<8} {r['docs_per_s']:>7.2f} docs/s   {r['documents']} documents in {r['seconds']:.1f} s")
    print(f"  speed-up --jobs 2: {res['speedup_jobs2']}x   same verdicts: {res['jobs2_same_verdicts']}")
    r = res.get("killed_and_resumed")
    if r:
        print(f"  killed at {r['documents_at_kill']} documents ({r['killed_after_s']} s); resume took {r['seconds']} s "
              f"(full --jobs 2: {res['jobs2']['seconds']} s); every document once: {r['every_document_once']}; "
              f"same verdicts: {r['same_verdicts']}")
    d = res.get("dask_2_workers")
    if d:
        print(f"  dask 2 workers {d['cli']['docs_per_s']:>7.2f} docs/s   same verdicts: {d['same_verdicts']}   "
              f"worker peak RSS MiB: {list(d['in_process']['worker_peak_rss_mib'].values())}")
    w = res.get("workers_jobs2")
    if w:
        print(f"  worker peak RSS MiB: {list(w['worker_peak_rss_mib'].values())}   reading child peak RSS MiB: "
              f"{list(w['reader_child_peak_rss_mib'].values())}")
        print(f"  worker seconds per document: {res['sizing']['worker_seconds_per_document']} wall, "
              f"{res['sizing_cpu']['worker_seconds_per_document']} CPU")
    i = res.get("isolation")
    if i:
        print(f"  fork-per-read: +{i['overhead_median_ms']} ms wall, +{i['cpu_overhead_median_ms']} ms CPU, "
              f"median per file (read {i['direct_median_ms']} ms in-process, {i['isolated_median_ms']} ms isolated)")


if __name__ == "__main__":
    sys.exit(main())
