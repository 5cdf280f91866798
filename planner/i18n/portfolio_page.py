"""The portfolio's meeting page (many plans reviewed as one): its filters, hints and buttons;
the tables and sentences it shares with the other views are in `rollup`.

Key: (zh, en). `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    # the filters
    "pf.page.filter_owner": ("责任单位", "Owner"),
    "pf.page.filter_flag": ("预警", "Flag"),
    "pf.page.all": ("全部", "all"),
    "pf.page.none_match": ("没有符合筛选条件的内容。", "Nothing here matches the filter."),
    # the roll-up table
    "pf.page.rollup_hint": ("点击计划名称可在甘特图中展开或收起该计划的任务。",
                            "Click a plan's name to show or hide its tasks in the Gantt "
                            "chart."),
    # the Gantt chart
    "pf.page.gantt_hint": ("每个计划一行，自开始至预计完成；点击计划名称或横条可展开或收起其任务。",
                           "One bar a plan, from its start to its forecast finish; click a "
                           "plan's name or bar to show or hide its tasks."),
    "pf.page.expand_all": ("全部展开", "expand all"),
    "pf.page.collapse_all": ("全部收起", "collapse all"),
    "pf.page.plan_bar": ("计划", "plan"),
}
