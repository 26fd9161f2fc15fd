"""How kefu's commands look in a terminal: rich tables, marked spans, progress bars, the interactive call."""
from __future__ import annotations

from ui.markup import cite
from ui.messages import CATEGORY_NAMES, SCENARIO_NAMES, SEVERITY_NAMES, label

def print_ingest(result, report: bool) -> None:
    """One summary line, and with --report a table of cleaning figures per source file."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for error in result.errors:
        console.print(f"[red]未导入[/red] {error['message']}")
    if result.imported:
        console.print(f"已导入 {len(result.imported)} 个文件：{'、'.join(result.imported)}")
    if result.skipped:
        console.print("没有导入新文件，知识库未改动。" if result.errors else f"知识库已存在，跳过（{result.store}）。")
        return
    console.print(f"已入库 {result.chunks} 段，新嵌入 {result.embedded} 段，删除旧段 {result.deleted}，"
                  f"用时 {result.seconds:.1f} 秒 → {result.store}")
    if result.drafts:
        console.print(f"规则库有 {result.drafts} 条待审核：kefu rules --workspace 名称 查看，--approve 采用。")
    if report:
        table = Table("文件", "输入字数", "保留字数", "样板行", "重复块", "替换")
        for row in result.files:
            table.add_row(row["file"], *(str(row[c]) for c in
                          ("chars_in", "chars_kept", "boilerplate_lines", "duplicates_dropped", "substitutions")))
        console.print(table)


def print_search(result) -> None:
    """Hits as a table: rank, score, passage and its source."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if result.note:
        console.print(f"[yellow]{result.note}[/yellow]")
    table = Table("#", "得分", "条文", "出处", title=f"搜索：{result.query}", show_lines=True)
    for rank, hit in enumerate(result.hits, 1):
        table.add_row(str(rank), f"{hit.score:.4f}", hit.text, cite(hit.article or hit.source))
    console.print(table)


def print_check(result) -> None:
    """Render a check result for people: the text with marked spans, then one block per violation."""
    from rich.console import Console
    from rich.text import Text

    console = Console()
    marked = Text(result.text)
    for v in result.violations:
        marked.stylize("bold red underline", v.span[0], v.span[1])
    console.print(marked)
    _fallback(console, result)
    if not result.violations:
        console.print("[green]✓ 未发现违规[/green]")
        return
    for v in result.violations:
        # People read category and severity in Chinese and the rule's heading path, never an id or a stored file name.
        console.print(f"[red]✗ {v.phrase}[/red]  [{label(SEVERITY_NAMES, v.severity)}] {label(CATEGORY_NAMES, v.category)}")
        console.print(f"  出处：{cite(v.source)}")
        if v.suggestion:
            console.print(f"  建议：{v.suggestion}")


def print_suggest(result) -> None:
    """Emotion and scenario, then each suggested reply with its sources."""
    from rich.console import Console

    console = Console()
    console.print(f"情绪：{result.emotion.name}（{result.emotion.intensity:.2f}）  场景：{label(SCENARIO_NAMES, result.scenario)}")
    _fallback(console, result)
    if not result.suggestions:
        console.print("[yellow]没有可用的推荐回复。[/yellow]")
    for number, item in enumerate(result.suggestions, 1):
        console.print(f"[bold]{number}. {item.text}[/bold]")
        for source in item.sources:
            console.print(f"   依据：{cite(source)}", style="dim")


def _fallback(console, result) -> None:
    """Why a served model's part of the answer was replaced offline, when it was."""
    if getattr(result, "fallback", None):
        console.print(f"[yellow]注意：{result.fallback}[/yellow]")


def interactive(session):
    """Type trainee lines at a prompt; the customer's mood is shown after every reply."""
    from rich.console import Console

    console = Console()
    console.print(f"[bold]{session.persona.name}[/bold] · {session.scenario.title}（空行结束）")

    def show(turn):
        if not turn.text:  # the agent said goodbye: the caller has nothing more to say
            return
        bar = "█" * round(turn.intensity * 10) + "░" * (10 - round(turn.intensity * 10))
        console.print(f"[cyan]客户[/cyan]：{turn.text}\n  情绪 {turn.emotion} {bar} {turn.intensity:.2f}")

    show(session.opening())
    while not session.done:
        try:
            line = console.input("[green]你[/green]：").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not line:
            break
        show(session.reply(line))
    console.print(f"通话结束：{session.outcome or '未完成'}")
    return session.transcript()


def print_grade(result) -> None:
    """Score, subscores and one line per finding with its rule and source."""
    from simulator.grader import where
    from rich.console import Console
    from rich.markup import escape
    from ui.messages import FINDING_NAMES, SUBSCORE_NAMES

    console = Console()
    colour = "green" if result.score >= 80 else "yellow" if result.score >= 60 else "red"
    status = "（未完成）" if result.status == "incomplete" else ""
    console.print(f"[bold {colour}]得分 {result.score}{status}[/bold {colour}]  " +
                  "  ".join(f"{label(SUBSCORE_NAMES, k)} {v:.0f}" for k, v in result.subscores.items()))
    for f in result.findings:
        source = f"（{cite(f.source)}）" if f.source and cite(f.source) else ""
        console.print(f"  {where(f.turn)} −{f.points:g} {escape('[' + label(FINDING_NAMES, f.category) + ']')} "
                      f"{f.detail}{source}")
    console.print(result.summary)
    console.print(f"[dim]{result.formula}[/dim]")


def print_rules(rulebook) -> None:
    """Entries and hand corrections per section."""
    from rich.console import Console
    from rich.table import Table

    names = {"forbidden_phrases": "服务禁语", "scenario_phrases": "场景用语", "principles": "原则",
             "procedures": "流程", "slas": "时限", "points": "奖惩"}
    table = Table("部分", "条目", "已采用", "待审核", "已驳回", "人工校正")
    for section, name in names.items():
        entries = getattr(rulebook, section)
        counts = [sum(e.status == status for e in entries) for status in ("approved", "draft", "rejected")]
        table.add_row(name, str(len(entries)), *map(str, counts), str(sum(e.hand_corrected for e in entries)))
    Console().print(table)


def with_progress(run):
    """Call `run(progress)` under a rich progress bar fed by its (done, total, what) callback."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as bar:
        task = bar.add_task("评测中", total=None)
        return run(lambda done, total, what: bar.update(task, completed=done, total=total, description=what[:40]))


def print_eval(results, changes, report_dir) -> None:
    """One line per suite with its thresholds, then what moved since the compared run."""
    from rich.console import Console

    console = Console()
    for r in results:
        status = f"[yellow]跳过：{r.skipped}[/yellow]" if r.skipped else "[green]通过[/green]" if r.passed else "[red]未通过[/red]"
        console.print(f"[bold]{r.name}[/bold] ({r.component}, {len(r.cases)} 例, {r.seconds:g} 秒) {status}")
        for t in r.thresholds:
            mark = "[green]✓[/green]" if t["passed"] else "[red]✗[/red]"
            bound = f"{t['op']} {t['bound']:g}" if "op" in t else ""
            console.print(f"  {mark} {t['metric']} = {t['value']} {bound}")
    for c in changes or []:
        colour = "red" if c.verdict == "regressed" else "green"
        console.print(f"[{colour}]{'退步' if c.verdict == 'regressed' else '进步'} {c.verdict}[/{colour}] {c}")
    if changes is not None and not changes:
        console.print("与上次相比没有指标变化。")
    if report_dir:
        console.print(f"报告：{report_dir}/report.html")


def print_bench(result: dict, out: str) -> None:
    """The latency table and the scaling table."""
    from rich.console import Console
    from rich.table import Table

    table = Table("component", "calls", "p50 ms", "p95 ms", "p99 ms", "mean ms", "per second",
                  title=f"kefu bench ({result['machine']})")
    for name, row in result["latency"].items():
        table.add_row(name, str(row["calls"]), *(f"{row[k]:.3f}" for k in ("p50_ms", "p95_ms", "p99_ms", "mean_ms")),
                      f"{row['throughput_per_s']:.1f}")
    scaling = Table("corpus", "chunks", "ingest s", "query p50 ms", "query p95 ms", title="search scaling")
    for row in result["scaling"]:
        scaling.add_row(f"{row['scale']}x", str(row["chunks"]), f"{row['ingest_s']:.1f}",
                        f"{row['query_p50_ms']:.1f}", f"{row['query_p95_ms']:.1f}")
    console = Console()
    console.print(table)
    console.print(scaling)
    if "qa" in result:
        qa = result["qa"]
        console.print(f"qa: {qa['calls']} calls, {qa['utterances']} utterances in {qa['seconds']} s "
                      f"= {qa['utterances_per_second']} utterances/s, peak RSS {qa['peak_rss_mb']} MB "
                      f"(largest worker {qa['worker_peak_rss_mb']} MB)")
    console.print(f"{result['goal']}\n→ {out}/bench.json, {out}/bench.png")


def print_regulations(result) -> None:
    """One row per document: extraction, check and search figures, as percentages."""
    from rich.console import Console
    from rich.table import Table

    columns = [("forbidden_recall", "禁语抽取"), ("forbidden_cited", "禁语出处"), ("slas_recall", "时限"),
               ("points_recall", "奖惩"), ("prescribed_recall", "规范用语"), ("junk_rate", "误抽"),
               ("check_recall", "改写禁语检出"), ("check_false_positive_rate", "合规误报"),
               ("search_article_at_1", "检索条款正确"), ("search_answered", "检索有答"),
               ("search_refused", "无关问题拒答")]
    table = Table("文档", *(title for _, title in columns))
    for doc in result["documents"]:
        table.add_row(doc["document"], *("—" if doc[k] is None else f"{doc[k]:.0%}" for k, _ in columns))
    Console().print(table)


def qa_progress(calls: int, utterances: int) -> None:
    """One stderr line per checkpoint of a long QA run."""
    import sys

    sys.stderr.write(f"已质检 {calls} 通通话、{utterances} 句发言\n")


def print_qa(summary: dict, out: str) -> None:
    """Totals, the most broken rules' counts and the input problems of a QA run."""
    from rich.console import Console

    console = Console()
    console.print(f"[bold]质检完成[/bold]：{summary['calls']} 通通话（已评分 {summary['graded']}），"
                  f"{summary['utterances']} 句发言，用时 {summary['seconds']} 秒，平均分 {summary['mean_score']}")
    if summary["untimed"]:
        console.print(f"{summary['untimed']} 通通话缺少时间戳，未检查时间类规则")
    for line in summary["problem_lines"][:20]:
        console.print(f"[yellow]{line}[/yellow]")
    if summary["problems"] > 20:
        console.print(f"……共 {summary['problems']} 处输入问题，见 summary.json")
    console.print(f"→ {out}/report.html、calls.jsonl、agents.csv、summary.json")
