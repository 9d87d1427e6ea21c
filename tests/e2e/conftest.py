"""End-to-end tests in a real terminal: tacit under tmux, keys sent, screen read back."""
