"""Which words can name a topic: common verbs, adjectives, adverbs and -ing verbs cannot
("You mentioned don't", "So what matters most here is looking, zillow and renting")."""

from __future__ import annotations

from tacit.question_engine.text import word_set

NOT_NOUNS = word_set(
    """write read send late early good great nice sure fine need want like think know feel
    look take make give find keep tell call come pay buy sell open close clean quick fast slow
    hard easy high low long short full free busy happy true real small large big cheap
    expensive important different usual ready wrong right best better worse worst kind whole
    pick pack ship book file fill sign check handle manage decide choose prefer ask answer
    reply wait stay leave move bring carry hold turn show help work live walk drive visit
    might must could would should shall will main previous specific particular least general
    actual certain several basic entire overall available casual global second third fourth
    alone together already anyway little love hate care believe recommend consider spend
    becomes seems went gone goes says seen weigh deliver pass straight online outdoors
    kinds terms ones north south east west automatic crazy exciting interesting possible
    extra enough rather quite super pretty sometimes whereas upon instead though although
    otherwise maybe perhaps half twenty thirty forty fifty sixty hundred thousand helpful
    difficult remote national electric willing apart extreme fresh knew thought took made
    came told gave depends affects provide provides means noisier easier cheaper bigger
    smaller larger closer further nearer quicker often picky noisy pricey tasty healthy
    fancy messy tricky lucky funny handy dirty spicy salty sunny rainy windy chilly safe
    scary popular nowadays browse either neither major minor huge"""
)
# -ing words that are nouns without an article before them
_ING_NOUNS = word_set("building morning evening ceiling string spring wedding clothing")
_NOT_NOUN_ENDINGS = ("ed", "ful", "ous", "ive", "able", "ible", "est", "ish")


def verb_or_adjective(word: str) -> bool:
    """Whether a lower-case word reads as a verb, adjective or adverb (no topic)."""
    return word in NOT_NOUNS or word.endswith(_NOT_NOUN_ENDINGS)


def verb_form(word: str) -> bool:
    """An -ing word ('looking', 'renting'): a noun only where said after an article or a
    preposition ('the parking', 'for hiking'), or one of a few nouns ('building')."""
    return word.endswith("ing") and word not in _ING_NOUNS
