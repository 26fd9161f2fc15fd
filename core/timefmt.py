"""Times people read: Beijing time with the zone shown, whatever the server's clock zone."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

# China has one zone and no daylight saving, so a fixed offset needs no tz database.
BEIJING = timezone(timedelta(hours=8), "北京时间")


def beijing_now() -> str:
    """Now as ISO 8601 with +08:00 (stored and compared as text)."""
    return datetime.now(BEIJING).isoformat(timespec="seconds")


def beijing_text(stamp: str) -> str:
    """An ISO 8601 time (any zone) as 2026-12-06 08:20（北京时间）; text that is no time is returned as is."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") + "（北京时间）"
