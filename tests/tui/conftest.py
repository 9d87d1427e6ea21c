"""Pilot and snapshot tests of the Textual app: screens, dialogs, panes, pair views."""
