"""The command line: help of every command and option, result lines, and its own errors.

Key: (zh, en). Help is looked up by key when the command line is built for a run
(`planner.cli.language.localize`); click's own words (Usage:, Options:, Missing argument)
are in the gettext catalog planner/cli/locale/zh_CN/LC_MESSAGES/click.po. Every key starts
with ``cli.``. `planner.i18n.labels.label` looks keys up in every area."""

LABELS: dict[str, tuple[str, str]] = {
    # -- the words of a usage line and the names of values -----------------------------------
    "cli.usage.options": ("[选项]", "[OPTIONS]"),
    "cli.usage.command": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "cli.metavar.plan": ("计划", "PLAN"),
    "cli.metavar.portfolio": ("计划组合", "PORTFOLIO"),
    "cli.metavar.task": ("任务编号", "TASK"),
    "cli.metavar.files": ("文件", "FILES"),
    "cli.metavar.file": ("文件", "FILE"),
    "cli.metavar.DATE": ("日期", "DATE"),
    "cli.metavar.LOW,HIGH": ("下限,上限", "LOW,HIGH"),  # typed with an ASCII comma
    "cli.metavar.OWNER": ("责任单位", "OWNER"),
    "cli.metavar.FLAG": ("预警", "FLAG"),
    "cli.metavar.METRICS": ("指标", "METRICS"),
    "cli.metavar.text": ("文本", "TEXT"),
    "cli.metavar.integer": ("整数", "INTEGER"),
    "cli.metavar.float": ("数值", "FLOAT"),
    "cli.metavar.path": ("路径", "PATH"),
    # -- the app -----------------------------------------------------------------------------
    "cli.app": ("计划与实际对照的进度管理工具：工作计划以 YAML 文件保存，"
                "据以排程、跟踪、预警和出具报告。",
                "Plan-versus-actual scheduling for work plans kept as YAML."),
    "cli.version": ("显示版本号后退出。", "Print the version and exit."),
    # -- options several commands share ------------------------------------------------------
    "cli.opt.plan": ("计划文件夹（或其中的 plan.yaml）。", "Plan folder (or its plan.yaml)."),
    "cli.opt.lang": ("输出文字的语言，zh 为中文，en 为英文；默认按计划的 lang 设置。",
                     "Language of labels; default: the plan's `lang`."),
    "cli.opt.at": ("采用该日（含）以前最近一期进度快照，日期格式 YYYY-MM-DD。",
                   "Use the latest snapshot dated on or before this day (YYYY-MM-DD)."),
    "cli.opt.logic": ("未按逻辑顺序开展的工作如何排程：retained 为保留逻辑（P6 默认），"
                      "override 为进度优先；默认按计划的 out_of_sequence 设置。",
                      "Out-of-sequence progress: retained logic (P6 default) or progress "
                      "override; default: the plan's `out_of_sequence`."),
    "cli.opt.output": ("写入该文件，不在屏幕显示（“-”为标准输出）。",
                       "Write to this file instead of the terminal ('-' = standard output)."),
    "cli.opt.iterations": ("蒙特卡洛模拟次数，最多 1000000 次（默认按计划设置，或 10000 次）。",
                           "Monte Carlo iterations, up to 1,000,000 (default: the plan's, or "
                           "10000)."),
    "cli.opt.seed": ("随机数种子（0 或以上），用于得到可重复的结果。",
                     "Random seed (0 or more), for a reproducible run."),
    "cli.opt.band": ("未给出估计的任务的工期浮动范围，例如“-10%,+40%”或“-2d,+8d”；"
                     "默认按计划的“risk: default”设置。",
                     "Uncertainty of tasks without an estimate, e.g. -10%,+40% or -2d,+8d; "
                     "default: the plan's `risk: default`."),
    "cli.opt.distribution": ("未单独设置分布的任务所用的概率分布；"
                              "默认按计划的“risk: distribution”设置。",
                             "Distribution for tasks without their own; default: the plan's "
                             "`risk: distribution`."),
    "cli.opt.format": ("输出格式。", "Output format."),
    "cli.opt.format.review": (
        "table 供屏幕阅读；json 或 csv 供程序读取；md 用于报告；xlsx 供 Excel/WPS 使用；"
        "html 为网页（默认写入 reports/，可用 -o 另行指定）。",
        "table for people; json or csv for scripts; md for a report; xlsx for Excel/WPS; "
        "html for a page (to reports/ unless -o)."),
    # -- validate ----------------------------------------------------------------------------
    "cli.validate": (
        "检查计划文件夹：plan.yaml、各期进度快照和 baseline.yaml。\n\n"
        "每个问题都注明文件、行和列。退出状态：全部有效为 0（警告照常显示），"
        "有错误为 1，命令用法有误为 2。",
        "Check a plan folder: plan.yaml, its status snapshots and baseline.yaml.\n\n"
        "Every problem is reported with file, line and column. Exit status: 0 when all are "
        "valid (warnings are printed), 1 when any has errors, 2 on a usage error."),
    "cli.validate.format": (
        "table（或 text）供屏幕阅读，每个问题一行并注明位置；json 供编辑器和自动检查使用；"
        "md 用于报告；csv 每个问题一行。",
        "table (or text) for people: each problem a located line; json for editors and CI; "
        "md for a report; csv: one row per problem."),
    # -- check -------------------------------------------------------------------------------
    "cli.check": (
        "检查排程质量：按 DCMA 14 项指标评估（已作调整）。\n\n"
        "逻辑关系、提前量、滞后量、关系类型、强制约束、总时差过大和负时差、工期过长、"
        "无效日期、资源（责任单位）、未按期完成的任务、关键路径测试、CPLI 和 BEI："
        "每项给出数值、阈值（计划头部的“check:”设置）、是否通过及涉及的任务。"
        "数据日期为最近一期进度快照（或 --at 所选的一期）；没有快照时，第 9、11、14 项不适用。",
        "Check the schedule's quality: the DCMA 14-point assessment, adapted.\n\n"
        "Logic, leads, lags, relationship types, hard constraints, high and negative float, "
        "high duration, invalid dates, resources (owners), missed tasks, the critical path "
        "test, CPLI and BEI: each with its value, threshold (plan header `check:`), pass or "
        "fail and the tasks concerned. The data date is the latest snapshot (or the one --at "
        "picks); without one, metrics 9, 11 and 14 do not apply."),
    "cli.check.format": (
        "table 供屏幕阅读；md 用于报告；json 或 csv 供程序读取；"
        "xlsx 供 Excel/WPS 使用；html 为网页。",
        "table for people; md for a report; json or csv for scripts; xlsx for Excel/WPS; "
        "html for a page."),
    "cli.check.fail_on": (
        "其中任一指标不通过时以退出状态 3 结束：any 表示任一指标，或写指标序号和名称，"
        "用逗号分隔或重复给出（例如“1,7,cpli”或“--fail-on logic --fail-on negative-float”）。"
        "不适用的指标不算不通过。",
        "Exit 3 when one of these metrics fails: 'any', or numbers and names, comma-separated "
        "or repeated (e.g. 1,7,cpli or --fail-on logic --fail-on negative-float). A metric "
        "that does not apply never fails."),
    "cli.check.unknown_metric": ("“{given}”中有未知的指标；可写 any、1-14 或指标名称：{names}",
                                 "unknown metric in '{given}'; use any, 1-14 or a name: "
                                 "{names}"),
    # -- schedule ----------------------------------------------------------------------------
    "cli.schedule": (
        "按关键路径法排程，列出每项任务的日期。\n\n"
        "日期按计划日历的工作日计算；时差和余量以工作日计"
        "（余量 = 期限减完成日期，为负表示将超过期限）。",
        "Schedule the plan by the critical path method and print every task's dates.\n\n"
        "Dates are working days of the plan's calendar; float and margin are in working days "
        "(margin = deadline minus finish; negative means the deadline will be missed)."),
    "cli.schedule.critical": ("只显示关键任务（因逻辑关系或期限而总时差不大于0）。",
                              "Show only critical tasks (total float <= 0 through logic or a "
                              "deadline)."),
    # -- portfolio ---------------------------------------------------------------------------
    "cli.portfolio": (
        "计划组合：多个计划（如全县各乡镇和县直部门的计划）作为一个整体审阅。",
        "A portfolio: many plans (a county's townships and departments) reviewed as one."),
    "cli.portfolio.arg": (
        "含 portfolio.yaml 的文件夹、该文件本身，或存放各计划文件夹的文件夹。",
        "A folder holding portfolio.yaml, the file itself, or a folder of plan folders."),
    "cli.portfolio.workers": ("并行审阅的进程数；默认计划较多时按处理器核数。",
                              "Processes reviewing plans at once; default: the processor's "
                              "cores when there are many plans."),
    "cli.portfolio.validate": (
        "检查计划组合：各计划的文件，以及计划之间的前置关系（计划和任务是否存在、是否成环）。",
        "Check a portfolio: every plan's files, and the links between plans (that their "
        "plans and tasks exist, that they make no loop)."),
    "cli.portfolio.status": (
        "按数据日期汇总各计划进展：每个计划一行（各按该日（含）以前最近一期快照），"
        "再列全部期限和里程碑（风险高者在前）、各责任单位跨计划的任务，以及受其他计划制约的任务。",
        "Every plan at a data date (each at its latest snapshot on or before it), one row "
        "each; then the deadlines and milestones of all plans, most at risk first; every "
        "owner across plans; and the tasks held up by other plans."),
    "cli.portfolio.risk": (
        "各计划全部期限按期完成的概率：对相互关联的计划联合进行蒙特卡洛模拟。",
        "The chance of meeting every deadline of every plan: one Monte Carlo simulation of "
        "the joined plans."),
    "cli.portfolio.gantt": (
        "县级会议用网页（离线可用）：汇总表和各计划甘特图，可展开到任务，可按责任单位和预警筛选。",
        "The county meeting's page, offline: the roll-up table and a Gantt of every plan, "
        "each expandable to its tasks, filterable by owner and flag."),
    "cli.portfolio.report": (
        "县级会议材料：网页（含联合模拟的期限风险）、Markdown、JSON 和 Excel 工作簿。",
        "The county meeting pack: the page (with the joint deadline risk), Markdown, JSON "
        "and a workbook."),
    "cli.portfolio.valid": ("计划组合有效：{plans}个计划，{links}个跨计划前置关系",
                            "the portfolio is valid: {plans} plans, {links} links across "
                            "plans"),
    "cli.portfolio.held": (
        "提示：“{task}”须待{plan}“{other}”{owner}{verb}，按其{basis}日期{day}，本计划按最早于"
        "{start}开始（或恢复）推算",
        "note: '{task}' waits until {plan}'s '{other}'{owner} is {verb}; by its {basis} date "
        "{day}, this review has it start (or resume) on {start} at the earliest"),
    "cli.portfolio.owner": ("（{owner}）", " ({owner})"),
    "cli.portfolio.skipped": ("{count}个计划文件有误，未纳入汇总：{plans}",
                              "{count} plans could not be read and are left out: {plans}"),
    # -- status ------------------------------------------------------------------------------
    "cli.status": (
        "按数据日期检查进度：哪些任务滞后、滞后多少、由哪个单位负责。\n\n"
        "将预测（保留实际进度，重排剩余工作）与基线（baseline.yaml；未保存基线时为计划本身的排程）比较。",
        "Review progress at a data date: what is late, by how much, and whose it is.\n\n"
        "Compares the forecast (actuals kept, remaining work rescheduled) with the baseline "
        "(baseline.yaml, or the plan's own schedule when none is saved)."),
    "cli.status.status": ("使用该进度快照文件，不用最近一期。",
                          "Use this snapshot file instead of the latest."),
    "cli.status.owner": ("只列该责任单位的任务。", "Only tasks of this owner."),
    "cli.status.flag": ("只列带有该预警的任务（例如 拖期、已超期，或 slipping、missed-deadline）。",
                        "Only tasks with this flag (e.g. slipping, missed-deadline)."),
    "cli.status.by": ("按汇总任务（summary）或责任单位（owner）分组。",
                      "Group rows by summary or owner."),
    "cli.status.fail_on": (
        "所列任务中有该严重程度（low、medium、high）或更严重的预警时，以退出状态 3 结束"
        "（检查整个计划时，预计超出计划期也是如此）。",
        "Exit 3 when a shown task has a flag of this severity or worse (or, reviewing the "
        "whole plan, when it passes its period)."),
    # -- diff --------------------------------------------------------------------------------
    "cli.diff": ("比较两期进度快照的变化：进度、新增和消除的预警、各里程碑和期限的预测变动。",
                 "What changed between two snapshots: progress, new and cleared flags, and how "
                 "each milestone's and deadline's forecast moved."),
    "cli.diff.from": ("较早的数据日期（取该日以前最近一期快照）。",
                      "Earlier data date (the snapshot on or before it)."),
    "cli.diff.to": ("较晚的数据日期（默认为最近一期快照）。",
                    "Later data date (default: the latest snapshot)."),
    "cli.diff.format": (
        "table 供屏幕阅读；md 用于报告；json 供程序读取；"
        "csv 或 xlsx 每项变化一行，第一列为变化类别；"
        "html 为网页。",
        "table for people; md for a report; json for scripts; csv or xlsx: one row per "
        "change, its kind in the first column; html for a page."),
    # -- risk --------------------------------------------------------------------------------
    "cli.risk": (
        "各期限按期完成的可能性：从数据日期起作蒙特卡洛模拟。\n\n"
        "对每个期限、里程碑和整个项目给出：确定性预测、P50 和 P80 日期、按期完成的概率，"
        "以及影响风险的主要任务。",
        "How likely each deadline is to be met: Monte Carlo simulation from the data date.\n\n"
        "For each deadline, milestone and the project: the deterministic forecast, P50 and "
        "P80 dates, the probability of meeting the deadline, and the tasks that drive the "
        "risk."),
    "cli.risk.simulating": ("模拟中…", "simulating"),
    # -- trend -------------------------------------------------------------------------------
    "cli.trend": (
        "里程碑趋势：每个里程碑在各期报告时的预计完成日期。\n\n"
        "列出每个里程碑和有期限的任务：先列基线，再列各期快照（至 --at 为止）的预测、"
        "较上期和较基线的变动（工作日）及每月平均漂移。--format html 绘制里程碑趋势图。",
        "Milestone trend: each milestone's forecast finish at every report.\n\n"
        "Every milestone and task with a deadline: the baseline first, then the forecast at "
        "each snapshot (up to --at), the slip since the previous report and since the "
        "baseline (working days) and the average drift per month. --format html draws the "
        "classic milestone trend chart."),
    "cli.trend.format": (
        "table 供屏幕阅读；json 或 csv 供程序读取；md 用于报告；"
        "xlsx 供 Excel/WPS 使用；html 为趋势图。",
        "table for people; json or csv for scripts; md for a report; xlsx for Excel/WPS; "
        "html for the trend chart."),
    "cli.trend.output": (
        "写入该文件（“-”为标准输出）；html 和 xlsx 默认写入 reports/<plan>-<date>-trend.<format>。",
        "Write to this file ('-' = standard output); html and xlsx go to "
        "reports/<plan>-<date>-trend.<format> by default."),
    # -- gantt -------------------------------------------------------------------------------
    "cli.gantt": (
        "生成甘特图：一个独立的 HTML 文件，无需联网即可打开。\n\n"
        "有进度快照时，显示基线、实际和预测横道、拖期、预警和 S 曲线；没有时只显示计划。",
        "Write the Gantt chart as one self-contained HTML file that opens offline.\n\n"
        "With a status snapshot: baseline, actual and forecast bars, slip, flags and an "
        "S-curve; without one, the plan alone."),
    "cli.gantt.output": ("要写入的 HTML 文件（默认 reports/<plan>-<date>.html）。",
                         "HTML file to write (default: reports/<plan>-<date>.html)."),
    "cli.gantt.color": ("横道按责任单位（owner）或状态（status）着色。",
                        "Colour bars by owner or status."),
    "cli.gantt.png": ("同时导出 PNG 图片（需要 kaleido 和 Chromium 浏览器）。",
                      "Also export a PNG image (needs kaleido and a Chromium)."),
    "cli.gantt.pdf": ("同时导出 PDF 文件（需要 kaleido 和 Chromium 浏览器）。",
                      "Also export a PDF (needs kaleido and a Chromium)."),
    "cli.gantt.plan_only": ("只画计划，不用进度快照。",
                            "Draw the plan alone, ignoring status snapshots."),
    "cli.gantt.links": (
        "依赖箭头：all 全部，driving 只画无时差的，none 不画；"
        "auto 在 500 项任务以内画全部，超过时只画 driving。",
        "Dependency arrows: all, driving (no slack), none; auto = all up to 500 tasks, "
        "driving beyond."),
    "cli.gantt.from": (
        "图中显示的第一天（默认：计划以 finish 写明计划期时，为计划开始日，"
        "数据日期更早时为数据日期；"
        "否则为整个排程）。",
        "First day the chart shows (default: the plan's start, or the data date when "
        "earlier, if the plan states its period with `finish:`; else the whole schedule)."),
    "cli.gantt.to": (
        "图中显示的最后一天（默认：计划的 finish，数据日期更晚时为数据日期；否则为整个排程）。"
        "超出范围的横道截断并标注。",
        "Last day the chart shows (default: the plan's `finish:`, or the data date when "
        "later; else the whole schedule). Bars beyond the window are cut and marked."),
    "cli.gantt.written": ("{path}：已写入{what}（{tasks} 项任务，{size}）",
                          "{path}: {what} written ({tasks} tasks, {size})"),
    "cli.gantt.chart": ("甘特图", "Gantt chart"),
    "cli.gantt.image": ("{kind} 文件", "{kind}"),
    # -- report ------------------------------------------------------------------------------
    "cli.report": (
        "生成会议材料：HTML 报告、同样内容的 Markdown 文件，以及各图表的 JSON 数据。\n\n"
        "HTML 无需联网即可打开，先列综述、本期变化、需督促推进的单位和未报送单位，"
        "再列期限风险表、各期限的完成概率曲线、影响因素龙卷风图、任务进度表、里程碑趋势和甘特图。"
        "三个文件一并写入，或都不写入。",
        "Write the meeting pack: an HTML report, the same in Markdown, and every figure as "
        "JSON.\n\nThe HTML opens offline; it leads with the summary, the changes since the "
        "last report, the units that must act and the units not reported yet, then the "
        "deadline-risk table, a completion-probability curve per deadline, a tornado chart of "
        "drivers, the review table, the milestone trend and the Gantt chart. The three files "
        "are written together or not at all."),
    "cli.report.output": ("写入的文件夹（默认 reports/）。",
                          "Folder to write into (default: reports/)."),
    "cli.report.with_check": ("附上进度计划质量检查（DCMA 14 项）作为附录；会议材料默认不含。",
                              "Add the schedule check (DCMA 14-point assessment) as an "
                              "appendix; the meeting pack leaves it out by default."),
    "cli.report.format": (
        "html：会议材料（HTML、Markdown、JSON 三个文件）；docx：Word 格式的进展通报"
        "（A4 公文版式，WPS、Word 均可打开）。",
        "html: the meeting pack (HTML, Markdown and JSON); docx: the progress notice as a "
        "Word document (A4, laid out as an office notice; opens in WPS and Word)."),
    "cli.report.no_picture": (
        "提示：未能生成甘特图图片（{reason}），通报中已注明甘特图见网页版报告",
        "hint: the Gantt chart could not be drawn as a picture ({reason}); the notice says "
        "it is in the HTML report"),
    # -- baseline ----------------------------------------------------------------------------
    "cli.baseline": (
        "将计划当前的排程保存为批准的基线（baseline.yaml）。\n\n"
        "已有基线时，不加 --force 不会替换，并说明替换后会有哪些变化。",
        "Save the plan's current schedule as the approved baseline (baseline.yaml).\n\n"
        "Refuses to replace an existing baseline without --force, and says what would "
        "change."),
    "cli.baseline.force": ("替换已有的 baseline.yaml。", "Replace an existing baseline.yaml."),
    "cli.baseline.date": ("记录的批准日期（默认为今天）。",
                          "Approval date to record (default: today)."),
    "cli.baseline.format": (
        "重新批准基线时新增、变化和删除的内容：table 供屏幕阅读；md 用于报告；"
        "json 或 csv（每项任务一行）供程序读取，此时其他信息输出到标准错误。",
        "What re-approving adds, changes and removes: table for people; md for a report; "
        "json or csv (one row per task) for scripts; the other messages go to standard "
        "error then."),
    # -- update ------------------------------------------------------------------------------
    "cli.update": (
        "在 status/日期.yaml 中记录一项任务的进度，保留文件原有的注释和格式。\n\n不"
        "带 --at 时修改最新一期快照；--at 日期 在该日尚无快照时新建快照。写入前先检查"
        "新文件：有错误的值会报出，文件保持原样。planner undo 可撤销这次改动。",
        "Record one task's progress in status/DATE.yaml, keeping the file's comments and "
        "layout.\n\nWithout --at it changes the latest snapshot; --at DATE creates the snapshot "
        "of that date when there is none. The new file is checked before it is written: a bad "
        "value is reported and the file stays as it was. `planner undo` takes the change back."),
    "cli.update.task": ("任务编号。", "The task's id."),
    "cli.update.at": (
        "快照的数据日期（默认为最新一期快照的日期；新建快照须用 --at 指定）。",
        "The snapshot's data date (default: the latest snapshot's; a new snapshot needs --at)."),
    "cli.update.percent": ("完成百分比，0-100。", "Percent complete, 0-100."),
    "cli.update.done": ("已完成的工作量（按任务的计量单位）。",
                        "Units done, of the task's quantity."),
    "cli.update.remaining": ("剩余工作日数。", "Working days left."),
    "cli.update.started": ("实际开始日期。", "Actual start."),
    "cli.update.finished": ("实际完成日期。", "Actual finish."),
    "cli.update.spent": ("截至目前的实际成本。", "Actual cost to date."),
    "cli.update.note": ("进展说明或滞后原因。", "Progress note or reason for delay."),
    "cli.update.correct": ("本次为更正以前的报告（进度比上期低属有意为之）。",
                           "This corrects an earlier report (lower progress is intended)."),
    "cli.update.one_measure": ("--percent、--done 和 --remaining 只能给出一项，"
                               "不能同时给出 {given}",
                               "give one of --percent, --done and --remaining, not {given}"),
    "cli.update.nothing": ("没有要记录的内容：请给出 --percent、--done、--remaining、--started、"
                           "--finished、--spent 或 --note",
                           "nothing to record: give --percent, --done, --remaining, "
                           "--started, --finished, --spent or --note"),
    "cli.update.created": ("已新建", "created"),
    "cli.update.updated": ("已更新", "updated"),
    # the fields of a progress report, as `update` and `collect` name what changed
    "cli.field.percent": ("完成百分比", "percent"),
    "cli.field.done": ("已完成量", "done"),
    "cli.field.remaining": ("剩余工作日", "remaining"),
    "cli.field.started": ("实际开始", "started"),
    "cli.field.finished": ("实际完成", "finished"),
    "cli.field.spent": ("实际成本", "spent"),
    "cli.field.note": ("进展说明", "note"),
    "cli.and": (" 和 ", " and "),
    # -- forms -------------------------------------------------------------------------------
    "cli.forms": (
        "为每个责任单位生成一份 Excel/WPS 进度报表，在会前发出。\n\n"
        "每份报表列出该单位未完成的任务，并填入上期报告；各单位修改有进展的内容后交回，"
        "用 planner collect 收集。",
        "Write one Excel/WPS progress form per owner, to send out before the meeting.\n\n"
        "Each lists the owner's unfinished tasks with the last report filled in; units "
        "change what moved and send the file back for `planner collect`."),
    "cli.forms.at": ("报表所要求进度的数据日期（默认为今天）。",
                     "The data date the forms ask progress for (default: today)."),
    "cli.forms.output": ("写入的文件夹（默认 reports/<plan>-<date>-forms/）。",
                         "Folder to write into (default: reports/<plan>-<date>-forms/)."),
    "cli.forms.owner": ("只生成该单位的报表（可重复给出）。",
                        "Only this owner's form (may be repeated)."),
    "cli.forms.count": ("{count} 份报表，数据日期 {date}", "{count} form(s) for {date}"),
    # -- collect -----------------------------------------------------------------------------
    "cli.collect": (
        "读取填好的进度报表，将变化记入 status/日期.yaml。\n\n"
        "一次报出所有文件中的全部问题，注明文件、工作表和单元格；有任何错误时，不写入任何内容。",
        "Read filled progress forms and record what changed in status/DATE.yaml.\n\n"
        "Every problem in every file is reported at once, by file, sheet and cell; if "
        "anything is wrong, nothing is written."),
    "cli.collect.files": ("填好的报表（.xlsx，或由 Excel/WPS 另存的 .csv）。",
                          "Filled forms (.xlsx, or .csv saved by Excel/WPS)."),
    "cli.collect.at": ("报表的数据日期（默认按报表本身所写）。",
                       "The data date the forms were made for (default: the forms' own)."),
    "cli.collect.dry_run": ("只显示将有哪些变化，不写入任何内容。",
                            "Show what would change, write nothing."),
    "cli.collect.force": (
        "并入不是由 collect 生成的该日快照（由 update 或手工写入；collect"
        " 生成的快照无需此项即可并入同日的其他报表）；数据日期远离计划期或今天时仍予记录。",
        "Add to a snapshot of that date that collect did not make (written by update or by "
        "hand; one collect made takes more forms of its date without it); record at a data "
        "date far from the plan's period or from today."),
    "cli.collect.returned": (
        "这些报表已由各单位交回：与发出时完全相同（从未保存）的报表也计为已报送、本期无变化。",
        "These forms came back from their units: count one exactly as it was made (never "
        "saved) as returned, nothing moved."),
    "cli.collect.change": ("{task}：{field} {old} → {new}", "{task}: {field} {old} -> {new}"),
    "cli.collect.none": ("{count} 份报表中没有 {date} 的变化",
                         "no changes for {date} in {count} form(s)"),
    "cli.collect.confirmed": ("{task}：无变化（报表已交回）",
                              "{task}: unchanged (reported on a returned form)"),
    "cli.collect.counted": ("{changed} 项有变化，{unchanged} 项无变化，来自 {files} 份报表",
                            "{changed} changed, {unchanged} unchanged, from {files} form(s)"),
    "cli.collect.dry": ("{path}：将记录 {counted}（试运行，未写入）",
                        "{path}: would record {counted} (dry run)"),
    "cli.collect.done": ("{path}：{what}（{counted}）", "{path}: {what} ({counted})"),
    # -- export and import -------------------------------------------------------------------
    "cli.export": (
        "将计划写成其他程序使用的文件：MS Project、电子表格或日历。\n\n"
        "给出 --at 时，文件同时带上该日以前最近一期快照：MS Project XML 带预测日期、进度和基线；"
        "日历带预测日期。",
        "Write the plan for another program: MS Project, a spreadsheet or a calendar.\n\n"
        "With --at, the file also carries the snapshot on or before that day: MS Project "
        "XML the forecast dates, progress and the baseline; the calendar the forecast."),
    "cli.export.format": ("{formats}。", "{formats}."),
    "cli.export.output": ("要写入的文件（默认 reports/<plan>[-<date>].<{suffixes}>；"
                          "“-”为标准输出）。",
                          "File to write (default: reports/<plan>[-<date>].<{suffixes}>; '-' = "
                          "standard output)."),
    "cli.export.at_refused": ("{what}只含计划，不含进度；请去掉 --at（进度报表请用 planner forms）",
                              "the {what} holds the plan, not progress; leave out --at (forms: "
                              "`planner forms`)"),
    "cli.export.written": ("{path}：已写入{what}（{count} {counts}）",
                           "{path}: {what} written ({count} {counts})"),
    "cli.export.written_at": ("{path}：已写入{what}（{count} {counts}，{at}截至 {date}）",
                              "{path}: {what} written ({count} {counts}, {at} at {date})"),
    "cli.count.tasks": ("项任务", "tasks"),
    "cli.count.events": ("个日历事件", "events"),
    "cli.import": (
        "由 MS Project XML、电子表格，或（安装 MPXJ 后）.mpp 等其他项目管理软件的文件生成计划"
        "文件夹。\n\n"
        "计划格式中无处存放的内容，会作为警告报出并注明任务。写入的每个文件都能作为有效计划读回，才会写入。",
        "Make a plan folder from MS Project XML, a spreadsheet table or (with MPXJ) an .mpp "
        "or another project program's file.\n\n"
        "What the plan format has no place for is a warning naming the task. Nothing is "
        "written unless every file written reads back as a valid plan."),
    "cli.import.file": ("{kinds}；按文件内容判断格式，无法判断时按扩展名。",
                        "{kinds}; told by its content, else by its suffix."),
    "cli.import.output": ("要写入的计划文件夹（plan.yaml；"
                          "文件含进度和基线时，还有 status/ 和 baseline.yaml）。",
                          "The plan folder to write (plan.yaml, and status/ and baseline.yaml "
                          "when the file holds progress and a baseline)."),
    "cli.import.force": (
        "替换已有的 plan.yaml（及快照、baseline.yaml）；导入计划表时并入已"
        "有的 plan.yaml，保留其注释和格式。",
        "Replace the plan.yaml (snapshot, baseline.yaml) already there; a plan table is merged "
        "into the plan.yaml there, its comments and layout kept."),
    "cli.import.field": (
        "将文件的自定义字段作为计划字段导入，例如 --field owner=Text3（可重复）："
        "owner（责任单位）、tags（标签）、quantity（数量）或 id（编号），"
        "取自按名称（“Text3”、“文本3”、“Number1”）或别名指定的字段。"
        "未指定时，只有本工具导出时声明的自定义字段才会读取。",
        "Read a custom field of the file as a plan field, e.g. --field owner=Text3 (repeatable): "
        "owner, tags, quantity or id, from the field named as MS Project does (Text3, "
        "Number1) or by its alias. Without it only the custom fields planner's own export "
        "declares are read."),
    "cli.import.field_form": ("“{value}”应写成 计划字段=自定义字段，例如 owner=Text3",
                              "'{value}' is not plan-field=custom-field, e.g. owner=Text3"),
    "cli.import.field_twice": ("“{what}”指定了两次", "'{what}' is given twice"),
    "cli.import.field_format": ("{what}没有自定义字段；--field 只用于 MS Project XML 及经 MPXJ "
                                "读取的文件",
                                "a {what} has no custom fields; --field is for MS Project XML "
                                "and the files read through MPXJ"),
    "cli.import.exists": ("{path} 已存在{more}；如需替换，请加 --force 重新运行",
                          "{path} exists{more}; re-run with --force to replace it"),
    "cli.import.more": ("（另有 {count} 个）", " (and {count} more)"),
    "cli.import.not_folder": ("无法将计划写入 {path}：它是文件，不是文件夹",
                              "cannot write the plan into {path}: it is a file, not a folder"),
    "cli.import.done": ("已从 {file} 导入 {tasks} 项任务{extra}{warned}",
                        "{tasks} tasks imported from {file}{extra}{warned}"),
    "cli.import.progress": ("{date} 的进度", "progress at {date}"),
    "cli.import.baseline": ("{tasks} 项任务的基线", "baseline of {tasks} tasks"),
    "cli.import.extra": ("（{list}）", " ({list})"),
    "cli.import.warned": ("，{count} 条警告", ", {count} warning(s)"),
    # -- what every command says -------------------------------------------------------------
    "cli.written": ("{path}：已写入", "{path}: written"),
    "cli.error": ("错误：{message}", "error: {message}"),
    "cli.errors": ("共 {count} 个错误；未作任何修改。", "{count} error(s); nothing was changed."),
    "cli.interrupted": ("已中断", "interrupted"),
    # the command line's own errors
    "cli.bad_date": ("“{value}”不是有效日期；请按 YYYY-MM-DD 格式填写，例如 2023-11-30",
                     "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2023-11-30"),
    "cli.bad_band": ("“{value}”不是有效的浮动范围；请写成“下限,上限”，例如“-10%,+40%”或“-2d,+8d”",
                     "'{value}' is not a band; write it as LOW,HIGH, e.g. -10%,+40% or "
                     "-2d,+8d"),
    "cli.flag.unknown": ("没有预警“{flag}”；可选：{choices}",
                         "unknown flag '{flag}'; choose from {choices}"),
    "cli.owner.unknown": ("计划中没有责任单位“{owner}”；{hint}",
                          "the plan has no owner '{owner}'; {hint}"),
    "cli.owner.did_you_mean": ("是否指“{owner}”？", "did you mean '{owner}'?"),
    "cli.owner.list": ("责任单位有：{owners}", "owners: {owners}"),
    "cli.dates.not_before": ("--from {since} 不早于 --to {until}",
                             "--from {since} is not before --to {until}"),
    "cli.dates.after": ("--from {since} 晚于 --to {until}", "--from {since} is after --to {until}"),
    "cli.stream_folder": ("{path} 是数据流，不是文件夹；本命令要写入多个文件，请给出文件夹",
                          "{path} is a stream, not a folder; this command writes several "
                          "files: name a folder"),
    "cli.folder.is_file": ("无法写入 {path}：它是文件，不是文件夹",
                           "cannot write into {path}: it is a file, not a folder"),
    "cli.folder.no_parent": ("无法写入 {path}：文件夹 {parent} 不存在",
                             "cannot write into {path}: the folder {parent} does not exist"),
    "cli.folder.cannot": ("无法写入 {path}：{reason}", "cannot write into {path}: {reason}"),
    "cli.folder.not_folder": ("无法写入 {path}：它不是文件夹",
                              "cannot write into {path}: it is not a folder"),
    "cli.set_aside": ("{path}：被替换计划的 {count} 个文件已移至此处（{files}），"
                      "否则会按新计划读取",
                      "{path}: the replaced plan's {count} file(s) moved here ({files}): they "
                      "would be read against the new plan"),
    "cli.set_aside.failed": ("无法将被替换计划的文件移入 {path}：{reason}",
                             "cannot move the replaced plan's files into {path}: {reason}"),
    # the command line's own output error (the library's are `output.` keys)
    "cli.out.closed": ("标准输出已关闭；请用 -o 将文件写入磁盘",
                       "standard output is closed; write the document to a file with -o"),
    "cli.update.force": (
        "数据日期远离计划期或今天时仍予记录（否则拒绝：多半是年份写错）。",
        "Record at a data date far from the plan's period or from today (refused otherwise: a "
        "mistyped year, most likely)."),
    "cli.import.dry_run": (
        "只显示将写入的内容（计划表并入已有计划时：列出改动），不写入任何文件。",
        "Show what would be written (a table over a plan: the changes) and write nothing."),
    "cli.undo": (
        "撤销 collect、update、baseline 或 import 对计划文件夹的最"
        "近一次改动。\n\n删除该次改动新建的文件，被修改或移走的文件恢复原有内容。保留最近 10 "
        "次改动：再次撤销即撤回更早的一次。",
        "Take back the last change collect, update, baseline or import made to the plan "
        "folder.\n\nFiles the change created are removed, files it changed or moved get their "
        "old bytes back. The last 10 changes are kept: undo again to take back the one before."),
    "cli.undo.dry_run": (
        "只列出将恢复的文件，不作任何改动。",
        "List what would be restored; change nothing."),
    "cli.undo.force": (
        "即使文件此后又被他人修改，仍予撤销（其后的修改将丢失）。",
        "Undo even when a file was changed since by someone else (that later change is lost)."),
}
