"""Draft comparison: ``clausecheck.compare`` on hand-made reports, and the real
``clausecheck compare`` CLI on the draft pairs in ``tests/data/compare/``.

The pairs (own words, TXT):
- ``mixed-v1/-v2`` (en): supply interruption improves (sole-discretion suspension -> "shall not
  interrupt ... without just cause"), data acquisition regresses (compliant -> commercially
  reasonable efforts), review cooperation stays compliant, device control stays missing.
- ``better-v1/-v2`` (zh): review cooperation improves (原则上 -> 应当), device control improves
  (missing -> compliant), the others stay compliant.
- ``reasons-v1/-v2`` (en): review cooperation stays weakened but gains a condition ("upon the
  Customer's written request and at the Customer's sole cost") -> more reasons, a regression.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "compare"
RUN_CLI = ("import sys; from clausecheck.cli import main; sys.argv[0] = 'clausecheck'; "
           "sys.exit(main())")


def cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN_CLI, *args], capture_output=True, text=True,
                          timeout=timeout, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# compare() on hand-made reports (no engine needed)


def _report(name, **verdicts):
    from clausecheck.findings import DocumentReport, Evidence, Finding, Reason

    findings = []
    for req, (status, codes, evidence) in verdicts.items():
        findings.append(Finding(requirement=req.replace("_", "-"), status=status, confidence=0.9,
                                reasons=tuple(Reason(code=c) for c in codes),
                                evidence=tuple(Evidence(text=t) for t in evidence)))
    return DocumentReport(file=name, language="en", findings=tuple(findings))


def test_compare_directions_and_evidence():
    from clausecheck.compare import compare, render

    a = _report("v1.docx",
                review_cooperation=("weakened", ["qualified-effort"],
                                    ["The Supplier shall use reasonable efforts to cooperate with the review."]),
                no_illegal_data_acquisition=("compliant", [], ["The Supplier shall not obtain user data."]),
                no_illegal_device_control=("missing", [], []),
                no_unjustified_supply_interruption=("weakened", ["carve-out"], ["X may stop except Y."]))
    b = _report("v2.docx",
                review_cooperation=("compliant", [],
                                    ["The Supplier shall cooperate with the review."]),
                no_illegal_data_acquisition=("weakened", ["qualified-effort"],
                                             ["The Supplier shall use best efforts not to obtain user data."]),
                no_illegal_device_control=("missing", [], []),
                no_unjustified_supply_interruption=("weakened", ["conditional"], ["X may stop if Z."]))
    cmp = compare(a, b)
    by = {r.requirement: r for r in cmp.requirements}
    assert by["review-cooperation"].change == "improved"
    assert by["no-illegal-data-acquisition"].change == "regressed"
    assert by["no-illegal-device-control"].change == "unchanged"
    si = by["no-unjustified-supply-interruption"]
    assert si.change == "unchanged" and si.reasons_changed
    assert si.reasons_added == ("conditional",) and si.reasons_removed == ("carve-out",)
    rc = by["review-cooperation"]
    assert len(rc.evidence_changed) == 1
    assert rc.evidence_changed[0].after == "The Supplier shall cooperate with the review."
    assert cmp.has_regression
    text = render(cmp, "text")
    assert "REGRESSED" in text and "IMPROVED" in text and "reasons changed" in text
    data = json.loads(render(cmp, "json"))
    assert data["schema"] == "clausecheck.compare/1"
    assert [r["change"] for r in data["requirements"]] == ["improved", "regressed", "unchanged", "unchanged"]
    html = render(cmp, "html")
    assert html.startswith("<!DOCTYPE html>") and "<del>" in html and "<ins>" in html


def test_more_reasons_is_a_regression_fewer_an_improvement():
    from clausecheck.compare import compare

    one = _report("a", review_cooperation=("weakened", ["qualified-effort"], ["t"]))
    two = _report("b", review_cooperation=("weakened", ["qualified-effort", "conditional"], ["t"]))
    assert compare(one, two).requirements[0].change == "regressed"
    assert compare(two, one).requirements[0].change == "improved"
    assert compare(one, one).requirements[0].change == "unchanged"
    assert not compare(one, one).requirements[0].reasons_changed


# --------------------------------------------------------------------------------------------
# The real CLI on the draft pairs


@pytest.fixture(scope="module")
def cli_ready():
    proc = cli("compare", "--help", timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"`clausecheck compare` is not wired into the CLI: {proc.stderr[-500:]}")


def test_cli_mixed_pair_regression_exit_1(cli_ready):
    proc = cli("compare", str(DATA / "mixed-v1.txt"), str(DATA / "mixed-v2.txt"), "--format", "json")
    assert proc.returncode == 1, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    by = {r["requirement"]: r for r in data["requirements"]}
    assert by["no-unjustified-supply-interruption"]["change"] == "improved"
    assert by["no-unjustified-supply-interruption"]["status_b"] == "compliant"
    assert by["no-illegal-data-acquisition"]["change"] == "regressed"
    assert by["no-illegal-data-acquisition"]["status_a"] == "compliant"
    assert "qualified-effort" in by["no-illegal-data-acquisition"]["reasons_b"]
    assert by["review-cooperation"]["change"] == "unchanged"
    dc = by["no-illegal-device-control"]
    assert (dc["status_a"], dc["status_b"], dc["change"]) == ("missing", "missing", "unchanged")
    # the changed wording is shown
    changed = by["no-illegal-data-acquisition"]["evidence_changed"]
    assert changed and "commercially reasonable efforts" in changed[0]["after"]


def test_cli_mixed_pair_text_output(cli_ready):
    proc = cli("compare", str(DATA / "mixed-v1.txt"), str(DATA / "mixed-v2.txt"))
    assert proc.returncode == 1, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert any(ln.startswith("REGRESSED") and "no-illegal-data-acquisition" in ln for ln in lines)
    assert any(ln.startswith("IMPROVED") and "no-unjustified-supply-interruption" in ln for ln in lines)
    assert "1 improved, 1 regressed, 2 unchanged" in proc.stdout


def test_cli_chinese_improvement_exit_0_html(cli_ready, tmp_path):
    out = tmp_path / "cmp.html"
    proc = cli("compare", str(DATA / "better-v1.txt"), str(DATA / "better-v2.txt"), "--format", "html",
               "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "regressed" not in html.split("<tbody>")[1].split("</tbody>")[0].replace("class='regressed'", "")
    proc = cli("compare", str(DATA / "better-v1.txt"), str(DATA / "better-v2.txt"), "--format", "json")
    by = {r["requirement"]: r for r in json.loads(proc.stdout)["requirements"]}
    assert by["review-cooperation"]["change"] == "improved"
    assert by["no-illegal-device-control"]["status_a"] == "missing"
    assert by["no-illegal-device-control"]["status_b"] == "compliant"
    assert by["no-illegal-data-acquisition"]["change"] == "unchanged"
    assert by["no-unjustified-supply-interruption"]["change"] == "unchanged"


def test_cli_more_reasons_is_regression(cli_ready):
    proc = cli("compare", str(DATA / "reasons-v1.txt"), str(DATA / "reasons-v2.txt"), "--format", "json")
    assert proc.returncode == 1, proc.stderr[-2000:]
    by = {r["requirement"]: r for r in json.loads(proc.stdout)["requirements"]}
    rc = by["review-cooperation"]
    assert rc["status_a"] == rc["status_b"] == "weakened"
    assert rc["change"] == "regressed"
    assert "conditional" in rc["reasons_added"]
    for req in ("no-illegal-data-acquisition", "no-illegal-device-control", "no-unjustified-supply-interruption"):
        assert by[req]["change"] == "unchanged"


def test_cli_same_draft_exit_0(cli_ready):
    proc = cli("compare", str(DATA / "mixed-v1.txt"), str(DATA / "mixed-v1.txt"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "0 improved, 0 regressed, 4 unchanged" in proc.stdout


def test_cli_unreadable_exit_3(cli_ready, tmp_path):
    proc = cli("compare", str(DATA / "mixed-v1.txt"), str(tmp_path / "nope.docx"))
    assert proc.returncode == 3
    assert "nope.docx" in proc.stderr


def test_cli_usage_exit_2(cli_ready):
    assert cli("compare", str(DATA / "mixed-v1.txt")).returncode == 2
    assert cli("compare", str(DATA / "mixed-v1.txt"), str(DATA / "mixed-v2.txt"), "--format", "pdf").returncode == 2


# --------------------------------------------------------------------------------------------
# clausecheck fix through the CLI


def test_cli_fix_writes_redline(cli_ready, tmp_path):
    out = tmp_path / "fixed.docx"
    proc = cli("fix", str(DATA / "mixed-v2.txt"), "-o", str(out))
    assert proc.returncode == 1, proc.stderr[-2000:]  # findings existed, changes proposed
    assert out.exists() and "wrote" in proc.stdout
    import zipfile

    with zipfile.ZipFile(out) as z:
        assert "word/comments.xml" in z.namelist()
        assert b"<w:ins " in z.read("word/document.xml")


def test_cli_fix_usage_and_unreadable(cli_ready, tmp_path):
    assert cli("fix", str(DATA / "mixed-v2.txt"), "-o", str(tmp_path / "out.pdf")).returncode == 2
    assert cli("fix", str(DATA / "mixed-v2.txt")).returncode == 2
    assert cli("fix", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.docx")).returncode == 3


# --------------------------------------------------------------------------------------------
# Text changes apart from verdict changes: a fixed-and-accepted draft


def _fixed_and_accepted(path: Path, tmp_path: Path):
    """(report of the draft, report of the redline with every change accepted, and the sources)."""
    from clausecheck.api import Engine
    from clausecheck.compare import read_drafts
    from clausecheck.redline import redline
    from test_redline import accepted

    engine = Engine()
    rep_a = engine.check(path)
    red = tmp_path / (path.stem + ".redline.docx")
    redline(path, rep_a, red)
    acc = accepted(red, tmp_path / (path.stem + ".accepted.docx"))
    return (rep_a, engine.check(acc), *read_drafts(path, acc))


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("name", ["en-cloud-services-agreement.docx", "zh-equipment-purchase.docx",
                                  "en-cloud-services-agreement.pdf"])
def test_compare_never_calls_a_clause_removed_that_is_still_there(name, tmp_path):
    from clausecheck.compare import compare

    rep_a, rep_b, src_a, src_b = _fixed_and_accepted(SAMPLES / name, tmp_path)
    cmp = compare(rep_a, rep_b, src_a, src_b)
    assert cmp.text_compared
    text_b = re.sub(r"\s+", "", src_b.text)
    removed = [c.before for c in cmp.text_changes if c.kind == "removed"]
    removed += [t for r in cmp.requirements for t in r.evidence_removed]
    for t in removed:
        assert re.sub(r"\s+", "", t) not in text_b, f"called removed but still there: {t[:80]}"
    # what the redline changed is what the comparison reports as text changes
    kinds = sorted(c.kind for c in cmp.text_changes)
    if name.startswith("en-"):
        assert kinds == ["added", "amended", "amended"], cmp.text_changes
        amended = {c.section_b for c in cmp.text_changes if c.kind == "amended"}
        assert amended == {"7.2", "18.2"}
        # 10.5 and 17.1, cited before and after, are not listed at all
        assert not any("undisputed amount" in c.before + c.after for c in cmp.text_changes)
    else:
        assert kinds == ["added", "amended", "amended", "removed"], cmp.text_changes
        assert next(c for c in cmp.text_changes if c.kind == "removed").section_a == "3.6"


def test_compare_without_the_text_says_no_longer_cited_not_removed():
    from clausecheck.compare import compare, render

    a = _report("a.docx", no_illegal_device_control=("weakened", ["overridden"], [
        "The Supplier shall not control user equipment.", "The Supplier may lock the equipment if not paid."]))
    b = _report("b.docx", no_illegal_device_control=("compliant", [], ["The Supplier shall not control user equipment."]))
    cmp = compare(a, b)
    r = cmp.requirements[0]
    assert r.evidence_removed == () and r.evidence_dropped == ("The Supplier may lock the equipment if not paid.",)
    assert "removed" not in render(cmp, "text").split("Clause text")[0]
    assert "not compared" in render(cmp, "text")


def test_compare_text_in_chinese_has_no_english_labels(tmp_path):
    from clausecheck.compare import compare, render

    rep_a, rep_b, src_a, src_b = _fixed_and_accepted(SAMPLES / "zh-equipment-purchase.docx", tmp_path)
    out = render(compare(rep_a, rep_b, src_a, src_b), "text", lang="zh")
    for s in [rep_a.file, rep_b.file] + [c for r in (rep_a, rep_b) for f in r.findings for e in f.evidence
                                        for c in (e.text,)]:
        out = out.replace(s, "")
    out = re.sub(r"“[^”]*”|[^\s]*\.docx", "", out)
    assert not re.search(r"[A-Za-z]{2,}", out.replace("clausecheck", "")), out
