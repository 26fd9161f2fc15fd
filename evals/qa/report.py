"""What a QA run adds up to: per-agent, per-rule and per-day totals, the worst calls, and the four output files.

`Tally` holds only bounded state (one entry per agent, rule and day, the `WORST` worst calls), so it
survives any input size and is saved whole in the checkpoint.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import datetime
from pathlib import Path

from core.timefmt import BEIJING

WORST = 20
CATEGORIES = {
    "violation": "服务用语违规", "injection": "试图干扰评分", "opening": "开头语不规范", "closing": "缺少结束语",
    "ask_name": "未询问客户姓氏", "surname": "未用姓氏称呼客户", "confirmation": "关键信息未复述确认",
    "empathy": "未及时安抚致歉", "commitment": "未给出明确时限", "sla": "承诺超出规定时限", "promise": "不当承诺",
    "must_do": "遗漏必做事项", "outcome": "客户情绪失控", "unresolved": "问题未解决", "scolding": "埋怨说教客户", "pickup": "接听过慢", "speech_rate": "语速不当",
    "silence": "静默未提示稍候", "overlap": "抢话插话", "latency": "应答迟缓", "no_timestamps": "缺少时间戳"}
SUBSCORES = {"language": "语言规范", "procedure": "服务流程", "empathy": "情绪安抚", "resolution": "问题解决",
             "timing": "时间规范"}


def describer(rulebook):
    """rule id -> {text, where} for people (the rule's wording and its source), never the id itself."""

    def describe(rule_id: str) -> dict:
        try:
            entry = rulebook.by_id(rule_id)
        except (KeyError, AttributeError):
            return {"text": "（该规则已不在规则库中）", "where": ""}
        return {"text": entry.text, "where": f"{entry.source.file} {entry.source.article}".strip()}

    return describe


def beijing(stamp: str | None) -> datetime | None:
    """An ISO time in Beijing time; a time without a zone is taken as Beijing time (how exports write it)."""
    try:
        moment = datetime.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
    if moment is None:
        return None
    return moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment.astimezone(BEIJING)


class Tally:
    """Running totals of inspected calls."""

    def __init__(self, state: dict | None = None):
        s = state or {}
        self.calls, self.graded, self.utterances = s.get("calls", 0), s.get("graded", 0), s.get("utterances", 0)
        self.untimed, self.score_sum = s.get("untimed", 0), s.get("score_sum", 0)
        self.histogram = s.get("histogram", [0] * 10)
        self.rules, self.categories = Counter(s.get("rules", {})), Counter(s.get("categories", {}))
        self.agents: dict[str, dict] = {a: {**v, "rules": Counter(v["rules"])} for a, v in s.get("agents", {}).items()}
        self.days: dict[str, list] = s.get("days", {})
        self.worst: list[dict] = s.get("worst", [])

    def state(self) -> dict:
        """Everything needed to carry on after an interruption (JSON-ready)."""
        return {"calls": self.calls, "graded": self.graded, "utterances": self.utterances, "untimed": self.untimed,
                "score_sum": self.score_sum, "histogram": self.histogram, "rules": dict(self.rules),
                "categories": dict(self.categories), "days": self.days, "worst": self.worst,
                "agents": {a: {**v, "rules": dict(v["rules"])} for a, v in self.agents.items()}}

    def add(self, call: dict, result: dict) -> None:
        """Count one inspected call (`call` supplies the transcript kept for the worst calls)."""
        self.calls += 1
        self.utterances += result["utterances"]
        agent = self.agents.setdefault(result["agent_id"], {"calls": 0, "graded": 0, "score_sum": 0, "min": None,
                                                             "rules": Counter(), "first": None, "last": None})
        agent["calls"] += 1
        when = beijing(result.get("call_start"))
        if when is not None:
            stamp = when.isoformat(timespec="seconds")
            agent["first"] = min(agent["first"] or stamp, stamp)
            agent["last"] = max(agent["last"] or stamp, stamp)
        score = result["score"]
        if score is None:
            return
        self.graded += 1
        self.untimed += not result["timed"]
        self.score_sum += score
        self.histogram[min(score // 10, 9)] += 1
        agent["graded"] += 1
        agent["score_sum"] += score
        agent["min"] = score if agent["min"] is None else min(agent["min"], score)
        for f in result["findings"]:
            self.categories[f["category"]] += 1
            if f["rule"]:
                self.rules[f["rule"]] += 1
                agent["rules"][f["rule"]] += 1
        if when is not None:
            day = self.days.setdefault(when.date().isoformat(), [0, 0])
            day[0], day[1] = day[0] + 1, day[1] + score
        if len(self.worst) < WORST or score < self.worst[-1]["score"]:
            self.worst.append({"call_id": result["call_id"], "agent_id": result["agent_id"], "score": score,
                               "findings": result["findings"], "turns": call["turns"]})
            self.worst = sorted(self.worst, key=lambda w: w["score"])[:WORST]


def summary(tally: Tally, seconds: float, problems, inputs: list[str]) -> dict:
    """summary.json: totals, counts per rule and category, mean score per agent, and the input problems."""
    return {"inputs": inputs, "calls": tally.calls, "graded": tally.graded, "no_agent": tally.calls - tally.graded,
            "utterances": tally.utterances, "untimed": tally.untimed, "seconds": round(seconds, 2),
            "utterances_per_second": round(tally.utterances / seconds, 1) if seconds else None,
            "mean_score": round(tally.score_sum / tally.graded, 2) if tally.graded else None,
            "rules": dict(tally.rules.most_common()), "categories": dict(tally.categories.most_common()),
            "agents": {a: round(v["score_sum"] / v["graded"], 2) if v["graded"] else None
                       for a, v in sorted(tally.agents.items())},
            "problems": problems.count, "problem_lines": problems.items}


def write_agents(tally: Tally, path: Path, describe) -> None:
    """agents.csv: one row per agent, Chinese headers, UTF-8 with BOM (Excel opens it right), Beijing time."""
    stamp = lambda s: s[:16].replace("T", " ") if s else ""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["坐席工号", "通话数", "已评分通话数", "平均分", "最低分", "最常违反的规则", "该规则违反次数",
                      "最早通话（北京时间）", "最晚通话（北京时间）"])
        for agent, v in sorted(tally.agents.items(), key=lambda kv: _mean(kv[1])):
            top = v["rules"].most_common(1)
            out.writerow([agent, v["calls"], v["graded"], f"{_mean(v):.1f}" if v["graded"] else "",
                          v["min"] if v["min"] is not None else "", describe(top[0][0])["text"] if top else "",
                          top[0][1] if top else 0, stamp(v["first"]), stamp(v["last"])])


def _mean(agent: dict) -> float:
    return agent["score_sum"] / agent["graded"] if agent["graded"] else 101.0


def write_html(tally: Tally, summary_: dict, path: Path, describe) -> None:
    """report.html: self-contained, every chart drawn in the browser from the data embedded in the page."""
    rules = [{"text": describe(r)["text"], "where": describe(r)["where"], "count": n} for r, n in tally.rules.most_common(15)]
    agents = [{"agent": a, "calls": v["calls"], "mean": round(_mean(v), 1) if v["graded"] else None, "min": v["min"]}
              for a, v in sorted(tally.agents.items(), key=lambda kv: -_mean(kv[1]) if kv[1]["graded"] else 1)]
    worst = [{"call": w["call_id"], "agent": w["agent_id"], "score": w["score"],
              "turns": [{"role": "坐席" if t["role"] == "agent" else "客户", "text": t["text"]} for t in w["turns"]],
              "findings": [{"turn": f["turn"], "what": CATEGORIES.get(f["category"], "其他"), "detail": f["detail"],
                            "points": f["points"], "rule": describe(f["rule"])["text"] if f["rule"] else ""}
                           for f in w["findings"]]} for w in tally.worst]
    data = {"calls": tally.calls, "graded": tally.graded, "utterances": tally.utterances, "untimed": tally.untimed,
            "mean": summary_["mean_score"], "seconds": summary_["seconds"], "problems": summary_["problems"],
            "histogram": tally.histogram, "rules": rules, "agents": agents,
            "categories": [{"what": CATEGORIES.get(c, "其他"), "count": n} for c, n in tally.categories.most_common()],
            "days": [{"day": d, "calls": v[0], "mean": round(v[1] / v[0], 1)} for d, v in sorted(tally.days.items())],
            "worst": worst, "problem_lines": summary_["problem_lines"][:50]}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    page = Path(__file__).with_name("report.html").read_text(encoding="utf-8")
    path.write_text(page.replace("/*DATA*/null", payload), encoding="utf-8")


def write_outputs(tally: Tally, summary_: dict, out: Path, describe) -> None:
    """summary.json, agents.csv and report.html (calls.jsonl is written as the run goes)."""
    (out / "summary.json").write_text(json.dumps(summary_, ensure_ascii=False, indent=1), encoding="utf-8")
    write_agents(tally, out / "agents.csv", describe)
    write_html(tally, summary_, out / "report.html", describe)
