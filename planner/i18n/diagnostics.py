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
    # one task's fields (field_rules): a task without an id is "a task" (.anon)
    "rule.empty_name": ("任务“{id}”的名称为空", "task '{id}' has an empty name"),
    "rule.empty_name.anon": ("有一项任务的名称为空", "a task has an empty name"),
    "rule.finish_without_start": ("任务“{id}”填写了“finish”，但没有“start”",
                                  "task '{id}' has 'finish' but no 'start'"),
    "rule.finish_without_start.anon": ("有一项任务填写了“finish”，但没有“start”",
                                       "a task has 'finish' but no 'start'"),
    "rule.finish_without_start.hint": (
        "请补充“start:”（计划完成日期需有计划开始日期），或改填“duration:”",
        "add 'start:' (a planned finish needs a planned start), or give a 'duration:' "
        "instead"),
    "rule.finish_without_start.anon.hint": (
        "请补充“start:”（计划完成日期需有计划开始日期），或改填“duration:”",
        "add 'start:' (a planned finish needs a planned start), or give a 'duration:' "
        "instead"),
    "rule.duration_and_finish": ("任务“{id}”同时填写了“duration”和“finish”",
                                 "task '{id}' has both 'duration' and 'finish'"),
    "rule.duration_and_finish.anon": ("有一项任务同时填写了“duration”和“finish”",
                                      "a task has both 'duration' and 'finish'"),
    "rule.duration_and_finish.hint": ("请只保留其中一项", "keep one of them"),
    "rule.duration_and_finish.anon.hint": ("请只保留其中一项", "keep one of them"),
    "rule.finish_before_start": ("任务“{id}”的完成日期（{finish}）早于开始日期（{start}）",
                                 "task '{id}' finishes ({finish}) before it starts ({start})"),
    "rule.finish_before_start.anon": ("有一项任务的完成日期（{finish}）早于开始日期（{start}）",
                                      "a task finishes ({finish}) before it starts ({start})"),
    "rule.finish_before_start.hint": ("请调换或更正这两个日期", "swap or correct the dates"),
    "rule.finish_before_start.anon.hint": ("请调换或更正这两个日期",
                                           "swap or correct the dates"),
    "rule.milestone_duration": ("任务“{id}”是里程碑，但工期为 {duration}",
                                "task '{id}' is a milestone but has duration {duration}"),
    "rule.milestone_duration.anon": ("有一项任务是里程碑，但工期为 {duration}",
                                     "a task is a milestone but has duration {duration}"),
    "rule.milestone_duration.hint": ("里程碑的工期为 0；请删去其中一项",
                                     "a milestone has duration 0; remove one of the two"),
    "rule.milestone_duration.anon.hint": ("里程碑的工期为 0；请删去其中一项",
                                          "a milestone has duration 0; remove one of the two"),
    "rule.ongoing_length": ("任务“{id}”为持续推进工作，其时间范围即其长度，不能填写“{field}”",
                            "task '{id}' is ongoing work: its length is its window, so it "
                            "takes no '{field}'"),
    "rule.ongoing_length.anon": ("有一项任务为持续推进工作，其时间范围即其长度，不能填写“{field}”",
                                 "a task is ongoing work: its length is its window, so it "
                                 "takes no '{field}'"),
    "rule.ongoing_length.hint": (
        "请填写“start:”和“finish:”，或留空以沿用计划的开始日期和“finish:”",
        "give 'start:' and 'finish:', or leave them to the plan's own start and 'finish:'"),
    "rule.ongoing_length.anon.hint": (
        "请填写“start:”和“finish:”，或留空以沿用计划的开始日期和“finish:”",
        "give 'start:' and 'finish:', or leave them to the plan's own start and 'finish:'"),
    "rule.ongoing_no_finish": ("任务“{id}”为持续推进工作，但没有“finish”，计划也未填写",
                               "task '{id}' is ongoing work but has no 'finish' and the plan "
                               "has none"),
    "rule.ongoing_no_finish.anon": ("有一项任务为持续推进工作，但没有“finish”，计划也未填写",
                                    "a task is ongoing work but has no 'finish' and the plan "
                                    "has none"),
    "rule.ongoing_no_finish.hint": (
        "请为任务补充“finish:”，或在计划信息中填写计划期末（“finish: 2023-12-31”）",
        "add 'finish:' to the task, or the plan's period end ('finish: 2023-12-31') to the "
        "plan header"),
    "rule.ongoing_no_finish.anon.hint": (
        "请为任务补充“finish:”，或在计划信息中填写计划期末（“finish: 2023-12-31”）",
        "add 'finish:' to the task, or the plan's period end ('finish: 2023-12-31') to the "
        "plan header"),
    "rule.milestone_finish": ("任务“{id}”是里程碑，但填写了“finish”",
                              "task '{id}' is a milestone but has a 'finish'"),
    "rule.milestone_finish.anon": ("有一项任务是里程碑，但填写了“finish”",
                                   "a task is a milestone but has a 'finish'"),
    "rule.milestone_finish.hint": ("里程碑只填写“start”或前置任务",
                                   "a milestone takes only a 'start' or predecessors"),
    "rule.milestone_finish.anon.hint": ("里程碑只填写“start”或前置任务",
                                        "a milestone takes only a 'start' or predecessors"),
    "rule.estimate_order": (
        "任务“{id}”的三点估算应按乐观 ≤ 最可能 ≤ 悲观排列，现为 [{low}, {likely}, {high}]",
        "estimate of task '{id}' must be in order optimistic <= likely <= pessimistic, not "
        "[{low}, {likely}, {high}]"),
    "rule.estimate_order.anon": (
        "有一项任务的三点估算应按乐观 ≤ 最可能 ≤ 悲观排列，现为 [{low}, {likely}, {high}]",
        "estimate of a task must be in order optimistic <= likely <= pessimistic, not "
        "[{low}, {likely}, {high}]"),
    "rule.estimate_range": ("任务“{id}”的三点估算须在 0 至 {most} 个工作日之间",
                            "estimate of task '{id}' must be from 0 to {most} working days"),
    "rule.estimate_range.anon": ("有一项任务的三点估算须在 0 至 {most} 个工作日之间",
                                 "estimate of a task must be from 0 to {most} working days"),
    "rule.quantity_total": ("任务“{id}”的总量须大于 0",
                            "quantity total of task '{id}' must be more than 0"),
    "rule.quantity_total.anon": ("有一项任务的总量须大于 0",
                                 "quantity total of a task must be more than 0"),
    "rule.budget_range": ("任务“{id}”的预算须在 0 至 {most} 之间，现为 {value}",
                          "budget of task '{id}' must be from 0 to {most}, not {value}"),
    "rule.budget_range.anon": ("有一项任务的预算须在 0 至 {most} 之间，现为 {value}",
                               "budget of a task must be from 0 to {most}, not {value}"),
    "rule.duration_range": ("任务“{id}”的工期须在 0 至 {most} 个工作日之间，现为 {value}",
                            "duration of task '{id}' must be from 0 to {most} working days, "
                            "not {value}"),
    "rule.duration_range.anon": ("有一项任务的工期须在 0 至 {most} 个工作日之间，现为 {value}",
                                 "duration of a task must be from 0 to {most} working days, "
                                 "not {value}"),
    # a task's shape (shape_rules)
    "rule.summary_field": ("汇总任务“{id}”不能填写“{field}”：其日期和进度由下级任务汇总",
                           "summary task '{id}' cannot have '{field}': its dates and progress "
                           "roll up from its children"),
    "rule.summary_field.hint": ("请将“{field}”移到某项下级任务，或新建一项下级任务",
                                "move '{field}' to one of its children, or to a new child task"),
    "rule.no_length": ("任务“{id}”没有工期", "task '{id}' has no duration"),
    "rule.no_length.hint": (
        "请填写“duration: N”（工作日），或“start:”和“finish:”，或“milestone: true”",
        "add 'duration: N' (working days), 'start:' with 'finish:', or 'milestone: true'"),
    # dependencies (link_rules)
    "rule.unknown_task": ("任务“{id}”的前置任务“{other}”不存在",
                          "task '{id}' follows unknown task '{other}'"),
    "rule.unknown_task.hint": ("请核对“after:”中的编号", "check the id in 'after:'"),
    "rule.unknown_task.close": ("任务“{id}”的前置任务“{other}”不存在",
                                "task '{id}' follows unknown task '{other}'"),
    "rule.unknown_task.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "rule.follows_itself": ("任务“{id}”以自身为前置任务", "task '{id}' follows itself"),
    "rule.follows_itself.hint": ("请删除这一前置关系", "remove this dependency"),
    "rule.follows_summary": ("任务“{id}”以其所属汇总任务“{other}”为前置任务",
                             "task '{id}' follows its own summary task '{other}'"),
    "rule.follows_summary.hint": ("任务本身即属于其汇总任务；请改为同级任务",
                                  "a task is already part of its summary; link to a sibling"),
    "rule.follows_subtask": ("汇总任务“{id}”以其下级任务“{other}”为前置任务",
                             "summary task '{id}' follows its own subtask '{other}'"),
    "rule.follows_subtask.hint": ("汇总任务随其下级任务一同完成；"
                                  "请改为让其他下级任务以该任务为前置",
                                  "a summary finishes with its subtasks; link its other "
                                  "subtasks to this one instead"),
    # the plan as a whole
    "rule.plan_finish_before_start": ("计划的结束日期（{finish}）早于开始日期（{start}）",
                                      "the plan finishes ({finish}) before it starts ({start})"),
    "rule.plan_finish_before_start.hint": ("“finish:”是计划期的结束日期",
                                           "'finish:' is the end of the period the plan plans"),
    "rule.holiday_and_workday": ("{day} 同时列为节假日和调休上班日",
                                 "{day} is listed both as a holiday and as a workday"),
    "rule.holiday_and_workday.hint": ("请只保留在其中一个列表中",
                                      "keep it in one of the two lists"),
    "rule.deadline_early": ("任务“{id}”的期限 {deadline} 早于 {first}（计划最早开始日期前一年）",
                            "deadline {deadline} of task '{id}' is before {first}, a year "
                            "before the plan's earliest start"),
    "rule.deadline_early.hint": ("请核对年份；或为该任务填写更早的“start:”",
                                 "check the year; or give the task an earlier 'start:'"),
    # reported progress (domain/progress.py): a report that takes back an earlier one
    "progress.lower.percent": ("任务“{id}”：完成百分比 {new} 低于 {at} 上报的 {old}",
                               "task '{id}': percent {new} is lower than {old}, reported at "
                               "{at}"),
    "progress.lower.done": ("任务“{id}”：完成量 {new} 低于 {at} 上报的 {old}",
                            "task '{id}': done {new} is lower than {old}, reported at {at}"),
    "progress.finish_dropped": ("任务“{id}”：{at} 上报的实际完成日期 {old} 不再上报",
                                "task '{id}': the finish {old} is no longer reported, reported "
                                "at {at}"),
    "progress.moved.started": ("任务“{id}”：实际开始日期由 {old} 改为 {new}（原于 {at} 上报）",
                               "task '{id}': started moved from {old} to {new}, reported at "
                               "{at}"),
    "progress.moved.finished": ("任务“{id}”：实际完成日期由 {old} 改为 {new}（原于 {at} 上报）",
                                "task '{id}': finished moved from {old} to {new}, reported at "
                                "{at}"),
    "progress.lower.percent.hint": ("如前次上报有误，请在本条记录中加上“correct: true”",
        "if the earlier report was wrong, add 'correct: true' to this entry"),
    "progress.lower.done.hint": ("如前次上报有误，请在本条记录中加上“correct: true”",
        "if the earlier report was wrong, add 'correct: true' to this entry"),
    "progress.finish_dropped.hint": ("如前次上报有误，请在本条记录中加上“correct: true”",
        "if the earlier report was wrong, add 'correct: true' to this entry"),
    "progress.moved.started.hint": ("如前次上报有误，请在本条记录中加上“correct: true”",
        "if the earlier report was wrong, add 'correct: true' to this entry"),
    "progress.moved.finished.hint": ("如前次上报有误，请在本条记录中加上“correct: true”",
        "if the earlier report was wrong, add 'correct: true' to this entry"),
    # the schedule (engine/schedule.py)
    "schedule.undatable.late": ("无法为进度计划排定日期：日期超出支持的最后年份 {last}",
                                "the schedule cannot be dated: it runs beyond the last "
                                "supported year {last}"),
    "schedule.undatable.late.hint": ("请检查以该任务结束的任务链上的工期和间隔时间",
                                     "check the durations and lags of the chain that ends with "
                                     "this task"),
    "schedule.undatable.early": ("无法为进度计划排定日期：日期早于支持的最早年份 {first}",
                                 "the schedule cannot be dated: it runs before the year {first}"),
    "schedule.undatable.early.hint": ("请检查以该任务结束的任务链上的工期和间隔时间",
                                      "check the durations and lags of the chain that ends "
                                      "with this task"),
    "schedule.calendar_year": ("尚无 {year} 年的国家法定节假日安排；"
                               "{year} 年按普通工作日（周一至周五）排期",
                               "the Chinese official holiday list is not known for {year}; "
                               "{year} is scheduled as plain weekdays"),
    "schedule.calendar_year.hint": (
        "{year} 年节假日安排公布后，请在计划信息中补充：\n"
        "  holidays: [{year}-01-01, …]   # 法定节假日\n"
        "  workdays: [{year}-…]          # 调休上班日",
        "add {year}'s official days to the plan header once they are published:\n"
        "  holidays: [{year}-01-01, …]   # 法定节假日\n"
        "  workdays: [{year}-…]          # 调休上班日"),
    "schedule.deadline": ("任务“{id}”预计 {finish} 完成，比期限 {deadline} 晚 {days} 个工作日",
                          "task '{id}' finishes {finish}, {days} working days after its "
                          "deadline {deadline}"),
    "schedule.deadline.hint": ("请压缩该任务或其关键路径上的前置任务工期，或调整期限",
                               "shorten it or its predecessors on the critical path, or move "
                               "the deadline"),
    # importing a file (exchange/__init__.py, cli/exchange.py)
    "import.mpp": ("是二进制 MS Project 文件（{suffix}）；请在 MS Project 中选择“文件 > 另存为 > "
                   "XML 格式”，再导入该文件",
                   "is a binary MS Project file ({suffix}); in MS Project: File > Save As > "
                   "XML format, and import that"),
    "import.writes_only": ("是{what}文件；本工具可导出此类文件（planner export --format "
                           "{name}），但不能导入",
                           "is a {what} file; planner writes these (planner export --format "
                           "{name}) but does not import them"),
    "import.unknown_format": ("无法从文件内容或扩展名“{suffix}”判断格式；可导入的格式有：{formats}",
                              "cannot tell the format from its content or from '{suffix}'; "
                              "planner imports {formats}"),
    "import.unknown_format.no_suffix": ("无法从文件内容判断格式，文件也没有扩展名；"
                                        "可导入的格式有：{formats}",
                                        "cannot tell the format from its content or from "
                                        "'no suffix'; planner imports {formats}"),
    "import.missing": ("找不到该文件", "no such file"),
    "import.not_file": ("不是普通文件", "not a regular file"),
    "import.unreadable": ("无法读取：{reason}", "cannot be read: {reason}"),
    "import.read_as": ("按其内容作为{content}读取，而非文件名所示的{named}",
                       "read as {content} (its content), not as the {named} its name says"),
}
