"""Exception and warning hierarchy.

Every error names what was wrong, the offending value and what would be valid,
in the manner of spaCy's messages.
"""

from __future__ import annotations

__all__ = [
    "DecodeError",
    "IngestError",
    "MissingDependencyError",
    "PatternError",
    "PipelineError",
    "PolicytextError",
    "PolicytextWarning",
]


class PolicytextError(Exception):
    """Base class of every error raised by policytext."""


class IngestError(PolicytextError):
    """A file could not be read (missing, unreadable, a directory, a FIFO...)."""


class DecodeError(IngestError):
    """The bytes of a file are binary or could not be decoded as text."""


class PatternError(PolicytextError, ValueError):
    """A pattern table is malformed: unknown key, empty group or a bad regex."""


class PipelineError(PolicytextError, ValueError):
    """A normalization pipeline was built or used wrongly (e.g. an unknown step)."""


class MissingDependencyError(PolicytextError, ImportError):
    """An optional dependency is needed; the message says which extra installs it."""


class PolicytextWarning(UserWarning):
    """Warnings emitted by policytext (e.g. no CJK font for plots)."""


def missing_dependency(package: str, extra: str) -> MissingDependencyError:
    """Build the error raised when an optional backend is not installed."""
    return MissingDependencyError(
        f"This feature needs the optional dependency {package!r}. "
        f"Install it with: pip install 'policytext[{extra}]'"
    )
