"""The question bank: cues, templates and categories read from TOML files.

The built-in bank lives in `prompts/bank/*.toml`; users add their own files via
`[engine] banks = [...]` in config.toml. A cue whose id repeats an earlier one
replaces it, so a domain bank can also retune a built-in cue. Every problem in a
bank file raises BankError with one line naming the file and, when known, the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacit.models.config import ConfigError
from tacit.models.taxonomy import BY_ID
from tacit.question_engine.bank_companion import (
    COMPANION_KEYS,
    companion_from_table,
    placeholders,
)
from tacit.question_engine.bank_keys import optional_pattern, template_conditions
from tacit.question_engine.slots import SLOT_KINDS
from tacit.question_engine.types import Companion

BUILTIN_BANK_DIR = Path(__file__).resolve().parent.parent / "prompts" / "bank"
COVERAGE_SLOTS = frozenset({"topic", "system", "person"})
PROBE_SLOTS = frozenset({"term"})
_CUE_KEYS = frozenset(
    {
        "id",
        "family",
        "category",
        "pattern",
        "templates",
        "weight",
        "exclude",
        "case_sensitive",
        "max_words",
        "keep_commas",
        "keep_case",
        "triggers",
        "slots",
        "team_templates",
        "exception_when",
        "unless",
        "template_when",
        "note",
    }
)
_COVERAGE_KEYS = frozenset({"category", "templates", "note", "when"})
_TABLE_HEADER = re.compile(r"^\s*\[\[\s*(cue|coverage|probe|companion)\s*\]\]")


class BankError(ConfigError):
    """A question bank file is unreadable or invalid; the message is one line."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One thing operators say, and the questions it should raise."""

    id: str
    family: str
    category: str
    pattern: re.Pattern[str]
    templates: tuple[str, ...]
    weight: float
    exclude: frozenset[str]
    max_words: int
    keep_commas: bool
    keep_case: bool
    triggers: tuple[str, ...]
    source: str
    slots: tuple[tuple[str, str], ...] = ()  # (group, kind): what each slot must be
    team_templates: tuple[str, ...] = ()  # asked instead when an actor slot is a team
    # when this matches the sentence, the case is treated differently from the norm there
    # ("our bigger accounts get theirs held back"): the question is an exception question
    exception_when: re.Pattern[str] | None = None
    # where this matches the sentence, the cue's words mean something else: nothing is asked
    unless: re.Pattern[str] | None = None
    # one pattern per template (None: always), searched in the clause before the thing
    template_when: tuple[re.Pattern[str] | None, ...] = ()

    def triggered_by(self, lowered: str) -> bool:
        """Whether the cue can match lower-cased text (no triggers: always worth a try)."""
        return not self.triggers or any(map(lowered.__contains__, self.triggers))


@dataclass(frozen=True, slots=True)
class CoverageTemplate:
    """A question for an untouched category (coverage) or a quiet segment's main term (probe)."""

    category: str
    template: str
    slots: frozenset[str]
    entry: str = ""  # templates of one entry ask the same question; the first that fits is used
    when: re.Pattern[str] | None = None  # a probe: asked only where what follows its term matches


@dataclass(frozen=True, slots=True)
class Bank:
    """Every cue and coverage template, in load order."""

    cues: tuple[Cue, ...]
    coverage: tuple[CoverageTemplate, ...]
    probes: tuple[CoverageTemplate, ...] = ()
    companions: tuple[Companion, ...] = ()

    def template_words(self) -> frozenset[str]:
        """All words used by templates (what a question says that is not from the narrative)."""
        found: set[str] = set()
        for text in (
            [t for c in self.cues for t in c.templates]
            + [c.template for c in self.coverage + self.probes]
            + [t for c in self.companions for t in c.templates]
        ):
            bare = re.sub(r"\{\w+\}", " ", text.lower())
            found.update(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", bare))
        return frozenset(found)


def builtin_bank_files() -> list[Path]:
    """The bank files shipped with tacit, in name order."""
    return sorted(BUILTIN_BANK_DIR.glob("*.toml"))


def _entry_lines(text: str, kind: str) -> list[int]:
    return [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if (m := _TABLE_HEADER.match(line)) and m.group(1) == kind
    ]


class _Reader:
    """Validates one bank file's entries, naming file and line in each error."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = {
            kind: _entry_lines(text, kind) for kind in ("cue", "coverage", "probe", "companion")
        }

    def fail(self, kind: str, index: int, message: str) -> BankError:
        lines = self.lines[kind]
        where = f"line {lines[index]}: " if index < len(lines) else ""
        return BankError(f"{self.path}: {where}{kind} #{index + 1}: {message}")

    def templates(self, kind: str, index: int, entry: dict[str, Any]) -> list[str]:
        templates = entry.get("templates")
        if (
            not isinstance(templates, list)
            or not templates
            or not all(isinstance(t, str) and t.strip() for t in templates)
        ):
            raise self.fail(kind, index, "templates must be a non-empty list of strings")
        return templates

    def category(self, kind: str, index: int, entry: dict[str, Any]) -> str:
        category = entry.get("category")
        if not isinstance(category, str) or category not in BY_ID:
            raise self.fail(
                kind, index, f"unknown category {category!r} (one of: {', '.join(BY_ID)})"
            )
        return category

    def cue(self, index: int, entry: Any) -> Cue:
        if not isinstance(entry, dict):
            raise self.fail("cue", index, "must be a table")
        unknown = set(entry) - _CUE_KEYS
        if unknown:
            raise self.fail("cue", index, f"unknown key {sorted(unknown)[0]!r}")
        cue_id = entry.get("id")
        if not isinstance(cue_id, str) or not cue_id.strip():
            raise self.fail("cue", index, "id must be a non-empty string")
        category = self.category("cue", index, entry)
        source = entry.get("pattern")
        if not isinstance(source, str) or not source.strip():
            raise self.fail("cue", index, f"{cue_id}: pattern must be a non-empty string")
        flags = 0 if entry.get("case_sensitive", False) is True else re.IGNORECASE
        try:
            pattern = re.compile(source, flags)
        except re.error as error:
            raise self.fail("cue", index, f"{cue_id}: bad pattern ({error})") from None
        templates = self.templates("cue", index, entry)
        allowed = set(pattern.groupindex) | {"quote"}
        for template in templates:
            try:
                used = placeholders(template)
            except ValueError as error:
                raise self.fail("cue", index, f"{cue_id}: {error} in {template!r}") from None
            if used - allowed:
                missing = sorted(used - allowed)[0]
                raise self.fail(
                    "cue",
                    index,
                    f"{cue_id}: template uses {{{missing}}} but the pattern has no such group",
                )
        weight = entry.get("weight", 0.5)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
            raise self.fail("cue", index, f"{cue_id}: weight must be a number in (0, 1]")
        exclude = entry.get("exclude", [])
        if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
            raise self.fail("cue", index, f"{cue_id}: exclude must be a list of strings")
        max_words = entry.get("max_words", 7)
        if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1:
            raise self.fail("cue", index, f"{cue_id}: max_words must be a positive integer")
        keep_commas = entry.get("keep_commas", False)
        keep_case = entry.get("keep_case", False)
        if not isinstance(keep_commas, bool) or not isinstance(keep_case, bool):
            raise self.fail(
                "cue", index, f"{cue_id}: keep_commas and keep_case must be true or false"
            )
        triggers = entry.get("triggers", [])
        if not isinstance(triggers, list) or not all(
            isinstance(t, str) and t and t == t.lower() for t in triggers
        ):
            raise self.fail(
                "cue", index, f"{cue_id}: triggers must be a list of lower-case strings"
            )
        family = entry.get("family", cue_id)
        if not isinstance(family, str):
            raise self.fail("cue", index, f"{cue_id}: family must be a string")
        slots = entry.get("slots", {})
        if not isinstance(slots, dict) or not all(
            isinstance(k, str) and k in pattern.groupindex and v in SLOT_KINDS
            for k, v in slots.items()
        ):
            raise self.fail(
                "cue",
                index,
                f"{cue_id}: slots must map pattern groups to kinds: {sorted(SLOT_KINDS)}",
            )
        team_templates = entry.get("team_templates", [])
        if not isinstance(team_templates, list) or not all(
            isinstance(t, str) and placeholders(t) <= {"thing"} for t in team_templates
        ):
            raise self.fail(
                "cue", index, f"{cue_id}: team_templates must be strings using only {{thing}}"
            )

        def fail(message: str) -> BankError:
            return self.fail("cue", index, f"{cue_id}: {message}")

        departure = optional_pattern(entry, "exception_when", fail)
        unless = optional_pattern(entry, "unless", fail)
        conditions = template_conditions(entry, templates, fail)
        return Cue(
            cue_id,
            family,
            category,
            pattern,
            tuple(templates),
            float(weight),
            frozenset(x.lower() for x in exclude),
            max_words,
            keep_commas,
            keep_case,
            tuple(triggers),
            str(self.path),
            tuple(sorted(slots.items())),
            tuple(team_templates),
            departure,
            unless,
            conditions,
        )

    def coverage(
        self, index: int, entry: Any, kind: str = "coverage", slots: frozenset[str] = COVERAGE_SLOTS
    ) -> list[CoverageTemplate]:
        if not isinstance(entry, dict):
            raise self.fail(kind, index, "must be a table")
        unknown = set(entry) - _COVERAGE_KEYS
        if unknown:
            raise self.fail(kind, index, f"unknown key {sorted(unknown)[0]!r}")
        category = self.category(kind, index, entry)
        when = self.when_pattern(kind, index, entry.get("when"))
        result = []
        for template in self.templates(kind, index, entry):
            try:
                used = placeholders(template)
            except ValueError as error:
                raise self.fail(kind, index, f"{error} in {template!r}") from None
            if used - slots:
                raise self.fail(
                    kind,
                    index,
                    f"unknown placeholder "
                    f"{{{sorted(used - slots)[0]}}} "
                    f"(use {', '.join(sorted(slots))})",
                )
            result.append(
                CoverageTemplate(
                    category, template, frozenset(used), f"{self.path}#{kind}{index}", when
                )
            )
        return result

    def when_pattern(self, kind: str, index: int, raw: Any) -> re.Pattern[str] | None:
        """A probe's `when`: a pattern its term's sentence must match (case-insensitive)."""
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw:
            raise self.fail(kind, index, "when must be a non-empty pattern")
        try:
            return re.compile(raw, re.IGNORECASE)
        except re.error as error:
            raise self.fail(kind, index, f"when: {error}") from None

    def companion(self, index: int, entry: Any) -> Companion:
        if not isinstance(entry, dict):
            raise self.fail("companion", index, "must be a table")
        unknown = set(entry) - COMPANION_KEYS
        if unknown:
            raise self.fail("companion", index, f"unknown key {sorted(unknown)[0]!r}")
        category = self.category("companion", index, entry)
        templates = self.templates("companion", index, entry)
        return companion_from_table(
            entry, category, templates, lambda message: self.fail("companion", index, message)
        )


BankFile = tuple[list[Cue], list[CoverageTemplate], list[CoverageTemplate], list[Companion]]


def read_bank_file(path: Path) -> BankFile:
    """Parse and validate one bank file; raise BankError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{path}: question bank not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BankError(f"{path}: cannot read question bank ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)$", message)
        if found:
            line = int(found.group(1))
        elif message.endswith("(at end of document)"):
            line = max(1, len(text.splitlines()))
        else:
            line = 0
        where = f"line {line}: " if line else ""
        reason = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)$", "", message)
        raise BankError(f"{path}: {where}not valid TOML ({reason})") from None
    unknown = set(data) - {"bank", "cue", "coverage", "probe", "companion"}
    if unknown:
        raise BankError(
            f"{path}: unknown table [{sorted(unknown)[0]}] "
            "(a bank has [bank], [[cue]], [[coverage]], [[probe]] and [[companion]])"
        )
    reader = _Reader(path, text)
    raw_cues = data.get("cue", [])
    raw_coverage = data.get("coverage", [])
    raw_probes = data.get("probe", [])
    raw_companions = data.get("companion", [])
    if not all(
        isinstance(raw, list) for raw in (raw_cues, raw_coverage, raw_probes, raw_companions)
    ):
        raise BankError(
            f"{path}: cue, coverage, probe and companion must be arrays of tables ([[cue]])"
        )
    cues = [reader.cue(i, entry) for i, entry in enumerate(raw_cues)]
    coverage = [t for i, entry in enumerate(raw_coverage) for t in reader.coverage(i, entry)]
    probes = [
        t
        for i, entry in enumerate(raw_probes)
        for t in reader.coverage(i, entry, "probe", PROBE_SLOTS)
    ]
    companions = [reader.companion(i, entry) for i, entry in enumerate(raw_companions)]
    return cues, coverage, probes, companions


def build_bank(paths: Iterable[Path]) -> Bank:
    """Merge bank files in order; a cue id seen again replaces the earlier cue."""
    cues: dict[str, Cue] = {}
    coverage: list[CoverageTemplate] = []
    probes: list[CoverageTemplate] = []
    companions: list[Companion] = []
    for path in paths:
        file_cues, file_coverage, file_probes, file_companions = read_bank_file(path)
        probes.extend(file_probes)
        companions.extend(file_companions)
        for cue in file_cues:
            cues.pop(cue.id, None)
            cues[cue.id] = cue
        coverage.extend(file_coverage)
    return Bank(tuple(cues.values()), tuple(coverage), tuple(probes), tuple(companions))


def bank_files(extra: Sequence[str] = ()) -> list[Path]:
    """The bank files used with these extra banks, in load order."""
    return builtin_bank_files() + [Path(p).expanduser() for p in extra]


def load_bank(extra: Sequence[str] = ()) -> Bank:
    """The built-in bank plus the user's extra bank files, read and compiled now.

    No cache: an engine loads its bank once and whoever runs a session keeps the engine.
    """
    return build_bank(bank_files(extra))
