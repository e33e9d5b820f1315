"""The screens' alarm clock: an alarm armed at, or a moment past, its deadline still wakes the
screen at once. (A Textual one-shot timer whose task starts after its due time is skipped, so
a bell due that instant waited for the once-a-second redraw: up to a second late.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from practice_tui.screens.pacing import QuietLoop
from tests.support.clock import FakeClock


class Owner:
    """What the loop needs of a widget: a way to run a callback on its own message loop."""

    def call_next(self, callback: Callable[[], None]) -> None:
        callback()


async def _arm_and_settle(past_by: float) -> list[float]:
    clock = FakeClock()
    woke: list[float] = []
    loop = QuietLoop(Owner(), lambda: woke.append(clock.monotonic()), clock)  # type: ignore[arg-type]
    loop.arm(clock.monotonic() - past_by)
    for _ in range(3):  # a few turns of the event loop, no time passing
        await asyncio.sleep(0)
    loop.stop()
    return woke


@given(past_by=st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=5.0)))
def test_an_alarm_at_or_past_its_deadline_wakes_at_once(past_by: float) -> None:
    assert asyncio.run(_arm_and_settle(past_by)) == [FakeClock().monotonic()]


async def test_a_stopped_alarm_never_wakes() -> None:
    clock = FakeClock()
    woke: list[int] = []
    loop = QuietLoop(Owner(), lambda: woke.append(1), clock)  # type: ignore[arg-type]
    loop.arm(clock.monotonic())
    loop.stop()
    for _ in range(3):
        await asyncio.sleep(0)
    assert woke == []
