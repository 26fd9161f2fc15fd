"""Text normalization shared by cleaning, search and live checks (the only OpenCC user)."""
from __future__ import annotations

import re
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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" *\n[\s]*")
# Letters, digits and Han characters; everything else (spaces, punctuation, emoji,
# control characters) is dropped from matching keys.
_WORD_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """A character class of every character that t2s may change, to skip OpenCC when none occur."""
    dictionary = Path(opencc.__file__).parent / "dictionary"
    chars: set[str] = set()
    for line in (dictionary / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values.split(" ")[0] != key:
            chars.add(key)
    for line in (dictionary / "TSPhrases.txt").read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values.split(" ")[0] != key:
            chars.update(k for k, v in zip(key, values.split(" ")[0]) if k != v)
    return re.compile("[" + "".join(sorted(re.escape(c) for c in chars)) + "]")


def to_simplified(text: str) -> str:
    """Convert traditional script to simplified; a no-op (and fast) for simplified text."""
    if not _traditional().search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # Phrase rules that change length would break offsets, so fall back to per-character.
    convert = _converter().convert
    return "".join(convert(ch) if _traditional().match(ch) else ch for ch in text)


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
