"""Score the offline question engine against annotated narratives and real interviews.

Usage: python bench/eval_engine.py [--split dev|test|validation|check|both] [--json] [--csv PATH]
       python bench/eval_engine.py --split dev --ceiling   (recall if every candidate counted)

Splits: dev (bench/eval/narratives_*.toml, tuned on), test (bench/eval/test/, held out) and
validation (bench/eval/validation/, written blind by someone who never read the engine; run
only as an aggregate by the coordinator, never tuned on, its questions never printed);
check (bench/eval/check/, a fresh set an engineer writes before changing the engine and
reads only as an aggregate while changing it: their out-of-sample estimate).

1. Annotated narratives (bench/eval/*.toml): each narrative is analysed as a whole
   session (one segment per paragraph) and its ranked questions are compared with the
   gaps a strong engineer would probe. A question *hits* a gap when its category is the
   gap's and its text names one of the gap's terms (word stems, case-insensitive).
   - recall@k: share of gaps hit by the top k questions (macro-averaged over narratives)
   - precision@10: share of the top 10 that hit a gap, or are *specific* (name a word of
     the narrative that no template contains)
   - duplicates: pairs in the top 10 with the same category naming the same things
2. Real interviews (elicitation-followups-study1.csv, Shen et al., RE'25): for each
   context the interviewee's turns are the narrative. The human follow-up's *target* is
   the set of content-word stems it shares with the interviewee's turns (what the human
   picked up on). A context counts as a hit when any top-5 question names a target stem.
   Contexts whose follow-up shares no content word with the interviewee (mostly topic
   changes) have no target and are reported separately, not counted. For scale, an
   "echo" baseline names the 5 most frequent content words of the interviewee's turns.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tacit.question_engine import transcript  # noqa: E402
from tacit.question_engine.offline import OfflineEngine  # noqa: E402
from tacit.question_engine.session import EngineSession  # noqa: E402
from tacit.question_engine.text import STOPWORDS, stem, words  # noqa: E402
from tacit.question_engine.types import Suggestion  # noqa: E402

try:
    from bench.eval_ceiling import ceiling_figures, print_ceiling
    from bench.eval_model import ModelAsker
    from bench.eval_rules import (
        adversarial_failures,
        annotated_people,
        load_adversarial,
        wrong_reason,
    )
except ImportError:  # run as a script: bench/ is on sys.path
    from eval_ceiling import ceiling_figures, print_ceiling  # type: ignore[no-redef]
    from eval_model import ModelAsker  # type: ignore[no-redef]
    from eval_rules import (  # type: ignore[no-redef]
        adversarial_failures,
        annotated_people,
        load_adversarial,
        wrong_reason,
    )

EVAL_DIR = Path(__file__).resolve().parent / "eval"
TEST_DIR = EVAL_DIR / "test"
VALIDATION_DIR = EVAL_DIR / "validation"
CHECK_DIR = EVAL_DIR / "check"
SPLITS = {"dev": EVAL_DIR, "test": TEST_DIR, "validation": VALIDATION_DIR, "check": CHECK_DIR}
# splits whose questions and misses are never shown: looking at them is tuning on them
UNSEEN_SPLITS = frozenset({"test", "validation", "check"})
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_CSV = SHARED_DATA / "elicitation-followups-study1.csv"
_TERM_STOP = frozenset({"the", "a", "an", "of", "to", "and", "or", "in", "on", "for"})


def stems(text: str, stop: frozenset[str] = _TERM_STOP) -> set[str]:
    """Word stems of text, without a few function words (question words are kept)."""
    return {stem(w) for w in words(text) if w not in stop}


def load_narratives(directory: Path = EVAL_DIR) -> list[dict[str, Any]]:
    """Every annotated narrative under directory, in file then entry order."""
    narratives: list[dict[str, Any]] = []
    for path in sorted(directory.glob("narratives_*.toml")):
        narratives.extend(tomllib.loads(path.read_text(encoding="utf-8"))["narrative"])
    return narratives


def segments_of(text: str) -> list[str]:
    """One segment per paragraph."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def names_term(question: str, terms: Sequence[str]) -> bool:
    """True when the question's words include every stem of at least one term."""
    found = stems(question)
    return any(stems(term) and stems(term) <= found for term in terms)


def _template_words(engine: OfflineEngine) -> frozenset[str]:
    return frozenset(stem(w) for w in engine.bank.template_words())


def score_narrative(
    narrative: dict[str, Any], suggestions: list[Suggestion], template_stems: frozenset[str]
) -> dict[str, Any]:
    """Recall@5/@10, precision@10 and duplicate pairs for one narrative."""
    gaps = narrative["gap"]
    text_stems = stems(narrative["text"], STOPWORDS)

    def hits(gap: dict[str, Any], top: list[Suggestion]) -> bool:
        return any(s.category == gap["category"] and names_term(s.text, gap["terms"]) for s in top)

    top10 = suggestions[:10]
    people = annotated_people(narrative)
    wrong = [w for s in top10 if (w := wrong_reason(s.text, narrative["text"], people))]
    recall5 = sum(hits(g, suggestions[:5]) for g in gaps) / len(gaps)
    recall10 = sum(hits(g, top10) for g in gaps) / len(gaps)
    useful = 0
    for suggestion in top10:
        on_gap = any(names_term(suggestion.text, g["terms"]) for g in gaps)
        named = (stems(suggestion.text, STOPWORDS) - template_stems) & text_stems
        useful += (on_gap or bool(named)) and not wrong_reason(
            suggestion.text, narrative["text"], people
        )
    named_sets = [(s.category, frozenset(stems(s.text, STOPWORDS) - template_stems)) for s in top10]
    duplicates = sum(
        1
        for i, (ca, a) in enumerate(named_sets)
        for cb, b in named_sets[i + 1 :]
        if ca == cb and a and b and len(a & b) / len(a | b) >= 0.8
    )
    missed = [g["thing"] for g in gaps if not hits(g, top10)]
    return {
        "id": narrative["id"],
        "gaps": len(gaps),
        "recall@5": recall5,
        "recall@10": recall10,
        "precision@10": useful / len(top10) if top10 else 0.0,
        "duplicates": duplicates,
        "wrong": len(wrong),
        "wrong_rules": wrong,
        "top10": [s.text for s in top10],
        "suggestions": len(suggestions),
        "missed@10": missed,
    }


Ask = Callable[[list[str]], list[Suggestion]]


def evaluate_narratives(
    engine: OfflineEngine | None = None,
    directory: Path = EVAL_DIR,
    ask: Ask | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Score every annotated narrative of a split (the first `limit` when given) with the
    offline engine, or with `ask`; macro averages plus per-narrative rows."""
    engine = engine or OfflineEngine()
    template_stems = _template_words(engine)
    ask = ask or engine.analyse_session
    rows = []
    for narrative in load_narratives(directory)[:limit]:
        suggestions = ask(segments_of(narrative["text"]))
        rows.append(score_narrative(narrative, suggestions, template_stems))
    count = len(rows)
    return {
        "narratives": count,
        "gaps": sum(r["gaps"] for r in rows),
        "recall@5": sum(r["recall@5"] for r in rows) / count,
        "recall@10": sum(r["recall@10"] for r in rows) / count,
        "precision@10": sum(r["precision@10"] for r in rows) / count,
        "duplicates": sum(r["duplicates"] for r in rows),
        "wrong_share": sum(r["wrong"] for r in rows) / max(1, sum(len(r["top10"]) for r in rows)),
        "rows": rows,
    }


def _interviewee_turns(turns: str) -> list[str]:
    parts = re.split(r"(Interviewer:|Interviewee:|Answer:)", turns)
    said: list[str] = []
    for speaker, text in zip(parts[1::2], parts[2::2], strict=False):
        if speaker != "Interviewer:" and text.strip():
            said.append(" ".join(text.split()))
    return said


def read_interview_contexts(path: Path) -> list[tuple[list[str], str, str]]:
    """(interviewee's turns, human follow-up, follow-up type) per context of an interview CSV.

    Two layouts from Shen et al.'s repository: study 1 (`Interview Turns`, `Human Follow
    Up Question`, `Type`) and study 2 (`Interviewee_Speech`, `Interviewer_Response`, one
    speech per row and no type), so the second study scores with the same method.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "Interviewee_Speech" in rows[0]:
        return [  # the file pads its 30 pairs with blank rows: those are no contexts
            ([" ".join(row["Interviewee_Speech"].split())], row["Interviewer_Response"], "untyped")
            for row in rows
            if row["Interviewee_Speech"].strip()
        ]
    return [
        (
            _interviewee_turns(row["Interview Turns"]),
            row["Human Follow Up Question"],
            row["Type"].strip().lower(),
        )
        for row in rows
    ]


def evaluate_interviews(
    path: Path = DEFAULT_CSV, engine: OfflineEngine | None = None
) -> dict[str, Any]:
    """How often a top-5 question names what the human interviewer's follow-up targeted."""
    engine = engine or OfflineEngine()
    rows = read_interview_contexts(path)
    anchored = hit = echo_hit = with_questions = 0
    by_type: Counter[str] = Counter()
    hits_by_type: Counter[str] = Counter()
    for said, follow_up, kind in rows:
        said_stems = stems(" ".join(said), STOPWORDS)
        target = {s for s in stems(follow_up, STOPWORDS) & said_stems if len(s) >= 3}
        if not said or not target:
            continue
        anchored += 1
        by_type[kind] += 1
        top5 = engine.analyse_session(said)[:5]
        with_questions += bool(top5)
        if any(stems(s.text, STOPWORDS) & target for s in top5):
            hit += 1
            hits_by_type[kind] += 1
        frequent = Counter(
            stem(w) for w in words(" ".join(said)) if w not in STOPWORDS and len(w) >= 3
        )
        if {w for w, _ in frequent.most_common(5)} & target:
            echo_hit += 1
    return {
        "contexts": len(rows),
        "anchored": anchored,
        "no_target": len(rows) - anchored,
        "top5_hit_rate": hit / anchored if anchored else 0.0,
        "echo_baseline_rate": echo_hit / anchored if anchored else 0.0,
        "with_questions": with_questions,
        "by_type": {k: f"{hits_by_type[k]}/{n}" for k, n in sorted(by_type.items())},
    }


def evaluate_adversarial(
    engine: OfflineEngine | None = None, path: Path = TEST_DIR / "adversarial.toml"
) -> dict[str, Any]:
    """Share of adversarial cases where no question breaks the case's rules."""
    engine = engine or OfflineEngine()
    cases = load_adversarial(path)
    failed: dict[str, list[str]] = {}
    for case in cases:
        session = EngineSession(engine)
        turns = transcript.parse(case["text"]) if case.get("transcript") else []
        for role, said in (
            transcript.roles(turns)
            if turns
            else [("operator", segment) for segment in segments_of(case["text"])]
        ):
            session.add_segment(said, role)
        questions = [s.text for s in session.ranked()]
        reasons = adversarial_failures(case, questions)
        if reasons:
            failed[case["id"]] = reasons
    return {"cases": len(cases), "pass_rate": 1 - len(failed) / len(cases), "failed": failed}


def _print_split(name: str, figures: dict[str, Any], verbose: bool) -> None:
    print(f"{name}: {figures['narratives']} narratives, {figures['gaps']} gaps")
    print(f"  gap recall@5   {figures['recall@5']:.2f}")
    print(f"  gap recall@10  {figures['recall@10']:.2f}")
    print(f"  precision@10   {figures['precision@10']:.2f}")
    print(f"  wrong (W1-W4)  {figures['wrong_share']:.1%} of top-10 questions")
    print(f"  near-duplicates {figures['duplicates']} pairs in all top-10s")
    model = figures.get("model")
    if model:
        print(
            f"  model questions {model['shown']} of {model['offered']} offered passed the checks; "
            f"{model['seconds_per_narrative']:.0f} s per narrative"
        )
        for reason, count in model["dropped"].items():
            print(f"    dropped {count:>3}: {reason}")
        for reason, count in model["failures"].items():
            print(f"    no answer {count:>3}: {reason}")
    if verbose:
        for row in figures["rows"]:
            print(
                f"  {row['id']:<26} r@5 {row['recall@5']:.2f} r@10 {row['recall@10']:.2f} "
                f"p@10 {row['precision@10']:.2f} wrong {row['wrong_rules']} "
                f"missed: {'; '.join(row['missed@10'])}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the evaluation figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="interview CSV")
    parser.add_argument("--verbose", action="store_true", help="list missed gaps (dev only)")
    parser.add_argument(
        "--split",
        choices=["dev", "test", "validation", "check", "both"],
        default="both",
        help="which annotated split to score (default: both = dev and test, side by side; "
        "validation and check only when named)",
    )
    parser.add_argument("--model", default="", help="score this LLM instead (litellm name)")
    parser.add_argument("--api-base", default="", help="the model's API base URL")
    parser.add_argument(
        "--narratives", type=int, default=None, metavar="N", help="only the first N per split"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="S",
        help="with --model: seconds a model may stay silent (twice that per narrative)",
    )
    parser.add_argument("--ceiling", action="store_true", help="dev only: recall by stage")
    args = parser.parse_args(argv)
    engine = OfflineEngine()
    if args.ceiling:
        if args.split != "dev" or args.model:
            print("--ceiling runs on the offline engine and --split dev only", file=sys.stderr)
            return 2
        print_ceiling(ceiling_figures(engine, load_narratives(), segments_of, names_term))
        return 0
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    asker = ModelAsker(args.model, args.api_base, args.timeout) if args.model else None
    ask: Ask | None = asker
    figures: dict[str, dict[str, Any]] = {}
    for name in splits:
        if asker is not None:
            asker.reset()
            if sys.stderr.isatty():
                asker.progress = lambda line, split=name: print(
                    f"{split} {line}", file=sys.stderr, flush=True
                )
        figures[name] = evaluate_narratives(engine, SPLITS[name], ask, args.narratives)
        if asker is not None:
            figures[name]["model"] = asker.summary()
    offline_only = ask is None and args.narratives is None
    adversarial = evaluate_adversarial(engine) if "test" in splits and offline_only else None
    interviews = (
        evaluate_interviews(args.csv, engine) if args.csv.exists() and offline_only else None
    )
    if args.model:
        print(f"model: {args.model} at {args.api_base or '(default endpoint)'}")
    if args.json:
        shown = {
            name: {k: v for k, v in split.items() if k != "rows"}
            if name in {"validation", "check"}
            else split
            for name, split in figures.items()
        }
        print(
            json.dumps(
                {"splits": shown, "adversarial": adversarial, "interviews": interviews},
                indent=2,
            )
        )
        return 0
    for name, split in figures.items():
        # never list a held-out split's questions: looking at them is tuning on them
        _print_split(name, split, args.verbose and name not in UNSEEN_SPLITS)
    if "dev" in figures and "test" in figures:
        gap = figures["dev"]["recall@10"] - figures["test"]["recall@10"]
        print(f"dev-test gap in recall@10: {gap:+.2f}")
    if adversarial:
        print(
            f"adversarial: {adversarial['pass_rate']:.2f} of {adversarial['cases']} cases pass "
            f"(failing: {', '.join(adversarial['failed']) or 'none'})"
        )
    if interviews:
        print(
            f"interviews: {interviews['contexts']} contexts, {interviews['anchored']} with a "
            f"target ({interviews['no_target']} without: mostly topic changes)"
        )
        print(f"  top-5 names the human follow-up's target: {interviews['top5_hit_rate']:.2f}")
        print(f"  echo baseline (5 most frequent words):    {interviews['echo_baseline_rate']:.2f}")
        print(f"  by follow-up type: {interviews['by_type']}")
    elif offline_only:
        print(f"interviews: {args.csv} not found (skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
