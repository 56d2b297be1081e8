"""Score clausecheck against a labeled corpus in the labeling guide's format.

Each document ``NAME.EXT`` has ``NAME.labels.json`` beside it. The metrics:
- verdict accuracy (overall, per language, per undertaking);
- false assurance: labeled weakened or missing, judged compliant (share of those labeled so);
- false alarm: labeled compliant, judged weakened or missing (share of those labeled compliant);
- evidence hit: of labeled findings with evidence that the tool also found (compliant or
  weakened), the share where the tool's evidence overlaps the labeled evidence;
- evidence precision: of every clause the tool quotes for a compliant or weakened finding, the
  share that is a clause the labeled verdict rests on (a quote for a verdict that should be
  missing is wrong by definition);
- reason-code recall: of the labeled reason codes on weakened findings, the share the tool gave;
- the all-missing baseline: the accuracy of answering "missing" everywhere, the bar to beat;
- review recall: of the wrong verdicts, the share the tool flagged ``needs_review``.

Label files for real contracts name their document relative to the shared real-contracts folder
(``"file": "cuad-all/NAME.txt"``) and give evidence as references (``{"start", "end", "sha"}``):
the text is read from ``../shared`` at evaluation time (see ``clausecheck.refs``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from clausecheck.api import Engine
from clausecheck.findings import DocumentReport
from clausecheck.refs import TextRef, shared_root


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


def evidence_overlaps(found: str, labeled: str) -> bool:
    a, b = _norm(found), _norm(labeled)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and fuzz.partial_ratio(short, long_) >= 90


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class EvalResult:
    accuracy: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_requirement: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    false_assurance: Tally = field(default_factory=Tally)
    false_alarm: Tally = field(default_factory=Tally)
    evidence_hit: Tally = field(default_factory=Tally)
    evidence_precision: Tally = field(default_factory=Tally)
    all_missing: Tally = field(default_factory=Tally)
    review_recall: Tally = field(default_factory=Tally)  # wrong verdicts flagged needs_review
    reason_recall: Tally = field(default_factory=Tally)
    calibration: Tally = field(default_factory=Tally)  # findings at confidence >= 0.9: share right
    errors: list[dict] = field(default_factory=list)
    documents: int = 0

    def summary(self) -> dict:
        def r(t: Tally):
            return {"rate": None if t.rate is None else round(t.rate, 4), "n": t.total}
        return {
            "documents": self.documents,
            "verdict_accuracy": r(self.accuracy),
            "by_language": {k: r(v) for k, v in sorted(self.by_language.items())},
            "by_requirement": {k: r(v) for k, v in sorted(self.by_requirement.items())},
            "false_assurance": r(self.false_assurance),
            "false_alarm": r(self.false_alarm),
            "evidence_hit": r(self.evidence_hit),
            "evidence_precision": r(self.evidence_precision),
            "all_missing_baseline": r(self.all_missing),
            "review_recall": r(self.review_recall),
            "reason_code_recall": r(self.reason_recall),
            "confidence_ge_0.9_accuracy": r(self.calibration),
        }


def labeled_documents(corpus: Path) -> list[tuple[Path, dict]]:
    """Each labeled document with its labels, evidence as text. The document sits beside its label
    file, or (real contracts) under the shared real-contracts folder, its evidence given as
    references resolved there."""
    out = []
    root = shared_root()
    for label in sorted(corpus.rglob("*.labels.json")):
        data = json.loads(label.read_text(encoding="utf-8"))
        name = data.get("file") or label.name.replace(".labels.json", "")
        doc = label.with_name(Path(name).name)
        if not doc.is_file() and root is not None and (root / name).is_file():
            doc = root / name
            data = _resolve_evidence(data, name, root)
        if doc.is_file():
            out.append((doc, data))
    return out


def _resolve_evidence(labels: dict, file: str, root: Path) -> dict:
    reqs = {}
    for req, lab in labels["requirements"].items():
        ev = [e if isinstance(e, str) else TextRef.from_json(e, file).resolve(root) for e in lab.get("evidence", [])]
        reqs[req] = dict(lab, evidence=ev)
    return dict(labels, requirements=reqs)


def score_document(res: EvalResult, report: DocumentReport, labels: dict) -> None:
    lang = labels.get("language", "en")
    res.documents += 1
    for req, lab in labels["requirements"].items():
        f = report.finding(req)
        got = f.status if f else "missing"
        want = lab["status"]
        ok = got == want
        res.accuracy.add(ok)
        res.all_missing.add(want == "missing")
        if not ok:
            res.review_recall.add(bool(f is not None and f.needs_review))
        if f is not None and got != "missing":
            for e in f.evidence:
                res.evidence_precision.add(want != "missing" and any(
                    evidence_overlaps(e.text, y) for y in lab.get("evidence", [])))
        res.by_language[lang].add(ok)
        res.by_requirement[req].add(ok)
        if f is not None and f.confidence >= 0.9:
            res.calibration.add(ok)
        if want != "compliant":
            res.false_assurance.add(got == "compliant")
        else:
            res.false_alarm.add(got != "compliant")
        if lab.get("evidence") and f is not None and got != "missing":
            found = [e.text for e in f.evidence]
            res.evidence_hit.add(any(evidence_overlaps(x, y) for x in found for y in lab["evidence"]))
        if want == "weakened":
            codes = {r.code for r in f.reasons} if f else set()
            for code in lab.get("reasons", []):
                res.reason_recall.add(code in codes)
        if not ok or (want == "weakened" and f and set(lab.get("reasons", [])) - {r.code for r in f.reasons}):
            res.errors.append({"file": labels.get("file"), "requirement": req, "want": want,
                               "want_reasons": lab.get("reasons", []), "got": got,
                               "got_reasons": [r.code for r in f.reasons] if f else [],
                               "got_evidence": [e.text[:200] for e in f.evidence] if f else []})


def evaluate(corpus: str | Path, engine: Engine | None = None, progress=None) -> EvalResult:
    engine = engine or Engine()
    res = EvalResult()
    for doc, labels in labeled_documents(Path(corpus)):
        if progress:
            progress(doc)
        report = engine.check(doc)
        if report.error:
            res.errors.append({"file": doc.name, "error": report.error.message})
            continue
        score_document(res, report, labels)
    return res


def format_summary(s: dict) -> str:
    def pct(x):
        return "  n/a" if x["rate"] is None else f"{x['rate']:.3f}"
    lines = [f"documents: {s['documents']}",
             f"verdict accuracy      {pct(s['verdict_accuracy'])}  (n={s['verdict_accuracy']['n']})"]
    for k, v in s["by_language"].items():
        lines.append(f"  language {k:<11} {pct(v)}  (n={v['n']})")
    for k, v in s["by_requirement"].items():
        lines.append(f"  {k:<36} {pct(v)}  (n={v['n']})")
    for key, name in (("false_assurance", "false assurance"), ("false_alarm", "false alarm"),
                      ("evidence_hit", "evidence hit"), ("evidence_precision", "evidence precision"),
                      ("reason_code_recall", "reason-code recall"),
                      ("confidence_ge_0.9_accuracy", "accuracy at conf>=0.9"),
                      ("all_missing_baseline", "all-missing baseline"), ("review_recall", "wrong, flagged review")):
        lines.append(f"{name:<21} {pct(s[key])}  (n={s[key]['n']})")
    return "\n".join(lines)
