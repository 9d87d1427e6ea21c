"""Typed configuration read from config.toml; CLI flags override it.

Example config.toml:

    [engine]
    banks = ["~/banks/claims.toml"]   # extra question banks for your domain
    max_suggestions = 5

    [llm]
    model = "ollama/llama3.1"         # as litellm spells it; empty = offline
    api_base = "http://127.0.0.1:11434"
    api_key_env = "MY_GATEWAY_KEY"     # name of the env var holding the key
    timeout = 20.0
    temperature = 0.2
    num_retries = 1
    redact = true                      # mask emails, phones, long digit runs

    [transcript]
    operator = "Maria"                 # which speaker in a call transcript is the operator

    [ui]
    theme = "textual-dark"

    [keys]
    mark_asked = "a"                   # remap any action id to a key
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tacit.models.locations import config_path


class ConfigError(ValueError):
    """The config file is unreadable or holds a bad value; message is one line."""


@dataclass(slots=True)
class EngineConfig:
    """The offline engine: extra banks and how many suggestions per segment."""

    banks: list[str] = field(default_factory=list)
    max_suggestions: int = 5


@dataclass(slots=True)
class LLMConfig:
    """The optional LLM engine, reached through litellm. Keys never live here."""

    model: str = ""
    api_base: str = ""
    api_key_env: str = ""
    timeout: float = 20.0
    temperature: float = 0.2
    num_retries: int = 1
    max_suggestions: int = 5
    redact: bool = False
    offline: bool = False

    @property
    def enabled(self) -> bool:
        """An LLM is used only when a model is set and offline mode is off."""
        return bool(self.model) and not self.offline

    @property
    def engine_label(self) -> str:
        """What the status line shows as the suggesting engine: the model, or 'offline'."""
        return self.model if self.enabled else "offline"


@dataclass(slots=True)
class TranscriptConfig:
    """Recorded calls: which speaker is the operator (`--operator` wins over this). Empty:
    a speaker labelled Operator, else the one who asks fewest questions."""

    operator: str = ""


@dataclass(slots=True)
class UIConfig:
    """Look and feel."""

    theme: str = "textual-dark"


@dataclass(slots=True)
class Config:
    """Everything config.toml can say."""

    engine: EngineConfig = field(default_factory=EngineConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    ui: UIConfig = field(default_factory=UIConfig)
    transcript: TranscriptConfig = field(default_factory=TranscriptConfig)
    keys: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def api_base_problem(api_base: str) -> str | None:
    """Why api_base cannot be used, in one line that never shows a password; None if fine.

    A user:password@ part would be sent as HTTP basic auth next to the API key
    (servers answer 401 or 500) and would be shown wherever the URL is shown.
    """
    if not api_base:
        return None
    from urllib.parse import urlsplit  # only when an LLM is configured

    try:
        netloc = urlsplit(api_base if "://" in api_base else f"http://{api_base}").netloc
    except ValueError:
        return "llm.api_base is not a valid URL"
    if "@" in netloc:
        host = netloc.rsplit("@", 1)[1]
        return (
            f"llm.api_base holds a user name or password (…@{host}); tacit never sends"
            " credentials in the URL: remove them and put the key in the variable named by"
            " llm.api_key_env"
        )
    return None


def _fill(target: Any, table: dict[str, Any], section: str, path: Path) -> None:
    known = {f.name: f for f in fields(target)}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown setting [{section}] {key}")
        current = getattr(target, key)
        expected = type(current)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{path}: [{section}] {key} must be {expected.__name__}, got {value!r}"
            )
        setattr(target, key, value)


def load_config(path: Path | None = None) -> Config:
    """Read config.toml (a missing file means defaults); raise ConfigError on bad content."""
    path = path or config_path()
    config = Config(path=path)
    if not path.exists():
        return config
    import tomllib  # only when there is a file to read (keeps it off the usual start-up)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({error})") from None
    sections = {
        "engine": config.engine,
        "llm": config.llm,
        "ui": config.ui,
        "transcript": config.transcript,
    }
    for name, value in data.items():
        if name == "keys":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{path}: [keys] maps action ids to key names (strings)")
            config.keys = dict(value)
        elif name in sections and isinstance(value, dict):
            _fill(sections[name], value, name, path)
        else:
            raise ConfigError(f"{path}: unknown section [{name}]")
    return config
