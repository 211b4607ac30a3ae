"""The notice a match answer opens with when a client's words speak of suicide or self-harm."""
from __future__ import annotations

NOTICE = {
    "message": "If you are thinking about suicide or hurting yourself, you deserve support right now. "
               "Call or text 988 to reach the 988 Suicide & Crisis Lifeline (free, confidential, 24/7). "
               "If you are in immediate danger, call 911.",
    "lines": [
        {"name": "988 Suicide & Crisis Lifeline", "call": "988", "text": "988", "chat": "https://988lifeline.org",
         "when": "any time you are struggling or in crisis"},
        {"name": "Emergency services", "call": "911", "when": "you are in immediate danger"},
    ],
}
