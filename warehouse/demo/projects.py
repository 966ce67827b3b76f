"""Investment projects: schedules, signing, money, annual plans, monthly investment and milestones.

Projects are built by their state at 2025-06-30 (PROJECT_GROUPS) so that the story's counts
hold; industrial investment since 2023 is calibrated to the story's total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warehouse.demo import chains
from warehouse.demo.draws import (
    concat,
    index_of,
    pick,
    pick_registered,
    sample_without_replacement,
    uniform_days,
)
from warehouse.demo.enterprises import NAMED_ENTERPRISES, Enterprises, short_brands
from warehouse.demo.run import STREAM_PROJECTS, DemoRun
from warehouse.demo.story import (
    INDUSTRIAL_INVESTMENT_SINCE_2023,
    PLAN_2025_NEW_OR_CONTINUING,
    PLAN_2025_PREPARATORY,
    PROVINCIAL_KEY_PROJECTS,
    SIGNED_NOT_STARTED,
)
from warehouse.demo.timeline import AS_OF, MONTHS, P_INDEX, PERIODS, day, month_index, period_index

# Projects by state at 2025-06-30 (industrial, non-industrial) at scale 1. The 2025 plan is
# B + C1 (continuing), C2 + D1 (new) = 204 and D2 (preparatory) = 58; under construction
# at P is C1 + C2 + C3 = 215; not yet started D1 + D2 + D3 = 112; industrial projects with
# investment since 2023 are A + B + C1 + C2 + C3 = 538.
PROJECT_GROUPS = {
    "E": (60, 10),  # completed 2022-03..2022-12
    "A": (330, 40),  # completed 2023-01..2024-12
    "B": (24, 6),  # under construction on 2025-01-01, completed in 2025 H1
    "C1": (95, 25),  # under construction on 2025-01-01 and on 2025-06-30
    "C2": (38, 6),  # planned and started in 2025 H1
    "C3": (51, 0),  # enterprises' own upgrades under construction, not in the plan
    "D1": (8, 2),  # planned for 2025, not yet started
    "D2": (48, 10),  # preparatory: planned start in 2026
    "D3": (40, 4),  # signed or in reserve, not in the plan
}
PROJECT_SIGNED_NOT_STARTED = {"D1": (8, 2), "D2": (43, 9), "D3": (29, 3)}  # 94: "近百个已签约"
MILESTONES = ("拿地/立项", "设计", "开工", "主体施工", "设备安装", "试生产", "投产")
PROJECT_TEMPLATES = {
    chains.NEV: (
        "年产{n}GWh动力电池项目",
        "新能源汽车零部件智能制造项目",
        "电驱动系统生产基地项目",
        "储能电池系统集成项目",
        "动力电池PACK生产线项目",
    ),
    chains.BIO: (
        "创新药产业化项目",
        "生物药生产基地项目",
        "高端制剂生产线项目",
        "医疗器械产业化项目",
        "原料药绿色化改造项目",
        "体外诊断试剂生产项目",
    ),
    chains.EQUIPMENT: (
        "智能装备产业园项目",
        "激光切割装备扩产项目",
        "工业机器人生产基地项目",
        "高端液压件智能制造项目",
        "智能电网装备产业化项目",
        "数控机床产业化项目",
    ),
    chains.IT: (
        "服务器智能制造基地项目",
        "集成电路封装测试项目",
        "光电子器件产业化项目",
        "传感器生产线建设项目",
        "智能终端制造项目",
        "电子元器件扩产项目",
    ),
    chains.MATERIALS: ("高性能复合材料项目", "电子化学品生产项目", "新型铝合金材料项目", "碳材料产业化项目"),
    chains.OTHER: ("食品智能工厂项目", "绿色包装材料项目", "热电联产机组改造项目"),
}
UPGRADE_TEMPLATES = ("智能化技术改造项目", "数字化车间改造项目", "生产线技术改造项目", "绿色低碳技术改造项目")
NON_INDUSTRIAL_TEMPLATES = (
    "研发中心建设项目",
    "产业园（一期）项目",
    "数据中心项目",
    "科创中心项目",
    "总部基地项目",
    "人才公寓项目",
    "孵化器项目",
)
NAMED_PROJECTS = (  # the article's key projects: (group, enterprise, name, total investment)
    (
        "A",
        "济南弗迪电池有限公司",
        "弗迪电池济南基地项目",
        520_000.0,
        ("2021-11-01", "2021-12-10", "2023-01-31", "2023-03-20", "2021-07-16"),
    ),
    (
        "A",
        "汇川技术（济南）有限公司",
        "汇川技术济南产业园项目",
        120_000.0,
        ("2023-03-01", "2023-03-15", "2024-05-31", "2024-06-20", "2022-10-28"),
    ),
    (
        "C1",
        "齐鲁制药有限公司",
        "齐鲁制药超大规模制剂项目",
        380_000.0,
        ("2024-03-01", "2024-03-18", "2026-06-30", None, None),
    ),
)

NAT = np.datetime64("NaT")
# The story's counts are sums of groups: check them once, here, rather than in a test only.
assert sum(sum(PROJECT_GROUPS[g]) for g in ("B", "C1", "C2", "D1")) == PLAN_2025_NEW_OR_CONTINUING
assert sum(PROJECT_GROUPS["D2"]) == PLAN_2025_PREPARATORY
assert sum(sum(v) for v in PROJECT_SIGNED_NOT_STARTED.values()) == SIGNED_NOT_STARTED


@dataclass
class Schedule:
    """Each project's dates (NaT where not applicable), filled in step by step."""

    planned_start: np.ndarray
    actual_start: np.ndarray
    expected_start: np.ndarray  # actual start, or when a project not yet started is expected to
    planned_completion: np.ndarray
    actual_completion: np.ndarray
    expected_completion: np.ndarray  # actual completion, or when it is expected
    planned_days: np.ndarray
    started: np.ndarray


def build_project_tables(run: DemoRun, ent: Enterprises) -> dict[str, dict[str, np.ndarray]]:
    """The tables `projects`, `project_plans`, `project_investment` and `project_milestones`."""
    rng = run.rng(STREAM_PROJECTS)
    group, industrial = [], []
    for g, (n_ind, n_non) in PROJECT_GROUPS.items():
        group += [g] * (run.scaled(n_ind) + run.scaled(n_non))
        industrial += [True] * run.scaled(n_ind) + [False] * run.scaled(n_non)
    group = np.array(group)
    industrial = np.array(industrial)
    n = group.size

    upgrade = industrial & (rng.random(n) < np.where(group == "C3", 0.9, 0.4))
    sched = _schedule(rng, group, industrial, upgrade)

    # Signing: investment-promotion projects are signed; own upgrades mostly are not.
    signed = np.where(upgrade, rng.random(n) < 0.2, rng.random(n) < 0.75)
    for g, (s_ind, s_non) in PROJECT_SIGNED_NOT_STARTED.items():
        for flag, k in ((True, s_ind), (False, s_non)):
            idx = np.flatnonzero((group == g) & (industrial == flag))
            signed[idx] = False
            signed[idx[: run.scaled(k)]] = True
    lead = rng.integers(60, 420, n)
    signed_on = np.where(signed, sched.planned_start - lead, NAT)
    cap = AS_OF - rng.integers(3, 200, n)
    signed_on = np.where(signed & (signed_on > AS_OF), cap, signed_on).astype("datetime64[D]")

    # Money (万元, before calibration).
    total = np.where(industrial, rng.lognormal(np.log(9_000), 1.0, n), rng.lognormal(np.log(25_000), 0.8, n))
    total = np.where(upgrade, total * 0.6, total)
    total = np.clip(total, 300, 1_500_000)

    # Enterprises and chains.
    chain_probs = np.array([0.24, 0.22, 0.24, 0.16, 0.08, 0.06])
    chain = np.array(chains.ALL)[pick(rng, n, chain_probs)]
    enterprise = np.full(n, -1, dtype=np.int64)
    link = np.where(industrial, rng.random(n) < np.where(upgrade, 1.0, 0.7), rng.random(n) < 0.3)
    # A project company may be registered up to half a year after the planned start.
    for ch in chains.ALL:
        pool_industrial = np.flatnonzero(ent.chain[: ent.n_pool] == ch)
        pool_any = np.flatnonzero(ent.chain == ch)
        for flag, pool in ((True, pool_industrial), (False, pool_any)):
            idx = np.flatnonzero(link & (chain == ch) & (industrial == flag))
            if pool.size and idx.size:
                enterprise[idx] = pick_registered(
                    rng, pool, ent.registered_on, np.ones(pool.size), sched.planned_start[idx] + 180
                )
    # Upgrades belong to an existing industrial enterprise and take its chain.
    has_ent = enterprise >= 0
    chain[has_ent & industrial] = ent.chain[enterprise[has_ent & industrial]]

    # Named projects replace the first projects of their groups.
    row_of_enterprise = {e.name: i for i, e in enumerate(NAMED_ENTERPRISES)}
    named_rows = []
    for g, ent_name, _, tot, dates in NAMED_PROJECTS:
        i = next(j for j in np.flatnonzero((group == g) & industrial) if j not in named_rows)
        named_rows.append(i)
        planned_start, actual_start, planned_completion, actual_completion, signed_day = dates
        sched.planned_start[i] = day(planned_start)
        sched.actual_start[i] = day(actual_start)
        sched.planned_completion[i] = day(planned_completion)
        sched.actual_completion[i] = day(actual_completion) if actual_completion else NAT
        sched.expected_completion[i] = (
            sched.actual_completion[i] if actual_completion else sched.planned_completion[i] + 60
        )
        sched.expected_start[i] = sched.actual_start[i]
        signed_on[i] = day(signed_day) if signed_day else NAT
        total[i] = tot
        upgrade[i] = False
        enterprise[i] = row_of_enterprise[ent_name]
        chain[i] = ent.chain[row_of_enterprise[ent_name]]

    # Provincial technical-upgrade key list: started industrial upgrades, larger first.
    key = np.zeros(n, dtype=bool)
    key[named_rows[-1]] = True  # 齐鲁制药超大规模制剂 is on the provincial list
    candidates = industrial & sched.started & upgrade & (group != "E") & ~key
    weights = np.where(candidates, np.sqrt(total), 0.0)
    key[sample_without_replacement(rng, weights, max(run.scaled(PROVINCIAL_KEY_PROJECTS) - 1, 0))] = True

    p_idx, m_idx, invested = _monthly_investment(rng, sched, total)
    # Calibrate industrial investment since 2023 to the story's "近400亿".
    window = industrial[p_idx] & (m_idx >= period_index("2023-01"))
    factor = np.where(industrial, INDUSTRIAL_INVESTMENT_SINCE_2023 * run.scale / invested[window].sum(), 1.0)
    total = np.round(total * factor, 2)
    invested = np.round(invested * factor[p_idx], 2)

    plans = _annual_plans(rng, group, sched, signed_on, total, factor)

    # Identifiers in the style of the national investment project code:
    # YYMM-370171-division-type-serial.
    filed = np.where(np.isnat(signed_on), sched.planned_start - 90, signed_on)
    yymm = np.strings.slice(np.datetime_as_string(filed.astype("datetime64[M]")), 2, 7)
    yymm = np.strings.replace(yymm, "-", "")
    typical = np.array(["39", "27", "35", "38", "26", "14"])[index_of(chain, chains.ALL)]
    proj_div = np.where(enterprise >= 0, ent.division[np.maximum(enterprise, 0)], np.where(industrial, typical, "73"))
    serial = rng.choice(900_000, n, replace=False) + 100_000
    project_id = concat(yymm, "-370171-", proj_div, np.where(upgrade, "-02-", "-03-"), serial)

    name = _project_names(rng, ent, chain, industrial, upgrade, enterprise, named_rows)

    projects = {
        "project_id": project_id,
        "name": name,
        "enterprise_id": np.where(enterprise >= 0, ent.enterprise_id[np.maximum(enterprise, 0)], None),
        "chain": chain,
        "is_industrial": industrial,
        "total_investment": total,
        "provincial_key": key,
        "signed_on": signed_on,
        "planned_start": sched.planned_start,
        "actual_start": sched.actual_start,
        "planned_completion": sched.planned_completion,
        "actual_completion": sched.actual_completion,
    }
    plans["project_id"] = project_id[plans.pop("project_row")]
    investment = {"project_id": project_id[p_idx], "period": PERIODS[m_idx], "invested": invested}
    milestones = _milestones(rng, project_id, industrial, upgrade, sched)
    return {
        "projects": projects,
        "project_plans": {k: plans[k] for k in ("project_id", "year", "plan_category", "planned_investment")},
        "project_investment": investment,
        "project_milestones": milestones,
    }


def _schedule(rng: np.random.Generator, group: np.ndarray, industrial: np.ndarray, upgrade: np.ndarray) -> Schedule:
    """Actual dates from each group's state at P, then plans before them (some late, some overrun)."""
    n = group.size
    months = np.where(
        upgrade,
        np.clip(rng.lognormal(np.log(10), 0.4, n), 4, 24),
        np.where(
            industrial,
            np.clip(rng.lognormal(np.log(18), 0.35, n), 8, 40),
            np.clip(rng.lognormal(np.log(24), 0.3, n), 12, 48),
        ),
    )
    duration = (months * 30.4).astype(np.int64)  # actual construction days

    def nat() -> np.ndarray:
        return np.full(n, NAT, dtype="datetime64[D]")

    actual_start, actual_completion, expected_completion, planned_start = nat(), nat(), nat(), nat()

    def in_groups(*groups: str) -> np.ndarray:
        return np.isin(group, groups)

    for g, lo, hi in (
        ("E", "2022-03-01", "2022-12-30"),
        ("A", "2023-01-05", "2024-12-28"),
        ("B", "2025-01-06", "2025-06-27"),
    ):
        m = in_groups(g)
        actual_completion[m] = uniform_days(rng, day(lo), day(hi), int(m.sum()))
        actual_start[m] = actual_completion[m] - duration[m]
    m = in_groups("B")
    actual_start[m] = np.minimum(actual_start[m], day("2024-12-31") - rng.integers(5, 90, int(m.sum())))
    m = in_groups("C1")
    duration[m] = np.maximum(duration[m], 245)
    actual_start[m] = uniform_days(rng, np.maximum(AS_OF - duration[m] + 20, day("2022-09-01")), day("2024-12-20"))
    m = in_groups("C2")
    actual_start[m] = uniform_days(rng, day("2025-01-06"), day("2025-06-25"), int(m.sum()))
    m = in_groups("C3")
    actual_start[m] = uniform_days(rng, day("2023-06-01"), day("2025-06-25"), int(m.sum()))
    m = in_groups("C1", "C2", "C3")
    duration[m] = np.maximum(
        duration[m], (AS_OF - actual_start[m]).astype(np.int64) + rng.integers(20, 200, int(m.sum()))
    )
    expected_completion[m] = actual_start[m] + duration[m]
    started = ~np.isnat(actual_start)
    done = ~np.isnat(actual_completion)
    expected_completion[done] = actual_completion[done]

    # Plans: planned start before the actual one (some late), planned duration shorter
    # than the actual one for about a quarter of projects.
    late_start = rng.random(n) < 0.2
    start_delay = np.where(late_start, rng.integers(20, 151, n), rng.integers(-12, 1, n))
    late_finish = rng.random(n) < 0.2
    extra = np.where(late_finish, rng.integers(30, 181, n), rng.integers(-30, 1, n))
    planned_start[started] = actual_start[started] - start_delay[started]
    m = in_groups("C2")
    planned_start[m] = np.clip(planned_start[m], day("2025-01-02"), actual_start[m])
    m = in_groups("D1")
    planned_start[m] = uniform_days(rng, day("2025-01-15"), day("2025-12-15"), int(m.sum()))
    m = in_groups("D2")
    planned_start[m] = uniform_days(rng, day("2026-01-10"), day("2026-12-15"), int(m.sum()))
    m = in_groups("D3")
    planned_start[m] = uniform_days(rng, day("2025-03-01"), day("2026-10-01"), int(m.sum()))
    planned_days = np.where(started, np.maximum(duration - extra, 60), duration)
    # Projects not yet started are expected to start after P (delayed if overdue).
    not_started = ~started
    expected_start = actual_start.copy()
    expected_start[not_started] = np.maximum(planned_start[not_started], AS_OF + rng.integers(15, 120, n)[not_started])
    expected_completion[not_started] = expected_start[not_started] + duration[not_started]
    return Schedule(
        planned_start=planned_start,
        actual_start=actual_start,
        expected_start=expected_start,
        planned_completion=planned_start + planned_days,
        actual_completion=actual_completion,
        expected_completion=expected_completion,
        planned_days=planned_days,
        started=started,
    )


def _monthly_investment(
    rng: np.random.Generator, sched: Schedule, total: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(project row, month index, invested 万元) along an S-curve over the construction period."""
    n = total.size
    started, start, completion = sched.started, sched.actual_start, sched.actual_completion
    first_m = np.where(started, np.maximum(month_index(np.where(started, start, AS_OF)), 0), 0)
    last_m = np.where(
        started,
        np.minimum(month_index(np.where(started, np.where(np.isnat(completion), AS_OF, completion), AS_OF)), P_INDEX),
        -1,
    )
    n_rows = np.where(started & (last_m >= first_m), last_m - first_m + 1, 0)
    p_idx = np.repeat(np.arange(n), n_rows)
    offsets = np.arange(n_rows.sum()) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
    m_idx = first_m[p_idx] + offsets
    month_start = MONTHS[m_idx].astype("datetime64[D]")
    month_end = (MONTHS[m_idx] + 1).astype("datetime64[D]")
    span = np.maximum((sched.expected_completion - sched.expected_start).astype(np.int64), 1)
    a = np.clip((np.maximum(month_start, start[p_idx]) - start[p_idx]).astype(np.int64) / span[p_idx], 0, 1)
    b = np.clip(
        (np.minimum(month_end, sched.expected_completion[p_idx]) - start[p_idx]).astype(np.int64) / span[p_idx], 0, 1
    )

    def smooth(x: np.ndarray) -> np.ndarray:
        return 3 * x**2 - 2 * x**3

    spend_share = rng.uniform(0.85, 1.0, n)
    season = np.array([0.6, 0.5, 1.0, 1.05, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.1, 1.3])
    invested = total[p_idx] * spend_share[p_idx] * (smooth(b) - smooth(a))
    invested *= season[(m_idx % 12)] * rng.lognormal(0, 0.25, m_idx.size)
    return p_idx, m_idx, invested


def _annual_plans(
    rng: np.random.Generator,
    group: np.ndarray,
    sched: Schedule,
    signed_on: np.ndarray,
    total: np.ndarray,
    factor: np.ndarray,
) -> dict[str, np.ndarray]:
    """Plans 2023..2025: continuing / new / preparatory by dates; 2025's by group, as the story counts them."""
    n = group.size
    started, start, completion = sched.started, sched.actual_start, sched.actual_completion
    in_plan = ~np.isin(group, ("C3", "D3")) & (rng.random(n) < np.where(np.isin(group, ("A", "E")), 0.6, 1.0))
    in_plan |= np.isin(group, ("B", "C1", "C2", "D1", "D2"))
    plan_rows = []
    for y in (2023, 2024, 2025):
        jan1 = day(f"{y}-01-01")
        ps_year = sched.planned_start.astype("datetime64[Y]").astype(int) + 1970
        cont = started & (start < jan1) & (np.isnat(completion) | (completion >= jan1))
        new = ~cont & (ps_year == y) & (~started | (start >= jan1))
        prep = ~cont & ~new & (ps_year == y + 1) & (~started | (start >= day(f"{y + 1}-01-01")))
        prep &= np.isnat(signed_on) | (signed_on < day(f"{y}-03-31"))
        if y == 2025:
            cont, new, prep = np.isin(group, ("B", "C1")), np.isin(group, ("C2", "D1")), np.isin(group, ("D2",))
        for cat, m in (("continuing", cont), ("new", new), ("preparatory", prep)):
            idx = np.flatnonzero(m & in_plan)
            plan_rows.append((idx, np.full(idx.size, y), np.full(idx.size, cat)))
    plan_p = np.concatenate([r[0] for r in plan_rows])
    plan_y = np.concatenate([r[1] for r in plan_rows])
    plan_c = np.concatenate([r[2] for r in plan_rows])
    planned_days = sched.planned_days[plan_p]
    share_year = np.minimum(1.0, 365.0 / np.maximum(planned_days, 30)) * rng.uniform(0.7, 1.1, plan_p.size)
    # `total` is already calibrated and the factor applies once more: industrial plans run
    # ahead of the calibrated totals by the calibration factor, as they always have in this demo.
    planned_inv = np.where(
        plan_c == "preparatory", total[plan_p] * rng.uniform(0.01, 0.05, plan_p.size), total[plan_p] * share_year
    )
    order = np.lexsort((plan_p, plan_y))
    return {
        "project_row": plan_p[order],
        "year": plan_y[order],
        "plan_category": plan_c[order],
        "planned_investment": np.round(planned_inv * factor[plan_p], 2)[order],
    }


def _project_names(
    rng: np.random.Generator,
    ent: Enterprises,
    chain: np.ndarray,
    industrial: np.ndarray,
    upgrade: np.ndarray,
    enterprise: np.ndarray,
    named_rows: list[int],
) -> np.ndarray:
    """Brand + a template of the chain ("年产10GWh动力电池项目"); repeats become later phases."""
    n = chain.size
    short = short_brands(rng, np.where(enterprise >= 0, ent.name[np.maximum(enterprise, 0)], "").astype(str))
    template = np.empty(n, dtype=object)
    u = rng.random(n)
    for ch in chains.ALL:
        opts = PROJECT_TEMPLATES[ch]
        idx = np.flatnonzero(industrial & ~upgrade & (chain == ch))
        template[idx] = np.array(opts)[(u[idx] * len(opts)).astype(int)]
    idx = np.flatnonzero(upgrade)
    template[idx] = np.array(UPGRADE_TEMPLATES)[(u[idx] * len(UPGRADE_TEMPLATES)).astype(int)]
    idx = np.flatnonzero(~industrial)
    template[idx] = np.array(NON_INDUSTRIAL_TEMPLATES)[(u[idx] * len(NON_INDUSTRIAL_TEMPLATES)).astype(int)]
    gwh = rng.choice([5, 10, 15, 20, 30], n).astype(str)
    template = np.strings.replace(template.astype(str), "{n}", gwh)
    names = concat(short, template)
    for i, (_, _, project_name, _, _) in zip(named_rows, NAMED_PROJECTS, strict=True):
        names[i] = project_name
    # Repeat names become later phases, as they are in real project lists.
    order = np.argsort(names, kind="stable")
    sorted_names = names[order]
    first = np.r_[True, sorted_names[1:] != sorted_names[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    rank = np.arange(n) - group_start
    phase = np.array(["", "（二期）", "（三期）", "（四期）", "（五期）"])
    suffix = np.where(rank < phase.size, phase[np.minimum(rank, phase.size - 1)], concat("（", rank + 1, "）"))
    out = names.astype("<U80")
    out[order] = concat(sorted_names, suffix)
    return out


def _milestones(
    rng: np.random.Generator, project_id: np.ndarray, industrial: np.ndarray, upgrade: np.ndarray, sched: Schedule
) -> dict[str, np.ndarray]:
    """Gantt bars: planned windows from the plan; actual ones shifted by the project's delays."""
    n = project_id.size
    planned_start, planned_completion = sched.planned_start, sched.planned_completion
    start, completion = sched.expected_start, sched.expected_completion
    # Which of the 7 nodes each project has: upgrades skip land and main works.
    has = np.ones((n, 7), dtype=bool)
    has[upgrade, 3] = False
    has[upgrade & (rng.random(n) < 0.6), 0] = False
    has[upgrade & (rng.random(n) < 0.1), 1] = False
    has[~industrial, 4] = False
    has[~industrial, 5] = False
    # Fractions of the construction span [start, completion] for nodes 3..7.
    lo = np.where(upgrade[:, None], [[0.0, 0.05, 0.05, 0.8, 0.97]], [[0.0, 0.05, 0.5, 0.85, 0.97]])
    hi = np.where(upgrade[:, None], [[0.03, 0.6, 0.8, 0.97, 1.0]], [[0.02, 0.6, 0.85, 0.97, 1.0]])
    span = (planned_completion - planned_start).astype(np.int64)[:, None]
    lag = rng.integers(0, 60, n)
    planned_from = np.concatenate(
        [
            np.stack([planned_start - 170 - lag, planned_start - 100 - lag // 2], axis=1),
            planned_start[:, None] + np.round(span * lo).astype(np.int64),
        ],
        axis=1,
    )
    planned_to = np.concatenate(
        [
            np.stack([planned_start - 80 - lag, planned_start - 7], axis=1),
            planned_start[:, None] + np.round(span * hi).astype(np.int64),
        ],
        axis=1,
    )
    planned_to = np.maximum(planned_to, planned_from + 1)
    # Delays: the start delay at 开工 moves linearly to the finish delay at 投产; land
    # and design carry part of a late start. On-time nodes finish a little early.
    start_delay = (start - planned_start).astype(np.int64)[:, None]
    finish_delay = (completion - planned_completion).astype(np.int64)[:, None]
    frac_s = np.concatenate([np.zeros((n, 2)), lo], axis=1)
    frac_e = np.concatenate([np.zeros((n, 2)), hi], axis=1)
    pre = np.zeros((n, 7), dtype=bool)
    pre[:, :2] = True
    shift_from = np.where(
        pre, np.round(0.6 * np.maximum(start_delay, 0)), start_delay + (finish_delay - start_delay) * frac_s
    )
    shift_to = np.where(
        pre, np.round(0.6 * np.maximum(start_delay, 0)), start_delay + (finish_delay - start_delay) * frac_e
    )
    jitter = rng.integers(-8, 1, (n, 7))
    actual_from = planned_from + np.round(shift_from).astype(np.int64) + jitter
    actual_to = planned_to + np.round(shift_to).astype(np.int64) + jitter
    actual_from[:, 2] = start  # 开工 starts on the project's actual start
    actual_from[:, 3:] = np.maximum(actual_from[:, 3:], start[:, None])
    actual_to[:, 6] = completion  # 投产 ends on the (expected) completion
    actual_to[:, 2:6] = np.minimum(actual_to[:, 2:6], completion[:, None] - 1)
    actual_to = np.maximum(actual_to, actual_from + 1)
    # Only what had happened by 2025-06-30 has actual dates.
    actual_start = np.where(actual_from <= AS_OF, actual_from, NAT)
    actual_end = np.where((actual_to <= AS_OF) & ~np.isnat(actual_start), actual_to, NAT)
    actual_end[:, 6] = np.where(np.isnat(sched.actual_completion), NAT, sched.actual_completion)
    project_row, node = np.nonzero(has)
    return {
        "project_id": project_id[project_row],
        "milestone": np.array(MILESTONES)[node],
        "seq": node + 1,
        "planned_start": planned_from[project_row, node],
        "planned_end": planned_to[project_row, node],
        "actual_start": actual_start[project_row, node],
        "actual_end": actual_end[project_row, node],
    }
