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


def test_json_escapes_c1_and_bidi_and_stays_equal() -> None:
    import orjson

    from tacit.models.safe_text import escape_json_controls

    hostile = "a\x1b]52;c;SGVsbG8=\x07\x7fe\x9b31m\x85\u202eevil\u2066i\u2069\u200f\u061c"
    raw = orjson.dumps({"t": hostile, "ok": "café ☕ ü"})
    escaped = escape_json_controls(raw)
    assert orjson.loads(escaped) == orjson.loads(raw)
    for seq in (b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x81\xa6", b"\x7f", b"\x1b"):
        assert seq not in escaped
    assert "café ☕ ü".encode() in escaped


UNSAFE = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x61C, 0x200E, 0x200F}
UNSAFE |= {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def test_clean_strips_exactly_the_unsafe_characters_in_ascii_and_other_text() -> None:
    """ASCII text takes a faster path than other text: both strip the same characters."""
    for point in range(0x3000):
        char = chr(point)
        kept = "" if point in UNSAFE else char
        assert clean(f"a{char}b") == f"a{kept}b", hex(point)  # ASCII when char is
        assert clean(f"é{char}b") == f"é{kept}b", hex(point)  # never ASCII
