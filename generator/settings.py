"""Settings read from the environment: where the content is and which day the site describes.

- `CONGKHAI_CONTENT`: the content folder (default `content/`);
- `CONGKHAI_DATE`: the date the site describes, `YYYY-MM-DD` (default today in the site's time
  zone, so a build at 01:00 in Hà Nội describes that day, not yesterday in UTC).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

CONTENT_ENV = "CONGKHAI_CONTENT"
DATE_ENV = "CONGKHAI_DATE"
DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: explicit argument, else $CONGKHAI_CONTENT, else `content/`."""
    return Path(explicit or os.environ.get(CONTENT_ENV) or "content")


def date_override() -> dt.date | None:
    """$CONGKHAI_DATE, when set. Raises ValueError when it is not `YYYY-MM-DD`."""
    value = os.environ.get(DATE_ENV)
    return dt.date.fromisoformat(value) if value else None


def build_date(time_zone: str = DEFAULT_TIME_ZONE) -> dt.date:
    """The date the site describes (fees in force, today's duty): $CONGKHAI_DATE, else today in
    `time_zone` (the site's, from `site.yaml`). Raises ValueError for a malformed $CONGKHAI_DATE."""
    return date_override() or dt.datetime.now(ZoneInfo(time_zone)).date()
