"""tacit's Textual application: session choice, the capture screen, keys, palette, theme.

The command line (`tacit.cli`, the composition root) builds the store and the
config and hands them in; the app builds the one `SessionState` (every read and
write of the UI) and the `PairSync` (live sync, presence, hang-up), and gives
each screen an `AppContext` so that no screen imports this class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import tzinfo
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from tacit.models.config import Config
from tacit.models.domain import Session
from tacit.models.repository import Store
from tacit.tui import keymap
from tacit.tui.context import AppContext, EngineFactory, Presence
from tacit.tui.messages import PresenceChanged, StoreChanged, StoreFailed, TerminalGone
from tacit.tui.session_state import SessionState
from tacit.tui.styles import PANES_CSS
from tacit.tui.sync import PairSync, install_hangup_handler, remove_hangup_handler
from tacit.tui.typed_ahead import TypedAhead

HANGUP_WAIT_S = 2.0
"""How long a hang-up waits for the keys already read to reach the input before it exits."""
QUIT_WAIT_S = 3.0
"""How long quitting waits for queued writes before leaving them to a recovery file."""


class TacitApp(App[None]):
    """Capture a workflow's rules live, as a pair, from first word to exported rule."""

    TITLE = "tacit"
    BINDINGS = keymap.bindings(keymap.APP_KEYS)

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        open_engine: EngineFactory,
        role: str = "engineer",
        session: Session | None = None,
        tz: tzinfo | None = None,
        after_first_frame: Callable[[], object] | None = None,
    ) -> None:
        """open_engine builds each capture session's question engine (the command line
        decides which; tests may give their own); it is called after the first frame, as
        is after_first_frame (the command line turns garbage collection back on there)."""
        self.role = role
        self.initial_session = session
        # the panes' stylesheet: read now only when the first frame is the capture screen,
        # else with the first session screen (the picker never parses it)
        super().__init__(css_path=PANES_CSS if self._opens_capture_directly else None)
        # no widget of tacit's has a tooltip: Textual would still compose, style and lay out
        # a hidden Tooltip on every screen (as it already does not under Pilot's run_test)
        self._disable_tooltips = True
        self.store = store
        self.config = config
        self.state = SessionState(store, on_error=self._store_failed)
        self.pair_sync = PairSync(self, store, role, on_hangup=self._hang_up)
        self._leave: Callable[[], None] = self.exit  # how quitting ends the app (a hang-up: 129)
        self._left = False
        self.context = AppContext(self.state, config, open_engine, role, tz)
        self.key_overrides: dict[str, str] = {}
        self._after_first_frame = after_first_frame
        self._typed_ahead = TypedAhead(self, super().on_event)

    def _store_failed(self, text: str) -> None:
        self.post_message(StoreFailed(text))

    def on_mount(self) -> None:
        if self._after_first_frame is not None:
            self.call_after_refresh(self._after_first_frame)
        self._apply_config()
        self.call_after_refresh(self.state.start)  # the writer thread: a first write starts it too
        self.pair_sync.start()
        self._show_presence(self.pair_sync.other_role, self.pair_sync.other_connected)
        install_hangup_handler(self.pair_sync)
        if self._opens_capture_directly or self.initial_session is None:
            return  # get_default_screen already made the capture screen or picker the first frame
        self.open_session(self.initial_session)

    @property
    def _opens_capture_directly(self) -> bool:
        return self.initial_session is not None and self.role != "operator"

    def get_default_screen(self) -> Screen[Any]:
        """The first frame is the screen the user came for: the capture screen when a
        session is given, else the session picker (no blank screen rendered first)."""
        if self._opens_capture_directly:
            from tacit.tui.screens.capture import CaptureScreen

            assert self.initial_session is not None
            CaptureScreen.read_css_ahead(self)
            return CaptureScreen(self.initial_session, self.context)
        if self.initial_session is None:
            from tacit.tui.screens.sessions import SessionPicker

            return SessionPicker(self.state, on_choose=self._first_choice)
        return super().get_default_screen()

    def _first_choice(self, session: Session | None) -> None:
        """The first-screen picker's choice: open it, or quit when none was chosen."""
        if session is not None:
            self.open_session(session)
        else:
            self.exit()

    def _apply_config(self) -> None:
        theme = self.config.ui.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.notify(f"Unknown theme {theme!r}; using the default.", severity="warning")
        mapping, unknown = keymap.keymap_from_config(self.config.keys)
        self.key_overrides = mapping  # help shows remapped keys as remapped
        if mapping:
            self.set_keymap(mapping)
        if unknown:
            names = ", ".join(sorted(unknown))
            self.notify(f"Unknown key action(s) in config: {names}", severity="warning")

    def on_unmount(self) -> None:
        remove_hangup_handler()
        self.pair_sync.stop()
        # bounded: with the database locked by another process, quitting does not
        # wait for it; what is still queued is saved elsewhere by the command line
        self.state.close(timeout=QUIT_WAIT_S)

    async def action_quit(self) -> None:
        """Ctrl+Q: quit once the keys typed before it have reached the input; keep half-typed text.

        Ctrl+Q is a priority binding, so it runs before the focused input has
        handled the keys that came just before it; the quit is queued behind them.
        """

        from tacit.tui.widgets.ordered_input import OrderedInput  # not on the picker's path

        focused = self.focused
        if isinstance(focused, OrderedInput):
            focused.call_later(focused.request_quit)  # arrives back as QuitRequested
        else:
            self._quit_saving_typing()

    async def on_event(self, event: events.Event) -> None:
        """Keys typed while the app starts wait for the first focus (`tui.typed_ahead`)."""
        if not self._typed_ahead.hold(event):
            await super().on_event(event)

    def watch_app_focus(self, focused: bool) -> None:
        """The terminal has focus again: a screen composed while it had none (a pair window
        nobody was looking at: tmux reports focus-out) got no focus, so typed keys went
        nowhere. Give it its auto-focus widget now, before the key that woke it is routed."""
        if not focused or not self.screen_stack:
            return
        screen = self.screen
        if screen.focused is not None:
            return
        auto_focus = screen.AUTO_FOCUS if screen.AUTO_FOCUS is not None else self.AUTO_FOCUS
        if auto_focus:
            for widget in screen.query(auto_focus):
                if widget.focusable:
                    screen.set_focus(widget, scroll_visible=False)
                    return

    def on_ordered_input_quit_requested(self) -> None:
        """OrderedInput.QuitRequested (by name: the widget is not imported before a session)."""
        self._quit_saving_typing()

    def on_narrative_pane_quit_requested(self) -> None:
        """NarrativePane.QuitRequested, by name like the above."""
        self._quit_saving_typing()

    def _quit_saving_typing(self) -> None:
        if self._left:
            return
        self._left = True
        self._save_on_hangup()  # the half-typed narrative of every open session view
        self._leave()

    def _hang_up(self, exit_hung_up: Callable[[], None]) -> None:
        """The terminal went away (`PairSync.hang_up`): as Ctrl+Q, the keys the input has not
        handled yet and the lines they entered go first, then the half-typed text; then exit
        (129). Bounded: after HANGUP_WAIT_S it saves what it has and exits anyway."""
        from tacit.tui.widgets.ordered_input import OrderedInput  # not on the picker's path

        self._leave = exit_hung_up
        focused = self.focused
        if isinstance(focused, OrderedInput):
            focused.call_later(focused.request_quit)  # arrives back as QuitRequested
            self.set_timer(HANGUP_WAIT_S, self._quit_saving_typing)
        else:
            self._quit_saving_typing()

    def terminal_gone(self) -> None:
        """From the lifeline thread: the terminal is gone; hang up as on SIGHUP. Never blocks."""
        self.post_message(TerminalGone())

    def on_terminal_gone(self, _message: TerminalGone) -> None:
        """Save what was typed and exit with code 129 (`PairSync.hang_up`)."""
        self.pair_sync.hang_up()

    def on_store_failed(self, message: StoreFailed) -> None:
        """Say in one notice that a write failed; the app keeps running."""
        self.notify(message.text, severity="error", markup=False)

    def on_store_changed(self, _message: StoreChanged) -> None:
        """Some instance wrote the database: every screen that shows it re-reads."""
        for screen in self.screen_stack:
            screen.post_message(StoreChanged())

    def on_presence_changed(self, message: PresenceChanged) -> None:
        """The other role came or went: one notice, and every screen shows it."""
        verb = "joined" if message.connected else "left"
        self.notify(f"The {message.role} {verb}.", timeout=4)
        self._show_presence(message.role, message.connected)

    def _show_presence(self, role: str, connected: bool) -> None:
        self.context.presence = Presence(role, connected)
        for screen in self.screen_stack:
            screen.post_message(PresenceChanged(role, connected))

    def _save_on_hangup(self) -> None:
        """Quitting or the terminal going away: every open session view keeps its typed text."""
        from tacit.tui.screens.session_screen import SessionScreen  # not on the picker's path

        for screen in reversed(self.screen_stack):
            if isinstance(screen, SessionScreen):
                screen.save_on_hangup()

    # sessions -------------------------------------------------------------

    def open_session(self, session: Session) -> None:
        """Show the capture screen for session, replacing the one open now."""
        from tacit.tui.screens.capture import CaptureScreen

        if self.role == "operator":  # pair mode: the operator's own view
            from tacit.tui.screens.operator import OperatorScreen

            self.push_screen(OperatorScreen(session, self.context))
            return

        screen = CaptureScreen(session, self.context)
        current = self.screen
        if isinstance(current, CaptureScreen) and len(self.screen_stack) > 1:
            self.switch_screen(screen)
            return
        if isinstance(current, CaptureScreen):
            current.retired = True  # the first screen cannot be switched away: it rests below
        self.push_screen(screen)

    def _pick_session(self) -> None:
        from tacit.tui.screens.sessions import SessionPicker

        def chosen(session: Session | None) -> None:
            if session is not None:
                self.open_session(session)
            elif not self._capture_open():
                self.exit()

        self.push_screen(SessionPicker(self.state), chosen)

    def _capture_open(self) -> bool:
        from tacit.tui.screens.capture import CaptureScreen

        return any(isinstance(screen, CaptureScreen) for screen in self.screen_stack)

    def action_sessions(self) -> None:
        """Open the session picker (Escape returns to the current session)."""
        from tacit.tui.screens.sessions import SessionPicker

        if not isinstance(self.screen, SessionPicker):
            self._pick_session()

    def action_help(self) -> None:
        """Show the keys of the current screen and its panes, whatever has focus."""
        from tacit.tui.screens.help import HelpScreen

        sections = getattr(self.screen, "HELP_SECTIONS", None)
        if sections:
            self.push_screen(HelpScreen(sections=sections, remapped=self.key_overrides))
            return
        bindings = [active.binding for active in self.screen.active_bindings.values()]
        self.push_screen(HelpScreen(bindings, remapped=self.key_overrides))

    def action_toggle_maximize(self) -> None:
        """Give the focused pane the whole screen (F5 or Escape restores it)."""
        screen = self.screen
        if screen.maximized is not None:
            screen.minimize()
        elif screen.focused is not None and not screen.maximize(screen.focused):
            self.notify("This cannot be maximized.", severity="warning", timeout=2)

    # command palette ------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every capture action, reachable from the command palette."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys of this screen", self.action_help)
        yield SystemCommand("Sessions", "Open or start another session", self.action_sessions)
        yield from _rule_editor_commands(screen)
        from tacit.tui.screens.capture import CaptureScreen

        if not isinstance(screen, CaptureScreen):
            return
        questions, rules = screen.question_list, screen.rule_list
        commands = (
            ("Toggle speaker", "Switch operator / engineer", screen.action_toggle_speaker),
            ("Export session", "Write JSON or Markdown", screen.action_export),
            ("Decision register", "Operational decisions", screen.action_decisions),
            ("Copy all rules", "Every rule of the session", screen.action_copy_all_rules),
            ("Mark question asked", "The highlighted question", questions.action_mark_asked),
            ("Record answer", "The highlighted question", questions.action_record_answer),
            ("Park question", "As an open question with an owner", questions.action_park),
            ("Dismiss question", "The highlighted question", questions.action_dismiss),
            ("Turn question into rule", "Draft and edit", questions.action_to_rule),
            ("Copy question", "The highlighted question", questions.action_copy_selected),
            ("Edit rule", "The highlighted rule", rules.action_edit_rule),
            ("Copy rule", "The highlighted rule", rules.action_copy_selected),
        )
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)


def _rule_editor_commands(screen: Screen[object]) -> Iterable[SystemCommand]:
    """In the rule editor: tick or untick your own acceptance without hunting for it."""
    from textual.css.query import NoMatches
    from textual.widgets import Checkbox

    from tacit.tui.screens.rule_editor import RuleEditor

    if not isinstance(screen, RuleEditor):
        return
    for role in ("operator", "engineer"):
        try:
            box = screen.query_one(f"#accept-{role}", Checkbox)
        except NoMatches:
            continue
        if box.disabled:  # the other person's acceptance: theirs to give
            continue

        def toggle(box: Checkbox = box) -> None:
            box.toggle()

        yield SystemCommand(
            f"Toggle {role} acceptance", f"Tick or untick '{role.capitalize()} accepts'", toggle
        )
