"""The one error a regulation file that cannot be read raises, shared by every format's reader."""


class DocumentError(ValueError):
    """A file that cannot be read as a regulation document; the message (Chinese) says what to do."""
