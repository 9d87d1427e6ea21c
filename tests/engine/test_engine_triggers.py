"""Cue triggers only speed matching up: they never hide a match the pattern would find."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from tacit.question_engine.bank import load_bank
from tacit.question_engine.text import sentence_spans

ROOT = Path(__file__).resolve().parents[2]
INTERVIEWS = ROOT.parent / "shared" / "data" / "elicitation-followups-study1.csv"


def corpus() -> list[str]:
    texts = []
    for path in sorted((ROOT / "bench" / "eval").glob("narratives_*.toml")):
        texts += [n["text"] for n in tomllib.loads(path.read_text(encoding="utf-8"))["narrative"]]
    if INTERVIEWS.exists():
        with INTERVIEWS.open(encoding="utf-8", newline="") as handle:
            texts += [row["Interview Turns"] for row in csv.DictReader(handle)]
    sentences = [s for text in texts for _, s in sentence_spans(" ".join(text.split()))]
    return [re.sub(r"^(?:Interviewer|Interviewee):\s*", "", s) for s in sentences]


def test_every_pattern_match_happens_where_a_trigger_occurs() -> None:
    sentences = corpus()
    # the dev narratives alone in a clone without ../shared; the interviews add ~2,000
    assert len(sentences) > (500 if INTERVIEWS.exists() else 100)
    misses = [
        (cue.id, sentence)
        for cue in load_bank().cues
        if cue.triggers
        for sentence in sentences
        if cue.pattern.search(sentence) and not cue.triggered_by(sentence.lower())
    ]
    assert misses == []
