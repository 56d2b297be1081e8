"""Plain-text contracts.

The encoding is found from the bytes, never from the extension:

1. a BOM (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. BOM-less UTF-16 / UTF-32, recognised by the pattern of NUL bytes;
3. strict UTF-8;
4. GB18030 (a superset of GBK/GB2312) or Big5 (Traditional Chinese, Taiwan/Hong Kong) when the
   decoded text is mostly Chinese, whichever reads as more ordinary Chinese;
5. charset-normalizer for anything else (Shift-JIS, cp1252 ...).

Bytes that decode to nothing sensible (control characters, private-use code points, random
binary) are refused with ``unknown-encoding``.

Paragraphs: lines separated by a blank line, or a line that starts with a clause number
(``1.``, ``1.1``, ``(a)``, ``Section 5``, ``第五条``, ``一、`` ...). Hard-wrapped lines of one
paragraph are joined (English with a space, de-hyphenated; Chinese without a space).

``Block.ref`` is ``"l:N"``: N is the 1-based line number where the paragraph starts.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from clausecheck.document import Block, SourceDocument
from clausecheck.errors import UnreadableDocument
from clausecheck.read._text import is_clause_start, is_page_number, join_lines
from clausecheck.read.limits import DEFAULT_LIMITS, ReadLimits, size_text, too_large

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def _plausibility(text: str) -> float:
    """Share of characters that are ordinary text (letters, digits, punctuation, spaces, CJK)."""
    if not text:
        return 0.0
    sample = text[:20000]
    bad = 0
    for ch in sample:
        if ch in "\n\r\t\f":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cs", "Cn") or ch == "\ufffd":
            bad += 1
    return 1.0 - bad / len(sample)


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    letters = [c for c in sample if not c.isspace() and not c.isdigit()]
    if not letters:
        return 0.0
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return cjk / len(letters)


def detect_and_decode(raw: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding_name)`` or None when the bytes are not sensible text."""
    for bom, name, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                text = raw.decode(codec, errors="replace")
            text = text.lstrip("\ufeff")
            return (text, name + " (BOM)") if _plausibility(text) > 0.95 else None

    # BOM-less UTF-16/32: NULs in every other (or 3 of 4) byte.
    n = min(len(raw), 4000) & ~3
    if n >= 4 and raw[:n].count(0) > n // 8:
        head = raw[:n]
        even_nul, odd_nul = head[0::2].count(0), head[1::2].count(0)
        candidates = []
        if head[1::4].count(0) + head[2::4].count(0) + head[3::4].count(0) > 0.9 * 3 * n / 4:
            candidates.append("utf-32-le")
        if head[0::4].count(0) + head[1::4].count(0) + head[2::4].count(0) > 0.9 * 3 * n / 4:
            candidates.append("utf-32-be")
        candidates += ["utf-16-le", "utf-16-be"] if odd_nul >= even_nul else ["utf-16-be", "utf-16-le"]
        for codec in candidates:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausibility(text) > 0.97:
                return text, codec
        # fall through: a file with NULs that is not UTF-16 is probably binary

    if b"\x00" not in raw[:8000]:
        try:
            text = raw.decode("utf-8")
            if _plausibility(text) > 0.97:
                return text, "utf-8"
        except UnicodeDecodeError:
            pass
        chinese = []
        for codec in ("gb18030", "big5"):
            try:
                text = raw.decode("big5hkscs" if codec == "big5" else codec)
            except UnicodeDecodeError:
                continue
            if _plausibility(text) > 0.97 and _cjk_share(text) > 0.3:
                score = _common_share(text if codec == "gb18030" else _simplified(text))
                if score > 0.35:
                    chinese.append((score, codec, text))
        if chinese:
            _score, codec, text = max(chinese)
            return text, codec

    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[:200000]).best()
    except Exception:
        best = None
    if best is not None:
        try:
            text = raw.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = str(best)
        if _plausibility(text) > 0.97 and (best.chaos or 0) < 0.3 and _mostly_words(text):
            return text, best.encoding
    return None


# The 500 or so commonest Chinese characters cover most of any Chinese text; GB18030 decodings of
# binary garbage hit rare characters instead.
_COMMON_ZH = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全"
    "表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员"
    "革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队"
    "南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务"
    "具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容"
    "儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型"
    "眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严甲乙方合同供应买卖服务甲方乙方协议违约责任双方网络安全审查数据"
    "用户设备软件系统提供义务保证期限费用支付通知书面本条款第条款项履行终止解除争议仲裁法律适用生效签署授权许可知识产权保密信息技术产品采购"
)


def _common_share(text: str) -> float:
    """Share of the Han characters that are among the commonest (Simplified) ones."""
    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 4:
        return 0.0
    return sum(1 for c in han if c in _COMMON_ZH) / len(han)


def _looks_like_chinese(text: str) -> bool:
    return _common_share(text) > 0.35 or _common_share(_simplified(text)) > 0.35


def _simplified(text: str) -> str:
    # Big5 text is Traditional: compare it with the common (Simplified) characters after OpenCC.
    from clausecheck.read.language import _converter

    return _converter("t2s").convert(text[:20000])


def _mostly_words(text: str) -> bool:
    """Guard against charset-normalizer 'finding' a single-byte code page in random bytes."""
    sample = text[:20000]
    if not sample.strip():
        return True
    if _cjk_share(sample) > 0.3:
        return _looks_like_chinese(sample)
    ok = sum(1 for c in sample if c.isascii() and (c.isalnum() or c in " \n\r\t.,;:'\"()-/&%$!?[]"))
    return ok / len(sample) > 0.8


_BLANK = re.compile(r"^[\s\u3000]*$")


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(1-based start line, paragraph text) for the paragraphs of a plain-text contract."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    paras: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    lines = text.split("\n")

    def flush():
        if cur:
            joined = join_lines(cur).strip()
            if joined:
                paras.append((start, joined))
            cur.clear()

    prev_len = 0
    width = _wrap_width(lines)
    for i, line in enumerate(lines, 1):
        if _BLANK.match(line):
            flush()
            prev_len = 0
            continue
        stripped = line.strip()
        # Not hard-wrapped: every line is a paragraph of its own.
        new_para = not cur or not width or is_clause_start(stripped, cur[-1])
        # A short previous line ending a sentence, in a hard-wrapped file, ends its paragraph.
        if cur and not new_para and width and prev_len < 0.6 * width and cur[-1].rstrip().endswith(
                (".", ":", ";", "。", "；", "：", "!", "?", "！", "？")):
            new_para = True
        if new_para:
            flush()
            start = i
        cur.append(stripped)
        prev_len = len(line.rstrip())
    flush()
    return _rejoin_page_breaks(paras)


def _rejoin_page_breaks(paras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A sentence a page break cut in two ("... does not and will not (i) contain any" / "11" /
    "known viruses, ...") is one paragraph again: where a paragraph stops mid-sentence (a letter or
    a comma last) and the next one, after any page-number lines, goes on in lower case. The page
    numbers between are dropped; elsewhere they stay paragraphs of their own."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(paras):
        start, text = paras[i]
        j = i + 1
        while re.search(r"[A-Za-z,]$", text):
            k = j
            while k < len(paras) and is_page_number(paras[k][1]):
                k += 1
            if k >= len(paras) or not re.match(r"[a-z]", paras[k][1]):
                break
            text = text + " " + paras[k][1]
            j = k + 1
        out.append((start, text))
        i = j
    return out


def _wrap_width(lines: list[str]) -> int:
    """The hard-wrap width of the file, or 0 when lines are not hard-wrapped (one line per paragraph)."""
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lengths) < 8:
        return 0
    p90 = lengths[int(len(lengths) * 0.9)]
    # Hard-wrapped files have many lines close to the same maximum width.
    near = sum(1 for n in lengths if p90 * 0.8 <= n <= p90 * 1.05)
    if 20 <= p90 <= 130 and near >= len(lengths) * 0.45:
        return p90
    return 0


def read_txt(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> SourceDocument:
    # A character takes at most 4 bytes in any encoding read here: a bigger file has too many.
    max_bytes = 4 * limits.max_chars
    with Path(path).open("rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise too_large(Path(path), f"The text file is larger than {size_text(max_bytes)}, more than "
                                    f"{limits.max_chars:,} characters take.", "max_chars")
    if not raw:
        raise UnreadableDocument(path, "empty", "The file is empty (0 bytes); there is no contract text in it.")
    decoded = detect_and_decode(raw)
    if decoded is None:
        raise UnreadableDocument(
            path, "unknown-encoding",
            "The file is not readable text: its bytes do not decode in any known character encoding "
            "(it may be a binary file, or a text file in an unusual encoding). Save it as UTF-8 text, PDF or DOCX.")
    text, encoding = decoded
    if len(text) > limits.max_chars:
        raise too_large(Path(path), f"It has more than {limits.max_chars:,} characters of text.", "max_chars")
    paras = split_paragraphs(text)
    if not paras:
        raise UnreadableDocument(path, "empty", "The file contains no text (only blank lines or spaces).")
    blocks = tuple(Block(text=t, ref=f"l:{n}") for n, t in paras)
    return SourceDocument(path=Path(path), format="txt", blocks=blocks, encoding=encoding)
