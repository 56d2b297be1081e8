#!/usr/bin/env python3
"""Throughput, cold start and memory of clausecheck on a corpus of real PDF contracts.

    python benchmarks/bench.py [--corpus DIR] [--out benchmarks/results.json]
                               [--baseline-limit N] [--cold-runs 3] [--skip-cold] [--skip-baselines]

Default corpus: ../shared/real-contracts/cuad-it/ relative to the repository root (50 CUAD IT
contracts, 724 pages). Every *.pdf directly in the folder is used, in name order.

What it measures (see benchmarks/README.md):
  warm      one clausecheck.api.Engine() created once, engine.check(path) over every PDF after one
            warm-up file; total pages (from each report's ``pages``) / total seconds. Runs in a child
            process, so that
  memory    the child's peak RSS (ru_maxrss) is the peak memory of the whole warm batch;
  cold      wall time of a fresh ``clausecheck check FILE --format json`` process on the corpus PDF
            closest to 10 pages; median of --cold-runs runs;
  baselines bare text extraction over the same PDFs: pdfplumber ``page.extract_text()`` (slow; cap it
            with --baseline-limit pages) and pypdfium2 ``get_textpage().get_text_range()``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "real-contracts" / "cuad-it"


# ---- helpers -------------------------------------------------------------------------------
def corpus_pdfs(corpus: Path) -> list[Path]:
    if not corpus.is_dir():
        sys.exit(f"bench: corpus folder not found: {corpus}\n"
                 f"       pass --corpus DIR (a folder of PDF contracts)")
    pdfs = sorted(p for p in corpus.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
    if not pdfs:
        sys.exit(f"bench: no *.pdf files in {corpus}")
    return pdfs


def page_counts(pdfs: list[Path]) -> dict[str, int]:
    import pypdfium2 as pdfium

    out = {}
    for p in pdfs:
        doc = pdfium.PdfDocument(str(p))
        try:
            out[p.name] = len(doc)
        finally:
            doc.close()
    return out


def maxrss_mib(ru_maxrss_kib: int) -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes
    return ru_maxrss_kib / (1024 * 1024 if sys.platform == "darwin" else 1024)


def machine_info() -> dict:
    info = {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": None,
        "mem_total_gib": None,
        # other work on the machine skews every figure: a load well above 0 at the start is a warning
        "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["mem_total_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    versions = {}
    for mod in ("clausecheck", "pdfplumber", "pypdfium2", "pydantic"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:
            versions[mod] = None
    info["versions"] = versions
    try:  # read-only
        info["git_commit"] = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                            capture_output=True, text=True, timeout=10).stdout.strip() or None
    except Exception:
        info["git_commit"] = None
    return info


# ---- warm batch (runs in a child process) -----------------------------------------------------
def warm_child(files: list[str]) -> dict:
    """Runs inside the child: one Engine, one warm-up file, then every file; prints JSON."""
    t0 = time.perf_counter()
    from clausecheck.api import Engine

    engine = Engine().preload()  # models loaded at start-up, counted in engine_init_s
    init_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    engine.check(files[0])  # warm-up (lazy models, caches); not counted
    warmup_s = time.perf_counter() - t0

    per_file, errors, pages = [], [], 0
    t_all = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        rep = engine.check(f)
        dt = time.perf_counter() - t0
        n = rep.pages or 0
        pages += n
        per_file.append({"file": Path(f).name, "pages": rep.pages, "seconds": round(dt, 4),
                         "error": rep.error.code if rep.error else None,
                         "findings": len(rep.findings)})
        if rep.error:
            errors.append(f"{Path(f).name}: {rep.error.code}")
    total_s = time.perf_counter() - t_all
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "engine_init_s": round(init_s, 3),
        "warmup_file": Path(files[0]).name,
        "warmup_s": round(warmup_s, 3),
        "files": len(files),
        "pages": pages,
        "seconds": round(total_s, 3),
        "pages_per_s": round(pages / total_s, 2) if total_s else None,
        "errors": errors,
        "peak_rss_mib": round(maxrss_mib(max(self_rss, kids_rss)), 1),
        "per_file": per_file,
    }


def run_warm(pdfs: list[Path]) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_warm-child", *map(str, pdfs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        sys.exit(f"bench: the warm batch failed (exit {proc.returncode}); see the error above")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    # cross-check from the parent (exact when the warm child is the largest child so far)
    if after > before:
        res["peak_rss_mib_parent_view"] = round(maxrss_mib(after), 1)
    return res


# ---- cold start ------------------------------------------------------------------------------
def cli_command() -> tuple[list[str], str]:
    exe = shutil.which("clausecheck")
    if exe is None:
        venv_bin = Path(sys.executable).parent / "clausecheck"
        exe = str(venv_bin) if venv_bin.exists() else None
    if exe:
        return [exe], "clausecheck console script"
    return [sys.executable, "-m", "clausecheck"], "python -m clausecheck"


def run_cold(pdf: Path, pages: int, runs: int) -> dict:
    base, how = cli_command()
    cmd = [*base, "check", str(pdf), "--format", "json"]
    times, rcs = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        times.append(time.perf_counter() - t0)
        rcs.append(proc.returncode)
        # exit 0 = all compliant, 1 = findings: both are a successful run
        if proc.returncode not in (0, 1):
            return {"file": pdf.name, "pages": pages, "command": how, "error":
                    f"exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-600:]}"}
        try:
            json.loads(proc.stdout)
        except ValueError:
            return {"file": pdf.name, "pages": pages, "command": how,
                    "error": f"exit {proc.returncode}, output is not JSON: "
                             f"{(proc.stdout[:200] + ' ' + proc.stderr[-400:]).strip()}"}
    return {"file": pdf.name, "pages": pages, "command": how, "runs": runs,
            "seconds": [round(t, 3) for t in times], "median_s": round(statistics.median(times), 3),
            "exit_codes": rcs}


# ---- baselines -------------------------------------------------------------------------------
def _limited(pdfs: list[Path], counts: dict[str, int], limit: int | None):
    """(path, pages to read) until ``limit`` pages in all."""
    left = limit if limit is not None else float("inf")
    for p in pdfs:
        if left <= 0:
            break
        n = int(min(counts[p.name], left))
        left -= n
        yield p, n


def baseline_pdfplumber(pdfs, counts, limit) -> dict:
    import pdfplumber

    pages, chars = 0, 0
    t0 = time.perf_counter()
    for p, n in _limited(pdfs, counts, limit):
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages[:n]:
                chars += len(page.extract_text() or "")
                pages += 1
    dt = time.perf_counter() - t0
    return {"pages": pages, "seconds": round(dt, 3), "pages_per_s": round(pages / dt, 2), "chars": chars,
            "limit": limit}


def baseline_pypdfium2(pdfs, counts, limit) -> dict:
    import pypdfium2 as pdfium

    pages, chars = 0, 0
    t0 = time.perf_counter()
    for p, n in _limited(pdfs, counts, limit):
        doc = pdfium.PdfDocument(str(p))
        try:
            for i in range(n):
                page = doc[i]
                tp = page.get_textpage()
                chars += len(tp.get_text_range())
                tp.close()
                page.close()
                pages += 1
        finally:
            doc.close()
    dt = time.perf_counter() - t0
    return {"pages": pages, "seconds": round(dt, 3), "pages_per_s": round(pages / dt, 2), "chars": chars,
            "limit": limit}


# ---- main ------------------------------------------------------------------------------------
def print_table(res: dict) -> None:
    rows = []
    w = res.get("warm")
    if w:
        rows.append(("clausecheck warm (Engine.check)", f"{w['pages_per_s']:.1f} pages/s",
                     f"{w['pages']} pages, {w['files']} files in {w['seconds']:.1f} s"
                     + (f", {len(w['errors'])} errors" if w["errors"] else "")))
        rows.append(("  engine init / warm-up file", f"{w['engine_init_s']:.2f} s / {w['warmup_s']:.2f} s", ""))
        rows.append(("peak memory (warm batch)", f"{w['peak_rss_mib']:.0f} MiB", "max RSS of the child process"))
    c = res.get("cold")
    if c:
        if "error" in c:
            rows.append(("cold start (CLI)", "FAILED", c["error"].strip().splitlines()[-1][-150:]))
        else:
            rows.append(("cold start (CLI)", f"{c['median_s']:.2f} s",
                         f"median of {c['runs']}, {c['file'][:40]} ({c['pages']} pages)"))
    for key, label in (("pdfplumber", "baseline pdfplumber extract_text"),
                       ("pypdfium2", "baseline pypdfium2 get_text_range")):
        b = res.get("baselines", {}).get(key)
        if b:
            rows.append((label, f"{b['pages_per_s']:.1f} pages/s", f"{b['pages']} pages in {b['seconds']:.1f} s"))
    width = max(len(r[0]) for r in rows)
    print()
    for name, val, note in rows:
        print(f"{name:<{width}}  {val:>16}  {note}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_warm-child"]:
        print(json.dumps(warm_child(argv[1:])))
        return 0

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of PDF contracts")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    ap.add_argument("--baseline-limit", type=int, default=None, metavar="N",
                    help="read at most N pages in each baseline (default: all)")
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--skip-warm", action="store_true")
    args = ap.parse_args(argv)

    pdfs = corpus_pdfs(args.corpus.resolve())
    counts = page_counts(pdfs)
    total_pages = sum(counts.values())
    print(f"corpus: {args.corpus} ({len(pdfs)} PDFs, {total_pages} pages)", flush=True)

    res: dict = {"machine": machine_info(),
                 "corpus": {"path": str(args.corpus), "files": len(pdfs), "pages": total_pages}}

    if not args.skip_warm:  # first, so the parent's RUSAGE_CHILDREN peak is this child's
        print("warm batch ...", flush=True)
        res["warm"] = run_warm(pdfs)
    if not args.skip_cold:
        ten = min(pdfs, key=lambda p: (abs(counts[p.name] - 10), p.name))
        print(f"cold start x{args.cold_runs} on {ten.name} ({counts[ten.name]} pages) ...", flush=True)
        res["cold"] = run_cold(ten, counts[ten.name], args.cold_runs)
    if not args.skip_baselines:
        print("baseline pypdfium2 ...", flush=True)
        res["baselines"] = {"pypdfium2": baseline_pypdfium2(pdfs, counts, args.baseline_limit)}
        print("baseline pdfplumber (slow) ...", flush=True)
        res["baselines"]["pdfplumber"] = baseline_pdfplumber(pdfs, counts, args.baseline_limit)

    print_table(res)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
