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

from pathlib import Path
from typing import Any

from tacit.models.locations import config_path


class ConfigError(ValueError):
    """The config file is unreadable or holds a bad value; message is one line."""


class _Settings:
    """Equality and repr by field for the config's sections. Plain classes, not
    dataclasses: the config is built before the app's first frame, where creating these
    five as dataclasses cost about 13 M instructions. `__slots__` lists the fields in order."""

    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable: never a dict key

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class EngineConfig(_Settings):
    """The offline engine: extra banks and how many suggestions per segment."""

    __slots__ = ("banks", "max_suggestions")

    def __init__(self, banks: list[str] | None = None, max_suggestions: int = 5) -> None:
        self.banks: list[str] = [] if banks is None else banks
        self.max_suggestions = max_suggestions


class LLMConfig(_Settings):
    """The optional LLM engine, reached through litellm. Keys never live here."""

    __slots__ = (
        "api_base",
        "api_key_env",
        "max_suggestions",
        "model",
        "num_retries",
        "offline",
        "redact",
        "temperature",
        "timeout",
    )

    def __init__(
        self,
        model: str = "",
        api_base: str = "",
        api_key_env: str = "",
        timeout: float = 20.0,
        temperature: float = 0.2,
        num_retries: int = 1,
        max_suggestions: int = 5,
        redact: bool = False,
        offline: bool = False,
    ) -> None:
        self.model = model
        self.api_base = api_base
        self.api_key_env = api_key_env
        self.timeout = timeout
        self.temperature = temperature
        self.num_retries = num_retries
        self.max_suggestions = max_suggestions
        self.redact = redact
        self.offline = offline

    @property
    def enabled(self) -> bool:
        """An LLM is used only when a model is set and offline mode is off."""
        return bool(self.model) and not self.offline

    @property
    def engine_label(self) -> str:
        """What the status line shows as the suggesting engine: the model, or 'offline'."""
        return self.model if self.enabled else "offline"


class TranscriptConfig(_Settings):
    """Recorded calls: which speaker is the operator (`--operator` wins over this). Empty:
    a speaker labelled Operator, else the one who asks fewest questions."""

    __slots__ = ("operator",)

    def __init__(self, operator: str = "") -> None:
        self.operator = operator


class UIConfig(_Settings):
    """Look and feel."""

    __slots__ = ("theme",)

    def __init__(self, theme: str = "textual-dark") -> None:
        self.theme = theme


class Config(_Settings):
    """Everything config.toml can say."""

    __slots__ = ("engine", "keys", "llm", "path", "transcript", "ui")

    def __init__(
        self,
        engine: EngineConfig | None = None,
        llm: LLMConfig | None = None,
        ui: UIConfig | None = None,
        transcript: TranscriptConfig | None = None,
        keys: dict[str, str] | None = None,
        path: Path | None = None,
    ) -> None:
        self.engine = EngineConfig() if engine is None else engine
        self.llm = LLMConfig() if llm is None else llm
        self.ui = UIConfig() if ui is None else ui
        self.transcript = TranscriptConfig() if transcript is None else transcript
        self.keys: dict[str, str] = {} if keys is None else keys
        self.path = path


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


def _fill(target: _Settings, table: dict[str, Any], section: str, path: Path) -> None:
    known = target.__slots__
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
