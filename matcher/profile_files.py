"""Reading and writing profile files: JSON array, JSON Lines and CSV.

Reading never stops at the first bad record: it returns every valid profile
with where it came from, and every problem with file, line or record,
field and reason, so a person can fix a file in one go.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from matcher.errors import ProfileFileError
from matcher.profiles import Profile

LIST_FIELDS = {"languages", "disciplines", "themes", "audiences", "partners", "partner_kinds"}
CSV_NESTED = {
    "municipality": ("location", "municipality"), "postcode": ("location", "postcode"),
    "lat": ("location", "lat"), "lon": ("location", "lon"),
    "email": ("contact", "email"), "phone": ("contact", "phone"), "website": ("contact", "website"),
}
MAX_SHOWN_VALUE = 60


@dataclass(frozen=True)
class Problem:
    """One reason a record was refused."""

    file: str
    where: str  # "line 3", "record 2", "row 4"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class Record:
    """A valid profile and where it was read."""

    profile: Profile
    file: str
    where: str


def read_profiles(path: str | Path) -> tuple[list[Record], list[Problem]]:
    """Every valid profile in a file, and every problem, in file order."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ProfileFileError(f"{name}: no such file") from None
    except UnicodeDecodeError as error:
        raise ProfileFileError(f"{name}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except IsADirectoryError:
        raise ProfileFileError(f"{name}: is a folder, not a file") from None
    return parse_profiles(text, name, _format_of(path, text))


def parse_profiles(text: str, name: str, file_format: str) -> tuple[list[Record], list[Problem]]:
    if file_format == "json":
        raw = _json_array(text, name)
    elif file_format == "jsonl":
        raw = _json_lines(text, name)
    elif file_format == "csv":
        raw = _csv_rows(text, name)
    else:
        raise ProfileFileError(f"{name}: unknown format '{file_format}' (json, jsonl or csv)")
    records: list[Record] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for where, item in raw:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        found = validate_record(item, name, where)
        if isinstance(found, Record):
            earlier = first_seen.get(found.profile.id)
            if earlier:
                problems.append(Problem(name, where, "id",
                                        f"id '{found.profile.id}' appears twice (first at {earlier})"))
                continue
            first_seen[found.profile.id] = where
            records.append(found)
        else:
            problems.extend(found)
    return records, problems


def validate_record(item: object, file: str, where: str) -> Record | list[Problem]:
    if not isinstance(item, dict):
        return [Problem(file, where, "(record)", f"expected an object, got {type(item).__name__}")]
    try:
        return Record(Profile.model_validate(item), file, where)
    except ValidationError as error:
        return [Problem(file, where, field_name(e["loc"]), explain(e)) for e in error.errors()]


def field_name(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int) and parts:
            parts[-1] = f"{parts[-1]}[{part}]"
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(str(part))
    return ".".join(parts) or "(record)"


def explain(error: dict) -> str:
    """A short reason, without echoing megabytes of input back."""
    kind = error.get("type", "")
    value = error.get("input")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of the profile format"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"unknown value {_short(value)}; expected one of {expected}"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"is {len(value):,} characters; at most {limit:,} allowed"
    if kind == "too_long":
        return f"has too many items; at most {error.get('ctx', {}).get('max_length')} allowed"
    message = str(error.get("msg", "is invalid"))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if value is not None and kind not in ("model_type", "dict_type") and not isinstance(value, (dict, list)):
        return f"{message} (got {_short(value)})"
    return message


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_VALUE else text[:MAX_SHOWN_VALUE] + "…'"


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix == ".json":
        return "json"
    stripped = text.lstrip()
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        return "jsonl"
    return "csv"


def _json_array(text: str, name: str) -> Iterator[tuple[str, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileFileError(f"{name}: line {error.lineno}, column {error.colno}: broken JSON: {error.msg}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ProfileFileError(f"{name}: expected a JSON array of profiles, got {type(data).__name__}")
    for index, item in enumerate(data):
        yield f"record {index + 1}", item


def _json_lines(text: str, name: str) -> Iterator[tuple[str, object]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as error:
            yield where, Problem(name, where, "(record)", f"broken JSON at column {error.colno}: {error.msg}")


def _csv_rows(text: str, name: str) -> Iterator[tuple[str, object]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ProfileFileError(f"{name}: empty CSV file (no header)")
    for row in reader:
        where = f"line {reader.line_num}"
        try:
            yield where, _csv_record(row)
        except ValueError as error:
            yield where, Problem(name, where, error.args[0], error.args[1])


def _csv_record(row: dict) -> dict:
    record: dict = {}
    for column, value in row.items():
        if column is None:
            raise ValueError("(row)", "has more cells than the header has columns")
        column = column.strip()
        value = (value or "").strip()
        if value == "":
            continue
        target = CSV_NESTED.get(column) or (tuple(column.split(".", 1)) if "." in column else None)
        if target:
            record.setdefault(target[0], {})[target[1]] = value
        elif column in LIST_FIELDS:
            record[column] = [part.strip() for part in value.split(";") if part.strip()]
        elif column in ("offers", "needs"):
            record[column] = _csv_exchanges(column, value)
        else:
            record[column] = value
    return record


def _csv_exchanges(column: str, value: str) -> list:
    """JSON in the cell, or `;`-separated type keys ("rehearsal_space; residency")."""
    if value.startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(column, f"broken JSON in cell: {error.msg}") from None
    return [{"type": part.strip()} for part in value.split(";") if part.strip()]


def write_profiles(profiles: Iterable[Profile], stream, file_format: str = "json",
                   include_private: bool = True) -> int:
    """Write profiles in the exchange format; returns how many."""
    count = 0
    dump = (lambda p: p.exchange()) if include_private else (lambda p: p.public())
    if file_format == "jsonl":
        for profile in profiles:
            stream.write(json.dumps(dump(profile), ensure_ascii=False) + "\n")
            count += 1
    elif file_format == "json":
        stream.write("[")
        for profile in profiles:
            stream.write(("\n" if count == 0 else ",\n") + json.dumps(dump(profile), ensure_ascii=False))
            count += 1
        stream.write("\n]\n")
    else:
        raise ProfileFileError(f"unknown export format '{file_format}' (json or jsonl)")
    return count
