"""Build the dev_blind29 documents from the readable sources beside this script (run with the kefu venv).

../gongjijin_center.html and ../dianti_maintenance.md are hand-written and have no source here.
yibao_hotline.md -> ../yibao_hotline.docx (make_docx.py's Markdown subset: `# ` title, `> ` centred lines for the
document number, the meeting line and the signature, `## 第X章` chapters as Heading 1, every 第X条 and every （一）
item its own paragraph, the scoring table of 第十四条 with its 类别 column merged by `^`).
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

from make_docx import build as build_docx  # noqa: E402

if __name__ == "__main__":
    print(build_docx(HERE / "yibao_hotline.md", HERE.parent / "yibao_hotline.docx"))
