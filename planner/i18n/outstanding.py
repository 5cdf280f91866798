"""Reports asked for and not back yet: the forms sent, the units to chase (催报名单), and how
a review shows the tasks whose report is awaited (未报送).

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    # planner forms / planner collect
    "outstanding.recorded": ("{path}：已登记 {n} 份报表的发送情况，收回时据此列出未报送单位",
                             "{path}: {n} form(s) recorded as sent; collect lists the units "
                             "whose form is not back"),
    "outstanding.no_record": ("提示：未找到 {day} 的报表发送记录（由 planner forms 生成），"
                              "无法列出未报送单位",
                              "hint: no record of the forms sent for {day} (planner forms "
                              "writes it); the units whose form is not back cannot be listed"),
    "outstanding.returned": ("{path}：已登记 {n} 个单位的报表收回",
                             "{path}: {n} unit(s) recorded as having returned the form"),
    "outstanding.returned_dry": ("{path}：将登记 {n} 个单位的报表收回（试运行，未写入）",
                                 "{path}: would record {n} unit(s) as having returned the form "
                                 "(dry run)"),
    "outstanding.all_back": ("{day} 的报表已全部收回", "every form sent for {day} is back"),
    "outstanding.chase": ("催报名单：{day} 的报表尚有 {n} 个单位未报送",
                          "still to chase: {n} unit(s) have not returned the form for {day}"),
    "outstanding.chase_unit": ("  {owner}：{n} 项任务", "  {owner}: {n} task(s)"),
    # the review: the headline, the list of units, the narrative
    "outstanding.headline": ("{units}个单位未报送，涉及{tasks}项任务，按{since}上报进度推算",
                             "{units} unit(s) not reported yet, {tasks} task(s) forecast from "
                             "the report of {since}"),
    "outstanding.headline_planned": ("{units}个单位未报送，涉及{tasks}项任务，按计划推算",
                                     "{units} unit(s) not reported yet, {tasks} task(s) "
                                     "forecast as planned"),
    "outstanding.title": ("未报送单位", "Not reported yet"),
    "outstanding.list": ("未报送单位：{list}", "Not reported yet: {list}"),
    "outstanding.item": ("{owner}（{n}项任务）", "{owner} ({n} task(s))"),
    "outstanding.narrative": (
        "{units}共{n}个单位尚未报送本期进展，涉及{tasks}项任务，均按{since}上报进度推算。",
        "{n} unit(s) have not reported yet ({units}): their {tasks} task(s) are forecast "
        "from the report of {since}."),
    "outstanding.narrative_late": (
        "{units}共{n}个单位尚未报送本期进展，涉及{tasks}项任务，均按{since}上报进度推算，"
        "其中{late}项按该期进度已滞后。",
        "{n} unit(s) have not reported yet ({units}): their {tasks} task(s) are forecast "
        "from the report of {since}, which had {late} of them late."),
    "outstanding.narrative_planned": (
        "{units}共{n}个单位尚未报送本期进展，涉及{tasks}项任务，均按计划推算。",
        "{n} unit(s) have not reported yet ({units}): their {tasks} task(s) are forecast "
        "as planned."),
    # the flag, and the state in the CSV and JSON (report_state)
    "flag.awaiting-report": ("未报送", "awaiting-report"),
    "reason.awaiting-report": ("本期未报送，按{since}上报进度推算",
                               "not reported yet; forecast from the report of {since}"),
    "reason.awaiting-report-planned": ("本期未报送，按计划推算",
                                       "not reported yet; forecast as planned"),
    "report_state.awaiting-report": ("未报送", "awaiting-report"),
    "report_state.reported": ("本期已报", "reported"),
    "report_state.carried": ("沿用前期", "carried"),
    # the Gantt chart
    "gantt.awaiting": ("未报送，按上期进度推算", "not reported yet: forecast from the last report"),
    "gantt.status.awaiting": ("未报送", "not reported yet"),
    "outstanding.chart": ("未报送：{list}（{n}个单位，{tasks}项任务）",
                          "Not reported yet: {list} ({n} unit(s), {tasks} task(s))"),
    "outstanding.more": ("等", "; …"),
}
