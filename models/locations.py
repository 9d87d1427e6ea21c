"""Every path tacit uses, in one place, each with its environment override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "tacit"


def data_dir() -> Path:
    """Where the database lives by default (TACIT_DATA_DIR overrides)."""
    override = os.environ.get("TACIT_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """Where config.toml lives (TACIT_CONFIG_DIR overrides)."""
    override = os.environ.get("TACIT_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def default_db_path() -> Path:
    """The database path: TACIT_DB if set, else tacit.json in the data dir."""
    override = os.environ.get("TACIT_DB")
    return Path(override).expanduser() if override else data_dir() / "tacit.json"


def config_path() -> Path:
    """The config file: TACIT_CONFIG if set, else config.toml in the config dir."""
    override = os.environ.get("TACIT_CONFIG")
    return Path(override).expanduser() if override else config_dir() / "config.toml"
