"""Speech WAVs read ahead of their moment, so that starting one is only a pointer swap.

The speech layer renders each step's words to a WAV before the practice needs them (often at
22050 Hz, the rate of espeak-ng and Piper). A backend decodes each file once, into samples it
can play as they are (the miniaudio backend: at the device's rate), and keeps them here,
the most recently used first, up to a size. ``preload`` decodes in a daemon thread, so the
caller never waits; ``get`` decodes at once what was not preloaded.
"""

from __future__ import annotations

import logging
import sys
import threading
import wave
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DecodedSpeech", "SpeechWavs", "read_wav_pcm16"]

log = logging.getLogger(__name__)

#: Decoded speech kept at most: about twelve minutes of words at 44.1 kHz, mono, 16-bit.
LIMIT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class DecodedSpeech:
    """One WAV's samples: signed 16-bit, this machine's byte order, channels interleaved."""

    samples: array
    channels: int
    rate: int

    @property
    def frames(self) -> int:
        return len(self.samples) // self.channels

    @property
    def nbytes(self) -> int:
        return len(self.samples) * self.samples.itemsize


def read_wav_pcm16(path: Path) -> DecodedSpeech:
    """A 16-bit PCM WAV as it is (its own rate and channels), with the standard library."""
    with wave.open(str(path), "rb") as source:
        channels, width, rate = source.getnchannels(), source.getsampwidth(), source.getframerate()
        if width != 2 or channels not in (1, 2):
            raise wave.Error(f"{path.name}: expected 16-bit mono or stereo, got {8 * width}-bit")
        samples = array("h", source.readframes(source.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return DecodedSpeech(samples, channels, rate)


class SpeechWavs:
    """Decoded speech by file, kept while it is recent and fits in ``limit_bytes``.

    A file is known by its path, size and modification time, so a file rendered again is
    decoded again. A file that cannot be read gives None (logged), never an exception.
    """

    def __init__(
        self, decode: Callable[[Path], DecodedSpeech], limit_bytes: int = LIMIT_BYTES
    ) -> None:
        self._decode = decode
        self._limit = limit_bytes
        self._lock = threading.Lock()  # guards the fields below
        self._kept: OrderedDict[tuple[str, int, int], DecodedSpeech] = OrderedDict()
        self._kept_bytes = 0
        self._queue: deque[Path] = deque()
        self._loader: threading.Thread | None = None
        self._loaded = threading.Event()  # nothing waiting to be preloaded
        self._loaded.set()

    def get(self, path: Path) -> DecodedSpeech | None:
        """The decoded file: from what was kept, or decoded now; None if it cannot be read."""
        try:
            stat = path.stat()
            key = (str(path), stat.st_size, stat.st_mtime_ns)
            with self._lock:
                found = self._kept.get(key)
                if found is not None:
                    self._kept.move_to_end(key)
                    return found
            decoded = self._decode(path)
        except Exception:
            log.debug("cannot read the speech in %s", path, exc_info=True)
            return None
        self._keep(key, decoded)
        return decoded

    def preload(self, paths: Iterable[Path]) -> None:
        """Decode these files in a daemon thread, in order; returns at once."""
        with self._lock:
            self._queue.extend(Path(p) for p in paths)
            if not self._queue:
                return
            self._loaded.clear()
            if self._loader is None:
                self._loader = threading.Thread(
                    target=self._load_queued, name="practice-tui-speech-load", daemon=True
                )
                self._loader.start()

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Wait until every file asked for has been preloaded; False on timeout."""
        return self._loaded.wait(timeout)

    def __contains__(self, path: object) -> bool:
        with self._lock:
            return any(key[0] == str(path) for key in self._kept)

    def _keep(self, key: tuple[str, int, int], decoded: DecodedSpeech) -> None:
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = decoded
            self._kept_bytes += decoded.nbytes
            while self._kept_bytes > self._limit and len(self._kept) > 1:
                _, oldest = self._kept.popitem(last=False)
                self._kept_bytes -= oldest.nbytes

    def _load_queued(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._loader = None
                    self._loaded.set()
                    return
                path = self._queue.popleft()
            self.get(path)
