"""Running text: sample-data banners, separators, the narrative's sentences.

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    # sample data
    "banner.sample": ("【示例数据】{note}", "[ILLUSTRATIVE DATA] {note}"),
    "banner.mark": ("【示例数据】", "ILLUSTRATIVE DATA — "),  # fits a sheet name: no [ ] or :
    "banner.sample_default": ("以下进展为虚构的演示数据，不是实际情况。",
                              "the progress shown is invented for demonstration, not fact."),
    # separators and sentences of running text
    "clause_sep": ("；", "; "),
    "sentence_sep": ("", " "),
    "list_sep": ("、", "; "),
    # between names: 、 is common inside a Chinese name (珍溪、黄里), so names are set off by ；
    "name_sep": ("；", "; "),
    "none": ("（无）", "(none)"),
    "diff.progress": ("进展", "Progress"),
    "diff.flags": ("预警变化", "Flags"),
    "diff.moved": ("里程碑与期限", "Milestones and deadlines"),
    "diff.new": ("新增", "new"),
    "diff.cleared": ("消除", "cleared"),
    "narrative.summary": (
        "截至{date}，纳入跟踪的{tasks}项任务中，已完成{done}项，正在推进{active}项{active_late}，"
        "未开工{waiting}项{waiting_late}。",
        "As of {date}, of the {tasks} tracked tasks {done} are done, {active} in progress"
        "{active_late} and {waiting} not started{waiting_late}."),
    # the late among them, said inside the clause they belong to
    "narrative.of_which_late": ("（其中滞后{n}项）", " ({n} of them late)"),
    "narrative.furthest": ("滞后较多的有：{list}。", "Furthest behind: {list}."),
    "narrative.who": ("{name}（{owner}，拖期{slip}个工作日）",
                      "{name} ({owner}, {slip:+d} working days)"),
    # the latest note, not called a cause: it may as well say the work has resumed
    "narrative.who_note": ("{name}（{owner}，拖期{slip}个工作日；最新说明：{note}）",
                           "{name} ({owner}, {slip:+d} working days; latest note: {note})"),
    "narrative.no_owner": ("责任单位未定", "no owner"),
    "narrative.missed": (
        "{name}预计于{forecast}完成，将超过{deadline}的期限{days}个工作日，请{owner}加快推进。",
        "{name} is forecast to finish {forecast}, {days} working days after its deadline "
        "{deadline}; {owner} should act."),
    "narrative.passed": (
        "{name}的期限{deadline}已过，预计于{forecast}完成，晚{days}个工作日，请{owner}加快推进。",
        "{name} has passed its deadline {deadline} and is forecast to finish {forecast}, "
        "{days} working days late; {owner} should act."),
    "narrative.passed_waiting": (
        "{name}的期限{deadline}已过，预计于{forecast}完成，晚{days}个工作日，原因是等待{cause}；"
        "请{owner}加快推进{cause}。",
        "{name} has passed its deadline {deadline} and is forecast to finish {forecast}, "
        "{days} working days late, because it waits for {cause}; {owner} should speed up "
        "{cause}."),
    "narrative.missed_after": (
        "{name}预计于{forecast}完成，将超过{deadline}的期限{days}个工作日，起因是{cause}（{cause_owner}）"
        "延期完成、推迟了开工；请{owner}加快推进。",
        "{name} is forecast to finish {forecast}, {days} working days after its deadline "
        "{deadline}: {cause} ({cause_owner}) finished late and delayed its start; {owner} "
        "should catch up."),
    "narrative.passed_after": (
        "{name}的期限{deadline}已过，预计于{forecast}完成，晚{days}个工作日，起因是{cause}（{cause_owner}）"
        "延期完成、推迟了开工；请{owner}加快推进。",
        "{name} has passed its deadline {deadline} and is forecast to finish {forecast}, "
        "{days} working days late: {cause} ({cause_owner}) finished late and delayed its "
        "start; {owner} should catch up."),
    "narrative.someone": ("责任单位", "its owner"),
    # a conclusion resting on an assumed value (`assumed:` in the plan) says so
    "narrative.assumed_deadline": (
        "该期限（{deadline}）系推定，原文未写明，上述判断以此为前提，请予核实。",
        "That deadline ({deadline}) is an assumption, not stated by the plan's source: the "
        "finding rests on it."),
    "narrative.assumed_overrun": (
        "超出计划期由{name}决定，其计划完成日期{planned}系推定（原文未写明），超出天数以此为前提。",
        "The overrun is driven by {name}, whose planned finish {planned} is an assumption "
        "(the plan's source does not state it): the overrun rests on it."),
    "narrative.held_overrun": (
        "超出计划期由{name}决定，该任务须待{plan}“{other}”（{owner}）完成后方可继续推进，"
        "按其预测最早于{day}恢复，请与{owner}对接加快办理。",
        "The overrun is driven by {name}, which waits on {plan}'s '{other}' ({owner}) and "
        "by its forecast resumes on {day} at the earliest: to be taken up with {owner}."),
    "narrative.assumed_wait": (
        "该等待关系系推定（原文未写明），超出天数以此为前提，请予核实。",
        "That it waits so is an assumption (the plan's source does not state it): the "
        "overrun rests on it."),
    "narrative.missed_waiting": (
        "{name}预计于{forecast}完成，将超过{deadline}的期限{days}个工作日，原因是等待{cause}；"
        "请{owner}加快推进{cause}。",
        "{name} is forecast to finish {forecast}, {days} working days after its deadline "
        "{deadline}, because it waits for {cause}; {owner} should speed up {cause}."),
    "waiting_count": ("{n}项受前序任务延误影响", "{n} held up by late predecessors"),
    "narrative.risk": (
        "{name}预计于{forecast}完成，按期（{deadline}前）完成的概率约为{pct}，有八成把握在{p80}前完成。",
        "{name} is forecast for {forecast}; the chance of meeting its deadline {deadline} "
        "is {pct} (P80 {p80})."),
    "baseline_source.plan": ("基线：未保存，使用 plan.yaml 的无进度排程",
                             "baseline: none saved; the no-progress schedule of plan.yaml"),
    "baseline_source.file": ("基线：{path}（保存于 {saved}）", "baseline: {path} (saved {saved})"),
}
