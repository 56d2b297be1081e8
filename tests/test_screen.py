"""The screen (``clausecheck.screen``): its weights are hash-checked, and its training learns from
the reader's soft readings as well as from hard labels (``scripts/train_screen.py``)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from clausecheck.screen import DEFAULT_PATH, Screen, ScreenError, features

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_screen  # noqa: E402


def test_shipped_screen_matches_its_hash_and_scores_every_undertaking():
    screen = Screen.load()
    scores = screen.scores(["The Supplier shall not suspend the Services.", "供应商不得中断供货。"])
    assert set(scores) == set(screen.undertakings) and len(screen.undertakings) == 4
    assert all(v.shape == (2,) and np.all((v >= 0) & (v <= 1)) for v in scores.values())


def test_tampered_or_unhashed_screen_is_refused(tmp_path):
    copy = tmp_path / "screen.npz"
    shutil.copy(DEFAULT_PATH, copy)
    shutil.copy(DEFAULT_PATH.with_suffix(".sha256"), copy.with_suffix(".sha256"))
    Screen.load(copy)  # an intact copy loads
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(ScreenError, match="does not match its SHA-256"):
        Screen.load(copy)
    copy.with_suffix(".sha256").unlink()
    with pytest.raises(ScreenError, match="missing"):
        Screen.load(copy)


def test_training_follows_soft_targets_and_keeps_hard_labels_balanced():
    """One undertaking: hard labels say "suspend" sentences are positive; soft targets (as the
    reader's readings are) say "continue work" sentences mostly are. Both are learned, ranked above
    neutral sentences, and the soft ones below the sure ones."""
    hard = ["The Supplier may suspend the Services at any time."] * 5 + ["The Customer shall pay the fees."] * 40
    soft = ["Contractor shall continue work under the existing statement of work."] * 20 + \
        ["Notices shall be given in writing to the addresses above."] * 80
    texts = hard + soft
    y = np.full((4, len(texts)), -1, dtype=np.float32)
    y[3] = [1.0] * 5 + [0.0] * 40 + [0.7] * 20 + [0.0] * 80
    w, b = train_screen.train([features(t) for t in texts], y, epochs=4, l2=1e-6, lr=0.2, seed=1, labeled=len(hard))
    score = {t: float(b[3] + w[3, features(t)].sum()) for t in dict.fromkeys(texts)}
    suspend, pay, cont, notices = (score[t] for t in dict.fromkeys(texts))
    assert suspend > cont > max(pay, notices)
    assert np.all(w[:3] == 0) and np.all(b[:3] == 0)  # undertakings without labels stay untrained
