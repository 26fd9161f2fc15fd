"""Turn a scraped regulation file into clean simplified text with a per-file cleaning report."""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.boilerplate import drop_boilerplate, strip_debris
from knowledge.duplicates import drop_repeated_blocks, drop_repeated_paragraphs
from knowledge.normalize import normalize
from knowledge.synonyms import restore
from knowledge.tables import format_tables

HAN = r"\u4e00-\u9fff"
CN_PUNCT = "，。、；：！？“”（）《》"


class CleanDoc(BaseModel):
    """A cleaned source file: its name, clean text and what cleaning did to it."""

    name: str
    text: str
    report: dict[str, int] = Field(default_factory=dict)


# Mojibake from a UTF-8/GBK round trip in 004, repaired by hand from the intact copies.
_MOJIBAKE = [
    (re.compile(r"確\?\?蛻魴嘁[?妗]\??(?:/p>)?。?"), "確保客戶權益。"),
    (re.compile(r"確\?\?蛻羧媪私猱a\(chǎn\)品"), "確保客戶全面了解產品"),
]
# Pinyin glosses after a character in 004: 內(nèi), 產(chǎn), 規(guī).
_PINYIN = re.compile(r"(?<=[" + HAN + r"])\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")


def repair_encoding(text: str) -> tuple[str, int]:
    """Fix known mojibake and strip pinyin glosses; return text and number of repairs."""
    count = 0
    for pattern, replacement in _MOJIBAKE:
        text, n = pattern.subn(replacement, text)
        count += n
    text, n = _PINYIN.subn("", text)
    return text, count + n


_RUNS = [
    (re.compile(r"[,，](?:[ \t]*[,，])+"), "，"),
    (re.compile(r"[。．](?:[ \t]*[。．])+"), "。"),
    (re.compile(r"[;；](?:[ \t]*[;；])+"), "；"),
    (re.compile(r"[?？](?:[ \t]*[?？])+"), "？"),
    (re.compile(r"[!！](?:[ \t]*[!！])+"), "！"),
]
# ASCII punctuation touching Chinese text becomes the full-width mark (times like 9:00 stay).
_ASCII_MARKS = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
_ASCII_IN_CHINESE = re.compile(
    r"(?<=[" + HAN + CN_PUNCT + r"])[ \t]*([,;?!:])|([,;?!])[ \t]*(?=[" + HAN + r"“])"
)
_SPACE_AROUND_PUNCT = re.compile(r"[ \t]+(?=[" + CN_PUNCT + r"])|(?<=[" + CN_PUNCT + r"])[ \t]+")
# A space inside a Chinese word ("反 问", "停留三 秒") is a wrap left by the converter.
_SPACE_IN_WORD = re.compile(r"(?<=[" + HAN + r"]) (?=[" + HAN + r"])(?![一二三四五六七八九十]+[、.])")


def tidy_punctuation(text: str) -> str:
    """Collapse runs like ,,,, 。。。。。。 ;;;; ??? to one mark and use Chinese marks in Chinese text."""
    for pattern, mark in _RUNS:
        text = pattern.sub(mark, text)
    text = _ASCII_IN_CHINESE.sub(lambda m: _ASCII_MARKS[m.group(1) or m.group(2)], text)
    text = _SPACE_AROUND_PUNCT.sub("", text)
    # Marks doubled by the conversions above (",，", "。。") collapse once more.
    for pattern, mark in _RUNS:
        text = pattern.sub(mark, text)
    # Item numbers typed with the full-width stop ("1．不知道", common in GBK documents) are "1.".
    text = re.sub(r"^(\d{1,2})．", r"\1.", text, flags=re.M)
    # A numbered item that lost its closing bracket: "(一语言" -> "(一)语言".
    return re.sub(r"^\(([一二三四五六七八九十])(?=[^)、一二三四五六七八九十])", r"(\1)", text, flags=re.M)


# Titles glued to the first sentence of their document, found by reading the sources.
_GLUED_TITLES = re.compile(r"(?<=管理规范细则)(?=根据)|(?<=电话服务管理制度办法)(?=制定单位)")
# "企业400客户服务电话使用管理制度【企业400客户服务电话使用管理制度】" repeats its own title.
_REPEATED_TITLE = re.compile(r"^(.{4,40})【\1】", re.M)
# A reference to an article inside a sentence ("使用本手册第九条所列忌语的", "违反第五条规定的") goes on with
# what it refers to; an article that starts goes on with its own words.
_REFERENCE_GOES_ON = r"(?!所列|所述|所指|所称|所规定|规定|的|之规定|中的|中规定|第[一二三四五六七八九十]+[款项]|[和及或至、，,。；;])"
# A reference names the document it points into ("与本规定第六条一致", "按《服务规范》第三条执行"), whatever
# words follow it.
_NAMED_DOCUMENT = re.compile(r"(?:本[\u4e00-\u9fff]{1,4}|》)$")
# 第三条 / 第二章, its kind in group 1.
_NUMBERED = re.compile(r"第[一二三四五六七八九十百]+([章条])")
_HEADING_INLINE = re.compile(
    r"(?<=[^\n按依照见据在由于的及和与至、])(?=第[一二三四五六七八九十百]+[章条]" + _REFERENCE_GOES_ON + ")"
    r"|(?:(?<=规定|办法|制度|细则|规范|术语)|(?<=】))(?=一、)"
    # The first item of a list glued to its title: "400接线礼节用语1、通话…", "客服流程1.应答…".
    r"|(?<=[" + HAN + r"】])(?=1(?:、|\.(?!\d)))"
)
_ITEM_AFTER_BREAK = re.compile(
    r"(?:(?<=[；;。！？])[ \t]*|[ \t]+)(?=(?:\d{1,2}[.、](?!\d)|[一二三四五六七八九十]+[、.]|\(\d+\)|（\d+）))"
)


_CN_DIGITS = "一二三四五六七八九十"
_SECTION_START = re.compile(r"^([一二三四五六七八九])([.、])")


def _split_next_section(text: str) -> str:
    """"六.客户投诉：…4喧哗七.安抚客户情绪：…": a section glued to the one before is found by its number."""
    out: list[str] = []
    for line in text.split("\n"):
        while m := _SECTION_START.match(line):
            at = line.find(_CN_DIGITS[_CN_DIGITS.index(m[1]) + 1] + m[2], 2)
            if at < 0 or line[at - 1] == "第":
                break
            out.append(line[:at])
            line = line[at:]
        out.append(line)
    return "\n".join(out)


def split_structure(text: str) -> str:
    """Put inline headings (第三条, 一、) and list items that follow a sentence on their own lines."""
    text = _GLUED_TITLES.sub("\n", _REPEATED_TITLE.sub(r"\1\n", text))
    # Articles and chapters come in runs (第一条 … 第二条); one alone in a text is an ordinal ("发出第一条有效回复").
    seen = {m[0] for m in _NUMBERED.finditer(text)}
    runs = {kind for kind in "章条" if sum(number.endswith(kind) for number in seen) >= 2}

    def breaks(m: re.Match) -> str:
        numbered = _NUMBERED.match(text, m.start())
        if numbered and (numbered[1] not in runs or _NAMED_DOCUMENT.search(text, max(0, m.start() - 8), m.start())):
            return ""
        return "\n"

    return _split_next_section(_ITEM_AFTER_BREAK.sub("\n", _HEADING_INLINE.sub(breaks, text)))


# "第三条本制度…" and "第三条 本制度…" both become the second form, which chunking relies on.
_HEADING_SPACE = re.compile(r"(?<=^第[一二三四五六七八九十百]{1}[章条])(?=\S)|(?<=^第[一二三四五六七八九十百]{2}[章条])(?=\S)|(?<=^第[一二三四五六七八九十百]{3}[章条])(?=\S)")
_PAGE_MARK = re.compile(r"^(\d{1,2})、\s*")
_ENDS_SENTENCE = re.compile(r"[。！？；：”」）)]$")
# A document title ("…管理规范细则") split off by _GLUED_TITLES has no punctuation and must stay alone.
_TITLE_LINE = re.compile(r"^[^，。；：！？]{4,40}(规定|办法|制度|细则|方案)$")
# An annex heading ("附件2　办理时限表") starts a part of its own, however long the line before it ("按附件2执行"
# wrapped before 附件2 carries no space after its number and still joins).
_LIST_START = re.compile(
    r"^(第(?:[一二三四五六七八九十百]+|\d{1,3})(?:[章节条]|部分)|[一二三四五六七八九十]+[、.]|\(|（|\d{1,2}\s*[.、]|[-•·]"
    r"|附[件表录]\s*[\d一二三四五六七八九十]+(?:[\s:：]|$))"
)


def join_page_breaks(paragraphs: list[str]) -> list[str]:
    """Drop the page numbers 1、 2、 3、 … a converter put at page starts, joining split sentences."""
    out: list[str] = []
    expected = 1
    for para in paragraphs:
        mark = _PAGE_MARK.match(para)
        if mark and int(mark.group(1)) == expected:
            expected += 1
            para = para[mark.end():]
            # Page 1 follows the title, so only later page marks can split a sentence.
            if expected > 2 and out and not _ENDS_SENTENCE.search(out[-1]):
                out[-1] += para
                continue
        out.append(para)
    return out


_MARKED_UP = (".md", ".markdown", ".html", ".htm", ".docx")


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join a line that continues the sentence of the previous one (broken line wraps)."""
    out: list[str] = []
    for line in lines:
        if out and (
            re.match(r"^[，。、；：！？”）)]", line)
            or (
                re.search(r"[" + HAN + r"，、]$", out[-1])
                and len(out[-1]) >= 20
                and re.match(r"^[" + HAN + r"]", line)
                and not _LIST_START.match(line)
                and not _TITLE_LINE.match(out[-1])
                and "|" not in out[-1] + line  # a table row ("场景 | 用语") is never a wrapped sentence
            )
        ):
            out[-1] += line
        else:
            out.append(line)
    return out


def fix_ocr(text: str) -> tuple[str, int]:
    """旳 is never right in these files: a converter misread 的."""
    return text.replace("旳", "的"), text.count("旳")


def clean_document(raw: str, name: str) -> CleanDoc:
    """Clean one scraped source file into simplified, boilerplate-free, de-duplicated text."""
    report = dict(chars_in=len(raw), chars_kept=0, boilerplate_lines=0, duplicates_dropped=0, substitutions=0)
    paged = bool(re.search(r"第\s*\d+\s*页\s*/\s*共", raw))
    text, n = repair_encoding(raw)
    report["substitutions"] += n
    text, n = strip_debris(normalize(text))
    report["substitutions"] += n
    text = tidy_punctuation(text)
    lines, n = drop_boilerplate(text.split("\n"))
    report["boilerplate_lines"] += n
    text = split_structure("\n".join(lines))
    if paged:
        # Converted page-by-page files use spaces between sentences, so they stay.
        lines = join_page_breaks([line.strip() for line in text.split("\n") if line.strip()])
    else:
        lines = [_SPACE_IN_WORD.sub("", line).strip() for line in text.split("\n")]
    lines, _ = format_tables([line for line in lines if line])
    # Markdown, HTML and Word mark their own paragraphs and list items ("  - 押金未按时退还的，扣3分" under a
    # category has no full stop); only plain text (and a PDF's text layer, unwrapped when read) wraps sentences.
    if Path(name).suffix.lower() not in _MARKED_UP:
        lines = join_wrapped_lines(lines)
    lines = [_HEADING_SPACE.sub(" ", line) for line in lines]
    text, n = fix_ocr("\n".join(lines))
    report["substitutions"] += n
    text, n = restore(text, name)
    report["substitutions"] += n
    lines, n = drop_repeated_blocks(text.split("\n"))
    report["duplicates_dropped"] += n
    lines, n = drop_repeated_paragraphs(lines)
    report["duplicates_dropped"] += n
    text = "\n".join(line for line in lines if line.strip())
    report["chars_kept"] = len(text)
    return CleanDoc(name=name, text=text, report=report)


def clean_sources(sources_dir: Path) -> list[CleanDoc]:
    """Clean every supported document (txt, md, docx, pdf, html) in a sources directory, in name order."""
    from knowledge.documents import SUPPORTED, read_document  # the format libraries load only when ingesting

    return [
        clean_document(read_document(path).text, path.name)
        for path in sorted(Path(sources_dir).iterdir())
        if path.is_file() and path.suffix.lower() in SUPPORTED and not path.name.startswith(".")
    ]
