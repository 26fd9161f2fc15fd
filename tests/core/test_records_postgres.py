"""Trainee records on a real PostgreSQL, started from Debian's binaries for this module, as several app processes share it."""
from __future__ import annotations

from datetime import timedelta

import pytest

from core.records import INTERRUPTED, Records
from core.settings import Settings
# The behaviour both databases must share, collected again here with this module's `open_records`.
from test_records import (  # noqa: F401
    test_a_database_from_before_workspaces_keeps_its_sessions_in_demo,
    test_every_turn_is_seen_by_another_process_at_once,
    test_finished_session_has_grade_and_shows_in_summary,
    test_reopening_does_not_migrate_twice,
    test_sessions_a_crash_left_open_become_interrupted,
    test_sixteen_sessions_with_double_sent_replies_store_every_turn_once_in_order,
    test_workspaces_filter_sessions_trainees_and_exports,
)

@pytest.fixture
def open_records(database_url):
    """Opens the test's database anew each call, as another app process would."""
    return lambda: Records(database_url)


def test_a_session_started_in_one_process_is_seen_by_another(open_records):
    first, second = open_records(), open_records()
    assert first.postgres and second.postgres
    sid = first.start_session("陈静", "elderly", "warranty_repair", 11, workspace="retail")
    second.add_turn(sid, "customer", "我家的洗衣机又不转了。", "anxious", 0.5)
    assert [(s.id, s.trainee, s.workspace) for s in second.sessions()] == [(sid, "陈静", "retail")]
    assert [t.text for t in first.turns(sid)] == ["我家的洗衣机又不转了。"]


def test_a_starting_process_leaves_another_process_s_live_session_alone(open_records):
    live = open_records()
    sid = live.start_session("陈静", "angry", "refund", 5)
    live.add_turn(sid, "customer", "退款到底什么时候到账？", "angry", 0.7)
    assert open_records().interrupt_unfinished() == 0  # spoke just now: still in progress elsewhere
    assert live.sessions()[0].outcome is None
    assert open_records().interrupt_unfinished(idle=timedelta(0)) == 1
    assert live.sessions()[0].outcome == INTERRUPTED


def test_scores_keep_their_precision(open_records):
    records = open_records()
    sid = records.start_session("陈静", "angry", "refund", 5)
    records.add_turn(sid, "customer", "你们怎么还不处理？", "angry", 0.83)
    assert records.turns(sid)[0].intensity == 0.83


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_the_url_comes_from_kefu_database_url_and_never_shows(database_url, scheme):
    secret_url = database_url.replace("postgresql://kefu@", f"{scheme}://kefu:不外传@")
    settings = Settings.from_env({"KEFU_DATABASE_URL": secret_url})
    assert settings.database_url == secret_url and "不外传" not in repr(settings)
    assert Records(settings.database_url).postgres  # trust auth ignores the password
