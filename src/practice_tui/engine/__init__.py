"""The pacing engine: one state machine over an injected clock (``engine``), running a
timeline of events (``timeline``) that a guided practice (``practice_plan``) or the plain
timer (``timer_plan``) builds. No I/O, no asyncio, no sound, no Textual.

Nothing is re-exported here, so that importing the clock stays cheap for the command line."""
