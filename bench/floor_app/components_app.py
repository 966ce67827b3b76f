"""A bare Streamlit page that draws `n` of one kind of component: what Streamlit itself costs per component.

`python -m bench.components` opens `/?kind=<kind>&n=<n>` in new tabs beside the empty page
(`kind=none`) and prints the difference per component (bench/components.py). The kinds are
the components our pages draw besides their charts, drawn here as plainly as Streamlit
allows, with the dashboard's settings (this folder's .streamlit/config.toml is a link to ours).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

KINDS = {
    "none": "nothing (the empty page every other kind is compared with)",
    "html": "st.html: a title and a unit line",
    "metric": "st.metric with a change, its text and a help tooltip, bordered",
    "metric_sparkline": "st.metric as above with a 24-point sparkline",
    "download_button": "st.download_button, tertiary, with a help tooltip, its file made on click",
    "card_chrome": "a chart card's frame without the chart: bordered container, title, footer row of "
    "source line and two download buttons",
    "selectbox": "st.selectbox with 30 options",
    "segmented_control": "st.segmented_control with two options",
    "toggle": "st.toggle",
    "expander": "st.expander (closed) holding a caption, an html table and a button",
    "dataframe": "st.dataframe of 40 rows × 8 columns",
    "chart": "st.altair_chart: a line over 24 months, full width",
    "sparkline_chart": "st.altair_chart: the floor app's sparkline (24 points, no axes, 56 px high)",
}


def frame(rows: int) -> pd.DataFrame:
    """A table like ours: names, categories, dates and numbers."""
    return pd.DataFrame(
        {
            "企业名称": [f"某某科技有限公司{i}" for i in range(rows)],
            "类型": [("专精特新", "小巨人", "瞪羚")[i % 3] for i in range(rows)],
            "级别": [("省级", "国家级")[i % 2] for i in range(rows)],
            "到期日": pd.date_range("2025-07-01", periods=rows, freq="D"),
            "剩余天数": range(rows),
            "已复核": [i % 2 == 0 for i in range(rows)],
            "产业链": [f"产业链{i % 7}" for i in range(rows)],
            "金额": [i * 1.25 for i in range(rows)],
        }
    )


def draw(kind: str, i: int) -> None:
    """The i-th component of a kind."""
    if kind == "html":
        st.html(f'<p style="font-weight:650;margin:0">图表标题 {i}</p><p style="margin:0">单位：亿元</p>')
    elif kind in ("metric", "metric_sparkline"):
        spark = [float((j * 7 + i) % 13) for j in range(24)] if kind == "metric_sparkline" else None
        st.metric(
            f"指标 {i}",
            "1,234.5亿元",
            delta="+23.5%",
            delta_description="同比",
            help="口径说明",
            border=True,
            chart_data=spark,
        )
    elif kind == "download_button":
        download(i, "PNG")
    elif kind == "card_chrome":
        with st.container(border=True):
            st.html(f'<p style="font-weight:650;margin:0">图表标题 {i}</p><p style="margin:0">单位：亿元</p>')
            with st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"foot-{i}"):
                st.html("<p>数据来源：统计局　截至2025年6月</p>", width="stretch")
                with st.container(horizontal=True, gap="small", width="content", key=f"dls-{i}"):
                    download(i, "PNG")
                    download(i, "SVG")
    elif kind == "selectbox":
        st.selectbox(f"选择 {i}", [f"2025年{m}月" for m in range(30)], key=f"s{i}")
    elif kind == "segmented_control":
        st.segmented_control(f"切换 {i}", ["中文", "EN"], default="中文", key=f"g{i}")
    elif kind == "toggle":
        st.toggle(f"开关 {i}", key=f"t{i}")
    elif kind == "expander":
        with st.expander(f"table\\_{i}", icon=":material/table:"):
            st.caption("一张表的说明。")
            st.html("<table><tr><td>列</td><td>类型</td></tr><tr><td>period</td><td>VARCHAR</td></tr></table>")
            st.button("预览", key=f"b{i}", type="tertiary")
    elif kind == "dataframe":
        st.dataframe(frame(40), hide_index=True, width="stretch", height=420)
    elif kind == "chart":
        import altair as alt

        df = pd.DataFrame({"month": pd.date_range("2023-07-01", periods=24, freq="MS"), "value": range(24)})
        st.altair_chart(
            alt.Chart(df).mark_line(point=True).encode(x="month:T", y="value:Q").properties(height=300),
            width="stretch",
            theme=None,
        )
    elif kind == "sparkline_chart":
        import altair as alt

        df = pd.DataFrame({"month": pd.date_range("2023-07-01", periods=24, freq="MS"), "value": range(24)})
        line = alt.Chart(df).mark_line().encode(x=alt.X("month:T", axis=None), y=alt.Y("value:Q", axis=None))
        st.altair_chart(line.properties(height=56), width="stretch", theme=None)
    elif kind != "none":
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")


def download(i: int, label: str) -> None:
    st.download_button(
        label,
        data=lambda: b"file",
        file_name=f"chart-{i}.{label.lower()}",
        on_click="ignore",
        type="tertiary",
        help="图片 2400 × 1120 像素",
        key=f"dl-{i}-{label}",
    )


if __name__ == "__main__":  # served by `streamlit run` (bench.components imports KINDS from here)
    st.set_page_config(page_title="components", layout="wide")
    kind = st.query_params.get("kind", "none")
    for i in range(int(st.query_params.get("n", "0"))):
        draw(kind, i)
