"""The words and patterns slot checks read a value's kind from: fragments, function
words, determiners, what makes a name a person or a system. Kept apart from the checks
(`slots.py`) so each file reads as one thing."""

from __future__ import annotations

import re

from tacit.question_engine.text import word_set

# a relative clause has lost its noun ("who've already waited"); "that's" points back
FRAGMENT_START = word_set(
    "once and but or then so also still just who who've who's who'd who're whose whom which that's"
)
# after an output's name, what makes the name a verb: "a tenant reports a leak"
OBJECT_AFTER = re.compile(
    r"^\s*(?:a|an|the|it|them|him|her|his|their|our|my|your|me|us|back|that|this|these|those)\b",
    re.IGNORECASE,
)
SINGULAR_DETERMINER = frozenset(["a", "an", "each", "every", "this", "that"])
# "from what the till reports", "whatever the scale says": the output's name is a verb there
OBJECT_BEFORE = re.compile(r"\b(?:what|whatever)\s+$", re.IGNORECASE)
# numbers that name one thing rather than figures someone reads: "the batch numbers"
IDENTIFIER_MODIFIERS = word_set(
    "lot batch serial phone account order reference tracking registration case ticket invoice"
    " part model room seat house flat vat id policy job item table bed stock sku bin pin"
)
# a counted document in a process ("one long report", "two completed reports")
COUNT_WORDS = word_set("one two three four five six several both")
# a class of cases is not a named list or document: "the priority services register"
ARTIFACT_HEADS = frozenset(
    [
        "register",
        "list",
        "scheme",
        "form",
        "database",
        "system",
        "report",
        "queue",
        "number",
        "code",
        "line",
        "desk",
        "team",
        "rate",
        "fee",
        "policy",
        "card",
        "sheet",
        "portal",
        "log",
        "programme",
        "program",
        "board",
        "file",
        "folder",
        "account",
        "meeting",
        "rota",
    ]
)
PREPOSITION_START = frozenset(
    [
        "until",
        "till",
        "before",
        "after",
        "since",
        "by",
        "for",
        "with",
        "from",
        "to",
        "in",
        "on",
        "at",
        "of",
        "as",
        "if",
        "when",
        "unless",
    ]
)
FUNCTION_WORDS = frozenset(
    [
        "must",
        "should",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "shall",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "this",
        "that",
        "these",
        "those",
        "they",
        "we",
        "you",
        "he",
        "she",
        "i",
    ]
)
DETERMINERS = frozenset(["the", "our", "a", "an", "their", "my", "his", "her", "your", "each"])
TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|Miss)\.?\s+$")
CUE_BEFORE = re.compile(
    r"\b(?:ask|asks|tell|tells|ring|rings|phone|phones|call|calls|email|emails|cc|text|"
    r"manager|supervisor|lead|director|officer|clerk|rep|chef|coordinator|inspector|"
    r"analyst|assistant|colleague|boss|engineer|technician|that's|named|called|"
    r"(?:negotiate|negotiates|agree|agrees|talk|talks|speak|speaks|check|checks) with)\s*,?\s+$",
    re.IGNORECASE,
)
PRONOUN_AFTER = re.compile(r"\b(?:she|he|her|his|herself|himself)\b", re.IGNORECASE)
# what only people have or do: "Janet's holiday", "Bilal, our night supervisor",
# "Priya from accounts", "me and Tom"
PERSON_AFTER = re.compile(
    r"^(?:'s\s+(?:desk|holiday|holidays|leave|day off|days off|shift|laptop|mobile|calendar|"
    r"sign-off|initials|signature|handwriting|head|memory|notebook)\b|"
    r",\s+(?:our|my|the)\s+(?:[a-z-]+\s+)?(?:manager|supervisor|lead|clerk|officer|assistant|"
    r"coordinator|admin|administrator|technician|driver|planner|buyer|analyst|owner|boss|"
    r"colleague|receptionist|accountant|director|head)\b|\s+(?:from|in)\s+(?:the\s+)?"
    r"(?:accounts|finance|payroll|HR|legal|sales|ops|operations|the office|reception|"
    r"dispatch|procurement|IT|support)\b)",
    re.IGNORECASE,
)
PERSON_BEFORE = re.compile(r"\b(?:me and|give it to|hand it to|pass it to|hands it to)\s+$", re.I)
SYSTEM_NOUNS = re.compile(
    r"\b(?:portal|system|api|sync|upload|feed|gateway|integration|app|server|import|export|"
    r"payment|transfer|match|job|batch|interface|connection|request|login|download|e-?mail|"
    r"booking|submission|filing|e-filing|report run|webhook|file|fax|scan|call|check|"
    r"lookup|look-up|order|card|charge|debit|label|print|message)s?\b",
    re.IGNORECASE,
)
CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
        "weekday",
        "weekdays",
        "weekend",
        "weekends",
        "christmas",
        "easter",
        "spring",
        "summer",
        "autumn",
        "winter",
    ]
)
AND_VERB = re.compile(r"\band\s+([a-z]+)s\b")
