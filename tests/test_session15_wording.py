"""What session 15's development round showed (``devdocs16``, written agreements), through the real
CLI, with the reader and with the rules alone. Every clause here was written for this test.

- Opening reasons (鉴于采购人……应当……，服务商应当配合……) do not make the clause the customer's: as
  with an opening condition, its main modal is the one a party's name stands right before.
- Items numbered (1), （1） are list items: they bind as their head does (服务商承诺遵守下列要求：).
- 我单位 ("our unit") in a supplier's letter of undertaking is the supplier.
- Reasons may run long before "; accordingly, the Supplier undertakes ...": the clause's own words
  still start after them.
- A promise to keep performing during a dispute narrows nothing where the clause has already
  promised continuity outright ("shall not suspend ... without just cause, and shall continue to
  perform them in full during any dispute"); a dispute named first ("While any dispute is being
  resolved, ...") scopes the whole clause.
- Time to move equipment out after termination (迁出期) is transition help, not the supply
  undertaking; a duty to complete the orders taken before termination is supply that survives
  termination, narrowed to those orders."""

from __future__ import annotations

import pytest

from test_conventions import _judged, _reads
from test_session13_wording import EN_SUPPLY, HEAD, HEAD_ZH, ZH_SUPPLY

REVIEW = "review-cooperation"
DEVICE = "no-illegal-device-control"
SUPPLY = "no-unjustified-supply-interruption"

HEAD_ZH_CLOUD = ("云服务采购合同\n\n采购人：某某省大数据管理局\n服务商：某某云计算有限公司\n\n第一条 服务\n"
                 "1.1 服务商应向采购人提供云主机及运维服务。\n\n")
# the reasons before ";accordingly" run past four hundred characters
LONG_REASONS = ("The Provider acknowledges that the Equipment is installed throughout the Customer's water "
                "treatment works, that the Customer depends on a steady flow of compatible spare parts, "
                "software fixes and engineering support for the whole working life of that equipment, that "
                "the Customer's duty to deliver safe drinking water to several hundred thousand households "
                "does not pause when a supplier's commercial priorities change, and that any break in the "
                "availability of the Support Services could leave the works unable to treat water for days")

CASES = [
    ("zh-reasons-before-the-duty", HEAD_ZH_CLOUD, REVIEW,
     "8.2 鉴于采购人作为关键信息基础设施运营者，在采购网络产品和服务时应当评估其可能带来的国家安全风险并依法申报"
     "网络安全审查，服务商应当配合网络安全审查办公室依法开展的网络安全审查，如实提供有关材料并作出说明。",
     "compliant", set()),
    ("zh-numbered-items-bind-as-their-head", HEAD_ZH_CLOUD, DEVICE,
     "8.5 在服务期内，服务商承诺遵守下列要求：\n（1）不在其提供的云平台及镜像中设置后门或者隐蔽接口；\n"
     "（2）未经采购人书面授权，不远程登录、控制或者操纵采购人的业务系统，不对其所在的云主机执行关机或者重启操作；\n"
     "（3）运维操作应当留存日志。", "compliant", set()),
    ("zh-our-unit-is-the-supplier", HEAD_ZH, REVIEW,
     "附件三 安全承诺书\n我单位作为本项目的供应商，郑重承诺如下：\n"
     "一、甲方就本项目申报网络安全审查的，我单位承诺予以配合，如实提供产品和服务的有关材料并对有关问题作出说明。",
     "compliant", set()),
    ("long-reasons-then-accordingly", HEAD, SUPPLY,
     "7.1 " + LONG_REASONS + "; accordingly, the Provider undertakes that it shall not, without just cause, "
     "suspend, withhold or discontinue the Support Services at any time during the Term.", "compliant", set()),
    ("a-dispute-promise-adds-to-a-whole-one", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend, interrupt or discontinue the Services or any technical support "
     "necessary for them without just cause, and shall continue to perform them in full during any dispute "
     "between the parties.", "compliant", set()),
    ("a-dispute-promise-alone-is-narrow", HEAD, SUPPLY,
     "6.1 The Provider shall continue to perform the Services in full during any dispute between the parties.",
     "weakened", {"narrowed-scope"}),
    ("a-dispute-promise-joined-without-a-comma", HEAD, SUPPLY,
     "6.1 The Provider shall not suspend or discontinue the Services without just cause and shall continue to "
     "perform them during any dispute between the parties.", "compliant", set()),
    ("zh-a-dispute-promise-joined-after-a-whole-one", HEAD_ZH, SUPPLY,
     "6.1 乙方不得无正当理由中断或者停止运维服务及必要的技术支持，并在争议解决期间继续履行本合同的全部义务。",
     "compliant", set()),
    ("a-dispute-that-opens-the-clause-scopes-it", HEAD, SUPPLY,
     "6.1 While any dispute between the parties is being resolved, each party shall continue to perform its "
     "obligations, and in particular the Provider shall not suspend or withhold the Services.",
     "weakened", {"narrowed-scope"}),
    ("zh-a-dispute-that-opens-the-clause-scopes-it", HEAD_ZH, SUPPLY,
     "6.1 在争议协商或者仲裁期间，乙方应当继续履行本合同的其他义务，不得以存在争议为由停止或者中断运维服务。",
     "weakened", {"narrowed-scope"}),
    ("a-support-period-scopes-the-supply-before-it", HEAD, SUPPLY,
     "6.1 For each release, the Provider will continue to supply the Software and provide support for at least "
     "thirty-six (36) months after its release date.", "weakened", {"time-limited"}),
    ("zh-moving-out-after-the-end", HEAD_ZH, SUPPLY,
     "15.3 本合同终止后，乙方应给予甲方不少于二十日的设备迁出期，迁出期内乙方继续提供机柜空间及电力。",
     "missing", set()),
    ("zh-moving-out-beside-a-commitment", HEAD_ZH, SUPPLY,
     ZH_SUPPLY + "15.3 本合同终止后，乙方应给予甲方不少于二十日的设备迁出期，迁出期内乙方继续提供机柜空间及电力。",
     "compliant", set()),
    ("orders-taken-before-the-end", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, the Provider shall complete the delivery of every purchase order "
     "that it accepted before the date of termination.", "weakened", {"narrowed-scope"}),
    ("the-customer-pays-for-orders-before-the-end", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, the Customer shall accept delivery of and pay for every purchase "
     "order that it placed before the date of termination.", "missing", set()),
    ("may-fill-orders-is-no-duty", HEAD, SUPPLY,
     "16.4 On the expiry or termination of this Agreement, each party shall cease to market the Services, "
     "although the Provider may fill any orders received before the date of termination.", "missing", set()),
    ("zh-orders-taken-before-the-end", HEAD_ZH, SUPPLY,
     "16.4 本合同终止前甲方已下达的订单，乙方应当继续按约定完成交付。", "weakened", {"narrowed-scope"}),
    ("en-supply-stays-compliant", HEAD, SUPPLY, EN_SUPPLY, "compliant", set()),
]


@pytest.mark.parametrize("flags", [(), ("--no-model",)], ids=["reader", "rules"])
@pytest.mark.parametrize(("name", "head", "requirement", "clause", "status", "reasons"), CASES,
                         ids=[c[0] for c in CASES])
def test_session15_wording(tmp_path, flags, name, head, requirement, clause, status, reasons):
    _reads(_judged(tmp_path, head + clause + "\n", *flags, requirement=requirement), status, reasons)
