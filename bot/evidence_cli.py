"""`python -m bot evidence PATH --output FILE`, and `--evidence FILE` for plan and apply.

The evidence command runs the repository's suite once on Python 2.7 with the bytes/text recorder
(workers/testrun/evidence.py) and writes what it saw to FILE; `plan`/`apply --evidence FILE` give
it to the fixers that consult it (stringio, bytes_at_boundaries and its report). Kept apart from the before/after test runs: the
recorder never touches the outcomes `test` reports.
"""
import json
from pathlib import Path

from workers.engine import evidence

MAX_LISTED, SHOWN = 200, 10  # calls given unicode at bytes boundaries: in --json, in the text output


def add_parser(commands):
    parser = commands.add_parser("evidence", help="record on Python 2.7 whether buffers held bytes or text")
    parser.add_argument("path", help="checkout to run the tests of")
    parser.add_argument("--output", "-o", required=True, help="evidence file to write (JSON)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def add_option(parser):
    parser.add_argument("--evidence", metavar="FILE",
                        help="what the 2.7 tests recorded (`python -m bot evidence`): decides bytes or text first")


def load(args):
    """The evidence named by --evidence, or None; raises evidence.EvidenceError."""
    path = getattr(args, "evidence", None)
    return evidence.load_file(path) if path else None


def cmd_evidence(args, out):
    from workers.engine.interpreters import find_python2  # here: plan and apply --evidence do without
    from workers.testrun.evidence import record

    checkout = Path(args.path)
    recording = record(checkout, find_python2())
    if not recording.problem:
        Path(args.output).write_text(evidence.dumps(recording.evidence))
    data = to_json(recording, args.output)
    if args.json:
        json.dump(data, out, indent=2)
        out.write("\n")
    else:
        out.write(render(data))
    return 0 if not data["problem"] and not data["could_not_start"] else 1


def to_json(recording, output):
    suite = recording.suite
    run = suite.run if suite else None
    data = {"python": recording.version, "output": "" if recording.problem else str(output),
            "problem": recording.problem or (suite.problem if suite else ""),
            "could_not_start": (run.startup_error or "") if run else "",
            "tests": {"ran": run.total, "passed": run.count("passed")} if run else {"ran": 0, "passed": 0}}
    data.update(recording.summary())
    data["unicode_at_boundaries"] = recording.unicode_at_boundaries()[:MAX_LISTED]
    if recording.problem:
        data["install_output"] = recording.output
    return data


def render(data):
    if not data["output"]:
        return "Nothing recorded: %s\n%s\n" % (data["problem"], data.get("install_output", ""))
    lines = ["Recorded on Python %s: %d test(s) ran, %d passed%s." % (
        data["python"], data["tests"]["ran"], data["tests"]["passed"],
        "; the suite could not start: %s" % data["could_not_start"] if data["could_not_start"] else ""),
        "%d buffer site(s) in %d file(s): %d held bytes, %d text, %d only ASCII str (undecided) -> %s" % (
            data["sites"], data["files"], data["bytes"], data["text"], data["native_only"], data["output"])]
    if data["boundary_sites"]:
        lines.append("%d call(s) at bytes boundaries (struct, hashlib, hmac, zlib, base64, socket, binary files), "
                     "%d given unicode (refused there on Python 3)%s" % (
                         data["boundary_sites"], data["boundary_text"], ":" if data["boundary_text"] else "."))
        lines += ["  %s" % where for where in data["unicode_at_boundaries"][:SHOWN]]
    if data.get("imported_modules"):
        lines.append("%d module(s) of package folders noted as imported by their package or as top-level "
                     "modules (whether `import sibling` there is relative)." % data["imported_modules"])
    if data["problem"]:
        lines.append("The run ended early: %s" % data["problem"])
    return "\n".join(lines) + "\n"
