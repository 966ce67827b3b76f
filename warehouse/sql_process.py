"""A process per workbench query, forked from a small server that has imported DuckDB once.

Why: a query runs in the dashboard's server otherwise, and DuckDB's memory_limit does not
bound everything a query can allocate (very large values, the result's copy): one analyst
query grew the server from 0.4 to 11.5 GB. A child process can have a hard bound
(RLIMIT_AS, set by the child in warehouse.safe_sql.query_in_this_process) and can be killed
outright past its time limit; the server only ever receives a result within the size cap.

How: the first query starts `python -m warehouse.sql_process` (the "query server"), which
imports warehouse.safe_sql (DuckDB, pyarrow, pandas) and waits on a socket it shares with the
dashboard. Per query the dashboard makes a socket pair and hands one end to the query server,
which forks a child to serve it: the child sends its pid, receives the job, runs it, sends a
header and the Arrow bytes, and exits. Forking a process that has already imported everything
costs milliseconds; starting Python and importing DuckDB would cost about a second. (Python's
multiprocessing "forkserver" does the same, but re-runs the parent's main script in every
child, which for `streamlit run` means importing Streamlit per query.) When the dashboard
exits, the query server reads end-of-file and exits too.

Frames on the sockets: 4-byte big-endian length, then the bytes; headers and jobs are JSON.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_HEADER_MAX = 1024 * 1024  # a header or a job is JSON text of well under this


class ChildTimeout(Exception):
    """The child did not answer within the deadline (it has been killed)."""


class ChildDied(Exception):
    """The child ended without a complete answer (killed by the kernel, or out of memory)."""


# --- frames -------------------------------------------------------------------------------------


def _send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(struct.pack(">I", len(data)))
    sock.sendall(data)


def _recv_exactly(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def _recv(sock: socket.socket, limit: int, deadline: float | None = None) -> bytes:
    (size,) = struct.unpack(">I", _recv_exactly(sock, 4, deadline))
    if size > limit:
        raise ChildDied(f"the child sent {size} bytes, more than the {limit} allowed")
    return _recv_exactly(sock, size, deadline)


# --- the dashboard's side -----------------------------------------------------------------------

_lock = threading.Lock()
_server: subprocess.Popen | None = None
_control: socket.socket | None = None


def _query_server() -> socket.socket:
    """The control socket of a running query server (started, or restarted, on demand)."""
    global _server, _control
    if _server is not None and _server.poll() is None and _control is not None:
        return _control
    if _control is not None:
        _control.close()
    mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    _server = subprocess.Popen(
        [sys.executable, "-m", "warehouse.sql_process", str(theirs.fileno())],
        pass_fds=(theirs.fileno(),),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        # One thread for the numeric libraries and two malloc arenas: every thread's stack and arena
        # is address space, which the children's RLIMIT_AS counts.
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"},
    )
    theirs.close()
    _control = mine
    return mine


def run(job: dict, wait_s: float, max_bytes: int) -> tuple[dict, bytes]:
    """Run `job` in a fresh child: its header and payload; ChildTimeout after wait_s, ChildDied if it died."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    deadline = time.monotonic() + wait_s
    pid = None
    try:
        with _lock:
            control = _query_server()
            try:
                socket.send_fds(control, [b"q"], [theirs.fileno()])
            except OSError:  # the query server is gone or stuck: start another
                if _server is not None and _server.poll() is None:
                    _server.kill()
                    _server.wait()
                control = _query_server()
                socket.send_fds(control, [b"q"], [theirs.fileno()])
        theirs.close()
        pid = json.loads(_recv(ours, _HEADER_MAX, deadline))["pid"]
        _send(ours, json.dumps(job).encode())
        header = json.loads(_recv(ours, _HEADER_MAX, deadline))
        payload = _recv(ours, max_bytes, deadline) if header.get("status") == "ok" else b""
        pid = None  # answered in full: it exits by itself
        return header, payload
    except TimeoutError:
        raise ChildTimeout from None
    except (EOFError, ConnectionError, ValueError, KeyError) as exc:
        raise ChildDied(str(exc)) from None
    finally:
        theirs.close()
        ours.close()
        if pid is not None:  # still running past its time, or sent too much: end it
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# --- the query server's side --------------------------------------------------------------------


def _child(sock: socket.socket) -> None:
    from warehouse import safe_sql

    _send(sock, json.dumps({"pid": os.getpid()}).encode())
    job = json.loads(_recv(sock, _HEADER_MAX))
    header, payload = safe_sql.query_in_this_process(job)
    _send(sock, json.dumps(header).encode())
    if header.get("status") == "ok":
        _send(sock, payload)


def serve(control_fd: int) -> None:
    """Fork a child per socket the dashboard hands over; exit when the dashboard goes away."""
    import duckdb

    from warehouse import safe_sql  # noqa: F401 - imported once here, so every child starts with it

    # DuckDB's one-time set-up of a process, done once here rather than in every child (a
    # one-thread instance starts no threads, so forking afterwards is safe).
    duckdb.connect(":memory:", config={"threads": 1}).close()

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the dashboard's terminal is the dashboard's
    control = socket.socket(fileno=control_fd)
    while True:
        try:
            msg, fds, _, _ = socket.recv_fds(control, 16, 4)
        except OSError:
            return
        if not msg:
            return
        for fd in fds:
            if os.fork() == 0:
                code = 0
                try:
                    control.close()
                    _child(socket.socket(fileno=fd))
                except BaseException:  # noqa: BLE001 - the child must exit, never return to the loop
                    code = 1
                finally:
                    os._exit(code)
            os.close(fd)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
