"""How records read in panes and on the clipboard: plain, literal, one place."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.content import Content

from tacit.models.domain import Question, Rule, Segment
from tacit.models.safe_text import plain_words
from tacit.models.taxonomy import BY_ID
from tacit.tui.safe_text import clean, literal, literal_rich

STATUS_MARK: dict[str, str] = {
    "suggested": "·",
    "asked": "?",
    "answered": "✓",
    "parked": "!",
    "dismissed": "×",
    "draft": "○",
    "accepted": "●",
    "rejected": "×",
    "superseded": "~",
}


def clock(stamp: str, tz: tzinfo | None) -> str:
    """HH:MM of an ISO timestamp, in tz (None = local time); '--:--' if unreadable."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return "--:--"
    return moment.astimezone(tz).strftime("%H:%M")


def category_label(category: str) -> str:
    """The short taxonomy label, or the raw id if unknown."""
    found = BY_ID.get(category)
    return found.label if found else category


SPEAKER_STYLE: dict[str, str] = {"operator": "bold yellow", "engineer": "bold cyan"}


def hint_line(hint: str) -> Text:
    """A coaching hint under the engineer's segment: quiet, on its own line."""
    return Text.assemble("\n  ↳ ", (hint, "italic dim"))


def segment_line(segment: Segment, tz: tzinfo | None) -> Text:
    """A narrative line: time, speaker and the text shown literally (a rich Text for the log)."""
    return Text.assemble(
        (clock(segment.at, tz) + " ", "dim"),
        (segment.speaker, SPEAKER_STYLE.get(segment.speaker, "bold")),
        ": ",
        literal_rich(segment.text),
    )


QUOTE_CHARS = 64
DONE = frozenset({"answered", "dismissed"})  # questions the pair is finished with


def question_prompt(question: Question, selected: bool = False) -> Content:
    """A question in the list: compact (mark, category, text) so several fit at 80x24;
    the highlighted one also says its status and folds out its quote, answer and owner."""
    mark = STATUS_MARK.get(question.status, "?")
    status = f"{mark} {question.status} " if selected else f"{mark} "
    done = question.status in DONE and not selected  # greyed: below the ones to ask
    parts: list[Content | tuple[str, str] | str] = [
        (status, "dim" if done else "bold"),
        (f"[{category_label(question.category)}] ", "dim" if done else "$accent"),
        literal(plain_words(question.text), "dim" if done else ""),
    ]
    if selected and question.quote:  # at most two lines at 80 columns (whole in the narrative)
        quote = literal(question.quote, "italic dim").truncate(QUOTE_CHARS, ellipsis=True)
        parts += ["\n   ", ("“", "dim"), quote, ("”", "dim")]
    if question.answer:
        answer = literal(question.answer)
        if not selected:  # one line's worth: the whole answer is one key (or a highlight) away
            answer = answer.truncate(48, ellipsis=True)
        parts += ["\n   ", ("→ ", "bold"), answer]
    if selected and question.owner:
        parts += ["\n   ", ("owner: ", "dim"), literal(question.owner)]
    return Content.assemble(*parts)


def acceptance_marks(rule: Rule) -> str:
    """'O E' markers: which of operator and engineer accepted the rule."""
    operator = "O✓" if rule.accepted_by_operator else "O·"
    engineer = "E✓" if rule.accepted_by_engineer else "E·"
    return f"{operator} {engineer}"


def sent_back(rule: Rule) -> bool:
    """The operator sent this draft back and has not accepted it since."""
    return (
        rule.status == "draft"
        and rule.accepted_by_operator is None
        and bool(rule.comments)
        and rule.comments[-1].role == "operator"
    )


def rule_prompt(rule: Rule, selected: bool = False) -> Content:
    """A rule in the engineer's list: status, acceptances, statement, first exception;
    a rule the operator sent back is marked, and its comment folds out when highlighted."""
    mark = STATUS_MARK.get(rule.status, "?")
    style = "bold $success" if rule.status == "accepted" else "bold"
    parts: list[Content | tuple[str, str] | str] = []
    if sent_back(rule) and selected:  # the comment first, so a short pane still shows it
        last = rule.comments[-1]
        parts += [("↩ ", "bold $warning"), literal(f"{last.role}: {last.text}", "italic"), "\n"]
    elif sent_back(rule):
        parts.append(("↩ sent back ", "bold $warning"))
    parts += [
        (f"{mark} {rule.status:<8} ", style),
        (acceptance_marks(rule) + " ", "dim"),
        literal(rule.statement),
    ]
    if rule.unless:
        parts += [("\n   unless ", "dim"), literal(rule.unless[0].condition)]
        if len(rule.unless) > 1:
            parts.append((f" (+{len(rule.unless) - 1})", "dim"))
    return Content.assemble(*parts)


def rule_text(rule: Rule) -> str:
    """A rule as plain text for the clipboard (control characters removed)."""
    lines = [f"Rule ({rule.status}, {category_label(rule.category)}): {rule.statement}"]
    if rule.when:
        lines.append(f"  When: {rule.when}")
    if rule.then:
        lines.append(f"  Then: {rule.then}")
    for clause in rule.unless:
        outcome = f" -> {clause.then}" if clause.then else ""
        lines.append(f"  Unless: {clause.condition}{outcome}")
    if rule.frequency or rule.impact:
        lines.append(f"  Frequency: {rule.frequency or '?'}  Impact: {rule.impact or '?'}")
    if rule.owner:
        lines.append(f"  Owner: {rule.owner}")
    if rule.examples:
        from tacit.models.example_text import example_line  # not before the first frame

        lines.extend(f"  Example: {example_line(example)}" for example in rule.examples)
    return clean("\n".join(lines))


def question_text(question: Question) -> str:
    """A question as plain text for the clipboard."""
    text = f"Q [{category_label(question.category)}] {plain_words(question.text)}"
    if question.answer:
        text += f"\nA: {question.answer}"
    return clean(text)
