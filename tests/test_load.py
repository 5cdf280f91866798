"""Loading plans: the format's keys, YAML surprises, and every bad input with its message."""

from __future__ import annotations

import re
import tempfile
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from planner.domain.diagnostics import PlanError
from planner.domain.model import LinkType, Plan
from planner.planfiles.plan import load_plan
from planner.planfiles.yamlreader import MAX_BYTES
from tests.conftest import BUNDLED, assert_diagnostics, plan_from, write_plan
from tests.test_schedule_properties import plans

FIXTURES = Path(__file__).parent / "fixtures" / "errors"
EXPECT = re.compile(r"# expect: (\d+):(\d+) ([\w-]+): (.*)$")


def expectations(path: Path) -> list[tuple[int, int, str, str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := EXPECT.match(line):
            message, _, hint = m[4].partition(" | ")
            out.append((int(m[1]), int(m[2]), m[3], message, hint))
    return out


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_plan_reports_every_expected_error(fixture: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect:' lines"
    with pytest.raises(PlanError) as info:
        load_plan(fixture)
    assert_diagnostics(info.value.diagnostics, expected, fixture)


def test_rendered_error_names_file_line_column_and_hint(tmp_path: Path) -> None:
    path = write_plan(tmp_path, """\
        - id: a
          name: A
          duration: 5
          deadine: 2023-08-01
        """)
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path)
    assert str(info.value) == (
        f"{path}:10:5: error: unknown key 'deadine' in a task [unknown-key]\n"
        "  hint: did you mean 'deadline'?"
    )


def test_yaml_11_words_and_numbers_are_kept_as_written(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: "010"
          name: no
          owner: on
          duration: 3
        - id: 010b
          name: yes
          tags: [off, 1:30, 0x1F]
          after: [010]
          duration: 1
        """)
    first, second = plan.tasks
    assert (first.id, first.name, first.owner) == ("010", "no", "on")
    assert second.name == "yes" and second.tags == ("off", "1:30", "0x1F")
    assert second.after[0].task == "010"


def test_plain_010_id_is_the_text_010_not_octal_8(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: 010\n  name: x\n  duration: 1\n")
    assert plan.tasks[0].id == "010"


def test_every_key_of_the_format_loads(tmp_path: Path) -> None:
    header = ("plan:\n  id: yushan-2023h2\n  name: 玉山镇\n  start: 2023-07-01\n  calendar: cn\n"
              "  holidays: [2023-08-15]\n  workdays: [2023-08-19]\n  lang: zh\n"
              "  currency: CNY\n")
    plan = plan_from(tmp_path, """\
        - id: six-village
          name: 六村抱团兴农共富联合体项目
          owner: 镇农办
          tags: [乡村振兴]
          tasks:
            - id: six-village-team
              name: 组建专班
              duration: 2w
              start: 2023-07-03
            - id: six-village-build
              name: 项目主体建设
              after: [six-village-team, {task: six-village-team, type: SS, lag: 2}]
              duration: 120d
              estimate: [100, 120, 170]
              deadline: 2023-12
              budget: 3_000_000
            - id: water-meters
              name: 一户一表改造
              start: 2023-03-01
              finish: 2023-10
              quantity: {total: 1750, unit: 户}
            - id: six-village-done
              name: 项目主体完工
              milestone: true
              after: [six-village-build FF-3]
              deadline: 2023-12-31
        """, header)
    assert (plan.id, plan.calendar, plan.lang) == ("yushan-2023h2", "cn", "zh")
    assert plan.currency == "CNY"
    assert plan.holidays == (date(2023, 8, 15),) and plan.workdays == (date(2023, 8, 19),)
    summary = plan.task("six-village")
    assert summary.children == ("six-village-team", "six-village-build", "water-meters",
                                "six-village-done")
    assert summary.owner == "镇农办" and summary.tags == ("乡村振兴",)
    team, build = plan.task("six-village-team"), plan.task("six-village-build")
    assert team.duration == 10 and team.start == date(2023, 7, 3) and team.parent == "six-village"
    assert team.owner == "镇农办"  # inherited from the summary
    assert build.duration == 120 and build.estimate == (100.0, 120.0, 170.0)
    assert build.deadline == date(2023, 12, 31) and build.budget == 3_000_000
    assert [(lk.task, lk.type, lk.lag) for lk in build.after] == [
        ("six-village-team", LinkType.FS, 0), ("six-village-team", LinkType.SS, 2)]
    meters = plan.task("water-meters")
    assert meters.finish == date(2023, 10, 31) and meters.quantity is not None
    assert (meters.quantity.total, meters.quantity.unit) == (1750, "户")
    done = plan.task("six-village-done")
    assert done.milestone and done.after[0].type is LinkType.FF and done.after[0].lag == -3
    assert (build.where("deadline").line, build.where("deadline").col) == (25, 19)


def test_weeks_are_seven_days_in_an_alldays_calendar(tmp_path: Path) -> None:
    header = "plan:\n  id: t\n  name: T\n  start: 2023-07-03\n  calendar: alldays\n"
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 2w\n", header)
    assert plan.tasks[0].duration == 14


def test_not_utf8_is_refused_with_the_position_of_the_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_bytes(
        "plan:\n  id: t\n  name: 玉山\n".encode("gbk") + b"  start: 2023-07-03\n")
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path)
    (d,) = info.value.diagnostics
    assert d.code == "encoding" and (d.location.line, d.location.col) == (3, 9)
    assert "UTF-8" in d.message and "UTF-8" in d.hint


def test_absurdly_large_file_is_refused_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: takes no disk and must not be read
    tracemalloc.start()
    with pytest.raises(PlanError) as info:
        load_plan(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.diagnostics[0].code == "too-large"
    assert peak < 1_000_000


def test_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 20)]
    body = "- id: a\n  name: A\n  duration: 1\n  tags: [*a19, *a19]\n"
    path = write_plan(tmp_path, body)
    path.write_text("bomb:\n" + "".join(f"  {x}\n" for x in levels) + path.read_text())
    tracemalloc.start()
    with pytest.raises(PlanError) as info:
        load_plan(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    codes = {d.code for d in info.value.diagnostics}
    assert codes == {"alias"}  # refused before composing: 10^20 items never materialise
    first = info.value.diagnostics[0]
    assert (first.location.line, first.location.col) == (3, 12)  # where `*a0` is written
    assert peak < 20_000_000


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("# nothing yet\n")
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path)
    assert [d.code for d in info.value.diagnostics] == ["empty"]


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        load_plan(tmp_path / "nope")
    assert info.value.diagnostics[0].code == "file"


def test_task_following_its_own_summary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        plan_from(tmp_path, """\
            - id: s
              name: S
              tasks:
                - id: a
                  name: A
                  duration: 1
                  after: [s]
            """)
    (d,) = info.value.diagnostics
    assert d.code == "cycle" and "follows its own summary task 's'" in d.message


def test_summary_following_its_own_subtask_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        plan_from(tmp_path, """\
            - id: s
              name: S
              after: [b]
              tasks:
                - id: a
                  name: A
                  duration: 1
                - id: b
                  name: B
                  duration: 1
            """)
    found = [d for d in info.value.diagnostics if "own subtask" in d.message]
    assert len(found) == 1 and found[0].code == "cycle", info.value.diagnostics
    assert "summary task 's' follows its own subtask 'b'" in found[0].message


def test_cycle_through_a_summary_names_the_roll_up(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        plan_from(tmp_path, """\
            - id: s
              name: S
              tasks:
                - id: a
                  name: A
                  duration: 1
                  after: [b]
            - id: b
              name: B
              duration: 1
              after: [s]
            """)
    (d,) = info.value.diagnostics
    assert d.code == "cycle"
    assert d.message == ("dependency cycle: 's' (line 7) -> 'b' (line 14) -> "
                         "'a' (line 10) is part of 's'")


def test_bundled_plan_loads() -> None:
    plan = load_plan(BUNDLED)
    assert plan.id == "yushan-2023h2" and plan.calendar == "cn" and plan.lang == "zh"
    assert len(plan.tasks) >= 40


def test_empty_and_null_values_mean_absent_but_quoted_null_is_text(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: "null"
          owner:
          deadline: ~
          duration: 1
        """)
    a = plan.tasks[0]
    assert (a.name, a.owner, a.deadline) == ("null", None, None)
    with pytest.raises(PlanError) as info:
        plan_from(tmp_path / "x", "- id: b\n  name:\n  duration: 1\n")
    assert [d.code for d in info.value.diagnostics] == ["missing-key"]


def test_an_alias_of_a_single_value_is_refused_too(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        plan_from(tmp_path, """\
            - id: a
              name: A
              owner: &office 镇农办
              duration: 1
            - id: b
              name: B R&D
              owner: *office
              duration: 1
            """)
    (d,) = info.value.diagnostics
    assert d.code == "alias" and (d.location.line, d.location.col) == (13, 12)
    assert "'*office'" in d.message
    # an ampersand in text is no anchor
    assert plan_from(tmp_path / "ok", "- id: a\n  name: R&D 研发\n  duration: 1\n"
                     ).tasks[0].name == "R&D 研发"


def test_a_length_must_be_given_by_value(tmp_path: Path) -> None:
    for body in ("- id: a\n  name: A\n  milestone: false\n",
                 "- id: a\n  name: A\n  start: 2023-07-03\n  finish: ~\n"):
        with pytest.raises(PlanError) as err:
            load_plan(write_plan(tmp_path, body))
        (d,) = err.value.diagnostics
        assert d.code == "missing-key" and "has no duration" in d.message, body


@pytest.mark.parametrize(("subtasks", "expected"), [
    ("    tasks: []\n", [(8, 5, "empty", "task 's' has an empty 'tasks:' list")]),
    # every subtask wrong: their errors, and not one for the summary's duration
    ("    tasks:\n      - {id: x, name: X}\n", [(9, 9, "missing-key", "task 'x' has no duration")]),
])
def test_a_summary_without_subtasks_gets_one_error_that_says_so(
        tmp_path: Path, subtasks: str, expected: list[tuple[int, int, str, str]]) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("plan:\n  id: t\n  name: T\n  start: 2023-07-03\ntasks:\n  - id: s\n"
                    "    name: S\n" + subtasks, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    got = [(d.location.line, d.location.col, d.code, d.message) for d in info.value.diagnostics]
    assert got == expected


# -- the quick reader: the same plan, the same places -------------------------------------


def _same_plan(quick: object, full: object) -> None:
    assert isinstance(quick, Plan) and isinstance(full, Plan)
    assert quick == full and quick.location == full.location
    for a, b in zip(quick.tasks, full.tasks, strict=True):
        assert (a, dict(a.keys)) == (b, dict(b.keys)), a.id
        assert [k.location for k in a.after] == [k.location for k in b.after], a.id


def _quick(path: Path) -> object:
    from planner.planfiles.quickread import quick_plan
    from planner.planfiles.yamlreader import load_text

    text, display = load_text(path)
    return quick_plan(text, display, path)


QUICK_LAYOUTS = {
    "comments, quotes and a flow mapping": """
        - id: a   # the first
          name: "甲: 一"
          owner: '镇农办'
          tags: [x, "y z"]
          duration: 2w
          deadline: 2024-04
          budget: 1_000
          quantity: {total: 12.5, unit: 户}
        - id: s
          name: S#1
          tasks:
          - id: b
            name: B
            start: 2024-03-05
            finish: 2024-03-20
            after: [a, "a SS+2"]
          - id: m
            name: M
            milestone: true
            after: b FF-1
        - id: o
          name: O
          duration: 3
          estimate: [1, 2.5, 4d]
          distribution: triangular
          after: [m]
        - id: w
          name: W
          ongoing: true
          finish: 2024-09-30
    """,
    "a quantity target and assumed values": """
        - id: r
          name: 全年收入
          owner: 镇财政所
          target: true
          start: 2024-01-02
          finish: 2024-12
          quantity: {total: 10000000, unit: 元}
          assumed: [owner, start]
        - id: s
          name: S
          owner: 镇农办
          assumed: owner
          tasks:
          - id: b
            name: B
            duration: 5
            deadline: 2024-10
            assumed: [duration, deadline]
    """,
}


@pytest.mark.parametrize("layout", list(QUICK_LAYOUTS))
def test_the_quick_reader_gives_the_loaders_plan(tmp_path: Path, layout: str) -> None:
    path = write_plan(tmp_path, QUICK_LAYOUTS[layout])
    _same_plan(_quick(path), load_plan(path, quick=False))


@pytest.mark.parametrize("seed", range(12))
def test_the_quick_reader_reads_generated_and_written_plans(tmp_path: Path, seed: int) -> None:
    from planner.planfiles.planyaml import PlanText, plan_yaml
    from tests.exchange_plans import plan_text

    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(seed, size=50, calendar=("cn", "weekdays", "alldays")[seed % 3]),
                    encoding="utf-8")
    full = load_plan(path, quick=False)
    _same_plan(_quick(path), full)
    path.write_text(plan_yaml(full, PlanText(header=["written"])), encoding="utf-8")
    _same_plan(_quick(path), load_plan(path, quick=False))


def test_the_quick_reader_reads_the_bundled_plan() -> None:
    path = BUNDLED / "plan.yaml"
    _same_plan(_quick(path), load_plan(path, quick=False))


def test_the_quick_reader_reads_windows_line_ends(tmp_path: Path) -> None:
    path = write_plan(tmp_path, "  - id: a\n    name: A\n    duration: 1\n")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _same_plan(_quick(path), load_plan(path, quick=False))


@pytest.mark.parametrize("text", [
    "  - id: a\n    name: A\n    duration: 1\n    after: [b]\n",  # a rule fails
    "  - id: a\n    name: A\n    duration: x\n",  # a value does not parse
    "  - id: a\n    name: A\n    duration: 1\n    colour: red\n",  # an unknown key
    "  - id: a\n    name: A\n    duration: 1\n    after:\n      - b\n",  # a block list
    "  - id: a\n    name: >\n      A\n    duration: 1\n",  # a folded scalar
    "  - id: a\n    name: A\n    duration: 1\n    owner: ~\n",  # a null
    "  - id: a\n    name: A\n    duration: 1\n  - id: a\n    name: B\n    duration: 1\n",
    "  - id: a\n    name: 'it''s'\n    duration: 1\n",  # a doubled quote
    "  - id: a\n    name: \"a\\tb\"\n    duration: 1\n",  # an escape
    "  - id: a\n    name: a\x0bb\n    duration: 1\n",  # a control character
    "  - id: a\n    name: 甲\u2028乙\n    duration: 1\n",  # a line break YAML knows
    "  - id: a\n    name: A\n    duration: 1\n    deadline: 2024-02-30\n",  # not a date
    "  - id: a\n    name: A\n    duration: 1\n    tasks: []\n",  # no subtasks
])
def test_the_quick_reader_leaves_anything_else_to_the_loader(tmp_path: Path, text: str) -> None:
    path = write_plan(tmp_path, text)
    assert _quick(path) is None


@pytest.mark.property
@settings(max_examples=150, deadline=None)
@given(plans(deadlines=True))
def test_the_quick_reader_and_the_loader_agree_on_every_written_plan(plan: Plan) -> None:
    """Every generated plan, as the writer lays it out: read quickly, the loader's plan."""
    from planner.planfiles.planyaml import PlanText, plan_yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text(plan_yaml(plan, PlanText(header=["generated"])), encoding="utf-8")
        quick = _quick(path)
        assert quick is not None
        _same_plan(quick, load_plan(path, quick=False))
