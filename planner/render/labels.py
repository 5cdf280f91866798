"""User-facing labels in Chinese and English."""

from __future__ import annotations

LANGS = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "id": ("编号", "id"),
    "name": ("任务", "task"),
    "owner": ("责任单位", "owner"),
    "start": ("开始", "start"),
    "finish": ("完成", "finish"),
    "late_start": ("最迟开始", "late start"),
    "late_finish": ("最迟完成", "late finish"),
    "duration": ("工期", "days"),
    "total_float": ("总时差", "float"),
    "free_float": ("自由时差", "free float"),
    "deadline": ("期限", "deadline"),
    "margin": ("余量", "margin"),
    "critical": ("关键", "critical"),
    "critical_mark": ("★", "*"),
    "plan": ("计划", "plan"),
    "project": ("项目", "project"),
    "critical_path": ("关键路径", "critical path"),
    "tasks_count": ("{n} 项任务", "{n} tasks"),
    "schedule_headline": (
        "{name}：{start} 至 {finish}，共 {days} 个工作日，{tasks} 项任务，关键任务 {critical} 项",
        "{name}: {start} to {finish}, {days} working days, {tasks} tasks, {critical} critical",
    ),
    "deadline_missed": (
        "{n} 项任务将超过期限", "{n} task(s) will miss their deadline",
    ),
    "valid": ("计划有效：{tasks} 项任务，已检查 {files} 个文件",
              "plan is valid: {tasks} tasks, {files} file(s) checked"),
    "warnings": ("{n} 条警告", "{n} warning(s)"),
    "days_unit": ("个工作日", "working days"),
    # tracking
    "state": ("状态", "state"),
    "reported": ("上报", "reported"),
    "note": ("进展说明", "note"),
    "state.done": ("已完成", "done"),
    "state.in-progress": ("进行中", "in progress"),
    "state.not-started": ("未开始", "not started"),
    "baseline_finish": ("基线完成", "baseline"),
    "forecast_finish": ("预计完成", "forecast"),
    "slip": ("偏差", "slip"),
    "planned_percent": ("计划%", "plan %"),
    "actual_percent": ("实际%", "actual %"),
    "flags": ("预警", "flags"),
    "severity.high": ("高", "high"),
    "severity.medium": ("中", "medium"),
    "severity.low": ("低", "low"),
    "flag.will-miss-deadline": ("将超期", "will-miss-deadline"),
    "flag.deadline-at-risk": ("期限风险", "deadline-at-risk"),
    "flag.not-started": ("未按时开工", "not-started"),
    "flag.behind": ("进度落后", "behind"),
    "flag.slipping": ("拖期", "slipping"),
    "flag.stalled": ("停滞", "stalled"),
    "flag.no-report": ("未报告", "no-report"),
    "flag.finished-late": ("延期完成", "finished-late"),
    "flag.critical": ("关键路径", "critical"),
    "reason.will-miss-deadline": (
        "预计比期限 {deadline} 晚 {days} 个工作日",
        "will miss its deadline {deadline} by {days} working days"),
    "reason.deadline-at-risk": (
        "距期限 {deadline} 仅余 {days} 个工作日",
        "only {days} working days of margin to its deadline {deadline}"),
    "reason.not-started": ("计划 {planned} 开工，至今未开始",
                           "planned to start {planned}, not started"),
    "reason.behind": ("计划应完成 {planned}%，实际 {actual}%",
                      "planned {planned}% done, actual {actual}%"),
    "reason.slipping": ("预计完成比基线晚 {days} 个工作日",
                        "forecast finish {days} working days after the baseline"),
    "reason.stalled": ("自 {since} 以来没有进展", "no progress since {since}"),
    "reason.no-report": ("自 {since} 以来未报告进展", "no progress reported since {since}"),
    "reason.finished-late": ("比基线晚 {days} 个工作日完成",
                             "finished {days} working days after the baseline"),
    "reason.critical": ("位于关键路径上", "on the critical path"),
    "status_headline": (
        "截至 {date}：{tasks} 项任务，已完成 {done} 项，进展正常 {ok} 项，滞后 {late} 项",
        "As of {date}: {tasks} tasks: {done} done, {ok} on track, {late} late"),
    "worst_slip": ("拖期最多：{name} +{days} 个工作日", "worst slip: {name} +{days} working days"),
    "deadlines_missed": ("{n} 项期限将被突破", "{n} deadline(s) will be missed"),
    "no_deadline_missed": ("无期限将被突破", "no deadline will be missed"),
    "earned_value": ("挣值", "earned value"),
    "other_tasks": ("其他", "other"),
    "no_owner": ("（未指定）", "(no owner)"),
    "gantt.baseline": ("基线", "baseline"),
    "gantt.planned": ("计划", "planned"),
    "gantt.actual": ("实际", "actual"),
    "gantt.forecast": ("预计", "forecast"),
    "gantt.slip": ("偏差", "slip"),
    "gantt.summary": ("汇总", "summary"),
    "gantt.critical": ("关键路径", "critical path"),
    "gantt.milestone": ("里程碑", "milestone"),
    "gantt.deadline": ("期限", "deadline"),
    "gantt.links": ("依赖", "dependencies"),
    "gantt.owner": ("责任单位", "owner"),
    "gantt.start": ("开始", "start"),
    "gantt.finish": ("完成", "finish"),
    "gantt.total_float": ("总时差", "total float"),
    "gantt.flags": ("预警", "flags"),
    "gantt.note": ("备注", "note"),
    "gantt.data_date": ("数据日期", "data date"),
    "gantt.planned_progress": ("计划进度", "planned progress"),
    "gantt.earned_progress": ("实际进度", "earned progress"),
    "gantt.s_curve": ("进度S曲线：计划与实际", "S-curve: planned versus earned progress"),
    "gantt.status.done": ("已完成", "done"),
    "gantt.status.on-track": ("正常", "on track"),
    "gantt.status.late": ("滞后", "late"),
    "gantt.status.missed": ("将超期", "will miss deadline"),
    "gantt.status.not-started": ("未开始", "not started"),
    "gantt.status.planned": ("计划", "planned"),
    "gantt.colour_owner": ("颜色：责任单位", "colour: owner"),
    "gantt.colour_status": ("颜色：状态", "colour: status"),
    "gantt.milestones_table": ("里程碑与期限", "Milestones and deadlines"),
    "gantt.gantt": ("甘特图", "Gantt chart"),
    "gantt.generated": ("由 planner 生成", "generated by planner"),
    "risk.target": ("目标", "target"),
    "risk.project": ("项目总完工", "project finish"),
    "risk.deterministic": ("确定性预测", "forecast"),
    "risk.probability": ("按期概率", "on time"),
    "risk.drivers": ("主要风险因素", "top drivers"),
    "risk.headline": (
        "{iterations} 次模拟（随机种子 {seed}），数据日期 {date}",
        "{iterations} iterations (seed {seed}), data date {date}"),
    "risk.merge_bias": (
        "{name}：P50 比确定性预测晚 {days} 个工作日——多条接近关键的路径在此汇合（合并偏差）",
        "{name}: P50 is {days} working day(s) later than the deterministic forecast — "
        "near-critical paths merge here (merge bias)"),
    "risk.skew": (
        "{name}：P50 比确定性预测晚 {days} 个工作日——估算偏向悲观",
        "{name}: P50 is {days} working day(s) later than the deterministic forecast — "
        "the estimates lean pessimistic"),
    "risk.curve": ("按期完成概率曲线", "Probability of finishing by each date"),
    "risk.tornado": ("风险因素（工期与完工日期的秩相关）",
                     "Risk drivers (rank correlation of duration with finish)"),
    "risk.criticality": ("关键性指数", "criticality"),
    "risk.correlation": ("相关系数", "correlation"),
    "report.title": ("进度与风险报告", "progress and risk report"),
    "report.summary": ("综述", "Summary"),
    "report.review": ("任务进度", "Task review"),
    "report.risk": ("期限风险", "Deadline risk"),
    # sample data
    "banner.sample": ("【示例数据】{note}", "[ILLUSTRATIVE DATA] {note}"),
    "banner.sample_default": ("以下进展为虚构的演示数据，不是实际情况。",
                              "the progress shown is invented for demonstration, not fact."),
    # separators and sentences of running text
    "clause_sep": ("；", "; "),
    "sentence_sep": ("", " "),
    "list_sep": ("、", "; "),
    "none": ("（无）", "(none)"),
    "diff.progress": ("进展", "Progress"),
    "diff.flags": ("预警变化", "Flags"),
    "diff.moved": ("里程碑与期限", "Milestones and deadlines"),
    "narrative.summary": (
        "截至{date}，纳入跟踪的{tasks}项任务中，已完成{done}项，正在推进{active}项，"
        "未开工{waiting}项，其中滞后{late}项。",
        "As of {date}, of the {tasks} tracked tasks {done} are done, {active} in progress "
        "and {waiting} not started; {late} are late."),
    "narrative.furthest": ("滞后较多的有：{list}。", "Furthest behind: {list}."),
    "narrative.who": ("{name}（{owner}，拖期{slip}个工作日）",
                      "{name} ({owner}, {slip:+d} working days)"),
    "narrative.who_note": ("{name}（{owner}，拖期{slip}个工作日；滞后原因：{note}）",
                           "{name} ({owner}, {slip:+d} working days; reason: {note})"),
    "narrative.no_owner": ("责任单位未定", "no owner"),
    "narrative.missed": (
        "{name}预计于{forecast}完成，将超过{deadline}的期限{days}个工作日，请{owner}加快推进。",
        "{name} is forecast to finish {forecast}, {days} working days after its deadline "
        "{deadline}; {owner} should act."),
    "narrative.someone": ("责任单位", "its owner"),
    "narrative.risk": (
        "{name}预计于{forecast}完成，按期（{deadline}前）完成的概率为{pct}%（P80：{p80}）。",
        "{name} is forecast for {forecast}; the chance of meeting its deadline {deadline} "
        "is {pct}% (P80 {p80})."),
    "baseline_source.plan": ("基线：未保存，使用 plan.yaml 的无进度排程",
                             "baseline: none saved; the no-progress schedule of plan.yaml"),
    "baseline_source.file": ("基线：{path}（保存于 {saved}）", "baseline: {path} (saved {saved})"),
}


def sample_banner(note: str | None, lang: str) -> str | None:
    """The banner every output built from illustrative data carries (None for real data)."""
    if note is None:
        return None
    return label("banner.sample", lang, note=note or label("banner.sample_default", lang))


def sample_dict(note: str | None) -> dict[str, object]:
    """The same, for JSON documents."""
    return {"illustrative": note is not None, "illustrative_note": note or None}


def label(key: str, lang: str, **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text
