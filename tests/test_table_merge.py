"""A plan table imported over its plan (`planner import 计划.xlsx -o PLAN --force`): the
changes are merged into plan.yaml, whose comments, key order, quoting and layout stay;
what changed is listed; nothing is dropped without a word."""

from __future__ import annotations

import difflib
import re
import shutil
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner import Project
from planner.domain.model import Plan
from planner.exchange import table_read, table_write
from planner.exchange.table_merge import merge_table
from planner.planfiles.planmerge import merge_plan
from tests.conftest import BUNDLED, invoke

SOURCE = re.compile(r"#\s*(原文|假设)")  # the plan's source and assumption comments


def sources(text: str) -> int:
    """Lines with a 原文 or 假设 comment (a whole comment line, or one after a value)."""
    return sum(bool(SOURCE.search(line)) for line in text.splitlines())


def copy(tmp_path: Path, status: bool = True) -> Path:
    folder = tmp_path / "yushan"
    shutil.copytree(BUNDLED, folder)
    if not status:
        shutil.rmtree(folder / "status")
    return folder


def exported(tmp_path: Path, folder: Path = BUNDLED) -> Path:
    path = tmp_path / "计划.xlsx"
    path.write_bytes(table_write.write(Project.open(folder), None, "zh").data)
    return path


class Table:
    """The exported workbook, edited as a planner would: cells by task id and header."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book = load_workbook(path)
        self.sheet = self.book.worksheets[0]
        self.col = {c.value: c.column for c in self.sheet[1]}

    def row(self, task: str) -> int:
        for r in range(2, self.sheet.max_row + 1):
            if self.sheet.cell(r, 1).value == task:
                return r
        raise KeyError(task)

    def set(self, task: str, header: str, value: object) -> Table:
        self.sheet.cell(self.row(task), self.col[header]).value = value
        return self

    def delete(self, *tasks: str) -> Table:
        for task in tasks:
            self.sheet.delete_rows(self.row(task))
        return self

    def insert(self, after: str | None, cells: Mapping[str, object]) -> Table:
        at = self.row(after) + 1 if after else self.sheet.max_row + 1
        self.sheet.insert_rows(at)
        for header, value in cells.items():
            self.sheet.cell(at, self.col[header]).value = value
        return self

    def move(self, task: str, after: str, level: int) -> Table:
        values = {h: self.sheet.cell(self.row(task), c).value for h, c in self.col.items()}
        self.delete(task)
        return self.insert(after, {**values, "层级": level})

    def info(self, item: str, value: object) -> Table:
        ws = self.book.worksheets[1]
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 1).value == item:
                ws.cell(r, 2).value = value
        return self

    def save(self, name: str = "改.xlsx") -> Path:
        out = self.path.with_name(name)
        self.book.save(out)
        return out


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """The (old, new) line pairs a merge replaced, and ('', new) / (old, '') for lines it
    added or removed."""
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(),
                                      autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "replace" and a2 - a1 == b2 - b1:
            out += list(zip(before.splitlines()[a1:a2], after.splitlines()[b1:b2],
                            strict=True))
        elif op != "equal":
            out += [(x, "") for x in before.splitlines()[a1:a2]]
            out += [("", x) for x in after.splitlines()[b1:b2]]
    return out


def merged_plan(folder: Path) -> Plan:
    return Project.open(folder).plan


def the_table_plan(path: Path) -> Plan:
    return table_read.read(path).plan


def rows(plan: Plan) -> list[list[object]]:
    return table_write.table_rows(plan, "zh")[1]


# -- the round trip -----------------------------------------------------------------------------


def test_the_bundled_plans_own_table_changes_nothing(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_bytes()
    result = invoke(["import", str(exported(tmp_path)), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    assert (folder / "plan.yaml").read_bytes() == before
    assert result.stdout == ""  # no change listed
    assert "计划表与现有计划一致，未作修改" in result.stderr
    # the plan's records stay where they are: it is the same plan
    assert not list(folder.glob("backup-*")) and len(list((folder / "status").iterdir())) == 3


def test_an_english_table_of_the_plan_changes_nothing_either(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(table_write.write(Project.open(folder), None, "en").data)
    merge = merge_table(Project.open(folder), table_read.read(path))
    assert merge.unchanged and merge.text == (folder / "plan.yaml").read_text("utf-8")


# -- edited cells -----------------------------------------------------------------------------


def test_edited_cells_change_only_their_lines_and_every_comment_stays(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_text("utf-8")
    table = (Table(exported(tmp_path))
             .set("six-village-team", "工期", 12)
             .set("torreya-auction", "责任单位", "镇农办")
             .set("six-village-kickoff", "期限", datetime(2023, 7, 20))
             .set("road-new", "任务", "新建联村公路岭口马家坞至大田门")
             .set("safety-handbook", "工期", 25)
             .set("sewage-yuekeng", "前置任务", "sewage-tender, sewage-yuanli SS+10, "
                  "panan-county-2023h2:sewage-subsidy FS+2")
             .set("elder-build", "预算", 550000)
             .info("计划期末", datetime(2024, 1, 31))).save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    after = (folder / "plan.yaml").read_text("utf-8")
    assert changed_lines(before, after) == [
        ("  finish: 2023-12-31                    # 计划期末: 本计划为2023年下半年工作计划",
         "  finish: 2024-01-31                    # 计划期末: 本计划为2023年下半年工作计划"),
        ("        duration: 10                      # 假设: 两周完成专班组建",
         "        duration: 12                      # 假设: 两周完成专班组建"),
        ("        deadline: 2023-07                 # 原文: \"7月份开工建设\"",
         "        deadline: 2023-07-20              # 原文: \"7月份开工建设\""),
        ("        owner: 黄里村                     # 假设: 由黄里村组织拍卖; "
         "原文只写明拍卖资金用于壮大村集体经济",
         "        owner: 镇农办                     # 假设: 由黄里村组织拍卖; "
         "原文只写明拍卖资金用于壮大村集体经济"),
        ("        duration: \"4w\"                    # 假设: 修订排版、印刷、发放共四周",
         "        duration: 25                      # 假设: 修订排版、印刷、发放共四周"),
        ("        budget: 500000                    # 原文: \"投资50万元\"",
         "        budget: 550000                    # 原文: \"投资50万元\""),
        ("        after: [sewage-tender, \"sewage-yuanli SS+5\", "
         "\"panan-county-2023h2:sewage-subsidy FS+2\"]",
         "        after: [sewage-tender, \"sewage-yuanli SS+10\", "
         "\"panan-county-2023h2:sewage-subsidy FS+2\"]"),
        ("        name: 新建联村公路岭口马家坞—大田门",
         "        name: 新建联村公路岭口马家坞至大田门"),
    ]
    # (three of them on the links to the county's plan)
    assert sources(after) == sources(before) == 158
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in before.splitlines() if line.lstrip().startswith("#")]
    # the list, in the plan's language, cell by cell as the table shows them
    assert result.stdout.splitlines()[1:] == [
        "  修改计划信息：计划期末 2023-12-31 → 2024-01-31",
        "  修改 six-village-team“抽调人员组建专班”：工期 10 → 12",
        "  修改 six-village-kickoff“项目开工建设”：期限 2023-07-31 → 2023-07-20",
        "  修改 torreya-auction“黄里村30颗树龄50年以上老榧树拍卖认养”：责任单位 黄里村 → 镇农办",
        "  修改 safety-handbook“增印《玉山镇安全生产和消防安全百日攻坚检查》指导手册”："
        "工期 20 → 25",
        "  修改 elder-build“建设“五位一体”智慧养老院（智慧服务、照护、交流、管理、安防）”："
        "预算 500000 → 550000",
        "  修改 sewage-yuekeng“月坑污水终端提升建设”：前置任务 sewage-tender, sewage-yuanli SS+5, "
        "panan-county-2023h2:sewage-subsidy FS+2 → sewage-tender, sewage-yuanli SS+10, "
        "panan-county-2023h2:sewage-subsidy FS+2",
        "  修改 road-new“新建联村公路岭口马家坞至大田门”：任务 新建联村公路岭口马家坞—大田门 → "
        "新建联村公路岭口马家坞至大田门",
    ]
    assert "已合并（修改 7 项、新增 0 项、删除 0 项、移动 0 项任务）" in result.stderr
    # the plan the file now holds is the table's, and its records still read against it
    assert rows(merged_plan(folder)) == rows(the_table_plan(table))
    assert invoke(["status", str(folder)]).exit_code in (0, 3)


def test_dry_run_lists_the_same_changes_and_writes_nothing(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_bytes()
    table = Table(exported(tmp_path)).set("six-village-team", "工期", 12).save()
    dry = invoke(["import", str(table), "-o", str(folder), "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    assert (folder / "plan.yaml").read_bytes() == before
    assert not (folder / ".planner.lock").exists()
    assert "试运行：以上变更未写入" in dry.stderr
    real = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert real.stdout == dry.stdout and "工期 10 → 12" in real.stdout


def test_dry_run_into_a_new_folder_writes_nothing(tmp_path: Path) -> None:
    result = invoke(["import", str(exported(tmp_path)), "-o", str(tmp_path / "new"),
                     "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path / 'new' / 'plan.yaml'}: 将写入（试运行，未写入）" in result.stdout
    assert "试运行：未写入任何文件" in result.stderr and not (tmp_path / "new").exists()


def test_without_force_the_table_is_not_merged(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    table = Table(exported(tmp_path)).set("six-village-team", "工期", 12).save()
    result = invoke(["import", str(table), "-o", str(folder)])
    assert result.exit_code == 1
    assert "已存在：加 --force 将计划表的变更合并进去" in result.stderr


# -- tasks added, removed, moved ------------------------------------------------------------------


def test_added_tasks_go_under_their_summary_in_table_order(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_text("utf-8")
    table = (Table(exported(tmp_path))
             .insert("torreya-auction", {"编号": "torreya-visit", "层级": 2, "任务": "认养回访",
                                         "工期": 5, "前置任务": "torreya-auction"})
             .insert("water-fees", {"编号": "water-check", "层级": 2, "任务": "一户一表验收",
                                    "责任单位": "镇建设办", "工期": 10,
                                    "前置任务": "water-meters", "备注": "原文未提及验收"})
             .insert(None, {"编号": "winter", "层级": 1, "任务": "冬季安全检查",
                            "责任单位": "镇应急管理办（安监站）"})
             .insert(None, {"编号": "winter-fire", "层级": 2, "任务": "消防检查",
                            "开始": datetime(2023, 12, 1), "完成": datetime(2023, 12, 15),
                            "期限": datetime(2023, 12, 20)})).save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    after = (folder / "plan.yaml").read_text("utf-8")
    assert changed_lines(before, after) == [
        ("", "      - id: torreya-visit"), ("", "        name: 认养回访"),
        ("", "        duration: 5"), ("", "        after: [torreya-auction]"),
        ("", "      # 备注：原文未提及验收"), ("", "      - id: water-check"),
        ("", "        name: 一户一表验收"), ("", "        owner: 镇建设办"),
        ("", "        duration: 10"), ("", "        after: [water-meters]"),
        ("", ""), ("", "  - id: winter"), ("", "    name: 冬季安全检查"),
        ("", "    owner: 镇应急管理办（安监站）"), ("", "    tasks:"),
        ("", "      - id: winter-fire"), ("", "        name: 消防检查"),
        ("", "        start: 2023-12-01"), ("", "        finish: 2023-12-15"),
        ("", "        deadline: 2023-12-20"),
    ]
    # each new task right after the row above it in the table
    lines = after.splitlines()
    assert lines[lines.index("      - id: torreya-visit") - 1] == \
        "        assumed: [owner, duration, after]"
    assert lines[lines.index("      # 备注：原文未提及验收") - 1] == "        assumed: [duration]"
    assert lines[-10:-8] == ["", "  - id: winter"]
    assert sources(after) == sources(before)
    assert rows(merged_plan(folder)) == rows(the_table_plan(table))
    assert result.stdout.splitlines()[1:] == [
        "  新增 torreya-visit“认养回访”：列在 torreya“香榧溯源及黄里香榧可视化认养系统”之下，"
        "排在 torreya-auction 之后",
        "  新增 water-check“一户一表验收”：列在 water“农村饮用水提升工程（自来水“一户一表”改造）”"
        "之下，排在 water-fees 之后",
        "  新增 winter“冬季安全检查”：列在第一层，排在 roads 之后",
        "  新增 winter-fire“消防检查”：列在 winter“冬季安全检查”之下，排在最前",
    ]


def test_a_removed_task_takes_its_own_comments_and_only_those(tmp_path: Path) -> None:
    folder = copy(tmp_path, status=False)  # tasks with progress cannot go: see below
    before = (folder / "plan.yaml").read_text("utf-8")
    # six-village, its four subtasks, and the last task of a list: water-fees
    table = Table(exported(tmp_path)).delete(
        "six-village", "six-village-team", "six-village-kickoff", "six-village-build",
        "six-village-done", "water-fees").save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    after = (folder / "plan.yaml").read_text("utf-8")
    gone = [old for old, new in changed_lines(before, after) if not new]
    assert all(not new for _, new in changed_lines(before, after))  # lines only go
    start = before.splitlines().index("  - id: six-village")
    end = before.splitlines().index("  - id: torreya")
    # the section heading over six-village heads torreya and wushan-stalls too: it stays
    assert before.splitlines()[start - 1] == \
        "  # ───────────── (二)聚焦乡村振兴,增强集体经济\"造血力\" ─────────────"
    assert after.splitlines()[after.splitlines().index("  - id: torreya") - 1] == \
        before.splitlines()[start - 1]
    fees = before.splitlines().index("      - id: water-fees")
    assert gone == before.splitlines()[start:end] + before.splitlines()[fees:fees + 8]
    comments = [line.split("#", 1)[1] for line in gone if "#" in line]
    listed = [line.strip() for line in result.stdout.splitlines() if line.startswith("      #")]
    assert [c.strip() for c in comments] == [c[1:].strip() for c in listed]
    assert sources(before) - sources(after) == sum(bool(SOURCE.search(line)) for line in gone)
    # its own: the one after its owner, the two under its tags (its subtasks list theirs)
    assert "  删除 six-village“六村抱团兴农共富联合体项目”，其注释 3 行随之删除：" in result.stdout
    assert "  删除 six-village-team“抽调人员组建专班”，其注释 4 行随之删除：" in \
        result.stdout
    assert "  删除 water-fees“完成珍溪、佳村一户一表改造费用收缴”，其注释 4 行随之删除：" in \
        result.stdout
    assert rows(merged_plan(folder)) == rows(the_table_plan(table))


def test_a_task_with_recorded_progress_is_not_removed(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_bytes()
    table = Table(exported(tmp_path)).delete("torreya-auction").save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 1
    assert "status/2023-11-07.yaml:37:3：错误：任务“torreya-auction”已有进度记录" in result.stderr
    assert "Traceback" not in result.stderr
    assert (folder / "plan.yaml").read_bytes() == before


def test_moved_tasks_keep_their_lines_at_their_new_depth(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_text("utf-8")
    # water-fees to housing, after housing-patrol; wushan-stalls (top level) under torreya
    table = (Table(exported(tmp_path)).move("water-fees", "housing-patrol", 2)
             .move("wushan-stalls", "torreya-auction", 2)).save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    after = (folder / "plan.yaml").read_text("utf-8")
    old, new = before.splitlines(), after.splitlines()
    fees = old[old.index("      - id: water-fees"):old.index("      - id: water-fees") + 8]
    at = new.index("      - id: water-fees")
    # under housing (镇建设办) it needs its owner written: it was water's (镇农办（水利）),
    # and the owner's mark, inherited from water, goes with it
    owner = "        owner: 镇农办（水利）"
    assert fees[-1] == "        assumed: [duration]"
    assert new[at:at + 9] == [*fees[:5], owner, *fees[5:7], "        assumed: [owner, duration]"]
    assert new[at - 1].startswith("        finish: 2023-12-31")
    assert new[at + 9] == "      - id: housing-renewal"
    stalls = old[old.index("  - id: wushan-stalls"):old.index("  - id: wushan-stalls") + 10]
    at = new.index("      - id: wushan-stalls")
    assert stalls[-1] == "    finish: 2023-12-31" and new[at + 10] == ""
    assert new[at:at + 10] == ["    " + line for line in stalls]
    # nothing else: the same lines, one blank line less at the top level, water-fees's mark
    assert Counter(new) == Counter(old) - Counter(stalls) - Counter(
        ["", "        assumed: [duration]"]) + Counter(
        ["    " + line for line in stalls] + [owner, "        assumed: [owner, duration]"])
    assert sources(after) == sources(before)
    assert "  移动 water-fees“完成珍溪、佳村一户一表改造费用收缴”：" \
        "列在 housing“农村建房管理与旧村改造”之下，排在 housing-patrol 之后" in result.stdout
    assert rows(merged_plan(folder)) == rows(the_table_plan(table))


# -- what the table does not carry ------------------------------------------------------------


def test_fields_the_table_has_no_column_for_are_kept(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_text("utf-8")
    table = Table(exported(tmp_path)).set("six-village-team", "工期", 12)
    # (without 数量 a target has no total: its 指标任务 column goes too, plan.yaml keeps both)
    for header in ("三点估算", "标签", "单位", "数量", "预算", "期限", "责任单位", "指标任务"):
        table.sheet.delete_cols(table.col[header])
        table.col = {c.value: c.column for c in table.sheet[1]}
    del table.book[table.book.sheetnames[1]]  # no plan-info sheet: the header is plan.yaml's
    path = table.save()
    assert table_read.read(path).table.columns == {  # type: ignore[union-attr]
        "id", "level", "name", "start", "duration", "finish", "after", "ongoing", "notes",
        "assumed"}
    result = invoke(["import", str(path), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    after = (folder / "plan.yaml").read_text("utf-8")
    assert changed_lines(before, after) == [
        ("        duration: 10                      # 假设: 两周完成专班组建",
         "        duration: 12                      # 假设: 两周完成专班组建")]
    plan = merged_plan(folder)
    bundled = Project.open(BUNDLED).plan
    assert [(t.owner, t.tags, t.deadline, t.budget, t.quantity, t.estimate) for t in plan.tasks] \
        == [(t.owner, t.tags, t.deadline, t.budget, t.quantity, t.estimate)
            for t in bundled.tasks]


def test_a_table_of_another_plan_replaces_it_and_says_so(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "plan.yaml").write_text(
        "plan:\n  id: other\n  name: 另一计划\n  start: 2024-01-01\n  lang: zh\n"
        "tasks:\n  - id: a\n    name: 甲\n    duration: 5\n", encoding="utf-8")
    source = tmp_path / "other.xlsx"
    source.write_bytes(table_write.write(Project.open(other), None, "zh").data)
    folder = copy(tmp_path)
    result = invoke(["import", str(source), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    assert "计划表属于计划“other”" in result.stderr and "不作合并，整体替换原计划" in result.stderr
    assert Project.open(folder).plan.id == "other"
    assert list(folder.glob("backup-*"))  # the replaced plan's records set aside, as before


# -- the merged file is checked before it is written ---------------------------------------------


def test_a_merge_the_plans_records_do_not_read_against_leaves_the_file_whole(
        tmp_path: Path) -> None:
    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_bytes()
    # torreya-auction has progress recorded; with a subtask it would be a summary
    table = (Table(exported(tmp_path))
             .set("torreya-auction", "工期", None).set("torreya-auction", "数量", None)
             .set("torreya-auction", "单位", None)
             .insert("torreya-auction", {"编号": "torreya-bid", "层级": 3, "任务": "拍卖",
                                         "工期": 5})).save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 1, result.stdout
    assert "torreya-auction" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "plan.yaml").read_bytes() == before


# -- the merge itself -----------------------------------------------------------------------------


def test_a_windows_file_keeps_its_bom_and_line_ends(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    text = (folder / "plan.yaml").read_text("utf-8")
    (folder / "plan.yaml").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    table = Table(exported(tmp_path)).set("six-village-team", "工期", 12).save()
    merge = merge_table(Project.open(folder), table_read.read(table))
    assert merge.text.startswith("\ufeffplan:") or merge.text.startswith("\ufeff#")
    assert merge.text.count("\r\n") == text.count("\n") and "\n" not in \
        merge.text.replace("\r\n", "")
    assert merge.text.replace("\r\n", "\n").lstrip("\ufeff") == text.replace(
        "duration: 10                      # 假设: 两周",
        "duration: 12                      # 假设: 两周")


def test_a_removed_field_takes_its_own_comment_and_leaves_the_lines_under_it() -> None:
    text = ("plan:\n  id: p\n  name: P\n  start: 2024-01-01\n"
            "tasks:\n  - id: a\n    name: 甲\n    duration: 10   # 假设: 两周\n"
            "    # 原文: \"尽快完成\"\n    deadline: 2024-03   # 原文: \"3月底\"\n"
            "  - id: b\n    name: 乙\n    duration: 5\n")
    old = _plan(text)
    new_task = old.tasks[0].__class__(id="a", name="甲", start=date(2024, 1, 2),
                                      finish=date(2024, 1, 12), deadline=date(2024, 3, 31))
    from dataclasses import replace

    new = replace(old, tasks=(new_task, old.tasks[1]), index={})
    merged = merge_plan(text, old, new, {"a": ["start", "duration", "finish"]})
    assert merged.text == (
        "plan:\n  id: p\n  name: P\n  start: 2024-01-01\n"
        "tasks:\n  - id: a\n    name: 甲\n    start: 2024-01-02\n    finish: 2024-01-12\n"
        "    # 原文: \"尽快完成\"\n    deadline: 2024-03   # 原文: \"3月底\"\n"
        "  - id: b\n    name: 乙\n    duration: 5\n")
    assert merged.dropped == {"a": ("# 假设: 两周",)}


def test_keys_after_a_summarys_subtasks_are_edited_too() -> None:
    # a layout the task-by-task edit does not take: the whole file's round trip instead
    text = ("plan:\n  id: p\n  name: P\n  start: 2024-01-01\n"
            "tasks:\n  - id: s\n    name: 汇总   # 注释\n    tasks:\n"
            "      - id: a\n        name: 甲\n        duration: 10   # 假设\n"
            "    deadline: 2024-03   # 原文: \"3月底\"\n")
    old = _plan(text)
    from dataclasses import replace

    new = replace(old, tasks=(replace(old.tasks[0], deadline=date(2024, 4, 30)),
                              replace(old.tasks[1], duration=12)), index={})
    merged = merge_plan(text, old, new, {"s": ["deadline"], "a": ["duration"]})
    assert merged.text == text.replace("2024-03   #", "2024-04-30 #").replace("10   #", "12   #")


def test_a_task_list_in_brackets_takes_changed_cells_but_not_new_rows(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    text = ("plan:\n  id: p\n  name: P\n  start: 2024-01-01\n  lang: zh\n"
            "tasks: [{id: a, name: 甲, duration: 3}, {id: b, name: 乙, duration: 2}]  # 假设\n")
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    table = Table(exported(tmp_path, folder)).set("a", "工期", 5).save()
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    assert (folder / "plan.yaml").read_text("utf-8") == text.replace("duration: 3", "duration: 5")
    table = Table(table).insert("b", {"编号": "c", "层级": 1, "任务": "丙", "工期": 1}).save(
        "加.xlsx")
    result = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert result.exit_code == 1
    assert "plan.yaml:6:9：错误：plan.yaml 中任务“a”的“- ”与其第一个键不在同一行" in result.stderr
    assert "duration: 5" in (folder / "plan.yaml").read_text("utf-8")


def test_notes_become_comments_once(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    table = Table(exported(tmp_path)).set("six-village-team", "备注", "已与施工方对接").save()
    first = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert first.exit_code == 0, first.stderr
    text = (folder / "plan.yaml").read_text("utf-8")
    assert "        # 备注：已与施工方对接\n      - id: six-village-kickoff" in text
    assert "为 six-village-team“抽调人员组建专班”添加备注注释 1 行：" in first.stdout
    again = invoke(["import", str(table), "-o", str(folder), "--force"])
    assert again.exit_code == 0 and (folder / "plan.yaml").read_text("utf-8") == text
    assert "未作修改" in again.stderr


def _plan(text: str) -> Plan:
    from planner.exchange.imported import check_folder

    return check_folder({"plan.yaml": text}).plan


@pytest.mark.client
def test_a_table_resaved_by_libreoffice_merges_only_its_edit(tmp_path: Path) -> None:
    from tests.test_forms import soffice

    folder = copy(tmp_path)
    before = (folder / "plan.yaml").read_bytes()
    resaved = soffice(tmp_path, "xlsx", Table(exported(tmp_path)).set(
        "six-village-team", "工期", 12).save("edited.xlsx"), tmp_path / "lo")
    result = invoke(["import", str(resaved), "-o", str(folder), "--force"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  修改 six-village-team“抽调人员组建专班”：工期 10 → 12"]
    assert changed_lines(before.decode(), (folder / "plan.yaml").read_text("utf-8")) == [
        ("        duration: 10                      # 假设: 两周完成专班组建",
         "        duration: 12                      # 假设: 两周完成专班组建")]


@pytest.mark.property  # seeded edits of generated plans
@pytest.mark.parametrize("seed", range(8))
def test_seeded_edits_of_generated_plans_merge_to_the_tables_plan(tmp_path: Path,
                                                                   seed: int) -> None:
    import random

    from tests.exchange_plans import plan_text, write_plan

    rng = random.Random(seed)
    # every task gets a comment line of its own above it and one after its name
    text = re.sub(r"^( *)- id: (\S+)\n( *)(name: .*)\n",
                  lambda m: f"{m[1]}# 原文: {m[2]}\n{m[1]}- id: {m[2]}\n{m[3]}{m[4]}\n"
                  f"{m[3]}# 假设: {m[2]}\n", plan_text(seed), flags=re.M)
    folder = write_plan(tmp_path / "g", text)
    plan = Project.open(folder).plan
    table = Table(exported(tmp_path, folder))
    linked = {x.task for t in plan.tasks for x in t.after}
    siblings = {t.id: (plan.task(t.parent).children if t.parent else
                       [x.id for x in plan.tasks if x.parent is None]) for t in plan.tasks}
    leaves = [t for t in plan.tasks if not t.children]
    removable = [t.id for t in leaves if t.id not in linked and len(siblings[t.id]) > 1]
    gone = set(rng.sample(removable, min(2, len(removable))))
    longer = rng.sample([t.id for t in leaves if t.duration and t.id not in gone], 3)
    for tid in longer:
        table.set(tid, "工期", (plan.task(tid).duration or 0) + 1)
    for k, t in enumerate(rng.sample([t for t in leaves if t.id not in gone], 2)):
        table.insert(t.id, {"编号": f"new-{k}", "层级": t.depth + 1, "任务": f"新任务{k}",
                            "工期": 4, "前置任务": t.id})
    table.delete(*sorted(gone))

    def ancestors(tid: str) -> set[str]:
        parent = plan.task(tid).parent
        return {parent, *ancestors(parent)} if parent else set()

    def related(a: str, b: str) -> bool:
        return any(x.task == b for x in plan.task(a).after) or \
            any(x.task == a for x in plan.task(b).after)

    moves = [(t.id, to.id) for t in leaves for to in leaves
             if t.id not in gone and to.id not in gone and t.id != to.id
             and len(siblings[t.id]) > 1 + sum(x in gone for x in siblings[t.id])
             and not any(related(t.id, a) for a in ancestors(to.id))]
    moved, to = rng.choice(moves)
    table.move(moved, to, plan.task(to).depth + 1)
    path = table.save()
    merge = merge_table(Project.open(folder), table_read.read(path))
    (folder / "plan.yaml").write_text(merge.text, encoding="utf-8")
    assert rows(merged_plan(folder)) == rows(the_table_plan(path))
    assert (merge.count("added"), merge.count("removed")) == (2, len(gone))
    assert {c.task for c in merge.changes if c.kind == "changed"} >= set(longer)
    # (a task moved under another summary may take its owner: a changed owner cell too)
    shifted = {c.task for c in merge.changes if c.kind == "moved"}
    assert len(shifted) == 1  # the moved row, or its neighbour: one move either way
    moved = shifted.pop()
    # a moved task keeps its comments: above it and after its name
    at = merge.text.index(f"- id: {moved}\n")
    assert merge.text[:at].rstrip(" ").endswith(f"# 原文: {moved}\n")
    assert merge.text[at:].split("\n")[2].strip() == f"# 假设: {moved}"
    # every comment but the two of each removed task stays
    assert sources(merge.text) == sources(text) - 2 * len(gone)
    for tid in gone:
        assert f"# 原文: {tid}\n" not in merge.text and f"# 假设: {tid}\n" not in merge.text
