"""Portfolios made by hand for the tests of the portfolio's outputs: the records a review of
each plan gives (`PlanSummary`), written out, so each test knows every figure it checks.

`county()`: three plans at the data date 2023-11-07 — a township (illustrative, reviewed at
that date) whose sewage task waits on the county's subsidy transfer and runs the plan past its
period; the county departments' plan, whose latest snapshot is older (2023-10-31); a second
township with no snapshot at all. Owners carry markup and ampersands. `generated()`: many
plans of many tasks, for the size of the page.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.analysis.portfolio import (
    PlanRow,
    PlanSummary,
    Rollup,
    TaskLine,
    Value,
    Wait,
    Watch,
    short_name,
)

DAY = date(2023, 11, 7)
HOSTILE_OWNER = "<script>alert(1)</script>"
AMP_OWNER = "镇建设办 & 村委"
HOSTILE_TASK = "<img src=x onerror=alert(2)>道路"
YUSHAN = "玉山镇2023年下半年重点工作"
COUNTY = "县级部门2023年下半年重点工作"
SHUANGFENG = "双峰乡2023年下半年重点工作"


def line(id: str, name: str, owner: str | None, start: date, finish: date, *,
         parent: str | None = None, depth: int = 0, summary: bool = False,
         milestone: bool = False, baseline: date | None = None, state: str = "not-started",
         flags: tuple[str, ...] = (), deadline: date | None = None, margin: int | None = None,
         awaiting: bool = False, owner_assumed: bool = False,
         waits: tuple[str, ...] = ()) -> TaskLine:
    return TaskLine(id, name, owner, parent, depth, summary, milestone, start, finish,
                    start if baseline else None, baseline, state, flags, False, deadline,
                    margin, awaiting, owner_assumed, waits)


def watch(plan: str, t: TaskLine, probability: float | None = None) -> Watch:
    return Watch(plan, t.id, t.name, t.owner, t.deadline, t.finish, t.margin, t.milestone,
                 t.state, t.awaiting, t.owner_assumed, probability)


def row(plan: str, name: str, tasks: tuple[TaskLine, ...], data_date: date | None, *,
        group: str | None = None, illustrative: str | None = None, missed: int = 0,
        awaiting_units: int = 0, worst: tuple[int, str] | None = None,
        period_end: date | None = None, overrun: int = 0, driver: str | None = None,
        driver_assumed: bool = False, value: Value | None = None) -> PlanRow:
    work = [t for t in tasks if not t.summary]
    late_flags = {"missed-deadline", "will-miss-deadline", "not-started", "behind", "slipping"}
    return PlanRow(
        plan, name, group, f"plans/{plan}", "zh", short_name(name), illustrative, data_date,
        len(work),
        sum(t.state == "done" for t in work), sum(t.state == "in-progress" for t in work),
        sum(bool(set(t.flags) & late_flags) for t in work), sum(t.awaiting for t in work),
        awaiting_units, missed, worst[0] if worst else None, worst[1] if worst else None,
        min(t.start for t in tasks), max(t.finish for t in tasks), period_end, overrun,
        driver, driver_assumed, value, "CNY" if value else None)


def county(driver_assumed: bool = False, probabilities: bool = True) -> Rollup:
    """The three plans described above, reviewed at 2023-11-07."""
    d = date
    sewage = line("sewage", "月坑污水终端提升建设", "镇农办", d(2023, 8, 1), d(2023, 12, 22),
                  parent="water", depth=1, baseline=d(2023, 11, 30), state="in-progress",
                  flags=("will-miss-deadline", "held-back"), deadline=d(2023, 12, 15),
                  margin=-5, waits=("county:subsidy",))
    road = line("road", HOSTILE_TASK, HOSTILE_OWNER, d(2023, 9, 1), d(2023, 11, 30),
                parent="water", depth=1, baseline=d(2023, 11, 20), state="in-progress",
                flags=("behind",), awaiting=True)
    check = line("check", "污水终端验收", AMP_OWNER, d(2023, 12, 25), d(2023, 12, 25),
                 milestone=True, flags=("deadline-at-risk",), deadline=d(2023, 12, 29),
                 margin=4, owner_assumed=True)
    water = line("water", "污水治理", None, d(2023, 8, 1), d(2023, 12, 22), summary=True)
    y_tasks = (water, sewage, road, check)
    yushan = PlanSummary(
        row("yushan", YUSHAN, y_tasks, DAY, group="乡镇", illustrative="进展为虚构",
            missed=1, awaiting_units=1, worst=(15, "sewage"), period_end=d(2023, 12, 29),
            overrun=10, driver="sewage", driver_assumed=driver_assumed,
            value=Value(1_000_000, 500_000, 400_000, None, 0.8, None)),
        y_tasks,
        (watch("yushan", sewage, 0.12 if probabilities else None),
         watch("yushan", check, 0.7 if probabilities else None)),
        (Wait("yushan", "sewage", "county:subsidy", "county", "subsidy", "FS", 0,
              d(2023, 12, 1), "forecast", d(2023, 12, 4), True),))
    subsidy = line("subsidy", "县级补助资金拨付", "县财政局", d(2023, 9, 1), d(2023, 12, 1),
                   baseline=d(2023, 11, 15), state="in-progress", flags=("slipping",))
    upkeep = line("upkeep", "农村公路养护", "县交通局", d(2023, 7, 3), d(2023, 9, 29),
                  baseline=d(2023, 9, 29), state="done")
    c_tasks = (subsidy, upkeep)
    county_plan = PlanSummary(
        row("county", COUNTY, c_tasks, d(2023, 10, 31), group="县级部门", worst=(12, "subsidy"),
            period_end=d(2023, 12, 29)),
        c_tasks, (), ())
    town = line("town", "集镇改造", "县财政局", d(2023, 7, 3), d(2023, 12, 8),
                deadline=d(2023, 12, 20), margin=8)
    s_tasks = (town,)
    shuangfeng = PlanSummary(
        row("shuangfeng", SHUANGFENG, s_tasks, None, group="乡镇", period_end=d(2023, 12, 29)),
        s_tasks, (watch("shuangfeng", town),), ())
    return Rollup("磐安县2023年下半年重点工作", "zh", DAY, (yushan, county_plan, shuangfeng))


OWNERS = ("县财政局", "县交通局", "县治水办", "镇农办", "镇建设办", "镇宣传办", "村委")


def generated(plans: int, tasks: int) -> Rollup:
    """``plans`` plans of ``tasks`` tasks each (a summary every 10), with deadlines, flags
    and owners shared across plans; every plan but the first waits on the first."""
    start = date(2023, 7, 3)
    out = []
    for p in range(plans):
        pid = f"p{p}"
        lines = []
        for i in range(tasks):
            first = start + timedelta(days=(i * 3 + p) % 150)
            if i % 10 == 0:
                lines.append(line(f"s{i}", f"第{i // 10 + 1}组工作", None, first,
                                  first + timedelta(days=40), summary=True))
                continue
            late = (i + p) % 7 == 0
            lines.append(line(
                f"t{i}", f"第{p + 1}乡镇第{i}项任务", OWNERS[(i + p) % len(OWNERS)], first,
                first + timedelta(days=10 + i % 20), parent=f"s{i - i % 10}", depth=1,
                baseline=first + timedelta(days=8 + i % 20),
                state=("done", "in-progress", "not-started")[i % 3],
                flags=("slipping",) if late else (), milestone=i % 25 == 0,
                deadline=first + timedelta(days=30) if i % 15 == 0 else None,
                margin=(i % 11) - 3 if i % 15 == 0 else None))
        ts = tuple(lines)
        waits = () if p == 0 else (Wait(pid, "t1", "p0:t2", "p0", "t2", "FS", 0,
                                        start + timedelta(days=20), "forecast",
                                        start + timedelta(days=21), p % 2 == 0),)
        out.append(PlanSummary(
            row(pid, f"第{p + 1}乡镇2023年下半年重点工作", ts, DAY, overrun=p % 3,
                driver="t1", period_end=date(2023, 12, 29)),
            ts, tuple(watch(pid, t) for t in ts if t.deadline or t.milestone), waits))
    return Rollup("磐安县2023年下半年重点工作", "zh", DAY, tuple(out))
