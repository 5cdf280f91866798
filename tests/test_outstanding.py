"""Reports asked for and not back yet: the record of forms sent, the awaiting-report state,
how every review shows it, and the units collect says are still to chase."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from planner import Project
from planner.analysis.outstanding import Outstanding, asked, outstanding
from planner.domain.diagnostics import PlanError
from planner.domain.sent import Sent, SentForm
from planner.exchange.forms_common import COLUMNS, FIRST_ROW
from planner.exchange.forms_read import read_forms
from planner.exchange.forms_write import write_forms
from planner.planfiles.sent import load_sent, path_for, to_yaml
from planner.render.gantt import figure, gantt_view
from planner.render.report import narrative
from planner.render.status import headline, select, status_dict, status_view
from planner.render.writers import markdown
from tests.conftest import BUNDLED, csv_rows, invoke, write_plan

# Three tasks of ten working days from Monday 3 July 2023; X owns a, Y owns b and c.
# At the first report (Friday 7 July, 5 of 10 days gone) each is half done: on plan,
# forecast to finish Friday 14 July.
PLAN = """\
- id: a
  name: 甲
  owner: X
  duration: 10
- id: b
  name: 乙
  owner: Y
  duration: 10
- id: c
  name: 丙
  owner: Y
  duration: 10
- id: d
  name: 丁
  owner: Y
  duration: 2
"""
FIRST = """\
plan: t
date: 2023-07-07
progress:
  a: {started: 2023-07-03, percent: 50}
  b: {started: 2023-07-03, percent: 50}
  c: {started: 2023-07-03, percent: 50}
  d: {started: 2023-07-03, finished: 2023-07-04}
"""
DAY = date(2023, 7, 14)  # the forms' data date: a week later
BEFORE = date(2023, 7, 7)
MADE = date(2023, 7, 13)


def folder(tmp_path: Path, header: str | None = None) -> Path:
    root = tmp_path / "plan"
    write_plan(root, PLAN, header)
    (root / "status").mkdir()
    (root / "status" / "2023-07-07.yaml").write_text(FIRST, encoding="utf-8")
    return root


def x_reports(root: Path) -> None:
    """X's form comes back: a is 90 % done (1 working day left); Y's is not back."""
    Project.open(root).record(DAY, {"a": {"percent": 90}})


# -- 1. the record of the forms sent ------------------------------------------------------------


def test_forms_record_which_unit_was_asked_about_which_tasks(tmp_path: Path) -> None:
    root = folder(tmp_path)
    p = Project.open(root)
    sent = p.record_forms(DAY, made=MADE)
    path = root / "sent" / "2023-07-14.yaml"
    assert sent.path == path and path.is_file()
    # d is finished: its form asks about the open tasks only
    assert load_sent(path, p.plan, DAY).forms == (
        SentForm("X", ("a",), MADE), SentForm("Y", ("b", "c"), MADE))
    # not a snapshot: the folder's snapshots and its checks are as they were
    again = Project.open(root)
    assert [s.date for s in again.snapshots] == [BEFORE]
    assert again.problems() == ()


def test_forms_made_again_for_one_unit_replace_only_its_record(tmp_path: Path) -> None:
    root = folder(tmp_path)
    Project.open(root).record_forms(DAY, made=MADE)
    p = Project.open(root)
    p.record(BEFORE, {"c": {"started": date(2023, 7, 3), "finished": date(2023, 7, 7)}},
             existing="edit")
    later = date(2023, 7, 14)
    sent = Project.open(root).record_forms(DAY, ["Y"], made=later)
    assert sent.forms == (SentForm("X", ("a",), MADE), SentForm("Y", ("b",), later))
    assert load_sent(path_for(root, DAY), p.plan, DAY).forms == sent.forms


def test_the_record_reads_back_what_was_written(tmp_path: Path) -> None:
    p = Project.open(folder(tmp_path))
    odd = Sent("t", DAY, (SentForm(None, ("a",), MADE), SentForm("null", ("b",)),
                          SentForm("镇农办(水利): 一组 #2", ()), SentForm("X", ("c", "d"))))
    path = path_for(p.folder, DAY)
    path.parent.mkdir()
    path.write_text(to_yaml(odd), encoding="utf-8")
    assert load_sent(path, p.plan, DAY).forms == odd.forms


@pytest.mark.parametrize(("text", "line", "says"), [
    ("plan: other\ndate: 2023-07-14\nforms: []\n", 1, "for plan 'other', not 't'"),
    ("plan: t\ndate: 2023-07-13\nforms: []\n", 2, "2023-07-13 is not the date 2023-07-14"),
    ("plan: t\ndate: 2023-07-14\nforms:\n  - {owner: X, tasks: [a]}\n"
     "  - {owner: X, tasks: []}\n", 5, "the unit 'X' has two forms (the first at line 4)"),
    ("plan: t\ndate: 2023-07-14\nfroms: []\n", 3, "unknown key 'froms'"),
    ("", 1, "the record of forms sent is empty"),
])
def test_a_broken_record_is_an_error_naming_its_file_and_line(tmp_path: Path, text: str,
                                                               line: int, says: str) -> None:
    root = folder(tmp_path)
    (root / "sent").mkdir()
    path_for(root, DAY).write_text(text, encoding="utf-8")
    p = Project.open(root)
    p.record(DAY, {"a": {"percent": 90}})
    with pytest.raises(PlanError) as exc:
        p.track(DAY)
    (d,) = exc.value.diagnostics
    assert (d.location.file, d.location.line) == (str(path_for(root, DAY)), line)
    assert says in d.message
    result = invoke(["status", str(root), "--at", "2023-07-14"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path_for(root, DAY)}:{line}:" in result.stderr


def test_planner_forms_records_the_forms_it_wrote(tmp_path: Path) -> None:
    root = folder(tmp_path)
    out = tmp_path / "out"
    result = invoke(["forms", str(root), "--at", "2023-07-14", "-o", str(out), "--owner", "Y"])
    assert result.exit_code == 0, result.output
    sent = Project.open(root).sent(DAY)
    assert sent is not None and [(f.owner, f.tasks) for f in sent.forms] == [("Y", ("b", "c"))]
    assert f"{path_for(root, DAY)}: 1 form(s) recorded as sent" in result.stderr
    invoke(["forms", str(root), "--at", "2023-07-14", "-o", str(out)])
    sent = Project.open(root).sent(DAY)
    assert sent is not None and [f.owner for f in sent.forms] == ["Y", "X"]
    # the plan's own files are not an output's to replace
    again = invoke(["forms", str(root), "--at", "2023-07-14", "-o", str(root / "sent")])
    assert again.exit_code != 0 and "Traceback" not in again.output


# -- 2. awaiting-report ----------------------------------------------------------------------------


def test_a_unit_whose_form_is_not_back_is_outstanding_with_its_open_tasks(tmp_path: Path) -> None:
    root = folder(tmp_path)
    Project.open(root).record_forms(DAY, made=MADE)
    x_reports(root)
    p = Project.open(root)
    assert p.outstanding(DAY) == (Outstanding("Y", ("b", "c")),)
    t = p.track(DAY)
    assert [s.id for s in t.leaves() if s.awaiting] == ["b", "c"]
    assert t.outstanding == (Outstanding("Y", ("b", "c")),) and t.since == BEFORE
    # a unit that answered is not outstanding; its rows left as they were are not awaited
    p.record(DAY, {"b": {"percent": 50}})
    again = Project.open(root)
    assert again.outstanding(DAY) == ()
    assert not any(s.awaiting for s in again.track(DAY).leaves())


def test_an_awaiting_task_is_forecast_from_its_last_report(tmp_path: Path) -> None:
    """Worked by hand: b was half done on Fri 7 July, 5 of its 10 days left. Counted from
    that report they end Fri 14 July, on the baseline, and at 7 July the plan asked 50 %:
    nothing is late. Counted from the data date, as if b had stood still all week, they
    would end Fri 21 July, 5 days late, and 100 % planned against 50 % done is behind."""
    root = folder(tmp_path)
    Project.open(root).record_forms(DAY, made=MADE)
    x_reports(root)
    t = Project.open(root).track(DAY)
    b = t.task("b")
    assert (b.forecast.finish, b.finish_variance_days, b.planned_percent) == (
        date(2023, 7, 14), 0, 50)
    assert [f.name for f in b.flags] == ["awaiting-report"]
    assert dict(b.flags[0].detail) == {"since": BEFORE}
    # a reported: 90 % of 10 days, 1 day left from Mon 17 July: one day late, not awaited
    a = t.task("a")
    assert (a.forecast.finish, a.finish_variance_days, a.awaiting) == (
        date(2023, 7, 17), 1, False)
    # the forecast of the plan is a's, not the missing report's
    assert t.forecast.finish == date(2023, 7, 17)


def test_without_a_record_of_forms_the_task_is_judged_at_the_data_date(tmp_path: Path) -> None:
    """Nobody asked (no sent/ record): the carried report counts as it always did, and the
    31-day no-report rule is the one that speaks for old reports."""
    root = folder(tmp_path)
    x_reports(root)
    b = Project.open(root).track(DAY).task("b")
    assert (b.forecast.finish, b.finish_variance_days, b.awaiting) == (date(2023, 7, 21), 5,
                                                                       False)
    assert {"behind", "slipping"} <= {f.name for f in b.flags}
    far = date(2023, 8, 31)  # 55 days after b's report
    p = Project.open(root)
    p.record(far, {"a": {"percent": 95}})
    assert "no-report" in {f.name for f in Project.open(root).track(far).task("b").flags}


def test_forms_of_another_data_date_await_nothing(tmp_path: Path) -> None:
    root = folder(tmp_path)
    Project.open(root).record_forms(date(2023, 7, 21), made=MADE)
    x_reports(root)
    assert not any(s.awaiting for s in Project.open(root).track(DAY).leaves())


def test_asked_tasks_are_the_open_leaf_tasks_by_owner(tmp_path: Path) -> None:
    p = Project.open(folder(tmp_path))
    assert asked(p.plan, p.snapshot(DAY)) == {"X": ("a",), "Y": ("b", "c")}
    assert asked(p.plan, None) == {"X": ("a",), "Y": ("b", "c", "d")}


def test_the_simulation_starts_from_the_same_forecast(tmp_path: Path) -> None:
    root = folder(tmp_path)
    Project.open(root).record_forms(DAY, made=MADE)
    x_reports(root)
    p = Project.open(root)
    risk = p.simulate(DAY, iterations=200, seed=1)
    assert risk.deterministic.finish == p.track(DAY).forecast.finish == date(2023, 7, 17)


# -- 3. the reviews -------------------------------------------------------------------------------


@pytest.fixture
def awaited(tmp_path: Path) -> Project:
    root = folder(tmp_path)
    Project.open(root).record_forms(DAY, made=MADE)
    x_reports(root)
    return Project.open(root)


def test_the_headline_counts_awaiting_tasks_apart(awaited: Project) -> None:
    t = awaited.track(DAY)
    assert headline(t, select(t), "zh").startswith(
        "截至2023年7月14日：4项任务，已完成1项，进展正常0项，滞后1项；"
        "1个单位未报送，涉及2项任务，按2023年7月7日上报进度推算")
    assert "1 unit(s) not reported yet, 2 task(s) forecast from the report of 2023-07-07" \
        in headline(t, select(t), "en")
    # one owner's review counts its own
    assert "未报送" not in headline(t, select(t, owner="X"), "zh")


def test_the_review_lists_the_units_and_explains_the_flag(awaited: Project) -> None:
    t = awaited.track(DAY)
    text = markdown(status_view(t, select(t), "zh"))
    assert "未报送单位：Y（2项任务）" in text
    assert "本期未报送，按2023年7月7日上报进度推算" in text
    result = invoke(["status", str(awaited.folder), "--lang", "en"])
    assert "Not reported yet: Y (2 task(s))" in result.stdout
    assert "awaiting-report" in result.stdout


def test_the_narrative_names_the_units_not_back(awaited: Project) -> None:
    t = awaited.track(DAY)
    text = narrative(t, None, "zh")
    assert "Y共1个单位尚未报送本期进展，涉及2项任务，均按2023年7月7日上报进度推算。" in text
    assert "其中滞后0项" in text or "滞后" not in text.split("Y共")[1]


def test_the_gantt_marks_awaiting_bars_and_lists_the_units(awaited: Project) -> None:
    t = awaited.track(DAY)
    fig = figure(t.forecast, t, "zh", color="status")
    layer = [tr for tr in fig.data if tr.name == "未报送，按上期进度推算" and tr.orientation == "h"]
    assert len(layer) == 1 and list(layer[0].y) == ["b", "c"]
    # b's forecast starts after the report it rests on, not after the data date
    assert layer[0].base[0].startswith("2023-07-08")
    actual = next(tr for tr in fig.data if tr.name == "实际" and tr.orientation == "h")
    ends = dict(zip(actual.y, actual.x, strict=True))
    assert ends["b"] == 5 * 86_400_000 and ends["a"] == 12 * 86_400_000  # to 07-07, 07-14
    legend = {tr.name for tr in fig.data if getattr(tr, "legend", None) == "legend2"}
    assert "未报送" in legend
    # the chart itself names the units, for a printed or exported copy
    assert "未报送：Y（1个单位，2项任务）" in [a.text for a in fig.layout.annotations]
    page = markdown(gantt_view(t.forecast, t, [t], "zh"))
    assert "未报送单位：Y（2项任务）" in page


def test_json_and_csv_carry_the_state_and_the_date_the_forecast_rests_on(
        awaited: Project) -> None:
    t = awaited.track(DAY)
    doc = status_dict(t, select(t), "en")
    rows = {r["id"]: r for r in doc["tasks"]}
    assert (rows["b"]["report_state"], rows["b"]["forecast_from"]) == ("awaiting-report",
                                                                       "2023-07-07")
    assert (rows["a"]["report_state"], rows["a"]["forecast_from"]) == ("reported",
                                                                       "2023-07-14")
    assert rows["d"]["report_state"] == "carried"
    assert doc["outstanding"] == [{"owner": "Y", "tasks": ["b", "c"]}]
    assert doc["awaiting_forecast_from"] == "2023-07-07"
    out = invoke(["status", str(awaited.folder), "-f", "csv"]).stdout
    csv = {r["id"]: r for r in csv_rows(out)}
    assert (csv["c"]["report_state"], csv["c"]["forecast_from"]) == ("awaiting-report",
                                                                     "2023-07-07")
    assert "awaiting-report" in csv["c"]["flags"].split()
    via_cli = json.loads(invoke(["status", str(awaited.folder), "-f", "json"]).stdout)
    assert via_cli["outstanding"] == doc["outstanding"]


def test_awaited_before_any_review_keeps_the_plans_dates(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    write_plan(root, PLAN)
    p = Project.open(root)
    p.record_forms(DAY, made=MADE)
    p.record(DAY, {"a": {"started": date(2023, 7, 3), "percent": 100,
                         "finished": date(2023, 7, 14)}})
    t = Project.open(root).track(DAY)
    b = t.task("b")
    # nothing known of b: planned from 3 July, it is neither late nor not started (it ends
    # the plan with a and c: critical, which is no blame)
    assert (b.forecast.start, b.forecast.finish, b.awaiting) == (date(2023, 7, 3),
                                                                date(2023, 7, 14), True)
    assert [f.name for f in b.flags] == ["awaiting-report", "critical"]
    assert "本期未报送，按计划推算" in markdown(status_view(t, select(t), "zh"))
    assert "按计划推算" in headline(t, select(t), "zh")


# -- 4. collect ends with the units to chase ----------------------------------------------------


def _forms(root: Path, out: Path) -> dict[str, Path]:
    assert invoke(["forms", str(root), "--at", "2023-07-14", "-o", str(out)]).exit_code == 0
    return {p.stem: p for p in out.glob("*.xlsx")}


def _changed(path: Path, percent: int) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = [k for k, _ in COLUMNS].index("percent") + 1
    ws.cell(FIRST_ROW, col).value = percent
    wb.save(path)
    return path


def test_collect_ends_with_the_units_still_out(tmp_path: Path) -> None:
    root = folder(tmp_path)
    forms = _forms(root, tmp_path / "forms")
    x = _changed(forms["X"], 90)
    dry = invoke(["collect", str(root), str(x), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "still to chase: 1 unit(s) have not returned the form for 2023-07-14\n" \
        "  Y: 2 task(s)\n" in dry.stdout
    done = invoke(["collect", str(root), str(x)])
    assert done.stdout.endswith("still to chase: 1 unit(s) have not returned the form for "
                                "2023-07-14\n  Y: 2 task(s)\n")
    y = _changed(forms["Y"], 60)
    last = invoke(["collect", str(root), str(y), "--force"])
    assert last.stdout.endswith("every form sent for 2023-07-14 is back\n"), last.output


def test_collect_in_chinese_and_without_a_record(tmp_path: Path) -> None:
    header = "plan:\n  id: t\n  name: 测试\n  start: 2023-07-03\n  calendar: weekdays\n" \
        "  lang: zh\n"
    root = folder(tmp_path, header)
    forms = write_forms(Project.open(root), DAY)
    (tmp_path / "X.xlsx").write_bytes(forms["X.xlsx"])
    x = _changed(tmp_path / "X.xlsx", 90)
    bare = invoke(["collect", str(root), str(x), "--dry-run"])
    assert "提示：未找到 2023-07-14 的报表发送记录" in bare.stderr
    Project.open(root).record_forms(DAY, made=MADE)
    said = invoke(["collect", str(root), str(x)])
    assert "催报名单：2023-07-14 的报表尚有 1 个单位未报送\n  Y：2 项任务\n" in said.stdout


# -- the bundled plan: 7 of 14 forms back -----------------------------------------------------


def test_units_not_back_do_not_make_the_bundled_plan_slip(tmp_path: Path) -> None:
    """The measured case: forms for 2023-11-30, seven units send theirs back (each with a
    note, nothing moved), seven do not. Judged at the data date, the missing reports made
    the overrun 32 working days instead of 15 and 6 tasks behind for that alone. Now every task of
    the seven units not back is what the 11-07 review said of it, and the overrun, which
    none of the seven units back drives, is not larger than that review's."""
    shutil.copytree(BUNDLED, tmp_path / "yushan")
    root = tmp_path / "yushan"
    day, before = date(2023, 11, 30), date(2023, 11, 7)
    p = Project.open(root)
    made = write_forms(p, day)
    p.record_forms(day, made=day)
    note = [k for k, _ in COLUMNS].index("note") + 1
    back = []
    for owner in ("镇党建办", "镇农发公司", "镇宣传办", "镇民政办", "镇财政所", "黄里村",
                  "镇经济发展办"):  # the units of the measured case: none on the critical path
        path, data = tmp_path / f"{owner}.xlsx", made[f"{owner}.xlsx"]
        path.write_bytes(data)
        wb = openpyxl.load_workbook(path)
        wb.worksheets[0].cell(FIRST_ROW, note).value = "本月按计划推进"
        wb.save(path)
        back.append(path)
    got = read_forms(p, back, day)
    p.record(day, got.entries)
    p = Project.open(root)
    t, earlier = p.track(day), p.track(before)
    sent = p.sent(day)
    assert sent is not None
    out = {o.owner for o in t.outstanding}
    assert len(out) == len(made) - len(back)
    awaited = [s for s in t.leaves() if s.awaiting]
    assert {p.plan.task(s.id).owner for s in awaited} == out
    assert len(awaited) == sum(len(o.tasks) for o in t.outstanding)
    assert t.overrun <= earlier.overrun
    for s in awaited:
        was = earlier.task(s.id)
        assert s.forecast.finish == was.forecast.finish, s.id
        # the same flags as that review, but 'stalled', which compares a new report
        assert [f for f in s.flags if f.name not in ("awaiting-report", "stalled")] == \
            [f for f in was.flags if f.name != "stalled"], s.id
    zh = headline(t, select(t), "zh")
    assert f"{len(out)}个单位未报送，涉及{len(awaited)}项任务，按2023年11月7日上报进度推算" in zh


def test_validate_checks_the_records_of_forms_sent(tmp_path: Path) -> None:
    root = folder(tmp_path)
    (root / "sent").mkdir()
    path_for(root, DAY).write_text("plan: t\ndate: 2023-07-14\nforms: [{owner: X}]\n",
                                   encoding="utf-8")
    (root / "sent" / "notes.yaml").write_text("not: ours\n", encoding="utf-8")  # never read
    result = invoke(["validate", str(root)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path_for(root, DAY)}:3:" in result.stdout + result.stderr
    assert "has no 'tasks'" in result.stdout + result.stderr


def test_a_record_that_links_out_of_the_plan_folder_is_not_read(tmp_path: Path) -> None:
    root = folder(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("plan: t\ndate: 2023-07-14\nforms: []\n", encoding="utf-8")
    (root / "sent").mkdir()
    path_for(root, DAY).symlink_to(secret)
    with pytest.raises(PlanError) as exc:
        Project.open(root).sent(DAY)
    assert "outside the plan folder" in exc.value.diagnostics[0].message
    # nor written through
    with pytest.raises(Exception, match=r"outside|link"):
        Project.open(root).record_forms(DAY, made=MADE)
    assert secret.read_text(encoding="utf-8").endswith("forms: []\n")


# -- 5. a form returned saying nothing moved ----------------------------------------------------

THREE = ("镇财政所", "镇党建办", "镇民政办")  # one open task each, started before 11-07


def _bundled_forms(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    """The bundled plan's forms for 2023-11-30, made with `planner forms`."""
    root = tmp_path / "yushan"
    shutil.copytree(BUNDLED, root)
    out = tmp_path / "OUT"
    made = invoke(["forms", str(root), "--at", "2023-11-30", "-o", str(out)])
    assert made.exit_code == 0, made.output
    return root, {p.stem: p for p in out.glob("*.xlsx")}


def _saved_by_excel(path: Path, later: int = 300) -> Path:
    """``path`` as Excel leaves a workbook saved without a change: its own name in
    docProps/app.xml, the saver in lastModifiedBy, the time of the save in modified."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    core = parts["docProps/core.xml"].decode()
    made = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert made is not None
    saved = (datetime.fromisoformat(made.group(1).replace("Z", "+00:00"))
             + timedelta(seconds=later)).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]+<", rf"\g<1>{saved}<", core)
    core = core.replace("</cp:coreProperties>",
                        "<cp:lastModifiedBy>张三</cp:lastModifiedBy></cp:coreProperties>")
    parts["docProps/core.xml"] = core.encode()
    parts["docProps/app.xml"] = (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"><Application>Microsoft Excel</Application></Properties>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _chased(stdout: str) -> set[str]:
    """The units the 催报名单 at the end of a collect lists."""
    return {line.strip().split("：")[0] for line in stdout.splitlines()
            if line.startswith("  ") and "项任务" in line}


def test_an_unchanged_form_never_saved_is_not_counted_and_said_by_file(tmp_path: Path) -> None:
    root, forms = _bundled_forms(tmp_path)
    sent_before = path_for(root, date(2023, 11, 30)).read_bytes()
    got = invoke(["collect", str(root), *(str(forms[o]) for o in THREE)])
    assert got.exit_code == 0, got.output
    for owner in THREE:  # each said by its file, in the plan's language
        assert f"{forms[owner]}：警告：这张表与发出时完全相同，也未经任何人保存，未计为已报送" \
            in got.stderr
    assert got.stderr.count("加 --returned 重新收集这张表") == 3
    assert len(_chased(got.stdout)) == 14  # nobody is counted back
    assert path_for(root, date(2023, 11, 30)).read_bytes() == sent_before
    assert not (root / "status" / "2023-11-30.yaml").exists()  # no row confirmed


def test_forms_returned_unchanged_are_not_chased(tmp_path: Path) -> None:
    """The reproduction: three units send their forms back with nothing changed. Said so
    (--returned), the 催报名单 lists the other 11 units; the record says the three are back;
    their open rows are confirmed at the data date; the review does not await them."""
    root, forms = _bundled_forms(tmp_path)
    day = date(2023, 11, 30)
    got = invoke(["collect", str(root), *(str(forms[o]) for o in THREE), "--returned"])
    assert got.exit_code == 0, got.output
    assert "警告" not in got.stderr
    assert "催报名单：2023-11-30 的报表尚有 11 个单位未报送" in got.stdout
    chased = _chased(got.stdout)
    assert len(chased) == 11 and not chased & set(THREE)
    assert f"{path_for(root, day)}：已登记 3 个单位的报表收回" in got.stderr
    p = Project.open(root)
    sent = p.sent(day)
    assert sent is not None
    assert {f.owner for f in sent.forms if f.returned == date.today()} == set(THREE)
    assert all(f.returned is None for f in sent.forms if f.owner not in THREE)
    snap = p.snapshot(day)
    assert snap is not None
    for tid in ("econ-revenue", "env-party", "elder-build"):  # their units' one open task
        report = snap.of(tid)
        assert report is not None and report.reported == day, tid
    t = p.track(day)
    assert not {o.owner for o in t.outstanding} & set(THREE)
    assert len(t.outstanding) == 11
    # collecting the same forms again records nothing new and keeps the first day
    again = invoke(["collect", str(root), *(str(forms[o]) for o in THREE), "--returned"])
    assert again.exit_code == 0 and "已登记 3 个单位" not in again.stderr


def test_a_form_saved_by_its_unit_without_a_change_counts(tmp_path: Path) -> None:
    root, forms = _bundled_forms(tmp_path)
    saved = _saved_by_excel(forms["镇党建办"])
    got = invoke(["collect", str(root), str(saved), str(forms["镇财政所"])])
    assert got.exit_code == 0, got.output
    assert str(forms["镇财政所"]) + "：警告" in got.stderr  # the original: not counted
    assert str(saved) + "：警告" not in got.stderr
    chased = _chased(got.stdout)
    assert len(chased) == 13 and "镇党建办" not in chased and "镇财政所" in chased


def test_a_record_says_which_form_is_back_and_an_unreturned_unit_is_chased(
        tmp_path: Path) -> None:
    """Receipt alone decides, whatever the snapshot holds: X's form is recorded back with
    no entry at the data date (none of its rows moved, none confirmed); Y's is not."""
    p = Project.open(folder(tmp_path))
    sent = Sent("t", DAY, (SentForm("X", ("a",), MADE, DAY), SentForm("Y", ("b", "c"), MADE)))
    assert outstanding(p.plan, sent, p.snapshot(DAY)) == (Outstanding("Y", ("b", "c")),)
    assert outstanding(p.plan, sent.returned_by(["Y"], DAY), p.snapshot(DAY)) == ()
    # written and read back; a second receipt keeps the first day
    path = path_for(p.folder, DAY)
    path.parent.mkdir()
    path.write_text(to_yaml(sent), encoding="utf-8")
    assert "    returned: 2023-07-14\n" in path.read_text(encoding="utf-8")
    assert load_sent(path, p.plan, DAY).forms == sent.forms
    later = sent.returned_by(["X", "Y"], date(2023, 7, 20))
    assert [f.returned for f in later.forms] == [DAY, date(2023, 7, 20)]
    assert [f.returned for f in sent.returned_by(["Z"], DAY).forms] == [DAY, None]
    # the project's method writes it; a date that is no date is an error at its line
    assert p.record_returned(DAY, ["Y"], date(2023, 7, 17)) is not None
    assert Project.open(p.folder).outstanding(DAY) == ()
    path.write_text(to_yaml(sent).replace("returned: 2023-07-14", "returned: soon"),
                    encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        Project.open(p.folder).outstanding(DAY)
    (d,) = exc.value.diagnostics
    assert d.location.line == 10 and "returned" in d.message


def test_no_record_no_receipt(tmp_path: Path) -> None:
    p = Project.open(folder(tmp_path))
    assert p.record_returned(DAY, ["X"]) is None
    assert not (p.folder / "sent").exists()


def test_a_dry_run_shows_the_chase_as_if_recorded_and_writes_nothing(tmp_path: Path) -> None:
    root, forms = _bundled_forms(tmp_path)
    day = date(2023, 11, 30)
    before = path_for(root, day).read_bytes()
    dry = invoke(["collect", str(root), *(str(forms[o]) for o in THREE), "--returned",
                  "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "将登记 3 个单位的报表收回（试运行，未写入）" in dry.stderr
    chased = _chased(dry.stdout)
    assert len(chased) == 11 and not chased & set(THREE)
    assert path_for(root, day).read_bytes() == before
    assert not (root / "status" / "2023-11-30.yaml").exists()
    assert len(_chased(invoke(["collect", str(root), str(forms["镇党建办"]),
                               "--dry-run"]).stdout)) == 14


def test_undo_of_a_collect_takes_the_receipt_back_too(tmp_path: Path) -> None:
    root, forms = _bundled_forms(tmp_path)
    day = date(2023, 11, 30)
    before = path_for(root, day).read_bytes()
    got = invoke(["collect", str(root), *(str(forms[o]) for o in THREE), "--returned"])
    assert got.exit_code == 0 and path_for(root, day).read_bytes() != before
    undone = invoke(["undo", str(root)])
    assert undone.exit_code == 0, undone.output
    assert "sent/2023-11-30.yaml" in undone.stdout + undone.stderr
    assert path_for(root, day).read_bytes() == before
    assert not (root / "status" / "2023-11-30.yaml").exists()
    assert len(Project.open(root).outstanding(day) or ()) == 14


@pytest.mark.client
def test_a_form_saved_by_libreoffice_without_a_change_counts(tmp_path: Path) -> None:
    from tests.test_forms import soffice

    root, forms = _bundled_forms(tmp_path)
    saved = soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", forms["镇党建办"],
                    tmp_path / "back")
    got = invoke(["collect", str(root), str(saved)])
    assert got.exit_code == 0, got.output
    assert "警告" not in got.stderr
    chased = _chased(got.stdout)
    assert len(chased) == 13 and "镇党建办" not in chased
    snap = Project.open(root).snapshot(date(2023, 11, 30))
    assert snap is not None and (report := snap.of("env-party")) is not None
    assert report.reported == date(2023, 11, 30)
