"""What fine-tuning changed, and nothing else: ``models/reader-adapter.npz``.

The file holds, as float32 arrays:

- ``lora.l{i}.{m}.A`` [r, in] and ``lora.l{i}.{m}.B`` [out, r] for the linear maps ``m`` of layer
  ``i`` (``q k v ao fi fo``; the LoRA scale alpha/r is already folded into B), so the fine-tuned
  weight is ``W + B @ A``;
- ``ln.l{i}.{aln,oln}.{w,b}``: the trained LayerNorm parameters of layer ``i`` (replacements; small);
- ``head.W`` [hidden, N_LOGITS] and ``head.b``: the heads of :mod:`.schema`;
- ``config``: a JSON string — format, how many of the 12 layers the reader runs (``layers``), the
  input ``prefix``, ``max_tokens``, the head schema and the base it was trained on.

Its SHA-256 is in ``reader-adapter.sha256`` beside it and is checked on every load: a changed
file is refused (:class:`AdapterError`). Loading needs numpy only.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clausecheck.encoder.base import MODELS_DIR
from clausecheck.encoder.schema import N_LOGITS, SCHEMA_ID
from clausecheck.errors import ModelUnavailable

ADAPTER_FORMAT = 1
DEFAULT_ADAPTER = MODELS_DIR / "reader-adapter.npz"
LINEAR = ("q", "k", "v", "ao", "fi", "fo")


class AdapterError(ModelUnavailable):
    """The reader adapter is missing, altered or does not fit this code."""


@dataclass(frozen=True)
class Adapter:
    path: Path | None
    sha256: str
    config: dict
    arrays: dict[str, np.ndarray]

    @property
    def layers(self) -> int:
        return int(self.config["layers"])

    @property
    def prefix(self) -> str:
        return str(self.config.get("prefix", "query: "))

    @property
    def max_tokens(self) -> int:
        return int(self.config.get("max_tokens", 128))

    @classmethod
    def load(cls, path: str | Path | None = None, *, verify: bool = True) -> Adapter:
        path = Path(path) if path is not None else DEFAULT_ADAPTER
        if not path.is_file():
            raise AdapterError(f"reader adapter not found: {path} (train one: python scripts/train_reader.py)")
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if verify:
            hash_file = path.with_suffix(".sha256")
            if not hash_file.is_file():
                raise AdapterError(f"{hash_file} is missing: cannot verify the reader adapter {path}")
            fields = hash_file.read_text(encoding="utf-8").split()
            expected = fields[0].lower() if fields else ""
            if digest != expected:
                raise AdapterError(f"reader adapter {path} has SHA-256 {digest}, expected {expected or '(none)'}"
                                   f" from {hash_file.name}: refusing to use it")
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            config = json.loads(str(arrays.pop("config")))
        except Exception as exc:  # noqa: BLE001 - any unreadable file is the same user problem
            raise AdapterError(f"cannot read reader adapter {path}: {exc}") from exc
        if config.get("format") != ADAPTER_FORMAT:
            raise AdapterError(f"{path}: adapter format {config.get('format')}, this code reads {ADAPTER_FORMAT}")
        if config.get("schema") != SCHEMA_ID:
            raise AdapterError(f"{path}: trained for other heads than this code defines; retrain")
        if arrays.get("head.W") is None or arrays["head.W"].shape[1] != N_LOGITS:
            raise AdapterError(f"{path}: no head weights of the expected shape")
        return cls(path, digest, config, arrays)

    def merge(self, weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Base weights (as :func:`clausecheck.encoder.base.read_weights` names them) with the
        adapter applied, cut to the adapter's depth, plus ``head.W`` / ``head.b``."""
        out = {k: v for k, v in weights.items() if not k.startswith("l")}
        for i in range(self.layers):
            for k, v in weights.items():
                if k.startswith(f"l{i}."):
                    out[k] = v
            for m in LINEAR:
                a, b = self.arrays.get(f"lora.l{i}.{m}.A"), self.arrays.get(f"lora.l{i}.{m}.B")
                if a is not None and b is not None:
                    out[f"l{i}.{m}.w"] = (weights[f"l{i}.{m}.w"] + b.astype(np.float32) @ a.astype(np.float32))
            for ln in ("aln", "oln"):
                for p in ("w", "b"):
                    v = self.arrays.get(f"ln.l{i}.{ln}.{p}")
                    if v is not None:
                        out[f"l{i}.{ln}.{p}"] = v.astype(np.float32)
            bias_keys = [f"bias.l{i}.{m}.b" for m in LINEAR]
            for key in bias_keys:
                v = self.arrays.get(key)
                if v is not None:
                    out[key[5:]] = v.astype(np.float32)
        out["head.W"] = self.arrays["head.W"].astype(np.float32)
        out["head.b"] = self.arrays["head.b"].astype(np.float32)
        return out


def save_adapter(path: Path, config: dict, arrays: dict[str, np.ndarray]) -> str:
    """Write the npz deterministically (sorted keys, fixed zip timestamps) and its .sha256;
    returns the SHA-256."""
    import zipfile

    config = dict(config, format=ADAPTER_FORMAT, schema=SCHEMA_ID)
    items = {"config": np.array(json.dumps(config, sort_keys=True))}
    items.update({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for k in sorted(items):
            arr_buf = io.BytesIO()
            np.lib.format.write_array(arr_buf, items[k], allow_pickle=False)
            info = zipfile.ZipInfo(k + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, arr_buf.getvalue())
    data = buf.getvalue()
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    path.with_suffix(".sha256").write_text(f"{digest}  {path.name}\n", encoding="utf-8")
    return digest


def average_adapters(adapters: list[Adapter]) -> tuple[dict, dict[str, np.ndarray]]:
    """One adapter whose merged weights are the mean of the given ones' ("model soup").

    Runs of the same script from the same base differ mostly by noise (seed, data order, a few
    labels); averaging their weights keeps what they agree on at no run-time cost, unlike an
    ensemble that reads every clause once per model. The LoRA factors are stacked, not averaged:
    ``mean_i B_i A_i`` is ``[B_1/n ... B_n/n] @ [A_1; ...; A_n]`` exactly, so the rank is the sum
    of theirs and ``merge`` stays ``W + B @ A``. LayerNorms, biases and heads are averaged; this
    is only sound for runs that share the base, depth, schema and head standardisation, which is
    checked."""
    if not adapters:
        raise AdapterError("no adapters to average")
    first = adapters[0]
    for a in adapters[1:]:
        for key in ("layers", "schema", "base", "prefix", "max_tokens"):
            if a.config.get(key) != first.config.get(key):
                raise AdapterError(f"cannot average {a.path} with {first.path}: their {key} differ")
        if set(a.arrays) != set(first.arrays):
            raise AdapterError(f"cannot average {a.path} with {first.path}: they change different weights")
    n = len(adapters)
    arrays: dict[str, np.ndarray] = {}
    for key in first.arrays:
        parts = [a.arrays[key].astype(np.float32) for a in adapters]
        if key.startswith("lora.") and key.endswith(".A"):
            arrays[key] = np.concatenate(parts, axis=0)
        elif key.startswith("lora.") and key.endswith(".B"):
            arrays[key] = np.concatenate(parts, axis=1) / n
        else:
            arrays[key] = np.mean(parts, axis=0)
    config = dict(first.config)
    config["rank"] = sum(int(a.config.get("rank", 0)) for a in adapters)
    config["soup"] = [{"sha256": a.sha256, "seed": a.config.get("seed"), "rank": a.config.get("rank")}
                      for a in adapters]
    return config, arrays
