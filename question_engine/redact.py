"""Mask personal data (emails, phone numbers, long digit runs) before text leaves the machine."""

from __future__ import annotations

import re

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"
NUMBER_MASK = "[number]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# An optional +country code, then groups of digits split by spaces, dots, dashes or
# parentheses, 7 digits at least in all: "+1 (555) 010-9999", "020 7946 0958".
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d{1,4}\)?(?:[ .\-]?\(?\d{2,4}\)?){1,5}(?!\w)")
_LONG_DIGITS = re.compile(r"\d{6,}")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
_MIN_PHONE_DIGITS = 7


def _mask_phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(ch.isdigit() for ch in found)
    if digits < _MIN_PHONE_DIGITS or found.isdigit() or _DATE.fullmatch(found.strip()):
        return found  # too short, a plain digit run (masked below), or a date
    return PHONE_MASK


def redact(text: str) -> str:
    """Text with emails, phone numbers and digit runs of 6 or more masked.

    Short numbers the narrative needs ("5%", "3 days", "2024", zip codes of 5
    digits) are kept: they carry the rules, not the identities.
    """
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _PHONE.sub(_mask_phone, text)
    return _LONG_DIGITS.sub(NUMBER_MASK, text)
