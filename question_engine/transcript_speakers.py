"""Who is the operator in a recorded call: the flag, else the config, else a guess.

`tacit suggest`, `tacit import-transcript` and a transcript pasted into the app all decide
the same way. A name given on the command line must be one of the call's speakers (a typo
is an error listing them); a name from the config file is a standing default across calls,
so a call without that speaker falls back to the guess, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from tacit.question_engine.transcript import TranscriptError, Turn, operator_of


@dataclass(frozen=True, slots=True)
class SpeakerRoles:
    """Each turn as (role, text), the speaker taken as the operator, and a note to show
    when the configured name was not among the speakers (else empty)."""

    said: list[tuple[str, str]]
    operator: str
    note: str = ""


def assign_roles(turns: list[Turn], given: str = "", configured: str = "") -> SpeakerRoles:
    """The operator's turns as 'operator', everyone else's as 'engineer'.

    Raises TranscriptError when `given` (a flag) names nobody in the call.
    """
    note = ""
    if given:
        chosen = operator_of(turns, given)
    else:
        try:
            chosen = operator_of(turns, configured)
        except TranscriptError:
            chosen = operator_of(turns)
            note = (
                f"no speaker called {configured!r} (config transcript.operator); "
                f"taking {chosen or '(unnamed)'} as the operator"
            )
    said = [("operator" if t.speaker == chosen else "engineer", t.text) for t in turns]
    return SpeakerRoles(said, chosen, note)
