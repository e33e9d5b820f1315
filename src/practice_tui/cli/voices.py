"""``practice-tui voices``: the speech engines found and their voices, adding a Piper voice,
and hearing one sentence. No Textual here; nothing is ever downloaded.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from practice_tui.cli.context import Problem
from practice_tui.cli.output import on_screen, say_done
from practice_tui.paths import Paths, resolve_paths

if TYPE_CHECKING:
    from practice_tui.preferences import Preferences
    from practice_tui.speech import EngineStatus, SpeechEngine, Speed

# The speech package is imported inside the commands: each loads only what it uses.

#: The sentence ``voices test`` speaks.
TEST_SENTENCE = "This is how your practices will sound. Take a breath, and let it go."
#: Seconds ``voices test`` waits beyond the sentence's own length before giving up on it.
PLAY_GRACE_S = 3.0
#: Seconds a voice that speaks directly may take over the sentence before it is stopped.
DIRECT_LIMIT_S = 20.0


def _settings(paths: Paths) -> Preferences:
    from practice_tui.preferences import load_preferences, preferences_path

    preferences, _ = load_preferences(preferences_path(paths))
    return preferences


def _choice(preferences: Preferences) -> tuple[str | None, str | None, Speed]:
    """The engine, voice and speed chosen in Settings (None: the best found, its own voice)."""
    from practice_tui.speech import Speed

    speed = preferences.voice_speed
    return (
        preferences.voice_engine or None,
        preferences.voice or None,
        Speed(speed) if speed in tuple(Speed) else Speed.SLOW,
    )


def _in_use(paths: Paths) -> tuple[list[EngineStatus], SpeechEngine | None, str | None, Speed]:
    from practice_tui.speech import choose_engine, find_engines

    engine_name, voice, speed = _choice(_settings(paths))
    statuses = find_engines(voices_dir=paths.voices_dir)
    engine = choose_engine(statuses, engine_name)
    return statuses, engine, (voice if engine and engine.name == engine_name else None), speed


def _list_voices(engine: SpeechEngine, voice: str | None, in_use: bool) -> None:
    from practice_tui.speech import SpeechError

    try:
        found = engine.voices()
    except SpeechError as error:
        click.echo(f"      (its voices could not be listed: {error})")
        return
    default = getattr(engine, "default_voice", lambda: None)()
    current = voice or default or (found[0].id if found else None)
    width = max((len(each.id) for each in found), default=0)
    for each in found:
        mark = "*" if in_use and each.id == current else " "
        # A voice's id and label come from its file's name or the engine: shown, never obeyed.
        click.echo(on_screen(f"    {mark} {each.id:<{width}}  {each.label}"))


@click.group(invoke_without_command=True)
@click.pass_context
def voices(ctx: click.Context) -> None:
    """List the speech engines and voices found, marking the one in use; add or test a voice.

    The words of a practice are spoken on this computer and never leave it.
    """
    if ctx.invoked_subcommand is not None:
        return
    from practice_tui.speech import why_not_used

    paths = resolve_paths(ctx.obj.get("data_dir"))
    statuses, engine, voice, _ = _in_use(paths)
    reasons = why_not_used(statuses, engine)
    click.echo("Speech engines, best first (* marks the one in use):")
    for status in statuses:
        used = status.engine is not None and status.engine is engine
        why = f": not used: {reasons[status.label]}" if status.label in reasons else ""
        click.echo(f"{'*' if used else ' '} {status.label}{why}")
        if status.engine is not None:
            _list_voices(status.engine, voice, used)
    if engine is None:
        from practice_tui.speech import NO_VOICE_HINT

        click.echo(NO_VOICE_HINT)
    click.echo(
        f"Add a Piper voice with: practice-tui voices add FILE.onnx (kept in {paths.voices_dir})."
    )
    click.echo(
        f"Spoken words are kept in {paths.speech_cache_dir}; they never leave this computer."
    )


@voices.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def add(ctx: click.Context, file: Path) -> None:
    """Add a Piper voice: its .onnx file, with the .onnx.json beside it, copied privately."""
    from practice_tui.speech import VoiceFileError, add_voice

    paths = resolve_paths(ctx.obj.get("data_dir"))
    try:
        voice = add_voice(file.expanduser(), paths.voices_dir)
    except VoiceFileError as error:
        raise Problem(str(error)) from None
    say_done(
        f"Added the Piper voice {on_screen(voice.label)} ({on_screen(voice.id)}).\n"
        "Choose it in Settings; `practice-tui voices test` lets you hear it."
    )


def _wait(playing: object, seconds: float) -> bool:
    """Wait while ``playing()`` is true, at most ``seconds``; whether it finished in time."""
    deadline = time.monotonic() + seconds
    while playing():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@voices.command("test")
@click.pass_context
def test(ctx: click.Context) -> None:
    """Speak one sentence with the voice in use, through the sound device."""
    from practice_tui.speech import NO_VOICE_HINT, SpeechCache, SpeechError, wav_seconds

    paths = resolve_paths(ctx.obj.get("data_dir"))
    _, engine, voice, speed = _in_use(paths)
    if engine is None:
        raise Problem(NO_VOICE_HINT)
    click.echo(f"Speaking one sentence with {engine.label}…")
    try:
        if not engine.writes_files:
            speech = engine.speak(TEST_SENTENCE, voice, speed)  # type: ignore[attr-defined]
            if not _wait(speech.is_playing, DIRECT_LIMIT_S):
                speech.stop()
            click.echo("Done. If you heard nothing, check the volume.")
            return
        wav = SpeechCache(paths.speech_cache_dir).render(engine, TEST_SENTENCE, voice, speed)
    except SpeechError as error:
        raise Problem(str(error)) from None
    _play(paths, wav, wav_seconds(wav) + PLAY_GRACE_S)


def _play(paths: Paths, wav: Path, seconds: float) -> None:
    """Play a rendered sentence through the bells' sound chain, its speech channel."""
    from practice_tui.sound import open_player

    volume = _settings(paths).voice_volume / 100
    notices: list[str] = []
    player = open_player(on_notice=notices.append)
    if player.name in ("terminal", "silent"):
        for line in notices:
            click.echo(line)
        raise Problem("The voice is ready, but no sound device can play it here.")
    player.speak(wav, volume)
    if _wait(player.speech_playing, seconds):
        player.wait_idle(1.0)  # the last of the words still in the device's buffer
    else:
        player.stop_speech()
    for line in notices:
        click.echo(line)
    click.echo("Done. If you heard nothing, check the volume.")
