"""`validate`'s findings: a line for people, the findings as JSON, a table of them for
Markdown and CSV (one row per finding)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.domain.diagnostics import Diagnostic, Severity
from planner.i18n.labels import column_headers, label
from planner.render.document import Block, Document, Heading, Paragraph, Records, table

VALIDATE_FIELDS = ("file", "line", "column", "severity", "code", "task", "message", "hint")


def validate_dict(found: Sequence[Diagnostic]) -> dict[str, Any]:
    """The findings for editors and CI; these keys are stable (the messages English)."""
    errors = any(d.severity is Severity.ERROR for d in found)
    return {"valid": not errors, "diagnostics": [
        {"file": d.location.file, "line": d.location.line, "column": d.location.col,
         "severity": d.severity.value, "code": d.code, "message": d.message,
         "hint": d.hint, "task": d.task} for d in found]}


def _row(d: Diagnostic) -> tuple[object, ...]:
    where = d.location  # line and column 0: the finding is about the file as a whole
    return (where.file, where.line or None, where.col or None, d.severity.value, d.code,
            d.task, d.message, d.hint)


def validate_view(found: Sequence[Diagnostic], valid: str | None, lang: str,
                  listed: bool = True) -> Document:
    """The outcome of `validate`. ``valid``: the line that says the plan is valid (its
    tasks and files), None when it is not. ``listed``: the findings as a table too; not on
    a terminal, where each is its own located line on standard error."""
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = len(found) - errors
    title = label("validate.title", lang)
    line = valid if valid is not None else label("invalid", lang, n=errors)
    if warnings:
        line += f"; {label('warnings', lang, n=warnings)}"
    said = [d.in_lang(lang) for d in found]  # the table for people: their language
    rows = [[str(c) if c is not None else "" for c in _row(d)] for d in said]
    blocks: tuple[Block, ...] = (Heading(title), Paragraph(line))
    if listed:
        blocks += (table(column_headers(VALIDATE_FIELDS, lang), rows,
                         [False, True, True] + [False] * 5,
                         ["high" if d.severity is Severity.ERROR else "medium" for d in found],
                         empty=label("none", lang)),)
    records = Records(VALIDATE_FIELDS, tuple(_row(d) for d in said),
                      tuple(column_headers(VALIDATE_FIELDS, lang)), title)
    return Document(title, lang, blocks, data=validate_dict(found), records=records)
