"""Merging an edited plan into plan.yaml: the changes go in, every other byte of the file stays.

A plan table re-imported over its plan (`planner import 计划.xlsx --force`) is the plan as
the table sees it; the file is the planners' own, with its comments (the 原文 and 假设 lines
the meeting reviews), key order, quoting and layout. So the file is edited, not rewritten:

- tasks are moved, removed and added in the file's lines (a task's lines are its own
  comments above it, its keys and its subtasks); a new task is written as `plan_yaml`
  writes one, at its siblings' indentation, after the task the table puts before it;
- the fields that changed are then set by ruamel.yaml's round trip (the status files'
  conventions: `statusfile`) of each changed task's own lines — of the whole file where
  its layout needs it — which keeps every comment it does not have to drop.

A removed task takes its own comment lines with it, and only those: the lines inside its
block, and the comment lines directly above it — unless they head the tasks that follow
(set off by a blank line, followed by a task that stays and has no comment of its own).
The comments that went are returned, task by task, for the caller to list.
"""

from __future__ import annotations

import difflib
import io
import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.domain.links import link_text
from planner.domain.model import ASSUMABLE, Plan, Task
from planner.domain.values import number_text
from planner.planfiles.planyaml import _comment as comment_line
from planner.planfiles.planyaml import scalar, task_text, written_assumed
from planner.planfiles.statusfile import _yaml

# The order plan_yaml writes a task's keys in: a key the merge adds goes to its place.
TASK_ORDER = ("id", "name", "owner", "tags", "ongoing", "target", "start", "finish",
              "milestone", "duration", "after", "estimate", "distribution", "deadline",
              "budget", "quantity", "assumed", "tasks")
HEADER_ORDER = ("id", "name", "start", "finish", "calendar", "holidays", "workdays", "lang",
                "currency")
# The table columns that say how long a task is: any of them changed, all their keys are set.
LENGTH = frozenset({"duration", "finish", "ongoing", "target"})
ALL = frozenset({"name", "owner", "start", "duration", "finish", "after", "deadline", "budget",
                 "quantity", "unit", "tags", "ongoing", "estimate", "target", "assumed"})


class MergeRefused(Exception):
    """The file's layout is one the merge does not edit line by line: ``reason`` is one of
    REASONS, ``task`` the task it is about."""

    def __init__(self, reason: str, task: str | None = None) -> None:
        super().__init__(f"{reason}: {task}" if task else reason)
        self.reason = reason
        self.task = task


# unplaced: a task without its place in the file; dash: a task whose `- ` is not on the line of
# its first key; order: tasks not written one after another; subtasks: subtasks not a list
# under `tasks:`; list: the tasks not a list under a `tasks:` line of its own
REASONS = ("unplaced", "dash", "order", "subtasks", "list")


@dataclass(frozen=True)
class Merged:
    """plan.yaml with the changes merged in, and the comment lines that went with them."""

    text: str
    dropped: Mapping[str, tuple[str, ...]]  # task id -> its comment lines no longer in the file


# -- lines -----------------------------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def line_comment(line: str) -> str | None:
    """The comment on ``line`` (a whole comment line, or the `# …` after a value), or None."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "'\"" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i:].rstrip("\r\n")
    return None


def _shift(lines: Sequence[str], delta: int) -> list[str]:
    if delta == 0:
        return list(lines)
    if delta > 0:
        return [(" " * delta + x) if not _blank(x) else x for x in lines]
    return [x[min(-delta, _indent(x)):] for x in lines]


# -- the file as a tree of tasks -----------------------------------------------------------


@dataclass
class _Node:
    """One task's lines: the comments above it it owns, its own lines (up to and with its
    `tasks:` key), its subtasks with the lines between them, and its lines after them."""

    id: str
    col: int  # column of its `- ` (of the column it is written at, for a new task)
    key_col: int
    lead: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    seq: list[_Node | list[str]] | None = None  # subtasks and the lines between them
    tail: list[str] = field(default_factory=list)
    delta: int = 0  # columns it moves right (left when negative) when written
    new: bool = False

    def children(self) -> list[_Node]:
        return [x for x in self.seq or () if isinstance(x, _Node)]

    def lines(self, outer: int = 0) -> list[str]:
        """Its lines as they are written, ``outer`` columns moved already by its summary."""
        shift = outer if self.new else self.delta
        out = _shift(self.lead + self.head, shift)
        for item in self.seq or ():
            out += item.lines(shift) if isinstance(item, _Node) else _shift(item, shift)
        return out + _shift(self.tail, shift)

    def own_comments(self) -> list[str]:
        """Its comment lines, not its subtasks': whole lines and those after a value."""
        lines = self.lead + self.head + self.tail + [
            x for item in self.seq or () if not isinstance(item, _Node) for x in item]
        return [c.strip() for c in map(line_comment, lines) if c]


@dataclass
class _Doc:
    prefix: list[str]  # up to and with the top-level `tasks:` line
    top: _Node  # a pseudo-task holding the top-level tasks in its seq
    suffix: list[str]

    def text(self) -> str:
        return "".join(self.prefix + self.top.lines() + self.suffix)


class _Builder:
    """The tree of a plan.yaml's lines, from where the loader read each task (no second
    parse of the file: a 10,000-task plan is cut into tasks in a fraction of a second)."""

    def __init__(self, lines: list[str], plan: Plan, staying: Collection[str]) -> None:
        self.lines = lines
        self.plan = plan
        self.staying = staying  # tasks that neither go nor move: their headings stay theirs
        self.nodes: dict[str, _Node] = {}

    def place(self, task: Task) -> tuple[int, int, int]:
        """The line of a task's `- `, the column of the `-` and of its first key."""
        line, key_col = task.location.line - 1, task.location.col - 1
        if not 0 <= line < len(self.lines) or task.location.file == "":
            raise MergeRefused("unplaced", task.id)
        text = self.lines[line]
        dash = _indent(text)
        if text[dash:key_col].strip() != "-":
            raise MergeRefused("dash", task.id)
        return line, dash, key_col

    def seq(self, ids: Sequence[str], start: int, stop: int, holder: _Node) -> int:
        """Fill ``holder.seq`` with the tasks ``ids`` written from line ``start`` (before
        ``stop``); returns the line after the last task's block."""
        spans = [self.place(self.plan.task(tid)) for tid in ids]
        if any(b[0] <= a[0] for a, b in itertools.pairwise(spans)):
            raise MergeRefused("order", ids[0])
        holder.seq = []
        cursor = start
        ends = [self.block_end(line, dash, stop) for line, dash, _ in spans]
        for k, (line, dash, key_col) in enumerate(spans):
            run = line
            while run - 1 >= cursor and _is_comment(self.lines[run - 1]) and \
                    _indent(self.lines[run - 1]) <= dash:
                run -= 1
            set_off = run == start or _blank(self.lines[run - 1])
            after = spans[k + 1] if k + 1 < len(spans) else None
            heads_next = set_off and run < line and after is not None and \
                ids[k + 1] in self.staying and not self.has_run(after[0], after[1])
            lead = line if heads_next else run
            holder.seq.append(self.lines[cursor:lead])
            node = self.node(self.plan.task(ids[k]), line, dash, key_col, ends[k])
            node.lead = self.lines[lead:line]
            holder.seq.append(node)
            cursor = ends[k]
        return cursor

    def has_run(self, line: int, dash: int) -> bool:
        return line > 0 and _is_comment(self.lines[line - 1]) and \
            _indent(self.lines[line - 1]) <= dash

    def block_end(self, line: int, dash: int, stop: int) -> int:
        j = line + 1
        while j < stop:
            text = self.lines[j]
            if not _blank(text) and not _is_comment(text) and _indent(text) <= dash:
                break
            j += 1
        while j > line + 1 and (_blank(self.lines[j - 1]) or (
                _is_comment(self.lines[j - 1]) and _indent(self.lines[j - 1]) <= dash)):
            j -= 1
        return j

    def node(self, task: Task, line: int, dash: int, key_col: int, end: int) -> _Node:
        node = _Node(task.id, dash, key_col)
        self.nodes[node.id] = node
        if task.children:
            tasks_line = self.key_line(task, line, key_col)
            node.head = self.lines[line:tasks_line + 1]
            last = self.seq(task.children, tasks_line + 1, end, node)
            node.tail = self.lines[last:end]
        else:
            node.head = self.lines[line:end]
        return node

    def key_line(self, task: Task, line: int, key_col: int) -> int:
        """The line of a summary's `tasks:` key: above its first subtask."""
        first = task.keys["tasks"][0] - 1 if "tasks" in task.keys else -1
        for j in range(first - 1, line, -1):
            text = self.lines[j]
            if _indent(text) == key_col and text.split("#")[0].strip() == "tasks:":
                return j
        raise MergeRefused("subtasks", task.id)


def _tree(lines: list[str], plan: Plan, staying: Collection[str],
          ) -> tuple[_Doc, dict[str, _Node]]:
    tops = [t.id for t in plan.tasks if t.parent is None]
    builder = _Builder(lines, plan, staying)
    first = builder.place(plan.task(tops[0]))[0]
    tasks_line = next((j for j in range(first - 1, -1, -1) if not lines[j].startswith(" ")
                       and lines[j].split("#")[0].strip() == "tasks:"), None)
    if tasks_line is None:
        raise MergeRefused("list")
    end = next((j for j in range(first, len(lines)) if lines[j][:1] not in " -#\n\r"
                and lines[j].strip()), len(lines))  # a key after the tasks ends them
    while end > first and end < len(lines) and _is_comment(lines[end - 1]) and \
            _indent(lines[end - 1]) == 0:
        end -= 1
    top = _Node("", -2, 0)
    last = builder.seq(tops, tasks_line + 1, end, top)
    top.tail = lines[last:end]
    return _Doc(lines[:tasks_line + 1], top, lines[end:]), builder.nodes


# -- structure: moved, removed, added tasks --------------------------------------------------


def moved_tasks(old: Plan, new: Plan) -> set[str]:
    """Tasks of both plans that have another summary, or another place among their
    siblings (the fewest: those outside the longest run of siblings kept in order)."""
    moved = {t.id for t in new.tasks if t.id in old.index and old.task(t.id).parent != t.parent}
    parents = [None, *(t.id for t in new.tasks if t.children)]
    for p in parents:
        kids_new = [t.id for t in new.tasks if t.parent == p and t.id in old.index
                    and t.id not in moved]
        kids_old = [t.id for t in old.tasks if t.parent == p and t.id in set(kids_new)]
        matcher = difflib.SequenceMatcher(None, kids_old, kids_new, autojunk=False)
        kept = {x for b in matcher.get_matching_blocks() for x in kids_new[b.b:b.b + b.size]}
        moved |= set(kids_new) - kept
    return moved


def _separated(seq: Sequence[_Node | list[str]]) -> bool:
    """Whether the tasks of a list are set off from each other by blank lines."""
    gaps = [item for k, item in enumerate(seq) if not isinstance(item, _Node) and k > 0
            and k + 1 < len(seq)]
    return bool(gaps) and all(g and _blank(g[0]) for g in gaps)


def _remove(seq: list[_Node | list[str]], node: _Node) -> None:
    """Take ``node`` out of ``seq``; the lines around it join without a double blank line."""
    k = seq.index(node)
    before = seq[k - 1]  # the list starts with the lines before its first task
    after = seq[k + 1] if k + 1 < len(seq) else None
    assert isinstance(before, list)
    del seq[k]
    if isinstance(after, list):
        if before and (_blank(before[-1]) or _is_comment(before[-1])):
            while after and _blank(after[0]):  # one blank line (or a heading) is enough
                del after[0]
        seq[k - 1:k + 1] = [before + after]
    elif k > 1:  # it was the last task: the blank line that set it off goes too
        while before and _blank(before[-1]):
            del before[-1]


def _insert(holder: _Node, node: _Node, after: _Node | None) -> None:
    """Put ``node`` into ``holder``'s subtasks: after ``after``, or first (before the lines
    that open the list: a heading there stays over the tasks it headed)."""
    seq = holder.seq
    assert seq is not None
    sep: list[str] = ["\n"] if _separated(seq) else []
    if after is not None:
        k = seq.index(after)
        seq[k + 1:k + 1] = [sep, node]
    elif len(seq) <= 1:  # no subtasks (yet): the list is this task
        seq[:] = [seq[0] if seq else [], node]
    else:
        first = seq[0]
        assert isinstance(first, list)
        seq[0:1] = [[], node, (sep if not (first and _blank(first[0])) else []) + first]


def _structure(doc: _Doc, nodes: dict[str, _Node], old: Plan, new: Plan, moved: set[str],
               notes: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Move, remove and add tasks in ``doc`` as ``new`` has them; returns the comments the
    removed tasks took with them."""
    parent_of: dict[str, _Node] = {}

    def walk(holder: _Node) -> None:
        for child in holder.children():
            parent_of[child.id] = holder
            walk(child)

    walk(doc.top)
    removed = [t.id for t in old.tasks if t.id not in new.index]
    dropped: dict[str, tuple[str, ...]] = {}
    for tid in [*moved, *removed]:
        node = nodes[tid]
        holder = parent_of[tid]
        if holder.seq is not None and node in holder.seq:
            _remove(holder.seq, node)
    for tid in removed:
        comments = nodes[tid].own_comments()
        if comments:
            dropped[tid] = tuple(comments)
    by_id = {t.id: t for t in new.tasks}
    for tid, lines in notes.items():  # the table's notes: comments, as a new plan has them
        if tid in nodes and tid in by_id:
            node = nodes[tid]
            have = {c.strip() for c in node.own_comments()}
            add = [x for x in lines if f"# {comment_line(x)}".strip() not in have]
            if add:
                at = len(node.head) - (1 if node.seq is not None else 0)
                node.head[at:at] = [" " * node.key_col + f"# {comment_line(x)}\n" for x in add]
    top_col = next((c.col for c in doc.top.children()), 2)

    def place(holder: _Node, child_col: int, parent: str | None, shift: int) -> None:
        """Put ``parent``'s subtasks into ``holder``: ``child_col`` is their column in the
        holder's lines as read, which move ``shift`` columns when written."""
        previous: _Node | None = None
        for tid in (new.task(parent).children if parent else
                    [t.id for t in new.tasks if t.parent is None]):
            task = by_id[tid]
            if tid in nodes:
                node = nodes[tid]
                node.delta = child_col + shift - node.col if tid in moved else shift
                if tid in moved:
                    _insert(holder, node, previous)
            else:
                node = _new_node(task, by_id, child_col, notes.get(tid, ()))
                _insert(holder, node, previous)
            previous = node
            if task.children:
                if node.seq is None:  # a task that was not a summary becomes one
                    node.head.append(" " * node.key_col + "tasks:\n")
                    node.seq = []
                kids = node.children()
                col = kids[0].col if kids and not kids[0].new else node.key_col + 2
                place(node, col, tid, shift if node.new else node.delta)
            elif node.seq is not None:  # its last subtask went: no `tasks:` left
                loose = [x for item in node.seq if isinstance(item, list) for x in item
                         if not _blank(x)]
                said = line_comment(node.head[-1])
                if said:
                    dropped[tid] = (*dropped.get(tid, ()), said.strip())
                node.head = node.head[:-1] + loose
                node.seq = None

    place(doc.top, top_col, None, 0)
    return dropped


def _new_node(task: Task, by_id: Mapping[str, Task], col: int, notes: Sequence[str]) -> _Node:
    node = _Node(task.id, col, col + 2, new=True)
    node.head = [x + "\n" for x in task_text(task, by_id, col, notes)]
    if task.children:
        node.head.append(" " * (col + 2) + "tasks:\n")
        node.seq = []
    return node


# -- fields ----------------------------------------------------------------------------------


def _plain(text: str, flow: bool = False) -> object:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return text if scalar(text, flow) == text else DoubleQuotedScalarString(text)


def _number(v: float) -> object:
    return int(v) if float(v).is_integer() else float(number_text(v))


def _flow(items: Sequence[object]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _links(task: Task) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return _flow([DoubleQuotedScalarString(link_text(x)) if " " in link_text(x)
                  else _plain(link_text(x), flow=True) for x in task.after])


def _quantity(task: Task, entry: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    assert task.quantity is not None
    old = entry.get("quantity")
    q: Any = old if isinstance(old, dict) else CommentedMap()
    if not isinstance(old, dict):
        q.fa.set_flow_style()
    q["total"] = _number(task.quantity.total)
    if task.quantity.unit:
        q["unit"] = _plain(task.quantity.unit, flow=True)
    elif "unit" in q:
        del q["unit"]
    return q


def _task_values(task: Task, columns: frozenset[str], carried: Collection[str], entry: Any,
                 ) -> dict[str, object]:
    """The keys of ``task`` the changed ``columns`` set (None: the key goes), of the
    ``carried`` columns."""
    out: dict[str, object] = {}
    if "name" in columns:
        out["name"] = _plain(task.name)
    if "start" in columns:
        out["start"] = task.start
    if columns & LENGTH:  # the keys of the columns the table has (a key it has not: kept)
        if "ongoing" in carried:
            out["ongoing"] = True if task.ongoing else None
        if "target" in carried:
            out["target"] = True if task.target else None
        if "finish" in carried:
            out["finish"] = task.finish
        if "duration" in carried:
            out["milestone"] = True if task.milestone and not task.children else None
            out["duration"] = task.duration if not task.milestone else None
            if "duration" in entry and entry["duration"] in (0, "0") and task.is_milestone:
                out["milestone"], out["duration"] = None, 0  # written as duration: 0
    if "after" in columns:
        out["after"] = _links(task) if task.after else None
    if "deadline" in columns:
        out["deadline"] = task.deadline
    if "budget" in columns:
        out["budget"] = None if task.budget is None else _number(task.budget)
    if columns & {"quantity", "unit"}:
        out["quantity"] = None if task.quantity is None else _quantity(task, entry)
    if "tags" in columns:
        out["tags"] = _flow([_plain(x, flow=True) for x in task.tags]) if task.tags else None
    if "estimate" in columns:
        out["estimate"] = None if task.estimate is None else \
            _flow([_number(v) for v in task.estimate])
        out["distribution"] = task.distribution
    return out


def _header_values(plan: Plan, keys: Collection[str]) -> dict[str, object]:
    values: dict[str, object] = {
        "name": _plain(plan.name), "start": plan.start, "finish": plan.finish,
        "calendar": plan.calendar, "lang": plan.lang,
        "currency": None if plan.currency is None else _plain(plan.currency),
        "holidays": _flow(sorted(set(plan.holidays))) if plan.holidays else None,
        "workdays": _flow(sorted(set(plan.workdays))) if plan.workdays else None}
    return {k: v for k, v in values.items() if k in keys}


def _same(a: object, b: object) -> bool:
    """Whether ``a`` as written says ``b`` (quoting aside): then it is left as written."""
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and \
            all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and \
            all(_same(a[k], b[k]) for k in a)
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and str(a) == str(b)
    return type(a) is type(b) and a == b


def _set(entry: Any, key: str, value: object, order: Sequence[str]) -> list[str]:
    """Set or remove one key, a new key at its place in ``order``; returns the comment it
    took with it (a removed key's own comment: the one after its value)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if value is None:
        if key not in entry:
            return []
        keys = list(entry)
        gone: list[str] = []
        token = entry.ca.items.get(key, [None, None, None, None])[2]
        rest = ""
        if token is not None:
            first, _, rest = token.value.partition("\n")
            if first.strip():
                gone.append(first.strip())
        del entry[key]
        if rest.strip():  # the comment lines under it stay, under the key before it
            at = keys.index(key)
            previous = keys[at - 1]
            items = entry.ca.items.setdefault(previous, [None, None, None, None])
            if items[2] is None:
                items[2] = CommentToken("\n" + rest, CommentMark(0), None)
            else:
                items[2].value = items[2].value.rstrip("\n") + "\n" + rest
        return gone
    if key in entry:
        if not _same(entry[key], value):
            entry[key] = value
        return []
    rank = order.index(key) if key in order else len(order)
    keys = list(entry)
    position = next((i for i, k in enumerate(keys) if (order.index(k) if k in order
                                                       else len(order)) > rank), len(keys))
    entry.insert(position, key, value)
    if position == len(keys) and keys and keys[-1] in entry.ca.items:
        entry.ca.items[key] = entry.ca.items.pop(keys[-1])  # the comments after the task
    return []


def _owner(task: Task, new: Plan, entry: Any) -> object:
    """The `owner` key that gives ``task`` its owner in ``new``: kept where it is written,
    written where its summary's owner would say another (None: no key)."""
    above = new.task(task.parent).owner if task.parent else None
    if "owner" in entry:
        return _plain(task.owner) if task.owner is not None else None
    return _plain(task.owner) if task.owner is not None and task.owner != above else None


def _edit(entry: Any, task: Task, new: Plan, columns: frozenset[str],
          carried: Collection[str]) -> list[str]:
    """Set the keys of one task's mapping; returns the comments of the keys that went."""
    values = _task_values(task, columns, carried, entry)
    if "owner" in carried:
        values["owner"] = _owner(task, new, entry)
    if "assumed" in columns or ("assumed" in carried and values.get("owner") is not None):
        # (an owner written now that was inherited takes its mark with it)
        written = values["owner"] is not None if "owner" in values else "owner" in entry
        old = entry.get("assumed")
        kept = [str(k) for k in (old if isinstance(old, list) else [old] if old else [])
                if str(k) not in carried]  # keys of columns the table has not: as written
        keys = [k for k in ASSUMABLE if k in kept or k in written_assumed(task, written)]
        if set(keys) != {str(k) for k in (old if isinstance(old, list) else [old] if old
                                          else [])}:  # the same keys: left as written
            values["assumed"] = _flow([_plain(k, flow=True) for k in keys]) if keys else None
    gone: list[str] = []
    for key, value in values.items():
        gone += _set(entry, key, value, TASK_ORDER)
    return gone


def _needing(old: Plan, new: Plan, changed: Mapping[str, Collection[str]],
             carried: Collection[str]) -> list[str]:
    """The tasks of both plans whose keys change: a changed cell, or an owner that must be
    written (or rewritten) for the task to have the table's owner."""
    out = []
    for t in new.tasks:
        if t.id not in old.index:
            continue
        was = old.task(t.id)
        need = bool(changed.get(t.id))
        if "owner" in carried and not need:
            above = new.task(t.parent).owner if t.parent else None
            need = t.owner != was.owner if "owner" in was.keys else \
                t.owner is not None and t.owner != above
        if need:
            out.append(t.id)
    return out


def _chunk(lines: list[str], key_col: int, check: Callable[[Any], bool],
           edit: Callable[[Any], list[str]]) -> tuple[list[str], list[str]] | None:
    """``lines`` (one mapping at ``key_col``, its first line perhaps after a `- `) edited by
    ruamel's round trip on their own, or None when they do not read as one mapping."""
    first = lines[0]
    body = [" " * key_col + first[key_col:], *lines[1:]]
    if any(not _blank(x) and _indent(x) < key_col for x in body):
        return None
    y = _yaml()
    try:
        doc = y.load("".join(x[key_col:] if not _blank(x) else x for x in body))
    except Exception:  # an odd layout: the whole file's round trip instead
        return None
    if not isinstance(doc, dict) or not check(doc):
        return None
    gone = edit(doc)
    out = io.StringIO()
    y.dump(doc, out)
    edited = [(" " * key_col + x) if not _blank(x) else x
              for x in out.getvalue().splitlines(keepends=True)]
    return [first[:key_col] + edited[0][key_col:], *edited[1:]], gone


def _fields_in_place(doc: _Doc, nodes: Mapping[str, _Node], old: Plan, new: Plan,
                     changed: Mapping[str, Collection[str]], header: Collection[str],
                     carried: Collection[str]) -> dict[str, tuple[str, ...]] | None:
    """Set the changed keys task by task, each task's own lines through ruamel on their
    own (the whole file's round trip takes seconds at a few thousand tasks); None, with
    nothing changed, when a task's or the header's lines do not allow it."""
    heads: dict[str, tuple[list[str], list[str]]] = {}
    for tid in _needing(old, new, changed, carried):
        node = nodes[tid]
        if any(not _blank(x) and not _is_comment(x) for x in node.tail):
            return None  # keys after its subtasks
        task = new.task(tid)
        columns = frozenset(changed.get(tid, ()))

        def same(m: Any, tid: str = tid) -> bool:
            return str(m.get("id")) == tid

        def edit(m: Any, task: Task = task, columns: frozenset[str] = columns) -> list[str]:
            return _edit(m, task, new, columns, carried)

        done = _chunk(node.head, node.key_col, same, edit)
        if done is None:
            return None
        heads[tid] = done
    prefix = None
    if header:
        values = _header_values(new, header)

        def edit_header(m: Any) -> list[str]:
            for key, value in values.items():
                _set(m["plan"], key, value, HEADER_ORDER)
            return []

        done = _chunk(doc.prefix, 0, lambda m: isinstance(m.get("plan"), dict), edit_header)
        if done is None:
            return None
        prefix = done[0]
    for tid, (lines, _) in heads.items():
        nodes[tid].head = lines
    if prefix is not None:
        doc.prefix = prefix
    return {tid: tuple(gone) for tid, (_, gone) in heads.items() if gone}


def _fields(text: str, old: Plan, new: Plan, changed: Mapping[str, Collection[str]],
            header: Collection[str], carried: Collection[str],
            ) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The changed keys set by the whole file's round trip (any layout ruamel reads)."""
    y = _yaml()
    doc = y.load(text)
    entries: dict[str, Any] = {}

    def walk(items: Any) -> None:
        for m in items or ():
            entries[str(m["id"])] = m
            walk(m.get("tasks"))

    walk(doc["tasks"])
    dropped: dict[str, tuple[str, ...]] = {}
    for tid in _needing(old, new, changed, carried):
        gone = _edit(entries[tid], new.task(tid), new, frozenset(changed.get(tid, ())),
                     carried)
        if gone:
            dropped[tid] = tuple(gone)
    for key, value in _header_values(new, header).items():
        _set(doc["plan"], key, value, HEADER_ORDER)
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue(), dropped


# -- the merge -------------------------------------------------------------------------------


def merge_plan(text: str, old: Plan, new: Plan, changed: Mapping[str, Collection[str]],
               header: Collection[str] = (), carried: Collection[str] = ALL,
               notes: Mapping[str, Sequence[str]] | None = None) -> Merged:
    """``text`` (plan.yaml of ``old``) edited to say ``new``.

    ``changed``: task id -> the table columns (planner.exchange.table_read.COLUMNS) whose
    value changed; ``header``: the plan header keys that changed; ``carried``: the columns
    the table has (a key of another column stays as written; with the owner column, each
    task's owner is made ``new``'s, written where inheriting would not give it); ``notes``:
    note lines per task, added as comments where the task has not got them already. Tasks of
    ``new`` not in ``old`` are added, tasks of ``old`` not in ``new`` removed, tasks whose
    summary or place among their siblings changed moved. Raises MergeRefused.
    """
    bom = text.startswith("\ufeff")
    crlf = "\r\n" in text
    body = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not body.endswith("\n"):
        body += "\n"
    moved = moved_tasks(old, new)
    staying = {t.id for t in new.tasks if t.id in old.index and t.id not in moved}
    try:
        doc, nodes = _tree(body.splitlines(keepends=True), old, staying)
    except MergeRefused:
        if moved or set(old.index) != set(new.index) or notes:
            raise  # tasks come, go or move: that takes the file's lines one task a line range
        merged, gone = _fields(body, old, new, changed, header, carried)  # `[{id: a}, …]`
        return _finish(merged, {}, gone, bom, crlf)
    dropped = _structure(doc, nodes, old, new, moved, notes or {})
    in_place = _fields_in_place(doc, nodes, old, new, changed, header, carried)
    if in_place is None:
        merged, gone = _fields(doc.text(), old, new, changed, header, carried)
    else:
        merged, gone = doc.text(), in_place
    return _finish(merged, dropped, gone, bom, crlf)


def _finish(merged: str, dropped: dict[str, tuple[str, ...]],
            gone: Mapping[str, tuple[str, ...]], bom: bool, crlf: bool) -> Merged:
    for tid, lines in gone.items():
        dropped[tid] = dropped.get(tid, ()) + lines
    if crlf:
        merged = merged.replace("\n", "\r\n")
    return Merged(("\ufeff" if bom else "") + merged, dropped)


def comment_lines(text: str) -> list[str]:
    """Every comment in ``text``: whole comment lines and those after a value, in order."""
    return [c.strip() for c in map(line_comment, text.splitlines()) if c]

