"""`python -m tacit`: the same as the `tacit` command."""

import sys

from tacit.cli.main import main

sys.exit(main())
