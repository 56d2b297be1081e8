"""The screen: a fast first look at every sentence, to choose what the trained reader reads.

The reader (``clausecheck.encoder``) is accurate but costs about 10 ms a sentence; a contract has
hundreds. The screen scores every sentence in microseconds — per undertaking, a logistic model over
hashed word pairs (English) and character pairs (Chinese) — for "is this a commitment on it, or a
right that takes it back?", trained on the same labels as the reader (``scripts/train_screen.py``).
It never decides a verdict: it only ranks the sentences the rules' cues did not already put in
front of the reader, so that a commitment worded in a way no cue foresaw still gets read.

Weights: ``models/screen.npz`` (float16, 4 x 2^18), checked against ``models/screen.sha256``.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from clausecheck.errors import ClausecheckError

BITS = 18
DIM = 1 << BITS
MODELS = Path(__file__).resolve().parents[2] / "models"
DEFAULT_PATH = MODELS / "screen.npz"
_WORD = re.compile(r"[a-z]+|[0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


class ScreenError(ClausecheckError):
    """The screen's weights are missing or altered."""


def features(text: str) -> np.ndarray:
    """Hashed feature indices of a sentence: English words and word pairs, Chinese character pairs
    and single characters (Chinese has no spaces), all lower-cased; each index once."""
    low = text.lower()
    words = _WORD.findall(low)
    toks = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    for run in _CJK.findall(low):
        toks += [f"c:{c}" for c in run] + [f"p:{run[i:i + 2]}" for i in range(len(run) - 1)]
    return np.unique(np.fromiter((zlib.crc32(t.encode()) & (DIM - 1) for t in toks), dtype=np.int64,
                                 count=len(toks)))


class Screen:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, undertakings: tuple[str, ...]):
        self.weights = weights.astype(np.float32)  # [n_undertakings, DIM]
        self.bias = bias.astype(np.float32)
        self.undertakings = undertakings

    @classmethod
    def load(cls, path: Path | None = None) -> Screen:
        path = Path(path or DEFAULT_PATH)
        digest_file = path.with_suffix(".sha256")
        if not path.is_file() or not digest_file.is_file():
            raise ScreenError(f"{path}: the screen's weights (or their .sha256) are missing")
        want = digest_file.read_text().split()[0]
        if hashlib.sha256(path.read_bytes()).hexdigest() != want:
            raise ScreenError(f"{path}: does not match its SHA-256 in {digest_file.name}; refusing to use it")
        with np.load(path) as z:
            return cls(z["weights"], z["bias"], tuple(str(u) for u in z["undertakings"]))

    def scores(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Per undertaking, the probability that each text is a commitment on it or a take-back."""
        logits = np.tile(self.bias[:, None], (1, len(texts)))
        for j, t in enumerate(texts):
            idx = features(t)
            if idx.size:
                logits[:, j] += self.weights[:, idx].sum(axis=1)
        probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        return {u: probs[i] for i, u in enumerate(self.undertakings)}


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Screen:
    return Screen.load()


def get_screen() -> Screen | None:
    """The shipped screen, or None where it is not there (the reader then reads by the cues alone)."""
    with _lock:
        try:
            return _load()
        except ScreenError:
            if not DEFAULT_PATH.is_file():
                return None
            raise
