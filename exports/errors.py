"""The one error exports raise: its text is Swedish and says what to do."""


class ExportError(Exception):
    """An export that could not be made or saved; str(self) is the Swedish message."""
