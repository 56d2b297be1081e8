"""Every string the web UI shows, in Chinese (the main audience) and English.

``t(key, lang, **fields)`` looks a string up; a key missing from one language is a bug that
``tests/test_webui.py`` catches (both tables must have the same keys).
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LANG_LABELS = {"zh": "中文", "en": "English"}

# Requirement titles used when the clause library gives none (or while it is being loaded).
REQUIREMENT_TITLES: dict[str, dict[str, str]] = {
    "review-cooperation": {
        "zh": "配合网络安全审查",
        "en": "Cooperate with the cybersecurity review",
    },
    "no-illegal-data-acquisition": {
        "zh": "不非法获取用户数据",
        "en": "No illegal acquisition of user data",
    },
    "no-illegal-device-control": {
        "zh": "不非法控制和操纵用户设备",
        "en": "No illegal control or manipulation of user equipment",
    },
    "no-unjustified-supply-interruption": {
        "zh": "不无正当理由中断产品供应或必要的技术支持服务",
        "en": "No interruption of supply or necessary technical support without just cause",
    },
}

REQUIREMENT_SHORT: dict[str, dict[str, str]] = {
    "review-cooperation": {"zh": "配合审查", "en": "Review cooperation"},
    "no-illegal-data-acquisition": {"zh": "不非法获取数据", "en": "No illegal data acquisition"},
    "no-illegal-device-control": {"zh": "不非法控制设备", "en": "No illegal device control"},
    "no-unjustified-supply-interruption": {
        "zh": "不无故中断供应",
        "en": "No unjustified supply interruption",
    },
}

STATUS_LABELS = {
    "compliant": {"zh": "合规", "en": "Compliant"},
    "weakened": {"zh": "被弱化", "en": "Weakened"},
    "missing": {"zh": "缺失", "en": "Missing"},
}

# Plain-words explanation of each reason code (labeling guide, "The three verdicts").
REASON_LABELS = {
    "qualified-effort": {
        "zh": "努力程度限定：只承诺“尽力”“尽合理努力”，而非保证结果",
        "en": "Qualified effort: only promises best / reasonable efforts, not a result",
    },
    "permissive-modal": {
        "zh": "非强制性措辞：使用“可以”“原则上”“视情况”等，而非“应当”“不得”",
        "en": "Permissive wording: “may”, “should”, “intends to” instead of an obligation",
    },
    "carve-out": {
        "zh": "例外条款：允许供应商出于正当理由以外的原因实施被禁止的行为",
        "en": "Carve-out: an exception lets the supplier do the prohibited thing for reasons beyond just cause",
    },
    "conditional": {
        "zh": "附条件：须采购方先满足条件，或限制了采购方的权利",
        "en": "Conditional: the operator must meet a condition first, or its rights are limited",
    },
    "narrowed-scope": {
        "zh": "范围缩小：只覆盖了法定要求的一部分",
        "en": "Narrowed scope: only part of what is required is covered",
    },
    "unilateral-discretion": {
        "zh": "单方自由裁量：供应商保留随意行事的权利",
        "en": "Unilateral discretion: the supplier keeps a free hand",
    },
    "non-binding": {
        "zh": "无约束力：仅为确认、鉴于条款或政策性陈述",
        "en": "Non-binding: an acknowledgment, recital or statement of policy only",
    },
    "overridden": {
        "zh": "被其他条款推翻：同一文件中的另一条款收回了该承诺",
        "en": "Overridden: another clause of the same document takes the commitment back",
    },
    "time-limited": {
        "zh": "期限受限：承诺提前失效（如仅限一定期间，或合同终止后不再有效）",
        "en": "Time-limited: the commitment lapses early",
    },
}

# How an undertaking changed between two drafts (clausecheck.compare).
CHANGE_LABELS = {
    "improved": {"zh": "改进", "en": "Improved"},
    "regressed": {"zh": "退步", "en": "Regressed"},
    "unchanged": {"zh": "不变", "en": "Unchanged"},
}

EVIDENCE_ROLES = {
    "commitment": {"zh": "承诺条款", "en": "Commitment"},
    "take-back": {"zh": "收回承诺的条款", "en": "Take-back"},
    "definition": {"zh": "定义", "en": "Definition"},
    "related": {"zh": "相关条款", "en": "Related clause"},
}

# Error codes of clausecheck.errors.UnreadableDocument, in plain words.
ERROR_CODES = {
    "not-found": {"zh": "找不到文件", "en": "File not found"},
    "empty": {"zh": "文件为空", "en": "The file is empty"},
    "encrypted": {
        "zh": "文件已加密，请在侧栏输入 PDF 密码",
        "en": "The file is encrypted: enter the PDF password in the sidebar",
    },
    "wrong-password": {"zh": "PDF 密码错误", "en": "Wrong PDF password"},
    "no-text": {
        "zh": "PDF 没有文字层（可能是扫描件），请先进行 OCR",
        "en": "The PDF has no text layer (a scan?): run OCR first",
    },
    "corrupt": {
        "zh": "文件已损坏或格式不正确",
        "en": "The file is damaged or not in the format its name says",
    },
    "unknown-encoding": {
        "zh": "无法识别文本文件的编码",
        "en": "The text file's encoding could not be recognised",
    },
    "unsupported-type": {
        "zh": "不支持的文件类型（仅支持 PDF、DOCX、TXT）",
        "en": "Unsupported file type (PDF, DOCX and TXT only)",
    },
    "internal": {"zh": "检查时发生内部错误", "en": "An internal error occurred while checking"},
    "too-large": {
        "zh": "文件超出读取限制（可能是恶意构造的压缩炸弹）",
        "en": "The file is over a reading limit (it may be built to exhaust memory)",
    },
    "garbled-text": {
        "zh": "提取的文字无法阅读（字体缺少 Unicode 映射），请先进行 OCR",
        "en": "The extracted text is unreadable (fonts without a Unicode mapping): run OCR first",
    },
    "unsupported-language": {
        "zh": "合同语言不受支持（仅支持中文和英文）",
        "en": "Unsupported language (English and Chinese only)",
    },
    "permission-denied": {"zh": "没有读取该文件的权限", "en": "Permission denied: the file cannot be read"},
    "special-file": {"zh": "不是普通文件（管道或设备）", "en": "Not a regular file (a pipe or device)"},
}

LANGUAGE_NAMES = {
    "en": {"zh": "英文", "en": "English"},
    "zh": {"zh": "中文", "en": "Chinese"},
    "bilingual": {"zh": "中英双语", "en": "Bilingual"},
}

_STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "page_title": "clausecheck · 网络安全审查条款检查",
        "app_title": "采购合同网络安全审查条款检查",
        "app_caption": "依据《网络安全审查办法》第六条，检查采购合同是否包含供应商应作出的四项承诺，并给出证据、理由和建议措辞。",
        "ui_language": "界面语言",
        "upload_label": "上传合同（PDF、DOCX、TXT，可多选；中文、英文或双语）",
        "upload_help": "文件只在内存和临时文件中处理，检查完即删除，不会发送到任何外部服务。",
        "password_label": "PDF 密码（可选）",
        "password_help": "仅用于打开加密的 PDF；不会保存。",
        "library_header": "条款库",
        "library_builtin": "正在使用内置条款库",
        "library_custom": "正在使用自定义条款库：{name}",
        "library_upload": "上传自定义条款库（YAML）",
        "library_upload_help": "按照条款库格式编写的 YAML 文件；上传后所有合同都将按该库重新检查。",
        "library_error": "条款库 “{name}” 无法使用：{message}",
        "library_error_fallback": "仍在使用内置条款库检查。",
        "loading_engine": "正在加载条款库和语义模型（首次启动需要一些时间）…",
        "engine_failed": "检查引擎无法启动：{message}",
        "tab_review": "审查结果",
        "tab_library": "条款库",
        "tab_about": "说明",
        "tab_compare": "对比草稿",
        "redline_download": "下载修订版 DOCX",
        "redline_help": "将建议的修改以修订（跟踪更改）和批注的形式写入文档，可在 Word 或 LibreOffice 中逐条接受或拒绝。点击时才生成。",
        "redline_from_text": "PDF 和 TXT 文件将根据提取的文字生成新的 DOCX，原排版不保留。",
        "redline_done": "修订版：{applied} 处修订，{skipped} 处无法自动定位（请参考上方的建议措辞）。",
        "redline_failed": "无法生成修订版：{message}",
        "redline_not_needed": "四项承诺均合规，无需修订。",
        "cmp_intro": "上传同一合同的两个版本，查看每项承诺在新版本中是改进、退步还是不变，以及哪些条款文字发生了变化。",
        "cmp_upload_v1": "草稿 v1（较早版本）",
        "cmp_upload_v2": "草稿 v2（较新版本）",
        "cmp_need_both": "请上传两份草稿进行对比。",
        "cmp_unreadable": "无法对比：“{name}” 无法读取：{reason}",
        "cmp_failed": "对比失败：{message}",
        "cmp_header": "对比结果",
        "cmp_counts": "{improved} 项改进 · {regressed} 项退步 · {unchanged} 项不变",
        "cmp_regressed_warning": "草稿 v2 中有 {n} 项承诺退步。",
        "cmp_col_undertaking": "承诺",
        "cmp_col_v1": "草稿 v1：{name}",
        "cmp_col_v2": "草稿 v2：{name}",
        "cmp_col_change": "变化",
        "cmp_col_text": "变化的条款文字",
        "cmp_reworded": "措辞修改：",
        "cmp_removed": "已删除的条款：",
        "cmp_added": "新增的条款：",
        "cmp_reasons_changed": "理由变化：",
        "cmp_no_text_change": "相关条款文字无变化",
        "cmp_download_json": "下载对比结果（JSON）",
        "no_files": "请在上方上传一份或多份合同。",
        "progress_reading": "正在读取并检查 “{name}”（{i}/{n}）…",
        "progress_done": "已检查 {n} 份文件",
        "progress_cached": "结果已就绪",
        "summary_header": "总览",
        "summary_caption": "每行一份文件，每列一项承诺。⚑ 表示该结论需要人工复核。",
        "col_document": "文件",
        "col_language": "语言",
        "col_pages": "页数",
        "needs_review": "需人工复核",
        "needs_review_long": "该结论的置信度较低或情形复杂，建议律师人工复核。",
        "unreadable_cell": "无法读取",
        "file_error": "无法读取 “{name}”：{reason}",
        "file_error_detail": "详情：{message}（代码 {code}）",
        "detail_header": "逐项审查",
        "select_document": "选择文件",
        "doc_meta": "语言：{language} · 页数：{pages} · 供应商称谓：{supplier}",
        "unknown": "未知",
        "verdict": "结论",
        "confidence": "置信度",
        "evidence": "证据",
        "no_evidence": "合同中未找到作出该承诺的条款。",
        "page": "第 {page} 页",
        "section": "条款 {section}",
        "related_header": "值得注意的相关条款（允许被禁止行为，但合同并无相应承诺）",
        "reasons": "理由",
        "no_reasons": "供应商作出了具有约束力、范围完整且未被收回的承诺。",
        "missing_reason": "合同中没有任何条款就此事项约束供应商。",
        "trigger": "触发词：",
        "source": "依据",
        "source_default": "《网络安全审查办法》第六条",
        "suggestion": "建议措辞",
        "suggestion_help": "点击代码框右上角的按钮即可复制。",
        "no_suggestion": "无需修改。",
        "edits": "修改方式",
        "edit_delete": "删除",
        "edit_replace": "替换",
        "edit_insert": "新增条款",
        "edit_in": "位于：",
        "edit_after": "插入于以下条款之后：",
        "edit_before_signature": "插入于签字部分之前",
        "downloads_header": "下载报告",
        "download_doc": "本文件",
        "download_all": "全部文件",
        "download_json": "JSON",
        "download_csv": "CSV",
        "download_html": "HTML",
        "report_unavailable": "报告导出暂不可用：{message}",
        "library_intro": "当前用于检查的条款库：每项承诺的来源、标准措辞和建议措辞模板。",
        "library_version": "条款库：{name}",
        "lib_id": "编号",
        "lib_source": "来源",
        "lib_canonical": "标准措辞",
        "lib_templates": "建议措辞模板",
        "lib_other": "其他字段",
        "lib_examples": "示例语句（用于语义匹配）",
        "lib_take_backs": "可能收回该承诺的其他条款",
        "lib_patterns": "识别规则（正则表达式）",
        "lib_raw": "原始数据",
        "lib_unavailable": "无法显示条款库：{message}",
        "about_md": (
            "**clausecheck** 检查采购合同是否包含《网络安全审查办法》第六条要求供应商作出的四项承诺：\n\n"
            "1. 配合网络安全审查；\n"
            "2. 不利用提供产品和服务的便利条件非法获取用户数据；\n"
            "3. 不利用提供产品和服务的便利条件非法控制和操纵用户设备；\n"
            "4. 无正当理由不中断产品供应或必要的技术支持服务。\n\n"
            "每项承诺的结论为 **合规**（绿色）、**被弱化**（琥珀色）或 **缺失**（红色），并附证据原文、"
            "理由和建议措辞。结论由程序给出，仅供参考，不构成法律意见；标记为 ⚑ 的结论请务必人工复核。\n\n"
            "上传的文件仅在本机内存和临时文件中处理，检查完成后即删除；本应用不访问任何外部网络服务。"
        ),
    },
    "en": {
        "page_title": "clausecheck · Cybersecurity review clauses",
        "app_title": "Procurement agreement check: cybersecurity review undertakings",
        "app_caption": "Checks procurement agreements for the four supplier undertakings of the Cybersecurity Review Measures, Art. 6, with evidence, reasons and suggested wording.",
        "ui_language": "Interface language",
        "upload_label": "Upload agreements (PDF, DOCX, TXT; several at once; Chinese, English or bilingual)",
        "upload_help": "Files are processed in memory and temporary files that are deleted after the check; nothing is sent to any outside service.",
        "password_label": "PDF password (optional)",
        "password_help": "Only used to open encrypted PDFs; never stored.",
        "library_header": "Clause library",
        "library_builtin": "Using the built-in clause library",
        "library_custom": "Using your clause library: {name}",
        "library_upload": "Upload your own clause library (YAML)",
        "library_upload_help": "A YAML file in the clause library format; all agreements are then re-checked against it.",
        "library_error": "The clause library “{name}” cannot be used: {message}",
        "library_error_fallback": "Still checking against the built-in library.",
        "loading_engine": "Loading the clause library and the sentence encoder (takes a while the first time)…",
        "engine_failed": "The checking engine could not start: {message}",
        "tab_review": "Review",
        "tab_library": "Clause library",
        "tab_about": "About",
        "tab_compare": "Compare drafts",
        "redline_download": "Download redlined DOCX",
        "redline_help": "The suggested changes written into the document as tracked changes with comments, to accept or reject one by one in Word or LibreOffice. Made when you click.",
        "redline_from_text": "For PDF and TXT files the redline is a new DOCX built from the extracted text; the original layout is not kept.",
        "redline_done": "Redline: {applied} tracked change(s); {skipped} could not be placed automatically (see the suggested wording above).",
        "redline_failed": "Could not write the redlined DOCX: {message}",
        "redline_not_needed": "Every undertaking is compliant: nothing to redline.",
        "cmp_intro": "Upload two versions of the same agreement to see, per undertaking, whether the later draft improved, regressed or stayed the same, and which clause text changed.",
        "cmp_upload_v1": "Draft v1 (earlier)",
        "cmp_upload_v2": "Draft v2 (later)",
        "cmp_need_both": "Upload both drafts to compare them.",
        "cmp_unreadable": "Cannot compare: “{name}” could not be read: {reason}",
        "cmp_failed": "The comparison failed: {message}",
        "cmp_header": "Comparison",
        "cmp_counts": "{improved} improved · {regressed} regressed · {unchanged} unchanged",
        "cmp_regressed_warning": "{n} undertaking(s) regressed in draft v2.",
        "cmp_col_undertaking": "Undertaking",
        "cmp_col_v1": "Draft v1: {name}",
        "cmp_col_v2": "Draft v2: {name}",
        "cmp_col_change": "Change",
        "cmp_col_text": "Clause text that changed",
        "cmp_reworded": "Reworded:",
        "cmp_removed": "Removed clause:",
        "cmp_added": "New clause:",
        "cmp_reasons_changed": "Reasons changed:",
        "cmp_no_text_change": "No change to the clause text",
        "cmp_download_json": "Download the comparison (JSON)",
        "no_files": "Upload one or more agreements above.",
        "progress_reading": "Reading and checking “{name}” ({i}/{n})…",
        "progress_done": "Checked {n} file(s)",
        "progress_cached": "Results ready",
        "summary_header": "Summary",
        "summary_caption": "One row per document, one column per undertaking. ⚑ marks a verdict that needs review.",
        "col_document": "Document",
        "col_language": "Language",
        "col_pages": "Pages",
        "needs_review": "Needs review",
        "needs_review_long": "Low confidence or an unusual situation: a lawyer should review this verdict.",
        "unreadable_cell": "Unreadable",
        "file_error": "Could not read “{name}”: {reason}",
        "file_error_detail": "Details: {message} (code {code})",
        "detail_header": "Review by undertaking",
        "select_document": "Document",
        "doc_meta": "Language: {language} · Pages: {pages} · Supplier called: {supplier}",
        "unknown": "unknown",
        "verdict": "Verdict",
        "confidence": "Confidence",
        "evidence": "Evidence",
        "no_evidence": "No clause in the agreement makes this undertaking.",
        "page": "page {page}",
        "section": "section {section}",
        "related_header": "Related clauses worth noting (they permit the prohibited conduct; there is no commitment)",
        "reasons": "Reasons",
        "no_reasons": "The supplier makes a binding commitment of full scope that nothing takes back.",
        "missing_reason": "Nothing in the agreement commits the supplier on this undertaking.",
        "trigger": "Triggered by: ",
        "source": "Source",
        "source_default": "Cybersecurity Review Measures, Art. 6",
        "suggestion": "Suggested wording",
        "suggestion_help": "Use the button at the top right of the box to copy it.",
        "no_suggestion": "No change needed.",
        "edits": "Changes to make",
        "edit_delete": "Delete",
        "edit_replace": "Replace",
        "edit_insert": "Insert a clause",
        "edit_in": "in: ",
        "edit_after": "after this clause: ",
        "edit_before_signature": "before the signature block",
        "downloads_header": "Download reports",
        "download_doc": "This document",
        "download_all": "All documents",
        "download_json": "JSON",
        "download_csv": "CSV",
        "download_html": "HTML",
        "report_unavailable": "Report export is not available yet: {message}",
        "library_intro": "The clause library the agreements are checked against: each undertaking's source, canonical wording and suggestion templates.",
        "library_version": "Library: {name}",
        "lib_id": "id",
        "lib_source": "Source",
        "lib_canonical": "Canonical wording",
        "lib_templates": "Suggestion templates",
        "lib_other": "Other fields",
        "lib_examples": "Example sentences (for semantic matching)",
        "lib_take_backs": "Clauses elsewhere that take it back",
        "lib_patterns": "Recognition patterns (regular expressions)",
        "lib_raw": "Raw data",
        "lib_unavailable": "Cannot show the clause library: {message}",
        "about_md": (
            "**clausecheck** checks procurement agreements for the four undertakings that Art. 6 of the "
            "Cybersecurity Review Measures (网络安全审查办法) requires from the supplier:\n\n"
            "1. cooperate with the cybersecurity review;\n"
            "2. not take advantage of providing the product or service to illegally obtain user data;\n"
            "3. not take advantage of it to illegally control or manipulate user equipment;\n"
            "4. not interrupt the supply of the product or necessary technical support without just cause.\n\n"
            "Each undertaking is judged **compliant** (green), **weakened** (amber) or **missing** (red), with the "
            "evidence, the reasons and suggested wording. The verdicts are machine-made and are not legal advice; "
            "always review the ones flagged ⚑.\n\n"
            "Uploaded files are processed on this machine only, in memory and temporary files that are deleted "
            "after the check; the app contacts no outside service."
        ),
    },
}


def t(key: str, lang: str, **fields: object) -> str:
    table = _STRINGS.get(lang) or _STRINGS[DEFAULT_LANG]
    text = table.get(key)
    if text is None:
        text = _STRINGS["en"].get(key, key)
    return text.format(**fields) if fields else text


def pick(table: dict[str, dict[str, str]], key: str, lang: str, default: str | None = None) -> str:
    """A localized label from one of the tables above (``STATUS_LABELS``, ``REASON_LABELS``...)."""
    entry = table.get(key)
    if not entry:
        return default if default is not None else key
    return entry.get(lang) or entry.get("en") or key


def string_keys(lang: str) -> set[str]:
    return set(_STRINGS[lang])
