"""Assemble Microsoft's MSPDI schema (mspdi_pj12.xsd) from its published documentation.

Microsoft publishes the schema of MS Project XML only as code blocks in the pages of its
public docs repository, https://github.com/MicrosoftDocs/office-developer-msproject-xml-docs
(folder project-xml-data-interchange/): the page of the Project element holds the whole
schema with ``. . .`` in place of the timephased data type and the seven collections
(OutlineCodes, WBSMasks, ExtendedAttributes, Calendars, Tasks, Resources, Assignments), and
each of those has a page of its own. This script puts the pieces together, unchanged except:

- the namespace: the code blocks say ``http://schemas.microsoft.com/project/2007``, while
  every MSPDI file, the examples in the same pages among them, says
  ``http://schemas.microsoft.com/project`` (the namespace MS Project reads and writes);
- ``Active`` and ``Manual`` of a task, which MS Project 2010 added (after ``Name``) and the
  published pages, written for Project 2007, do not show: both are optional xsd:boolean here.
  An export must say ``Manual`` 0, or MS Project 2010 and later open every task as manually
  scheduled by its default for new tasks.

Run it on a clone of that repository (a work tree or a bare git directory):

    python tools/mspdi_schema.py PATH-TO-office-developer-msproject-xml-docs \
        > tests/fixtures/mspdi/mspdi_pj12.xsd
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

FOLDER = "project-xml-data-interchange"
PROJECT_PAGE = "xml-schema-for-the-project-element.md"
PIECES = {  # what stands for ``. . .`` in the Project page, and the page that defines it
    "TimephasedDataType": "xml-schema-for-the-timephaseddatatype-complex-type.md",
    "OutlineCodes": "xml-schema-for-the-outlinecodes-element.md",
    "WBSMasks": "xml-schema-for-the-wbsmasks-element.md",
    "ExtendedAttributes": "xml-schema-for-the-extendedattributes-element.md",
    "Calendars": "xml-schema-for-the-calendars-element.md",
    "Tasks": "xml-schema-for-the-tasks-element.md",
    "Resources": "xml-schema-for-the-resources-element.md",
    "Assignments": "xml-schema-for-the-assignments-element.md",
}
PUBLISHED_NS = "http://schemas.microsoft.com/project/2007"
FILE_NS = "http://schemas.microsoft.com/project"
TASK_2010 = """\
{0}<!-- Project 2010 (not in the published pages): inactive and manually scheduled tasks -->
{0}<xsd:element name="Active" type="xsd:boolean" minOccurs="0"/>
{0}<xsd:element name="Manual" type="xsd:boolean" minOccurs="0"/>
"""


def page(repo: Path, name: str) -> str:
    """A page of the docs, from a work tree or else from the repository's HEAD."""
    path = repo / FOLDER / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{FOLDER}/{name}"],
                          check=True, capture_output=True, text=True, encoding="utf-8").stdout


def revision(repo: Path) -> str:
    """The docs' commit, to say which pages the schema was made from ("" if not a clone)."""
    done = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                          text=True)
    return f"commit {done.stdout.strip()} " if done.returncode == 0 else ""


def code_block(text: str) -> str:
    found = re.search(r"^``` ?xml\n(.*?)^```$", text, re.S | re.M)
    if found is None:
        raise SystemExit("no XML code block in a schema page: has the page changed?")
    return found.group(1)


def piece(text: str) -> str:
    """A page's definition without its XML declaration and its leading ``. . .``."""
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", code_block(text))
    return re.sub(r"^\. \. \.\s*", "", body).rstrip() + "\n"


def assemble(repo: Path) -> str:
    schema = code_block(page(repo, PROJECT_PAGE))
    for name, source in PIECES.items():
        kind = "complexType" if name == "TimephasedDataType" else "element"
        stub = re.compile(rf'^[ \t]*<xsd:{kind} name="{name}"[^>]*> \. \. \. </xsd:{kind}>\n',
                          re.M)
        if len(stub.findall(schema)) != 1:
            raise SystemExit(f"the Project page has no single place for {name}")
        # the piece keeps its own comment line; the stub's comment above it stays too
        schema = stub.sub(lambda _m, s=source: piece(page(repo, s)), schema)
    if "</xsd:schema>" not in schema:  # the Project page's block stops before it
        schema = schema.rstrip() + "\n</xsd:schema>\n"
    if ". . ." in schema:
        raise SystemExit("a part of the schema is still left out (. . .)")
    schema = schema.replace(PUBLISHED_NS, FILE_NS)
    task_name = re.compile(r'(<xsd:element name="Task" minOccurs="0" maxOccurs="unbounded">.*?'
                           r'\n([ \t]*)<xsd:element name="Name"[^>]*>.*?</xsd:element>\n)', re.S)
    schema, n = task_name.subn(lambda m: m.group(1) + TASK_2010.format(m.group(2)), schema,
                               count=1)
    if n != 1:
        raise SystemExit("no Name element in the Task definition")
    head = ("<!-- Assembled by tools/mspdi_schema.py from the code blocks of "
            "https://github.com/MicrosoftDocs/office-developer-msproject-xml-docs\n"
            f"     {revision(repo)}({FOLDER}/{PROJECT_PAGE} and the pages it refers to); namespace "
            f"{FILE_NS}, with Task/Active and Task/Manual of Project 2010. -->\n")
    declaration, rest = schema.split("\n", 1)
    return f"{declaration}\n{head}{rest}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.stdout.write(assemble(Path(sys.argv[1])))
