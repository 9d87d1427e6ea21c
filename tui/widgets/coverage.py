"""The coverage meter: per taxonomy category, how much was asked and captured."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from tacit.models.domain import Question, Rule
from tacit.models.taxonomy import CATEGORIES


class CategoryCoverage:
    """For one category: questions discussed (asked, answered or parked) and rules captured.
    (A plain class: the capture screen's first frame defines it, where a named tuple costs
    ~0.7 M instructions to create, this ~0.07 M.)"""

    __slots__ = ("asked", "category", "label", "rules")

    def __init__(self, category: str, label: str, asked: int, rules: int) -> None:
        self.category = category
        self.label = label
        self.asked = asked
        self.rules = rules

    @property
    def untouched(self) -> bool:
        """Nobody has asked about it nor captured a rule in it yet."""
        return self.asked == 0 and self.rules == 0


def coverage(questions: Iterable[Question], rules: Iterable[Rule]) -> list[CategoryCoverage]:
    """Coverage of every taxonomy category, in taxonomy order."""
    asked: dict[str, int] = {}
    captured: dict[str, int] = {}
    for question in questions:
        if question.discussed:
            asked[question.category] = asked.get(question.category, 0) + 1
    for rule in rules:
        if rule.status in ("draft", "accepted"):
            captured[rule.category] = captured.get(rule.category, 0) + 1
    return [
        CategoryCoverage(c.id, c.label, asked.get(c.id, 0), captured.get(c.id, 0))
        for c in CATEGORIES
    ]


LEGEND = "coverage asked/rules: "
SHORT_LEGEND = "coverage: "
# (legend, gap between cells, check verdict), widest first: the first that fits is shown
FORMS: tuple[tuple[str, str, str], ...] = (
    (LEGEND, "  ", "full"),
    (LEGEND, " ", "full"),
    (LEGEND, " ", "short"),
    (SHORT_LEGEND, " ", "short"),
    (SHORT_LEGEND, " ", "mark"),
)


def coverage_content(
    cells: list[CategoryCoverage], legend: str = LEGEND, gap: str = "  "
) -> Content:
    """'coverage asked/rules: rule 2/1  edge –  …': asked/rules per category; untouched
    ones stand out."""
    parts: list[tuple[str, str] | str] = [(legend, "dim")] if legend else []
    for cell in cells:
        if cell.untouched:
            parts.append((f"{cell.label} –", "$warning"))
        else:
            parts.append((f"{cell.label} {cell.asked}/{cell.rules}", "$success"))
        parts.append(gap)
    return Content.assemble(*parts[:-1])


class CoverageMeter(Static):
    """One line (two when narrow) showing what the pair has not discussed yet."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.cells: list[CategoryCoverage] = coverage([], [])
        self.to_fix: int | None = None  # `tacit check` findings; None before any rule exists
        self._width = 0  # the content width of the last layout (0: none yet)

    def _readiness(self, width: str) -> list[Content]:
        """The check verdict in three widths: words, short words, a mark and a count."""
        if self.to_fix is None:
            return []
        if self.to_fix == 0:
            text = {"full": "check: ready", "short": "ready", "mark": "✓"}[width]
            return [Content("  "), Content.styled(text, "$success")]
        text = {
            "full": f"check: not ready, {self.to_fix} to fix",
            "short": f"{self.to_fix} to fix",
            "mark": f"✗{self.to_fix}",
        }[width]
        return [Content("  "), Content.styled(text, "$warning")]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The layout asks for the height at a content width: render() fits its form to that
        width. (Asking the screen for this widget's region instead, in the middle of a
        layout, costs a layout of the whole screen: ~10 M instructions before the first frame.)"""
        self._width = width
        return super().get_content_height(container, viewport, width)

    def render(self) -> Content:
        """The widest form that fits one line: the label always stays (shortened at 80
        columns), the check verdict goes from words to a mark and a count."""
        width = self._width
        for legend, gap, verdict in FORMS:  # built one by one: the first usually fits
            variant = Content.assemble(
                coverage_content(self.cells, legend, gap), *self._readiness(verdict)
            )
            if width == 0 or variant.cell_length <= width:
                return variant
        # nothing fits one line: the verdict in words wraps onto a second line
        return Content.assemble(
            coverage_content(self.cells, SHORT_LEGEND, " "), *self._readiness("full")
        )

    def show(
        self, questions: Iterable[Question], rules: Iterable[Rule], to_fix: int | None = None
    ) -> None:
        """Recount and redraw; to_fix is how many `tacit check` findings are open."""
        self.cells = coverage(questions, rules)
        self.to_fix = to_fix
        self.refresh(layout=True)  # the row may need its second line now (or no longer)
