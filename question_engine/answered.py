"""Questions the sentence they come from already answers (issue 11's largest wrong class).

Each kind of question is closed by one kind of answer: what goes with a hand-off by "with
the …", a way around "only …" by "except …", what happens past an unless-clause by its
", then …", how work gets into a system by someone entering it, "can't tell whether" by
the operator's own state ("whether I'm away" is no doubt of theirs). A question is dropped
when its sentence gives that kind of answer; the table below is the one place this lives,
so a new template states what closes it here rather than a fix per text.
"""

from __future__ import annotations

import re

_NUMBER = (
    r"(?:\d[\d,.:]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|ninety|a hundred)"
)
# (what marks the question, what in its sentence answers it)
_CLOSED_BY: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (  # "When it goes to the office, what exactly goes with it" — "with the case number"
        re.compile(r"\bwhat (?:exactly )?goes with (?:it|them)\b"),
        re.compile(r"\bwith (?:the|a|an|their|its|his|her|our|each|every)\s+\w", re.IGNORECASE),
    ),
    (  # 'outside "only after payment" — is there a way around it' — "except to …"
        re.compile(r"\bis there a way around it\b"),
        re.compile(r"\b(?:except|apart from|other than|unless)\b", re.IGNORECASE),
    ),
    (  # 'You said "X unless Y" — what happens right at that line' — ", then it's Z"
        re.compile(r"\bwhat happens right at that line, or when it can't be done\b"),
        re.compile(
            r"\b(?:unless|if|except)\b[^.;]*?[,;]\s*(?:then|in which case|otherwise)\b",
            re.IGNORECASE,
        ),
    ),
    (  # "How does the work get into X — typed by hand" — "entered into X at the end of …"
        re.compile(r"\btyped by hand or sent automatically\b"),
        re.compile(
            r"\b(?:entered|typed|keyed|written|copied|filled in)\b(?! automatically)"
            r"|\b(?:recorded|logged)\b(?:(?! and )[^.;,])*?\bby (?:the|a|an|our|their) [a-z]",
            re.IGNORECASE,
        ),
    ),
    (  # "what happens when you can't tell whether I'm away" — the operator knows that
        re.compile(  # what they hold is a fact they can doubt: "whether we have it in stock"
            r"\bcan't tell whether (?:I|I'm|we|we're)\b"
            r"(?! (?:don't |do not |)(?:have|has|hold|keep|run|ran|get|got|are out|'re out)\b)"
        ),
        re.compile(r""),
    ),
    (  # 'Who may make an exception to "X unless Y"': the exception is said (and asked
        # about as "Besides 'unless Y', is there any other case")
        re.compile(r'\bexception to "[^"]*\b(?:unless|except)\b'),
        re.compile(r""),
    ),
    (  # "What counts as out of hours" — "between 9:00 and 16:00": defined by the clock
        re.compile(r"^(?:What counts as|Who decides the borderline cases of)\b"),
        re.compile(
            rf"\bbetween\s+{_NUMBER}\s+and\s+{_NUMBER}\b|\b\d{{1,2}}[:.]\d\d\b"
            r"|\b\d{1,2}\s?(?:am|pm)\b",
            re.IGNORECASE,
        ),
    ),
)

# a plain word each question of the table holds: most questions hold none (a fast no)
_KEYS = (
    "goes with",
    "way around it",
    "right at that line",
    "typed by hand",
    "can't tell whether",
    "exception to",
    "What counts as",
    "borderline cases of",
)


def answered_by(question: str, sentence: str) -> bool:
    """Whether `sentence` (where the question comes from) already gives the answer that
    closes `question`."""
    if not any(key in question for key in _KEYS):
        return False
    return any(asks.search(question) and closes.search(sentence) for asks, closes in _CLOSED_BY)
