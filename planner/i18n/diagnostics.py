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
    # the record of the forms sent for a data date (sent/DATE.yaml, planfiles/sent.py)
    "sent.empty": ("报表发送记录为空", "the record of forms sent is empty"),
    "sent.empty.hint": ("请删除该文件，再运行 planner forms --at {day} 重新生成",
                        "delete it and run planner forms --at {day} again"),
    "sent.plan": ("该报表发送记录属于计划“{found}”，不是“{plan}”",
                  "this record of forms sent is for plan '{found}', not '{plan}'"),
    "sent.plan.hint": ("请将其移到所属计划的 sent 文件夹",
                       "move it to its own plan's sent/ folder"),
    "sent.date": ("记录的数据日期 {found} 与文件名的日期 {day} 不一致",
                  "the data date {found} is not the date {day} of the file's name"),
    "sent.date.hint": ("请删除该文件，再运行 planner forms --at {day} 重新生成",
                       "delete it and run planner forms --at {day} again"),
    "sent.owner_twice": ("单位“{owner}”有两份报表（第一份在第 {line} 行）",
                         "the unit '{owner}' has two forms (the first at line {line})"),
    "sent.owner_twice.hint": ("请删去其中一份", "remove one of them"),
}
