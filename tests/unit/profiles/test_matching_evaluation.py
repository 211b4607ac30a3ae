"""The matcher scored on phrasings written as clients write (data/phrasings.jsonl), printed, with floors.

Rows come in batches, each written by one hand to one brief (the profiles README tells each round's brief and
scores). The first 407 rows and batches 5-10 were written while the lexicon was built; from batch 11 on, hands wrote
blind: they saw only the vocabulary and their brief, never the lexicon nor the other rows. Holdout rows (30% of the
first rows, every second row of batch 10, every third row from batch 11 on) are never read while tuning, so their
score estimates how the matcher does on words it has not seen. Each new round of hands is scored once before any of
its rows is read; then only its dev rows, and the crisis rows the notice missed, are read.

Each split holds a floor of its own, so adding a harder batch never lowers one, and floors only move up. The second
reading (second_reading.py) is trained on the dev rows, so a dev split's floor holds the lexicon alone, which is
tuned by hand; a holdout split's floor holds the whole matcher, and so does one floor over every holdout row.
Retraining on more rows moves a 66-row holdout split by a point or so either way: such a floor may then be set at its
new score, only in the change that raises the floor over every holdout row (the README says which, round by round).
Floors were lowered nineteen times, each documented here. The dev floor of batches 5-9 lost 0.01 of precision, for a
label, when "psicóloga" came to be heard as asking for a woman, as 12 of the 15 dev rows that say it are labelled
(one of the three that are not is there). The floor over every holdout row lost 0.05 points of recall when the
second reading's thresholds were chosen anew writer by writer (train_second_reading.py --measure): its spurious
terms fell from 23.7% to 21.8%. The holdout floors lost recall once more, by 0.7 points over the rows before batch
71 and up to 3 on a 66-row split, when the second reading came to drop a concern far less likely than a text's
likeliest (second_reading.RELATIVE): measured writer by writer on fourteen hands it took about two points of
spurious terms for each point of recall, and over those rows spurious terms fell from 21.8% to 19.3%. Each such
split was set at its new score. The fourth time, lay phrases that alone decided a term the dev rows' writers seldom
meant were dropped (a bare "rage", "panic", "church", "queer", "overwhelmed", "relationship", "my wife and I", "rehab"
...: each right a third of the time or less) and the second reading retrained: over every holdout row recall held
(73.48% -> 73.50%) and spurious terms fell from 20.4% to 19.8%, but 23 splits (eight of them dev splits, the lexicon
alone) lost up to three points of recall. Their recall floors were set at their new scores, and every split's precision
floor was raised to its new score. The fifth time, Spanish gerunds, participles and plurals that its dictionary leaves
out stopped being "corrected" into lexicon words ("reportes" read as "deportes", sports; "cargando cajas" as "cortando
cejas", self-harm): over every holdout row recall and precision rose, but one row of batch 25's holdout, rid of its
spurious sports, kept the school its writer left out, and that split's precision floor went from 0.89 to 0.88. The
sixth time, two blind hands (batches 87 and 88: people writing in a second language, people who understate) were added
and the second reading retrained with their dev rows: over the 4,783 holdout rows held before, 73.61% / 19.58% ->
73.85% / 19.52%, but nine 66-row holdout splits lost one to three points of precision as they gained recall, and each
was set at its new score. The floor over every holdout row now also holds the new hands' 132 harder holdout rows
(67.8% / 24.0%), so it reads 73.68% / 19.64%. The seventh time, two more blind hands (batches 89 and 90: bodies and
days described rather than named, and people writing for someone else; long rambling messages beside very short ones,
with what they do not want and the plan they have) were added, their dev rows read, and the second reading retrained:
over the 4,783 holdout rows held before, 73.85% / 19.52% -> 73.90% / 19.37%, and over batches 87-88's, 67.8% / 24.0%
-> 68.8% / 23.1%, but twelve holdout splits lost a point of recall or precision, and each was set at its new score.
These hands were asked to file the plan a client names, so from batch 89 on an insurer is scored as any other term
(understanding.INSURERS_LABELLED_FROM). The floor over every holdout row, with their 134, reads 73.89% / 19.60%.
The eighth time, two more (batches 91 and 92: teenagers and people over 65; a life event told as a story) were added
and read the same way, and the second reading retrained once more: over the 5,049 holdout rows held before, 73.90% /
19.60% -> 73.93% / 19.74%, and ten 66-row splits lost a point of precision or recall and were set at their new
scores. The floor over every holdout row, with the new hands' 134 (75.0% / 23.8%), reads 73.95% / 19.85%.
The ninth time, two more (batches 97 and 98: people who tried therapy before and say what did not work and what they
want now; people who do not talk about feelings, in trades, farms and small towns) were added and read the same way.
From batch 89 on hands had been told not to file adults and individuals, the two populations every adult writing for
themself is in, yet those rows were scored as if the matcher had heard them wrongly (97 of the 576 spurious terms of
batches 89 to 98): those two are now, in those rows, neither hit nor spurious (understanding.unlabelled), and the
second reading learns each term only from the rows whose hands were asked to file it. With the second reading
retrained, over the 5,183 holdout rows held before (scored the new way throughout): 73.95% / 19.66% -> 74.31% /
19.55%; five splits (four holdout, and batch 97's dev split when "Quartz, Madison" stopped being heard: a bare name is
now heard only as a sentence of its own) lost a point of recall or precision and were set at their new scores. The
floor over every holdout row, with the new hands' 132, reads 74.21% / 19.60%. The tenth time, two more (batch 100:
one or two plain sentences for each of the 99 issues in turn, as the issue's own examples are written; batch 101:
people under 35 writing as they text) were added and read, and the second reading retrained: over the 5,315 holdout
rows held before, 74.21% / 19.60% -> 74.18% / 19.34%, and three 66-row splits lost a point of precision and were set
at their new scores. The floor over every holdout row, with the new hands' 132, reads 74.42% / 19.36%. The eleventh
time, two more hands of plain rows (batch 103: two sentences for each issue in reverse order, a third of them
written for someone else; batch 104: short rows covering every issue beside methods, ages, faiths, languages and
plans) were added and read, and the second reading retrained: over the 5,447 holdout rows held before, 74.42% /
19.36% -> 74.55% / 19.16%, and three splits (batches 5-9's by a point of recall, 62's by two of precision, 98's by
one of recall) were set at their new scores. With the new hands' 132 (73.2% / 23.0%), it reads 74.53% / 19.23%.
The twelfth time, two more (batch 105: a type of therapy named or described loosely, two rows for each; batch 106:
parents and teachers writing about a child) were added and read, and the second reading retrained with their 268
dev rows: over the 5,579 holdout rows held before, 74.53% / 19.23% -> 74.52% / 19.36% (21 more spurious terms among
12,700 heard, spread over thirty terms: the retraining's noise, not any one change; the lexicon's own changes touched
two of those rows, both rightly). With the new hands' 132 (75.7% / 18.3%), the floor over every holdout row reads
74.55% / 19.34%: its precision floor was lowered to it, as its recall floor was once before; four splits lost a point
of recall or precision and were set at their new scores. The thirteenth time, three more (batch 107: one or two
short sentences for every issue in turn, lay words and never the clinical name, as the issue's own examples are
written; batch 108: two or three concerns a row, or a negation or correction, a quarter of them long; batch 109:
Spanish speakers, in Spanish, Spanglish and English as a second language) were added and read, and the second reading
retrained: over the 5,711 holdout rows held before, 74.55% / 19.34% -> 74.70% / 19.23%, and three splits (batch 29's
and 50's by a point of precision, 104's by one of recall) were set at their new scores. With the new hands' 198
(85.96% / 19.13%), the floor over every holdout row reads 75.01% / 19.23%. The fourteenth time, three more (batch
111: search-box queries of three to ten words; batch 112: long messages that wander through what is not why they
write; batch 113: heavy slang and typos) were added and read, and the second reading retrained: over the 5,909
holdout rows held before, 75.01% / 19.23% -> 75.05% / 19.16%, and four splits (the first batches' and batch 35's by
a point of recall, batches 13's and 98's by one of precision) were set at their new scores. The new hands' 198 rows
(88.3% / 22.8%: the wandering messages, 86.7% / 32.2%, name much they are not about) bring the floor over every
holdout row to 75.40% / 19.28%, its precision below the one held before, as when batches 87-88 were added. The
fifteenth time, three more (batch 115: one to three sentences as a client types them, a fifth each with typos,
negation, slang and Spanish; batch 116: people writing for someone else; batch 117: what one wants in a therapist
beside a concern or two) were added and read, and the second reading retrained: over the 6,107 holdout rows held
before, 75.40% / 19.28% -> 75.50% / 19.17%, and batch 101's holdout split lost a point of precision and was set at
its new score. With the new hands' 198 (86.2% / 16.7%), the floor over every holdout row reads 75.80% / 19.09%.
The sixteenth time, three more (batch 119: a sentence or two for every issue in turn, as typed into the box; batch
120: bodies, days and habits described, and hedges; batch 121: Spanish only, from every region) were added and
read, and the second reading retrained: over the 6,305 holdout rows held before, the same 75.80% / 19.09% (as many
hits and spurious terms as before, a few rows each way), and six 66-row splits moved a point (batches 27's, 105's,
115's and 116's of precision, 74's and 101's of recall) and were set at their new scores. With the new hands' 198
(83.55% / 15.34%), the floor over every holdout row reads 75.99% / 19.00%. The seventeenth time, nine more (batch
123: a contact form's first message for every issue in turn; 124: negations, corrections and concerns that are over;
125: two to twelve words typed fast; 126: Spanish and Spanglish for every issue; 127: several concerns at once, and
long stories with one to three; 130: what one wants in a therapist, over every identity, language and population;
131: people under 25 as they text; 132: people over 55; 133: writing for someone else) were added and read, and the
second reading retrained: over the 6,503 holdout rows held before, 76.14% / 18.94% (the lexicon's changes alone) ->
75.91% / 18.50%, and five 66-row splits (batches 44's, 50's, 108's and 116's by a point of recall, 74's by one of
precision) were set at their new scores. With the new hands' 594 (84.16% / 22.97%), the floor over every holdout row
reads 76.54% / 18.90%. The eighteenth time, four more (batch 135: every issue in turn, each row typos, a negation,
slang, Spanish, a long ramble or two concerns; 136: two or three concerns a row; 137: short Spanish rows from every
region; 138: long rambling messages of 80 to 220 words) were added and read, and the second reading retrained: over
the 7,097 holdout rows held before, 76.59% / 18.88% (the lexicon's changes alone) -> 76.47% / 18.69%, and three splits
(the first batches' by a point of precision, batch 127's by one of recall, 133's by two of precision) were set at
their new scores. With the new hands' 264 (79.73% / 22.50%: the long rambles, 76.9% / 39.8% blind, name much they are
not about), the floor over every holdout row reads 76.59% / 18.85%. The nineteenth time, a pattern's number came to
match as its first or second word too ("(\\d+) scans", "my (\\d+) year old and i"; before, only from its third on):
over every holdout row recall rose from 76.592% to 76.597% and precision fell from 81.151% to 81.148% (one more term
heard, not filed), below the floor of 0.8115 by a hair, and that floor was set at 0.8114. The twentieth time, Medicare
joined the insurers: the 53 rows from batch 89 on whose writers named Original Medicare as their cover (not a private
insurer's Medicare plan) now file it, as they could not before, and the second reading was retrained. Over every
holdout row recall rose from 76.60% to 76.67% and precision fell from 81.14% to 81.136%; two splits (batch 123's and
124's, by a point of precision) were set at their new scores, and the floor at 0.7667 / 0.8113. The twenty-first time,
three more (batch 140: first messages that name an insurance plan as people do; 141: parents, grandparents and
foster parents writing about a child of a stated age or grade; 142: messages typed fast on a phone, autocorrect and
voice-to-text errors) were added and read, and the second reading retrained: over the 7,361 holdout rows held before,
76.67% / 18.86% -> 76.69% / 18.66%, and five splits (batches 5-9's, 127's and 136's by a point of precision, 97's
and 135's by one of recall) were set at their new scores. With the new hands' 198 (blind: 89.1 / 13.7, 76.8 / 17.1
and 87.3 / 16.0), the floor over every holdout row reads 76.91% / 18.56%. The twenty-second time, three more (batch
145: couples and families; 146: work, school and money; 147: identity, culture and belonging, a hand that files the
community a writer belongs to as well as what they ask for) were added and read, and the second reading retrained:
over the 7,559 holdout rows held before, 76.91% / 18.56% -> 77.07% / 18.59%, and four splits (batch 53's by a point of
precision, 127's, 141's and 142's by one of recall) were set at their new scores. With the new hands' 198 (blind:
66.7 / 19.3, 80.5 / 22.9 and 66.2 / 17.1), the floor over every holdout row reads 76.88% / 18.59%. The twenty-third
time, two more (batch 150: every issue in turn, each row typos, a negation, slang, Spanish, a long ramble or two or
three concerns, as the issue describes its set; 151: search-box queries of two to fifteen words over every facet)
were added and read, and the second reading retrained: over the 7,757 holdout rows held before, 76.88% / 18.59% ->
76.78% / 18.60%, and three splits (batches 17's and 123's by a point of precision or recall, 147's by one of
precision) were set at their new scores. With the new hands' 132 (blind: 82.2 / 20.5 and 88.0 / 12.0), the floor over
every holdout row reads 76.92% / 18.57%.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profiles.domain.understanding import scored

PHRASINGS = [json.loads(line) for line in (Path(__file__).parent / "data" / "phrasings.jsonl").read_text().splitlines()]
SETS = {"first batches": lambda row: "batch" not in row, "batches 5-9": lambda row: 5 <= row.get("batch", 0) <= 9,
        **{f"batch {n}": (lambda row, n=n: row.get("batch") == n) for n in (*range(10, 79), *range(87, 93), 97, 98, 100, 101, 103, 104, 105, 106, 107, 108, 109, 111, 112, 113, 115, 116, 117, 119, 120, 121, 123, 124, 125, 126, 127, 130, 131, 132, 133, 135, 136, 137, 138, 140, 141, 142, 145, 146, 147, 150, 151)}}
HOLDOUT_FLOOR = (0.7692, 0.8143)  # (recall, precision) over every holdout row: only moves up
FLOORS = {  # (recall, precision)
    ("dev", "first batches"): (0.93, 0.97), ("holdout", "first batches"): (0.74, 0.89),
    ("dev", "batches 5-9"): (0.9, 0.89), ("holdout", "batches 5-9"): (0.79, 0.86),
    ("dev", "batch 10"): (0.93, 0.92), ("holdout", "batch 10"): (0.85, 0.91),
    ("dev", "batch 11"): (0.87, 0.77), ("holdout", "batch 11"): (0.78, 0.78),
    ("dev", "batch 12"): (0.85, 0.7), ("holdout", "batch 12"): (0.81, 0.73),
    ("dev", "batch 13"): (0.82, 0.73), ("holdout", "batch 13"): (0.77, 0.84),
    ("dev", "batch 14"): (0.76, 0.76), ("holdout", "batch 14"): (0.75, 0.82),
    ("dev", "batch 15"): (0.75, 0.79), ("holdout", "batch 15"): (0.71, 0.83),
    ("dev", "batch 16"): (0.72, 0.8), ("holdout", "batch 16"): (0.6, 0.78),
    ("dev", "batch 17"): (0.82, 0.76), ("holdout", "batch 17"): (0.75, 0.79),
    ("dev", "batch 18"): (0.78, 0.71), ("holdout", "batch 18"): (0.78, 0.75),
    ("dev", "batch 19"): (0.81, 0.73), ("holdout", "batch 19"): (0.77, 0.77),
    ("dev", "batch 20"): (0.75, 0.71), ("holdout", "batch 20"): (0.71, 0.8),
    ("dev", "batch 21"): (0.63, 0.65), ("holdout", "batch 21"): (0.69, 0.76),
    ("dev", "batch 22"): (0.8, 0.8), ("holdout", "batch 22"): (0.8, 0.84),
    ("dev", "batch 23"): (0.65, 0.77), ("holdout", "batch 23"): (0.65, 0.79),
    ("dev", "batch 24"): (0.72, 0.73), ("holdout", "batch 24"): (0.69, 0.82),
    ("dev", "batch 25"): (0.7, 0.77), ("holdout", "batch 25"): (0.66, 0.88),
    ("dev", "batch 26"): (0.76, 0.78), ("holdout", "batch 26"): (0.65, 0.77),
    ("dev", "batch 27"): (0.73, 0.76), ("holdout", "batch 27"): (0.69, 0.84),
    ("dev", "batch 28"): (0.66, 0.69), ("holdout", "batch 28"): (0.55, 0.75),
    ("dev", "batch 29"): (0.67, 0.76), ("holdout", "batch 29"): (0.66, 0.83),
    ("dev", "batch 30"): (0.73, 0.77), ("holdout", "batch 30"): (0.75, 0.85),
    ("dev", "batch 31"): (0.66, 0.73), ("holdout", "batch 31"): (0.57, 0.76),
    ("dev", "batch 32"): (0.79, 0.86), ("holdout", "batch 32"): (0.77, 0.87),
    ("dev", "batch 33"): (0.73, 0.75), ("holdout", "batch 33"): (0.76, 0.82),
    ("dev", "batch 34"): (0.58, 0.69), ("holdout", "batch 34"): (0.64, 0.73),
    ("dev", "batch 35"): (0.74, 0.77), ("holdout", "batch 35"): (0.7, 0.79),
    ("dev", "batch 36"): (0.68, 0.79), ("holdout", "batch 36"): (0.71, 0.8),
    ("dev", "batch 37"): (0.83, 0.67), ("holdout", "batch 37"): (0.79, 0.73),
    ("dev", "batch 38"): (0.71, 0.8), ("holdout", "batch 38"): (0.67, 0.78),
    ("dev", "batch 39"): (0.74, 0.76), ("holdout", "batch 39"): (0.8, 0.83),
    ("dev", "batch 40"): (0.77, 0.8), ("holdout", "batch 40"): (0.8, 0.8),
    ("dev", "batch 41"): (0.72, 0.76), ("holdout", "batch 41"): (0.76, 0.79),
    ("dev", "batch 42"): (0.76, 0.77), ("holdout", "batch 42"): (0.72, 0.84),
    ("dev", "batch 43"): (0.76, 0.56), ("holdout", "batch 43"): (0.77, 0.74),
    ("dev", "batch 44"): (0.77, 0.77), ("holdout", "batch 44"): (0.71, 0.83),
    ("dev", "batch 45"): (0.69, 0.67), ("holdout", "batch 45"): (0.61, 0.75),
    ("dev", "batch 46"): (0.75, 0.77), ("holdout", "batch 46"): (0.71, 0.8),
    ("dev", "batch 47"): (0.71, 0.76), ("holdout", "batch 47"): (0.69, 0.79),
    ("dev", "batch 48"): (0.7, 0.76), ("holdout", "batch 48"): (0.73, 0.78),
    ("dev", "batch 49"): (0.71, 0.75), ("holdout", "batch 49"): (0.74, 0.86),
    ("dev", "batch 50"): (0.82, 0.84), ("holdout", "batch 50"): (0.8, 0.8),
    ("dev", "batch 51"): (0.64, 0.78), ("holdout", "batch 51"): (0.59, 0.77),
    ("dev", "batch 52"): (0.67, 0.72), ("holdout", "batch 52"): (0.71, 0.8),
    ("dev", "batch 53"): (0.63, 0.71), ("holdout", "batch 53"): (0.64, 0.77),
    ("dev", "batch 54"): (0.68, 0.72), ("holdout", "batch 54"): (0.64, 0.75),
    ("dev", "batch 55"): (0.78, 0.8), ("holdout", "batch 55"): (0.75, 0.83),
    ("dev", "batch 56"): (0.81, 0.78), ("holdout", "batch 56"): (0.78, 0.77),
    ("dev", "batch 57"): (0.88, 0.79), ("holdout", "batch 57"): (0.89, 0.81),
    ("dev", "batch 58"): (0.87, 0.8), ("holdout", "batch 58"): (0.86, 0.82),
    ("dev", "batch 59"): (0.86, 0.81), ("holdout", "batch 59"): (0.81, 0.81),
    ("dev", "batch 60"): (0.84, 0.71), ("holdout", "batch 60"): (0.89, 0.82),
    ("dev", "batch 61"): (0.78, 0.72), ("holdout", "batch 61"): (0.85, 0.77),
    ("dev", "batch 62"): (0.85, 0.8), ("holdout", "batch 62"): (0.91, 0.84),
    ("dev", "batch 63"): (0.77, 0.79), ("holdout", "batch 63"): (0.7, 0.72),
    ("dev", "batch 64"): (0.84, 0.78), ("holdout", "batch 64"): (0.72, 0.77),
    ("dev", "batch 65"): (0.78, 0.68), ("holdout", "batch 65"): (0.77, 0.77),
    ("dev", "batch 66"): (0.73, 0.74), ("holdout", "batch 66"): (0.66, 0.78),
    ("dev", "batch 67"): (0.69, 0.73), ("holdout", "batch 67"): (0.75, 0.83),
    ("dev", "batch 68"): (0.75, 0.8), ("holdout", "batch 68"): (0.7, 0.86),
    ("dev", "batch 69"): (0.77, 0.8), ("holdout", "batch 69"): (0.8, 0.8),
    ("dev", "batch 70"): (0.82, 0.83), ("holdout", "batch 70"): (0.93, 0.83),
    ("dev", "batch 71"): (0.72, 0.69), ("holdout", "batch 71"): (0.53, 0.72),
    ("dev", "batch 72"): (0.75, 0.7), ("holdout", "batch 72"): (0.63, 0.68),
    ("dev", "batch 73"): (0.66, 0.59), ("holdout", "batch 73"): (0.59, 0.57),
    ("dev", "batch 74"): (0.68, 0.67), ("holdout", "batch 74"): (0.66, 0.71),
    ("dev", "batch 75"): (0.71, 0.67), ("holdout", "batch 75"): (0.78, 0.75),
    ("dev", "batch 76"): (0.72, 0.65), ("holdout", "batch 76"): (0.72, 0.75),
    ("dev", "batch 77"): (0.78, 0.7), ("holdout", "batch 77"): (0.8, 0.82),
    ("dev", "batch 78"): (0.67, 0.68), ("holdout", "batch 78"): (0.63, 0.65),
    ("dev", "batch 87"): (0.68, 0.72), ("holdout", "batch 87"): (0.68, 0.75),
    ("dev", "batch 88"): (0.56, 0.77), ("holdout", "batch 88"): (0.67, 0.76),
    ("dev", "batch 89"): (0.7, 0.73), ("holdout", "batch 89"): (0.7, 0.73),
    ("dev", "batch 90"): (0.85, 0.64), ("holdout", "batch 90"): (0.86, 0.76),
    ("dev", "batch 91"): (0.78, 0.73), ("holdout", "batch 91"): (0.75, 0.75),
    ("dev", "batch 92"): (0.72, 0.67), ("holdout", "batch 92"): (0.75, 0.76),
    ("dev", "batch 97"): (0.86, 0.8), ("holdout", "batch 97"): (0.76, 0.78),
    ("dev", "batch 98"): (0.76, 0.79), ("holdout", "batch 98"): (0.6, 0.76),
    ("dev", "batch 100"): (0.88, 0.74), ("holdout", "batch 100"): (0.91, 0.75),
    ("dev", "batch 101"): (0.85, 0.79), ("holdout", "batch 101"): (0.86, 0.81),
    ("dev", "batch 103"): (0.9, 0.74), ("holdout", "batch 103"): (0.7, 0.74),
    ("dev", "batch 104"): (0.83, 0.77), ("holdout", "batch 104"): (0.74, 0.76),
    ("dev", "batch 105"): (0.82, 0.83), ("holdout", "batch 105"): (0.72, 0.82),
    ("dev", "batch 106"): (0.76, 0.78), ("holdout", "batch 106"): (0.78, 0.79),
    ("dev", "batch 107"): (0.9, 0.81), ("holdout", "batch 107"): (0.91, 0.78),
    ("dev", "batch 108"): (0.79, 0.69), ("holdout", "batch 108"): (0.8, 0.78),
    ("dev", "batch 109"): (0.92, 0.81), ("holdout", "batch 109"): (0.86, 0.85),
    ("dev", "batch 111"): (0.92, 0.84), ("holdout", "batch 111"): (0.92, 0.83),
    ("dev", "batch 112"): (0.86, 0.6), ("holdout", "batch 112"): (0.86, 0.67),
    ("dev", "batch 113"): (0.89, 0.78), ("holdout", "batch 113"): (0.86, 0.85),
    ("dev", "batch 115"): (0.88, 0.8), ("holdout", "batch 115"): (0.82, 0.8),
    ("dev", "batch 116"): (0.81, 0.75), ("holdout", "batch 116"): (0.85, 0.84),
    ("dev", "batch 117"): (0.89, 0.82), ("holdout", "batch 117"): (0.88, 0.82),
    ("dev", "batch 119"): (0.96, 0.8), ("holdout", "batch 119"): (0.91, 0.81),
    ("dev", "batch 120"): (0.8, 0.78), ("holdout", "batch 120"): (0.77, 0.87),
    ("dev", "batch 121"): (0.89, 0.82), ("holdout", "batch 121"): (0.84, 0.84),
    ("dev", "batch 123"): (0.95, 0.69), ("holdout", "batch 123"): (0.93, 0.79),
    ("dev", "batch 124"): (0.81, 0.69), ("holdout", "batch 124"): (0.73, 0.74),
    ("dev", "batch 125"): (0.87, 0.88), ("holdout", "batch 125"): (0.84, 0.83),
    ("dev", "batch 126"): (0.92, 0.69), ("holdout", "batch 126"): (0.86, 0.75),
    ("dev", "batch 127"): (0.82, 0.61), ("holdout", "batch 127"): (0.79, 0.71),
    ("dev", "batch 130"): (0.95, 0.83), ("holdout", "batch 130"): (0.86, 0.81),
    ("dev", "batch 131"): (0.9, 0.64), ("holdout", "batch 131"): (0.9, 0.75),
    ("dev", "batch 132"): (0.82, 0.67), ("holdout", "batch 132"): (0.79, 0.75),
    ("dev", "batch 133"): (0.91, 0.65), ("holdout", "batch 133"): (0.84, 0.73),
    ("dev", "batch 135"): (0.95, 0.59), ("holdout", "batch 135"): (0.9, 0.78),
    ("dev", "batch 136"): (0.79, 0.78), ("holdout", "batch 136"): (0.69, 0.87),
    ("dev", "batch 137"): (0.96, 0.8), ("holdout", "batch 137"): (0.86, 0.9),
    ("dev", "batch 138"): (0.78, 0.43), ("holdout", "batch 138"): (0.75, 0.59),
    ("dev", "batch 140"): (0.93, 0.82), ("holdout", "batch 140"): (0.89, 0.86),
    ("dev", "batch 141"): (0.79, 0.75), ("holdout", "batch 141"): (0.76, 0.82),
    ("dev", "batch 142"): (0.87, 0.78), ("holdout", "batch 142"): (0.86, 0.84),
    ("dev", "batch 145"): (0.64, 0.72), ("holdout", "batch 145"): (0.67, 0.82),
    ("dev", "batch 146"): (0.72, 0.71), ("holdout", "batch 146"): (0.81, 0.76),
    ("dev", "batch 147"): (0.67, 0.75), ("holdout", "batch 147"): (0.68, 0.82),
    ("dev", "batch 150"): (0.86, 0.62), ("holdout", "batch 150"): (0.82, 0.79),
    ("dev", "batch 151"): (0.89, 0.89), ("holdout", "batch 151"): (0.87, 0.87),
}


def test_the_evaluation_set_is_broad_and_spans_the_vocabulary():
    from profiles.domain import taxonomy

    # From batch 89 on, a few rows ask for nothing the vocabulary holds ("my phone is dying"): there every term
    # heard is spurious.
    assert len(PHRASINGS) >= 150
    assert all(row["terms"] for row in PHRASINGS if row.get("batch", 0) < 89)
    assert sum(not row["terms"] for row in PHRASINGS) <= 0.01 * len(PHRASINGS)
    covered = {t.split(":", 1)[1] for row in PHRASINGS for t in row["terms"] if t.startswith("issue:")}
    assert covered == set(taxonomy.ISSUES), "every issue in the vocabulary is phrased at least once"
    assert 0.25 <= sum(row["split"] == "holdout" for row in PHRASINGS) / len(PHRASINGS) <= 0.35


@pytest.mark.parametrize(("split", "batches"), list(FLOORS))
def test_matcher_score_holds_its_floor(split, batches, capsys):
    # The second reading is trained on the dev rows: there the floor holds the lexicon alone, which is tuned by hand.
    rows = [row for row in PHRASINGS if row["split"] == split and SETS[batches](row)]
    recall, precision = scored(rows, reread=split == "holdout")
    with capsys.disabled():
        print(f"\nmatcher on {len(rows)} {split} phrasings ({batches}{', lexicon alone' * (split == 'dev')}): "
              f"recall {recall:.1%}, spurious {1 - precision:.1%}")
    floor_recall, floor_precision = FLOORS[split, batches]
    assert recall >= floor_recall and precision >= floor_precision


def test_every_holdout_row_together_holds_its_floor(capsys):
    rows = [row for row in PHRASINGS if row["split"] == "holdout"]
    recall, precision = scored(rows)
    with capsys.disabled():
        print(f"\nmatcher on all {len(rows)} holdout phrasings: recall {recall:.1%}, spurious {1 - precision:.1%}")
    assert recall >= HOLDOUT_FLOOR[0] and precision >= HOLDOUT_FLOOR[1]


def test_every_phrasing_labelled_a_crisis_raises_the_crisis_notice():
    from profiles.domain.understanding import CRISIS_TERMS, understand

    crises = [row["text"] for row in PHRASINGS if CRISIS_TERMS & set(row["terms"])]
    assert len(crises) >= 60
    assert [text for text in crises if not understand(text).crisis] == []


def test_an_insurer_is_scored_only_where_its_hands_were_asked_to_file_it():
    row = {"text": "so anxious lately, I have Aetna", "terms": ["issue:anxiety"]}
    assert scored([{**row, "batch": 88}]) == (1.0, 1.0)  # neither a hit nor spurious before batch 89
    assert scored([{**row, "batch": 89}]) == (1.0, 0.5)  # heard but not filed: spurious
    assert scored([{**row, "terms": ["issue:anxiety", "insurer:aetna"], "batch": 89}]) == (1.0, 1.0)
    assert scored([{**row, "terms": ["issue:anxiety", "insurer:cigna"], "batch": 89}]) == (0.5, 0.5)


def test_adults_and_individuals_are_scored_only_where_hands_were_not_told_to_leave_them_out():
    row = {"text": "I'm 34 and anxious all the time", "terms": ["issue:anxiety"]}  # heard: anxiety and adults
    assert scored([{**row, "batch": 88}]) == (1.0, 0.5)  # before batch 89 hands filed an adult's age band
    assert scored([{**row, "batch": 89}]) == (1.0, 1.0)  # from batch 89 on they were told not to
    assert scored([{**row, "terms": ["issue:anxiety", "population:adults"], "batch": 89}]) == (1.0, 1.0)
