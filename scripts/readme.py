"""Rewrite the README's table reference from loaders/schema.py (`python scripts/readme.py`)."""
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from loaders.schema import markdown  # noqa: E402

BEGIN, END = "<!-- tables:begin -->", "<!-- tables:end -->"
README = Path(__file__).resolve().parents[1] / "README.md"


def generated() -> str:
    return f"{BEGIN}\n{markdown()}\n{END}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(head + generated() + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
