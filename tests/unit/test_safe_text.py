"""The one sanitiser every view and export uses."""

from __future__ import annotations

from tacit.models.safe_text import clean, one_line


def test_clean_strips_escapes_c1_and_bidi_controls_but_keeps_text() -> None:
    raw = "a\x1b[31mred\x07 \x9b2J b\u202eevil\u2066x\u2069 c\tt\nn é ✓"
    assert clean(raw) == "a[31mred 2J bevilx c\tt\nn é ✓"


def test_one_line_folds_whitespace_after_cleaning() -> None:
    assert one_line("  two\n\tlines\x1b ") == "two lines"


def test_the_tui_uses_the_same_function() -> None:
    from tacit.tui import safe_text

    assert safe_text.clean is clean
