"""What session 18's development round showed (``devdocs23``: agreements with a firm supply promise
beside many just-cause exits), through the real CLI, with the reader and with the rules alone.
Every clause here was written for this test.

- Words of discretion that a prohibition just before them forbids ("不得以任何理由单方面停止", "shall
  not, for any reason, unilaterally suspend") leave the supplier no free hand.
- 定时失效 is a time bomb (a disabling device), not a commitment that lapses.
- A promise followed, after a Chinese semicolon, by a duty to keep performing during disputes is
  the whole promise: the dispute sentence adds to it, it does not narrow it to disputes.
- "; and, without limiting the foregoing, the Provider shall not use ... for benchmarking": the
  second prohibition ends the exception before it; its purposes are forbidden, not excepted.
- "the Supplier may deliver it ..., and it will be installed automatically ... without any further
  consent" is a forced update; so is 卖方可通过远程……推送……自动安装，无需……同意 (卖方可 is the
  seller's "may", where 方可 after anything else means "only then may")."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import EN_SUPPLY, HEAD, HEAD_ZH
from test_session15_wording import HEAD_ZH_CLOUD

SUPPLY = "no-unjustified-supply-interruption"
DATA = "no-illegal-data-acquisition"
DEVICE = "no-illegal-device-control"

HEAD_ZH_SELLER = ("核心交换设备采购合同\n\n买方：某某农村商业银行股份有限公司\n卖方：某某网络设备有限公司\n\n第一条 标的\n"
                  "1.1 卖方应向买方供应交换设备并提供维保服务。\n\n")
HEAD_BI_SELLER = ('NETWORK APPLIANCE PURCHASE AGREEMENT 网络设备采购协议\n\nThis Agreement is made between Harbin Clearing '
                  'Co., Ltd. (the "Buyer") and Norrland Devices (Shanghai) Co., Ltd. (the "Seller").\n'
                  '本协议由某某清算有限公司（"买方"）与某某设备（上海）有限公司（"卖方"）订立。\n\n'
                  '1. Supply 供应\n1.1 The Seller shall supply the Appliances and the Support Services. 卖方应供应设备并提供支持服务。\n\n')
ZH_DEVICE = ("8.1 卖方不得利用供应设备或提供维保服务的便利，访问、停用、锁定或者以其他方式控制买方的任何设备，"
             "但买方事先就具体维护事项书面授权的除外。\n")
EN_DEVICE = ("8.1 The Provider shall not take advantage of supplying the Services to access, disable, lock or otherwise "
             "control any equipment of the Customer, except with the Customer's prior written authorisation for a "
             "particular maintenance task.\n")

CASES = [
    ("zh-forbidden-for-any-reason-unilaterally", HEAD_ZH, SUPPLY,
     "6.1 服务期内，乙方应持续提供运维服务及必要的技术支持；除本合同第九条约定的情形外，乙方不得以任何理由单方面停止提供全部或者部分服务。",
     "compliant", set()),
    # (this English form was already read right: kept as the Chinese case's counterpart)
    ("en-shall-not-for-any-reason-unilaterally", HEAD, SUPPLY,
     "6.1 The Provider shall not, for any reason, unilaterally suspend, interrupt or discontinue the Services or the "
     "technical support necessary to use them, save as expressly permitted by clause 14.2 for undisputed fees "
     "unpaid thirty days after written notice.", "compliant", set()),
    ("zh-time-bomb-is-no-time-limit", HEAD_ZH, DEVICE,
     "7.2 乙方承诺不利用提供服务的便利非法控制甲方的设备，且不得在所供软件中设置后门、隐藏账户、定时失效或者远程锁定功能。",
     "compliant", set()),
    ("zh-dispute-duty-after-a-whole-promise", HEAD_ZH_SELLER, SUPPLY,
     "7.3 卖方承诺，在本合同有效期内，除第十二条约定的情形外，不中断、不暂停向买方供应备品备件和固件补丁，亦不停止提供"
     "必要的技术支持服务；双方就本合同发生争议的，争议解决期间卖方仍应继续履行上述义务。",
     "compliant", set()),
    ("en-second-prohibition-ends-the-exception", HEAD, DATA,
     "7.2 The Provider shall not access, collect, copy or use any Customer Data except to the extent strictly "
     "necessary to perform the Services on the Customer's documented instructions; and, without limiting the "
     "foregoing, the Provider shall not use any Customer Data, in any form, for benchmarking, analytics, the "
     "training of any model or the improvement of its products.", "compliant", set()),
    ("en-pronoun-installed-automatically-without-consent", HEAD, DEVICE,
     EN_DEVICE + "8.4 Where the Provider designates a software release as an Urgent Release, the Provider may send it "
     "through the Remote Update Channel to all connected units, and it will be installed automatically at the next "
     "restart of each unit without requiring any further consent of the Customer.",
     "weakened", {"overridden"}),
    ("zh-seller-may-push-and-install-automatically", HEAD_ZH_SELLER, DEVICE,
     ZH_DEVICE + "8.4 卖方将某一固件版本认定为紧急安全版本的，卖方可通过远程升级通道将其推送至全部联网设备，该版本在设备下次重启时自动安装，无需买方另行同意。",
     "weakened", {"overridden"}),
    # (devdocs24: the data and device round)
    ("zh-suspending-remote-maintenance-is-no-device-control", HEAD_ZH, DEVICE,
     ZH_DEVICE.replace("卖方", "乙方").replace("买方", "甲方").replace("维保服务", "运维服务")
     + "10.4 甲方逾期支付运维服务费超过六十日的，乙方有权暂停提供远程运维和系统版本升级服务，直至甲方付清欠款。",
     "compliant", set()),
    ("en-kept-nowhere-else-is-custody", HEAD, DATA,
     "12.6 The Provider shall not store any Customer Personal Data anywhere other than on the Servers installed at the "
     "Customer's premises, without the prior written consent of the Customer.", "missing", set()),
    ("en-engaging-a-subprocessor-is-no-use-limit", HEAD, DATA,
     "12.7 The Provider shall only engage a Sub-processor to process Customer Personal Data with the Customer's prior "
     "written authorisation and under a written contract imposing obligations no less protective than this clause.",
     "missing", set()),
    ("zh-personal-information-in-video-data", HEAD_ZH, DATA,
     "9.2 乙方仅可在提供服务所必需的范围内按照甲方的指示处理监控视频数据中所含的个人信息，不得为自身目的使用该等个人信息，"
     "包括不得将其用于建立人脸数据库。", "weakened", {"narrowed-scope"}),
    ("en-kill-switch-with-its-consequences", HEAD, DEVICE,
     EN_DEVICE + "9.5 During any suspension under clause 9.4 the Provider may also remotely deactivate the licences of the "
     "affected terminals, in which case those terminals will stop transmitting data and will not accept remote commands "
     "until the Provider reactivates the licences.", "weakened", {"overridden"}),
    ("zh-change-of-control-is-just-cause", HEAD_ZH, SUPPLY,
     "6.1 服务期内，乙方不得无正当理由中断或者停止运维服务及必要的技术支持。\n"
     "14.5 任何一方发生控制权变更的，另一方可提前六个月书面通知对方终止本合同。", "compliant", set()),
    # (devdocs25: supply continuity in published terms, US/UK styles and Chinese contracts)
    # (already read right alone; in a bilingual document it was not: kept as a guard)
    ("zh-content-kept-in-mainland-china-is-custody", HEAD_ZH_CLOUD, DATA,
     "5.3 除采购人的管理员启用跨境功能且该传输符合中国法律的相关要求外，服务商不会将采购人内容传输至中国大陆以外。\n"
     "5.5 服务商通过本服务收集使用信息，并可将其用于分析和改进本服务以及开发新功能。", "missing", set()),
    ("zh-data-not-taken-off-premises-is-custody", HEAD_ZH, DATA,
     "5.4 乙方因履约需要接触的生产运行数据，不得带离甲方生产场所或者传输至中华人民共和国境外。", "missing", set()),
    ("zh-a-switch-it-may-not-build-in-is-no-right", HEAD_ZH_CLOUD, SUPPLY,
     "7.1 服务商承诺，在服务期限内无正当理由不中断提供云服务及必要的技术支持服务。\n"
     "7.5 未经采购人事先书面授权，服务商不得登录采购人的云主机，不得在所提供的产品中设置后门或者可由服务商远程触发的停用机制。",
     "compliant", set()),
    ("zh-unpaid-fees-without-objection-after-a-reminder", HEAD_ZH_CLOUD, SUPPLY,
     "7.1 服务商承诺，在服务期限内无正当理由不中断提供云服务及必要的技术支持服务。\n"
     "8.1 有下列情形之一的，服务商可以暂停部分或者全部云服务：\n（一）采购人对无异议的服务费逾期超过六十日未付，经服务商书面催告后"
     "三十日内仍未支付的，服务商可以在再次书面通知后暂停非必要的增值服务；\n（二）依照附件二实施的计划维护。",
     "compliant", set()),
    ("en-the-customer-grants-access-and-may-withdraw-it", HEAD, SUPPLY,
     EN_SUPPLY + "7.3 The Customer shall grant named Provider Personnel remote access to the test environment through the "
     "Customer's virtual private network for the purposes of the implementation, and may withdraw that access at any time.",
     "compliant", set()),
    ("zh-keep-performing-until-the-dispute-is-resolved", HEAD_ZH, SUPPLY,
     "16.3 在任何争议（包括有关费用的争议）解决之前，乙方应继续按照本合同提供运维服务，不得以存在争议为由停止提供其中任何部分。",
     "weakened", {"narrowed-scope"}),
    ("en-that-amount-still-unpaid-after-the-notice", HEAD, SUPPLY,
     EN_SUPPLY + "5.4 If any undisputed amount remains unpaid thirty days after its due date, the Provider may give the "
     "Customer written notice of the overdue amount. If that amount is still unpaid thirty days after the notice, the "
     "Provider may suspend the Services until the overdue amount is paid.", "compliant", set()),
    # guards: a real free hand, "方可" as "only then may", and an exception the second clause leaves open
    ("zh-free-hand-stays", HEAD_ZH, SUPPLY,
     "6.1 服务期内，乙方应持续提供运维服务；但乙方可根据自身经营需要单方面调整或者停止部分服务。",
     "weakened", None),
    ("zh-only-after-testing-may-install", HEAD_ZH_SELLER, DEVICE,
     ZH_DEVICE + "8.4 固件版本经买方测试确认后方可通过远程升级通道推送至联网设备并安装。",
     "compliant", set()),
    ("en-exception-for-own-purposes-stays", HEAD, DATA,
     "7.2 The Provider shall not access, collect or use any Customer Data except to perform the Services and for "
     "benchmarking, analytics and the improvement of its products; and the Provider shall keep Customer Data "
     "confidential.", "weakened", {"carve-out"}),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session18_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)


HEAD_YOU_SUBSCRIBER = ('EDGEWALL TERMS OF SERVICE\n\nThese Terms of Service are published by Edgewall Networks Pte. Ltd., a company '
                       'incorporated in Singapore ("Edgewall", "we", "us" or "our"). In these Terms, "you", "your" and the '
                       '"Subscriber" mean the company that accepts an Order Form referring to these Terms.\n\n'
                       '1. Services\n1.1 We will provide the Services set out in the Order Form, and you will pay the fees.\n\n')
HEAD_BI_YOU = ('HARBOURLINE CHINA REGION TERMS OF SERVICE\n港联中国区服务条款\n\nThese Terms are published by Harbourline Information '
               'Technology (Shanghai) Co., Ltd., a company established in Shanghai ("Harbourline", "we", "us" or "our"). '
               '"You", "your" and the "Organisation" mean the company that subscribes to the Service by accepting an Order.\n'
               '本条款由港联信息技术（上海）有限公司（以下简称“港联”或“我们”）发布。“您”或“机构”是指通过接受订单订阅本服务的公司。\n\n'
               '1. Service 服务\n1.1 We will provide the Service to you. 我们向您提供本服务。\n\n')


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
def test_you_defined_with_the_subscriber_is_the_customer(tmp_path, flags):
    # an acceptable-use duty of "you" is the customer's, not a device commitment of the provider
    clause = ("Schedule B - Acceptable Use\nB.1 You will not use the Services, or allow them to be used, to: (a) launch "
              "denial-of-service attacks; (b) gain unauthorised access to, or take control of, any computer, device or "
              "network; or (c) send unsolicited messages.")
    _reads(_judged(tmp_path, HEAD_YOU_SUBSCRIBER + clause + "\n", *flags, requirement=DEVICE), "missing", set())


def test_bilingual_you_and_the_organisation_are_the_customer(tmp_path):
    clause = ("8.2 The Organisation shall ensure that its users do not use the Service to gain unauthorised access to "
              "or control over any computer system or device. 机构应当确保其用户不利用本服务未经授权访问、控制任何计算机系统或者设备。")
    _reads(_judged(tmp_path, HEAD_BI_YOU + clause + "\n", requirement=DEVICE), "missing", set())


def test_bilingual_seller_may_push_is_a_take_back(tmp_path):
    clause = (EN_DEVICE.replace("Provider", "Seller").replace("Customer", "Buyer") + ZH_DEVICE
              + "8.4 Where the Seller designates a firmware release as an Urgent Release, the Seller may send it to all "
              "connected Appliances, and it will be installed automatically at their next restart without any further "
              "consent of the Buyer. 卖方将某一固件版本认定为紧急安全版本的，卖方可通过远程升级通道将其推送至全部联网设备，"
              "该版本在设备下次重启时自动安装，无需买方另行同意。")
    _reads(_judged(tmp_path, HEAD_BI_SELLER + clause + "\n", requirement=DEVICE), "weakened", {"overridden"})
