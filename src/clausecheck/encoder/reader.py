"""Run time: the fine-tuned reader on onnxruntime + tokenizers + numpy. No torch, no network.

    reader = Reader.load()                 # verifies the adapter and the cached build
    readings = reader.read(["The Supplier shall not ...", "乙方不得 ..."])
    readings[0].role["no-unjustified-supply-interruption"]["commitment"], readings[0].embedding

Sentences are read in batches of similar token length (padding costs as much as real tokens) and
cut at the adapter's ``max_tokens`` (128: 97% of real contract sentences fit; the topic of a longer
one is almost always in its first 128 pieces).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clausecheck.encoder.adapter import Adapter
from clausecheck.encoder.build import (
    MANIFEST,
    MODEL_FILE,
    TOKENIZER_FILE,
    build,
    cache_dir_for,
    check_base_unchanged,
)
from clausecheck.encoder.schema import HEADS, head_slices
from clausecheck.errors import ModelUnavailable
from clausecheck.labels import UNDERTAKINGS


class ReaderError(ModelUnavailable):
    """The reader cannot be loaded (missing packages, a broken cache that cannot be rebuilt)."""


@dataclass(frozen=True)
class SentenceReading:
    """The reader's probabilities for one sentence, and its embedding.

    ``party`` and ``kind`` sum to 1; ``role[undertaking]`` (none/commitment/take-back/related) sums
    to 1 per undertaking; ``weakened`` and ``reasons`` are read as "if this is a commitment",
    ``just_cause`` as "if this is the supplier's right to stop supply". ``embedding`` is
    L2-normalised (cosine = dot product), comparable across English and Chinese.
    """

    party: dict[str, float]
    kind: dict[str, float]
    role: dict[str, dict[str, float]]
    weakened: float
    reasons: dict[str, float]
    just_cause: float
    embedding: np.ndarray = field(repr=False, compare=False)

    def top(self, head: str) -> str:
        dist = self.role[head] if head in self.role else getattr(self, head)
        return max(dist, key=dist.__getitem__)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def probabilities(logits: np.ndarray) -> dict[str, np.ndarray]:
    """Per head: softmax over its classes, or independent sigmoids for multi-label heads."""
    sl = head_slices()
    return {h.name: (_sigmoid if h.multi_label else _softmax)(logits[:, sl[h.name]]) for h in HEADS}


def default_threads(workers: int = 1) -> int:
    """All cores for one process; one when the caller runs several worker processes (more would
    oversubscribe the cores, and every process would wait on the others)."""
    return 1 if workers > 1 else max(1, os.cpu_count() or 1)


_BUILD_NOTICE = threading.Event()


def _build_for(ad: Adapter, cache_root: Path | None, *, keep_fp32: bool) -> None:
    """Build in a child process: the build peaks at ~1.6 GB (the fp32 graph and its quantisation),
    which the checking process should not keep as its high-water mark."""
    if ad.path is None:
        build(ad, root=cache_root, force=True, keep_fp32=keep_fp32)
        return
    cmd = [sys.executable, "-m", "clausecheck", "model", "build", "--quiet", "--force", "--adapter", str(ad.path)]
    if cache_root is not None:
        cmd += ["--cache-root", str(cache_root)]
    if keep_fp32:
        cmd.append("--keep-fp32")
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise ReaderError(f"building the reader model failed: {done.stderr.strip()[-2000:]}")


class _TokenizerBuild:
    """``tokenizers.Tokenizer.from_str`` of the reader's tokenizer file, run in a thread;
    ``result()`` waits for the tokenizer (or the exception that building it raised)."""

    def __init__(self, data: bytes):
        self._data: bytes | None = data
        self._out: object = None
        self._thread = threading.Thread(target=self._run, name="clausecheck-reader-tokenizer")
        self._thread.start()

    def _run(self) -> None:
        try:
            from tokenizers import Tokenizer

            self._out = Tokenizer.from_str(self._data.decode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - handed to the caller by result()
            self._out = exc
        self._data = None

    def result(self) -> object:
        self._thread.join()
        return self._out


class Reader:
    def __init__(self, session, tokenizer, manifest: dict, path: Path):
        self._session = session
        self._tok = tokenizer
        self.manifest = manifest
        self.path = path
        self.prefix: str = manifest["prefix"]
        self.max_tokens: int = int(manifest["max_tokens"])
        self._lock = threading.Lock()

    @classmethod
    def load(cls, adapter: str | Path | Adapter | None = None, *, threads: int | None = None, workers: int = 1,
             cache_root: Path | None = None, build_if_missing: bool = True, model_file: str = MODEL_FILE) -> Reader:
        """Verify the adapter, find (or build, saying so on stderr once) the cached ONNX model and
        open it. ``threads``: onnxruntime intra-op threads (default :func:`default_threads`)."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        ad = adapter if isinstance(adapter, Adapter) else Adapter.load(adapter)
        path = cache_dir_for(ad, cache_root)
        # The tokenizer (0.25-0.3 s: a trie of 116k pieces) is built in a thread as soon as its file
        # verifies, while this thread hashes the model, imports onnxruntime and creates the session
        # (which releases the GIL): they overlap on a cold start.
        files = cls._verified_files(path, model_file, on_tokenizer=_TokenizerBuild)
        if files is None:
            if not build_if_missing:
                raise ReaderError(f"no built reader in {path}: run 'clausecheck model build'")
            if not _BUILD_NOTICE.is_set():
                _BUILD_NOTICE.set()
                print("clausecheck: building the reader model once into the user cache (10-20 s;"
                      " 'clausecheck model build' does this ahead of time)", file=sys.stderr, flush=True)
            _build_for(ad, cache_root, keep_fp32=model_file != MODEL_FILE)
            files = cls._verified_files(path, model_file, on_tokenizer=_TokenizerBuild)
            if files is None:
                raise ReaderError(f"the reader build in {path} does not verify")
        manifest, model_bytes, tok_build = files
        try:
            check_base_unchanged(manifest)  # a stat per file; hashes only if the packages changed
            try:
                import onnxruntime as ort
            except ImportError as exc:  # pragma: no cover - install problem
                raise ReaderError("the reader needs onnxruntime and tokenizers: pip install -e .") from exc
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads or default_threads(workers)
            opts.inter_op_num_threads = 1
            opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            opts.log_severity_level = 3
            session = ort.InferenceSession(model_bytes, sess_options=opts, providers=["CPUExecutionProvider"])
        finally:
            tok = tok_build.result()
        if isinstance(tok, Exception):
            raise ReaderError(f"cannot read the reader's tokenizer in {path}: {tok}")
        tok.enable_truncation(int(manifest["max_tokens"]))
        return cls(session, tok, manifest, path)

    @staticmethod
    def _verified_files(path: Path, model_file: str, on_tokenizer=lambda data: data
                        ) -> tuple[dict, bytes, object] | None:
        """The manifest, the model's bytes and ``on_tokenizer`` of the tokenizer's bytes (called as
        soon as they verify, before the larger model is hashed), or None when anything is missing
        or altered."""
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            tok = (path / TOKENIZER_FILE).read_bytes()
            if hashlib.sha256(tok).hexdigest() != manifest["files"][TOKENIZER_FILE]:
                return None
            expected = manifest["files"][model_file]
        except (OSError, ValueError, KeyError):
            return None
        started = on_tokenizer(tok)
        try:
            model = (path / model_file).read_bytes()
        except OSError:
            model = None
        if model is None or hashlib.sha256(model).hexdigest() != expected:
            if isinstance(started, _TokenizerBuild):
                started.result()  # (built for files that do not verify: let its thread end)
            return None
        return manifest, model, started

    # ------------------------------------------------------------------ reading
    def tokenize(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self._tok.encode_batch([self.prefix + t for t in texts])]

    def run(self, texts: list[str], *, batch_tokens: int = 4096, max_batch: int = 64
            ) -> tuple[np.ndarray, np.ndarray]:
        """(embeddings [n, hidden], logits [n, N_LOGITS]) in input order."""
        n = len(texts)
        hidden = int(self.manifest["hidden"])
        emb = np.zeros((n, hidden), np.float32)
        logits = np.zeros((n, sum(h.width for h in HEADS)), np.float32)
        if not n:
            return emb, logits
        ids = self.tokenize(texts)
        order = sorted(range(n), key=lambda i: len(ids[i]))
        start = 0
        while start < n:
            # grow the batch while (size x longest) stays within the token budget
            end = start + 1
            while end < n and end - start < max_batch and (end - start + 1) * len(ids[order[end]]) <= batch_tokens:
                end += 1
            idx = order[start:end]
            width = len(ids[idx[-1]])
            inp = np.ones((len(idx), width), np.int64)  # <pad> = 1
            mask = np.zeros((len(idx), width), np.int64)
            for r, i in enumerate(idx):
                inp[r, :len(ids[i])] = ids[i]
                mask[r, :len(ids[i])] = 1
            with self._lock:  # one run at a time: the session already uses every thread it was given
                e, lg = self._session.run(["embedding", "logits"], {"input_ids": inp, "attention_mask": mask})
            emb[idx] = e
            logits[idx] = lg
            start = end
        return emb, logits

    def read(self, texts: list[str]) -> list[SentenceReading]:
        texts = list(texts)
        emb, logits = self.run(texts)
        probs = probabilities(logits)
        heads = {h.name: h for h in HEADS}
        out = []
        for i in range(len(texts)):
            def dist(name: str, i=i) -> dict[str, float]:
                return {c: float(p) for c, p in zip(heads[name].classes, probs[name][i], strict=True)}

            out.append(SentenceReading(
                party=dist("party"), kind=dist("kind"),
                role={u: dist(f"role:{u}") for u in UNDERTAKINGS},
                weakened=float(probs["weakened"][i, 0]), reasons=dist("reasons"),
                just_cause=float(probs["just_cause"][i, 0]), embedding=emb[i]))
        return out
