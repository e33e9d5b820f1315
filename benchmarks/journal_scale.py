"""Thirty years of journal: the Journal screen's first page, searches, and the app's memory.

A generated journal of ``--entries`` (100,000) entries (``make_journal.py``) against an empty
journal, measured in the same run:

- **first page**: the app runs headless (``App.run_test``, 100×30) on a real data folder;
  once the journal is open, the clock starts as the Journal screen is asked for (what the
  ``j`` key does) and stops when the list has drawn rows of entries (a practice name of the
  first page appears in the lines a widget of that screen rendered). Each process opens the
  screen once cold (the screen's modules load then) and ``--reopen`` times more.
- **search**: in the store, ``entries.count`` plus ``entries.page`` (and
  ``entries.group_counts``, which the screen adds for its headings) for a rare word, a common
  one and two words; and through the screen: the words typed into its search box, Enter,
  until a matching row is drawn.
- **memory**: peak resident memory (``VmHWM``) of the app process once the Journal screen
  shows its first page, and the resident memory then (``VmRSS``).

Targets: first page ≤ 150 ms, a search ≤ 50 ms, memory with the large journal ≤ 1.5× the
memory with an empty one. Exit status 0 when met, 1 when missed, 2 when the run failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import save_result

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FIRST_PAGE_TARGET_MS = 150.0
SEARCH_TARGET_MS = 50.0
MEMORY_TARGET_RATIO = 1.5


# -- the journal ---------------------------------------------------------------------------


def first_page_markers(data_dir: Path) -> list[str]:
    """Practice names the first page must show, whichever way the screen groups entries."""
    from practice_tui.journal import Journal

    path = data_dir / "journal.sqlite3"
    if not path.exists():
        return []
    names: list[str] = []
    with Journal.open(path) as journal:
        for grouping in ("week", "calendar"):
            for entry in journal.entries.page(grouping=grouping, limit=3):  # type: ignore[arg-type]
                names.append(entry.practice_name or entry.kind.capitalize())
    return sorted(set(names))


# -- store-level search --------------------------------------------------------------------


def store_searches(data_dir: Path, words: list[str], repeats: int) -> list[dict[str, Any]]:
    """Median time of a count plus the first page (and of the groups) for each search."""
    from practice_tui.journal import Journal
    from practice_tui.journal.query import EntryQuery

    results = []
    with Journal.open(data_dir / "journal.sqlite3") as journal:
        for words_typed in words:
            query = EntryQuery(search=words_typed)
            page_ms, groups_ms = [], []
            found = 0
            for _ in range(repeats):
                began = time.perf_counter()
                found = journal.entries.count(query)
                journal.entries.page(query, grouping="week", limit=50)
                page_ms.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                journal.entries.group_counts(query, grouping="week")
                groups_ms.append((time.perf_counter() - began) * 1000)
            results.append(
                {
                    "search": words_typed,
                    "found": found,
                    "count_and_page_ms": statistics.median(page_ms),
                    "group_counts_ms": statistics.median(groups_ms),
                }
            )
    return results


# -- the app, in a child process -----------------------------------------------------------


def _memory() -> dict[str, float]:
    """This process's resident memory now and at its peak, in MB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return {"rss_mb": values["VmRSS"], "peak_mb": values["VmHWM"]}


async def _measure_app(
    data_dir: Path, markers: list[str], reopen: int, searches: list[list[Any]]
) -> dict[str, Any]:
    from textual.widget import Widget
    from textual.widgets import Input

    from practice_tui.app import PracticeApp, Services
    from practice_tui.course import load_participant_course
    from practice_tui.engine.clock import SystemClock
    from practice_tui.journal import Journal
    from practice_tui.paths import resolve_paths
    from practice_tui.preferences import load_preferences, preferences_path
    from practice_tui.sound.player import SilentPlayer

    paths = resolve_paths(data_dir)
    preferences_file = preferences_path(paths)
    services = Services(
        course=load_participant_course(paths.own_practices_dir, paths.cache_dir),
        clock=SystemClock(),
        open_journal=lambda: Journal.open(paths.journal_file),
        open_bells=lambda notice, bell: SilentPlayer(),
        preferences=load_preferences(preferences_file)[0],
        preferences_file=preferences_file,
    )
    app = PracticeApp(services)

    # Watch what the widgets of the Journal screen draw; note when the wanted text appears.
    wanted: dict[str, Any] = {"texts": (), "screen": None, "drawn": asyncio.Event(), "at": 0.0}
    render_lines = Widget.render_lines

    def watching(widget: Widget, crop: Any) -> Any:
        strips = render_lines(widget, crop)
        screen = wanted["screen"]
        if screen is not None and not wanted["drawn"].is_set() and not isinstance(widget, Input):
            try:
                on_screen = widget.screen is screen
            except Exception:
                on_screen = False
            if on_screen:
                texts = wanted["texts"]
                drawn = "".join(strip.text for strip in strips)
                if not texts or any(text in drawn for text in texts):
                    wanted["at"] = time.perf_counter()
                    wanted["drawn"].set()
        return strips

    Widget.render_lines = watching  # type: ignore[method-assign]

    async def shown(texts: tuple[str, ...], began: float, timeout: float = 60) -> float:
        await asyncio.wait_for(wanted["drawn"].wait(), timeout=timeout)
        return (wanted["at"] - began) * 1000

    def watch_for(texts: tuple[str, ...]) -> None:
        wanted["texts"] = texts
        wanted["drawn"] = asyncio.Event()

    result: dict[str, Any] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        deadline = time.monotonic() + 60
        while not services.journal_is_open:
            if time.monotonic() > deadline:
                raise RuntimeError("the journal did not open")
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()  # today's backup, if not yet taken
        await pilot.pause(0.1)
        opens = []
        for attempt in range(1 + reopen):
            watch_for(tuple(markers))
            home = app.screen
            wanted["screen"] = None
            began = time.perf_counter()
            app.action_open_journal()
            wanted["screen"] = app.screen if app.screen is not home else None
            if wanted["screen"] is None:
                raise RuntimeError("the Journal screen did not open")
            opens.append(await shown(tuple(markers), began))
            if attempt == 0:
                await pilot.pause(0.2)
                result.update(_memory())
            if searches and attempt == reopen:
                break
            app.pop_screen()
            await pilot.pause(0.05)
        result["first_open_ms"] = opens[0]
        result["reopen_ms"] = opens[1:]
        if searches:
            result["screen_search_ms"] = await _search_on_screen(
                app, pilot, searches, watch_for, shown
            )
    Widget.render_lines = render_lines  # type: ignore[method-assign]
    return result


async def _search_on_screen(
    app: Any, pilot: Any, searches: list[list[Any]], watch_for: Any, shown: Any
) -> dict[str, float | None]:
    """Type each search into the screen's search box and press Enter; until it is answered.

    A search is answered when a row holding its marker is drawn (for a rare word, the
    sentence it was planted in) or, for a common word, the number of entries found.
    """
    from textual.widgets import Input

    screen = app.screen
    box = screen.query_one(Input)
    screen.action_search()
    await pilot.pause(0.05)
    box.value = "Kraków"  # a search first, so the code of searching has run once
    await pilot.pause(0.6)
    timings: dict[str, float | None] = {}
    for words, marker in searches:
        screen.action_search()  # Enter leaves the box for the list: come back to it
        box.value = ""
        await pilot.pause(0.6)
        if app.screen is not screen or not box.has_focus:
            raise RuntimeError("the Journal screen's search box could not be used")
        watch_for((marker,))
        box.value = words
        began = time.perf_counter()
        await pilot.press("enter")
        try:
            timings[words] = await shown((marker,), began, timeout=5)
        except TimeoutError:
            timings[words] = None  # the screen does not show it that way
    return timings


def child(args: argparse.Namespace) -> int:
    markers = json.loads(args.markers)
    searches = json.loads(args.screen_searches)
    result = asyncio.run(_measure_app(args.child, markers, args.reopen, searches))
    print(json.dumps(result))
    return 0


def run_child(
    data_dir: Path, markers: list[str], reopen: int, searches: list[list[Any]], config: Path
) -> dict[str, Any]:
    env = {
        **os.environ,
        "PRACTICE_TUI_DATA_DIR": str(data_dir),
        "PRACTICE_TUI_CONFIG_DIR": str(config),
        "PRACTICE_TUI_CACHE_DIR": str(config / "cache"),
    }
    argv = [sys.executable, __file__, "--child", str(data_dir), "--markers", json.dumps(markers)]
    argv += ["--reopen", str(reopen), "--screen-searches", json.dumps(searches)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the app run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_or_none(values: list[float | None]) -> float | None:
    """The median of the runs that saw the answer; None if one did not."""
    if any(value is None for value in values):
        return None
    return statistics.median(value for value in values if value is not None)


# -- the report ----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="app processes per journal")
    parser.add_argument("--reopen", type=int, default=5, help="warm re-opens per process")
    parser.add_argument("--repeats", type=int, default=20, help="store searches per word")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "practice-tui-bench",
        help="where the generated journal is kept between runs",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--markers", default="[]", help=argparse.SUPPRESS)
    parser.add_argument("--screen-searches", default="[]", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    try:
        with tempfile.TemporaryDirectory(prefix="journal-scale-") as scratch:
            return report(args, Path(scratch))
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        print(f"journal_scale: the measurement failed: {error}", file=sys.stderr)
        return 2


def report(args: argparse.Namespace, scratch: Path) -> int:
    import make_journal

    large = make_journal.cached_journal(args.entries, args.seed, args.cache)
    workdir = scratch
    empty = workdir / "empty-data"
    config = workdir / "config"
    markers = first_page_markers(large)
    rare, common = make_journal.RARE_WORD, make_journal.COMMON_WORD
    searches = store_searches(large, [rare, common, "kind team", "cafe"], args.repeats)
    found = {s["search"]: s["found"] for s in searches}
    on_screen = [[rare, f"{rare} by the river"], [common, f"{found[common]:,}"]]

    # One run of each first, not recorded: the daily backup and the course cache are made.
    run_child(empty, [], 0, [], config)
    run_child(large, markers, 0, [], config)
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "large": []}
    for _ in range(args.runs):  # alternate, so both meet the same conditions
        runs["empty"].append(run_child(empty, [], args.reopen, [], config))
        runs["large"].append(run_child(large, markers, args.reopen, on_screen, config))

    def median(name: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[name])

    def median_reopen(name: str) -> float:
        return statistics.median(ms for run in runs[name] for ms in run["reopen_ms"])

    figures = {
        "first_page_ms": {n: median(n, "first_open_ms") for n in runs},
        "reopen_ms": {n: median_reopen(n) for n in runs},
        "peak_mb": {n: median(n, "peak_mb") for n in runs},
        "rss_mb": {n: median(n, "rss_mb") for n in runs},
        "screen_search_ms": {
            words: _median_or_none([run["screen_search_ms"][words] for run in runs["large"]])
            for words, _ in on_screen
        },
    }
    memory_ratio = figures["peak_mb"]["large"] / figures["peak_mb"]["empty"]
    rss_ratio = figures["rss_mb"]["large"] / figures["rss_mb"]["empty"]
    worst_search = max(s["count_and_page_ms"] for s in searches)
    screen_searches = [ms for ms in figures["screen_search_ms"].values() if ms is not None]
    checks = {
        "first page ≤ 150 ms": figures["first_page_ms"]["large"] <= FIRST_PAGE_TARGET_MS,
        "store search (count + page) ≤ 50 ms": worst_search <= SEARCH_TARGET_MS,
        "screen search ≤ 50 ms": bool(screen_searches) and max(screen_searches) <= SEARCH_TARGET_MS,
        "peak memory ≤ 1.5× empty": memory_ratio <= MEMORY_TARGET_RATIO,
    }

    print(f"\nJournal of {args.entries:,} entries vs an empty one; {args.runs} app runs each\n")
    print(f"{'':<38}{f'{args.entries:,} entries':>16}{'empty':>10}{'ratio':>8}")
    for label, key in (
        ("first page, cold (ms)", "first_page_ms"),
        (f"first page, re-opened x{args.reopen} (ms)", "reopen_ms"),
        ("peak memory, VmHWM (MB)", "peak_mb"),
        ("memory on the screen, VmRSS (MB)", "rss_mb"),
    ):
        pair = figures[key]
        print(
            f"{label:<38}{pair['large']:>16.1f}{pair['empty']:>10.1f}"
            f"{pair['large'] / pair['empty']:>8.2f}"
        )
    for words, ms in figures["screen_search_ms"].items():
        shown = "not seen" if ms is None else f"{ms:.1f}"
        print(f"{f'search {words!r} on the screen (ms)':<38}{shown:>16}")
    print("\nStore searches (median of", args.repeats, "):")
    print(f"  {'words':<12}{'found':>8}{'count+page ms':>15}{'groups ms':>11}")
    for s in searches:
        print(
            f"  {s['search']:<12}{s['found']:>8,}{s['count_and_page_ms']:>15.1f}"
            f"{s['group_counts_ms']:>11.1f}"
        )
    print()
    for name, met in checks.items():
        print(f"{'met   ' if met else 'MISSED'} {name}")

    record = {
        "entries": args.entries,
        "seed": args.seed,
        "runs": args.runs,
        "reopen": args.reopen,
        "figures": figures,
        "memory_ratio": memory_ratio,
        "rss_ratio": rss_ratio,
        "store_searches": searches,
        "targets_met": checks,
        "raw": runs,
    }
    save_result("journal_scale", record)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
