"""Every label the dashboard shows, Chinese first, English beside it, in one dictionary.

`t("key")` returns the label in the language picked in the sidebar (Chinese by default);
`label(kind, code)` names an enum code (tier, talent category, channel …). A key missing
from LABELS raises, so no English can slip into the Chinese view unnoticed.
"""

from __future__ import annotations

import streamlit as st

LANGS = ("zh", "en")

LABELS: dict[str, tuple[str, str]] = {
    # --- shell ---
    "app.title": ("高新区经济运行驾驶舱", "Zone economic dashboard"),
    "app.subtitle": ("高新区管委会 · 经济发展局", "Zone administration · economic development"),
    "nav.overview": ("总览 · 成绩单", "Overview"),
    "nav.growth": ("工业增长", "Industrial growth"),
    "nav.projects": ("项目建设", "Projects"),
    "nav.tiers": ("企业梯队", "Enterprise tiers"),
    "nav.talent": ("人才", "Talent"),
    "nav.services": ("政务服务", "Government services"),
    "filters.title": ("筛选", "Filters"),
    "filters.period": ("报告期", "Period"),
    "filters.park": ("园区", "Park"),
    "filters.chain": ("产业链", "Industry chain"),
    "filters.all": ("全部", "All"),
    "filters.lang": ("语言", "Language"),
    "filters.link": ("筛选条件已写入网址，复制链接即可分享当前视图。", "The filters are in the URL: copy the link to share this view."),
    "lang.zh": ("中文", "中文"),
    "lang.en": ("EN", "EN"),
    "common.as_of": ("数据截至 {date}", "Data as of {date}"),
    "common.built": ("数仓构建于 {ts}", "warehouse built {ts}"),
    "common.source": ("来源：{src}", "Source: {src}"),
    "common.unit": ("单位：{unit}", "Unit: {unit}"),
    "common.yoy": ("同比", "YoY"),
    "common.vs_last_year": ("较上年同期", "vs a year ago"),
    "common.no_data": ("所选条件下暂无数据", "No data for the selected filters"),
    "common.zone_wide": (
        "成绩单指标为全区口径，不随园区、产业链筛选变化；图表按筛选条件展示。",
        "Scorecard figures are zone-wide and ignore the park and chain filters; the charts follow them.",
    ),
    "common.filtered_by": ("当前筛选：{filters}", "Filtered by: {filters}"),
    "common.no_warehouse": (
        "尚未找到数据仓库 {path}。请先运行 `python -m warehouse build`。",
        "No warehouse at {path}. Run `python -m warehouse build` first.",
    ),
    "common.other": ("其他", "Other"),
    "common.total": ("合计", "Total"),
    "common.period": ("月份", "Month"),
    "common.year": ("年度", "Year"),
    # --- headline metrics (KPI labels) ---
    "metric.gross_output_ytd": ("规上工业总产值", "Gross industrial output"),
    "metric.revenue_ytd": ("规上工业营业收入", "Industrial revenue"),
    "metric.profit_ytd": ("规上工业利润总额", "Industrial profit"),
    "metric.industrial_va_growth_ytd": ("规上工业增加值增速", "Industrial value-added growth"),
    "metric.manufacturing_va_growth_ytd": ("制造业增加值增速", "Manufacturing value-added growth"),
    "metric.lead_vs_national_pp": ("增速领先全国", "Lead over national growth"),
    "metric.lead_vs_province_pp": ("增速领先全省", "Lead over provincial growth"),
    "metric.revenue_share_of_city": ("营业收入占全市比重", "Revenue share of the city"),
    "metric.output_share_of_city": ("工业总产值占全市比重", "Output share of the city"),
    "metric.enterprise_share_of_city": ("规上企业数占全市比重", "Enterprise share of the city"),
    "metric.above_scale_count": ("规上工业企业", "Above-scale industrial enterprises"),
    "metric.projects_under_construction": ("在建项目", "Projects under construction"),
    "metric.industrial_investment_since_2023": ("2023年以来工业投资", "Industrial investment since 2023"),
    "metric.plan_new_or_continuing": ("年度计划新建续建项目", "Plan: new and continuing projects"),
    "metric.plan_preparatory": ("年度计划筹备项目", "Plan: preparatory projects"),
    "metric.innovative_sme": ("创新型中小企业", "Innovative SMEs"),
    "metric.specialized_or_gazelle": ("专精特新+瞪羚企业", "Specialised + gazelle enterprises"),
    "metric.little_giant": ("专精特新“小巨人”", "'Little giant' enterprises"),
    "metric.high_tech": ("高新技术企业", "High-tech enterprises"),
    "metric.talent_in_post": ("在岗人才", "Talent in post"),
    "metric.service_cases_ytd": ("政务服务办件量", "Service cases"),
    "metric.satisfaction_rate": ("政务服务满意率", "Service satisfaction"),
    "metric.on_time_rate": ("按时办结率", "On-time completion"),
    "metric.one_visit_rate": ("一次办结率", "Done in one visit"),
    "metric.rectification_rate": ("差评整改率", "Bad ratings rectified"),
    # --- overview ---
    "ov.title": ("{period} 经济运行成绩单", "Scorecard, {period}"),
    "ov.section.industry": ("工业经济", "Industrial economy"),
    "ov.section.projects": ("项目建设与企业培育", "Projects and enterprises"),
    "ov.section.people": ("人才与政务服务", "Talent and services"),
    "ov.story": (
        "以全市 {ent_share} 的规上工业企业（{ent}）贡献了全市 {out_share} 的工业总产值、{rev_share} 的营业收入；"
        "规上工业增加值同比增长 {growth}，分别领先全国、全省 {lead_n}、{lead_p}。",
        "With {ent_share} of the city's above-scale industrial enterprises ({ent}), the zone makes {out_share} of the "
        "city's gross output and {rev_share} of its revenue; value added grew {growth}, {lead_n} ahead of the nation "
        "and {lead_p} ahead of the province.",
    ),
    "ov.delta.yoy_pct": ("同比", "on a year ago"),
    "ov.delta.vs_year_ago": ("较上年同期", "vs a year ago"),
    "ov.help.growth": ("同口径（同一批企业）按上年价格计算的累计增速；领先全国 {n}、全省 {p}。",
                       "Same-enterprise growth at last year's prices; {n} ahead of national, {p} of provincial."),
    "ov.help.mfg": ("制造业（国民经济行业大类13—43）；领先全国 {n}、全省 {p}。",
                    "Manufacturing (divisions 13–43); {n} ahead of national, {p} of provincial."),
    "ov.help.ent": ("报告期有月报的规上工业企业；占全市 {share}。", "Enterprises filing a monthly report; {share} of the city's."),
    "ov.help.plan": ("{year}年度建设发展计划：新建、续建 {a} 个，筹备 {b} 个。", "{year} plan: {a} new or continuing, {b} preparatory."),
    "ov.help.sog": ("同时持有多项认定的企业只计一次。", "An enterprise holding several recognitions counts once."),
    "ov.targets.title": ("年度目标进度", "Progress towards year-end targets"),
    "ov.targets.unit": ("完成目标的百分比；深色为已完成，浅色为年底预计", "% of target; dark = done, light = projected by 31 Dec"),
    "ov.targets.method": (
        "年底预计 = 本期值 + 上年同期至12月的增量（按上年节奏推算）；红色虚线为目标线。",
        "Projected year-end = value now + last year's change from this month to December (last year's rhythm); "
        "the red dashed line is the target.",
    ),
    "ov.targets.row": ("{name}", "{name}"),
    "ov.targets.text": ("{actual} / 目标 {target}（{done}）· 年底预计 {proj}（{proj_pct}）",
                        "{actual} / target {target} ({done}) · projected {proj} ({proj_pct})"),
    "ov.targets.none": ("{year}年暂无年度目标。", "No targets for {year}."),
    "ov.targets.done": ("已完成", "Done"),
    "ov.targets.projected": ("年底预计", "Projected year-end"),
    "ov.targets.target": ("目标", "Target"),
    "ov.growth.title": ("规上工业增加值累计增速：高新区与全国、全省、全市", "Value-added growth YTD: zone vs nation, province and city"),
    "ov.footer": ("数据截至 {date}；{build}。口径见各图来源说明。", "Data as of {date}; {build}. See each chart's source line."),
    # --- units ---
    "unit.yi": ("亿元", "RMB 100 m"),
    "unit.wan": ("万元", "RMB 10 k"),
    "unit.pct": ("%", "%"),
    "unit.pp": ("个百分点", "percentage points"),
    "unit.ent": ("家", "enterprises"),
    "unit.proj": ("个", "projects"),
    "unit.person": ("人", "people"),
    "unit.case": ("件", "cases"),
    "unit.post": ("个岗位", "positions"),
    "measure.ent": ("家", ""),
    "measure.proj": ("个", ""),
    "measure.person": ("人", ""),
    "measure.case": ("件", ""),
    # --- sources ---
    "src.industrial": ("规上工业企业月报；行业价格与增加值率", "Above-scale industrial monthly reports; industry prices and VA rates"),
    "src.benchmarks": ("国家、省、市统计部门公开数据", "National, provincial and city statistics"),
    "src.projects": ("项目库、年度建设计划、月度完成投资", "Project register, annual plan, monthly investment"),
    "src.milestones": ("项目甘特图节点", "Project Gantt milestones"),
    "src.tiers": ("企业梯队认定；年度目标", "Enterprise tier recognitions; annual targets"),
    "src.talent": ("人才库；人才需求", "Talent register; talent demand"),
    "src.services": ("政务服务办件；高频事项清单", "Government service cases; high-frequency matters"),
    "src.targets": ("年度目标", "Annual targets"),
    "src.warehouse": ("高新区经济运行数据仓库", "Zone data warehouse"),
}

ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "region": {
        "zone": ("高新区", "Zone"),
        "national": ("全国", "National"),
        "province": ("全省", "Province"),
        "city": ("全市", "City"),
    },
    "tier": {
        "innovative_sme": ("创新型中小企业", "Innovative SMEs"),
        "specialized_sme": ("专精特新中小企业", "Specialised SMEs"),
        "little_giant": ("专精特新“小巨人”", "'Little giants'"),
        "single_champion": ("制造业单项冠军", "Single champions"),
        "startup": ("初创企业", "Start-ups"),
        "gazelle": ("瞪羚企业", "Gazelles"),
        "unicorn": ("独角兽企业", "Unicorns"),
        "high_tech": ("高新技术企业", "High-tech enterprises"),
        "specialized_or_gazelle": ("专精特新+瞪羚企业", "Specialised + gazelles"),
        "above_scale_count": ("规上工业企业", "Above-scale industrial enterprises"),
    },
    "level": {"national": ("国家级", "National"), "province": ("省级", "Provincial"), "city": ("市级", "City")},
    "plan": {"new": ("新建", "New"), "continuing": ("续建", "Continuing"), "preparatory": ("筹备", "Preparatory")},
    "talent_category": {
        "top": ("顶尖人才", "Top"),
        "leading": ("领军人才", "Leading"),
        "high_level": ("高层次人才", "High-level"),
        "young": ("青年人才", "Young"),
        "skilled": ("技能人才", "Skilled"),
    },
    "education": {"doctor": ("博士", "Doctorate"), "master": ("硕士", "Master's"), "bachelor": ("本科", "Bachelor's"), "other": ("其他", "Other")},
    "source": {"introduced": ("引进", "Introduced"), "cultivated": ("培养", "Cultivated")},
    "stage": {
        "establish": ("开办", "Establish"),
        "change": ("变更", "Change"),
        "permit": ("准营", "Permit"),
        "renewal": ("延续", "Renewal"),
        "operation": ("运营", "Operation"),
        "investment": ("投资建设", "Investment"),
        "exit": ("退出", "Exit"),
    },
    "channel": {
        "doorplate": ("智慧门牌扫码", "Smart doorplate"),
        "window": ("窗口", "Window"),
        "online": ("网上", "Online"),
        "specialist": ("专员帮办", "Specialist"),
    },
}


def lang() -> str:
    """The language picked in the sidebar: 'zh' (default) or 'en'."""
    try:
        value = st.session_state.get("lang", "zh")
    except Exception:  # outside a Streamlit run (plain unit tests)
        value = "zh"
    return value if value in LANGS else "zh"


def t(key: str, **kwargs: object) -> str:
    """The label `key` in the current language, with {placeholders} filled from kwargs."""
    zh, en = LABELS[key]
    text = en if lang() == "en" else zh
    return text.format(**kwargs) if kwargs else text


def label(kind: str, code: str | None) -> str:
    """Display name of an enum code; unknown codes (e.g. chains, parks) pass through as given."""
    if code is None:
        return "—"
    pair = ENUMS.get(kind, {}).get(code)
    if pair is None:
        return code
    return pair[1] if lang() == "en" else pair[0]


def labels(kind: str) -> dict[str, str]:
    """Every code of an enum with its display name, in definition order."""
    return {code: label(kind, code) for code in ENUMS[kind]}
