"""What the commands that change a plan folder say when done: update, baseline and undo.

Key: (zh, en). Keys start with the command's name (``update.``, ``baseline.``, ``undo.``);
the diagnostics of these commands are in `planner.i18n.diagnostics`."""

LABELS: dict[str, tuple[str, str]] = {
    # update: one task's report recorded (the path is the snapshot's file)
    "update.created": (
        "{path}：已新建快照并记录 {task}（{changes}）",
        "{path}: {task} created ({changes})"),
    "update.updated": (
        "{path}：已更新 {task}（{changes}）",
        "{path}: {task} updated ({changes})"),
    "update.unchanged": (
        "{path}：{task} 无变化（{changes}）",
        "{path}: {task} unchanged ({changes})"),
    # without --at: the latest snapshot is the one changed, and the line says its date
    "update.updated.latest": (
        "{path}：已更新最新一期快照（数据日期 {date}）中的 {task}（{changes}）",
        "{path}: {task} updated in the latest snapshot, of {date} ({changes})"),
    "update.unchanged.latest": (
        "{path}：最新一期快照（数据日期 {date}）中的 {task} 无变化（{changes}）",
        "{path}: {task} unchanged in the latest snapshot, of {date} ({changes})"),
    "update.change": ("{field} {old} → {new}", "{field} {old} -> {new}"),
    "update.sep": ("，", ", "),
    # baseline
    "baseline.unreadable": (
        "{path}：原基线文件无法读取（见上），已替换",
        "{path}: the old baseline could not be read (above); replaced"),
    "baseline.saved": (
        "{path}：基线已保存（{tasks} 项任务，批准日期 {date}）",
        "{path}: baseline saved ({tasks} tasks, {date})"),
    "baseline.unchanged": (
        "{path}：基线无变化（{tasks} 项任务）",
        "{path}: baseline unchanged ({tasks} tasks)"),
    "baseline.exists": (
        "错误：{path} 已存在；如需替换，请加 --force 重新运行（将有 {changes} 项任务变化）",
        "error: {path} exists; re-run with --force to replace it ({changes} task(s) would "
        "change)"),
    # undo: what was taken back, one line for the change and one per file
    "undo.done": (
        "{folder}：已撤销 {when} 执行的 planner {command}（{what}），涉及 {files} 个文件",
        "{folder}: undid `planner {command}` ({what}) of {when}, {files} file(s)"),
    "undo.would": (
        "{folder}：将撤销 {when} 执行的 planner {command}（{what}），涉及 {files} 个文件"
        "（试运行，未作改动）",
        "{folder}: would undo `planner {command}` ({what}) of {when}, {files} file(s) "
        "(dry run, nothing changed)"),
    "undo.restore": (
        "  {path}：已恢复为该操作前的内容",
        "  {path}: restored as it was before"),
    "undo.restore.would": (
        "  {path}：将恢复为该操作前的内容",
        "  {path}: would be restored as it was before"),
    "undo.remove": (
        "  {path}：已删除（由该操作新建）",
        "  {path}: removed (the change created it)"),
    "undo.remove.would": (
        "  {path}：将删除（由该操作新建）",
        "  {path}: would be removed (the change created it)"),
    "undo.put-back": (
        "  {path}：已放回（该操作曾将其移走或删除）",
        "  {path}: put back (the change had moved or removed it)"),
    "undo.put-back.would": (
        "  {path}：将放回（该操作曾将其移走或删除）",
        "  {path}: would be put back (the change had moved or removed it)"),
    "undo.left": ("还可再撤销 {left} 次更早的操作", "{left} earlier change(s) can still be undone"),
    "undo.last": ("已无更早的操作可撤销", "no earlier change is kept"),
    # the commands, as a clerk calls them
    "undo.command.update": ("更新进度", "recording progress"),
    "undo.command.collect": ("汇总填报表", "collecting forms"),
    "undo.command.baseline": ("保存基线", "saving the baseline"),
    "undo.command.import": ("导入计划", "importing a plan"),
    "undo.command.record": ("记录进度", "recording progress"),
    # after a finding in the entry update would have written into a new snapshot
    "update.entry_not_written": ("（见于 update 将写入的条目：该任务最近一次报告加上所给选项）",
                                 " (in the entry update would have written: the task's "
                                 "latest report with your options)"),
}
