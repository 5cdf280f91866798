"""A document as every output shares it: headings, paragraphs, tables and figures.

A view turns one kind of result into a `Document`; a writer (`planner.render.writers`)
turns any document into one format: terminal text, Markdown, HTML, JSON, CSV, a
workbook or a Word document. All text here is plain text as the user typed it or as a
label reads; each writer escapes it for its format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is the document's own title (a terminal leaves it out)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``style``: "text", "headline" (the figures that matter), "meta" (how
    the figures were made), or "banner" (the sample-data warning, shown loudest)."""

    text: str
    style: str = "text"


@dataclass(frozen=True)
class Notes:
    """Sentences the tables cannot hold, one an item."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of text cells under a header row.

    ``numeric``: columns aligned right; ``classes``: a row's severity ("", "medium",
    "high"), which a page shows as a colour; ``limits``: the most terminal columns a column
    takes (0: no limit); ``empty``: what a terminal says instead of a table without rows.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    classes: tuple[str, ...] = ()
    limits: tuple[int, ...] = ()
    empty: str = ""


@dataclass(frozen=True)
class RowLabel:
    """A row's name beside a chart: indented to ``depth``, in bold for a summary."""

    text: str
    depth: int = 0
    bold: bool = False


@dataclass(frozen=True)
class Figure:
    """A chart, made only when a writer that draws charts needs it (a plotly figure).

    ``labels``: the rows' names, set beside the chart instead of its own tick labels (a
    page draws thousands of them far faster, and can indent them), starting ``top`` px
    below the chart's top, ``width`` px wide.
    """

    make: Callable[[], Any]
    id: str
    labels: tuple[RowLabel, ...] = ()
    top: int = 0
    width: int = 0


@dataclass(frozen=True)
class Section:
    """A titled part; its heading is one level below the section it is in."""

    title: str
    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Notes | Table | Figure | Section


@dataclass(frozen=True)
class Records:
    """The result as one flat table for scripts and spreadsheets: stable field names for
    CSV, ``headers`` in the reader's language for a workbook, typed cells (dates, numbers,
    booleans, None). ``sheet_rows``: the workbook's cells when they read differently (words
    for people where the CSV keeps names for scripts); ``title`` names the sheet."""

    fields: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    headers: tuple[str, ...]
    title: str
    sheet_rows: tuple[tuple[object, ...], ...] | None = None
    # further tables of the same result, each a sheet of its own in a workbook (a CSV
    # holds the first alone)
    more: tuple[Records, ...] = ()


@dataclass(frozen=True)
class Document:
    """One output: ``blocks`` for people, ``data`` for programs (JSON), ``records`` for
    CSV and workbooks. A format the document has nothing for is not offered."""

    title: str
    lang: str
    blocks: tuple[Block, ...]
    data: Mapping[str, Any] | None = None
    records: Records | None = None


# The part of a document each format's writer reads: a view told the format may build only
# that part (a 100,000-task schedule's JSON needs no terminal table).
PART_OF = {"table": "blocks", "md": "blocks", "html": "blocks", "json": "data",
           "csv": "records", "xlsx": "records", "docx": "blocks"}


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool] = (),
          classes: Sequence[str] = (), limits: Sequence[int] = (), empty: str = "") -> Table:
    """A `Table` from lists."""
    return Table(tuple(headers), tuple(tuple(r) for r in rows), tuple(numeric), tuple(classes),
                 tuple(limits), empty)


def banner(text: str | None) -> tuple[Paragraph, ...]:
    """The sample-data banner as a block, when there is one."""
    return (Paragraph(text, "banner"),) if text else ()
