"""``check --dask`` against a real Dask scheduler and two real ``dask worker`` processes on
127.0.0.1 (separate processes started here, not a LocalCluster inside the test process)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_fixtures import contracts

pytest.importorskip("distributed")
pytestmark = pytest.mark.dask

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "HF_HUB_OFFLINE": "1"}


def cli(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausecheck", *args], capture_output=True, text=True,
                          cwd=ROOT, env=ENV, timeout=timeout)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers, each its own process, on loopback. The workers
    run in a folder of their own: they see no file of the test (documents arrive as bytes)."""
    base = tmp_path_factory.mktemp("dask")
    sched_file = base / "scheduler.json"
    procs = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(sched_file)],
                              cwd=base, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        for i in range(2):
            wdir = base / f"worker-{i}"
            wdir.mkdir()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "dask", "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--no-dashboard", "--host", "127.0.0.1", "--local-directory", str(wdir), "--name", f"w{i}"],
                cwd=wdir, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
            assert len(client.scheduler_info()["workers"]) == 2
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()


def _verdicts(docs) -> dict:
    return {Path(d["file"]).name: (d["error"] and d["error"]["code"], d.get("duplicate_of"),
                                   [(f["requirement"], f["status"]) for f in d["findings"]]) for d in docs}


def test_dask_two_workers_give_the_local_verdicts(cluster, tmp_path):
    folder = tmp_path / "c"
    contracts(folder, 6)
    shutil.copy(SAMPLES / "en-cloud-services-agreement.pdf", folder / "cloud.pdf")
    shutil.copy(SAMPLES / "zh-equipment-purchase.docx", folder / "zh.docx")
    shutil.copy(FIXTURES / "truncated.pdf", folder / "broken.pdf")
    shutil.copy(FIXTURES / "sheet.xlsx", folder / "prices.xlsx")
    local = cli("check", str(folder), "--format", "json", "--no-model", "--jobs", "1", "--quiet")
    remote = cli("check", str(folder), "--format", "json", "--no-model", "--quiet", "--dask", cluster)
    assert local.returncode == remote.returncode == 3, remote.stderr
    a, b = json.loads(local.stdout), json.loads(remote.stdout)
    assert [d["file"] for d in a["documents"]] == [d["file"] for d in b["documents"]]
    assert _verdicts(a["documents"]) == _verdicts(b["documents"])
    assert a["documents"] == b["documents"] and a["summary"] == b["summary"]


def test_dask_streams_jsonl_and_resumes_a_local_partial_run(cluster, tmp_path):
    folder = tmp_path / "c"
    contracts(folder, 8)
    full = tmp_path / "full.jsonl"
    cli("check", str(folder), "--format", "jsonl", "--out", str(full), "--no-model", "--quiet", "--jobs", "1")
    lines = full.read_text(encoding="utf-8").splitlines()
    partial = tmp_path / "partial.jsonl"
    partial.write_text("\n".join(lines[:3]) + "\n" + lines[3][:40], encoding="utf-8")  # killed mid-line
    res = cli("check", str(folder), "--format", "jsonl", "--out", str(partial), "--no-model", "--quiet",
              "--dask", cluster, "--resume")
    assert res.returncode == 1, res.stderr
    assert "jsonl: 5 documents added to the 3 already there" in res.stderr
    docs = [json.loads(x) for x in partial.read_text(encoding="utf-8").splitlines()]
    assert "summary" in docs[-1]
    docs = docs[:-1]
    assert len(docs) == 8 and len({d["file"] for d in docs}) == 8
    ref = [json.loads(x) for x in lines[:-1]]
    assert _verdicts(docs) == _verdicts(ref)


def test_unreachable_scheduler_is_a_usage_error():
    t0 = time.monotonic()
    proc = cli("check", str(SAMPLES / "bi-software-licence.docx"), "--dask", "tcp://127.0.0.1:9", timeout=120)
    assert proc.returncode == 2 and "cannot reach the Dask scheduler" in proc.stderr
    assert time.monotonic() - t0 < 60
