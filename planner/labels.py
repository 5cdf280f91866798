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
}


def label(key: str, lang: str, **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text
