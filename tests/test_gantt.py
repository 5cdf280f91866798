"""The Gantt chart: figure content (golden), escaping, offline page, a real browser."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from planner.analysis.baseline import from_schedule
from planner.analysis.tracking import track
from planner.engine.schedule import schedule
from planner.planfiles.plan import load_plan
from planner.planfiles.snapshots import load_snapshots
from planner.render.gantt import figure, gantt_html, nonworking_ranges
from planner.render.html import plotly_js
from planner.support.safewrite import write_atomic
from tests.conftest import BUNDLED, invoke, write_plan

GOLDEN = Path(__file__).parent / "golden" / "gantt_small.json"
XSS = '<img src=x onerror=alert(1)>'
STYLE = '<span style="font-size:80px">X'

SMALL = f"""\
- id: prep
  name: 组建专班
  owner: 镇农办
  duration: 5
- id: build
  name: 主体建设
  owner: 镇建设办
  after: [prep]
  tasks:
    - id: walls
      name: "{XSS}"
      duration: 8
      deadline: 2023-07-19
    - id: roof
      name: '{STYLE}'
      duration: 3
      after: [walls SS+2]
- id: done
  name: "%{{x}} 完工"
  milestone: true
  after: [build]
"""


def small_plan(tmp_path: Path) -> Path:
    write_plan(tmp_path, SMALL)
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "2023-07-12.yaml").write_text(
        "plan: t\ndate: 2023-07-12\nprogress:\n"
        "  prep: {started: 2023-07-03, finished: 2023-07-10}\n"
        f"  walls: {{started: 2023-07-11, percent: 25, note: '{XSS} 备注'}}\n",
        encoding="utf-8")
    return tmp_path


def small_figure(tmp_path: Path, lang: str = "zh") -> dict[str, Any]:
    plan = load_plan(small_plan(tmp_path))
    (snap,) = load_snapshots(plan)
    t = track(plan, from_schedule(schedule(plan)), snap)
    doc = json.loads(figure(t.forecast, t, lang, "owner").to_json())
    doc["layout"].pop("template", None)  # plotly's theme, not ours
    return doc


def test_figure_matches_golden(tmp_path: Path, regen_golden: bool) -> None:
    doc = small_figure(tmp_path)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if regen_golden:
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "run pytest --regen-golden once to create the golden file"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the Gantt figure changed; check it, then run pytest --regen-golden")


def test_rows_are_task_ids_with_names_as_escaped_tick_text(tmp_path: Path) -> None:
    layout = small_figure(tmp_path)["layout"]
    assert layout["yaxis"]["categoryarray"] == ["prep", "build", "walls", "roof", "done"]
    ticks = layout["yaxis"]["ticktext"]
    assert ticks[2] == "&lt;img src=x onerror=alert(1)&gt;"
    assert ticks[3] == '&lt;span style="font-size:80px"&gt;X'
    assert ticks[1] == "<b>主体建设</b>"  # our own markup for summaries


def test_user_text_never_reaches_a_template_unescaped(tmp_path: Path) -> None:
    doc = small_figure(tmp_path)
    for trace in doc["data"]:
        template = trace.get("hovertemplate", "")
        assert "onerror" not in template and "font-size" not in template
        assert "完工" not in template  # names travel in customdata only
        for row in trace.get("customdata", []):
            for cell in row:
                assert "<img" not in str(cell) and "<span" not in str(cell)
    custom = [c for t in doc["data"] for c in t.get("customdata", [])]
    assert any(row[0] == "%{x} 完工" for row in custom)  # shown as typed, not evaluated
    assert any(row[-1] == "&lt;img src=x onerror=alert(1)&gt; 备注" for row in custom)


def test_tracking_layers(tmp_path: Path) -> None:
    doc = small_figure(tmp_path)
    by_name = {t["name"]: t for t in doc["data"] if t.get("name")}
    assert set(by_name) >= {"基线", "实际", "预计", "关键路径", "里程碑", "期限", "依赖", "汇总"}
    actual = by_name["实际"]
    assert actual["y"] == ["prep", "walls"]
    # walls: actual from Tue 07-11 to the data date Wed 07-12: 2 days
    assert actual["base"][1].startswith("2023-07-11") and actual["x"][1] == 2 * 86_400_000
    assert actual["text"] == ["100%", "25%"]
    links, heads = (t for t in doc["data"] if t.get("name") == "依赖")
    assert links["mode"] == "lines" and heads["mode"] == "markers"
    # prep->walls and prep->roof (the link into 'build'), walls->roof, build->done
    assert links["x"].count(None) == 4 and len(heads["x"]) == 4
    shapes = doc["layout"]["shapes"]
    assert any(s.get("line", {}).get("dash") == "dash" for s in shapes)  # the data date


def test_plan_only_has_no_actual_or_forecast(tmp_path: Path) -> None:
    plan = load_plan(small_plan(tmp_path))
    doc = json.loads(figure(schedule(plan), None, "en").to_json())
    names = {t.get("name") for t in doc["data"]}
    assert "planned" in names and not names & {"actual", "forecast", "baseline"}


def test_nonworking_days_include_chinese_holidays() -> None:
    from datetime import date

    from planner.domain.calendar import Calendar

    runs = nonworking_ranges(Calendar("cn"), date(2023, 9, 25), date(2023, 10, 15))
    assert (date(2023, 9, 29), date(2023, 10, 6)) in runs  # National Day, one block
    assert (date(2023, 10, 14), date(2023, 10, 15)) in runs
    assert all(a.month != 10 or a.day not in (7, 8) for a, _ in runs)  # make-up workdays


def test_page_is_self_contained(tmp_path: Path) -> None:
    plan = load_plan(small_plan(tmp_path))
    (snap,) = load_snapshots(plan)
    t = track(plan, from_schedule(schedule(plan)), snap)
    page = gantt_html(t.forecast, t, [t], "zh")
    assert plotly_js() in page  # embedded, once
    page = page.replace(plotly_js(), "")  # its own strings mention plotly.com; not loaded
    assert "<script src" not in page and "<link" not in page
    assert "src=\"http" not in page and "href=\"http" not in page and "cdn" not in page.lower()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert XSS not in page  # nowhere in the page raw: escaped in tables, JSON-escaped in data
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # Chinese in the page's own text (figure data may be \u-escaped, depending on the
    # JSON encoder plotly finds installed)
    assert '<meta charset="utf-8">' in page and "甘特图" in page and "完工" in page


def test_cli_writes_atomically_into_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            ) -> None:
    folder = small_plan(tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    result = invoke(["gantt", str(folder)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "reports" / "t-2023-07-12.html"
    assert out.exists() and "Gantt chart written (5 tasks" in result.stdout
    assert [p.name for p in (tmp_path / "reports").iterdir()] == [out.name]  # no temp left


def test_failed_write_leaves_the_old_file_whole(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.html"
    target.write_text("old report")

    def broken(src: str, dst: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new report")
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_png_without_a_browser_says_what_to_install(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_plan(tmp_path / "plan")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = invoke(["gantt", str(folder), "-o", str(tmp_path / "g.html"),
                                 "--png", str(tmp_path / "g.png")])
    assert result.exit_code == 1
    assert "apt-get install chromium" in result.stderr
    # all or nothing: the page is not written either, so no half-updated pack is left
    assert not (tmp_path / "g.html").exists() and not (tmp_path / "g.png").exists()


# -- the meeting-room page: window, period, colours, shapes -------------------------------

DAY = 86_400_000
PERIOD_HEADER = ("plan:\n  id: t\n  name: Test\n  start: 2023-07-03\n  finish: 2023-07-14\n"
                 "  calendar: weekdays\n")


def traces(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The traces of a layer that carry data (not its legend-only swatch)."""
    return [t for t in doc["data"] if t.get("name") == name and t.get("y") != [None]]


def bar_spans(doc: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(row, base, length in ms) of every drawn bar."""
    return [(y, base, x) for t in doc["data"] if t["type"] == "bar" and t.get("base")
            for y, base, x in zip(t["y"], t["base"], t["x"], strict=True)]


def clip_marks(doc: dict[str, Any], lang: str = "zh") -> list[tuple[str, str]]:
    name = "超出显示范围" if lang == "zh" else "beyond the shown dates"
    return [(y, symbol) for t in traces(doc, name)
            for y, symbol in zip(t["y"], t["marker"]["symbol"], strict=True)]


def tracked_small(tmp_path: Path, header: str | None = None) -> Any:
    folder = small_plan(tmp_path)
    if header is not None:
        write_plan(folder, SMALL, header)
    plan = load_plan(folder)
    (snap,) = load_snapshots(plan)
    return track(plan, from_schedule(schedule(plan)), snap)


def fig_json(*args: Any, **kwargs: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(figure(*args, **kwargs).to_json())
    return doc


def test_window_clips_bars_and_marks_the_cut_ends(tmp_path: Path) -> None:
    from datetime import date, datetime

    t = tracked_small(tmp_path)
    doc = fig_json(t.forecast, t, "zh", window=(date(2023, 7, 11), date(2023, 7, 17)))
    # nothing drawn outside the window: 07-11 00:00 to the end of 07-17
    first, last = datetime(2023, 7, 11), datetime(2023, 7, 18)
    spans = bar_spans(doc)
    assert spans and all(
        first <= datetime.fromisoformat(base) and
        datetime.fromisoformat(base).timestamp() * 1000 + x <= last.timestamp() * 1000
        for _, base, x in spans)
    assert "prep" not in {y for y, _, _ in spans}  # wholly before the window (07-03..07-10)
    # walls: forecast to 07-20, cut at 07-17; its actual part (07-11..07-12) kept whole
    (forecast,) = traces(doc, "预计")
    i = forecast["y"].index("walls")
    assert forecast["base"][i].startswith("2023-07-13") and forecast["x"][i] == 5 * DAY
    # a ◀ / ▶ where each row was cut (the baseline of walls starts 07-10, before the window)
    assert clip_marks(doc) == [("prep", "triangle-left"), ("build", "triangle-right"),
                               ("walls", "triangle-left"), ("walls", "triangle-right"),
                               ("done", "triangle-right")]
    (marks,) = traces(doc, "超出显示范围")
    prep = marks["customdata"][0]
    assert prep[1:3] == ["2023-07-03", "2023-07-10"]  # the real dates, in the hover
    assert prep[3] == "2023-07-03 – 2023-07-07"  # and the baseline's
    assert "2023年7月11日至2023年7月17日" in prep[4]
    assert "%{customdata[1]}" in marks["hovertemplate"]
    # the milestone (07-20) and the deadline of walls (07-19) lie beyond: no diamond, no mark
    assert traces(doc, "里程碑") == [] and traces(doc, "期限") == []
    # the axis: the window and a few days either side for the marks
    assert doc["layout"]["xaxis"]["range"] == ["2023-07-08T00:00:00", "2023-07-23T00:00:00"]


def test_without_a_window_nothing_is_cut(tmp_path: Path) -> None:
    doc = small_figure(tmp_path)  # the plan states no period: the whole schedule, as before
    assert clip_marks(doc) == []
    assert doc["layout"]["xaxis"]["range"] == ["2023-06-30T00:00:00", "2023-07-26T00:00:00"]


def test_default_window_is_the_plans_period_with_its_end_marked(tmp_path: Path) -> None:
    t = tracked_small(tmp_path, PERIOD_HEADER)
    doc = fig_json(t.forecast, t, "zh")
    # plan start 07-03 to its finish 07-14 (the data date 07-12 lies inside)
    assert doc["layout"]["xaxis"]["range"] == ["2023-06-30T00:00:00", "2023-07-20T00:00:00"]
    assert ("walls", "triangle-right") in clip_marks(doc)  # forecast to 07-20: cut, marked
    end = [s for s in doc["layout"]["shapes"] if s["type"] == "line"
           and s["x0"] == "2023-07-15T00:00:00"]
    assert len(end) == 1 and "dash" not in end[0]["line"]  # solid; the data date's is dashed
    texts = [a["text"] for a in doc["layout"]["annotations"]]
    assert "计划期末：2023年7月14日" in texts and "数据日期：2023年7月12日" in texts
    en = fig_json(t.forecast, t, "en")
    assert "end of plan period: 2023-07-14" in [a["text"] for a in en["layout"]["annotations"]]
    # the plan alone: the same period; no data date to widen it
    plan_only = fig_json(schedule(t.plan), None, "zh")
    assert plan_only["layout"]["xaxis"]["range"][0] == "2023-06-30T00:00:00"
    # the page's headline says the forecast passes the period
    page = gantt_html(t.forecast, t, [t], "zh")
    assert "超出计划期（至2023年7月14日）" in page


def test_default_window_widens_to_a_data_date_beyond_the_period(tmp_path: Path) -> None:
    from datetime import date

    t = tracked_small(tmp_path, PERIOD_HEADER.replace("2023-07-14", "2023-07-07"))
    doc = fig_json(t.forecast, t, "zh")
    assert t.date == date(2023, 7, 12)
    assert doc["layout"]["xaxis"]["range"] == ["2023-06-30T00:00:00", "2023-07-18T00:00:00"]
    with pytest.raises(ValueError, match="starts"):
        figure(t.forecast, t, "zh", window=(date(2023, 8, 1), None))


def test_cli_from_and_to(tmp_path: Path) -> None:
    folder = small_plan(tmp_path / "plan")
    out = tmp_path / "g.html"
    result = invoke(["gantt", str(folder), "-o", str(out), "--from", "2023-07-11",
                     "--to", "2023-07-17"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '"range":["2023-07-08T00:00:00","2023-07-23T00:00:00"]' in page.replace(" ", "")
    assert "triangle-left" in page
    result = invoke(["gantt", str(folder), "-o", str(out), "--from", "2023-07-12"])
    assert result.exit_code == 0, result.output  # the other side: the whole schedule's
    assert '"range":["2023-07-09T00:00:00","2023-07-26T00:00:00"]' in \
        out.read_text(encoding="utf-8").replace(" ", "")
    for bad in (["--from", "2023-07-17", "--to", "2023-07-11"], ["--from", "2023-09-01"],
                ["--to", "2023-13-01"]):
        result = invoke(["gantt", str(folder), "-o", str(tmp_path / "x.html"), *bad])
        assert result.exit_code == 2, (bad, result.output)
        assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()


PERIOD_PLAN = """\
- id: work
  name: 常态化巡查
  owner: 镇农办
  ongoing: true
- id: a
  name: 甲
  owner: 镇农办
  duration: 5
- id: b
  name: 乙
  owner: 镇建设办
  duration: 5
  deadline: 2023-07-10
- id: sign
  name: 签约
  duration: 0
  after: [a]
- id: kickoff
  name: 启动
  milestone: true
- id: c
  name: 丙
  duration: 20
"""


def period_plan(tmp_path: Path) -> Path:
    """Ongoing work, two finished milestones, and a tie for the worst slip: a (file order
    first, medium) and b (high: it will miss its deadline) both slip 5 working days."""
    write_plan(tmp_path, PERIOD_PLAN, PERIOD_HEADER.replace("2023-07-14", "2023-07-31"))
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "2023-07-07.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n"
        "  work: {started: 2023-07-03, percent: 5}\n"
        "  sign: {started: 2023-07-05, finished: 2023-07-06}\n"
        "  kickoff: {started: 2023-07-03, finished: 2023-07-03}\n", encoding="utf-8")
    return tmp_path


def tracked_period(tmp_path: Path) -> Any:
    plan = load_plan(period_plan(tmp_path))
    (snap,) = load_snapshots(plan)
    return track(plan, from_schedule(schedule(plan)), snap)


@pytest.mark.parametrize("color", ["owner", "status"])
def test_finished_milestones_stay_diamonds(tmp_path: Path, color: str) -> None:
    t = tracked_period(tmp_path)
    assert t.task("sign").state == "done" and t.task("kickoff").state == "done"
    doc = fig_json(t.forecast, t, "zh", color)
    (marks,) = traces(doc, "里程碑")
    assert marks["y"] == ["sign", "kickoff"] and marks["marker"]["symbol"] == "diamond"
    # at the finish, even for a milestone reported over two days (started 07-05)
    assert marks["x"][0] == "2023-07-06T12:00:00"
    assert not {"sign", "kickoff"} & {y for y, _, _ in bar_spans(doc)}  # never a bar


def test_ongoing_work_is_a_pale_band(tmp_path: Path) -> None:
    t = tracked_period(tmp_path)
    doc = fig_json(t.forecast, t, "zh")
    (band,) = traces(doc, "持续推进")
    assert band["y"] == ["work"] and band["marker"]["opacity"] <= 0.3
    assert band["marker"]["color"] == ["#4e79a7"]  # its owner's colour, pale
    assert "持续推进的工作" in band["hovertemplate"]
    assert band["base"][0].startswith("2023-07-03") and band["x"][0] == 29 * DAY  # to 07-31
    for layer in ("实际", "预计", "偏差", "关键路径"):  # no solid bar, slip or critical frame
        assert all("work" not in tr["y"] for tr in traces(doc, layer)), layer
    assert "ongoing work" in fig_json(t.forecast, t, "en")["data"][
        [tr.get("name") for tr in doc["data"]].index("持续推进") + 1]["hovertemplate"]


def test_owners_beyond_the_palette_get_distinct_colours(tmp_path: Path) -> None:
    from planner.render.style import PALETTE, owner_colours

    n = 30
    body = "".join(f"- id: t{i}\n  name: 任务{i}\n  owner: 单位{i}\n  duration: 2\n"
                   for i in range(n))
    s = schedule(load_plan(write_plan(tmp_path, body)))
    doc = fig_json(s, None, "zh")
    (planned,) = traces(doc, "计划")
    assert len(set(planned["marker"]["color"])) == n  # one colour per owner, none repeated
    assert planned["marker"]["color"][:len(PALETTE)] == list(PALETTE)
    owners = [t for t in doc["data"] if t.get("legend") == "legend2"]
    assert len({t["marker"]["color"] for t in owners}) == n
    assert fig_json(s, None, "zh") == doc  # the same colours every time
    assert owner_colours(n)[:20] == owner_colours(20)  # and for the same owner order
    assert len(set(owner_colours(1000))) == 1000


@pytest.mark.parametrize("color", ["owner", "status"])
def test_legend_swatches_are_not_owner_colours(tmp_path: Path, color: str) -> None:
    t = tracked_period(tmp_path / "a")
    small = tracked_small(tmp_path / "b")
    for s, tr in ((t.forecast, t), (small.forecast, small), (schedule(t.plan), None)):
        doc = fig_json(s, tr, "zh", color)
        used = {t["marker"]["color"] for t in doc["data"] if t.get("legend") == "legend2"}
        shown = [t for t in doc["data"]
                 if t.get("showlegend", True) and t.get("legend") != "legend2"]
        assert len(shown) >= 6
        for trace in shown:
            marker = trace.get("marker", {})
            swatch = [marker.get("color"), marker.get("line", {}).get("color"),
                      trace.get("line", {}).get("color")]
            assert isinstance(marker.get("color", ""), str), trace["name"]  # one colour
            assert not used & set(swatch), trace["name"]


def test_slip_critical_and_deadlines_differ_by_shape_not_only_colour(tmp_path: Path) -> None:
    doc = small_figure(tmp_path)
    (slip,) = traces(doc, "偏差")
    assert slip["marker"]["pattern"]["shape"]  # hatched
    (critical,) = traces(doc, "关键路径")
    assert critical["marker"]["line"]["color"] == "#000000"
    assert critical["marker"]["line"]["width"] >= 3
    (deadline,) = traces(doc, "期限")
    assert deadline["marker"]["symbol"] == "triangle-down"


def test_date_cells_do_not_wrap(tmp_path: Path) -> None:
    t = tracked_small(tmp_path)
    page = gantt_html(t.forecast, t, [t], "zh")
    assert "td.num, td.date, td.short { white-space: nowrap; }" in page
    assert "<td class=date>2023-07-19</td>" in page  # walls' baseline finish and deadline


def test_page_headline_is_the_status_headline(tmp_path: Path) -> None:
    from planner.render import status as review

    t = tracked_period(tmp_path)
    # the fixture is a real tie: file order would name a, the review's order names b
    assert review.headline(t, t.leaves(), "zh") != review.headline(t, review.select(t), "zh")
    status = json.loads(invoke(["status", str(tmp_path), "-f", "json", "--lang", "zh"]).stdout)
    assert "拖期最多的是乙，拖期5个工作日" in status["headline"]
    out = tmp_path / "g.html"
    assert invoke(["gantt", str(tmp_path), "-o", str(out), "--lang", "zh"]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert f'<p class="headline">{status["headline"]}</p>' in page


def test_bundled_page_headline_is_the_status_headline(tmp_path: Path) -> None:
    status = json.loads(invoke(["status", str(BUNDLED), "-f", "json"]).stdout)
    out = tmp_path / "g.html"
    assert invoke(["gantt", str(BUNDLED), "-o", str(out)]).exit_code == 0
    assert f'<p class="headline">{status["headline"]}</p>' in out.read_text(encoding="utf-8")


# -- in a real browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser_or_skip() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium must be installed in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed here; .ci/run installs it for CI")
    pytest.importorskip("playwright.sync_api")
    return CHROMIUM


def open_in_browser(browser: Any, path: Path) -> dict[str, Any]:
    """Open a file in a fresh context of ``browser`` (the `chromium_browser` fixture) with
    every network request blocked; report what happened."""
    found: dict[str, Any] = {"errors": [], "requests": [], "dialogs": []}
    with browser.new_context() as context:
        page = context.new_page()
        page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
        page.on("console", lambda m: found["errors"].append(m.text) if m.type == "error"
                else None)
        page.on("pageerror", lambda e: found["errors"].append(str(e)))
        page.on("request", lambda r: found["requests"].append(r.url))
        page.on("dialog", lambda d: (found["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_function("document.querySelectorAll('#gantt g.point').length > 0",
                               timeout=30_000)
        labels = page.locator(".rowlabel")  # large charts: HTML row labels, not plotly ticks
        found["rows"] = labels.count() or page.locator("#gantt .ytick").count()
        found["ticks"] = (labels.all_text_contents() if labels.count()
                          else page.locator("#gantt .ytick text").all_text_contents())
        found["geometry"] = page.evaluate(
            "() => { const p = document.querySelector('#gantt .nsewdrag');"
            " const l = document.querySelector('.rowlabels');"
            " if (!p || !l) return null;"
            " const a = p.getBoundingClientRect(), b = l.getBoundingClientRect();"
            " return [a.top, a.height, b.top, b.height]; }")
        found["text"] = page.locator("body").inner_text()
        found["date_lines"] = page.evaluate(  # line boxes of each date cell's text
            "() => Array.from(document.querySelectorAll('td.date')).map(td => {"
            " const r = document.createRange(); r.selectNodeContents(td);"
            " return r.getClientRects().length; })")
        found["imgs"] = page.locator("img[src=x]").count()
    return found


@pytest.mark.browser
def test_in_a_real_browser_offline(tmp_path: Path, chromium_browser: Any) -> None:
    folder = small_plan(tmp_path / "plan")
    out = tmp_path / "g.html"
    assert invoke(["gantt", str(folder), "-o", str(out)]).exit_code == 0
    seen = open_in_browser(chromium_browser, out)
    assert seen["errors"] == []
    assert seen["requests"] == [out.as_uri()]  # the file itself, nothing else
    assert seen["rows"] == 5
    assert XSS in seen["ticks"] and STYLE in seen["ticks"]  # shown exactly as typed
    assert "组建专班" in seen["ticks"] and "%{x} 完工" in seen["ticks"]
    assert seen["dialogs"] == [] and seen["imgs"] == 0  # nothing ran, nothing injected
    assert "组建专班" in seen["text"]  # the milestone table, rendered in Chinese
    plot_top, plot_height, labels_top, labels_height = seen["geometry"]
    assert labels_top == plot_top and labels_height == plot_height == 26 * 5  # rows line up


@pytest.mark.browser
def test_bundled_plan_in_a_real_browser(tmp_path: Path, chromium_browser: Any) -> None:
    out = tmp_path / "yushan.html"
    assert invoke(["gantt", str(BUNDLED), "-o", str(out)]).exit_code == 0
    seen = open_in_browser(chromium_browser, out)
    assert seen["errors"] == [] and seen["requests"] == [out.as_uri()]
    assert seen["rows"] == len(load_plan(BUNDLED).tasks)
    assert "六村抱团兴农共富联合体项目" in seen["ticks"]
    assert seen["date_lines"] and set(seen["date_lines"]) == {1}  # no date broken in two


@pytest.mark.browser  # kaleido drives a real Chromium
def test_png_and_pdf_export_through_kaleido(tmp_path: Path) -> None:
    browser_or_skip()
    pytest.importorskip("kaleido")
    folder = small_plan(tmp_path / "plan")
    result = invoke(["gantt", str(folder), "-o", str(tmp_path / "g.html"),
                                 "--png", str(tmp_path / "g.png"),
                                 "--pdf", str(tmp_path / "g.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "g.pdf").read_bytes()[:5] == b"%PDF-"


def test_links_all_driving_or_none(tmp_path: Path) -> None:
    plan = load_plan(small_plan(tmp_path))
    s = schedule(plan)

    def heads(links: str) -> int:
        doc = json.loads(figure(s, None, "en", links=links).to_json())
        return sum(len(t["x"]) for t in doc["data"]
                   if t.get("name") == "dependencies" and t.get("mode") == "markers")

    # prep -> walls and prep -> roof (through build), walls -> roof (SS+2), build -> done.
    # prep -> roof has slack: prep allows roof on Mon 07-10, but walls (from 07-10) SS+2
    # holds it to Wed 07-12; the other three links bind.
    assert heads("all") == 4 and heads("none") == 0
    assert heads("driving") == 3
    assert heads("auto") == heads("all")  # a small plan shows every link


def test_pages_embed_the_small_plotly_bundle_of_the_same_version(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import plotly.offline

    from planner.render import html as page

    page.plotly_js.cache_clear()
    try:
        bundle = page.plotly_js()
        assert page.basic_bundle_version(bundle) == plotly.offline.get_plotlyjs_version()
        assert len(bundle) < 2_000_000  # the basic bundle, not the 4.6 MB full one
        # another plotly version: its own full bundle, never a mismatched one
        monkeypatch.setattr(plotly.offline, "get_plotlyjs_version", lambda: "0.0.0")
        page.plotly_js.cache_clear()
        assert page.basic_bundle_version(page.plotly_js()) is None
        assert len(page.plotly_js()) > 3_000_000
    finally:
        page.plotly_js.cache_clear()


@pytest.mark.browser
def test_large_chart_in_a_real_browser_has_aligned_html_row_labels(
        tmp_path: Path, chromium_browser: Any) -> None:
    from datetime import date

    from planner.domain.model import Link, Plan, Task

    n = 520  # beyond LARGE: row names become an HTML column, arrows only driving links
    tasks = [Task(id=f"t{i}", name=XSS if i == 7 else f"任务{i}", duration=1 + i % 5,
                  after=(Link(f"t{i - 1}"),) if i % 10 else ()) for i in range(n)]
    plan = Plan(id="big", name="大计划", start=date(2024, 1, 1), tasks=tuple(tasks))
    out = tmp_path / "big.html"
    out.write_text(gantt_html(schedule(plan), None, [], "zh"), encoding="utf-8")
    seen = open_in_browser(chromium_browser, out)
    assert seen["errors"] == [] and seen["requests"] == [out.as_uri()]
    assert seen["rows"] == n and seen["ticks"][7] == XSS and seen["imgs"] == 0
    plot_top, plot_height, labels_top, labels_height = seen["geometry"]
    assert labels_top == plot_top and labels_height == plot_height == 26 * n


def test_the_sample_data_banner_is_a_line_under_a_one_line_title() -> None:
    """A title of two lines (name, then banner) was cut at the top of the PNG: the banner is
    an annotation of its own, under the title and above the legend."""
    from planner import Project

    review = Project.open(BUNDLED).review()
    assert review.tracking is not None
    doc = json.loads(figure(review.schedule, review.tracking, "zh").to_json())
    title = doc["layout"]["title"]
    assert title["text"] == "玉山镇2023年下半年重点工作（2023年11月7日）"  # one line, no <br>
    (banner,) = [a for a in doc["layout"]["annotations"] if "示例数据" in a["text"]]
    height, top = doc["layout"]["height"], doc["layout"]["margin"]["t"]
    plot = height - top - doc["layout"]["margin"]["b"]
    from_top = top - (banner["y"] - 1) * plot  # pixels from the figure's top edge
    legend_top = (1 - doc["layout"]["legend"]["y"]) * height
    assert 12 < from_top < legend_top and banner["yanchor"] == "top"


# -- the chart as an image: it says what it shows, and comes fast --------------------------


def test_an_image_carries_the_headline_above_unchanged_rows(tmp_path: Path) -> None:
    from planner.render.gantt import HEADLINE_PX, headline_text, with_headline

    plan = load_plan(small_plan(tmp_path))
    (snap,) = load_snapshots(plan)
    t = track(plan, from_schedule(schedule(plan)), snap)
    plain = figure(t.forecast, t, "zh")
    text = headline_text(t.forecast, t, "zh")
    assert text.startswith("截至")  # the review's headline, as `planner status` says it
    fig = with_headline(figure(t.forecast, t, "zh"), text)
    shown = [a.text for a in fig.layout.annotations if a.text not in
             {b.text for b in plain.layout.annotations}]
    assert shown == [text.replace("<", "&lt;").replace(">", "&gt;")]  # one line, escaped
    assert fig.layout.height == plain.layout.height + HEADLINE_PX + 8
    rows = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert rows == plain.layout.height - plain.layout.margin.t - plain.layout.margin.b
    # the title keeps its pixels from the top; the legend moves down by the headline
    assert (1 - fig.layout.title.y) * fig.layout.height == pytest.approx(12)
    assert (1 - fig.layout.legend.y) * fig.layout.height == pytest.approx(
        (1 - plain.layout.legend.y) * plain.layout.height + HEADLINE_PX + 8)
    # a long headline wraps by width: 300 CJK characters at 220 columns are 3 lines
    long = with_headline(figure(t.forecast, t, "zh"), "滞" * 300)
    lines = next(a.text for a in long.layout.annotations if "滞" in a.text).split("<br>")
    assert [len(x) for x in lines] == [110, 110, 80]
    assert long.layout.height == plain.layout.height + 3 * HEADLINE_PX + 8


def test_an_image_headline_is_escaped(tmp_path: Path) -> None:
    from planner.render.gantt import with_headline

    plan = load_plan(small_plan(tmp_path))
    fig = with_headline(figure(schedule(plan), None, "en"), f"{XSS} late")
    assert "&lt;img src=x onerror=alert(1)&gt; late" in [a.text for a in fig.layout.annotations]


@pytest.mark.browser  # kaleido is imported and driven (its browser start stubbed here)
def test_images_load_the_small_bundle_and_no_mathjax(monkeypatch: pytest.MonkeyPatch) -> None:
    kaleido = pytest.importorskip("kaleido")
    from planner.render import image
    from planner.render.html import basic_bundle

    seen: dict[str, Any] = {}

    def calc(spec: Any, opts: Any, kopts: Any) -> bytes:
        seen.update(kopts)
        return b"\x89PNG"

    monkeypatch.setattr(kaleido, "calc_fig_sync", calc)
    monkeypatch.setattr(image, "find_chromium", lambda platform="": "/usr/bin/chromium")
    import plotly.graph_objects as go

    assert image.image_bytes(go.Figure(), "png") == b"\x89PNG"
    bundle = basic_bundle()
    assert bundle is not None  # the vendored bundle matches the installed plotly
    # the 1.2 MB bundle every page embeds, not kaleido's default 4.7 MB one, and no MathJax
    # from a CDN: what took Chromium's page 1.8 s to start
    assert seen == {"mathjax": False, "plotlyjs": bundle.as_uri()}
