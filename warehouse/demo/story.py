"""The seed article's figures the demo reproduces at P = 2025-06 (DATA_CONTRACT.md, last section).

Levels and counts are at scale 1 and are multiplied by the run's scale; percentages are not.
"""

from __future__ import annotations

GROSS_OUTPUT_H1_2025 = 13_052_600.0  # 万元, 2025-01..06: "规上工业总产值突破1300亿元"
# Same-enterprise YTD growth of value added at comparable prices at each year's December
# (2025: at June): (industrial, manufacturing or None when only industry is calibrated).
VA_GROWTH_TARGETS = {2023: (10.2, None), 2024: (13.5, None), 2025: (23.5, 23.8)}
INDUSTRIAL_INVESTMENT_SINCE_2023 = 3_930_000.0  # 万元, 2023-01..2025-06: "近400亿元"
PROVINCIAL_KEY_PROJECTS = 36  # "30余个项目入选省级技术改造重点导向目录"
OUTPUT_SHARE_OF_CITY = 0.2638  # zone / city gross output YTD: "超1/4"
REVENUE_SHARE_OF_CITY = 0.2751  # zone / city revenue YTD: 27.5 %
CITY_TO_ZONE_ENTERPRISE_RATIO = 7.0  # city / zone above-scale enterprises: "1/7"
PLAN_2025_NEW_OR_CONTINUING = 204  # the 2025 plan: continuing + new projects
PLAN_2025_PREPARATORY = 58  # the 2025 plan: preparatory projects
SIGNED_NOT_STARTED = 94  # "近百个已签约"

# Year-end targets (counts at scale 1); 2025's are the article's, the earlier ones the plan's.
YEAR_END_TARGETS = {
    2023: {"innovative_sme": 1000, "specialized_or_gazelle": 1500, "little_giant": 50, "above_scale_count": 360},
    2024: {"innovative_sme": 1400, "specialized_or_gazelle": 1800, "little_giant": 60, "above_scale_count": 380},
    2025: {"innovative_sme": 1700, "specialized_or_gazelle": 2200, "little_giant": 70, "above_scale_count": 400},
}
