"""Profile files: JSON array, JSON Lines and CSV in; problems named by file, line, field and reason; export out."""
import io
import json

import pytest

from matcher.profile_files import ProfileFileError, read_profiles, write_profiles

from conftest import profile, write_jsonl


def test_json_lines_with_a_bad_record(tmp_path):
    """A bad line is reported with its line number; good lines are kept."""
    path = write_jsonl(tmp_path / "p.jsonl", [profile("a"), profile("b", disciplines=["jazzz"])])
    records, problems = read_profiles(path)
    assert [r.profile.id for r in records] == ["a"]
    assert [(p.where, p.field) for p in problems] == [("line 2", "disciplines[0]")]
    assert str(problems[0]).startswith(f"{path}: line 2: disciplines[0]: unknown value 'jazzz'")


def test_broken_json_line(tmp_path):
    """Broken JSON on one line of a JSON Lines file is that line's problem."""
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(profile("a")) + "\n{\"id\": \"b\",\n")
    records, problems = read_profiles(path)
    assert len(records) == 1 and problems[0].where == "line 2" and "broken JSON" in problems[0].reason


def test_broken_json_array_names_line_and_column(tmp_path):
    """A JSON array that does not parse cannot be read at all, and says where."""
    path = tmp_path / "p.json"
    path.write_text('[{"id": "a", "kind": "artist", "name": "A"},\n {"id": ]')
    with pytest.raises(ProfileFileError, match=r"line 2, column 9: broken JSON"):
        read_profiles(path)


def test_json_array_records_are_numbered(tmp_path):
    """In a JSON array, problems name the record number."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps([profile("a"), {"kind": "artist", "name": "no id"}]))
    records, problems = read_profiles(path)
    assert [r.profile.id for r in records] == ["a"]
    assert (problems[0].where, problems[0].field, problems[0].reason) == ("record 2", "id", "is required")


def test_csv_with_lists_and_nested_fields(tmp_path):
    """CSV lists are ';'-separated; municipality, postcode and contact columns fill the nested fields."""
    path = tmp_path / "p.csv"
    path.write_text(
        "id,kind,name,disciplines,audiences,municipality,postcode,email,offers\n"
        "gc-x,organisation,GC X,theatre; dance,youth,Schaarbeek,,info@example.org,rehearsal_space;residency\n"
        'cie-y,artist,Cie Y,circus,,,1080,,"[{""type"": ""coproduction_budget"", ""amount_eur"": 3000}]"\n',
        encoding="utf-8")
    records, problems = read_profiles(path)
    assert problems == []
    first, second = (r.profile for r in records)
    assert first.disciplines == ["theatre", "dance"] and first.location.municipality == "Schaarbeek"
    assert first.contact.email == "info@example.org"
    assert [o.type for o in first.offers] == ["rehearsal_space", "residency"]
    assert second.location.postcode == "1080" and second.offers[0].amount_eur == 3000


def test_real_residency_records_are_refused_clearly():
    """The Res Artis CSV is not in the profile format: every row is refused with reasons, no crash."""
    from matcher.paths import DATA_DIR

    path = DATA_DIR / "residencies" / "resartis_residencies_2014_nocontacts.csv"
    records, problems = read_profiles(path)
    assert records == []
    assert {p.field for p in problems} >= {"id", "kind", "address"}
    assert len({p.where for p in problems}) == 500


def test_duplicate_ids_in_one_file(tmp_path):
    """The same id twice in one import is a problem, not a silent overwrite."""
    path = write_jsonl(tmp_path / "p.jsonl", [profile("a"), profile("a")])
    records, problems = read_profiles(path)
    assert len(records) == 1 and "appears twice (first at line 1)" in problems[0].reason


def test_missing_and_non_utf8_files(tmp_path):
    """Files that cannot be read say why."""
    with pytest.raises(ProfileFileError, match="no such file"):
        read_profiles(tmp_path / "nope.json")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,kind,name\nx,artist,Théâtre\n".encode("latin-1"))
    with pytest.raises(ProfileFileError, match="not UTF-8"):
        read_profiles(latin)


@pytest.mark.parametrize("file_format", ["json", "jsonl"])
def test_export_round_trip(tmp_path, file_format):
    """Exported profiles read back identical."""
    original = [profile("a", disciplines=["dance"], location={"municipality": "Gent"},
                        offers=[{"type": "residency", "period": {"start": "2027-07-01", "end": "2027-08-31"}}],
                        contact={"email": "a@example.org"}),
                profile("b", kind="artist", description="Théâtre pour ados")]
    path = write_jsonl(tmp_path / "in.jsonl", original)
    records, _ = read_profiles(path)
    out = io.StringIO()
    assert write_profiles([r.profile for r in records], out, file_format) == 2
    back = tmp_path / f"out.{file_format}"
    back.write_text(out.getvalue())
    again, problems = read_profiles(back)
    assert problems == [] and [r.profile for r in again] == [r.profile for r in records]
    assert [r.profile.exchange() for r in again] == original
