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
        "{name}:{start} 至 {finish},共 {days} 个工作日,{tasks} 项任务,关键任务 {critical} 项",
        "{name}: {start} to {finish}, {days} working days, {tasks} tasks, {critical} critical",
    ),
    "deadline_missed": (
        "{n} 项任务将超过期限", "{n} task(s) will miss their deadline",
    ),
    "valid": ("计划有效:{tasks} 项任务", "plan is valid: {tasks} tasks"),
    "warnings": ("{n} 条警告", "{n} warning(s)"),
    "days_unit": ("个工作日", "working days"),
    # tracking
    "state": ("状态", "state"),
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
    "flag.finished-late": ("延期完成", "finished-late"),
    "flag.critical": ("关键路径", "critical"),
    "reason.will-miss-deadline": (
        "预计比期限 {deadline} 晚 {days} 个工作日",
        "will miss its deadline {deadline} by {days} working days"),
    "reason.deadline-at-risk": (
        "距期限 {deadline} 仅余 {days} 个工作日",
        "only {days} working days of margin to its deadline {deadline}"),
    "reason.not-started": ("计划 {planned} 开工,至今未开始",
                           "planned to start {planned}, not started"),
    "reason.behind": ("计划应完成 {planned}%,实际 {actual}%",
                      "planned {planned}% done, actual {actual}%"),
    "reason.slipping": ("预计完成比基线晚 {days} 个工作日",
                        "forecast finish {days} working days after the baseline"),
    "reason.stalled": ("自 {since} 以来没有进展", "no progress since {since}"),
    "reason.finished-late": ("比基线晚 {days} 个工作日完成",
                             "finished {days} working days after the baseline"),
    "reason.critical": ("位于关键路径上", "on the critical path"),
    "status_headline": (
        "截至 {date}:{tasks} 项任务,已完成 {done} 项,进展正常 {ok} 项,滞后 {late} 项",
        "As of {date}: {tasks} tasks: {done} done, {ok} on track, {late} late"),
    "worst_slip": ("拖期最多:{name} +{days} 个工作日", "worst slip: {name} +{days} working days"),
    "deadlines_missed": ("{n} 项期限将被突破", "{n} deadline(s) will be missed"),
    "no_deadline_missed": ("无期限将被突破", "no deadline will be missed"),
    "earned_value": ("挣值", "earned value"),
    "other_tasks": ("其他", "other"),
    "no_owner": ("(未指定)", "(no owner)"),
    "baseline_source.plan": ("基线:未保存,使用 plan.yaml 的无进度排程",
                             "baseline: none saved; the no-progress schedule of plan.yaml"),
    "baseline_source.file": ("基线:{path}(保存于 {saved})", "baseline: {path} (saved {saved})"),
}


def label(key: str, lang: str, **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text
