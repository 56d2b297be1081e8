"""clausecheck: checks procurement agreements for the supplier undertakings of Art. 6 of the
Cybersecurity Review Measures (网络安全审查办法) and suggests wording that fixes them.

    from clausecheck import check
    report = check("contract.docx")
"""

from clausecheck.api import Engine, check, check_paths
from clausecheck.errors import ExitCode, LibraryError, UnreadableDocument
from clausecheck.findings import DocumentReport, Finding, Report, Status

__all__ = [
    "DocumentReport",
    "Engine",
    "ExitCode",
    "Finding",
    "LibraryError",
    "Report",
    "Status",
    "UnreadableDocument",
    "check",
    "check_paths",
]
__version__ = "0.1.0"
