"""The portfolio's meeting page: what it says of hand-made plans, escaping, size, and (marked
`browser`) that it draws, opens a plan and filters in a real Chromium, offline."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from planner.analysis.portfolio import Rollup
from planner.render.html import plotly_js
from planner.render.portfolio_page import portfolio_page
from tests.portfolio_rollups import (
    AMP_OWNER,
    COUNTY,
    HOSTILE_OWNER,
    HOSTILE_TASK,
    SHUANGFENG,
    YUSHAN,
    county,
    generated,
)


class Page(HTMLParser):
    """The page read back: each table's rows (cell texts, row attributes) by the id of the
    part it is in, the list items, the options of each select, the text outside scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[tuple[list[str], dict[str, str]]]] = {}
        self.items: list[tuple[str, dict[str, str]]] = []
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.texts: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._part = ""
        self._select = ""
        self._cell: list[str] | None = None
        self._row: tuple[list[str], dict[str, str]] | None = None
        self._item: list[str] | None = None
        self._script: dict[str, str] | None = None
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "div" and a.get("class") == "pf-part":
            self._part = a["id"]
        elif tag == "select":
            self._select = a["id"]
            self.options[self._select] = []
        elif tag == "option":
            self.options[self._select].append((a["value"], ""))
        elif tag == "tr" and self._part:
            self._row = ([], a)
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "li":
            self._item = []
            self.items.append(("", a))
        elif tag in ("script", "style"):
            self._script = a
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row[0].append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row[0]:  # not the header row
                self.tables.setdefault(self._part, []).append(self._row)
            self._row = None
        elif tag == "li" and self._item is not None:
            self.items[-1] = ("".join(self._item), self.items[-1][1])
            self._item = None
        elif tag in ("script", "style"):
            self._script = None
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._item is not None:
            self._item.append(data)
        if self._in and self._in[-1] == "option":
            value, _ = self.options[self._select][-1]
            self.options[self._select][-1] = (value, data)
        if data.strip():
            self.texts.append(data)

    def rows(self, part: str) -> list[list[str]]:
        return [cells for cells, _ in self.tables.get(part, [])]

    def data(self) -> dict[str, Any]:
        (found,) = [text for attrs, text in self.scripts if attrs.get("id") == "pf-data"]
        loaded: dict[str, Any] = json.loads(found)
        return loaded


def read(rollup: Rollup, lang: str = "zh") -> Page:
    return Page(portfolio_page(rollup, lang))


def test_title_has_the_data_date_and_the_banner_names_the_illustrative_plans() -> None:
    text = portfolio_page(county(), "zh")
    assert "<title>磐安县2023年下半年重点工作（2023年11月7日）</title>" in text
    assert "<h1>磐安县2023年下半年重点工作（2023年11月7日）</h1>" in text
    (banner,) = re.findall(r'<p class="banner">(.*?)</p>', text)
    assert banner.startswith("【示例数据】") and banner.endswith(YUSHAN)
    assert COUNTY not in banner and SHUANGFENG not in banner
    real = county()
    real = dataclasses.replace(real, plans=tuple(
        dataclasses.replace(p, row=dataclasses.replace(p.row, illustrative=None))
        for p in real.plans))
    assert 'class="banner"' not in portfolio_page(real, "zh")


def test_headline_adds_up_the_plans() -> None:
    page = read(county())
    # yushan: 3 work tasks, 2 late (will-miss-deadline, behind), 1 missed, past its period;
    # county: 2 tasks, 1 done, 1 late (slipping); shuangfeng: 1 task
    assert ("共3个计划、6项任务：已完成1项，正在推进3项（其中滞后3项），1项期限已逾期或预计逾期；"
            "1个计划预计超出计划期") in page.texts
    assert "1个单位未报送，涉及1项任务，按上期进度推算" in page.texts


def test_rollup_table_one_row_a_plan() -> None:
    rows = read(county()).rows("pf-rollup")
    assert rows == [
        ["玉山镇", "乡镇", "2023年11月7日", "3", "0", "2", "1项（1个单位）", "1",
         "月坑污水终端提升建设（15个工作日）", "10个工作日，主要受月坑污水终端提升建设影响",
         "挣值40.0万元，计划值50.0万元，进度绩效指数0.80"],
        # its latest snapshot is a week older than the date asked: said so
        ["县级部门", "县级部门", "2023年10月31日（此后未报送）", "2", "1", "1",
         "—", "0", "县级补助资金拨付（12个工作日）", "—", "—"],
        # no snapshot at all: reviewed as planned, said so
        ["双峰乡", "乡镇", "截至2023年11月7日无进展报告，按计划排程", "1", "0", "0", "—", "0",
         "—", "—", "—"],
    ]


def test_rollup_in_english_and_without_groups() -> None:
    r = county()
    r = dataclasses.replace(r, plans=tuple(
        dataclasses.replace(p, row=dataclasses.replace(p.row, group=None)) for p in r.plans))
    page = read(r, "en")
    first, second, third = page.rows("pf-rollup")
    assert first[1:] == ["2023-11-07", "3", "0", "2", "1 (1 units)", "1",
                         "月坑污水终端提升建设 (+15 working days)",
                         "10 working days, driven by 月坑污水终端提升建设",
                         "EV 400,000 CNY, PV 500,000 CNY, SPI 0.80"]
    assert second[1] == "2023-10-31 (none since)"
    assert third[1] == "no progress report by 2023-11-07: as planned"


def test_without_a_date_asked_each_plan_is_at_its_latest() -> None:
    page = read(dataclasses.replace(county(), date=None))
    assert [r[2] for r in page.rows("pf-rollup")] == [
        "2023年11月7日", "2023年10月31日", "无进展报告，按计划排程"]
    assert "<title>磐安县2023年下半年重点工作</title>" in portfolio_page(
        dataclasses.replace(county(), date=None), "zh")
    # the chart's data-date line: the latest of the plans' own
    assert page.data()["layout"]["shapes"][0]["x0"] == "2023-11-08"


def test_an_assumed_driver_is_marked_and_explained() -> None:
    page = read(county(driver_assumed=True))
    assert page.rows("pf-rollup")[0][9] == "10个工作日，主要受月坑污水终端提升建设＊影响"
    assert any(t.startswith("注：带＊者为推定值") for t in page.texts)
    assert read(county()).rows("pf-rollup")[0][9] == "10个工作日，主要受月坑污水终端提升建设影响"


def test_a_delay_caused_in_another_plan_asks_its_owner_to_act() -> None:
    page = read(county())
    # the sewage work resumes the working day after the transfer, 12-01 (Friday): 12-04
    assert [text for text, _ in page.items] == [
        "玉山镇“月坑污水终端提升建设”须待县级部门“县级补助资金拨付”完成后方可继续推进"
        "（县财政局，预计2023年12月1日），受此制约预计2023年12月4日恢复，玉山镇因此预计超出"
        "计划期10个工作日；请县财政局加快推进。"]
    (en,) = read(county(), "en").items
    assert en[0] == ("玉山镇: '月坑污水终端提升建设' cannot resume before 县级部门's "
                     "'县级补助资金拨付' is finished (县财政局, forecast 2023-12-01); held to "
                     "resume on 2023-12-04, which takes 玉山镇 10 working days past its period. "
                     "县财政局 to act.")


def test_a_delay_from_a_task_finished_late_asks_nobody() -> None:
    r = county()
    county_plan = r.plans[1]
    done = tuple(dataclasses.replace(t, state="done") if t.id == "subsidy" else t
                 for t in county_plan.tasks)
    page = read(dataclasses.replace(r, plans=(
        r.plans[0], dataclasses.replace(county_plan, tasks=done), r.plans[2])))
    assert [text for text, _ in page.items] == [
        "玉山镇预计超出计划期10个工作日，根源在县级部门“县级补助资金拨付”（县财政局）。"]


def test_a_wait_that_does_not_bind_is_no_cross_plan_cause() -> None:
    r = county()
    yushan = r.plans[0]
    loose = dataclasses.replace(yushan, waits=tuple(
        dataclasses.replace(w, binding=False) for w in yushan.waits))
    page = read(dataclasses.replace(r, plans=(loose, *r.plans[1:])))
    assert page.items == []
    assert "本期没有受其他计划制约而推迟的任务。" in page.texts


def test_a_chain_through_a_third_plan_names_the_task_between() -> None:
    """yushan waits on county's subsidy, which waits on shuangfeng's town work: the root is
    the town work, the subsidy named on the way."""
    from planner.analysis.portfolio import Wait

    r = county()
    county_plan = r.plans[1]
    held = dataclasses.replace(county_plan, waits=(Wait(
        "county", "subsidy", "shuangfeng:town", "shuangfeng", "town", "FS", 0, None,
        "plan", None, True),))
    page = read(dataclasses.replace(r, plans=(r.plans[0], held, r.plans[2])))
    assert [text for text, _ in page.items] == [
        "玉山镇“月坑污水终端提升建设”须待县级部门“县级补助资金拨付”完成后方可继续推进"
        "（县财政局，预计2023年12月1日），受此制约预计2023年12月4日恢复；请县财政局加快推进。",
        "玉山镇预计超出计划期10个工作日，根源在双峰乡“集镇改造”（县财政局），经县级部门"
        "“县级补助资金拨付”。"]


def test_deadlines_and_milestones_most_at_risk_first() -> None:
    rows = read(county()).rows("pf-watches")
    assert [(r[0], r[1], r[3], r[6], r[7]) for r in rows] == [
        ("玉山镇", "月坑污水终端提升建设", "期限", "-5", "12%"),
        ("玉山镇", "污水终端验收", "里程碑", "+4", "70%"),
        ("双峰乡", "集镇改造", "期限", "+8", "—"),  # not simulated: after those that are
    ]
    assert rows[0][4:6] == ["2023年12月15日", "2023年12月22日"]
    assert rows[0][8:] == ["进行中", "将超期、受前序拖累"]
    assert rows[1][2] == f"{AMP_OWNER}＊"  # the plan assumed this owner
    # without a simulation: no probability column, least margin first
    plain = read(county(probabilities=False)).rows("pf-watches")
    assert [(r[1], r[6]) for r in plain] == [("月坑污水终端提升建设", "-5"), ("污水终端验收", "+4"),
                                              ("集镇改造", "+8")]
    assert len(plain[0]) == len(rows[0]) - 1


def test_owners_across_plans() -> None:
    rows = read(county()).rows("pf-owners")
    by = {r[0]: r for r in rows}
    # a township's own offices (镇…) are its own: named with their township
    assert set(by) == {"县财政局", "镇农办（玉山镇）", HOSTILE_OWNER, "县交通局",
                       f"{AMP_OWNER}（玉山镇）"}
    # in two plans, and its unfinished subsidy transfer holds up yushan's sewage work
    assert by["县财政局"] == ["县财政局", "县级部门、双峰乡", "2", "1", "0",
                            "玉山镇“月坑污水终端提升建设”"]
    assert by["镇农办（玉山镇）"][2:5] == ["1", "1", "1"]
    assert rows[0][0] == "县财政局"  # most late, missed and holding first (`Rollup.owners`)


def test_user_text_is_escaped_everywhere() -> None:
    text = portfolio_page(county(), "zh").replace(plotly_js(), "")
    assert HOSTILE_OWNER not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # in the tables, escaped
    assert "镇建设办 &amp; 村委" in text
    # three script elements: plotly.js, the chart's data, our own code; none with a source
    assert len(re.findall(r"<script\b", text)) == 3 and not re.search(r"<script[^>]*src", text)
    page = Page(text)
    data = page.data()
    (_, raw), = [(a, t) for a, t in page.scripts if a.get("id") == "pf-data"]
    assert "<" not in raw and ">" not in raw and "&" not in raw  # \u escapes only
    # for plotly's labels (it reads a subset of HTML) the names are escaped once more
    names = [t["n"] for t in data["plans"][0]["t"]]
    assert "&lt;img src=x onerror=alert(2)&gt;道路" in names
    owners = [t["h"][0] for t in data["plans"][0]["t"]]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in owners
    assert f"{AMP_OWNER.replace('&', '&amp;')}＊" in owners
    assert page.options["pf-owner"][3] == ("2", HOSTILE_OWNER)  # shown as typed


def test_filters_know_each_rows_owners_and_flags() -> None:
    page = read(county())
    owners = dict((label, value) for value, label in page.options["pf-owner"])
    assert owners["全部"] == ""
    assert [label for _, label in page.options["pf-flag"]] == [
        "全部", "将超期", "进度落后", "拖期", "期限风险", "受前序拖累"]
    (yushan, _, shuangfeng) = [attrs for _, attrs in page.tables["pf-rollup"]]
    assert yushan["data-o"].split() == sorted(
        [owners["镇农办（玉山镇）"], owners[HOSTILE_OWNER], owners[f"{AMP_OWNER}（玉山镇）"]])
    assert set(yushan["data-f"].split()) == {"will-miss-deadline", "held-back", "behind",
                                             "deadline-at-risk"}
    # both filters keep a row only when one task has both
    assert f" {owners[HOSTILE_OWNER]}:behind " in yushan["data-of"]
    assert f" {owners['镇农办（玉山镇）']}:behind " not in yushan["data-of"]
    assert shuangfeng["data-o"].split() == [owners["县财政局"]]
    # the cause is found under the owner who holds it and the one who waits
    (_, cause) = page.items[0]
    assert set(cause["data-o"].split()) == {owners["县财政局"], owners["镇农办（玉山镇）"]}


def test_chart_data_one_bar_a_plan_its_tasks_inside() -> None:
    data = read(county()).data()
    yushan, county_plan, shuangfeng = data["plans"]
    assert (yushan["s"], yushan["w"]) == ("2023-08-01", 147)  # 08-01 to 12-25, both days
    assert yushan["pe"] == "2023-12-30"  # the end of the period's last day, 12-29
    assert yushan["c"] == "missed" and county_plan["c"] == "late"
    assert shuangfeng["c"] == "planned"  # no snapshot
    assert yushan["ms"] == [["2023-12-25 12:00", "污水终端验收", "2023年12月25日"]]
    assert [d[1] for d in yushan["dl"]] == ["月坑污水终端提升建设", "污水终端验收"]
    sewage = yushan["t"][1]
    assert sewage["bf"] == "2023-12-01"  # baseline finish 11-30, at its day's end
    assert sewage["sl"] == ["2023-12-01", 22]  # slip: 12-01 to the forecast 12-22
    assert sewage["c"] == "missed" and sewage["dl"] == "2023-12-16"
    assert yushan["t"][0]["sm"] is True and "sl" not in yushan["t"][0]
    assert yushan["t"][2]["c"] == "awaiting"
    assert [t["c"] for t in county_plan["t"]] == ["late", "done"]
    assert data["layout"]["shapes"][0]["x0"] == "2023-11-08"  # the data date's end
    assert data["layout"]["annotations"][0]["text"] == "数据日期：2023年11月7日"


def test_pages_stay_small() -> None:
    bundle = len(plotly_js().encode())
    small = len(portfolio_page(county(), "zh").encode())
    assert small - bundle < 30_000
    big = portfolio_page(generated(14, 150), "zh")
    # 2,100 tasks, their chart data and every deadline and milestone in a table: well
    # under 1 MB beside plotly.js
    assert len(big.encode()) - bundle < 700_000
    assert len(Page(big).data()["plans"]) == 14


def test_no_plan_no_task_and_no_date() -> None:
    empty = Rollup("空", "zh", None, ())
    page = read(empty)
    assert page.rows("pf-rollup") == [] and page.data()["plans"] == []
    assert "各计划均未设期限或里程碑。" in page.texts


# -- in a real browser ---------------------------------------------------------------------


def _visible(page: Any, selector: str) -> list[str]:
    return list(page.eval_on_selector_all(
        selector, "els => els.filter(e => !e.closest('[hidden]')).map(e => e.textContent)"))


def offline(context: Any, errors: list[str], requests: list[str]) -> Any:
    """A page of ``context`` that may load files only, noting its errors and requests."""
    page = context.new_page()
    page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return page


@pytest.mark.browser
def test_in_a_real_browser_offline_expand_and_filter(tmp_path: Path,
                                                     chromium_browser: Any) -> None:
    out = tmp_path / "county.html"
    out.write_text(portfolio_page(county(), "zh"), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []
    with chromium_browser.new_context() as context:
        page = offline(context, errors, requests)

        def dialog(d: Any) -> None:
            dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelectorAll('#pf-gantt g.point').length > 0",
                               timeout=30_000)

        def labels() -> list[str]:
            return list(page.locator("#pf-labels .rowlabel").all_text_contents())

        def bars(trace: int) -> int:  # 0: the plans' bars, 1: the tasks'
            return int(page.evaluate(
                "i => Array.from(document.querySelectorAll('#pf-gantt .barlayer .trace')[i]"
                ".querySelectorAll('.point path')).filter(p => p.getBBox().width > 0).length",
                trace))

        # collapsed: one row a plan, one bar a plan
        assert labels() == [f"▸ {YUSHAN}", f"▸ {COUNTY}", f"▸ {SHUANGFENG}"]
        assert bars(0) == 3 and bars(1) == 0
        assert len(_visible(page, "#pf-rollup tbody tr")) == 3
        # the plan's name in the roll-up table opens it: its four tasks under it, as typed
        page.click("#pf-rollup tbody tr:nth-child(1) td:first-child")
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 7")
        assert labels()[:5] == [f"▾ {YUSHAN}", "污水治理", "月坑污水终端提升建设", HOSTILE_TASK,
                                "污水终端验收"]
        assert bars(0) == 3 and bars(1) == 2  # sewage and road; a summary, a milestone
        # labels and rows line up: ROW_PX each from the plot's top
        page.locator("#pf-gantt").scroll_into_view_if_needed()  # the mouse clicks in view
        plot = page.locator("#pf-gantt .nsewdrag").bounding_box()
        column = page.locator("#pf-labels").bounding_box()
        assert plot and column and plot["y"] == column["y"] and plot["height"] == 7 * 26
        # a plan's bar opens it too: the county plan's bar, the sixth row
        y = plot["y"] + 5.5 * 26
        page.mouse.click(plot["x"] + plot["width"] * 0.3, y)
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 9")
        assert labels()[5:8] == [f"▾ {COUNTY}", "县级补助资金拨付", "农村公路养护"]
        # filter by owner: only the county's plan has 县交通局, and only its road upkeep
        page.select_option("#pf-owner", label="县交通局")
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 2")
        assert labels() == [f"▾ {COUNTY}", "农村公路养护"]
        # (the plan's short name, then its group: both 县级部门 in this portfolio)
        assert [r.split("2023")[0] for r in _visible(page, "#pf-rollup tbody tr")] == [
            "县级部门县级部门"]
        assert _visible(page, "#pf-watches tbody tr") == []
        assert _visible(page, "#pf-watches .pf-empty") == ["没有符合筛选条件的内容。"]
        assert [r[:4] for r in _visible(page, "#pf-owners tbody tr")] == ["县交通局"]
        # owner and flag together: a task with both
        page.select_option("#pf-owner", label="县财政局")
        page.select_option("#pf-flag", "slipping")
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 2")
        assert labels() == [f"▾ {COUNTY}", "县级补助资金拨付"]
        assert len(_visible(page, "#pf-causes li")) == 1
        page.select_option("#pf-flag", "behind")  # no task of 县财政局 is behind
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 0")
        assert _visible(page, "#pf-rollup tbody tr") == []
        # all back, then everything open
        page.select_option("#pf-owner", "")
        page.select_option("#pf-flag", "")
        page.click("#pf-expand")
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 10")
        page.click("#pf-collapse")
        page.wait_for_function("document.querySelectorAll('#pf-labels .rowlabel').length == 3")
    assert errors == [] and dialogs == []
    assert requests == [out.as_uri()]  # the file itself, nothing else


@pytest.mark.browser
def test_fourteen_plans_of_150_tasks_open_in_a_real_browser(tmp_path: Path,
                                                            chromium_browser: Any) -> None:
    out = tmp_path / "big.html"
    out.write_text(portfolio_page(generated(14, 150), "zh"), encoding="utf-8")
    errors: list[str] = []
    with chromium_browser.new_context() as context:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelectorAll('#pf-gantt g.point').length > 0",
                               timeout=30_000)
        assert page.locator("#pf-labels .rowlabel").count() == 14  # collapsed
        page.click("#pf-expand")
        page.wait_for_function(
            "document.querySelectorAll('#pf-labels .rowlabel').length == 14 * 151",
            timeout=30_000)
        page.select_option("#pf-flag", "slipping")
        page.wait_for_function(
            "document.querySelectorAll('#pf-labels .rowlabel').length < 14 * 151")
    assert errors == []


@pytest.mark.browser
def test_the_bundled_county_page_opens_offline(tmp_path: Path, chromium_browser: Any) -> None:
    """The page `planner portfolio gantt` writes for the bundled county portfolio: it
    draws its three plans, offline, without an error, and 玉山镇 opens into its tasks."""
    from tests.conftest import BUNDLED, invoke

    out = tmp_path / "county.html"
    result = invoke(["portfolio", "gantt", str(BUNDLED.parent), "--at", "2023-11-07",
                     "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    errors: list[str] = []
    requests: list[str] = []
    with chromium_browser.new_context() as context:
        page = offline(context, errors, requests)
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelectorAll('#pf-gantt g.point').length > 0",
                               timeout=30_000)
        labels = page.locator("#pf-labels .rowlabel").all_text_contents()
        assert [x.split("2023")[0] for x in labels] == ["▸ 磐安县县直部门", "▸ 玉山镇",
                                                        "▸ 尖山镇"]
        page.click("#pf-rollup tbody tr:nth-child(2) td:first-child")
        page.wait_for_function(
            "document.querySelectorAll('#pf-labels .rowlabel').length > 40")
        text = page.locator("#pf-causes").inner_text()
        assert "请县财政局加快推进" in text
    assert errors == [] and requests == [out.as_uri()]
