"""Reading and writing sent/DATE.yaml: the progress forms sent out for a data date.

The file is the tool's own, written by `planner forms` and read by every review at that
data date; it sits in sent/, not in status/, so the snapshot reader never takes it for a
snapshot. Tasks the plan no longer has are kept in the file and ignored by the reviews
(a plan may change after its forms went out).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.domain.model import Plan
from planner.domain.sent import FOLDER, FORM_KEYS, KEYS, Sent, SentForm
from planner.domain.values import date_in_plan, parse_date
from planner.planfiles.planyaml import scalar
from planner.planfiles.yamlreader import Reader, is_null, load_document, outside
from planner.support.safewrite import leads_outside


def path_for(folder: Path, day: date) -> Path:
    """Where the forms sent for ``day`` are recorded: sent/YYYY-MM-DD.yaml."""
    return folder / FOLDER / f"{day.isoformat()}.yaml"


def to_yaml(sent: Sent) -> str:
    """The file's text: one form a block, its tasks on one line (readable diffs)."""
    lines = [
        f"# The progress forms sent out for the data date {sent.date}, written by "
        "`planner forms`.",
        "# Reviews at that date read it: a unit whose form is not back yet is listed as",
        "# not reported (未报送); `planner collect` adds `returned:` to a form it took back.",
        "# Make the forms again rather than edit this file.",
        f"plan: {sent.plan}",
        f"date: {sent.date.isoformat()}",
        "forms:" if sent.forms else "forms: []",
    ]
    for form in sent.forms:
        lines.append(f"  - owner: {'null' if form.owner is None else scalar(form.owner)}")
        if form.made is not None:
            lines.append(f"    made: {form.made.isoformat()}")
        if form.returned is not None:
            lines.append(f"    returned: {form.returned.isoformat()}")
        lines.append(f"    tasks: [{', '.join(scalar(t, flow=True) for t in form.tasks)}]")
    return "\n".join(lines) + "\n"


def load_sent(path: Path, plan: Plan, day: date) -> Sent:
    """Read the forms sent for ``day``; PlanError, naming file and line, when the file is
    not what `planner forms` writes. A file that is a link out of the plan folder is
    refused unread."""
    if plan.folder is not None and leads_outside(path, plan.folder):
        raise PlanError([outside(path, path.parent, "the record of forms sent")])
    root, display, _ = load_document(path)
    r = Reader(display)
    top = r.mapping(root, "the record of forms sent", KEYS, ("plan", "date")) \
        if root is not None else None
    if top is None:
        if root is None:
            r.diagnostics.append(Diagnostic.said("empty", "sent.empty", Location(display, 1, 1),
                                                 day=day))
        raise PlanError(r.diagnostics)
    plan_id = r.text(top["plan"][1], "plan") if "plan" in top else None
    if plan_id is not None and plan_id != plan.id:
        r.diagnostics.append(Diagnostic.said("plan", "sent.plan", r.loc(top["plan"][1]),
                                             found=plan_id, plan=plan.id))
    found = r.parsed(top["date"][1], "date", parse_date) if "date" in top else None
    if found is not None and found != day:
        r.diagnostics.append(Diagnostic.said("date", "sent.date", r.loc(top["date"][1]),
                                             found=found, day=day))
    forms: list[SentForm] = []
    first: dict[str | None, int] = {}
    items = r.sequence(top["forms"][1], "forms") if "forms" in top else []
    made_day = date_in_plan(plan.calendar_origin)
    for item in items or []:
        e = r.mapping(item, "a form", FORM_KEYS, ("tasks",))
        if e is None:
            continue
        owner = None
        if "owner" in e and not is_null(e["owner"][1]):
            owner = r.text(e["owner"][1], "owner")
        line = r.loc(item).line
        if owner in first:
            r.diagnostics.append(Diagnostic.said(
                "duplicate-owner", "sent.owner_twice", r.loc(item),
                owner=owner or "null", line=first[owner]))
            continue
        first[owner] = line
        made = r.parsed(e["made"][1], "made", made_day) \
            if "made" in e and not is_null(e["made"][1]) else None
        returned = r.parsed(e["returned"][1], "returned", made_day) \
            if "returned" in e and not is_null(e["returned"][1]) else None
        nodes = r.sequence(e["tasks"][1], "tasks") if "tasks" in e else None
        tasks = [r.text(n, "a task id") for n in nodes or []]
        forms.append(SentForm(owner, tuple(t for t in tasks if t), made, returned))
    if r.diagnostics:
        raise PlanError(r.diagnostics)
    return Sent(plan_id or plan.id, day, tuple(forms), path)
