"""Rules in git: an export as one canonical file per record, plus an index.

    DIR/index.json                      what is here (format, schema version, files)
    DIR/sessions/<id>.json              one per session
    DIR/segments/<session id>.json      one per session: its narrative, oldest first
    DIR/rules/<id>.json                 one per rule
    DIR/decisions/<id>.json             one per decision
    DIR/open_questions/<id>.json        one per open question
    DIR/answered_questions/<id>.json    one per answered question

Files are deterministic (sorted keys, two-space indent, trailing newline), so
a team reviews a rule's change as a small diff and git merges changes to
different rules. Reading a directory gives back the export document, which
imports exactly as an export file does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

from tacit.models.export import EXPORT_FORMAT, ExportError, json_bytes, render_json, write_private

SPLIT_FORMAT = "tacit-export-split"
INDEX = "index.json"
RECORD_SECTIONS = ("sessions", "rules", "decisions", "open_questions", "answered_questions")
SECTIONS = (*RECORD_SECTIONS, "segments")
_FILE_NAME = re.compile(r"[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}\.json")


class SplitError(Exception):
    """The directory cannot be written or read; the message is one line."""


def split_files(doc: dict[str, Any]) -> dict[str, bytes]:
    """Every file of the split form, by relative path, for an export document."""
    plain = orjson.loads(render_json(doc))  # the json format's text: plain words
    files: dict[str, bytes] = {}
    for section in RECORD_SECTIONS:
        for record in plain[section]:
            files[f"{section}/{record['id']}.json"] = json_bytes(record)
    by_session: dict[str, list[dict[str, Any]]] = {}
    for segment in plain["segments"]:
        by_session.setdefault(segment["session_id"], []).append(segment)
    for session_id, segments in by_session.items():
        ordered = sorted(segments, key=lambda s: (s["at"], s["id"]))
        files[f"segments/{session_id}.json"] = json_bytes(ordered)
    index = {
        "format": SPLIT_FORMAT,
        "schema_version": plain["schema_version"],
        "files": sorted(files),
    }
    files[INDEX] = json_bytes(index)
    return files


def _prepare(directory: Path) -> None:
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise SplitError(f"{directory} is not a directory")
    if not directory.parent.is_dir():
        raise SplitError(f"{directory.parent}: no such directory")
    directory.mkdir(mode=0o700, exist_ok=True)
    for section in SECTIONS:
        folder = directory / section
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise SplitError(f"{folder} is not a plain directory")
        folder.mkdir(mode=0o700, exist_ok=True)


def write_split(doc: dict[str, Any], directory: Path) -> int:
    """Write the split form to directory (created 0700, files 0600); remove files of
    records no longer exported. Returns how many files were written."""
    directory = Path(directory).expanduser()
    files = split_files(doc)
    _prepare(directory)
    try:
        for section in SECTIONS:
            for old in (directory / section).iterdir():
                stale = f"{section}/{old.name}" not in files
                if stale and _FILE_NAME.fullmatch(old.name) and old.is_file():
                    old.unlink()
        for relative, data in sorted(files.items()):
            target = directory / relative
            if target.is_symlink():
                target.unlink()
            write_private(target, data)
    except (ExportError, OSError) as error:
        raise SplitError(str(error)) from None
    return len(files)


def _load(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise SplitError(f"{path}: not valid JSON ({error})") from None
    except OSError as error:
        raise SplitError(f"{path}: cannot read ({error.strerror or error})") from None


def read_split(directory: Path) -> dict[str, Any]:
    """The export document a split directory holds (not yet schema-checked).

    Every file in the section folders counts, listed in the index or not, so a
    git merge that adds a rule's file is imported even if the index conflicted.
    """
    index = _load(directory / INDEX) if (directory / INDEX).is_file() else None
    if not isinstance(index, dict) or index.get("format") != SPLIT_FORMAT:
        raise SplitError(f'{directory}: not a tacit split export (no {INDEX} "{SPLIT_FORMAT}")')
    doc: dict[str, Any] = {"format": EXPORT_FORMAT, "schema_version": index.get("schema_version")}
    for section in SECTIONS:
        folder = directory / section
        names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        items: list[Any] = []
        for name in names:
            if not name.endswith(".json"):
                continue
            loaded = _load(folder / name)
            if section == "segments":
                if not isinstance(loaded, list):
                    raise SplitError(f"{folder / name}: a session's segments must be a list")
                items.extend(loaded)
            else:
                items.append(loaded)
        doc[section] = items
    return doc
