"""Every error studypack raises derives from StudypackError; the CLI turns each into a clean message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file, pointed at by line and column (from 1)."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {kind}{self.message}{hint}"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order: files in the order they were first named, then by line and column."""
    order: dict[str, int] = {}
    for p in problems:
        order.setdefault(p.path, len(order))
    return sorted(problems, key=lambda p: (order[p.path], p.line, p.col))


def strictly(problems: list[Problem]) -> list[Problem]:
    """Warnings as errors, for a pack that says `strict: yes`."""
    from dataclasses import replace

    why = "an error because the pack says `strict: yes`"
    return [
        replace(p, warning=False, hint=f"{p.hint}; {why}" if p.hint else why) if p.warning else p
        for p in problems
    ]


class StudypackError(Exception):
    """Base of every error studypack raises on purpose."""

    exit_code = 1


class ContentError(StudypackError):
    """The teacher's files have problems; carries every one of them, not just the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sort_problems(list(problems))
        errors = [p for p in problems if not p.warning]
        n = len(errors)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} problem{'s' if n != 1 else ''} found; nothing was written")
        super().__init__("\n".join(lines))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


class UsageError(StudypackError):
    """The command line asked for something that cannot be done."""

    exit_code = 2


class BuildError(StudypackError):
    """The content was fine but the PDF could not be made or written."""

    exit_code = 1


class FontError(StudypackError):
    """The manifest's `font:` names a file that is missing or is not a font."""

    exit_code = 2
