"""Generated plans for the exchange tests: every link type, lags and leads, milestones,
nested summaries, start constraints, deadlines, budgets and the Chinese calendar."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from planner.domain.model import Plan
from tests.conftest import write_plan as write_tasks

TYPES = ("FS", "SS", "FF", "SF")


def plan_text(seed: int, size: int = 40, calendar: str = "cn", summaries: bool = True,
              summary_links: bool = True, start: date = date(2023, 9, 1),
              start_links_from_summaries: bool = True) -> str:
    """A random but valid plan.yaml (links go back in file order, so no cycles).

    ``start_links_from_summaries``: allow SS and SF links from a summary task (MPXJ's
    scheduler counts them from a subtask picked before summary links are applied)."""
    rng = random.Random(seed)
    lines = [
        "plan:",
        f"  id: gen-{seed}",
        f"  name: 生成计划 {seed}",
        f"  start: {start.isoformat()}",
        f"  calendar: {calendar}",
        "  holidays: [2023-11-15]",
        "  workdays: [2023-11-18]",
        "  lang: zh",
        "  currency: CNY",
        "tasks:",
    ]
    ids: list[str] = []
    kinds: dict[str, str] = {}  # id -> leaf | summary
    ancestors: dict[str, tuple[str, ...]] = {}
    stack: list[tuple[str, int]] = []  # open summaries and their children so far

    def links_for(tid: str, chain: tuple[str, ...]) -> list[str]:
        out = []
        candidates = [c for c in ids if c not in chain and tid not in ancestors[c]
                      and (summary_links or kinds[c] == "leaf")]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            if not candidates:
                break
            pred = rng.choice(candidates[-12:])
            kind = rng.choice(TYPES)
            if kinds[pred] == "summary" and not start_links_from_summaries:
                kind = rng.choice(("FS", "FF"))
            lag = rng.choice((0, 0, 0, 1, 2, 5, -1, -2))
            text = pred if kind == "FS" and not lag else f"{pred} {kind}" + (
                f"{lag:+d}" if lag else "")
            if all(not e.startswith(pred + " ") and e != pred for e in out):
                out.append(text)
        return out

    for i in range(size):
        while stack and stack[-1][1] > 0 and rng.random() < 0.25:
            stack.pop()
        if stack:
            stack[-1] = (stack[-1][0], stack[-1][1] + 1)
        depth = len(stack)
        pad = "  " + "    " * depth
        key = pad + "  "
        tid = f"t{i}"
        chain = tuple(s for s, _ in stack)
        ancestors[tid] = chain
        make_summary = summaries and depth < 3 and i < size - 2 and rng.random() < 0.15
        lines.append(f"{pad}- id: {tid}")
        lines.append(f"{key}name: 任务 {i}")
        if rng.random() < 0.5:
            lines.append(f"{key}owner: 单位{rng.randint(1, 4)}")
        if rng.random() < 0.15:
            lines.append(f"{key}start: {(start + timedelta(days=rng.randint(0, 40))).isoformat()}")
        if make_summary:
            links = links_for(tid, chain) if summary_links and rng.random() < 0.4 else []
            if links:
                lines.append(f"{key}after: [{', '.join(_q(x) for x in links)}]")
            if rng.random() < 0.2:
                day = start + timedelta(days=rng.randint(30, 200))
                lines.append(f"{key}deadline: {day.isoformat()}")
            kinds[tid] = "summary"
            ids.append(tid)
            stack.append((tid, 0))
            lines.append(f"{key}tasks:")
            # the next task is its first child
            continue
        kinds[tid] = "leaf"
        if rng.random() < 0.2:
            lines.append(f"{key}milestone: true")
        else:
            lines.append(f"{key}duration: {rng.randint(1, 12)}")
            if rng.random() < 0.2:
                lines.append(f"{key}budget: {rng.randint(1, 90) * 1000}")
        links = links_for(tid, chain)
        if links:
            lines.append(f"{key}after: [{', '.join(_q(x) for x in links)}]")
        if rng.random() < 0.2:
            day = start + timedelta(days=rng.randint(20, 200))
            lines.append(f"{key}deadline: {day.isoformat()}")
        ids.append(tid)
    return "\n".join(lines) + "\n"


def _q(entry: str) -> str:
    return f'"{entry}"' if " " in entry else entry


def write_plan(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def essence(plan: Plan) -> tuple[object, ...]:
    """What makes two plans the same plan, whatever file they were read from."""
    tasks = tuple((
        t.id, t.name, t.owner, t.tags,
        None if t.is_milestone or t.is_summary else t.duration,
        t.start, t.finish, t.is_milestone, t.ongoing, t.target, t.assumed,
        tuple((x.task, x.type, x.lag) for x in t.after),
        t.estimate, t.distribution, t.deadline, t.budget,
        (t.quantity.total, t.quantity.unit) if t.quantity else None,
        t.parent, t.children, t.depth,
    ) for t in plan.tasks)
    return (plan.id, plan.name, plan.start, plan.finish, plan.calendar,
            frozenset(plan.holidays), frozenset(plan.workdays), plan.lang, plan.currency,
            tasks)


# -- hand-made plans for the exchange tests --------------------------------------------------
#
# What an export must carry besides links: constraints, milestones, ongoing work, quantity
# targets, progress, and names longer than MS Project XML allows (512 characters).

LONG = "长" * 600
HAND_MADE = {
    "constraints and milestones": """\
        - id: s
          name: 专班
          start: 2023-07-10
          tasks:
            - {id: a, name: 组建, duration: 3, start: 2023-07-12, owner: 镇农办}
            - {id: m, name: 组建完成, milestone: true, after: [a], deadline: 2023-07-31}
        - {id: b, name: 建设, duration: 5, after: ["m SS+2"], start: 2023-07-20}
        """,
    "ongoing work and targets": """\
        - {id: o, name: 招商引资, ongoing: true, start: 2023-07-03, finish: 2023-12-29}
        - id: t
          name: 销售额
          target: true
          start: 2023-07-03
          finish: 2023-07-28
          quantity: {total: 200, unit: 万元}
        - {id: w, name: 宣传, duration: 4, owner: 镇宣传办, budget: 1.5}
        """,
    "long names": f"""\
        - id: s
          name: {LONG}
          tasks:
            - {{id: a, name: {LONG}甲, duration: 3, owner: {LONG}乙, start: 2023-07-05}}
            - {{id: b, name: 短, duration: 2, after: [a], owner: {LONG}乙}}
        """,
}
STATUS = {  # progress on 2023-07-31: started, finished, reached, and done of a target
    "constraints and milestones": ("  a: {started: 2023-07-12, finished: 2023-07-14}\n"
                                   "  m: {started: 2023-07-14, finished: 2023-07-14}\n"
                                   "  b: {started: 2023-07-24}\n"),
    "ongoing work and targets": ("  o: {started: 2023-07-03}\n"
                                 "  t: {started: 2023-07-03, done: 120}\n"
                                 "  w: {started: 2023-07-05, percent: 50, spent: 0.5}\n"),
}
HEADER = ("plan:\n  id: hand\n  name: {name}\n  start: 2023-07-03\n  finish: 2023-12-31\n"
          "  calendar: cn\n  lang: zh\n  currency: {currency}\n")


def hand_made(folder: Path, kind: str) -> Path:
    """The plan folder of HAND_MADE[kind], with its progress of 2023-07-31 where it has one;
    the plan of long names has a long name and a currency symbol of 24 characters too."""
    long = kind == "long names"
    header = HEADER.format(name=LONG if long else "手工计划",
                           currency="人民币元" * 6 if long else "CNY")
    write_tasks(folder, HAND_MADE[kind], header)
    if kind in STATUS:
        (folder / "status").mkdir()
        (folder / "status" / "2023-07-31.yaml").write_text(
            f"plan: hand\ndate: 2023-07-31\nprogress:\n{STATUS[kind]}", encoding="utf-8")
    return folder
