"""Diagnostics: what is wrong in a user's files or command, and how to fix it.

Key: (zh, en). A key names one message; ``KEY.hint`` is its hint, when it has one. Every
`Diagnostic` built with `Diagnostic.said` speaks through this table, so a Chinese user reads
the same finding in Chinese (`Diagnostic.render(lang)`). `planner.i18n.labels.label` looks
keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    # the words around a diagnostic on a terminal
    "diag.error": ("错误", "error"),
    "diag.warning": ("警告", "warning"),
    "diag.hint": ("提示", "hint"),
    "diag.line": ("第 {line} 行", "line {line}"),
    # plan rules (domain/rules.py)
    "rule.duplicate_id.line": ("任务编号“{id}”重复使用（首次见第 {line} 行）",
                               "task id '{id}' is used twice (first at line {line})"),
    "rule.duplicate_id.line.hint": ("请为每项任务设置不同的编号", "give each task its own id"),
    "rule.duplicate_id.at": ("任务编号“{id}”重复使用（首次见 {at}）",
                             "task id '{id}' is used twice (first at {at})"),
    "rule.duplicate_id.at.hint": ("请为每项任务设置不同的编号", "give each task its own id"),
    # recording progress at a data date (project.py: record; cli/progress.py: update)
    "update.no_snapshot": ("计划尚无进度快照，请用 --at 指定数据日期",
                           "the plan has no status snapshot yet; give the data date with --at"),
    "update.no_snapshot.hint": (
        "不带 --at 时，update 修改最新一期快照；新建快照须写明数据日期，例如 --at 2023-11-30",
        "without --at, update changes the latest snapshot; a new snapshot needs its data "
        "date, e.g. --at 2023-11-30"),
    "update.date_ahead": ("数据日期 {day} 晚于今天 {days} 天",
                          "the data date {day} is {days} days after today"),
    "update.date_ahead.hint": (
        "请核对数据日期（--at）的年份：此后每次评审都以最新一期快照为准；确认无误请加 --force",
        "check the year of the data date (--at): every later review takes the latest "
        "snapshot, this one; if the date is right, add --force"),
    "update.date_after_plan": ("数据日期 {day} 晚于计划期末（{end}）及最新一期快照 {days} 天",
                               "the data date {day} is {days} days after the end of the "
                               "plan's period ({end}) and its latest snapshot"),
    "update.date_after_plan.hint": (
        "请核对数据日期（--at）：进度按数据日期记入快照，此后每次评审都以最新一期快照为准；"
        "确认无误请加 --force",
        "check the data date (--at): every later review takes the latest snapshot, this "
        "one; if the date is right, add --force"),
    "update.date_before_plan": ("数据日期 {day} 早于计划开始日期（{start}）{days} 天",
                                "the data date {day} is {days} days before the plan's start "
                                "({start})"),
    "update.date_before_plan.hint": ("请核对数据日期（--at）的年份；确认无误请加 --force",
                                     "check the year of the data date (--at); if the date "
                                     "is right, add --force"),
    # undo (planfiles/undo.py)
    "undo.nothing": ("没有可撤销的操作：本计划文件夹未保存 collect、update、baseline 或 import "
                     "的改动记录",
                     "nothing to undo: no change by collect, update, baseline or import is "
                     "kept for this plan folder"),
    "undo.nothing.hint": ("撤销记录保存最近 {keep} 次改动；已撤销的改动不能恢复",
                          "the last {keep} changes are kept; a change undone cannot be "
                          "redone"),
    "undo.changed_since": ("{path} 在 {when} 的 planner {command} 之后又被修改，撤销将丢失这些修改",
                           "{path} was changed after `planner {command}` of {when} wrote "
                           "it; undoing would lose that change"),
    "undo.changed_since.hint": ("请先核对该文件；确需撤销（放弃其后的修改）请加 --force",
                                "check the file; to undo anyway, losing the later change, "
                                "add --force"),
    "undo.no_folder": ("没有这个计划文件夹", "there is no such plan folder"),
    "undo.no_folder.hint": ("请给出计划文件夹（或其中的 plan.yaml）",
                            "name the plan folder (or its plan.yaml)"),
    "undo.broken": ("撤销记录 {entry} 已损坏，无法使用",
                    "the undo journal's entry {entry} is damaged and cannot be used"),
    "undo.broken.hint": ("请删除该文件夹，之后可撤销更早的操作",
                         "remove that folder; the changes before it can then be undone"),
}
