"""Eval reports: metrics.json, report.md and a self-contained report.html; comparison with an earlier run."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import yaml
from pydantic import BaseModel

from assist.emotion import NAMES as EMOTION_NAMES
from evals.charts import svg
from evals.metrics import lower_is_better
from evals.runner import SuiteResult
from knowledge.rulebook import CATEGORY_NAMES

# Changes smaller than this are noise: quality metrics move in steps of one case anyway.
TOLERANCE = 0.005
# Latencies wobble with machine load; only a change of more than this share counts.
LATENCY_TOLERANCE = 0.5
MAX_FAILURES_SHOWN = 60


class Change(BaseModel):
    """One metric that moved between two runs."""

    suite: str
    metric: str
    before: float
    after: float
    verdict: str  # "regressed" | "improved"

    def __str__(self) -> str:
        return f"{self.suite} · {self.metric}: {self.before:g} → {self.after:g}"


def metrics_doc(results: list[SuiteResult]) -> dict:
    """What metrics.json holds: per suite its verdict, metrics and thresholds."""
    return {
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "passed": all(r.passed for r in results),
        "suites": {r.name: {"component": r.component, "path": r.path, "backend": r.backend, "passed": r.passed,
                            "skipped": r.skipped, "seconds": r.seconds, "cases": len(r.cases),
                            "failed_cases": sum(not c.passed for c in r.cases),
                            "metrics": r.metrics, "thresholds": r.thresholds} for r in results},
    }


def compare(previous_dir: Path | str, current: list[SuiteResult] | dict) -> list[Change]:
    """Metrics that regressed or improved against the metrics.json in `previous_dir`."""
    path = Path(previous_dir) / "metrics.json"
    try:
        before = json.loads(path.read_text(encoding="utf-8"))["suites"]
    except FileNotFoundError:
        raise ValueError(f"找不到上一次的评测结果：{path}") from None
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path} 不是评测结果文件：{exc}") from None
    now = current["suites"] if isinstance(current, dict) else metrics_doc(current)["suites"]
    changes = []
    for suite, entry in now.items():
        old = before.get(suite, {}).get("metrics", {})
        for metric, after in entry["metrics"].items():
            if metric not in old:
                continue
            verdict = _verdict(metric, old[metric], after)
            if verdict:
                changes.append(Change(suite=suite, metric=metric, before=old[metric], after=after, verdict=verdict))
    return changes


def _verdict(metric: str, before: float, after: float) -> str | None:
    delta = after - before
    if metric.endswith("_ms"):
        if abs(delta) <= LATENCY_TOLERANCE * max(abs(before), 1e-9):
            return None
    elif abs(delta) <= TOLERANCE:
        return None
    worse = delta > 0 if lower_is_better(metric) else delta < 0
    return "regressed" if worse else "improved"


def write_report(results: list[SuiteResult], out_dir: Path | str, changes: list[Change] | None = None) -> Path:
    """Write metrics.json, report.md and report.html into `out_dir`; returns the HTML path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    doc = metrics_doc(results)
    (out / "metrics.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "report.md").write_text(markdown(results, changes), encoding="utf-8")
    html_path = out / "report.html"
    html_path.write_text(html(results, changes, doc["generated"]), encoding="utf-8")
    return html_path


def _status(r: SuiteResult) -> str:
    return f"skipped: {r.skipped}" if r.skipped else "PASS" if r.passed else "FAIL"


def _bound(t: dict) -> str:
    return t["metric"] if "op" not in t else f"{t['metric']} {t['op']} {t['bound']:g}"


def markdown(results: list[SuiteResult], changes: list[Change] | None = None) -> str:
    """The report for people reading it in a terminal or a pull request."""
    lines = ["# kefu eval report", "", "| suite | component | cases | result |", "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.component} | {len(r.cases)} | {_status(r)} |" for r in results]
    if changes is not None:
        lines += ["", "## Compared with the previous run", ""]
        lines += [f"- **{c.verdict}** {c}" for c in changes] or ["- no metric moved"]
    for r in results:
        lines += ["", f"## {r.name} ({r.component}) — {_status(r)}", ""]
        for t in r.thresholds:
            mark = "✓" if t["passed"] else "✗"
            lines.append(f"- {mark} {_bound(t)} (got {t['value']})")
        if r.metrics:
            lines += ["", "| metric | value |", "|---|---|"]
            lines += [f"| {k} | {v:g} |" for k, v in r.metrics.items()]
        failed = [c for c in r.cases if not c.passed]
        if failed:
            lines += ["", f"Failing cases ({len(failed)}):", "", "| case | expected | got |", "|---|---|---|"]
            lines += [f"| {c.id} | {_md(c.expected)} | {_md(c.error or c.got)} |" for c in failed[:MAX_FAILURES_SHOWN]]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


CSS = """
body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}
.pass{color:#1e7b34;font-weight:bold}.fail{color:#c0392b;font-weight:bold}.skip{color:#8a6d00}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee}
section{margin-top:28px;border-top:2px solid #eee}td.got{max-width:520px}
"""


def html(results: list[SuiteResult], changes: list[Change] | None, generated: str) -> str:
    """One HTML file with everything inline: styles, SVG charts, escaped case texts."""
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>kefu eval report</title>',
             f"<style>{CSS}</style></head><body>", "<h1>kefu eval report</h1>",
             f"<p>Generated {escape(generated)}</p>",
             "<table><tr><th>suite</th><th>component</th><th>cases</th><th>result</th></tr>"]
    for r in results:
        parts.append(f'<tr><td><a href="#{_anchor(r)}">{escape(r.name)}</a></td><td>{escape(r.component)}</td>'
                     f"<td>{len(r.cases)}</td><td>{_badge(r)}</td></tr>")
    parts.append("</table>")
    if changes is not None:
        parts.append("<h2>Compared with the previous run</h2><ul>")
        parts += [f'<li class="{"fail" if c.verdict == "regressed" else "pass"}">{escape(c.verdict)}: '
                  f"{escape(str(c))}</li>" for c in changes] or ["<li>no metric moved</li>"]
        parts.append("</ul>")
    for r in results:
        parts.append(_section(r))
    parts.append("</body></html>")
    return "".join(parts)


def _anchor(r: SuiteResult) -> str:
    return "suite-" + "".join(ch if ch.isalnum() else "-" for ch in r.name)


def _badge(r: SuiteResult) -> str:
    if r.skipped:
        return f'<span class="skip">{escape(_status(r))}</span>'
    return '<span class="pass">PASS</span>' if r.passed else '<span class="fail">FAIL</span>'


def _section(r: SuiteResult) -> str:
    parts = [f'<section id="{_anchor(r)}"><h2>{escape(r.name)} · {escape(r.component)} · {_badge(r)}</h2>',
             f"<p>{escape(r.path)} · backend {escape(r.backend)} · {r.seconds:g} s</p>"]
    if r.thresholds:
        parts.append("<table><tr><th>threshold</th><th>value</th><th></th></tr>")
        parts += [f"<tr><td>{escape(_bound(t))}</td><td>{escape(str(t['value']))}</td>"
                  f'<td class="{"pass" if t["passed"] else "fail"}">{"✓" if t["passed"] else "✗"}</td></tr>'
                  for t in r.thresholds]
        parts.append("</table>")
    if r.metrics:
        parts.append("<details><summary>all metrics</summary><table>")
        parts += [f"<tr><td>{escape(k)}</td><td>{v:g}</td></tr>" for k, v in r.metrics.items()]
        parts.append("</table></details>")
    if r.charts:
        parts.append('<div class="charts">' + "".join(svg(c) for c in r.charts) + "</div>")
    failed = [c for c in r.cases if not c.passed]
    if failed:
        parts.append(f"<h3>Failing cases ({len(failed)})</h3>"
                     "<table><tr><th>case</th><th>expected</th><th>got</th></tr>")
        parts += [f"<tr><td>{escape(c.id)}</td><td>{escape(c.expected)}</td>"
                  f'<td class="got">{escape(c.error or c.got)}</td></tr>' for c in failed[:MAX_FAILURES_SHOWN]]
        parts.append("</table>")
        if len(failed) > MAX_FAILURES_SHOWN:
            parts.append(f"<p>… and {len(failed) - MAX_FAILURES_SHOWN} more</p>")
    parts.append("</section>")
    return "".join(parts)


# What trainers read: every metric under a Chinese name (per-label metrics add the label's Chinese name).
METRIC_NAMES = {
    "precision": "查准率", "recall": "检出率", "f1": "综合得分（F1）", "false_positive_rate": "误报率", "accuracy": "准确率",
    "hit@1": "首条命中率", "hit@3": "前三条命中率", "hit@k": "前几条命中率", "mrr": "排序得分",
    "macro_f1": "各类平均得分", "intensity_mae": "情绪强度误差", "scenario_accuracy": "场景识别准确率",
    "share_never_flagged": "建议无违规占比", "share_cited": "建议有出处占比", "share_answered": "建议给出率",
    "emotion_accuracy": "情绪识别准确率", "commitment_violations": "越界承诺次数", "band_agreement": "分数落入标注档位占比",
    "mae": "平均分差", "spearman": "排序一致性", "must_cite_recall": "应引条款命中率", "order_holds": "优中差顺序成立占比",
    "resolution_rate": "解决率", "escalation_rate": "升级率", "pass_rate": "通过率", "pass^k": "多次重复全部通过率",
    "latency_p50_ms": "响应时间中位数（毫秒）", "latency_p95_ms": "95% 响应时间（毫秒）", "latency_mean_ms": "平均响应时间（毫秒）",
}
COMPONENT_NAMES = {"check": "违规检查", "search": "知识检索", "emotion": "情绪识别", "suggest": "推荐话术",
                   "grade": "评分", "simulate": "模拟客户"}
OPS = {">=": "不低于", "<=": "不高于"}
# A parenthesis holding Latin letters names a data file or an English gloss; trainers do not need it.
_ASCII_ASIDE = re.compile(r"[（(][^（）()]*[A-Za-z][^（）()]*[）)]")


class TrainerReport(BaseModel):
    """An eval run for trainers: a Chinese summary, and the raw report to fold away."""

    summary: str
    details: str


def suite_title(path: Path) -> str:
    """A suite's Chinese title: its description without file names, else its component's Chinese name."""
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        doc = {}
    title = _ASCII_ASIDE.sub("", str(doc.get("description") or "")).strip(" ，,")
    return title or COMPONENT_NAMES.get(str(doc.get("component")), "评测")


def metric_name(metric: str) -> str:
    """A metric key in Chinese, e.g. forbidden_phrase.recall → 服务禁语·检出率."""
    head, _, tail = metric.rpartition(".")
    name = METRIC_NAMES.get(tail, tail)
    return f"{CATEGORY_NAMES.get(head) or EMOTION_NAMES.get(head) or head}·{name}" if head else name


def _figure(metric: str, value: float | None) -> str:
    if value is None:
        return "无结果"
    return f"{value:.0f}" if metric.endswith(("_ms", "violations")) else f"{value:.2f}"


def trainer_summary(results: list[SuiteResult], changes: list[Change] | None, titles: dict[str, str]) -> str:
    """What passed, what failed and what moved since the previous run, in plain Chinese sentences."""
    title = {r.name: titles.get(r.name) or COMPONENT_NAMES.get(r.component, "评测") for r in results}
    failed = [r for r in results if not r.passed and not r.skipped]
    skipped = [r for r in results if r.skipped]
    lines = [f"**本次运行 {len(results)} 项评测：{len(results) - len(failed) - len(skipped)} 项通过，"
             f"{len(failed)} 项未通过" + (f"，{len(skipped)} 项未运行" if skipped else "") + "。**"]
    for heading, group in (("未通过", failed), ("通过", [r for r in results if r.passed])):
        if group:
            lines += ["", f"#### {heading}"]
            lines += [f"- **{escape(title[r.name])}**：" + "；".join(
                f"{metric_name(t['metric'])} {_figure(t['metric'], t['value'])}"
                f"（要求{OPS.get(t.get('op'), '')} {_figure(t['metric'], t.get('bound'))}）"
                + ("" if t["passed"] else "，未达标") for t in r.thresholds) + "。" for r in group]
    if skipped:
        lines += ["", "#### 未运行"] + [f"- **{escape(title[r.name])}**：{escape(r.skipped)}" for r in skipped]
    lines += ["", "#### 与上一次运行相比"]
    # Timings move with the machine's load, not with what agents are taught: they stay in the raw report.
    taught = [c for c in changes or [] if not c.metric.endswith("_ms")]
    if changes is None:
        lines.append("- 这是这些评测第一次在此运行，下次运行后会显示哪些指标变好或变差。")
    elif not taught:
        lines.append("- 各项指标与上次相比没有明显变化。")
    for verdict, word in (("regressed", "变差"), ("improved", "变好")):
        moved = [c for c in taught if c.verdict == verdict]
        if moved:
            lines.append(f"- **{len(moved)} 项指标{word}**：" + "；".join(
                f"「{escape(title.get(c.suite, c.suite))}」的{metric_name(c.metric)}从 {_figure(c.metric, c.before)} "
                f"{'升到' if c.after > c.before else '降到'} {_figure(c.metric, c.after)}" for c in moved) + "。")
    return "\n".join(lines)


def trainer_report(results: list[SuiteResult], titles: dict[str, str], history: Path | str) -> TrainerReport:
    """The trainer's report, compared with the last run kept in `history`, which then keeps this run too."""
    path = Path(history) / "metrics.json"
    doc = metrics_doc(results)
    try:
        changes = compare(history, doc) if path.exists() else None
        kept = json.loads(path.read_text(encoding="utf-8"))["suites"] if path.exists() else {}
    except (ValueError, KeyError, TypeError):
        changes, kept = None, {}  # an unreadable earlier run is no reason to withhold this one
    # Suites not run this time keep their last figures, so each is compared with its own previous run.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**doc, "suites": {**kept, **doc["suites"]}}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return TrainerReport(summary=trainer_summary(results, changes, titles), details=markdown(results, changes))
