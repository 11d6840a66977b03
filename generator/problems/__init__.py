"""Problems found in content: the stable codes, their catalogue, and how they are printed.

Every problem carries the file (relative to the content folder), a 1-based line and column, a
stable code and a Vietnamese message. Validation collects them all; only the command line decides
what to do with them.
"""

from .catalogue import CATALOGUE, CodeInfo, Severity
from .problem import Problem
from .report import catalogue_markdown, format_json

__all__ = ["CATALOGUE", "CodeInfo", "Problem", "Severity", "catalogue_markdown", "format_json"]
