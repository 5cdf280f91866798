"""User-facing labels in Chinese and English: the lookup, over the area tables."""

from __future__ import annotations

from datetime import date

from planner.i18n import (
    checks,
    cli,
    diagnostics,
    exchange,
    forms,
    notice,
    outstanding,
    portfolio_page,
    review,
    rollup,
    text,
    writes,
)
from planner.support.safewrite import OutputError
from planner.support.sanitize import one_line

# The languages every label has, in the order of a table's pairs (domain.vocab.Lang: the same).
LANGS: tuple[str, ...] = ("zh", "en")

# The label tables, one module per area of the tool; a key is defined in exactly one.
_LABELS: dict[str, tuple[str, str]] = {
    **review.LABELS, **text.LABELS, **exchange.LABELS, **checks.LABELS, **forms.LABELS,
    **diagnostics.LABELS, **writes.LABELS, **outstanding.LABELS, **cli.LABELS,
    **notice.LABELS, **rollup.LABELS, **portfolio_page.LABELS,
}
HELP_LINES = forms.HELP_LINES


# Column headers of the workbooks for people (status, schedule): Chinese in a zh workbook;
# an English one keeps the stable keys of the CSV and JSON, which read as English already.
COLUMNS_ZH = {
    "id": "编号", "name": "任务", "owner": "责任单位", "parent": "上级任务", "state": "状态",
    "summary": "汇总任务", "milestone": "里程碑", "budget": "预算",
    "baseline_start": "基线开始", "baseline_finish": "基线完成", "baseline_duration": "基线工期",
    "actual_start": "实际开始", "actual_finish": "实际完成", "forecast_start": "预计开始",
    "forecast_finish": "预计完成", "forecast_duration": "预计工期",
    "start_variance_days": "开始偏差（工作日）",
    "start_variance_calendar_days": "开始偏差（日历日）",
    "finish_variance_days": "完成偏差（工作日）",
    "finish_variance_calendar_days": "完成偏差（日历日）",
    "duration_variance_days": "工期偏差（工作日）", "deadline": "期限",
    "deadline_margin_days": "期限余量（工作日）", "planned_percent": "计划完成%",
    "actual_percent": "实际完成%", "total_float": "总时差", "free_float": "自由时差",
    "critical": "关键路径", "flags": "预警", "bac": "完工预算 BAC", "pv": "计划价值 PV",
    "ev": "挣值 EV", "ac": "实际成本 AC", "sv": "进度偏差 SV", "spi": "进度绩效指数 SPI",
    "cv": "成本偏差 CV", "cpi": "成本绩效指数 CPI", "eac": "完工估算 EAC", "vac": "完工偏差 VAC",
    "es": "挣得进度 ES", "at": "实际时间 AT", "spi_t": "SPI(t)", "reported": "上报日期",
    "carried": "沿用前期报告", "report_state": "报送状态", "forecast_from": "推算依据日期",
    "note": "进展说明", "start": "开始", "finish": "完成", "assumed": "推定项",
    "late_start": "最迟开始", "late_finish": "最迟完成", "duration": "工期", "margin": "余量",
    # diff: one row per change
    "kind": "变化类别", "state_before": "原状态", "state_after": "现状态",
    "percent_before": "原完成%", "percent_after": "现完成%", "percent_change": "完成%变化",
    "flag": "预警", "severity": "严重程度", "change": "变化", "forecast_before": "原预计完成",
    "forecast_after": "现预计完成", "days": "变动（工作日）",
    # validate: one row per finding
    "file": "文件", "line": "行", "column": "列", "code": "类别", "task": "任务编号",
    "message": "问题", "hint": "修改提示",
    # baseline: one row per task re-approving adds, changes or removes
    "old_start": "原基线开始", "new_start": "新基线开始", "old_finish": "原基线完成",
    "new_finish": "新基线完成", "old_duration": "原基线工期", "new_duration": "新基线工期",
    "old_budget": "原预算", "new_budget": "新预算", "fields": "变化项",
}


def column_headers(keys: tuple[str, ...], lang: str) -> list[str]:
    """The headers of a workbook's columns in ``lang`` (see COLUMNS_ZH)."""
    return [COLUMNS_ZH.get(k, k) if lang == "zh" else k for k in keys]


def sample_banner(note: str | None, lang: str) -> str | None:
    """The banner every output built from illustrative data carries (None for real data)."""
    if note is None:
        return None
    return label("banner.sample", lang, note=note or label("banner.sample_default", lang))


def sample_dict(note: str | None) -> dict[str, object]:
    """The same, for JSON documents."""
    return {"illustrative": note is not None, "illustrative_note": note or None}


def has_label(key: str) -> bool:
    """Whether the tables have ``key``."""
    return key in _LABELS


def spoken_date(value: date, lang: str) -> str:
    """A date in running text: 2023年11月7日 in Chinese, ISO otherwise. The one date
    formatter of sentences (`planner.render.fmt.long_date` is it); tables keep ISO dates in
    their date columns, and forms and file names keep ISO dates, which read back."""
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def label(key: str, lang: str, **values: object) -> str:
    """The label for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    if not values:
        return text
    return text.format(**{k: one_line(v) if isinstance(v, str) else v for k, v in values.items()})


# An output error says its message through the tables (support, below them, cannot look up).
OutputError.wording = label
