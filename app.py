"""clausecheck web UI: ``streamlit run app.py``. All logic lives in ``clausecheck.webui``."""

import sys
from pathlib import Path

try:
    import clausecheck  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from clausecheck.webui.ui import main

main()
