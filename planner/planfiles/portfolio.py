"""A portfolio on disk: `portfolio.yaml` naming plan folders, or a folder of plan folders.

```yaml
portfolio:
  name: 磐安县2023年下半年重点工作
  lang: zh
plans:                       # paths relative to this file
  - path: panan-county-2023h2
    group: 县直部门
  - yushan-2023h2            # a path alone: no group
```

A folder without `portfolio.yaml` is a portfolio of every folder in it that holds a
`plan.yaml`, in name order, named after the folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from planner.domain.diagnostics import NOWHERE, Diagnostic, Location, PlanError
from planner.domain.values import choice
from planner.domain.vocab import LANGS
from planner.planfiles.yamlreader import (
    Reader,
    compose_text,
    is_null,
    load_text,
    with_slip_hints,
)

FILE = "portfolio.yaml"
PLAN_FILE = "plan.yaml"
TOP_KEYS = ("portfolio", "plans")
HEAD_KEYS = ("name", "lang")
ENTRY_KEYS = ("path", "group")
MAX_PLANS = 100_000  # a province has about 1,300 townships; more is a mistake in the file


@dataclass(frozen=True, slots=True)
class Member:
    """One plan of a portfolio: its folder, its group, where the file names it."""

    path: Path
    group: str | None = None
    location: Location = NOWHERE


@dataclass(frozen=True)
class PortfolioFile:
    """A portfolio as read: its name, language and plans (not yet opened)."""

    name: str
    lang: str | None  # None: unsaid (the plans' or the user's)
    members: tuple[Member, ...]
    path: Path  # portfolio.yaml, or the folder of plan folders
    folder: Path


def load_portfolio(path: str | Path) -> PortfolioFile:
    """Read a portfolio: a `portfolio.yaml`, a folder holding one, or a folder of plan
    folders; raises PlanError with every problem found, each at its line."""
    p = Path(path)
    if p.is_dir():
        if (p / FILE).is_file():
            return _read(p / FILE)
        return _folder(p)
    if not p.exists():
        raise PlanError([Diagnostic.said("file", "portfolio.missing", Location(str(p)))])
    return _read(p)


def _folder(folder: Path) -> PortfolioFile:
    try:
        subs = sorted((e for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)),
                      key=lambda e: e.name)
    except OSError as exc:
        raise PlanError([Diagnostic.said("file", "portfolio.unreadable", Location(str(folder)),
                                         reason=exc.strerror or str(exc))]) from None
    members = tuple(Member(Path(e.path)) for e in subs
                    if os.path.isfile(os.path.join(e.path, PLAN_FILE)))
    if not members:
        raise PlanError([Diagnostic.said("empty", "portfolio.no_plans_in_folder",
                                         Location(str(folder)), file=FILE)])
    return PortfolioFile(folder.resolve().name or str(folder), None, members, folder, folder)


def _read(file: Path) -> PortfolioFile:
    text, display = load_text(file)
    root = compose_text(text, display)
    r = Reader(display)
    found = _build(r, root, file)
    if r.diagnostics or found is None:
        raise PlanError(with_slip_hints(r.diagnostics, text))
    return found


def _build(r: Reader, root: yaml.Node | None, file: Path) -> PortfolioFile | None:
    if root is None:
        r.error("empty", "portfolio.empty_file", Location(r.file, 1, 1))
        return None
    top = r.mapping(root, "the portfolio file", TOP_KEYS, required=TOP_KEYS)
    if top is None or "plans" not in top:
        return None
    name, lang = file.parent.resolve().name, None
    if "portfolio" in top and not is_null(top["portfolio"][1]):
        head = r.mapping(top["portfolio"][1], "portfolio", HEAD_KEYS, required=("name",))
        if head is not None:
            if "name" in head:
                name = r.text(head["name"][1], "portfolio name") or name
            if "lang" in head:
                lang = r.parsed(head["lang"][1], "lang", choice(LANGS))
    items = r.sequence(top["plans"][1], "plans") or []
    if not items and not r.diagnostics:
        r.error("empty", "portfolio.no_plans", top["plans"][0])
    if len(items) > MAX_PLANS:
        r.error("value", "portfolio.too_many", top["plans"][0], count=len(items),
                most=MAX_PLANS)
        return None
    members: list[Member] = []
    seen: dict[Path, Location] = {}
    for item in items:
        at = r.loc(item)
        group = None
        if isinstance(item, yaml.MappingNode):
            e = r.mapping(item, "a plan of the portfolio", ENTRY_KEYS, required=("path",))
            if e is None or "path" not in e:
                continue
            text = r.text(e["path"][1], "plan path")
            if "group" in e and not is_null(e["group"][1]):
                group = r.text(e["group"][1], "group")
        else:
            text = r.text(item, "plan path")
        if not text:
            continue
        folder = file.parent / text
        if folder.name == PLAN_FILE:
            folder = folder.parent
        if not (folder / PLAN_FILE).is_file():
            r.error("file", "portfolio.no_plan", at, path=text, file=PLAN_FILE)
            continue
        key = folder.resolve()
        if key in seen:
            r.error("duplicate-id", "portfolio.twice", at, path=text, line=seen[key].line)
            continue
        seen[key] = at
        members.append(Member(folder, group, at))
    return PortfolioFile(name, lang, tuple(members), file, file.parent)
