"""Executive dashboard of the zone (高新区经济运行驾驶舱): Streamlit over the DuckDB warehouse."""
