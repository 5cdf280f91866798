"""What every exporter returns: the file's bytes, and what the summary line counts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exported:
    """A file written for another program."""

    data: bytes
    count: int  # how many tasks (or, for a calendar, events) the file holds
