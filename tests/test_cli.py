"""The `matcher` command line: thin, clear messages, exit codes, JSON shapes."""
import contextlib
import json
import os
import re
import subprocess
import sys

import pytest

from matcher.cli import build_parser, main

from conftest import PROJECT, profile, write_jsonl
from test_engine import CENTRE, COMPANY

RESIDENCIES = PROJECT / "data" / "residencies" / "resartis_residencies_2014_nocontacts.csv"


@pytest.fixture
def files(tmp_path):
    return write_jsonl(tmp_path / "p.jsonl", [CENTRE, COMPANY])


def test_import_then_match_json(tmp_path, files, capsys):
    """import prints counts; match --json prints the shape of interface.md."""
    db = str(tmp_path / "m.db")
    assert main(["import", "--db", db, str(files)]) == 0
    assert capsys.readouterr().out.strip() == "2 added, 0 replaced, 0 refused"
    assert main(["match", "--db", db, "cie-elan", "--json", "--limit", "3"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["query"] == {"profile_id": "cie-elan"}
    first = body["matches"][0]
    assert {"id", "name", "kind", "score", "components", "reasons"} <= set(first)
    assert set(first["components"]) == {"affinity", "needs", "audience", "distance", "novelty"}


def test_search_plain_output(tmp_path, files, capsys):
    """search prints a readable list with reasons."""
    db = str(tmp_path / "m.db")
    main(["import", "--db", db, str(files)])
    capsys.readouterr()
    assert main(["search", "--db", db, "on cherche une salle de répétition en été", "--near", "1060"]) == 0
    out = capsys.readouterr().out
    assert "1. GC Zomer [gc-zomer]" in out and "      - " in out


def test_bad_file_exits_1_and_names_each_problem(tmp_path, capsys):
    """A file with invalid records imports nothing, exits 1 and names file, line, field and reason."""
    db = str(tmp_path / "m.db")
    bad = write_jsonl(tmp_path / "bad.jsonl", [
        profile("ok"),
        profile("x", disciplines=["jazzz"]),
        {"kind": "artist", "name": "no id"},
        profile("y", needs=[{"type": "residency", "period": {"start": "2027-08-01", "end": "2027-07-01"}}]),
        profile("z", description="x" * 10_000_001),
        profile("w", location={"municipality": "Atlantis"}),
    ])
    assert main(["import", "--db", db, str(bad)]) == 1
    err = capsys.readouterr().err
    for expected in ("line 2: disciplines[0]: unknown value 'jazzz'", "line 3: id: is required",
                     "line 4: needs[0].period: end 2027-07-01 is before start 2027-08-01",
                     "line 5: description: is 10,000,001 characters; at most 10,000 allowed",
                     "line 6: location.municipality: unknown municipality 'Atlantis'",
                     "5 invalid record(s): nothing imported"):
        assert expected in err
    assert len(err) < 5000, "a 10 MB value is not echoed back"
    from matcher.storage.store import Store

    assert Store(db).count() == 0


def test_broken_json_file(tmp_path, capsys):
    """Broken JSON is a clear error, exit 1."""
    path = tmp_path / "broken.json"
    path.write_text("[{\"id\": ")
    assert main(["import", "--db", str(tmp_path / "m.db"), str(path)]) == 1
    assert "broken JSON" in capsys.readouterr().err


def test_real_residency_records_with_skip_invalid(tmp_path, capsys):
    """The 500 real Res Artis records: no crash, a clear report, exit 0 with --skip-invalid."""
    assert main(["import", "--db", str(tmp_path / "m.db"), "--skip-invalid", str(RESIDENCIES)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "0 added, 0 replaced, 500 refused"
    assert "id: is required" in captured.err and "more problems" in captured.err


def test_unknown_profile_is_a_clean_error(tmp_path, capsys):
    assert main(["match", "--db", str(tmp_path / "m.db"), "nobody"]) == 1
    assert capsys.readouterr().err.strip() == "matcher match: no profile with id 'nobody'"


def test_export_round_trip(tmp_path, files, capsys):
    """export writes what import reads, contact included."""
    db = str(tmp_path / "m.db")
    main(["import", "--db", db, str(files)])
    capsys.readouterr()
    assert main(["export", "--db", db, "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(lines, key=lambda p: p["id"]) == sorted([CENTRE, COMPANY], key=lambda p: p["id"])


def test_real_process_with_env_database(tmp_path, files):
    """The installed console script runs, reading MATCHER_DB."""
    env = dict(os.environ, MATCHER_DB=str(tmp_path / "env.db"), MATCHER_MODEL="hashing")
    run = subprocess.run([sys.executable, "-m", "matcher.cli", "import", str(files)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "env.db").exists()


def test_every_command_is_documented():
    """Each subcommand appears in the README."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"import", "match", "search", "serve", "alliances"} <= set(commands)
    for name in commands:
        assert f"matcher {name}" in readme, name


def run_in_terminal(command: list[str], env: dict) -> tuple[int, str]:
    """Run `command` with its stderr on a pseudo-terminal 100 columns wide; its exit code and stderr."""
    import fcntl
    import struct
    import termios
    import threading

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    chunks: list[bytes] = []

    def read_all():
        with contextlib.suppress(OSError):  # EIO once the child closed its end
            while chunk := os.read(master, 65536):
                chunks.append(chunk)

    reader = threading.Thread(target=read_all)
    reader.start()
    try:
        run = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=slave, timeout=300)
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    return run.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_import_shows_progress_in_a_terminal(tmp_path):
    """In a terminal, import shows an embedding bar with a count and a rate; piped, it prints no bar."""
    people = [profile(f"maker-{n}", "artist", description=f"Maker {n} makes dance and theatre, piece {n}.")
              for n in range(300)]
    path = write_jsonl(tmp_path / "many.jsonl", people)
    env = dict(os.environ, MATCHER_MODEL="hashing")
    command = [sys.executable, "-m", "matcher.cli", "import", "--db", str(tmp_path / "m.db"), str(path)]
    code, screen = run_in_terminal(command, env)
    assert code == 0, screen
    assert re.search(r"embedding: 100%\|.*\| (\d+)/\1 \[[0-9:]+<[0-9:]+, +[0-9.]+text/s\]", screen), screen
    piped = subprocess.run(command + ["--skip-invalid"], env=dict(env, MATCHER_DB=str(tmp_path / "other.db")),
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and "embedding" not in piped.stderr


@pytest.mark.slow  # loads the real bundled model, twice
def test_model_loading_is_quiet_unless_verbose(tmp_path):
    """The real model loads without "Loading weights" bars; --verbose shows what is being done."""
    env = {k: v for k, v in os.environ.items() if k != "MATCHER_MODEL"}
    command = [sys.executable, "-m", "matcher.cli", "search", "--db", str(tmp_path / "m.db"),
               "Ik zoek een repetitieruimte"]
    quiet = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    verbose = subprocess.run(command + ["--verbose"], env=env, capture_output=True, text=True, timeout=300)
    assert verbose.returncode == 0 and "Loading weights" in verbose.stderr


def test_understand_shows_each_item_with_the_words_that_led_to_it(tmp_path, monkeypatch, capsys):
    """matcher understand prints what was read with its words and cue, in plain text and JSON,
    without creating a database."""
    monkeypatch.chdir(tmp_path)
    assert main(["understand", "--search", "We zoeken een repetitieruimte in juli, geen residentie."]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "language: nl"
    assert any(line.split()[:3] == ["needs", "rehearsal_space", '"repetitieruimte"'] and '(cue: "we zoeken")' in line
               for line in out)
    assert any(line.split()[:2] == ["negated", "residency"] for line in out)
    assert main(["understand", "--json", "Nous proposons des ateliers de danse pour les ados."]) == 0
    body = json.loads(capsys.readouterr().out)
    offer = next(item for item in body["evidence"] if item["field"] == "offers")
    assert (offer["key"], offer["words"]) == ("workshops", "ateliers") and "proposons" in offer["cue"]
    assert [o["type"] for o in body["understood"]["offers"]] == ["workshops"]
    assert list(tmp_path.iterdir()) == [], "reading a text opens no database"
    assert main(["understand", "  "]) == 1
    assert capsys.readouterr().err.strip() == "matcher understand: text: must not be empty"


def test_understand_shows_the_distance_a_search_keeps_to(tmp_path, monkeypatch, capsys):
    """A search that sets its own limit says so, with its words; a profile text states its reach in
    max_distance_km, so the same words read as a profile set nothing."""
    monkeypatch.chdir(tmp_path)
    text = "We zoeken een repetitieruimte in juli, niet verder dan 40 km."
    assert main(["understand", "--search", text]) == 0
    assert any(line.split() == ["radius_km", "40", '"niet', "verder", "dan", "40", 'km"']
               for line in capsys.readouterr().out.splitlines())
    assert main(["understand", text]) == 0
    assert "radius_km" not in capsys.readouterr().out


def test_output_cut_short_by_a_pipe_is_not_an_error():
    """`matcher understand ... | head -1`: when the reader of our output stops, no traceback."""
    import subprocess
    import sys as system

    # Long enough that its evidence (about 100 KB) cannot all sit in the pipe before head exits.
    text = "Wij zoeken een repetitieruimte in juli voor een dansvoorstelling. " * 140
    shell = subprocess.run(f"'{system.executable}' -m matcher.cli understand --json '{text}' | head -c 1",
                           shell=True, capture_output=True, text=True, timeout=120)
    assert shell.stdout == "{"
    assert "Traceback" not in shell.stderr and "BrokenPipe" not in shell.stderr
