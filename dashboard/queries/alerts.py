"""Alerts (预警): the period's alerts from the `alerts` mart, and those still open in the alert-state store."""

from __future__ import annotations

import pandas as pd

from dashboard.queries import confidential
from dashboard.queries.reader import Reader, Result
from warehouse import alert_state

SEVERITIES = ("red", "orange", "yellow")
COLUMNS = (
    "period, alert_id, code, name_zh, name_en, severity, unit, subject_kind, subject_id, subject_name, subject_name_en, "
    "figures, "
    "message_zh, message_en, page, link, threshold, severity_order, metrics, metric_periods"
)


def for_period(reader: Reader, period: str, language: str = "zh", severities: tuple[str, ...] = SEVERITIES) -> Result:
    """The period's alerts of the given severities, red first, then by unit; `name`, `message` and
    `subject_label` in the language, and `subject` (the subject's key: the project id for a project).

    For a reader that sees aggregates only, alerts built from a withheld cell are left out
    (confidential.alerts); no alert names an enterprise.
    """
    r = reader.result(
        f"select {COLUMNS}, subject_id as subject, "
        "case when ? = 'en' then name_en else name_zh end as name, "
        "case when ? = 'en' then message_en else message_zh end as message, "
        "case when ? = 'en' then coalesce(subject_name_en, subject_name) else subject_name end as subject_label "
        "from alerts where period = ? and list_contains(?, severity) "
        "order by severity_order, unit, code, alert_id",
        language,
        language,
        language,
        period,
        list(severities),
    )
    # metrics / metric_periods only tell confidentiality what an alert is built from
    frame = confidential.alerts(reader, r.frame).drop(columns=["metrics", "metric_periods"])
    return Result(r.sql, r.params, frame)


def with_state(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """The alerts with their state at the period from the alert-state store: state, note, by whom, when."""
    states = alert_state.states(period)
    out = frame.copy()
    out["state"] = [states.get(a, {}).get("state", "open") for a in out["alert_id"]]
    for column, key in (("state_note", "note"), ("state_user", "user"), ("state_ts", "ts")):
        out[column] = [states.get(a, {}).get(key) for a in out["alert_id"]]
    return out


def open_alerts(
    reader: Reader, period: str, severities: tuple[str, ...] = ("red", "orange"), language: str = "zh"
) -> Result:
    """The period's alerts of the given severities not closed in the alert-state store (acknowledged ones included)."""
    r = for_period(reader, period, language, severities)
    frame = with_state(r.frame, period)
    return Result(r.sql, r.params, frame[frame["state"] != "closed"].reset_index(drop=True))


def open_counts(reader: Reader, period: str) -> dict[str, int]:
    """Open alerts at the period by severity (every severity, zeros included)."""
    frame = open_alerts(reader, period, SEVERITIES).frame
    counts = frame["severity"].value_counts()
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}
