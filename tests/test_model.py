"""The shipped clause model: integrity, offline loading and a few sanity predictions."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from clausecheck.errors import ClausecheckError
from clausecheck.model import (
    DEFAULT_PATH,
    REASON_CODES,
    ROLE_CLASSES,
    ClauseModel,
    ClausePrediction,
    ModelError,
    get_model,
)

ROOT = Path(__file__).resolve().parents[1]
SUPPLY = "no-unjustified-supply-interruption"


def test_shipped_hash_matches():
    recorded = (ROOT / "models" / "clause-model.sha256").read_text().split()[0]
    assert hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest() == recorded


def test_tampered_copy_is_refused(tmp_path):
    npz = tmp_path / "clause-model.npz"
    shutil.copy(DEFAULT_PATH, npz)
    shutil.copy(DEFAULT_PATH.with_suffix(".sha256"), tmp_path / "clause-model.sha256")
    ClauseModel.load(npz)  # an intact copy loads
    data = bytearray(npz.read_bytes())
    data[len(data) // 2] ^= 0xFF
    npz.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        ClauseModel.load(npz)
    assert issubclass(ModelError, ClausecheckError)


def test_missing_model_or_hash_is_refused(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        ClauseModel.load(tmp_path / "clause-model.npz")
    shutil.copy(DEFAULT_PATH, tmp_path / "clause-model.npz")
    with pytest.raises(ModelError, match="missing"):
        ClauseModel.load(tmp_path / "clause-model.npz")


def test_load_is_fast_and_cached():
    t = time.perf_counter()
    ClauseModel.load()
    assert time.perf_counter() - t < 0.2
    assert get_model() is get_model()


def test_loads_and_predicts_without_network():
    code = textwrap.dedent(
        """
        import socket

        def _no_network(*args, **kwargs):
            raise OSError("network disabled in this test")

        socket.socket = _no_network
        socket.create_connection = _no_network
        from clausecheck.model import ClauseModel
        (p,) = ClauseModel.load().predict(["乙方不得无正当理由中断产品供应和必要的技术支持服务。"])
        print(p.top_role)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == f"{SUPPLY}:commitment"


@pytest.fixture(scope="module")
def model() -> ClauseModel:
    return get_model()


def test_prediction_shape(model):
    preds = model.predict(["The Supplier shall deliver the Equipment by 1 March.", "本合同一式两份。"])
    assert len(preds) == 2 and model.predict([]) == []
    for p in preds:
        assert isinstance(p, ClausePrediction)
        assert tuple(p.role) == ROLE_CLASSES and tuple(p.reasons) == REASON_CODES
        assert abs(sum(p.role.values()) - 1) < 1e-4
        assert all(0 <= v <= 1 for v in [*p.reasons.values(), p.weakened])
        assert abs(p.topic(SUPPLY) - p.role[f"{SUPPLY}:commitment"] - p.role[f"{SUPPLY}:take-back"]) < 1e-9
    with pytest.raises(AttributeError):
        preds[0].weakened = 0.0  # frozen


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The Supplier shall not interrupt the supply of the Products or the necessary technical support "
         "services without just cause.", f"{SUPPLY}:commitment"),
        ("乙方不得无正当理由中断产品供应和必要的技术支持服务。", f"{SUPPLY}:commitment"),
        ("The Supplier shall cooperate with the Customer's external auditors in the annual audit of the "
         "Customer's financial statements.", "none"),
        ("乙方应配合甲方聘请的会计师事务所对甲方年度财务报表进行审计。", "none"),
        ("The Supplier shall cooperate with any cybersecurity review under the Cybersecurity Review Measures "
         "and provide all materials the review requires.", "review-cooperation:commitment"),
        ("乙方应当配合网络安全审查，并按要求提供审查所需的材料和说明。", "review-cooperation:commitment"),
        ("供应商不得利用提供产品的便利条件非法控制和操纵用户设备。", "no-illegal-device-control:commitment"),
        ("The Supplier may suspend the Services at any time to comply with the export control or sanctions "
         "laws of any jurisdiction.", f"{SUPPLY}:take-back"),
    ],
)
def test_sanity_roles(model, text, role):
    (p,) = model.predict([text])
    assert p.top_role == role, p.role


def test_sanity_status_and_reasons(model):
    plain, effort, acknowledged = model.predict([
        "The Supplier shall not interrupt the supply of the Products or the necessary technical support services "
        "without just cause.",
        "The Supplier shall use commercially reasonable efforts not to interrupt the supply of the Products or the "
        "necessary technical support services.",
        "The Supplier acknowledges that the Customer may be subject to a cybersecurity review.",
    ])
    assert plain.weakened < 0.5 < effort.weakened
    # products only, without the support services: narrowed scope under the guide
    (products_only,) = model.predict(["The Supplier shall not interrupt the supply of the Products without just cause."])
    assert products_only.reasons["narrowed-scope"] > 0.5
    assert effort.reasons["qualified-effort"] > 0.5
    assert acknowledged.reasons["non-binding"] > 0.5


def test_predict_accepts_precomputed_embeddings(model):
    from clausecheck.nlp import get_encoder

    texts = ["供应商不得非法获取用户数据。"]
    emb = get_encoder().encode(texts)
    a = model.predict(texts)[0]
    b = model.predict(texts, embeddings=emb)[0]
    assert np.isclose(a.weakened, b.weakened) and a.role == pytest.approx(b.role)
