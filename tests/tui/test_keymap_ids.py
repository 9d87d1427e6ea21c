"""Every binding with an id can be remapped from config.toml's [keys]."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding

import tacit.tui.screens
from tacit.tui import keymap


def test_every_screen_binding_id_is_remappable() -> None:
    declared: set[str] = set()
    for info in pkgutil.iter_modules(tacit.tui.screens.__path__):
        module = importlib.import_module(f"tacit.tui.screens.{info.name}")
        for value in vars(module).values():
            for binding in getattr(value, "BINDINGS", []) if isinstance(value, type) else []:
                if isinstance(binding, Binding) and binding.id:
                    declared.add(binding.id.removeprefix(keymap.PREFIX))
    assert declared, "no screen declares bindings with ids"
    assert declared <= keymap.ACTION_IDS, sorted(declared - keymap.ACTION_IDS)


def test_config_can_remap_a_dialog_key_and_reports_unknown_ids() -> None:
    mapping, unknown = keymap.keymap_from_config(
        {"operator_accept": "A", "rule_editor_save": "f10", "no_such_action": "x"}
    )
    assert mapping == {"tacit.operator_accept": "A", "tacit.rule_editor_save": "f10"}
    assert unknown == ["no_such_action"]
