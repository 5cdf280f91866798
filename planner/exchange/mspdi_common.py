"""What the MS Project XML (MSPDI) reader and writer share: the namespace, the working
day, link codes, the custom fields that carry what MSPDI has no element for, and the
conversions both directions use."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from planner.domain.model import LinkType
from planner.engine.schedule import earliest_starts

if TYPE_CHECKING:
    from planner.domain.calendar import Calendar
    from planner.domain.model import Plan

NS = "http://schemas.microsoft.com/project"
MINUTES_PER_DAY = 480  # an 8-hour working day: 08:00-12:00 and 13:00-17:00
DAY_START, DAY_FINISH = "08:00:00", "17:00:00"
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
# PredecessorLink Type in MSPDI
LINK_CODE = {LinkType.FF: 0, LinkType.FS: 1, LinkType.SF: 2, LinkType.SS: 3}
LINK_OF_CODE = {v: k for k, v in LINK_CODE.items()}
LAG_DAYS = 7  # LagFormat / DurationFormat: days
START_NO_EARLIER_THAN = 4

# Custom task fields (MS Project field ids) that carry what MSPDI has no element for.
# Each is declared in <ExtendedAttributes> with an alias naming it in both languages.
FIELD_ID = {"Text1": 188743731, "Text2": 188743734, "Text3": 188743737,
            "Text4": 188743740, "Text5": 188743743, "Text6": 188743746,
            "Text7": 188743747, "Text8": 188743748, "Text9": 188743749,
            "Flag1": 188743752, "Flag2": 188743753,
            "Date1": 188743945, "Date2": 188743946,
            "Number1": 188743767}
FIELDS = {  # what -> (field, alias)
    "id": ("Text1", "编号 id"),
    "owner": ("Text2", "责任单位 owner"),
    "tags": ("Text3", "标签 tags"),
    "quantity": ("Text4", "数量 quantity"),
    "estimate": ("Text5", "三点估算 estimate"),
    "ongoing": ("Flag1", "持续推进 ongoing"),
    "target": ("Flag2", "指标任务 target"),
    "assumed": ("Text7", "假设 assumed"),  # the assumed keys, separated by commas
    "finish": ("Date1", "计划完成 planned finish"),
    "start": ("Date2", "计划开始 start as written"),
    "planned": ("Number1", "计划工期 planned working days"),
    "lang": ("Text6", "语言 language"),  # on the project summary task, with the plan's id
    # a name longer than MSPDI allows (MAX_NAME), whole; its Name element is shortened
    "name": ("Text8", "全称 full name"),
    # the links to tasks of other plans (`plan-id:task-id`): no task of this file to point
    # at, so they travel as text (their dates hold the task's start constraint instead)
    "waits": ("Text9", "跨计划前置 links to other plans"),
}
FIELD_OF_ID = {FIELD_ID[f]: what for what, (f, _) in FIELDS.items()}

# The schema's longest names: of tasks, resources, calendars and the project's title, and of
# the project's file name (its Name element); a longer one makes the file invalid.
MAX_NAME = 512
MAX_FILE_NAME = 255
MAX_CURRENCY_SYMBOL = 20


def shortened(text: str, limit: int = MAX_NAME) -> str:
    """``text`` as an MSPDI name element may hold it: cut to ``limit`` characters with an
    ellipsis where it is longer (the whole text travels in the "name" field)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


# Every task custom field a user may map to one of ours (`planner import --field
# owner=Text3`): MS Project's field ids, 0x0B400000 plus the field's index in its files.
_BASE = 0x0B400000
_INDEX = {
    "Text": (51, 54, 57, 60, 63, 66, 67, 68, 69, 70, *range(317, 337)),
    "Number": (87, 88, 89, 90, 91, *range(302, 317)),
    "Flag": (*range(72, 82), *range(292, 302)),
    "Date": tuple(range(265, 275)),
}
CUSTOM_FIELD_ID = {f"{kind}{n}": _BASE + index for kind, indexes in _INDEX.items()
                   for n, index in enumerate(indexes, start=1)}
# The names Chinese MS Project shows for them (文本3 is Text3).
CUSTOM_KIND_ZH = {"文本": "Text", "数字": "Number", "标志": "Flag", "日期": "Date"}
# Which of ours a user's field may carry, and of which kinds (the plan format's type).
MAPPABLE = {"id": ("Text",), "owner": ("Text",), "tags": ("Text",),
            "quantity": ("Text", "Number")}

# How the project's notes mark sample progress (a snapshot declared `illustrative:`).
SAMPLE_MARK = ("【示例数据】", "[ILLUSTRATIVE DATA]")


def amount(text: str | None) -> float | None:
    """An MSPDI amount (hundredths) in the currency; None when absent or unreadable."""
    value = real(text)
    return None if value is None else number_back(value / 100)


def number_back(value: float) -> float:
    """Undo the float noise of a division: 0.5 * 100 / 100 is 0.5 again."""
    return float(repr(round(value, 6)))


def start_constraints(plan: Plan, cal: Calendar) -> list[date | None]:
    """The start-no-earlier-than date MS Project needs per task, None where it needs none.

    The plan's rules are wider than one task's `start:`: a summary's `start` holds its
    children, and nothing starts before the plan start, not even through a lead. MS Project
    (like MPXJ's scheduler) applies a summary's constraint to nobody and lets a lead pull a
    task before the project start, so every task gets the bound that holds it: its own or
    its summaries' latest `start`, or — when links could pull it earlier — the plan start,
    as the working day it falls on. The `start:` as written travels in a custom field."""
    lb = earliest_starts(plan, cal)
    linked: dict[str, bool] = {}
    explicit: dict[str, bool] = {}
    out: list[date | None] = []
    for i, t in enumerate(plan.tasks):
        up = t.parent
        linked[t.id] = bool(t.after) or (up is not None and linked[up])
        explicit[t.id] = t.start is not None or (up is not None and explicit[up])
        if explicit[t.id] or (linked[t.id] and not t.is_summary):
            out.append(t.start if t.is_summary and t.start is not None else
                       cal.date_of(lb[i]))
        else:
            out.append(None)
    return out


def real(text: str | None) -> float | None:
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None
