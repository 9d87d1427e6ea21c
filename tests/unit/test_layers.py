"""Layers only point down: models and the engine never import Textual; litellm stays lazy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(imports: str) -> set[str]:
    code = f"import sys\n{imports}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(out.stdout.split())


def test_models_and_engine_import_without_textual_or_litellm() -> None:
    packages = [p.stem for p in (ROOT / "models").glob("*.py")]
    engine = [p.stem for p in (ROOT / "question_engine").glob("*.py")]
    imports = "\n".join(
        [f"import tacit.models.{m}" for m in packages]
        + [f"import tacit.question_engine.{m}" for m in engine]
    )
    loaded = _modules_after(imports)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert "litellm" not in loaded


def test_models_never_import_the_engine_or_the_ui() -> None:
    packages = [p.stem for p in (ROOT / "models").glob("*.py")]
    loaded = _modules_after("\n".join(f"import tacit.models.{m}" for m in packages))
    assert not {
        m for m in loaded if m.startswith(("tacit.question_engine", "tacit.tui", "tacit.cli"))
    }


def test_no_module_level_litellm_import_anywhere() -> None:
    offenders = []
    for path in (
        list(ROOT.glob("models/*.py"))
        + list(ROOT.glob("question_engine/*.py"))
        + list(ROOT.glob("tui/**/*.py"))
        + list(ROOT.glob("cli/**/*.py"))
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("import litellm", "from litellm")):
                offenders.append(str(path))
    assert offenders == []


def test_cli_help_does_not_load_textual_or_litellm() -> None:
    loaded = _modules_after(
        "import contextlib, io\nfrom tacit.cli.main import build_parser\nbuild_parser()"
    )
    assert "litellm" not in loaded
    assert "textual.app" not in loaded
