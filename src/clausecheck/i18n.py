"""The words clausecheck shows a reader, in English and Chinese: one vocabulary for the reports,
the CLI, the redline's comments and the web UI, so that a verdict reads the same everywhere and
every string follows the reader's language (``pick(table, key, lang)``).

Evidence quotes and suggested wording stay in the contract's language; everything else here is
chosen by the interface language. Reason explanations written by the judge are in the contract's
language, so ``explain`` gives the reader's own when the two differ.
"""

from __future__ import annotations

import re

LANGS = ("en", "zh")

REQUIREMENT_TITLES: dict[str, dict[str, str]] = {
    "review-cooperation": {"zh": "配合网络安全审查", "en": "Cooperate with the cybersecurity review"},
    "no-illegal-data-acquisition": {"zh": "不非法获取用户数据", "en": "No illegal acquisition of user data"},
    "no-illegal-device-control": {"zh": "不非法控制和操纵用户设备",
                                  "en": "No illegal control or manipulation of user equipment"},
    "no-unjustified-supply-interruption": {
        "zh": "不无正当理由中断产品供应或必要的技术支持服务",
        "en": "No interruption of supply or necessary technical support without just cause"},
}

REQUIREMENT_SHORT: dict[str, dict[str, str]] = {
    "review-cooperation": {"zh": "配合审查", "en": "Review cooperation"},
    "no-illegal-data-acquisition": {"zh": "不非法获取数据", "en": "No illegal data acquisition"},
    "no-illegal-device-control": {"zh": "不非法控制设备", "en": "No illegal device control"},
    "no-unjustified-supply-interruption": {"zh": "不无故中断供应", "en": "No unjustified supply interruption"},
}

# What Art. 6 asks of the supplier, as the end of "the supplier must ..." / "承诺……".
REQUIREMENT_DUTY: dict[str, dict[str, str]] = {
    "review-cooperation": {"en": "cooperate with the cybersecurity review", "zh": "配合网络安全审查"},
    "no-illegal-data-acquisition": {
        "en": "not take advantage of providing the product or service to illegally obtain user data",
        "zh": "不利用提供产品和服务的便利条件非法获取用户数据"},
    "no-illegal-device-control": {
        "en": "not take advantage of providing the product or service to illegally control or manipulate "
              "user equipment",
        "zh": "不利用提供产品和服务的便利条件非法控制和操纵用户设备"},
    "no-unjustified-supply-interruption": {
        "en": "not interrupt the supply of the product or of necessary technical support services without "
              "just cause",
        "zh": "无正当理由不中断产品供应或者必要的技术支持服务"},
}

STATUS_LABELS = {
    "compliant": {"zh": "合规", "en": "Compliant"},
    "weakened": {"zh": "被弱化", "en": "Weakened"},
    "missing": {"zh": "缺失", "en": "Missing"},
}

# Plain-words explanation of each reason code (labeling guide, "The three verdicts").
REASON_LABELS = {
    "qualified-effort": {"zh": "努力程度限定：只承诺“尽力”“尽合理努力”，而非保证结果",
                         "en": "Qualified effort: only promises best / reasonable efforts, not a result"},
    "permissive-modal": {"zh": "非强制性措辞：使用“可以”“原则上”“视情况”等，而非“应当”“不得”",
                         "en": "Permissive wording: “may”, “should”, “intends to” instead of an obligation"},
    "carve-out": {"zh": "例外条款：允许供应商出于正当理由以外的原因实施被禁止的行为",
                  "en": "Carve-out: an exception lets the supplier do the prohibited thing for reasons beyond just cause"},
    "conditional": {"zh": "附条件：须采购方先满足条件，或限制了采购方的权利",
                    "en": "Conditional: the operator must meet a condition first, or its rights are limited"},
    "narrowed-scope": {"zh": "范围缩小：只覆盖了法定要求的一部分",
                       "en": "Narrowed scope: only part of what is required is covered"},
    "unilateral-discretion": {"zh": "单方自由裁量：供应商保留随意行事的权利",
                              "en": "Unilateral discretion: the supplier keeps a free hand"},
    "non-binding": {"zh": "无约束力：仅为确认、鉴于条款或政策性陈述",
                    "en": "Non-binding: an acknowledgment, recital or statement of policy only"},
    "overridden": {"zh": "被其他条款推翻：同一文件中的另一条款收回了该承诺",
                   "en": "Overridden: another clause of the same document takes the commitment back"},
    "time-limited": {"zh": "期限受限：承诺提前失效（如仅限一定期间，或合同终止后不再有效）",
                     "en": "Time-limited: the commitment lapses early"},
}

# The short form, for a sentence ("Verdict: weakened: an effort standard instead of a result").
REASON_SHORT = {
    "qualified-effort": {"en": "an effort standard instead of a result", "zh": "以努力程度代替结果义务"},
    "permissive-modal": {"en": "a permission or wish instead of an obligation", "zh": "使用非强制性用语，未设定义务"},
    "carve-out": {"en": "an exception lets the supplier do the prohibited thing", "zh": "例外条款允许供应方实施被禁止的行为"},
    "conditional": {"en": "a condition the operator must satisfy first", "zh": "附加了运营者须先满足的条件"},
    "narrowed-scope": {"en": "only part of what is required is covered", "zh": "仅覆盖了所要求范围的一部分"},
    "unilateral-discretion": {"en": "the supplier keeps a free hand", "zh": "供应方保留单方裁量权"},
    "non-binding": {"en": "an acknowledgment or statement of policy only", "zh": "仅为确认或政策性表述，无约束力"},
    "overridden": {"en": "another clause takes the commitment back", "zh": "其他条款收回了该承诺"},
    "time-limited": {"en": "the commitment lapses early", "zh": "承诺提前失效"},
}

# What the reader is told a reason means, in full (the judge writes these in the contract's
# language; a reader in the other language gets these).
REASON_EXPLANATIONS = {
    "qualified-effort": {"en": "The supplier promises only efforts, not a result.",
                         "zh": "供应商仅承诺尽力而为，而非保证结果。"},
    "permissive-modal": {"en": "The wording permits or expresses an intention; it does not oblige.",
                         "zh": "措辞仅为允许或意愿，并未设定义务。"},
    "carve-out": {"en": "An exception lets the supplier do the prohibited thing for reasons that are not just cause.",
                  "zh": "但书允许供应商基于非正当理由实施被禁止的行为。"},
    "conditional": {"en": "The commitment depends on a condition the operator must satisfy first, or limits the "
                          "operator's right.",
                    "zh": "该承诺附有须由运营者先行满足的条件，或限制了运营者的权利。"},
    "narrowed-scope": {"en": "Only part of what the Measures require is covered.",
                       "zh": "仅覆盖《办法》要求的部分内容。"},
    "unilateral-discretion": {"en": "The supplier keeps a free hand to decide.", "zh": "供应商保留单方面决定的权利。"},
    "non-binding": {"en": "An acknowledgment or statement of policy, not an obligation.",
                    "zh": "仅为知悉、声明或政策表述，并非义务。"},
    "overridden": {"en": "Another clause of the document takes the commitment back.",
                   "zh": "本合同其他条款实质上收回了该承诺。"},
    "time-limited": {"en": "The commitment lapses before the supply relationship ends.",
                     "zh": "该承诺在供应关系结束前即失效。"},
}

EVIDENCE_ROLES = {
    "commitment": {"zh": "承诺条款", "en": "Commitment"},
    "take-back": {"zh": "收回承诺的条款", "en": "Take-back"},
    "definition": {"zh": "定义", "en": "Definition"},
    "related": {"zh": "相关条款", "en": "Related clause"},
    "permits": {"zh": "允许被禁止行为的条款（合同并无相应承诺）", "en": "Permits the conduct (there is no commitment)"},
}

ACTION_LABELS = {
    "minimal-edit": {"en": "Minimal edit: strike or change the words that narrow the undertaking",
                     "zh": "最小修改：删除或修改削弱该承诺的措辞"},
    "replace-clause": {"en": "Replace the clause with the suggested wording", "zh": "以建议措辞替换该条款"},
    "amend-take-back": {"en": "Amend the clause that takes the undertaking back",
                        "zh": "修改收回该承诺的条款"},
    "precedence": {"en": "Make the undertaking prevail over the clause that takes it back",
                   "zh": "约定该承诺优先于收回它的条款"},
    "insert-clause": {"en": "Add the undertaking as a new clause", "zh": "新增承诺条款"},
}

RECOMMENDED = {"en": "Recommended (applied in the redline)", "zh": "建议采用（修订版已按此修改）"}
ALTERNATIVE = {"en": "Alternative (not applied)", "zh": "备选方案（修订版未采用）"}

LANGUAGE_NAMES = {
    "en": {"zh": "英文", "en": "English"},
    "zh": {"zh": "中文", "en": "Chinese"},
    "bilingual": {"zh": "中英双语", "en": "Bilingual"},
    "en+zh": {"zh": "中英双语", "en": "English and Chinese"},
}

MEASURES = {"en": "Cybersecurity Review Measures, Art. 6", "zh": "《网络安全审查办法》第六条"}


def pick(table: dict[str, dict[str, str]], key: str | None, lang: str, default: str | None = None) -> str:
    """A localized label from one of the tables above."""
    entry = table.get(key or "")
    if not entry:
        return default if default is not None else (key or "")
    return entry.get(lang) or entry.get("en") or (key or "")


def is_cjk(text: str) -> bool:
    """Mostly Chinese (by letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if "\u3400" <= c <= "\u9fff") / len(letters) > 0.3


def text_lang(text: str) -> str:
    return "zh" if is_cjk(text) else "en"


def section_label(section: str | None, lang: str) -> str:
    """How a reader in ``lang`` is told where a clause is: "§ 9.1" / "第9.1条"."""
    if not section:
        return ""
    if lang == "zh":
        if section.startswith("第") or re.match(r"(?i)(section|clause|article)\b", section):
            return section
        return f"第{section}条"
    if section.startswith("第") or re.match(r"(?i)(section|clause|article)\b", section):
        return section
    return f"§ {section}"


def explain(code: str, explanation: str, lang: str, sections: tuple[str, ...] = ()) -> str:
    """The reason's explanation in the reader's language: the judge's own where it is already in
    that language, else clausecheck's, with the clause that takes the commitment back named."""
    if explanation and text_lang(explanation) == lang:
        return explanation
    base = pick(REASON_EXPLANATIONS, code, lang, default="")
    if code == "overridden" and sections:
        where = "、".join(section_label(s, "zh") for s in sections) if lang == "zh" else \
            ", ".join(section_label(s, "en") for s in sections)
        base += f"（{where}）" if lang == "zh" else f" ({where})"
    return base


_VERSION_EN = [
    (re.compile(r"^(\d{4}) text, in force since (\d{4}-\d\d-\d\d), Art\. (\d+)$"), "{0}年文本，自{1}起施行，第{2}条"),
    (re.compile(r"^(\d{4}) text, in force (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d), Art\. (\d+)$"),
     "{0}年文本，{1}至{2}施行，第{3}条"),
]


def source_version(text: str, lang: str) -> str | None:
    """A clause library's note on a version of the Measures ("2021 text, in force since ...") in
    ``lang``; None when it cannot be given in that language (the reader then does not see it)."""
    if lang == "en":
        return text if not is_cjk(text) else None
    if is_cjk(text):
        return text
    for rx, fmt in _VERSION_EN:
        m = rx.match(text.strip())
        if m:
            return fmt.format(*m.groups())
    return None


# Error codes of clausecheck.errors.UnreadableDocument, in plain words.
ERROR_CODES = {
    "not-found": {"zh": "找不到文件", "en": "File not found"},
    "empty": {"zh": "文件为空", "en": "The file is empty"},
    "encrypted": {"zh": "文件已加密，请提供密码", "en": "The file is encrypted: give its password"},
    "wrong-password": {"zh": "密码错误", "en": "Wrong password"},
    "no-text": {"zh": "PDF 没有文字层（可能是扫描件），请先进行 OCR",
                "en": "The PDF has no text layer (a scan?): run OCR first"},
    "corrupt": {"zh": "文件已损坏或格式不正确", "en": "The file is damaged or not in the format its name says"},
    "unknown-encoding": {"zh": "无法识别文本文件的编码", "en": "The text file's encoding could not be recognised"},
    "unsupported-type": {"zh": "不支持的文件类型（仅支持 PDF、DOCX、TXT）",
                         "en": "Unsupported file type (PDF, DOCX and TXT only)"},
    "internal": {"zh": "检查时发生内部错误", "en": "An internal error occurred while checking"},
    "internal-error": {"zh": "检查时发生内部错误", "en": "An internal error occurred while checking"},
    "too-large": {"zh": "文件超出读取限制（可能是恶意构造的压缩炸弹）",
                  "en": "The file is over a reading limit (it may be built to exhaust memory)"},
    "timeout": {"zh": "读取和检查超出了时间限制", "en": "Reading and checking took longer than the time limit"},
    "garbled-text": {"zh": "提取的文字无法阅读（字体缺少 Unicode 映射），请先进行 OCR",
                     "en": "The extracted text is unreadable (fonts without a Unicode mapping): run OCR first"},
    "unsupported-language": {"zh": "合同语言不受支持（仅支持中文和英文）",
                             "en": "Unsupported language (English and Chinese only)"},
    "permission-denied": {"zh": "没有读取该文件的权限", "en": "Permission denied: the file cannot be read"},
    "special-file": {"zh": "不是普通文件（管道、设备或标准输入）", "en": "Not a regular file (a pipe, device or standard input)"},
    "broken-link": {"zh": "符号链接指向的文件不存在", "en": "A symbolic link to a file that does not exist"},
    "symlink-loop": {"zh": "符号链接循环指向自身", "en": "A symbolic link that loops back on itself"},
}


def _q(text: str, lang: str, n: int = 160, html: bool = False) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= n else text[: n - 1] + "…"
    if html:
        import html as _html

        # Marked as the contract's language, for screen readers (and the UI's language tests).
        return f"“<q lang=\"{text_lang(text)}\">{_html.escape(text)}</q>”"
    return f"“{text}”"


def describe_edit(edit, lang: str, *, html: bool = False) -> str:
    """One edit in plain words ("§ 18.2: replace “…” with “…”"); quoted words stay in the
    contract's language. ``html``: escaped, with each quote in a ``<q lang=...>``."""
    if html:
        import html as _html

        plain_q = _q

        def q(text: str, lang: str, n: int = 160) -> str:
            return plain_q(text, lang, n, html=True)

        return _describe(edit, lang, q, _html.escape)
    return _describe(edit, lang, _q, lambda s: s)


def _describe(edit, lang: str, _q, esc) -> str:
    where = esc(section_label(edit.section, lang))
    zh = lang == "zh"
    head = (f"{where}：" if zh else f"{where}: ") if where else ""
    whole = bool(edit.anchor) and " ".join(edit.old.split()) == " ".join((edit.anchor or "").split())
    if edit.kind == "insert":
        if edit.section:
            return f"在{where}所在条款末尾新增一款：{_q(edit.new, lang, 400)}" if zh else \
                f"add a clause at the end of the article that holds {where}: {_q(edit.new, lang, 400)}"
        return f"在签署部分之前新增一条：{_q(edit.new, lang, 400)}" if zh else \
            f"add a new article before the signature block: {_q(edit.new, lang, 400)}"
    if edit.kind == "delete":
        if whole:
            return head + ("删除本条" if zh else "strike the clause")
        return head + (f"删除{_q(edit.old, lang)}" if zh else f"strike {_q(edit.old, lang)}")
    if whole:
        return head + (f"将本条改为{_q(edit.new, lang, 400)}" if zh else
                       f"replace the clause with {_q(edit.new, lang, 400)}")
    return head + (f"将{_q(edit.old, lang)}改为{_q(edit.new, lang)}" if zh else
                   f"replace {_q(edit.old, lang)} with {_q(edit.new, lang)}")


# Notes on a redline (clausecheck.redline.RedlineResult.notes), by key.
NOTES = {
    "rebuilt": {
        "en": "{fmt} input: this redline is a new Word document rebuilt from the {fmt}'s text ({kept}); the "
              "original's layout is not kept ({lost}). Check it against the original before sending it back.",
        "zh": "{fmt} 输入：本修订版是根据 {fmt} 文字重新生成的 Word 文档（{kept}）；原文件的版式未保留（{lost}）。"
              "发回前请与原件核对。"},
    "images": {"en": "The PDF has {n} image(s) (logos, seals, signatures); they are not in the rebuilt document.",
               "zh": "PDF 中有 {n} 张图片（标志、印章、签名），重新生成的文档中没有这些图片。"},
    "encrypted": {"en": "The input is encrypted; the redline is written without a password.",
                  "zh": "输入文件已加密；修订版未设置密码。"},
    "kept-headings": {"en": "{n} heading(s)", "zh": "{n} 个标题"},
    "kept-clauses": {"en": "numbered clauses kept", "zh": "保留了条款编号"},
    "kept-tables": {"en": "{n} table(s)", "zh": "{n} 个表格"},
    "lost-pdf": {"en": "running headers and footers, images and exact line breaks are lost",
                 "zh": "页眉页脚、图片和原有换行均未保留"},
    "lost-txt": {"en": "only the text and its numbering are kept", "zh": "仅保留文字及其编号"},
}


def note_text(note: tuple[str, dict], lang: str) -> str:
    key, params = note
    params = dict(params)
    if key == "rebuilt":
        kept = []
        if params.get("headings"):
            kept.append(pick(NOTES, "kept-headings", lang).format(n=params["headings"]))
        if params.get("tables"):
            kept.append(pick(NOTES, "kept-tables", lang).format(n=params["tables"]))
        kept.append(pick(NOTES, "kept-clauses", lang))
        params["kept"] = ("、" if lang == "zh" else ", ").join(kept)
        params["lost"] = pick(NOTES, "lost-pdf" if params.get("fmt") == "PDF" else "lost-txt", lang)
    return pick(NOTES, key, lang).format(**params)
