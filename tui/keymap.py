"""Key bindings with stable ids, so users can remap any action from config.toml.

`[keys]` in config.toml maps an action id (the part after ``tacit.``) to a key,
e.g. ``mark_asked = "m"``. `keymap_from_config` turns that into the keymap
Textual's `App.set_keymap` expects and reports the ids it does not know.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

PREFIX = "tacit."


class KeySpec:
    """One remappable action: id, default key(s), action string, footer text.

    A plain class, not a dataclass nor a named tuple: it is defined on the start-up path,
    where a dataclass costs about 2.6 M instructions to create, a named tuple 0.7 M and
    this 0.07 M."""

    __slots__ = ("action", "description", "id", "key", "priority", "show")

    def __init__(
        self,
        id: str,
        key: str,
        action: str,
        description: str,
        show: bool = True,
        priority: bool = False,
    ) -> None:
        self.id = id
        self.key = key
        self.action = action
        self.description = description
        self.show = show
        self.priority = priority

    def binding(self) -> Binding:
        """The Textual binding for this action, carrying its remappable id."""
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            id=PREFIX + self.id,
        )


# On the questions list (single keys; active only while that list has focus).
QUESTION_KEYS: tuple[KeySpec, ...] = (
    KeySpec("mark_asked", "a", "mark_asked", "Asked"),
    KeySpec("record_answer", "r", "record_answer", "Answer"),
    KeySpec("park", "p", "park", "Park"),
    KeySpec("dismiss", "d", "dismiss", "Dismiss"),
    KeySpec("to_rule", "u", "to_rule", "To rule"),
    KeySpec("copy_selected_question", "y", "copy_selected", "Copy"),
)

# On the rules list.
RULE_KEYS: tuple[KeySpec, ...] = (
    KeySpec("edit_rule", "e", "edit_rule", "Edit rule"),
    KeySpec("rule_comments", "c", "comments", "Comments"),
    KeySpec("copy_selected_rule", "y", "copy_selected", "Copy"),
)

# On the capture screen (priority ones work while typing in the input).
SCREEN_KEYS: tuple[KeySpec, ...] = (
    KeySpec("toggle_speaker", "ctrl+t,f2", "toggle_speaker", "Speaker", priority=True),
    KeySpec("export", "ctrl+e", "export", "Export", priority=True),
    KeySpec("sessions", "ctrl+o", "sessions", "Sessions", priority=True),
    KeySpec("copy_all_rules", "Y", "copy_all_rules", "Copy rules"),
    KeySpec("decisions", "D", "decisions", "Decisions"),
    KeySpec("focus_input", "i", "focus_input", "Back to typing", show=False),
    KeySpec("stop_suggestions", "escape", "stop_suggestions", "Stop suggesting", show=False),
)

# On the app.
APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("help", "f1,question_mark", "help", "Help"),
    KeySpec("maximize", "f5", "toggle_maximize", "Maximize"),
    KeySpec("quit", "ctrl+q", "quit", "Quit", priority=True),
)

ALL_KEYS: tuple[KeySpec, ...] = QUESTION_KEYS + RULE_KEYS + SCREEN_KEYS + APP_KEYS

# What help lists on the capture screen, whatever has focus: (title, keys) per pane.
# The plain (key, description) pairs are fixed keys of the widgets themselves.
CAPTURE_HELP: tuple[tuple[str, tuple[KeySpec | tuple[str, str], ...]], ...] = (
    ("Anywhere on this screen", (*SCREEN_KEYS, *APP_KEYS, ("tab", "Next pane"))),
    ("Narrative input", (("enter", "Add what was said as one segment"),)),
    ("Questions pane", QUESTION_KEYS),
    ("Rules pane", (*RULE_KEYS, ("enter", "Edit rule"))),
)

# Ids of bindings declared by the dialogs and the operator view themselves
# (tests/test_keymap_ids.py keeps this list in step with their BINDINGS).
SCREEN_BINDING_IDS: tuple[str, ...] = (
    "sessions_cancel",
    "sessions_new",
    "export_cancel",
    "export_save",
    "prompt_cancel",
    "confirm_no",
    "confirm_yes",
    "help_close",
    "comments_close",
    "decision_editor_cancel",
    "decision_editor_save",
    "decisions_close",
    "decisions_edit",
    "decisions_new",
    "operator_accept",
    "operator_send_back",
    "operator_focus_rules",
    "operator_focus_input",
    "rule_editor_cancel",
    "rule_editor_save",
    "rule_editor_add_unless",
)
ACTION_IDS: frozenset[str] = frozenset(spec.id for spec in ALL_KEYS) | frozenset(SCREEN_BINDING_IDS)


def bindings(specs: tuple[KeySpec, ...]) -> list[BindingType]:
    """Textual bindings for a group of key specs."""
    return [spec.binding() for spec in specs]


def keymap_from_config(keys: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The Textual keymap for config's [keys], and the action ids it does not know."""
    keymap: dict[str, str] = {}
    unknown: list[str] = []
    for action_id, key in keys.items():
        name = action_id.removeprefix(PREFIX)
        if name in ACTION_IDS and key.strip():
            keymap[PREFIX + name] = key.strip()
        else:
            unknown.append(action_id)
    return keymap, unknown
