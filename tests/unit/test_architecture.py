"""The structure the code promises: no import cycles, one write path in the UI, typed seams.

Read from the source with `ast` (no imports, no ../shared tools): function-level
and TYPE_CHECKING imports count, as they do for a reader following the code.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("models", "question_engine", "tui", "cli")


def _modules() -> dict[str, Path]:
    """tacit.<package>.<module> -> file, for every module of the card's folders."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(("tacit", *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def _imports(path: Path, module: str, known: dict[str, Path]) -> set[str]:
    """The project modules a file imports, anywhere in it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return targets


def import_cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module in the import graph (Tarjan)."""
    known = _modules()
    graph = {module: _imports(path, module, known) for module, path in known.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return cycles


def test_the_check_finds_a_cycle_when_there_is_one(tmp_path: Path) -> None:
    package = tmp_path / "tui"
    package.mkdir()
    (package / "a.py").write_text("from tacit.tui.b import x\n")
    (package / "b.py").write_text("def f():\n    from tacit.tui import a\n")
    known = {"tacit.tui.a": package / "a.py", "tacit.tui.b": package / "b.py"}
    assert _imports(package / "a.py", "tacit.tui.a", known) == {"tacit.tui.b"}
    assert _imports(package / "b.py", "tacit.tui.b", known) == {"tacit.tui.a"}


def test_no_import_cycles_among_the_project_modules() -> None:
    assert len(_modules()) > 40  # the walk really found the project
    assert import_cycles() == []


def test_no_screen_or_widget_imports_the_app_or_the_command_line() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, path in _modules().items()
        if module.startswith("tacit.tui.") and module != "tacit.tui.app"
        for target in _imports(path, module, _modules())
        if target == "tacit.tui.app" or target.startswith("tacit.cli")
    ]
    assert offenders == []


WRITES = {"save", "save_many", "update", "delete"}
WRITE_PATH = {"session_state.py", "store_writer.py"}


def test_the_ui_writes_the_store_only_through_session_state() -> None:
    """`<...>store.save(...)` and friends appear in tui/ only inside the one write path."""
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path.name in WRITE_PATH:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WRITES
                and ast.unparse(node.func.value).split(".")[-1] in ("store", "_store", "writer")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_panes_reach_screens_by_messages_not_by_attribute_names() -> None:
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func) == "getattr"
                and ast.unparse(node.args[0]) in ("screen", "self.screen", "app", "self.app")
                and not ast.unparse(node.args[1]).strip("'\"").startswith("_")  # Textual's own
                and not ast.unparse(node.args[1]).strip("'\"").isupper()  # a class constant
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert offenders == []


def test_every_message_the_ui_defines_has_a_handler() -> None:
    """A message posted and handled nowhere is a promise nobody keeps."""
    sources = {p: p.read_text(encoding="utf-8") for p in (ROOT / "tui").rglob("*.py")}
    messages: list[str] = []
    for text in sources.values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(base).endswith("Message") for base in node.bases
            ):
                messages.append(node.name)
    assert len(messages) > 10
    everything = "\n".join(sources.values())
    unhandled = []
    for name in messages:
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
        handled = f"def on_{snake}(" in everything or any(
            marker in everything for marker in (f"@on({name})", f"@on({name},", f".{name})")
        )
        if not handled:
            unhandled.append(name)
    assert unhandled == []
