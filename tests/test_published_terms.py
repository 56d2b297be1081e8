"""Published cloud terms name their parties "we" and "you", call the customer a Subscriber, supply
the service as access to an API or an account, and keep their take-backs in other sections. Every
contract text here was written for this test; each runs through the real CLI, with the reader and
with the rules alone."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "clausecheck"]
FLAGS = pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])


def _findings(path, *flags) -> dict:
    out = subprocess.run([*CLI, "check", *flags, "--quiet", "--format", "json", str(path)],
                         capture_output=True, text=True, timeout=180)
    assert out.returncode in (0, 1), out.stderr
    doc = json.loads(out.stdout)["documents"][0]
    return {f["requirement"]: f for f in doc["findings"]}


WE_YOU = """ORBIT CLOUD TERMS OF SERVICE

These Terms of Service (the "Terms") are an agreement between Orbit Labs, Inc. ("Orbit", "we" or "us") and
the customer that accepts them ("you").

1. The Service
1.1 We will provide the hosted service described in your order.

2. Your Obligations
2.1 You must not, and must not allow anyone else to, use the Service to interfere with or gain unauthorised
control of any device, system or network.

3. Fees
3.1 You will pay the fees in your order within thirty days of invoice.
"""


@FLAGS
def test_the_customers_you_must_not_is_no_supplier_commitment(tmp_path, flags):
    """"You must not ... gain unauthorised control of any device" binds the customer ("you"), however
    it is capitalised: the device undertaking stays missing; the parties are "we" and "you", and
    "Terms" (the document) is no party."""
    doc = tmp_path / "orbit-terms.txt"
    doc.write_text(WE_YOU, encoding="utf-8")
    f = _findings(doc, *flags)
    assert f["no-illegal-device-control"]["status"] == "missing", f["no-illegal-device-control"]


SUBSCRIBER = """STRATA API TERMS

These API Terms are between Strata Data Ltd. ("Strata") and the subscriber named in the order form
("Subscriber").

4. Service Continuity
4.1 Strata will not suspend Subscriber's access to the Production API during the Term, except where
undisputed fees remain unpaid thirty (30) days after Strata has given written notice of non-payment.

7. Changes
7.1 Strata may discontinue any API version or feature at any time for its business reasons.
"""


@FLAGS
def test_a_subscribers_access_to_an_api_is_the_supply(tmp_path, flags):
    """The service is supplied as access to an API: a promise not to suspend it is the supply
    commitment (its undisputed-non-payment exception is just cause), and a right to discontinue it
    for business reasons in another section takes it back."""
    doc = tmp_path / "strata-api.txt"
    doc.write_text(SUBSCRIBER, encoding="utf-8")
    f = _findings(doc, *flags)["no-unjustified-supply-interruption"]
    assert f["status"] == "weakened", f
    assert "overridden" in {r["code"] for r in f["reasons"]}, f


REVIEW = """COLOCATION AGREEMENT

This Agreement is between Harbour Data Centres Ltd. ("Harbour") and Northwind Bank plc ("Customer").

5. Cybersecurity Review
5.1 Harbour shall cooperate with any cybersecurity review of Customer's procurement of the Services and shall
give the review authority supervised access to the Customer Space.

9. Security
9.1 Notwithstanding any other provision of this Agreement, Harbour is not obliged to admit to the Facility
anyone other than persons Harbour has approved.
"""


@FLAGS
def test_a_refusal_to_admit_the_review_takes_the_cooperation_back(tmp_path, flags):
    doc = tmp_path / "colocation.txt"
    doc.write_text(REVIEW, encoding="utf-8")
    f = _findings(doc, *flags)["review-cooperation"]
    assert f["status"] == "weakened", f
    assert "overridden" in {r["code"] for r in f["reasons"]}, f


ZH = """物联网平台服务协议

用户：某某能源有限公司
平台方：某某物联科技有限公司

第五条 设备安全
5.1 平台方不得在未经用户授权的情况下远程控制或者操纵用户接入平台的设备。

第七条 数据
7.1 平台方对用户数据承担保密义务，未经用户同意不得向第三方披露。

第九条 升级
9.1 平台方有权向接入设备推送安全补丁的升级包，相关升级由设备自动完成，无需另行取得用户同意。

第十一条 审查
11.1 用户依法申报网络安全审查的，平台方应当配合提供审查所需的材料，但用户应至少提前三十日书面提出申请。
"""


@FLAGS
def test_chinese_platform_terms(tmp_path, flags):
    """平台方 is the supplier; a right to push updates that needs no consent takes the device
    commitment back; a confidentiality duty over user data is not the data undertaking (the guide);
    a duty to apply in advance is a condition on the review cooperation."""
    doc = tmp_path / "iot.txt"
    doc.write_text(ZH, encoding="utf-8")
    f = _findings(doc, *flags)
    assert f["no-illegal-device-control"]["status"] == "weakened", f["no-illegal-device-control"]
    assert "overridden" in {r["code"] for r in f["no-illegal-device-control"]["reasons"]}
    assert f["no-illegal-data-acquisition"]["status"] == "missing", f["no-illegal-data-acquisition"]
    assert f["review-cooperation"]["status"] == "weakened", f["review-cooperation"]
    assert "conditional" in {r["code"] for r in f["review-cooperation"]["reasons"]}



class _SureReader:
    """A reader that reads every clause as the supplier's binding obligation on the review: what
    the trained reader sometimes does with help called a "review" that is not the cybersecurity
    review. It isolates the judge's rule from the model's weights."""

    def read(self, texts):
        import numpy as np

        from clausecheck.encoder.reader import SentenceReading
        from clausecheck.library import REQUIREMENT_IDS as REQUIREMENTS

        role = {r: {"none": 0.9, "commitment": 0.05, "take-back": 0.03, "related": 0.02} for r in REQUIREMENTS}
        role["review-cooperation"] = {"none": 0.02, "commitment": 0.95, "take-back": 0.01, "related": 0.02}
        return [SentenceReading(party={"supplier": 0.97, "customer": 0.01, "both": 0.01, "third-party": 0.005,
                                       "none": 0.005},
                                kind={"obligation": 0.95, "other": 0.05}, role=role, weakened=0.1, reasons={},
                                just_cause=0.5, embedding=np.zeros(4, dtype=np.float32)) for _ in texts]


FRANCHISE = """FRANCHISE AGREEMENT

This Agreement is between Maple Insurance Franchising LLC ("we" or "us") and the franchisee named below ("you").

5. Our Assistance
5.1 We will assist you with the review of your office lease before you sign it.
5.2 We will give cybersecurity review support to you and answer the review office's questions.
"""


def test_review_cooperation_must_name_the_review():
    """The guide: help with something else called a review (a lease review) is not cooperation with
    the cybersecurity review unless the clause names it. Even where the reader reads every clause as
    the supplier's review commitment, only the clause that names the cybersecurity review counts
    (``named_only`` in the library); without the flag the lease review would count too. (No screen:
    the library's recall cues choose what the reader reads.)"""
    from dataclasses import replace
    from pathlib import Path

    from clausecheck.document import Block, SourceDocument
    from clausecheck.judge import DocumentJudge
    from clausecheck.library import load_library

    lib = load_library()
    blocks = tuple(Block(p) for p in FRANCHISE.split("\n") if p.strip())
    doc = SourceDocument(path=Path("franchise.txt"), format="txt", blocks=blocks)
    judge = DocumentJudge(doc, lib, reader=_SureReader(), screen=None)
    judge.judge(lib.get("review-cooperation"))
    read = [c.unit.text for c in judge.commitments["review-cooperation"]]
    assert read and all("cybersecurity review" in t for t in read), read
    review = lib.get("review-cooperation")
    unflagged = replace(lib, undertakings=tuple(
        u.model_copy(update={"topic": u.topic.model_copy(update={"named_only": False})}) if u.id == review.id else u
        for u in lib.undertakings))
    judge = DocumentJudge(doc, unflagged, reader=_SureReader(), screen=None)
    judge.judge(review)
    assert any("lease" in c.unit.text for c in judge.commitments[review.id]), judge.commitments[review.id]
