"""The text table: every label the app and the press kit show, Chinese first, English beside it.

`t("key")` returns the label in the language picked in the sidebar (Chinese by default);
`tr(language, "key")` in a given language (the press kit, the command line);
`label(kind, code)` names an enum code (tier, talent category, channel …). A key missing
from LABELS raises, so no English can slip into the Chinese view unnoticed. The headline
metrics' names (`metric.<name>`) come from the metric registry (warehouse/metrics.py).

No Streamlit import: the language of a dashboard session is read from Streamlit's session
state only when the app has loaded Streamlit and a script run is under way.
"""

from __future__ import annotations

import sys

from warehouse import metrics

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
    "filters.link": (
        "筛选条件已写入网址，复制链接即可分享当前视图。",
        "The filters are in the URL: copy the link to share this view.",
    ),
    "app.demo": ("演示数据（模拟数值）", "Demo data (simulated)"),
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
    # --- sign-in, roles, confidentiality, audit (issue 6) ---
    "app.demo_banner": (
        "演示数据 · 所有数值均为模拟，不是真实统计",
        "Demo data · every figure is simulated, not real statistics",
    ),
    "role.leader": ("领导", "Leader"),
    "role.analyst": ("分析人员", "Analyst"),
    "role.admin": ("管理员", "Admin"),
    "auth.subtitle": (
        "请登录后查看。数据含企业统计资料，按角色分级展示。",
        "Sign in to continue. The data include enterprises' statistics, shown by role.",
    ),
    "auth.name": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.sign_in": ("登录", "Sign in"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.oidc": ("使用单位账号登录", "Sign in with your organisation account"),
    "auth.wrong": ("用户名或密码错误。", "Wrong user name or password."),
    "auth.locked": (
        "该用户名连续登录失败次数过多，请 15 分钟后再试。",
        "Too many failed sign-ins for this name; try again in 15 minutes.",
    ),
    "auth.no_role": (
        "账号 {email} 尚未分配角色，请联系管理员在 secrets.toml 的 [zone_roles] 中添加。",
        "The account {email} has no role yet; ask the admin to add it under [zone_roles] in secrets.toml.",
    ),
    "auth.expired": ("会话已过期，请重新登录。", "Your session has expired; please sign in again."),
    "auth.revoked": (
        "账号已被停用或角色已变更，请重新登录。",
        "Your account was removed or changed; please sign in again.",
    ),
    "auth.none": (
        (
            "尚未配置登录方式，驾驶舱不提供任何数据。请任选其一：在 .streamlit/secrets.toml 中配置 [auth]（单位统一身份认证，"
            "OIDC）并在 [zone_roles] 中为邮箱分配角色；或用下面的命令添加本地用户；演示时设置 ZONE_DEMO=1（make run）。"
        ),
        (
            "Sign-in is not configured, so the dashboard serves no data. Either configure [auth] (OIDC) in "
            ".streamlit/secrets.toml with roles per e-mail under [zone_roles], or add local users with the command "
            "below; for a demo set ZONE_DEMO=1 (make run)."
        ),
    ),
    "auth.none_cmd": (
        "python -m dashboard.auth add-user 用户名 --role leader   # 用户文件：{path}",
        "python -m dashboard.auth add-user NAME --role leader   # users file: {path}",
    ),
    "auth.signed_in_as": ("当前用户：{name}（{role}）", "Signed in: {name} ({role})"),
    "auth.demo_role": ("演示：以何种角色查看", "Demo: view as"),
    "auth.audit_failed": (
        "审计日志 {path} 无法写入（{err}），为安全起见暂停服务。",
        "The audit log {path} cannot be written ({err}); nothing is served until it can.",
    ),
    "conf.undisclosed": ("（未公开企业）", "(undisclosed)"),
    "conf.names_only": (
        "仅列出同意公开名称的企业；另有 {n} 条记录未列出。",
        "Only enterprises that agreed to be named are listed; {n} more rows are not.",
    ),
    "conf.figures_hidden": (
        "单个企业的统计数据按《统计法》不向领导角色展示，请查看按行业大类汇总的贡献。",
        (
            "One enterprise's statistics are not shown to the leader role (Statistics Law); "
            "see the contributions summed by division."
        ),
    ),
    "nav.audit": ("审计日志", "Audit log"),
    "au.title": ("审计日志", "Audit log"),
    "au.subtitle": (
        "登录、查询、导出与页面访问记录（只追加，位于数据仓库之外）：{path}",
        "Sign-ins, queries, exports and page views (append-only, outside the warehouse): {path}",
    ),
    "au.events": ("事件类型", "Events"),
    "au.user": ("用户", "User"),
    "au.limit": ("显示最近", "Show the last"),
    "au.none": ("暂无记录。", "Nothing recorded yet."),
    "au.forbidden": ("只有管理员可以查看审计日志。", "Only admins can read the audit log."),
    "au.col.ts": ("时间（UTC）", "Time (UTC)"),
    "au.col.event": ("事件", "Event"),
    "au.col.user": ("用户", "User"),
    "au.col.role": ("角色", "Role"),
    "au.col.what": ("内容", "What"),
    "au.col.rows": ("行数", "Rows"),
    "au.col.details": ("其他", "Details"),
    "au.kpi.events": ("事件", "Events"),
    "au.kpi.users": ("用户", "Users"),
    "au.kpi.failed": ("登录失败", "Failed sign-ins"),
    "au.kpi.exports": ("导出", "Exports"),
    "au.download": ("下载所选记录（CSV）", "Download these events (CSV)"),
    # --- headline metrics (KPI labels) ---
    # --- overview ---
    "ov.title": ("{period} 经济运行成绩单", "Scorecard, {period}"),
    "ov.section.industry": ("工业经济", "Industrial economy"),
    "ov.section.projects": ("项目建设与企业培育", "Projects and enterprises"),
    "ov.section.people": ("人才与政务服务", "Talent and services"),
    "ov.story": (
        (
            "以全市 {ent_share} 的规上工业企业（{ent}）贡献了全市 {out_share} 的工业总产值、{rev_share} 的营业收入；"
            "规上工业增加值同比增长 {growth}，分别领先全国、全省 {lead_n}、{lead_p}。"
        ),
        (
            "With {ent_share} of the city's above-scale industrial enterprises ({ent}), the zone makes {out_share} of the "
            "city's gross output and {rev_share} of its revenue; value added grew {growth}, {lead_n} ahead of the nation "
            "and {lead_p} ahead of the province."
        ),
    ),
    "ov.delta.yoy_pct": ("同比", "on a year ago"),
    "ov.delta.vs_year_ago": ("较上年同期", "vs a year ago"),
    "ov.help.growth": (
        "同口径（同一批企业）按上年价格计算的累计增速；领先全国 {n}、全省 {p}。",
        "Same-enterprise growth at last year's prices; {n} ahead of national, {p} of provincial.",
    ),
    "ov.help.mfg": (
        "制造业（国民经济行业大类13—43）；领先全国 {n}、全省 {p}。",
        "Manufacturing (divisions 13–43); {n} ahead of national, {p} of provincial.",
    ),
    "ov.help.ent": (
        "报告期有月报的规上工业企业；占全市 {share}。",
        "Enterprises filing a monthly report; {share} of the city's.",
    ),
    "ov.help.plan": (
        "{year}年度建设发展计划：新建、续建 {a} 个，筹备 {b} 个。",
        "{year} plan: {a} new or continuing, {b} preparatory.",
    ),
    "ov.help.sog": ("同时持有多项认定的企业只计一次。", "An enterprise holding several recognitions counts once."),
    "ov.targets.title": ("年度目标进度", "Progress towards year-end targets"),
    "ov.targets.unit": (
        "完成目标的百分比；深色为已完成，浅色为年底预计",
        "% of target; dark = done, light = projected by 31 Dec",
    ),
    "ov.targets.method": (
        "年底预计 = 本期值 + 上年同期至12月的增量（按上年节奏推算）；红色虚线为目标线。",
        (
            "Projected year-end = value now + last year's change from this month to December (last year's rhythm); "
            "the red dashed line is the target."
        ),
    ),
    "ov.targets.row": ("{name}", "{name}"),
    "ov.targets.text": (
        "{name}  {actual} / 目标 {target}（{done}）\n年底预计 {proj}（{proj_pct}）",
        "{name}  {actual} / target {target} ({done})\nprojected by 31 Dec: {proj} ({proj_pct})",
    ),
    "ov.targets.none": ("{year}年暂无年度目标。", "No targets for {year}."),
    "ov.targets.done": ("已完成", "Done"),
    "ov.targets.projected": ("年底预计", "Projected year-end"),
    "ov.targets.target": ("目标", "Target"),
    "ov.growth.title": (
        "规上工业增加值累计增速：高新区与全国、全省、全市",
        "Value-added growth YTD: zone vs nation, province and city",
    ),
    "ov.footer": (
        "数据截至 {date}；{build}。口径见各图来源说明。",
        "Data as of {date}; {build}. See each chart's source line.",
    ),
    # --- scope (park / chain filters) ---
    "scope.zone": ("全区", "Whole zone"),
    "scope.park": ("园区：{park}", "Park: {park}"),
    "scope.chain": ("产业链：{chain}", "Chain: {chain}"),
    "scope.label": ("范围：{scope}", "Scope: {scope}"),
    "scope.selected": ("所选范围", "Selection"),
    "scope.ignores_park": (
        "本图不分园区，仅按产业链筛选。",
        "This chart has no park breakdown; only the chain filter applies.",
    ),
    "scope.zone_only": ("本图为全区口径，不随筛选变化。", "Zone-wide; the filters do not apply."),
    # --- growth ---
    "gr.title": ("工业增长 · {period}", "Industrial growth · {period}"),
    "gr.kpi.output": ("规上工业总产值", "Gross output"),
    "gr.kpi.revenue": ("营业收入", "Revenue"),
    "gr.kpi.profit": ("利润总额", "Profit"),
    "gr.kpi.growth": ("工业增加值增速", "Value-added growth"),
    "gr.kpi.mfg": ("制造业增加值增速", "Manufacturing VA growth"),
    "gr.kpi.ents": ("规上工业企业", "Above-scale enterprises"),
    "gr.kpi.lead_city": ("领先全市 {pp}", "{pp} ahead of the city"),
    "gr.bench.title": (
        "规上工业增加值累计增速：与全国、全省、全市对比",
        "Value-added growth YTD against nation, province and city",
    ),
    "gr.trend.title": ("月度工业总产值与营业收入", "Monthly gross output and revenue"),
    "gr.trend.output": ("工业总产值", "Gross output"),
    "gr.trend.revenue": ("营业收入", "Revenue"),
    "gr.chain.title": ("分产业链：工业总产值（累计）", "Gross output YTD by industry chain"),
    "gr.park.title": ("分园区：工业总产值（累计）", "Gross output YTD by park"),
    "gr.division.title": ("分行业大类：工业总产值（累计，前12）", "Gross output YTD by GB/T 4754 division (top 12)"),
    "gr.growth_col": ("增加值增速", "VA growth"),
    "gr.ents_col": ("企业数", "Enterprises"),
    "gr.contrib.ent.title": ("拉动增长最多的企业（前10）", "Enterprises contributing most to growth (top 10)"),
    "gr.contrib.div.title": ("分行业大类对增长的贡献（前10）", "Contribution to growth by division (top 10)"),
    "gr.contrib.col": ("拉动", "Contribution"),
    "gr.contrib.note": (
        "拉动 = 该企业（行业）增加值增量 ÷ 全区上年同期增加值，各项相加等于全区增速 {growth}。",
        "Contribution = the enterprise's (division's) value-added increase ÷ the zone's prior-year value added; they add up to the zone's growth of {growth}.",
    ),
    "gr.ent_growth": ("企业增速", "Enterprise growth"),
    "gr.mfg.title": ("制造业与全部工业：增加值累计增速", "Manufacturing vs all industry: value-added growth YTD"),
    "gr.mfg.all": ("规上工业", "All industry"),
    "gr.mfg.mfg": ("制造业", "Manufacturing"),
    # --- projects ---
    "pj.title": ("项目建设 · {period}", "Projects · {period}"),
    "pj.kpi.plan": ("年度计划项目", "Projects in the year's plan"),
    "pj.kpi.plan_delta": ("新建续建 {a} · 筹备 {b}", "{a} new/continuing · {b} preparatory"),
    "pj.kpi.completion": ("年度计划投资完成率", "Plan investment completed"),
    "pj.kpi.completion_delta": ("完成 {done} / 计划 {plan}", "{done} of {plan}"),
    "pj.kpi.under_construction": ("在建项目", "Under construction"),
    "pj.kpi.invest": ("2023年以来工业投资", "Industrial investment since 2023"),
    "pj.kpi.projects": ("2023年以来实施工业项目", "Industrial projects since 2023"),
    "pj.kpi.provincial": ("省级技改重点项目", "Provincial key projects"),
    "pj.plan.title": ("{year}年度建设计划：计划投资与累计完成", "{year} plan: planned and completed investment"),
    "pj.plan.planned": ("年度计划投资", "Planned"),
    "pj.plan.done": ("累计完成投资", "Completed YTD"),
    "pj.plan.note": (
        "各类别项目数：{counts}；完成率 = 本年累计完成投资 ÷ 年度计划投资。",
        "Projects per category: {counts}; completion = investment completed YTD ÷ planned.",
    ),
    "pj.pipeline.title": (
        "项目全周期：签约 → 筹备 → 在建 → 投产",
        "Project pipeline: signed → preparing → under construction → in production",
    ),
    "pj.pipeline.trend": ("各阶段项目数变化", "Projects at each stage over time"),
    "pj.pipeline.projects": ("项目数", "Projects"),
    "pj.invest.title": ("2023年以来累计完成工业投资", "Industrial investment completed since 2023"),
    "pj.invest.month": ("当月完成", "This month"),
    "pj.invest.cum": ("累计完成", "Cumulative"),
    "pj.gantt.title": ("项目甘特图：计划与实际", "Project Gantt chart: planned against actual"),
    "pj.gantt.unit": (
        "浅色条为计划工期，深色条为实际进度；红色虚线为数据截至日",
        "Light bars: planned; dark bars: actual; red dashed line: as-of date",
    ),
    "pj.gantt.delayed_only": ("只看有延期节点的项目", "Only projects with delayed milestones"),
    "pj.gantt.project": ("项目", "Project"),
    "pj.gantt.top": ("延期最多的 {n} 个项目", "The {n} most delayed projects"),
    "pj.gantt.summary": (
        "截至 {date}：{m} 个节点延期，涉及 {p} 个项目，其中 {o} 个项目尚未完工。",
        "As of {date}: {m} milestones late across {p} projects, {o} of them still unfinished.",
    ),
    "pj.gantt.planned": ("计划", "Planned"),
    "pj.gantt.actual": ("实际", "Actual"),
    "pj.gantt.today": ("数据截至", "As of"),
    "pj.gantt.delay": ("延期天数", "Days late"),
    "pj.status.on_time": ("按期完成", "Done on time"),
    "pj.status.late_done": ("延期完成", "Done late"),
    "pj.status.in_progress": ("进行中", "In progress"),
    "pj.status.late_open": ("延期未完成", "Late, unfinished"),
    "pj.prov.title": ("省级技术改造重点项目", "Provincial technical-renovation key projects"),
    "pj.prov.unit": ("投资单位：亿元；状态截至最新数据", "Investment in RMB 100 m; status as of the latest data"),
    "pj.col.project": ("项目名称", "Project"),
    "pj.col.enterprise": ("企业", "Enterprise"),
    "pj.col.chain": ("产业链", "Chain"),
    "pj.col.status": ("状态", "Status"),
    "pj.col.total": ("总投资（亿元）", "Total (RMB 100 m)"),
    "pj.col.invested": ("已完成（亿元）", "Invested (RMB 100 m)"),
    "pj.col.progress": ("投资进度", "Invested share"),
    "pj.col.planned_completion": ("计划投产", "Planned completion"),
    "pj.col.actual_start": ("实际开工", "Started"),
    "pj.col.delay": ("开工延期（天）", "Start delay (days)"),
    # --- tiers ---
    "tr.title": ("企业梯队 · {period}", "Enterprise tiers · {period}"),
    "tr.kpi.target": ("目标 {target} · 完成 {pct}", "target {target} · {pct} done"),
    "tr.kpi.promoted": ("本年晋级企业", "Promoted this year"),
    "tr.kpi.expiring": ("6个月内认定到期", "Recognitions expiring in 6 months"),
    "tr.kpi.expiring_delta": ("其中 {n} 家尚未复核", "{n} not yet renewed"),
    "tr.ladder.specialized": (
        "专精特新梯队：创新型中小企业 → 专精特新 → 小巨人 → 单项冠军",
        "Specialisation ladder: innovative SME → specialised SME → little giant → single champion",
    ),
    "tr.ladder.growth": (
        "科创成长梯队：初创 → 高新技术 → 瞪羚 → 独角兽",
        "Growth ladder: start-up → high-tech → gazelle → unicorn",
    ),
    "tr.ladder.unit": ("家；虚线框为年度目标", "enterprises; dashed outline = year-end target"),
    "tr.ladder.count": ("企业数", "Enterprises"),
    "tr.ladder.target": ("年度目标", "Target"),
    "tr.ladder.text": ("{name}  {count}", "{name}  {count}"),
    "tr.ladder.text_target": ("{name}  {count} / 目标 {target}", "{name}  {count} / target {target}"),
    "tr.trend.specialized": ("专精特新梯队企业数变化", "Specialisation ladder over time"),
    "tr.trend.growth": ("科创成长梯队企业数变化", "Growth ladder over time"),
    "tr.chain.title": ("分产业链梯队企业分布", "Tiered enterprises by industry chain"),
    "tr.chain.unit": ("家；颜色深浅为该梯队企业在各产业链的占比", "enterprises; shade = the chain's share of the tier"),
    "tr.chain.share": ("占该梯队比重", "Share of the tier"),
    "tr.promo.title": ("{year}年晋级企业（{n}家）", "Promoted in {year} ({n})"),
    "tr.promo.unit": ("本年内在同一梯队中升一级及以上的企业", "Enterprises that climbed a rung of a ladder this year"),
    "tr.expiring.title": ("6个月内认定到期企业（{n}家次）", "Recognitions expiring within 6 months ({n})"),
    "tr.expiring.first": (
        "仅列出到期最早的 {shown} 条，共 {n} 条；完整名单可在“查询”页用 SQL 导出。",
        "Only the {shown} soonest of {n} are listed; export the full list from the SQL page.",
    ),
    "tr.expiring.unit": ("请提醒企业及时申请复核；按到期日排序", "Remind them to apply for renewal; soonest first"),
    "tr.col.enterprise": ("企业名称", "Enterprise"),
    "tr.col.chain": ("产业链", "Chain"),
    "tr.col.park": ("园区", "Park"),
    "tr.col.from": ("原梯队", "From"),
    "tr.col.to": ("晋级为", "To"),
    "tr.col.level": ("级别", "Level"),
    "tr.col.date": ("晋级日期", "Promoted on"),
    "tr.col.months": ("用时（月）", "Months taken"),
    "tr.col.tier": ("认定类型", "Recognition"),
    "tr.col.expires": ("到期日", "Expires"),
    "tr.col.days_left": ("剩余天数", "Days left"),
    "tr.col.renewed": ("已复核", "Renewed"),
    # --- talent ---
    "tl.title": ("人才 · {period}", "Talent · {period}"),
    "tl.kpi.in_post": ("在岗人才", "Talent in post"),
    "tl.kpi.arrivals": ("本年新到岗", "Arrivals this year"),
    "tl.kpi.arrivals_delta": ("引进 {a} · 培养 {b}", "{a} introduced · {b} cultivated"),
    "tl.kpi.doctors": ("博士", "Doctorates"),
    "tl.kpi.top": ("顶尖及领军人才", "Top and leading talent"),
    "tl.kpi.openings": ("当月需求岗位", "Open positions this month"),
    "tl.kpi.gap": ("当月缺口", "Gap this month"),
    "tl.kpi.gap_delta": ("需求 − 当月到岗", "openings − arrivals"),
    "tl.category.title": ("分类别在岗人才", "Talent in post by category"),
    "tl.chain.title": ("分产业链在岗人才", "Talent in post by industry chain"),
    "tl.education.title": ("学历结构", "By education"),
    "tl.source.title": ("来源结构", "By source"),
    "tl.arrivals.title": ("人才到岗与离开（月度）", "Arrivals and departures by month"),
    "tl.arrivals": ("到岗", "Arrivals"),
    "tl.departures": ("离开", "Departures"),
    "tl.map.title": (
        "人才地图：需求岗位与当月到岗缺口（产业链 × 人才类别）",
        "Talent map: open positions against arrivals (chain × category)",
    ),
    "tl.map.unit": (
        "个岗位；格内为缺口（需求 − 当月到岗），红色越深缺口越大",
        "positions; each cell: gap = openings − arrivals, deeper red = larger gap",
    ),
    "tl.map.gap": ("缺口", "Gap"),
    "tl.map.openings": ("需求岗位", "Openings"),
    "tl.map.arrivals": ("当月到岗", "Arrivals"),
    "tl.map.in_post": ("在岗", "In post"),
    "tl.map.callout": ("缺口最大：{items}。", "Largest gaps: {items}."),
    "tl.map.item": ("{chain}·{category}（缺 {gap} 人）", "{chain} · {category} ({gap} short)"),
    "tl.people": ("人数", "People"),
    # --- services ---
    "sv.title": ("政务服务 · {period}", "Government services · {period}"),
    "sv.kpi.cases": ("办件量", "Cases"),
    "sv.kpi.doorplate": ("智慧门牌扫码办件", "Smart-doorplate cases"),
    "sv.kpi.doorplate_delta": ("占 {share}", "{share} of cases"),
    "sv.kpi.i2e": ("个转企办件", "Individual-to-enterprise cases"),
    "sv.stage.title": ("分企业生命周期阶段办件量", "Cases by enterprise lifecycle stage"),
    "sv.stage.note": (
        "共 {n} 个高频事项，覆盖开办、变更、准营、延续、运营、投资建设、退出七个阶段。",
        "{n} high-frequency matters across the seven lifecycle stages.",
    ),
    "sv.channel.title": ("分渠道办件量", "Cases by channel"),
    "sv.matter.title": ("高频事项办件量（前12）", "Cases by matter (top 12)"),
    "sv.matter.i2e": ("个转企", "Individual-to-enterprise"),
    "sv.matter.other": ("其他事项", "Other matters"),
    "sv.rates.title": ("服务质量月度走势", "Service quality by month"),
    "sv.rates.unit": ("%；按当月申请的办件计算", "%; cases submitted in each month"),
    "sv.i2e.title": ("个转企办件（月度）", "Individual-to-enterprise cases by month"),
    "sv.spec.title": ("帮办专员工作量（本年累计，前15）", "Specialists' workload this year (top 15)"),
    "sv.spec.unit": (
        "件；橙色为满意率低于全区（{rate}）的专员",
        "cases; orange = satisfaction below the zone's {rate}",
    ),
    "sv.col.open": ("月末未办结", "Open at month end"),
    "sv.spec.note": (
        "共 {n} 名专员，人均办件 {avg} 件，满意率最低 {low}。",
        "{n} specialists, {avg} cases each on average; lowest satisfaction {low}.",
    ),
    "sv.bad.title": ("差评未整改办件（{n}件）", "Bad ratings not yet rectified ({n})"),
    "sv.bad.unit": (
        "评价为“不满意”或“非常不满意”且尚未整改，按未整改天数排序",
        "Rated 1–2 and not yet rectified, longest open first",
    ),
    "sv.col.case": ("办件编号", "Case"),
    "sv.col.submitted": ("申请时间", "Submitted"),
    "sv.col.rating": ("评价", "Rating"),
    "sv.col.enterprise": ("企业", "Enterprise"),
    "sv.col.matter": ("事项", "Matter"),
    "sv.col.stage": ("阶段", "Stage"),
    "sv.col.channel": ("渠道", "Channel"),
    "sv.col.specialist": ("专员", "Specialist"),
    "sv.col.days": ("未整改天数", "Days open"),
    "sv.col.cases": ("办件量", "Cases"),
    "sv.rating.1": ("非常不满意", "Very dissatisfied"),
    "sv.rating.2": ("不满意", "Dissatisfied"),
    "sv.none": ("无", "None"),
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
    "src.industrial": (
        "规上工业企业月报；行业价格与增加值率",
        "Above-scale industrial monthly reports; industry prices and VA rates",
    ),
    "src.benchmarks": ("国家、省、市统计部门公开数据", "National, provincial and city statistics"),
    "src.projects": ("项目库、年度建设计划、月度完成投资", "Project register, annual plan, monthly investment"),
    "src.milestones": ("项目甘特图节点", "Project Gantt milestones"),
    "src.tiers": ("企业梯队认定；年度目标", "Enterprise tier recognitions; annual targets"),
    "src.talent": ("人才库；人才需求", "Talent register; talent demand"),
    "src.services": ("政务服务办件；高频事项清单", "Government service cases; high-frequency matters"),
    "src.targets": ("年度目标", "Annual targets"),
    "src.warehouse": ("高新区经济运行数据仓库", "Zone data warehouse"),
    # --- press conference kit (issue 4): presentation mode, chart downloads, press page ---
    "present.toggle": ("演示模式", "Presentation mode"),
    "present.toggle.help": (
        "全屏 16:9 发布会画面：隐藏侧栏和工具栏，字号加大。网址加 ?present=1 也可进入；按 Esc 退出。",
        (
            "A full-screen 16:9 press-conference screen: no sidebar or toolbar, larger type. "
            "?present=1 in the URL does the same; Esc leaves it."
        ),
    ),
    "present.exit.help": ("退出演示模式（Esc）", "Leave presentation mode (Esc)"),
    "dl.source_as_of": ("数据来源：{src}　截至{as_of}", "Source: {src} · data as of {as_of}"),
    "dl.png": ("下载图片", "PNG"),
    "dl.svg": ("下载矢量图", "SVG"),
    "dl.png.help": (
        "下载 PNG 图片（{w}×{h} 像素，2 倍清晰度），含标题、单位、数据来源和截至日期",
        "PNG image ({w}×{h} px, 2× scale) with title, unit, source and as-of line",
    ),
    "dl.svg.help": (
        "下载 SVG 矢量图，可无损缩放，适合排版印刷",
        "SVG vector image: scales without loss, for layout and print",
    ),
    "region.lead": ("增速领先{region}", "Lead over {region}"),
    "region.lead_pp": ("领先{region} {pp}", "{pp} ahead of {region}"),
    "ov.story.named": (
        (
            "以{city} {ent_share} 的规上工业企业（{ent}）贡献了全市 {out_share} 的工业总产值、{rev_share} 的营业收入；"
            "规上工业增加值同比增长 {growth}，分别领先{nat}、{prov} {lead_n}、{lead_p}。"
        ),
        (
            "With {ent_share} of {city}'s above-scale industrial enterprises ({ent}), the zone makes {out_share} of the "
            "city's gross output and {rev_share} of its revenue; value added grew {growth}, {lead_n} ahead of {nat} "
            "and {lead_p} ahead of {prov}."
        ),
    ),
    "ov.help.growth.named": (
        "同口径（同一批企业）按上年价格计算的累计增速；领先{nat} {n}、{prov} {p}。",
        "Same-enterprise growth at last year's prices; {n} ahead of {nat}, {p} of {prov}.",
    ),
    "ov.help.mfg.named": (
        "制造业（国民经济行业大类13—43）；领先{nat} {n}、{prov} {p}。",
        "Manufacturing (divisions 13–43); {n} ahead of {nat}, {p} of {prov}.",
    ),
    "ov.growth.title.named": (
        "规上工业增加值累计增速：高新区与{nat}、{prov}、{city}",
        "Value-added growth YTD: zone vs {nat}, {prov} and {city}",
    ),
    "gr.bench.title.named": (
        "规上工业增加值累计增速：与{nat}、{prov}、{city}对比",
        "Value-added growth YTD against {nat}, {prov} and {city}",
    ),
    "nav.press": ("发布会材料", "Press kit"),
    "pk.title": ("发布会材料 · {period}", "Press kit · {period}"),
    "pk.subtitle": (
        "成绩单由数据仓库的指标逐句生成；点开每一句，可看到它用到的指标和 SQL。",
        "Each sentence is written from the warehouse's metrics; open one to see its metrics and SQL.",
    ),
    "pk.points": ("成绩单（{n} 句）", "Talking points ({n})"),
    "pk.metrics": ("指标", "Metrics"),
    "pk.sql": ("数据查询（只读，参数已绑定）", "Query (read-only, parameters bound)"),
    "pk.copy_all": ("全文（点右上角按钮一键复制）", "All sentences (copy with the button at the top right)"),
    "pk.kit": ("整套材料", "The whole kit"),
    "pk.kit.contents": (
        (
            "压缩包内含：成绩单（talking_points.md，每句附指标和 SQL）、{n} 张图表（PNG 2 倍图 + SVG）、"
            "16:9 演示文稿（.pptx：封面、成绩单、每图一页）。"
        ),
        (
            "The zip holds talking_points.md (each sentence with its metrics and SQL), {n} charts "
            "(PNG at 2× and SVG) and a 16:9 deck (.pptx: title, scorecard, one slide per chart)."
        ),
    ),
    "pk.kit.download": ("下载发布会材料（ZIP）", "Download the press kit (ZIP)"),
    "pk.kit.help": ("点击后在服务器上生成，约需 10 秒。", "Generated on the server when clicked; takes about 10 s."),
    "pk.none": ("所选月份的指标为空，没有可生成的成绩单。", "No talking points: the metrics are empty for this month."),
    "pk.zone_wide": (
        "成绩单为全区口径，不随园区、产业链筛选变化。",
        "Talking points are zone-wide; the park and chain filters do not apply.",
    ),
    # --- SQL workbench (查询) ---
    "nav.sql": ("查询 · SQL", "SQL workbench"),
    "sql.title": ("查询 · SQL 工作台", "SQL workbench"),
    "sql.subtitle": (
        "只读查询数据仓库 · 每条查询限时 {timeout} 秒 · 最多显示和导出 {rows} 行 · 当前角色：{role}",
        "Read-only queries on the warehouse · {timeout} s per query · up to {rows} rows shown and exported · role: {role}",
    ),
    "sql.role.analyst": ("分析员", "analyst"),
    "sql.role.leader": ("领导", "leader"),
    "sql.role.admin": ("管理员", "admin"),
    "sql.leader_note": (
        "领导角色只能查询成果表（main）；原始表、标准化表和中间表不在查询范围内。",
        "The leader role queries the marts (schema main) only; raw, staging and intermediate tables are out of reach.",
    ),
    "sql.examples": ("示例查询", "Example queries"),
    "sql.examples.placeholder": ("选择一个示例，载入编辑器并运行…", "Pick an example to load into the editor and run…"),
    "sql.example.headline_latest": ("最新月核心指标", "Headline metrics, latest month"),
    "sql.example.top_contributors": ("增长贡献最大的20家企业（本年累计）", "Top 20 growth contributors, year to date"),
    "sql.example.growth_by_chain": (
        "各产业链工业增加值增速（本年累计）",
        "Industrial VA growth by chain, year to date",
    ),
    "sql.example.delayed_milestones": ("延误的项目节点", "Delayed project milestones"),
    "sql.example.expiring_not_renewed": (
        "半年内到期且未续认定的企业梯队",
        "Tier recognitions expiring within six months, not yet renewed",
    ),
    "sql.example.specialists_bad_ratings": (
        "本年差评最多的帮办专员",
        "Specialists with the most bad ratings this year",
    ),
    "sql.example.bad_ratings_open": ("未整改的差评", "Bad ratings not yet rectified"),
    "sql.example.talent_gap": ("各产业链人才缺口（最新月）", "Talent gap by chain, latest month"),
    "sql.editor.placeholder": (
        "在这里写一条只读查询，例如 select * from headline_metrics",
        "Write one read-only query, e.g. select * from headline_metrics",
    ),
    "sql.run": ("运行", "Run"),
    "sql.run.hint": (
        "每次运行一条只读语句：SELECT、WITH、DESCRIBE、SUMMARIZE 或 EXPLAIN · Ctrl+Space 补全表名和列名",
        "One read-only statement per run: SELECT, WITH, DESCRIBE, SUMMARIZE or EXPLAIN · Ctrl+Space completes names",
    ),
    "sql.running": ("查询中…（最长 {timeout} 秒）", "Running… (at most {timeout} s)"),
    "sql.save": ("保存", "Save"),
    "sql.save.title": ("查询名称", "Title"),
    "sql.save.placeholder": ("例如：本月增长贡献前20", "e.g. Top 20 contributors this month"),
    "sql.save.submit": ("保存当前查询", "Save this query"),
    "sql.save.done": ("已保存：{title}", "Saved: {title}"),
    "sql.save.replaced": ("已覆盖同名查询：{title}", "Replaced the saved query: {title}"),
    "sql.save.need": ("请填写名称，并先在编辑器中写好查询。", "Give it a title and write a query first."),
    "sql.save.where": ("保存在 {path}，不写入数据仓库。", "Kept in {path}, never in the warehouse."),
    "sql.empty": (
        "选择一个示例查询，或在编辑器中写一条查询并运行。",
        "Pick an example, or write a query in the editor and run it.",
    ),
    "sql.result.rows": ("{rows} 行", "{rows} rows"),
    "sql.result.cols": ("{cols} 列", "{cols} columns"),
    "sql.result.elapsed": ("用时 {s} 秒", "took {s} s"),
    "sql.result.elapsed_ms": ("用时 {ms} 毫秒", "took {ms} ms"),
    "sql.result.at": ("{time} 运行", "run at {time}"),
    "sql.result.capped": (
        "结果超过 {cap} 行，只显示并导出前 {cap} 行。加筛选条件或 LIMIT 可缩小结果。",
        "More than {cap} rows: only the first {cap} are shown and exported. Add a filter or a LIMIT to narrow it.",
    ),
    "sql.result.none": ("查询成功，没有返回任何行。", "The query ran and returned no rows."),
    "sql.error.failed": ("查询出错", "The query failed"),
    "sql.error.refused": ("查询被拒绝", "Query refused"),
    "sql.error.timeout": ("查询超时", "Query timed out"),
    "sql.error.line": ("DuckDB 指向第 {line} 行：", "DuckDB points at line {line}:"),
    "sql.error.line_col": ("DuckDB 指向第 {line} 行第 {column} 列：", "DuckDB points at line {line}, column {column}:"),
    "sql.download.csv": ("CSV", "CSV"),
    "sql.download.xlsx": ("Excel", "Excel"),
    "sql.download.parquet": ("Parquet", "Parquet"),
    "sql.download.help.csv": (
        (
            'UTF-8 带 BOM，Excel 打开中文不乱码；全数字的代码（统一社会信用代码、行业代码、报告期等）写作 ="…"，'
            "Excel、WPS 打开不丢位；以 = + - @ 开头的文本前加撇号，防止被当作公式。"
        ),
        (
            "UTF-8 with a BOM so Excel shows Chinese; all-digit codes (USCC, industry codes, periods) are written "
            '="…" so Excel and WPS keep every digit; text starting with = + - @ gets an apostrophe so it is not run '
            "as a formula."
        ),
    ),
    "sql.download.help.xlsx": (
        (
            "Excel 工作簿（用 Excel、WPS 打开请选它）：代码为文本、日期为日期、空值为空单元格，中文页面下表头为中文；"
            "以 = + - @ 开头的文本按文本保存，不会被当作公式。"
        ),
        (
            "An Excel workbook (the one to open in Excel or WPS): codes as text, dates as dates, NULL as empty cells, "
            "Chinese headers on a Chinese page; text starting with = + - @ is stored as text, never run as a formula."
        ),
    ),
    "sql.download.help.parquet": (
        "Parquet 列式文件，保留原始类型和数值，供 Python、DuckDB 等工具读取。",
        "Parquet with the original types and values, for Python, DuckDB and other tools.",
    ),
    "sql.tab.tables": ("数据表", "Tables"),
    "sql.tab.history": ("本次历史", "History"),
    "sql.tab.saved": ("已保存", "Saved"),
    "sql.schema.filter": ("筛选表名、列名或说明", "Filter tables, columns, descriptions"),
    "sql.schema.loading": ("读取表结构…", "Reading the schema…"),
    "sql.schema.count": (
        "{n} 张表或视图；展开查看列、类型和说明",
        "{n} tables or views; open one for its columns, types and descriptions",
    ),
    "sql.schema.none": ("没有匹配的表。", "No table matches."),
    "sql.schema.error": ("无法读取表结构：{msg}", "Cannot read the schema: {msg}"),
    "sql.schema.main": ("成果表 · main", "Marts · main"),
    "sql.schema.intermediate": ("中间表 · intermediate", "Intermediate · intermediate"),
    "sql.schema.staging": ("标准化表 · staging", "Staging · staging"),
    "sql.schema.raw": ("原始表 · raw", "Raw · raw"),
    "sql.schema.preview": ("查看前 100 行", "Preview 100 rows"),
    "sql.completion.table": ("表", "table"),
    "sql.completion.column": ("列", "column"),
    "sql.history.empty": ("本次会话还没有运行过查询。", "No queries run in this session yet."),
    "sql.history.ok": ("{time} · {rows} 行 · {elapsed}", "{time} · {rows} rows · {elapsed}"),
    "sql.history.failed": ("{time} · {kind}", "{time} · {kind}"),
    "sql.saved.empty": (
        "还没有保存的查询。写好查询后点“保存”。",
        "No saved queries yet. Write a query and press Save.",
    ),
    "sql.saved.load": ("载入", "Load"),
    "sql.saved.delete": ("删除", "Delete"),
    "sql.saved.deleted": ("已删除：{title}", "Deleted: {title}"),
    # --- the press kit (deck, talking_points.md) ---
    "kit.default_zone": ("高新区", "the zone"),
    "kit.deck_title": ("{zone}经济运行情况", "{zone}: the economy"),
    "kit.deck_sub": ("{phrase}（数据截至{as_of}）", "{phrase} (data as of {as_of})"),
    "kit.source": ("数据来源：{zone}经济运行数据仓库", "Source: data warehouse of {zone}"),
    "kit.scorecard": ("{phrase}经济运行成绩单", "Scorecard, {phrase}"),
    "kit.scorecard_more": ("{phrase}经济运行成绩单（续）", "Scorecard, {phrase} (cont.)"),
    "kit.md_title": ("# {zone}{phrase}经济运行成绩单", "# {zone}: scorecard, {phrase}"),
    "kit.md_meta": (
        "数据截至{as_of}；数据来源：{zone}经济运行数据仓库，构建号 `{build}`（{built_at}）。",
        "Data as of {as_of}; source: data warehouse of {zone}, build `{build}` ({built_at}).",
    ),
    "kit.md_points": ("## 成绩单", "## Talking points"),
    "kit.md_trace": ("指标与SQL", "Metrics and SQL"),
    "kit.md_metrics": ("指标", "Metrics"),
    "kit.md_params": ("参数", "Parameters"),
    "kit.md_charts": ("## 图表", "## Charts"),
    "kit.md_chart_sql": ("数据查询", "Data query"),
    "kit.notes": ("指标：{metrics}\n参数：{params}\n\n{sql}", "Metrics: {metrics}\nParameters: {params}\n\n{sql}"),
    # --- the press kit's chart images (dashboard/chart_images.py) ---
    "img.footer": ("数据来源：{source}　　截至{as_of}", "Source: {source}  ·  Data as of {as_of}"),
    "img.as_of": ("{year}年{month}", "{month} {year}"),
    "img.src.benchmarks": (
        "规上工业企业月报；国家、省、市统计部门公开数据",
        "Above-scale industrial monthly reports; national, provincial and city statistics",
    ),
    "img.zone": ("高新区", "The zone"),
    "img.year": ("{year}年", "{year}"),
    "img.months_to": ("1—{month}", "Jan–{month}"),
    "img.growth.title": ("规模以上工业增加值累计增速", "Industrial value-added growth, year to date"),
    "img.manufacturing.title": (
        "规上工业与制造业增加值累计增速对比",
        "Value-added growth: all industry and manufacturing",
    ),
    "img.manufacturing.all": ("规上工业", "All industry"),
    "img.manufacturing.manufacturing": ("制造业", "Manufacturing"),
    "img.output.title": ("规模以上工业总产值（累计）", "Gross industrial output, year to date"),
    "img.output.last_year": ("{year}年同期", "{year}, same months"),
    "img.shares.title": ("高新区主要工业指标占{city}比重", "The zone's share of {city}"),
    "img.shares.enterprises": ("规上工业企业数", "Above-scale enterprises"),
    "img.shares.output": ("规上工业总产值", "Gross output"),
    "img.shares.revenue": ("规上工业营业收入", "Revenue"),
    "img.years.title": ("历年规模以上工业增加值增速", "Industrial value-added growth by year"),
    "img.investment.title": ("2023年以来工业投资", "Industrial investment since 2023"),
    "img.investment.monthly": ("当月完成投资", "Invested in the month"),
    "img.investment.cumulative": ("2023年以来累计", "Cumulative since 2023"),
    "img.projects_axis": ("项目数（个）", "Projects"),
    "img.plan.title": ("{year}年度建设计划项目", "Projects in the {year} construction plan"),
    "img.pipeline.title": ("项目建设进展（项目数、总投资）", "Projects by stage (count, total investment)"),
    "img.pipeline.bar": ("{projects}个  {investment}亿元", "{projects}  {investment} (RMB 100 m)"),
    "img.targets.title": ("{year}年优质企业培育目标进度", "Enterprise targets for {year}"),
    "img.targets.unit": (
        "占年度目标的百分比（深色：现有；浅色：预计年底）",
        "% of target (dark: now; light: projected)",
    ),
    "img.targets.little_giant": ("专精特新“小巨人”企业", "'Little giants'"),
    "img.targets.above_scale_count": ("规模以上工业企业", "Above-scale enterprises"),
    "img.targets.bar": ("{name}：现有{actual}家 · 年度目标{target}家", "{name}: {actual} now · target {target}"),
    "img.targets.bar_projected": (" · 预计年底{projected}家", " · projected {projected}"),
    "img.targets.now": ("现有", "Now"),
    "img.targets.target": ("年度目标", "Target"),
    "img.targets.projected": ("预计年底", "Projected"),
    "img.services.title": ("政务服务质效", "Government services"),
    "img.services.satisfaction_rate": ("满意率", "Satisfaction"),
    "img.services.on_time_rate": ("按时办结率", "On time"),
    "img.services.one_visit_rate": ("一次办结率", "Done in one visit"),
    "img.services.rectification_rate": ("差评整改率", "Bad ratings rectified"),
    # --- talking points (dashboard/talking_points.py): the words; which phrase fits stays in Python ---
    "tp.sentence": ("{text}。", "{text}."),
    "tp.sep.clause": ("，", ", "),
    "tp.sep.list": ("、", ", "),
    "tp.sep.last": ("，", ", and "),
    "tp.period.q1": ("一季度", "the first quarter"),
    "tp.period.h1": ("上半年", "the first half"),
    "tp.period.q3": ("前三季度", "the first three quarters"),
    "tp.period.year": ("全年", "the full year"),
    "tp.period.months_to": ("1—{month}", "January–{month}"),
    "tp.period.of_year": ("{year}年{period}", "{period} of {year}"),
    "tp.as_of": ("截至{month}末", "As of the end of {month}"),
    "tp.count.over": ("{n}余{unit}", "more than {n}{unit}"),
    "tp.count.nearly": ("近{n}{unit}", "nearly {n}{unit}"),
    "tp.count.exact": ("{n}{unit}", "{n}{unit}"),
    "tp.fraction.about": ("约{fraction}", "about {fraction}"),
    "tp.fraction.over": ("超{fraction}", "over {fraction}"),
    "tp.fraction.nearly": ("近{fraction}", "nearly {fraction}"),
    "tp.lead.ahead": ("领先{region}{pp}个百分点", "{pp} percentage points ahead of {region}"),
    "tp.lead.behind": ("低于{region}{pp}个百分点", "{pp} percentage points behind {region}"),
    "tp.lead.level": ("与{region}持平", "level with {region}"),
    "tp.lead.all_ahead": ("分别领先{regions}{pps}个百分点", "{pps} percentage points ahead of {regions} respectively"),
    "tp.lead.sep": ("，", " and "),
    "tp.growth.intro": ("{period}，", "In {period}, "),
    "tp.growth.subject": ("规模以上工业增加值", "above-scale industrial value added"),
    "tp.growth.head": ("{intro}{subject}{change}", "{intro}{subject} {change}"),
    "tp.growth.up": ("同比增长{pct}%", "grew {pct}% year on year"),
    "tp.growth.down": ("同比下降{pct}%", "fell {pct}% year on year"),
    "tp.growth.flat": ("与上年同期持平", "was flat year on year"),
    "tp.manufacturing.intro": ("其中，", "Of this, "),
    "tp.manufacturing.subject": ("制造业增加值", "manufacturing value added"),
    "tp.output.passed": (
        "{period}，规模以上工业总产值突破{round}亿元，达{value}亿元。",
        "In {period}, gross output of above-scale industry passed RMB {round} billion, at RMB {value} billion.",
    ),
    "tp.output.nearly": (
        "{period}，规模以上工业总产值近{round}亿元，达{value}亿元。",
        "In {period}, gross output of above-scale industry came to nearly RMB {round} billion, at RMB {value} billion.",
    ),
    "tp.revenue_share": (
        "规模以上工业企业营业收入{revenue}亿元，占{city}比重达{share}%。",
        "Revenue of above-scale industrial enterprises came to RMB {revenue} billion, {share}% of {city}'s.",
    ),
    "tp.shares": (
        "以{city}{base}的规上工业企业贡献了该市{boast}的工业产值。",
        "With {base} of {city}'s above-scale industrial enterprises, the zone produced {boast} of its industrial output.",
    ),
    "tp.last_year.up": (
        "去年规模以上工业增加值增速达{pct}%",
        "Last year, above-scale industrial value added grew {pct}%",
    ),
    "tp.last_year.zero": (
        "去年规模以上工业增加值同比增长{pct}%",
        "Last year, above-scale industrial value added grew {pct}%",
    ),
    "tp.last_year.down": (
        "去年规模以上工业增加值同比下降{pct}%",
        "Last year, above-scale industrial value added fell {pct}%",
    ),
    "tp.city_average": ("{city}平均水平", "{city}'s average"),
    "tp.city_average_rate": ("{city}平均水平（{rate}%）", "{city}'s average ({rate}%)"),
    "tp.last_year.times": ("，是{average}的{times}倍", ", {times} times {average}"),
    "tp.last_year.times_over": ("，是{average}的{times}倍以上", ", more than {times} times {average}"),
    "tp.last_year.above": ("，高于{average}{pp}个百分点", ", {pp} percentage points above {average}"),
    "tp.last_year.below": ("，低于{average}{pp}个百分点", ", {pp} percentage points below {average}"),
    "tp.last_year.level": ("，与{average}持平", ", level with {average}"),
    "tp.projects.since": ("2023年以来，{clauses}。", "Since 2023, {clauses}."),
    "tp.projects.since_zone": ("2023年以来，{clauses}。", "Since 2023, the zone has {clauses}."),
    "tp.projects.carried_out": ("滚动实施工业项目{count}", "the zone has carried out {count} industrial projects"),
    "tp.projects.invested_over": (
        "累计完成工业投资突破{amount}亿元",
        "completed over RMB {amount} billion of industrial investment",
    ),
    "tp.projects.invested_nearly": (
        "累计完成工业投资近{amount}亿元",
        "completed nearly RMB {amount} billion of industrial investment",
    ),
    "tp.projects.provincial": (
        "{count}项目入选省级技术改造重点导向目录",
        "put {count} projects on the provincial technical-renovation list",
    ),
    "tp.plan": (
        "{year}年度建设计划囊括{a}个新建续建项目、{b}个筹备项目。",
        "The {year} construction plan covers {a} new or continuing projects and {b} preparatory projects.",
    ),
    "tp.under_construction": ("{as_of}，全区在建项目{count}。", "{as_of}, {count} projects were under construction."),
    "tp.tier.innovative_sme": ("创新型中小企业", "innovative SMEs"),
    "tp.tier.specialized_or_gazelle": ("专精特新+瞪羚企业", "specialised and gazelle enterprises"),
    "tp.tier.little_giant": ("“小巨人”企业", "'little giants'"),
    "tp.tier.above_scale_count": ("规模以上工业企业", "above-scale industrial enterprises"),
    "tp.tiers": ("{as_of}，全区{counts}。", "{as_of}, the zone counted {counts}."),
    "tp.tiers.count": ("{tier}{n}家", "{n} {tier}"),
    "tp.targets.floor": ("{tier}数量保持在{target}家以上", "{tier} at {target} or more"),
    "tp.targets.reached": ("{tier}已突破{target}家", "{tier} already past {target}"),
    "tp.targets.goal": ("{tier}突破{target}家", "{tier} past {target}"),
    "tp.targets.in_year": ("全年{goals}", "In the full year, {goals}"),
    "tp.targets.as_of": ("{as_of}，{goals}", "{as_of}, {goals}"),
    "tp.targets.expected": ("预计年底前{goals}", "By year end the zone expects {goals}."),
    "tp.targets.striving": ("力争年底前{goals}", "It aims for {goals} by year end."),
    "tp.targets.then": ("{first}；{then}", "{first} {then}"),
    "tp.targets.sentence": ("{clauses}。", "{clauses}"),
    "tp.services.cases": ("{period}受理政务服务办件{cases}件", "{period} handled {cases} government-service cases"),
    "tp.services.with_rates": ("{cases}，{rates}", "{cases}; {rates}"),
    "tp.services.rate": ("{rate}{value}%", "{rate} {value}%"),
    "tp.services.satisfaction_rate": ("满意率", "satisfaction"),
    "tp.services.on_time_rate": ("按时办结率", "on-time completion"),
    "tp.services.one_visit_rate": ("一次办结率", "done in one visit"),
    "tp.services.rectification_rate": ("差评整改率", "bad ratings rectified"),
    "tp.services.matters": (
        "围绕企业全生命周期梳理高频事项{matters}项，{period}受理政务服务办件{cases}件",
        (
            "Covering {matters} high-frequency matters across the enterprise life cycle, "
            "in {period} the zone handled {cases} government-service cases"
        ),
    ),
    "tp.talent": ("{as_of}，全区在岗各类人才{n}人。", "{as_of}, {n} talents were in post in the zone."),
    # --- publish (发布): preview, background publish, rollback (issue 12, item 4) ---
    "nav.publish": ("发布", "Publish"),
    "pub.title": ("数据发布", "Publish the warehouse"),
    "pub.subtitle": (
        "先生成预览，核对核心指标的变化，再发布；发布在后台进行，其他页面照常使用。仓库文件：{path}",
        (
            "Build a preview, check how the headline metrics change, then publish; the build runs in the background "
            "and the other pages stay in use. Warehouse file: {path}"
        ),
    ),
    "pub.forbidden": (
        "只有管理员或有发布权限的用户可以发布数据。",
        "Only admins and users with the publish right can publish.",
    ),
    "pub.input": ("待发布的数据", "Input"),
    "pub.input.folder": ("数据目录：{folder}", "Folder: {folder}"),
    "pub.input.store": (
        "数据报送库 {store} 中最新通过审核的报送",
        "the latest accepted submissions in the landing store {store}",
    ),
    "pub.input.none": ("数据目录 {folder} 中没有数据文件。", "There are no data files in {folder}."),
    "pub.held": (
        "有 {n} 份报送正在等待审核，审核完成前不能发布。",
        "{n} submission(s) are held for review; nothing can be published until they are cleared.",
    ),
    "pub.col.file": ("文件", "File"),
    "pub.col.rows": ("行数", "Rows"),
    "pub.col.periods": ("报告期", "Periods"),
    "pub.col.modified": ("修改时间", "Modified"),
    "pub.job": ("预览与发布", "Preview and publish"),
    "pub.preview": ("生成发布预览", "Build a preview"),
    "pub.preview.help": (
        "用上面的数据在后台构建一份新仓库，与已发布的数据逐项比较；确认后再发布这份构建。",
        (
            "Builds a new warehouse from the input above in the background and compares it with the published one; "
            "you then publish exactly that build."
        ),
    ),
    "pub.running": ("{by} 于 {at} 开始构建，正在进行……", "Build started by {by} at {at}, running …"),
    "pub.phase.load": ("校验并载入数据文件", "Checking and loading the data files"),
    "pub.phase.dbt": ("构建模型与数据检验：第 {done} 项，共 {total} 项", "Models and tests: {done} of {total}"),
    "pub.phase.preview": ("比较核心指标", "Comparing the headline metrics"),
    "pub.phase.publish": ("正在发布", "Publishing"),
    "pub.phase.done": ("已完成", "Done"),
    "pub.step": ("当前步骤：{step}", "Now: {step}"),
    "pub.staged": (
        "预览已生成（构建 {build}，{by}，{at}）。请核对下表后发布。",
        "Preview ready (build {build}, by {by}, {at}). Check the table, then publish.",
    ),
    "pub.preview.summary": (
        "涉及报告期：{periods}；有变化的指标 **{changed}** 项。",
        "Periods affected: {periods}; **{changed}** metric value(s) change.",
    ),
    "pub.preview.only_changed": ("只看有变化的指标", "Only the changes"),
    "pub.preview.empty": ("新构建没有核心指标数据。", "The new build has no headline metrics."),
    "pub.col.period": ("报告期", "Period"),
    "pub.col.metric": ("指标", "Metric"),
    "pub.col.published": ("已发布", "Published"),
    "pub.col.new": ("发布后", "New"),
    "pub.col.change": ("变化", "Change"),
    "pub.col.changed": ("标记", "Flag"),
    "pub.changed": ("有变化", "changed"),
    "pub.publish": ("发布这份构建", "Publish this build"),
    "pub.discard": ("放弃预览", "Discard the preview"),
    "pub.succeeded": (
        "发布成功：构建 {build}（{by}，{at}）。各页面已显示新数据。",
        "Published build {build} ({by}, {at}). Every page now shows it.",
    ),
    "pub.succeeded.changes": ("本次发布的指标变化", "What this publish changed"),
    "pub.failed": (
        "构建失败（{by}，{at}），没有发布任何数据，已发布的数据保持不变。原因：",
        "The build failed ({by}, {at}); nothing was published and the published data is unchanged. Why:",
    ),
    "pub.failed.details": ("技术细节", "Technical details"),
    "pub.fail.test": (
        "数据检验“{name}”未通过（{check}检验，检查 {where}）：{what}",
        "Data test “{name}” failed ({check} check on {where}): {what}",
    ),
    "pub.fail.model": ("{kind}“{name}”构建出错：{what}", "The {kind} “{name}” could not be built: {what}"),
    "pub.check.unique": ("唯一性", "uniqueness"),
    "pub.check.not_null": ("非空", "not-null"),
    "pub.check.relationships": ("引用一致性", "reference"),
    "pub.check.accepted_values": ("取值范围", "allowed values"),
    "pub.check.unique_combination": ("组合唯一性", "unique combination"),
    "pub.check.singular": ("专项", "custom"),
    "pub.kind.model": ("模型", "model"),
    "pub.kind.unit_test": ("单元测试", "unit test"),
    "pub.kind.seed": ("参考数据表", "seed"),
    "pub.kind.snapshot": ("快照", "snapshot"),
    "pub.fail.problem": (
        "文件 {file} 第 {row} 行，列 {column}，值 “{value}”：{message}",
        "File {file}, row {row}, column {column}, value “{value}”: {message}",
    ),
    "pub.fail.interrupted": (
        "构建在完成前被中断（例如应用重启），没有发布任何数据。",
        "The build was interrupted before it finished (e.g. the app restarted); nothing was published.",
    ),
    "pub.fail.unknown": ("构建出错，详见技术细节。", "The build failed; see the technical details."),
    "pub.history": ("已发布的构建", "Published builds"),
    "pub.history.none": ("还没有保留的构建。", "No published build is kept yet."),
    "pub.col.build": ("构建编号", "Build"),
    "pub.col.built_at": ("构建时间", "Built at"),
    "pub.col.current": ("当前", "Current"),
    "pub.current": ("当前使用", "in use"),
    "pub.rollback": ("回退到上一份构建", "Roll back to the previous build"),
    "pub.rollback.none": ("没有更早的构建可以回退。", "There is no earlier build to roll back to."),
    "pub.rollback.confirm_title": ("确认回退", "Confirm the rollback"),
    "pub.rollback.confirm": (
        "将停用当前构建 **{current}**，重新发布 **{target}**。所有页面将显示回退后的数据。",
        "Build **{current}** will be withdrawn and **{target}** published again. Every page will show it.",
    ),
    "pub.rollback.yes": ("回退", "Roll back"),
    "pub.rollback.no": ("取消", "Cancel"),
    "pub.rolled_back": (
        "已回退到构建 {build}（{by}，{at}）。各页面已显示回退后的数据。",
        "Rolled back to build {build} ({by}, {at}). Every page now shows it.",
    ),
    # --- alerts (预警): the alerts page, the overview's count, python -m dashboard.alerts ---
    "nav.alerts": ("预警", "Alerts"),
    "al.title": ("预警", "Alerts"),
    "al.subtitle": (
        "{period}末需要关注的事项，按等级和责任单位排列；阈值见 alert_rules",
        "What needs attention at the end of {period}, by severity and responsible unit; thresholds in alert_rules",
    ),
    "al.sev.red": ("红色", "Red"),
    "al.sev.orange": ("橙色", "Orange"),
    "al.sev.yellow": ("黄色", "Yellow"),
    "al.sev.chip": ("{severity} {n}", "{severity} {n}"),
    "al.state.open": ("待处理", "Open"),
    "al.state.acknowledged": ("已知悉", "Acknowledged"),
    "al.state.closed": ("已关闭", "Closed"),
    "al.filter.severity": ("等级", "Severity"),
    "al.filter.unit": ("责任单位", "Responsible unit"),
    "al.filter.closed": ("显示已关闭", "Show closed"),
    "al.col.period": ("报告期", "Period"),
    "al.col.severity": ("等级", "Severity"),
    "al.col.unit": ("责任单位", "Unit"),
    "al.col.name": ("预警", "Alert"),
    "al.col.subject": ("对象", "Subject"),
    "al.col.message": ("说明", "Message"),
    "al.col.state": ("状态", "State"),
    "al.col.action": ("操作", "Action"),
    "al.col.note": ("备注", "Note"),
    "al.col.user": ("操作人", "By"),
    "al.col.ts": ("时间", "When"),
    "al.unit_count": ("{unit}（{n}条）", "{unit} ({n})"),
    "al.figures": ("触发数据", "Figures"),
    "al.open_page": ("打开{page}页查看", "Open on the {page} page"),
    "al.open": ("打开", "Open"),
    "al.note": ("备注", "Note"),
    "al.note_help": ("关闭须写明处理情况", "Say what was done: closing needs a note"),
    "al.ack": ("知悉", "Acknowledge"),
    "al.close": ("关闭", "Close"),
    "al.reopen": ("重新打开", "Reopen"),
    "al.need_note": ("关闭预警须填写备注。", "Closing an alert needs a note."),
    "al.done.acknowledge": ("已知悉：{alert}", "Acknowledged: {alert}"),
    "al.done.close": ("已关闭：{alert}", "Closed: {alert}"),
    "al.done.reopen": ("已重新打开：{alert}", "Reopened: {alert}"),
    "al.state_by": ("{state}（{user}，{ts}）：{note}", "{state} ({user}, {ts}): {note}"),
    "al.none": ("{period}末没有未关闭的预警。", "No open alerts at the end of {period}."),
    "al.history": ("处理记录", "History"),
    "al.history_none": ("还没有处理记录。", "Nothing has been done about alerts yet."),
    "al.leader_note": (
        "按统计保密规则，依据不公开数据的预警不显示。",
        "Alerts built from withheld figures are not shown (statistical confidentiality).",
    ),
    "al.audit_failed": (
        "审计日志写入失败，操作未执行：{error}",
        "The audit log could not be written; nothing was done: {error}",
    ),
    "al.action.acknowledge": ("知悉", "acknowledged"),
    "al.action.close": ("关闭", "closed"),
    "al.action.reopen": ("重新打开", "reopened"),
    "al.page.overview": ("总览", "overview"),
    "al.page.growth": ("工业增长", "industrial growth"),
    "al.page.projects": ("项目建设", "projects"),
    "al.page.tiers": ("企业梯队", "enterprise tiers"),
    "al.page.intake": ("数据报送", "submissions"),
    "al.page.services": ("政务服务", "government services"),
    "al.overview.red": ("未关闭红色预警 {n} 条", "{n} open red alerts"),
    "al.overview.link": ("查看预警", "See the alerts"),
    "al.cli.none": ("{period} 没有预警。", "No alerts at {period}."),
    "al.cli.total": ("共{n}条预警（{role}视图）", "{n} alerts ({role} view)"),
    "al.fig.indicator": ("指标", "Indicator"),
    "al.fig.actual_value": ("当前值", "Value now"),
    "al.fig.target_value": ("年度目标", "Year-end target"),
    "al.fig.completion_pct": ("完成率（%）", "Completion (%)"),
    "al.fig.elapsed_pct": ("时间进度（%）", "Year gone (%)"),
    "al.fig.projected_year_end_value": ("预计年末值", "Projected year-end"),
    "al.fig.projected_completion_pct": ("预计完成率（%）", "Projected completion (%)"),
    "al.fig.benchmark": ("对标层级", "Benchmark"),
    "al.fig.region_name": ("对标地区", "Region"),
    "al.fig.lead_pp": ("本期领先（个百分点）", "Lead now (pp)"),
    "al.fig.lead_pp_1": ("上月领先（个百分点）", "Lead a month before (pp)"),
    "al.fig.lead_pp_2": ("前月领先（个百分点）", "Lead two months before (pp)"),
    "al.fig.periods": ("报告期", "Periods"),
    "al.fig.industrial_va_growth_ytd": ("园区增速（%）", "Zone growth (%)"),
    "al.fig.city_industrial_va_growth_ytd": ("全市增速（%）", "City growth (%)"),
    "al.fig.lead_vs_city_pp": ("领先全市（个百分点）", "Lead over the city (pp)"),
    "al.fig.overdue_milestones": ("逾期节点数", "Overdue milestones"),
    "al.fig.max_overdue_days": ("最长逾期（天）", "Longest overdue (days)"),
    "al.fig.milestones": ("逾期节点", "Overdue milestones"),
    "al.fig.milestone": ("节点", "Milestone"),
    "al.fig.planned_end": ("计划完成", "Planned end"),
    "al.fig.overdue_days": ("逾期（天）", "Overdue (days)"),
    "al.fig.plan_year": ("计划年度", "Plan year"),
    "al.fig.plan_category": ("计划类别", "Plan category"),
    "al.fig.planned_investment": ("年度计划投资（万元）", "Planned for the year (10k yuan)"),
    "al.fig.invested_ytd": ("本年已完成投资（万元）", "Invested this year (10k yuan)"),
    "al.fig.gap_pp": ("落后时间进度（个百分点）", "Behind the year gone (points)"),
    "al.fig.case_id": ("办件编号", "Case"),
    "al.fig.matter_code": ("事项编码", "Matter code"),
    "al.fig.rating": ("评价", "Rating"),
    "al.fig.submitted_at": ("申请时间", "Submitted"),
    "al.fig.completed_at": ("办结时间", "Completed"),
    "al.fig.deadline": ("整改期限", "Rectification deadline"),
    "al.fig.days_open": ("已过天数", "Days open"),
    "al.fig.rated_cases": ("已评价办件", "Rated cases"),
    "al.fig.satisfied_cases": ("满意办件", "Satisfied cases"),
    "al.fig.satisfaction_rate": ("满意率（%）", "Satisfaction (%)"),
    "al.fig.threshold": ("阈值", "Threshold"),
    "al.fig.tier": ("梯队", "Tier"),
    "al.fig.recognitions": ("认定数", "Recognitions"),
    "al.fig.enterprises": ("企业数", "Enterprises"),
    "al.fig.first_expires_on": ("最早到期", "First expiry"),
    "al.fig.within_days": ("到期窗口（天）", "Window (days)"),
    "al.fig.missing_count": ("缺报企业数", "Enterprises not reporting"),
    "al.fig.previous_period": ("上月报告期", "Month before"),
    # --- the brief (简报), its delivery, subscriptions and the page PDF (issue #13) ---
    "brief.title": ("{zone}经济运行简报（{period}）", "{zone}: brief, {period}"),
    "brief.title_panel": ("{zone}{panel}简报（{period}）", "{zone}: {panel} brief, {period}"),
    "brief.title_alerts": ("{zone}预警简报（{period}）", "{zone}: alerts, {period}"),
    "brief.kind.overview": ("总览", "overview"),
    "brief.kind.growth": ("工业增长", "industrial growth"),
    "brief.kind.projects": ("项目建设", "projects"),
    "brief.kind.tiers": ("企业梯队", "enterprise tiers"),
    "brief.kind.talent": ("人才", "talent"),
    "brief.kind.services": ("政务服务", "government services"),
    "brief.kind.alerts": ("仅预警", "alerts only"),
    "brief.points": ("要点", "Talking points"),
    "brief.alerts": ("待处理预警（红、橙）", "Open alerts (red, orange)"),
    "brief.alerts_none": ("本期无红色、橙色预警。", "No red or orange alert is open."),
    "brief.alerts_unavailable": ("预警尚未启用（数仓中无预警表）。", "Alerts are not available in this warehouse."),
    "brief.alerts_more": ("另有{n}条预警，请在看板预警页查看。", "{n} more alerts: see the alerts page."),
    "brief.sev.red": ("红", "Red"),
    "brief.sev.orange": ("橙", "Orange"),
    "brief.sev.yellow": ("黄", "Yellow"),
    "brief.build": ("构建 {build}", "build {build}"),
    "brief.open": ("打开看板：{link}", "Open the dashboard: {link}"),
    "brief.open_short": ("打开看板查看详情", "Open the dashboard"),
    "brief.cut": ("（内容较长，其余见看板）", "(more on the dashboard)"),
    "brief.mail_intro": ("{title}。简报见下图，PDF 见附件。", "{title}. The brief is below; the PDF is attached."),
    "brief.sub.title": ("简报订阅", "Brief subscriptions"),
    "brief.sub.subtitle": (
        "按日、周、月或每次数据发布后，把简报推送到企业微信群、钉钉群或邮箱",
        "Send the brief to a WeCom or DingTalk group or by e-mail: daily, weekly, monthly or after every publish",
    ),
    "brief.sub.mine": ("我的订阅", "My subscriptions"),
    "brief.sub.none": ("还没有订阅。", "No subscriptions yet."),
    "brief.sub.add": ("新建订阅", "New subscription"),
    "brief.sub.kind": ("简报内容", "Brief"),
    "brief.sub.channel": ("发送到", "Send to"),
    "brief.sub.schedule": ("频率", "Schedule"),
    "brief.sub.lang": ("语言", "Language"),
    "brief.sub.save": ("保存订阅", "Save subscription"),
    "brief.sub.saved": ("已保存订阅。", "Subscription saved."),
    "brief.sub.delete": ("删除", "Delete"),
    "brief.sub.deleted": ("已删除订阅。", "Subscription deleted."),
    "brief.sub.no_channels": (
        "还没有可用的发送渠道，请管理员先添加群机器人或邮箱。",
        "No channel yet: an administrator adds the group robots and mailboxes first.",
    ),
    "brief.sub.row": ("{kind} · {channel} · {schedule} · {lang}", "{kind} · {channel} · {schedule} · {lang}"),
    "brief.sub.last": ("上次发送：{when}", "Last sent: {when}"),
    "brief.sub.never": ("尚未发送", "not sent yet"),
    "brief.schedule.daily": ("每天", "Daily"),
    "brief.schedule.weekly": ("每周", "Weekly"),
    "brief.schedule.monthly": ("每月", "Monthly"),
    "brief.schedule.publish": ("每次数据发布后", "After every publish"),
    "brief.channel.wecom": ("企业微信群机器人", "WeCom group robot"),
    "brief.channel.dingtalk": ("钉钉群机器人", "DingTalk group robot"),
    "brief.channel.email": ("邮件", "E-mail"),
    "brief.robots": ("群机器人与邮箱（管理员）", "Group robots and mailboxes (admin)"),
    "brief.robots.help": (
        "密钥（机器人地址、加签密钥、邮箱密码）只填环境变量或 secrets.toml 中的名称，不在此处保存。",
        (
            "Secrets (robot URLs, signing secrets, mail passwords) are named here by their environment variable "
            "or secrets.toml key; their values are never stored."
        ),
    ),
    "brief.robots.name": ("名称", "Name"),
    "brief.robots.kind": ("类型", "Kind"),
    "brief.robots.url_env": ("机器人地址所在的变量名", "Variable holding the robot URL"),
    "brief.robots.secret_env": (
        "加签密钥所在的变量名（钉钉，可选）",
        "Variable holding the signing secret (DingTalk, optional)",
    ),
    "brief.robots.host": ("SMTP 服务器", "SMTP host"),
    "brief.robots.port": ("端口", "Port"),
    "brief.robots.security": ("加密方式", "Security"),
    "brief.robots.from": ("发件人", "From"),
    "brief.robots.to": ("收件人（每行一个）", "To (one per line)"),
    "brief.robots.username": ("SMTP 用户名（可选）", "SMTP user (optional)"),
    "brief.robots.password_env": ("SMTP 密码所在的变量名（可选）", "Variable holding the SMTP password (optional)"),
    "brief.robots.add": ("添加渠道", "Add channel"),
    "brief.robots.added": ("已添加渠道 {name}。", "Channel {name} added."),
    "brief.robots.remove": ("删除渠道", "Remove channel"),
    "brief.robots.ready": ("密钥已配置", "secrets configured"),
    "brief.robots.missing": ("缺少：{names}", "missing: {names}"),
    "brief.preview": ("预览", "Preview"),
    "brief.preview.button": ("生成简报预览", "Render a preview"),
    "brief.preview.help": (
        "以领导视图生成本期简报图片（约需 5 秒）。",
        "Renders this period's brief as a leader sees it (about 5 s).",
    ),
    "brief.send_now": ("立即发送到此渠道", "Send to this channel now"),
    "brief.sent": ("已发送：{detail}", "Sent: {detail}"),
    "brief.send_failed": ("发送失败：{detail}", "Failed: {detail}"),
    "brief.page_pdf": ("打印版", "PDF"),  # Chinese labels name no file format (下载图片, not PNG)
    "brief.page_pdf.help": (
        "本页的卡片与图表排成 A4 横向 PDF，便于存档（点击后在服务器上生成，约需半分钟）。",
        "This page's cards and charts as an A4 landscape PDF for the archive (made when clicked; up to 30 s).",
    ),
    "brief.page_pdf.table": ("表格请在看板中查看。", "The table is on the dashboard page."),
    "brief.page_pdf.footer": (
        "{source} · 导出于 {ts} · {user}",
        "{source} · exported {ts} · {user}",
    ),
    # --- 数据报送 (issue 12: the landing store's console, dashboard/app_pages/intake.py) ---
    "nav.intake": ("数据报送", "Data submission"),
    "role.steward": ("数据报送员", "Data steward"),
    "in.forbidden": (
        "数据报送仅对报送员、审核人和管理员开放。",
        "Data submission is open to stewards, reviewers and admins only.",
    ),
    "in.title": ("数据报送", "Data submission"),
    "in.subtitle": (
        "各科室上传本科室的数据文件：先按数据契约校验，再按审核规则审核；疑问需填写审核说明后方可入库",
        "Offices upload their files: checked against the contract, then reviewed; queries need explaining",
    ),
    "in.state.accepted": ("已入库", "accepted"),
    "in.state.held": ("待审核", "held for review"),
    "in.state.rejected": ("已退回", "rejected"),
    "in.state.superseded": ("已被新文件替代", "superseded"),
    "in.state.missing": ("未报送", "missing"),
    "in.state.pending": ("处理中", "pending"),
    "in.mode.month": ("按月报送", "by month"),
    "in.mode.year": ("按年报送", "by year"),
    "in.mode.table": ("整表报送", "whole table"),
    "in.col.file": ("文件", "File"),
    "in.col.row": ("行号", "Row"),
    "in.col.column": ("列", "Column"),
    "in.col.value": ("值", "Value"),
    "in.col.problem": ("问题", "Problem"),
    "in.col.rule": ("审核规则", "Rule"),
    "in.col.level": ("级别", "Level"),
    "in.col.key": ("对象", "Subject"),
    "in.col.message": ("审核发现", "Finding"),
    "in.col.explanation": ("审核说明", "Explanation"),
    "in.col.clear": ("核销", "Clear"),
    "in.col.table": ("数据表", "Table"),
    "in.col.office": ("报送科室", "Office"),
    "in.col.mode": ("报送方式", "Mode"),
    "in.col.state": ("状态", "State"),
    "in.col.by": ("报送人", "By"),
    "in.col.at": ("报送时间（UTC）", "At (UTC)"),
    "in.col.rows": ("行数", "Rows"),
    "in.col.enterprise_id": ("统一社会信用代码", "Enterprise id"),
    "in.col.name": ("企业名称", "Enterprise"),
    "in.col.id": ("编号", "No."),
    "in.col.periods": ("报告期", "Periods"),
    "in.sub.head": ("第 {id} 次报送：{table}，文件 {file}", "Submission {id}: {table}, file {file}"),
    "in.sub.rows": ("{rows} 行", "{rows} rows"),
    "in.rejected": (
        "文件未通过数据契约校验（{n} 处问题），已退回，已入库的数据不受影响。请按下表修改后重新上传。",
        "The file breaks the contract ({n} problems): rejected, nothing changed. Fix the rows below and retry.",
    ),
    "in.no_findings": ("校验和审核均通过，已入库。", "Checked and reviewed without findings: accepted."),
    "in.review_errors": (
        "审核发现 {n} 处错误，文件已退回，请修改后重新上传。",
        "The review found {n} errors; the file was rejected. Fix them and upload again.",
    ),
    "in.held_note": (
        "审核发现疑问：请逐条填写审核说明并提交（或由审核人核销），全部说明后文件入库。",
        "Queries: explain each one (or a reviewer clears it); the file is accepted once all are answered.",
    ),
    "in.save": ("提交审核说明", "Save explanations"),
    "in.after.accepted": ("第 {id} 次报送已入库。", "Submission {id} is accepted."),
    "in.after.held": (
        "第 {id} 次报送待审核：请填写审核说明。",
        "Submission {id} is held for review: explain the queries.",
    ),
    "in.after.rejected": (
        "第 {id} 次报送已退回：请查看问题并修改。",
        "Submission {id} was rejected: see the problems.",
    ),
    "in.after.superseded": ("第 {id} 次报送已被新文件替代。", "Submission {id} was superseded."),
    "in.after.pending": ("第 {id} 次报送处理中。", "Submission {id} is being processed."),
    "in.tab.submit": ("上传报送", "Upload"),
    "in.tab.board": ("报送情况", "Status by month"),
    "in.tab.history": ("报送记录", "History"),
    "in.table": ("数据表", "Table"),
    "in.file": ("数据文件（CSV 或 Excel）", "File (CSV or Excel)"),
    "in.file_help": (
        "表头可用中文或英文列名；CSV 可为 UTF-8 或 GBK 编码。按月报送的表，文件中出现的月份整月替换。",
        "Chinese or English headers; CSV in UTF-8 or GBK. A month in the file replaces that month.",
    ),
    "in.submit": ("上传并校验", "Upload and check"),
    "in.no_file": ("请先选择文件。", "Choose a file first."),
    "in.checking": ("正在校验和审核…", "Checking and reviewing…"),
    "in.modes": ("报送方式：{modes}", "Submission modes: {modes}"),
    "in.held": ("待审核的报送（{n}）", "Held for review ({n})"),
    "in.held_pick": ("选择一次报送", "Pick a submission"),
    "in.held_item": ("第 {id} 次 · {table} · {by} · 未说明 {open} 条", "No. {id} · {table} · {by} · {open} open"),
    "in.result": ("本次报送结果", "This submission"),
    "in.board_empty": ("还没有任何报送。", "Nothing has been submitted yet."),
    "in.period": ("报告期", "Period"),
    "in.kpi.accepted": ("已入库", "Accepted"),
    "in.kpi.held": ("待审核", "Held"),
    "in.kpi.rejected": ("已退回", "Rejected"),
    "in.kpi.missing": ("未报送", "Missing"),
    "in.missing_reporters": (
        "缺报企业（{n}）：上月报送、本月未报送",
        "Missing reporters ({n}): reported last month, not this month",
    ),
    "in.new_reporters": ("新进规企业（{n}）", "New reporters ({n})"),
    "in.none": ("无。", "None."),
    "in.open": ("查看某次报送", "Open a submission"),
    "in.explain_head": ("填写审核说明（{n} 条待说明）", "Explain the queries ({n} open)"),
    "in.where_row": ("第 {row} 行", "Row {row}"),
    # --- validation messages (warehouse/ingest.py Problem codes, the landing store's refusals) ---
    # "ingest.<code>": a Problem's message with its fields; "ingest.at.*": how a problem's place is written.
    "ingest.at.row": ("第 {row} 行", "row {row}"),
    "ingest.at.column": ("{column} 列", "column {column}"),
    "ingest.at.value": ("值“{value}”", "value {value!r}"),
    "ingest.at.sep": ("，", ", "),
    "ingest.at.and": ("、", ", "),
    "ingest.at.line": ("{where}：{message}", "{where}: {message}"),
    "ingest.rejected_one": (
        "原始数据有误，未加载任何数据：{files} 中有 {n} 个问题{shown}",
        "Raw data rejected, nothing loaded: {n} problem in {files}{shown}",
    ),
    "ingest.rejected_many": (
        "原始数据有误，未加载任何数据：{files} 中有 {n} 个问题{shown}",
        "Raw data rejected, nothing loaded: {n} problems in {files}{shown}",
    ),
    "ingest.rejected_first": ("（以下列出前 {n} 个）", " (the first {n} are listed)"),
    "ingest.folder.missing": ("不是文件夹", "is not a folder"),
    "ingest.file.symlink": (
        "是符号链接；请把文件本身放进文件夹",
        "is a symbolic link; put the file itself in the folder",
    ),
    "ingest.file.missing": (
        "缺少文件：文件夹中需要 {table}.csv 或 {table}.xlsx（{title}）",
        "file is missing: the folder needs {table}.csv or {table}.xlsx ({title})",
    ),
    "ingest.file.missing_others": (
        "缺少文件：文件夹中需要 {table}.csv 或 {table}.xlsx（{title}）（不对应任何数据表的文件：{others}）",
        "file is missing: the folder needs {table}.csv or {table}.xlsx ({title}) (files not matching any table: {others})",
    ),
    "ingest.file.doubled": (
        "数据表 {table} 有 {n} 个文件：{files}；请只保留一个",
        "there are {n} files for table {table}: {files}; keep one",
    ),
    "ingest.file.empty": ("是空文件：至少要有表头行", "is empty: it needs at least the header row"),
    "ingest.xlsx.unopenable": (
        "无法作为 Excel 工作簿打开（{error}）",
        "cannot be opened as an Excel workbook ({error})",
    ),
    "ingest.xlsx.unreadable": ("无法作为 Excel 工作簿读取（{error}）", "cannot be read as an Excel workbook ({error})"),
    "ingest.xlsx.bomb_part": (
        (
            "未解压：其中的部件 {part} 会从 {packed:,} 字节解压到 {size:,} 字节（上限 {limit:,} 字节，压缩比至多 "
            "{ratio}:1）；请用 Excel 或 WPS 重新保存，或另存为 CSV"
        ),
        (
            "is not unpacked: its part {part} would grow from {packed:,} to {size:,} bytes (at most {limit:,} bytes, "
            "compressed at most {ratio}:1); save the sheet again from Excel or WPS, or as CSV"
        ),
    ),
    "ingest.xlsx.bomb_total": (
        "未解压：解压后会有 {size:,} 字节（上限 {limit:,}）；请另存为 CSV",
        "is not unpacked: it would grow to {size:,} bytes (at most {limit:,}); save it as CSV",
    ),
    "ingest.xlsx.long_cell": (
        "该单元格有 {length:,} 个字符；一个单元格至多 {limit:,} 个字符（与 Excel 相同）",
        "the cell holds {length:,} characters; a cell holds at most {limit:,} (as in Excel)",
    ),
    "ingest.csv.utf16": (
        "以 UTF-16 编码保存；请另存为 UTF-8 或 GBK 编码的 CSV",
        "is saved as UTF-16; save it as CSV in UTF-8 or GBK instead",
    ),
    "ingest.csv.encoding": (
        "既不是 UTF-8 也不是 GBK/GB18030 文本；请另存为 UTF-8 编码的 CSV",
        "is neither UTF-8 nor GBK/GB18030 text; save it as CSV in UTF-8",
    ),
    "ingest.csv.header_unreadable": (
        "表头行无法按 CSV 读取（{error}）",
        "the header row cannot be read as CSV ({error})",
    ),
    "ingest.csv.unreadable": ("无法按 CSV 读取（{error}）", "cannot be read as CSV ({error})"),
    "ingest.header.twice": (
        "同一列出现了两次（{first_letter} 列表头为“{first_header}”，{letter} 列表头为“{header}”）；请只保留一列",
        (
            "the column appears twice (column {first_letter} headed {first_header!r} and column {letter} headed "
            "{header!r}); keep one"
        ),
    ),
    "ingest.header.missing": (
        "缺少必填的列：请添加表头为“{alias}”或“{name}”的列",
        "required column is missing: add a column headed {name} or {alias}",
    ),
    "ingest.row.beyond_header": (
        "{letter} 列有值，但它在最后一个有表头的列（{last}）之后；请给它加上表头或删去",
        "has a value in column {letter}, beyond the last headed column ({last}); give it a header or remove it",
    ),
    "ingest.column.unnamed": (
        "{letter} 列有值但没有表头；请加上表头或删去该列",
        "column {letter} has values but no header; give it a header or delete it",
    ),
    "ingest.value.required": ("必填，但单元格为空", "is required, but the cell is empty"),
    "ingest.uscc.compact": (
        "应只写 18 位代码本身，不含空格或连字符",
        "must be the 18 characters of the code, without spaces or dashes",
    ),
    "ingest.uscc.length": ("应为 18 位（此处为 {length} 位）", "must be 18 characters long (this has {length})"),
    "ingest.uscc.check_digit": (
        "校验码错误：按 GB 32100-2015，第 18 位应为“{digit}”（请检查代码有无笔误）",
        "check digit is wrong: by GB 32100-2015 the 18th character should be {digit!r} (look for a typo in the code)",
    ),
    "ingest.uscc.format": (
        "应为 8 位数字加 10 位数字或大写字母（不用 I、O、S、V、Z）",
        "must be 8 digits followed by 10 digits or capital letters (not I, O, S, V or Z)",
    ),
    "ingest.industry_code.format": (
        "应为 4 位 GB/T 4754-2017 行业小类代码，如 3911",
        "must be a 4-digit GB/T 4754-2017 industry class, e.g. 3911",
    ),
    "ingest.industry_code.division": (
        "前两位 {division} 不是 GB/T 4754-2017 的行业大类",
        "its first two digits, {division}, are not a GB/T 4754-2017 division",
    ),
    "ingest.division.format": (
        "应为 2 位 GB/T 4754-2017 行业大类代码，如 39",
        "must be a 2-digit GB/T 4754-2017 division, e.g. 39",
    ),
    "ingest.division.unknown": ("不是 GB/T 4754-2017 的行业大类", "is not a GB/T 4754-2017 division"),
    "ingest.period.format": ("应为 YYYY-MM 格式的月份，如 2025-06", "must be a month written YYYY-MM, e.g. 2025-06"),
    "ingest.date.unreal": ("不是实际存在的日期", "is not a real calendar date"),
    "ingest.date.format": (
        "应为 YYYY-MM-DD 格式的日期，如 2025-06-30",
        "must be a date written YYYY-MM-DD, e.g. 2025-06-30",
    ),
    "ingest.timestamp.unreal": ("不是实际存在的日期和时间", "is not a real date and time"),
    "ingest.timestamp.format": (
        "应为 YYYY-MM-DD HH:MM 或 YYYY-MM-DD HH:MM:SS 格式的日期和时间",
        "must be a date and time written YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS",
    ),
    "ingest.int.format": ("应为整数", "must be a whole number"),
    "ingest.int.format_or_enum": ("应为整数，或以下之一：{enum}", "must be a whole number or one of: {enum}"),
    "ingest.number.format": (
        "应为数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字）",
        "must be a number, e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or text)",
    ),
    "ingest.number.format_or_enum": (
        "应为数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字），或以下之一：{enum}",
        (
            "must be a number, e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or text) "
            "or one of: {enum}"
        ),
    ),
    "ingest.money.format": (
        "应为以万元计的数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字）",
        (
            "must be a number in 万元, e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or "
            "text)"
        ),
    ),
    "ingest.money.format_or_enum": (
        "应为以万元计的数字，如 1234.5（只写数字和小数点：不要千位分隔符、单位或文字），或以下之一：{enum}",
        (
            "must be a number in 万元, e.g. 1234.5 (digits and a decimal point only: no thousands separators, units or "
            "text) or one of: {enum}"
        ),
    ),
    "ingest.number.too_large": ("数值过大", "is too large"),
    "ingest.range.min": ("应 {low}", "must be {low}"),
    "ingest.range.max": ("应 {high}", "must be {high}"),
    "ingest.range.between": ("应 {low} 且 {high}", "must be {low} and {high}"),
    "ingest.bool.format": ("应为是或否，写作 {spelt}", "must be yes or no, written {spelt}"),
    "ingest.enum.format": ("应为以下之一：{enum}", "must be one of: {enum}"),
    "ingest.key.duplicate": (
        "与第 {first_row} 行重复（{what}相同）；每条只能出现一次",
        "same {what} as row {first_row}; each must appear only once",
    ),
    "ingest.ref.enterprises": (
        "未知企业：{file} 中没有这个{column}",
        "unknown enterprise: no row of {file} has this {column}",
    ),
    "ingest.ref.projects": (
        "未知项目：{file} 中没有这个{column}",
        "unknown project: no row of {file} has this {column}",
    ),
    "ingest.ref.service_matters": (
        "未知事项：{file} 中没有这个{column}",
        "unknown service matter: no row of {file} has this {column}",
    ),
    "ingest.ref.other": (
        "未知的 {noun}：{file} 中没有这个{column}",
        "unknown {noun}: no row of {file} has this {column}",
    ),
    "ingest.prices.missing": (
        "找不到行业大类/报告期：{file} 中没有行业大类 {division} 在 {period} 的行（该企业的行业代码为 {industry_code}）",
        (
            "unknown division/period: no row of {file} for division {division} at {period} (this enterprise's "
            "industry_code is {industry_code})"
        ),
    ),
    "ingest.store.suffix": (
        "应为 CSV 或 XLSX 文件（此文件为 {suffix}）",
        "must be a CSV or XLSX file (this one is {suffix})",
    ),
    "ingest.store.no_suffix": (
        "应为 CSV 或 XLSX 文件（此文件没有扩展名）",
        "must be a CSV or XLSX file (this one is without a suffix)",
    ),
    "intake.unknown_table": (
        "未知的数据表“{table}”；应为以下之一：{tables}",
        "unknown table {table!r}; one of: {tables}",
    ),
    "intake.file_not_found": ("找不到文件：{file}", "file not found: {file}"),
    "intake.empty_explanation": ("审核说明不能为空", "an explanation (审核说明) cannot be empty"),
    "intake.no_submission": ("没有第 {id} 次报送", "no submission {id}"),
    "intake.not_held": (
        "第 {id} 次报送的状态是“{state}”，不在待审核中",
        "submission {id} is {state}, not held for review",
    ),
    "intake.no_finding": (
        "第 {id} 次报送没有审核发现 {rule}:{subject}",
        "submission {id} has no finding {rule}:{subject}",
    ),
    "intake.bad_explain": (
        "--explain 的写法是 规则:对象=说明（如 IM01:12=停产检修），而不是“{item}”",
        "--explain takes RULE:KEY=TEXT (e.g. IM01:12=停产检修), not {item!r}",
    ),
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
    "status": {
        "signed": ("已签约", "Signed"),
        "preparing": ("筹备拟建", "Preparing"),
        "under_construction": ("在建", "Under construction"),
        "in_production": ("已投产", "In production"),
    },
    "talent_category": {
        "top": ("顶尖人才", "Top"),
        "leading": ("领军人才", "Leading"),
        "high_level": ("高层次人才", "High-level"),
        "young": ("青年人才", "Young"),
        "skilled": ("技能人才", "Skilled"),
    },
    "education": {
        "doctor": ("博士", "Doctorate"),
        "master": ("硕士", "Master's"),
        "bachelor": ("本科", "Bachelor's"),
        "other": ("其他", "Other"),
    },
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


# The headline metrics' names, from the registry (one place per metric).
LABELS.update({f"metric.{m.name}": (m.label_zh, m.label_en) for m in metrics.METRICS})


# Month names: short for chart axes and as-of lines (6月, Jun), long for sentences (6月, June).
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LABELS.update({f"month.short.{m}": (f"{m}月", name[:3]) for m, name in enumerate(MONTHS_EN, 1)})
LABELS.update({f"month.long.{m}": (f"{m}月", name) for m, name in enumerate(MONTHS_EN, 1)})


def lang() -> str:
    """The language picked in the sidebar: 'zh' (default) or 'en'; 'zh' outside a dashboard run."""
    st = sys.modules.get("streamlit")
    if st is None:
        return "zh"
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return "zh"
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def tr(language: str, key: str, **kwargs: object) -> str:
    """The label `key` in `language` ('zh' or 'en'), with {placeholders} filled from kwargs."""
    zh, en = LABELS[key]
    text = en if language == "en" else zh
    return text.format(**kwargs) if kwargs else text


def t(key: str, **kwargs: object) -> str:
    """The label `key` in the current language, with {placeholders} filled from kwargs."""
    return tr(lang(), key, **kwargs)


def label(kind: str, code: str | None, language: str | None = None) -> str:
    """Display name of an enum code; unknown codes (e.g. chains, parks) pass through as given."""
    if code is None:
        return "—"
    pair = ENUMS.get(kind, {}).get(code)
    if pair is None:
        return code
    return pair[1] if (language or lang()) == "en" else pair[0]


def labels(kind: str) -> dict[str, str]:
    """Every code of an enum with its display name, in definition order."""
    return {code: label(kind, code) for code in ENUMS[kind]}
