"""Trainee records on SQLite; the tests taking `open_records` also run on PostgreSQL (test_records_postgres.py)."""
import sqlite3
import threading
from collections import defaultdict
from datetime import timedelta

import pytest

import core.records
from core.records import INTERRUPTED, MIGRATIONS, GradeRecord, Records, RecordsError

GRADE = GradeRecord(score=82.5, subscores={"开头语": 10}, findings=[{"turn": 1, "category": "forbidden_phrase",
                    "detail": "这事不归我管", "points": -5, "source": {"file": "001.txt", "article": "服务禁语"}}],
                    summary="整体良好")
REPLIES = ["您好，这里是售后服务中心，请讲。", "我先把您的快递单号记下来。", "抱歉给您添麻烦了，我这就去查。",
           "包裹明天上午会重新发出。", "这个问题我会在两小时内回复您。"]


@pytest.fixture
def open_records(tmp_path):
    """Opens the test's database anew each call, as another app process would."""
    return lambda: Records(tmp_path / "kefu.sqlite3")


def test_reopening_does_not_migrate_twice(open_records):
    open_records().start_session("王芳", "angry", "refund", 1)
    again = open_records()
    assert again.schema_version == len(MIGRATIONS)
    assert [s.trainee for s in again.sessions()] == ["王芳"]


def test_a_database_from_before_workspaces_keeps_its_sessions_in_demo(open_records, monkeypatch):
    with monkeypatch.context() as old:
        old.setattr(core.records, "MIGRATIONS", MIGRATIONS[:1])
        first = open_records()
        assert first.schema_version == 1
        with first._write() as db:  # a session as the code before workspaces wrote it
            db.exec_driver_sql("INSERT INTO trainees (name, created_at) VALUES ('李雷', '2026-01-01T00:00:00+00:00')")
            db.exec_driver_sql("INSERT INTO sessions (trainee_id, persona, scenario, seed, started_at)"
                               " SELECT id, 'angry', 'refund', 3, '2026-01-01T00:00:00+00:00' FROM trainees")
    upgraded = open_records()
    assert upgraded.schema_version == len(MIGRATIONS)
    assert [(s.trainee, s.workspace) for s in upgraded.sessions()] == [("李雷", "demo")]


@pytest.mark.parametrize("lines", [
    [("customer", "我的退款三天了还没到！", "angry", 0.8), ("agent", "非常抱歉让您久等了", None, None)],
    [("customer", "喂？听得到吗", "confused", 0.4)],
    [("customer", "<script>alert(1)</script>", "neutral", 0.1), ("agent", "=HYPERLINK(\"x\")", None, None)],
])
def test_every_turn_is_seen_by_another_process_at_once(open_records, lines):
    records, other = open_records(), open_records()
    sid = records.start_session("李雷", "anxious", "delivery", 7)
    assert [s.id for s in other.sessions()] == [sid]
    for n, (role, text, emotion, intensity) in enumerate(lines):
        assert records.add_turn(sid, role, text, emotion, intensity) == n
        assert other.turns(sid)[n].model_dump() == {"idx": n, "role": role, "text": text, "emotion": emotion,
                                                    "intensity": intensity}


def test_finished_session_has_grade_and_shows_in_summary(open_records):
    records = open_records()
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


def test_an_incomplete_call_is_stored_but_never_the_best(open_records):
    records = open_records()
    real = records.start_session("李娜", "angry", "refund", 1)
    records.finish_session(real, "resolved", GRADE.model_copy(update={"score": 55.0}))
    empty = records.start_session("李娜", "angry", "refund", 2)
    records.finish_session(empty, "unfinished", GRADE.model_copy(update={"score": 0.0, "status": "incomplete"}))
    assert records.grade(empty).status == "incomplete" and records.grade(real).status == "complete"
    assert {t.name: t.best for t in records.trainees()}["李娜"] == 55.0


def test_workspaces_filter_sessions_trainees_and_exports(open_records):
    records = open_records()
    ours = records.start_session("王芳", "angry", "refund", 1, workspace="bank")
    records.finish_session(ours, "resolved", GRADE)
    theirs = records.start_session("王芳", "elderly", "misdial", 2)
    records.finish_session(theirs, "escalated", GRADE.model_copy(update={"score": 30.0}))
    records.start_session("周杰", "anxious", "delivery", 3)
    assert [s.id for s in records.sessions(workspace="bank")] == [ours]
    assert [s.id for s in records.sessions("王芳", workspace="demo")] == [theirs]
    assert [(t.name, t.sessions, t.best) for t in records.trainees("bank")] == [("王芳", 1, 82.5)]
    assert {t.name: t.sessions for t in records.trainees()} == {"王芳": 2, "周杰": 1}


def test_sessions_a_crash_left_open_become_interrupted(open_records):
    records = open_records()
    done = records.start_session("王芳", "angry", "refund", 1)
    records.finish_session(done, "resolved", GRADE)
    crashed = records.start_session("李雷", "anxious", "delivery", 2)
    records.add_turn(crashed, "customer", "我的快递到底什么时候到？", "anxious", 0.6)
    assert open_records().interrupt_unfinished(idle=timedelta(0)) == 1
    outcomes = {s.id: (s.outcome, s.ended_at is not None) for s in records.sessions()}
    assert outcomes == {done: ("resolved", True), crashed: (INTERRUPTED, True)}
    assert [t.text for t in records.turns(crashed)] == ["我的快递到底什么时候到？"]  # what was said stays


def test_sixteen_sessions_with_double_sent_replies_store_every_turn_once_in_order(open_records):
    # Two instances, as two app processes (or two handler threads) send the same session's replies at once.
    first, second = open_records(), open_records()
    sessions = [first.start_session(f"学员{n:02d}", "angry", "refund", n) for n in range(16)]
    senders = [(sid, records) for sid in sessions for records in (first, second)]
    start = threading.Barrier(len(senders))
    acknowledged: dict[int, list[list[tuple[int, str]]]] = defaultdict(list)
    failures: list[Exception] = []

    def send(sid: int, records: Records) -> None:
        mine: list[tuple[int, str]] = []
        acknowledged[sid].append(mine)
        start.wait()
        try:
            for line in REPLIES:
                mine.append((records.add_turn(sid, "agent", line), line))
        except Exception as exc:  # noqa: BLE001 — collected and shown by the assert below
            failures.append(exc)

    threads = [threading.Thread(target=send, args=sender) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]
    for sid in sessions:
        stored = [(t.idx, t.text) for t in second.turns(sid)]
        assert stored == sorted(turn for sent in acknowledged[sid] for turn in sent)  # each once, nothing else
        assert [idx for idx, _ in stored] == list(range(2 * len(REPLIES)))
        for sent in acknowledged[sid]:  # each sender's replies in the order it sent them
            assert [text for _, text in sent] == REPLIES and sent == sorted(sent)


def test_new_database_is_wal_and_private(tmp_path):
    path = tmp_path / "kefu.sqlite3"
    records = Records(path)
    records.start_session("王芳", "angry", "refund", 1)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    files = sorted(tmp_path.glob("kefu.sqlite3*"))
    assert {f.name for f in files} >= {"kefu.sqlite3", "kefu.sqlite3-wal"}  # the WAL lives while records are open
    assert all(f.stat().st_mode & 0o077 == 0 for f in files), {f.name: oct(f.stat().st_mode) for f in files}


def test_a_database_left_readable_by_others_is_made_private(tmp_path):
    path = tmp_path / "kefu.sqlite3"
    Records(path).start_session("王芳", "angry", "refund", 1)
    for file in tmp_path.glob("kefu.sqlite3*"):
        file.chmod(0o644)
    Records(path)
    assert all(f.stat().st_mode & 0o077 == 0 for f in tmp_path.glob("kefu.sqlite3*"))


def test_a_turn_is_in_the_file_without_any_further_commit(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    sid = records.start_session("李雷", "anxious", "delivery", 7)
    records.add_turn(sid, "customer", "喂？听得到吗", "confused", 0.4)
    # A plain sqlite3 connection, as after a crash, reads the turn from the file.
    raw = sqlite3.connect(tmp_path / "kefu.sqlite3")
    assert raw.execute("SELECT text FROM turns WHERE session_id = ?", (sid,)).fetchall() == [("喂？听得到吗",)]


def test_on_sqlite_the_starting_app_interrupts_every_open_session(tmp_path):
    records = Records(tmp_path / "kefu.sqlite3")
    sid = records.start_session("李雷", "anxious", "delivery", 7)
    records.add_turn(sid, "customer", "喂？听得到吗", "confused", 0.4)  # said a moment ago, then the crash
    assert Records(tmp_path / "kefu.sqlite3").interrupt_unfinished() == 1
    assert records.sessions()[0].outcome == INTERRUPTED


@pytest.mark.parametrize("url, says", [
    ("mysql://kefu@127.0.0.1/kefu", "KEFU_DATABASE_URL 格式不正确"),
    ("postgresql://kefu@127.0.0.1:端口/kefu", "KEFU_DATABASE_URL 格式不正确"),
    ("postgresql://kefu:口令@127.0.0.1:1/kefu", "无法打开练习记录数据库"),  # nothing listens on port 1
])
def test_an_unusable_database_url_is_a_chinese_message(url, says):
    with pytest.raises(RecordsError, match=says) as raised:
        Records(url)
    assert "口令" not in str(raised.value)
