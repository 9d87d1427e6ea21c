"""The question bank is data: users add their own, and bad files fail in one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacit.models.config import ConfigError, EngineConfig
from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.bank import BankError, builtin_bank_files, read_bank_file
from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.types import SessionContext

CLAIMS_BANK = """
[bank]
name = "claims"

[[cue]]
id = "subrogation"
category = "handoff"
weight = 0.95
pattern = \'\'\'\\b(?P<thing>subrogation|salvage)\\b\'\'\'
templates = ["Who starts {thing} recovery, and how does the recovery team hear about it?"]
"""


def write(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_bank_files_are_readable_data() -> None:
    files = builtin_bank_files()
    assert {f.name for f in files} >= {"core.toml", "coverage.toml", "probe.toml"}
    by_name = {f.name: f for f in files}
    cues = [cue for f in files for cue in read_bank_file(f)[0]]
    assert len(cues) >= 50 and all(c.templates for c in cues)
    assert len({c.id for c in cues}) == len(cues)  # no built-in cue shadows another
    _, coverage, _, _ = read_bank_file(by_name["coverage.toml"])
    assert {t.category for t in coverage} == set(CATEGORY_IDS)
    _, _, probes, _ = read_bank_file(by_name["probe.toml"])
    assert probes and all("{term}" in p.template for p in probes)


def test_a_user_bank_from_config_adds_questions(tmp_path: Path) -> None:
    path = write(tmp_path, CLAIMS_BANK)
    text = "Then we pass it to subrogation."
    plain = OfflineEngine().suggest(text, SessionContext())
    custom = OfflineEngine(EngineConfig(banks=[str(path)])).suggest(text, SessionContext())
    assert not any("recovery" in s.text for s in plain)
    assert custom[0].text == (
        "Who starts subrogation recovery, and how does the recovery team hear about it?"
    )
    assert custom[0].category == "handoff"


def test_a_user_cue_with_a_builtin_id_replaces_it(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[cue]]
id = "routing-basis"
category = "exception"
pattern = \'\'\'\\bby (?P<thing>zip code)\'\'\'
templates = ["Who overrides the {thing} split?"]
""",
    )
    suggestions = OfflineEngine(EngineConfig(banks=[str(path)])).suggest(
        "Everything here is by zip code.", SessionContext()
    )
    texts = [s.text for s in suggestions]
    assert "Who overrides the zip code split?" in texts
    assert not any(t.startswith("When do you *not* go by zip code") for t in texts)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[[cue]]\nid = 'x'\ncategory = 'edge_case\n", "line 3: not valid TOML"),
        (
            "# a comment\n\n[[cue]]\nid = 'x'\ncategory = 'surprise'\npattern = 'a'\n"
            "templates = ['q']\n",
            "line 3: cue #1: unknown category 'surprise'",
        ),
        (
            "[[cue]]\nid = 'ok'\ncategory = 'edge_case'\npattern = 'a'\ntemplates = ['q']\n\n"
            "[[cue]]\nid = 'bad'\ncategory = 'edge_case'\npattern = '(unclosed'\n"
            "templates = ['q']\n",
            "line 7: cue #2: bad: bad pattern",
        ),
        (
            "[[cue]]\nid = 'x'\ncategory = 'edge_case'\npattern = '(?P<thing>a)'\n"
            "templates = ['About {other}?']\n",
            "uses {other} but the pattern has no such group",
        ),
        (
            "[[cue]]\nid = 'x'\ncategory = 'edge_case'\npattern = 'a'\ntemplates = []\n",
            "templates must be a non-empty list",
        ),
        (
            "[[cue]]\nid = 'x'\ncategory = 'edge_case'\npattern = 'a'\ntemplates = ['q']\n"
            "wieght = 0.5\n",
            "unknown key 'wieght'",
        ),
        (
            "[[cue]]\nid = 'x'\ncategory = 'edge_case'\npattern = 'a'\ntemplates = ['q']\n"
            "weight = 3\n",
            "weight must be a number in (0, 1]",
        ),
        (
            "[[coverage]]\ncategory = 'reporting'\ntemplates = ['How is {mood}?']\n",
            "line 1: coverage #1: unknown placeholder {mood}",
        ),
        ("[questions]\n", "unknown table [questions]"),
    ],
)
def test_bad_bank_files_fail_in_one_line_naming_file_and_line(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = write(tmp_path, content)
    with pytest.raises(BankError) as caught:
        OfflineEngine(EngineConfig(banks=[str(path)]))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert expected in message


def test_a_missing_bank_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(BankError, match=r"nope\.toml: question bank not found"):
        OfflineEngine(EngineConfig(banks=[str(missing)]))


def test_bank_errors_are_config_errors_for_callers_that_catch_those(tmp_path: Path) -> None:
    path = write(tmp_path, "[[cue]]\n")
    with pytest.raises(ConfigError):
        OfflineEngine(EngineConfig(banks=[str(path)]))


def test_an_edited_bank_file_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, CLAIMS_BANK)
    config = EngineConfig(banks=[str(path)])
    text = "Then we pass it to subrogation."
    assert "recovery" in OfflineEngine(config).suggest(text, SessionContext())[0].text
    path.write_text(
        CLAIMS_BANK.replace("Who starts {thing} recovery", "Who owns {thing} today")
        + "\n# edited\n",
        encoding="utf-8",
    )
    assert (
        OfflineEngine(config)
        .suggest(text, SessionContext())[0]
        .text.startswith("Who owns subrogation today")
    )
