"""Benchmark: how fast `planner gantt` writes, and Chromium draws, a large Gantt page.

Not a test: it prints figures for growing plan sizes. Run from the repository root:

    python bench/bench_gantt.py                          # 500 and 2,000 tasks
    python bench/bench_gantt.py --sizes 2000 --repeat 5 --json out.json

Each size gets a plan folder (plan.yaml from bench_schedule's generator, plus one status
snapshot about 40% into the schedule). The Python side runs in a fresh subprocess of this
script (``--worker``) so its peak RSS is its own; it opens the folder with `Project.open` and
does what `planner gantt` does with it (baseline, review, page, file). The CLI runs as
``python -m planner gantt``; the page is opened in headless Chromium (Playwright) with every
network request blocked. See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _p in (ROOT, BENCH):  # this checkout's planner, and bench_schedule's generator
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import plotly  # noqa: E402
from bench_schedule import PROCESS_ENV, positive, sizes, write_plan_yaml  # noqa: E402

from planner import Project  # noqa: E402
from planner.domain.model import Plan  # noqa: E402
from planner.domain.progress import Progress, Snapshot  # noqa: E402
from planner.engine.network import network_of  # noqa: E402
from planner.i18n.labels import label  # noqa: E402
from planner.render.gantt import NONWORK, figure, gantt_html  # noqa: E402
from planner.render.html import document, figure_div, plotly_js  # noqa: E402
from planner.support.safewrite import write_all, write_atomic  # noqa: E402

DEFAULT_SIZES = (500, 2_000)
DATA_DATE_AT = 0.40  # the data date, as a share of the no-progress schedule's span
OUT_OF_SEQUENCE = 0.01  # share of the tasks started before their predecessors allowed
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DRAW_TIMEOUT_MS = 180_000
# Run before the page's own scripts: note when plotly.js has defined `Plotly`, and how long
# each Plotly.newPlot takes (its synchronous part, then until its promise resolves).
INSTRUMENT = """(() => {
  const marks = (window.__bench = {plots: {}});
  let plotly;
  Object.defineProperty(window, "Plotly", {configurable: true, enumerable: true,
    get() { return plotly; },
    set(value) {
      plotly = value;
      marks.plotly = performance.now();
      const draw = value.newPlot;
      value.newPlot = function (div, ...rest) {
        const id = typeof div === "string" ? div : div.id;
        const mark = (marks.plots[id] = {start: performance.now()});
        const result = draw.call(this, div, ...rest);
        mark.sync = performance.now();
        Promise.resolve(result).then(() => { mark.done = performance.now(); });
        return result;
      };
    }});
})();"""

# The project's floor at FLOOR_SIZE tasks with progress (see bench/README.md).
FLOOR_SIZE = 2_000
FLOOR_WRITE_S = 3.0  # tracking + HTML written (in process), median
FLOOR_FILE_MB = 8.0
FLOOR_DRAW_S = 3.0  # page.goto until every task row is drawn, median

Row = dict[str, Any]


# -- the synthetic progress ------------------------------------------------------------------


def synthetic_snapshot(project: Project, seed: int) -> Snapshot:
    """A snapshot about 40% into the plan's own (no-progress) schedule.

    Tasks finishing on or before the data date are finished (a fifth of them 1-3 days
    late, never after the data date); tasks spanning it are started (some 1-2 days late)
    with a percent near the planned one; about 1% of the tasks not yet due, each with an
    unfinished predecessor, are started out of sequence a few days before the data date.
    """
    plan = project.plan
    rng = random.Random(seed * 7_919 + len(plan.tasks))
    s = project.schedule()
    cal = s.calendar
    day = s.start + timedelta(days=round(DATA_DATE_AT * (s.finish - s.start).days))
    day = cal.date_of(cal.on_or_before(day))  # a working day
    progress: dict[str, Progress] = {}
    waiting: list[str] = []
    for task, d in zip(plan.tasks, s.tasks, strict=True):
        if task.is_summary:
            continue
        if d.finish <= day:
            late = rng.randint(1, 3) if rng.random() < 0.2 else 0
            progress[task.id] = Progress(task.id, started=d.start,
                                         finished=min(d.finish + timedelta(days=late), day))
        elif d.start <= day:
            started = min(d.start + timedelta(days=rng.randint(0, 2)), day)
            planned = cal.count(d.start, day) / max(d.duration, 1)
            percent = round(100 * planned * rng.uniform(0.6, 1.2))
            progress[task.id] = Progress(task.id, started=started,
                                         percent=float(min(max(percent, 1), 99)))
        else:
            waiting.append(task.id)
    # Out of sequence: not due yet, and at least one predecessor is still unfinished.
    unfinished = [t for t in waiting if any(
        (q := progress.get(k.task)) is None or q.finished is None for k in plan.task(t).after)]
    for task_id in rng.sample(unfinished, min(len(unfinished),
                                              max(3, round(OUT_OF_SEQUENCE * len(plan.tasks))))):
        started = max(day - timedelta(days=rng.randint(0, 3)), plan.start)
        progress[task_id] = Progress(task_id, started=started,
                                     percent=float(rng.randint(5, 30)))
    return Snapshot(plan.id, day, dict(sorted(progress.items(), key=lambda kv: plan.index[kv[0]])))


def snapshot_yaml(snap: Snapshot) -> str:
    """The snapshot as a status file (status/YYYY-MM-DD.yaml)."""
    lines = [f"plan: {snap.plan}", f"date: {snap.date.isoformat()}", "progress:"]
    for p in snap.progress.values():
        fields = [f"started: {p.started}"] if p.started else []
        if p.finished:
            fields.append(f"finished: {p.finished}")
        if p.percent is not None:
            fields.append(f"percent: {p.percent:g}")
        lines.append(f"  {p.task}: {{{', '.join(fields)}}}")
    return "\n".join(lines) + "\n"


def progress_key(snap: Snapshot) -> list[tuple[Any, ...]]:
    return [(p.task, p.started, p.finished, p.percent) for p in snap.progress.values()]


# -- the Python side (inside a worker subprocess) --------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (MiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def figures(times: list[float]) -> dict[str, Any]:
    return {"times": times, "best": min(times), "median": statistics.median(times)}


def write_gantt(project: Project, out: Path, color: str) -> dict[str, float]:
    """What `planner gantt` does once the folder is open: baseline, review, page, file.

    ``project`` is freshly opened, its snapshots already read (loading is not timed), and
    nothing else computed yet. Returns the timed parts.
    """
    t0 = time.perf_counter()
    project.baseline  # noqa: B018 - no baseline.yaml: the plan's own schedule, as in the CLI
    t1 = time.perf_counter()
    view = project.review()  # the latest snapshot: forecast, tracking and history
    t2 = time.perf_counter()
    page = gantt_html(view.schedule, view.tracking, view.history, project.plan.lang, color,
                      trend=view.trend)
    t3 = time.perf_counter()
    write_all({out: page}, project.inputs)
    t4 = time.perf_counter()
    return {"baseline": t1 - t0, "track": t2 - t1, "html": t3 - t2, "write": t4 - t3,
            "total": t4 - t0}


@dataclass(frozen=True)
class Variant:
    name: str
    what: str
    edit: Callable[[Any, str], None] | None  # changes a copy of the figure; None: no figure
    bars: bool = True  # False: the figure has no bars; drawn once its markers exist


def _drop_traces(fig: Any, keep: Callable[[Any], bool]) -> None:
    fig.data = [tr for tr in fig.data if keep(tr)]


def _drop_nonwork(fig: Any, lang: str) -> None:
    fig.layout.shapes = [s for s in fig.layout.shapes if s.fillcolor != NONWORK]


def _drop_links(fig: Any, lang: str) -> None:
    _drop_traces(fig, lambda tr: tr.name != label("gantt.links", lang))


def _drop_both(fig: Any, lang: str) -> None:
    _drop_links(fig, lang)
    _drop_nonwork(fig, lang)


def _is_links(tr: Any, lang: str) -> bool:
    return bool(tr.name == label("gantt.links", lang))


def _links_trace(fig: Any, lang: str) -> Any:
    """The trace of the dependency lines."""
    return next(tr for tr in fig.data if _is_links(tr, lang) and "lines" in (tr.mode or ""))


def _heads_trace(fig: Any, lang: str) -> Any | None:
    """The arrowhead-only trace, when the figure draws the heads apart from the lines."""
    return next((tr for tr in fig.data if _is_links(tr, lang) and tr.mode == "markers"), None)


def _links_lines(fig: Any, lang: str) -> None:
    """The dependency lines without their arrowheads (no markers at all)."""
    _drop_traces(fig, lambda tr: not (_is_links(tr, lang) and tr.mode == "markers"))
    _links_trace(fig, lang).update(mode="lines", marker=None)


def _links_split(fig: Any, lang: str) -> None:
    """The lines without markers, plus one marker trace with only the arrowheads.

    planner's figure already draws the links this way (then this page is the Gantt figure
    again); a figure with the arrowheads as markers on the line trace is split here. The
    arrowhead ends a horizontal segment, so it points right or left; with its own trace
    `angleref: previous` would not see that segment, so the angle is given.
    """
    if _heads_trace(fig, lang) is not None:
        return
    links = _links_trace(fig, lang)
    xs, ys, sizes = list(links.x), list(links.y), list(links.marker.size)
    color = links.marker.color
    heads = [i for i, size in enumerate(sizes) if size]
    links.update(mode="lines", marker=None)
    fig.add_scatter(
        mode="markers", name=links.name, showlegend=False, hoverinfo="skip",
        x=[xs[i] for i in heads], y=[ys[i] for i in heads],
        marker={"symbol": "arrow", "size": 9, "color": color,
                "angle": [90 if xs[i] >= xs[i - 1] else -90 for i in heads]})


def _bars_plain(fig: Any, lang: str) -> None:
    """No links, no non-working shapes, and the bars without text labels or hover data."""
    _drop_both(fig, lang)
    for tr in fig.data:
        tr.update(text=None, customdata=None, hovertemplate=None, hoverinfo="skip")


def _rows_only(fig: Any, lang: str) -> None:
    """Only the y axis: one invisible marker per row, so every tick label is still drawn."""
    ids = list(fig.layout.yaxis.categoryarray)
    x = fig.layout.xaxis.range[0]
    fig.data = []
    fig.layout.shapes = []
    fig.add_scatter(x=[x] * len(ids), y=ids, mode="markers", marker={"opacity": 0},
                    hoverinfo="skip", showlegend=False)


VARIANTS = (
    Variant("gantt", "Gantt figure alone (no table, no S-curve)", lambda f, lang: None),
    Variant("no-links", "  without the dependency-arrow trace", _drop_links),
    Variant("links-lines", "  links as lines only, no arrowheads", _links_lines),
    Variant("links-split", "  links: lines + arrowhead-only trace", _links_split),
    Variant("no-nonwork", "  without the non-working-day shapes", _drop_nonwork),
    Variant("no-links-nonwork", "  without both", _drop_both),
    Variant("bars-plain", "  without both, bars without text/hover", _bars_plain),
    Variant("rows-only", "  axes and row labels only", _rows_only, bars=False),
    Variant("plotly-js", "empty page with plotly.js only", None),
)


def write_variants(project: Project, folder: Path, color: str) -> dict[str, Any]:
    """Pages with parts of the Gantt figure removed, to see what the browser spends on."""
    plan = project.plan
    view = project.review()
    full = figure(view.schedule, view.tracking, plan.lang, color)
    counts = {"traces": len(full.data), "shapes": len(full.layout.shapes),
              "nonwork_shapes": sum(s.fillcolor == NONWORK for s in full.layout.shapes),
              "link_points": len(_links_trace(full, plan.lang).x)
              if any(_is_links(tr, plan.lang) for tr in full.data) else 0}
    files: dict[str, str] = {}
    for v in VARIANTS:
        if v.edit is None:
            body = "<p>plotly.js only</p>"
        else:
            fig = type(full)(full)  # a deep copy
            v.edit(fig, plan.lang)
            body = f'<div class="figure">{figure_div(fig, "gantt")}</div>'
        path = folder / f"variant-{v.name}.html"
        write_atomic(path, document(plan.name, plan.lang, body))
        files[v.name] = str(path)
    return {"files": files, "figure": counts}


def profile_text(project: Project, out: Path, color: str, top: int = 30) -> str:
    plotly_js.cache_clear()
    prof = cProfile.Profile()
    prof.enable()
    write_gantt(project, out, color)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def worker(args: argparse.Namespace) -> None:
    """Time the Python side for one plan folder; print the figures as one JSON line."""
    start_mb = peak_rss_mb()
    folder = Path(args.folder)
    out = folder / "gantt-python.html"
    parts: dict[str, list[float]] = {}
    info: Row = {}
    for _ in range(args.repeat):
        project = Project.open(folder)  # fresh objects each time, nothing cached; not timed
        (snap,) = project.snapshots  # read the status file before the timing, too
        if not info:  # generated on a project of its own, so the timed one has no schedule
            made = synthetic_snapshot(Project.open(folder), args.seed)
            if progress_key(made) != progress_key(snap):
                raise SystemExit("the status file does not load back as generated")
            info = progress_info(project.plan, snap)
        plotly_js.cache_clear()  # the CLI reads the bundle afresh every time
        gc.collect()
        for k, v in write_gantt(project, out, args.color).items():
            parts.setdefault(k, []).append(v)
        del project
    row: Row = {**info, "html_mb": out.stat().st_size / 2**20, "html_path": str(out),
                **{k: figures(v) for k, v in parts.items()}}
    row["peak_mb"] = peak_rss_mb()  # before the variants, which hold a second figure
    if args.profile or row["total"]["median"] > FLOOR_WRITE_S:
        profiled = Project.open(folder)
        profiled.snapshots  # noqa: B018 - read before profiling, as before the timing
        row["profile"] = profile_text(profiled, folder / "gantt-profile.html", args.color)
    if args.variants:
        row["variants"] = write_variants(Project.open(folder), folder, args.color)
    print(json.dumps({**row, "rss_at_start_mb": start_mb}, default=str))


def progress_info(plan: Plan, snap: Snapshot) -> Row:
    finished = sum(p.finished is not None for p in snap.progress.values())
    return {"tasks": len(plan.tasks), "links": len(network_of(plan).pred),
            "summaries": sum(t.is_summary for t in plan.tasks), "data_date": snap.date,
            "finished": finished, "started": len(snap.progress) - finished}


# -- the CLI end to end ----------------------------------------------------------------------


def run_cli(folder: Path, out: Path, repeat: int) -> Row:
    """`python -m planner gantt FOLDER -o OUT`: wall time and the child's own peak RSS."""
    cmd = [sys.executable, "-m", "planner", "gantt", str(folder), "-o", str(out)]
    times: list[float] = []
    peaks: list[float] = []
    for _ in range(repeat):
        with tempfile.TemporaryFile() as log:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=log, env=PROCESS_ENV)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - t0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                log.seek(0)
                return {"error": log.read().decode(errors="replace").strip()
                        or f"exit code {proc.returncode}"}
        peaks.append(usage.ru_maxrss / 2**10)
    return {**figures(times), "peak_mb": max(peaks), "html_mb": out.stat().st_size / 2**20}


def profile_cli(folder: Path, out: Path, top: int = 30) -> str:
    """`python -m cProfile -s cumulative -m planner gantt ...`: the head of its table."""
    cmd = [sys.executable, "-m", "cProfile", "-s", "cumulative", "-m", "planner", "gantt",
           str(folder), "-o", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = proc.stdout.splitlines()
    first = next((i for i, text in enumerate(lines) if "function calls" in text), 0)
    head = next((i for i, text in enumerate(lines) if text.lstrip().startswith("ncalls")),
                first)
    return "\n".join(lines[first:first + 1] + lines[head:head + 1 + top])


# -- the browser -----------------------------------------------------------------------------


def drawn_condition(rows: int | None, bars: bool = True) -> str:
    if rows is None:
        return "typeof window.Plotly === 'object'"
    # rows are plotly ticks, or (large charts) HTML row labels; drawn once bars exist (a
    # figure without bars: once its scatter markers exist)
    points = "#gantt g.point" if bars else "#gantt .scatterlayer .point"
    return (f"(document.querySelectorAll('#gantt .ytick').length === {rows} || "
            f"document.querySelectorAll('.rowlabel').length === {rows}) && "
            f"document.querySelectorAll('{points}').length > 0")


def open_page(browser: Any, path: Path, rows: int | None, bars: bool = True) -> Row:
    """Seconds from page.goto to the condition; the page's own timings; what it logged."""
    context = browser.new_context()
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    errors: list[str] = []
    blocked: list[str] = []

    def block(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("file:"), block)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="commit", timeout=DRAW_TIMEOUT_MS)
        page.wait_for_function(drawn_condition(rows, bars), polling="raf",
                               timeout=DRAW_TIMEOUT_MS)
        seconds = time.perf_counter() - t0
        if rows is not None:  # the newPlot promise resolves a little after the rows exist
            page.wait_for_function("window.__bench.plots.gantt?.done !== undefined",
                                   timeout=DRAW_TIMEOUT_MS)
        nav = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return {dcl: n.domContentLoadedEventEnd, marks: window.__bench}; }")
        found = max(page.locator("#gantt .ytick").count(),
                    page.locator(".rowlabel").count()) if rows is not None else None
    finally:
        context.close()
    marks = nav["marks"]
    gantt = marks["plots"].get("gantt", {})
    return {"seconds": seconds, "dcl_s": nav["dcl"] / 1000,
            "plotly_ready_s": marks.get("plotly", 0) / 1000,
            "newplot_sync_s": (gantt["sync"] - gantt["start"]) / 1000 if gantt else None,
            "newplot_done_s": (gantt["done"] - gantt["start"]) / 1000 if gantt else None,
            "rows": found, "errors": errors, "blocked": blocked}


def measure_browser(browser: Any, path: Path, rows: int | None, repeat: int,
                    bars: bool = True) -> Row:
    runs = [open_page(browser, path, rows, bars) for _ in range(repeat)]
    def median(key: str) -> float | None:
        values = [r[key] for r in runs if r[key] is not None]
        return statistics.median(values) if values else None

    return {**figures([r["seconds"] for r in runs]),
            **{f"{k}_median": median(k) for k in ("dcl_s", "plotly_ready_s", "newplot_sync_s",
                                                   "newplot_done_s")},
            "rows": runs[-1]["rows"],
            "errors": sorted({e for r in runs for e in r["errors"]}),
            "blocked": sorted({u for r in runs for u in r["blocked"]})}


# -- driving (in the parent process) ---------------------------------------------------------


def chromium_version() -> str:
    try:
        proc = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                              check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({exc})"
    return proc.stdout.strip() or "unknown"


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "plotly": plotly.__version__,
        "plotly_js_mb": len(plotly_js().encode()) / 2**20,
        "playwright": version("playwright"),
        "chromium": chromium_version(),
    }


def run_worker(args: argparse.Namespace, folder: Path) -> Row:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--folder", str(folder),
           "--seed", str(args.seed), "--repeat", str(args.repeat), "--color", args.color]
    cmd += ["--profile"] if args.profile else []
    cmd += ["--no-variants"] if not args.variants else []
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip() or f"worker exited with {proc.returncode}"}
    row: Row = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


COLUMNS = (("tasks", 6), ("what", 44), ("best s", 7), ("median s", 8), ("MB", 6),
           ("peak MB", 7), ("notes", 0))


def line(cells: list[str]) -> str:
    parts = [c.ljust(w) if n in ("what", "notes") else c.rjust(w)
             for (n, w), c in zip(COLUMNS, cells, strict=True)]
    return "  ".join(parts).rstrip()


def timing(tasks: str, what: str, f: Row, mb: str = "", peak: str = "", notes: str = "") -> str:
    return line([tasks, what, f"{f['best']:.3f}", f"{f['median']:.3f}", mb, peak, notes])


def browser_notes(b: Row, rows: int | None) -> str:
    notes = [f"plotly.js ready {b['plotly_ready_s_median']:.2f} s"]
    if b["newplot_done_s_median"] is not None:
        notes.append(f"newPlot {b['newplot_sync_s_median']:.2f}/{b['newplot_done_s_median']:.2f} s")
    if rows is not None:
        notes.append(f"rows {b['rows']}/{rows}")
    notes.append(f"console errors: {len(b['errors'])}" if b["errors"] else "no console errors")
    if b["blocked"]:
        notes.append(f"{len(b['blocked'])} requests blocked")
    return ", ".join(notes)


def measure_size(size: int, args: argparse.Namespace, browser: Any, folder: Path,
                 failures: list[str]) -> Row:
    """Everything for one plan size; prints its table rows as they come."""
    with (folder / "plan.yaml").open("w", encoding="utf-8") as out:
        write_plan_yaml(size, args.window, args.seed, out)
    snap = synthetic_snapshot(Project.open(folder), args.seed)
    (folder / "status").mkdir()
    (folder / "status" / f"{snap.date}.yaml").write_text(snapshot_yaml(snap), encoding="utf-8")
    result: Row = {"size": size}
    py = run_worker(args, folder)
    result["python"] = py
    n = str(size)
    if "error" in py:
        failures.append(f"--- Python side, {size} tasks ---\n{py['error']}")
        print(line([n, "python: FAILED", "", "", "", "", ""]), flush=True)
        return result
    print(line([n, f"(links {py['links']}, data date {py['data_date']}: {py['finished']} "
                   f"finished, {py['started']} started)", "", "", "", "", ""]))
    print(timing(n, "(a) in process: baseline+track+html+write", py["total"],
                 f"{py['html_mb']:.2f}", f"{py['peak_mb']:.0f}",
                 f"RSS after imports {py['rss_at_start_mb']:.0f} MB"))
    for part, what in (("baseline", "schedule+baseline"), ("track", "track"),
                       ("html", "gantt_html"), ("write", "write file")):
        print(timing("", f"    of which {what}", py[part]), flush=True)
    if not args.no_cli:
        cli = run_cli(folder, folder / "gantt-cli.html", args.repeat)
        result["cli"] = cli
        if "error" in cli:
            failures.append(f"--- CLI, {size} tasks ---\n{cli['error']}")
            print(line([n, "(a) CLI: FAILED", "", "", "", "", ""]))
        else:
            print(timing(n, "(a) CLI: python -m planner gantt (subprocess)", cli,
                         f"{cli['html_mb']:.2f}", f"{cli['peak_mb']:.0f}",
                         "incl. start-up, imports, load_plan"), flush=True)
            if args.profile or cli["median"] > FLOOR_WRITE_S:
                cli["profile"] = profile_cli(folder, folder / "gantt-cli-profile.html")
    if browser is None:
        return result
    full = measure_browser(browser, Path(py["html_path"]), size, args.repeat)
    result["browser"] = full
    print(timing(n, "(c) Chromium: goto -> all rows drawn", full, f"{py['html_mb']:.2f}",
                 "", browser_notes(full, size)), flush=True)
    if full["rows"] != size:
        failures.append(f"{size} tasks: {full['rows']} rows drawn, expected {size}")
    if full["errors"]:
        failures.append(f"{size} tasks: console errors:\n  " + "\n  ".join(full["errors"]))
    variants = py.get("variants")
    if variants:
        fig = variants["figure"]
        print(line(["", f"    figure: {fig['traces']} traces, {fig['shapes']} shapes "
                        f"({fig['nonwork_shapes']} non-working), {fig['link_points']} link "
                        "points", "", "", "", "", ""]))
        result["variants"] = {}
        for v in VARIANTS:
            path = Path(variants["files"][v.name])
            rows = None if v.edit is None else size
            b = measure_browser(browser, path, rows, args.repeat, v.bars)
            result["variants"][v.name] = {**b, "html_mb": path.stat().st_size / 2**20}
            print(timing("", f"    {v.what}", b, f"{path.stat().st_size / 2**20:.2f}", "",
                         browser_notes(b, rows)), flush=True)
    return result


def floor_report(results: list[Row]) -> list[str]:
    out: list[str] = []
    for r in results:
        if r["size"] != FLOOR_SIZE or "error" in r.get("python", {"error": 1}):
            continue
        py = r["python"]
        checks = [(f"HTML written in process < {FLOOR_WRITE_S:g} s",
                   py["total"]["median"] < FLOOR_WRITE_S, f"median {py['total']['median']:.2f} s")]
        if "cli" in r and "error" not in r["cli"]:
            checks.append((f"HTML written by the CLI < {FLOOR_WRITE_S:g} s (informative)",
                           r["cli"]["median"] < FLOOR_WRITE_S,
                           f"median {r['cli']['median']:.2f} s"))
        checks.append((f"file < {FLOOR_FILE_MB:g} MB", py["html_mb"] < FLOOR_FILE_MB,
                       f"{py['html_mb']:.2f} MB"))
        if "browser" in r:
            b = r["browser"]
            checks.append((f"drawn in headless Chromium < {FLOOR_DRAW_S:g} s",
                           b["median"] < FLOOR_DRAW_S and b["rows"] == FLOOR_SIZE,
                           f"median {b['median']:.2f} s"))
            checks.append(("no console errors", not b["errors"], f"{len(b['errors'])} errors"))
        for what, ok, figure_text in checks:
            out.append(f"  {what}: {figure_text}  {'ok' if ok else 'MISSED'}")
    return out


def launch(p: Any) -> Any:
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def main(args: argparse.Namespace) -> int:
    ctx = machine()
    load = ", ".join(f"{v:.2f}" for v in ctx["load_average"])
    print(f"Python {ctx['python']} on {ctx['platform']}   CPUs: {ctx['cpu_count']}   "
          f"load average {load}")
    print(f"plotly {ctx['plotly']} (plotly.js bundle {ctx['plotly_js_mb']:.2f} MB)   "
          f"playwright {ctx['playwright']}   {ctx['chromium']}")
    print(f"sizes {','.join(map(str, args.sizes))}   window {args.window}   seed {args.seed}   "
          f"repeat {args.repeat}   colour by {args.color}")
    print()
    print(line([name for name, _ in COLUMNS]))
    print(line(["-" * max(w, 5) for _, w in COLUMNS]))
    results: list[Row] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="planner-bench-gantt-") as tmp:
        if args.no_browser:
            for size in args.sizes:
                (Path(tmp) / str(size)).mkdir()
                results.append(measure_size(size, args, None, Path(tmp) / str(size), failures))
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = launch(p)
                try:
                    for size in args.sizes:
                        (Path(tmp) / str(size)).mkdir()
                        results.append(measure_size(size, args, browser, Path(tmp) / str(size),
                                                    failures))
                finally:
                    browser.close()
    print()
    print("best/median over --repeat runs; MB = HTML file size (MiB); peak MB = ru_maxrss of "
          "the measuring process (the worker for 'in process', the CLI child for 'CLI')")
    floors = floor_report(results)
    if floors:
        print(f"floor at {FLOOR_SIZE:,} tasks with progress (bench/README.md):")
        print("\n".join(floors))
    for r in results:
        for key, what in (("python", "one in-process run"), ("cli", "one CLI run")):
            prof = r.get(key, {}).get("profile")
            if prof:
                print(f"\ncProfile of {what}, {r['size']} tasks (cumulative):")
                print(prof.rstrip())
    for failure in failures:
        print(f"\n{failure}", file=sys.stderr)
    if args.json:
        for r in results:
            r.get("python", {}).pop("html_path", None)
        report = {"context": ctx, "sizes": args.sizes, "window": args.window, "seed": args.seed,
                  "repeat": args.repeat, "results": results}
        Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n",
                                   encoding="utf-8")
        print(f"figures written to {args.json}")
    return 1 if failures else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Time planner's Gantt HTML: writing it, its size, drawing it in Chromium.")
    ap.add_argument("--sizes", type=sizes, default=list(DEFAULT_SIZES),
                    help="comma-separated task counts (default: 500,2000)")
    ap.add_argument("--window", type=positive, default=1000,
                    help="predecessors come from the previous W tasks (default: 1000, as in "
                    "bench_schedule.py)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    ap.add_argument("--repeat", type=positive, default=3,
                    help="timings per measurement; best and median are shown (default: 3)")
    ap.add_argument("--color", choices=("owner", "status"), default="owner",
                    help="colour bars by owner or status, as `planner gantt --color`")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--profile", action="store_true",
                    help="print a cProfile of one in-process run (automatic when the median "
                    f"is over {FLOOR_WRITE_S:g} s)")
    ap.add_argument("--no-variants", dest="variants", action="store_false",
                    help="skip the pages with parts of the figure removed")
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI timing")
    ap.add_argument("--no-browser", action="store_true", help="skip Chromium")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--folder", default="", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.worker:
        worker(arguments)
    else:
        sys.exit(main(arguments))
