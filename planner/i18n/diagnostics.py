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
    # a plan table merged into its plan (exchange/table_merge.py)
    "import.other_plan": ("计划表属于计划“{table}”，{folder} 中是计划“{plan}”：不作合并，"
                          "整体替换原计划",
                          "the table is of plan '{table}', but {folder} holds plan '{plan}': "
                          "it replaces that plan instead of being merged into it"),
    "import.other_plan.hint": ("如需保留原计划，请导入到新的文件夹（-o 新文件夹）",
                               "to keep that plan, import into a new folder (-o NEW-FOLDER)"),
    "import.has_progress": ("任务“{id}”已有进度记录，不能随计划表删除",
                            "task '{id}' has progress recorded here: the table cannot "
                            "remove it"),
    "import.has_progress.hint": ("请在计划表中保留该行；确需删除该任务的，"
                                 "先删去各期进度记录中该任务的条目",
                                 "keep its row in the table; to remove the task, first delete "
                                 "its entries from the snapshots"),
    # a plan.yaml the merge cannot edit task by task ({id}: the task it is about)
    "import.layout.unplaced": (
        "plan.yaml 中找不到任务“{id}”写在哪里，无法合并，未作修改",
        "where task '{id}' is written in plan.yaml is not known, so the table cannot be "
        "merged; nothing was changed"),
    "import.layout.dash": (
        "plan.yaml 中任务“{id}”的“- ”与其第一个键不在同一行（或任务写在方括号内），"
        "无法逐项合并，未作修改",
        "in plan.yaml the `- ` of task '{id}' is not on the line of its first key (or the "
        "tasks are in brackets), so the table cannot be merged task by task; nothing was "
        "changed"),
    "import.layout.order": (
        "plan.yaml 中任务“{id}”及其同级任务未按顺序逐项书写，无法合并，未作修改",
        "in plan.yaml task '{id}' and its siblings are not written one after another, so "
        "the table cannot be merged; nothing was changed"),
    "import.layout.subtasks": (
        "plan.yaml 中任务“{id}”的下级任务不是写在单独一行的 tasks 键之下，无法合并，未作修改",
        "in plan.yaml the subtasks of '{id}' are not a list under a `tasks:` line of its "
        "own, so the table cannot be merged; nothing was changed"),
    "import.layout.list": (
        "plan.yaml 中的任务不是写在单独一行的 tasks 键之下，无法合并，未作修改",
        "in plan.yaml the tasks are not a list under a `tasks:` line of its own, so the "
        "table cannot be merged; nothing was changed"),
    "import.layout.unplaced.hint": ("可先导入到新的文件夹，再对照修改 plan.yaml",
                                "import into a new folder and carry the changes over by "
                                "hand"),
    "import.layout.dash.hint": ("可先导入到新的文件夹，再对照修改 plan.yaml",
                                "import into a new folder and carry the changes over by "
                                "hand"),
    "import.layout.order.hint": ("可先导入到新的文件夹，再对照修改 plan.yaml",
                                "import into a new folder and carry the changes over by "
                                "hand"),
    "import.layout.subtasks.hint": ("可先导入到新的文件夹，再对照修改 plan.yaml",
                                "import into a new folder and carry the changes over by "
                                "hand"),
    "import.layout.list.hint": ("可先导入到新的文件夹，再对照修改 plan.yaml",
                                "import into a new folder and carry the changes over by "
                                "hand"),
    "import.mismatch": ("合并后的 plan.yaml 与计划表不一致（{id} 的{col}），未作修改",
                        "the merged plan.yaml does not say what the table says ({id}: {col}); "
                        "nothing was changed"),
    "import.mismatch.hint": ("请报告此问题；可先导入到新的文件夹",
                             "please report this; meanwhile import into a new folder"),
}
