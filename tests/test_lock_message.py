"""A writer that gives up on the write lock names the database by its file name only: the message is shown
to admins in the browser, who have no business with the server's folders."""
from __future__ import annotations

import threading

import pytest

from loaders.errors import LoadError
from loaders.write_lock import exclusive
from ui.load_errors import say


def test_the_busy_message_names_the_database_but_not_its_folders(tmp_path):
    db = tmp_path / "secret_folder" / "wmc.duckdb"
    db.parent.mkdir()
    db.write_bytes(b"")
    held, release = threading.Event(), threading.Event()

    def hold():
        with exclusive(db):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5)
    try:
        with pytest.raises(LoadError) as caught:
            with exclusive(db, timeout_s=0.2):
                pass
    finally:
        release.set()
        holder.join()
    for lang in ("en", "zh"):
        shown = say(caught.value, lang)
        assert "wmc.duckdb" in shown
        assert "secret_folder" not in shown and str(tmp_path) not in shown, shown
