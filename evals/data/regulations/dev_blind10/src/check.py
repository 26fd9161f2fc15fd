"""Check dev_blind10 answers, questions and paraphrases against the documents' text (run with the kefu venv).

Every answer `text`/`suggestion` must occur verbatim inside its article's span; every question's keywords must
occur together in its article's span and in no other span. Articles: the docx's `第X条　` headings, the HTML page's
`<p><strong>第X条</strong>` paragraphs, the text handbook's `【三、服务时限】` section heads (labelled `三、`). A chapter
heading (第X章), the docx's 附件 line, the page's `<div>` blocks (site header, document info, 温馨提示, print/close bar)
and the handbook's unnumbered `【常见问题】`/`【联系方式】` heads start text that belongs to no article.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from answer_check import check, docx_spans, group, html_spans  # noqa: E402

HERE = Path(__file__).parent.parent
ARTICLE = re.compile(r"^(第[一二三四五六七八九十]+条)")
OUTSIDE = re.compile(r"^(第[一二三四五六七八九十]+章|附件)")
TXT_SECTION = re.compile(r"^【(?:([一二三四五六七八九十]+、)[^】]*|[^】]*)】")


def heading(text: str) -> str | None:
    return m.group(1) if (m := ARTICLE.match(text)) else ("" if OUTSIDE.match(text) else None)


def page_lines(lines):
    """`<p><strong>第X条</strong>` opens its article; a chapter paragraph or any `<div>` block belongs to none."""
    return [(("" if tag == "div" else heading(text)) if tag in ("p", "div") else None, text) for tag, text in lines]


def txt_spans(path: Path) -> list[tuple[str, str]]:
    lines = []
    for line in path.read_bytes().decode("utf-8").split("\r\n"):
        m = TXT_SECTION.match(line.strip())
        lines.append(((m.group(1) or "") if m else None, line.strip() + "\n"))
    return group(lines)


def spans(path: Path) -> list[tuple[str, str]]:
    return {".txt": txt_spans, ".html": lambda path: html_spans(path, page_lines),
            ".docx": lambda path: docx_spans(path, heading)}[path.suffix](path)


if __name__ == "__main__":
    sys.exit(check(HERE, spans, polite_paraphrases=True))
