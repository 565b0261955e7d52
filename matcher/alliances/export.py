"""Proposed alliances as files a coordinator keeps: JSON (the answer of `POST /alliances`) and CSV,
one row per member with what it brings and receives and whom it is newly or already tied to."""
from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from .proposals import Alliance

CSV_COLUMNS = ("alliance", "member", "id", "name", "kind", "municipality", "brings", "receives",
               "new_ties_with", "existing_ties_with", "shared_themes", "score")
LIST_SEPARATOR = "; "


def alliances_json(alliances: Sequence[Alliance], query: dict | None = None) -> str:
    """The groups as `POST /alliances` answers them (without the pictures), numbered from 1."""
    body = {"query": query or {},
            "alliances": [{"number": number, **alliance.as_dict()} for number, alliance in enumerate(alliances, 1)]}
    return json.dumps(body, ensure_ascii=False, indent=2)


def ties_of(alliance: Alliance, member_id: str, new: bool) -> list[str]:
    """Names of the members `member_id` gives to or gets from, new ties or existing ones."""
    names = {member.id: member.name for member in alliance.members}
    others = {edge.taker if edge.giver == member_id else edge.giver
              for edge in alliance.edges if edge.new is new and member_id in (edge.giver, edge.taker)}
    return [names[other] for other in sorted(others, key=list(names).index) if other in names]


def alliances_csv(alliances: Sequence[Alliance], numbers: Sequence[int] | None = None) -> str:
    """One row per member of each group; lists inside a cell are separated by "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, alliance in zip(numbers or range(1, len(alliances) + 1), alliances):
        for position, member in enumerate(alliance.members, start=1):
            writer.writerow([number, position, member.id, member.name, member.kind, member.municipality or "",
                             LIST_SEPARATOR.join(member.brings), LIST_SEPARATOR.join(member.receives),
                             LIST_SEPARATOR.join(ties_of(alliance, member.id, new=True)),
                             LIST_SEPARATOR.join(ties_of(alliance, member.id, new=False)),
                             LIST_SEPARATOR.join(alliance.shared_themes), round(alliance.score, 4)])
    return out.getvalue()
