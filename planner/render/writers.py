"""Writers: any `Document` as terminal text, Markdown, HTML, JSON, CSV, a workbook or a
Word document.

Each writer escapes the plain text of the document for its format, here and only here:
HTML escapes markup, Markdown escapes its syntax and keeps a cell on one line, the
terminal drops control sequences, a Word document drops what XML cannot hold, CSV and
workbook cells that a spreadsheet would run as a formula are neutralised. A new format is
one more function in ``WRITERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from planner.render.document import (
    Block,
    Document,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Section,
    Table,
)
from planner.render.fmt import csv_text, json_text, md_text
from planner.render.style import esc


def _flat(blocks: tuple[Block, ...], level: int = 1, drawn: bool = True,
          ) -> Iterator[tuple[int, Block]]:
    """Blocks in reading order, each section's title a heading one level below its own.
    Not ``drawn`` (a format without charts): no figures, nor a section of figures only."""
    for b in blocks:
        if isinstance(b, Section):
            if drawn or not _figures_only(b):
                yield level + 1, Heading(b.title, level + 1)
                yield from _flat(b.blocks, level + 1, drawn)
        elif drawn or not isinstance(b, Figure):
            yield level, b


def _figures_only(s: Section) -> bool:
    return all(isinstance(b, Figure) or (isinstance(b, Section) and _figures_only(b))
               for b in s.blocks)


# -- Markdown ---------------------------------------------------------------------------------


def markdown(doc: Document) -> str:
    """Markdown: a blank line between blocks, user text escaped, figures left out."""
    chunks = [_md(b) for _, b in _flat(doc.blocks, drawn=False)]
    return "\n\n".join(c for c in chunks if c).rstrip() + "\n"


def _md(b: Block) -> str:
    if isinstance(b, Heading):
        return "#" * b.level + " " + md_text(b.text)
    if isinstance(b, Paragraph):
        if b.style == "colophon":
            return ""
        return f"> **{md_text(b.text)}**" if b.style == "banner" else md_text(b.text)
    if isinstance(b, Notes):
        return "\n".join(f"- {md_text(n)}" for n in b.items)
    if isinstance(b, Table):
        return md_table(b)
    return ""  # a figure: Markdown has no charts


def md_table(t: Table) -> str:
    if not t.rows and t.empty:
        return md_text(t.empty.strip())
    right = list(t.numeric) + [False] * (len(t.headers) - len(t.numeric))
    # a header is ours (a label, a date): "#" starts no heading inside a row
    lines = ["| " + " | ".join(md_text(h).replace("\\#", "#") for h in t.headers) + " |",
             "|" + "|".join("---:" if r else "---" for r in right) + "|"]
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


# -- HTML -------------------------------------------------------------------------------------


def html(doc: Document) -> str:
    """A self-contained page that opens offline (plotly.js inline), every text escaped."""
    from planner.render.html import document

    charts = any(isinstance(b, Figure) for _, b in _flat(doc.blocks))
    return document(doc.title, doc.lang, html_body(doc.blocks), charts)


def html_body(blocks: tuple[Block, ...], level: int = 1) -> str:
    return "\n".join(_html(b, lv) for lv, b in _flat(blocks, level))


def _html(b: Block, level: int) -> str:
    from planner.render.html import figure_div, table_html

    if isinstance(b, Heading):
        n = min(b.level, 6)
        return f"<h{n}>{esc(b.text)}</h{n}>"
    if isinstance(b, Paragraph):
        style = "meta" if b.style == "colophon" else b.style
        return f'<p class="{style}">{esc(b.text)}</p>' if style != "text" \
            else f"<p>{esc(b.text)}</p>"
    if isinstance(b, Notes):
        return "\n".join(f'<p class="meta">{esc(n)}</p>' for n in b.items)
    if isinstance(b, Table):
        if not b.rows and b.empty:
            return f'<p class="meta">{esc(b.empty.strip())}</p>'
        return table_html(b.headers, b.rows, b.numeric, b.classes)
    if isinstance(b, Figure):
        if not b.labels:
            return f'<div class="figure">{figure_div(b.make(), b.id)}</div>'
        fig = b.make()
        fig.update_yaxes(showticklabels=False)  # the names are the column beside it
        return f'<div class="figure gantt">{_row_labels(b)}{figure_div(fig, b.id)}</div>'
    raise TypeError(f"not a block: {b!r}")


def _row_labels(f: Figure) -> str:
    """The rows' names as an HTML column beside the chart, lined up with its rows."""
    from html import escape

    names = []
    for r in f.labels:
        name = escape(r.text)
        kind = " summary" if r.bold else ""
        indent = f' style="padding-left:{r.depth}em"' if r.depth else ""
        names.append(f'<div class="rowlabel{kind}"{indent} title="{name}">{name}</div>')
    return (f'<div class="rowlabels" style="top:{f.top}px;width:{f.width}px">'
            f'{"".join(names)}</div>')


# -- the terminal -----------------------------------------------------------------------------


def terminal(doc: Document) -> str:
    """Text for a terminal: no title (the command names it), a blank line between blocks
    except within a run of paragraphs and under a heading; tables lined up and clipped to
    their limits; no figures."""
    from planner.render.terminal import table
    from planner.support.sanitize import printable

    lines: list[str] = []
    before: Block | None = None
    for _, b in _flat(doc.blocks, drawn=False):
        if (isinstance(b, Heading) and b.level == 1) or \
                (isinstance(b, Paragraph) and b.style == "colophon"):
            continue
        joined = isinstance(before, Heading) or (
            isinstance(before, Paragraph) and isinstance(b, Paragraph))
        if lines and not joined:
            lines.append("")
        if isinstance(b, Heading):
            lines.append(f"▸ {b.text}")
        elif isinstance(b, Paragraph):
            lines.append(b.text)
        elif isinstance(b, Notes):
            lines += list(b.items)
        elif isinstance(b, Table):
            lines.append(table(b.headers, b.rows, b.numeric, b.limits) if b.rows or not b.empty
                         else b.empty)
        before = b
    return printable("\n".join(lines).rstrip("\n") + "\n")  # no control sequence


# -- data -------------------------------------------------------------------------------------


def json(doc: Document) -> str:
    if doc.data is None:
        raise ValueError(f"{doc.title}: no JSON form")
    return json_text(doc.data)


def csv(doc: Document) -> str:
    if doc.records is None:
        raise ValueError(f"{doc.title}: no table for CSV")
    return csv_text(doc.records.fields, doc.records.rows)


def xlsx(doc: Document) -> bytes:
    from planner.render.xlsx import table_xlsx, typed

    r = doc.records
    if r is None:
        raise ValueError(f"{doc.title}: no table for a workbook")
    return table_xlsx(*((t.title, t.headers, [[typed(v) for v in row] for row in (
        t.sheet_rows if t.sheet_rows is not None else t.rows)]) for t in (r, *r.more)))


def docx(doc: Document) -> bytes:
    """A Word document laid out as an office's notice (see `planner.render.word`); a chart
    that cannot be drawn here is a line saying where it is (`docx_missing` says why)."""
    return docx_missing(doc)[0]


def docx_missing(doc: Document) -> tuple[bytes, str | None]:
    """The Word document, and why a chart could not be drawn as a picture (None: every
    chart was, or there was none)."""
    from planner.render.word import docx_bytes

    return docx_bytes(doc.title, doc.lang, _flat(doc.blocks))


Writer = Callable[[Document], "str | bytes"]
WRITERS: dict[str, Writer] = {
    "table": terminal, "md": markdown, "html": html, "json": json, "csv": csv, "xlsx": xlsx,
    "docx": docx,
}


def formats(doc: Document) -> tuple[str, ...]:
    """The formats ``doc`` can be written in."""
    out = ["table", "md", "html"] if doc.blocks else []
    out += ["json"] if doc.data is not None else []
    out += ["csv", "xlsx"] if doc.records is not None else []
    return tuple(out)


def write(doc: Document, fmt: str) -> str | bytes:
    """``doc`` in format ``fmt`` (a key of ``WRITERS``)."""
    return WRITERS[fmt](doc)
