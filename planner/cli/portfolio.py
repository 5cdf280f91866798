"""`planner portfolio validate|status|risk|gantt|report PORTFOLIO`: many plans as one.

Each command makes one `Portfolio` call, builds the view of its result and hands it, with
the format asked for, to the writers, as the single-plan commands do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.language import speak_plan
from planner.cli.options import (
    TABULAR,
    AtOpt,
    F,
    IterationsOpt,
    LangOpt,
    LogicOpt,
    OutputFormat,
    OutputOpt,
    SeedOpt,
    deliver,
    format_option,
    in_reports,
    logic_of,
    output_folder,
    reports_folder,
    said,
    say,
    warn,
)
from planner.domain.diagnostics import PlanError, Severity
from planner.support.safewrite import write_all

if TYPE_CHECKING:
    from planner.analysis.portfolio import JointRisk, Rollup
    from planner.domain.vocab import Lang, Logic
    from planner.portfolio import Portfolio

commands = typer.Typer(help="cli.portfolio", no_args_is_help=True)

PortfolioArg = Annotated[Path, typer.Argument(help="cli.portfolio.arg", show_default=False)]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-j", min=1, max=256, show_default=False, help="cli.portfolio.workers")]


def _open(path: Path) -> Portfolio:
    from planner.portfolio import Portfolio

    found = Portfolio.open(path)
    speak_plan(found.lang())
    return found


def _lang(lang: Lang | None, portfolio: Portfolio) -> str:
    return lang.value if lang is not None else portfolio.lang()


def _skipped(portfolio: Portfolio, at: date | None, logic: str | None) -> bool:
    """Say which plans a review left out and why; True when it left any out."""
    left = portfolio.skipped(at, logic)
    for _, problems in left:
        warn([d for d in problems if d.severity is Severity.ERROR])
    if left:
        names = said("list_sep").join(str(m.path) for m, _ in left)
        say(said("cli.portfolio.skipped", count=len(left), plans=names), err=True)
    return bool(left)


def _reviewed(path: Path, at: date | None, logic: Logic | None, workers: int | None,
              ) -> tuple[Portfolio, Rollup, bool]:
    """The portfolio at ``path`` reviewed at ``at``; whether it left a plan out (said)."""
    found = _open(path)
    rollup = found.review(at, logic_of(logic), workers)
    return found, rollup, _skipped(found, at, logic_of(logic))


def _exit(left: bool) -> None:
    """A review that left a plan out ends with exit status 1, its outputs written."""
    if left:
        raise typer.Exit(1)


@commands.command("validate", help="cli.portfolio.validate")
def validate(portfolio: PortfolioArg, lang: LangOpt = None) -> None:
    """Every plan of the portfolio and the links between them."""
    found = _open(portfolio)
    problems = found.problems()
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        raise PlanError(problems, lang=_lang(lang, found))
    warn(problems, _lang(lang, found))
    links = sum(len(found.project(m).plan.waits) for m in found.members)
    say(said("cli.portfolio.valid", plans=len(found.members), links=links))


@commands.command("status", help="cli.portfolio.status")
def status(
    portfolio: PortfolioArg,
    at: AtOpt = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR)] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """Every plan at its latest snapshot on or before the date, then across plans."""
    from planner.render.portfolio import portfolio_view

    found, rollup, left = _reviewed(portfolio, at, logic, workers)
    doc = portfolio_view(rollup, _lang(lang, found), fmt.value)
    deliver(found, doc, fmt, output, f"portfolio-{at or 'latest'}-status")
    _exit(left)


@commands.command("risk", help="cli.portfolio.risk")
def risk(
    portfolio: PortfolioArg,
    at: AtOpt = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    fmt: Annotated[OutputFormat, format_option(*TABULAR)] = F.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """P(meet) of every deadline of every plan, from one simulation of the joined plans."""
    from planner.render.portfolio import risk_view

    found = _open(portfolio)
    result = _simulated(found, at, iterations, seed, logic_of(logic))
    left = _skipped(found, at, logic_of(logic))
    doc = risk_view(result, _lang(lang, found), fmt.value)
    deliver(found, doc, fmt, output, f"portfolio-{at or 'latest'}-risk")
    _exit(left)


def _simulated(found: Portfolio, at: date | None, iterations: int | None, seed: int | None,
               logic: str | None) -> JointRisk:
    say(said("cli.risk.simulating"), err=True)
    return found.simulate(at, iterations, seed, logic)


@commands.command("gantt", help="cli.portfolio.gantt")
def gantt(
    portfolio: PortfolioArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="cli.gantt.output", show_default=False)] = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
    workers: WorkersOpt = None,
) -> None:
    """The county meeting's page: the roll-up and a Gantt of every plan, offline."""
    from planner.render.portfolio_page import portfolio_page

    found, rollup, left = _reviewed(portfolio, at, logic, workers)
    page = portfolio_page(rollup, _lang(lang, found))
    path = output or in_reports(f"portfolio-{at or 'latest'}.html")
    write_all({path: page}, found.inputs)
    say(said("cli.written", path=path), err=True)
    _exit(left)


@commands.command("report", help="cli.portfolio.report")
def report(
    portfolio: PortfolioArg,
    at: AtOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="cli.report.output", show_default=False)] = None,
    iterations: IterationsOpt = None,
    seed: SeedOpt = None,
    lang: LangOpt = None,
    logic: LogicOpt = None,
) -> None:
    """The county meeting pack: the page with the joint risk, the same in Markdown, every
    figure as JSON and a workbook."""
    from planner.render.portfolio import portfolio_view
    from planner.render.portfolio_page import portfolio_page
    from planner.render.writers import write

    folder = output_folder(output) if output else reports_folder()
    found = _open(portfolio)
    result = _simulated(found, at, iterations, seed, logic_of(logic))
    left = _skipped(found, at, logic_of(logic))
    language = _lang(lang, found)
    rollup, finishes = result.rollup, result.finishes
    doc = portfolio_view(rollup, language, None, finishes)
    stem = f"portfolio-{rollup.date or 'latest'}-report"
    files: dict[Path, str | bytes] = {
        folder / f"{stem}.html": portfolio_page(rollup, language),
        **{folder / f"{stem}.{kind}": write(doc, kind) for kind in ("md", "json", "xlsx")}}
    write_all(files, found.inputs)
    for path in files:
        say(said("cli.written", path=path))
    _exit(left)

