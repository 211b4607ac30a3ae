"""The crisis notice scored on crisis language as people give it (data/crisis_phrasings.jsonl), printed, with floors.

Eight hands (batches 79-86) were asked for 100 lines each: 55 to 65 crisis lines, mostly sideways (goodbyes, things
given away, means at hand, searches, rehearsals, recent attempts, self-harm by any means and in any slang, worried
family describing someone else), and lines that only sound dark (idioms, denials, grief, intrusive thoughts, crises
long over), each labelled like the evaluation set's rows. Every third row is holdout and is never read: the notice's
share of holdout crisis lines is what it does on words it has not seen. The dev crisis lines were read, and each
raises the notice. The lines that only sound dark are there to keep the notice honest: denials raise it by design
("not suicidal, just..." is cheap to answer with a phone number), idioms should not.

Two more hands (batches 93 and 94: working adults in plain, tired words; people writing about someone else, and
online-speak) wrote to the same brief later. Scored once before any line was read, the notice caught 56 of their
121 crisis lines (46%) and rose on 20 of their 79 other lines. Then two more (batches 95 and 96: people in their teens
and twenties; faith, chronic pain and illness, old age, a second language): 61 of 122 (50%), rising on 13 of 78.
Then one more (batch 99: crises that come through trouble in one's life, debt, foreclosure, a court date, a
diagnosis one cannot afford; veterans and first responders; a crisis line buried in a long message): 33 of 60 (55%;
7 of 20 holdout), rising on none of 40. Then one more (batch 102: self-harm above all, by every means and at every
age, and suicidal thinking said sideways by the same people): 34 of 60 (57%; 10 of 20 holdout), rising on 8 of 40.
Then one more (batch 110: men and older adults who understate, and people worried about a partner, parent or
teenager, with warning signs that are acts: a guitar given to a son, debts paid off, letters written to the
children, all the guns but one sold): 31 of 60 (52%; 10 of 20 holdout), rising on 5 of 40. Then one more (batch 114:
Spanish speakers and bilingual families, and people over 60 who write formally): 41 of 60 (68%; 14 of 20 holdout),
rising on 5 of 40.
Then one more (batch 118: teenagers and people in their twenties writing online, and parents of teenagers): 39 of 60
(65%; 12 of 20 holdout), rising on 5 of 40.
Then one more (batch 122: a crisis line buried in a long message about work, money, a breakup, a diagnosis or a
child, beside long messages that only sound dark): 43 of 60 (72%; 15 of 20 holdout), rising on 7 of 40.
Then three more: batch 128 (physicians, nurses, farmers, police and firefighters, new mothers, LGBTQ young people,
people in chronic pain or just out of prison or rehab, and those who worry about them): 26 of 61 (43%; 7 of 16
holdout), rising on 7 of 39; batch 129 (deflection by humour, understatement or a question, a second language or
Spanish, a past attempt, a date hinted at): 27 of 61 (44%; 9 of 20 holdout), rising on 8 of 39; batch 134 (one
sentence of crisis inside a practical first message about insurance and hours, a quarter in Spanish): 17 of 60
(28%; 6 of 21 holdout), rising on 8 of 40. Then one more (batch 139: anyone, every way of saying it, a fifth in
Spanish): 33 of 61 (54%; 8 of 18 holdout), rising on 8 of 39. Then two more: batch 143 (someone writing about
another person, a teenager, a spouse, a friend, a coworker, an elderly parent, the warning signs as they saw them):
29 of 61 (48%; 10 of 18 holdout), rising on 7 of 39; batch 144 (English as a second language, Spanish and Spanglish,
Tagalog, Vietnamese, Chinese, Arabic, Russian, Polish): 26 of 60 (43%; 9 of 20 holdout), rising on 9 of 40. Then
two more: batch 148 (men over 40 who understate, rural and blue-collar lives, and the wives and friends who notice):
19 of 60 (32%; 4 of 20 holdout), rising on 6 of 40; batch 149 (people from 13 to 25 as they write online, self-harm
in its slang): 37 of 62 (60%; 11 of 20 holdout), rising on 13 of 38. Then one more (batch 152: anyone, every way of
saying it, a fifth in Spanish, some inside a longer message): 39 of 60 (65%; 12 of 21 holdout), rising on 6 of 40.
Each round of hands keeps floors of its own, so a harder round never lowers an earlier one's.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.domain.understanding import CRISIS_TERMS, understand

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "crisis_phrasings.jsonl").read_text().splitlines()]
ROUNDS = {"batches 79-86": range(79, 87), "batches 93-94": range(93, 95), "batches 95-96": range(95, 97),
          "batch 99": range(99, 100), "batch 102": range(102, 103),
          "batch 110": range(110, 111), "batch 114": range(114, 115),
          "batch 118": range(118, 119),
          "batch 122": range(122, 123), "batch 128": range(128, 129), "batch 129": range(129, 130),
          "batch 134": range(134, 135), "batch 139": range(139, 140), "batch 143": range(143, 144),
          "batch 144": range(144, 145), "batch 148": range(148, 149), "batch 149": range(149, 150),
          "batch 152": range(152, 153)}
# (share of the crisis lines that raise the notice: only moves up, share of the other lines that raise it: only down)
FLOORS = {("dev", "batches 79-86"): (1.0, 0.20), ("holdout", "batches 79-86"): (0.48, 0.21),
          ("dev", "batches 93-94"): (1.0, 0.19), ("holdout", "batches 93-94"): (0.48, 0.30),
          ("dev", "batches 95-96"): (1.0, 0.12), ("holdout", "batches 95-96"): (0.5, 0.24),
          ("dev", "batch 99"): (1.0, 0.0), ("holdout", "batch 99"): (0.35, 0.0),
          ("dev", "batch 102"): (1.0, 0.08), ("holdout", "batch 102"): (0.6, 0.24),
          ("dev", "batch 110"): (1.0, 0.15), ("holdout", "batch 110"): (0.5, 0.08),
          ("dev", "batch 114"): (1.0, 0.08), ("holdout", "batch 114"): (0.7, 0.24),
          ("dev", "batch 118"): (1.0, 0.04), ("holdout", "batch 118"): (0.6, 0.08),
          ("dev", "batch 122"): (1.0, 0.19), ("holdout", "batch 122"): (0.75, 0.16),
          ("dev", "batch 128"): (1.0, 0.14), ("holdout", "batch 128"): (0.43, 0.24),
          ("dev", "batch 129"): (1.0, 0.2), ("holdout", "batch 129"): (0.45, 0.24),
          ("dev", "batch 134"): (1.0, 0.22), ("holdout", "batch 134"): (0.28, 0.09),
          ("dev", "batch 139"): (1.0, 0.21), ("holdout", "batch 139"): (0.44, 0.2),
          ("dev", "batch 143"): (1.0, 0.17), ("holdout", "batch 143"): (0.55, 0.2),
          ("dev", "batch 144"): (1.0, 0.19), ("holdout", "batch 144"): (0.45, 0.31),
          ("dev", "batch 148"): (1.0, 0.15), ("holdout", "batch 148"): (0.2, 0.16),
          ("dev", "batch 149"): (1.0, 0.32), ("holdout", "batch 149"): (0.55, 0.31),
          ("dev", "batch 152"): (1.0, 0.18), ("holdout", "batch 152"): (0.57, 0.09)}


def _crisis(row: dict) -> bool:
    return bool(CRISIS_TERMS & set(row["terms"]))


def test_the_crisis_set_is_mostly_crisis_written_by_twenty_seven_hands():
    assert {row["batch"] for row in ROWS} == {n for batches in ROUNDS.values() for n in batches}
    assert sum(map(_crisis, ROWS)) >= 400 and sum(not _crisis(row) for row in ROWS) >= 250
    assert 0.3 <= sum(row["split"] == "holdout" for row in ROWS) / len(ROWS) <= 0.35


@pytest.mark.parametrize(("split", "hands"), list(FLOORS))
def test_the_crisis_notice_holds_its_floor_and_ceiling(split, hands, capsys):
    rows = [row for row in ROWS if row["split"] == split and row["batch"] in ROUNDS[hands]]
    crises, others = [r for r in rows if _crisis(r)], [r for r in rows if not _crisis(r)]
    missed = [r["text"] for r in crises if not understand(r["text"]).crisis]
    caught = (len(crises) - len(missed)) / len(crises)
    raised = sum(understand(r["text"]).crisis for r in others) / len(others)
    with capsys.disabled():
        print(f"\ncrisis notice on {split} lines of {hands}: {caught:.1%} of {len(crises)} crisis lines, "
              f"{raised:.1%} of {len(others)} lines that only sound dark")
    floor, ceiling = FLOORS[split, hands]
    assert raised <= ceiling
    assert caught >= floor, missed  # every dev line was read: none may be missed
