"""The progress forms sent out for a data date: which unit was asked about which tasks.

`planner forms` records them (sent/DATE.yaml); a review at that data date reads them to
tell a unit that has not answered yet from a unit whose work stood still.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

FOLDER = "sent"  # in the plan folder, beside status/: never read as a snapshot
KEYS = ("plan", "date", "forms")
FORM_KEYS = ("owner", "made", "returned", "tasks")
Day = date  # the type, where Sent's field ``date`` hides its name


@dataclass(frozen=True, slots=True)
class SentForm:
    """One form: the unit it went to and the tasks it asks progress for."""

    owner: str | None  # None: the form of the tasks without an owner
    tasks: tuple[str, ...]  # the rows the unit fills in: its tasks unfinished when made
    made: date | None = None  # the day the form was made
    # the day `collect` recorded the form back (None: not back, or collected before
    # receipt was recorded): a unit that answered "nothing moved" has answered
    returned: date | None = None


@dataclass(frozen=True)
class Sent:
    """Every form sent out for the data date ``date``, one per unit."""

    plan: str
    date: date
    forms: tuple[SentForm, ...]
    path: Path | None = None

    def with_forms(self, forms: Iterable[SentForm]) -> Sent:
        """These forms added, each replacing the earlier form of its unit (a form made
        again for one unit leaves the other units' forms as they were)."""
        new = {f.owner: f for f in forms}
        kept = [new.pop(f.owner) if f.owner in new else f for f in self.forms]
        return replace(self, forms=(*kept, *new.values()))

    def returned_by(self, owners: Iterable[str | None], day: Day) -> Sent:
        """The forms of ``owners`` recorded as back on ``day`` (a form recorded back
        before keeps its first day; owners without a form here are not added: what
        their form asked is not known)."""
        back = set(owners)
        return replace(self, forms=tuple(
            replace(f, returned=day) if f.owner in back and f.returned is None else f
            for f in self.forms))
