"""What session 14's development sets showed (``devdocs14``, written agreements; ``devdocs10`` and
``devdocs12``), through the real CLI, with the reader and with the rules alone. Every clause here
was written for this test.

- A ground named by reference ("If such an event continues for more than sixty days, ... may
  terminate") is read in the sentences before it; force majeure described by the statutory formula
  (unforeseeable, unavoidable and insurmountable; 不能预见、不能避免且不能克服) is just cause.
- A period after the whole term ("during the Term and, as to support, for seven years after ...")
  extends a commitment; a commitment for the agreement's own period ("at any time during the Lease
  Period") is not limited in time.
- Suspension that the PRC's own law requires is just cause for supply; the law of any other country
  is still a carve-out.
- A general mutual confidentiality clause that names customer data is not the data undertaking; a
  supplier that says it owes no cooperation (不因……承担……配合义务) has made no commitment.
- Support "made available" for a stated minimum period, with what is made available between the
  words, is the guide's time-limited supply commitment."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import EN_SUPPLY, HEAD, HEAD_NAMED, HEAD_ZH, ZH_SUPPLY

REVIEW = "review-cooperation"
DATA = "no-illegal-data-acquisition"
SUPPLY = "no-unjustified-supply-interruption"

EXIT = "13.2 If such an event continues for more than sixty days, the Provider may terminate this Agreement by notice."

CASES = [
    ("force-majeure-by-reference", HEAD, SUPPLY,
     EN_SUPPLY + "13.1 Neither Party is liable for a failure to perform caused by an event that is unforeseeable, "
     "unavoidable and insurmountable, such as an earthquake, a flood or a war.\n" + EXIT, "compliant", set()),
    ("sanctions-by-reference", HEAD, SUPPLY,
     EN_SUPPLY + "13.1 Neither Party is liable for a failure to perform caused by the export control or sanctions "
     "laws of any country.\n" + EXIT, "weakened", {"overridden"}),
    ("zh-force-majeure-by-reference", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "13.1 因不能预见、不能避免且不能克服的事件导致不能履行本合同的，受影响方不承担责任。\n"
     "13.2 该事件持续超过六十日的，乙方可以书面通知甲方解除本合同。", "compliant", set()),
    ("after-the-term-extends", HEAD, SUPPLY,
     "6.1 The Customer relies on the Services for the public water supply; accordingly, during the Term and, as to "
     "the Support Services, for a period of seven (7) years after the last delivery of Equipment, the Provider "
     "shall not suspend, withhold or discontinue the Services or the Support Services except as a result of a "
     "Force Majeure Event.", "compliant", set()),
    ("zh-prc-law-is-just-cause", HEAD_ZH, SUPPLY,
     "6.1 除下列情形外，乙方不得中断、暂停或者终止运维服务或者必要的技术支持服务：\n（一）发生不可抗力；\n"
     "（二）中华人民共和国法律、行政法规规定或者有权主管部门依法要求暂停。", "compliant", set()),
    ("zh-any-country-law-is-not", HEAD_ZH, SUPPLY,
     "6.1 除下列情形外，乙方不得中断、暂停或者终止运维服务或者必要的技术支持服务：\n（一）发生不可抗力；\n"
     "（二）任何国家或者地区的法律、出口管制措施要求暂停。", "weakened", {"carve-out"}),
    ("prc-law-is-just-cause", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend or discontinue the Services except (a) during a Force Majeure Event or "
     "(b) to the extent required by applicable laws of the People's Republic of China.", "compliant", set()),
    ("prc-or-other-law-is-not", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend or discontinue the Services except (a) during a Force Majeure Event or "
     "(b) to the extent required by applicable laws of the People's Republic of China or of any other "
     "jurisdiction.", "weakened", {"carve-out"}),
    ("mutual-confidentiality-naming-data", HEAD, DATA,
     "11.1 Each party shall keep confidential the non-public information that the other party discloses to it "
     "under this Agreement, including passwords, Customer Data and pricing, and shall use it only for the "
     "purposes of this Agreement.", "missing", set()),
    ("zh-no-duty-to-cooperate", HEAD_ZH, REVIEW,
     "8.1 如甲方属于关键信息基础设施运营者，甲方应当自行评估采购本服务是否需要申报网络安全审查，并依法履行相应义务。"
     "本服务为标准化服务，乙方不因甲方的上述身份而承担额外的申报、说明或者其他配合义务。", "missing", set()),
    # 可被用于 describes what code could be used for: no permission to anyone
    ("zh-can-be-used-is-no-right", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "8.3 乙方保证，交付的软件不含有后门、逻辑炸弹或者可被用于远程控制、锁定甲方服务器或者终端设备的未披露接口。",
     "compliant", set()),
    # in a Chinese text 法律法规另有规定 is the PRC's own law: just cause for supply
    ("zh-domestic-law-is-just-cause", HEAD_ZH, SUPPLY,
     "6.1 在本合同有效期内，除发生不可抗力或者法律法规另有规定的情形外，乙方不得以任何理由中止、中断或者终止运维服务及必要的"
     "技术支持服务。", "compliant", set()),
    # the subject is the part's first party: 客户 in 向客户提供 / 客户数据 is an object and a thing
    ("zh-first-party-is-the-subject", HEAD_ZH.replace("甲方：", "客户：").replace("乙方：", "服务商：")
     .replace("乙方应向甲方", "服务商应向客户"), DATA,
     "9.2 服务商仅为向客户提供本协议项下服务之目的处理客户数据，不得擅自获取、收集、使用或者向任何第三方提供客户数据；"
     "但服务商为优化其算法及研发新产品之目的，使用经去标识化处理的客户数据的，不受本款前述限制。",
     "weakened", {"carve-out"}),
    # a right to suspend a function of the customer's software remotely is a kill switch, whatever its ground
    ("zh-remote-suspension-is-a-kill-switch", HEAD_ZH, "no-illegal-device-control",
     "7.1 乙方不得未经甲方授权对甲方的设备进行远程访问、配置变更或者功能停用。\n"
     "12.3 甲方逾期支付无争议款项，经乙方书面催告后三十日内仍未支付的，乙方有权通过授权管理模块远程暂停终端软件的解码功能，"
     "直至甲方付清款项。", "weakened", {"overridden"}),
    # the exception ends where a new duty begins "and in particular" with the party's bare name
    ("exception-ends-in-particular-by-name", HEAD_NAMED, DATA,
     "5.2 Tessellate shall not access, copy or use any Ashford Data, whether identifiable or anonymised, except to "
     "the extent necessary to perform the Support Services on Ashford's written instructions, and in particular "
     "Tessellate shall not use any Ashford Data to train or improve its own products.", "compliant", set()),
    # how an allowed suspension is carried out is no promise of supply (nor is a right in it)
    ("manner-of-a-suspension", HEAD, SUPPLY,
     "9.3 If undisputed fees remain unpaid thirty days after written notice, the Provider may suspend the Services. "
     "Any suspension under this clause shall be made within the Provider's own network and shall not involve any "
     "change to the Customer's equipment.\n15.2 The Provider may terminate this Agreement for convenience on ninety "
     "days' notice.", "missing", set()),
    ("zh-manner-of-a-suspension", HEAD_ZH, SUPPLY,
     "9.3 依本条进行的暂停应在乙方网络内实施，且不得涉及对甲方设备配置的任何更改。\n15.2 乙方可以提前九十日书面通知甲方，"
     "无因解除本合同。", "missing", set()),
    # 可使 describes a mechanism ("任何可使乙方……停用甲方设备的机制"): no right of anyone
    ("zh-a-mechanism-that-can-is-no-right", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "8.4 乙方不得在甲方设备中安装、启用或保留任何后门、隐藏的远程停用功能，或任何可使乙方或第三方控制或停用甲方设备的"
     "其他机制。", "compliant", set()),
    # an acknowledgment that goes on to promise in the supplier's own name
    ("acknowledges-and-agrees-it-shall-not", HEAD, DATA,
     "7.1 The Provider acknowledges that in performing the Services its personnel and tools will have access to "
     "devices that hold clinical and financial records of the Customer and its patients, and agrees that the "
     "Provider shall not, and shall ensure that its personnel do not, access, copy, use or disclose any Customer "
     "Data except to the extent necessary to perform the Services.", "compliant", set()),
    # "may receive or come into contact with ... distribution and customer records of the Customer and its
    # Affiliates": what may happen, and "distribution" names records; no right to use data
    ("records-it-may-come-into-contact-with", HEAD, DATA,
     "7.1 In the course of supplying the Products and investigating product complaints, the Provider and its "
     "personnel may receive or come into contact with clinical data, distribution and customer records and other "
     "information of the Customer and its Affiliates (\"Customer Data\"). The Provider shall not access, collect "
     "or use any Customer Data other than to the extent strictly necessary to perform its obligations under this "
     "Agreement.", "compliant", set()),
    ("support-made-available-for-a-minimum", HEAD, SUPPLY,
     "7.6 The Provider shall continue to make Support Services, including maintenance releases and security "
     "patches, available for each Product for a period of not less than five (5) years after its end of sale.",
     "weakened", {"time-limited"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session14_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)


def test_a_macro_is_written_once_and_an_unknown_one_is_named(tmp_path):
    # <<right_zh>>: 有权 as a right, not in 所有权 nor in 有权主管部门 (a competent authority)
    import shutil
    from pathlib import Path

    from clausecheck.errors import LibraryError
    from clausecheck.library import load_library

    root = Path(__file__).resolve().parents[1] / "clause_library"
    cues = load_library().compiled
    patterns = [p.pattern for _, ps in cues.undertakings[SUPPLY].take_backs for p in ps]
    assert any("有权(?!(主管" in p for p in patterns) and not any("<<" in p for p in patterns)
    lib = tmp_path / "lib"
    shutil.copytree(root, lib)
    text = (lib / "undertakings.yaml").read_text(encoding="utf-8")
    assert "<<right_zh>>" in text
    (lib / "undertakings.yaml").write_text(text.replace("<<right_zh>>", "<<rights_zh>>", 1), encoding="utf-8")
    with pytest.raises(LibraryError, match=r"undertakings\.yaml.*unknown macro <<rights_zh>>"):
        load_library(lib)


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_a_competent_authority_holds_no_right(tmp_path, flags):
    # 有权主管部门依法要求暂停: a ground (PRC law), not a right of anyone to suspend
    f = _judged(tmp_path, HEAD_ZH + ZH_SUPPLY + "13.4 中华人民共和国法律、行政法规规定或者有权主管部门依法要求暂停的，按其要求办理。\n",
                *flags, requirement=SUPPLY)
    assert f["status"] == "compliant", f


HEAD_LEASE = ('EQUIPMENT LEASE AND MAINTENANCE AGREEMENT\n\nThis Agreement is made between Larchmont General Hospital '
              '(the "Lessee") and Vantor Imaging Finance Ltd (the "Lessor").\n\n1. Lease\n1.1 The Lessor shall lease '
              'the Units to the Lessee and maintain them, and the Lessee shall pay the Rent.\n1.2 "Lease Period" means, '
              'for each Unit, eighty-four (84) months from its Commencement Date.\n\n')


def test_a_commitment_for_the_lease_period_is_not_time_limited(tmp_path):
    # the agreement's own period: the reader's impression of a time limit is not added
    f = _judged(tmp_path, HEAD_LEASE + (
        "7.4 The Lessor acknowledges that the Units are used to diagnose and treat patients and that a gap in "
        "imaging services may put patients at risk. Accordingly, the Lessor shall not suspend, withhold or "
        "withdraw the Maintenance Services, the supply of spare parts or the Software support for any Unit at any "
        "time during the Lease Period, except (a) under Clause 15 after an Event of Default, or (b) to the extent "
        "and for so long as Force Majeure prevents the Lessor from performing.\n"), requirement=SUPPLY)
    _reads(f, "compliant", set())
