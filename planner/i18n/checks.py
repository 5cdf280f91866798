"""Schedule checks and milestone trends (planner check / planner trend).

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    "check.title": ("进度计划质量检查（DCMA 14项）", "Schedule check (DCMA 14-point assessment)"),
    "check.headline": (
        "{name}：进度计划质量检查（DCMA 14项），{basis}：通过{passed}项，未通过{failed}项，"
        "不适用{na}项",
        "{name}: schedule check (DCMA 14 points), {basis}: {passed} passed, {failed} failed, "
        "{na} not applicable"),
    "check.basis_date": ("数据日期{date}", "data date {date}"),
    "check.basis_plan": ("仅计划本身（无状态快照）", "the plan alone (no status snapshot)"),
    "check.number": ("序号", "#"),
    "check.metric": ("指标", "metric"),
    "check.value": ("数值", "value"),
    "check.threshold": ("阈值", "threshold"),
    "check.result": ("结果", "result"),
    "check.tasks": ("涉及任务", "tasks"),
    "check.pass": ("通过", "pass"),
    "check.fail": ("未通过", "FAIL"),
    "check.n/a": ("不适用", "n/a"),
    "check.more": ("……另{n}项", "…and {n} more"),
    "check.m.logic": ("逻辑关系", "Logic"),
    "check.m.leads": ("提前量（负搭接）", "Leads"),
    "check.m.lags": ("滞后量（正搭接）", "Lags"),
    "check.m.relationships": ("关系类型（FS 占比）", "Relationship types (FS share)"),
    "check.m.constraints": ("日期约束", "Hard constraints"),
    "check.m.high_float": ("总时差过大", "High float"),
    "check.m.negative_float": ("负总时差", "Negative float"),
    "check.m.high_duration": ("工期过长", "High duration"),
    "check.m.invalid_dates": ("无效日期", "Invalid dates"),
    "check.m.resources": ("责任单位", "Resources (owners)"),
    "check.m.missed_tasks": ("逾期未完成", "Missed tasks"),
    "check.m.critical_path": ("关键路径测试", "Critical path test"),
    "check.m.cpli": ("关键路径长度指数 CPLI", "CPLI"),
    "check.m.bei": ("基线执行指数 BEI", "BEI"),
    "check.why.no-data-date": ("需要数据日期，但没有状态快照",
                               "needs a data date: no status snapshot"),
    "check.why.none-counted": ("没有可统计的任务或关系", "nothing to count"),
    "check.why.no-target": ("计划既无计划期末（finish）也无任何期限，没有目标日期",
                            "no target: the plan has no finish: and no deadline"),
    "check.why.none-critical": ("没有未完成的关键任务", "no unfinished critical task"),
    "check.why.nothing-remains": ("预计完工不晚于数据日期，已无剩余的关键路径",
                                  "the forecast finish is not after the data date: no "
                                  "critical path remains"),
    "check.note.na": ("{number}. {metric}：不适用——{why}",
                      "{number}. {metric}: not applicable — {why}"),
    "check.note.path_pass": (
        "12. 将{task}的工期增加{delay}个工作日，项目完工随之推迟{moved}个工作日"
        "（{finish}→{delayed}），关键路径连贯。",
        "12. {task}'s duration +{delay} working days moves the project finish by {moved} "
        "({finish} → {delayed}): the critical path holds."),
    "check.note.path_fail": (
        "12. 将{task}的工期增加{delay}个工作日，项目完工只推迟{moved}个工作日"
        "（{finish}→{delayed}）：延误传到{reached}就中断了，{reached}之后没有逻辑关系把它"
        "传到项目完工。",
        "12. {task}'s duration +{delay} working days moves the project finish by only {moved} "
        "({finish} → {delayed}): the delay stops at {reached}, which no link carries on to "
        "the finish."),
    "check.note.cpli": (
        "13. 关键路径长度指数 CPLI =（关键路径长度{length} + 到目标的总时差{float}）÷ {length}"
        " = {value}；关键路径自{first}至预计完工{finish}，目标为{target}。",
        "13. CPLI = (critical path length {length} + total float to the target {float}) / "
        "{length} = {value}; the critical path runs from {first} to the forecast finish "
        "{finish}; the target is {target}."),
    "check.target.plan-finish": ("计划期末{date}（计划的 finish）",
                                 "the plan's period end {date} (its finish:)"),
    "check.target.deadline": ("最晚的期限{date}（{task}）", "the latest deadline {date} ({task})"),
    "check.units": ("时差与工期以工作日计；占比为所统计任务（或依赖关系）中的比例",
                    "float and durations in working days; shares of the tasks (or links) "
                    "counted"),
    "trend.title": ("里程碑趋势", "Milestone trend"),
    "trend.headline": (
        "{name}：里程碑趋势，{n}个里程碑与期限，{reports}次报告（{first}至{last}）",
        "{name}: milestone trend, {n} milestone(s) and deadline(s), {reports} report(s) "
        "({first} to {last})"),
    "trend.headline_none": ("{name}：里程碑趋势，{n}个里程碑与期限，尚无进度报告",
                            "{name}: milestone trend, {n} milestone(s) and deadline(s), no "
                            "report yet"),
    "trend.baseline": ("基线", "baseline"),
    "trend.slip_previous": ("较上次", "vs last"),
    "trend.slip_baseline": ("较基线", "vs baseline"),
    "trend.drift": ("月均漂移", "drift/month"),
    "trend.report_date": ("报告日期", "report date"),
    "trend.forecast_date": ("预计完成", "forecast finish"),
    "trend.diagonal": ("报告日期 = 预计完成", "report date = forecast finish"),
    "trend.finished": ("已完成", "finished"),
    "trend.units": ("偏差以工作日计，月均漂移为每月推迟的工作日数；✓ 表示已完成",
                    "slips in working days; drift in working days per month; ✓ finished"),
    "trend.hidden": ("……另有较早的{n}次报告（--format csv 或 json 列出全部）",
                     "…and {n} earlier report(s) (--format csv or json lists every one)"),
    "trend.none": ("计划中没有里程碑，也没有设期限的任务",
                   "the plan has no milestone and no task with a deadline"),
}
