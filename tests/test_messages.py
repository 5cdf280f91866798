"""Every message the library says about a user's files speaks the user's language: each
finding is built from a key of the i18n tables (`Diagnostic.said`), and no English sentence
reaches a Chinese user (issue 21, point 8)."""

from __future__ import annotations

import ast
import re
import shutil
import string
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import planner
from planner import Project
from planner.domain.diagnostics import Diagnostic
from planner.i18n import diagnostics as diagnostic_labels
from planner.i18n.labels import _LABELS, has_label

PACKAGE = Path(planner.__file__).parent
FIXTURES = Path(__file__).parent / "fixtures"

# Modules whose findings are still written in place, each for a reason said here; the test
# below fails when one of them no longer needs to be listed.
WRITTEN_IN_PLACE: set[str] = set()  # none: every finding is said through a key


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        yield name, ast.parse(path.read_text(encoding="utf-8"), name)


def _called(node: ast.Call) -> str:
    """The name a call is made through: `Diagnostic`, `said`, `of`, `error`, …"""
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _receiver(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Attribute):
        v = f.value
        return v.id if isinstance(v, ast.Name) else v.attr if isinstance(v, ast.Attribute) \
            else ""
    return ""


# -- (a) every finding is said through a key ----------------------------------------------------


def test_no_finding_is_written_in_place() -> None:
    """No `Diagnostic(...)` with its message written in the code: every finding goes
    through `Diagnostic.said` (only domain/diagnostics.py builds them directly)."""
    found: dict[str, list[int]] = {}
    for name, tree in _modules():
        if name == "domain/diagnostics.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "Diagnostic" \
                    and _receiver(node) == "":
                found.setdefault(name, []).append(node.lineno)
    assert set(found) <= WRITTEN_IN_PLACE, {k: v for k, v in found.items()
                                            if k not in WRITTEN_IN_PLACE}


def _keys_used() -> Iterator[tuple[str, int, ast.expr]]:
    """(module, line, key expression) of every message key the code names: the key of
    `Diagnostic.said`, `Phrase.of`, `Invalid`, `hinted`, and a YAML reader's `error`."""
    for name, tree in _modules():
        if name in WRITTEN_IN_PLACE:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called, args = _called(node), node.args
            if called == "said" and _receiver(node) == "Diagnostic" and len(args) >= 2:
                yield name, node.lineno, args[1]
            elif args and ((called == "of" and _receiver(node) == "Phrase")
                           or (called == "said" and _receiver(node) == "OutputError")
                           or called in ("Invalid", "hinted", "warn")):
                yield name, node.lineno, args[0]
            elif called == "error" and name.startswith("planfiles/") and len(args) >= 2:
                yield name, node.lineno, args[1]


def _literal_parts(node: ast.expr) -> list[str] | None:
    """The texts a key expression can be: a literal, each branch of `a if c else b`, or
    the literal start of an f-string (checked as a prefix); None for a computed key."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, other = _literal_parts(node.body), _literal_parts(node.orelse)
        return None if body is None or other is None else body + other
    if isinstance(node, ast.JoinedStr) and node.values \
            and isinstance(node.values[0], ast.Constant):
        return [str(node.values[0].value) + "*"]
    return None


def test_every_key_the_code_names_is_in_the_tables_in_both_languages() -> None:
    missing, literal = [], 0
    for name, line, node in _keys_used():
        for key in _literal_parts(node) or []:
            literal += 1
            if key.endswith("*"):
                ok = any(k.startswith(key[:-1]) for k in _LABELS)
            else:
                ok = has_label(key) and all(_LABELS[key])
            if not ok:
                missing.append(f"{name}:{line} {key}")
    assert literal > 120  # the scan sees the code's keys
    assert missing == []


# None: the command line's own output errors are said in the run's language when raised.
OUTPUT_ERRORS_IN_PLACE: set[str] = set()


def test_no_output_error_is_written_in_place() -> None:
    """An OutputError a user reads is said through a key (`OutputError.said`), so the
    command line can say it in Chinese (`in_lang`)."""
    found = {name: node.lineno for name, tree in _modules() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and _called(node) == "OutputError"
             and _receiver(node) == "" and node.args
             and isinstance(node.args[0], ast.Constant | ast.JoinedStr)}
    assert set(found) == OUTPUT_ERRORS_IN_PLACE, found


def test_an_output_error_is_said_in_both_languages(tmp_path: Path) -> None:
    from planner.support.safewrite import OutputError, write_atomic

    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "missing" / "out.csv", "x")
    assert str(caught.value) == (f"cannot write {tmp_path / 'missing' / 'out.csv'}: the folder "
                                 f"{tmp_path / 'missing'} does not exist")
    assert caught.value.in_lang("zh") == (f"无法写入 {tmp_path / 'missing' / 'out.csv'}：文件夹 "
                                          f"{tmp_path / 'missing'} 不存在")
    assert OutputError("written in place").in_lang("zh") == "written in place"


def test_the_list_of_modules_written_in_place_is_not_stale() -> None:
    sources = {name for name, _ in _modules()}
    assert sources >= WRITTEN_IN_PLACE


# -- (b), (c) the Chinese of every message ------------------------------------------------------

# English a Chinese message may hold: names of formats and programs, and what the user types
# (quoted “…” YAML keys and values, options and commands, file names) — nothing else.
ALLOWED = re.compile(
    r"“[^”]*”"  # quoted: a YAML key, a value, an example
    r"|\{[^{}]*\}"  # a placeholder
    r"|--[a-z-]+|planner(?: [a-z]+(?: [a-z-]+)*)?"  # an option, a command, the program
    r"|[\w./-]*\.(?:yaml|md|xlsx|xml)\b|\b[a-z]+/"  # a file or folder name
    r"|(?<![A-Za-z])(?:YAML|CSV|xlsx|ISO|MS Project|XML|UTF-8|MiB|MB|Excel|WPS|Tab|NUL|OpenDocument"
    r"|UID|DTD|Word|PowerPoint|MPXJ|Java|ProjectLibre|Primavera|GanttProject|GBK|GB18030"
    r"|YYYY-MM-DD|YYYY-MM|FS|SS|FF|SF|cn|weekdays|alldays|\d+[dw])(?![A-Za-z])")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(zh: str) -> list[str]:
    """The English words of a Chinese text outside what it may hold (ALLOWED)."""
    return ENGLISH_WORD.findall(ALLOWED.sub(" ", zh))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _message_keys() -> set[str]:
    """Every key of the diagnostics table, and every key a finding's code names elsewhere
    (the table reader's x.*, the spreadsheet refusals' form.*)."""
    keys = set(diagnostic_labels.LABELS)
    # the spreadsheet readers' own findings, warnings and hints (named in tables of keys too)
    keys |= {k for k in _LABELS if k.startswith(("x.msg.", "x.hint.", "x.warn.", "x.sheets."))}
    for _, _, node in _keys_used():
        for key in _literal_parts(node) or []:
            if not key.endswith("*"):
                keys.add(key)
                if has_label(key + ".hint"):
                    keys.add(key + ".hint")
    return {k for k in keys if has_label(k)}


def test_the_checker_finds_english_and_lets_pass_what_the_user_types() -> None:
    assert english_words("任务“a”没有工期") == []
    assert english_words("请补充“start:”，或改填“duration: 5”") == []
    assert english_words("{what}中有未知的键“{name}”") == []
    assert english_words("请用 planner baseline --force 重新核定；见 docs/plan-format.md") == []
    assert english_words("任务 has no duration") == ["has", "no", "duration"]
    assert english_words("{what}: tasks are nested") == ["tasks", "are", "nested"]


@pytest.mark.parametrize("key", sorted(_message_keys()))
def test_every_message_is_chinese_with_the_english_placeholders(key: str) -> None:
    zh, en = _LABELS[key]
    assert english_words(zh) == [], (key, zh)
    assert zh != en, key
    assert placeholders(zh) == placeholders(en), key


def test_every_message_key_and_hint_come_in_pairs() -> None:
    """A hint (KEY.hint) belongs to a message KEY of the same table."""
    labels = diagnostic_labels.LABELS
    orphans = [k for k in labels if k.endswith(".hint") and k[:-5] not in labels
               and k != "diag.hint"]  # (the word "hint" itself)
    assert orphans == []


# -- (d) real findings, said in Chinese ----------------------------------------------------------


def _findings(tmp_path: Path) -> list[Diagnostic]:
    """The findings of every bad plan and bad snapshot of the test fixtures."""
    found: list[Diagnostic] = []
    for plan in sorted((FIXTURES / "errors").glob("*.yaml")):
        found.extend(Project.diagnose(plan))
    good = FIXTURES / "status" / "plan.yaml"
    for bad in sorted((FIXTURES / "status" / "bad").glob("*.yaml")):
        folder = tmp_path / bad.stem
        (folder / "status").mkdir(parents=True)
        shutil.copy(good, folder / "plan.yaml")
        shutil.copy(bad, folder / "status" / "2023-07-31.yaml")
        found.extend(Project.diagnose(folder))
    return found


def test_real_findings_are_said_in_chinese(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    assert len(found) > 60 and len({d.key for d in found}) > 30  # a broad sample
    for d in found:
        assert d.key, d.render()  # said through a key
        said = d.in_lang("zh")
        for text in (said.message, said.hint):
            # user text (ids, values) is quoted “…” or is a file's name: what is left is ours
            words = english_words(text.replace(str(d.location.file), ""))
            assert words == [] or _only_user_text(d, words), (d.render("zh"), words)
        assert said.message != d.message
        rendered = d.render("zh")
        assert "error:" not in rendered and "hint:" not in rendered
        assert ("错误：" in rendered or "警告：" in rendered) and f"[{d.code}]" in rendered


def _only_user_text(d: Diagnostic, words: list[str]) -> bool:
    """Words that come from the user's file (ids, names, units), filled in as values; not
    from words of ours or of a parser (`problem`, `reason`: those must be said in Chinese)."""
    values = " ".join(str(v) for k, v in d.values
                      if isinstance(v, str) and k not in ("problem", "reason", "context"))
    return all(w in values for w in words)


def test_a_finding_said_in_chinese_renders_the_official_way(tmp_path: Path) -> None:
    (d,) = [d for d in Project.diagnose(FIXTURES / "errors" / "finish-without-start.yaml")]
    assert d.render("zh").endswith(
        "：错误：任务“a”填写了“finish”，但没有“start” [finish-without-start]\n"
        "  提示：请补充“start:”（计划完成日期需有计划开始日期），或改填“duration:”")
    assert d.render() .endswith(
        ": error: task 'a' has 'finish' but no 'start' [finish-without-start]\n"
        "  hint: add 'start:' (a planned finish needs a planned start), or give a 'duration:' "
        "instead")


def test_the_validate_table_for_people_says_findings_in_their_language() -> None:
    from planner.render.validate import validate_view

    found = Project.diagnose(FIXTURES / "errors" / "finish-without-start.yaml")
    zh = validate_view(found, None, "zh")
    assert zh.records is not None
    (row,) = zh.records.rows
    assert "任务“a”填写了“finish”，但没有“start”" in row and any(
        isinstance(c, str) and c.startswith("请补充“start:”") for c in row)
    (en,) = validate_view(found, None, "en").records.rows  # type: ignore[union-attr]
    assert "task 'a' has 'finish' but no 'start'" in en
    # the JSON for scripts keeps the stable English text
    assert zh.data["diagnostics"][0]["message"] == "task 'a' has 'finish' but no 'start'"


def test_the_librarys_refusals_of_a_value_are_said_in_both_languages() -> None:
    from planner import ArgumentError, UnknownId
    from tests.conftest import BUNDLED

    project = Project.open(BUNDLED)
    with pytest.raises(UnknownId) as unknown:
        project.track().task("water-meter")
    assert str(unknown.value) == "there is no task 'water-meter'; did you mean 'water-meters'?"
    assert unknown.value.in_lang("zh") == "没有任务“water-meter”；是否应为“water-meters”？"
    with pytest.raises(ArgumentError) as logic:
        project.track(logic="sideways")
    assert str(logic.value).startswith("unknown logic 'sideways'; choose retained or ")
    assert logic.value.in_lang("zh").startswith("未知的逻辑 'sideways'；请选择 retained或")
    with pytest.raises(ArgumentError) as field:
        project.record(date(2023, 11, 30), {"water-meters": {"note": 5}})
    assert str(field.value) == "note of task 'water-meters' must be str, not int"
    assert field.value.in_lang("zh") == "任务 'water-meters' 的“note”须为 str，现为 int"
    assert ArgumentError("written in place").in_lang("zh") == "written in place"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_in_chinese_is_refused_in_chinese(tmp_path: Path, lang: str) -> None:
    """The plan's `lang:` is known before its tasks are: its findings carry it
    (`PlanError.lang`) to the command line, which says them in it."""
    from tests.conftest import invoke, write_plan

    write_plan(tmp_path, "- {id: a, name: 甲, finish: 2023-07-10}\n",
               f"plan:\n  id: t\n  name: 测试\n  start: 2023-07-03\n  lang: {lang}\n")
    result = invoke(["validate", str(tmp_path)])
    assert result.exit_code == 1
    if lang == "zh":
        assert "：错误：任务“a”填写了“finish”，但没有“start” [finish-without-start]" \
            in result.stderr
        assert "提示：请补充“start:”" in result.stderr
    else:
        assert ": error: task 'a' has 'finish' but no 'start'" in result.stderr
