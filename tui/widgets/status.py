"""The status line: engine state, last notice, presence, session, LLM usage, database.

At 80 columns not everything fits, so each part has a rank: the engine state and
the last notice always show (a long notice is shortened with an ellipsis), then
the other person's presence, the session, the LLM usage, and the database path
when there is room. A part that does not fit is left out or given in its short
form, never cut mid-word.
"""

from __future__ import annotations

import os
from pathlib import PurePath

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tacit.tui.safe_text import bounded, clean, literal
from tacit.tui.sync import presence_label

GAP = "  "


class Part:
    """One piece of the status line: its forms, longest first, and its rank (0 = kept first).
    (A plain class: the capture screen's first frame defines it, where a named tuple costs
    ~0.7 M instructions to create, this ~0.07 M.)"""

    __slots__ = ("forms", "rank")

    def __init__(self, rank: int, forms: tuple[Content, ...]) -> None:
        self.rank = rank
        self.forms = forms


def fit(parts: list[Part], width: int) -> Content:
    """The parts in their order, as many as fit in width, each in the widest form that fits.

    Higher-ranked parts choose first (their widest form that still fits), lower-ranked
    ones get the room that is left or stay out. Rank-0 parts always show; a line still
    too wide (a long notice) is cut with an ellipsis.
    """
    chosen: dict[int, Content] = {}

    def width_with(extra: Content) -> int:
        shown = [*chosen.values(), extra]
        return sum(c.cell_length for c in shown) + len(GAP) * (len(shown) - 1)

    for index in sorted(range(len(parts)), key=lambda i: (parts[i].rank, i)):
        forms = parts[index].forms
        fitting = [form for form in forms if width_with(form) <= width]
        if fitting:
            chosen[index] = fitting[0]
        elif parts[index].rank == 0:
            chosen[index] = forms[-1]
    line = Content(GAP).join(chosen[i] for i in sorted(chosen))
    if line.cell_length > width:
        line = line.truncate(width, ellipsis=True)
    return line


def _shorter(path: str) -> tuple[str, ...]:
    """A path, then with home as ~, then its last two parts, then its name."""
    home = str(PurePath(os.path.expanduser("~")))
    forms = [path]
    if home not in ("", "/", "~") and path.startswith(home + os.sep):
        forms.append("~" + path[len(home) :])
    parts = PurePath(path).parts
    if len(parts) > 2:
        forms.append(os.path.join("…", *parts[-2:]))
    forms.append(PurePath(path).name or path)
    return tuple(dict.fromkeys(forms))


class StatusLine(Static):
    """One line at the bottom; every value is shown literally."""

    session_label: reactive[str] = reactive("")
    db_path: reactive[str] = reactive("")
    engine: reactive[str] = reactive("offline")
    busy: reactive[bool] = reactive(False)
    notice: reactive[str] = reactive("")
    usage: reactive[str] = reactive("")
    presence: reactive[tuple[str, bool] | None] = reactive(None)
    """(other role, connected) in pair mode; the screen sets it on PresenceChanged."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def parts(self) -> list[Part]:
        """What the line could show, in display order, each with its rank."""
        state = (" ● suggesting…", "bold $warning") if self.busy else (" ○ idle", "dim")
        parts = [Part(0, (Content.assemble(literal(self.engine), state),))]
        if self.notice:
            parts.append(Part(0, (literal(self.notice, "italic"),)))
        if self.presence is not None:
            role, connected = self.presence
            mark = ("●", "$success") if connected else ("○", "dim")
            short = Content.assemble((f"{role} ", "bold"), mark)
            parts.append(Part(1, (presence_label(role, connected), short)))
        if self.session_label:
            title, _, short_id = self.session_label.rpartition(" (")
            if not title:
                title, short_id = self.session_label, ""
            parts.append(Part(2, (literal(title, "bold"),)))
            if short_id:  # the id matters least: it shows only when everything else fits
                parts.append(Part(5, (literal("(" + short_id, "dim"),)))
        if self.usage:
            parts.append(Part(3, (literal(self.usage, "dim"),)))
        if self.db_path:
            # cleaned before it is shortened: the "…" of a short form is no reason to clean
            # it again (non-ASCII text takes the slower way, its first use ~2.7 M instructions)
            shown = _shorter(clean(self.db_path))
            forms = tuple(Content.assemble(("db ", "dim"), Content(bounded(p))) for p in shown)
            parts.append(Part(4, forms))
        return parts

    def render(self) -> Content:
        """As much as fits, most important first (see the module docstring)."""
        width = self.content_size.width or 10_000
        return fit(self.parts(), width)
