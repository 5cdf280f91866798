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
        "不带 --at 时，planner update 修改最新一期快照；新建快照须写明数据日期，"
        "例如 --at 2023-11-30",
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
    "undo.nothing": ("没有可撤销的操作：本计划文件夹未保存汇总（planner collect）、更新进度"
                     "（planner update）、保存基线（planner baseline）或导入（planner import）"
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
    "output.undo_read": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "output.undo_outside": ("{path} 不在计划文件夹 {folder} 内",
                            "{path} is not in the plan folder {folder}"),
    "output.undo_keep": ("无法在 {path} 保存撤销记录：{reason}",
                         "cannot keep the undo journal in {path}: {reason}"),
    "output.undo_not_folder": ("{path} 不是文件夹（是链接或文件），撤销记录须保存在此处："
                               "请将其删除",
                               "{path} is not a folder (a link or a file); the undo journal "
                               "is kept there: remove it"),
    "output.undo_leads_out": ("{path} 指向计划文件夹 {folder} 之外，请将其删除",
                              "{path} leads out of the plan folder {folder}; remove it"),
    "undo.broken": ("撤销记录 {entry} 已损坏，无法使用",
                    "the undo journal's entry {entry} is damaged and cannot be used"),
    "undo.broken.hint": ("请删除该文件夹，之后可撤销更早的操作",
                         "remove that folder; the changes before it can then be undone"),
    # the record of the forms sent for a data date (sent/DATE.yaml, planfiles/sent.py)
    "sent.empty": ("报表发送记录为空", "the record of forms sent is empty"),
    "sent.empty.hint": ("请删除该文件，再运行 planner forms --at {day} 重新生成",
                        "delete it and run planner forms --at {day} again"),
    "sent.plan": ("该报表发送记录属于计划“{found}”，不是“{plan}”",
                  "this record of forms sent is for plan '{found}', not '{plan}'"),
    "sent.plan.hint": ("请将其移到所属计划的 sent/ 文件夹",
                       "move it to its own plan's sent/ folder"),
    "sent.date": ("记录的数据日期 {found} 与文件名的日期 {day} 不一致",
                  "the data date {found} is not the date {day} of the file's name"),
    "sent.date.hint": ("请删除该文件，再运行 planner forms --at {day} 重新生成",
                       "delete it and run planner forms --at {day} again"),
    "sent.owner_twice": ("单位“{owner}”有两份报表（第一份在第 {line} 行）",
                         "the unit '{owner}' has two forms (the first at line {line})"),
    "sent.owner_twice.hint": ("请删去其中一份", "remove one of them"),
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
        "plan.yaml 中任务“{id}”的下级任务不是写在单独一行的“tasks:”之下，无法合并，未作修改",
        "in plan.yaml the subtasks of '{id}' are not a list under a `tasks:` line of its "
        "own, so the table cannot be merged; nothing was changed"),
    "import.layout.list": (
        "plan.yaml 中的任务不是写在单独一行的“tasks:”之下，无法合并，未作修改",
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
    "rule.target_field": (
        "任务“{id}”为指标任务，按其时段内的直线进度考核，不能填写“{field}”",
        "task '{id}' is a target: it is judged against the straight line over its window, so "
        "it takes no '{field}'",
    ),
    "rule.target_field.anon": (
        "有一项任务为指标任务，按其时段内的直线进度考核，不能填写“{field}”",
        "a task is a target: it is judged against the straight line over its window, so it ta"
        "kes no '{field}'",
    ),
    "rule.target_field.hint": (
        "请删去“{field}”：指标任务的时段由“start:”和“finish:”给出（未填写时沿用计划的开始日期"
        "和“finish:”），“finish”即完成期限，不跟随其他任务",
        "remove '{field}': a target's window is its 'start:' and 'finish:' (else the plan's s"
        "tart and 'finish:'), its finish is its due date, and it follows no task",
    ),
    "rule.target_field.anon.hint": (
        "请删去“{field}”：指标任务的时段由“start:”和“finish:”给出（未填写时沿用计划的开始日期"
        "和“finish:”），“finish”即完成期限，不跟随其他任务",
        "remove '{field}': a target's window is its 'start:' and 'finish:' (else the plan's s"
        "tart and 'finish:'), its finish is its due date, and it follows no task",
    ),
    "rule.target_no_quantity": (
        "任务“{id}”为指标任务，但没有填写“quantity”",
        "task '{id}' is a target but has no 'quantity'",
    ),
    "rule.target_no_quantity.anon": (
        "有一项任务为指标任务，但没有填写“quantity”",
        "a task is a target but has no 'quantity'",
    ),
    "rule.target_no_quantity.hint": (
        "请填写指标总量，如“quantity: {{total: 10000000, unit: 元}}”；没有可计量目标的常态工"
        "作请改用“ongoing: true”",
        "add the target's total, e.g. 'quantity: {{total: 10000000, unit: 元}}'; for work wit"
        "hout a measurable total write 'ongoing: true' instead",
    ),
    "rule.target_no_quantity.anon.hint": (
        "请填写指标总量，如“quantity: {{total: 10000000, unit: 元}}”；没有可计量目标的常态工"
        "作请改用“ongoing: true”",
        "add the target's total, e.g. 'quantity: {{total: 10000000, unit: 元}}'; for work wit"
        "hout a measurable total write 'ongoing: true' instead",
    ),
    "rule.target_no_finish": (
        "任务“{id}”为指标任务，但没有“finish”，计划也未填写",
        "task '{id}' is a target but has no 'finish' and the plan has none",
    ),
    "rule.target_no_finish.anon": (
        "有一项任务为指标任务，但没有“finish”，计划也未填写",
        "a task is a target but has no 'finish' and the plan has none",
    ),
    "rule.target_no_finish.hint": (
        "请为任务补充“finish:”（指标的完成期限），或在计划信息中填写计划期末（“finish: 2023-1"
        "2-31”）",
        "add 'finish:' (the date the target is due) to the task, or the plan's period end ('f"
        "inish: 2023-12-31') to the plan header",
    ),
    "rule.target_no_finish.anon.hint": (
        "请为任务补充“finish:”（指标的完成期限），或在计划信息中填写计划期末（“finish: 2023-1"
        "2-31”）",
        "add 'finish:' (the date the target is due) to the task, or the plan's period end ('f"
        "inish: 2023-12-31') to the plan header",
    ),
    "rule.assumed_unknown": (
        "任务“{id}”的“assumed”中的“{field}”不是可标为假设的键",
        "'{field}' in 'assumed' of task '{id}' is not a key that can be marked as assumed",
    ),
    "rule.assumed_unknown.anon": (
        "有一项任务的“assumed”中的“{field}”不是可标为假设的键",
        "'{field}' in 'assumed' of a task is not a key that can be marked as assumed",
    ),
    "rule.assumed_unknown.hint": (
        "可标为假设的键：{keys}",
        "keys that can be marked as assumed: {keys}",
    ),
    "rule.assumed_unknown.anon.hint": (
        "可标为假设的键：{keys}",
        "keys that can be marked as assumed: {keys}",
    ),
    "rule.assumed_unknown.close": (
        "任务“{id}”的“assumed”中的“{field}”不是可标为假设的键",
        "'{field}' in 'assumed' of task '{id}' is not a key that can be marked as assumed",
    ),
    "rule.assumed_unknown.close.anon": (
        "有一项任务的“assumed”中的“{field}”不是可标为假设的键",
        "'{field}' in 'assumed' of a task is not a key that can be marked as assumed",
    ),
    "rule.assumed_unknown.close.hint": ('是否应为“{close}”？', "did you mean '{close}'?"),
    "rule.assumed_unknown.close.anon.hint": ('是否应为“{close}”？', "did you mean '{close}'?"),
    "rule.assumed_not_given": (
        "任务“{id}”将“{field}”标为假设，但本任务没有填写“{field}”",
        "task '{id}' marks '{field}' as assumed but gives no '{field}' of its own",
    ),
    "rule.assumed_not_given.anon": (
        "有一项任务将“{field}”标为假设，但该任务没有填写“{field}”",
        "a task marks '{field}' as assumed but gives no '{field}' of its own",
    ),
    "rule.assumed_not_given.hint": (
        "请为本任务填写“{field}”，或从“assumed”中删去它（沿用汇总任务的责任单位时，在汇总任务"
        "上标注）",
        "give the task its own '{field}', or remove it from 'assumed' (an owner taken from th"
        "e summary task is marked there)",
    ),
    "rule.assumed_not_given.anon.hint": (
        "请为本任务填写“{field}”，或从“assumed”中删去它（沿用汇总任务的责任单位时，在汇总任务"
        "上标注）",
        "give the task its own '{field}', or remove it from 'assumed' (an owner taken from th"
        "e summary task is marked there)",
    ),
    "rule.milestone_finish": ("任务“{id}”是里程碑，但填写了“finish”",
                              "task '{id}' is a milestone but has a 'finish'"),
    "rule.milestone_finish.anon": ("有一项任务是里程碑，但填写了“finish”",
                                   "a task is a milestone but has a 'finish'"),
    "rule.milestone_finish.hint": ("里程碑只填写“start”或前置任务",
                                   "a milestone takes only a 'start' or predecessors"),
    "rule.milestone_finish.anon.hint": ("里程碑只填写“start”或前置任务",
                                        "a milestone takes only a 'start' or predecessors"),
    "rule.estimate_order": (
        "任务“{id}”的三点估算应按乐观 ≤ 最可能 ≤ 悲观排列，现为“[{low}, {likely}, {high}]”",
        "estimate of task '{id}' must be in order optimistic <= likely <= pessimistic, not "
        "[{low}, {likely}, {high}]"),
    "rule.estimate_order.anon": (
        "有一项任务的三点估算应按乐观 ≤ 最可能 ≤ 悲观排列，现为“[{low}, {likely}, {high}]”",
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
    "rule.wait_shape": ("任务“{id}”的前置任务“{text}”格式不正确",
                        "task '{id}' follows '{text}', which is not a task of another plan"),
    "rule.wait_shape.hint": (
        "其他计划的任务写作“计划编号:任务编号”，如“panan-county-2023h2:sewage-subsidy”",
        "a task of another plan is written 'plan-id:task-id', e.g. "
        "'panan-county-2023h2:sewage-subsidy'"),
    "rule.wait_own_plan": ("任务“{id}”的前置任务“{text}”指向本计划",
                           "task '{id}' follows '{text}', a task of its own plan"),
    "rule.wait_own_plan.hint": ("本计划内的任务直接写任务编号：“{other}”",
                                "write a task of the same plan by its id alone: '{other}'"),
    "rule.wait_type": ("任务“{id}”与其他计划任务“{text}”的关系为{type}，跨计划不支持",
                       "task '{id}' follows '{text}' of another plan by {type}, which a "
                       "link across plans cannot be"),
    "rule.wait_type.hint": (
        "跨计划只能等待对方任务完成（FS）或开始（SS），可带间隔天数",
        "across plans a task waits for the other task to finish (FS) or to start (SS), "
        "with a lag if needed"),
    "rule.follows_target": ("任务“{id}”以指标任务“{other}”为前置任务",
                            "task '{id}' follows the target '{other}'"),
    "rule.follows_target.hint": (
        "指标任务按时段考核，不决定其他任务的日期：请删除这一前置关系",
        "a target is judged over its window and drives no other task's dates: remove this "
        "dependency"),
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
        "{year} 年节假日安排公布后，请在计划信息的“holidays:”中补充当年法定节假日，"
        "在“workdays:”中补充调休上班日",
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
    "import.needs_mpxj": ("是{what}（{suffix}），需经 MPXJ 转换读取：请安装 Java 运行环境后运行"
                          "“pip install \"planner-cpm[mpxj]\"”，{save_as}",
                          "{what} ({suffix}): planner reads these through MPXJ; install Java "
                          "and run pip install \"planner-cpm[mpxj]\", {save_as}"),
    # a project file converted by MPXJ (exchange/mpxj_convert.py)
    "import.mpxj.missing.mpxj": (
        "读取此类文件需要 MPXJ 组件：请先安装 Java 运行环境，再运行 {install}；也可在 MS Project "
        "或 ProjectLibre 中将其“另存为 XML 格式”后导入",
        "reading this kind of file needs MPXJ: install a Java runtime, then {install}; or "
        "save it as XML in MS Project or ProjectLibre (File > Save As > XML) and import that"),
    "import.mpxj.missing.java": (
        "读取此类文件需要 Java 运行环境（MPXJ 组件已安装）：请安装 Java 8 或更高版本；也可在 "
        "MS Project 或 ProjectLibre 中将其“另存为 XML 格式”后导入",
        "reading this kind of file needs a Java runtime (MPXJ is installed): install Java 8 "
        "or later; or save it as XML in MS Project or ProjectLibre (File > Save As > XML) and "
        "import that"),
    "import.mpxj.unrecognised": ("MPXJ 无法识别该文件的内容，不是其可读取的项目文件",
                                 "MPXJ does not recognise its content as a project file it "
                                 "reads"),
    "import.mpxj.unrecognised.hint": (
        "请在原软件中将其“另存为 XML 格式”（MS Project XML）后导入；ProjectLibre 1.5.5 "
        "以前版本保存的文件，请用新版 ProjectLibre 打开后重新保存",
        "save it as XML (MS Project XML) in the program that wrote it and import that; a .pod "
        "file saved by ProjectLibre before 1.5.5: open it in a newer ProjectLibre and save it "
        "again"),
    "import.mpxj.password": ("文件设有密码，无法读取",
                             "the file has a password; it cannot be read"),
    "import.mpxj.password.hint": (
        "请在 MS Project 中打开该文件，取消密码后重新保存，或将其“另存为 XML 格式”后导入",
        "open it in MS Project and save it without the password, or save it as XML and "
        "import that"),
    "import.mpxj.failed": ("MPXJ 无法读取该文件：{reason}", "MPXJ cannot read it: {reason}"),
    "import.mpxj.failed.hint": (
        "请确认文件完整且未加密码；或在原软件中将其“另存为 XML 格式”后导入",
        "check that the file is whole and has no password; or save it as XML in the program "
        "that wrote it and import that"),
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
    # values as written (domain/values.py, links.py): what a parser refuses; {what} is the
    # key the value was written under (a YAML key, kept as written)
    "value.years": ("“{text}”超出支持的年份 {first}–{last}",
                    "'{text}' is outside the supported years {first}–{last}"),
    "value.no_month.date": ("“{text}”不是日期：没有 {month} 月",
                            "'{text}' is not a date: there is no month {month}"),
    "value.month_days": ("“{text}”不是日期：{month} 只有 {days} 天",
                         "'{text}' is not a date: {month} has {days} days"),
    "value.no_month.month": ("“{text}”不是月份：没有 {month} 月",
                             "'{text}' is not a month: there is no month {month}"),
    "value.not_date": ("“{text}”不是日期；请写作 YYYY-MM-DD（月份写作 YYYY-MM）",
                       "'{text}' is not a date; write YYYY-MM-DD (or YYYY-MM for a month)"),
    "value.before_calendar": (
        "{day} 早于 {first}，即计划日历的起点（最早开始日期前一年）；请核对年份，或在 plan.yaml "
        "中为该任务填写更早的“start:”",
        "{day} is before {first}, where the plan's calendar begins (a year before its earliest "
        "start); check the year, or give the task an earlier 'start:' in plan.yaml"),
    "value.duration_negative": ("工期“{text}”为负数；工期须不小于 0",
                                "duration '{text}' is negative; durations are 0 or more"),
    "value.duration": ("工期“{text}”不是整数个工作日；请写作 10、10d 或 2w（0 为里程碑）",
                       "duration '{text}' is not a whole number of working days; write e.g. "
                       "10, '10d' or '2w' (0 = milestone)"),
    "value.digits_too_large": ("“{what}”的值 {digits}… 太大；最多 {most} 个工作日",
                               "{what} {digits}… is too large; at most {most} working days"),
    "value.days_too_large": ("“{what}”的值“{text}”太大：最多 {most} 个工作日（100 年）",
                             "{what} '{text}' is too large: at most {most} working days "
                             "(100 years)"),
    "value.lag": ("间隔“{text}”须为带符号的整数个工作日，如 +5 或 -2",
                  "lag '{text}' must be a signed whole number of working days, e.g. +5 or -2"),
    "value.not_number": ("“{what}”的值“{text}”不是数字", "{what} '{text}' is not a number"),
    "value.out_of_range": ("“{what}”的值“{text}”超出范围：最多 {most}",
                           "{what} '{text}' is out of range: at most {most}"),
    "value.not_count": ("“{what}”的值“{text}”须为不小于 0 的整数",
                        "{what} '{text}' must be a whole number, 0 or more"),
    "value.too_large": ("“{what}”的值“{text}”太大：最多 {most}",
                        "{what} '{text}' is too large: at most {most}"),
    "value.not_bool": ("“{what}”须为“true”或“false”，现为“{text}”",
                       "{what} must be true or false, not '{text}'"),
    "value.not_band": ("“{text}”不是区间；请写作“下限,上限”，如“-10%,+40%”",
                       "'{text}' is not a band; write LOW,HIGH, e.g. -10%,+40%"),
    "value.band_sides": ("“{text}”：下限须不大于 0，上限须不小于 0",
                         "'{text}': the low side is 0 or less, the high side 0 or more"),
    "value.spread_percent": ("“{text}”超出 -100% … +1000%", "'{text}' is outside -100% … +1000%"),
    "value.spread_days": ("“{text}”太大：最多 {most} 个工作日",
                          "'{text}' is too large: at most {most} working days"),
    "value.plan_id": ("“{text}”只能包含 a-z、0-9、“_”和“-”",
                      "'{text}' may contain only a-z, 0-9, '_' and '-'"),
    "value.task_id": ("“{text}”只能包含字母 A-Z a-z、数字、“_”“.”和“-”",
                      "'{text}' may contain only letters A-Z a-z, digits, '_', '.' and '-'"),
    "value.choice": ("“{text}”不是 {options} 之一", "'{text}' is not one of {options}"),
    "value.choice.close": ("“{text}”不是 {options} 之一；是否应为“{close}”？",
                           "'{text}' is not one of {options}; did you mean '{close}'?"),
    "value.estimate_too_large": ("三点估算“{text}”太大：最多 {most} 个工作日",
                                 "estimate '{text}' is too large: at most {most} working days"),
    "value.negative": ("“{what}”的值“{text}”为负数", "{what} '{text}' is negative"),
    "value.link_type": ("未知的关系类型“{text}”；请使用 FS、SS、FF 或 SF",
                        "unknown link type '{text}'; use FS, SS, FF or SF"),
    # reading a YAML file (planfiles/yamlreader.py)
    "file.missing": ("找不到该文件或文件夹", "no such file or folder"),
    "file.missing.hint": ("请核对路径", "check the path"),
    "file.missing.plan": ("找不到该文件或文件夹", "no such file or folder"),
    "file.missing.plan.hint": ("请核对路径；计划是一个内含 plan.yaml 的文件夹",
                               "check the path; a plan is a folder with plan.yaml in it"),
    "file.unreadable": ("无法读取文件：{reason}", "cannot read file: {reason}"),
    "file.folder": ("是文件夹，不是文件", "is a folder, not a file"),
    "file.folder.hint": ("请指定 YAML 文件，或删除该文件夹",
                         "name the YAML file, or remove the folder"),
    "file.not_regular": ("不是普通文件（是设备或管道），未读取",
                         "is not a regular file (a device or a pipe); it was not read"),
    "file.not_regular.hint": ("请指定一个 YAML 文件", "name a YAML file"),
    "file.too_large": ("文件大小为 {size} MiB；超过 {most} MiB 的计划不予读取",
                       "file is {size} MiB; plans larger than {most} MiB are refused"),
    "file.too_large.hint": ("请拆分计划，或核对所给文件是否正确",
                            "split the plan or check that the right file was given"),
    "file.grew": ("文件超过 {most} MiB，不予读取", "file is larger than {most} MiB; refused"),
    "file.not_utf8": ("文件不是有效的 UTF-8 编码（字节 {byte}）",
                      "file is not valid UTF-8 (byte {byte})"),
    "file.not_utf8.hint": ("请将文件另存为 UTF-8 编码（多数编辑器中：“另存为”时选择编码 UTF-8）",
                           "save the file as UTF-8 (in most editors: 'Save with encoding' -> "
                           "UTF-8)"),
    "file.outside": ("{what}链接到计划文件夹以外的文件，未读取",
                     "{what} is a link to a file outside the plan folder; it was not read"),
    "file.outside.hint": ("请将该文件复制到 {folder} 中，不要使用链接",
                          "copy the file into {folder} instead of linking it"),
    "yaml.syntax": ("YAML 语法错误：{problem}{context}", "YAML syntax error: {problem}{context}"),
    "yaml.syntax.hint": ("请检查此处附近的缩进和引号；含“:”或“#”的文字须加引号",
                         "check indentation and quoting around this place; text with ':' or "
                         "'#' must be quoted"),
    "yaml.context": ("（{context}）", " ({context})"),
    "yaml.context.at": ("（{context}；该部分始于第 {line} 行第 {col} 列）",
                        " ({context} that starts at line {line}, column {col})"),
    # the YAML parser's words for the usual syntax errors (English: the parser's own)
    "yaml.problem.mapping_values": ("此处不能再有“键: 值”（常见原因：值中含有“: ”而未加引号，"
                                    "或缩进不对）", "mapping values are not allowed here"),
    "yaml.problem.mapping_values.c": ("此处不能再有“键: 值”（常见原因：值中含有“: ”而未加引号，"
                                      "或缩进不对）",
                                      "mapping values are not allowed in this context"),
    "yaml.problem.character.c": ("此处出现了不能出现的字符（常见原因：用制表符缩进，"
                                 "或文字以 @、` 开头而未加引号）",
                                 "found character that cannot start any token"),
    "yaml.problem.tab": ("此处用了制表符（Tab）缩进；YAML 只能用空格缩进",
                         "found a tab character that violates indentation"),
    "yaml.problem.not_found.either": ("找不到应有的 {one} 或 {other}（常见原因：括号没有闭合）",
                                      "did not find expected {one} or {other}"),
    "yaml.problem.not_found": ("找不到应有的 {expected}（常见原因：括号没有闭合）",
                               "did not find expected {expected}"),
    "yaml.problem.no_colon": ("找不到应有的冒号“:”", "could not find expected ':'"),
    "yaml.problem.character": ("字符 {char} 不能出现在此处",
                               "found character {char} that cannot start any token"),
    "yaml.problem.end": ("文件意外结束（引号或括号没有闭合）", "found unexpected end of stream"),
    "yaml.problem.found": ("此处应为 {expected}，实为 {found}（常见原因：缩进不一致）",
                           "expected {expected}, but found {found}"),
    "yaml.problem.got": ("此处应为 {expected}，实为 {found}（常见原因：括号没有闭合）",
                         "expected {expected}, but got {found}"),
    "yaml.problem.alias": ("未定义的别名 {name}", "found undefined alias {name}"),
    "yaml.problem.no_key": ("找不到应有的键", "did not find expected key"),
    "yaml.problem.no_dash": ("找不到应有的列表符号“-”", "did not find expected '-' indicator"),
    "yaml.while.key": ("读取键时", "while scanning a simple key"),
    "yaml.while.token": ("读取下一项时", "while scanning for the next token"),
    "yaml.while.quoted": ("读取引号内的文字时", "while scanning a quoted scalar"),
    "yaml.while.plain": ("读取文字时", "while scanning a plain scalar"),
    "yaml.while.block_mapping": ("读取“键: 值”各行时", "while parsing a block mapping"),
    "yaml.while.block_list": ("读取列表时", "while parsing a block collection"),
    "yaml.while.flow_mapping": ("读取花括号中的内容时", "while parsing a flow mapping"),
    "yaml.while.flow_list": ("读取方括号中的内容时", "while parsing a flow sequence"),
    "yaml.error": ("YAML 错误：{problem}", "YAML error: {problem}"),
    "yaml.too_deep": ("文档嵌套层次过深", "document is nested too deeply"),
    "yaml.slip.full_colon": ("“{name}”后面是全角冒号“：”；YAML 须用半角冒号加空格："
                             "“{name}: …”",
                             "'{name}' is followed by a full-width colon '：'; YAML needs the "
                             "ASCII colon and a space: '{name}: …'"),
    "yaml.slip.tab": ("此行用制表符（Tab）缩进；YAML 只能用空格缩进（每级 2 个）",
                      "this line is indented with a tab; YAML indents with spaces only (2 per "
                      "level)"),
    "yaml.slip.note_comma": (
        "{…} 中的“,”会在此处结束“note”；请给“note”加引号：“note: \"…，…\"”（或改用全角“，”）",
        "a ',' inside a {…} note ends the note there; put the note in quotes: note: \"…，…\" "
        "(or use the full-width '，')"),
    "yaml.alias": ("计划中不支持 YAML 别名“*{anchor}”",
                   "YAML alias '*{anchor}' is not supported in plans"),
    "yaml.alias.hint": ("请完整写出该值；别名可使一个小文件膨胀为巨大的文件",
                        "write the value out in full; aliases can multiply a small file into an "
                        "enormous one"),
    "yaml.alias.more": ("… 另有 {n} 处别名", "… and {n} more aliases"),
    "yaml.not_mapping": ("{what}应为若干“键: 值”行，现为{found}",
                         "{what} must be a mapping of 'key: value' lines, not {found}"),
    "yaml.key_not_word": ("{what}中的键须为普通词语", "keys in {what} must be plain words"),
    "yaml.twice.key": ("键“{name}”在{what}中出现两次（首次见第 {line} 行）",
                       "key '{name}' appears twice in {what} (first at line {line})"),
    "yaml.twice.key.hint": ("请删除其中一处；YAML 会默默只保留后一处",
                            "remove one of them; YAML would silently keep only the last"),
    "yaml.twice.task": ("任务“{name}”在{what}中出现两次（首次见第 {line} 行）",
                        "task '{name}' appears twice in {what} (first at line {line})"),
    "yaml.twice.task.hint": ("请删除其中一处；YAML 会默默只保留后一处",
                             "remove one of them; YAML would silently keep only the last"),
    "yaml.unknown.key": ("{what}中有未知的键“{name}”", "unknown key '{name}' in {what}"),
    "yaml.unknown.key.hint": ("可用的键：{known}", "known keys: {known}"),
    "yaml.unknown.key.close": ("{what}中有未知的键“{name}”", "unknown key '{name}' in {what}"),
    "yaml.unknown.key.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "yaml.unknown.task": ("{what}中有未知的任务“{name}”", "unknown task '{name}' in {what}"),
    "yaml.unknown.task.hint": ("请核对任务编号", "check the task id"),
    "yaml.unknown.task.close": ("{what}中有未知的任务“{name}”", "unknown task '{name}' in {what}"),
    "yaml.unknown.task.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "yaml.missing_key": ("{what}缺少“{name}”", "{what} has no '{name}'"),
    "yaml.missing_key.hint": ("请补充“{name}: …”", "add '{name}: …'"),
    "yaml.not_list": ("{what}应为列表，现为{found}", "{what} must be a list, not {found}"),
    "yaml.not_scalar": ("{what}应为单个值，现为{found}",
                        "{what} must be a single value, not {found}"),
    "yaml.bad_value": ("{what}：{problem}", "{what}: {problem}"),
    "yaml.node.mapping": ("若干“键: 值”行", "a mapping"),
    "yaml.node.list": ("列表", "a list"),
    "yaml.node.value": ("“{text}”", "'{text}'"),
    # the parts of a file a message names
    "what.key": ("“{name}”", "{name}"),
    "what.plan_file": ("计划文件", "the plan file"),
    "what.status_file": ("进度快照文件", "the status file"),
    "what.baseline": ("基线文件", "the baseline"),
    "what.baseline_tasks": ("基线任务列表", "baseline tasks"),
    "what.snapshot": ("进度快照", "the snapshot"),
    "what.plan": ("计划信息（“plan:”）", "plan"),
    "what.plan_id": ("计划编号", "plan id"),
    "what.plan_name": ("计划名称", "plan name"),
    "what.plan_start": ("计划开始日期", "plan start"),
    "what.plan_finish": ("计划期末", "plan finish"),
    "what.a_task": ("任务", "a task"),
    "what.task_id": ("任务编号", "task id"),
    "what.data_date": ("数据日期", "data date"),
    "what.dependency_task": ("前置任务编号", "dependency task"),
    "what.link_type": ("关系类型", "link type"),
    "what.risk_default": ("“risk”中的“default”", "risk default"),
    "what.sub_key": ("“{section}”中的“{name}”", "{section} {name}"),
    "what.portfolio_file": ("计划组合文件", "the portfolio file"),
    "what.portfolio": ("计划组合信息（“portfolio:”）", "portfolio"),
    "what.portfolio_name": ("计划组合名称", "portfolio name"),
    "what.portfolio_plans": ("计划列表（“plans:”）", "plans"),
    "what.portfolio_plan": ("计划列表中的一项", "a plan of the portfolio"),
    "what.plan_path": ("计划文件夹路径", "plan path"),
    "what.portfolio_group": ("分组", "group"),
    "what.task": ("任务“{id}”", "task '{id}'"),
    "what.task.anon": ("任务", "a task"),
    "what.of_task": ("任务“{id}”的“{name}”", "{name} of task '{id}'"),
    "what.of_task.anon": ("任务的“{name}”", "{name} of a task"),
    "what.tag_of_task": ("任务“{id}”的标签", "a tag of task '{id}'"),
    "what.tag_of_task.anon": ("任务的标签", "a tag of a task"),
    "what.total_of_task": ("任务“{id}”的“quantity”中的“total”", "quantity total of task '{id}'"),
    "what.total_of_task.anon": ("任务的“quantity”中的“total”", "quantity total of a task"),
    "what.dependency_of_task": ("任务“{id}”的前置关系", "a dependency of task '{id}'"),
    "what.dependency_of_task.anon": ("任务的前置关系", "a dependency of a task"),
    "what.of_baseline": ("任务“{id}”基线的“{name}”", "{name} of '{id}'"),
    "what.baseline_of": ("任务“{id}”的基线", "baseline of '{id}'"),
    # plan.yaml (planfiles/plan.py)
    "plan.empty_file": ("计划文件是空的", "the plan file is empty"),
    "plan.empty_file.hint": ("计划需要“plan:”信息和“tasks:”列表",
                             "a plan needs a 'plan:' header and a 'tasks:' list"),
    "plan.no_tasks": ("计划中没有任务", "the plan has no tasks"),
    "plan.no_tasks.hint": ("请在“tasks:”下至少添加一项任务",
                           "add at least one task under 'tasks:'"),
    "plan.too_deep": ("{what}：任务嵌套超过 {most} 层", "{what}: tasks are nested more than {most} "
                      "levels"),
    "plan.empty_tasks": ("任务“{id}”的“tasks:”列表是空的",
                         "task '{id}' has an empty 'tasks:' list"),
    "plan.empty_tasks.hint": ("请在“tasks:”下列出其下级任务，或删除“tasks:”并填写“duration:”",
                              "list its subtasks under 'tasks:', or remove 'tasks:' and give it "
                              "a 'duration:'"),
    "plan.estimate_three": ("{what}应为三个数［乐观，最可能，悲观］，现为 {n} 个",
                            "{what} must have three numbers [optimistic, likely, pessimistic], "
                            "not {n}"),
    "plan.link_not_understood": ("{what}的前置关系“{text}”无法识别",
                                 "dependency '{text}' of {what} is not understood"),
    "plan.link_not_understood.hint": ("请写作“task-id”“task-id SS”“task-id FS+5”或“task-id FF-2”",
                                      "write 'task-id', 'task-id SS', 'task-id FS+5' or "
                                      "'task-id FF-2'"),
    "plan.link_bad": ("{what}的前置关系“{text}”：{problem}",
                      "dependency '{text}' of {what}: {problem}"),
    "plan.link_bad.hint": ("请写作“task-id”“task-id SS”“task-id FS+5”或“task-id FF-2”",
                           "write 'task-id', 'task-id SS', 'task-id FS+5' or 'task-id FF-2'"),
    "plan.risk_default": ("“risk”中的“default”应为“[下限, 上限]”，如“[-10%, +40%]”",
                          "risk default must be [low, high], e.g. [-10%, +40%]"),
    "plan.risk_default_sides": ("“risk”中的“default”应为“[下限 <= 0, 上限 >= 0]”，如“[-10%, +40%]”",
                                "risk default must be [low <= 0, high >= 0], e.g. [-10%, +40%]"),
    "plan.iterations": ("“iterations”至少为 1", "iterations must be at least 1"),
    "plan.check_percent": ("“{text}”超过 100%", "'{text}' is more than 100%"),
    "plan.check_index": ("“{text}”不是 0.95（或 95%）这样的指数",
                         "'{text}' is not an index like 0.95 (or 95%)"),
    "plan.check_delay": ("检验延误至少为 1 个工作日",
                         "the test delay must be at least 1 working day"),
    "plan.cycle": ("前置关系成环：{chain}", "dependency cycle: {chain}"),
    "plan.cycle.hint": ("任务不能直接或间接地等待自身；请删除其中一个前置关系",
                        "a task cannot wait, even indirectly, for itself; remove one of these "
                        "links"),
    "plan.cycle.step": ("“{id}”", "'{id}'"),
    "plan.cycle.step.line": ("“{id}”（第 {line} 行）", "'{id}' (line {line})"),
    "plan.cycle.then": (" → ", " -> "),
    "plan.cycle.part_of": (" 属于 ", " is part of "),
    # portfolios (planfiles/portfolio.py, engine/crossplan.py, portfolio.py)
    "portfolio.missing": ("找不到计划组合", "no portfolio here"),
    "portfolio.missing.hint": (
        "请给出含“portfolio.yaml”的文件夹、该文件本身，或存放各计划文件夹的文件夹",
        "give a folder holding portfolio.yaml, the file itself, or a folder of plan "
        "folders"),
    "portfolio.unreadable": ("无法读取该文件夹：{reason}", "the folder cannot be read: {reason}"),
    "portfolio.no_plans_in_folder": ("该文件夹中没有计划文件夹，也没有“{file}”",
                                     "the folder holds no plan folder and no {file}"),
    "portfolio.no_plans_in_folder.hint": (
        "每个计划文件夹中应有“plan.yaml”；或在此写一个“{file}”列出各计划",
        "each plan folder holds a plan.yaml; or write a {file} here naming the plans"),
    "portfolio.empty_file": ("计划组合文件是空的", "the portfolio file is empty"),
    "portfolio.empty_file.hint": ("请写明“portfolio:”（名称）和“plans:”（各计划文件夹）",
                                  "write 'portfolio:' (its name) and 'plans:' (the plan "
                                  "folders)"),
    "portfolio.no_plans": ("“plans:”中没有列出计划", "'plans:' names no plan"),
    "portfolio.no_plans.hint": ("请逐行列出各计划文件夹的路径（相对于本文件）",
                                "list each plan folder's path, relative to this file"),
    "portfolio.too_many": ("“plans:”列出了{count}个计划，超过上限{most}个",
                           "'plans:' names {count} plans, more than {most}"),
    "portfolio.no_plan": ("“{path}”中没有“{file}”", "'{path}' holds no {file}"),
    "portfolio.no_plan.hint": ("路径相对于计划组合文件所在的文件夹；请核对路径",
                               "paths are relative to the portfolio file's folder; check "
                               "the path"),
    "portfolio.twice": ("计划“{path}”已在第{line}行列出", "'{path}' is listed already, at "
                        "line {line}"),
    "portfolio.twice.hint": ("请删除重复的一项", "remove one of the two"),
    "portfolio.duplicate_plan": ("计划编号“{id}”在组合中重复（另见{first}）",
                                 "plan id '{id}' is used twice in the portfolio (also "
                                 "{first})"),
    "portfolio.duplicate_plan.hint": (
        "跨计划的前置关系按计划编号查找，组合内每个计划的编号须唯一",
        "links across plans find a plan by its id: each plan of a portfolio needs its own"),
    "portfolio.unknown_plan": ("任务“{id}”的前置任务所在计划“{plan}”不在本组合中",
                               "task '{id}' follows a task of plan '{plan}', which is not in "
                               "the portfolio"),
    "portfolio.unknown_plan.hint": ("请核对计划编号，或将该计划加入计划组合",
                                    "check the plan id, or add that plan to the portfolio"),
    "portfolio.unknown_plan.close": ("任务“{id}”的前置任务所在计划“{plan}”不在本组合中",
                                     "task '{id}' follows a task of plan '{plan}', which is "
                                     "not in the portfolio"),
    "portfolio.unknown_plan.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "portfolio.unknown_task": ("任务“{id}”的前置任务“{other}”在计划“{plan}”中不存在",
                               "task '{id}' follows '{other}', which plan '{plan}' does not "
                               "have"),
    "portfolio.unknown_task.hint": ("请核对该计划中的任务编号",
                                    "check the task id in that plan"),
    "portfolio.unknown_task.close": ("任务“{id}”的前置任务“{other}”在计划“{plan}”中不存在",
                                     "task '{id}' follows '{other}', which plan '{plan}' "
                                     "does not have"),
    "portfolio.unknown_task.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "portfolio.cycle": ("跨计划的前置关系成环：{chain}", "dependency cycle across plans: "
                        "{chain}"),
    "portfolio.cycle.hint": ("任务不能直接或间接地等待自身；请删除其中一个前置关系",
                             "a task cannot wait, even indirectly, for itself; remove one of "
                             "these links"),
    "portfolio.cycle.step": ("“{plan}:{id}”", "'{plan}:{id}'"),
    "portfolio.alone.missing": (
        "任务“{id}”等待其他计划的任务“{other}”，但未找到该计划，此前置关系未计入预测",
        "task '{id}' waits on '{other}' of another plan, which was not found: the forecast "
        "leaves that link out"),
    "portfolio.alone.missing.hint": (
        "将两个计划文件夹放在同一文件夹中（可写“{file}”列出各计划），或用“planner "
        "portfolio”命令审阅整个计划组合",
        "keep both plan folders in one folder (a {file} there may name them), or review "
        "the whole portfolio with 'planner portfolio'"),
    "mspdi.waits_bad": ("任务“{id}”的跨计划前置关系“{text}”无法识别，已忽略",
                        "task '{id}': the link to another plan '{text}' is not understood "
                        "and was left out"),
    # the baseline (planfiles/baseline.py)
    "baseline.empty": ("基线文件是空的", "the baseline file is empty"),
    "baseline.empty.hint": ("请删除该文件，再运行“planner baseline”",
                            "delete it and run `planner baseline` again"),
    "baseline.other_plan": ("该基线属于计划“{other}”，不是“{plan}”",
                            "this baseline is for plan '{other}', not '{plan}'"),
    "baseline.gone": ("基线任务“{id}”已不在计划中",
                      "baseline task '{id}' is no longer in the plan"),
    "baseline.gone.hint": ("请用“planner baseline --force”重新核定基线",
                           "re-approve the baseline with `planner baseline --force`"),
    "baseline.finish_before_start": ("任务“{id}”的基线完成日期 {finish} 早于其开始日期 {start}",
                                     "finish {finish} of '{id}' is before its start {start}"),
    "baseline.finish_before_start.hint": (
        "请用“planner baseline --force”重新核定基线，或调换这两个日期",
        "re-approve the baseline with `planner baseline --force`, or swap the dates"),
    # status snapshots (planfiles/snapshots.py)
    "status.unlistable": ("无法列出文件夹内容：{reason}", "cannot list the folder: {reason}"),
    "status.unlistable.hint": ("请检查该文件夹是否可读（权限或共享盘）",
                               "check that the folder can be read (its permissions, or the "
                               "shared drive)"),
    "status.duplicate_date": ("有两个进度快照的数据日期都是 {day}：{first} 和 {second}",
                              "two snapshots have the data date {day}: {first} and {second}"),
    "status.duplicate_date.hint": ("每个数据日期只保留一个快照；请合并或删除另一个文件",
                                   "keep one snapshot per data date; merge or delete the other "
                                   "file"),
    "status.too_early": ("数据日期 {day} 早于任何任务可以开始的日期（{earliest}）",
                         "data date {day} is before any task could start ({earliest})"),
    "status.too_early.hint": ("请核对日期；这么早的快照不会记录任何进度",
                              "check the date; a snapshot this early records no progress"),
    "status.empty": ("进度快照文件是空的", "the status file is empty"),
    "status.empty.hint": ("快照需要“plan:”“date:”和“progress:”",
                          "a snapshot needs 'plan:', 'date:' and 'progress:'"),
    "status.other_plan": ("该快照属于计划“{other}”，不是“{plan}”",
                          "this snapshot is for plan '{other}', not '{plan}'"),
    "status.other_plan.hint": ("请将文件放在其所属计划的 status/ 文件夹中",
                               "put the file in its own plan's status/ folder"),
    "status.summary": ("任务“{id}”是汇总任务，其进度由下级任务汇总",
                       "task '{id}' is a summary task; its progress rolls up from its children"),
    "status.summary.hint": ("请在其下级任务上记录进度：{children}",
                            "record progress on its subtasks: {children}"),
    "status.after_date.started": ("任务“{id}”：实际开始日期 {value} 晚于数据日期 {day}",
                                  "task '{id}': started {value} is after the data date {day}"),
    "status.after_date.started.hint": ("进度只记录到数据日期为止；请更正该日期或文件的日期",
                                       "progress is recorded up to the data date; fix the date "
                                       "or the file's date"),
    "status.after_date.finished": ("任务“{id}”：实际完成日期 {value} 晚于数据日期 {day}",
                                   "task '{id}': finished {value} is after the data date {day}"),
    "status.after_date.finished.hint": ("进度只记录到数据日期为止；请更正该日期或文件的日期",
                                        "progress is recorded up to the data date; fix the "
                                        "date or the file's date"),
    "status.finished_not_started": ("任务“{id}”：填写了“finished”，但没有“started”",
                                    "task '{id}': has 'finished' but no 'started'"),
    "status.finished_not_started.hint": ("请补充“started: YYYY-MM-DD”",
                                         "add 'started: YYYY-MM-DD'"),
    "status.finished_before_started": ("任务“{id}”：实际完成 {finished} 早于实际开始 {started}",
                                       "task '{id}': finished {finished} before it started "
                                       "{started}"),
    "status.finished_before_started.hint": ("请调换或更正这两个日期", "swap or correct the dates"),
    "status.percent_range": ("任务“{id}”：完成百分比 {value} 超出 0–100",
                             "task '{id}': percent {value} is outside 0–100"),
    "status.percent_100": ("任务“{id}”：完成百分比为 100，但没有“finished”日期",
                           "task '{id}': percent is 100 but the task has no 'finished' date"),
    "status.percent_100.hint": ("请补充“finished: YYYY-MM-DD”，或降低完成百分比",
                                "add 'finished: YYYY-MM-DD', or lower the percent"),
    "status.finished_percent": ("任务“{id}”：已完成，但完成百分比为 {value}",
                                "task '{id}': finished, but percent is {value}"),
    "status.finished_percent.hint": ("已完成的任务即完成 100%；请删除“percent”",
                                     "a finished task is 100% done; remove 'percent'"),
    "status.done_no_quantity": ("任务“{id}”：填写了“done”，但该任务在 plan.yaml 中没有“quantity”",
                                "task '{id}': has 'done' but the task has no 'quantity' in "
                                "plan.yaml"),
    "status.done_no_quantity.hint": ("请为该任务补充“quantity: {{total: N, unit: …}}”，"
                                     "或改用“percent”",
                                     "add 'quantity: {{total: N, unit: …}}' to the task, or use "
                                     "'percent'"),
    "status.done_range": ("任务“{id}”：完成量 {value} 超出 {range}",
                          "task '{id}': done {value} is outside {range}"),
    "status.spent_negative": ("任务“{id}”：已用费用 {value} 为负数",
                              "task '{id}': spent {value} is negative"),
    "status.not_started": ("任务“{id}”：记录了进度，但没有“started”日期",
                           "task '{id}': records progress but no 'started' date"),
    "status.not_started.hint": ("请补充“started: YYYY-MM-DD”", "add 'started: YYYY-MM-DD'"),
    "status.not_snapshot": ("不是进度快照（没有“plan:”“date:”和“progress:”）",
                            "is not a snapshot (no 'plan:', 'date:' and 'progress:')"),
    # the workflow (project.py)
    "project.no_snapshot": ("{folder} 中没有进度快照", "no status snapshot in {folder}"),
    "project.no_snapshot.hint": ("请在 status/YYYY-MM-DD.yaml 中记录进度"
                                 "（见 docs/plan-format.md）",
                                 "record progress in status/YYYY-MM-DD.yaml (see "
                                 "docs/plan-format.md)"),
    "project.no_snapshot.at": ("{folder} 中没有数据日期在 {at} 或之前的进度快照",
                               "no status snapshot dated on or before {at} in {folder}"),
    "project.no_snapshot.at.hint": ("请在 status/YYYY-MM-DD.yaml 中记录进度（见 "
                                    "docs/plan-format.md）",
                                    "record progress in status/YYYY-MM-DD.yaml (see "
                                    "docs/plan-format.md)"),
    "project.diff_dates": ("--from 选中的是 {before} 的快照，不早于 --to 选中的快照（{after}）",
                           "--from picks the snapshot of {before}, which is not before the one "
                           "--to picks ({after})"),
    "project.diff_dates.hint": ("请为 --from 指定早于后一快照的日期",
                                "give --from a date before the later snapshot"),
    # planner forms --owner (exchange/forms_write.py)
    "forms.unknown_owner": ("计划中没有责任单位“{owner}”", "the plan has no owner '{owner}'"),
    "forms.unknown_owner.hint": ("计划中的责任单位有：{owners}", "owners: {owners}"),
    "forms.unknown_owner.close": ("计划中没有责任单位“{owner}”",
                                  "the plan has no owner '{owner}'"),
    "forms.unknown_owner.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "project.unknown_task": ("计划中没有任务“{id}”", "the plan has no task '{id}'"),
    "project.unknown_task.hint": ("请核对编号（planner schedule 会列出全部编号）",
                                  "check the id (planner schedule lists them)"),
    "project.unknown_task.close": ("计划中没有任务“{id}”", "the plan has no task '{id}'"),
    "project.unknown_task.close.hint": ("是否应为“{close}”？", "did you mean '{close}'?"),
    "project.snapshot_exists": ("{day} 的进度快照已存在", "a snapshot for {day} already exists"),
    "project.snapshot_exists.hint": ("如要在其中加入这些记录，请加 --force；"
                                     "如只想查看，请加 --dry-run",
                                     "use --force to add these entries to it, or --dry-run to "
                                     "see them"),
    "project.future": ("数据日期 {day} 比今天晚 {days} 天", "the data date {day} is {days} days "
                       "after today"),
    "project.future.hint": ("请核对数据日期（--at）的年份；"
                            "此后每次分析都会采用最新的快照，即这一份",
                            "check the year of the data date (--at); every later review takes "
                            "the latest snapshot, this one"),
    "project.span": ("进度计划排到 {finish}，超出支持的年份 {first}–{last}：任务“{id}”最先在 "
                     "{end} 之后完成（{task_finish}）",
                     "the schedule runs to {finish}, past the supported years {first}–{last}: "
                     "task '{id}' is the first to finish after {end} ({task_finish})"),
    "project.span.hint": ("请检查通向该任务的任务链上的工期、间隔和前置关系；"
                          "一个计划通常只有几年的工作",
                          "check the durations, lags and links of the chain that leads to it; "
                          "a plan is a few years of work"),
    "project.path_nul": ("路径中含有 NUL 字符", "the path has a NUL character in it"),
    "project.path_nul.hint": ("请指定计划文件夹", "name the plan folder"),
    "project.path_long": ("名称过长", "the name is too long"),
    "project.path_long.hint": ("请指定计划文件夹", "name the plan folder"),
    "project.path_unreadable": ("无法读取（{reason}）", "it cannot be read ({reason})"),
    "project.path_unreadable.hint": ("请指定计划文件夹", "name the plan folder"),
    # MS Project XML (exchange/mspdi_read.py): warnings name what had no place in the plan
    "mspdi.minutes_per_day": ("“MinutesPerDay”值 {value} 不是 1 至 1440 的整数分钟；"
                              "按 {default}（8 小时）计",
                              "<MinutesPerDay> {value} is not a whole number of minutes from 1 "
                              "to 1440; {default} (8 hours) is used"),
    "mspdi.minutes_per_day.hint": ("请在 MS Project 中设置每日工时：文件 > 选项 > 日程",
                                   "set the hours per day in MS Project: File > Options > "
                                   "Schedule"),
    "mspdi.too_many_days": ("{what}为 {days} 个工作日；最多支持 {most} 个",
                            "{what} is {days} working days; at most {most} are supported"),
    "mspdi.too_many_days.hint": ("请在 MS Project 中更正，再重新保存为 XML",
                                 "correct it in MS Project and save the XML again"),
    "mspdi.part_day": ("{what}为 {hours} 小时，不是整数个工作日；向上取整为 {whole}",
                       "{what} of {hours} hours is not a whole number of working days; rounded "
                       "up to {whole}"),
    "mspdi.part_day.hint": ("计划格式按整数个工作日计",
                            "the plan format counts whole working days"),
    "mspdi.bad_date": ("{what}“{value}”不是 {first} 至 {last} 年间的日期",
                       "{what} '{value}' is not a date from {first} to {last}"),
    "mspdi.bad_date.hint": ("请在 MS Project 中更正，再重新保存为 XML",
                            "correct it in MS Project and save the XML again"),
    "mspdi.what.tag": ("“{tag}”", "{tag}"),
    "mspdi.what.task_tag": ("任务“{name}”的“{tag}”", "task '{name}': {tag}"),
    "mspdi.what.custom_date": ("任务“{name}”的自定义日期", "task '{name}': custom date"),
    "mspdi.what.exception_tag": ("日历例外的“{tag}”", "calendar exception {tag}"),
    "mspdi.what.task_uid": ("任务“{name}”（UID {uid}）", "task '{name}' (UID {uid})"),
    "mspdi.what.lag": ("任务“{id}”的间隔", "the lag of task '{id}'"),
    "mspdi.what.lag_after": ("任务“{id}”在“{other}”之后的间隔",
                             "the lag of task '{id}' after '{other}'"),
    "mspdi.what.remaining": ("任务“{id}”的剩余工期", "remaining duration of task '{id}'"),
    "mspdi.what.baseline_duration": ("任务“{id}”的基线工期",
                                     "baseline duration of task '{id}'"),
    "mspdi.no_start": ("文件中没有项目开始日期，也没有带日期的任务",
                       "the file has no project start and no dated task"),
    "mspdi.no_tasks_element": ("文件中没有“Tasks”部分", "the file has no <Tasks>"),
    "mspdi.no_tasks_element.hint": ("请从 MS Project 将项目导出为 XML",
                                    "export the project from MS Project as XML"),
    "mspdi.inactive": ("{what}在 MS Project 中处于非活动状态；未导入",
                       "{what} is inactive in MS Project; not imported"),
    "mspdi.inactive.hint": ("如要保留，请先在 MS Project 中将其设为活动",
                            "make it active in MS Project first to keep it"),
    "mspdi.external": ("{what}是外部任务或插入的项目；未导入",
                       "{what} is an external task or inserted project; not imported"),
    "mspdi.bad_uid": ("{what}的 UID 缺失或重复；未导入",
                      "{what} has a missing or repeated UID; not imported"),
    "mspdi.too_deep": ("{what}嵌套 {levels} 层；计划的任务最多嵌套 {most} 层",
                       "{what} is nested {levels} levels deep; a plan nests tasks at most "
                       "{most} levels"),
    "mspdi.too_deep.hint": ("请在 MS Project 中将任务升级，再重新保存为 XML",
                            "outdent the tasks in MS Project and save the XML again"),
    "mspdi.no_tasks": ("文件中没有任务", "the file has no tasks"),
    "mspdi.rate": ("资源“{name}”设有费率；plan.yaml 中没有费率（任务成本作为预算导入）",
                   "resource '{name}' has a rate; rates have no place in plan.yaml (the tasks' "
                   "costs are imported as budgets)"),
    "mspdi.rate.hint": ("预算是各任务的计划金额；费率请保留在 MS Project 中",
                        "budgets are planned amounts per task; keep rates in MS Project"),
    "mspdi.rate.tasks": ("资源“{name}”设有费率；plan.yaml 中没有费率"
                         "（任务成本作为预算导入）：{tasks}",
                         "resource '{name}' has a rate; rates have no place in plan.yaml (the "
                         "tasks' costs are imported as budgets): {tasks}"),
    "mspdi.rate.tasks.hint": ("预算是各任务的计划金额；费率请保留在 MS Project 中",
                              "budgets are planned amounts per task; keep rates in MS Project"),
    "mspdi.resources": ("任务“{name}”有 {n} 个资源；责任单位记为“{owner}”",
                        "task '{name}' has {n} resources; its owner is '{owner}'"),
    "mspdi.no_name": ("任务“{id}”没有名称；以其编号命名",
                      "task '{id}' has no name; named after its id"),
    "mspdi.must_start": ("任务“{id}”必须开始于 {day}；按“不得早于该日开始”导入",
                         "task '{id}' must start on {day}; imported as start no earlier than "
                         "that day"),
    "mspdi.constraint.0": ("越早越好", "as soon as possible"),
    "mspdi.constraint.1": ("越晚越好", "as late as possible"),
    "mspdi.constraint.2": ("必须开始于", "must start on"),
    "mspdi.constraint.3": ("必须完成于", "must finish on"),
    "mspdi.constraint.4": ("不得早于…开始", "start no earlier than"),
    "mspdi.constraint.5": ("不得晚于…开始", "start no later than"),
    "mspdi.constraint.6": ("不得早于…完成", "finish no earlier than"),
    "mspdi.constraint.7": ("不得晚于…完成", "finish no later than"),
    "mspdi.constraint.other": ("类型 {kind}", "type {kind}"),
    "mspdi.constraint_deadline": ("任务“{id}”有限制条件“{constraint}{day}”；作为期限导入",
                                  "task '{id}' has the constraint '{constraint}{day}'; imported "
                                  "as its deadline"),
    "mspdi.constraint_dropped": ("任务“{id}”有限制条件“{constraint}{day}”，"
                                 "计划格式没有此类限制；未导入",
                                 "task '{id}' has the constraint '{constraint}{day}', which the "
                                 "plan format does not have; not imported"),
    "mspdi.constraint_dropped.hint": ("计划格式只有“不得早于…开始”（“start:”）"
                                      "和期限（“deadline:”）",
                                      "the format has start no earlier than (start:) and "
                                      "deadlines (deadline:)"),
    "mspdi.manual_kept": ("{n} 项任务为手动计划（{ids}）；按 MS Project 所存的开始日期和工期"
                          "导入（写为“start:”和工期），此后按前置关系自动排期",
                          "{n} tasks are manually scheduled ({ids}); imported at the start and "
                          "duration MS Project stores for them (as 'start:' and duration), "
                          "scheduled by their links from now on"),
    "mspdi.before_start": ("部分任务在项目开始日期 {start} 之前已排期或已开展；计划开始日期"
                           "取文件中最早的日期 {day}，文件中自 {start} 开始的任务按"
                           "“start: {start}”导入",
                           "tasks are scheduled or done before the project start {start}; the "
                           "plan starts on the earliest date of the file, {day}, and the tasks "
                           "that start on {start} in the file are imported with "
                           "'start: {start}'"),
    "mspdi.leveling_kept": ("任务“{id}”因资源调配而延迟；延迟后的开始日期按“start: {day}”导入",
                            "task '{id}' is delayed by resource leveling; its leveled start is "
                            "imported as 'start: {day}'"),
    "mspdi.start_kept": ("任务“{id}”在文件中的开始日期晚于其前置关系所定日期；"
                         "按“start: {day}”导入",
                         "task '{id}' starts later in the file than its links allow; imported "
                         "as 'start: {day}'"),
    "mspdi.span_kept": ("任务“{id}”工期为 {duration} 个工作日，但在文件中自开始至完成跨 {days} "
                        "个工作日（任务拆分、工期按部分日计、多名资源分担工时或资源"
                        "日历不同）；按 {days} 个工作日导入",
                        "task '{id}' has a duration of {duration} working days but spans {days} "
                        "from start to finish in the file (a split task, part days, work "
                        "shared by resources or a resource's own calendar); imported as "
                        "{days} working days"),
    "mspdi.off_dates": ("任务“{id}”在文件中为 {start} 至 {finish}，导入后排期为 {got_start} 至 "
                        "{got_finish}",
                        "task '{id}' is on {start} to {finish} in the file but schedules to "
                        "{got_start} to {got_finish} here"),
    "mspdi.off_dates.hint": ("原因可能是任务日历或资源日历、手动计划任务的前置关系或部分"
                             "工作日；请核对该任务的开始日期和工期",
                             "a task or resource calendar, the links of a manually scheduled "
                             "task or part days can cause it; check the task's start and "
                             "duration"),
    "mspdi.summary_off_dates": ("摘要任务“{id}”在文件中为 {start} 至 {finish}，按其下级任务汇总为 "
                                "{got_start} 至 {got_finish}",
                                "summary task '{id}' is on {start} to {finish} in the file but "
                                "its tasks span {got_start} to {got_finish} here"),
    "mspdi.summary_off_dates.hint": ("摘要任务的日期由其下级任务汇总；文件保存的日期与下级"
                                     "任务不一致（多为 MS Project 未重新计算），请核对其下级任务的"
                                     "日期",
                                     "a summary's dates are those of the tasks under it; the "
                                     "file's stored dates disagree with them (MS Project had "
                                     "not recalculated), so check the tasks under it"),
    "mspdi.own_calendar": ("任务“{id}”有自己的日历（UID {uid}）；按计划日历排期",
                           "task '{id}' has a calendar of its own (UID {uid}); it is scheduled "
                           "on the plan's calendar"),
    "mspdi.duration_unreadable": ("任务“{id}”的工期“{value}”无法读取；按 1 个工作日导入",
                                  "task '{id}' has a duration '{value}' that cannot be read; "
                                  "imported as one working day"),
    "mspdi.no_duration": ("任务“{id}”没有工期；按 1 个工作日导入",
                          "task '{id}' has no duration; imported as one working day"),
    "mspdi.elapsed": ("任务“{id}”的工期按日历日计（{calendar_days} 个日历日）；"
                      "按 {days} 个工作日导入",
                      "task '{id}' has an elapsed duration ({calendar_days} calendar days); "
                      "imported as {days} working days"),
    "mspdi.negative_duration": ("任务“{id}”的工期为负数；作为里程碑导入",
                                "task '{id}' has a negative duration; imported as a milestone"),
    "mspdi.milestone_length": ("任务“{id}”标为里程碑，但工期为 {days} 个工作日；"
                               "按该工期的任务导入",
                               "task '{id}' is marked as a milestone but lasts {days} working "
                               "days; imported as a task of that length"),
    "mspdi.bad_estimate": ("任务“{id}”：三点估算“{value}”不是按顺序排列的三个数；未导入",
                           "task '{id}': the estimate '{value}' is not three numbers in order; "
                           "not imported"),
    "mspdi.bad_quantity": ("任务“{id}”：数量“{value}”不是“数值 单位”；未导入",
                           "task '{id}': the quantity '{value}' is not a number and a unit; "
                           "not imported"),
    "mspdi.bad_cost": ("任务“{id}”（UID {uid}）：“{tag}”值 {value} 不是有限的数；未导入",
                       "task '{id}' (UID {uid}): <{tag}> {value} is not a finite number; it is "
                       "not imported"),
    "mspdi.fixed_cost_range": ("任务“{id}”的固定成本为 {value}；预算须在 0 至 {most} 之间，"
                               "未导入",
                               "task '{id}' has a fixed cost of {value}; a budget is 0 to "
                               "{most}, so it is not imported"),
    "mspdi.cost_range": ("任务“{id}”的成本为 {value}；预算须在 0 至 {most} 之间，未导入",
                         "task '{id}' has a cost of {value}; a budget is 0 to {most}, so it is "
                         "not imported"),
    "mspdi.cross_project": ("任务“{id}”的前置任务属于其他项目（{project}）；该前置关系未导入",
                            "task '{id}' follows a task of another project ({project}); link "
                            "not imported"),
    "mspdi.link_not_imported": ("任务“{id}”的前置任务 UID {uid} 未导入；该前置关系未导入",
                                "task '{id}' follows task UID {uid}, which is not imported; "
                                "link not imported"),
    "mspdi.link_type": ("任务“{id}”：来自“{other}”的前置关系类型 {type} 未知；按 FS 导入",
                        "task '{id}': link from '{other}' has unknown type {type}; imported as "
                        "FS"),
    "mspdi.link_twice": ("任务“{id}”两次以“{other}”为前置任务；保留第一个",
                         "task '{id}' follows '{other}' twice; the first link is kept"),
    "mspdi.link_dropped": ("{finding}；该前置关系未导入", "{finding}; link not imported"),
    "mspdi.lag_percent": ("任务“{id}”：在“{other}”之后的间隔为其工期的 {percent}%；"
                          "按 {days} 个工作日导入",
                          "task '{id}': the lag after '{other}' is {percent}% of its duration; "
                          "imported as {days} working days"),
    "mspdi.lag_elapsed": ("任务“{id}”：在“{other}”之后的间隔为 {calendar_days} 个日历日；"
                          "按 {days} 个工作日导入",
                          "task '{id}': the lag after '{other}' is {calendar_days} calendar days "
                          "(elapsed); imported as {days} working days"),
    "mspdi.other_calendar": ("日历“{name}”不是项目日历；只导入项目日历",
                             "calendar '{name}' is not the project calendar; only the project "
                             "calendar is imported"),
    "mspdi.resource_calendar": ("资源日历“{name}”有自己的日期；只导入项目日历",
                                "resource calendar '{name}' has days of its own; only the "
                                "project calendar is imported"),
    "mspdi.no_calendar": ("文件中没有项目日历；按周一至周五计",
                          "the file has no project calendar; Monday to Friday is used"),
    "mspdi.work_weeks": ("项目日历设有不同的工作周；只导入其默认工作周和例外日期",
                         "the project calendar has alternate work weeks; only its default week "
                         "and exceptions are imported"),
    "mspdi.recurring": ("日历例外“{name}”按周、月或年重复；未导入",
                        "calendar exception '{name}' recurs weekly, monthly or yearly; not "
                        "imported"),
    "mspdi.recurring.hint": ("请将其日期列入“holidays:”或“workdays:”",
                             "list its days under holidays: or workdays:"),
    "mspdi.part_day_exception": ("日历例外“{name}”只工作半天；按整个工作日计",
                                 "calendar exception '{name}' works part of a day; it counts as "
                                 "a whole working day"),
    "mspdi.week": ("项目日历的工作周为“{pattern}”；计划按周一至周五计",
                   "the project calendar's working week is '{pattern}'; the plan uses Monday to "
                   "Friday"),
    "mspdi.week.hint": ("请将其他工作日列入“workdays:”，休息日列入“holidays:”",
                        "list other working days under workdays: and days off under holidays:"),
    "mspdi.exception_dates": ("日历例外“{name}”没有可读的日期；未导入",
                              "calendar exception '{name}' has no readable dates; not imported"),
    "mspdi.exception_long": ("日历例外“{name}”跨越十年以上；未导入",
                             "calendar exception '{name}' spans more than ten years; not "
                             "imported"),
    "mspdi.negative_percent": ("任务“{id}”的完成百分比为 {percent}%；未导入",
                               "task '{id}' is {percent}% complete; not imported"),
    "mspdi.percent_unfinished": ("任务“{id}”完成 {percent}%，但没有实际完成日期；记为 99%",
                                 "task '{id}' is {percent}% complete but has no actual finish; "
                                 "recorded as 99%"),
    "mspdi.actual_cost": ("任务“{id}”的实际成本为 {value}；未导入",
                          "task '{id}' has an actual cost of {value}; not imported"),
    "mspdi.no_status_date": ("文件记录了进度，但没有状态日期；快照日期取最晚的实际日期 {latest}",
                             "the file records progress but no status date; the snapshot is "
                             "dated {latest}, the latest actual date"),
    "mspdi.after_status_date": ("实际日期到 {latest}，晚于状态日期 {day}；快照日期取 {latest}",
                                "actual dates reach {latest}, after the status date {day}; the "
                                "snapshot is dated {latest}"),
    "mspdi.notes": ("任务“{id}”有备注；作为注释保存在 plan.yaml 中该任务上方"
                    "（计划格式没有备注字段）",
                    "task '{id}' has notes; kept as a comment above it in plan.yaml (the plan "
                    "format has no notes)"),
    "mspdi.baseline_early": ("任务“{id}”的基线早于 {origin}；未导入",
                             "the baseline of task '{id}' lies before {origin}; not imported"),
    "mspdi.fix_in_project": ("请在 MS Project 中更正，再重新保存为 XML",
                             "correct it in MS Project and save the XML again"),
    "mspdi.unknown_encoding": ("XML 声明的编码“{name}”无法识别",
                               "the XML declares the encoding '{name}', which planner does not "
                               "know"),
    "mspdi.unknown_encoding.hint": ("请将文件重新保存为 UTF-8"
                                    "（在 MS Project 中：文件 > 另存为 > XML）",
                                    "save the file again as UTF-8 (in MS Project: File > Save "
                                    "As > XML)"),
    "mspdi.not_encoding": ("文件不是 {name} 编码的文本（第 {at} 字节不符）",
                           "the file is not {name} text (byte {at} is not)"),
    "mspdi.not_encoding.hint": ("请将文件重新保存为 UTF-8"
                                "（在 MS Project 中：文件 > 另存为 > XML）",
                                "save the file again as UTF-8 (in MS Project: File > Save As > "
                                "XML)"),
    "mspdi.read_as_gbk": ("文件不是 UTF-8 编码（XML 未声明编码时即为 UTF-8），已按 GBK（GB18030）"
                          "读取；请核对任务名称是否正确",
                          "the file is not UTF-8 (what XML is without an encoding declared); "
                          "it was read as GBK (GB18030): check that the task names read "
                          "right"),
    "mspdi.too_large": ("文件大小为 {size} MiB；最多读取 {most} MiB",
                        "the file is {size} MiB; at most {most} MiB are read"),
    "mspdi.not_xml": ("不是格式正确的 XML：{problem}", "not well-formed XML: {problem}"),
    "mspdi.not_xml.hint": ("请从 MS Project 重新导出计划（文件 > 另存为 > XML）",
                           "export the plan again from MS Project (File > Save As > XML)"),
    "mspdi.declares": ("XML 声明了 {what}（实体、DTD 和外部引用一律拒绝）",
                       "the XML declares {what} (entities, DTDs and external references are "
                       "refused)"),
    "mspdi.not_project": ("不是 MS Project XML 文件（根元素是“{tag}”，不是“Project”）",
                          "not an MS Project XML file (the root element is <{tag}>, not "
                          "<Project>)"),
    "mspdi.not_project.hint": ("在 MS Project 中：文件 > 另存为 > XML 格式",
                               "in MS Project: File > Save As > XML format"),
    "mspdi.not_converted": ("文件无法转换：{problem}",
                            "the file could not be converted: {problem}"),
    "mspdi.not_converted.hint": ("请确认该文件能在 MS Project 中打开；如能打开，请报告此文件",
                                 "check it opens in MS Project; if it does, please report this "
                                 "file"),
    # a user's custom fields (exchange/mspdi_read.py; planner import --field)
    "mspdi.custom_ignored": ("文件的自定义字段 {fields} 有值，未导入（只有本工具导出时声明的字段"
                             "按计划字段读取）",
                             "the file's custom fields {fields} hold values that were not "
                             "imported (only the fields planner's own export declares are read "
                             "as plan fields)"),
    "mspdi.custom_ignored.hint": ("如某个字段是责任单位、标签、数量或编号，请加选项重新导入，"
                                  "例如“--field owner={example}”",
                                  "if one of them holds the owner, tags, quantity or id, import "
                                  "again with, say, --field owner={example}"),
    "mspdi.field_what": ("--field {what}=…：“{what}”不是可指定的计划字段；可指定 {whats}",
                         "--field {what}=…: '{what}' is not a plan field a custom field can "
                         "fill; use one of {whats}"),
    "mspdi.field_unknown": ("--field {what}={spec}：文件中没有名为“{spec}”的自定义字段；"
                            "文件声明的自定义字段：{fields}",
                            "--field {what}={spec}: the file has no custom field named "
                            "'{spec}'; the custom fields it declares: {fields}"),
    "mspdi.field_unknown.hint": ("按字段名（如“Text3”或“文本3”、“Number1”或“数字1”）"
                                 "或文件中的字段别名指定",
                                 "name the field as MS Project does (Text3 or 文本3, Number1 or "
                                 "数字1) or by its title (alias) in the file"),
    "mspdi.field_bad_id": ("任务“{name}”的自定义字段编号“{value}”不能用作编号（只能含字母、数字和 "
                           "- _ .，且不能重复）；改用“{id}”",
                           "task '{name}': its custom field id '{value}' cannot be an id (only "
                           "letters, digits and - _ ., each id once); '{id}' is used"),
    "mspdi.field_kind": ("--field {what}={spec}：{name} 字段不能作为“{what}”导入；"
                         "“{what}”只能取自 {kinds} 字段",
                         "--field {what}={spec}: a {name} field cannot be read as '{what}'; "
                         "'{what}' comes from a {kinds} field only"),
    # outputs that cannot be written (support/safewrite.py OutputError.said)
    "output.link_out": ("{path} 是指向计划文件夹 {folder} 以外的链接，未写入"
                        "（请用文件本身替换该链接）",
                        "{path} is a link that leads out of the plan folder {folder}; it was not "
                        "written (replace the link with the file itself)"),
    "output.cannot": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "output.own_folder": ("无法写入 {path}：它是文件夹；计划自身的文件只能是普通文件（请删除它）",
                          "cannot write {path}: it is a folder; the plan's own files are only "
                          "ever regular files (remove it)"),
    "output.own_device": ("无法写入 {path}：它是管道或设备，不是文件；"
                          "计划自身的文件只能是普通文件（请删除它）",
                          "cannot write {path}: it is a pipe or a device, not a file; the "
                          "plan's own files are only ever regular files (remove it)"),
    "output.empty_path": ("未指定输出文件（路径为空）", "no output file named (an empty path)"),
    "output.input": ("{path} 是计划自身的输入文件；请将输出写到其他位置（如 reports/）",
                     "{path} is one of the plan's own input files; write the output somewhere "
                     "else (e.g. reports/)"),
    "output.input.link": ("{path} 是计划自身的输入文件（它指向 {real}）；"
                          "请将输出写到其他位置（如 reports/）",
                          "{path} is one of the plan's own input files (it leads to {real}); "
                          "write the output somewhere else (e.g. reports/)"),
    "output.no_folder": ("无法写入 {path}：文件夹 {folder} 不存在",
                         "cannot write {path}: the folder {folder} does not exist"),
    "output.folder": ("无法写入 {path}：它是文件夹", "cannot write {path}: it is a folder"),
    "output.not_file": ("无法写入 {path}：它不是普通文件",
                        "cannot write {path}: it is not a regular file"),
    "output.disk_full": ("无法写入 {path}：磁盘已满", "cannot write {path}: the disk is full"),
    "output.denied": ("无法写入 {path}：没有权限", "cannot write {path}: permission denied"),
    "output.read_only": ("无法写入 {path}：文件夹为只读",
                         "cannot write {path}: the folder is read-only"),
    "output.too_long": ("无法写入 {path}：名称过长", "cannot write {path}: the name is too long"),
    "output.binary": ("工作簿是二进制文件；请用 -o 文件名 写入，或通过管道交给其他程序",
                      "a workbook is a binary file; write it with -o FILE, or pipe it into a "
                      "program"),
    "output.stdout_closed": ("标准输出已关闭；请写入文件", "standard output is closed; write to a "
                             "file"),
    "output.stderr_closed": ("标准错误输出已关闭；请写入文件",
                             "standard error is closed; write to a file"),
    "output.pipe": ("无法写入 {path}：它是命名管道，{seconds} 秒内没有程序打开它读取",
                    "cannot write {path}: it is a named pipe and no program opened it for "
                    "reading within {seconds} s"),
    "output.twice": ("{path} 被指定为两个输出；请为每个输出另取名称",
                     "{path} is named for two outputs; give each output its own name"),
    "output.same_file": ("{first} 和 {path} 是同一个文件；请为每个输出另取名称",
                         "{first} and {path} are the same file; give each output its own name"),
    "output.lock_link": ("{path} 是链接；请删除它（它只用于加锁）",
                         "{path} is a link; remove it (it only holds a lock)"),
    "output.locked": ("{folder} 正由 {holder} 写入；请待其完成后再试（锁文件为 {path}）",
                      "{folder} is being written by {holder}; try again when it is done (the "
                      "lock is {path})"),
    "output.locked.other": ("{folder} 正由另一次运行写入；请待其完成后再试（锁文件为 {path}）",
                            "{folder} is being written by another run; try again when it is "
                            "done (the lock is {path})"),
    "output.changed": ("{path} 刚被另一次运行保存；请先检查，如要替换请加 --force",
                       "{path} was saved by another run just now; check it, then use --force "
                       "to replace it"),
    "output.import_into_file": ("无法将计划写入 {output}：它是文件，不是文件夹",
                                "cannot write the plan into {output}: it is a file, not a "
                                "folder"),
    "output.import_exists": ("{path} 已存在；如要替换，请加 --force 重新运行",
                             "{path} exists; re-run with --force to replace it"),
    "output.import_exist": ("{path} 已存在（另有 {more} 个）；如要替换，请加 --force 重新运行",
                            "{path} exists (and {more} more); re-run with --force to replace "
                            "them"),
    # values handed to the library (ArgumentError, UnknownId): for programs that call it
    "id.unknown.task": ("没有任务“{id}”", "there is no task '{id}'"),
    "id.unknown.task.close": ("没有任务“{id}”；是否应为“{close}”？",
                              "there is no task '{id}'; did you mean '{close}'?"),
    "id.unknown.target": ("没有分析目标“{id}”", "there is no target '{id}'"),
    "id.unknown.target.close": ("没有分析目标“{id}”；是否应为“{close}”？",
                                "there is no target '{id}'; did you mean '{close}'?"),
    "argument.logic": ("未知的逻辑 {value}；请选择 {choices}",
                       "unknown logic {value}; choose {choices}"),
    "argument.export_format": ("未知的导出格式 {value}；请选择 {choices}",
                               "unknown export format {value}; choose {choices}"),
    "argument.distribution": ("未知的分布 {value}；请选择 {choices}",
                              "unknown distribution {value}; choose {choices}"),
    "argument.iterations": ("模拟次数须为 1 至 {most} 的整数，现为 {value}",
                            "iterations must be a whole number from 1 to {most}, not {value}"),
    "argument.seed": ("随机种子须为 0 至 2**63-1 的整数，现为 {value}",
                      "seed must be a whole number from 0 to 2**63-1, not {value}"),
    "argument.existing": ("参数“existing”须为“edit”“refuse”或“forms”，现为 {value}",
                          "existing must be 'edit', 'refuse' or 'forms', not {value}"),
    "argument.severity": ("未知的严重程度 {value}；请选择 {choices}",
                          "unknown severity {value}; choose {choices}"),
    "argument.not_date": ("{what}须为日期，现为 {type}", "{what} must be a date, not {type}"),
    "argument.years": ("{what} {day} 超出支持的年份 {first}–{last}",
                       "{what} {day} is outside the supported years {first}–{last}"),
    "argument.what.approval": ("核定日期", "the approval date"),
    "argument.what.data_date": ("数据日期", "the data date"),
    "argument.what.field": ("任务 {id} 的“{name}”", "{name} of task {id}"),
    "argument.entries": ("参数“entries”须将任务编号对应到其字段",
                         "entries must map task ids to their fields"),
    "argument.entries.types": ("参数“entries”须将任务编号（文本）对应到字段映射",
                               "entries must map task ids (text) to a mapping of fields"),
    "argument.field": ("任务 {id} 的字段 {name} 未知；可用字段为 {fields}",
                       "unknown field {name} for task {id}; the fields are {fields}"),
    "argument.field_type": ("任务 {id} 的“{name}”须为 {kinds}，现为 {type}",
                            "{name} of task {id} must be {kinds}, not {type}"),
    "argument.finite": ("任务 {id} 的“{name}”须为有限的数",
                        "{name} of task {id} must be a finite number"),
}

# the progress forms' reader (exchange/forms_read.py): a form's cells, rows and files
_FORGED_HINT = (
    "使用 planner 生成的填报表，不要改动隐藏的工作表和行；"
    "需要其他日期的表，用 planner forms --at 日期 重新生成",
    "use the form as planner wrote it, without editing its hidden sheet and rows; for "
    "another date, make new forms with planner forms --at DATE")
_ID_HINT = ("编号列不能修改；请用原表重新填写该行",
            "ids may not be changed; refill the row from the original form")
_NO_START_HINT = ("填写实际开始日期", "enter the actual start date")
_UNKNOWN_TASK = ("计划中没有任务 '{value}'", "the plan has no task '{value}'")
FORMS: dict[str, tuple[str, str]] = {
    "forms.not_number": ("{col} '{value}' 不是数字", "{col} '{value}' is not a number"),
    "forms.not_number.hint": ("只填数字，不要带文字；要删去已报告的数值，填写“清除”",
                              "enter a number only, without words; to remove a reported "
                              "value, write 'clear'"),
    "forms.not_date": ("{col} '{value}' 不是日期", "{col} '{value}' is not a date"),
    "forms.not_date.hint": ("日期写作 YYYY-MM-DD，例如 2023-10-15；要删去已报告的日期，填写“清除”",
                            "write dates as YYYY-MM-DD, e.g. 2023-10-15; to remove a "
                            "reported date, write 'clear'"),
    "forms.before_origin": ("{col} {value} 早于计划可记录的最早日期 {origin}",
                            "{col} {value} is before the plan's earliest date {origin}"),
    "forms.after_day": ("{col} {value} 晚于数据日期 {day}",
                        "{col} {value} is after the data date {day}"),
    "forms.after_day.hint": ("进度只记录到数据日期为止",
                             "progress is recorded up to the data date"),
    "forms.start_after_finish": ("实际开始 {start} 晚于实际完成 {finish}",
                                 "actual start {start} is after the actual finish {finish}"),
    "forms.finish_no_start": ("填写了实际完成，但没有实际开始",
                              "an actual finish but no actual start"),
    "forms.finish_no_start.hint": _NO_START_HINT,
    "forms.progress_no_start": ("填写了进度，但没有实际开始", "progress but no actual start"),
    "forms.progress_no_start.hint": _NO_START_HINT,
    "forms.percent_100": ("完成百分比为 100，但没有实际完成日期",
                          "percent complete is 100 but there is no actual finish date"),
    "forms.percent_100.hint": ("填写实际完成日期，或调低完成百分比",
                               "enter the actual finish date, or lower the percent"),
    "forms.finished_percent": ("已填写实际完成，但完成百分比为 {value}",
                               "an actual finish, but percent complete is {value}"),
    "forms.finished_percent.hint": ("已完成的任务完成百分比为 100",
                                    "finished work is 100 percent done"),
    "forms.percent_range": ("完成百分比 {value} 超出 0–100",
                            "percent complete {value} is outside 0–100"),
    "forms.done_range": ("完成量 {value} 超出 0–{total}{unit}",
                         "quantity done {value} is outside 0–{total}{unit}"),
    "forms.negative": ("{col} {value} 是负数", "{col} {value} is negative"),
    "forms.not_whole": ("{col} {value} 不是整数", "{col} {value} is not a whole number"),
    "forms.too_big": ("{col} {value} 超出范围", "{col} {value} is out of range"),
    "forms.id_changed": ("编号被改成了 '{value}'（本行是任务 '{original}'）",
                         "the id was changed to '{value}' (this row is task '{original}')"),
    "forms.id_changed.hint": _ID_HINT,
    "forms.id_name": ("编号 '{value}' 与任务名称不符（计划中是“{name}”）",
                      "the id '{value}' does not match the task name (the plan has '{name}')"),
    "forms.id_name.hint": _ID_HINT,
    "forms.no_id": ("本行有内容，但没有编号", "this row has values but no id"),
    "forms.no_id.hint": _ID_HINT,
    "forms.unknown_task": _UNKNOWN_TASK,
    "forms.unknown_task_close": _UNKNOWN_TASK,
    "forms.unknown_task_close.hint": ("是否应为 '{close}'？", "did you mean '{close}'?"),
    "forms.summary": ("任务 '{value}' 是汇总任务，进度由其子任务汇总",
                      "task '{value}' is a summary task; its progress rolls up from its "
                      "subtasks"),
    "forms.not_on_form": ("任务 '{value}' 不在这张表上", "task '{value}' is not on this form"),
    "forms.twice": ("任务 '{value}' 填报了两次，另一处在 {other}",
                    "task '{value}' is filled in twice; the other is at {other}"),
    "forms.twice.hint": ("每个任务只在一张表中填报；删除重复的一份",
                         "report each task in one form only; remove the duplicate"),
    "forms.other_plan": ("这张表属于计划 '{form}'，不是 '{plan}'",
                         "this form belongs to plan '{form}', not '{plan}'"),
    "forms.other_plan.hint": ("使用本计划的填报表", "use the forms of this plan"),
    "forms.other_date": ("这张表的数据日期是 {form}，不是 {day}",
                         "this form is for the data date {form}, not {day}"),
    "forms.other_date.hint": ("用 planner 为数据日期 {day} 重新生成填报表，或按这张表的日期汇总",
                              "make the forms for {day} again, or collect at this form's date"),
    "forms.not_form": ("不是本工具生成的进度填报表", "is not a progress form made by planner"),
    "forms.not_form.hint": ("使用 planner 生成的填报表，不要改动隐藏的工作表和行",
                            "use a form made by planner; leave its hidden sheet and rows "
                            "alone"),
    "forms.no_forms": ("没有给出要读取的填报表", "no forms were given"),
    "forms.changed_date": ("数据日期被改成了 {value}，这张表是为 {day} 制作的",
                           "the data date was changed to {value}; the form was issued for "
                           "{day}"),
    "forms.changed_date.hint": _FORGED_HINT,
    "forms.forged_date": ("数据日期 {value} 不是这张表制作时的日期",
                          "the data date {value} is not the one the form was issued for"),
    "forms.forged_date.hint": _FORGED_HINT,
    "forms.forged_owner": ("责任单位 '{value}' 不是这张表制作时的单位",
                           "the owner '{value}' is not the one the form was issued for"),
    "forms.forged_owner.hint": _FORGED_HINT,
    "forms.forged_rows": ("隐藏工作表中的任务清单被改动过",
                          "the list of tasks in the hidden sheet was changed"),
    "forms.forged_rows.hint": _FORGED_HINT,
    "forms.forged_fingerprint": ("表的校验码缺失或被改动",
                                 "the form's fingerprint is missing or damaged"),
    "forms.forged_fingerprint.hint": _FORGED_HINT,
    "forms.not_owner": ("任务 '{value}' 属于 {owner}，不在 {form} 的填报表上",
                        "task '{value}' belongs to {owner}, not to this form's owner {form}"),
    "forms.not_owner.hint": ("每个单位只填自己的表；其他单位的任务请在其表上填报",
                             "each unit reports on its own form only; report this task on "
                             "its owner's form"),
    "forms.later": ("已有更晚的进度快照 {later}；按 {day} 汇总会在它之前插入一份过去的进度",
                    "a later snapshot exists, {later}; collecting for {day} would insert a "
                    "past report before it"),
    "forms.later.hint": ("确实要补录 {day} 的进度，请加 --at {day}",
                         "to record it as of {day} anyway, give --at {day}"),
    "forms.later_recorded": ("按 {day} 补录的进度在更晚的快照 {later} 之前，{later} 的进度不变",
                             "recorded as of {day}, before the later snapshot {later}; the "
                             "progress of {later} is as it was"),
    "forms.not_returned": ("这张表与发出时完全相同，也未经任何人保存，未计为已报送",
                           "this form is exactly as it was made and nobody has saved it: it "
                           "is not counted as returned"),
    "forms.not_returned.hint": ("如确系该单位交回且本期无变化，请加 --returned 重新收集这张表"
                                "（或在 Excel/WPS 中打开后保存再收集）；如系本处留存的原表，"
                                "请改为收集单位交回的那一份",
                                "if the unit did send it back with nothing changed, collect it "
                                "again with --returned (or open it in Excel/WPS, save it and "
                                "collect it); if it is the copy kept here, collect the one the "
                                "unit sent"),
    "forms.kept": ("{id}：{field} 仍为 {value}：该值是在这张表制作之后上报的（制表时为 {made}），"
                   "表上的 {form} 较早，不予覆盖",
                   "{id}: {field} stays {value}: it was reported after the form was made (with "
                   "{made}), so the form's {form} is older"),
    "forms.kept.hint": ("如表上的数值确实正确，用 planner update 录入",
                        "`planner update` records it if it is right"),
    # a form read against the plan as it is now, and what the unit wrote where it should not
    "forms.cleared": ("任务 '{id}' 的{col}填写了“清除”：删去已报告的 {old}",
                      "task '{id}': {col} says 'clear': the reported {old} is removed"),
    "forms.readonly": ("任务 '{id}' 的{col}被改动（表上为 {value}，制表时为 {made}）；"
                       "只读列不读取",
                       "task '{id}': {col} was changed (to {value}, the form had {made}); "
                       "read-only columns are not read"),
    "forms.readonly.hint": ("该单元格的内容未录入；需要报告的情况请写在进展说明中",
                            "what the cell says was not recorded; write what needs saying in "
                            "the progress note"),
    "forms.plan_differs": ("任务 '{id}' 的{col}与当前计划不符（表上为 {value}，计划为 {plan}）；"
                           "只读列不读取，进度按编号记入",
                           "task '{id}': {col} {value} differs from the plan's {plan}; "
                           "read-only columns are not read, progress is recorded by the id"),
    "forms.plan_differs.hint": ("制表后计划可能已修改，或表中被改动；请核对",
                                "the plan may have changed since the form was made, or the "
                                "cell was edited; check it"),
    "forms.renamed": ("任务 '{id}' 的名称与当前计划不符（表上为“{value}”，计划为“{plan}”）；"
                      "只读列不读取，进度按编号记入",
                      "task '{id}': the name '{value}' differs from the plan's '{plan}'; "
                      "read-only columns are not read, progress is recorded by the id"),
    "forms.renamed.hint": ("制表后任务可能已改名，或表中被改动；请核对",
                           "the task may have been renamed since the form was made, or the "
                           "cell was edited; check it"),
    "forms.moved": ("任务 '{id}' 的计划日期在制表后已调整（制表时 {made}，现为 {now}）；"
                    "进度照常记入",
                    "task '{id}': its baseline dates changed after the form was made (from "
                    "{made} to {now}); its progress is recorded all the same"),
    "forms.removed": ("任务 '{id}' 已在制表后从计划中删除，本行未录入",
                      "task '{id}' was removed from the plan after the form was made; this "
                      "row is not recorded"),
    "forms.removed.hint": ("如该项工作仍需跟踪，请先在计划中恢复该任务，再汇总一次",
                           "to track this work, put the task back in the plan and collect "
                           "the form again"),
    "forms.summary_now": ("任务 '{id}' 在制表后已分解为子任务，本行未录入",
                          "task '{id}' was split into subtasks after the form was made; this "
                          "row is not recorded"),
    "forms.summary_now.hint": ("子任务的进度请用新生成的填报表报送",
                               "report its subtasks on newly made forms"),
    "forms.owner_changed": ("任务 '{id}' 在制表后已改由 {owner} 负责；本行仍按这张表录入",
                            "task '{id}' belongs to {owner} since the form was made; this row "
                            "is recorded all the same"),
    # backwards progress (domain/progress.py): a report that takes back an earlier one
    "progress.lower.percent": ("任务 '{id}'：完成百分比 {new} 低于 {at} 报告的 {old}",
                               "task '{id}': percent {new} is lower than {old}, reported at "
                               "{at}"),
    "progress.lower.done": ("任务 '{id}'：完成量 {new} 低于 {at} 报告的 {old}",
                            "task '{id}': done {new} is lower than {old}, reported at {at}"),
    "progress.unfinished": ("任务 '{id}'：{at} 报告的实际完成 {old} 不再填报",
                            "task '{id}': the finish {old} is no longer reported, reported at "
                            "{at}"),
    "progress.moved.started": ("任务 '{id}'：实际开始由 {at} 报告的 {old} 改为 {new}",
                               "task '{id}': started moved from {old} to {new}, reported at "
                               "{at}"),
    "progress.moved.finished": ("任务 '{id}'：实际完成由 {at} 报告的 {old} 改为 {new}",
                                "task '{id}': finished moved from {old} to {new}, reported at "
                                "{at}"),
}
# each backwards message twice: of a status file (its hint names the YAML key) and of a
# progress form (its hint names the form's progress note)
_CORRECT_HINT = ("如之前的报告有误，请在该条目中加上 {fix}",
                 "if the earlier report was wrong, add '{fix}' to this entry")
_FORM_CORRECT_HINT = ("如之前的报告有误，请在表中该行进展说明的开头写“更正：”，再汇总一次",
                      "if the earlier report was wrong, begin the row's progress note in the "
                      "form with 'correction:' and collect it again")
BACKWARDS = tuple(k for k in FORMS if k.startswith("progress."))
FORMS.update({f"{k}.hint": _CORRECT_HINT for k in BACKWARDS})
FORMS.update({f"{k}.form": v for k, v in list(FORMS.items()) if k in BACKWARDS})
FORMS.update({f"{k}.form.hint": _FORM_CORRECT_HINT for k in BACKWARDS})
LABELS.update(FORMS)
