"""PLACEHOLDER app until the capture screen lands."""

from __future__ import annotations

import argparse

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from models.config import Config
from models.repository import Store


class TacitApp(App[None]):
    """tacit's Textual application."""

    TITLE = "tacit"

    def __init__(self, store: Store, config: Config, args: argparse.Namespace) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.args = args

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"tacit — database: {self.store.path}", markup=False)
        yield Footer()
