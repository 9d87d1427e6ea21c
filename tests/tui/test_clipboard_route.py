"""The clipboard route the doctor reports is the one copy_text takes, per tmux setting."""

from __future__ import annotations

import pytest

from tacit.tui.clipboard import tmux_copy_route, tmux_version


@pytest.mark.parametrize("mode", ["on", "external", "off"])
def test_modern_tmux_reaches_the_clipboard_through_load_buffer_in_every_mode(mode: str) -> None:
    works, how = tmux_copy_route(mode, tmux_version("tmux 3.3a"))
    assert works and "load-buffer -w" in how and f"set-clipboard {mode}" in how


def test_old_tmux_needs_set_clipboard_on() -> None:
    assert tmux_copy_route("on", (3, 1))[0]
    works, how = tmux_copy_route("external", tmux_version("tmux 3.1c"))
    assert not works and "3.1" in how


def test_tmux_versions_are_read_from_what_tmux_prints() -> None:
    assert tmux_version("tmux next-3.4") == (3, 4)
    assert tmux_version("tmux 3.3a") == (3, 3)
    assert tmux_version(None) is None
