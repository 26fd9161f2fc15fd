import csv
import io
import sqlite3

import pytest

from ui.records import MIGRATIONS, GradeRecord, Records

GRADE = GradeRecord(score=82.5, subscores={"开头语": 10}, findings=[{"turn": 1, "category": "forbidden_phrase",
                    "detail": "这事不归我管", "points": -5, "source": {"file": "001.txt", "article": "服务禁语"}}],
                    summary="整体良好")


def test_new_database_is_wal_and_migrated(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    assert records.schema_version == len(MIGRATIONS)
    db = sqlite3.connect(tmp_path / "kefu.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_twice(tmp_path):
    Records(tmp_path / "kefu.sqlite3").start_session("王芳", "angry", "refund", 1)
    again = Records(tmp_path / "kefu.sqlite3")
    assert again.schema_version == len(MIGRATIONS)
    assert [s.trainee for s in again.sessions()] == ["王芳"]


@pytest.mark.parametrize("lines", [
    [("customer", "我的退款三天了还没到！", "angry", 0.8), ("agent", "非常抱歉让您久等了", None, None)],
    [("customer", "喂？听得到吗", "confused", 0.4)],
    [("customer", "<script>alert(1)</script>", "neutral", 0.1), ("agent", "=HYPERLINK(\"x\")", None, None)],
])
def test_every_turn_is_readable_by_another_connection_at_once(tmp_path, lines):
    records = Records(tmp_path / "kefu.sqlite3")
    sid = records.start_session("李雷", "anxious", "delivery", 7)
    for n, (role, text, emotion, intensity) in enumerate(lines):
        assert records.add_turn(sid, role, text, emotion, intensity) == n
        # A fresh connection (as after a crash) sees the turn without any further commit.
        other = sqlite3.connect(tmp_path / "kefu.sqlite3")
        assert other.execute("SELECT text FROM turns WHERE session_id=? AND idx=?", (sid, n)).fetchone()[0] == text
    assert [t.text for t in records.turns(sid)] == [line[1] for line in lines]


def test_finished_session_has_grade_and_shows_in_summary(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    first = records.start_session("张伟", "angry", "refund", 1)
    records.finish_session(first, "resolved", GRADE)
    second = records.start_session("张伟", "confused", "misdial", 2)
    records.finish_session(second, "escalated", GRADE.model_copy(update={"score": 40.0}))
    records.start_session("赵敏", "angry", "refund", 3)
    assert records.grade(first) == GRADE
    summary = {t.name: t for t in records.trainees()}
    assert (summary["张伟"].sessions, summary["张伟"].best, summary["张伟"].last) == (2, 82.5, 40.0)
    assert (summary["赵敏"].sessions, summary["赵敏"].best) == (1, None)
    assert [s.id for s in records.sessions("张伟")] == [second, first]


def test_csv_export_neutralises_formulas(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    records.finish_session(records.start_session("=1+1", "angry", "refund", 1), "resolved", GRADE)
    rows = list(csv.DictReader(io.StringIO(records.export_csv())))
    assert rows[0]["trainee"] == "'=1+1" and rows[0]["score"] == "82.5" and rows[0]["outcome"] == "resolved"
