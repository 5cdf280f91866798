"""Deadline risk: exact distributions, reproducibility, and the deterministic limit."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from planner.analysis import risk
from planner.analysis.forecast import forecast_inputs
from planner.analysis.risk import (
    LAMBDA,
    TABLE,
    quantile_table,
    ranks,
    simulate,
    uncertainty,
)
from planner.domain.model import Plan
from planner.engine.schedule import plan_calendar
from planner.planfiles.plan import load_plan
from planner.planfiles.snapshots import load_snapshots
from tests.conftest import plan_from, write_plan

# Independent closed forms the sampled distributions are checked against.


def pert_moments(low: float, mode: float, high: float) -> tuple[float, float]:
    """Mean and variance of the beta-PERT distribution (lambda = 4)."""
    mean = (low + LAMBDA * mode + high) / (LAMBDA + 2)
    return mean, (mean - low) * (high - mean) / (LAMBDA + 3)


def triangular_moments(low: float, mode: float, high: float) -> tuple[float, float]:
    mean = (low + mode + high) / 3
    var = (low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18
    return mean, var


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rho from the ranks the simulation uses (ties share their mean rank)."""
    ra, rb = ranks(a) - ranks(a).mean(), ranks(b) - ranks(b).mean()
    return float(ra @ rb / math.sqrt(float(ra @ ra) * float(rb @ rb)))


N = 20_000  # iterations for the statistical tests
HEADER = ("plan:\n  id: t\n  name: T\n  start: 2023-07-03\n  calendar: alldays\n"
          "  risk: {{distribution: {dist}, default: [0%, 0%]}}\n")


def tolerance(p: float, n: int = N) -> float:
    """Four standard errors of a proportion estimated from n draws (fails ~1 in 16,000)."""
    return 4 * math.sqrt(max(p * (1 - p), 1e-4) / n) + 1e-9


def cdf_triangular(x: float, a: float, c: float, b: float) -> float:
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if x <= c:
        return (x - a) ** 2 / ((b - a) * (c - a))
    return 1 - (b - x) ** 2 / ((b - a) * (b - c))


def p_rounded_at_most(k: int, cdf: object, a: float, c: float, b: float) -> float:
    """Durations are whole days: rint(X) <= k  <=>  X < k + 0.5."""
    return cdf(k + 0.5, a, c, b)  # type: ignore[operator, no-any-return]


@pytest.mark.parametrize("dist", ["pert", "triangular"])
def test_quantile_tables_have_the_textbook_mean_and_variance(dist: str) -> None:
    table = quantile_table(dist)
    moments = pert_moments if dist == "pert" else triangular_moments
    for row in (0, 64, 128, 200, 256):
        r = row / 256
        mean, var = moments(0.0, r, 1.0)
        q = table[row].astype(np.float64)
        assert q.mean() == pytest.approx(mean, abs=2e-4)
        assert q.var() == pytest.approx(var, abs=2e-4)


def test_pert_formulas() -> None:
    assert pert_moments(100, 120, 170) == pytest.approx((125.0, 25 * 45 / 7))
    assert triangular_moments(0, 0, 3) == pytest.approx((1.0, 0.5))


@pytest.mark.parametrize("dist", ["pert", "triangular"])
def test_sampled_durations_match_the_distribution_moments(tmp_path: Path, dist: str) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n"
                     "  estimate: [8, 10, 20]\n  deadline: 2023-07-31\n",
                     HEADER.format(dist=dist))
    risk = simulate(plan, iterations=N, seed=7)
    curve = risk.target("a").curve  # finish day -> P(finish <= day); alldays from 07-03
    days = np.array([(d - date(2023, 7, 2)).days for d, _ in curve])  # duration in days
    probs = np.diff(np.r_[0.0, [p for _, p in curve]])
    mean, var = (pert_moments if dist == "pert" else triangular_moments)(8, 10, 20)
    sample_mean = float((days * probs).sum())
    sample_var = float(((days - sample_mean) ** 2 * probs).sum())
    assert sample_mean == pytest.approx(mean, abs=4 * math.sqrt(var / N) + 0.01)
    assert sample_var == pytest.approx(var + 1 / 12, rel=0.06)  # + the rounding to days


def test_single_task_probability_is_exact_and_never_clipped(tmp_path: Path) -> None:
    # Triangular(8, 10, 20) days from Mon 07-03 on an alldays calendar; deadline 07-14:
    # finishing by then means at most 12 days.
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n"
                     "  estimate: [8, 10, 20]\n  deadline: 2023-07-14\n",
                     HEADER.format(dist="triangular"))
    risk = simulate(plan, iterations=N, seed=1)
    target = risk.target("a")
    expected = p_rounded_at_most(12, cdf_triangular, 8, 10, 20)  # 0.1125 * ... exactly
    assert target.probability == pytest.approx(expected, abs=tolerance(expected))
    # not clipped at the deterministic 10 days: P(X < 9.5) = 1.5^2 / (12 * 2) = 9.4% of
    # the runs finish in 8 or 9 days, before the deterministic Wed 07-12
    assert target.deterministic == date(2023, 7, 12)
    early = dict(target.curve)[date(2023, 7, 11)]
    assert early == pytest.approx(1.5**2 / 24, abs=tolerance(0.094))
    assert target.percentile(50) > target.deterministic  # the right tail moves the median


def test_two_path_merge_multiplies_the_probabilities(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 10
          estimate: [8, 10, 20]
        - id: b
          name: B
          duration: 10
          estimate: [6, 10, 14]
        - id: m
          name: Both done
          milestone: true
          after: [a, b]
          deadline: 2023-07-14
        """, HEADER.format(dist="triangular"))
    risk = simulate(plan, iterations=N, seed=3)
    pa = p_rounded_at_most(12, cdf_triangular, 8, 10, 20)
    pb = p_rounded_at_most(12, cdf_triangular, 6, 10, 14)
    target = risk.target("m")
    assert target.probability == pytest.approx(pa * pb, abs=tolerance(pa * pb))
    assert target.merge_bias  # P50 later than the deterministic date, at a merge
    assert target.percentile(50) > target.deterministic
    (first, *_) = target.drivers
    assert first.id == "a"  # the wider estimate drives the merge


def test_zero_width_estimates_reproduce_the_forecast_date_for_date(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_plan(folder, """\
        - id: a
          name: A
          duration: 5
        - id: b
          name: B
          duration: 10
          after: [a FS+2]
          deadline: 2023-07-31
        - id: s
          name: S
          after: [a SS+1]
          tasks:
            - id: c
              name: C
              duration: 3
            - id: d
              name: D
              duration: 4
              after: [c FF+1]
        - id: m
          name: M
          milestone: true
          after: [b, s]
          deadline: 2023-08-04
        """, "plan:\n  id: t\n  name: T\n  start: 2023-07-03\n  calendar: cn\n"
             "  risk: {default: [0%, 0%]}\n")
    (folder / "status").mkdir()
    (folder / "status" / "s.yaml").write_text(
        "plan: t\ndate: 2023-07-07\nprogress:\n  a: {started: 2023-07-03, percent: 60}\n")
    plan = load_plan(folder)
    (snap,) = load_snapshots(plan)
    risk = simulate(plan, snap, iterations=500, seed=5)
    det = risk.deterministic
    for target in risk.targets:
        expected = det.finish if target.id is None else det.task(target.id).finish
        assert {d for _, d in target.percentiles} == {expected}
        assert target.deterministic == expected
    assert risk.target("b").probability == 1.0 and risk.target("m").probability == 1.0
    assert risk.criticality["a"] == 1.0


def test_finished_work_is_fixed_and_only_the_rest_is_simulated(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_plan(folder, """\
        - id: a
          name: A
          duration: 10
          estimate: [5, 10, 30]
        - id: am
          name: A done
          milestone: true
          after: [a]
        - id: b
          name: B
          duration: 5
          estimate: [4, 5, 6]
          after: [a]
          deadline: 2023-07-31
        """)
    (folder / "status").mkdir()
    (folder / "status" / "s.yaml").write_text(
        "plan: t\ndate: 2023-07-20\nprogress:\n"
        "  a: {started: 2023-07-03, finished: 2023-07-19}\n")
    plan = load_plan(folder)
    (snap,) = load_snapshots(plan)
    risk = simulate(plan, snap, iterations=2000, seed=2)
    am = risk.target("am")
    # a is history; the milestone was not recorded as reached, so it falls on the first
    # working day after the data date in every run, as in the deterministic forecast
    assert {d for _, d in am.percentiles} == {am.deterministic} == {date(2023, 7, 21)}
    # b: 4-6 days from Fri 07-21 -> Wed 07-26 .. Fri 07-28, always by its deadline
    b = risk.target("b")
    assert date(2023, 7, 26) <= b.percentile(10) <= b.percentile(90) <= date(2023, 7, 28)
    assert b.probability == 1.0 and all(d.id != "a" for d in b.drivers)


def test_started_work_samples_its_remaining_duration(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    write_plan(folder, "- id: a\n  name: A\n  duration: 10\n  estimate: [10, 10, 20]\n"
               "  deadline: 2023-08-31\n")
    (folder / "status").mkdir()
    (folder / "status" / "s.yaml").write_text(
        "plan: t\ndate: 2023-07-14\nprogress:\n  a: {started: 2023-07-03, remaining: 4}\n")
    plan = load_plan(folder)
    (snap,) = load_snapshots(plan)
    risk = simulate(plan, snap, iterations=4000, seed=4)
    a = risk.target("a")
    # 4 days left from Mon 07-17 -> Thu 07-20 at best; at worst 4 * 20/10 = 8 -> Wed 07-26
    assert a.deterministic == date(2023, 7, 20)
    assert a.percentile(10) >= date(2023, 7, 20) and a.percentile(90) <= date(2023, 7, 26)
    assert a.percentile(50) > date(2023, 7, 20)


def test_same_seed_same_result_other_seed_other_result(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, "- id: a\n  name: A\n  duration: 10\n  estimate: [5, 10, 30]\n"
                     "  deadline: 2023-07-14\n", HEADER.format(dist="pert"))
    one = simulate(plan, iterations=3000, seed=11)
    two = simulate(plan, iterations=3000, seed=11)
    other = simulate(plan, iterations=3000, seed=12)
    assert one.targets == two.targets
    assert one.target("a").curve != other.target("a").curve
    # chunking does not change the draws' distribution: small chunks, same seed, same law
    chunked = simulate(plan, iterations=3000, seed=11, chunk=256)
    assert chunked.target("a").probability == pytest.approx(
        one.target("a").probability or 0, abs=0.05)


def _mixed_plan(tmp_path: Path) -> Plan:
    """Ten tasks sharing four distinct estimates, both distributions, chains and merges."""
    body = ""
    for i in range(10):
        low, likely, high = 2 + i % 4, 5 + i % 4, 9 + 3 * (i % 4)
        body += (f"- id: t{i}\n  name: T{i}\n  duration: {likely}\n"
                 f"  estimate: [{low}, {likely}, {high}]\n"
                 + ("  distribution: triangular\n" if i % 4 == 0 else "")
                 + (f"  after: [t{i - 1}, t{i // 2}]\n" if i > 1 else "")
                 + (f"  deadline: 2023-08-{10 + i}\n" if i % 4 == 3 else ""))
    return plan_from(tmp_path, body, HEADER.format(dist="pert"))


def test_samples_are_the_formula_whichever_way_they_are_computed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _mixed_plan(tmp_path)
    x = forecast_inputs(plan, None, plan_calendar(plan), None)
    unc = uncertainty(plan, x)
    runs = 700
    # the formula, from the full tables and one (tasks, runs) draw: rint(offset + width * q)
    u = np.random.default_rng(5).integers(0, TABLE, size=(unc.tasks.size, runs),
                                          dtype=np.int32)
    table = np.concatenate([quantile_table("pert"), quantile_table("triangular")])
    q = table[unc.row[:, None], u]
    expected = np.rint(unc.offset.astype(np.float32)[:, None]
                       + unc.width.astype(np.float32)[:, None] * q).astype(np.int16)
    assert len(set(zip(unc.offset, unc.width, unc.row, strict=True))) == 4
    for lookup in (risk.LOOKUP_BYTES, 0):  # looked up per distinct estimate, or computed
        monkeypatch.setattr(risk, "LOOKUP_BYTES", lookup)
        monkeypatch.setattr(risk, "DRAW_BLOCK", 3 * runs)  # drawn 3 tasks at a time
        out = np.empty_like(expected)
        risk._sampler(unc, np.dtype(np.int16))(risk.Steps(5), out)
        assert np.array_equal(out, expected)


def test_steps_are_what_numpys_integers_draw_for_the_same_seed() -> None:
    assert risk.raw_steps_match(), "this numpy draws otherwise: Steps falls back to integers"
    for raw in (True, False):
        for seed in (0, 7, 2**40):
            steps, numpy = risk.Steps(seed, raw=raw), np.random.default_rng(seed)
            # odd sizes leave half of a 64-bit output for the next call
            for rows, columns in ((3, 5), (1, 1), (4, 1000), (7, 3), (2, 2), (1, 9)):
                expected = numpy.integers(0, TABLE, size=(rows, columns), dtype=np.int32)
                got = steps(rows, columns)
                assert got.dtype == np.int32 and got.shape == (rows, columns)
                assert np.array_equal(got, expected)


def test_how_the_runs_are_sliced_does_not_change_a_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _mixed_plan(tmp_path)
    whole = simulate(plan, iterations=2000, seed=4)
    monkeypatch.setattr(risk, "COMPUTE_BYTES", 1)  # the passes 64 runs at a time
    monkeypatch.setattr(risk, "MIN_SLICE", 64)
    monkeypatch.setattr(risk, "LOOKUP_BYTES", 0)
    sliced = simulate(plan, iterations=2000, seed=4)
    assert sliced.targets == whole.targets
    assert sliced.criticality == whole.criticality
    assert any(t.probability not in (None, 0.0, 1.0) for t in whole.targets)


def test_spearman_handles_ties() -> None:
    a = np.array([1, 2, 2, 3, 4], dtype=np.int16)
    b = np.array([10, 20, 20, 30, 40], dtype=np.int32)
    assert spearman(a, b) == pytest.approx(1.0)
    assert spearman(a, -b) == pytest.approx(-1.0)
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 2000)
    y = rng.normal(size=2000)
    # against the definition with ties averaged, computed by sorting
    def rank(v: np.ndarray) -> np.ndarray:
        order = np.argsort(v, kind="stable")
        r = np.empty(v.size)
        r[order] = np.arange(v.size)
        for value in np.unique(v):
            r[v == value] = r[v == value].mean()
        return r
    expected = np.corrcoef(rank(x), rank(y))[0, 1]
    assert spearman(x, y) == pytest.approx(expected, abs=1e-9)
    assert TABLE >= 1024


# -- explanations that hold ----------------------------------------------------------------------


def test_drivers_are_what_the_target_waits_on_not_itself(tmp_path: Path) -> None:
    plan = plan_from(tmp_path, """\
        - id: a
          name: A
          duration: 10
          estimate: [5, 10, 30]
        - id: b
          name: B
          after: [a]
          duration: 5
          estimate: [4, 5, 8]
          deadline: 2023-07-28
        """)
    b = simulate(plan, iterations=4000, seed=3).target("b")
    assert [d.id for d in b.drivers] == ["a"] and not b.only_itself
    assert any(d.id == "b" for d in b.sensitivity)  # still ranked, not shown as a driver


def test_a_target_that_waits_on_nothing_uncertain_says_so(tmp_path: Path) -> None:
    from planner.render.risk import notes

    plan = plan_from(tmp_path, "- id: a\n  name: 独立任务\n  duration: 10\n"
                               "  estimate: [8, 10, 20]\n  deadline: 2023-07-21\n")
    risk = simulate(plan, iterations=2000, seed=1)
    a = risk.target("a")
    assert [d.id for d in a.drivers] == ["a"] and a.only_itself
    assert "独立任务：完成时间只取决于本任务自身工期，不受前序任务影响" in notes(risk, "zh")


def test_a_note_that_holds_for_several_targets_is_said_once(tmp_path: Path) -> None:
    from planner.render.risk import notes

    plan = plan_from(tmp_path, "".join(
        f"- id: t{k}\n  name: 任务{k}\n  duration: 10\n  estimate: [8, 10, 20]\n"
        f"  deadline: 2023-07-2{k}\n" for k in (1, 2, 3)))
    found = notes(simulate(plan, iterations=500, seed=1), "zh")
    alone = [n for n in found if "只取决于本任务自身工期" in n]
    assert len(alone) == 1
    assert alone[0].startswith("任务") and all(f"任务{k}" in alone[0] for k in (1, 2, 3))
    assert alone[0].count("；") == 2  # names set off by ；, not 、 (used inside names)


FIXED = """\
- id: revenue
  name: 全年收入
  start: 2023-07-03
  finish: 2023-07-28
  deadline: 2023-07-31
- id: work
  name: 施工
  duration: 10
  deadline: 2023-07-31
"""


def test_a_fixed_window_takes_no_default_band_and_the_notes_say_so(tmp_path: Path) -> None:
    """Start and finish given: the length is a window of dates, not a duration that may run
    over by the plan's default 40 %; it is simulated at its length, and said once."""
    from planner.render.risk import notes

    plan = plan_from(tmp_path, FIXED, "plan:\n  id: t\n  name: T\n  start: 2023-07-03\n"
                     "  calendar: alldays\n  risk: {default: [-10%, +40%]}\n")
    result = simulate(plan, iterations=2000, seed=1)
    x = forecast_inputs(plan, None, plan_calendar(plan))
    assert [plan.tasks[int(i)].id for i in uncertainty(plan, x).tasks] == ["work"]
    fixed = result.target("revenue")
    # every run finishes on the window's last day: certain, and its chance is the whole
    assert {d for _, d in fixed.percentiles} == {date(2023, 7, 28)}
    assert fixed.probability == 1.0 and not fixed.drivers
    work = result.target("work")
    assert work.percentile(90) > work.percentile(10)  # the duration task is still sampled
    assert result.fixed == ("revenue",)
    said = [n for n in notes(result, "zh") if "全年收入" in n]
    assert said == ["全年收入：起止日期由计划给定，按固定工期计算，不作抽样"]
    # with an estimate of its own, a windowed task is sampled as its estimate says
    own = plan_from(tmp_path / "own", FIXED.replace("  deadline: 2023-07-31\n- id: work",
                                                    "  estimate: [18, 26, 40]\n"
                                                    "  deadline: 2023-07-31\n- id: work"))
    assert "revenue" in {own.tasks[int(i)].id for i in uncertainty(
        own, forecast_inputs(own, None, plan_calendar(own))).tasks}


def test_a_simulated_chance_never_reads_as_certainty() -> None:
    from planner.render.fmt import chance

    assert [chance(p) for p in (1.0, 0.998, 0.99, 0.984, 0.5, 0.016, 0.01, 0.002, 0.0)] == \
        ["≥99%", "≥99%", "≥99%", "98%", "50%", "2%", "≤1%", "≤1%", "≤1%"]
    assert chance(None) == ""


def test_the_tornado_needs_two_drivers(tmp_path: Path) -> None:
    from planner.render.document import Figure
    from planner.render.risk import risk_blocks

    def figures(body: str) -> list[str]:
        plan = plan_from(tmp_path / str(len(body)), body)
        blocks = risk_blocks(simulate(plan, iterations=500, seed=1), "zh")
        return [b.id for b in blocks if isinstance(b, Figure)]

    one = "- id: a\n  name: 甲\n  duration: 10\n  estimate: [8, 10, 20]\n" \
          "  deadline: 2023-07-21\n"
    assert figures(one) == ["curves"]  # one bar ranks nothing
    two = one + "- id: b\n  name: 乙\n  duration: 10\n  estimate: [8, 10, 20]\n" \
                "- id: c\n  name: 丙\n  after: [a, b]\n  duration: 1\n" \
                "  deadline: 2023-08-04\n"
    assert figures(two) == ["curves", "tornado"]


def test_the_skew_and_the_seed_are_said_in_plain_chinese(tmp_path: Path) -> None:
    from planner.render.risk import headline, notes

    plan = plan_from(tmp_path, "- id: a\n  name: 甲\n  duration: 20\n"
                               "  estimate: [18, 20, 60]\n  deadline: 2023-08-31\n")
    result = simulate(plan, iterations=2000)
    shift = int(result.target("a").mean_shift)
    assert shift >= 3
    assert f"甲：模拟中位数比确定性预测晚{shift}个工作日，确定性预测偏乐观" in notes(result, "zh")
    assert "随机种子未固定" in headline(result, "zh")
    assert "随机种子为7" in headline(simulate(plan, iterations=100, seed=7), "zh")
    assert "2023年7月3日" in headline(result, "zh")
    assert not any(w in headline(result, "zh") for w in ("seed", "PERT", "P50", " 次"))


MERGE = """\
- id: p
  name: P
  duration: 10
  estimate: [6, 10, 16]
- id: q
  name: Q
  duration: {q}
  estimate: [{q_low}, {q}, {q_high}]
- id: m
  name: M
  after: [p, q]
  duration: 2
  deadline: 2023-08-04
"""


def test_merge_bias_is_reported_only_when_measured(tmp_path: Path) -> None:
    from planner.render.risk import notes

    # two equal, equally uncertain paths: the join comes later than either path's P50
    plan = plan_from(tmp_path, MERGE.format(q=10, q_low=6, q_high=16))
    risk = simulate(plan, iterations=6000, seed=5)
    m = risk.target("m")
    assert m.merge is not None and m.merge.days >= 1
    shares = dict(m.merge.paths)
    assert set(shares) == {"p", "q"} and all(0.3 < s < 0.7 for s in shares.values())
    note = next(n for n in notes(risk, "en") if n.startswith("M: 2 paths join here"))
    assert "P decides it in" in note and "(merge bias)" in note
    # the other path has 20 days of float: it never drives the join, so no merge bias
    slack = plan_from(tmp_path / "slack", MERGE.format(q=1, q_low=1, q_high=2))
    m = simulate(slack, iterations=6000, seed=5).target("m")
    assert m.merge is None


def test_the_default_band_is_stated_and_can_be_changed(tmp_path: Path) -> None:
    from planner import Project
    from planner.domain.values import parse_band
    from planner.render.risk import risk_dict, risk_text

    write_plan(tmp_path, "- id: a\n  name: A\n  duration: 20\n  deadline: 2023-08-04\n")
    project = Project.open(tmp_path)
    default = project.simulate(iterations=3000, seed=2)
    assert "tasks without a three-point estimate are sampled from -10% to +40% of their " \
           "duration (beta-PERT)" in risk_text(default, "en").splitlines()[0]
    wide = project.simulate(iterations=3000, seed=2, band=parse_band("-10%,+100%"))
    assert risk_dict(wide)["band"]["high"] == 100
    assert wide.target("a").percentile(80) > default.target("a").percentile(80)
    with pytest.raises(ValueError, match="low side"):
        parse_band("+10%,+40%")
