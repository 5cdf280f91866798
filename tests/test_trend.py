"""planner trend: milestone trend analysis on a hand-built plan with three snapshots, worked
out by hand; the chart page offline and escaped; the trend in the report and the Gantt page.

The plan runs on `weekdays` from Monday 2023-07-03: working day 0 is 07-03, 4 is 07-07,
9 is 07-14, 12 is 07-19, 14 is 07-21, 19 is 07-28, 22 is 08-02, 23 is 08-03.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from planner.analysis.trend import Trend, trend
from planner.project import Project
from planner.render.html import plotly_js
from planner.render.trend import figure, trend_csv, trend_table
from tests.conftest import BUNDLED, csv_rows, invoke, write_plan

HOSTILE = '<img src=x onerror=alert(1)>'

#   a   design, 10 days          baseline 07-03 … 07-14 (days 0-9)
#   m1  start of works, after a  baseline 07-14                     deadline 07-21
#   b   works, 10 days, after m1 baseline 07-17 … 07-28 (days 10-19) deadline 08-04
#   m2  handover, after b        baseline 07-28
# The trend follows m1 and m2 (milestones) and b (a deadline of its own); a has neither.
PLAN = f"""\
- id: a
  name: 设计
  owner: 镇建设办
  duration: 10
- id: m1
  name: 开工
  owner: 镇建设办
  milestone: true
  after: [a]
  deadline: 2023-07-21
- id: b
  name: "{HOSTILE}"
  owner: 镇建设办
  duration: 10
  after: [m1]
  deadline: 2023-08-04
- id: m2
  name: 交付
  owner: 镇建设办
  milestone: true
  after: [b]
"""
# Approved on 06-01: the baseline row sits there (before the first report, 07-07).
BASELINE = """\
plan: t
saved: 2023-06-01
tasks:
  a: {start: 2023-07-03, finish: 2023-07-14, duration: 10}
  m1: {start: 2023-07-14, finish: 2023-07-14, duration: 0}
  b: {start: 2023-07-17, finish: 2023-07-28, duration: 10}
  m2: {start: 2023-07-28, finish: 2023-07-28, duration: 0}
"""
SNAPSHOTS = {
    # 07-07 (day 4): a half done, 5 days left from 07-10 (day 5): a ends 07-14 (day 9),
    # m1 07-14, b 07-17 … 07-28, m2 07-28 -- as the baseline.
    "2023-07-07": "  a: {started: 2023-07-03, percent: 50}\n",
    # 07-14 (day 9): a 70% done, ceil(10 × 0.3) = 3 days left from 07-17 (day 10): a ends
    # 07-19 (day 12); m1 07-19 (+3); b days 13-22, 07-20 … 08-02 (+3); m2 08-02 (+3).
    "2023-07-14": "  a: {started: 2023-07-03, percent: 70}\n",
    # 07-21 (day 14): a and m1 finished 07-18 (day 11): m1's forecast is its actual finish,
    # 1 day earlier than at 07-14, +2 on the baseline. b started 07-19, 10% done: 9 days
    # left from 07-24 (day 15): days 15-23, ends 08-03 (+1 on 08-02, +4 on the baseline);
    # m2 08-03.
    "2023-07-21": ("  a: {started: 2023-07-03, finished: 2023-07-18}\n"
                   "  m1: {started: 2023-07-18, finished: 2023-07-18}\n"
                   "  b: {started: 2023-07-19, percent: 10}\n"),
}
HEADER = "plan:\n  id: t\n  name: 道路\n  start: 2023-07-03\n  calendar: weekdays\n  lang: zh\n"


def plan_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    write_plan(folder, PLAN, HEADER)
    (folder / "baseline.yaml").write_text(BASELINE, encoding="utf-8")
    (folder / "status").mkdir()
    for day, progress in SNAPSHOTS.items():
        (folder / "status" / f"{day}.yaml").write_text(
            f"plan: t\ndate: {day}\nprogress:\n{progress}", encoding="utf-8")
    return folder


def trend_of(tmp_path: Path) -> Trend:
    project = Project.open(plan_folder(tmp_path))
    return trend(project.plan, project.baseline, project.history(), project.calendar)


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_forecasts_at_each_report_after_the_baseline(tmp_path: Path) -> None:
    tr = trend_of(tmp_path)
    assert tr.reports == (d("2023-07-07"), d("2023-07-14"), d("2023-07-21"))
    assert [x.id for x in tr.lines] == ["m1", "b", "m2"]
    assert tr.baseline_date == tr.baseline_saved == d("2023-06-01")
    rows = {x.id: [(p.report, p.forecast, p.finished, p.slip_previous, p.slip_baseline)
                   for p in x.points] for x in tr.lines}
    assert rows["m1"] == [
        (None, d("2023-07-14"), False, None, 0),  # the baseline first
        (d("2023-07-07"), d("2023-07-14"), False, 0, 0),
        (d("2023-07-14"), d("2023-07-19"), False, 3, 3),
        (d("2023-07-21"), d("2023-07-18"), True, -1, 2),  # finished: its actual date
    ]
    assert rows["b"] == [
        (None, d("2023-07-28"), False, None, 0),
        (d("2023-07-07"), d("2023-07-28"), False, 0, 0),
        (d("2023-07-14"), d("2023-08-02"), False, 3, 3),
        (d("2023-07-21"), d("2023-08-03"), False, 1, 4),
    ]
    assert [p.forecast for p in tr.line("m2").points] == [
        d("2023-07-28"), d("2023-07-28"), d("2023-08-02"), d("2023-08-03")]


def test_slips_and_drift_per_month(tmp_path: Path) -> None:
    tr = trend_of(tmp_path)
    b, m1 = tr.line("b"), tr.line("m1")
    assert (b.slip_since_previous, b.slip_since_baseline) == (1, 4)
    assert (m1.slip_since_previous, m1.slip_since_baseline) == (-1, 2)
    # 06-01 to 07-21 is 50 days = 50 / 30.4375 = 1.643 months: b drifted 4 days in that
    # time, 2.43 a month; m1 2 days by the report that shows it finished: 1.22 a month
    months = 50 / (365.25 / 12)
    assert b.drift_per_month == pytest.approx(4 / months)
    assert m1.drift_per_month == pytest.approx(2 / months)
    assert b.deadline == d("2023-08-04") and m1.deadline == d("2023-07-21")


def test_drift_needs_a_month(tmp_path: Path) -> None:
    # Without the saved baseline the row sits at the plan's start, 07-03: 18 days to the
    # last report is less than a month, so no drift is claimed.
    folder = plan_folder(tmp_path)
    (folder / "baseline.yaml").unlink()
    project = Project.open(folder)
    tr = trend(project.plan, project.baseline, project.history(), project.calendar)
    assert tr.baseline_date == d("2023-07-03") and tr.baseline_saved is None
    assert all(x.drift_per_month is None for x in tr.lines)


def test_table_json_and_csv(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    table = invoke(["trend", str(folder)]).stdout
    assert "道路：里程碑趋势，3个里程碑与期限，3次报告（2023年7月7日至2023年7月21日）" in table
    m1 = next(line for line in table.splitlines() if line.startswith("m1 "))
    assert re.search(r"07-21\s+07-14\s+07-14\s+07-19\s+07-18✓\s+-1\s+\+2\s+\+1\.2$", m1), m1
    doc = json.loads(invoke(["trend", str(folder), "-f", "json"]).stdout)
    assert doc["reports"] == ["2023-07-07", "2023-07-14", "2023-07-21"]
    b = doc["milestones"][1]
    assert (b["id"], b["slip_since_previous_days"], b["slip_since_baseline_days"],
            b["drift_days_per_month"]) == ("b", 1, 4, 2.44)  # 4 × 30.4375 / 50 = 2.435
    assert [p["report"] for p in b["points"]] == ["baseline", "2023-07-07", "2023-07-14",
                                                  "2023-07-21"]
    assert b["name"] == HOSTILE  # JSON keeps the text as written
    rows = csv_rows(invoke(["trend", str(folder), "-f", "csv"]).stdout)
    assert [(r["id"], r["report"], r["forecast_finish"]) for r in rows[:4]] == [
        ("m1", "baseline", "2023-07-14"), ("m1", "2023-07-07", "2023-07-14"),
        ("m1", "2023-07-14", "2023-07-19"), ("m1", "2023-07-21", "2023-07-18")]
    assert rows[3]["finished"] == "TRUE" and rows[3]["slip_since_baseline_days"] == "2"


def test_without_snapshots_the_baseline_alone(tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    write_plan(folder, PLAN, HEADER)
    out = invoke(["trend", str(folder), "--lang", "en"]).stdout
    assert "milestone trend, 3 milestone(s) and deadline(s), no report yet" in out
    assert "07-14" in out  # m1's baseline


def test_html_is_offline_and_escapes_a_hostile_name(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    out = tmp_path / "trend.html"
    result = invoke(["trend", str(folder), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert plotly_js() in page
    rest = page.replace(plotly_js(), "")
    assert not re.search(r"https?://", rest), re.findall(r"https?://\S{0,40}", rest)
    assert "<script src" not in rest and "<link" not in rest
    assert "default-src 'none'" in page
    assert HOSTILE not in page  # escaped in the table, \u-escaped or &lt; in the figure
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_figure_has_the_diagonal_a_line_per_milestone_and_the_deadlines(tmp_path: Path,
                                                                         ) -> None:
    tr = trend_of(tmp_path)
    fig = figure(tr, "en").to_plotly_json()
    traces = fig["data"]
    diagonal = traces[0]
    assert diagonal["x"] == diagonal["y"]  # report date = forecast date
    lines = [t for t in traces if t.get("mode") == "lines+markers" and t.get("showlegend")
             is not False]
    assert [t["legendgroup"] for t in lines] == ["m1", "b", "m2"]
    assert lines[1]["name"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert lines[1]["x"][0] == "2023-06-01"  # the baseline row at its approval date
    assert lines[0]["marker"]["symbol"][-1] == "diamond"  # m1 finished at the last report
    deadlines = [t for t in traces if t.get("showlegend") is False]
    assert {t["y"][0] for t in deadlines} == {"2023-07-21", "2023-08-04"}
    for t in traces:  # user text only ever in customdata and (escaped) names
        assert "onerror=alert(1)>" not in t.get("hovertemplate", "")
    assert "onerror" not in json.dumps(fig["layout"])


def test_table_in_english_shows_units(tmp_path: Path) -> None:
    tr = trend_of(tmp_path)
    text = trend_table(tr, "en", 120)
    assert "vs last" in text and "drift/month" in text and "✓ finished" in text
    assert trend_csv(tr).startswith("\ufeffid,name,owner")


def test_report_and_gantt_page_carry_the_trend_and_the_check(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    out = tmp_path / "out"
    assert invoke(["report", str(folder), "-o", str(out), "-n", "200"]).exit_code == 0
    md = (out / "t-2023-07-21-report.md").read_text(encoding="utf-8")
    assert "## 里程碑趋势" in md and "进度计划质量检查" not in md  # the check: --with-check
    assert "| m1 | 开工 | 07-21 | 07-14 | 07-14 | 07-19 | 07-18✓ | -1 | +2 | +1.2 |" in md
    doc = json.loads((out / "t-2023-07-21-report.json").read_text(encoding="utf-8"))
    assert doc["trend"]["milestones"][1]["slip_since_baseline_days"] == 4
    assert [m["name"] for m in doc["check"]["metrics"]][:2] == ["logic", "leads"]
    page = (out / "t-2023-07-21-report.html").read_text(encoding="utf-8")
    assert 'id="trend"' in page and "进度计划质量检查" not in page and HOSTILE not in page
    assert invoke(["report", str(folder), "-o", str(out), "-n", "200", "--with-check"]
                  ).exit_code == 0
    page = (out / "t-2023-07-21-report.html").read_text(encoding="utf-8")
    assert "附录：进度计划质量检查" in page and HOSTILE not in page
    gantt = tmp_path / "g.html"
    assert invoke(["gantt", str(folder), "-o", str(gantt)]).exit_code == 0
    text = gantt.read_text(encoding="utf-8")
    assert 'id="trend"' in text and "里程碑趋势" in text and HOSTILE not in text


def test_bundled_plan_trend() -> None:
    doc = json.loads(invoke(["trend", str(BUNDLED), "-f", "json"]).stdout)
    assert doc["reports"] == ["2023-06-30", "2023-09-30", "2023-11-07"]
    meters = next(m for m in doc["milestones"] if m["id"] == "water-meters")
    # 10-31 in the baseline, 10-26 at 09-30, 11-14 at 11-07 (the headline's +10)
    assert [p["forecast_finish"] for p in meters["points"]] == [
        "2023-10-31", "2023-10-31", "2023-10-26", "2023-11-14"]
    assert (meters["slip_since_previous_days"], meters["slip_since_baseline_days"]) == (13, 10)


def test_terminal_table_shows_the_latest_six_reports_and_says_so(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    for day in ("2023-07-04", "2023-07-05", "2023-07-10", "2023-07-11", "2023-07-12"):
        (folder / "status" / f"{day}.yaml").write_text(
            f"plan: t\ndate: {day}\nprogress: {{}}\n", encoding="utf-8")
    out = invoke(["trend", str(folder), "--lang", "en"], terminal_width=160).stdout
    header = next(line for line in out.splitlines() if line.startswith("id "))
    assert "07-04" not in header and "07-05 " not in header  # the two earliest of eight
    assert all(d in header for d in ("07-07", "07-10", "07-11", "07-12", "07-14", "07-21"))
    assert "…and 2 earlier report(s) (--format csv or json lists every one)" in out
    doc = json.loads(invoke(["trend", str(folder), "-f", "json"]).stdout)
    assert len(doc["reports"]) == 8
