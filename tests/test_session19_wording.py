"""What session 19's development round showed (``devdocs26``: negotiated and published agreements
where the undertakings hide behind definitions, conditions and rights sent to other clauses),
through the real CLI, with the reader and with the rules alone. Every clause here was written for
this test.

- Disabling a function of the customer's equipment or firmware is control of its devices, not a
  stop of supply.
- 有权相应暂停 ("may suspend accordingly") is a right: 应 there is part of 相应, no duty to stop.
- "provided that the Bank has submitted a written request ..." is a condition, whatever the
  customer is called.
- A defined term for the customer's systems, or for user information, whose definition leaves
  most of them out narrows a commitment that relies on it ("Customer Systems" ... does not include;
  用户信息：指……注册……时提交的……).
- "may terminate this Agreement only in accordance with clause 14.2" and "the only circumstances in
  which the Provider may suspend ... are those in clause 14.2" grant no right of their own.
- "shall not transfer any Customer Data that it receives ... to any location outside the PRC" says
  where the data may go (localisation), however far apart the data and the place.
- An exception in one promise lets the supplier do what another promise on the same undertaking
  forbids: the verdict rests on the promise with the exception. That made the rules' misread
  exceptions matter, so: a next prohibition with its subject left out (", shall not use ...") ends
  an exception; 除非……， opening a clause is the whole exception; the 除 of 擦除 or 删除 opens none; 在不限制前述规定的前提下 ("without
  limiting the foregoing") is no condition; the titles of laws (《数据安全法》) are no data; and
  允许从境外访问数据 is localisation.
- ``devdocs27`` (ordinary contracts): a remote lock for unpaid fees is a carve-out of the device
  promise though the same ground is just cause for supply (``topic.unlawful_grounds``); a warranty
  of no IP infringement is no device promise; keeping data off other media is custody; data
  defined as personal data only narrows the promise; "the affected party is prevented ... for more
  than sixty days" is force majeure; "save where the Customer has failed to pay an undisputed sum"
  is no condition; subcontracting the storage is not the supplier's own use; and a right inside a
  clause the reader rejects as a commitment takes back the promises elsewhere."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import EN_SUPPLY, HEAD, HEAD_ZH, ZH_SUPPLY

SUPPLY = "no-unjustified-supply-interruption"
DATA = "no-illegal-data-acquisition"
DEVICE = "no-illegal-device-control"
REVIEW = "review-cooperation"
HEAD_BANK = ('CORE BANKING OUTSOURCING AGREEMENT\n\nThis Agreement is made between Qinghe Rural Commercial Bank Co., Ltd. '
             '(the "Bank") and Tessellate Systems, Inc. (the "Provider").\n\n1. Services\n1.1 The Provider shall provide '
             'the Services described in Schedule 1.\n\n')

CASES = [
    ("en-disabling-a-firmware-function-is-no-stop-of-supply", HEAD, SUPPLY,
     EN_SUPPLY + "9.3 The Provider may remotely install patches on the Gateways at any time, and may restrict or "
     "disable any function of the Gateway firmware that the Provider considers insecure.", "compliant", set()),
    ("zh-export-control-suspend-accordingly", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "18.2 因任何国家的出口管制或者制裁措施致使乙方无法继续提供部分产品的，乙方有权相应暂停受影响的服务。",
     "weakened", {"overridden"}),
    ("en-provided-the-bank-has-submitted-a-request", HEAD_BANK, REVIEW,
     "11.4 Where the Bank's procurement is subject to a cybersecurity review, the Provider shall provide the "
     "Cybersecurity Review Office with the materials and explanations the review requires, provided that the "
     "Bank has submitted a written request for that assistance.", "weakened", {"conditional"}),
    ("en-defined-systems-leave-most-out", HEAD, DEVICE,
     '1.2 "Customer Systems" means the billing servers located at the Customer\'s Leeds data centre, and does not '
     "include any other equipment, network or device of the Customer.\n"
     "8.2 The Provider shall not access, disable or modify any Customer Systems without the Customer's prior written "
     "authorisation.", "weakened", {"narrowed-scope"}),
    ("zh-user-information-is-registration-details", HEAD_ZH, DATA,
     "1.3 用户信息：指甲方在开通账号及实名认证时向乙方提交的单位名称、联系人及联系方式。\n"
     "9.1 乙方承诺不利用提供服务的便利非法获取用户信息。", "weakened", {"narrowed-scope"}),
    ("en-terminate-only-in-accordance-with-a-clause", HEAD, SUPPLY,
     EN_SUPPLY + "14.2 The Provider may terminate this Agreement if the Customer fails to pay undisputed fees within "
     "thirty days after written notice.\n14.5 The Provider may terminate this Agreement only in accordance with "
     "clause 14.2.", "compliant", set()),
    ("en-only-circumstances-in-which-it-may-suspend", HEAD, SUPPLY,
     EN_SUPPLY + "14.6 The only circumstances in which the Provider may suspend the Services are those set out in "
     "clause 14.2.", "compliant", set()),
    ("en-transfer-far-from-outside-the-prc", HEAD, DATA,
     "12.4 The Provider shall not transfer any Customer Data that it receives in the course of the Services to any "
     "location outside the People's Republic of China without the Customer's prior written consent.",
     "missing", set()),
    ("zh-exception-in-another-data-promise", HEAD_ZH, DATA,
     "9.1 乙方不得利用提供服务的便利非法获取甲方数据。\n"
     "9.2 乙方不得利用提供服务的便利收集或者使用甲方数据，但乙方为优化其自身产品而对甲方数据进行汇总分析的除外。",
     "weakened", {"carve-out"}),
    ("en-exception-in-another-data-promise", HEAD, DATA,
     "12.1 The Provider shall not illegally obtain any Customer Data.\n"
     "12.2 The Provider shall not collect or use Customer Data except to perform the Services and to develop and "
     "improve its own products.", "weakened", {"carve-out"}),
    # (... and what that showed about exceptions the rules misread: none of these is one)
    ("en-elided-prohibition-ends-the-exception", HEAD, DATA,
     "12.3 The Provider shall not illegally obtain any Customer Data; the Provider shall access and use Customer Data "
     "only to the extent necessary to perform the Services, shall not use Customer Data for any purpose of its own, "
     "including benchmarking or product development, and shall not sell it.", "compliant", set()),
    ("zh-unless-approved-opening-the-clause", HEAD_ZH, DEVICE,
     "8.2 除非事先就具体维护事项取得甲方书面批准，乙方不得以远程方式登录、重启、停用或者升级甲方的任何设备。",
     "compliant", set()),
    ("zh-wipe-is-no-exception-marker", HEAD_ZH, DEVICE,
     "8.3 为此，乙方不得通过管理平台对甲方的终端进行擦除、重置、停用、重新配置或者其他远程操作，但依据甲方授权管理员具体书面指令进行的除外。",
     "compliant", set()),
    # (guard: 除非 after a first sentence, where a compliant first sentence used to win anyway)
    ("zh-unless-approved-after-a-first-sentence", HEAD_ZH, DEVICE,
     "8.2 乙方不得利用提供服务的便利非法控制甲方的设备。除非事先就具体维护事项取得甲方书面批准，乙方不得以远程方式登录、重启、停用或者升级甲方的任何设备。",
     "compliant", set()),
    # (devdocs27: ordinary contracts that touch the undertakings in passing)
    # (guard: already read so before session 19, by another path; the English case below is not)
    ("zh-remote-lock-for-unpaid-fees-is-a-carve-out", HEAD_ZH, DEVICE,
     "8.2 未经甲方事先书面同意，乙方不得通过远程平台对甲方设备实施远程锁定或者停机，但甲方逾期支付无争议费用超过三十日且经书面催告后仍未支付的除外。",
     "weakened", {"carve-out"}),
    ("en-lock-for-non-payment-is-a-carve-out", HEAD, DEVICE,
     "8.2 The Provider shall not remotely lock or disable any equipment of the Customer without the Customer's consent "
     "at the time, except where the Customer has failed to pay undisputed fees within thirty days after written "
     "notice.", "weakened", {"carve-out"}),
    # (guard: the same ground stays just cause for supply)
    ("en-suspending-supply-for-non-payment-stays-just-cause", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend the Services, except where the Customer has failed to pay undisputed fees "
     "within thirty days after written notice.", "compliant", set()),
    ("zh-ip-warranty-is-no-device-promise", HEAD_ZH, DEVICE,
     "12.1 乙方保证其提供的设备、终端及远程监控平台不侵犯任何第三方的知识产权。", "missing", set()),
    # (guard: the English counterpart of the Chinese case above, already read so)
    ("en-ip-warranty-is-no-device-promise", HEAD, DEVICE,
     "12.1 The Provider warrants that the Gateways and the remote management platform do not infringe any third "
     "party's intellectual property rights.", "missing", set()),
    # (guards: the virus warranty in the same sentence, or list, as an IP warranty still counts)
    ("en-ip-and-virus-warranty-is-still-the-virus-warranty", HEAD, DEVICE,
     "12.1 The Provider warrants that the Software does not infringe any third party's intellectual property rights "
     "and does not contain any virus, back door or disabling code.", "weakened", {"narrowed-scope"}),
    ("en-ip-item-and-virus-item-in-one-list", HEAD, DEVICE,
     "12.2 The Provider shall not provide any Content that: (a) infringes any third party's intellectual property "
     "rights; (b) is defamatory; or (c) contains any virus, worm or disabling code.", "weakened", {"narrowed-scope"}),
    ("zh-kept-off-other-media-is-custody", HEAD_ZH, DATA,
     "9.4 乙方不得将甲方数据存储于甲方指定环境以外的设备或者介质。", "missing", set()),
    ("en-data-defined-as-personal-data-only", HEAD, DATA,
     '1.4 "Customer Data" means any Personal Data that the Provider processes on behalf of the Customer.\n'
     "12.1 The Provider shall not collect or use any Customer Data except as strictly necessary to perform the "
     "Services.", "weakened", {"narrowed-scope"}),
    ("en-affected-party-prevented-is-force-majeure", HEAD, SUPPLY,
     EN_SUPPLY + "21.1 Neither party is liable for delay caused by events beyond its reasonable control.\n21.2 If the "
     "affected party is prevented from performing for more than sixty days, the other party may terminate this "
     "Agreement by written notice.", "compliant", set()),
    # (guard: the reader read the devdocs27 wording as conditional; this wording it never did)
    ("en-save-where-unpaid-is-no-condition", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend, withdraw or interrupt the Services, including during a dispute, save where "
     "the Customer has failed to pay an undisputed sum within thirty days after written notice.", "compliant", set()),
    # (... and the rules read a condition the operator must meet first in any verb, so a benign
    # exception in the same clause cannot hide it)
    ("en-provided-the-bank-has-disabled-is-a-condition", HEAD_BANK, DATA,
     "12.6 Provided that the Bank has disabled the diagnostics feature, the Provider covenants not to collect or "
     "mine any Bank Data, except as authorised in writing by the Bank.", "weakened", {"conditional"}),
    ("en-subcontracting-the-storage-is-no-use-limit", HEAD, DATA,
     "12.5 The Provider shall not subcontract the storage of Customer Data to any entity not approved in writing by "
     "the Customer.", "missing", set()),
    ("en-right-inside-a-rejected-commitment-takes-back", HEAD, DATA,
     "12.1 The Provider shall not illegally obtain any Customer Data.\n12.2 The Provider shall use Customer Data "
     "solely to perform the Services, provided that the Provider may use Customer Data, combined with data of its "
     "other customers, to train the models it sells to other customers.", "weakened", None),
    ("zh-without-limiting-the-foregoing-is-no-condition", HEAD_ZH, DEVICE,
     "8.1 乙方不得利用提供服务的便利非法控制甲方的设备。在不限制前述规定的前提下，乙方不得在所供软件中设置任何后门或者远程锁定功能。",
     "compliant", set()),
    # (guard: before the exception rule above a compliant 9.1 won anyway)
    ("zh-law-titles-and-access-from-abroad-are-localisation", HEAD_ZH, DATA,
     # (the reader alone reads "非法获取甲方数据" as narrower than user data: the promise names both)
     "9.1 乙方不得利用提供服务的便利非法获取甲方及其用户的数据。\n"
     "9.3 除非甲方已书面指示且《个人信息保护法》《数据安全法》规定的数据出境条件均已满足，乙方不得将甲方数据传输至中国大陆境外，"
     "或允许从中国大陆境外访问甲方数据。", "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session19_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)
