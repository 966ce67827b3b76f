"""Deterministic demo data that tells the seed article's story, one CSV per contract table.

`write_demo(out_dir, seed, scale)` writes `<table>.csv` for every table of
`warehouse.contract.TABLES`. The data are synthetic but shaped like the zone's statistics:
about 430 above-scale industrial enterprises (times `scale`) that enter and leave the list,
division price indices and value-added rates, national / provincial / city benchmarks,
about 800 projects with Gantt milestones and monthly investment, tier recognitions with
their real validity periods, talent, 48 service matters and tens of thousands of cases.

Read at P = 2025-06 with the contract's headline definitions, the data give what the seed
article publishes (../shared/seed/000_13fc1a2e5b49d9c5.txt). Growth rates, the output
level, the investment total and the city shares are calibrated exactly after the random
draws; counts are built to the article's numbers. `scale` multiplies volumes (enterprises,
projects, cases, talent, openings, targets that are counts) and keeps every ratio.

Everything is vectorised numpy, so `scale=100` (about 52,000 above-scale enterprises and
four million service cases) runs in minutes. Each section draws from its own stream
`default_rng([seed, section])`, so the output is a pure function of (seed, scale).
"""

# Chinese names use full-width parentheses by convention, e.g. in branch-company names.
# ruff: noqa: RUF001

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from stdnum.cn import uscc

from warehouse.contract import TABLES, TABLES_BY_NAME, load_divisions

# --------------------------------------------------------------------------------------
# Calendar: monthly data run from 2022-01 to P = 2025-06; everything is "as of" 2025-06-30.
# --------------------------------------------------------------------------------------
FIRST_MONTH = np.datetime64("2022-01", "M")
N_MONTHS = 42
MONTHS = FIRST_MONTH + np.arange(N_MONTHS)
PERIODS = np.array([str(m) for m in MONTHS])
AS_OF = np.datetime64("2025-06-30", "D")
AS_OF_END = AS_OF.astype("datetime64[s]") + np.timedelta64(86399, "s")
P_INDEX = N_MONTHS - 1  # 2025-06

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

# --------------------------------------------------------------------------------------
# The story (DATA_CONTRACT.md, "The demo data must tell the seed article's story").
# Levels and counts are multiplied by `scale`; percentages are not.
# --------------------------------------------------------------------------------------
GROSS_OUTPUT_H1_2025 = 13_052_600.0  # 万元, 2025-01..06: "规上工业总产值突破1300亿元"
# Same-enterprise YTD growth of value added at comparable prices, calibrated year by year
# (a year's rows are the next year's base): (industrial, manufacturing or None).
VA_GROWTH_TARGETS = {2023: (10.2, None), 2024: (13.5, None), 2025: (23.5, 23.8)}
# Industry grows slower than manufacturing only through the non-manufacturing rest (heat,
# power, water). Its weight in the 2025 base is set so that the rest grows at this rate.
NON_MANUFACTURING_GROWTH_2025 = 6.5
INDUSTRIAL_INVESTMENT_SINCE_2023 = 3_930_000.0  # 万元, 2023-01..2025-06: "近400亿元"
PROVINCIAL_KEY_PROJECTS = 36  # "30余个项目入选省级技术改造重点导向目录"
OUTPUT_SHARE_AT_P = 0.2638  # zone / city gross output YTD: "超1/4"
REVENUE_SHARE_AT_P = 0.2751  # zone / city revenue YTD: 27.5 %
CITY_COUNT_RATIO_AT_P = 7.0  # city / zone above-scale enterprises: "1/7"

CHAIN_IT = "新一代信息技术"
CHAIN_BIO = "生物医药"
CHAIN_EQ = "高端装备"
CHAIN_NEV = "新能源汽车与电池"
CHAIN_MAT = "新材料"
CHAIN_OTHER = "其他"
CHAINS = (CHAIN_IT, CHAIN_BIO, CHAIN_EQ, CHAIN_NEV, CHAIN_MAT, CHAIN_OTHER)

PARKS = ("齐鲁软件园", "章锦综合保税区", "济南药谷", "智能装备城", "明水经济开发区")
# Park probabilities by chain for manufacturers; service firms sit mostly in the software park.
PARK_WEIGHTS = {
    CHAIN_IT: (0.45, 0.35, 0.0, 0.15, 0.05),
    CHAIN_BIO: (0.10, 0.10, 0.75, 0.0, 0.05),
    CHAIN_EQ: (0.0, 0.15, 0.0, 0.55, 0.30),
    CHAIN_NEV: (0.0, 0.50, 0.0, 0.20, 0.30),
    CHAIN_MAT: (0.0, 0.20, 0.0, 0.20, 0.60),
    CHAIN_OTHER: (0.10, 0.30, 0.0, 0.20, 0.40),
}
SERVICE_PARK_WEIGHTS = {CHAIN_BIO: (0.35, 0.05, 0.60, 0.0, 0.0)}
SERVICE_PARK_DEFAULT = (0.75, 0.10, 0.05, 0.07, 0.03)

UTILITY = -1.0  # marker weight: non-manufacturing industrial classes, sized separately
# GB/T 4754-2017 classes: (code, chain, weight among above-scale industrial enterprises,
# weight among the other (smaller / service) enterprises, name stems).
CLASSES: tuple[tuple[str, str, float, float, tuple[str, ...]], ...] = (
    ("3841", CHAIN_NEV, 3.0, 0.5, ("新能源科技", "电池科技", "动力电池")),
    ("3849", CHAIN_NEV, 0.5, 0.2, ("电池科技", "储能科技")),
    ("3612", CHAIN_NEV, 0.3, 0.0, ("新能源汽车", "汽车工业")),
    ("3660", CHAIN_NEV, 0.5, 0.1, ("专用车", "车辆制造")),
    ("3670", CHAIN_NEV, 4.0, 1.0, ("汽车零部件", "汽车科技", "汽车部件")),
    ("3812", CHAIN_NEV, 1.0, 0.3, ("电机", "电机科技", "驱动科技")),
    ("3824", CHAIN_NEV, 1.0, 0.4, ("电力电子", "功率半导体", "电子科技")),
    ("3421", CHAIN_EQ, 1.0, 0.3, ("数控机床", "机床", "精密机械")),
    ("3424", CHAIN_EQ, 3.0, 1.0, ("激光科技", "激光设备", "焊接技术")),
    ("3491", CHAIN_EQ, 1.0, 0.5, ("机器人", "智能装备", "自动化科技")),
    ("3493", CHAIN_EQ, 0.5, 0.4, ("增材制造", "三维科技")),
    ("3441", CHAIN_EQ, 1.0, 0.3, ("泵业", "流体科技")),
    ("3444", CHAIN_EQ, 1.0, 0.3, ("液压", "液压科技")),
    ("3451", CHAIN_EQ, 0.5, 0.2, ("轴承", "精工")),
    ("3511", CHAIN_EQ, 0.7, 0.2, ("重工", "矿山机械", "机械")),
    ("3599", CHAIN_EQ, 1.5, 0.8, ("智能装备", "机械设备", "装备科技")),
    ("3821", CHAIN_EQ, 1.5, 0.4, ("电气", "变压器", "电力设备")),
    ("3823", CHAIN_EQ, 2.0, 0.6, ("电气", "开关", "电力科技")),
    ("3811", CHAIN_EQ, 0.5, 0.1, ("动力", "发电设备")),
    ("4011", CHAIN_EQ, 2.0, 1.0, ("自动化", "智能控制", "控制技术")),
    ("4012", CHAIN_EQ, 1.0, 0.4, ("仪表", "电气仪表")),
    ("4014", CHAIN_EQ, 0.8, 0.6, ("分析仪器", "仪器")),
    ("4016", CHAIN_EQ, 0.8, 0.3, ("计量科技", "仪表")),
    ("3311", CHAIN_EQ, 1.0, 0.3, ("钢结构", "重钢")),
    ("2710", CHAIN_BIO, 1.5, 0.3, ("药业", "制药")),
    ("2720", CHAIN_BIO, 3.0, 0.6, ("制药", "药业", "医药")),
    ("2740", CHAIN_BIO, 1.0, 0.3, ("中药", "药业")),
    ("2761", CHAIN_BIO, 1.5, 0.8, ("生物制药", "生物科技", "生物技术")),
    ("2762", CHAIN_BIO, 0.8, 0.4, ("生物技术", "基因科技")),
    ("2770", CHAIN_BIO, 1.0, 0.4, ("医用材料", "医疗用品")),
    ("2780", CHAIN_BIO, 0.5, 0.2, ("药用辅料", "医药包装")),
    ("3581", CHAIN_BIO, 1.5, 1.0, ("医疗科技", "医疗设备", "医学影像")),
    ("3584", CHAIN_BIO, 1.0, 0.6, ("医疗器械", "医疗器材")),
    ("3589", CHAIN_BIO, 0.8, 0.6, ("医疗器械", "医疗科技")),
    ("1491", CHAIN_BIO, 0.5, 0.3, ("营养科技", "生物工程")),
    ("1492", CHAIN_BIO, 0.5, 0.3, ("健康科技", "生物科技")),
    ("3911", CHAIN_IT, 1.0, 0.2, ("计算机", "信息产业")),
    ("3912", CHAIN_IT, 1.0, 0.4, ("电子科技", "计算机科技")),
    ("3914", CHAIN_IT, 1.0, 0.5, ("工控技术", "智能科技")),
    ("3915", CHAIN_IT, 1.0, 0.6, ("信息安全", "网络安全")),
    ("3921", CHAIN_IT, 1.0, 0.5, ("通信技术", "通信设备")),
    ("3973", CHAIN_IT, 0.7, 0.3, ("半导体", "微电子", "集成电路")),
    ("3976", CHAIN_IT, 1.0, 0.5, ("光电科技", "光电子")),
    ("3982", CHAIN_IT, 1.5, 0.5, ("电路科技", "电子")),
    ("3983", CHAIN_IT, 1.5, 0.8, ("传感技术", "传感科技")),
    ("3985", CHAIN_IT, 0.7, 0.3, ("电子材料", "电子科技")),
    ("3990", CHAIN_IT, 0.8, 0.5, ("电子科技", "智能科技")),
    ("4028", CHAIN_IT, 0.6, 0.4, ("测控技术", "电子测量")),
    ("3832", CHAIN_IT, 0.4, 0.1, ("光纤", "光通信")),
    ("2614", CHAIN_MAT, 0.5, 0.1, ("化工", "化学")),
    ("2661", CHAIN_MAT, 1.0, 0.4, ("化学科技", "新材料")),
    ("2662", CHAIN_MAT, 0.8, 0.3, ("化学品", "精细化工")),
    ("2922", CHAIN_MAT, 1.0, 0.3, ("塑业", "管业")),
    ("2929", CHAIN_MAT, 1.0, 0.4, ("塑胶科技", "新材料")),
    ("3062", CHAIN_MAT, 0.5, 0.2, ("复合材料", "玻璃钢")),
    ("3091", CHAIN_MAT, 0.7, 0.2, ("碳素", "石墨科技")),
    ("3252", CHAIN_MAT, 0.8, 0.2, ("铝业", "铝材")),
    ("3251", CHAIN_MAT, 0.5, 0.1, ("铜业", "铜材")),
    ("3399", CHAIN_MAT, 0.8, 0.3, ("金属制品", "金属科技")),
    ("3831", CHAIN_MAT, 1.0, 0.2, ("电缆", "线缆")),
    ("1411", CHAIN_OTHER, 0.5, 0.3, ("食品",)),
    ("1441", CHAIN_OTHER, 0.3, 0.0, ("乳业",)),
    ("1524", CHAIN_OTHER, 0.4, 0.1, ("饮品", "食品")),
    ("2231", CHAIN_OTHER, 0.5, 0.2, ("包装", "纸业")),
    ("2319", CHAIN_OTHER, 0.5, 0.3, ("印务", "包装印刷")),
    ("4190", CHAIN_OTHER, 0.3, 0.2, ("工贸", "实业")),
    ("4412", CHAIN_OTHER, UTILITY, 0.0, ("热电",)),
    ("4430", CHAIN_OTHER, UTILITY, 0.0, ("热力", "供热")),
    ("4610", CHAIN_OTHER, UTILITY, 0.0, ("水务", "供水")),
    ("4620", CHAIN_OTHER, UTILITY, 0.0, ("水务", "环保水处理")),
    ("6511", CHAIN_IT, 0.0, 2.0, ("软件", "信息技术")),
    ("6513", CHAIN_IT, 0.0, 8.0, ("软件", "信息技术", "网络科技", "智能科技")),
    ("6519", CHAIN_IT, 0.0, 2.0, ("软件", "信息科技")),
    ("6520", CHAIN_IT, 0.0, 1.5, ("微电子", "芯片设计", "集成电路设计")),
    ("6531", CHAIN_IT, 0.0, 4.0, ("信息技术", "系统集成", "数字科技")),
    ("6532", CHAIN_IT, 0.0, 2.0, ("物联网科技", "智联科技")),
    ("6540", CHAIN_IT, 0.0, 1.0, ("信息服务", "运维科技")),
    ("6550", CHAIN_IT, 0.0, 1.5, ("数据科技", "云计算")),
    ("6560", CHAIN_IT, 0.0, 1.5, ("信息咨询", "数字科技")),
    ("6431", CHAIN_IT, 0.0, 1.0, ("网络科技", "互联网科技")),
    ("6450", CHAIN_IT, 0.0, 1.0, ("数据科技", "大数据")),
    ("7340", CHAIN_BIO, 0.0, 2.5, ("医药研究院", "生物医药科技", "医药科技")),
    ("7512", CHAIN_BIO, 0.0, 1.5, ("生物技术", "生物科技")),
    ("7320", CHAIN_EQ, 0.0, 1.5, ("技术研究院", "工程技术")),
    ("7519", CHAIN_EQ, 0.0, 1.5, ("科技", "技术服务")),
    ("7513", CHAIN_MAT, 0.0, 1.0, ("新材料科技", "材料科技")),
    ("7515", CHAIN_NEV, 0.0, 1.0, ("新能源科技", "能源科技")),
    ("7452", CHAIN_OTHER, 0.0, 1.0, ("检测技术", "检验检测")),
    ("7530", CHAIN_OTHER, 0.0, 0.8, ("科技服务", "知识产权")),
    ("7211", CHAIN_OTHER, 0.0, 0.6, ("控股", "投资")),
)

# A few large, well-known enterprises (fictionalised after the article): name, class,
# park, registered_on, first above-scale month, anchors of monthly gross output (万元,
# before calibration) that are interpolated log-linearly.
NAMED_ENTERPRISES = (
    (
        "济南弗迪电池有限公司",
        "3841",
        "章锦综合保税区",
        "2021-11-18",
        "2023-04",
        {
            "2023-04": 12_000,
            "2023-09": 90_000,
            "2023-12": 150_000,
            "2024-06": 185_000,
            "2024-12": 255_000,
            "2025-06": 320_000,
        },
    ),
    (
        "汇川技术（济南）有限公司",
        "3812",
        "智能装备城",
        "2022-09-06",
        "2024-07",
        {"2024-07": 4_000, "2024-12": 18_000, "2025-06": 30_000},
    ),
    ("齐鲁制药有限公司", "2720", "济南药谷", "1992-03-20", "2022-01", {"2022-01": 115_000, "2025-06": 150_000}),
    (
        "山东齐云计算机科技有限公司",
        "3911",
        "章锦综合保税区",
        "2005-07-12",
        "2022-01",
        {"2022-01": 170_000, "2023-06": 160_000, "2024-06": 200_000, "2025-06": 255_000},
    ),
    (
        "济南中科智芯半导体有限公司",
        "3973",
        "章锦综合保税区",
        "2017-05-26",
        "2022-01",
        {"2022-01": 9_000, "2025-06": 22_000},
    ),
    (
        "山东瑞康生物制药股份有限公司",
        "2761",
        "济南药谷",
        "2003-10-09",
        "2022-01",
        {"2022-01": 20_000, "2025-06": 30_000},
    ),
    (
        "济南泉城电力设备股份有限公司",
        "3823",
        "智能装备城",
        "1998-12-01",
        "2022-01",
        {"2022-01": 18_000, "2025-06": 26_000},
    ),
    (
        "山东明水重工机械有限公司",
        "3511",
        "明水经济开发区",
        "1996-04-18",
        "2022-01",
        {"2022-01": 16_000, "2025-06": 19_000},
    ),
    (
        "济南博泰激光科技股份有限公司",
        "3424",
        "智能装备城",
        "2008-08-08",
        "2022-01",
        {"2022-01": 20_000, "2025-06": 34_000},
    ),
    (
        "济南章锦汽车零部件有限公司",
        "3670",
        "章锦综合保税区",
        "2012-06-15",
        "2022-01",
        {"2022-01": 8_000, "2023-06": 12_000, "2025-06": 30_000},
    ),
    ("山东华辰医疗科技有限公司", "3581", "济南药谷", "2010-03-30", "2022-01", {"2022-01": 10_000, "2025-06": 15_000}),
)

# Above-scale list dynamics for the generic enterprises (counts at scale 1):
# (first period index, last period index, count) of entries and of exits.
INITIAL_GENERIC = 340
ENTRIES = ((1, 11, 10), (12, 12, 40), (13, 23, 10), (24, 24, 45), (25, 35, 10), (36, 36, 45), (37, 41, 8))
EXITS = ((2, 11, 4), (12, 12, 25), (13, 23, 5), (24, 24, 25), (25, 35, 5), (36, 36, 25), (37, 41, 4))
N_OTHER_ENTERPRISES = 4600

# Annual log growth of real output by chain, 2022..2025, before calibration.
CHAIN_GROWTH = {
    CHAIN_IT: (0.06, 0.09, 0.10, 0.13),
    CHAIN_BIO: (0.05, 0.07, 0.06, 0.08),
    CHAIN_EQ: (0.06, 0.09, 0.09, 0.12),
    CHAIN_NEV: (0.10, 0.18, 0.18, 0.22),
    CHAIN_MAT: (0.02, 0.04, 0.03, 0.04),
    CHAIN_OTHER: (0.02, 0.03, 0.02, 0.03),
}
UTILITY_GROWTH = (0.03, 0.04, 0.06, 0.08)
SEASON = np.array([0.82, 0.76, 1.02, 0.98, 1.00, 1.08, 0.96, 0.98, 1.05, 0.98, 1.05, 1.20])
HEATING_SEASON = np.array([1.55, 1.40, 1.15, 0.80, 0.65, 0.70, 0.75, 0.75, 0.70, 0.85, 1.25, 1.50])
PROFIT_MARGIN = {CHAIN_IT: 0.05, CHAIN_BIO: 0.13, CHAIN_EQ: 0.07, CHAIN_NEV: 0.045, CHAIN_MAT: 0.05, CHAIN_OTHER: 0.06}

# National PPI (same month last year = 100) minus 100, 2022-01..2025-06.
NATIONAL_PPI = np.array([
    9.1, 8.8, 8.3, 8.0, 6.4, 6.1, 4.2, 2.3, 0.9, -1.3, -1.3, -0.7,
    -0.8, -1.4, -2.5, -3.6, -4.6, -5.4, -4.4, -3.0, -2.5, -2.6, -3.0, -2.7,
    -2.5, -2.7, -2.8, -2.5, -1.4, -0.8, -0.8, -1.8, -2.8, -2.9, -2.5, -2.3,
    -2.3, -2.2, -2.5, -2.7, -3.3, -3.6,
])  # fmt: skip
# Division price sensitivity to the national PPI, offset, and value-added rate.
DIVISION_PRICES = {
    "13": (0.3, 0.0, 0.20),
    "14": (0.3, 0.0, 0.28),
    "15": (0.3, 0.3, 0.32),
    "16": (0.1, 0.5, 0.60),
    "17": (0.5, 0.0, 0.22),
    "18": (0.3, 0.0, 0.24),
    "19": (0.3, 0.0, 0.24),
    "20": (0.5, 0.0, 0.23),
    "21": (0.3, 0.0, 0.24),
    "22": (0.8, 0.0, 0.22),
    "23": (0.3, 0.0, 0.26),
    "24": (0.3, 0.0, 0.24),
    "25": (2.0, 0.0, 0.18),
    "26": (1.3, 0.0, 0.24),
    "27": (0.1, -0.3, 0.36),
    "28": (1.2, 0.0, 0.20),
    "29": (0.5, 0.0, 0.23),
    "30": (0.8, -0.5, 0.27),
    "31": (1.8, 0.0, 0.20),
    "32": (1.4, 0.0, 0.19),
    "33": (0.6, 0.0, 0.24),
    "34": (0.25, -0.2, 0.27),
    "35": (0.2, -0.3, 0.29),
    "36": (0.2, -1.5, 0.20),
    "37": (0.2, 0.0, 0.25),
    "38": (0.5, -1.2, 0.22),
    "39": (0.3, -1.0, 0.19),
    "40": (0.2, 0.0, 0.31),
    "41": (0.4, 0.0, 0.25),
    "42": (0.8, 0.0, 0.22),
    "43": (0.3, 0.0, 0.28),
    "44": (0.6, 0.5, 0.30),
    "45": (1.0, 0.0, 0.26),
    "46": (0.1, 1.5, 0.38),
}
MINING_PRICES = (2.0, 0.0, 0.35)

# Region benchmarks: published YTD growth (%), 2022-01..2025-06; January repeats Jan-Feb.
BENCHMARK_GROWTH = {
    ("national", "industrial_va_growth_ytd"): [
        7.5, 7.5, 6.5, 4.0, 3.3, 3.4, 3.5, 3.6, 3.9, 4.0, 3.8, 3.6,
        2.4, 2.4, 3.0, 3.6, 3.6, 3.8, 3.8, 3.9, 4.0, 4.1, 4.3, 4.6,
        7.0, 7.0, 6.1, 6.3, 6.2, 6.0, 5.9, 5.8, 5.8, 5.8, 5.8, 5.8,
        5.9, 5.9, 6.5, 6.4, 6.3, 6.4],
    ("national", "manufacturing_va_growth_ytd"): [
        7.3, 7.3, 6.2, 3.3, 2.7, 2.8, 2.9, 3.1, 3.4, 3.5, 3.3, 3.0,
        1.3, 1.3, 2.1, 3.0, 3.6, 3.9, 3.9, 4.0, 4.2, 4.4, 4.7, 5.0,
        7.7, 7.7, 6.7, 6.9, 6.7, 6.5, 6.2, 6.1, 6.0, 6.1, 6.1, 6.1,
        6.9, 6.9, 7.3, 7.2, 7.0, 7.0],
    ("province", "industrial_va_growth_ytd"): [
        9.3, 9.3, 7.7, 5.2, 4.9, 5.1, 5.4, 5.5, 5.8, 5.6, 5.4, 5.3,
        4.8, 4.8, 6.5, 7.0, 6.9, 7.0, 7.0, 7.1, 7.2, 7.1, 7.1, 7.1,
        8.1, 8.1, 8.2, 8.3, 8.2, 8.1, 8.2, 8.3, 8.3, 8.3, 8.3, 8.3,
        7.1, 7.1, 7.6, 7.5, 7.6, 7.7],
    ("province", "manufacturing_va_growth_ytd"): [
        9.8, 9.8, 8.2, 5.9, 5.4, 5.6, 5.8, 5.9, 6.1, 5.9, 5.7, 5.6,
        5.3, 5.3, 7.1, 7.6, 7.6, 7.7, 7.7, 7.8, 7.9, 7.8, 7.8, 7.8,
        9.0, 9.0, 9.2, 9.3, 9.2, 9.1, 9.1, 9.2, 9.2, 9.2, 9.2, 9.2,
        8.4, 8.4, 8.8, 8.8, 8.9, 9.0],
    ("city", "industrial_va_growth_ytd"): [
        8.0, 8.0, 6.9, 3.1, 3.3, 3.7, 4.0, 4.2, 4.4, 4.5, 4.4, 4.3,
        3.5, 3.5, 4.6, 5.0, 5.2, 5.4, 5.5, 5.6, 5.7, 5.8, 5.8, 5.9,
        6.8, 6.8, 6.4, 6.5, 6.4, 6.3, 6.3, 6.2, 6.2, 6.2, 6.2, 6.2,
        8.8, 8.8, 9.3, 9.5, 9.6, 9.8],
    ("city", "manufacturing_va_growth_ytd"): [
        8.5, 8.5, 7.3, 3.4, 3.6, 4.0, 4.2, 4.4, 4.6, 4.7, 4.6, 4.5,
        3.8, 3.8, 5.0, 5.4, 5.6, 5.8, 5.9, 6.0, 6.1, 6.2, 6.2, 6.3,
        7.2, 7.2, 6.8, 6.9, 6.8, 6.7, 6.7, 6.6, 6.6, 6.6, 6.6, 6.6,
        9.4, 9.4, 9.9, 10.1, 10.2, 10.4],
}  # fmt: skip
REGION_NAMES = {"national": "全国", "province": "山东省", "city": "济南市"}

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
    CHAIN_NEV: (
        "年产{n}GWh动力电池项目",
        "新能源汽车零部件智能制造项目",
        "电驱动系统生产基地项目",
        "储能电池系统集成项目",
        "动力电池PACK生产线项目",
    ),
    CHAIN_BIO: (
        "创新药产业化项目",
        "生物药生产基地项目",
        "高端制剂生产线项目",
        "医疗器械产业化项目",
        "原料药绿色化改造项目",
        "体外诊断试剂生产项目",
    ),
    CHAIN_EQ: (
        "智能装备产业园项目",
        "激光切割装备扩产项目",
        "工业机器人生产基地项目",
        "高端液压件智能制造项目",
        "智能电网装备产业化项目",
        "数控机床产业化项目",
    ),
    CHAIN_IT: (
        "服务器智能制造基地项目",
        "集成电路封装测试项目",
        "光电子器件产业化项目",
        "传感器生产线建设项目",
        "智能终端制造项目",
        "电子元器件扩产项目",
    ),
    CHAIN_MAT: ("高性能复合材料项目", "电子化学品生产项目", "新型铝合金材料项目", "碳材料产业化项目"),
    CHAIN_OTHER: ("食品智能工厂项目", "绿色包装材料项目", "热电联产机组改造项目"),
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

# Tier recognitions: tier -> (level, years valid, [(recognized_on, count at scale 1)]).
TIER_BATCHES = {
    "high_tech": (
        "national",
        3,
        (
            ("2019-11-28", 560),
            ("2020-12-01", 620),
            ("2021-12-15", 700),
            ("2022-12-12", 720),
            ("2023-11-29", 780),
            ("2024-12-05", 830),
        ),
    ),
    "innovative_sme": (
        "province",
        3,
        (
            ("2022-08-15", 420),
            ("2022-12-20", 160),
            ("2023-04-20", 150),
            ("2023-08-18", 150),
            ("2023-12-15", 140),
            ("2024-04-18", 140),
            ("2024-08-20", 140),
            ("2024-12-18", 130),
            ("2025-04-22", 130),
        ),
    ),
    "specialized_sme": (
        "province",
        3,
        (
            ("2019-12-20", 150),
            ("2020-12-18", 200),
            ("2021-11-26", 260),
            ("2022-11-25", 340),
            ("2023-05-26", 200),
            ("2023-11-24", 230),
            ("2024-05-24", 210),
            ("2024-11-22", 240),
            ("2025-05-23", 220),
        ),
    ),
    "little_giant": (
        "national",
        3,
        (
            ("2019-06-10", 4),
            ("2020-12-08", 6),
            ("2021-07-19", 10),
            ("2022-08-12", 23),
            ("2023-07-28", 20),
            ("2024-08-16", 20),
        ),
    ),
    "single_champion": (
        "national",
        3,
        (("2019-12-03", 1), ("2021-11-25", 1), ("2022-11-22", 2), ("2023-12-15", 2), ("2024-11-29", 2)),
    ),
    "gazelle": ("province", 1, (("2022-09-16", 700), ("2023-09-15", 780), ("2024-09-13", 940))),
    "startup": ("city", 1, (("2022-07-15", 260), ("2023-07-14", 280), ("2024-07-12", 300))),
    "unicorn": ("province", 1, (("2022-10-20", 1), ("2023-10-19", 2), ("2024-10-18", 3))),
}
# Year-end targets (counts at scale 1); 2025 is the article's.
TARGETS = {
    2023: {"innovative_sme": 1000, "specialized_or_gazelle": 1500, "little_giant": 50, "above_scale_count": 360},
    2024: {"innovative_sme": 1400, "specialized_or_gazelle": 1800, "little_giant": 60, "above_scale_count": 380},
    2025: {"innovative_sme": 1700, "specialized_or_gazelle": 2200, "little_giant": 70, "above_scale_count": 400},
}

N_TALENT = 6000
TALENT_CATEGORIES = ("top", "leading", "high_level", "young", "skilled")
TALENT_CATEGORY_SHARE = (0.004, 0.036, 0.14, 0.34, 0.48)
TALENT_CHAIN_SHARE = (0.35, 0.20, 0.18, 0.12, 0.07, 0.08)
EDUCATION_BY_CATEGORY = {  # doctor, master, bachelor, other
    "top": (0.9, 0.1, 0.0, 0.0),
    "leading": (0.65, 0.30, 0.05, 0.0),
    "high_level": (0.35, 0.50, 0.15, 0.0),
    "young": (0.15, 0.45, 0.40, 0.0),
    "skilled": (0.0, 0.02, 0.28, 0.70),
}
INTRODUCED_SHARE = {"top": 0.85, "leading": 0.70, "high_level": 0.55, "young": 0.50, "skilled": 0.30}
OPENINGS_BASE = {CHAIN_IT: 60, CHAIN_BIO: 35, CHAIN_EQ: 40, CHAIN_NEV: 32, CHAIN_MAT: 15, CHAIN_OTHER: 10}
OPENINGS_CATEGORY_SHARE = (0.02, 0.06, 0.20, 0.35, 0.37)

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

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
REGION_CODES = ("370100", "370000", "370112", "370181", "370102", "370104")
REGION_CODE_WEIGHTS = (0.55, 0.10, 0.15, 0.10, 0.05, 0.05)
BRAND_CHARS = tuple(
    "华瑞泰康博达信联创源恒新科海天宏鑫盛德嘉润通智远明安邦凯正金辰禾誉诺航光峰森睿晟昊锐卓越旭泉齐鲁舜岱"
    "圣力宇云凌弘腾丰益佳宁晶星朗尚赛鼎捷拓迈蓝澳宝汇亚龙奥英伟颐昆晨浩普瀚聚元欧威中兴和众"
)


# --------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------
def _day(s: str) -> np.datetime64:
    return np.datetime64(s, "D")


def _t(period: str) -> int:
    """Month index (0 = 2022-01) of a 'YYYY-MM' period."""
    return int((np.datetime64(period, "M") - FIRST_MONTH).astype(int))


def _pick(rng: np.random.Generator, n: int, probs) -> np.ndarray:
    """n indices drawn with replacement from a discrete distribution."""
    p = np.asarray(probs, dtype=float)
    c = np.cumsum(p / p.sum())
    c[-1] = 1.0
    return np.searchsorted(c, rng.random(n), side="right")


def _sample_without_replacement(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """k distinct indices, chosen with probability proportional to weights (Efraimidis-Spirakis)."""
    w = np.asarray(weights, dtype=float)
    positive = np.flatnonzero(w > 0)
    if k > positive.size:
        raise ValueError(f"cannot draw {k} from {positive.size} candidates")
    if k == 0:
        return np.empty(0, dtype=np.int64)
    keys = np.log(rng.random(positive.size)) / w[positive]
    top = np.argpartition(-keys, k - 1)[:k]
    return np.sort(positive[top])


def _pick_registered(
    rng: np.random.Generator, pool: np.ndarray, registered: np.ndarray, weights: np.ndarray, dates: np.ndarray
) -> np.ndarray:
    """For each date, an enterprise of `pool` registered by then (weighted), or -1 if none."""
    order = np.argsort(registered[pool], kind="stable")
    pool, reg = pool[order], registered[pool][order]
    cum = np.cumsum(weights[order].astype(float))
    k = np.searchsorted(reg, dates, side="right")  # how many were registered by each date
    total = np.where(k > 0, cum[np.maximum(k - 1, 0)], 0.0)
    chosen = np.minimum(np.searchsorted(cum, rng.random(dates.size) * total, side="right"), np.maximum(k - 1, 0))
    return np.where(k > 0, pool[chosen] if pool.size else -1, -1)


def _uniform_days(rng: np.random.Generator, lo, hi, n: int | None = None) -> np.ndarray:
    """Days uniformly drawn from [lo, hi] (datetime64[D], broadcast)."""
    lo = np.asarray(lo, dtype="datetime64[D]")
    hi = np.asarray(hi, dtype="datetime64[D]")
    span = (hi - lo).astype(np.int64) + 1
    shape = np.broadcast(lo, hi).shape if n is None else (n,)
    return lo + np.floor(rng.random(shape) * span).astype(np.int64)


def _growing_days(rng: np.random.Generator, lo: np.datetime64, hi: np.datetime64, rate: float, n: int) -> np.ndarray:
    """Days in [lo, hi] with a density growing by `rate` a year (more recent, more likely)."""
    span = (hi - lo).astype(np.int64) / 365.25
    years = np.log1p(rng.random(n) * np.expm1(rate * span)) / rate
    return lo + np.floor(years * 365.25).astype(np.int64)


def _add_years(d: np.ndarray, years: int) -> np.ndarray:
    months = d.astype("datetime64[M]")
    offset = d - months.astype("datetime64[D]")
    return (months + 12 * years).astype("datetime64[D]") + offset


def _cat(*parts) -> np.ndarray:
    """Element-wise string concatenation of arrays / scalars."""
    out = np.asarray(parts[0]).astype(str)
    for p in parts[1:]:
        out = np.strings.add(out, np.asarray(p).astype(str))
    return out


def _index_of(values: np.ndarray, choices) -> np.ndarray:
    """Position of each value in the sequence `choices`."""
    choices = np.asarray(choices)
    order = np.argsort(choices)
    return order[np.searchsorted(choices, values, sorter=order)]


def _month_index(d: np.ndarray) -> np.ndarray:
    return (d.astype("datetime64[M]") - FIRST_MONTH).astype(np.int64)


def _gb11714_code(rng: np.random.Generator, n: int) -> np.ndarray:
    """Old-style 9-char organisation codes: 8 digits and their GB 11714 check character."""
    digits = rng.integers(0, 10, size=(n, 8))
    digits[:, 0] = rng.integers(1, 8, size=n)
    c9 = 11 - (digits @ np.array([3, 7, 9, 10, 5, 8, 4, 2])) % 11
    check = np.where(c9 == 10, "X", np.where(c9 == 11, "0", c9.astype(str)))
    return _cat(_digits_to_str(digits), check)


def _digits_to_str(digits: np.ndarray) -> np.ndarray:
    value = np.zeros(digits.shape[0], dtype=np.int64)
    for j in range(digits.shape[1]):
        value = value * 10 + digits[:, j]
    return np.strings.zfill(value.astype(str), digits.shape[1])


def _uscc_ids(rng: np.random.Generator, registered_on: np.ndarray) -> np.ndarray:
    """Unique 18-char USCCs with valid check digits (GB 32100-2015)."""
    alphabet = np.array(list(USCC_ALPHABET))
    lookup = np.full(128, -1, dtype=np.int64)
    for i, ch in enumerate(USCC_ALPHABET):
        lookup[ord(ch)] = i

    def make(idx: np.ndarray) -> np.ndarray:
        m = idx.size
        region = np.array(REGION_CODES)[_pick(rng, m, REGION_CODE_WEIGHTS)]
        # Since late 2015 new registrations get 'MA...' organisation codes; older firms
        # keep their GB 11714 organisation code.
        new_style = registered_on[idx] >= _day("2015-10-01")
        org_new = _cat(
            "MA", np.array(list("39CD"))[rng.integers(0, 4, m)], *[alphabet[rng.integers(0, 31, m)] for _ in range(6)]
        )
        first17 = _cat("91", region, np.where(new_style, org_new, _gb11714_code(rng, m)))
        codes = np.frombuffer(np.char.encode(first17, "ascii"), dtype=np.uint8).reshape(m, 17)
        check = alphabet[(31 - (lookup[codes] @ USCC_WEIGHTS) % 31) % 31]
        return _cat(first17, check)

    ids = make(np.arange(registered_on.size)).astype("<U18")
    for _ in range(30):
        dup = _duplicates(ids)
        if dup.size == 0:
            break
        ids[dup] = make(dup)
    else:
        raise RuntimeError("could not make unique USCCs")
    # Spot checks against the reference implementation guard the vectorised maths.
    for code in ids[:: max(1, ids.size // 50)]:
        assert uscc.is_valid(code), code
    return ids


def _duplicates(values: np.ndarray) -> np.ndarray:
    """Positions of values already seen earlier in the array."""
    _, first = np.unique(values, return_index=True)
    return np.setdiff1d(np.arange(values.size), first)


def _unique_names(rng: np.random.Generator, make) -> np.ndarray:
    """Names from make(rng, idx, retry) redrawn until unique (real company names are)."""
    names = make(rng, None, False)
    for _ in range(20):
        dup = _duplicates(names)
        if dup.size == 0:
            return names
        names[dup] = make(rng, dup, True)
    raise RuntimeError("could not make unique names")


# --------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------
class _Demo:
    """All tables of one demo data set, built section by section."""

    def __init__(self, seed: int, scale: float) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.seed = seed
        self.scale = scale
        divisions = load_divisions()
        self.manufacturing_divisions = {d for d, r in divisions.items() if r["is_manufacturing"] == "true"}
        self.industry_divisions = sorted(d for d, r in divisions.items() if r["is_industry"] == "true")
        self.class_index = {c[0]: i for i, c in enumerate(CLASSES)}

    def rng(self, stream: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, stream])

    def n(self, count: float) -> int:
        return round(count * self.scale)

    # ---------------------------------------------------------------- enterprises
    def build_enterprises(self) -> dict[str, np.ndarray]:
        rng = self.rng(1)
        n_named = len(NAMED_ENTERPRISES)
        n_generic = self.n(INITIAL_GENERIC) + sum(self.n(c) for _, _, c in ENTRIES)
        n_other = self.n(N_OTHER_ENTERPRISES)
        n_pool = n_named + n_generic
        n = n_pool + n_other

        w_ind = np.array([c[2] for c in CLASSES])
        w_oth = np.array([c[3] for c in CLASSES])
        cls = np.empty(n, dtype=np.int64)
        cls[:n_named] = [self.class_index[e[1]] for e in NAMED_ENTERPRISES]
        # ~1.2 % of the above-scale enterprises (at least two) are heat, power and water.
        utility_idx = np.flatnonzero(w_ind == UTILITY)
        is_util = np.zeros(n_generic, dtype=bool)
        is_util[rng.choice(n_generic, max(2, round(0.012 * n_generic)), replace=False)] = True
        w_manu = np.where(w_ind > 0, w_ind, 0.0)
        generic_cls = _pick(rng, n_generic, w_manu)
        generic_cls[is_util] = utility_idx[_pick(rng, int(is_util.sum()), np.ones(utility_idx.size))]
        cls[n_named:n_pool] = generic_cls
        cls[n_pool:] = _pick(rng, n_other, w_oth)

        code = np.array([c[0] for c in CLASSES])[cls]
        chain = np.array([c[1] for c in CLASSES])[cls]
        division = np.strings.slice(code, 0, 2)
        service = division.astype(int) >= 47

        # parks
        park = np.empty(n, dtype=object)
        for ch in CHAINS:
            for svc in (False, True):
                idx = np.flatnonzero((chain == ch) & (service == svc))
                weights = SERVICE_PARK_WEIGHTS.get(ch, SERVICE_PARK_DEFAULT) if svc else PARK_WEIGHTS[ch]
                park[idx] = np.array(PARKS)[_pick(rng, idx.size, weights)]
        park[:n_named] = [e[2] for e in NAMED_ENTERPRISES]
        park = park.astype(str)

        # registration dates: the above-scale pool is older; the rest skews recent.
        registered = np.empty(n, dtype="datetime64[D]")
        registered[:n_named] = [_day(e[3]) for e in NAMED_ENTERPRISES]
        age_years = np.clip(rng.gamma(3.0, 4.5, n_generic), 2.0, 32.0)
        registered[n_named:n_pool] = _day("2022-01-01") - (age_years * 365.25).astype(np.int64)
        registered[n_pool:] = _growing_days(rng, _day("2000-01-01"), _day("2025-06-20"), 0.16, n_other)

        names = self._names(rng, cls, n_named, n_pool)
        ids = _uscc_ids(self.rng(11), registered)
        self.ent = {
            "enterprise_id": ids,
            "name": names,
            "industry_code": code,
            "chain": chain,
            "park": park,
            "registered_on": registered,
            "division": division,
            "class": cls,
            "service": service,
        }
        self.n_named, self.n_pool, self.n_ent = n_named, n_pool, n
        return self.ent

    def _names(self, rng, cls, n_named, n_pool) -> np.ndarray:
        n = cls.size
        n_stems = np.array([len(c[4]) for c in CLASSES])
        stems = np.array([list(c[4]) + [c[4][0]] * (4 - len(c[4])) for c in CLASSES])
        stem = stems[cls, np.floor(rng.random(n) * n_stems[cls]).astype(np.int64)]
        chars = np.array(BRAND_CHARS)
        big = np.zeros(n, dtype=bool)
        big[n_named:n_pool] = True

        def make(r: np.random.Generator, idx, retry: bool):
            sel = np.arange(n) if idx is None else idx
            m = sel.size
            # Redraws take three-character brands, whose space is a hundred times larger.
            third = np.where(retry | (r.random(m) < 0.15), chars[r.integers(0, chars.size, m)], "")
            brand = _cat(chars[r.integers(0, chars.size, m)], chars[r.integers(0, chars.size, m)], third)
            prefix = np.array(["济南", "山东", "济南市"])[_pick(r, m, (0.5, 0.35, 0.15))]
            form = np.where(r.random(m) < np.where(big[sel], 0.3, 0.12), "股份有限公司", "有限公司")
            plain = _cat(prefix, brand, stem[sel], form)
            branch = _cat(brand, stem[sel], "（济南）有限公司")
            return np.where(r.random(m) < 0.04, branch, plain).astype("<U40")

        names = _unique_names(rng, make)
        names[:n_named] = [e[0] for e in NAMED_ENTERPRISES]
        # A generic name could collide with a named one; redraw those.
        clash = np.flatnonzero(np.isin(names[n_named:], names[:n_named])) + n_named
        while clash.size:
            names[clash] = make(rng, clash, True)
            clash = np.flatnonzero(np.isin(names[n_named:], names[:n_named])) + n_named
        return names

    # ---------------------------------------------------------------- prices
    def build_prices(self) -> dict[str, np.ndarray]:
        rng = self.rng(2)
        divs = self.industry_divisions
        n_div = len(divs)
        ppi = np.empty((n_div, N_MONTHS))
        va = np.empty((n_div, N_MONTHS))
        for i, d in enumerate(divs):
            a, b, rate = DIVISION_PRICES.get(d, MINING_PRICES)
            noise = np.zeros(N_MONTHS)
            for t in range(1, N_MONTHS):
                noise[t] = 0.7 * noise[t - 1] + rng.normal(0, 0.35)
            ppi[i] = np.clip(100 + a * NATIONAL_PPI + b + noise, 80, 125)
            yearly = rate * (1 + rng.normal(0, 0.02, 4))
            va[i] = np.repeat(yearly, 12)[:N_MONTHS] * (1 + rng.normal(0, 0.008, N_MONTHS))
        self.ppi = np.round(ppi, 1)
        self.va_rate = np.round(np.clip(va, 0.05, 0.9), 4)
        self.div_row = {d: i for i, d in enumerate(divs)}
        return {
            "division": np.repeat(np.array(divs), N_MONTHS),
            "period": np.tile(PERIODS, n_div),
            "ppi_yoy": self.ppi.ravel(),
            "va_rate": self.va_rate.ravel(),
        }

    # ---------------------------------------------------------------- industrial
    def build_industrial(self) -> dict[str, np.ndarray]:
        rng = self.rng(3)
        E, T = self.n_pool, N_MONTHS
        n_named = self.n_named
        chain = self.ent["chain"][:E]
        division = self.ent["division"][:E]
        is_utility = ~np.isin(division, sorted(self.manufacturing_divisions))
        is_mfg = ~is_utility

        # Who is on the above-scale list when.
        entry = np.zeros(E, dtype=np.int64)
        exit_ = np.full(E, T, dtype=np.int64)  # first month off the list
        entry[:n_named] = [_t(e[4]) for e in NAMED_ENTERPRISES]
        pos = n_named + self.n(INITIAL_GENERIC)
        new_plant = np.zeros(E, dtype=bool)
        for lo, hi, c in ENTRIES:
            k = self.n(c)
            entry[pos : pos + k] = rng.integers(lo, hi + 1, k)
            new_plant[pos : pos + k] = rng.random(k) < 0.3
            pos += k

        # Sizes: monthly output (万元) at entry, before calibration.
        size = np.empty(E)
        size[n_named:] = np.clip(rng.lognormal(np.log(1400), 0.95, E - n_named), 220, 25_000)
        entrant = entry > 0
        entrant[:n_named] = False
        size[entrant] = np.clip(rng.lognormal(np.log(600), 0.6, entrant.sum()), 200, 20_000)
        np_idx = entrant & new_plant
        size[np_idx] = np.clip(rng.lognormal(np.log(2500), 0.9, np_idx.sum()), 300, 40_000)
        size[:n_named] = [next(iter(e[5].values())) for e in NAMED_ENTERPRISES]
        util = is_utility & (np.arange(E) >= n_named)

        for lo, hi, c in EXITS:
            k = self.n(c)
            t_exit = rng.integers(lo, hi + 1, k)
            for tt in np.unique(t_exit):
                kk = int((t_exit == tt).sum())
                eligible = (np.arange(E) >= n_named) & (entry <= max(tt - 3, 0)) & (exit_ == T)
                weights = np.where(eligible, size**-0.8, 0.0)
                chosen = _sample_without_replacement(rng, weights, kk)
                exit_[chosen] = tt
        t_idx = np.arange(T)
        present = (t_idx[None, :] >= entry[:, None]) & (t_idx[None, :] < exit_[:, None])
        # Late or missing monthly reports: a few gaps inside an enterprise's spell.
        gaps = (rng.random((E, T)) < 0.004) & (t_idx[None, :] > entry[:, None]) & (t_idx[None, :] < exit_[:, None] - 1)
        gaps[:n_named] = False
        present &= ~gaps

        # Output paths: chain growth + persistent and yearly idiosyncratic growth.
        year = t_idx // 12
        growth = np.empty((E, 4))
        chain_growth = np.array([CHAIN_GROWTH[c] for c in CHAINS])
        growth[:] = chain_growth[_index_of(chain, CHAINS)]
        growth[util] = UTILITY_GROWTH
        idio_sd = np.where(util, 0.02, 0.07)[:, None]  # utilities grow steadily
        growth += rng.normal(0, 1, (E, 1)) * idio_sd * 0.85 + rng.normal(0, 1, (E, 4)) * idio_sd
        monthly = growth[:, year] / 12.0
        cum = np.cumsum(monthly, axis=1)
        log_level = np.log(size)[:, None] + cum - cum[np.arange(E), entry][:, None]
        ramp_len = rng.integers(4, 13, E)
        since = np.maximum(t_idx[None, :] - entry[:, None], 0)
        new_plant &= ~util
        ramp = np.where(new_plant[:, None], 0.35 + 0.65 * np.minimum(1.0, since / ramp_len[:, None]), 1.0)
        sigma = np.clip(0.25 - 0.05 * np.log10(size), 0.02, 0.12)
        noise = np.exp(rng.normal(0, 1, (E, T)) * sigma[:, None])
        heating = np.isin(self.ent["industry_code"][:E], ["4412", "4430"])
        season = np.where(
            heating[:, None],
            HEATING_SEASON[t_idx % 12][None, :],
            SEASON[t_idx % 12][None, :] ** rng.uniform(0.6, 1.2, (E, 1)),
        )
        out = np.exp(log_level) * ramp * noise * season
        for i, e in enumerate(NAMED_ENTERPRISES):
            anchors = sorted((_t(p), v) for p, v in e[5].items())
            at = np.array([a for a, _ in anchors], dtype=float)
            av = np.log(np.array([v for _, v in anchors], dtype=float))
            out[i] = np.exp(np.interp(t_idx, at, av)) * SEASON[t_idx % 12] * noise[i]
        out = np.where(present, out, 0.0)

        # Calibration of same-enterprise growth, year by year.
        div_row = np.array([self.div_row[d] for d in division])
        va = self.va_rate[div_row]
        ppi = self.ppi[div_row]
        self.calibration = {}

        def va_pairs(y: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """Current months of year y, and per enterprise ΣVAc(y) and ΣVA(y-1) over pairs."""
            cur = np.arange(12 * (y - 2022), min(12 * (y - 2021), T))
            prev = cur - 12
            pair = present[:, cur] & present[:, prev]
            num = np.where(pair, out[:, cur] * va[:, cur] * 100 / ppi[:, cur], 0).sum(axis=1)
            den = np.where(pair, out[:, prev] * va[:, prev], 0).sum(axis=1)
            return cur, num, den

        # Scale the non-manufacturing enterprises (all months) to their weight in the 2025
        # base: all = (1 - w) * manufacturing + w * rest. Later calibrations scale whole
        # years of everyone alike, which keeps this weight.
        t_all, t_mfg = VA_GROWTH_TARGETS[2025]
        weight = (t_mfg - t_all) / (t_mfg - NON_MANUFACTURING_GROWTH_2025)
        _, _, den = va_pairs(2025)
        b_m, b_n = den[is_mfg].sum(), den[~is_mfg].sum()
        if b_n <= 0:
            raise RuntimeError("no non-manufacturing enterprise in the 2025 base")
        out[~is_mfg] *= weight / (1 - weight) * b_m / b_n
        self.calibration["non_manufacturing_weight"] = weight

        for y, (target_all, target_mfg) in VA_GROWTH_TARGETS.items():
            cur, num, den = va_pairs(y)
            if target_mfg is None:
                f = (1 + target_all / 100) * den.sum() / num.sum()
                out[:, cur] *= f
                self.calibration[y] = (f, f)
            else:
                a_m, b_m = num[is_mfg].sum(), den[is_mfg].sum()
                a_n, b_n = num[~is_mfg].sum(), den[~is_mfg].sum()
                f_m = (1 + target_mfg / 100) * b_m / a_m
                f_n = ((1 + target_all / 100) * (b_m + b_n) - (1 + target_mfg / 100) * b_m) / a_n
                if not 0.7 < f_n < 1.4:
                    raise RuntimeError(f"non-manufacturing calibration factor {f_n:.3f} is implausible")
                out[np.ix_(is_mfg, cur)] *= f_m
                out[np.ix_(~is_mfg, cur)] *= f_n
                self.calibration[y] = (f_m, f_n)
        h1 = np.arange(_t("2025-01"), _t("2025-06") + 1)
        level = GROSS_OUTPUT_H1_2025 * self.scale / out[:, h1].sum()
        out = np.round(out * level, 2)
        self.calibration["level"] = level

        # Revenue follows output; margins differ by chain, a tenth of firms lose money.
        sales_ratio = rng.uniform(0.9, 1.1, E)
        revenue = np.round(np.maximum(out * sales_ratio[:, None] * (1 + rng.normal(0, 0.03, (E, T))), 0), 2)
        margin_mean = np.array([PROFIT_MARGIN[c] for c in chain]) + rng.normal(0, 0.035, E)
        loss = rng.random(E) < 0.08
        margin_mean[loss] = -np.abs(rng.normal(0.03, 0.02, int(loss.sum())))
        margin = margin_mean[:, None] + rng.normal(0, 0.02, (E, T))
        profit = np.round(revenue * margin, 2)

        self.ind = {
            "present": present,
            "out": out,
            "revenue": revenue,
            "entry": entry,
            "exit": exit_,
            "size": size,
            "is_mfg": is_mfg,
        }
        e_idx, t_i = np.nonzero(present)
        return {
            "enterprise_id": self.ent["enterprise_id"][e_idx],
            "period": PERIODS[t_i],
            "gross_output": out[e_idx, t_i],
            "revenue": revenue[e_idx, t_i],
            "profit": profit[e_idx, t_i],
        }

    # ---------------------------------------------------------------- benchmarks
    def build_benchmarks(self) -> dict[str, np.ndarray]:
        rng = self.rng(4)
        present, out, revenue = self.ind["present"], self.ind["out"], self.ind["revenue"]
        t_idx = np.arange(N_MONTHS)
        year_start = (t_idx // 12) * 12
        out_m = np.where(present, out, 0).sum(axis=0)
        rev_m = np.where(present, revenue, 0).sum(axis=0)
        cum_out, cum_rev = np.cumsum(out_m), np.cumsum(rev_m)
        ytd_out = cum_out - np.where(year_start > 0, cum_out[year_start - 1], 0)
        ytd_rev = cum_rev - np.where(year_start > 0, cum_rev[year_start - 1], 0)
        count = present.sum(axis=0)

        frac = t_idx / P_INDEX
        wiggle = rng.normal(0, 0.0015, (2, N_MONTHS))
        wiggle[:, P_INDEX] = 0
        out_share = 0.236 + (OUTPUT_SHARE_AT_P - 0.236) * frac + wiggle[0]
        rev_share = 0.248 + (REVENUE_SHARE_AT_P - 0.248) * frac + wiggle[1]
        ratio = 7.55 + (CITY_COUNT_RATIO_AT_P - 7.55) * frac + np.r_[rng.normal(0, 0.02, N_MONTHS - 1), 0]

        rows = []
        for (level, indicator), values in BENCHMARK_GROWTH.items():
            rows.append((level, indicator, np.array([f"{v:.1f}" for v in values])))
        rows.append(("city", "above_scale_enterprise_count", np.array([f"{v:.0f}" for v in np.round(count * ratio)])))
        rows.append(("city", "gross_output_ytd", np.array([f"{v:.2f}" for v in ytd_out / out_share])))
        rows.append(("city", "revenue_ytd", np.array([f"{v:.2f}" for v in ytd_rev / rev_share])))
        order = {"national": 0, "province": 1, "city": 2}
        rows.sort(key=lambda r: order[r[0]])
        return {
            "region_level": np.repeat([r[0] for r in rows], N_MONTHS),
            "region_name": np.repeat([REGION_NAMES[r[0]] for r in rows], N_MONTHS),
            "period": np.tile(PERIODS, len(rows)),
            "indicator": np.repeat([r[1] for r in rows], N_MONTHS),
            "value": pa.array(np.concatenate([r[2] for r in rows]), type=pa.string()),
        }

    # ---------------------------------------------------------------- projects
    def build_projects(self) -> dict[str, dict[str, np.ndarray]]:
        rng = self.rng(5)
        group, industrial = [], []
        for g, (n_ind, n_non) in PROJECT_GROUPS.items():
            group += [g] * (self.n(n_ind) + self.n(n_non))
            industrial += [True] * self.n(n_ind) + [False] * self.n(n_non)
        group = np.array(group)
        industrial = np.array(industrial)
        n = group.size

        upgrade = industrial & (rng.random(n) < np.where(group == "C3", 0.9, 0.4))
        months = np.where(
            upgrade,
            np.clip(rng.lognormal(np.log(10), 0.4, n), 4, 24),
            np.where(
                industrial,
                np.clip(rng.lognormal(np.log(18), 0.35, n), 8, 40),
                np.clip(rng.lognormal(np.log(24), 0.3, n), 12, 48),
            ),
        )
        dur = (months * 30.4).astype(np.int64)  # actual construction days

        AS = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        AC = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        ACp = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")  # expected completion
        PS = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")

        def sel(*gs):
            return np.isin(group, gs)

        for g, lo, hi in (
            ("E", "2022-03-01", "2022-12-30"),
            ("A", "2023-01-05", "2024-12-28"),
            ("B", "2025-01-06", "2025-06-27"),
        ):
            m = sel(g)
            AC[m] = _uniform_days(rng, _day(lo), _day(hi), int(m.sum()))
            AS[m] = AC[m] - dur[m]
        m = sel("B")
        AS[m] = np.minimum(AS[m], _day("2024-12-31") - rng.integers(5, 90, int(m.sum())))
        m = sel("C1")
        dur[m] = np.maximum(dur[m], 245)
        AS[m] = _uniform_days(rng, np.maximum(AS_OF - dur[m] + 20, _day("2022-09-01")), _day("2024-12-20"))
        m = sel("C2")
        AS[m] = _uniform_days(rng, _day("2025-01-06"), _day("2025-06-25"), int(m.sum()))
        m = sel("C3")
        AS[m] = _uniform_days(rng, _day("2023-06-01"), _day("2025-06-25"), int(m.sum()))
        m = sel("C1", "C2", "C3")
        dur[m] = np.maximum(dur[m], (AS_OF - AS[m]).astype(np.int64) + rng.integers(20, 200, int(m.sum())))
        ACp[m] = AS[m] + dur[m]
        started = ~np.isnat(AS)
        ACp[~np.isnat(AC)] = AC[~np.isnat(AC)]

        # Plans: planned start before the actual one (some late), planned duration shorter
        # than the actual one for about a quarter of projects.
        late_start = rng.random(n) < 0.2
        start_delay = np.where(late_start, rng.integers(20, 151, n), rng.integers(-12, 1, n))
        late_finish = rng.random(n) < 0.2
        extra = np.where(late_finish, rng.integers(30, 181, n), rng.integers(-30, 1, n))
        PS[started] = AS[started] - start_delay[started]
        m = sel("C2")
        PS[m] = np.clip(PS[m], _day("2025-01-02"), AS[m])
        m = sel("D1")
        PS[m] = _uniform_days(rng, _day("2025-01-15"), _day("2025-12-15"), int(m.sum()))
        m = sel("D2")
        PS[m] = _uniform_days(rng, _day("2026-01-10"), _day("2026-12-15"), int(m.sum()))
        m = sel("D3")
        PS[m] = _uniform_days(rng, _day("2025-03-01"), _day("2026-10-01"), int(m.sum()))
        pdur = np.where(started, np.maximum(dur - extra, 60), dur)
        PC = PS + pdur
        # Projects not yet started are expected to start after P (delayed if overdue).
        not_started = ~started
        AS_exp = AS.copy()
        AS_exp[not_started] = np.maximum(PS[not_started], AS_OF + rng.integers(15, 120, n)[not_started])
        ACp[not_started] = AS_exp[not_started] + dur[not_started]

        # Signing: investment-promotion projects are signed; own upgrades mostly are not.
        signed = np.where(upgrade, rng.random(n) < 0.2, rng.random(n) < 0.75)
        for g, (s_ind, s_non) in PROJECT_SIGNED_NOT_STARTED.items():
            for flag, k in ((True, s_ind), (False, s_non)):
                idx = np.flatnonzero(sel(g) & (industrial == flag))
                signed[idx] = False
                signed[idx[: self.n(k)]] = True
        lead = rng.integers(60, 420, n)
        signed_on = np.where(signed, PS - lead, np.datetime64("NaT"))
        cap = AS_OF - rng.integers(3, 200, n)
        signed_on = np.where(signed & (signed_on > AS_OF), cap, signed_on).astype("datetime64[D]")

        # Money (万元, before calibration).
        total = np.where(industrial, rng.lognormal(np.log(9_000), 1.0, n), rng.lognormal(np.log(25_000), 0.8, n))
        total = np.where(upgrade, total * 0.6, total)
        total = np.clip(total, 300, 1_500_000)

        # Enterprises and chains.
        ent = self.ent
        chain_probs = np.array([0.24, 0.22, 0.24, 0.16, 0.08, 0.06])
        chain = np.array(CHAINS)[_pick(rng, n, chain_probs)]
        enterprise = np.full(n, -1, dtype=np.int64)
        link = np.where(industrial, rng.random(n) < np.where(upgrade, 1.0, 0.7), rng.random(n) < 0.3)
        # A project company may be registered up to half a year after the planned start.
        for ch in CHAINS:
            pool_ind = np.flatnonzero(ent["chain"][: self.n_pool] == ch)
            pool_any = np.flatnonzero(ent["chain"] == ch)
            for flag, pool in ((True, pool_ind), (False, pool_any)):
                idx = np.flatnonzero(link & (chain == ch) & (industrial == flag))
                if pool.size and idx.size:
                    enterprise[idx] = _pick_registered(
                        rng, pool, ent["registered_on"], np.ones(pool.size), PS[idx] + 180
                    )
        # Upgrades belong to an existing industrial enterprise and take its chain.
        has_ent = enterprise >= 0
        chain[has_ent & industrial] = ent["chain"][enterprise[has_ent & industrial]]

        # Named projects replace the first projects of their groups.
        name_of = {e[0]: i for i, e in enumerate(NAMED_ENTERPRISES)}
        named_rows = []
        for g, ent_name, _, tot, dates in NAMED_PROJECTS:
            i = next(j for j in np.flatnonzero(sel(g) & industrial) if j not in named_rows)
            named_rows.append(i)
            ps, as_, pc_, ac, so = dates
            PS[i], AS[i], PC[i] = _day(ps), _day(as_), _day(pc_)
            AC[i] = _day(ac) if ac else np.datetime64("NaT")
            ACp[i] = AC[i] if ac else PC[i] + 60
            AS_exp[i] = AS[i]
            signed_on[i] = _day(so) if so else np.datetime64("NaT")
            total[i] = tot
            upgrade[i] = False
            enterprise[i] = name_of[ent_name]
            chain[i] = ent["chain"][name_of[ent_name]]

        # Provincial technical-upgrade key list: started industrial upgrades, larger first.
        key = np.zeros(n, dtype=bool)
        key[named_rows[-1]] = True  # 齐鲁制药超大规模制剂 is on the provincial list
        candidates = industrial & started & upgrade & ~sel("E") & ~key
        weights = np.where(candidates, np.sqrt(total), 0.0)
        key[_sample_without_replacement(rng, weights, max(self.n(PROVINCIAL_KEY_PROJECTS) - 1, 0))] = True

        # Monthly investment: an S-curve over the construction period.
        first_m = np.where(started, np.maximum(_month_index(np.where(started, AS, AS_OF)), 0), 0)
        last_m = np.where(
            started, np.minimum(_month_index(np.where(started, np.where(np.isnat(AC), AS_OF, AC), AS_OF)), P_INDEX), -1
        )
        n_rows = np.where(started & (last_m >= first_m), last_m - first_m + 1, 0)
        p_idx = np.repeat(np.arange(n), n_rows)
        offsets = np.arange(n_rows.sum()) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
        m_idx = first_m[p_idx] + offsets
        month_start = MONTHS[m_idx].astype("datetime64[D]")
        month_end = (MONTHS[m_idx] + 1).astype("datetime64[D]")
        span = np.maximum((ACp - AS_exp).astype(np.int64), 1)
        a = np.clip((np.maximum(month_start, AS[p_idx]) - AS[p_idx]).astype(np.int64) / span[p_idx], 0, 1)
        b = np.clip((np.minimum(month_end, ACp[p_idx]) - AS[p_idx]).astype(np.int64) / span[p_idx], 0, 1)

        def smooth(x):
            return 3 * x**2 - 2 * x**3

        spend_share = rng.uniform(0.85, 1.0, n)
        season = np.array([0.6, 0.5, 1.0, 1.05, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.1, 1.3])
        invested = total[p_idx] * spend_share[p_idx] * (smooth(b) - smooth(a))
        invested *= season[(m_idx % 12)] * rng.lognormal(0, 0.25, m_idx.size)

        # Calibrate industrial investment since 2023 to the article's "近400亿".
        window = industrial[p_idx] & (m_idx >= _t("2023-01"))
        k = INDUSTRIAL_INVESTMENT_SINCE_2023 * self.scale / invested[window].sum()
        factor = np.where(industrial, k, 1.0)
        total = np.round(total * factor, 2)
        invested = np.round(invested * factor[p_idx], 2)
        self.calibration["investment"] = k

        # Annual plans 2023..2025: continuing / new / preparatory by dates, 2025 by group.
        in_plan = ~sel("C3", "D3") & (rng.random(n) < np.where(sel("A", "E"), 0.6, 1.0))
        in_plan |= sel("B", "C1", "C2", "D1", "D2")
        plan_rows = []
        for y in (2023, 2024, 2025):
            jan1 = _day(f"{y}-01-01")
            ps_year = PS.astype("datetime64[Y]").astype(int) + 1970
            cont = started & (AS < jan1) & (np.isnat(AC) | (AC >= jan1))
            new = ~cont & (ps_year == y) & (~started | (AS >= jan1))
            prep = ~cont & ~new & (ps_year == y + 1) & (~started | (AS >= _day(f"{y + 1}-01-01")))
            prep &= np.isnat(signed_on) | (signed_on < _day(f"{y}-03-31"))
            if y == 2025:
                cont, new, prep = sel("B", "C1"), sel("C2", "D1"), sel("D2")
            for cat, m in (("continuing", cont), ("new", new), ("preparatory", prep)):
                idx = np.flatnonzero(m & in_plan)
                plan_rows.append((idx, np.full(idx.size, y), np.full(idx.size, cat)))
        plan_p = np.concatenate([r[0] for r in plan_rows])
        plan_y = np.concatenate([r[1] for r in plan_rows])
        plan_c = np.concatenate([r[2] for r in plan_rows])
        share_year = np.minimum(1.0, 365.0 / np.maximum(pdur[plan_p], 30)) * rng.uniform(0.7, 1.1, plan_p.size)
        planned_inv = np.where(
            plan_c == "preparatory", total[plan_p] * rng.uniform(0.01, 0.05, plan_p.size), total[plan_p] * share_year
        )
        order = np.lexsort((plan_p, plan_y))

        # Identifiers in the style of the national investment project code:
        # YYMM-370171-division-type-serial.
        filed = np.where(np.isnat(signed_on), PS - 90, signed_on)
        yymm = np.strings.slice(np.datetime_as_string(filed.astype("datetime64[M]")), 2, 7)
        yymm = np.strings.replace(yymm, "-", "")
        typical = np.array(["39", "27", "35", "38", "26", "14"])[_index_of(chain, CHAINS)]
        proj_div = np.where(
            enterprise >= 0, ent["division"][np.maximum(enterprise, 0)], np.where(industrial, typical, "73")
        )
        serial = rng.choice(900_000, n, replace=False) + 100_000
        project_id = _cat(yymm, "-370171-", proj_div, np.where(upgrade, "-02-", "-03-"), serial)

        name = self._project_names(rng, chain, industrial, upgrade, enterprise, named_rows)

        self.proj = {"n": n, "industrial": industrial, "group": group}
        projects = {
            "project_id": project_id,
            "name": name,
            "enterprise_id": np.where(enterprise >= 0, ent["enterprise_id"][np.maximum(enterprise, 0)], None),
            "chain": chain,
            "is_industrial": industrial,
            "total_investment": total,
            "provincial_key": key,
            "signed_on": signed_on,
            "planned_start": PS,
            "actual_start": AS,
            "planned_completion": PC,
            "actual_completion": AC,
        }
        plans = {
            "project_id": project_id[plan_p][order],
            "year": plan_y[order],
            "plan_category": plan_c[order],
            "planned_investment": np.round(planned_inv * factor[plan_p], 2)[order],
        }
        investment = {
            "project_id": project_id[p_idx],
            "period": PERIODS[m_idx],
            "invested": invested,
        }
        milestones = self._milestones(rng, project_id, industrial, upgrade, PS, PC, AS_exp, ACp, AC)
        return {
            "projects": projects,
            "project_plans": plans,
            "project_investment": investment,
            "project_milestones": milestones,
        }

    def _project_names(self, rng, chain, industrial, upgrade, enterprise, named_rows) -> np.ndarray:
        n = chain.size
        ent_names = self.ent["name"]
        short = np.where(enterprise >= 0, ent_names[np.maximum(enterprise, 0)], "").astype(str)
        # Short brand: drop the legal form and the place prefix.
        for form in ("股份有限公司", "（济南）有限公司", "集团有限公司", "有限公司"):
            short = np.strings.replace(short, form, "")
        for place in ("济南", "山东"):
            short = np.where(np.strings.startswith(short, place), np.strings.slice(short, 2, None), short)
        chars = np.array(BRAND_CHARS)
        anon = _cat(chars[rng.integers(0, chars.size, n)], chars[rng.integers(0, chars.size, n)])
        short = np.where(short == "", anon, short)
        template = np.empty(n, dtype=object)
        u = rng.random(n)
        for ch in CHAINS:
            opts = PROJECT_TEMPLATES[ch]
            idx = np.flatnonzero(industrial & ~upgrade & (chain == ch))
            template[idx] = np.array(opts)[(u[idx] * len(opts)).astype(int)]
        idx = np.flatnonzero(upgrade)
        template[idx] = np.array(UPGRADE_TEMPLATES)[(u[idx] * len(UPGRADE_TEMPLATES)).astype(int)]
        idx = np.flatnonzero(~industrial)
        template[idx] = np.array(NON_INDUSTRIAL_TEMPLATES)[(u[idx] * len(NON_INDUSTRIAL_TEMPLATES)).astype(int)]
        gwh = rng.choice([5, 10, 15, 20, 30], n).astype(str)
        template = np.strings.replace(template.astype(str), "{n}", gwh)
        names = _cat(short, template)
        for i, (_, _, pname, _, _) in zip(named_rows, NAMED_PROJECTS, strict=True):
            names[i] = pname
        # Repeat names become later phases, as they are in real project lists.
        order = np.argsort(names, kind="stable")
        sorted_names = names[order]
        first = np.r_[True, sorted_names[1:] != sorted_names[:-1]]
        group_start = np.maximum.accumulate(np.where(first, np.arange(n), 0))
        rank = np.arange(n) - group_start
        phase = np.array(["", "（二期）", "（三期）", "（四期）", "（五期）"])
        suffix = np.where(rank < phase.size, phase[np.minimum(rank, phase.size - 1)], _cat("（", rank + 1, "）"))
        out = names.astype("<U80")
        out[order] = _cat(sorted_names, suffix)
        return out

    def _milestones(self, rng, project_id, industrial, upgrade, PS, PC, AS, AC_exp, AC) -> dict[str, np.ndarray]:
        """Gantt bars: planned windows from the plan; actual ones shifted by the project's delays."""
        n = project_id.size
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
        span = (PC - PS).astype(np.int64)[:, None]
        lag = rng.integers(0, 60, n)
        ps = np.concatenate(
            [
                np.stack([PS - 170 - lag, PS - 100 - lag // 2], axis=1),
                PS[:, None] + np.round(span * lo).astype(np.int64),
            ],
            axis=1,
        )
        pe = np.concatenate(
            [np.stack([PS - 80 - lag, PS - 7], axis=1), PS[:, None] + np.round(span * hi).astype(np.int64)], axis=1
        )
        pe = np.maximum(pe, ps + 1)
        # Delays: the start delay at 开工 moves linearly to the finish delay at 投产; land
        # and design carry part of a late start. On-time nodes finish a little early.
        sd = (AS - PS).astype(np.int64)[:, None]
        fd = (AC_exp - PC).astype(np.int64)[:, None]
        frac_s = np.concatenate([np.zeros((n, 2)), lo], axis=1)
        frac_e = np.concatenate([np.zeros((n, 2)), hi], axis=1)
        pre = np.zeros((n, 7), dtype=bool)
        pre[:, :2] = True
        d_s = np.where(pre, np.round(0.6 * np.maximum(sd, 0)), sd + (fd - sd) * frac_s)
        d_e = np.where(pre, np.round(0.6 * np.maximum(sd, 0)), sd + (fd - sd) * frac_e)
        jitter = rng.integers(-8, 1, (n, 7))
        as_ = ps + np.round(d_s).astype(np.int64) + jitter
        ae = pe + np.round(d_e).astype(np.int64) + jitter
        as_[:, 2] = AS  # 开工 starts on the project's actual start
        as_[:, 3:] = np.maximum(as_[:, 3:], AS[:, None])
        ae[:, 6] = AC_exp  # 投产 ends on the (expected) completion
        ae[:, 2:6] = np.minimum(ae[:, 2:6], AC_exp[:, None] - 1)
        ae = np.maximum(ae, as_ + 1)
        # Only what had happened by 2025-06-30 has actual dates.
        nat = np.datetime64("NaT")
        act_s = np.where(as_ <= AS_OF, as_, nat)
        act_e = np.where((ae <= AS_OF) & ~np.isnat(act_s), ae, nat)
        act_e[:, 6] = np.where(np.isnat(AC), nat, AC)
        p_i, m_i = np.nonzero(has)
        return {
            "project_id": project_id[p_i],
            "milestone": np.array(MILESTONES)[m_i],
            "seq": m_i + 1,
            "planned_start": ps[p_i, m_i],
            "planned_end": pe[p_i, m_i],
            "actual_start": act_s[p_i, m_i],
            "actual_end": act_e[p_i, m_i],
        }

    # ---------------------------------------------------------------- tiers
    def build_tiers(self) -> dict[str, np.ndarray]:
        rng = self.rng(6)
        ent = self.ent
        n = self.n_ent
        reg = ent["registered_on"]
        named = np.zeros(n, dtype=bool)
        named[: self.n_named] = True
        pool = np.zeros(n, dtype=bool)
        pool[: self.n_pool] = True
        manufacturing = np.isin(ent["division"], sorted(self.manufacturing_divisions))
        service = ent["service"]
        holding = ent["industry_code"] == "7211"
        size = np.zeros(n)
        size[: self.n_pool] = self.ind["size"]

        rows: list[tuple[np.ndarray, str, str, np.datetime64, np.datetime64]] = []
        held: dict[str, list[tuple[np.ndarray, np.datetime64, np.datetime64]]] = {}

        def valid_on(tier: str, day: np.datetime64) -> np.ndarray:
            v = np.zeros(n, dtype=bool)
            for members, rec, exp in held.get(tier, []):
                if rec <= day < exp:
                    v[members] = True
            return v

        def expired_recently(tier: str, day: np.datetime64) -> np.ndarray:
            v = np.zeros(n, dtype=bool)
            for members, _, exp in held.get(tier, []):
                if exp <= day < exp + 400:
                    v[members] = True
            return v

        for tier, (level, years, batches) in TIER_BATCHES.items():
            for day_s, count in batches:
                day = _day(day_s)
                k = self.n(count)
                age = (day - reg).astype(np.int64) / 365.25
                w = np.where(age >= 1.0, 1.0, 0.0)
                if tier == "high_tech":
                    w *= np.where(service, 1.5, np.where(pool, 1.3, 1.0)) * np.where(holding, 0.1, 1.0)
                elif tier == "innovative_sme":
                    w *= np.where(named, 0.0, np.where(pool, 0.8, 1.0))
                elif tier == "specialized_sme":
                    inno = valid_on("innovative_sme", day)
                    w *= np.where(named, 0.0, 1.0) * np.where(manufacturing, 2.0, 1.0)
                    if day >= _day("2022-09-01"):
                        w *= np.where(inno, 15.0, 0.3)
                elif tier == "little_giant":
                    spec = valid_on("specialized_sme", day)
                    w *= np.where(spec, 100.0, 0.05) * np.where(manufacturing, 3.0, 0.5) * np.where(pool, 3.0, 1.0)
                    w *= np.where(named, 0.0, 1.0)
                elif tier == "single_champion":
                    w = np.where(pool & manufacturing, np.sqrt(size + 1.0), 0.0)
                elif tier == "gazelle":
                    w *= ((age >= 2) & (age <= 12)) * np.where(pool, 0.5, 1.0) * np.where(named, 0.0, 1.0)
                elif tier == "startup":
                    w = np.where((age >= 0.25) & (age <= 3) & ~pool, 1.0, 0.0)
                elif tier == "unicorn":
                    w = np.where((age >= 2) & (age <= 10) & service, 1.0, 0.0) * np.where(
                        valid_on("high_tech", day), 5.0, 1.0
                    )
                w = np.where(valid_on(tier, day), 0.0, w)  # cannot hold two valid rows
                w = np.where(expired_recently(tier, day), w * 30.0, w)  # renewals are common
                members = _sample_without_replacement(rng, w, k)
                exp = _add_years(np.array([day]), years)[0]
                held.setdefault(tier, []).append((members, day, exp))
                lv = np.full(members.size, level)
                if tier == "gazelle":
                    lv = np.where(rng.random(members.size) < 0.3, "city", level)
                rows.append((members, tier, lv, day, exp))

        e = np.concatenate([r[0] for r in rows])
        return {
            "enterprise_id": ent["enterprise_id"][e],
            "tier": np.concatenate([np.full(r[0].size, r[1]) for r in rows]),
            "level": np.concatenate([np.broadcast_to(r[2], r[0].shape) for r in rows]),
            "recognized_on": np.concatenate([np.full(r[0].size, r[3]) for r in rows]),
            "expires_on": np.concatenate([np.full(r[0].size, r[4]) for r in rows]),
        }

    # ---------------------------------------------------------------- talent
    def build_talent(self) -> dict[str, dict[str, np.ndarray]]:
        rng = self.rng(7)
        n = self.n(N_TALENT)
        cat_i = _pick(rng, n, TALENT_CATEGORY_SHARE)
        category = np.array(TALENT_CATEGORIES)[cat_i]
        chain = np.array(CHAINS)[_pick(rng, n, TALENT_CHAIN_SHARE)]
        education = np.empty(n, dtype="<U8")
        source = np.empty(n, dtype="<U10")
        for c in TALENT_CATEGORIES:
            idx = np.flatnonzero(category == c)
            education[idx] = np.array(["doctor", "master", "bachelor", "other"])[
                _pick(rng, idx.size, EDUCATION_BY_CATEGORY[c])
            ]
            source[idx] = np.where(rng.random(idx.size) < INTRODUCED_SHARE[c], "introduced", "cultivated")
        # Arrivals grow over the years; the talent-map push shows from 2023.
        arrived = _growing_days(rng, _day("2012-01-01"), AS_OF, 0.22, n)
        stay = (rng.exponential(14.0, n) * 365.25).astype(np.int64)
        left = arrived + np.maximum(stay, 120)
        left = np.where(left <= AS_OF, left, np.datetime64("NaT"))
        # Employer: an enterprise of the chain for most; universities and institutes for the rest.
        enterprise = np.full(n, -1, dtype=np.int64)
        ent_chain = self.ent["chain"]
        employed = rng.random(n) < 0.9
        for ch in CHAINS:
            pool = np.flatnonzero(ent_chain == ch)
            idx = np.flatnonzero(employed & (chain == ch))
            if pool.size and idx.size:
                weight = np.where(pool < self.n_pool, 4.0, 1.0)
                enterprise[idx] = _pick_registered(rng, pool, self.ent["registered_on"], weight, arrived[idx])
        talent_id = _cat("RC", rng.choice(90_000_000, n, replace=False) + 10_000_000)
        order = np.argsort(arrived, kind="stable")
        talent = {
            "talent_id": talent_id[order],
            "enterprise_id": np.where(enterprise >= 0, self.ent["enterprise_id"][np.maximum(enterprise, 0)], None)[
                order
            ],
            "category": category[order],
            "chain": chain[order],
            "education": education[order],
            "source": source[order],
            "arrived_on": arrived[order],
            "left_on": left[order],
        }
        # Openings by chain x category x month: well above arrivals, so gaps show.
        ch_i, c_i, t_i = np.meshgrid(np.arange(len(CHAINS)), np.arange(5), np.arange(N_MONTHS), indexing="ij")
        ch_i, c_i, t_i = ch_i.ravel(), c_i.ravel(), t_i.ravel()
        base = np.array([OPENINGS_BASE[c] for c in CHAINS])[ch_i] * np.array(OPENINGS_CATEGORY_SHARE)[c_i]
        season = np.array([0.9, 1.25, 1.3, 1.15, 1.0, 1.1, 1.05, 0.9, 0.95, 0.9, 0.85, 0.75])[t_i % 12]
        trend = np.exp(0.10 * t_i / 12)
        mean = base * season * trend * self.scale * rng.lognormal(0, 0.12, t_i.size)
        demand = {
            "chain": np.array(CHAINS)[ch_i],
            "category": np.array(TALENT_CATEGORIES)[c_i],
            "period": PERIODS[t_i],
            "openings": rng.poisson(mean),
        }
        return {"talent": talent, "talent_demand": demand}

    # ---------------------------------------------------------------- services
    def build_service_matters(self) -> dict[str, np.ndarray]:
        return {
            "matter_code": np.array([m[0] for m in SERVICE_MATTERS]),
            "name": np.array([m[1] for m in SERVICE_MATTERS]),
            "lifecycle_stage": np.array([m[2] for m in SERVICE_MATTERS]),
        }

    def build_service_cases(self) -> dict[str, np.ndarray]:
        rng = self.rng(8)
        first = np.datetime64("2023-01", "M")
        n_m = int((MONTHS[-1] - first).astype(int)) + 1  # 30 months
        m = np.arange(n_m)
        season = np.array([0.9, 0.7, 1.1, 1.05, 1.0, 1.05, 1.0, 1.0, 1.05, 0.9, 1.05, 1.1])[(m % 12)]
        per_month = CASES_PER_MONTH_2023 * np.exp(0.113 * m / 12) * season * rng.lognormal(0, 0.03, n_m)
        per_month = np.round(per_month * self.scale).astype(np.int64)
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
        channels = ["doorplate", "window", "online", "specialist"]

        # Matters; 个转企 picks up with the 2024 direct-conversion policy.
        weights = np.array([mt[4] for mt in SERVICE_MATTERS])
        matter_i = _pick(rng, n, weights)
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
        close = 17 * 3600 + 1800
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
        w = np.ones(self.n_ent)
        w[: self.n_pool] = 5.0
        picked = _pick_registered(rng, np.arange(self.n_ent), self.ent["registered_on"], w, day.astype("datetime64[D]"))
        enterprise = np.where(has_ent, picked, -1)
        n_spec = max(1, self.n(N_SPECIALISTS))
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
            "enterprise_id": take(self.ent["enterprise_id"], enterprise),
            "matter_code": take([mt[0] for mt in SERVICE_MATTERS], matter_i),
            "channel": take(channels, channel_i),
            "specialist_id": take(specialists, specialist),
            "submitted_at": sub_sorted,
            "due_at": due[order],
            "completed_at": completed[order],
            "one_visit": one_visit[order],
            "bundled": bundled[order],
            "rating": np.where(rated, rating, np.nan)[order],
            "rectified_at": rectified[order],
        }

    # ---------------------------------------------------------------- targets
    def build_targets(self) -> dict[str, np.ndarray]:
        rows = [(y, k, float(self.n(v))) for y, d in TARGETS.items() for k, v in d.items()]
        return {
            "year": np.array([r[0] for r in rows]),
            "indicator": np.array([r[1] for r in rows]),
            "target": np.array([r[2] for r in rows]),
        }

    def enterprises_table(self) -> dict[str, np.ndarray]:
        ent = self.ent
        rng = self.rng(9)
        # Consent to public naming: the well-known big firms, plus some listed / known ones.
        consent = np.zeros(self.n_ent, dtype=bool)
        consent[: self.n_named] = True
        size = self.ind["size"][self.n_named :]
        big = size >= np.quantile(size, 0.9) if size.size else np.zeros(0, dtype=bool)
        consent[self.n_named : self.n_pool] = big
        consent[self.n_pool :] = rng.random(self.n_ent - self.n_pool) < 0.095
        return {
            "enterprise_id": ent["enterprise_id"],
            "name": ent["name"],
            "industry_code": ent["industry_code"],
            "chain": ent["chain"],
            "park": ent["park"],
            "registered_on": ent["registered_on"],
            "consent_public": consent,
        }


# --------------------------------------------------------------------------------------
# CSV output
# --------------------------------------------------------------------------------------
def _arrow_column(kind: str, values) -> pa.Array:
    """One column as an Arrow array whose CSV text follows the contract's formats."""
    if isinstance(values, pa.Array):
        return values
    v = np.asarray(values)
    if kind in ("date",):
        return pa.array(v.astype("datetime64[D]"), from_pandas=True)
    if kind == "timestamp":
        return pa.array(v.astype("datetime64[s]"), from_pandas=True)
    if kind == "money":
        return pc.cast(pa.array(v.astype(float), from_pandas=True), pa.decimal128(18, 2), safe=False)
    if kind in ("int",):
        return pa.array(v.astype(float), from_pandas=True).cast(pa.int64())
    if kind == "bool":
        return pa.array(v.astype(bool))
    if v.dtype == object:
        return pa.array(v.tolist(), type=pa.string())
    if v.dtype.kind in "fiu" and kind == "number":
        return pa.array(v.astype(float), from_pandas=True)
    return pa.array(v.astype(str), type=pa.string())


NUMBER_DECIMALS = {("industry_prices", "ppi_yoy"): 1, ("industry_prices", "va_rate"): 4, ("targets", "target"): 0}


def _write_csv(path: Path, table: str, columns: dict[str, np.ndarray]) -> int:
    """Write one table in contract column order (extra columns after); return its row count."""
    spec = TABLES_BY_NAME[table]
    names = [c.name for c in spec.columns]
    missing = set(names) - set(columns)
    if missing:
        raise KeyError(f"{table}: generator is missing {sorted(missing)}")
    arrays, fields = [], []
    for col in spec.columns:
        kind = col.kind
        values = columns[col.name]
        if kind == "number" and (table, col.name) in NUMBER_DECIMALS:
            d = NUMBER_DECIMALS[(table, col.name)]
            arr = pc.cast(pa.array(np.asarray(values, dtype=float)), pa.decimal128(18, d), safe=False)
            if d == 0:
                arr = arr.cast(pa.int64())
        else:
            arr = _arrow_column(kind, values)
        arrays.append(arr)
        fields.append(col.name)
    for extra, values in columns.items():
        if extra not in names:
            arrays.append(_arrow_column("bool" if np.asarray(values).dtype == bool else "text", values))
            fields.append(extra)
    t = pa.table(arrays, names=fields)
    # Arrow quotes header names whatever the quoting style; spreadsheets' exports do not.
    with path.open("wb") as f:
        f.write((",".join(fields) + "\n").encode("utf-8"))
        pacsv.write_csv(t, f, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return t.num_rows


def write_demo(out_dir: Path, seed: int = 20250630, scale: float = 1.0) -> dict[str, int]:
    """Write the demo data set (one UTF-8 CSV per contract table) and return row counts."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    demo = _Demo(seed, scale)
    counts: dict[str, int] = {}

    def write(table: str, columns: dict[str, np.ndarray]) -> None:
        counts[table] = _write_csv(out_dir / f"{table}.csv", table, columns)

    demo.build_enterprises()
    write("industry_prices", demo.build_prices())
    write("industrial_monthly", demo.build_industrial())
    write("enterprises", demo.enterprises_table())
    write("region_benchmarks", demo.build_benchmarks())
    for table, columns in demo.build_projects().items():
        write(table, columns)
    write("enterprise_tiers", demo.build_tiers())
    for table, columns in demo.build_talent().items():
        write(table, columns)
    write("service_matters", demo.build_service_matters())
    write("service_cases", demo.build_service_cases())
    write("targets", demo.build_targets())
    return {t.name: counts[t.name] for t in TABLES}
