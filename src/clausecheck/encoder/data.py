"""Training examples for the reader's heads, from the project's label files (numpy only, no torch).

Three sources, one :class:`Example` type; a head an item has no label for is *masked* (-1 / None)
and does not train:

- ``training/labels/sentences/*.jsonl``: labels on mined real sentences, by reference
  (``file``/``start``/``end``/``sha`` into ``../shared/real-contracts``, resolved with
  :mod:`clausecheck.refs`; the text never enters the repository). Grouped by ``file`` so that the
  validation split holds whole documents. References into the documents chosen for document-level
  dev/test labels (``documents/selection.json``) or into ``cuad-it/`` are refused: those texts are
  for evaluation only.
- ``training/labels/written/*.jsonl``: the same format with the text inline; grouped by ``id``.
- ``training/data/{train,valid}.jsonl``: the generated data (``role``/``status``/``reasons``/
  ``requirement``). Party and kind are unknown there (masked); its split (by seed template) is kept.
  Its sentences mined from ``cuad-it`` (``seed_id`` ``cuad:...``) are left out, as above.

Mapping of a label onto the heads (per sentence): ``role[u]`` is the undertaking's role, ``none``
where the sentence does not speak to it; ``weakened``/``reasons`` only for sentences that are a
commitment for some undertaking (weakened if any commitment is; reasons are their union);
``just_cause`` only where it was given (real labels) or the sentence is a supply take-back
(false) or a supply near-miss such as termination for uncured breach (true) in generated data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clausecheck.encoder.marking import mark_parties, parties_from_terms
from clausecheck.encoder.schema import ROLE_CLASSES
from clausecheck.labels import KINDS, PARTIES, REASONS, UNDERTAKINGS, SentenceLabel
from clausecheck.refs import RefError, TextRef, normalize_space

ROOT = Path(__file__).resolve().parents[3]
LABELS_DIR = ROOT / "training" / "labels"
GENERATED_DIR = ROOT / "training" / "data"
SUPPLY = "no-unjustified-supply-interruption"


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    group: str  # the unit the split keeps together: a document, a seed template, a written item
    source: str  # "sentences" | "written" | "generated"
    party: int = -1  # index into PARTIES, -1 = unknown
    kind: int = -1  # index into KINDS
    role: tuple[int, ...] = (-1, -1, -1, -1)  # per undertaking, index into ROLE_CLASSES
    weakened: int = -1
    reasons: tuple[int, ...] | None = None  # 0/1 per REASONS; None = unknown
    just_cause: int = -1
    split: str | None = None  # fixed by the source ("train"/"valid"), else by group hash


def from_sentence_label(lab: SentenceLabel, text: str, group: str, source: str) -> Example:
    roles = []
    commitments = []
    just = -1
    for u in UNDERTAKINGS:
        ul = lab.undertakings.get(u)
        roles.append(ROLE_CLASSES.index(ul.role) if ul else 0)
        if ul and ul.role == "commitment":
            commitments.append(ul)
        if ul and ul.just_cause is not None:
            just = int(ul.just_cause)
    weakened, reasons = -1, None
    if commitments:
        weakened = int(any(c.status == "weakened" for c in commitments))
        codes = {r.code for c in commitments for r in c.reasons}
        reasons = tuple(int(c in codes) for c in REASONS)
    return Example(text=text, language=lab.language, group=group, source=source,
                   party=PARTIES.index(lab.party), kind=KINDS.index(lab.kind), role=tuple(roles),
                   weakened=weakened, reasons=reasons, just_cause=just)


def _jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, json.loads(line)


def excluded_files(labels_dir: Path = LABELS_DIR) -> set[str]:
    """Documents reserved for evaluation: never trained on."""
    sel = labels_dir / "documents" / "selection.json"
    out: set[str] = set()
    if sel.is_file():
        data = json.loads(sel.read_text(encoding="utf-8"))
        out.update(data.get("dev", []))
        out.update(data.get("test", []))
    return out


def document_parties(labels_dir: Path = LABELS_DIR) -> dict:
    """Per mined document, its labeled supplier and customer terms (``sentences/parties.jsonl``)
    as a ``Parties``: the reader is trained on sentences marked the way the judge marks them."""
    path = labels_dir / "sentences" / "parties.jsonl"
    out = {}
    if path.is_file():
        for _, obj in _jsonl(path):
            out[obj["file"]] = parties_from_terms(obj.get("supplier") or [], obj.get("customer") or [])
    return out


def load_label_files(labels_dir: Path = LABELS_DIR, root: Path | None = None,
                     problems: list[str] | None = None) -> list[Example]:
    """Examples from ``sentences/*.jsonl`` (references; the document's party terms marked, see
    ``clausecheck.encoder.marking``) and ``written/*.jsonl`` (inline text, written with role
    words already). Unresolvable references and invalid lines are skipped and reported in
    ``problems``."""
    problems = problems if problems is not None else []
    banned = excluded_files(labels_dir)
    parties = document_parties(labels_dir)
    out: list[Example] = []
    for sub in ("sentences", "written"):
        for path in sorted((labels_dir / sub).glob("*.jsonl")):
            if path.name == "parties.jsonl":  # per-document party terms, not sentence labels
                continue
            for n, obj in _jsonl(path):
                where = f"{path.name}:{n}"
                try:
                    lab = SentenceLabel.model_validate(obj)
                except ValueError as exc:
                    problems.append(f"{where}: invalid label: {exc}")
                    continue
                if lab.text is not None:
                    text, group = lab.text, f"written:{lab.id}"
                else:
                    if lab.file in banned or lab.file.startswith("cuad-it/"):
                        problems.append(f"{where}: {lab.file} is reserved for evaluation; skipped")
                        continue
                    try:
                        text = TextRef(lab.file, lab.start, lab.end, lab.sha).resolve(root)
                    except RefError as exc:
                        problems.append(f"{where}: {exc}")
                        continue
                    group = lab.file
                    text = mark_parties(text, parties.get(lab.file))
                out.append(from_sentence_label(lab, normalize_space(text), group, sub))
    return out


def from_generated(obj: dict, split: str) -> Example | None:
    if str(obj.get("seed_id", "")).startswith("cuad:"):
        return None  # mined from cuad-it, which is kept out of training
    role, req = obj["role"], obj.get("requirement")
    roles = [0, 0, 0, 0]
    weakened, reasons, just = -1, None, -1
    if role in ("commitment", "take-back", "benign") and req in UNDERTAKINGS:
        k = UNDERTAKINGS.index(req)
        roles[k] = ROLE_CLASSES.index({"benign": "related"}.get(role, role))
        if role == "commitment":
            weakened = int(obj.get("status") == "weakened")
            reasons = tuple(int(c in obj.get("reasons", [])) for c in REASONS)
        if req == SUPPLY and role == "take-back":
            just = 0
        elif req == SUPPLY and role == "benign":
            just = 1
    return Example(text=obj["text"], language=obj.get("language", "en"), group=f"seed:{obj.get('seed_id')}",
                   source="generated", role=tuple(roles), weakened=weakened, reasons=reasons, just_cause=just,
                   split=split)


def load_generated(data_dir: Path = GENERATED_DIR) -> list[Example]:
    out = []
    for split in ("train", "valid"):
        path = data_dir / f"{split}.jsonl"
        if path.is_file():
            for _, obj in _jsonl(path):
                ex = from_generated(obj, split)
                if ex is not None:
                    out.append(ex)
    return out


def split_of(ex: Example, valid_pct: int = 15) -> str:
    """``ex.split`` where the source fixes it, else by a hash of its group (whole documents)."""
    if ex.split:
        return ex.split
    h = int(hashlib.sha256(ex.group.encode()).hexdigest()[:8], 16)
    return "valid" if h % 100 < valid_pct else "train"


def split(examples: list[Example], valid_pct: int = 15) -> tuple[list[Example], list[Example]]:
    train, valid = [], []
    for ex in examples:
        (valid if split_of(ex, valid_pct) == "valid" else train).append(ex)
    return train, valid


# --------------------------------------------------------------------------- metrics
def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 over the classes present in gold or predictions (items with gold -1 are ignored)."""
    keep = gold >= 0
    gold, pred = gold[keep], pred[keep]
    if gold.size == 0:
        return float("nan")
    f1s = []
    for c in np.union1d(gold, pred):
        tp = np.sum((gold == c) & (pred == c))
        fp = np.sum((gold != c) & (pred == c))
        fn = np.sum((gold == c) & (pred != c))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(f1s))


def multilabel_macro_f1(gold: np.ndarray, prob: np.ndarray, threshold: float = 0.5) -> float:
    """Mean over labels with any gold positive of the positive-class F1 (rows with gold -1 ignored)."""
    keep = gold[:, 0] >= 0
    gold, pred = gold[keep], prob[keep] >= threshold
    f1s = []
    for j in range(gold.shape[1]):
        g = gold[:, j] == 1
        if not g.any():
            continue
        tp, fp, fn = np.sum(g & pred[:, j]), np.sum(~g & pred[:, j]), np.sum(g & ~pred[:, j])
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else float("nan")


def targets(examples: list[Example]) -> dict[str, np.ndarray]:
    """Label arrays with -1 for masked entries: party [n], kind [n], role [n, 4], weakened [n],
    reasons [n, 8], just_cause [n]."""
    return {
        "party": np.array([e.party for e in examples], np.int64),
        "kind": np.array([e.kind for e in examples], np.int64),
        "role": np.array([e.role for e in examples], np.int64).reshape(len(examples), len(UNDERTAKINGS)),
        "weakened": np.array([e.weakened for e in examples], np.int64),
        "reasons": np.array([e.reasons if e.reasons is not None else (-1,) * len(REASONS) for e in examples],
                            np.int64).reshape(len(examples), len(REASONS)),
        "just_cause": np.array([e.just_cause for e in examples], np.int64),
    }


def head_metrics(examples: list[Example], probs: dict[str, np.ndarray]) -> dict[str, dict]:
    """Per-head macro-F1 and support on ``examples`` given the reader's probabilities (as
    :func:`clausecheck.encoder.reader.probabilities` returns them)."""
    t = targets(examples)
    out: dict[str, dict] = {}
    for name in ("party", "kind"):
        out[name] = {"macro_f1": macro_f1(t[name], probs[name].argmax(1)), "n": int((t[name] >= 0).sum())}
    for k, u in enumerate(UNDERTAKINGS):
        g = t["role"][:, k]
        out[f"role:{u}"] = {"macro_f1": macro_f1(g, probs[f"role:{u}"].argmax(1)), "n": int((g >= 0).sum())}
    for name in ("weakened", "just_cause"):
        g = t[name]
        out[name] = {"macro_f1": macro_f1(g, (probs[name][:, 0] >= 0.5).astype(np.int64)),
                     "n": int((g >= 0).sum()), "positives": int((g == 1).sum())}
    out["reasons"] = {"macro_f1": multilabel_macro_f1(t["reasons"], probs["reasons"]),
                      "n": int((t["reasons"][:, 0] >= 0).sum())}
    return out


def runtime_metrics(reader, examples: list[Example]) -> dict:
    """Per-head metrics of a run-time :class:`clausecheck.encoder.Reader` on ``examples``, overall
    and per language (what users get, int8 quantization included)."""
    from clausecheck.encoder.reader import probabilities

    _, logits = reader.run([e.text for e in examples])
    out = {"all": head_metrics(examples, probabilities(logits))}
    for lang in ("en", "zh"):
        sel = [i for i, e in enumerate(examples) if e.language == lang]
        if sel:
            out[lang] = head_metrics([examples[i] for i in sel], probabilities(logits[sel]))
    return out


def no_nan(x):
    """JSON has no NaN: a head without validation labels gets null."""
    if isinstance(x, dict):
        return {k: no_nan(v) for k, v in x.items()}
    if isinstance(x, list):
        return [no_nan(v) for v in x]
    return None if isinstance(x, float) and x != x else x
