"""Word automatic numbering (``word/numbering.xml``) rendered as the reader of the document sees it.

Supports abstractNum levels (``w:start``, ``w:numFmt``, ``w:lvlText`` such as ``%1.%2``,
``w:lvlRestart``, ``w:isLgl``), ``w:num`` instances with ``w:lvlOverride`` (``w:startOverride`` and
whole-level overrides), ``w:numStyleLink``/``w:styleLink`` and style-linked levels (``w:pStyle``).
Counters are kept per abstract list, so two ``w:num`` sharing an abstractNum continue each other
unless one restarts with a ``w:startOverride`` (as Word does).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, tag: str):
    if el is None:
        return None
    child = el.find(_q(tag))
    if child is None:
        return None
    return child.get(_q("val"))


def _int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None = no text
    restart: int | None = None  # lvlRestart (1-based level; 0 = never)
    legal: bool = False  # isLgl
    pstyle: str | None = None
    custom: str | None = None  # w:numFmt w:format for numFmt="custom"


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    abstract_style_link: dict[str, str] = field(default_factory=dict)  # abstractNumId -> style id (numStyleLink)
    num_abstract: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    num_overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = field(default_factory=dict)
    # counters per abstract list
    _counters: dict[str, list[int | None]] = field(default_factory=dict)
    _seen_nums: set[str] = field(default_factory=set)
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # set by the reader

    @classmethod
    def parse(cls, root) -> Numbering:
        n = cls()
        if root is None:
            return n
        for an in root.iter(_q("abstractNum")):
            aid = an.get(_q("abstractNumId"))
            levels: dict[int, Level] = {}
            for lvl in an.findall(_q("lvl")):
                il = _int(lvl.get(_q("ilvl")), 0)
                levels[il] = _parse_level(lvl)
            n.abstract[aid] = levels
            link = _val(an, "numStyleLink")
            if link:
                n.abstract_style_link[aid] = link
        for num in root.iter(_q("num")):
            nid = num.get(_q("numId"))
            n.num_abstract[nid] = _val(num, "abstractNumId")
            ov: dict[int, tuple[int | None, Level | None]] = {}
            for o in num.findall(_q("lvlOverride")):
                il = _int(o.get(_q("ilvl")), 0)
                start = _int(_val(o, "startOverride"))
                lvl = o.find(_q("lvl"))
                ov[il] = (start, _parse_level(lvl) if lvl is not None else None)
            if ov:
                n.num_overrides[nid] = ov
        return n

    def _resolve_abstract(self, num_id: str, depth: int = 0) -> str | None:
        aid = self.num_abstract.get(num_id)
        if aid is None:
            return None
        link = self.abstract_style_link.get(aid)
        if link and depth < 5:
            style_num = self.style_num.get(link)
            if style_num and style_num[0] and style_num[0] != num_id:
                other = self._resolve_abstract(style_num[0], depth + 1)
                if other is not None:
                    return other
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        aid = self._resolve_abstract(num_id)
        if aid is None:
            return None
        ov = self.num_overrides.get(num_id, {}).get(ilvl)
        if ov and ov[1] is not None:
            return ov[1]
        return self.abstract.get(aid, {}).get(ilvl)

    def ilvl_for_style(self, num_id: str, style_id: str) -> int | None:
        aid = self._resolve_abstract(num_id)
        for il, lvl in self.abstract.get(aid, {}).items():
            if lvl.pstyle == style_id:
                return il
        return None

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list ``num_id`` at level ``ilvl`` and return the label shown, or None."""
        if not num_id or num_id == "0":
            return None
        aid = self._resolve_abstract(num_id)
        if aid is None or aid not in self.abstract:
            return None
        ilvl = max(0, min(ilvl, 8))
        counters = self._counters.setdefault(aid, [None] * 9)
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for il, (start, lvl) in self.num_overrides.get(num_id, {}).items():
                if (start is not None or lvl is not None) and 0 <= il < 9:
                    counters[il] = None
        lvl = self.level(num_id, ilvl) or Level()
        start = self._start(num_id, ilvl)
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        # Restart deeper levels.
        for k in range(ilvl + 1, 9):
            klvl = self.level(num_id, k)
            restart = klvl.restart if klvl is not None and klvl.restart is not None else k
            if restart == 0:
                continue
            if ilvl <= restart - 1:
                counters[k] = None
        if lvl.text is None or lvl.fmt == "none" and "%" not in (lvl.text or ""):
            return lvl.text or None
        if lvl.fmt == "bullet":
            return "•"

        def repl(m: int) -> str:
            k = m - 1
            if k < 0 or k > 8:
                return ""
            klvl = self.level(num_id, k) or Level()
            value = counters[k] if counters[k] is not None else self._start(num_id, k)
            fmt = "decimal" if lvl.legal and klvl.fmt not in ("decimalZero",) else klvl.fmt
            return format_number(value, fmt, klvl.custom)

        out = []
        text = lvl.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                out.append(repl(int(text[i + 1])))
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out).strip()
        return label or None

    def _start(self, num_id: str, ilvl: int) -> int:
        ov = self.num_overrides.get(num_id, {}).get(ilvl)
        if ov and ov[0] is not None:
            return ov[0]
        lvl = self.level(num_id, ilvl)
        return lvl.start if lvl is not None else 1


def _parse_level(lvl) -> Level:
    fmt_el = lvl.find(_q("numFmt"))
    fmt = fmt_el.get(_q("val")) if fmt_el is not None else "decimal"
    custom = fmt_el.get(_q("format")) if fmt_el is not None else None
    text_el = lvl.find(_q("lvlText"))
    text = text_el.get(_q("val")) if text_el is not None else None
    legal_el = lvl.find(_q("isLgl"))
    legal = legal_el is not None and legal_el.get(_q("val"), "1") not in ("0", "false", "off")
    return Level(
        start=_int(_val(lvl, "start"), 1),
        fmt=fmt or "decimal",
        text=text,
        restart=_int(_val(lvl, "lvlRestart")),
        legal=legal,
        pstyle=_val(lvl, "pStyle"),
        custom=custom,
    )


# ----------------------------------------------------------------------------------------------
# number formats

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_ZH_DIGITS = "零一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_ZH_LEGAL_UNITS = ("", "拾", "佰", "仟")
_ZH_UNITS = ("", "十", "百", "千")
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CARDINAL = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
             "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
_TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
_ORDINAL = {"One": "First", "Two": "Second", "Three": "Third", "Five": "Fifth", "Eight": "Eighth",
            "Nine": "Ninth", "Twelve": "Twelfth"}


def roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, aa..zz, aaa.. (repeated letter, not base-26)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def chinese_counting(n: int, digits: str = _ZH_DIGITS, units=_ZH_UNITS, ten_short: bool = True) -> str:
    if n == 0:
        return digits[0]
    if n < 0 or n >= 100000:
        return str(n)
    parts = []
    if n >= 10000:
        parts.append(chinese_counting(n // 10000, digits, units, ten_short) + ("万" if digits is _ZH_DIGITS else "萬"))
        n %= 10000
        if 0 < n < 1000:
            parts.append(digits[0])
    s = str(n) if n else ""
    out = []
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append(digits[0])
        zero = False
        out.append(digits[d] + units[pos])
    text = "".join(out)
    if ten_short and 10 <= n < 20 and text.startswith(digits[1] + units[1]):
        text = text[1:]  # 十一, not 一十一
    return "".join(parts) + text


def cardinal_text(n: int) -> str:
    if n < 20:
        return _CARDINAL[n] if n >= 0 else str(n)
    if n < 100:
        t, u = divmod(n, 10)
        return _TENS[t] + ("-" + _CARDINAL[u] if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return _CARDINAL[h] + " Hundred" + (" " + cardinal_text(r) if r else "")
    return str(n)


def ordinal_text(n: int) -> str:
    words = cardinal_text(n)
    head, sep, last = words.rpartition("-") if "-" in words else ("", "", words)
    if last in _ORDINAL:
        last = _ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last = last + "th"
    return head + sep + last


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str, custom: str | None = None) -> str:
    if fmt in ("decimal", None, "") or fmt == "decimalHalfWidth":
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "ordinal":
        return ordinal(n)
    if fmt == "cardinalText":
        return cardinal_text(n)
    if fmt == "ordinalText":
        return ordinal_text(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "ideographLegalTraditional"):
        return chinese_counting(n, _ZH_LEGAL, _ZH_LEGAL_UNITS, ten_short=False)
    if fmt in ("ideographTraditional",):
        return _HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _ZODIAC[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join("〇" if c == "0" else _ZH_DIGITS[int(c)] for c in str(n))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "ideographEnclosedCircle":
        return chr(0x3220 + n - 1) if 1 <= n <= 10 else str(n)
    if fmt == "custom" and custom:
        # e.g. "001, 002, 003": zero-padded to the width of the first sample
        sample = custom.split(",")[0].strip()
        if sample.isdigit():
            return str(n).zfill(len(sample))
        return str(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)
