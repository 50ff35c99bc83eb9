"""Paths taken literally: a regular file or a clear refusal, opened without blocking, size-checked."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from config import MAX_UPLOAD_MB
from loaders.errors import LoadError


def check_file(path: Path, file: str | None = None) -> None:
    """A clear error for a path that is missing or is not a regular file (a folder, a FIFO, a
    device). The path is taken literally: no globbing, no expansion. `file` names it in messages."""
    path = Path(path)
    file = file or str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise LoadError(file, "file not found", code="file_not_found") from None
    except OSError as exc:
        raise LoadError(file, f"cannot be read: {exc.strerror}", code="cannot_read") from None
    if not stat.S_ISREG(mode):
        kind = ("a folder" if stat.S_ISDIR(mode) else "a pipe (FIFO)" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
        raise LoadError(file, f"not a regular file ({kind})", code="not_regular_file")


def open_regular(path: Path, file: str | None = None) -> int:
    """A descriptor of `path`, refused unless it is a regular file. Opened non-blocking, so a
    FIFO swapped in after the check cannot hang the open."""
    check_file(path, file)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LoadError(file or str(path), "not a regular file", code="not_regular_file")
    return fd


def read_fd_bounded(fd: int, file: str, limit_mb: float = MAX_UPLOAD_MB) -> bytes:
    """All bytes of an open regular file, refused before reading when it is larger than `limit_mb`
    (and if it grows past it while being read): memory stays bounded whatever the path names."""
    size = os.fstat(fd).st_size
    if size > limit_mb * 1e6:
        raise LoadError(file, f"file is {size / 1e6:.0f} MB; the limit is {limit_mb:g} MB", code="file_too_large",
                        params={"mb": f"{limit_mb:g}"})
    chunks, read = [], 0
    while chunk := os.pread(fd, 1 << 20, read):
        chunks.append(chunk)
        read += len(chunk)
        if read > limit_mb * 1e6:  # grew while being read
            raise LoadError(file, f"file is larger than the limit of {limit_mb:g} MB", code="file_too_large",
                            params={"mb": f"{limit_mb:g}"})
    return b"".join(chunks)


def read_bytes_bounded(path: Path, limit_mb: float = MAX_UPLOAD_MB) -> bytes:
    """The whole file at `path` (taken literally, a regular file), within `limit_mb`."""
    fd = open_regular(Path(path))
    try:
        return read_fd_bounded(fd, str(path), limit_mb)
    finally:
        os.close(fd)
