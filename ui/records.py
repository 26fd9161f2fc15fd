"""Trainee records in SQLite: trainees, sessions, turns and grades (the only sqlite3 user)."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel

# Each entry moves the schema one version up; never edit a shipped entry, append a new one.
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
]


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


class GradeRecord(BaseModel):
    score: float
    subscores: dict
    findings: list[dict]
    summary: str


class TraineeSummary(BaseModel):
    name: str
    sessions: int
    best: float | None = None
    last: float | None = None


class Records:
    """Durable trainee records; every write commits at once so a killed server loses nothing said."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            # WAL persists in the file: readers (the trainer tab) never block a trainee's writes.
            db.execute("PRAGMA journal_mode=WAL")
            self._migrate(db)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # One short connection per call: Gradio runs handlers on many threads.
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        try:
            with db:
                yield db
        finally:
            db.close()

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        current = row[0] or 0
        for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
            db.executescript(script)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            db.commit()

    @property
    def schema_version(self) -> int:
        with self._connect() as db:
            return db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]

    def start_session(self, trainee: str, persona: str, scenario: str, seed: int) -> int:
        """Create (or reuse) the trainee and open a new session; returns the session id."""
        with self._connect() as db:
            db.execute("INSERT OR IGNORE INTO trainees (name, created_at) VALUES (?, ?)", (trainee, _now()))
            trainee_id = db.execute("SELECT id FROM trainees WHERE name = ?", (trainee,)).fetchone()[0]
            cur = db.execute(
                "INSERT INTO sessions (trainee_id, persona, scenario, seed, started_at) VALUES (?, ?, ?, ?, ?)",
                (trainee_id, persona, scenario, seed, _now()),
            )
            return cur.lastrowid

    def add_turn(self, session_id: int, role: str, text: str, emotion: str | None = None,
                 intensity: float | None = None) -> int:
        """Append one finished turn and commit it; returns its index in the session."""
        with self._connect() as db:
            idx = db.execute("SELECT COUNT(*) FROM turns WHERE session_id = ?", (session_id,)).fetchone()[0]
            db.execute(
                "INSERT INTO turns (session_id, idx, role, text, emotion, intensity, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, idx, role, text, emotion, intensity, _now()),
            )
            return idx

    def finish_session(self, session_id: int, outcome: str, grade: GradeRecord) -> None:
        """Close the session with its outcome and store its grade."""
        with self._connect() as db:
            db.execute("UPDATE sessions SET ended_at = ?, outcome = ? WHERE id = ?", (_now(), outcome, session_id))
            db.execute(
                "INSERT OR REPLACE INTO grades (session_id, score, subscores, findings, summary, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, grade.score, json.dumps(grade.subscores, ensure_ascii=False),
                 json.dumps(grade.findings, ensure_ascii=False), grade.summary, _now()),
            )

    def trainees(self) -> list[TraineeSummary]:
        """Every trainee with their session count, best and latest score."""
        with self._connect() as db:
            rows = db.execute(
                """
                SELECT t.name, COUNT(s.id) AS sessions, MAX(g.score) AS best,
                       (SELECT g2.score FROM sessions s2 JOIN grades g2 ON g2.session_id = s2.id
                        WHERE s2.trainee_id = t.id ORDER BY s2.started_at DESC, s2.id DESC LIMIT 1) AS last
                FROM trainees t LEFT JOIN sessions s ON s.trainee_id = t.id
                LEFT JOIN grades g ON g.session_id = s.id
                GROUP BY t.id ORDER BY t.name
                """
            ).fetchall()
        return [TraineeSummary(**dict(r)) for r in rows]

    def sessions(self, trainee: str | None = None) -> list[SessionRecord]:
        """Sessions, newest first, optionally of one trainee."""
        query = """
            SELECT s.id, t.name AS trainee, s.persona, s.scenario, s.seed, s.started_at, s.ended_at,
                   s.outcome, g.score
            FROM sessions s JOIN trainees t ON t.id = s.trainee_id
            LEFT JOIN grades g ON g.session_id = s.id
        """
        params: tuple = ()
        if trainee:
            query += " WHERE t.name = ?"
            params = (trainee,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY s.started_at DESC, s.id DESC", params).fetchall()
        return [SessionRecord(**dict(r)) for r in rows]

    def turns(self, session_id: int) -> list[TurnRecord]:
        """The session's turns in order."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT idx, role, text, emotion, intensity FROM turns WHERE session_id = ? ORDER BY idx",
                (session_id,),
            ).fetchall()
        return [TurnRecord(**dict(r)) for r in rows]

    def grade(self, session_id: int) -> GradeRecord | None:
        """The stored grade of a finished session, if any."""
        with self._connect() as db:
            row = db.execute("SELECT score, subscores, findings, summary FROM grades WHERE session_id = ?",
                             (session_id,)).fetchone()
        if row is None:
            return None
        return GradeRecord(score=row["score"], subscores=json.loads(row["subscores"]),
                           findings=json.loads(row["findings"]), summary=row["summary"])

    def export_csv(self) -> str:
        """All sessions as CSV text (one row per session), for spreadsheets."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["session_id", "trainee", "persona", "scenario", "seed", "started_at", "ended_at",
                         "outcome", "score", "turns"])
        for s in self.sessions():
            row = [s.id, s.trainee, s.persona, s.scenario, s.seed, s.started_at, s.ended_at, s.outcome, s.score,
                   len(self.turns(s.id))]
            writer.writerow([_cell(v) for v in row])
        return out.getvalue()
