"""Recorded calls in: JSONL or CSV utterances, grouped into calls by call_id with a bounded buffer.

Memory stays flat whatever the input size: only `max_open` calls are held at once. ASR exports
write a call's lines together, so a call is complete once `max_open` other calls have started
after it (or its file ends). A call_id that comes back after its call was graded is reported as
`file:line: 通话 X 不连续` and those lines are skipped (we chose reporting over a disk spill: a
split call is an export fault people should see, and merging would re-grade a call already
written). The ids already seen are kept (a few dozen bytes per call) to catch that and the same
call_id in two files.
"""
from __future__ import annotations

import csv
import json
import re
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

REQUIRED = ("call_id", "agent_id", "role", "text")
TIMES = ("start_ms", "end_ms")
# Longer lines are not utterances (a broken export glued lines together); they are skipped unread.
MAX_LINE = 1 << 20
MAX_OPEN = 256
SNIFF = 1 << 16
# Headers a Chinese QA or ASR system exports, read without --map; what --map says wins.
COLUMN_NAMES = {"通话编号": "call_id", "通话ID": "call_id", "通话id": "call_id", "录音编号": "call_id",
                "坐席工号": "agent_id", "工号": "agent_id", "坐席编号": "agent_id", "角色": "role", "说话人": "role",
                "内容": "text", "发言内容": "text", "文本": "text", "转写文本": "text", "开始毫秒": "start_ms",
                "结束毫秒": "end_ms", "通话开始时间": "call_start"}
COLUMN_TITLES = {"call_id": "通话编号", "agent_id": "坐席工号", "role": "角色", "text": "内容"}
ROLES = {"agent": "agent", "坐席": "agent", "客服": "agent", "staff": "agent",
         "customer": "customer", "客户": "customer", "用户": "customer", "caller": "customer"}


class Problems:
    """`file:line: problem` messages (Chinese); counted in full, the first `keep` kept for the report."""

    def __init__(self, keep: int = 1000):
        self.keep, self.count, self.items = keep, 0, []

    def add(self, where: str, message: str) -> None:
        self.count += 1
        if len(self.items) < self.keep:
            self.items.append(f"{where}: {message}")


def parse_map(pairs: list[str] | None) -> dict[str, str]:
    """`old=new` pairs as {old: new}; ValueError (Chinese) for a pair without '='."""
    mapping = {}
    for pair in pairs or []:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValueError(f"--map 的格式应为 原列名=新列名（例如 发言方=角色），收到：{pair}")
        mapping[old.strip()] = new.strip()
    return mapping


def _encoding(path: Path, problems: Problems) -> str:
    """UTF-8 (BOM allowed) unless the file's head is not, then GB18030 (a superset of GBK), said once."""
    with path.open("rb") as f:
        head = f.read(SNIFF)
    cut = head.rfind(b"\n") if len(head) == SNIFF else len(head)
    try:
        head[:cut].decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        head[:cut].decode("gb18030")
    except UnicodeDecodeError:
        problems.add(path.name, "文件不是 UTF-8 编码，也无法按 GBK 读取；无法解码的行将被跳过，请另存为 UTF-8")
        return "utf-8-sig"
    problems.add(path.name, "文件不是 UTF-8 编码，已按 GBK（GB18030）读取；建议导出为 UTF-8")
    return "gb18030"


def _lines(path: Path, problems: Problems) -> Iterator[tuple[int, str]]:
    """(line number, text) of every readable line; overlong and undecodable lines are reported and skipped."""
    encoding = _encoding(path, problems)
    with path.open("rb") as f:
        number = 0
        while raw := f.readline(MAX_LINE + 1):
            number += 1
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                while (rest := f.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass
                problems.add(f"{path.name}:{number}", f"该行超过 {MAX_LINE // (1 << 20)} MB，不是一句发言，已跳过")
                continue
            try:
                text = raw.decode(encoding).rstrip("\r\n")
            except UnicodeDecodeError:
                problems.add(f"{path.name}:{number}", "该行无法按文件编码解码，已跳过")
                continue
            if text.strip():
                yield number, text


def rows(path: Path, mapping: dict[str, str], problems: Problems) -> Iterator[tuple[int, dict]]:
    """(line, row) with columns renamed by `mapping`; a CSV missing a required column is reported and skipped."""
    # A target may be named in Chinese too (发言方=角色).
    mapping = {**COLUMN_NAMES, **{old: COLUMN_NAMES.get(new, new) for old, new in mapping.items()}}
    rename = lambda row: {mapping.get(k, k): v for k, v in row.items() if k is not None}
    lines = _lines(path, problems)
    if path.suffix.lower() == ".csv":
        header = next(lines, None)
        if header is None:
            problems.add(path.name, "文件为空")
            return
        names = [mapping.get(n.strip(), n.strip()) for n in next(csv.reader([header[1]]))]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            problems.add(path.name, f"缺少必需的列 {'、'.join(f'{COLUMN_TITLES[c]}（{c}）' for c in missing)}"
                         f"（现有列：{'、'.join(names)}）；可用 --map 原列名={COLUMN_TITLES[missing[0]]} 指定，该文件已跳过")
            return
        current = [0]

        def numbered():
            for number, text in lines:
                current[0] = number
                yield text

        for values in csv.reader(numbered()):
            if len(values) != len(names):
                problems.add(f"{path.name}:{current[0]}", f"应有 {len(names)} 列，实有 {len(values)} 列，已跳过")
                continue
            yield current[0], dict(zip(names, values))
        return
    for number, text in lines:
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.add(f"{path.name}:{number}", f"不是有效的 JSON（第 {exc.colno} 列：{exc.msg}），已跳过")
            continue
        if not isinstance(row, dict):
            problems.add(f"{path.name}:{number}", "每行应是一个 JSON 对象，已跳过")
            continue
        yield number, rename(row)


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def utterance(row: dict) -> tuple[dict | None, str | None]:
    """The row as {call_id, agent_id, role, text, start_ms, end_ms, call_start}, or the reason it is unusable."""
    missing = [c for c in REQUIRED if row.get(c) in (None, "")]
    if missing:
        return None, f"缺少字段 {'、'.join(missing)}，已跳过"
    role = ROLES.get(str(row["role"]).strip().lower())
    if role is None:
        return None, f"role 应为 agent（坐席）或 customer（客户），收到「{str(row['role'])[:20]}」，已跳过"
    times = {}
    for key in TIMES:
        value = row.get(key)
        if value in (None, ""):
            times[key] = None
        elif isinstance(value, (int, float)) or _NUMBER.match(str(value).strip()):
            times[key] = float(value)
        else:
            return None, f"{key} 应为毫秒数，收到「{str(value)[:20]}」，已跳过"
    start = row.get("call_start")
    return {"call_id": str(row["call_id"]).strip(), "agent_id": str(row["agent_id"]).strip(), "role": role,
            "text": str(row["text"]).strip(), **times, "call_start": str(start).strip() if start else None}, None


def calls(paths: list[Path], mapping: dict[str, str], problems: Problems, done: set[str] = frozenset(),
          max_open: int = MAX_OPEN) -> Iterator[dict]:
    """Every call in input order as {call_id, agent_id, call_start, where, turns}; ids in `done` are skipped."""
    seen: dict[str, int] = {}  # call_id -> index of the file it was read from
    told: set[tuple[str, int]] = set()
    for index, path in enumerate(paths):
        open_calls: OrderedDict[str, dict] = OrderedDict()
        for number, row in rows(path, mapping, problems):
            utt, reason = utterance(row)
            where = f"{path.name}:{number}"
            if utt is None:
                problems.add(where, reason)
                continue
            cid = utt["call_id"]
            call = open_calls.get(cid)
            if call is None:
                if cid in seen:
                    if (cid, index) not in told:
                        told.add((cid, index))
                        problems.add(where, f"通话 {cid} 不连续（该通话已评分，后续行已跳过）" if seen[cid] == index
                                     else f"通话编号 {cid} 重复：已在 {paths[seen[cid]].name} 中出现，本文件中的该通话已跳过")
                    continue
                seen[cid] = index
                # A call already written by an interrupted run is grouped as usual but not yielded again.
                call = open_calls[cid] = {"call_id": cid, "agent_id": utt["agent_id"], "call_start": utt["call_start"],
                                          "where": where, "turns": [], "done": cid in done}
                if len(open_calls) > max_open:
                    yield from _finish(open_calls.popitem(last=False)[1])
            else:
                open_calls.move_to_end(cid)
            call["turns"].append({"role": utt["role"], "text": utt["text"],
                                  "start_ms": utt["start_ms"], "end_ms": utt["end_ms"]})
        while open_calls:
            yield from _finish(open_calls.popitem(last=False)[1])


def _finish(call: dict) -> Iterator[dict]:
    """The call with turns in spoken order where every turn has a start time (exports are not always sorted)."""
    if call.pop("done"):
        return
    if all(t["start_ms"] is not None for t in call["turns"]):
        call["turns"].sort(key=lambda t: t["start_ms"])
    yield call
