"""Enterprise services: the 48 high-frequency matters and tens of thousands of cases from 2023-01."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.demo.draws import pick, pick_registered
from warehouse.demo.enterprises import Enterprises
from warehouse.demo.run import STREAM_SERVICE_CASES, DemoRun
from warehouse.demo.timeline import AS_OF, AS_OF_END, MONTHS

# Statutory holidays (weekday closures) used for working-day arithmetic of service cases.
HOLIDAYS = np.array(
    [
        "2022-01-03",
        "2022-01-31",
        "2022-02-01",
        "2022-02-02",
        "2022-02-03",
        "2022-02-04",
        "2022-04-04",
        "2022-04-05",
        "2022-05-02",
        "2022-05-03",
        "2022-05-04",
        "2022-06-03",
        "2022-09-12",
        "2022-10-03",
        "2022-10-04",
        "2022-10-05",
        "2022-10-06",
        "2022-10-07",
        "2023-01-02",
        "2023-01-23",
        "2023-01-24",
        "2023-01-25",
        "2023-01-26",
        "2023-01-27",
        "2023-04-05",
        "2023-05-01",
        "2023-05-02",
        "2023-05-03",
        "2023-06-22",
        "2023-06-23",
        "2023-09-29",
        "2023-10-02",
        "2023-10-03",
        "2023-10-04",
        "2023-10-05",
        "2023-10-06",
        "2024-01-01",
        "2024-02-12",
        "2024-02-13",
        "2024-02-14",
        "2024-02-15",
        "2024-02-16",
        "2024-04-04",
        "2024-04-05",
        "2024-05-01",
        "2024-05-02",
        "2024-05-03",
        "2024-06-10",
        "2024-09-16",
        "2024-09-17",
        "2024-10-01",
        "2024-10-02",
        "2024-10-03",
        "2024-10-04",
        "2024-10-07",
        "2025-01-01",
        "2025-01-28",
        "2025-01-29",
        "2025-01-30",
        "2025-01-31",
        "2025-02-03",
        "2025-02-04",
        "2025-04-04",
        "2025-05-01",
        "2025-05-02",
        "2025-05-05",
        "2025-06-02",
    ],
    dtype="datetime64[D]",
)

# The 48 high-frequency matters: code, name, lifecycle stage, promised working days,
# relative volume, and whether it is offered as a bundled "一件事".
SERVICE_MATTERS = (
    ("SX001", "企业设立登记", "establish", 1, 9.0, True),
    ("SX002", "个体工商户转型为企业（个转企）", "establish", 1, 1.2, True),
    ("SX003", "公章刻制备案", "establish", 0, 4.0, True),
    ("SX004", "新办纳税人涉税事项套餐", "establish", 0, 4.0, True),
    ("SX005", "单位参保登记", "establish", 0, 3.0, True),
    ("SX006", "住房公积金单位缴存登记", "establish", 1, 2.5, True),
    ("SX007", "银行开户预约", "establish", 1, 2.0, True),
    ("SX008", "企业名称变更登记", "change", 1, 2.0, False),
    ("SX009", "法定代表人变更登记", "change", 1, 3.0, False),
    ("SX010", "注册资本变更登记", "change", 1, 2.0, False),
    ("SX011", "经营范围变更登记", "change", 1, 3.5, False),
    ("SX012", "住所（经营场所）变更登记", "change", 1, 3.0, False),
    ("SX013", "股权转让变更登记", "change", 1, 2.5, False),
    ("SX014", "企业章程备案", "change", 1, 1.5, False),
    ("SX015", "食品经营许可", "permit", 5, 3.5, True),
    ("SX016", "食品生产许可", "permit", 10, 0.8, False),
    ("SX017", "药品经营许可", "permit", 15, 0.6, False),
    ("SX018", "第二类医疗器械经营备案", "permit", 0, 1.2, False),
    ("SX019", "第二类医疗器械生产许可", "permit", 20, 0.4, False),
    ("SX020", "公共场所卫生许可", "permit", 5, 1.0, False),
    ("SX021", "道路货物运输经营许可", "permit", 5, 0.8, False),
    ("SX022", "人力资源服务许可", "permit", 10, 0.6, False),
    ("SX023", "危险化学品经营许可", "permit", 15, 0.4, False),
    ("SX024", "排污许可证核发", "permit", 15, 0.6, False),
    ("SX025", "食品经营许可延续", "renewal", 5, 1.5, False),
    ("SX026", "药品经营许可证换发", "renewal", 10, 0.4, False),
    ("SX027", "排污许可证延续", "renewal", 10, 0.4, False),
    ("SX028", "建筑业企业资质延续", "renewal", 10, 0.5, False),
    ("SX029", "医疗器械生产许可延续", "renewal", 15, 0.3, False),
    ("SX030", "危险化学品经营许可证延续", "renewal", 10, 0.3, False),
    ("SX031", "高新技术企业认定申报", "operation", 20, 1.5, False),
    ("SX032", "专精特新中小企业认定申报", "operation", 20, 1.2, False),
    ("SX033", "科技型中小企业评价入库", "operation", 10, 1.8, False),
    ("SX034", "惠企政策兑现", "operation", 10, 4.0, False),
    ("SX035", "人才公寓申请", "operation", 10, 1.5, False),
    ("SX036", "就业登记和招用工备案", "operation", 1, 3.0, False),
    ("SX037", "知识产权质押融资登记", "operation", 5, 0.6, False),
    ("SX038", "信用修复申请", "operation", 3, 0.8, False),
    ("SX039", "出口退（免）税备案", "operation", 1, 1.0, False),
    ("SX040", "企业投资项目备案", "investment", 1, 1.5, True),
    ("SX041", "建设用地规划许可", "investment", 5, 0.4, True),
    ("SX042", "建设工程规划许可", "investment", 5, 0.5, True),
    ("SX043", "建筑工程施工许可", "investment", 3, 0.6, True),
    ("SX044", "建设项目环境影响评价审批", "investment", 15, 0.4, False),
    ("SX045", "建设工程竣工联合验收", "investment", 5, 0.4, True),
    ("SX046", "企业注销登记", "exit", 1, 1.5, True),
    ("SX047", "企业简易注销登记", "exit", 1, 1.2, True),
    ("SX048", "清税注销", "exit", 1, 1.2, True),
)
CASES_PER_MONTH_2023 = 1250  # grows about 12 % a year
N_SPECIALISTS = 60
CHANNELS = ("doorplate", "window", "online", "specialist")
OFFICE_CLOSES_SECOND = 17 * 3600 + 1800  # 17:30: a case accepted later counts from the next working day


def service_matters_table() -> dict[str, np.ndarray]:
    """The `service_matters` table."""
    return {
        "matter_code": np.array([m[0] for m in SERVICE_MATTERS]),
        "name": np.array([m[1] for m in SERVICE_MATTERS]),
        "lifecycle_stage": np.array([m[2] for m in SERVICE_MATTERS]),
    }


def service_cases_table(run: DemoRun, ent: Enterprises) -> dict[str, np.ndarray | pa.Array]:
    """The `service_cases` table: submission, deadline, completion, rating and rectification of each case."""
    rng = run.rng(STREAM_SERVICE_CASES)
    first = np.datetime64("2023-01", "M")
    n_m = int((MONTHS[-1] - first).astype(int)) + 1  # 30 months
    m = np.arange(n_m)
    season = np.array([0.9, 0.7, 1.1, 1.05, 1.0, 1.05, 1.0, 1.0, 1.05, 0.9, 1.05, 1.1])[(m % 12)]
    per_month = CASES_PER_MONTH_2023 * np.exp(0.113 * m / 12) * season * rng.lognormal(0, 0.03, n_m)
    per_month = np.round(per_month * run.scale).astype(np.int64)
    month = np.repeat(m, per_month)
    n = month.size

    # Channel mix: the smart doorplate starts in 2024-03 and grows; windows shrink.
    doorplate_start = int((np.datetime64("2024-03", "M") - first).astype(int))
    door = np.where(m >= doorplate_start, 0.04 + 0.18 * (m - doorplate_start) / (n_m - 1 - doorplate_start), 0.0)
    spec = 0.08 + 0.06 * m / (n_m - 1)
    online = 0.47 - 0.05 * m / (n_m - 1)
    window = 1 - door - spec - online
    cum = np.cumsum(np.stack([door, window, online, spec], axis=1), axis=1)
    u = rng.random(n)
    channel_i = (u > cum[month, 0]).astype(np.int8) + (u > cum[month, 1]) + (u > cum[month, 2])

    # Matters; 个转企 picks up with the 2024 direct-conversion policy.
    weights = np.array([mt[4] for mt in SERVICE_MATTERS])
    matter_i = pick(rng, n, weights)
    gzq = matter_i == 1
    boost_from = int((np.datetime64("2024-09", "M") - first).astype(int))
    redraw = ~gzq & (month >= boost_from) & (rng.random(n) < 0.012)
    matter_i[redraw] = 1
    promised = np.array([mt[3] for mt in SERVICE_MATTERS])[matter_i]
    stage = np.array([mt[2] for mt in SERVICE_MATTERS])[matter_i]
    bundle_ok = np.array([mt[5] for mt in SERVICE_MATTERS])[matter_i]

    # Submission time: windows and specialists on working days in office hours.
    days = np.arange(np.datetime64("2023-01-01"), AS_OF + 1, dtype="datetime64[D]")
    bday = np.is_busday(days, holidays=HOLIDAYS)
    day_month = (days.astype("datetime64[M]") - first).astype(np.int64)
    bdays = days[bday]
    bd_month = day_month[bday]
    bd_start = np.searchsorted(bd_month, m)
    bd_count = np.searchsorted(bd_month, m, side="right") - bd_start
    all_start = np.searchsorted(day_month, m)
    all_count = np.searchsorted(day_month, m, side="right") - all_start
    office = (channel_i == 1) | (channel_i == 3) | (rng.random(n) < 0.8)
    pick_b = bd_start[month] + np.floor(rng.random(n) * bd_count[month]).astype(np.int64)
    pick_a = all_start[month] + np.floor(rng.random(n) * all_count[month]).astype(np.int64)
    day = np.where(office, bdays[pick_b], days[pick_a])
    morning = rng.random(n) < 0.55
    office_sec = np.where(morning, rng.uniform(9 * 3600, 11.5 * 3600, n), rng.uniform(13.5 * 3600, 17 * 3600, n))
    any_sec = np.clip(rng.normal(14 * 3600, 4.5 * 3600, n), 0, 86399)
    sec = np.where(office, office_sec, any_sec).astype(np.int64)
    submitted = day.astype("datetime64[s]") + sec

    # Promised deadline: N working days after the working day the case is accepted on.
    close = OFFICE_CLOSES_SECOND
    is_b = np.is_busday(day, holidays=HOLIDAYS)
    base = np.busday_offset(day, np.where(is_b & (sec >= close), 1, 0), roll="forward", holidays=HOLIDAYS)
    due_day = np.busday_offset(base, promised, roll="forward", holidays=HOLIDAYS)
    due = due_day.astype("datetime64[s]") + close

    # Completion: most within the promise; the late share falls over time.
    t_frac = month / (n_m - 1)
    p_late = np.array([0.015, 0.045, 0.035, 0.012])[channel_i] * (1.3 - 0.5 * t_frac)
    late = rng.random(n) < p_late
    used = np.floor(rng.beta(1.3, 2.5, n) * (promised + 1)).astype(np.int64)
    used = np.where(late, promised + rng.integers(1, 6, n), np.minimum(used, promised))
    comp_day = np.busday_offset(base, used, roll="forward", holidays=HOLIDAYS)
    same_day = comp_day == day
    start_sec = np.where(same_day, sec, 9 * 3600)
    comp_sec = start_sec + rng.random(n) * (close - 1 - start_sec)
    comp_sec = np.where(same_day, np.maximum(comp_sec, sec + 300), comp_sec)
    comp_sec = np.where(late, rng.uniform(9 * 3600, 18 * 3600, n), comp_sec)
    completed = comp_day.astype("datetime64[s]") + comp_sec.astype(np.int64)
    completed = np.maximum(completed, submitted + 60)
    suspended = rng.random(n) < 0.002
    open_ = (completed > AS_OF_END) | suspended
    completed = np.where(open_, np.datetime64("NaT"), completed)
    is_done = ~open_

    one_visit = rng.random(n) < np.where(late, 0.5, np.array([0.95, 0.86, 0.91, 0.96])[channel_i])
    bundled = bundle_ok & (rng.random(n) < 0.45)

    # Ratings ("好差评"): most rate 5; late or repeat-visit cases rate worse.
    rated = is_done & (rng.random(n) < 0.72)
    cum = np.cumsum(
        [
            [0.004, 0.006, 0.015, 0.075, 0.90],  # on time, one visit
            [0.02, 0.03, 0.05, 0.2, 0.7],  # had to come back
            [0.06, 0.08, 0.12, 0.24, 0.50],
        ],
        axis=1,
    )  # late
    kind = np.where(late, 2, np.where(one_visit, 0, 1))
    u = rng.random(n)
    rating = 1 + sum((u > cum[kind, k]).astype(np.int8) for k in range(4))
    rating = np.where(rated, rating, 0)
    # Complaints (≤ 2) are followed up; most are rectified within days.
    low = rated & (rating <= 2)
    fix = low & (rng.random(n) < 0.91)
    rect = completed + (rng.uniform(1, 12, n) * 86400).astype(np.int64)
    fix &= rect <= AS_OF_END
    rectified = np.where(fix, rect, np.datetime64("NaT"))

    # Enterprise: new businesses are not in the directory yet.
    has_ent = rng.random(n) < np.where(stage == "establish", 0.3, 0.92)
    w = np.ones(ent.count)
    w[: ent.n_pool] = 5.0
    picked = pick_registered(rng, np.arange(ent.count), ent.registered_on, w, day.astype("datetime64[D]"))
    enterprise = np.where(has_ent, picked, -1)
    n_spec = max(1, run.scaled(N_SPECIALISTS))
    width = max(3, len(str(n_spec)))
    specialists = [f"ZY{k:0{width}d}" for k in range(1, n_spec + 1)]
    specialist = np.where(channel_i == 3, rng.integers(0, n_spec, n), -1)

    # Case numbers: GX + submission date + serial within the day. Strings are built
    # in Arrow (take / join) to keep four million rows within memory.
    order = np.argsort(submitted, kind="stable")
    sub_sorted = submitted[order]
    day_sorted = sub_sorted.astype("datetime64[D]")
    serial = np.arange(n) - np.searchsorted(day_sorted, day_sorted) + 1
    ymd = (day_sorted.astype("datetime64[Y]").astype(np.int64) + 1970) * 10_000
    ymd += (day_sorted.astype("datetime64[M]").astype(np.int64) % 12 + 1) * 100
    ymd += (day_sorted - day_sorted.astype("datetime64[M]")).astype(np.int64) + 1
    case_no = ymd * 1_000_000 + serial
    case_id = pc.binary_join_element_wise("GX", pa.array(case_no).cast(pa.string()), "")

    def take(values, idx):
        idx = idx[order]
        return pa.array(values).take(pa.array(idx, mask=idx < 0))

    return {
        "case_id": case_id,
        "enterprise_id": take(ent.enterprise_id, enterprise),
        "matter_code": take([mt[0] for mt in SERVICE_MATTERS], matter_i),
        "channel": take(list(CHANNELS), channel_i),
        "specialist_id": take(specialists, specialist),
        "submitted_at": sub_sorted,
        "due_at": due[order],
        "completed_at": completed[order],
        "one_visit": one_visit[order],
        "bundled": bundled[order],
        "rating": np.where(rated, rating, np.nan)[order],
        "rectified_at": rectified[order],
    }
