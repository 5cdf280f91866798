"""The `planner` command line: the app, its commands, and the one error boundary.

The commands live in modules by concern (`review`, `progress`, `check`, `exchange`); what
they share is in `options`. Exit codes are decided in one place, `main()`: 0 done, 1 the
plan or an output is wrong, 2 the command line is wrong, 3 `--fail-on` found what it was
told to, 130 interrupted.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from typing import Annotated, NoReturn

import click
import typer

from planner import __version__
from planner.cli import check, exchange, language, portfolio, progress, review, undo
from planner.cli.language import speak_plan, speech
from planner.cli.options import say, warn
from planner.cli.options import stdout_binary as stdout_binary
from planner.domain.diagnostics import Diagnostic, PlanError, Severity
from planner.i18n.labels import label
from planner.support.safewrite import OutputError

# Usage errors, whether typer carries click or its own copy of it.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _new_app() -> typer.Typer:
    made = typer.Typer(
        help="cli.app",  # the help of every command is a label key: see language.localize
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        pretty_exceptions_enable=False,
        # click's plain help wherever planner runs (typer draws boxes with rich when another
        # package installed it): one layout, and the Chinese one wraps by width (language)
        rich_markup_mode=None,
    )
    # click from 8.4 names the command that was meant; typer's own suggestion said it twice
    made.suggest_commands = not hasattr(sys.modules[_CLICK_ERROR.__module__], "NoSuchCommand")
    return made


app = _new_app()


def _version(value: bool) -> None:
    if value:
        say(f"planner {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="cli.version")
    ] = False,
) -> None:
    """The app's own options (its help is the app's: `cli.app`)."""


# The order `planner --help` lists them in: a meeting's workflow (any other command after).
ORDER = ("validate", "schedule", "status", "baseline", "update", "forms", "collect", "undo",
         "diff", "gantt", "risk", "report", "export", "import", "check", "trend",
         "portfolio")


def _commands() -> None:
    """Every command module's commands on ``app``, in ``ORDER``."""
    exchange.register(app)
    for module in (check, review, progress, undo):
        app.registered_commands += module.commands.registered_commands
    app.add_typer(portfolio.commands, name="portfolio", help="cli.portfolio")

    def place(name: str) -> int:
        return ORDER.index(name) if name in ORDER else len(ORDER)

    app.registered_commands.sort(key=lambda c: place(_command_name(c.name, c.callback)))


# -- the one error boundary ------------------------------------------------------------------

# Markers our outputs use, and what a console that cannot show them gets instead.
PLAIN = {"★": "*", "▸": ">", "…": "...", "→": "->", "←": "<-", "—": "-", "–": "-", "Δ": "d",
         "✓": "v", "✗": "x", "•": "*", "≤": "<=", "≥": ">=", "·": ".", "─": "-", "│": "|"}


def _plain(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(PLAIN.get(c, "?") for c in bad), exc.end


codecs.register_error("planner.plain", _plain)


def _console_safe() -> None:
    """Characters the console's encoding lacks (a GBK console: ▸ ✓) print as plain ones."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                stream.reconfigure(errors="planner.plain")


def _report_errors(diagnostics: Sequence[Diagnostic]) -> None:
    warn(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    say(label("cli.errors", speech(), count=errors), err=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every expected failure becomes a message and an exit code."""
    _console_safe()
    args = list(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(_app_for(args))
    named = command.commands.get(args[0]) if args and isinstance(command, click.Group) \
        else None
    words = args
    if isinstance(named, click.Group) and len(args) > 1:  # `planner portfolio status …`
        named, words = named.commands.get(args[1]), args[1:]
    language.speak(*language.decide(words, named))
    language.localize(command, speech())
    try:
        return _run(command, argv)
    finally:  # a program that runs planner in its own process goes on as it was
        language.speak("en")


def _run(command: click.Command, argv: Sequence[str] | None) -> int:
    try:
        code = command.main(args=argv, prog_name="planner", standalone_mode=False)
    except _CLICK_ERROR as exc:  # usage errors: 2
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except (typer.Abort, KeyboardInterrupt):
        say(label("cli.interrupted", speech()), err=True)
        return 130
    except PlanError as exc:
        if exc.lang:  # the file the errors are about speaks its language, unless --lang did
            speak_plan(exc.lang)
        _report_errors(exc.diagnostics)
        return 1
    except OutputError as exc:
        say(label("cli.error", speech(), message=_said(exc)), err=True)
        return 1
    except BrokenPipeError:  # `planner … | head`: the reader left; not our failure
        sys.stderr.close()
        return 0
    if code == 130:  # typer turns an interrupt inside a command into exit code 130
        say(label("cli.interrupted", speech()), err=True)
    return code if isinstance(code, int) else 0


def _said(exc: OutputError) -> str:
    """An output's error in the language of the run (its message's key, when it has one)."""
    return exc.in_lang(speech())


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app, or when ``argv`` starts with a command's name, an app of that command only.

    typer builds a click command from every command function's signature before it runs
    the one asked for (about 20 ms, on every run); the group's own help and its did-you-mean
    for a mistyped command need them all, a named command needs only itself.
    """
    chosen = [c for c in app.registered_commands
              if argv and _command_name(c.name, c.callback) == argv[0]]
    if not chosen:
        return app
    only = _new_app()
    only.registered_callback = app.registered_callback
    only.registered_commands = chosen
    return only


def _command_name(name: str | None, callback: object) -> str:
    return typer.main.get_command_name(name or str(getattr(callback, "__name__", "")))


_commands()


def run() -> None:
    """Console-script entry point."""
    leave(main())


def leave(code: int) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's teardown.

    By now every output is written and closed; what is left is freeing some 400 modules
    and the plan's objects one by one, 30-40 ms of a 0.4 s run. Exit handlers still run
    (a library's, or a coverage tool's), and the standard streams are flushed.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream
            if stream is not None:
                stream.flush()
    os._exit(code)
