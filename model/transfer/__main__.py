"""`python -m model.transfer`: regenerate docs/case-file.md's fields and the JSON Schema."""

import sys

from model.transfer.docs import main

sys.exit(main())
