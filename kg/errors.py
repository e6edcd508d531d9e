"""Errors kg reports to users as one line (the CLI prints them without a traceback)."""


class KGError(Exception):
    """A problem the user can fix; its message is one readable line."""

    exit_code = 1


class InputError(KGError):
    """A path that is missing or unreadable, or an unknown format."""


class RejectedRecord(KGError):
    """A bad record met in --strict mode."""

    exit_code = 2
