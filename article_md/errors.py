"""The one kind of error the extensions raise: bad input, told in one line."""


class ContentError(Exception):
    """Bad input (a page, a data file, a stored result): the message names the
    file, the line, entry or field, and the fix. Builds stop with it."""
