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
