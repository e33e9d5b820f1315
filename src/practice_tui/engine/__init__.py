"""The pacing engine: clocks and the timelines a practice or a sitting runs on. No I/O."""
