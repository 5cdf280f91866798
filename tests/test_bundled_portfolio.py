"""The bundled county portfolio (plans/portfolio.yaml): what is invented says so, every
cross-plan link names a task of another plan of the portfolio, and the plans scheduled
together give the forecasts the example is written to show.

The joined network is built here by hand — every task id prefixed with its plan's id, every
`plan:task` link turned into a link inside one plan — so the dates below are those of the
one engine, worked out by hand in the comments, whatever reads the portfolio later.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from planner.analysis.tracking import TaskStatus, Tracking
from planner.project import Project

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
COUNTY, YUSHAN, JIANSHAN = "panan-county-2023h2", "yushan-2023h2", "jianshan-2023h2"
INVENTED = (COUNTY, JIANSHAN)
REVIEW = date(2023, 11, 7)
LINK = re.compile(r"^(?:(?P<plan>[a-z0-9_-]+):)?(?P<task>[A-Za-z0-9_.-]+)\s*(?P<rest>.*)$")


def read(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = YAML()
    out.default_flow_style = False
    out.allow_unicode = True
    with path.open("w", encoding="utf-8") as f:
        out.dump(data, f)


def tasks_of(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every task of a plan's task list, summaries and their children."""
    return [t for task in tasks for t in (task, *tasks_of(task.get("tasks", [])))]


def after_of(task: dict[str, Any]) -> list[str]:
    after = task.get("after") or []
    return [str(a) for a in (after if isinstance(after, list) else [after])]


def cross_links() -> set[tuple[str, str, str, str, str]]:
    """(plan, task, other plan, other task, type and lag) of every link to another plan."""
    found = set()
    for plan in (COUNTY, YUSHAN, JIANSHAN):
        for task in tasks_of(read(PLANS / plan / "plan.yaml")["tasks"]):
            for entry in after_of(task):
                m = LINK.match(entry)
                assert m, entry
                if m["plan"]:
                    found.add((plan, task["id"], m["plan"], m["task"], m["rest"]))
    return found


def test_the_portfolio_names_its_plans_in_groups() -> None:
    doc = read(PLANS / "portfolio.yaml")
    assert doc["portfolio"] == {"name": "磐安县2023年下半年重点工作（示例）", "lang": "zh"}
    assert [(p["path"], p["group"]) for p in doc["plans"]] == [
        (COUNTY, "县直部门"), (YUSHAN, "乡镇（街道）"), (JIANSHAN, "乡镇（街道）")]
    for entry in doc["plans"]:  # each path a plan folder whose plan has that id
        assert read(PLANS / entry["path"] / "plan.yaml")["plan"]["id"] == entry["path"]


def test_what_is_invented_says_so_at_its_top_and_in_its_data() -> None:
    for plan in INVENTED:
        folder = PLANS / plan
        header = read(folder / "plan.yaml")["plan"]
        assert "虚构" in header["illustrative"] and "（示例）" in header["name"]
        for path in [folder / "plan.yaml", *sorted((folder / "status").glob("*.yaml"))]:
            assert path.read_text("utf-8").startswith("# 示例数据(虚构)"), path
        for path in sorted((folder / "status").glob("*.yaml")):
            assert "虚构" in read(path)["illustrative"], path
    # 玉山镇's plan rests on its published source; only its H2 snapshots are invented
    assert "illustrative" not in read(PLANS / YUSHAN / "plan.yaml")["plan"]
    snapshots = {p.stem: read(p) for p in (PLANS / YUSHAN / "status").glob("*.yaml")}
    assert [d for d, s in sorted(snapshots.items()) if "illustrative" in s] == [
        "2023-09-30", "2023-11-07"]
    assert "真实与虚构" in (PLANS / "portfolio.yaml").read_text("utf-8").splitlines()[1]


def test_cross_plan_links_are_the_ones_the_example_describes() -> None:
    assert cross_links() == {
        (YUSHAN, "sewage-yuekeng", COUNTY, "sewage-subsidy", "FS+2"),
        (YUSHAN, "housing-renewal", COUNTY, "renewal-review", ""),
        (YUSHAN, "road-tender", COUNTY, "road-design-review", ""),
        (JIANSHAN, "js-sewage-build", COUNTY, "sewage-subsidy", "FS+2"),
        (JIANSHAN, "farmland-coord", COUNTY, "farmland-tender", ""),
        (JIANSHAN, "fengmao-build", COUNTY, "fengmao-review", ""),
        (COUNTY, "fengmao-review", JIANSHAN, "fengmao-design", ""),
    }
    ids = {p: {t["id"] for t in tasks_of(read(PLANS / p / "plan.yaml")["tasks"])}
           for p in (COUNTY, YUSHAN, JIANSHAN)}
    for _, _, other, task, rest in cross_links():
        assert task in ids[other] and not rest.upper().startswith(("FF", "SF"))


def test_the_townships_links_are_marked_as_assumptions() -> None:
    """Each of 玉山镇's links to the county is in `assumed` and explained by a # 假设 line."""
    text = (PLANS / YUSHAN / "plan.yaml").read_text("utf-8")
    tasks = {t["id"]: t for t in tasks_of(read(PLANS / YUSHAN / "plan.yaml")["tasks"])}
    for plan, task, other, _, _ in cross_links():
        if plan != YUSHAN:
            continue
        assert "after" in tasks[task]["assumed"]
        block = text.split(f"- id: {task}\n", 1)[1].split("- id: ", 1)[0]
        assert any(line.strip().startswith("# 假设") for line in block.splitlines())
        assert f"{other} 的" in block  # the comment names the plan the task waits on


def strip_links(data: dict[str, Any]) -> dict[str, Any]:
    """The plan as a loader of single plans reads it: no cross-plan links, no header key
    `illustrative` (which only the portfolio-aware loader knows)."""
    data["plan"].pop("illustrative", None)
    for task in tasks_of(data["tasks"]):
        kept = [a for a in after_of(task) if not (m := LINK.match(a)) or not m["plan"]]
        if kept:
            task["after"] = kept
        elif "after" in task:
            del task["after"]
            if "assumed" in task:
                task["assumed"] = [k for k in task["assumed"] if k != "after"]
    return data


@pytest.mark.parametrize("plan", [COUNTY, YUSHAN, JIANSHAN])
def test_each_plan_loads_alone_without_its_cross_plan_links(plan: str, tmp_path: Path) -> None:
    folder = tmp_path / plan
    write(folder / "plan.yaml", strip_links(read(PLANS / plan / "plan.yaml")))
    for snapshot in (PLANS / plan / "status").glob("*.yaml"):
        write(folder / "status" / snapshot.name, read(snapshot))
    project = Project.open(folder)
    assert project.snapshots and project.track(REVIEW).snapshot.date <= REVIEW


def joined(tmp_path: Path) -> Project:
    """The three plans as one, ids prefixed `plan.`; snapshots merged by data date."""
    summaries, progress = [], {}

    def own(plan: str, entry: str) -> str:
        m = LINK.match(entry)
        assert m
        return f"{m['plan'] or plan}.{m['task']} {m['rest']}".strip()

    for plan in (COUNTY, YUSHAN, JIANSHAN):
        data = read(PLANS / plan / "plan.yaml")
        for task in tasks_of(data["tasks"]):
            task["id"] = f"{plan}.{task['id']}"
            if "after" in task:
                task["after"] = [own(plan, a) for a in after_of(task)]
        summaries.append({"id": plan, "name": data["plan"]["name"], "tasks": data["tasks"]})
        for path in (PLANS / plan / "status").glob("*.yaml"):
            snap = read(path)
            day = progress.setdefault(str(snap["date"]), {})
            day.update({f"{plan}.{k}": v for k, v in (snap["progress"] or {}).items()})
    folder = tmp_path / "joined"
    write(folder / "plan.yaml", {
        "plan": {"id": "joined", "name": "joined", "start": "2023-07-01",
                 "finish": "2023-12-31", "calendar": "cn", "lang": "zh"},
        "tasks": summaries})
    for day, entries in progress.items():
        write(folder / "status" / f"{day}.yaml", {"plan": "joined", "date": day,
                                                  "progress": entries})
    return Project.open(folder)


def row(tracking: Tracking, plan: str, task: str) -> TaskStatus:
    return next(t for t in tracking.tasks if t.id == f"{plan}.{task}")


def flags(status: TaskStatus) -> dict[str, dict[str, object]]:
    return {f.name: dict(f.detail) for f in status.flags}


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Tracking:
    return joined(tmp_path_factory.mktemp("portfolio")).track(REVIEW)


def test_the_subsidy_transfer_waits_on_the_provincial_funds(review: Tracking) -> None:
    # prov-fund: `remaining: 8` from 11-08 -> 11-08 … 11-17 (Wed–Fri, Mon–Fri)
    assert row(review, COUNTY, "prov-fund").forecast.finish == date(2023, 11, 17)
    # sewage-subsidy, 10 working days after it: 11-20 … 12-01 (planned to finish 08-04)
    subsidy = row(review, COUNTY, "sewage-subsidy")
    assert (subsidy.forecast.start, subsidy.forecast.finish) == (date(2023, 11, 20),
                                                                 date(2023, 12, 1))
    assert subsidy.baseline is not None and subsidy.baseline.finish == date(2023, 8, 4)


def test_yuekeng_is_held_by_the_county_subsidy(review: Tracking, tmp_path: Path) -> None:
    yuekeng = row(review, YUSHAN, "sewage-yuekeng")
    # FS+2 after 12-01: 12-06; 15 % of 45 days done leaves ceil(38.25) = 39 working days:
    # 12-06 … 12-29 is 18 of them, 2024-01-02 … 01-30 the other 21
    assert yuekeng.forecast.finish == date(2024, 1, 30)
    assert flags(yuekeng)["held-back"]["name"] == "争取省级农村生活污水治理专项资金下达"
    # the county's transfer was planned before the terminal's planned start: the township's
    # baseline does not move
    assert yuekeng.baseline is not None and yuekeng.baseline.finish == date(2023, 10, 19)
    # reviewed alone, without the link, the same report resumes on 11-08: 2024-01-02
    alone = tmp_path / YUSHAN
    write(alone / "plan.yaml", strip_links(read(PLANS / YUSHAN / "plan.yaml")))
    for snapshot in (PLANS / YUSHAN / "status").glob("*.yaml"):
        write(alone / "status" / snapshot.name, read(snapshot))
    by_itself = Project.open(alone).track(REVIEW)
    assert next(t for t in by_itself.tasks if t.id == "sewage-yuekeng").forecast.finish \
        == date(2024, 1, 2)


def test_housing_renewal_waits_for_the_county_approval(review: Tracking) -> None:
    # renewal-review: `remaining: 14` from 11-08 -> 11-27; the township's 12 days: 11-28 … 12-13
    assert row(review, COUNTY, "renewal-review").forecast.finish == date(2023, 11, 27)
    housing = row(review, YUSHAN, "housing-renewal")
    assert housing.forecast.finish == date(2023, 12, 13)
    assert flags(housing)["held-back"]["name"] == "审查批复玉山镇珍溪、黄里等村旧村改造方案"
    # the link is FS on the whole task: its planned dates follow the approval planned for
    # 09-01 (60 working days from 09-04), not 07-03 … 09-22 as in the plan reviewed alone
    assert housing.baseline is not None and housing.baseline.finish == date(2023, 11, 30)


def test_jianshan_misses_its_deadline_through_the_county(review: Tracking) -> None:
    # FS+2 after 12-01: 12-06, then 40 working days: 18 in December, 22 in January 2024
    build = row(review, JIANSHAN, "js-sewage-build")
    assert build.forecast.finish == date(2024, 1, 31)
    assert {"will-miss-deadline", "waiting"} <= flags(build).keys()


def test_a_county_task_late_by_its_own_doing(review: Tracking) -> None:
    # started 10-30 (the tender failed once), 10 % of 50 days: 45 left from 11-08 —
    # 17 in November, 21 in December, 7 in January 2024
    build = row(review, COUNTY, "farmland-build")
    assert build.forecast.finish == date(2024, 1, 10)
    assert "will-miss-deadline" in flags(build)
    assert not {"held-back", "waiting"} & flags(build).keys()  # nothing holds it but itself


def test_the_road_link_is_met_and_moves_nothing(review: Tracking) -> None:
    tender = row(review, YUSHAN, "road-tender")
    assert tender.baseline is not None and tender.baseline.finish == date(2023, 7, 28)
    assert row(review, COUNTY, "road-design-review").actual_finish == date(2023, 6, 21)


def test_the_portfolio_gives_the_joined_networks_dates(review: Tracking) -> None:
    """`planner portfolio` schedules the plans one after another, each held to the dates of
    the tasks it waits on; the one network joined by hand above gives the same forecast for
    every task of 玉山镇 and of the county tasks it waits on (both reviewed at 11-07; 尖山镇's
    own snapshot is older, which the joined plan cannot show, so its tasks are left out)."""
    from planner.portfolio import Portfolio

    r = Portfolio.open(PLANS).review(REVIEW)
    checked = 0
    for plan in (YUSHAN, COUNTY):
        for t in r.plan(plan).tasks:
            if plan == COUNTY and t.id not in ("sewage-subsidy", "renewal-review",
                                               "road-design-review", "prov-fund"):
                continue
            want = row(review, plan, t.id).forecast
            assert (t.start, t.finish) == (want.start, want.finish), (plan, t.id)
            checked += 1
    assert checked > 40
