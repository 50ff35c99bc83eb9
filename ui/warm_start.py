"""A new server's first page, prepared before anyone asks: app.py runs `warm_up` in a thread at start-up.

A server process imports its modules and opens the database on its first visitor's run. Here that was about
0.8 s of imports (pandas, the pages' modules, Streamlit's emoji table) and 0.3 s of the Overview's queries, on top
of what a one-metric Streamlit app costs. Done at start-up, it overlaps the time the first browser spends loading
Streamlit's frontend. Nothing here draws; a failure is logged and left to the page, which reports it as before.
"""
from __future__ import annotations

import ast
import importlib
import time
from pathlib import Path

from streamlit.logger import get_logger

ROOT = Path(__file__).resolve().parents[1]
# What a visitor without a link opens: the entry point and the default page.
FIRST_PAGE = (ROOT / "dashboard.py", ROOT / "pages" / "overview.py")
# Modules Streamlit imports on first use that the first page needs: the emoji table (the language switch's
# labels, 0.08-0.14 s) and PIL with the image formats it registers on its first open (the favicon).
STREAMLIT_ON_FIRST_USE = ("streamlit.emojis", "streamlit.elements.lib.image_utils", "PIL.Image", "PIL.ImageFile",
                          "PIL.GifImagePlugin")
_log = get_logger(__name__)  # Streamlit's: its level and handler, so the server's log shows the line


def imported_by(path: Path) -> list[str]:
    """The modules a script imports at its top level, read from its source (nothing to keep in step); a name
    taken `from` a package is listed as `package.name`, which import_all imports when it is a module."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return names


def import_all(names) -> None:
    for name in dict.fromkeys(names):
        parent, _, attribute = name.rpartition(".")
        if parent and hasattr(importlib.import_module(parent), attribute):
            continue  # a function, a constant, or a module already imported
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if parent and exc.name == name:
                continue  # a name the module does not define: the page's own import will say so
            raise


def warm_up() -> dict[str, float]:
    """Import the first page's modules and what Streamlit needs for its first elements, run its queries
    (queries/warm.py), then import the other pages' modules. Returns the seconds each step took; never raises."""
    took, start = {}, time.perf_counter()
    steps = (("imports", lambda: import_all(n for p in FIRST_PAGE for n in imported_by(p))),
             ("streamlit", _streamlit_first_element),
             ("queries", _opening_view),
             ("other_pages", lambda: import_all(n for p in sorted((ROOT / "pages").glob("*.py"))
                                                for n in imported_by(p))))
    for step, run in steps:
        began = time.perf_counter()
        try:
            run()
        except Exception as exc:  # the page meets the same problem and says it to its visitor
            _log.warning("warm start: %s failed: %s: %s", step, type(exc).__name__, exc)
        took[step] = time.perf_counter() - began
    took["total"] = time.perf_counter() - start
    _log.info("warm start: first page prepared in %.2f s (%s)", took["total"],
              ", ".join(f"{k} {v:.2f} s" for k, v in took.items() if k != "total"))
    return took


def _streamlit_first_element() -> None:
    """Streamlit's own first-use work for the first page; a module moved by a Streamlit release raises here (and
    is logged), where import_all would skip a missing name."""
    for name in STREAMLIT_ON_FIRST_USE:
        importlib.import_module(name)
    from PIL import Image

    from ui.st_internals import settle_first_element_check

    Image.preinit()  # the formats PIL registers on the first image it opens
    settle_first_element_check()


def _opening_view() -> None:
    from queries import warm

    warm.opening_view()
