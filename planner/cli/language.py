"""The language the command line speaks, decided once before anything is said.

The rule: `--lang` on the command line; else the `lang:` of the plan the command is about
(read from plan.yaml's header, and again once the plan is open); else the user's locale
(LC_ALL, LC_MESSAGES, LANG; on Windows, without them, the user's display language); else
English. A plan decides over the locale because its outputs (tables, forms, reports) speak
its language, and one run should not mix two.

Two kinds of text follow it:

- ours (help, result lines, our errors): label keys of the `cli` area of the i18n tables.
  Help is written as keys where commands are defined (typer reads it at import, before the
  language is known); `localize` puts the text in, on the click command built for this run.
- click's own (Usage:, Options:, Missing argument, No such option, Invalid value, Try ...
  for help): click marks them for gettext. The Chinese catalog is a .po file shipped in
  this package (locale/zh_CN/LC_MESSAGES/click.po), read into a `GNUTranslations` (the
  standard library can read only compiled .mo files; a .po is reviewable text and reading it
  takes well under a millisecond). `speak` hands the catalog's `gettext` and `ngettext` to
  the click and typer modules that call them, as `gettext.install` hands one to builtins:
  gettext's own module-level functions follow only the environment's locale, and the
  language here may come from the plan.
"""

from __future__ import annotations

import gettext
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

import click

from planner.i18n.labels import has_label, label

LANGS = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
CATALOG = Path(__file__).parent / "locale" / "zh_CN" / "LC_MESSAGES" / "click.po"


class _Speech:
    """What this run speaks, and whether the command line chose it (then a plan does not)."""

    lang = "en"
    chosen = False


def speech() -> str:
    """The language messages of this run are said in ("zh" or "en")."""
    return _Speech.lang


def speak(lang: str, chosen: bool = False) -> None:
    """Say everything from now on in ``lang``, click's own messages too."""
    _Speech.lang, _Speech.chosen = lang, chosen
    translation: Any = _catalog() if lang == "zh" else None
    for module, name, original in _gettext_users():
        setattr(module, name, original if translation is None else getattr(
            translation, "gettext" if original is gettext.gettext else "ngettext"))


def speak_plan(lang: str) -> None:
    """The opened plan's language, unless `--lang` chose one."""
    if not _Speech.chosen and lang != _Speech.lang:
        speak(lang)


# -- deciding ---------------------------------------------------------------------------------


def decide(argv: Sequence[str], command: click.Command | None) -> tuple[str, bool]:
    """The language of a run of ``argv`` (see the module's rule), and whether `--lang` gave it.

    ``command`` is the command ``argv`` names, when it names one: its first argument is the
    plan folder if the argument is called plan.
    """
    given = argv_lang(argv)
    if given is not None:
        return given, True
    plan = plan_argument(argv[1:], command) if command is not None else None
    lang = plan_lang(plan) if plan is not None else None
    return lang or locale_lang() or "en", False


def argv_lang(argv: Sequence[str]) -> str | None:
    """The value of `--lang` when it is one of the languages (else click says what is wrong)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else \
            arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if value in LANGS:
            return value
    return None


def plan_argument(args: Sequence[str], command: click.Command) -> str | None:
    """The plan folder among a command's ``args``, skipping its options and their values."""
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if not arguments or arguments[0].name not in ("plan", "portfolio"):
        return None
    valued = {name for p in command.params if isinstance(p, click.Option)
              and not p.is_flag and not p.count for name in (*p.opts, *p.secondary_opts)}
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--" or not arg.startswith("-") or arg == "-":
            return None if arg == "--" else arg
        else:
            skip = arg in valued  # `--at DATE`; `--at=DATE` and `-fjson` carry theirs
    return None


def plan_lang(path: str) -> str | None:
    """The language a plan folder's (or plan file's) header states, from its first 64 KiB;
    None when it cannot be told that way (the plan, once open, says)."""
    from planner.planfiles.header import header_lang

    file = Path(path)
    if file.is_dir():  # a plan folder, a portfolio's folder, or a folder of plan folders
        found = [file / "plan.yaml", file / "portfolio.yaml"]
        found += sorted(file.glob("*/plan.yaml"))[:1] if not any(
            f.is_file() for f in found) else []
        file = next((f for f in found if f.is_file()), file / "plan.yaml")
    if not file.is_file():  # a pipe or a device would block or swallow: the loader says
        return None
    try:
        with file.open("rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return None
    section = "portfolio" if file.name == "portfolio.yaml" else "plan"
    said = header_lang(head.decode("utf-8", errors="replace"), section)
    if section == "portfolio" and said == "en" and "lang:" not in head.decode(
            "utf-8", errors="replace"):
        return None  # a portfolio that states no language speaks its plans' or the user's
    return said


def locale_lang(environ: dict[str, str] | os._Environ[str] | None = None,
                platform: str = sys.platform) -> str | None:
    """"zh" or "en" by the user's locale; None when it is neither (or not set)."""
    env = os.environ if environ is None else environ
    name = next((env[v] for v in LOCALE_VARIABLES if env.get(v)), "")
    if not name and platform == "win32":
        name = windows_locale()
    if not name or name in ("C", "POSIX") or name.startswith(("C.", "POSIX.")):
        return None
    return "zh" if name.lower().startswith("zh") else "en"


def windows_locale() -> str:
    """The Windows user's display language as a locale name ("zh_CN"), or ""."""
    import locale

    try:
        import ctypes

        windll: Any = getattr(ctypes, "windll")  # noqa: B009 (Windows only)
        return str(locale.windows_locale.get(windll.kernel32.GetUserDefaultUILanguage(), ""))
    except (AttributeError, OSError):
        return ""


# -- click's own messages ---------------------------------------------------------------------


class PoTranslations(gettext.GNUTranslations):
    """A gettext catalog read from a .po file (msgid, msgid_plural, msgstr, msgstr[n]) instead
    of a compiled .mo: the subset of the format our catalog uses, one string per line."""

    def _parse(self, fp: IO[bytes]) -> None:  # type: ignore[override]
        self._catalog: dict[object, str] = {}
        self.plural: Callable[[int], int] = lambda n: 0  # Chinese: one form
        self._info: dict[str, str] = {}
        self._charset = "utf-8"
        entry: dict[str, str] = {}
        field = ""
        for raw in [*fp.read().decode("utf-8").splitlines(), ""]:
            line = raw.strip()
            found = re.fullmatch(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")', line)
            if found:
                field = found.group(1)
                entry[field] = _unquote(found.group(2))
            elif line.startswith('"') and field:
                entry[field] += _unquote(line)
            elif not line:
                self._add(entry)
                entry, field = {}, ""

    def _add(self, entry: dict[str, str]) -> None:
        msgid = entry.get("msgid")
        if not msgid:  # the header entry, or nothing
            return
        if "msgid_plural" in entry:
            for key, text in entry.items():
                index = re.fullmatch(r"msgstr\[(\d+)\]", key)
                if index and text:
                    self._catalog[(msgid, int(index.group(1)))] = text
        elif entry.get("msgstr"):
            self._catalog[msgid] = entry["msgstr"]


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                  body)


@cache
def _catalog() -> PoTranslations:
    with CATALOG.open("rb") as f:
        return PoTranslations(f)


@cache
def _gettext_users() -> tuple[tuple[Any, str, Any], ...]:
    """(module, name, gettext's function) for every click and typer module that imported
    gettext's `gettext` or `ngettext` under a name (click: `_` and `ngettext`)."""
    import typer.core  # noqa: F401 (its help sections: Arguments, Options)

    found = []
    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] not in ("click", "typer") or module is None:
            continue
        for name, value in list(vars(module).items()):
            if value is gettext.gettext or value is gettext.ngettext:
                found.append((module, name, value))
    return tuple(found)


# -- our help ---------------------------------------------------------------------------------


# The values of help texts that name what is known only at run time (the formats of
# `export`), by key: a function of the language.
HELP_VALUES: dict[str, Callable[[str], dict[str, object]]] = {}


def text(key: str | None, lang: str) -> str | None:
    """A help text written as a label key, in ``lang`` (other text as it is)."""
    if not key or not has_label(key):
        return key
    values = HELP_VALUES.get(key)
    return label(key, lang, **values(lang)) if values else label(key, lang)


def localize(command: click.Command, lang: str) -> None:
    """Put the help of ``command`` (and of its subcommands) in ``lang``: its text, the names
    of values (PLAN, DATE: 计划, 日期) and, in Chinese, a formatter that wraps by width."""
    command.help = text(command.help, lang)
    command.short_help = text(command.short_help, lang)
    command.options_metavar = label("cli.usage.options", lang)
    for param in command.params:
        if hasattr(param, "help"):  # options, and typer's arguments
            param.help = text(param.help, lang)
        if lang == "zh":
            param.metavar = _metavar(param)
    if isinstance(command, click.Group):
        command.subcommand_metavar = label("cli.usage.command", lang)
        for sub in command.commands.values():
            localize(sub, lang)
    if lang == "zh":
        command.context_class = _ZhContext


def _metavar(param: click.Parameter) -> str | None:
    """The Chinese name of a parameter's value in help and errors (None: click's own)."""
    if isinstance(param, click.Argument):
        name = label(f"cli.metavar.{param.name}", "zh") if has_label(
            f"cli.metavar.{param.name}") else (param.name or "").upper()
        name += "..." if param.nargs != 1 else ""
        return name if param.required else f"[{name}]"
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return param.metavar
    if param.metavar is not None:
        key = f"cli.metavar.{param.metavar}"
        return label(key, "zh") if has_label(key) else param.metavar
    if isinstance(param.type, click.Choice):
        return None
    key = f"cli.metavar.{param.type.name.split()[0]}"
    return label(key, "zh") if has_label(key) else None


class _ZhFormatter(click.HelpFormatter):
    """Help in Chinese: lines wrapped by the columns they take (a Chinese character takes two),
    breaking between Chinese characters as well as at spaces."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _catalog().gettext("Usage:") if prefix is None
                            else prefix)  # 用法：planner …, no space after a full-width colon

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n".join(indent + line if line else ""
                             for line in wrap(text, self.width - self.current_indent)) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        from planner.render.terminal import width

        rows = list(rows)
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent - 2, 10))
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0], *(pad + x if x else "" for x in lines[1:])]) + "\n")


class _ZhContext(click.Context):
    formatter_class = _ZhFormatter


# What a line may break after: a Chinese character (with the punctuation that follows it,
# which may not start a line), a run of other text, a space.
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_WORDS = re.compile(f"[（《“]*(?:[{_WIDE}]|[^\\s{_WIDE}]+)[，。；：、）》”]*|\\s+")


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns, paragraphs kept apart by
    an empty line; a line breaks at a space or between two Chinese characters."""
    from planner.render.terminal import width

    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if out:
            out.append("")
        words = _WORDS.findall(" ".join(paragraph.split()))
        line = ""
        for word in words:
            if word.isspace():
                word = " "
                if not line:
                    continue
            if line and width(line) + width(word) > columns:
                out.append(line.rstrip())
                line = "" if word == " " else word
            else:
                line += word
        out.append(line.rstrip())
    return out or [""]
