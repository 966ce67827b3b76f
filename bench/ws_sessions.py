"""Concurrent Streamlit sessions as bare websocket clients: the server's side of 'opening a page'.

Each client does what the browser does after loading the page's scripts: opens
/_stcore/stream, asks for a script run of the page, and reads ForwardMsgs until the run
finishes. Its time is connect → script finished (every element sent), without the
browser's drawing, so many sessions measure the server alone, not one Chromium drawing
them all on the same cores.
"""

from __future__ import annotations

import asyncio
import time


class SessionError(RuntimeError):
    """A websocket session did not finish its run cleanly."""


async def _one(ws_url: str, page_name: str, timeout: float) -> tuple[float, int]:
    """(seconds from connect to the end of the script run, number of charts and sparklines sent)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    started = time.perf_counter()
    charts = 0
    async with asyncio.timeout(timeout):
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
            back = BackMsg()
            back.rerun_script.query_string = ""
            back.rerun_script.page_name = page_name
            await ws.send(back.SerializeToString())
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element.WhichOneof("type")
                    if element == "exception":
                        raise SessionError(msg.delta.new_element.exception.message[:300])
                    if element in ("arrow_vega_lite_chart", "vega_lite_chart"):
                        charts += 1
                    elif element == "metric" and msg.delta.new_element.metric.chart_data:
                        charts += 1  # its sparkline: the walker counts it as a chart too (bench/pages.py)
                elif kind == "script_finished":
                    if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        return time.perf_counter() - started, charts
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise SessionError("the script did not compile")
                    charts = 0  # interrupted for a rerun: count the next run's charts


async def _many(base_url: str, page_name: str, sessions: int, timeout: float):
    ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
    return await asyncio.gather(*(_one(ws_url, page_name, timeout) for _ in range(sessions)), return_exceptions=True)


def ws_sessions(
    base_url: str, sessions: int, page_name: str = "", min_charts: int = 0, timeout: float = 300
) -> tuple[list[float], list[str]]:
    """`sessions` websocket clients run the page (default: the overview) at once; their seconds, and errors."""
    results = asyncio.run(_many(base_url, page_name, sessions, timeout))
    times, errors = [], []
    for r in results:
        if isinstance(r, BaseException):
            errors.append(f"{type(r).__name__}: {str(r)[:200]}")
        elif r[1] < min_charts:
            errors.append(f"only {r[1]} of {min_charts} charts sent")
        else:
            times.append(r[0])
    return times, errors
