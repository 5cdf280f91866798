"""Baseline changes as lines a reviewer reads before re-approving."""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain.baseline import Change


def change_line(c: Change) -> str:
    """`+ id: start .. finish (n d)`, `~ id: field old -> new, …` or `- id`."""
    if c.kind == "added" and c.new is not None:
        return f"+ {c.task}: {c.new.start} .. {c.new.finish} ({c.new.duration} d)"
    if c.kind == "removed":
        return f"- {c.task}"
    parts = [f"{k} {getattr(c.old, k)} -> {getattr(c.new, k)}" for k in c.fields]
    return f"~ {c.task}: " + ", ".join(parts)


def change_lines(changes: Iterable[Change]) -> list[str]:
    return [change_line(c) for c in changes]
