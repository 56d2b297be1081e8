"""Text of the bilingual sample: a short software licence agreement (English paragraph, then its
Chinese translation) in which all four undertakings are compliant.

Written for clausecheck's samples; the parties, numbers and addresses are invented.
"""

from __future__ import annotations

RC_EN = ("Licensor shall cooperate with any cybersecurity review of Licensee's procurement of the Software "
         "under the Cybersecurity Review Measures and shall, at its own cost, give the reviewing authority the "
         "materials, explanations, technical support and access that it requires.")
RC_ZH = ("许可方应当配合被许可方就本软件采购依据《网络安全审查办法》接受的网络安全审查，并自费向审查机构提供其所要求的"
         "材料、说明、技术支持和访问条件。")
DA_EN = ("Licensor shall not use its position as supplier of the Software or the Support Services to obtain "
         "Licensee's user data illegally, and shall not collect, access or keep any such data except as Licensee "
         "has authorised in writing for the performance of this Agreement.")
DA_ZH = ("许可方不得借提供本软件或者支持服务之机非法获取被许可方的用户数据；除被许可方为履行本协议书面授权的情形外，"
         "许可方不得收集、访问或者留存任何此类数据。")
DC_EN = ("Licensor shall not use its position as supplier of the Software or the Support Services to control, "
         "manipulate or interfere with Licensee's equipment illegally, and the Software shall not contain any "
         "licence-expiry lock, remote-disable function or other mechanism that lets Licensor restrict its use.")
DC_ZH = ("许可方不得借提供本软件或者支持服务之机非法控制、操纵或者干扰被许可方的设备；本软件不得含有许可到期锁定、"
         "远程停用或者可供许可方限制其使用的其他机制。")
SI_EN = ("Licensor shall not interrupt the supply of the Software, its updates or the technical support services "
         "necessary for its operation without just cause.")
SI_ZH = "许可方无正当理由不得中断本软件、软件更新或者软件运行所必需的技术支持服务的供应。"

LICENSOR_EN, LICENSOR_ZH = "Brightfold Software Co., Ltd.", "明褶软件有限公司"
LICENSEE_EN, LICENSEE_ZH = "Northgate Power Dispatch Co., Ltd.", "北门电力调度有限公司"


def build(b):
    b.title("SOFTWARE LICENCE AGREEMENT\n软件许可协议")
    b.center("No. / 编号：NPD-SL-2024-009")
    pairs = [
        ("h", "Parties", "协议双方"),
        ("p", f"Licensee: {LICENSEE_EN}, 17 Beacon Road, Northgate (\"Licensee\").",
              f"被许可方：{LICENSEE_ZH}，住所：北门市灯塔路17号（“被许可方”）。"),
        ("p", f"Licensor: {LICENSOR_EN}, 5 Fernhill Park, Northgate (\"Licensor\").",
              f"许可方：{LICENSOR_ZH}，住所：北门市蕨山园5号（“许可方”）。"),
        ("p", "Licensee operates the regional power dispatching system, which is critical information "
              "infrastructure, and has selected Licensor's grid-monitoring software after a public tender.",
              "被许可方运营区域电力调度系统，该系统属于关键信息基础设施；被许可方经公开招标选定许可方的电网监测软件。"),
        ("h", "1. Definitions", "1. 定义"),
        ("p", "1.1 \"Software\" means Licensor's GridSight monitoring software, version 8, in object code, together "
              "with its documentation and all updates supplied under this Agreement.",
              "1.1 “本软件”指许可方的GridSight电网监测软件第8版目标代码及其文档，以及根据本协议提供的全部更新。"),
        ("p", "1.2 \"Support Services\" means the maintenance, updates, help-desk and on-site support described in "
              "clause 3.",
              "1.2 “支持服务”指第3条所述的维护、更新、服务台及现场支持服务。"),
        ("h", "2. Licence", "2. 许可"),
        ("p", "2.1 Licensor grants Licensee a perpetual, non-exclusive, non-transferable licence to install and use "
              "the Software on up to forty servers for Licensee's own operations.",
              "2.1 许可方授予被许可方一项永久、非独占、不可转让的许可，允许被许可方为自身运营在不超过四十台服务器上安装和使用本软件。"),
        ("p", "2.2 The licence fee is RMB 2,400,000, payable within thirty days after final acceptance.",
              "2.2 许可费为人民币2,400,000元，于最终验收后三十日内支付。"),
        ("h", "3. Support Services", "3. 支持服务"),
        ("p", "3.1 For an annual fee of RMB 360,000, Licensor shall provide the Support Services for as long as "
              "Licensee uses the Software, including security updates within ten days after a vulnerability "
              "becomes known.",
              "3.1 在被许可方使用本软件期间，许可方应提供支持服务，年费为人民币360,000元，包括在漏洞公开后十日内提供安全更新。"),
        ("p", "3.2 Where Licensor needs remote access to Licensee's systems to resolve a fault, it shall obtain "
              "Licensee's written approval for each session and connect only through Licensee's bastion host.",
              "3.2 许可方为排除故障需要远程访问被许可方系统的，应就每次访问事先取得被许可方书面批准，并仅通过被许可方的堡垒机接入。"),
        ("p", "3.3 If Licensee fails to pay an undisputed support fee within thirty days after receiving written "
              "notice of non-payment, Licensor may suspend the help-desk service until payment is received; the "
              "licence in clause 2 is not affected.",
              "3.3 被许可方在收到欠款书面通知后三十日内仍未支付无争议的支持服务费的，许可方可以暂停服务台服务直至收到付款；"
              "第2条项下的许可不受影响。"),
        ("h", "4. Security Undertakings", "4. 安全承诺"),
        ("p", "4.1 " + RC_EN, "4.1 " + RC_ZH),
        ("p", "4.2 " + DA_EN, "4.2 " + DA_ZH),
        ("p", "4.3 " + DC_EN, "4.3 " + DC_ZH),
        ("p", "4.4 " + SI_EN, "4.4 " + SI_ZH),
        ("p", "4.5 The undertakings in this clause 4 survive termination or expiry of this Agreement for as long as "
              "Licensee uses the Software.",
              "4.5 本第4条所述承诺在本协议解除或者终止后，于被许可方使用本软件期间持续有效。"),
        ("h", "5. Confidentiality", "5. 保密"),
        ("p", "5.1 Each party shall keep the other party's confidential information secret and use it only for "
              "this Agreement.",
              "5.1 任何一方均应对另一方的保密信息予以保密，且仅为本协议之目的使用。"),
        ("h", "6. Term and Termination", "6. 期限与解除"),
        ("p", "6.1 Either party may terminate this Agreement if the other party commits a material breach and does "
              "not cure it within thirty days after written notice, or becomes insolvent.",
              "6.1 一方发生重大违约且在收到书面通知后三十日内未予纠正，或者一方资不抵债的，另一方可以解除本协议。"),
        ("h", "7. Law and Language", "7. 法律适用与语言"),
        ("p", "7.1 This Agreement is governed by the laws of the People's Republic of China. Disputes shall be "
              "submitted to the Northgate Arbitration Commission.",
              "7.1 本协议适用中华人民共和国法律。争议应提交北门仲裁委员会仲裁。"),
        ("p", "7.2 This Agreement is made in English and Chinese; both versions are equally authentic.",
              "7.2 本协议以中英文书就，两种文本具有同等效力。"),
    ]
    for kind, en, zh in pairs:
        if kind == "h":
            b.heading(f"{en} / {zh}", numbered=False)
        else:
            b.para(en)
            b.para(zh)
    b.table([
        ("Licensee / 被许可方", "Licensor / 许可方"),
        (f"{LICENSEE_EN}\n{LICENSEE_ZH}", f"{LICENSOR_EN}\n{LICENSOR_ZH}"),
        ("Authorised signatory / 授权代表：", "Authorised signatory / 授权代表："),
        ("Date / 日期：2024-05-20", "Date / 日期：2024-05-20"),
    ], widths_cm=[8.0, 8.0])


LABELS = {
    "language": "bilingual",
    "supplier_term": "Licensor / 许可方",
    "requirements": {
        "review-cooperation": {"status": "compliant", "reasons": [], "evidence": [RC_EN, RC_ZH]},
        "no-illegal-data-acquisition": {"status": "compliant", "reasons": [], "evidence": [DA_EN, DA_ZH]},
        "no-illegal-device-control": {"status": "compliant", "reasons": [], "evidence": [DC_EN, DC_ZH]},
        "no-unjustified-supply-interruption": {"status": "compliant", "reasons": [], "evidence": [SI_EN, SI_ZH]},
    },
}
