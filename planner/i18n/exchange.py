"""Other programs' formats: import and export (planner import / planner export).

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    "x.col.id": ("编号", "id"),
    "x.col.level": ("层级", "level"),
    "x.col.outline": ("大纲编号", "outline"),
    "x.col.name": ("任务", "task"),
    "x.col.owner": ("责任单位", "owner"),
    "x.col.start": ("开始", "start"),
    "x.col.duration": ("工期", "duration"),
    "x.col.finish": ("完成", "finish"),
    "x.col.after": ("前置任务", "predecessors"),
    "x.col.deadline": ("期限", "deadline"),
    "x.col.budget": ("预算", "budget"),
    "x.col.quantity": ("数量", "quantity"),
    "x.col.unit": ("单位", "unit"),
    "x.col.tags": ("标签", "tags"),
    "x.col.ongoing": ("持续推进", "ongoing"),
    "x.col.estimate": ("三点估算", "estimate"),
    "x.col.notes": ("备注", "notes"),
    "x.col.target": ("指标任务", "target"),
    "x.col.assumed": ("假设", "assumed"),
    "x.sheet.tasks": ("计划", "plan"),
    "x.sheet.plan": ("计划信息", "plan info"),
    "x.plan.key": ("项目", "item"),
    "x.plan.value": ("内容", "value"),
    "x.plan.id": ("计划编号", "plan id"),
    "x.plan.name": ("计划名称", "plan name"),
    "x.plan.start": ("计划开始", "plan start"),
    "x.plan.finish": ("计划期末", "plan period end"),
    "x.plan.calendar": ("日历", "calendar"),
    "x.plan.holidays": ("休息日", "holidays"),
    "x.plan.workdays": ("调休上班日", "workdays"),
    "x.plan.lang": ("语言", "language"),
    "x.plan.currency": ("货币", "currency"),
    "x.yes": ("是", "yes"),
    "x.via_mpxj": ("；经 MPXJ 转换（需 Java 和“planner-cpm[mpxj]”）还可导入 {suffixes}",
                   "; through MPXJ (with Java and planner-cpm[mpxj]) also {suffixes}"),
    "x.msg.no_table": ("找不到任务表：需要含“编号”和“任务”两列的表头行",
                       "no task table: a header row with the columns id and task is needed"),
    "x.msg.empty": ("任务表没有任务行", "the task table has no task rows"),
    "x.msg.no_id": ("第 {row} 行有内容但没有编号", "row {row} has content but no id"),
    "x.msg.bad_id": ("编号“{value}”只能包含字母、数字、“_”“.”“-”",
                     "id '{value}' may contain only letters, digits, '_', '.' and '-'"),
    "x.msg.no_name": ("任务“{id}”没有名称", "task '{id}' has no name"),
    "x.msg.bad_date": ("{col}“{value}”不是日期（应写作 2023-07-01）",
                       "{col} '{value}' is not a date (write 2023-07-01)"),
    "x.msg.bad_days": ("{col}“{value}”不是整数个工作日（如 10、10d、2w）",
                       "{col} '{value}' is not a whole number of working days (10, 10d, 2w)"),
    "x.msg.bad_number": ("{col}“{value}”不是不小于 0 的数",
                         "{col} '{value}' is not a number of 0 or more"),
    "x.msg.big_number": ("{col}“{value}”太大：最多 {most}",
                         "{col} '{value}' is too large: at most {most}"),
    "x.msg.unit_alone": ("有单位“{value}”却没有数量", "a unit '{value}' without a quantity"),
    "x.msg.bad_level": ("层级“{value}”须为 1 至 20 的整数，且比上一行最多深一级",
                        "level '{value}' must be a whole number from 1 to 20, at most one "
                        "deeper than the row above"),
    "x.msg.bad_link": ("前置任务“{value}”无法识别（应写作 a、a SS、a FS+2 或 a FF-1，多个之间用"
                       "逗号分隔）",
                       "predecessor '{value}' is not understood (write a, a SS, a FS+2 or "
                       "a FF-1, separated by commas)"),
    "x.msg.bad_bool": ("{col}“{value}”应为“是”或留空", "{col} '{value}' must be yes or empty"),
    "x.msg.bad_estimate": ("三点估算“{value}”应为乐观、最可能、悲观三个递增的工作日数"
                           "（如 8，10，15）",
                           "estimate '{value}' must be three rising working-day figures "
                           "(optimistic, likely, pessimistic: 8, 10, 15)"),
    "x.msg.no_start": ("没有计划开始日期：请在“计划信息”表中填写，或为任务填写开始日期",
                       "no plan start: give it on the plan info sheet, or a start date on a task"),
    "x.msg.too_large": ("文件过大（超过 {mb} MiB）", "the file is too large (over {mb} MiB)"),
    "x.msg.bad_plan_id": ("计划信息“{item}”：“{value}”只能包含 a-z、0-9、“_”和“-”",
                          "plan info '{item}': '{value}' may contain only a-z, 0-9, '_' and "
                          "'-'"),
    "x.msg.bad_calendar": ("计划信息“{item}”：“{value}”不是 cn、weekdays、alldays 之一",
                           "plan info '{item}': '{value}' is not one of cn, weekdays, alldays"),
    # the plan rules' hints (they say what to write in plan.yaml) as a table user fixes it
    "x.hint.no_length": ("请填写工期（0 为里程碑），或填写开始和完成日期",
                         "give a duration (0 for a milestone), or a start and a finish"),
    "x.hint.finish_alone": ("请填写开始日期，或改填工期", "give a start, or a duration instead"),
    "x.hint.both": ("工期和完成日期只能填一项", "give a duration or a finish, not both"),
    "x.hint.summary": ("汇总任务的日期和进度由下级任务汇总；请将“{col}”填在下级任务中",
                       "its dates and progress roll up from its subtasks; give the {col} on "
                       "one of them"),
    "x.hint.unknown_task": ("请核对“前置任务”列中的编号",
                            "check the id in the predecessors column"),
    "x.hint.ongoing": ("持续推进工作只填开始和完成日期，或留空以沿用计划期",
                       "ongoing work takes a start and a finish, or leave them empty for the "
                       "plan's period"),
    "x.hint.target": ("指标任务只填开始和完成日期（完成日期即完成期限）及数量，不填工期、期限、"
                      "三点估算和前置任务",
                      "a target takes a start and a finish (its due date) and a quantity: no "
                      "duration, deadline, estimate or predecessors"),
    "x.hint.target_quantity": ("请在“数量”列填写指标总量（表中须有“数量”列）；没有可计量目标的"
                               "常态工作请改填“持续推进”",
                               "give the target's total in the quantity column (the table needs "
                               "one); work without a measurable total is ongoing instead"),
    "x.hint.ongoing_finish": ("请填写完成日期，或在“计划信息”表中填写计划期末",
                              "give a finish, or the plan period end on the plan info sheet"),
    "x.hint.milestone_finish": ("里程碑（工期为 0）不填完成日期",
                                "a milestone (duration 0) takes no finish"),
    "x.warn.column": ("未识别的列“{value}”，已忽略", "unknown column '{value}' ignored"),
    "x.warn.defaults": ("没有“计划信息”表：计划开始取 {start}，日历取 {calendar}，"
                        "语言取 {language}",
                        "no plan info sheet: the plan starts {start}, calendar {calendar}, "
                        "language {language}"),
    "x.warn.notes": ("{n} 项任务的备注作为注释保存在 plan.yaml 中（计划格式没有备注字段）："
                     "{tasks}",
                     "notes of {n} task(s) are kept as comments in plan.yaml (the plan format "
                     "has no notes): {tasks}"),
    "x.ics.deadline": ("期限：{task}", "Deadline: {task}"),
    "x.ics.milestone": ("里程碑：{task}", "Milestone: {task}"),
    "x.ics.due": ("期限：{date}", "deadline: {date}"),
    "x.ics.forecast": ("预计完成：{date}", "forecast finish: {date}"),
    "x.ics.planned": ("计划完成：{date}", "planned finish: {date}"),
    "x.ics.margin": ("余量：{days} 个工作日", "margin: {days} working days"),
    "x.ics.late": ("将超过期限 {days} 个工作日", "{days} working days past the deadline"),
    "x.ics.passed": ("期限已过，预计晚 {days} 个工作日完成",
                     "the deadline has passed; forecast {days} working days late"),
    "x.ics.owner": ("责任单位：{owner}", "owner: {owner}"),
    "x.ics.data_date": ("数据日期：{date}", "data date: {date}"),
    "x.ics.done": ("已完成：{date}", "finished: {date}"),
    # a plan table merged into its plan (planner import TABLE -o PLAN --force)
    "x.merge.title": ("{file} 与 {plan} 相比有以下变更：", "{file} changes {plan} as follows:"),
    "x.merge.changed": ("修改 {task}“{name}”：{fields}", "changed {task} '{name}': {fields}"),
    "x.merge.field": ("{col} {old} → {new}", "{col} {old} -> {new}"),
    "x.merge.sep": ("；", "; "),
    "x.merge.empty": ("（空）", "(empty)"),
    "x.merge.added": ("新增 {task}“{name}”：{where}", "added {task} '{name}': {where}"),
    "x.merge.moved": ("移动 {task}“{name}”：{where}", "moved {task} '{name}': {where}"),
    "x.merge.under": ("列在 {parent}之下", "under {parent}"),
    "x.merge.top": ("列在第一层", "at the top level"),
    "x.merge.after": ("，排在 {after} 之后", ", after {after}"),
    "x.merge.first": ("，排在最前", ", first"),
    "x.merge.removed": ("删除 {task}“{name}”", "removed {task} '{name}'"),
    "x.merge.removed_with": ("删除 {task}“{name}”，其注释 {n} 行随之删除：",
                             "removed {task} '{name}' and its {n} comment line(s):"),
    "x.merge.dropped": ("所删字段的注释 {n} 行随之删除：",
                        "the comment(s) of the removed field(s), {n} line(s), went too:"),
    "x.merge.noted": ("为 {task}“{name}”添加备注注释 {n} 行：",
                      "{n} note line(s) added to {task} '{name}' as comments:"),
    "x.merge.header": ("修改计划信息：{fields}", "changed the plan info: {fields}"),
    "x.merge.written": ("{file}：已合并（修改 {changed} 项、新增 {added} 项、删除 {removed} 项、"
                        "移动 {moved} 项任务），其余内容和注释保持不变",
                        "{file}: merged ({changed} task(s) changed, {added} added, {removed} "
                        "removed, {moved} moved); everything else, comments included, is as "
                        "it was"),
    "x.merge.dry_run": ("试运行：以上变更未写入 {file}",
                        "dry run: the changes above were not written to {file}"),
    "x.merge.none": ("{file}：计划表与现有计划一致，未作修改",
                     "{file}: the table holds no changes; nothing was written"),
    "x.merge.force": ("{file} 已存在：加 --force 将计划表的变更合并进去（加 --dry-run 先查看变更）",
                      "{file} exists; re-run with --force to merge the table's changes into it "
                      "(--dry-run shows them first)"),
    "x.dry_run.would": ("将写入（试运行，未写入）", "would be written (dry run)"),
    "x.dry_run.none": ("试运行：未写入任何文件", "dry run: nothing was written"),
    # the spreadsheet reader's refusals
    "x.sheets.rows": (
        "工作表 {sheet} 超过 {limit:,} 行，不予读取",
        "sheet {sheet} has more than {limit:,} rows; at most {limit:,} are read"),
    "x.sheets.cells": (
        "工作表 {sheet} 超过 {limit:,} 个单元格，不予读取",
        "sheet {sheet} has more than {limit:,} cells; at most {limit:,} are read"),
    "x.sheets.rows.hint": (
        "删去多余的行（或只复制表格到新文件）后再试",
        "delete the rows below the table (or copy the table into a new file)"),
    "x.sheets.unsaved": (
        "公式没有保存的值：用 Excel/WPS 打开并保存这张表",
        "formula without a saved value: open and save the form in Excel/WPS"),
    "x.sheets.unsaved.hint": (
        "或者把公式换成数值",
        "or type the value instead of the formula"),
}
