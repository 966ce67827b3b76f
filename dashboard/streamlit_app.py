"""Entry point and router: page config, the shared sidebar (language, filters), then the page.

Served by dashboard/server.py (`streamlit run dashboard/server.py`), which wraps this script in
Streamlit's ASGI app; the warehouse is $ZONE_DB.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# `streamlit run` puts this folder on sys.path, not the repository root the package lives in.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st

from dashboard import auth, data, filters, present, theme, ui
from dashboard.i18n import lang, t
from warehouse.confidentiality import footnote

filters.init_language()
present.init()  # ?present=1: decided before the sidebar is drawn
st.set_page_config(
    page_title=t("app.title"),
    page_icon=":material/insights:",
    layout="wide",
    initial_sidebar_state=present.sidebar_state(),
)
theme.enable()
ui.reset()
ui.inject_css()
# Signed out, this draws the sign-in page and ends the run: no page, query or download below runs.
user = auth.require_user()
data.begin_run()
present.chrome()

PAGES = [
    st.Page("app_pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page("app_pages/growth.py", title=t("nav.growth"), icon=":material/trending_up:", url_path="growth"),
    st.Page("app_pages/projects.py", title=t("nav.projects"), icon=":material/construction:", url_path="projects"),
    st.Page("app_pages/tiers.py", title=t("nav.tiers"), icon=":material/stacked_bar_chart:", url_path="tiers"),
    st.Page("app_pages/talent.py", title=t("nav.talent"), icon=":material/groups:", url_path="talent"),
    st.Page("app_pages/services.py", title=t("nav.services"), icon=":material/support_agent:", url_path="services"),
    st.Page("app_pages/alerts.py", title=t("nav.alerts"), icon=":material/notifications_active:", url_path="alerts"),
    st.Page("app_pages/presskit.py", title=t("nav.press"), icon=":material/campaign:", url_path="press"),
    st.Page("app_pages/subscriptions.py", title=t("brief.sub.title"), icon=":material/send:", url_path="subscriptions"),
    st.Page("app_pages/sql.py", title=t("nav.sql"), icon=":material/terminal:", url_path="sql"),
]
if auth.intake_access(user).console:  # stewards, reviewers, publishers and admins (issue 12)
    PAGES.append(
        st.Page("app_pages/intake.py", title=t("nav.intake"), icon=":material/upload_file:", url_path="intake")
    )
if auth.reads_audit_log(user.role):
    PAGES.append(st.Page("app_pages/audit_log.py", title=t("nav.audit"), icon=":material/policy:", url_path="audit"))
if auth.can_publish(user):
    PAGES.append(st.Page("app_pages/publish.py", title=t("nav.publish"), icon=":material/publish:", url_path="publish"))
# expanded: every page listed, no "View N more" (English, and it hid the admin pages past the tenth)
page = st.navigation(PAGES, position="sidebar", expanded=True)
wanted = auth.page_asked_for_before_sign_in()  # a shared link to /growth lands on growth after signing in
if wanted and wanted != page.url_path:
    st.switch_page(next((p for p in PAGES if p.url_path == wanted), page), query_params=st.query_params.to_dict())

with st.sidebar:
    st.html(
        f'<p class="zone-page-title" style="font-size:1.15rem">{t("app.title")}</p>'
        f'<p class="zone-page-sub">{t("app.subtitle")}</p>'
    )
    filters.language_switch()
    try:
        warehouse = data.current()
    except data.WarehouseMissing as exc:
        st.error(t("common.no_warehouse", path=str(exc)), icon=":material/database:")
        st.stop()
    filters.sidebar()
    present.toggle()
    ui.note(t("filters.link"))
    if os.environ.get("ZONE_DEMO") == "1":
        st.badge(t("app.demo"), icon=":material/science:", color="orange")
    auth.sidebar(user)

if user.method == "demo":
    st.html(
        '<p style="margin:0 0 0.4rem 0;padding:0.35rem 0.8rem;border-radius:0.4rem;background:#FFF4E5;'
        f'color:#8A4B00;font-size:0.9rem;font-weight:600">{t("app.demo_banner")}</p>'
    )
f = filters.current()
auth.page_view(page.url_path or "overview", period=f.period, park=f.park, chain=f.chain)
page.run()
if data.withheld_this_run():  # a KPI, chart or table of this page withheld a cell
    ui.note(footnote(lang()))
