"""Scraping-site boilerplate: download notices, footers, page counters, ads, upload metadata."""
from __future__ import annotations

import re

# Everything after one of these lines is site chrome (related-document lists, comment boxes,
# "read the full text" footers), so the document is cut there.
_FOOTER = re.compile(r"^(展开阅读全文|温馨提示|您可能关注的文档|最新文档|文档评论|相关文档|评论\s*$)")

_LINES = [
    # book118's numbered notice list at the top of 000.
    re.compile(r"^-?\s*\d+\s*[、.].*(本文档共\d+页|原创力文档|book118|本站|VIP|版权申诉|侵犯|下载)"),
    re.compile(r"^(查看更多|资源描述[:：]?|文档简介|规章制度|收藏\s+版权申诉.*)$"),
    # Upload metadata: "- 格式:docx", "上传人:卷*** 文档编号:...".
    re.compile(r"^-?\s*(格式|大小|文档页数|页数|上传时间)\s*[:：]"),
    re.compile(r"上传人\s*[:：].*文档编号"),
    # Page counters: "第1页 / 共10页", "客服基础知识_第1页".
    re.compile(r"^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$"),
    re.compile(r"^\S*_第\d+页$"),
    re.compile(r"由会员分享.*(搜索|下载)"),
    re.compile(r"^版权说明[:：]"),
    re.compile(r"^【网站地图】$"),
    # Gambling ads injected into 001.
    re.compile(r"^jbo竞博"),
]

_DEBRIS = [
    (re.compile(r"a name=baidusnap\d+/a"), ""),
    (re.compile(r"</?[a-zA-Z]{1,6}>|(?<![A-Za-z])/[A-Z](?![A-Za-z])"), ""),
    (re.compile(r"^-{5,}\s*", re.M), ""),
    # The ad network rewrote the company name into a gambling brand; the sentence stays.
    (re.compile(r"济南jbo竞博投资控股集团"), "公司"),
]


def is_boilerplate(line: str) -> bool:
    """True when a single line is site chrome rather than regulation text."""
    return any(p.search(line) for p in _LINES)


def drop_boilerplate(lines: list[str]) -> tuple[list[str], int]:
    """Drop boilerplate lines and everything after a site footer; return kept lines and drop count."""
    kept: list[str] = []
    dropped = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if _FOOTER.match(stripped):
            dropped += sum(1 for rest in lines[i:] if rest.strip())
            break
        if stripped and is_boilerplate(stripped):
            dropped += 1
            continue
        kept.append(line)
    return kept, dropped


def strip_debris(text: str) -> tuple[str, int]:
    """Remove inline HTML debris and ad fragments; return text and number of removals."""
    count = 0
    for pattern, replacement in _DEBRIS:
        text, n = pattern.subn(replacement, text)
        count += n
    return text, count
