"""Numbers as regulations write them: Arabic, Chinese and the capitals of finance."""
from __future__ import annotations

import re

# The capital numerals of finance (贰, 叁, 拾, 佰) read as the plain ones: "扣叁分", "罚款贰佰元".
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
# Every character `number` reads, for patterns that match a sum it is to read ("罚款贰佰元").
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
NUMERAL = r"\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}"
# A decimal point typed full-width between full-width digits ("扣２．５分", "１．５小时") is left by normalization,
# which keeps "．" for list markers ("1．"); between two digits it can only be a decimal point.
_WIDE_POINT = re.compile(r"(?<=\d)．(?=\d)")


def figures(text: str) -> str:
    """`text` with full-width decimal points between digits made half-width, keeping its length."""
    return _WIDE_POINT.sub(".", text)


def number(text: str) -> float:
    """Arabic or Chinese numerals up to 9999 (三, 十, 二十四, 二百, 一千五百, 贰佰), 半 (half), and a number and a
    half ("一个半", "1个半": 1.5)."""
    if text.endswith("个半"):
        return number(text[:-2]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text == "半":
        return 0.5
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:
            digit = _CN_DIGITS.get(ch, 0)
    return float(total + digit)
