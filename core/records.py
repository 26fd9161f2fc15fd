"""Trainee records (trainees, sessions, turns, grades) in SQLite or a shared PostgreSQL; the only SQL user."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from pydantic import BaseModel

# Each entry moves the schema one version up; never edit a shipped entry, append a new one.
# They are written in SQLite's words; _dialect() translates the few that PostgreSQL spells differently.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE trainees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id),
        persona TEXT NOT NULL,
        scenario TEXT NOT NULL,
        seed INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        outcome TEXT
    );
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        idx INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('customer', 'agent')),
        text TEXT NOT NULL,
        emotion TEXT,
        intensity REAL,
        created_at TEXT NOT NULL,
        UNIQUE (session_id, idx)
    );
    CREATE TABLE grades (
        session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
        score REAL NOT NULL,
        subscores TEXT NOT NULL,
        findings TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_trainee ON sessions(trainee_id, started_at);
    """,
    """
    ALTER TABLE sessions ADD COLUMN workspace TEXT NOT NULL DEFAULT 'demo';
    CREATE INDEX sessions_by_workspace ON sessions(workspace, started_at);
    """,
    # A call with nothing graded in it (no agent turn, only fillers) is kept but never a trainee's best.
    """
    ALTER TABLE grades ADD COLUMN status TEXT NOT NULL DEFAULT 'complete';
    """,
]
DEFAULT_WORKSPACE = "demo"
INTERRUPTED = "interrupted"
# Several processes share a PostgreSQL database: a session another one is still running has spoken
# within the hour, so only sessions silent that long count as crashed there.
SHARED_IDLE = timedelta(hours=1)
_MIGRATION_LOCK = 0x6B656675  # PostgreSQL advisory lock key: one process migrates at a time
PRIVATE = 0o600
BAD_URL = "KEFU_DATABASE_URL 格式不正确，应形如 postgresql://用户:密码@主机:端口/库名（不设则用本机 SQLite）。"
UNREACHABLE = "无法打开练习记录数据库：{detail}"


class RecordsError(ValueError):
    """A records location kefu cannot use; the message is Chinese."""


def _now(ago: timedelta = timedelta()) -> str:
    return (datetime.now(timezone.utc) - ago).isoformat(timespec="seconds")


class TurnRecord(BaseModel):
    idx: int
    role: str
    text: str
    emotion: str | None = None
    intensity: float | None = None


class SessionRecord(BaseModel):
    id: int
    trainee: str
    persona: str
    scenario: str
    seed: int
    started_at: str
    ended_at: str | None = None
    outcome: str | None = None
    score: float | None = None
    workspace: str = DEFAULT_WORKSPACE
    turns: int = 0


class GradeRecord(BaseModel):
    score: float
    subscores: dict
    findings: list[dict]
    summary: str
    status: str = "complete"


class TraineeSummary(BaseModel):
    name: str
    sessions: int
    best: float | None = None
    last: float | None = None


def _url(target: Path | str) -> sa.URL:
    """A database URL string (postgresql://…) or a SQLite file path, as SQLAlchemy's URL."""
    if not (isinstance(target, str) and "://" in target):
        return sa.URL.create("sqlite", database=str(target))
    try:
        url = sa.make_url(target)
    except Exception:
        raise RecordsError(BAD_URL) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3, not SQLAlchemy's default psycopg2
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise RecordsError(BAD_URL)
    return url


def _private(path: Path) -> None:
    """Make the SQLite file and its companions readable by this user only (they hold trainees' words)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE))
    # SQLite gives new -wal/-shm/-journal files the main file's mode; fix ones an older kefu left.
    for file in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        if file.exists():
            file.chmod(PRIVATE)


class Records:
    """Durable trainee records; every write commits at once so a killed server loses nothing said.

    `target` is a SQLite file path (the default, one process) or a postgresql:// URL that
    several app processes share.
    """

    def __init__(self, target: Path | str):
        url = _url(target)
        self.postgres = url.get_backend_name() == "postgresql"
        if self.postgres:
            # A shared server may restart under a long-running app: test pooled connections before use.
            self._engine = sa.create_engine(url, pool_pre_ping=True)
        else:
            _private(Path(url.database))
            self._engine = sa.create_engine(url, connect_args={"timeout": 10})
            sa.event.listen(self._engine, "connect", _sqlite_connect)
            sa.event.listen(self._engine, "begin", _sqlite_begin)
        self._writer = self._engine.execution_options(kefu_write=True)
        try:
            self._migrate()
        except sa.exc.OperationalError as exc:  # server down, wrong password, unwritable file
            raise RecordsError(UNREACHABLE.format(detail=str(exc.orig).strip().splitlines()[0])) from None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One transaction that will write; on SQLite it holds the write lock from its first statement."""
        with self._writer.begin() as db:
            yield db

    def _rows(self, query: str, **params) -> list[dict]:
        with self._engine.connect() as db:
            return [dict(r) for r in _sql(db, query, **params).mappings()]

    def _dialect(self, script: str) -> str:
        """A migration script (written for SQLite) in this database's words."""
        if not self.postgres:
            return script
        script = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                        script)
        return re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)  # PostgreSQL's REAL has 4 bytes, SQLite's 8

    def _migrate(self) -> None:
        with self._write() as db:
            if self.postgres:  # SQLite's BEGIN IMMEDIATE already keeps a second process out
                _sql(db, "SELECT pg_advisory_xact_lock(:key)", key=_MIGRATION_LOCK)
            db.exec_driver_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = db.exec_driver_sql("SELECT MAX(version) FROM schema_version").scalar() or 0
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in filter(str.strip, self._dialect(script).split(";")):
                    db.exec_driver_sql(statement)
                _sql(db, "INSERT INTO schema_version (version) VALUES (:version)", version=version)

    @property
    def schema_version(self) -> int:
        return self._rows("SELECT MAX(version) AS v FROM schema_version")[0]["v"]

    def start_session(self, trainee: str, persona: str, scenario: str, seed: int,
                      workspace: str = DEFAULT_WORKSPACE) -> int:
        """Create (or reuse) the trainee and open a new session; returns the session id."""
        with self._write() as db:
            _sql(db, "INSERT INTO trainees (name, created_at) VALUES (:name, :now) ON CONFLICT (name) DO NOTHING",
                 name=trainee, now=_now())
            trainee_id = _sql(db, "SELECT id FROM trainees WHERE name = :name", name=trainee).scalar_one()
            return _sql(db, "INSERT INTO sessions (trainee_id, persona, scenario, seed, started_at, workspace)"
                            " VALUES (:trainee_id, :persona, :scenario, :seed, :now, :workspace) RETURNING id",
                        trainee_id=trainee_id, persona=persona, scenario=scenario, seed=seed, now=_now(),
                        workspace=workspace).scalar_one()

    def add_turn(self, session_id: int, role: str, text: str, emotion: str | None = None,
                 intensity: float | None = None) -> int:
        """Append one finished turn and commit it; returns its index in the session."""
        with self._write() as db:
            if self.postgres:
                # The session row's lock orders concurrent replies (SQLite's BEGIN IMMEDIATE locks the file).
                _sql(db, "SELECT id FROM sessions WHERE id = :sid FOR UPDATE", sid=session_id)
            idx = _sql(db, "SELECT COUNT(*) FROM turns WHERE session_id = :sid", sid=session_id).scalar()
            _sql(db, "INSERT INTO turns (session_id, idx, role, text, emotion, intensity, created_at)"
                     " VALUES (:sid, :idx, :role, :text, :emotion, :intensity, :now)",
                 sid=session_id, idx=idx, role=role, text=text, emotion=emotion, intensity=intensity, now=_now())
            return idx

    def finish_session(self, session_id: int, outcome: str, grade: GradeRecord) -> None:
        """Close the session with its outcome and store its grade."""
        with self._write() as db:
            _sql(db, "UPDATE sessions SET ended_at = :now, outcome = :outcome WHERE id = :sid",
                 now=_now(), outcome=outcome, sid=session_id)
            _sql(db, "INSERT INTO grades (session_id, score, subscores, findings, summary, status, created_at)"
                     " VALUES (:sid, :score, :subscores, :findings, :summary, :status, :now) ON CONFLICT (session_id)"
                     " DO UPDATE SET score = excluded.score, subscores = excluded.subscores,"
                     " findings = excluded.findings, summary = excluded.summary, status = excluded.status,"
                     " created_at = excluded.created_at",
                 sid=session_id, score=grade.score, subscores=json.dumps(grade.subscores, ensure_ascii=False),
                 findings=json.dumps(grade.findings, ensure_ascii=False), summary=grade.summary,
                 status=grade.status, now=_now())

    def interrupt_unfinished(self, idle: timedelta | None = None) -> int:
        """Close sessions a crash left open (no end, silent for `idle`) as interrupted; returns how many.

        The default idle is zero on SQLite, where the starting app is the file's only user, and
        SHARED_IDLE on PostgreSQL, where other processes may be in the middle of a call.
        """
        cutoff = _now((SHARED_IDLE if self.postgres else timedelta()) if idle is None else idle)
        with self._write() as db:
            return _sql(db, "UPDATE sessions SET outcome = :outcome, ended_at = :now"
                            " WHERE ended_at IS NULL AND started_at <= :cutoff AND NOT EXISTS (SELECT 1 FROM turns"
                            " WHERE turns.session_id = sessions.id AND turns.created_at > :cutoff)",
                        outcome=INTERRUPTED, now=_now(), cutoff=cutoff).rowcount

    def trainees(self, workspace: str | None = None) -> list[TraineeSummary]:
        """Every trainee (of one workspace, if given) with their session count, best complete and latest score."""
        rows = self._rows(f"""
            SELECT t.name, COUNT(s.id) AS sessions,
                   MAX(CASE WHEN g.status = 'complete' THEN g.score END) AS best,
                   (SELECT g2.score FROM sessions s2 JOIN grades g2 ON g2.session_id = s2.id
                    WHERE s2.trainee_id = t.id {"AND s2.workspace = :workspace" if workspace else ""}
                    ORDER BY s2.started_at DESC, s2.id DESC LIMIT 1) AS last
            FROM trainees t LEFT JOIN sessions s ON s.trainee_id = t.id
                 {"AND s.workspace = :workspace" if workspace else ""}
            LEFT JOIN grades g ON g.session_id = s.id
            GROUP BY t.id, t.name {"HAVING COUNT(s.id) > 0" if workspace else ""} ORDER BY t.name
        """, workspace=workspace)
        return [TraineeSummary(**r) for r in rows]

    def sessions(self, trainee: str | None = None, workspace: str | None = None) -> list[SessionRecord]:
        """Sessions, newest first, optionally of one trainee and one workspace."""
        where = [clause for clause, value in (("t.name = :trainee", trainee), ("s.workspace = :workspace", workspace))
                 if value]
        rows = self._rows(f"""
            SELECT s.id, t.name AS trainee, s.persona, s.scenario, s.seed, s.started_at, s.ended_at,
                   s.outcome, g.score, s.workspace, (SELECT COUNT(*) FROM turns WHERE session_id = s.id) AS turns
            FROM sessions s JOIN trainees t ON t.id = s.trainee_id
            LEFT JOIN grades g ON g.session_id = s.id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY s.started_at DESC, s.id DESC
        """, trainee=trainee, workspace=workspace)
        return [SessionRecord(**r) for r in rows]

    def turns(self, session_id: int) -> list[TurnRecord]:
        """The session's turns in order."""
        rows = self._rows("SELECT idx, role, text, emotion, intensity FROM turns WHERE session_id = :sid ORDER BY idx",
                          sid=session_id)
        return [TurnRecord(**r) for r in rows]

    def grade(self, session_id: int) -> GradeRecord | None:
        """The stored grade of a finished session, if any."""
        rows = self._rows("SELECT score, subscores, findings, summary, status FROM grades WHERE session_id = :sid",
                          sid=session_id)
        if not rows:
            return None
        return _grade_of(rows[0])

    def grades(self, workspace: str | None = None) -> dict[int, GradeRecord]:
        """Every stored grade (of one workspace, if given) by session id, in one query for dashboards."""
        rows = self._rows(f"""
            SELECT g.session_id, g.score, g.subscores, g.findings, g.summary, g.status
            FROM grades g JOIN sessions s ON s.id = g.session_id
            {"WHERE s.workspace = :workspace" if workspace else ""}
        """, workspace=workspace)
        return {r["session_id"]: _grade_of(r) for r in rows}


def _grade_of(row: dict) -> GradeRecord:
    """A grades row (JSON columns decoded) as a GradeRecord."""
    return GradeRecord(score=row["score"], subscores=json.loads(row["subscores"]), findings=json.loads(row["findings"]),
                       summary=row["summary"], status=row["status"])


def _sql(db: sa.Connection, query: str, **params) -> sa.CursorResult:
    """Run one statement with :named parameters (each driver gets its own placeholder style)."""
    return db.execute(sa.text(query), params)


def _sqlite_connect(dbapi, _record) -> None:
    # We send BEGIN ourselves (see _sqlite_begin): pysqlite's own would come only before the first write.
    dbapi.isolation_level = None
    dbapi.execute("PRAGMA foreign_keys=ON")
    # WAL persists in the file: readers (the trainer tab) never block a trainee's writes.
    dbapi.execute("PRAGMA journal_mode=WAL")


def _sqlite_begin(db: sa.Connection) -> None:
    # A writer takes the lock before it reads, so two replies never count the same turns.
    db.exec_driver_sql("BEGIN IMMEDIATE" if db.get_execution_options().get("kefu_write") else "BEGIN")
