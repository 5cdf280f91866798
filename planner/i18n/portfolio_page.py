"""The portfolio's meeting page (many plans reviewed as one): its sections, columns, filters
and the sentences that name a delay caused in another plan.

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    "pf.page.sample": ("【示例数据】以下计划的内容或进展为虚构的演示数据，不是实际情况：{plans}",
                       "[ILLUSTRATIVE DATA] invented for demonstration, not fact, in: {plans}"),
    "pf.page.headline": (
        "{plans}个计划共{tasks}项任务，已完成{done}项，滞后{late}项；{missed}个期限已超期或预计"
        "超期；{over}个计划预计超出计划期。",
        "{plans} plans, {tasks} tasks: {done} done, {late} late; {missed} deadline(s) missed "
        "or forecast to be missed; {over} plan(s) forecast to run past their period."),
    "pf.page.awaiting_line": ("{units}个单位未报送，涉及{tasks}项任务，按其前次报告推算。",
                              "{units} unit(s) not reported yet, {tasks} task(s) forecast "
                              "from their previous report."),
    # the filters
    "pf.page.filter_owner": ("责任单位", "Owner"),
    "pf.page.filter_flag": ("预警", "Flag"),
    "pf.page.all": ("全部", "all"),
    "pf.page.none_match": ("没有符合筛选条件的内容。", "Nothing here matches the filter."),
    # the roll-up table
    "pf.page.rollup": ("各计划汇总", "Plans"),
    "pf.page.rollup_hint": ("点击计划名称可在甘特图中展开或收起该计划的任务。",
                            "Click a plan's name to show or hide its tasks in the Gantt "
                            "chart."),
    "pf.page.group": ("分组", "group"),
    "pf.page.reviewed_at": ("数据日期", "reviewed at"),
    "pf.page.tasks": ("任务数", "tasks"),
    "pf.page.done": ("已完成", "done"),
    "pf.page.late": ("滞后", "late"),
    "pf.page.awaiting": ("未报送", "awaiting report"),
    "pf.page.missed": ("超期期限", "missed deadlines"),
    "pf.page.worst": ("拖期最多", "worst slip"),
    "pf.page.overrun": ("超出计划期", "past the period"),
    "pf.page.value": ("挣值", "earned value"),
    "pf.page.at_older": ("{date}（截至{asked}无更新报告）", "{date} (no later report by {asked})"),
    "pf.page.at_none": ("无进展报告，按计划排程", "no progress report: as planned"),
    "pf.page.at_none_by": ("截至{asked}无进展报告，按计划排程",
                           "no progress report by {asked}: as planned"),
    "pf.page.awaiting_cell": ("{tasks}项（{units}个单位）", "{tasks} ({units} units)"),
    "pf.page.slip_cell": ("{name}（{days}个工作日）", "{name} (+{days} working days)"),
    "pf.page.overrun_cell": ("{days}个工作日，主要受{name}影响", "{days} working days, driven "
                             "by {name}"),
    "pf.page.overrun_days": ("{days}个工作日", "{days} working days"),
    "pf.page.value_cell": ("挣值{ev}，计划值{pv}，进度绩效指数{spi}",
                           "EV {ev}, PV {pv}, SPI {spi}"),
    # the delays that cross plans
    "pf.page.causes": ("跨计划的延误", "Delays caused in another plan"),
    "pf.page.cause": (
        "{plan}的{task}{via}等待{owner}“{other}”（预计{date}完成），致使该计划超出计划期{days}个"
        "工作日；请{owner}加快办理。",
        "{plan}: {task}{via} waits on “{other}” of {owner} (forecast {date}), which takes the "
        "plan {days} working days past its period; {owner} should act."),
    "pf.page.cause_done": (
        "{plan}的{task}{via}等待{owner}“{other}”（已于{date}完成），致使该计划超出计划期{days}"
        "个工作日。",
        "{plan}: {task}{via} waited on “{other}” of {owner} (finished {date}), which takes "
        "the plan {days} working days past its period."),
    "pf.page.cause_via": ("经“{names}”", " (through {names})"),
    "pf.page.no_causes": ("各计划超出计划期的原因均在本计划之内。",
                          "No plan runs past its period because of another plan."),
    # deadlines and milestones of every plan
    "pf.page.watches": ("各计划期限与里程碑（风险高者在前）",
                        "Deadlines and milestones of all plans, most at risk first"),
    "pf.page.kind": ("类别", "kind"),
    "pf.page.no_watches": ("各计划均未设期限或里程碑。", "No plan has deadlines or milestones."),
    # by owner across plans
    "pf.page.owners": ("各责任单位跨计划情况", "By owner across plans"),
    "pf.page.plans": ("涉及计划", "plans"),
    "pf.page.holding": ("影响其他计划的任务", "holds up in other plans"),
    "pf.page.held_item": ("{plan}：{task}", "{plan}: {task}"),
    # the Gantt chart
    "pf.page.gantt_hint": ("每个计划一行，自开始至预计完成；点击计划名称或横条可展开或收起其任务。",
                           "One bar a plan, from its start to its forecast finish; click a "
                           "plan's name or bar to show or hide its tasks."),
    "pf.page.expand_all": ("全部展开", "expand all"),
    "pf.page.collapse_all": ("全部收起", "collapse all"),
    "pf.page.plan_bar": ("计划", "plan"),
}
