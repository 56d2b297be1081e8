"""Which language a contract is in, whether clausecheck can judge it, and Traditional Chinese.

clausecheck judges English and (Simplified) Chinese, and the two together. Deciding from the
letters of the whole document, by script:

* kana (Hiragana/Katakana) making up a tenth of the Han+kana text is **Japanese** (a few kana in
  a Chinese contract, a Japanese company's name, are not);
* Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai or Devanagari making up a fifth of the letters is
  that language;
* Latin text whose words are not English, but are French/German/Spanish/Italian/Portuguese/Dutch
  function words, is that language; Latin "words" that are no language's words are garbled text
  (a font without a Unicode mapping);
* Han text that OpenCC converts in many places is **Traditional Chinese**: it is converted to
  Simplified (Taiwan phrases too: 網路 -> 网络, 資料 -> 数据) so the Chinese cues apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SAMPLE = 60_000  # characters looked at; spread over the document (see ``sample``)

_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u024f",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "kana": "\u3041-\u3096\u30a1-\u30fa\u30fc\uff66-\uff9d",
    "hangul": "\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3",
    "cyrillic": "\u0400-\u04ff\u0500-\u052f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc",
    "hebrew": "\u0590-\u05ff",
    "thai": "\u0e00-\u0e7f",
    "devanagari": "\u0900-\u097f",
}
_SCRIPT_RE = {k: re.compile(f"[{v}]") for k, v in _SCRIPTS.items()}
_LATIN_EXTENDED = re.compile("[\u00c0-\u024f]")
_NON_LATIN = re.compile("[" + "".join(v for k, v in _SCRIPTS.items() if k != "latin") + "]")
_NAMES = {"kana": "Japanese", "hangul": "Korean", "cyrillic": "Russian or another Cyrillic-script language",
          "greek": "Greek", "arabic": "Arabic", "hebrew": "Hebrew", "thai": "Thai", "devanagari": "Hindi"}
_CODES = {"kana": "ja", "hangul": "ko", "cyrillic": "ru", "greek": "el", "arabic": "ar", "hebrew": "he",
          "thai": "th", "devanagari": "hi"}

# Function words: in any running text of a language a good share of its words are these.
_FUNCTION_WORDS = {
    "en": "the of and to in a or any by for be is this that with shall not as on such all are its "
          "which may from at party other will under no an it agreement supplier customer",
    "fr": "le la les de des du et en un une est que qui dans pour par sur au aux ne pas ce cette sont "
          "il elle être avec ou son sa ses leur",
    "de": "der die das und den dem des ein eine einer eines zu ist im mit von für auf nicht sich auch "
          "oder wird werden sind bei nach dass vertrag",
    "es": "el la los las de del y en un una que por con para es al se no lo su sus como o contrato "
          "será son este esta",
    "it": "il lo la gli le di del della e in un una che per con non è da al alla dei delle sono "
          "come o contratto questo questa",
    "pt": "o a os as de do da dos das e em um uma que para com não por no na se ao é contrato "
          "este esta são ou pelo pela",
    "nl": "de het een en van in is dat op te voor met zijn niet aan door bij of als worden wordt "
          "deze dit overeenkomst",
}
_WORDS = {lang: set(ws.split()) for lang, ws in _FUNCTION_WORDS.items()}
_LANG_NAMES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
               "nl": "Dutch"}
_LATIN_WORD = re.compile(r"[a-zà-ÿ]+")


@dataclass(frozen=True)
class Verdict:
    """``supported``: clausecheck can judge it. ``code``: en, zh, zh-Hant, bilingual, or the
    ISO code of an unsupported language. ``name``: for messages. ``garbled``: Latin letters that
    form no language's words."""

    supported: bool
    code: str
    name: str
    garbled: bool = False


def sample(text: str) -> str:
    """Up to ``_SAMPLE`` characters from the start, middle and end of the text."""
    if len(text) <= _SAMPLE:
        return text
    third = _SAMPLE // 3
    mid = len(text) // 2
    return text[:third] + "\n" + text[mid - third // 2: mid + third // 2] + "\n" + text[-third:]


_NOT_ASCII_LETTER = bytes(i for i in range(128) if not chr(i).isalpha())
_SCRIPT_OTHER = {k: re.compile(f"[^{v}]+") for k, v in _SCRIPTS.items()}


def script_counts(text: str) -> dict[str, int]:
    """Letters per script. Counted at C speed (a regex ``findall`` builds a list of every
    letter): ASCII letters with ``bytes.translate``, others by deleting what is not the script;
    most scripts are absent from most contracts, and a search says so first."""
    counts = dict.fromkeys(_SCRIPTS, 0)
    others = _NON_LATIN.search(text) is not None
    for k, r in _SCRIPT_RE.items():
        if k != "latin" and not others:
            continue
        if k == "latin":
            n = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
            if _LATIN_EXTENDED.search(text):
                n += len(_LATIN_EXTENDED.findall(text))
            counts[k] = n
        else:
            counts[k] = len(_SCRIPT_OTHER[k].sub("", text)) if r.search(text) else 0
    return counts


def latin_language(text: str) -> tuple[str | None, float]:
    """(language code, share of its function words) for the Latin words of ``text``; None when
    there are too few words to tell. English wins whenever its share is ordinary."""
    words = _LATIN_WORD.findall(text.lower())
    if len(words) < 40:
        return None, 0.0
    english = sum(1 for w in words if w in _WORDS["en"]) / len(words)
    if english >= 0.08:
        return "en", english
    shares = {lang: sum(1 for w in words if w in ws) / len(words) for lang, ws in _WORDS.items() if lang != "en"}
    best = max(shares, key=shares.get)
    if shares[best] >= 0.1:
        return best, shares[best]
    # Forty words without one "the", "of", "and", "a" ... are not English, nor any language here:
    # letters that form no words. Anything with a few function words is given the benefit of the
    # doubt (a schedule, a price list).
    return ("und", english) if english < 0.02 else ("en", english)


_SPACES = (" ", "\n", "\r", "\t", "\f", "\xa0", "\u3000")  # counted with str.count: C speed
_UNREADABLE = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\U000f0000-\U0010ffff]")


def detect(text: str) -> Verdict:
    text = sample(text)
    visible = len(text) - sum(map(text.count, _SPACES))
    if visible >= 20 and len(_UNREADABLE.findall(text)) >= 0.3 * visible:
        return Verdict(False, "und", "unreadable (garbled) text", garbled=True)
    counts = script_counts(text)
    letters = sum(counts.values())
    if not letters:
        return Verdict(True, "en", "English")
    han, kana = counts["han"], counts["kana"]
    if kana >= 20 and kana >= 0.1 * (han + kana):
        return Verdict(False, "ja", "Japanese")
    for script in ("hangul", "cyrillic", "greek", "arabic", "hebrew", "thai", "devanagari"):
        if counts[script] >= 20 and counts[script] >= 0.2 * letters:
            return Verdict(False, _CODES[script], _NAMES[script])
    latin = counts["latin"]
    if latin >= 0.5 * letters:
        lang, share = latin_language(re.sub(f"[{_SCRIPTS['han']}]+", " ", text))
        if lang == "und":
            # No language's words: the extracted letters are not the text on the page.
            if han < 0.1 * letters:
                return Verdict(False, "und", "unreadable (garbled) text", garbled=True)
        elif lang is not None and lang != "en":
            return Verdict(False, lang, _LANG_NAMES[lang])
    if han and is_traditional(text):
        return Verdict(True, "zh-Hant", "Traditional Chinese")
    if han * 2 >= 0.85 * (han * 2 + latin):
        return Verdict(True, "zh", "Chinese")
    if han * 2 <= 0.12 * (han * 2 + latin):
        return Verdict(True, "en", "English")
    return Verdict(True, "bilingual", "English and Chinese")


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc  # the OpenCC project's own binding, dictionaries inside the wheel (offline)

    return opencc.OpenCC(config)


def is_traditional(text: str) -> bool:
    """Traditional Chinese: converting to Simplified (character by character) changes at least one
    Han character in twelve. Simplified text is left all but untouched (a stray traditional form
    in a name does not count)."""
    han = re.findall(f"[{_SCRIPTS['han']}]", text)
    if len(han) < 8:
        return False
    han_text = "".join(han[:20_000])
    simplified = _converter("t2s").convert(han_text)
    changed = sum(1 for a, b in zip(han_text, simplified, strict=False) if a != b)
    return changed >= 3 and changed >= len(han_text) / 12


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese with Taiwan phrases as used on the mainland (OpenCC
    ``tw2sp``): 網路安全審查 -> 网络安全审查, 使用者資料 -> 用户数据, 軟體 -> 软件."""
    return _converter("tw2sp").convert(text)


def to_traditional(text: str) -> str:
    """Simplified -> Traditional (Taiwan usage), for wording suggested into a Traditional contract."""
    return _converter("s2twp").convert(text)
