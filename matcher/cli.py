"""The `matcher` command: each subcommand opens the database, calls one
library method and turns library errors into a clean message and exit code."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from matcher import __version__
from matcher.embedding import ModelNotFound
from matcher.engine import InvalidRequest, Matcher, MatcherError, MatchResult
from matcher.evaluation import JudgmentsError
from matcher.paths import DATA_DIR
from matcher.profile_files import ProfileFileError
from matcher.ranking.weights import WeightsError
from matcher.settings import Settings, SettingsError
from matcher.storage.store import ProfileNotFound, StorageError

DEMO_PROFILES = DATA_DIR / "demo" / "profiles.jsonl"
MAX_PROBLEMS_SHOWN = 50


class CommandError(Exception):
    """A command failed for a reason the user can act on."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="matcher",
        description="Ranked, explained partner suggestions for the cultural field of Brussels and Flanders.")
    parser.add_argument("--version", action="version", version=f"matcher {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", default=None, help="SQLite database file (default: $MATCHER_DB or matcher.db)")
        sub.add_argument("--verbose", action="store_true",
                         help="say more on stderr: what is being done, and the model's own loading messages")
        return sub

    sub = command("import", "Read profiles (JSON array, JSON Lines, CSV) and store them.")
    sub.add_argument("files", nargs="+", metavar="FILE")
    sub.add_argument("--skip-invalid", action="store_true",
                     help="store the valid profiles even when some records are invalid")
    sub.set_defaults(run=run_import)

    sub = command("export", "Write all profiles in the exchange format to standard output; with --profile, "
                            "all data held about one profile (as GET /profiles/{id}/export).")
    sub.add_argument("--format", choices=("json", "jsonl"), default="json")
    sub.add_argument("--profile", metavar="ID", help="all data held about this profile, as JSON (right of access)")
    sub.set_defaults(run=run_export)

    sub = command("delete", "Delete a profile for good: every row about it, and its place in the saved index.")
    sub.add_argument("profile_id", metavar="ID")
    sub.set_defaults(run=run_delete)

    sub = command("match", "Ranked partner suggestions for a stored profile.")
    sub.add_argument("profile_id", metavar="ID")
    sub.add_argument("--limit", type=int, default=10)
    sub.add_argument("--kind", choices=("organisation", "artist"))
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(run=run_match)

    sub = command("search", "Suggestions for a free-text request in Dutch, French or English.")
    sub.add_argument("text", metavar="TEXT")
    sub.add_argument("--near", metavar="PLACE", help="municipality, postcode or 'lat,lon'")
    sub.add_argument("--radius-km", type=float, metavar="R", help="only partners within R km of --near")
    sub.add_argument("--kind", choices=("organisation", "artist"))
    sub.add_argument("--limit", type=int, default=10)
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(run=run_search)

    sub = command("understand", "What is read from a free text, each item with the words that led to it.")
    sub.add_argument("text", metavar="TEXT")
    sub.add_argument("--search", action="store_true", help="read it as a search (a request) instead of a profile text")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(run=run_understand)

    sub = command("alliances", "Proposed groups of complementary partners in an area.")
    sub.add_argument("--near", metavar="PLACE", help="municipality, postcode or 'lat,lon' (with --radius-km)")
    sub.add_argument("--radius-km", type=float, metavar="R", help="radius around --near (default 10)")
    sub.add_argument("--municipalities", metavar="NAMES", help="comma-separated, e.g. 'Schaarbeek,Evere'")
    sub.add_argument("--region", metavar="NAME", help="a region or province, e.g. 'Vlaams-Brabant'")
    sub.add_argument("--size", type=int, default=5, help="members per group, 3 to 8 (default 5)")
    sub.add_argument("--count", type=int, default=5, help="how many groups, 1 to 20 (default 5)")
    sub.add_argument("--theme", metavar="WORDS", help="a theme in Dutch, French or English")
    sub.add_argument("--language", choices=("nl", "fr", "en"), default="en", help="language of the reasons")
    sub.add_argument("--max-groups-per-profile", type=int, default=1,
                     help="how many proposed groups one profile may be in (default 1)")
    sub.add_argument("--pin", action="append", default=[], metavar="ID",
                     help="a profile that must be in every group (repeat for more)")
    sub.add_argument("--exclude", action="append", default=[], metavar="ID",
                     help="a profile that must be in no group (repeat for more)")
    sub.add_argument("--skip", type=int, default=0, metavar="N",
                     help="leave out the first N proposals: --skip 5 with --count 5 gives the next five")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("--svg-dir", metavar="DIR", help="write one SVG picture per group to DIR")
    sub.set_defaults(run=run_alliances)

    sub = command("evaluate", "Ranking quality on labelled queries, side by side with two baselines.")
    sub.add_argument("judgments", metavar="JUDGMENTS_FILE")
    sub.add_argument("--json", action="store_true", help="print JSON (with per-query results)")
    sub.set_defaults(run=run_evaluate)

    sub = command("evaluate-understanding", "How well free text is read: precision, recall and F1 of offers, "
                                            "needs, audiences and partner kind against labelled texts.")
    sub.add_argument("labelled", metavar="LABELLED_FILE")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(run=run_evaluate_understanding)

    sub = command("introductions", "Introductions between profiles: one profile's, every outcome, or the "
                                   "outcomes as judgments for `matcher evaluate`.")
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        found = actions.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS: an option given before the action is not reset by the action's default
        found.add_argument("--db", default=argparse.SUPPRESS, help="SQLite database file")
        found.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS, help="say more on stderr")
        return found

    listing = action("list", "A profile's introductions, asked and received, with the other side's contact "
                             "once accepted.")
    listing.add_argument("profile_id", metavar="ID")
    listing.add_argument("--json", action="store_true", help="print JSON")
    exported = action("export", "Every introduction and what became of it (asked, accepted, declined, withdrawn, "
                                "worked together), oldest first, messages included.")
    exported.add_argument("--format", choices=("json", "jsonl"), default="jsonl")
    action("judgments", "The outcomes as graded judgments in the format of `matcher evaluate` (JSON Lines): "
                        "worked together 3, accepted 2, declined 0.")
    sub.set_defaults(run=run_introductions)

    sub = command("send-mail", "Send the notifications not mailed yet to the profiles' e-mail addresses "
                               "(needs MATCHER_SMTP_HOST and MATCHER_SMTP_FROM).")
    sub.set_defaults(run=run_send_mail)

    sub = command("serve", "Serve the HTTP API and web pages.")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--workers", type=int, default=None, metavar="N",
                     help="processes on the one port (default MATCHER_WORKERS, else 1)")
    sub.set_defaults(run=run_serve)

    sub = command("demo", "Fill an empty database with the shipped demo profiles, then serve it.")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--no-serve", action="store_true", help="load the demo data and stop")
    sub.set_defaults(run=run_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    try:
        return args.run(args) or 0
    except (CommandError, ProfileFileError, InvalidRequest, StorageError, ModelNotFound,
            JudgmentsError, MatcherError, WeightsError, SettingsError) as error:
        print(f"matcher {args.command}: {error}", file=sys.stderr)
        return 1
    except ProfileNotFound as error:
        print(f"matcher {args.command}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"matcher {args.command}: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output stopped early ("matcher evaluate ... | head"): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def configure_logging(verbose: bool) -> None:
    """The library logs; the command shows its warnings, and with --verbose what it is doing too."""
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(format="matcher: %(message)s", stream=sys.stderr, level=level, force=True)


def settings_of(args) -> Settings:
    """The MATCHER_* settings, with --db winning over MATCHER_DB."""
    return Settings.from_env(db_path=args.db)


def open_matcher(args) -> Matcher:
    return Matcher.from_settings(settings_of(args))


def run_import(args) -> int:
    matcher = open_matcher(args)
    report = matcher.import_files(args.files, skip_invalid=args.skip_invalid, progress=sys.stderr.isatty())
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        print(problem, file=sys.stderr)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"... and {len(report.problems) - MAX_PROBLEMS_SHOWN} more problems", file=sys.stderr)
    if report.problems and not args.skip_invalid:
        print(f"{report.refused} invalid record(s): nothing imported "
              f"(fix them, or use --skip-invalid to import the valid ones)", file=sys.stderr)
        return 1
    if report.added or report.replaced:
        matcher.save_current_index()  # the next start loads it instead of building it from the rows
    print(f"{report.added} added, {report.replaced} replaced, {report.refused} refused")
    return 0


def run_export(args) -> int:
    if args.profile is not None:
        print(json.dumps(open_matcher(args).profile_export(args.profile), ensure_ascii=False, indent=2))
        return 0
    open_matcher(args).export(sys.stdout, args.format)
    return 0


def run_delete(args) -> int:
    open_matcher(args).delete_profile(args.profile_id)
    print(f"deleted {args.profile_id}")
    return 0


def run_match(args) -> int:
    result = open_matcher(args).match(args.profile_id, limit=args.limit, kind=args.kind)
    print_result(result, args.json, f"Suggestions for {args.profile_id}")
    return 0


def run_search(args) -> int:
    result = open_matcher(args).search(args.text, near=args.near, kind=args.kind, limit=args.limit,
                                       radius_km=args.radius_km)
    print_result(result, args.json, f"Suggestions for: {args.text}")
    return 0


def run_understand(args) -> int:
    from matcher.results import check_text
    from matcher.understanding.evidence import read_with_evidence

    # Reading needs no database or model: only the lexicon and the date months count from.
    read = read_with_evidence(check_text(args.text), settings_of(args).reference_date, searching=args.search)
    if args.json:
        print(json.dumps(read.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"language: {read.language or 'unclear'}")
    if not read.evidence:
        print("  nothing recognised")
    for item in read.evidence:
        cue = f" (cue: \"{item['cue']}\")" if item["cue"] else ""
        print(f"  {item['field']:<12} {item['key']:<22} \"{item['words']}\"{cue}")
    return 0


def run_alliances(args) -> int:
    from matcher.alliances.svg import write_alliance_svgs

    result = open_matcher(args).alliances(
        near=args.near, radius_km=args.radius_km, region=args.region,
        municipalities=None if args.municipalities is None else args.municipalities.split(","),
        size=args.size, count=args.count, theme=args.theme, language=args.language,
        max_groups_per_profile=args.max_groups_per_profile, pinned=args.pin, excluded=args.exclude, skip=args.skip)
    if args.svg_dir:
        try:
            written = write_alliance_svgs(result.alliances, args.svg_dir)
        except OSError as error:
            raise CommandError(f"cannot write the pictures to {args.svg_dir}: {error.strerror or error}") from None
        print(f"wrote {len(written)} SVG file(s) to {args.svg_dir}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    query = result.query
    print(f"Alliances in {query['area']} ({query['profiles_in_area']} profiles), groups of {query['size']}")
    for note in result.notes:
        print(f"  {note}")
    for rank, alliance in enumerate(result.alliances, start=1):
        distance = "" if alliance.max_distance_km is None else f", all within {alliance.max_distance_km:.1f} km"
        print(f"{rank:2d}. score {alliance.score:.2f}: needs met {alliance.need_coverage:.0%}, "
              f"coherence {alliance.coherence:.2f}{distance}")
        for member in alliance.members:
            where = f", {member.municipality}" if member.municipality else ""
            print(f"      {member.name} [{member.id}] ({member.kind}{where})")
        for reason in alliance.reasons:
            print(f"      - {reason}")
    return 0


def run_evaluate(args) -> int:
    from matcher.evaluation import format_report, run_evaluation

    matcher = open_matcher(args)
    if matcher.count() == 0:
        raise CommandError("the database is empty: import the profiles the judgments refer to first")
    result = run_evaluation(matcher, args.judgments)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_report(result))
    return 0


def run_evaluate_understanding(args) -> int:
    from matcher.understanding.evaluation import format_understanding_report, load_labelled, score_understanding

    report = score_understanding(load_labelled(args.labelled), settings_of(args).reference_date)
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_understanding_report(report))
    return 0


def run_introductions(args) -> int:
    matcher = open_matcher(args)
    introductions = matcher.introductions
    if args.action == "export":
        outcomes = list(introductions.outcomes())
        if args.format == "json":
            print(json.dumps(outcomes, ensure_ascii=False, indent=2))
        for outcome in outcomes if args.format == "jsonl" else ():
            print(json.dumps(outcome, ensure_ascii=False))
        return 0
    if args.action == "judgments":
        for line in introductions.judgments():
            print(json.dumps(line, ensure_ascii=False))
        return 0
    return print_introductions(matcher, args.profile_id, args.json)


def print_introductions(matcher: Matcher, profile_id: str, as_json: bool) -> int:
    """A profile's introductions; the other side's contact as that profile may see it (once accepted)."""
    found = matcher.introductions.of_profile(profile_id)
    sides = {"incoming": found.incoming, "outgoing": found.outgoing}
    contacts = {introduction.other(profile_id): matcher.contact_for(introduction.other(profile_id), profile_id)
                for introductions in sides.values() for introduction in introductions}
    if as_json:
        print(json.dumps({"profile": profile_id, **{
            side: [{**item.as_dict(), "contact": contacts[item.other(profile_id)]} for item in items]
            for side, items in sides.items()}}, ensure_ascii=False, indent=2))
        return 0
    for side, items in sides.items():
        print(f"{side} ({len(items)})")
        for item in items:
            other = item.other(profile_id)
            print(f"  {item.id}  {item.other_name(profile_id)} [{other}]  {item.status}  asked {item.asked_at}"
                  + ("  worked together" if item.worked_together_at else ""))
            if contacts[other]:
                print("      contact: " + ", ".join(str(value) for value in contacts[other].values() if value))
    return 0


def run_send_mail(args) -> int:
    from matcher.mail import SmtpSettings, send_outbox

    settings = settings_of(args)
    smtp = SmtpSettings.from_settings(settings)
    if smtp is None:
        raise CommandError("mail is off: set MATCHER_SMTP_HOST (and MATCHER_SMTP_FROM) to send the outbox")
    report = send_outbox(Matcher.from_settings(settings).introductions, smtp)
    print(report)
    for error in dict.fromkeys(report.errors or []):
        print(f"  {error}", file=sys.stderr)
    return 1 if report.failed else 0


def run_serve(args) -> int:
    from service.server import serve

    settings = settings_of(args)
    if args.workers is not None:
        settings = settings.model_copy(update={"workers": args.workers})
    return serve(settings, host=args.host, port=args.port)


def run_demo(args) -> int:
    settings = settings_of(args)
    matcher = Matcher.from_settings(settings)
    if matcher.count() == 0:
        if not DEMO_PROFILES.exists():
            raise CommandError(f"demo data {DEMO_PROFILES} is missing")
        report = matcher.import_files([DEMO_PROFILES], progress=sys.stderr.isatty())
        if report.problems:
            raise CommandError(f"demo data has {len(report.problems)} problems, first: {report.problems[0]}")
        print(f"loaded {report.added} demo profiles into {settings.db_path}")
    else:
        print(f"{settings.db_path} already holds {matcher.count()} profiles; demo data not loaded")
    if args.no_serve:
        return 0
    matcher.close()
    from service.server import serve

    return serve(settings, host=args.host, port=args.port)


def print_result(result: MatchResult, as_json: bool, title: str) -> None:
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    print(title)
    if result.nothing_within_reach is not None:
        print(f"  {result.nothing_within_reach.text()}")
    elif not result.matches:
        print("  no suggestions (nobody within reach, or no profiles yet)")
    for rank, match in enumerate(result.matches, start=1):
        where = ", ".join(x for x in (match.municipality,
                                      None if match.distance_km is None else f"{match.distance_km:.1f} km") if x)
        print(f"{rank:2d}. {match.name} [{match.id}] ({match.kind}{', ' + where if where else ''})"
              f"  score {match.score:.2f}")
        for reason in match.reasons:
            print(f"      - {reason.text}")


if __name__ == "__main__":
    sys.exit(main())
