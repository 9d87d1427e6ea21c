"""The coverage meter: per taxonomy category, how much was asked and captured."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from tacit.models.domain import Question, Rule
from tacit.models.taxonomy import CATEGORIES

DISCUSSED = frozenset({"asked", "answered", "parked"})


@dataclass(frozen=True, slots=True)
class CategoryCoverage:
    """For one category: questions discussed (asked, answered or parked) and rules captured."""

    category: str
    label: str
    asked: int
    rules: int

    @property
    def untouched(self) -> bool:
        """Nobody has asked about it nor captured a rule in it yet."""
        return self.asked == 0 and self.rules == 0


def coverage(questions: Iterable[Question], rules: Iterable[Rule]) -> list[CategoryCoverage]:
    """Coverage of every taxonomy category, in taxonomy order."""
    asked: dict[str, int] = {}
    captured: dict[str, int] = {}
    for question in questions:
        if question.status in DISCUSSED:
            asked[question.category] = asked.get(question.category, 0) + 1
    for rule in rules:
        if rule.status in ("draft", "accepted"):
            captured[rule.category] = captured.get(rule.category, 0) + 1
    return [
        CategoryCoverage(c.id, c.label, asked.get(c.id, 0), captured.get(c.id, 0))
        for c in CATEGORIES
    ]


LEGEND = "coverage asked/rules: "


def coverage_content(cells: list[CategoryCoverage], legend: bool = True) -> Content:
    """'rule 2/1  edge – …': asked/rules per category; untouched ones stand out."""
    parts: list[tuple[str, str] | str] = [(LEGEND, "dim")] if legend else []
    for cell in cells:
        if cell.untouched:
            parts.append((f"{cell.label} –", "$warning"))
        else:
            parts.append((f"{cell.label} {cell.asked}/{cell.rules}", "$success"))
        parts.append("  ")
    return Content.assemble(*parts[:-1])


class CoverageMeter(Static):
    """One line (two when narrow) showing what the pair has not discussed yet."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.cells: list[CategoryCoverage] = coverage([], [])

    def render(self) -> Content:
        """The legend only when the line has room for it (80 columns do not)."""
        full = coverage_content(self.cells)
        fits = self.size.width == 0 or full.cell_length <= self.size.width
        return full if fits else coverage_content(self.cells, legend=False)

    def show(self, questions: Iterable[Question], rules: Iterable[Rule]) -> None:
        """Recount and redraw."""
        self.cells = coverage(questions, rules)
        self.refresh()
