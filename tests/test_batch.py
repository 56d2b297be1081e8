"""The batch layer through the real CLI: worker processes (--jobs), JSONL streaming and --resume
after a real SIGKILL, hostile inputs under the memory limit and timeout, special files, output
safety, the summaries and the CSV columns. Dask on loopback is in test_dask.py."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_fixtures import CONTRACT, contracts, docx_bomb, pdf_bomb

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures"
CUAD_IT = ROOT.parent / "shared" / "real-contracts" / "cuad-it"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "HF_HUB_OFFLINE": "1"}


def cli(*args, cwd: Path = ROOT, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausecheck", *args], capture_output=True, text=True,
                          cwd=cwd, env=env or ENV, timeout=timeout)


def start(*args, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "clausecheck", *args], cwd=cwd, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def verdicts(doc_objs) -> dict:
    return {d["file"]: (d["error"] and d["error"]["code"], [(f["requirement"], f["status"], f["needs_review"])
                                                           for f in d["findings"]]) for d in doc_objs}


def jsonl_docs(path: Path) -> list[dict]:
    """Document lines; a last line cut short by a kill is not one."""
    out = []
    for line in jsonl_lines(path):
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if "file" in obj:
            out.append(obj)
    return out


def jsonl_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


# ------------------------------------------------------------------ all cores
def test_jobs_2_gives_the_verdicts_of_jobs_1_with_the_real_model(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("en-cloud-services-agreement.pdf", "zh-equipment-purchase.docx", "bi-software-licence.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(FIXTURES / "gb18030.txt", folder / "gb18030.txt")
    shutil.copy(FIXTURES / "two_column.pdf", folder / "two_column.pdf")
    for i, src in enumerate(sorted(CUAD_IT.glob("*.pdf"))[:3] if CUAD_IT.is_dir() else []):
        shutil.copy(src, folder / f"cuad-{i}.pdf")
    one = cli("check", str(folder), "--format", "json", "--jobs", "1", "--quiet")
    two = cli("check", str(folder), "--format", "json", "--jobs", "2", "--quiet")
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    a, b = json.loads(one.stdout), json.loads(two.stdout)
    assert [d["file"] for d in a["documents"]] == [d["file"] for d in b["documents"]]  # input order
    assert verdicts(a["documents"]) == verdicts(b["documents"])
    assert a["documents"] == b["documents"]  # evidence, reasons, suggestions, confidences too
    assert all(d["findings"] for d in a["documents"])


# ------------------------------------------------------------------ nothing lost, resumable
def test_killed_run_resumed_gives_every_document_once_with_the_same_verdicts(tmp_path):
    n = 24
    contracts(tmp_path / "c", n)
    full = tmp_path / "full.jsonl"
    t0 = time.monotonic()
    ref = cli("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(full), "--no-model",
              "--jobs", "2", "--quiet")
    full_s = time.monotonic() - t0
    assert ref.returncode == 1, ref.stderr
    assert "wrote" in ref.stderr and str(full) in ref.stderr
    last = json.loads(jsonl_lines(full)[-1])
    assert last["summary"]["files"] == n and last["summary"]["checked"] == n

    out = tmp_path / "run.jsonl"
    proc = start("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(out), "--no-model",
                 "--jobs", "2", "--quiet")
    deadline = time.monotonic() + 240
    while len(jsonl_lines(out)) < 0.4 * n:  # each line is flushed the moment its document is done
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    at_kill = jsonl_docs(out)
    assert 0.4 * n <= len(at_kill) < n
    assert not any('"summary"' in x[:12] for x in jsonl_lines(out))  # a killed run has no summary line

    t0 = time.monotonic()
    res = cli("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(out), "--no-model",
              "--jobs", "2", "--quiet", "--resume")
    resume_s = time.monotonic() - t0
    assert res.returncode == 1, res.stderr
    m = re.search(r"jsonl: (\d+) documents added to the (\d+) already there", res.stderr)
    assert m, res.stderr
    added, kept = int(m.group(1)), int(m.group(2))
    assert added + kept == n and kept >= len(at_kill) - 1
    docs = jsonl_docs(out)
    names = [d["file"] for d in docs]
    assert sorted(names) == sorted({d["file"] for d in docs}) and len(names) == n  # each exactly once
    assert verdicts(docs) == verdicts(jsonl_docs(full))
    assert json.loads(jsonl_lines(out)[-1])["summary"] == last["summary"]
    # The resumed run checked fewer documents: it takes less time than the full one (worker start-up
    # is the same in both, so this is a loose bound on a shared machine).
    assert resume_s < full_s + 5, (resume_s, full_s)


def test_resume_drops_a_torn_line_and_rechecks_a_changed_file(tmp_path):
    files = contracts(tmp_path / "c", 5)
    out = tmp_path / "r.jsonl"
    cli("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(out), "--no-model", "--quiet")
    lines = jsonl_lines(out)
    assert len(lines) == 6  # five documents and the summary
    # Killed mid-write: the last document's line is cut short; and one file changes afterwards.
    torn = "\n".join(lines[:4]) + "\n" + lines[4][: len(lines[4]) // 2]
    out.write_text(torn, encoding="utf-8")
    first = json.loads(lines[0])["file"]
    Path(first).write_text(Path(first).read_text(encoding="utf-8").replace("EUR", "USD"), encoding="utf-8")
    res = cli("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(out), "--no-model", "--quiet",
              "--resume")
    assert res.returncode == 1, res.stderr
    assert "1 unfinished line(s) dropped" in res.stderr and "1 changed or repeated file(s)" in res.stderr
    docs = jsonl_docs(out)
    assert sorted(d["file"] for d in docs) == sorted(str(f) for f in files)
    changed = next(d for d in docs if d["file"] == first)
    import hashlib

    assert changed["sha256"] == hashlib.sha256(Path(first).read_bytes()).hexdigest()
    # A complete file resumed again: nothing to do, nothing duplicated.
    again = cli("check", str(tmp_path / "c"), "--format", "jsonl", "--out", str(out), "--no-model", "--quiet",
                "--resume")
    assert "jsonl: 0 documents added to the 5 already there" in again.stderr
    assert len(jsonl_docs(out)) == 5


def test_failed_or_killed_run_leaves_the_previous_report_intact(tmp_path):
    contracts(tmp_path / "c", 80)
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    proc = start("check", str(tmp_path / "c"), "--format", "json", "--out", str(out), "--no-model",
                 "--jobs", "1", "--quiet")
    time.sleep(3)  # mid-run: the worker started, some documents done
    assert proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    assert out.read_text(encoding="utf-8") == "previous report\n"
    # A usage error (a broken library) never touches it either.
    bad = cli("check", str(tmp_path / "c"), "--out", str(out), "--library", str(tmp_path / "no-such-lib"))
    assert bad.returncode == 2
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.json")]  # no temp files left


# ------------------------------------------------------------------ hostile input
def test_decompression_bombs_are_too_large_and_the_others_are_still_reported(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    pdf_bomb(folder / "bomb.pdf")
    docx_bomb(folder / "bomb.docx")
    assert (folder / "bomb.pdf").stat().st_size < 2_000_000
    shutil.copy(SAMPLES / "bi-software-licence.docx", folder / "good.docx")
    t0 = time.monotonic()
    # The readers' own limits raised out of the way: this is the process guard's test (the readers'
    # in-file limits have theirs in test_hostile.py).
    proc = cli("check", str(folder), "--format", "json", "--no-model", "--jobs", "1", "--quiet",
               "--max-memory", "1GiB", "--max-stream-mb", "100000", "--max-inflate-mb", "100000")
    assert time.monotonic() - t0 < 60
    assert proc.returncode == 3, proc.stderr
    docs = {Path(d["file"]).name: d for d in json.loads(proc.stdout)["documents"]}
    for name in ("bomb.pdf", "bomb.docx"):
        assert docs[name]["error"]["code"] == "too-large", docs[name]
        assert "1 GiB memory limit" in docs[name]["error"]["message"] and name in docs[name]["error"]["message"]
        assert f"cannot read {folder / name}: [too-large]" in proc.stderr
    assert docs["good.docx"]["error"] is None and len(docs["good.docx"]["findings"]) == 4
    assert "Traceback" not in proc.stderr


def test_a_document_over_the_timeout_is_given_up_and_the_worker_replaced(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    # A 3 MB contract reads in under a second but takes ~10 s to judge: the supervisor must kill the
    # worker judging it at the deadline. The next file needs the replacement worker.
    (folder / "a-huge.txt").write_text("".join(CONTRACT.format(i=i, fee=i) for i in range(4000)), encoding="utf-8")
    shutil.copy(FIXTURES / "gb18030.txt", folder / "b-small.txt")
    t0 = time.monotonic()
    proc = cli("check", str(folder), "--format", "json", "--no-model", "--jobs", "1", "--quiet", "--timeout", "2s")
    elapsed = time.monotonic() - t0
    assert proc.returncode == 3, proc.stderr
    docs = {Path(d["file"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["a-huge.txt"]["error"]["code"] == "timeout"
    assert "2 s limit" in docs["a-huge.txt"]["error"]["message"]
    assert docs["b-small.txt"]["error"] is None and docs["b-small.txt"]["findings"]
    assert elapsed < 40


def test_reading_past_the_deadline_is_killed():
    from clausecheck.isolate import Limits, ReadFailure, read_isolated

    t0 = time.monotonic()
    got = read_isolated(SAMPLES / "en-long-30pages.pdf", password=None, limits=Limits(timeout=0.001))
    assert isinstance(got, ReadFailure) and got.code == "timeout"
    assert time.monotonic() - t0 < 5
    ok = read_isolated(SAMPLES / "en-long-30pages.pdf", password=None, limits=Limits())
    assert not isinstance(ok, ReadFailure) and ok.pages == 29


def test_work_while_reading_runs_beside_the_child_and_its_error_waits_for_it():
    """``read_isolated(while_reading=...)``: what a single check does while the child reads (it
    opens the reader) runs in this process; the document still comes back, and an error the work
    raises is raised only once the child has been collected (no child is left behind)."""
    from clausecheck.isolate import Limits, ReadFailure, read_isolated

    ran = []
    ok = read_isolated(SAMPLES / "en-long-30pages.pdf", password=None, limits=Limits(),
                       while_reading=lambda: ran.append(os.getpid()))
    assert ran == [os.getpid()] and not isinstance(ok, ReadFailure) and ok.pages == 29

    def fails():
        raise RuntimeError("the reader cannot open")

    with pytest.raises(RuntimeError, match="cannot open"):
        read_isolated(SAMPLES / "en-long-30pages.pdf", password=None, limits=Limits(), while_reading=fails)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the reading child was collected


def test_a_single_check_opens_the_reader_once_the_child_is_forked(monkeypatch):
    """The single-document runner builds its engine without opening the reader and opens it while
    the first document is read (after the fork); a reader that cannot open is the run's error, not
    a report on the file."""
    import clausecheck.batch as batch
    from clausecheck.batch import EngineOptions, InlineRunner, Member, Task
    from clausecheck.encoder import runtime
    from clausecheck.encoder.reader import ReaderError
    from clausecheck.isolate import Limits

    events: list[str] = []
    real_read = batch.read_isolated

    def reading(*args, **kwargs):
        events.append("read")
        return real_read(*args, **kwargs)

    def no_reader(*args, **kwargs):
        events.append("open")
        raise ReaderError("the built reader is damaged")

    monkeypatch.setattr(batch, "read_isolated", reading)
    monkeypatch.setattr(runtime, "_reader", None)
    monkeypatch.setattr(runtime, "_loading", None)
    monkeypatch.setattr(runtime, "get_reader", no_reader)
    runner = InlineRunner(EngineOptions(), Limits())
    path = SAMPLES / "en-cloud-services-agreement.pdf"
    task = Task(id=0, members=(Member(name=str(path), path=str(path)),))
    with pytest.raises(ReaderError, match="damaged"):
        list(runner.run([task]))
    assert events[0] == "read" and "open" in events
    # the rules alone need no reader: the same file is judged
    rules = InlineRunner(EngineOptions(use_model=False), Limits())
    (report,) = list(rules.run([task]))
    assert report.error is None and report.findings


def test_special_files_and_links_are_errors_and_nothing_blocks(tmp_path):
    folder = tmp_path / "c"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text("x")
    shutil.copy(FIXTURES / "gb18030.txt", folder / "good.txt")
    shutil.copy(FIXTURES / "sheet.xlsx", folder / "prices.xlsx")
    shutil.copy(FIXTURES / "legacy.doc", folder / "old.doc")
    (folder / ".DS_Store").write_bytes(b"\0\0")
    (folder / "~$good.docx").write_bytes(b"owner")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("nowhere.pdf", folder / "dangling.pdf")
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    os.symlink(".", folder / "self")  # a folder link back to its parent
    fifo2 = tmp_path / "named.pdf"
    os.mkfifo(fifo2)
    proc = cli("check", str(folder), str(fifo2), "--format", "json", "--no-model", "--quiet", timeout=120)
    assert proc.returncode == 3, proc.stderr
    docs = json.loads(proc.stdout)["documents"]
    names = [Path(d["file"]).name for d in docs]
    assert len(names) == len(set(names))  # each exactly once
    by = {Path(d["file"]).name: d for d in docs}
    expect_error = {"pipe.txt": "special-file", "named.pdf": "special-file", "dangling.pdf": "broken-link",
                    "loop-a": "symlink-loop", "loop-b": "symlink-loop", "self": "symlink-loop"}
    for name, code in expect_error.items():
        assert by[name]["error"]["code"] == code, by[name]
    expect_skip = {"prices.xlsx": "unsupported-type", "old.doc": "unsupported-type", ".DS_Store": "hidden",
                   ".git": "hidden", "~$good.docx": "office-temp-file"}
    for name, code in expect_skip.items():
        assert by[name]["skipped"]["code"] == code and by[name]["error"] is None, by[name]
    assert "config" not in names  # a hidden folder is listed, not searched
    assert by["good.txt"]["findings"]
    assert set(names) == set(expect_error) | set(expect_skip) | {"good.txt"}


# ------------------------------------------------------------------ output safety
def test_bad_out_targets_are_usage_errors_before_any_work(tmp_path):
    src = tmp_path / "a.txt"
    contracts(tmp_path / "c", 1)[0].rename(src)
    before = src.read_bytes()
    cases = [
        (str(tmp_path / "missing" / "r.json"), "does not exist"),
        (str(tmp_path), "folder"),
        (str(src), "input"),
    ]
    for target, word in cases:
        t0 = time.monotonic()
        proc = cli("check", str(src), "--format", "json", "--out", target)
        assert proc.returncode == 2, (target, proc.stderr)
        assert word in proc.stderr and "Traceback" not in proc.stderr
        assert time.monotonic() - t0 < 15  # no worker was started
    assert src.read_bytes() == before
    # A name that is not UTF-8.
    raw = os.fsencode(str(tmp_path)) + b"/r\xff.json"
    proc = subprocess.run([sys.executable, "-m", "clausecheck", "check", str(src), "--out", raw],
                          capture_output=True, env=ENV, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and b"UTF-8" in proc.stderr
    assert not os.path.exists(raw)
    for args in (["--resume"], ["--resume", "--format", "jsonl"], ["--jobs", "0"], ["--max-memory", "lots"],
                 ["--timeout", "soon"]):
        assert cli("check", str(src), *args).returncode == 2, args
    # --resume into something that is not a JSONL report would cut it: refused, left as it was.
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><p>a report someone wrote</p>\n", encoding="utf-8")
    proc = cli("check", str(src), "--format", "jsonl", "--out", str(page), "--resume")
    assert proc.returncode == 2 and "not a clausecheck JSONL report" in proc.stderr
    assert page.read_text(encoding="utf-8") == "<!DOCTYPE html><p>a report someone wrote</p>\n"


def _fault_env(tmp_path: Path) -> dict:
    """Spawned workers import sitecustomize from PYTHONPATH: a judge that raises for boom*.txt
    and dies of SIGSEGV for crash*.txt (a bug and a crash, injected without touching the code)."""
    hook = tmp_path / "hook"
    hook.mkdir(parents=True)
    (hook / "sitecustomize.py").write_text(
        "import os\n"
        "def _install():\n"
        "    import clausecheck.judge as j\n"
        "    real = j.judge_document\n"
        "    def judge(source, *a, **k):\n"
        "        name = os.path.basename(str(source.path))\n"
        "        if name.startswith('boom'):\n"
        "            raise RuntimeError('injected fault')\n"
        "        if name.startswith('crash'):\n"
        "            os.kill(os.getpid(), 11)\n"
        "        return real(source, *a, **k)\n"
        "    j.judge_document = judge\n"
        "    if os.environ.get('FAULT_IN_REPORT'):\n"
        "        import clausecheck.report as r\n"
        "        def render_json(report, **kw):\n"
        "            raise KeyError('injected fault in the report')\n"
        "        r._RENDERERS['json'] = render_json\n"
        "_install()\n", encoding="utf-8")
    return {**ENV, "PYTHONPATH": str(hook)}


def test_internal_errors_and_crashes_name_the_file_and_exit_4(tmp_path):
    files = contracts(tmp_path / "c", 3)
    files[0].rename(tmp_path / "c" / "boom.txt")
    files[1].rename(tmp_path / "c" / "crash.txt")
    proc = cli("check", str(tmp_path / "c"), "--format", "json", "--no-model", "--jobs", "1", "--quiet",
               env=_fault_env(tmp_path))
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    docs = {Path(d["file"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["boom.txt"]["error"]["code"] == "internal-error"
    assert "injected fault" in docs["boom.txt"]["error"]["message"]
    assert docs["crash.txt"]["error"]["code"] == "internal-error"
    assert "died (signal 11)" in docs["crash.txt"]["error"]["message"]
    assert docs["contract-002.txt"]["findings"]  # checked by the replacement worker
    lines = [ln for ln in proc.stderr.splitlines() if "internal error" in ln]
    assert len(lines) == 2 and all(str(tmp_path / "c") in ln for ln in lines)
    # An unexpected exception outside any document: one line, exit 4, no traceback.
    env = {**_fault_env(tmp_path / "again"), "FAULT_IN_REPORT": "1"}
    proc = cli("check", str(tmp_path / "c" / "contract-002.txt"), "--format", "json", "--no-model", env=env)
    assert proc.returncode == 4 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("clausecheck: internal error: KeyError")


# ------------------------------------------------------------------ a batch a person can read
@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    folder = tmp_path / "tender"
    folder.mkdir()
    shutil.copy(SAMPLES / "en-cloud-services-agreement.pdf", folder / "bidder-a.pdf")
    shutil.copy(SAMPLES / "zh-equipment-purchase.docx", folder / "bidder-b.docx")
    shutil.copy(FIXTURES / "gb18030.txt", folder / "bidder-c.txt")
    shutil.copy(FIXTURES / "gb18030.txt", folder / "bidder-d.txt")  # the same text twice
    shutil.copy(FIXTURES / "truncated.pdf", folder / "broken.pdf")
    shutil.copy(FIXTURES / "sheet.xlsx", folder / "prices.xlsx")
    (folder / "README.txt").write_text("Bids for the 2026 hosting tender.\n\nPut each bidder's contract "
                                       "in this folder. Prices are in the spreadsheet.\n", encoding="utf-8")
    return folder


def test_text_report_ends_with_a_summary(mixed_folder):
    proc = cli("check", str(mixed_folder), "--no-model", "--quiet")
    assert proc.returncode == 3
    tail = proc.stdout[proc.stdout.index("SUMMARY"):]
    assert "7 files: 3 checked, 1 not a contract, 1 could not be read, 1 skipped, 1 duplicate" in tail
    for rid in ("review-cooperation", "no-illegal-data-acquisition", "no-illegal-device-control",
                "no-unjustified-supply-interruption"):
        row = re.search(rf"{rid}\s+(\d+)\s+(\d+)\s+(\d+)", tail)
        assert row and sum(map(int, row.groups())) == 3
    assert re.search(r"needs review: \d+ findings? in \d+ documents?", tail)
    assert f"{mixed_folder / 'bidder-c.txt'} = {mixed_folder / 'bidder-d.txt'}" in tail
    assert "broken.pdf [corrupt]" in tail and "prices.xlsx [unsupported-type]" in tail
    assert "README.txt [not-a-contract]" in tail
    assert f"DUPLICATE of {mixed_folder / 'bidder-c.txt'}" in proc.stdout


def test_json_has_the_summary_and_duplicates_once(mixed_folder):
    data = json.loads(cli("check", str(mixed_folder), "--format", "json", "--no-model", "--quiet").stdout)
    docs = {Path(d["file"]).name: d for d in data["documents"]}
    assert len(docs) == 7
    assert docs["bidder-c.txt"]["duplicates"] == [str(mixed_folder / "bidder-d.txt")]
    assert docs["bidder-d.txt"]["duplicate_of"] == str(mixed_folder / "bidder-c.txt")
    assert docs["bidder-d.txt"]["findings"] == []
    assert docs["README.txt"]["warnings"][0]["code"] == "not-a-contract" and docs["README.txt"]["findings"] == []
    assert docs["prices.xlsx"]["skipped"]["code"] == "unsupported-type" and docs["prices.xlsx"]["error"] is None
    s = data["summary"]
    assert s["files"] == 7 and s["checked"] == 3
    assert s["duplicates"] == [[str(mixed_folder / "bidder-c.txt"), str(mixed_folder / "bidder-d.txt")]]
    assert [n["file"] for n in s["unreadable"]] == [str(mixed_folder / "broken.pdf")]


def test_html_summary_links_to_each_document(mixed_folder, tmp_path):
    out = tmp_path / "r.html"
    proc = cli("check", str(mixed_folder), "--format", "html", "--out", str(out), "--no-model", "--quiet")
    assert f"wrote {out} (html: 7 documents)" in proc.stderr
    page = out.read_text(encoding="utf-8")
    targets = re.findall(r"href='#(doc-\d+)'", page)
    ids = set(re.findall(r"id='(doc-\d+)'", page))
    assert len(ids) == 7 and set(targets) <= ids
    assert ">bidder-a.pdf</a>" in page and f">{mixed_folder}/bidder-a.pdf<" not in page.split("<h2")[0]
    summary = page[page.index("id='summary'"):]
    assert "Could not be read" in summary and "Skipped" in summary and "Duplicates" in summary
    assert "href='#doc-" in summary
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page)


def test_csv_one_row_per_undertaking_with_all_evidence_and_the_minimal_edit(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(SAMPLES / "en-cloud-services-agreement.pdf", folder / "agreement.pdf")
    shutil.copy(FIXTURES / "sheet.xlsx", folder / "prices.xlsx")
    proc = cli("check", "c", "--format", "csv", "--out", "r.csv", "--no-model", "--quiet", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    doc_rows = [r for r in rows if r["document_status"] == "checked"]
    assert len(doc_rows) == 4 and len({r["requirement"] for r in doc_rows}) == 4
    assert {r["file"] for r in doc_rows} == {"c/agreement.pdf"}
    weak = next(r for r in doc_rows if r["requirement"] == "no-illegal-data-acquisition")
    assert weak["minimal_edit"].endswith('replace “use commercially reasonable efforts not to” with “not”')
    multi = [r for r in doc_rows if " | " in r["evidence_text"]]
    assert multi, "a finding with several evidence items"
    for r in multi:
        n = r["evidence_text"].count(" | ") + 1
        assert r["evidence_pages"].count(" | ") + 1 == n and r["evidence_sections"].count(" | ") + 1 == n
        assert all(p.strip().isdigit() for p in r["evidence_pages"].split(" | "))
    skipped = next(r for r in rows if r["document_status"] == "skipped")
    assert skipped["file"] == "c/prices.xlsx" and skipped["skip_code"] == "unsupported-type"
    assert skipped["requirement"] == "" and skipped["error_code"] == ""


def test_csv_cells_that_start_a_formula_are_escaped(tmp_path):
    contracts(tmp_path, 1)[0].rename(tmp_path / "=HYPERLINK(1).txt")
    (tmp_path / "-2.txt").write_text("", encoding="utf-8")
    (tmp_path / "@x.txt").write_text("+ not text \x00\x01", encoding="latin-1")
    proc = cli("check", "--format", "csv", "--no-model", "--quiet", "--", "=HYPERLINK(1).txt", "-2.txt", "@x.txt",
               cwd=tmp_path)
    assert proc.returncode == 3, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert {r["file"] for r in rows} == {"'=HYPERLINK(1).txt", "'-2.txt", "'@x.txt"}
    for r in rows:  # no cell a spreadsheet would run as a formula
        assert not any(v and v[0] in "=+-@" for v in r.values()), r
    assert all(r["error_message"].startswith(("'-2.txt", "'@x.txt")) for r in rows if r["error_code"])
