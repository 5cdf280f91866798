"""The format reference and the editor schemas cannot drift from the loader.

- docs/plan-format.md: every complete YAML example loads (plans, snapshots, the baseline),
  the dates it annotates are the dates the scheduler computes, and every key the loader
  accepts is documented.
- docs/plan.schema.json and docs/status.schema.json: valid draft-07; the bundled plan, its
  snapshots, the status fixtures and the doc's examples validate; structural mistakes fail;
  their property names and enums are the loader's.

How YAML is read here: with ``yaml.BaseLoader``, so every scalar is a string, exactly as
the planner's own reader sees it (no YAML 1.1 guessing: ``2023-07-01``, ``10`` and ``true``
all arrive as text). The schemas therefore accept numbers and booleans both as JSON values
(what the VS Code YAML extension produces) and as text matching a pattern (what the
BaseLoader gives); a date is always text with a pattern, since the extension reads an
unquoted 2023-07-01 as a string too. The valid files are also checked in a typed reading
(``TypedLoader``: numbers and booleans typed, dates kept as text), close to what the
editor sees.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

import planner.planfiles.plan as load
import planner.planfiles.snapshots as status
from planner.engine.schedule import schedule

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "plan-format.md"
PLAN_SCHEMA = ROOT / "docs" / "plan.schema.json"
STATUS_SCHEMA = ROOT / "docs" / "status.schema.json"
BUNDLED = ROOT / "plans" / "yushan-2023h2"
ERRORS = ROOT / "tests" / "fixtures" / "errors"
STATUS_FIXTURES = ROOT / "tests" / "fixtures" / "status"

FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
# `  - id: b    # → 2023-07-10 … 2023-07-11`: the dates the scheduler must give task b
ANNOTATION = re.compile(r"^\s*- id: (\S+)\s+# → (\d{4}-\d{2}-\d{2}) … (\d{4}-\d{2}-\d{2})",
                        re.MULTILINE)
CJK = re.compile(r"[\u4e00-\u9fff]")


# -- the examples in the doc -------------------------------------------------------------------


class Example:
    """One fenced ```yaml block of the doc that is a complete file."""

    def __init__(self, line: int, text: str) -> None:
        self.line = line
        self.text = text
        self.data: Any = yaml.load(text, Loader=yaml.BaseLoader)
        self.kind = _kind(self.data)

    @property
    def plan_id(self) -> str:
        head = self.data["plan"]
        return str(head["id"] if isinstance(head, dict) else head)

    def __repr__(self) -> str:
        return f"{self.kind}@line{self.line}"


def _kind(data: Any) -> str:
    if isinstance(data, dict):
        if isinstance(data.get("plan"), dict) and "tasks" in data:
            return "plan"
        if {"plan", "date", "progress"} <= data.keys():
            return "snapshot"
        if {"plan", "saved", "tasks"} <= data.keys():
            return "baseline"
        if {"plan", "date", "forms"} <= data.keys():
            return "sent"
        if {"portfolio", "plans"} <= data.keys():
            return "portfolio"
    return "unknown"


def _examples() -> list[Example]:
    """Blocks marked exactly ```yaml; ```yaml fragment (or any other info) are parts only."""
    text = DOC.read_text(encoding="utf-8")
    return [Example(text.count("\n", 0, m.start()) + 1, m["body"])
            for m in FENCE.finditer(text) if m["info"].strip() == "yaml"]


EXAMPLES = _examples()
PLANS = [e for e in EXAMPLES if e.kind == "plan"]
SNAPSHOTS = [e for e in EXAMPLES if e.kind == "snapshot"]
BASELINES = [e for e in EXAMPLES if e.kind == "baseline"]
SENT = [e for e in EXAMPLES if e.kind == "sent"]
PORTFOLIOS = [e for e in EXAMPLES if e.kind == "portfolio"]


def _plan_folder(tmp_path: Path, plan_id: str) -> Path:
    """A folder with the doc's plan of that id (or the bundled plan for its own id)."""
    matches = [e for e in PLANS if e.plan_id == plan_id]
    if matches:
        folder = tmp_path / plan_id
        folder.mkdir()
        (folder / "plan.yaml").write_text(matches[0].text, encoding="utf-8")
        return folder
    if plan_id == "yushan-2023h2":
        return BUNDLED
    raise AssertionError(f"no plan example with id '{plan_id}' in {DOC.name}")


def test_doc_has_complete_examples_of_each_kind() -> None:
    assert len(PLANS) >= 1 and len(SNAPSHOTS) >= 1 and len(BASELINES) >= 1, EXAMPLES


@pytest.mark.parametrize("example", PORTFOLIOS, ids=repr)
def test_each_portfolio_example_opens_over_the_bundled_plans(example: Example,
                                                             tmp_path: Path) -> None:
    import shutil

    from planner.portfolio import Portfolio

    folder = tmp_path / "plans"
    shutil.copytree(BUNDLED.parent, folder)
    (folder / "portfolio.yaml").write_text(example.text, encoding="utf-8")
    found = Portfolio.open(folder)
    assert found.name == example.data["portfolio"]["name"]
    assert len(found.members) == len(example.data["plans"])
    assert not [d for d in found.problems() if d.severity.value == "error"]


@pytest.mark.parametrize("example", EXAMPLES, ids=repr)
def test_every_yaml_block_is_a_complete_file_or_marked_fragment(example: Example) -> None:
    assert example.kind != "unknown", (
        f"{DOC.name} line {example.line}: a ```yaml block must be a complete plan, snapshot, "
        "baseline or record of forms sent; mark parts of a file ```yaml fragment")


@pytest.mark.parametrize("example", SENT, ids=repr)
def test_forms_sent_example_loads(example: Example, tmp_path: Path) -> None:
    import shutil
    from datetime import date

    from planner.planfiles.sent import load_sent

    folder = tmp_path / "plan"  # the record lives in its plan's folder, as written
    shutil.copytree(_plan_folder(tmp_path, example.plan_id), folder)
    plan = load.load_plan(folder)
    day = date.fromisoformat(example.data["date"])
    path = folder / "sent" / f"{day}.yaml"
    path.parent.mkdir()
    path.write_text(example.text, encoding="utf-8")
    sent = load_sent(path, plan, day)
    assert [(f.owner, list(f.tasks)) for f in sent.forms] == [
        (f["owner"], f["tasks"]) for f in example.data["forms"]]


@pytest.mark.parametrize("example", PLANS, ids=repr)
def test_plan_example_loads(example: Example, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(example.text, encoding="utf-8")
    plan = load.load_plan(tmp_path)
    assert plan.id == example.plan_id


@pytest.mark.parametrize("example", SNAPSHOTS, ids=repr)
def test_snapshot_example_loads(example: Example, tmp_path: Path) -> None:
    plan = load.load_plan(_plan_folder(tmp_path, example.plan_id))
    path = tmp_path / "snapshot.yaml"
    path.write_text(example.text, encoding="utf-8")
    snapshot = status.load_snapshot(path, plan)
    assert snapshot.progress


@pytest.mark.parametrize("example", BASELINES, ids=repr)
def test_baseline_example_loads(example: Example, tmp_path: Path) -> None:
    from planner.planfiles.baseline import load_baseline

    plan = load.load_plan(_plan_folder(tmp_path, example.plan_id))
    path = tmp_path / "baseline.yaml"
    path.write_text(example.text, encoding="utf-8")
    baseline = load_baseline(path, plan)
    assert not baseline.warnings
    assert set(baseline.tasks) == {t.id for t in plan.tasks}


def test_dates_annotated_in_examples_are_the_scheduled_dates(tmp_path: Path) -> None:
    checked = 0
    for example in PLANS:
        marks = ANNOTATION.findall(example.text)
        if not marks:
            continue
        folder = tmp_path / f"line{example.line}"
        folder.mkdir()
        (folder / "plan.yaml").write_text(example.text, encoding="utf-8")
        result = schedule(load.load_plan(folder))
        for task_id, start, finish in marks:
            dates = result.task(task_id)
            assert (dates.start, dates.finish) == (date.fromisoformat(start),
                                                   date.fromisoformat(finish)), (
                f"{DOC.name} line {example.line}: task {task_id}")
            checked += 1
    assert checked >= 10


# -- every key the loader accepts is documented --------------------------------------------------

LOADER_KEYS = {
    "plan.yaml top level": load.TOP_KEYS,
    "plan header": load.PLAN_KEYS,
    "thresholds": load.THRESHOLD_KEYS,
    "risk": load.RISK_KEYS,
    "task": load.TASK_KEYS,
    "dependency mapping": load.LINK_KEYS,
    "quantity": load.QUANTITY_KEYS,
    "snapshot top level": status.TOP_KEYS,
    "progress entry": status.PROGRESS_KEYS,
}
LOADER_CHOICES = {
    "calendar": load.KINDS,
    "lang": load.LANGS,
    "distribution": load.DISTRIBUTIONS,
    "out_of_sequence": load.OUT_OF_SEQUENCE,
    "link type": tuple(t.value for t in load.LinkType),
}


@pytest.mark.parametrize("what", [*LOADER_KEYS, *LOADER_CHOICES])
def test_doc_names_every_key_and_choice(what: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    words = LOADER_KEYS.get(what) or LOADER_CHOICES[what]
    missing = [w for w in words if f"`{w}`" not in text]
    assert not missing, f"{DOC.name} does not mention these {what} keys in backticks: {missing}"


# -- the schemas -------------------------------------------------------------------------------


def _schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _validator(path: Path) -> Draft7Validator:
    return Draft7Validator(_schema(path))


class TypedLoader(yaml.SafeLoader):
    """Numbers and booleans typed, dates left as text: roughly the editor's reading."""


TypedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml(path: Path, loader: type[yaml.SafeLoader] | type[yaml.BaseLoader] = yaml.BaseLoader,
          ) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _errors(validator: Draft7Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


# the objects each schema describes, by where they sit in it, and the loader's keys for them
SCHEMA_OBJECTS = {
    PLAN_SCHEMA: {
        "": load.TOP_KEYS,
        "header": load.PLAN_KEYS,
        "thresholds": load.THRESHOLD_KEYS,
        "risk": load.RISK_KEYS,
        "task": load.TASK_KEYS,
        "link_mapping": load.LINK_KEYS,
        "quantity": load.QUANTITY_KEYS,
    },
    STATUS_SCHEMA: {
        "": status.TOP_KEYS,
        "progress": status.PROGRESS_KEYS,
    },
}


def _objects(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The root ("") and every definition that lists an object's properties."""
    found = {"": schema}
    found.update({name: d for name, d in schema.get("definitions", {}).items()
                  if "properties" in d})
    return found


@pytest.mark.parametrize("path", [PLAN_SCHEMA, STATUS_SCHEMA], ids=lambda p: p.name)
def test_schema_is_valid_draft7(path: Path) -> None:
    schema = _schema(path)
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("path", [PLAN_SCHEMA, STATUS_SCHEMA], ids=lambda p: p.name)
def test_schema_properties_are_the_loader_keys(path: Path) -> None:
    objects = _objects(_schema(path))
    expected = SCHEMA_OBJECTS[path]
    assert objects.keys() == expected.keys()
    for name, keys in expected.items():
        obj = objects[name]
        assert set(obj["properties"]) == set(keys), name or "root"
        # the loader refuses unknown keys in every one of them
        assert obj["additionalProperties"] is False, name or "root"
    required = {"plan", "tasks"} if path == PLAN_SCHEMA else {"plan", "date"}
    assert set(objects[""]["required"]) == required


def test_schema_choices_are_the_loader_choices() -> None:
    plan = _schema(PLAN_SCHEMA)["definitions"]
    head = plan["header"]["properties"]
    assert head["calendar"]["enum"] == list(load.KINDS)
    assert head["lang"]["enum"] == list(load.LANGS)
    assert head["out_of_sequence"]["enum"] == list(load.OUT_OF_SEQUENCE)
    assert plan["risk"]["properties"]["distribution"]["enum"] == list(load.DISTRIBUTIONS)
    assert plan["task"]["properties"]["distribution"]["enum"] == list(load.DISTRIBUTIONS)
    link_type = plan["link_mapping"]["properties"]["type"]["anyOf"][0]["enum"]
    assert link_type == [t.value for t in load.LinkType]


@pytest.mark.parametrize("path", [PLAN_SCHEMA, STATUS_SCHEMA], ids=lambda p: p.name)
def test_every_property_has_a_title_and_description_in_english_then_chinese(path: Path,
                                                                              ) -> None:
    for name, obj in _objects(_schema(path)).items():
        for key, prop in obj["properties"].items():
            for field in ("title", "description"):
                text = prop.get(field, "")
                han = CJK.search(text)
                latin = re.search(r"[A-Za-z]", text)
                assert han and latin and latin.start() < han.start(), (
                    f"{path.name}: {name or 'root'}.{key} needs a {field} in English, "
                    f"then Chinese: {text!r}")


BUNDLED_FILES = [
    (PLAN_SCHEMA, BUNDLED / "plan.yaml"),
    (PLAN_SCHEMA, STATUS_FIXTURES / "plan.yaml"),
    (STATUS_SCHEMA, STATUS_FIXTURES / "good.yaml"),
    *((STATUS_SCHEMA, p) for p in sorted((BUNDLED / "status").glob("*.yaml"))),
]


READINGS = [yaml.BaseLoader, TypedLoader]


@pytest.mark.parametrize("loader", READINGS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(("schema", "path"), BUNDLED_FILES,
                         ids=lambda x: str(x.relative_to(ROOT)))
def test_bundled_files_validate(schema: Path, path: Path, loader: type[yaml.BaseLoader]) -> None:
    assert not _errors(_validator(schema), _yaml(path, loader))


@pytest.mark.parametrize("loader", READINGS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("example", [*PLANS, *SNAPSHOTS], ids=repr)
def test_doc_examples_validate(example: Example, loader: type[yaml.BaseLoader]) -> None:
    schema = PLAN_SCHEMA if example.kind == "plan" else STATUS_SCHEMA
    assert not _errors(_validator(schema), yaml.load(example.text, Loader=loader))


def test_schema_comments_in_the_doc_point_at_the_schemas() -> None:
    text = DOC.read_text(encoding="utf-8")
    found = dict.fromkeys(re.findall(r"# yaml-language-server: \$schema=(\S+)", text))
    assert list(found) == ["../../docs/plan.schema.json", "../../../docs/status.schema.json"]
    assert (BUNDLED / "../../docs/plan.schema.json").resolve() == PLAN_SCHEMA
    assert (BUNDLED / "status" / "../../../docs/status.schema.json").resolve() == STATUS_SCHEMA


# Structural mistakes: the schema rejects them, at these places (error paths cut to three
# levels), for the reason each fixture is about.
STRUCTURAL = {
    # unknown keys in the header and in a task
    ERRORS / "unknown-key.yaml": {("plan",), ("tasks", 0)},
    # plan start missing, a task without a name, a leaf task without any length
    ERRORS / "missing-key.yaml": {("plan",), ("tasks", 0), ("tasks", 1)},
    # `tasks:` is a mapping, not a list
    ERRORS / "wrong-types.yaml": {("tasks",)},
    # `duration` together with `finish`
    ERRORS / "duration-and-finish.yaml": {("tasks", 0)},
    # `finish` without `start`
    ERRORS / "finish-without-start.yaml": {("tasks", 0)},
    # a summary task with `duration` and `milestone`
    ERRORS / "summary-duration.yaml": {("tasks", 0)},
    # month 13 and 30/06/2023 fail the date pattern; 2023-02-30 passes it (month lengths
    # are the loader's business)
    ERRORS / "bad-dates.yaml": {("tasks", 1, "deadline"), ("tasks", 2, "start")},
    # -3, ten, 1:30 and 2.5 are not durations
    ERRORS / "bad-durations.yaml": {("tasks", i, "duration") for i in range(4)},
    # 'a FS+x', type XS, 'a QQ' and lag 'soon'
    ERRORS / "bad-links.yaml": {("tasks", 1, "after"), ("tasks", 2, "after")},
    # calendar 'chinese', the key 'ower', budget 三十万 (the unknown predecessor 'bb' is not
    # structural)
    ERRORS / "many-errors.yaml": {("plan", "calendar"), ("tasks", 0), ("tasks", 2, "budget")},
    # tags must be single values, not nested lists (the aliases themselves are a YAML
    # matter: BaseLoader shares the nodes, the planner refuses them)
    ERRORS / "alias-bomb.yaml": {("tasks", 0, "tags"), ("tasks", 1, "tags")},
    # progress entries that contradict themselves
    STATUS_FIXTURES / "bad" / "finished-without-started.yaml": {("progress", "survey")},
    STATUS_FIXTURES / "bad" / "percent-100-without-finished.yaml": {("progress", "design")},
    STATUS_FIXTURES / "bad" / "percent-out-of-range.yaml": {
        ("progress", "design", "percent"), ("progress", "build", "percent")},
    STATUS_FIXTURES / "bad" / "progress-without-started.yaml": {("progress", "build")},
}

# Out of scope for a schema: these need the whole plan (ids, the network, the data date) or
# the YAML parser, so they pass it and only `planner validate` reports them — a dependency
# cycle, an unknown predecessor or progress task, a duplicate task id (duplicate-id.yaml
# fails the schema only by accident: the loader drops the duplicate child, the schema sees a
# summary with a duration), a key written twice (BaseLoader keeps the last, as YAML does),
# YAML syntax (yaml-syntax.yaml cannot be parsed at all), dates compared with each other or
# with the data date, `done` against the task's quantity, progress on a summary task, and a
# snapshot of another plan.
BEYOND_SCHEMA = [
    ERRORS / "cycle.yaml",
    ERRORS / "unknown-predecessor.yaml",
    ERRORS / "duplicate-key.yaml",
    *(STATUS_FIXTURES / "bad" / f"{name}.yaml" for name in (
        "unknown-task", "summary-progress", "plan-mismatch", "date-after-data-date",
        "finished-before-started", "done-above-total", "done-without-quantity",
        "data-date-too-early")),
]


def _schema_for(path: Path) -> Path:
    return STATUS_SCHEMA if path.parent.name == "bad" else PLAN_SCHEMA


@pytest.mark.parametrize("path", list(STRUCTURAL), ids=lambda p: p.stem)
def test_structural_mistakes_fail_the_schema(path: Path) -> None:
    errors = list(_validator(_schema_for(path)).iter_errors(_yaml(path)))
    assert {tuple(e.absolute_path)[:3] for e in errors} == STRUCTURAL[path], [
        f"{list(e.absolute_path)}: {e.message[:120]}" for e in errors]


@pytest.mark.parametrize("path", BEYOND_SCHEMA, ids=lambda p: p.stem)
def test_mistakes_beyond_the_schema_pass_it(path: Path) -> None:
    assert not _errors(_validator(_schema_for(path)), _yaml(path))
