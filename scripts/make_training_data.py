#!/usr/bin/env python3
"""Generate clausecheck's sentence-level training data from hand-written seeds.

Deterministic (fixed seed); stdlib + PyYAML only.

Inputs
  training/seeds/*.yaml                      hand-written templates (EN + ZH)

Real contract text is not generated here: labeled real sentences are kept as references in
training/labels/ (see training/labels/README.md) and read from ../shared at training time.
(cuad-it/, the benchmark's contracts, is never trained on.)
Outputs
  training/data/train.jsonl, training/data/valid.jsonl, training/data/stats.json
  and the counts block of training/README.md (between the counts markers).

Every item:
  {"text", "language": "en"|"zh", "requirement": id|null,
   "role": "commitment"|"take-back"|"benign"|"none",
   "status": "compliant"|"weakened"|null, "reasons": [...], "seed_id", "how"}

The train/valid split is by seed template (seed_id), never by generated item, so that the
validation set measures generalisation to unseen paraphrases. Items derived from a compliant
seed by a weakening transform keep that seed's id and therefore its side of the split.

Usage:  python scripts/make_training_data.py [--seed 20240611] [--valid-pct 15]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "training" / "seeds"
OUT_DIR = ROOT / "training" / "data"
README = ROOT / "training" / "README.md"

REQS = [
    "review-cooperation",
    "no-illegal-data-acquisition",
    "no-illegal-device-control",
    "no-unjustified-supply-interruption",
]
REASONS = [
    "qualified-effort", "permissive-modal", "carve-out", "conditional", "narrowed-scope",
    "unilateral-discretion", "non-binding", "overridden", "time-limited",
]
SHORT = {
    "review-cooperation": "rc",
    "no-illegal-data-acquisition": "data",
    "no-illegal-device-control": "dev",
    "no-unjustified-supply-interruption": "sup",
}

# ----------------------------------------------------------------------------------------------
# Vocabulary for placeholders
# ----------------------------------------------------------------------------------------------

# (supplier, customer, kind) -- kind "term" may take "the", "name" never does, "the" always does
EN_PARTIES = [
    ("Supplier", "Customer", "term"), ("Supplier", "Customer", "term"),
    ("Vendor", "Purchaser", "term"), ("Provider", "Customer", "term"),
    ("Contractor", "Company", "term"), ("Licensor", "Licensee", "term"),
    ("Seller", "Buyer", "term"), ("Service Provider", "Client", "term"),
    ("Supplier", "Operator", "term"), ("Vendor", "Bank", "the"),
    ("Acme", "the Bank", "name"), ("NorthBridge", "Customer", "name"),
    ("Hexa Systems", "the Operator", "name"), ("Brightline", "Client", "name"),
]
EN = {
    "product": ["the Services", "the cloud services", "the Equipment", "the Licensed Software",
                "the maintenance services", "the Products", "the Platform", "the Deliverables",
                "the network equipment", "the Hosted Services", "the System",
                "the Subscription Services", "the hardware and software supplied hereunder"],
    "support": ["technical support services", "the necessary technical support services",
                "the Support Services", "maintenance and support services", "technical support",
                "the Maintenance Services", "support and maintenance",
                "updates, patches and technical support"],
    "review": ["the cybersecurity review", "any cybersecurity review",
               "any cybersecurity review under the Cybersecurity Review Measures",
               "the Cybersecurity Review", "any cybersecurity review (网络安全审查)",
               "the cybersecurity review conducted by the Cybersecurity Review Office",
               "any network security review", "any national cybersecurity review of this procurement",
               "a cybersecurity review of {product}"],
    "data": ["user data", "User Data", "{customer}'s data", "any data of {customer} or its users",
             "Customer Data", "the data of {customer}'s users", "data of {customer} and its end users",
             "Operator Data"],
    "equipment": ["user equipment", "{customer}'s equipment", "the devices and systems of {customer}",
                  "any equipment of {customer} or its users", "{customer}'s networks, devices and systems",
                  "the Customer Systems", "user devices"],
    "section": ["Section 9.2", "Clause 14", "Article 7", "Section 12(b)", "clause 8.3",
                "Section 4.1 (Cybersecurity)", "paragraph 6 of Schedule 2", "Article 11",
                "the foregoing clause"],
}
ZH_PARTIES = [
    ("乙方", "甲方"), ("乙方", "甲方"), ("乙方", "甲方"), ("供应商", "采购人"), ("供应商", "采购人"),
    ("卖方", "买方"), ("服务商", "采购方"), ("许可方", "被许可方"), ("承包方", "发包方"),
    ("供方", "需方"), ("供应商", "运营者"), ("华信科技", "甲方"),
]
ZH = {
    "product": ["云服务", "设备", "许可软件", "运维服务", "本合同项下产品", "合同设备", "系统及相关服务",
                "网络产品和服务", "平台服务", "合同货物", "软件产品"],
    "support": ["必要的技术支持服务", "技术支持服务", "售后技术支持", "维护与技术支持服务", "升级和维保服务",
                "技术服务", "运维支持服务"],
    "review": ["网络安全审查", "依据《网络安全审查办法》开展的网络安全审查", "有关部门组织的网络安全审查",
               "网络安全审查办公室组织的审查", "针对本次采购的网络安全审查"],
    "data": ["用户数据", "{customer}的数据", "{customer}及其用户的数据", "业务数据和用户数据",
             "{customer}数据", "用户信息和业务数据"],
    "equipment": ["用户设备", "{customer}的设备", "{customer}的网络设备和信息系统", "用户的设备和系统",
                  "{customer}的终端和服务器", "{customer}的设备及系统"],
    "section": ["第九条", "第12.3条", "本合同第十二条", "第8.2款", "本协议第五条第（二）项", "第7条",
                "前款"],
}

CN_NUM = "零一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN_NUM[tens] + "十" + (CN_NUM[ones] if ones else "")


def en_number(rng: random.Random) -> str:
    a, b, c = rng.randint(1, 24), rng.randint(1, 9), rng.randint(1, 6)
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii"][rng.randint(0, 6)]
    letter = "abcdefgh"[rng.randint(0, 7)]
    return rng.choice([
        f"{a}.{b} ", f"{a}.{b}. ", f"({letter}) ", f"Section {a}.{b} ", f"Article {a}. ",
        f"({roman}) ", f"{a}.{b}.{c} ", f"Clause {a}. ", f"{a}. ", f"{letter}) ", f"§ {a}.{b} ",
    ])


def zh_number(rng: random.Random) -> str:
    a, b = rng.randint(1, 24), rng.randint(1, 9)
    return rng.choice([
        f"第{cn_numeral(a)}条 ", f"第{cn_numeral(a)}条　", f"（{cn_numeral(b)}）", f"{b}、",
        f"{a}.{b} ", f"（{b}）", f"{cn_numeral(b)}、", f"{a}.{b}.{rng.randint(1, 5)} ",
        f"第{a}条 ",
    ])


EN_HEAD = {
    ("review-cooperation", "commitment"): ["Cybersecurity Review", "Cooperation with Cybersecurity Review",
                                           "Regulatory Review", "Review Cooperation"],
    ("no-illegal-data-acquisition", "commitment"): ["Data Protection", "User Data", "Data Security",
                                                    "No Unauthorised Data Collection"],
    ("no-illegal-device-control", "commitment"): ["Remote Access", "Equipment Control",
                                                  "Security of Customer Systems", "No Remote Disablement"],
    ("no-unjustified-supply-interruption", "commitment"): ["Continuity of Supply", "Supply Assurance",
                                                           "Support Continuity", "Suspension"],
    ("review-cooperation", "take-back"): ["Confidentiality", "Limitations", "Export Control",
                                          "Professional Services"],
    ("no-illegal-data-acquisition", "take-back"): ["Usage Data", "Aggregated Data", "Licence to Data",
                                                   "Analytics"],
    ("no-illegal-device-control", "take-back"): ["Licence Keys", "Updates", "Remote Management",
                                                 "Suspension of Licence"],
    ("no-unjustified-supply-interruption", "take-back"): ["Termination", "Suspension", "Export Control",
                                                          "Force Majeure", "Termination for Convenience"],
    None: ["Audit", "Confidentiality", "Liability", "Service Levels", "Support", "Compliance with Laws",
           "Data Security", "Governing Law", "Term and Termination", "Warranties", "Cybersecurity"],
}
EN_GENERIC_HEAD = ["Undertakings", "General Obligations", "Security", "Compliance", "Miscellaneous",
                   "Covenants", "Additional Terms"]
ZH_HEAD = {
    ("review-cooperation", "commitment"): ["网络安全审查", "配合审查", "审查配合义务"],
    ("no-illegal-data-acquisition", "commitment"): ["数据安全", "用户数据保护", "数据保护"],
    ("no-illegal-device-control", "commitment"): ["设备安全", "远程访问", "设备控制"],
    ("no-unjustified-supply-interruption", "commitment"): ["供应保障", "持续供应", "技术支持服务"],
    ("review-cooperation", "take-back"): ["保密", "责任限制", "出口管制"],
    ("no-illegal-data-acquisition", "take-back"): ["使用数据", "数据授权", "数据分析"],
    ("no-illegal-device-control", "take-back"): ["许可管理", "软件更新", "远程管理"],
    ("no-unjustified-supply-interruption", "take-back"): ["合同解除", "暂停服务", "出口管制", "不可抗力"],
    None: ["审计", "保密", "违约责任", "服务水平", "技术支持", "法律适用", "数据安全", "验收", "网络安全"],
}
ZH_GENERIC_HEAD = ["乙方义务", "一般规定", "安全要求", "其他约定", "双方权利义务"]


def add_heading(text: str, lang: str, req, role: str, rng: random.Random) -> str:
    key = (req, role) if (req, role) in (EN_HEAD if lang == "en" else ZH_HEAD) else None
    pool = (EN_HEAD if lang == "en" else ZH_HEAD)[key] if key or role == "none" else []
    pool = list(pool) + (EN_GENERIC_HEAD if lang == "en" else ZH_GENERIC_HEAD)
    h = rng.choice(pool)
    if lang == "en":
        style = rng.randint(0, 3)
        if style == 0:
            return f"{h}. {text}"
        if style == 1:
            return f"{h}: {text}"
        if style == 2:
            return f"{h.upper()}\n{text}"
        return f"{h} - {text}"
    style = rng.randint(0, 3)
    if style == 0:
        return f"【{h}】{text}"
    if style == 1:
        return f"{h}：{text}"
    if style == 2:
        return f"{h}\n{text}"
    return f"{h}。{text}"


# ----------------------------------------------------------------------------------------------
# Filling placeholders
# ----------------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def make_ctx(lang: str, rng: random.Random) -> dict:
    if lang == "en":
        sup, cus, kind = rng.choice(EN_PARTIES)
        if kind == "term":
            art = rng.random() < 0.55
            sup_t = ("the " + sup) if art else sup
            cus_t = ("the " + cus) if (art or cus in ("Bank", "Operator") and rng.random() < 0.5) else cus
        elif kind == "the":
            sup_t, cus_t = "the " + sup, "the " + cus
        else:
            sup_t, cus_t = sup, cus
        ctx = {"supplier": sup_t, "customer": cus_t}
        vocab = EN
    else:
        sup, cus = rng.choice(ZH_PARTIES)
        ctx = {"supplier": sup, "customer": cus}
        vocab = ZH
    for k, vals in vocab.items():
        ctx[k] = rng.choice(vals)
    if lang == "zh":  # avoid "运维服务 ... 运维支持服务" style repetition
        while ctx["support"][:2] == ctx["product"][:2]:
            ctx["support"] = rng.choice(vocab["support"])
    return ctx


US_SPELL = [("authoris", "authoriz"), ("Authoris", "Authoriz"), ("licence", "license"),
            ("Licence", "License"), ("endeavour", "endeavor"), ("recognise", "recognize"),
            ("judgement", "judgment"), ("organisation", "organization"), ("anonymis", "anonymiz"),
            ("analyse", "analyze"), ("programme", "program")]


def capitalise_en(text: str) -> str:
    text = re.sub(r"^(\W*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    text = re.sub(r"([.!?]\s+|\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


def fill(tpl: str, lang: str, ctx: dict, rng: random.Random) -> str:
    s = tpl
    for _ in range(4):
        s2 = PLACEHOLDER.sub(lambda m: ctx.get(m.group(1), m.group(0)), s)
        if s2 == s:
            break
        s = s2
    if "{" in s and PLACEHOLDER.search(s):
        raise ValueError(f"unfilled placeholder in {tpl!r}")
    if lang == "en":
        s = capitalise_en(s)
        s = re.sub(r"\b([A-Z][A-Za-z]*s)'s\b", r"\1'", s)  # "Hexa Systems's" -> "Hexa Systems'"
        if rng.random() < 0.4:
            for uk, us in US_SPELL:
                s = s.replace(uk, us)
    return s


def decorate(text: str, lang: str, req, role: str, rng: random.Random, how: list) -> str:
    if rng.random() < 0.2:
        text = add_heading(text, lang, req, role, rng)
        how.append("heading")
    if rng.random() < 0.5:
        text = (en_number(rng) if lang == "en" else zh_number(rng)) + text
        how.append("number")
    return text


# ----------------------------------------------------------------------------------------------
# Transforms on templates (before filling)
# ----------------------------------------------------------------------------------------------

EN_BINDING = re.compile(r"\b(shall|will|must|undertakes|agrees|covenants|warrants|won't)\b")
ZH_NON_MODAL_YING = ["供应", "相应", "响应", "应用", "对应", "适应", "反应", "答应", "应急", "应付", "应收", "回应"]


def en_binding_count(t: str) -> int:
    return len(EN_BINDING.findall(t))


def zh_binding_count(t: str) -> int:
    s = t
    for w in ZH_NON_MODAL_YING:
        s = s.replace(w, "")
    n = len(re.findall(r"不得|必须|承诺|保证", s))
    s = re.sub(r"不得|必须|承诺|保证|应当", "", s)
    n += len(re.findall(r"应当", t))
    n += s.count("应") + s.count("须")
    return n


EN_EFFORT = ["use reasonable efforts", "use commercially reasonable efforts", "use its best endeavours",
             "use all reasonable endeavours", "use best efforts", "use reasonable endeavours",
             "make good faith efforts"]
EN_EFFORT_VERB = ["endeavour", "try", "seek", "take reasonable steps"]


def en_effort(t: str, rng: random.Random):
    eff = rng.choice(EN_EFFORT)
    verb = rng.choice(EN_EFFORT_VERB)
    alt = rng.random() < 0.35
    pats = [
        (r"\{supplier\} (hereby )?(shall|will|must) not ",
         lambda m: f"{{supplier}} {m.group(2)} {verb if alt else eff} not to "),
        (r"\{supplier\} (hereby )?(undertakes|agrees|covenants) not to ",
         lambda m: f"{{supplier}} {m.group(2)} to {eff} not to "),
        (r"\{supplier\} (hereby )?(shall|will|must) (?!not\b)",
         lambda m: f"{{supplier}} {m.group(2)} {verb if alt else eff} to "),
        (r"\{supplier\} (hereby )?(undertakes|agrees) to ",
         lambda m: f"{{supplier}} {m.group(2)} to {eff} to "),
    ]
    for p, r in pats:
        if re.search(p, t):
            return re.sub(p, r, t, count=1)
    return None


def en_permissive(t: str, rng: random.Random):
    neg = rng.choice(["should not", "intends not to", "aims not to", "does not intend to",
                      "would not normally", "in principle will not"])
    pos = rng.choice(["may", "should", "intends to", "aims to", "is prepared to", "can"])
    pats = [
        (r"\{supplier\} (hereby )?(shall|will|must) not ", lambda m: f"{{supplier}} {neg} "),
        (r"\{supplier\} (hereby )?(undertakes|agrees|covenants) not to ", lambda m: f"{{supplier}} {neg} "),
        (r"\{supplier\} (hereby )?(shall|will|must) (?!not\b)", lambda m: f"{{supplier}} {pos} "),
        (r"\{supplier\} (hereby )?(undertakes|agrees) to ", lambda m: f"{{supplier}} {pos} "),
    ]
    for p, r in pats:
        if re.search(p, t):
            return re.sub(p, r, t, count=1)
    return None


def zh_effort(t: str, rng: random.Random):
    neg = rng.choice(["应尽合理努力不", "将尽力不", "应尽最大努力避免", "应以商业上合理的努力避免", "尽量不"])
    pos = rng.choice(["应尽力", "将尽合理努力", "应尽最大努力", "尽可能", "将以商业上合理的努力"])
    pats = [
        (r"\{supplier\}无正当理由不得", "{supplier}将尽力做到无正当理由不"),
        (r"\{supplier\}不得", "{supplier}" + neg),
        (r"\{supplier\}承诺不", "{supplier}承诺尽力不"),
        (r"\{supplier\}保证不会?", "{supplier}将尽力保证不"),
        (r"\{supplier\}(应当|应|须|必须)(?!尽)", "{supplier}" + pos),
        (r"\{supplier\}承诺[：:]?", "{supplier}承诺尽力"),
    ]
    for p, r in pats:
        if re.search(p, t):
            return re.sub(p, r, t, count=1)
    return None


def zh_permissive(t: str, rng: random.Random):
    neg = rng.choice(["原则上不", "不宜", "一般不会", "视情况不"])
    pos = rng.choice(["可以", "原则上", "宜", "视情况", "拟"])
    pats = [
        (r"\{supplier\}无正当理由不得", "{supplier}原则上无正当理由不"),
        (r"\{supplier\}不得", "{supplier}" + neg),
        (r"\{supplier\}(承诺|保证)不会?", "{supplier}" + neg),
        (r"\{supplier\}(应当|应|须|必须)", "{supplier}" + pos),
        (r"\{supplier\}承诺[：:]?", "{supplier}拟"),
    ]
    for p, r in pats:
        if re.search(p, t):
            return re.sub(p, r, t, count=1)
    return None


# Same-sentence suffixes (replace the final full stop)
CARVE_SUFFIX = {
    ("en", "review-cooperation"): [
        ", except where disclosure would be prohibited by the laws of any other jurisdiction.",
        ", except to the extent that cooperation would conflict with the commercial interests of {supplier}.",
        ", save that no source code or design documentation need be provided.",
    ],
    ("en", "no-illegal-data-acquisition"): [
        ", except for {supplier}'s own business purposes.",
        ", except as required by the laws of any jurisdiction.",
        ", except for usage and diagnostic data, which {supplier} may use for any purpose.",
        ", other than for the improvement of {supplier}'s products and services.",
        ", save where {supplier}'s affiliates require such data for analytics.",
    ],
    ("en", "no-illegal-device-control"): [
        ", except to enforce {supplier}'s licence rights or to recover unpaid fees.",
        ", except as required by the export control laws of any jurisdiction.",
        ", save for automatic updates that {supplier} deploys for its business needs.",
        ", except to disable {product} where {customer} is late in paying any invoice.",
    ],
    ("en", "no-unjustified-supply-interruption"): [
        ", except where required by the export control or sanctions laws of any jurisdiction.",
        ", except for {supplier}'s business reasons.",
        ", save where {customer} withholds payment of any disputed amount.",
        ", other than as a result of a change in {supplier}'s global product strategy.",
    ],
    ("zh", "review-cooperation"): [
        "，但依据{supplier}所在国法律不得提供的信息除外。", "，但涉及{supplier}商业秘密的资料除外。",
        "，但与{supplier}商业利益相冲突的除外。",
    ],
    ("zh", "no-illegal-data-acquisition"): [
        "，但{supplier}因自身业务需要的除外。", "，但依据任何国家或地区法律要求的除外。",
        "，但{supplier}为改进产品和服务而收集使用数据的除外。", "，但{supplier}关联方用于数据分析的除外。",
    ],
    ("zh", "no-illegal-device-control"): [
        "，但{supplier}为追讨欠款或维护其许可权益而远程锁定设备的除外。",
        "，但为遵守任何国家或地区出口管制法律的除外。", "，但{supplier}基于业务需要自动推送更新的除外。",
    ],
    ("zh", "no-unjustified-supply-interruption"): [
        "，但因出口管制、经济制裁等原因或{supplier}经营需要的除外。", "，但{supplier}基于商业考虑调整产品线的除外。",
        "，但{customer}拒付有争议款项的除外。", "，但任何国家或地区的出口管制法律另有要求的除外。",
    ],
}

# Second-sentence qualifiers: (reason, lang, requirement or None for all) -> sentences
QUALIFIER_SENT = {
    ("qualified-effort", "en", None): [
        " {supplier}'s obligations under this clause are limited to the use of commercially reasonable efforts.",
        " The foregoing is an obligation of reasonable endeavours only.",
    ],
    ("conditional", "en", "review-cooperation"): [
        " The foregoing applies only upon {customer}'s written request and at {customer}'s sole cost.",
        " {customer} may invoke this clause no more than once in any contract year and on sixty (60) days' written notice.",
    ],
    ("conditional", "en", "no-unjustified-supply-interruption"): [
        " The foregoing applies only if {customer} has paid all invoiced amounts, whether or not disputed.",
        " This clause applies only while {customer} subscribes to {supplier}'s premium support plan.",
    ],
    ("conditional", "en", "no-illegal-device-control"): [
        " The foregoing applies only if {customer} has paid all invoiced amounts, whether or not disputed.",
        " This clause applies only if {customer} has installed every update released by {supplier}.",
    ],
    ("conditional", "en", "no-illegal-data-acquisition"): [
        " The foregoing applies only to data that {customer} has identified to {supplier} in writing in advance.",
        " This clause applies only if {customer} has switched off the telemetry settings of {product}.",
    ],
    ("non-binding", "en", None): [
        " The foregoing is a statement of intent only and does not create any legally binding obligation.",
        " This clause expresses the parties' common understanding and is not intended to be legally binding.",
    ],
    ("time-limited", "en", None): [
        " This clause shall not survive the termination or expiry of this Agreement.",
        " The foregoing applies for twelve (12) months from the Effective Date only.",
        " This undertaking expires on final acceptance.",
        " This clause applies during the initial term only and lapses on any renewal.",
    ],
    ("narrowed-scope", "en", "review-cooperation"): [
        " This clause applies only to the hardware components of {product}.",
        " This clause applies only during the warranty period.",
    ],
    ("narrowed-scope", "en", "no-illegal-data-acquisition"): [
        " For the purposes of this clause, the data concerned is limited to personal data.",
        " This clause applies only during the warranty period.",
    ],
    ("narrowed-scope", "en", "no-illegal-device-control"): [
        " This clause applies only to hardware supplied under this Agreement and not to software.",
        " This clause applies only during the warranty period.",
    ],
    ("narrowed-scope", "en", "no-unjustified-supply-interruption"): [
        " This clause applies only to material interruptions and does not extend to support services.",
        " This clause applies only during the warranty period.",
    ],
    ("unilateral-discretion", "en", None): [
        " {supplier} may nevertheless depart from the foregoing where it considers this appropriate in its sole discretion.",
        " The application of this clause in any particular case shall be determined by {supplier} at its discretion.",
    ],
    ("carve-out", "en", "no-illegal-data-acquisition"): [
        " The foregoing does not apply to usage, diagnostic or aggregated data, which {supplier} may use for its own business purposes.",
    ],
    ("carve-out", "en", "review-cooperation"): [
        " The foregoing does not apply where any law of a jurisdiction other than the People's Republic of China restricts disclosure.",
    ],
    ("carve-out", "en", "no-illegal-device-control"): [
        " The foregoing does not apply where {supplier} acts to enforce its licence or to comply with the export control laws of any jurisdiction.",
    ],
    ("carve-out", "en", "no-unjustified-supply-interruption"): [
        " The foregoing does not apply where {supplier} acts to comply with the export control or sanctions laws of any jurisdiction.",
    ],
    ("qualified-effort", "zh", None): ["前述义务仅限于{supplier}尽商业上合理的努力。", "{supplier}在本条项下仅承担尽力而为的义务。"],
    ("conditional", "zh", "review-cooperation"): ["前述义务以{customer}书面申请并承担全部费用为前提。",
                                                  "{customer}每个合同年度仅可要求一次，并须提前六十日书面通知。"],
    ("conditional", "zh", "no-unjustified-supply-interruption"): ["前述约定以{customer}已付清全部款项（包括有争议款项）为前提。",
                                                                  "本条仅在{customer}购买高级支持服务期间适用。"],
    ("conditional", "zh", "no-illegal-device-control"): ["前述约定以{customer}已付清全部款项（包括有争议款项）为前提。",
                                                         "本条仅在{customer}已安装{supplier}发布的全部更新时适用。"],
    ("conditional", "zh", "no-illegal-data-acquisition"): ["本条仅适用于{customer}事先书面告知{supplier}的数据。",
                                                           "本条仅在{customer}已关闭{product}数据回传功能时适用。"],
    ("non-binding", "zh", None): ["前述内容仅为意向性表述，不构成具有法律约束力的义务。", "本条仅表明双方的共同理解，不具有法律约束力。"],
    ("time-limited", "zh", None): ["本条约定于合同终止或期满后不再适用。", "本条自合同生效之日起十二个月内有效。",
                                   "本承诺于终验合格时失效。", "本条仅在首个服务期内适用，续展期不再适用。"],
    ("narrowed-scope", "zh", "review-cooperation"): ["本条仅适用于{product}的硬件部分。", "本条仅在质保期内适用。"],
    ("narrowed-scope", "zh", "no-illegal-data-acquisition"): ["本条所称数据仅限于个人信息。", "本条仅在质保期内适用。"],
    ("narrowed-scope", "zh", "no-illegal-device-control"): ["本条仅适用于本合同项下的硬件，不适用于软件。", "本条仅在质保期内适用。"],
    ("narrowed-scope", "zh", "no-unjustified-supply-interruption"): ["本条仅适用于重大中断，不包括技术支持服务。", "本条仅在质保期内适用。"],
    ("unilateral-discretion", "zh", None): ["但{supplier}认为适当时，可自行决定不适用前述约定。", "本条在具体情形下如何适用，由{supplier}酌情决定。"],
    ("carve-out", "zh", "no-illegal-data-acquisition"): ["前述约定不适用于使用数据、诊断数据和汇总数据，{supplier}可将其用于自身业务目的。"],
    ("carve-out", "zh", "review-cooperation"): ["中华人民共和国以外任何法域的法律限制披露的，不适用前述约定。"],
    ("carve-out", "zh", "no-illegal-device-control"): ["{supplier}为维护其许可权益或遵守任何国家或地区出口管制法律而采取措施的，不适用前述约定。"],
    ("carve-out", "zh", "no-unjustified-supply-interruption"): ["{supplier}为遵守任何国家或地区出口管制或制裁法律而采取措施的，不适用前述约定。"],
}

COND_PREFIX = {
    ("en", "review-cooperation"): ["Upon {customer}'s written request and at {customer}'s sole cost, ",
                                   "Subject to {supplier}'s prior written consent, "],
    ("en", "no-unjustified-supply-interruption"): ["Provided that {customer} has paid all amounts invoiced, whether or not disputed, "],
    ("en", "no-illegal-device-control"): ["Provided that {customer} keeps {product} connected to {supplier}'s licence server, "],
    ("en", "no-illegal-data-acquisition"): ["Provided that {customer} has disabled all telemetry settings, "],
    ("zh", "review-cooperation"): ["经{customer}书面申请并承担全部费用的，", "经{supplier}事先书面同意，"],
    ("zh", "no-unjustified-supply-interruption"): ["在{customer}已付清全部款项（包括有争议款项）的前提下，"],
    ("zh", "no-illegal-device-control"): ["在{customer}保持{product}与{supplier}许可服务器连接的前提下，"],
    ("zh", "no-illegal-data-acquisition"): ["在{customer}已关闭全部数据回传设置的前提下，"],
}

KEEP_PREFIX = {
    "en": ["Notwithstanding anything to the contrary in this Agreement, ", "Without prejudice to {section}, ",
           "At all times during the term of this Agreement, ", "For the avoidance of doubt, "],
    "zh": ["尽管本合同其他条款另有约定，", "在不影响{section}约定的前提下，", "在本合同有效期内，", "为避免疑义，"],
}
KEEP_PREFACE = {
    "en": ["{customer} is a critical information infrastructure operator. ",
           "{customer} has informed {supplier} that it operates critical information infrastructure. ",
           "The parties acknowledge that this procurement may be subject to the Cybersecurity Review Measures. "],
    "zh": ["{customer}系关键信息基础设施运营者。", "双方确认，本次采购可能适用《网络安全审查办法》。",
           "鉴于{customer}属于关键信息基础设施运营者，"],
}
FM_SUFFIX = {"en": [", except in the event of Force Majeure.", ", save where prevented by Force Majeure."],
             "zh": ["，但因不可抗力导致的除外。", "，因不可抗力不能履行的除外。"]}
TAKEBACK_PREFIX = {"en": ["Notwithstanding anything to the contrary in this Agreement, ",
                          "Notwithstanding any other provision of this Agreement, "],
                   "zh": ["尽管本合同另有约定，", "无论本合同其他条款如何约定，"]}


def single_sentence(t: str, lang: str) -> bool:
    t = t.strip()
    if lang == "en":
        return t.endswith(".") and len(re.findall(r"\.\s", t)) == 0 and ";" not in t
    return t.endswith("。") and t.count("。") == 1 and "；" not in t


def strip_end(t: str, lang: str) -> str:
    return t.rstrip()[:-1]


def starts_with_supplier(t: str) -> bool:
    return t.startswith("{supplier}")


def compliant_variants(tpl: str, lang: str, req: str, rng: random.Random):
    """Yield (template, status, reasons, how) derived from a compliant seed template."""
    out = []
    nb = en_binding_count(tpl) if lang == "en" else zh_binding_count(tpl)
    single = single_sentence(tpl, lang)
    # weakening transforms -------------------------------------------------------------------
    if nb == 1:
        t = (en_effort if lang == "en" else zh_effort)(tpl, rng)
        if t:
            out.append((t, "weakened", ["qualified-effort"], "modal->effort"))
        t = (en_permissive if lang == "en" else zh_permissive)(tpl, rng)
        if t:
            out.append((t, "weakened", ["permissive-modal"], "modal->permissive"))
    if single:
        suf = rng.choice(CARVE_SUFFIX[(lang, req)])
        out.append((strip_end(tpl, lang) + suf, "weakened", ["carve-out"], "carve-out-suffix"))
    if starts_with_supplier(tpl) and (lang, req) in COND_PREFIX:
        out.append((rng.choice(COND_PREFIX[(lang, req)]) + tpl, "weakened", ["conditional"], "conditional-prefix"))
    for reason in ["qualified-effort", "conditional", "non-binding", "time-limited", "narrowed-scope",
                   "unilateral-discretion", "carve-out"]:
        pool = QUALIFIER_SENT.get((reason, lang, req)) or QUALIFIER_SENT.get((reason, lang, None))
        if pool:
            out.append((tpl + rng.choice(pool), "weakened", [reason], f"two-sentence:{reason}"))
    # compliance-preserving transforms ---------------------------------------------------------
    keep = []
    if starts_with_supplier(tpl):
        keep.append((rng.choice(KEEP_PREFIX[lang]) + tpl, "compliant", [], "keep-prefix"))
    if lang == "en" and re.match(r"\{supplier\} shall not ", tpl) and rng.random() < 0.5:
        keep.append((re.sub(r"^\{supplier\} shall not ", "Neither party shall ", tpl), "compliant", [], "mutual"))
    if lang == "zh" and re.match(r"\{supplier\}不得", tpl) and rng.random() < 0.5:
        keep.append((re.sub(r"^\{supplier\}不得", "双方均不得", tpl), "compliant", [], "mutual"))
    if not tpl.startswith("{customer}"):
        pre = rng.choice(KEEP_PREFACE[lang])
        keep.append((pre + tpl, "compliant", [], "two-sentence:preface"))
    if (req == "no-unjustified-supply-interruption" and single
            and "Force Majeure" not in tpl and "不可抗力" not in tpl and "除外" not in tpl):
        keep.append((strip_end(tpl, lang) + rng.choice(FM_SUFFIX[lang]), "compliant", [], "force-majeure-suffix"))
    return out, keep


# ----------------------------------------------------------------------------------------------
# Seeds
# ----------------------------------------------------------------------------------------------


def seed_id(lang: str, req, section: str, text: str) -> str:
    h = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{lang}-{SHORT.get(req, 'neg')}-{section}-{h}"


def load_seeds():
    seeds = []  # dicts: text, lang, req, role, status, reasons, section
    for path in sorted(SEED_DIR.glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang, req = d["language"], d.get("requirement")

        def norm(e):
            return (e, None) if isinstance(e, str) else (e["text"], e.get("reasons"))

        for e in d.get("compliant", []):
            t, _ = norm(e)
            seeds.append(dict(text=t, lang=lang, req=req, role="commitment", status="compliant", reasons=[],
                              section="c"))
        for code, items in (d.get("weakened") or {}).items():
            for e in items:
                t, rs = norm(e)
                rs = rs or [code]
                assert all(r in REASONS for r in rs), (path, rs)
                seeds.append(dict(text=t, lang=lang, req=req, role="commitment", status="weakened",
                                  reasons=sorted(rs), section="w"))
        for e in d.get("take-back", []):
            t, _ = norm(e)
            seeds.append(dict(text=t, lang=lang, req=req, role="take-back", status="weakened",
                              reasons=["overridden"], section="t"))
        for e in d.get("benign", []):
            t, _ = norm(e)
            seeds.append(dict(text=t, lang=lang, req=req, role="benign", status=None, reasons=[], section="b"))
        for e in d.get("none", []):
            t, _ = norm(e)
            seeds.append(dict(text=t, lang=lang, req=None, role="none", status=None, reasons=[], section="n"))
    for s in seeds:
        s["seed_id"] = seed_id(s["lang"], s["req"], s["section"], s["text"])
    ids = [s["seed_id"] for s in seeds]
    dup = [i for i, c in collections.Counter(ids).items() if c > 1]
    if dup:
        raise SystemExit(f"duplicate seed texts: {dup}")
    return seeds


# ----------------------------------------------------------------------------------------------
# Main generation
# ----------------------------------------------------------------------------------------------

# fills per seed template, by seed section and language (zh has no mined CUAD negatives, so more fills)
FILLS = {("c", "en"): 4, ("c", "zh"): 4, ("w", "en"): 3, ("w", "zh"): 3, ("t", "en"): 4, ("t", "zh"): 4,
         ("b", "en"): 6, ("b", "zh"): 7, ("n", "en"): 3, ("n", "zh"): 5}


def in_valid(key: str, pct: int) -> bool:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 100 < pct


def generate(args) -> list[dict]:
    rng = random.Random(args.seed)
    seeds = load_seeds()
    items = []

    def emit(seed, tpl, status, reasons, how_base, n=1):
        for _ in range(n):
            ctx = make_ctx(seed["lang"], rng)
            how = [how_base]
            text = fill(tpl, seed["lang"], ctx, rng)
            text = decorate(text, seed["lang"], seed["req"], seed["role"], rng, how)
            items.append(dict(text=text, language=seed["lang"], requirement=seed["req"], role=seed["role"],
                              status=status, reasons=sorted(reasons), seed_id=seed["seed_id"],
                              how="+".join(how), _split_key=seed["seed_id"]))

    for s in seeds:
        emit(s, s["text"], s["status"], s["reasons"], "seed", FILLS[(s["section"], s["lang"])])
        if s["section"] == "c":
            weak, keep = compliant_variants(s["text"], s["lang"], s["req"], rng)
            for tpl, st, rs, how in rng.sample(weak, min(len(weak), args.weak_per_compliant)):
                emit(s, tpl, st, rs, how)
            for tpl, st, rs, how in rng.sample(keep, min(len(keep), 2)):
                emit(s, tpl, st, rs, how)
        elif s["section"] == "t" and re.match(r"\{(supplier|customer|product)\}", s["text"]):
            emit(s, rng.choice(TAKEBACK_PREFIX[s["lang"]]) + s["text"], s["status"], s["reasons"],
                 "takeback-prefix")

    # de-duplicate by text (first wins; deterministic order)
    seen, uniq = set(), []
    for it in items:
        if it["text"] in seen:
            continue
        seen.add(it["text"])
        uniq.append(it)
    return uniq


def stats(items):
    st = {"total": len(items)}
    for split in ("train", "valid"):
        sub = [i for i in items if i["_split"] == split]
        st[split] = len(sub)
    st["by_language"] = dict(collections.Counter(i["language"] for i in items))
    st["by_role"] = dict(collections.Counter(i["role"] for i in items))
    st["by_requirement_role_status"] = dict(collections.Counter(
        f"{i['requirement'] or '-'} | {i['role']} | {i['status'] or '-'}" for i in items))
    st["by_reason"] = dict(collections.Counter(r for i in items for r in i["reasons"]))
    st["by_requirement_reason"] = dict(collections.Counter(
        f"{i['requirement']} | {r}" for i in items for r in i["reasons"]))
    st["by_language_role"] = dict(collections.Counter(f"{i['language']} | {i['role']}" for i in items))
    st["seed_templates"] = len({i["seed_id"] for i in items if not i["seed_id"].startswith("cuad:")})
    st["cuad_sentences"] = sum(1 for i in items if i["seed_id"].startswith("cuad:"))
    return st


def markdown_counts(items) -> str:
    lines = []
    n_tr = sum(i["_split"] == "train" for i in items)
    lines.append(f"Total items: **{len(items)}** (train {n_tr}, valid {len(items) - n_tr}).\n")
    # requirement x role/status x language
    lines.append("| requirement | role | status | en | zh | total |")
    lines.append("| --- | --- | --- | ---: | ---: | ---: |")
    keyf = lambda i: (i["requirement"] or "-", i["role"], i["status"] or "-")  # noqa: E731
    c = collections.Counter((keyf(i), i["language"]) for i in items)
    keys = sorted({keyf(i) for i in items}, key=lambda k: (k[0] == "-", k[0], k[1], k[2]))
    for k in keys:
        en, zh = c[(k, "en")], c[(k, "zh")]
        lines.append(f"| {k[0]} | {k[1]} | {k[2]} | {en} | {zh} | {en + zh} |")
    lines.append("")
    lines.append("Weakened reasons (an item may carry several; `overridden` = take-back clauses):\n")
    reqs = REQS
    lines.append("| reason | " + " | ".join(SHORT[r] for r in reqs) + " | en | zh | total |")
    lines.append("| --- | " + " | ".join("---:" for _ in reqs) + " | ---: | ---: | ---: |")
    for r in REASONS:
        row = [sum(1 for i in items if r in i["reasons"] and i["requirement"] == q) for q in reqs]
        en = sum(1 for i in items if r in i["reasons"] and i["language"] == "en")
        zh = sum(1 for i in items if r in i["reasons"] and i["language"] == "zh")
        lines.append(f"| {r} | " + " | ".join(map(str, row)) + f" | {en} | {zh} | {en + zh} |")
    lines.append("")
    seeds_n = len({i["seed_id"] for i in items if not i["seed_id"].startswith("cuad:")})
    cuad_n = sum(1 for i in items if i["seed_id"].startswith("cuad:"))
    lines.append(f"Seed templates used: {seeds_n}; sentences mined from CUAD: {cuad_n}.")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--valid-pct", type=int, default=15)
    ap.add_argument("--weak-per-compliant", type=int, default=5,
                    help="weakened variants derived from each compliant seed")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--no-readme", action="store_true", help="do not update the counts in training/README.md")
    args = ap.parse_args(argv)

    items = generate(args)
    for it in items:
        it["_split"] = "valid" if in_valid(it.pop("_split_key"), args.valid_pct) else "train"

    args.out_dir.mkdir(parents=True, exist_ok=True)
    fields = ["text", "language", "requirement", "role", "status", "reasons", "seed_id", "how"]
    for split in ("train", "valid"):
        with open(args.out_dir / f"{split}.jsonl", "w", encoding="utf-8") as fh:
            for it in items:
                if it["_split"] == split:
                    fh.write(json.dumps({k: it[k] for k in fields}, ensure_ascii=False) + "\n")
    st = stats(items)
    (args.out_dir / "stats.json").write_text(json.dumps(st, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")
    md = markdown_counts(items)
    print(md)
    if not args.no_readme and README.exists():
        txt = README.read_text(encoding="utf-8")
        a, b = "<!-- counts:start -->", "<!-- counts:end -->"
        if a in txt and b in txt:
            pre, rest = txt.split(a, 1)
            _, post = rest.split(b, 1)
            README.write_text(pre + a + "\n" + md + "\n" + b + post, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
