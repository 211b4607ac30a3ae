"""The time zones every service takes: the IANA zones of places.

Left out: the fixed-offset Etc/GMT+5 kind (its sign reads backwards, and its names collide once made
identifiers), and names that are no place: `localtime` (whatever the server's clock is set to),
`Factory` and `posixrules`. One list, so a practice's zone is always one its therapists' availability takes.
"""
from __future__ import annotations

import re
import zoneinfo

NOT_PLACES = frozenset({"localtime", "Factory", "posixrules", "GMT0"})
PLACE_ZONES = frozenset(z for z in zoneinfo.available_timezones()
                        if not re.search(r"[+-]\d", z) and z not in NOT_PLACES)
