"""Bell timing: how late each bell's play call starts against its deadline, in real time.

The app's one :class:`~practice_tui.engine.engine.PacingEngine`, running a timer's timeline on
the system clock, driven as the screen drives it: sleep until ``next_deadline()``, ``poll()``,
hand each bell to the player. The default is a two-minute timer with a bell every 10 seconds,
after a 10-second preparation (so the start bell is woken for too): 13 bells. For each one we record

    lateness = (time the play call starts) - (the bell's deadline)

and, over the run, the CPU used by the whole process (every thread, the bell worker's too)
from ``time.process_time()`` divided by the wall time.

The plan is the app's default timer settings (``Preferences().timer_plan``: singing-bowl
start and end, the end struck three times, small-bell intervals, volumes 70 % and 60 %), and
each bell is handed over as the timer screen does: ``play(sound, volume, strikes=...)``.

Two players, one after the other, both from ``practice_tui.sound.open_player()`` as the app
opens it:

- ``default``: whatever it finds on this machine (without a sound device it falls back, after
  its probe, to silence, as the app would);
- ``null``: miniaudio on its NULL backend, which pulls audio in real time without a sound
  card, so the whole play path (the chain, the bell worker, the device, the mixing) runs.

Drivers: ``sleep`` (``threading.Event.wait`` until the deadline, the simplest loop) or
``asyncio`` (as the timer screen wakes: ``loop.call_at`` the next deadline, plus a redraw
every ``--tick`` seconds that polls too).

Usage:
    python benchmarks/bell_timing.py [--seconds 120] [--every 10] [--preparation 10]
        [--player default|null|both] [--driver sleep|asyncio] [--tick 1]

Targets, for each player: the latest bell at most 15 ms after its deadline, the median under
5 ms, and CPU at most 0.5 % of one core over the run. Exit status: 0 when every target is met,
1 when one is missed, 2 when the run could not be made.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import RESULTS, machine

from practice_tui.engine.clock import SystemClock
from practice_tui.engine.engine import PacingEngine, Ring
from practice_tui.engine.timer_plan import TimerPlan
from practice_tui.preferences import Preferences
from practice_tui.sound import FallbackPlayer, open_player

MAX_LATE_MS = 15.0
MEDIAN_LATE_MS = 5.0
CPU_PERCENT = 0.5


@dataclass
class Rung:
    kind: str
    deadline_s: float  # from the timer's start() call
    late_ms: float  # play call start - deadline
    play_ms: float  # how long the play call itself took


@dataclass
class Run:
    player: str
    driver: str
    player_name_after: str = ""
    backend: str | None = None
    notice: str | None = None
    bells: list[Rung] = field(default_factory=list)
    wakeups: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    tail_wall_s: float = 0.0  # after the end bell, until the last bell rang out
    tail_cpu_s: float = 0.0

    def figures(self) -> dict[str, float]:
        late = sorted(r.late_ms for r in self.bells)
        return {
            "bells": len(late),
            "max_late_ms": late[-1],
            "median_late_ms": statistics.median(late),
            "p95_late_ms": statistics.quantiles(late, n=20, method="inclusive")[18],
            "min_late_ms": late[0],
            "max_play_call_ms": max(r.play_ms for r in self.bells),
            "cpu_percent_of_core": 100 * self.cpu_s / self.wall_s,
            "cpu_percent_with_tail": 100
            * (self.cpu_s + self.tail_cpu_s)
            / (self.wall_s + self.tail_wall_s),
        }

    def misses(self) -> list[str]:
        f = self.figures()
        missed = []
        if f["max_late_ms"] > MAX_LATE_MS:
            missed.append(f"latest bell {f['max_late_ms']:.2f} ms > {MAX_LATE_MS} ms")
        if f["median_late_ms"] >= MEDIAN_LATE_MS:
            missed.append(f"median {f['median_late_ms']:.2f} ms >= {MEDIAN_LATE_MS} ms")
        if f["cpu_percent_of_core"] > CPU_PERCENT:
            missed.append(f"CPU {f['cpu_percent_of_core']:.3f} % > {CPU_PERCENT} % of a core")
        return missed


# ------------------------------------------------------------------------------ players


def open_ready(**options: Any) -> tuple[FallbackPlayer, str | None]:
    """A player as the app opens it, once its first probe is over (the app opens it at start-up,
    long before a timer begins). Returns the notice it gave, if any."""
    told: list[str] = []
    player = open_player(told.append, **options)
    if not player.wait_ready(10.0):
        raise RuntimeError("the sound backend was still being probed after 10 s")
    return player, (told[0] if told else None)


def default_player() -> tuple[FallbackPlayer, str | None]:
    return open_ready()


def null_player() -> tuple[FallbackPlayer, str | None]:
    import miniaudio

    if not miniaudio.is_backend_enabled(miniaudio.Backend.NULL):
        raise RuntimeError("this miniaudio build has no NULL backend")
    player, notice = open_ready(prefer=("miniaudio",), miniaudio_backends=[miniaudio.Backend.NULL])
    if player.name != "miniaudio":
        raise RuntimeError(f"miniaudio's NULL backend did not open: {notice or player.failures}")
    return player, notice


PLAYERS: dict[str, Callable[[], tuple[FallbackPlayer, str | None]]] = {
    "default": default_player,
    "null": null_player,
}


# ------------------------------------------------------------------------------ drivers


class Ringer:
    """Hands each bell to the player and records how late the play call started."""

    def __init__(self, player: FallbackPlayer, run: Run, origin: float) -> None:
        self.player, self.run, self.origin = player, run, origin

    def ring(self, bells: list[Ring]) -> None:
        for bell in bells:
            began = time.monotonic()
            volume = 1.0 if bell.volume is None else bell.volume
            self.player.play(bell.sound, volume, strikes=bell.strikes)
            ended = time.monotonic()
            self.run.bells.append(
                Rung(
                    bell.kind.value,
                    round(bell.deadline - self.origin, 6),
                    (began - bell.deadline) * 1000,
                    (ended - began) * 1000,
                )
            )


def drive_with_sleep(timer: PacingEngine, ringer: Ringer, tick: float) -> None:
    """The plainest loop: wait for the next deadline, poll, ring (``tick`` is not used)."""
    nap = threading.Event()  # never set: waited on to sleep until the deadline
    ringer.ring(timer.start())
    while (deadline := timer.next_deadline()) is not None:
        nap.wait(max(0.0, deadline - time.monotonic()))
        ringer.run.wakeups += 1
        ringer.ring(timer.poll())


def drive_with_asyncio(timer: PacingEngine, ringer: Ringer, tick: float) -> None:
    """As the timer screen does, on an event loop: one wake-up armed for the next deadline, and
    a redraw every ``tick`` seconds (0: none) that polls too. ``loop.time()`` is the same
    monotonic clock. Without the tick, the loop's only timeout is the whole wait to the next
    bell, and Linux lets an epoll timeout run late by 0.1 % of its length (10 ms in 10 s)."""

    async def main() -> None:
        loop = asyncio.get_running_loop()
        over = asyncio.Event()
        armed: list[asyncio.TimerHandle] = []

        def wake() -> None:
            ringer.run.wakeups += 1
            ringer.ring(timer.poll())
            while armed:
                armed.pop().cancel()
            deadline = timer.next_deadline()
            if deadline is None:
                over.set()
            else:
                armed.append(loop.call_at(deadline, wake))

        async def redraw() -> None:
            began = loop.time()
            for count in itertools.count(1):  # no drift: each tick is due from the start
                await asyncio.sleep(max(0.0, began + count * tick - loop.time()))
                wake()

        ringer.ring(timer.start())
        wake()
        ticking = asyncio.create_task(redraw()) if tick > 0 else None
        await over.wait()
        if ticking is not None:
            ticking.cancel()

    asyncio.run(main())


DRIVERS = {"sleep": drive_with_sleep, "asyncio": drive_with_asyncio}


def measure(player_kind: str, driver: str, tick: float, plan: TimerPlan) -> Run:
    player, notice = PLAYERS[player_kind]()
    missing = {plan.start_bell, plan.interval_bell, plan.end_bell} - set(player.bells)
    if player.name != "silent" and missing:
        raise RuntimeError(f"no bell sound named {', '.join(sorted(missing))}")
    label = driver if driver == "sleep" else f"{driver}, tick {tick:g} s"
    run = Run(player=player_kind, driver=label, notice=notice)
    timer = PacingEngine(plan.timeline(), SystemClock())
    wall0, cpu0 = time.monotonic(), time.process_time()
    DRIVERS[driver](timer, Ringer(player, run, wall0), tick)
    wall1, cpu1 = time.monotonic(), time.process_time()
    run.wall_s, run.cpu_s = wall1 - wall0, cpu1 - cpu0
    player.wait_idle(30.0)
    run.tail_wall_s = time.monotonic() - wall1
    run.tail_cpu_s = time.process_time() - cpu1
    run.player_name_after = player.name
    run.backend = getattr(player.backend, "backend", None)  # miniaudio's name for it
    return run


# ------------------------------------------------------------------------------ report


def report(run: Run) -> None:
    f = run.figures()
    where = run.player_name_after + (f" ({run.backend})" if run.backend else "")
    print(f"\nplayer {run.player}: {where}; driver {run.driver}")
    if run.notice:
        print(f"  notice: {run.notice}")
    print(f"  {'bell':9} {'deadline s':>10} {'late ms':>8} {'play ms':>8}")
    for r in run.bells:
        print(f"  {r.kind:9} {r.deadline_s:10.3f} {r.late_ms:8.3f} {r.play_ms:8.3f}")
    print(
        f"  lateness: max {f['max_late_ms']:.3f} ms, median {f['median_late_ms']:.3f} ms, "
        f"p95 {f['p95_late_ms']:.3f} ms, min {f['min_late_ms']:.3f} ms over {f['bells']} bells"
    )
    print(
        f"  CPU: {run.cpu_s * 1000:.1f} ms over {run.wall_s:.1f} s = "
        f"{f['cpu_percent_of_core']:.4f} % of a core; with the last bell ringing out "
        f"({run.tail_wall_s:.1f} s more): {f['cpu_percent_with_tail']:.4f} %"
    )
    misses = run.misses()
    print(f"  targets (max <= {MAX_LATE_MS} ms, median < {MEDIAN_LATE_MS} ms, CPU <= ", end="")
    print(f"{CPU_PERCENT} %): {'met' if not misses else 'MISSED: ' + '; '.join(misses)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120, help="whole minutes, in seconds")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between bells")
    parser.add_argument("--preparation", type=float, default=10.0)
    parser.add_argument("--player", choices=["default", "null", "both"], default="both")
    parser.add_argument("--driver", choices=sorted(DRIVERS), default="sleep")
    parser.add_argument(
        "--tick", type=float, default=1.0, help="asyncio driver: redraw every N s (0: none)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "bell_timing.json")
    args = parser.parse_args()
    if args.seconds <= 0 or args.seconds % 60:
        parser.error("--seconds must be a whole number of minutes (60, 120, ...)")

    plan = replace(
        Preferences().timer_plan(args.seconds // 60, interval_minutes=args.every / 60),
        preparation_seconds=args.preparation,
    )
    kinds = ["default", "null"] if args.player == "both" else [args.player]
    total = args.preparation + args.seconds
    print(
        f"bell_timing: {args.seconds} s timer, a bell every {args.every:g} s, "
        f"{args.preparation:g} s preparation; players {', '.join(kinds)}; driver {args.driver}"
        f"{'' if args.driver == 'sleep' else f' (tick {args.tick:g} s)'}; "
        f"about {total * len(kinds):.0f} s"
    )
    runs = []
    try:
        for kind in kinds:
            runs.append(measure(kind, args.driver, args.tick, plan))
            report(runs[-1])
    except (RuntimeError, KeyboardInterrupt) as error:
        print(f"bell_timing.py: FAILED: {error}", file=sys.stderr)
        return 2

    record: dict[str, Any] = {
        "benchmark": "bell_timing",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "plan": {
            "seconds": args.seconds,
            "every_s": args.every,
            "preparation_s": args.preparation,
            "bells": [plan.start_bell, plan.interval_bell, plan.end_bell],
            "strikes": [plan.start_strikes, plan.end_strikes],
            "volumes": [plan.volume, plan.interval_volume],
        },
        "targets": {
            "max_late_ms": MAX_LATE_MS,
            "median_late_ms_below": MEDIAN_LATE_MS,
            "cpu_percent_of_core": CPU_PERCENT,
        },
        "runs": [{**asdict(run), "figures": run.figures(), "misses": run.misses()} for run in runs],
    }
    record["targets_met"] = not any(run.misses() for run in runs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    if not record["targets_met"]:
        print("bell_timing.py: a target was missed (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
