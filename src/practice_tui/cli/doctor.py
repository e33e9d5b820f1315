"""``practice-tui doctor``: which sound and voice are in use (and why the others are not),
where the data lives, and a test bell."""

from __future__ import annotations

from typing import Any

import click

from practice_tui import __version__
from practice_tui.paths import resolve_paths


@click.command()
@click.option(
    "--no-sound",
    is_flag=True,
    help="Leave the sound device alone: no test bell, and the device is not opened.",
)
@click.pass_context
def doctor(ctx: click.Context, no_sound: bool) -> None:
    """Say which sound backend and device are in use and where your data lives; ring a bell."""
    from practice_tui.preferences import load_preferences, preferences_path
    from practice_tui.speech import choose_engine, find_engines, why_not_used

    paths = resolve_paths(ctx.obj.get("data_dir"))
    notices: list[str] = []
    player = None if no_sound else _open_player(notices)
    sound = _unopened_sound() if player is None else _describe(player)
    changes = "not checked (--no-sound)" if player is None else _marks(sound["backend"])
    preferences, problem = load_preferences(preferences_path(paths))
    system = f" ({sound['system']})" if sound["system"] else ""
    speech = find_engines(voices_dir=paths.voices_dir)
    voice = choose_engine(speech, preferences.voice_engine)
    rows = [
        ("practice-tui", __version__),
        ("Sound", f"{sound['backend']}{system}"),
        ("Device", sound["device"] or "unknown"),
        ("Bells", ", ".join(sound["bells"]) or "none found"),
        ("Volume", "muted" if preferences.muted else f"{preferences.volume} of 100"),
        ("Changes", changes),
        ("Journal", str(paths.journal_file)),
        ("Settings", str(preferences_path(paths))),
        ("Your practices", str(paths.own_practices_dir)),
        ("Voice", _voice_row(voice.label if voice else None, preferences.voice_on)),
        ("Piper voices", str(paths.voices_dir)),
        ("Spoken words", f"{paths.speech_cache_dir} (never leave this computer)"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        click.echo(f"{label:<{width}}  {value}")
    for failure in sound["failures"]:
        click.echo(f"{'':<{width}}  not used: {failure}")
    for label, reason in why_not_used(speech, voice).items():
        click.echo(f"{'':<{width}}  voice not used: {label}: {reason}")
    from practice_tui.journal.conflicts import conflict_notice, conflicted_copies

    conflicts = conflict_notice(conflicted_copies(paths.journal_file))
    for line in [*notices, *([problem] if problem else []), *([conflicts] if conflicts else [])]:
        click.echo(line)
    if player is None:
        return
    from practice_tui.sound import play_test_bell

    click.echo("Ringing a test bell…")
    if play_test_bell(player, volume=preferences.bell_gain or 0.5):
        click.echo("The bell rang to the end. If you heard nothing, check the volume.")
    else:
        words = _marks(_describe(player)["backend"])
        click.echo(f"No sound device played the bell: {words[:1].lower()}{words[1:]}")


def _terminal_bell() -> None:
    """Ring the terminal's bell, as the app would, where there is a terminal to ring."""
    stream = click.get_text_stream("stderr")
    if stream.isatty():
        stream.write("\a")
        stream.flush()


def _marks(backend: str) -> str:
    """What will mark a practice's changes, as a sentence: the app's own words."""
    # Here: only once the device is opened, which loads the sound package anyway.
    from practice_tui.sound.wording import marks_the_changes

    words = marks_the_changes(backend)
    return f"{words[:1].upper()}{words[1:]}."


def _open_player(notices: list[str]) -> object:
    """The player the app would use, its device opened (which only miniaudio can tell about)."""
    # Here, not at the top: the sound backends (miniaudio brings urllib and email, ~30 ms)
    # load only when the device is opened, so `doctor --no-sound` starts as fast as the rest.
    from practice_tui.sound import open_player

    # The terminal bell, as the app has it: so the two say the same about what marks changes.
    return open_player(on_notice=notices.append, terminal_bell=_terminal_bell)


def _describe(player: object) -> dict[str, Any]:
    from practice_tui.sound import describe_sound

    return describe_sound(player)


def _unopened_sound() -> dict[str, Any]:
    """What can be said about sound without opening the device: the bells on disk."""
    from practice_tui.paths import bells_dir

    return {
        "backend": "not checked (--no-sound; `practice-tui doctor` opens the device)",
        "system": "",
        "device": "not opened",
        "bells": sorted(path.stem for path in bells_dir().glob("*.wav")),
        "failures": [],
    }


def _voice_row(label: str | None, voice_on: bool | None) -> str:
    """The voice in use, and whether Settings turned it off."""
    if label is None:
        return "none found"
    return f"{label} (turned off in Settings)" if voice_on is False else label
