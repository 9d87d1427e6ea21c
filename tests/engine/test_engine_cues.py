"""Each cue family turns what an operator says into a question that names it."""

from __future__ import annotations

import pytest

from tacit.models.taxonomy import CATEGORY_IDS
from tacit.question_engine.offline import OfflineEngine
from tacit.question_engine.types import SessionContext, Suggestion


def ask(engine: OfflineEngine, text: str) -> list[Suggestion]:
    return engine.suggest(text, SessionContext())


# (family, narrative sentence, category expected, words the question must name)
CASES = [
    ("routing basis", "We assign tickets by zip code.", "exception", "zip code"),
    (
        "routing basis",
        "Claims are assigned to an adjuster based on loss type.",
        "exception",
        "loss type",
    ),
    ("routing free", "Jobs go round robin to the crew.", "exception", "round robin"),
    (
        "hedge",
        "We usually call the customer before closing the ticket.",
        "edge_case",
        "call the customer before closing the ticket",
    ),
    (
        "absolute",
        "We never ship without a signed contract.",
        "exception",
        "ship without a signed contract",
    ),
    ("named person", "The big accounts go to Janet because she knows them.", "adoption", "Janet"),
    ("named person at sentence start", "Marcus handles the overnight queue.", "adoption", "Marcus"),
    ("named person with a title", "Dr. Okafor sees the new patients.", "adoption", "Okafor"),
    ("role", "Then the account manager calls them back.", "adoption", "the account manager"),
    ("role by title", "The head chef counts the walk-in on Sunday.", "adoption", "the head chef"),
    (
        "vague actor",
        "Someone updates the tracker every evening.",
        "adoption",
        "someone updates the tracker every evening",
    ),
    (
        "judgment",
        "Honestly it depends on how angry the customer is.",
        "exception",
        "how angry the customer is",
    ),
    ("judgment words", "Discounts are a judgment call.", "exception", "judgment call"),
    ("system", "Orders are saved in the spreadsheet.", "handoff", "spreadsheet"),
    ("system by name", "The clerk enters the claim into Guidewire.", "handoff", "Guidewire"),
    ("hand-off", "After approval it goes to the warehouse team.", "handoff", "the warehouse team"),
    (
        "escalation",
        "If it is still open we escalate to the duty manager.",
        "operational_decision",
        "the duty manager",
    ),
    ("amount", "Refunds over $500 are checked twice.", "edge_case", "$500"),
    ("duration", "Quotes must go out within 48 hours.", "edge_case", "48 hours"),
    ("deadline", "Timesheets are due by the 25th.", "edge_case", "by the 25th"),
    (
        "approval",
        "Discounts need approval from the sales director.",
        "exception",
        "the sales director",
    ),
    (
        "approval, possessive",
        "Nothing ships without the plant manager's sign-off.",
        "exception",
        "the plant manager",
    ),
    (
        "failure",
        "Sometimes the payment fails at the bank.",
        "operational_decision",
        "the payment fails",
    ),
    (
        "failure noun",
        "We get a lot of address mismatches.",
        "operational_decision",
        "address mismatches",
    ),
    (
        "report",
        "Every Monday I send the weekly backlog report.",
        "reporting",
        "the weekly backlog report",
    ),
    ("vague measure", "Suspicious orders are held for review.", "implicit_rule", "suspicious"),
    (
        "factor list",
        "We look at price, lead time, and quality.",
        "implicit_rule",
        "price, lead time, and quality",
    ),
    (
        "spoken exception",
        "We refund in full unless the box was opened.",
        "exception",
        "unless the box was opened",
    ),
    (
        "incident",
        "Last month a driver delivered to the wrong depot.",
        "edge_case",
        "last month a driver delivered to the wrong depot",
    ),
    (
        "manual work",
        "The totals are re-keyed manually into the ledger.",
        "adoption",
        "manually into the ledger",
    ),
    (
        "tacit knowledge",
        "I keep the par levels in my head.",
        "implicit_rule",
        "keep the par levels",
    ),
    (
        "verification",
        "The clerk checks the bank details before paying.",
        "exception",
        "the bank details",
    ),
    (
        "priority",
        "Returning customers get priority on Fridays.",
        "exception",
        "returning customers",
    ),
    (
        "restriction",
        "The courier only delivers on weekdays.",
        "exception",
        "only delivers on weekdays",
    ),
    ("decision owner", "For refunds the store manager decides.", "exception", "the store manager"),
    ("retry", "If nobody answers we retry the next day.", "operational_decision", "retry"),
    (
        "absolute names its subject",
        "Counterfeit goods are always removed.",
        "exception",
        "counterfeit goods are always removed",
    ),
    (
        "count limit in words",
        "Sellers are banned after three strikes.",
        "edge_case",
        "three strikes",
    ),
    ("notify", "Then we email the site manager with the quote.", "handoff", "the site manager"),
    (
        "notified, passive",
        "The building manager is called right away.",
        "handoff",
        "the building manager",
    ),
    ("no reply", "Landlords often don't reply for days.", "operational_decision", "landlords"),
    (
        "exception made",
        "If the owner has strong credit we sometimes make an exception.",
        "exception",
        "if the owner has strong credit",
    ),
    ("lead time", "Visits are booked three weeks ahead.", "edge_case", "three weeks"),
    (
        "review meeting",
        "Raj runs the quarterly access review for the auditors.",
        "reporting",
        "the quarterly access review",
    ),
    ("named person on a shift", "Tom on the weekend shift checks the returns.", "adoption", "Tom"),
    ("definition", "Sev 1 means the customer can't log in.", "implicit_rule", "Sev 1"),
]


@pytest.mark.parametrize(("family", "text", "category", "named"), CASES, ids=[c[0] for c in CASES])
def test_cue_family_asks_about_the_thing_it_names(
    engine: OfflineEngine, family: str, text: str, category: str, named: str
) -> None:
    suggestions = ask(engine, text)
    matching = [s for s in suggestions if s.category == category]
    assert matching, f"no {category} question for {text!r}: {suggestions}"
    assert any(named.lower() in s.text.lower() for s in matching), (
        f"no {category} question names {named!r}: {[s.text for s in matching]}"
    )


def test_every_suggestion_carries_quote_category_source_and_score(engine: OfflineEngine) -> None:
    text = (
        "We route jobs by region. Usually Priya approves anything over $2,000. "
        "If the sync to the ERP fails we fix it manually."
    )
    suggestions = ask(engine, text)
    assert suggestions
    for suggestion in suggestions:
        assert suggestion.category in CATEGORY_IDS
        assert suggestion.source == "offline"
        assert 0 < suggestion.score <= 1
        assert suggestion.quote and suggestion.quote in text
    assert [s.score for s in suggestions] != [] and suggestions[0].score >= suggestions[-1].score


def test_routing_question_names_the_basis_as_in_the_design_brief(engine: OfflineEngine) -> None:
    suggestions = ask(engine, "We route every service call by zip code.")
    assert suggestions[0].text == "When do you *not* go by zip code — and who makes that call?"
    assert suggestions[0].quote == "We route every service call by zip code."


def test_plain_narrative_without_cues_gets_no_questions(engine: OfflineEngine) -> None:
    assert ask(engine, "Good morning, thanks for having me.") == []
    assert ask(engine, "   \n ") == []


@pytest.mark.parametrize(
    "text",
    [
        "The supplier delivers on Tuesdays. We create the vendor in Coupa.",
        "Landlords often don't reply for days.",
        "Once approved, the vendor is created in the ERP.",
        "Whoever is available gets the job.",
    ],
)
def test_days_systems_and_plural_nouns_are_not_mistaken_for_people(
    engine: OfflineEngine, text: str
) -> None:
    assert not any("'s work when" in s.text for s in ask(engine, text)), ask(engine, text)


def test_control_characters_and_markup_come_back_as_plain_text(engine: OfflineEngine) -> None:
    text = "We route by region\x1b[31m [bold]unless[/] Janet\x07 says so."
    for suggestion in ask(engine, text):
        assert "\x1b" not in suggestion.text + suggestion.quote
        assert "\x07" not in suggestion.text + suggestion.quote


def test_typographic_apostrophes_match_and_quotes_keep_the_original_text(
    engine: OfflineEngine,
) -> None:
    text = "It’s usually done by Sam’s crew before noon."
    suggestions = ask(engine, text)
    hedge = [s for s in suggestions if s.category == "edge_case" and "usually" in s.text]
    assert hedge and hedge[0].quote == text
    assert any("When Sam is out" in s.text for s in suggestions)


def test_first_person_stays_capitalised_and_bare_words_are_not_things(
    engine: OfflineEngine,
) -> None:
    texts = [s.text for s in ask(engine, "I always ask for help when something goes wrong.")]
    assert any('"I always ask for help' in t for t in texts), texts
    assert not any('usually "do"' in t for t in ask_texts(engine, "We usually do. Fine."))


def ask_texts(engine: OfflineEngine, text: str) -> list[str]:
    return [s.text for s in ask(engine, text)]
