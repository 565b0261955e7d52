"""Progress on long work: a bar with a count and a rate on stderr, or nothing."""
from __future__ import annotations

import sys


class _NoBar:
    """The bar where none is shown."""


    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, label: str, enabled: bool, unit: str = "text", delay: float = 1):
    """A bar with a count and a rate on stderr; with a delay, shown only when the work takes that long."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=unit, file=sys.stderr, delay=delay)
