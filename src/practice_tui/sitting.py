"""One sitting of a guided practice, as the practice screen and ``play --plain`` both run it:
its plan (with room for a voice), its timeline, what to do with what the engine hands out,
and the session kept in the journal. Plain Python: the screen draws, plain mode prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from practice_tui.engine.engine import PacingEngine, SpeechAction
from practice_tui.engine.practice_plan import practice_timeline
from practice_tui.journal.sessions import new_session

if TYPE_CHECKING:
    from practice_tui.anchors import Anchor
    from practice_tui.course import Mode, Practice
    from practice_tui.course.model import PlannedStep
    from practice_tui.engine.clock import Clock
    from practice_tui.engine.due import Due
    from practice_tui.engine.timeline import Timeline
    from practice_tui.journal import PracticeSession
    from practice_tui.preferences import Preferences
    from practice_tui.sound import BellPlayer
    from practice_tui.speech.preparing import PreparedVoice
    from practice_tui.speech.speaker import Speaker


def sitting_name(practice: Practice, mode: Mode) -> str:
    """The name kept in the journal: with the way it was done, where there are several."""
    return f"{practice.name} ({mode.name})" if practice.has_modes else practice.name


def spoken_plan(
    mode: Mode,
    minutes: int,
    prefs: Preferences,
    voice: PreparedVoice,
    bells: BellPlayer,
    *,
    anchor: Anchor,
) -> tuple[list[PlannedStep], Speaker]:
    """The plan with room for every spoken block after its bell rings out, in the words for
    ``anchor``, and the speaker that will say them. Raises
    :class:`~practice_tui.course.LengthError` when the words do not fit in ``minutes`` (the
    caller then shows them instead)."""
    from practice_tui.course.speaking import CUE_RING_SECONDS, START_RING_SECONDS
    from practice_tui.sound.player import ring_out_seconds
    from practice_tui.speech.speaker import Speaker

    steps = mode.plan(
        minutes,
        voice.spoken,
        cue_every_step=prefs.cue_every_step,
        start_seconds=ring_out_seconds(prefs.start_bell, prefs.start_strikes) or START_RING_SECONDS,
        cue_seconds=ring_out_seconds(prefs.phase_bell) or CUE_RING_SECONDS,
        anchor=anchor,
    )
    speaker = Speaker(
        bells,
        volume=prefs.voice_gain,
        recordings=voice.recordings,
        direct=voice.direct,
        voice=voice.voice,
        speed=voice.speed,
    )
    bells.preload_speech(voice.recordings.values())
    return steps, speaker


def sitting_timeline(
    steps: list[PlannedStep], prefs: Preferences, *, preparation: int, speaking: bool
) -> Timeline:
    """The timeline of a sitting: the chosen bells, the time to settle, a cue per step or
    per phase."""
    return practice_timeline(
        steps,
        prefs.practice_bells(),
        preparation,
        cue_every_step=prefs.cue_every_step,
        speaking=speaking,
    )


def ring(due: Due, bells: BellPlayer, prefs: Preferences, speaker: Speaker | None) -> None:
    """Ring each bell with its own sound, strikes and volume (or the bells' volume), then do
    what the voice must: hold, carry on or silence its words, then begin new ones."""
    for bell in due:
        volume = bell.volume if bell.volume is not None else prefs.bell_gain
        if volume > 0:
            bells.play(bell.sound, volume, strikes=bell.strikes)
    if speaker is None:
        return
    if due.speech is SpeechAction.PAUSE:
        speaker.pause()
    elif due.speech is SpeechAction.RESUME:
        speaker.resume()
    elif due.speech is SpeechAction.STOP:
        speaker.stop()
    if due.say is not None:
        speaker.say(due.say.text)


def session_of(
    engine: PacingEngine,
    clock: Clock,
    *,
    practice_id: str,
    practice_name: str,
    week: int | None,
    kind: str = "guided",
) -> PracticeSession:
    """The journal's record of a sitting that has begun: the time practised, and whether it
    was completed (ran to its end bell without being skipped through)."""
    now_wall = clock.wall()
    return new_session(
        practice_id=practice_id,
        practice_name=practice_name,
        week=week,
        started_at=engine.started_wall() or now_wall,
        ended_at=now_wall,
        planned_seconds=round(engine.planned_seconds or 0),
        practised_seconds=round(engine.practised_seconds(), 1),
        completed=engine.completed,
        kind=kind,
    )
