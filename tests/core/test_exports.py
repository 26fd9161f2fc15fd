import csv
import io
import os
import time

import pytest

from core.exports import MAX_AGE, PREFIX, csv_text, write_export


@pytest.mark.parametrize("text", ["编号,学员\r\n1,王芳\r\n", "编号,学员\r\n2,'=1+1\r\n"])
def test_an_export_is_readable_by_its_owner_only(tmp_path, text):
    out = write_export(text, "练习记录.csv", tmp_path)
    assert out.name == "练习记录.csv"
    assert out.read_bytes() == b"\xef\xbb\xbf" + text.encode()  # byte for byte, with Excel's BOM
    assert out.stat().st_mode & 0o777 == 0o600 and out.parent.stat().st_mode & 0o777 == 0o700


def test_exports_older_than_an_hour_are_deleted_by_the_next_one(tmp_path):
    old = write_export("旧的导出", "练习记录.csv", tmp_path)
    recent = write_export("刚才的导出", "练习记录.csv", tmp_path)
    unrelated = tmp_path / "报表"
    unrelated.mkdir()
    long_ago = time.time() - MAX_AGE.total_seconds() - 60
    for path in (old.parent, unrelated):
        os.utime(path, (long_ago, long_ago))
    newest = write_export("新的导出", "练习记录.csv", tmp_path)
    assert not old.parent.exists()
    assert recent.exists() and newest.exists() and unrelated.exists()
    assert sorted(p.name.startswith(PREFIX) for p in tmp_path.iterdir()) == [False, True, True]


@pytest.mark.parametrize("name", ["=1+1", "+86 138", "-2", "@SUM(A1)"])
def test_csv_cells_never_run_as_formulas(name):
    rows = list(csv.reader(io.StringIO(csv_text(["学员", "得分"], [[name, 82.5], ["王芳", None]]))))
    assert rows == [["学员", "得分"], ["'" + name, "82.5"], ["王芳", ""]]
