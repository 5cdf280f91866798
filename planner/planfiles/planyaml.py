"""Writing plan.yaml, snapshots and checking them: the text a converter hands to the loader.

A plan that arrives from another program (MS Project XML, a spreadsheet) is written as
YAML in the layout of the bundled plans — header first, then the tasks, summaries with
their children indented under `tasks:` — and then read back by the loader itself before
anything is written to disk, so a converter can never leave a plan the tool cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from planner.domain.links import link_text
from planner.domain.model import ASSUMABLE, Plan, Task
from planner.domain.progress import REPORTED
from planner.domain.values import number_text

# Characters PyYAML refuses in a stream, and line breaks YAML would fold: escaped.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return '"' + _NON_PRINTABLE.sub(lambda m: _escape(m.group()), body) + '"'


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same text, else quoted.

    ``flow``: the scalar sits inside ``[...]`` or ``{...}``, where commas and brackets end it.
    """
    first_ok = _PLAIN_START.match(text) is not None or (
        text[:1] in "-?:" and len(text) > 1 and text[1] not in " \t")
    plain = (
        first_ok
        and text not in _NULLS
        and text == text.strip()
        and ": " not in text and " #" not in text and not text.endswith(":")
        and not _NON_PRINTABLE.search(text)
        and "\n" not in text and "\t" not in text and "\r" not in text
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else quoted(text)


def _flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _dates(days: Iterable[date]) -> str:
    return _flow_list(d.isoformat() for d in sorted(set(days)))


def _comment(line: str) -> str:
    """A YAML comment line holding ``line`` (line breaks and controls made visible)."""
    return _NON_PRINTABLE.sub(lambda m: _escape(m.group()), line.replace("\r", "")
                              .replace("\n", " ").replace("\t", " "))


@dataclass
class PlanText:
    """Options of the written plan.yaml."""

    header: Sequence[str] = ()  # comment lines at the top of the file
    comments: Mapping[str, Sequence[str]] = field(default_factory=dict)  # per task id


def plan_yaml(plan: Plan, options: PlanText | None = None) -> str:
    """The plan.yaml text of ``plan``: stable, readable, and loading back to the same plan.

    A task's `owner` is written when it differs from its summary's (the format's inheritance
    does the rest); `finish` tasks keep `start` and `finish`; durations are working days.
    """
    opts = options or PlanText()
    out: list[str] = [f"# {_comment(line)}" if line else "#" for line in opts.header]
    if out:
        out.append("")
    out += ["plan:", f"  id: {plan.id}", f"  name: {scalar(plan.name)}",
            f"  start: {plan.start.isoformat()}"]
    if plan.finish is not None:
        out.append(f"  finish: {plan.finish.isoformat()}")
    if plan.calendar != "weekdays":
        out.append(f"  calendar: {plan.calendar}")
    if plan.holidays:
        out.append(f"  holidays: {_dates(plan.holidays)}")
    if plan.workdays:
        out.append(f"  workdays: {_dates(plan.workdays)}")
    out.append(f"  lang: {plan.lang}")
    if plan.currency is not None:
        out.append(f"  currency: {scalar(plan.currency)}")
    out += ["", "tasks:"]
    by_id = {t.id: t for t in plan.tasks}
    for t in plan.tasks:
        if t.parent is None:
            _task_lines(t, by_id, opts.comments, 1, out)
    return "\n".join(out) + "\n"


def owner_is_written(t: Task, parent: Task | None) -> bool:
    """Whether ``t`` writes its `owner:`: not when it takes it from its summary, unless
    only it, not the summary, assumes it (the mark goes with a written owner)."""
    if t.owner is None:
        return False
    if parent is None or t.owner != parent.owner:
        return True
    return "owner" in t.assumed and "owner" not in parent.assumed


def written_assumed(t: Task, owner_written: bool) -> list[str]:
    """The `assumed:` keys ``t`` writes, in a fixed order: an owner taken from the summary
    is marked there, not here."""
    return [k for k in ASSUMABLE if k in t.assumed and (k != "owner" or owner_written)]


def _task_lines(t: Task, by_id: Mapping[str, Task], comments: Mapping[str, Sequence[str]],
                level: int, out: list[str]) -> None:
    pad = "    " * (level - 1) + "  "
    key = pad + "  "
    for line in comments.get(t.id, ()):
        out.append(f"{pad}# {_comment(line)}")
    out.append(f"{pad}- id: {t.id}")
    out.append(f"{key}name: {scalar(t.name)}")
    parent = by_id[t.parent] if t.parent is not None else None
    owner_written = owner_is_written(t, parent)
    if owner_written and t.owner is not None:
        out.append(f"{key}owner: {scalar(t.owner)}")
    if t.tags:
        out.append(f"{key}tags: {_flow_list(scalar(x, flow=True) for x in t.tags)}")
    if t.ongoing:
        out.append(f"{key}ongoing: true")
    if t.target:
        out.append(f"{key}target: true")
    if t.start is not None:
        out.append(f"{key}start: {t.start.isoformat()}")
    if t.finish is not None:
        out.append(f"{key}finish: {t.finish.isoformat()}")
    if not t.children and not t.spans_window:
        if t.is_milestone:
            out.append(f"{key}milestone: true")
        elif t.finish is None and t.duration is not None:
            out.append(f"{key}duration: {t.duration}")
    if t.after:
        entries = (scalar(link_text(x), flow=True) if " " not in link_text(x)
                   else quoted(link_text(x)) for x in t.after)
        out.append(f"{key}after: {_flow_list(entries)}")
    if t.estimate is not None:
        out.append(f"{key}estimate: {_flow_list(number_text(v) for v in t.estimate)}")
    if t.distribution is not None:
        out.append(f"{key}distribution: {t.distribution}")
    if t.deadline is not None:
        out.append(f"{key}deadline: {t.deadline.isoformat()}")
    if t.budget is not None:
        out.append(f"{key}budget: {number_text(t.budget)}")
    if t.quantity is not None:
        unit = f", unit: {scalar(t.quantity.unit, flow=True)}" if t.quantity.unit else ""
        out.append(f"{key}quantity: {{total: {number_text(t.quantity.total)}{unit}}}")
    if assumed := written_assumed(t, owner_written):
        out.append(f"{key}assumed: {_flow_list(assumed)}")
    if t.children:
        out.append(f"{key}tasks:")
        for child in t.children:
            _task_lines(by_id[child], by_id, comments, level + 1, out)


def task_text(t: Task, by_id: Mapping[str, Task], col: int,
              comments: Sequence[str] = ()) -> list[str]:
    """The lines of task ``t`` itself (not its subtasks, nor its `tasks:` key), its `- ` at
    column ``col``, as `plan_yaml` writes it: for a task added to an existing file."""
    out: list[str] = []
    _task_lines(replace(t, children=()), by_id, {t.id: comments}, 1, out)
    return [(" " * col + line[2:]) if col >= 2 else line[2 - col:] for line in out]


# -- snapshots ---------------------------------------------------------------------------------

SNAPSHOT_ORDER = REPORTED


def snapshot_yaml(plan_id: str, day: date, entries: Mapping[str, Mapping[str, object]],
                  header: Sequence[str] = (), illustrative: str | None = None) -> str:
    """A status snapshot: one flow mapping per task, keys in the format's order.

    ``illustrative``: the snapshot is sample data ("" says only that; a text says why)."""
    out = [f"# {_comment(line)}" if line else "#" for line in header]
    out += [f"plan: {plan_id}", f"date: {day.isoformat()}"]
    if illustrative is not None:
        out.append(f"illustrative: {scalar(illustrative) if illustrative else 'true'}")
    out.append("progress:" if entries else "progress: {}")
    for task_id, fields in entries.items():
        parts = []
        for k in SNAPSHOT_ORDER:
            v = fields.get(k)
            if v is None:
                continue
            if isinstance(v, date):
                text = v.isoformat()
            elif isinstance(v, bool):
                text = "true" if v else "false"
            elif isinstance(v, int | float):
                text = number_text(v)
            else:
                text = scalar(str(v), flow=True)
            parts.append(f"{k}: {text}")
        out.append(f"  {task_id}: {{{', '.join(parts)}}}")
    return "\n".join(out) + "\n"
