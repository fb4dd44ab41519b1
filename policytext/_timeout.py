"""A per-document time budget.

:func:`time_limit` arms ``signal.setitimer(ITIMER_REAL)`` and raises
:class:`DocumentTimeout` from the ``SIGALRM`` handler when the budget is spent.
This interrupts pure-Python code and also regular-expression matching (the
``re`` engine checks for pending signals), so a catastrophic backtracking
pattern cannot hang a batch.

:class:`DocumentTimeout` derives from :class:`BaseException`, not
:class:`Exception`, so that the ``except Exception`` guards inside
normalization steps and extractors (which record a failure and carry on)
do not swallow it: the whole document is abandoned and the caller flags it.

Limits: signals are delivered only to the main thread of the main
interpreter, on platforms with ``SIGALRM`` (Linux, macOS). Elsewhere — in a
worker thread, on Windows — the budget is not enforced and a debug message is
logged. A C extension that never returns to the interpreter (a long call into
a tokenizer library) is interrupted only once it returns.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator

__all__ = ["DocumentTimeout", "can_enforce", "time_limit"]

logger = logging.getLogger(__name__)


class DocumentTimeout(BaseException):
    """Raised inside the processing of one document when its time budget is spent."""


def can_enforce() -> bool:
    """Whether :func:`time_limit` can interrupt code here (main thread, ``SIGALRM`` present)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the body once ``seconds`` have passed.

    ``None`` or a non-positive value disables the budget. Nested use is not
    supported (the inner budget replaces the outer one for its duration).

    Examples
    --------
    >>> import time
    >>> try:
    ...     with time_limit(0.05):
    ...         time.sleep(1)
    ... except DocumentTimeout:
    ...     print("timeout")
    timeout
    """
    if not seconds or seconds <= 0:
        yield
        return
    if not can_enforce():
        logger.debug("time limit not enforced: not in the main thread or no SIGALRM")
        yield
        return

    def _on_alarm(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"exceeded the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
