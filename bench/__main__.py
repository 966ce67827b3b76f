"""python -m bench: measure build, pages and concurrent sessions per scale; write BENCHMARKS.md.

Exits 1 only if something could not be measured (a failed build, a page that never
finished); a figure over its budget is reported with ❌ and never fails the run.
"""

# Scales are written with the multiplication sign, as in BENCHMARKS.md.

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import time
from pathlib import Path

from bench.machine import load_average, load_text, machine_info
from bench.report import markdown, plot, write_json
from bench.run import keep_work, run_scale

ROOT = Path(__file__).resolve().parent.parent
NOTES = Path(__file__).with_name("notes.md")
# The three scales; 100× alone took about 8 minutes on the 2-core machine before the
# floor app's visits doubled the page visits (estimated now: 12, the whole run about 40 minutes;
# --no-floor skips them). BENCH_SCALES=1 or --scales 1 for a quick look.
DEFAULT_SCALES = "1,10,100"


def main(argv: list[str] | None = None) -> int:
    """Entry point; the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales",
        default=os.environ.get("BENCH_SCALES", DEFAULT_SCALES),
        help=f"comma-separated demo-data scales (default $BENCH_SCALES or {DEFAULT_SCALES}; "
        "100 is the province-sized case)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "BENCHMARKS.md",
        help="report to write; benchmarks.json and benchmarks.png go beside it",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="rounds of cold, new-tab and warm visits per page (median of these)"
    )
    parser.add_argument(
        "--build-repeat", type=int, default=None, help="builds per scale (default 3 up to 10×, 1 above)"
    )
    parser.add_argument("--first-repeat", type=int, default=3, help="server starts for first-ever visits")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions opening the overview")
    parser.add_argument("--pages", default="", help="only these pages, e.g. overview,growth (default: every page)")
    parser.add_argument(
        "--no-floor",
        dest="floor",
        action="store_false",
        help="skip the floor app (bench/floor_app/) measured alternately with ours: no ratios, half the page visits",
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep raw data, warehouse and logs in this folder")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: measure the pages of the warehouse kept there by an earlier run (no generation, no build)",
    )
    args = parser.parse_args(argv)
    try:  # before measuring anything: a report that cannot be written would waste the run
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.touch()
    except OSError as exc:
        parser.error(f"cannot write the report {args.out}: {exc}")
    # stopped with SIGTERM, unwind like Ctrl-C so the servers we started are stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    only = [p.strip() for p in args.pages.split(",") if p.strip()] or None
    command = "python -m bench " + shlex.join(argv if argv is not None else sys.argv[1:])
    machine = machine_info()
    print(
        f"machine: {machine['cores']} cores, {machine['ram']}, {machine['cpu']}; load {load_text(load_average())}",
        flush=True,
    )
    results = []
    started = time.perf_counter()
    for scale in scales:
        build_repeat = args.build_repeat if args.build_repeat is not None else (3 if scale <= 10 else 1)
        work = keep_work(args.keep, scale, args.reuse) if args.keep else None
        result = run_scale(
            scale,
            repeat=args.repeat,
            build_repeat=build_repeat,
            first_repeat=args.first_repeat,
            sessions=args.sessions,
            only=only,
            work=work,
            reuse=args.reuse,
            floor=args.floor,
            log=lambda msg: print(msg, flush=True),
        )
        results.append(result)
        for problem in result.unmeasured():
            print(f"[{scale:g}×] NOT MEASURED: {problem[:600]}", file=sys.stderr, flush=True)
        # written after every scale, so a long run leaves its figures behind even if stopped
        _write(results, machine, command, args.out)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s", flush=True)
    return 1 if any(r.unmeasured() for r in results) else 0


def _write(results, machine, command, out: Path) -> None:
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    out.write_text(markdown(results, machine, command, notes), encoding="utf-8")
    write_json(results, machine, out.with_name("benchmarks.json"))
    plot(results, out.with_name("benchmarks.png"))


if __name__ == "__main__":
    sys.exit(main())
