"""Every export format from the one registry, on a hand-built session with exceptions."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from support.rulebook import DRAFT_RULE, HOLD_RULE, ZIP_RULE, save_rulebook

from tacit.models.export import export_document, export_schema
from tacit.models.export_formats import FORMAT_NAMES, FORMATS, export_format
from tacit.models.repository import Store

SNAPSHOTS = Path(__file__).parent / "snapshots"
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

FOLLOWS_EVERY_CLAUSE = """
def reply(scenario: str) -> str:
    text = scenario.lower()
    if "urgent" in text:
        return "Escalating this to the Regional Lead now."
    if "owner is" in text:
        return "It stays with the owner's team."
    if "invoice" in text:
        return "Held for finance approval."
    return "Sent to the Mission team."
"""
BASE_RULE_ONLY = """
def reply(scenario: str) -> str:
    if "invoice" in scenario.lower():
        return "Held for Finance approval."
    return "Sent to the Mission team, by zip code."
"""


@pytest.fixture
def doc(db_path: Path) -> dict[str, Any]:
    store = Store(db_path)
    save_rulebook(store)
    return export_document(store)


def rendered(doc: dict[str, Any], name: str) -> str:
    return export_format(name).render(doc).decode("utf-8")


def test_the_registry_lists_each_target_once() -> None:
    assert FORMAT_NAMES == ("json", "policy", "guidelines", "tests", "gherkin", "md")
    assert len({f.label for f in FORMATS}) == len(FORMATS)
    with pytest.raises(KeyError, match="known: json, policy"):
        export_format("xml")


@pytest.mark.parametrize("name", FORMAT_NAMES)
def test_every_format_is_deterministic_accepted_only_and_free_of_control_characters(
    doc: dict[str, Any], db_path: Path, name: str
) -> None:
    text = rendered(doc, name)
    again = export_format(name).render(export_document(Store(db_path)))
    assert again == text.encode("utf-8")
    assert UNSAFE.search(text) is None
    assert ZIP_RULE in text and HOLD_RULE in text
    assert DRAFT_RULE not in text
    with_drafts = export_format(name).render(export_document(Store(db_path), include_drafts=True))
    assert DRAFT_RULE.encode() in with_drafts or name == "tests"  # the draft has no example


def test_json_is_schema_v2_with_rounded_scores_and_plain_words(doc: dict[str, Any]) -> None:
    data = json.loads(rendered(doc, "json"))
    assert list(Draft202012Validator(export_schema()).iter_errors(data)) == []
    assert data["schema_version"] == 2
    answered = data["answered_questions"][0]
    assert answered["score"] == 0.95 and "0.94998" not in rendered(doc, "json")
    assert answered["text"].startswith("When do you not go by zip code")
    rule = next(r for r in data["rules"] if r["id"] == ZIP_RULE)
    assert rule["examples"][1] == {
        "scenario": "A job for Acme, whose primary owner is Priya",
        "outcome": "owner's team",
        "clause": 0,
        "needs_review": False,
    }


@pytest.mark.parametrize(
    ("name", "snapshot"), [("policy", "policy.md"), ("gherkin", "rules.feature")]
)
def test_policy_and_gherkin_match_the_reviewed_snapshots(
    doc: dict[str, Any], name: str, snapshot: str
) -> None:
    path = SNAPSHOTS / snapshot
    text = rendered(doc, name)
    if os.environ.get("TACIT_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_policy_puts_exceptions_in_order_with_config_and_undecided_items(
    doc: dict[str, Any],
) -> None:
    text = rendered(doc, "policy")
    assert text.index("1. Unless the account has a primary owner") < text.index(
        "2. Unless the job is marked urgent"
    )
    assert "**Slack message**" in text
    not_decided = text[text.index("## Not decided: hand to a person") :]
    assert "On failure, retry or escalate?" in not_decided
    assert "What counts as an urgent job?" in not_decided


def test_guidelines_rank_each_exception_above_its_rule(doc: dict[str, Any]) -> None:
    data = json.loads(rendered(doc, "guidelines"))
    entries = [g for g in data["guidelines"] if g["rule_id"] == ZIP_RULE]
    assert [(g["clause"], g["priority"]) for g in entries] == [(None, 1), (0, 3), (1, 2)]
    assert entries[1]["condition"] == "a job comes in, and the account has a primary owner"
    assert entries[1]["action"] == "the owner's team keeps it"
    assert entries[1]["id"] == f"{ZIP_RULE}/unless-1"


def test_gherkin_has_a_rule_block_and_an_example_per_example(doc: dict[str, Any]) -> None:
    text = rendered(doc, "gherkin")
    assert text.count("  Rule: ") == 2 and text.count("    Example: ") == 4
    assert (
        "      Given A job for Acme, whose primary owner is Priya\n      Then owner's team" in text
    )


def test_markdown_reads_a_rule_in_order_and_keeps_answered_questions(
    doc: dict[str, Any],
) -> None:
    text = rendered(doc, "md")
    block = text[text.index("#### New jobs") : text.index("#### Invoices")]
    order = ["**When:**", "**Then:**", "**Unless (1)**", "**Unless (2)**", "**Owner", "**Frequency"]
    order += ["Examples:", "Provenance:"]
    positions = [block.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "### Answered questions" in text
    assert "When do you *not* go by zip code" in text  # emphasis renders in Markdown
    assert "\\]52" in text  # brackets from a user are escaped, never a link


def run_generated_tests(doc: dict[str, Any], tmp_path: Path, agent: str | None) -> str:
    module = tmp_path / "test_generated_rules.py"
    module.write_bytes(export_format("tests").render(doc))
    env = {k: v for k, v in os.environ.items() if k != "TACIT_AGENT"}
    if agent is not None:
        (tmp_path / "tiny_agent.py").write_text(agent, encoding="utf-8")
        env["TACIT_AGENT"] = "tiny_agent:reply"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(module)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return result.stdout


def test_generated_tests_pass_for_an_agent_that_follows_every_clause(
    doc: dict[str, Any], tmp_path: Path
) -> None:
    out = run_generated_tests(doc, tmp_path, FOLLOWS_EVERY_CLAUSE)
    assert "4 passed" in out and "failed" not in out


def test_generated_tests_fail_the_exceptions_of_an_agent_that_ignores_them(
    doc: dict[str, Any], tmp_path: Path
) -> None:
    out = run_generated_tests(doc, tmp_path, BASE_RULE_ONLY)
    assert "2 failed, 2 passed" in out
    rule = ZIP_RULE.lower()
    assert f"FAILED test_generated_rules.py::test_{rule}_unless_1_1" in out
    assert f"FAILED test_generated_rules.py::test_{rule}_unless_2_1" in out
    assert f"PASSED test_generated_rules.py::test_{rule}_base_1" in out


def test_generated_tests_skip_with_the_reason_when_no_agent_is_set(
    doc: dict[str, Any], tmp_path: Path
) -> None:
    out = run_generated_tests(doc, tmp_path, None)
    assert "4 skipped" in out and "TACIT_AGENT is not set" in out


def test_the_generated_module_holds_captured_text_only_as_string_literals(
    doc: dict[str, Any],
) -> None:
    tree = ast.parse(rendered(doc, "tests"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert sorted(a.name for n in imports for a in n.names) == sorted(
        ["annotations", "importlib", "os", "sys", "Callable", "pytest"]
    )
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    assert len(tests) == 4
    hostile = tests[-1].body[0]
    assert isinstance(hostile, ast.Expr) and isinstance(hostile.value, ast.Call)
    assert all(isinstance(arg, ast.Constant) for arg in hostile.value.args)
