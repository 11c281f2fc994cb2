"""The one kind of error the extensions raise: bad input, told in one line."""


class ContentError(Exception):
    """Bad input (a page, a data file, a stored result): the message names the
    file, the line, entry or field, and the fix. Builds stop with it."""


def yaml_syntax_error(where: str, error) -> str:
    """The one line for a YAML file that does not parse: file, line, column, problem."""
    mark = getattr(error, "problem_mark", None)
    at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{where}: YAML syntax error{at}: {getattr(error, 'problem', None) or error}"
