"""Where djdesk keeps its files.

One :class:`AppPaths` value describes every path of an installation. The data folder is, in
order of precedence: ``--data-dir``, the ``DJDESK_DATA_DIR`` environment variable, then the
per-user data folder of the platform (``%LOCALAPPDATA%\\djdesk`` on Windows,
``~/.local/share/djdesk`` on Linux). Nothing is created until :meth:`AppPaths.ensure` is called.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from djdesk.errors import DataDirError

ENV_DATA_DIR = "DJDESK_DATA_DIR"
ENV_DATABASE_URL = "DJDESK_DATABASE_URL"
DB_FILENAME = "djdesk.sqlite3"


def default_data_dir() -> Path:
    return Path(user_data_dir("djdesk", appauthor=False, roaming=False))


@dataclass(frozen=True)
class AppPaths:
    """Every path of one installation, all derived from the data folder."""

    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        chosen = data_dir or os.environ.get(ENV_DATA_DIR) or default_data_dir()
        return cls(Path(chosen).expanduser().absolute())

    @property
    def database_file(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "djdesk.log"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def ui_state_file(self) -> Path:
        """Window geometry and other view state (a Qt INI file, kept with the data)."""
        return self.data_dir / "ui-state.ini"

    @property
    def output_dir(self) -> Path:
        """Default folder for printed PDFs and exported reports."""
        return self.data_dir / "output"

    def database_url(self) -> str:
        """``DJDESK_DATABASE_URL`` if set, otherwise the SQLite file in the data folder."""
        return os.environ.get(ENV_DATABASE_URL) or f"sqlite:///{self.database_file.as_posix()}"

    def ensure(self) -> AppPaths:
        """Create the data folder tree (owner-only where the OS allows) and prove it writable."""
        for folder in (self.data_dir, self.log_dir, self.backup_dir, self.output_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise DataDirError(
                    f"无法创建数据文件夹“{folder}”：{exc.strerror or exc}。"
                    "请检查路径与权限，或用 --data-dir 指定其他文件夹。"
                ) from exc
        try:
            with tempfile.NamedTemporaryFile(dir=self.data_dir, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise DataDirError(
                f"数据文件夹“{self.data_dir}”不可写入：{exc.strerror or exc}。"
                "请检查权限，或用 --data-dir 指定其他文件夹。"
            ) from exc
        return self
