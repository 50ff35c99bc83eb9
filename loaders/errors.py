"""The one error type for bad input: it names the file, row, column and problem."""
from __future__ import annotations


class LoadError(ValueError):
    """Bad input. `row` is the 1-based data row as a spreadsheet user counts it (header = row 1).

    `problem` is the English text the command line prints; `code` and `params` say the same for a page, which
    words it in the reader's language (`ui.load_errors`, catalogue keys `load_error.<code>`). An error without a
    code is shown in English. The codes a page user can meet are listed in docs/intake.md."""

    def __init__(self, file: str, problem: str, row: int | None = None, column: str | None = None, *,
                 code: str | None = None, params: dict | None = None):
        self.file, self.problem, self.row, self.column = str(file), problem, row, column
        self.code, self.params = code, dict(params or {})
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.problem}"


class ValueProblem(ValueError):
    """A cell's problem found by a parser that does not know the file or row (loaders.normalize): the caller
    turns it into a LoadError that keeps its `code` and `params`."""

    def __init__(self, problem: str, code: str, **params):
        super().__init__(problem)
        self.code, self.params = code, params


def located(file: str, problem: ValueError, row: int | None = None, column: str | None = None) -> LoadError:
    """A parser's ValueError as a LoadError at `file`, `row`, `column`, keeping its code when it has one."""
    return LoadError(file, str(problem), row, column, code=getattr(problem, "code", None),
                     params=getattr(problem, "params", None))


class DatabaseDamaged(RuntimeError):
    """The stored database cannot be read in full: nothing is written (exit 1, not bad input)."""

    def __init__(self, db: str, table: str | None, reason: str):
        self.db, self.table = str(db), table
        part = f"table '{table}'" if table else "its catalogue (the list of its tables)"
        super().__init__(f"{db}: {part} cannot be read ({reason}); nothing was written. "
                         "Rebuild with `python -m loaders build` or restore a backup.")
