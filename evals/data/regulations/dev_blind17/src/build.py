"""Build the dev_blind17 documents: ruifeng_life.pdf (make_pdf.py) and yunqi_smarthome.docx (make_docx.py).

The HTML page lijian_fitness.html is hand-written and has no source.
"""

import re
import sys
from pathlib import Path

import docx

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "dev" / "src"))

from make_docx import build as build_docx  # noqa: E402
from make_pdf import Layout, build as build_pdf  # noqa: E402

# The insurer's running header carries the document number; its footer is a page line.
RUIFENG = Layout("瑞丰人寿保险股份有限公司　　内部管理制度　　瑞丰人寿客服发〔2026〕41号", "第 {page} 页　　客户服务中心印发")
SECTION = re.compile(r"^\d+\.\d+　")
SUBSECTION = re.compile(r"^\d+\.\d+\.\d+　")

if __name__ == "__main__":
    build_pdf(HERE / "ruifeng_life.txt", HERE.parent / "ruifeng_life.pdf", RUIFENG)
    target = build_docx(HERE / "yunqi_smarthome.md", HERE.parent / "yunqi_smarthome.docx")
    # make_docx writes every `## ` line as Heading 1; the maker's template sets 1.1 as Heading 2 and 1.1.1 as Heading 3.
    d = docx.Document(target)
    for paragraph in d.paragraphs:
        if SUBSECTION.match(paragraph.text):
            paragraph.style = d.styles["Heading 3"]
        elif SECTION.match(paragraph.text):
            paragraph.style = d.styles["Heading 2"]
    d.save(target)
