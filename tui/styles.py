"""Where the session views' stylesheet lives (the panes of the capture and operator screens).

It is read with the first session screen (`SessionScreen.CSS_PATH`), or by the app when it
starts on the capture screen, so the session picker, the first screen of `tacit`, never
parses it. One absolute path for both, so Textual reads it once.
"""

from __future__ import annotations

from pathlib import Path

PANES_CSS = Path(__file__).resolve().with_name("app.tcss")
