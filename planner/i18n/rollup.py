"""A portfolio's review: many plans at a data date, read across plans.

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    "rollup.title": ("{name}汇总审阅", "{name}: portfolio review"),
    "rollup.headline": (
        "共{plans}个计划、{tasks}项任务：已完成{done}项，正在推进{active}项（其中滞后{late}项），"
        "{missed}项期限已逾期或预计逾期；{over}个计划预计超出计划期",
        "{plans} plans, {tasks} tasks: {done} done, {active} under way ({late} of them "
        "late), {missed} deadlines missed or forecast to be missed; {over} plans forecast "
        "past their period"),
    "rollup.headline.awaiting": ("{units}个单位未报送，涉及{tasks}项任务，按上期进度推算",
                                 "{units} units have not reported ({tasks} tasks), reviewed "
                                 "as of their report before"),
    "rollup.headline.older": ("{plans}个计划未按审阅日期报送快照，按其最近一期快照审阅"
                              "（见“数据日期”列）",
                              "{plans} plans have no snapshot at the review date and are "
                              "reviewed at their latest before it (see 'data date')"),
    "rollup.headline.none": ("{plans}个计划尚无进度快照，仅列其计划安排",
                             "{plans} plans have no snapshot yet: their plan alone is shown"),
    "rollup.sample": ("以下计划或快照为虚构示例：{plans}", "these plans or snapshots are "
                      "invented samples: {plans}"),
    "rollup.skipped": ("以下计划文件有误，未纳入汇总：{plans}", "these plans could not be read "
                       "and are left out: {plans}"),
    # sections
    "rollup.section.plans": ("各计划进展", "Plans"),
    "rollup.section.causes": ("跨计划制约", "Held up by other plans"),
    "rollup.section.watches": ("期限与里程碑（风险高者在前）",
                               "Deadlines and milestones, most at risk first"),
    "rollup.section.owners": ("各责任单位（跨计划）", "By owner, across plans"),
    "rollup.section.risk": ("期限风险（跨计划联合模拟）", "Deadline risk (joint simulation)"),
    # the plans' table
    "rollup.col.plan": ("计划", "plan"),
    "rollup.col.plan_name": ("计划名称", "plan name"),
    "rollup.col.group": ("分组", "group"),
    "rollup.col.data_date": ("数据日期", "data date"),
    "rollup.col.tasks": ("任务数", "tasks"),
    "rollup.col.done": ("已完成", "done"),
    "rollup.col.late": ("滞后", "late"),
    "rollup.col.awaiting": ("未报送", "awaiting report"),
    "rollup.col.missed": ("期限逾期", "deadlines missed"),
    "rollup.col.worst": ("拖期最多", "worst slip"),
    "rollup.col.worst_task": ("拖期最多的任务", "its task"),
    "rollup.col.overrun": ("超出计划期", "past the period"),
    "rollup.col.driver": ("主要影响任务", "driven by"),
    "rollup.col.value": ("挣值", "earned value"),
    "rollup.col.finish_chance": ("计划期内完成概率", "P(within period)"),
    # the deadlines' table
    "rollup.col.task": ("任务", "task"),
    "rollup.col.owner": ("责任单位", "owner"),
    "rollup.col.deadline": ("期限", "deadline"),
    "rollup.col.finish": ("预计完成", "forecast finish"),
    "rollup.col.margin": ("余量（工作日）", "margin (working days)"),
    "rollup.col.chance": ("按期概率", "P(on time)"),
    "rollup.col.state": ("状态", "state"),
    "rollup.col.in_progress": ("正在推进", "in progress"),
    "rollup.col.task_id": ("任务编号", "task id"),
    "rollup.col.other_plan": ("前置任务所在计划", "other plan"),
    "rollup.col.other_task": ("前置任务编号", "other task"),
    "rollup.col.type": ("关系类型", "type"),
    "rollup.col.lag": ("间隔（工作日）", "lag (working days)"),
    "rollup.col.other_date": ("前置任务日期", "its date"),
    "rollup.col.basis": ("日期依据", "date basis"),
    "rollup.col.earliest_start": ("最早开始", "earliest start"),
    "rollup.col.binding": ("是否制约", "holds it"),
    # the owners' table
    "rollup.col.plans": ("涉及计划", "plans"),
    "rollup.col.holding": ("影响其他计划任务", "holds up tasks of other plans"),
    # cells
    "rollup.date.older": ("{day}（此后未报送）", "{day} (none since)"),
    "rollup.date.none": ("无进展报告，按计划排程", "no progress report: as planned"),
    "rollup.date.none_by": ("截至{asked}无进展报告，按计划排程",
                            "no progress report by {asked}: as planned"),
    "rollup.cell.awaiting": ("{tasks}项（{units}个单位）", "{tasks} ({units} units)"),
    "rollup.cell.slip": ("{name}（{days}个工作日）", "{name} (+{days} working days)"),
    "rollup.cell.overrun": ("{days}个工作日，主要受{name}影响", "{days} working days, driven "
                            "by {name}"),
    "rollup.cell.overrun_days": ("{days}个工作日", "{days} working days"),
    "rollup.cell.value": ("挣值{ev}，计划值{pv}，进度绩效指数{spi}", "EV {ev}, PV {pv}, SPI {spi}"),
    "rollup.cell.cpi": ("，费用绩效指数{cpi}", ", CPI {cpi}"),
    "rollup.awaiting": ("未报送", "awaiting report"),
    "rollup.col.kind": ("类别", "kind"),
    "rollup.col.flags": ("预警", "flags"),
    "rollup.milestone": ("里程碑", "milestone"),
    "rollup.none": ("—", "-"),
    "rollup.no_watches": ("各计划均未设期限或里程碑。", "No plan has a deadline or milestone."),
    "rollup.no_causes": ("本期没有受其他计划制约而推迟的任务。",
                         "No task is held up by a task of another plan."),
    # the causes, one sentence each
    "rollup.cause": (
        "{plan}“{task}”须待{other_plan}“{other}”{verb}后方可{act}（{other_owner}，{basis}"
        "{day}），受此制约预计{start}{begin}{overrun}；请{other_owner}加快推进。",
        "{plan}: '{task}' cannot {act} before {other_plan}'s '{other}' is {verb} "
        "({other_owner}, {basis} {day}); held to {begin} on {start}{overrun}. "
        "{other_owner} to act."),
    "rollup.cause.begin": ("开始", "start"),
    "rollup.cause.begin.resume": ("恢复", "resume"),
    "rollup.cause.overrun_too": ("，{plan}因此预计超出计划期{days}个工作日",
                                 ", which takes {plan} {days} working days past its period"),
    "rollup.cause.overrun": (
        "{plan}预计超出计划期{days}个工作日，根源在{other_plan}“{other}”（{other_owner}）{via}。",
        "{plan} is forecast {days} working days past its period; the root cause is "
        "{other_plan}'s '{other}' ({other_owner}){via}."),
    "rollup.cause.via": ("，经{names}", ", through {names}"),
    "rollup.cause.verb.FS": ("完成", "finished"),
    "rollup.cause.verb.SS": ("开始", "started"),
    "rollup.cause.act": ("开始", "start"),
    "rollup.cause.act.resume": ("继续推进", "resume"),
    "rollup.basis.actual": ("实际", "actually"),
    "rollup.basis.forecast": ("预计", "forecast"),
    "rollup.basis.plan": ("计划", "planned"),
    "rollup.plan_task": ("{plan}“{task}”", "{plan}: '{task}'"),
    "rollup.risk.title": ("{name}期限风险", "{name}: deadline risk"),
    "rollup.risk.meta": (
        "对{plans}个计划联合模拟{runs}次：各计划按其等待的其他计划任务的模拟日期逐次推算，"
        "县级任务的不确定性传递到等待它的各计划；{seed}。",
        "{runs} runs of the {plans} plans joined: each run holds a plan's waiting tasks to "
        "the dates the tasks they wait on took in that run, so the uncertainty of a task "
        "reaches every plan that waits on it; {seed}."),
    "rollup.risk.seed": ("随机种子为{seed}，结果可复现", "seed {seed}: the figures repeat"),
    "rollup.risk.no_seed": ("随机种子未固定，每次结果略有不同",
                            "no seed fixed: the figures differ a little from run to run"),
    "rollup.no_owner": ("责任单位未明确", "no owner named"),
}
