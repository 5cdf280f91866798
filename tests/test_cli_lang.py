"""The command line speaks the user's language: help, result lines, errors, click's own
usage messages; `--lang`, then the plan's `lang:`, then the locale, then English."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import click
import pytest

from tests.conftest import BUNDLED, invoke, write_plan

COMMANDS = ("validate", "schedule", "status", "baseline", "update", "forms", "collect", "diff",
            "gantt", "risk", "report", "export", "import", "check", "trend")
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# What a Chinese text may carry in Latin letters: names of options, files, formats and
# programs, values typed as they are (table, retained), metrics' names; not a sentence.
ALLOWED = re.compile(
    r"--?[a-z][a-z-]*|<[^>]*>|\[[^\]]*\]|'[^']*'|“[^”]*”|[\w./-]*/[\w./<>-]*|"
    r"\w+\.(yaml|yml|xlsx|csv|html|json|md|xml)\b|MS Project XML|Monte Carlo|Excel/WPS")


def english_sentence(text: str) -> str | None:
    """The first run of three English words in ``text`` once the allowed names are out."""
    rest = ALLOWED.sub(" ", text)
    found = re.search(r"\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b", rest)
    return found.group(0) if found else None


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test says which locale it runs in; this one is neither Chinese nor English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def zh_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def english_plan(tmp_path: Path) -> Path:
    write_plan(tmp_path, "- id: a\n  name: Survey\n  duration: 5\n")
    return tmp_path


# -- (a) help ----------------------------------------------------------------------------------


def test_help_of_the_app_and_every_command_is_chinese_in_a_chinese_locale(
        monkeypatch: pytest.MonkeyPatch) -> None:
    zh_locale(monkeypatch)
    for args in ([], *([c] for c in COMMANDS)):
        result = invoke([*args, "--help"])
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert out.startswith("用法：planner"), out
        assert english_sentence(out) is None, (args, english_sentence(out), out)
        assert "Usage" not in out and "Options:" not in out and "[OPTIONS]" not in out
        if args:
            assert "选项：" in out and "显示本帮助后退出。" in out
    schedule = invoke(["schedule", "--help"]).stdout
    assert "用法：planner schedule [选项] 计划" in schedule
    assert "--at 日期" in invoke(["status", "--help"]).stdout  # a value's name, in Chinese
    assert "--band 下限,上限" in invoke(["risk", "--help"]).stdout
    assert "--owner 责任单位" in invoke(["status", "--help"]).stdout


def test_help_in_english_has_no_chinese() -> None:
    for args in ([], *([c] for c in COMMANDS)):
        out = invoke([*args, "--help"]).stdout
        assert CHINESE.search(out) is None, (args, out)
        assert out.startswith("Usage: planner")
    assert "Usage: planner schedule [OPTIONS] PLAN" in invoke(["schedule", "--help"]).stdout


def test_chinese_help_lines_fit_the_terminal_by_their_width(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.render.terminal import width

    zh_locale(monkeypatch)
    for command in COMMANDS:
        out = invoke([command, "--help"], terminal_width=80).stdout
        assert max(width(line) for line in out.splitlines()) <= 80, command


def test_every_help_is_a_label_in_both_languages() -> None:
    """No help text is written in place: each is a key of the cli area, so it has Chinese."""
    import typer

    from planner.cli.main import app
    from planner.i18n.labels import has_label

    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    helps = [group.help]
    for command in group.commands.values():
        helps.append(command.help)
        helps += [getattr(p, "help", None) for p in command.params
                  if getattr(p, "help", None) is not None and p.name != "help"]
    helps += [p.help for p in group.params if isinstance(p, click.Option) and p.name != "help"]
    unlabelled = [h for h in helps if not (h and h.startswith("cli.") and has_label(h))]
    assert unlabelled == []


# -- (b) the label area ----------------------------------------------------------------------


def test_every_cli_label_has_both_languages_with_the_same_placeholders() -> None:
    from planner.i18n import cli

    assert len(cli.LABELS) > 100
    for key, (zh, en) in cli.LABELS.items():
        assert key.startswith("cli.") and zh and en, key
        assert set(re.findall(r"\{(\w+)", zh)) == set(re.findall(r"\{(\w+)", en)), key
        if not key.startswith("cli.metavar."):
            assert zh != en, key
            assert CHINESE.search(en) is None, key


def _marked_by_click() -> set[str | tuple[str, str]]:
    """Every string click and typer mark for gettext, read from their source."""
    import typer.core

    found: set[str | tuple[str, str]] = set()
    files = [*Path(click.__file__).parent.glob("*.py"), Path(typer.core.__file__)]
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                texts = [a.value for a in node.args
                         if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if node.func.id == "_" and len(texts) == 1:
                    found.add(texts[0])
                elif node.func.id == "ngettext" and len(texts) == 2:
                    found.add((texts[0], texts[1]))
    return found


def test_the_click_catalog_translates_every_string_click_marks() -> None:
    from planner.cli.language import _catalog

    catalog = _catalog()
    marked = _marked_by_click()
    assert "Missing argument" in marked and len(marked) > 50
    for text in marked:
        if isinstance(text, tuple):
            said = catalog.ngettext(text[0], text[1], 2)
            names = set(re.findall(r"\{(\w+)", text[0] + text[1]))
            assert said not in text, text
        else:
            said = catalog.gettext(text)
            names = set(re.findall(r"\{(\w+)", text)) | set(re.findall(r"%\((\w+)\)", text))
            assert said != text, text
        assert set(re.findall(r"\{(\w+)", said)) <= names, (text, said)  # no KeyError
        assert CHINESE.search(said), said


# -- (c) errors ----------------------------------------------------------------------------------


def _no_english(text: str) -> None:
    assert english_sentence(text) is None, (english_sentence(text), text)


def test_a_bad_option_value_is_a_chinese_usage_error_for_a_chinese_plan() -> None:
    result = invoke(["schedule", str(BUNDLED), "--format", "xml"])
    assert result.exit_code == 2
    assert "错误：'--format' / '-f' 的值无效：“xml”不是可选的值" in result.stderr
    assert "提示：运行“planner schedule --help”查看帮助。" in result.stderr
    _no_english(result.stderr)


def test_unknown_command_and_missing_argument_in_a_chinese_locale(
        monkeypatch: pytest.MonkeyPatch) -> None:
    zh_locale(monkeypatch)
    result = invoke(["rsik"])
    assert result.exit_code == 2 and "错误：没有命令“rsik”。" in result.stderr
    _no_english(result.stderr)
    result = invoke(["schedule"])
    assert result.exit_code == 2 and "错误：缺少参数 '计划'" in result.stderr
    _no_english(result.stderr)
    result = invoke(["schedule", str(BUNDLED), "--nope"])
    assert result.exit_code == 2 and "错误：没有选项“--nope”。" in result.stderr


def test_an_unknown_metric_is_said_in_chinese() -> None:
    result = invoke(["check", str(BUNDLED), "--fail-on", "logic,speed"])
    assert result.exit_code == 2
    assert "错误：--fail-on 的值无效：“logic,speed”中有未知的指标；可写 any、1-14" in result.stderr
    assert "negative-float" in result.stderr


def test_a_plan_with_an_error_is_reported_in_chinese(tmp_path: Path) -> None:
    write_plan(tmp_path, "- id: a\n  name: 甲\n  duration: 2\n- id: a\n  name: 乙\n"
               "  duration: 2\n", "plan:\n  id: t\n  name: 测试\n  start: 2023-07-03\n"
               "  lang: zh\n")
    result = invoke(["schedule", str(tmp_path)])
    assert result.exit_code == 1
    assert "：错误：任务编号“a”重复使用" in result.stderr
    assert "  提示：请为每项任务设置不同的编号" in result.stderr
    assert result.stderr.strip().endswith("共 1 个错误；未作任何修改。")
    _no_english(result.stderr)


def test_an_output_error_is_said_in_chinese(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.csv"
    result = invoke(["schedule", str(BUNDLED), "-f", "csv", "-o", str(target)])
    assert result.exit_code == 1
    # (after the notes on the tasks the plan waits on in the county's plan)
    assert result.stderr.endswith(f"\n错误：无法写入 {target}：文件夹 {target.parent} 不存在\n")
    assert all(line.startswith("提示：") for line in result.stderr.splitlines()[:-1])
    english = invoke(["schedule", str(BUNDLED), "-f", "csv", "-o", str(target), "--lang", "en"])
    assert english.stderr.endswith(f"\nerror: cannot write {target}: the folder "
                                   f"{target.parent} does not exist\n")  # as the library's


def test_a_missing_plan_folder_is_framed_in_chinese(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    zh_locale(monkeypatch)
    result = invoke(["schedule", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere'}：错误：" in result.stderr
    assert "\n  提示：" in result.stderr
    assert result.stderr.strip().endswith("共 1 个错误；未作任何修改。")


def test_a_missing_plan_folder_has_no_english_sentence(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    zh_locale(monkeypatch)
    _no_english(invoke(["schedule", str(tmp_path / "nowhere")]).stderr)


def test_result_lines_follow_the_plan(tmp_path: Path) -> None:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED, plan)
    (plan / "baseline.yaml").unlink(missing_ok=True)
    result = invoke(["baseline", str(plan), "--date", "2023-07-01"])
    assert result.exit_code == 0, result.stderr
    saved = f"{plan / 'baseline.yaml'}：基线已保存（55 项任务，批准日期 2023-07-01）"
    assert saved in result.stdout
    update = invoke(["update", str(plan), "econ-revenue", "--at", "2023-11-07",
                     "--percent", "90"])
    assert update.exit_code == 0, update.stderr
    assert "已更新 econ-revenue（完成百分比 " in update.stdout and "→ 90）" in update.stdout


# -- (d) --flag in Chinese -------------------------------------------------------------------


def test_flag_accepts_the_chinese_name_and_filters_like_the_english_one() -> None:
    from planner.i18n.labels import label

    english = invoke(["status", str(BUNDLED), "--flag", "slipping", "-f", "json"])
    chinese = invoke(["status", str(BUNDLED), "--flag", label("flag.slipping", "zh"),
                      "-f", "json"])
    assert label("flag.slipping", "zh") == "拖期"
    assert english.exit_code == chinese.exit_code == 0
    rows = json.loads(chinese.stdout)["tasks"]
    assert rows and json.loads(english.stdout)["tasks"] == rows
    assert all("slipping" in json.dumps(r) for r in rows)
    wrong = invoke(["status", str(BUNDLED), "--flag", "拖延"])
    assert wrong.exit_code == 2 and "没有预警“拖延”；可选：未报送、已超期、将超期" in wrong.stderr


# -- (e) which language ----------------------------------------------------------------------


def test_an_english_plan_speaks_english_in_a_chinese_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's language wins for a run about the plan: its tables are in that language,
    and the messages around them follow (one run, one language)."""
    zh_locale(monkeypatch)
    plan = english_plan(tmp_path)
    help_text = invoke(["schedule", str(plan), "--help"]).stdout
    assert help_text.startswith("Usage: planner schedule") and not CHINESE.search(help_text)
    result = invoke(["schedule", str(plan), "--format", "xml"])
    assert "Error: Invalid value for '--format'" in result.stderr
    assert not CHINESE.search(result.stderr)
    # --lang decides over the plan; without a plan, the locale
    assert "用法：" in invoke(["schedule", str(plan), "--lang", "zh", "--format", "x"]).stderr
    assert invoke(["--help"]).stdout.startswith("用法：")


def test_a_chinese_plan_speaks_chinese_in_an_english_locale() -> None:
    result = invoke(["status", str(BUNDLED), "--at", "2023-13-01"])
    assert result.exit_code == 2
    assert "错误：'--at' 的值无效：“2023-13-01”不是有效日期" in result.stderr
    result = invoke(["schedule", str(BUNDLED), "--lang", "en", "--format", "xml"])
    assert "Error: Invalid value" in result.stderr and not CHINESE.search(result.stderr)


def test_locale_rule() -> None:
    from planner.cli.language import locale_lang

    assert locale_lang({"LANG": "zh_CN.UTF-8"}, "linux") == "zh"
    assert locale_lang({"LANG": "zh_TW.Big5"}, "linux") == "zh"
    assert locale_lang({"LANG": "en_US.UTF-8"}, "linux") == "en"
    assert locale_lang({"LANG": "C.UTF-8"}, "linux") is None
    assert locale_lang({}, "linux") is None
    assert locale_lang({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "linux") == "en"
    assert locale_lang({"LC_MESSAGES": "zh_CN.GBK", "LANG": "en_US"}, "linux") == "zh"


def test_windows_without_locale_variables_asks_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.cli import language

    monkeypatch.setattr(language, "windows_locale", lambda: "zh_CN")
    assert language.locale_lang({}, "win32") == "zh"
    assert language.locale_lang({}, "linux") is None
    assert language.locale_lang({"LANG": "en_US"}, "win32") == "en"


def test_the_plan_header_is_read_for_its_language_alone() -> None:
    from planner.planfiles.header import header_lang

    assert header_lang((BUNDLED / "plan.yaml").read_text(encoding="utf-8")) == "zh"
    assert header_lang("plan:\n  id: x\n  thresholds:\n    slip: 3\n  lang: zh\ntasks:\n") \
        == "zh"
    assert header_lang("# comment\nplan:\n  id: x\n  holidays:\n    - 2023-10-02\n"
                       "tasks:\n  - id: a\n    lang: zh\n") == "en"  # no lang: the default
    assert header_lang("plan:\n  lang: fr\ntasks:\n") is None  # the loader says what is wrong
    assert header_lang("plan: {id: x, lang: zh}\n") is None


def test_deciding_finds_the_plan_after_options() -> None:
    import typer

    from planner.cli import language
    from planner.cli.main import _app_for

    group = typer.main.get_command(_app_for(["status"]))
    assert isinstance(group, click.Group)
    status = group.commands["status"]
    assert language.plan_argument(["--at", "2023-11-07", "-f", "json", str(BUNDLED)],
                                  status) == str(BUNDLED)
    assert language.plan_argument(["--critical", "x"], status) == "x"
    assert language.decide(["status", "--at", "2023-11-07", str(BUNDLED)], status) == \
        ("zh", False)
    assert language.decide(["status", str(BUNDLED), "--lang=en"], status) == ("en", True)


# -- the outputs' errors: one sentence, in the tables, the same in English ---------------------


def _output_errors(tmp_path: Path) -> list[Exception]:
    import errno
    import sys

    from planner.support import safewrite

    caught: list[Exception] = []

    def catch(call: object, *args: object) -> None:
        try:
            call(*args)  # type: ignore[operator]
        except safewrite.OutputError as exc:
            caught.append(exc)

    (tmp_path / "folder").mkdir()
    catch(safewrite.write_atomic, "", "x")  # an empty name, as a caller may pass it
    catch(safewrite.write_atomic, tmp_path / "missing" / "x.csv", "x")
    catch(safewrite.write_atomic, tmp_path / "folder", "x")
    catch(safewrite.write_atomic, tmp_path / "in.yaml", "x", [tmp_path / "in.yaml"])
    catch(safewrite.distinct, [tmp_path / "a", tmp_path / "a"])
    (tmp_path / "b").symlink_to(tmp_path / "a")
    catch(safewrite.distinct, [tmp_path / "a", tmp_path / "b"])
    caught.append(safewrite._sentence(tmp_path / "x", OSError(errno.ENOSPC, "No space")))
    saved = sys.stdout
    sys.stdout = None  # type: ignore[assignment]
    try:
        catch(safewrite._to_stream, 1, b"x")
    finally:
        sys.stdout = saved
    return caught


def test_every_output_error_is_a_label_whose_english_is_the_message(tmp_path: Path) -> None:
    from planner.cli import language
    from planner.cli.main import _said

    caught = _output_errors(tmp_path)
    assert len(caught) == 8
    for exc in caught:
        assert getattr(exc, "key", "").startswith("output."), exc
        assert _said(exc) == str(exc)  # English: the library's own sentence
    language.speak("zh")
    try:
        said = [_said(exc) for exc in caught]
    finally:
        language.speak("en")
    assert "磁盘已满" in said[6] and "文件夹" in said[1]
    for text in said:
        _no_english(text)


def test_chinese_help_and_errors_print_whole_on_a_gbk_console(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A Chinese Windows console encodes GBK: every character of the help and of an error
    is one it has (no '?' in place of a character it lacks)."""
    zh_locale(monkeypatch)
    for args in (["--help"], ["update", "--help"], ["schedule", str(tmp_path / "x")]):
        result = invoke(args, encoding="gbk")
        text = result.stdout + result.stderr
        assert "用法" in text or "错误" in text
        assert "?" not in text.replace("？", ""), text


def test_every_line_of_forms_follows_lang_over_the_plans(tmp_path: Path) -> None:
    """`forms --lang en` on a Chinese plan: the record of forms sent is said in English
    too, not in the plan's language (one language a run)."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED, plan)
    result = invoke(["forms", str(plan), "--at", "2023-11-30", "-o", str(tmp_path / "f"),
                     "--owner", "镇治水办", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "1 form(s) recorded as sent" in result.stderr
    assert not re.search("[\u4e00-\u9fff]", result.stderr.replace("镇治水办", ""))
