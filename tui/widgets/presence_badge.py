"""The other role's presence as a badge, for the operator's view.

Apart from `tacit.tui.sync` (which every start imports) so that only the operator's
view defines this widget class: Textual sets up each widget class as it is defined
(~1.7 M instructions), and neither first screen shows it.
"""

from __future__ import annotations

from textual.widgets import Static

from tacit.tui.sync import presence_label


class PresenceBadge(Static):
    """'engineer ● connected' or 'engineer ○ not connected'; its screen calls `show`."""

    def __init__(self, role: str = "", connected: bool = False, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        if role:
            self.show(role, connected)

    def show(self, role: str, connected: bool) -> None:
        """Show the other role's state (on PresenceChanged)."""
        self.update(presence_label(role, connected))
