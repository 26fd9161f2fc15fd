"""Text normalization shared by cleaning, search and live checks (the only OpenCC user)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import opencc
from opencc import OpenCC

# Full-width letters, digits, space and ASCII-like symbols fold to half-width; Chinese
# punctuation (，。！？：；（）“”) is left alone because documents are meant to keep it.
_FULLWIDTH_KEEP = set("！（），．：；？［］｛｝＂＇｀")
_HALFWIDTH = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code) not in _FULLWIDTH_KEEP
}
_HALFWIDTH[0x3000] = 0x20
# Matching keys also fold ASCII case; both tables keep string length so offsets stay valid.
_MATCH_TABLE = {
    code: ord(chr(target).lower()) for code, target in _HALFWIDTH.items()
} | {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}

# One Han (CJK unified ideograph) character: what tells Chinese text from codes, URLs and English.
HAN = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" *\n[\s]*")
# Letters, digits and Han characters; everything else (spaces, punctuation, emoji,
# control characters) is dropped from matching keys.
_WORD_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


@dataclass(frozen=True)
class _Tables:
    """Character-level t2s from OpenCC's own dictionaries, plus the characters that need phrases."""

    chars: dict[int, str]
    traditional: re.Pattern[str]
    ambiguous: re.Pattern[str]


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(re.escape(c) for c in chars)) + "]")


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    dictionary = Path(opencc.__file__).parent / "dictionary"
    chars: dict[int, str] = {}
    for line in (dictionary / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0]
        # OpenCC itself takes the first candidate when no phrase applies.
        if len(key) == 1 and len(first) == 1 and first != key:
            chars[ord(key)] = first
    # Characters a phrase converts differently from the table need OpenCC ("乾淨" -> 干净);
    # those changed inside phrases of otherwise simplified text (反覆, 沈默) also trigger it.
    ambiguous: set[str] = set()
    triggers = {chr(c) for c in chars}
    for line in (dictionary / "TSPhrases.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        phrase, charwise = values.split(" ")[0], key.translate(chars)
        changed = set(key) if len(phrase) != len(charwise) else {
            k for k, c, p in zip(key, charwise, phrase) if c != p
        }
        ambiguous |= changed
        if phrase != key and not any(ord(k) in chars for k in key):
            triggers |= changed
    return _Tables(chars, _char_class(triggers), _char_class(ambiguous))


def _opencc_line(line: str) -> str:
    converted = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    # Phrase rules that change length would break offsets, so fall back to per-character.
    return "".join(_converter().convert(ch) for ch in line)


def to_simplified(text: str) -> str:
    """Convert traditional script to simplified, keeping length; fast for simplified text."""
    tables = _tables()
    if not tables.traditional.search(text):
        return text
    if not tables.ambiguous.search(text):
        return text.translate(tables.chars)
    # Pure-Python OpenCC costs ~35 µs a character, so only lines that need phrases use it.
    return "\n".join(
        _opencc_line(line) if tables.ambiguous.search(line) else line.translate(tables.chars)
        for line in text.split("\n")
    )


def normalize(text: str) -> str:
    """Readable normalization: t2s, full-width letters/digits to half-width, tidy whitespace."""
    text = _CONTROL.sub("", text.translate(_HALFWIDTH))
    text = to_simplified(text)
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Matching key without spaces/punctuation, plus offsets[i] = index in `text` of char i."""
    folded = to_simplified(text.translate(_MATCH_TABLE))
    parts: list[str] = []
    offsets: list[int] = []
    for run in _WORD_RUN.finditer(folded):
        parts.append(run.group())
        offsets.extend(range(run.start(), run.end()))
    return "".join(parts), offsets


def match_key(text: str) -> str:
    """The normalized matching key of `text` (what normalize_with_map matches on)."""
    return normalize_with_map(text)[0]


def longest_run(a: str, b: str) -> int:
    """How many characters the longest stretch two texts (matching keys) share runs to."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
