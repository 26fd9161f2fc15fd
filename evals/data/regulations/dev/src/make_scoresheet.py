"""Build ../haiyue_mobile.docx from haiyue_mobile.md: a Word score sheet with merged cells.

The Markdown subset is ../../make_docx.py's (its `^` and `<` cells merge, `<br>` splits a cell).
Run: .venv/bin/python evals/data/regulations/dev/src/make_scoresheet.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))
from make_docx import build  # noqa: E402  (a script beside the data, not a package)

if __name__ == "__main__":
    print(build(HERE / "haiyue_mobile.md", HERE.parent / "haiyue_mobile.docx"))
