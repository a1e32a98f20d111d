"""The benchmark's printed tables and its results.json."""
import json
import os
import platform
import time

TOOLS = ("py3bridge", "modernize")


def _ratio(ok, total):
    return "%d/%d" % (ok, total)


def _tests(suite):
    if suite is None:
        return "-"
    text = "%d/%d/%d/%d" % (suite.run, suite.passed, suite.failed, suite.errors)
    return text + (" crashed" if suite.crash else "")


def _row(label, *cells, widths=(37, 16, 22, 16)):
    parts = [label.ljust(widths[0])] + [str(c).ljust(w) for c, w in zip(cells, widths[1:])]
    return ("  " + "".join(parts)).rstrip()


def _compiled_rows(r):
    total, compiled = r["files"], [r["before"]] + [r[t]["compiled"] for t in TOOLS]
    py3 = [_ratio(c.to_json()["py3_ok"], total) for c in compiled]
    py27 = [_ratio(c.to_json()["py27_ok"], total) for c in compiled]
    return [_row("files parsing on 3.11", *py3), _row("files compiling on 2.7", *py27)]


def _timing_rows(r):
    p3b, mod = r["py3bridge"], r["modernize"]
    return [
        _row("wall s: plan --no-cache", "", "%.2f" % p3b["plan"]["wall_s"]),
        _row("wall s: apply --stage syntax / -w", "", "%.2f" % p3b["apply"]["wall_s"], "%.2f" % mod["run"]["wall_s"]),
        _row("peak RSS MB (tree/largest): plan", "", "%.0f/%.0f" % (p3b["plan"]["tree_rss_mb"], p3b["plan"]["proc_rss_mb"])),
        _row("peak RSS MB (tree/largest): apply", "", "%.0f/%.0f" % (p3b["apply"]["tree_rss_mb"], p3b["apply"]["proc_rss_mb"]),
             "%.0f/%.0f" % (mod["run"]["tree_rss_mb"], mod["run"]["proc_rss_mb"])),
    ]


def package_block(r):
    p3b, tests = r["py3bridge"], r["tests"] or {}
    lines = ["%s %s: %d files, %d lines" % (r["name"], r["version"], r["files"], r["lines"]),
             _row("", "before", "py3bridge", "modernize")]
    lines += _compiled_rows(r)
    lines.append(_row("2.7 suite run/passed/failed/errors", *(_tests(tests.get(k)) for k in ("before",) + TOOLS)))
    lines.append(_row("lines changed +/-", "", *("+%d/-%d" % (r[t]["lines_added"], r[t]["lines_removed"]) for t in TOOLS)))
    lines.append(_row("second run changes nothing", "", *("yes" if r[t]["idempotent"] else "NO (%d files)" % len(
        r[t]["changed_by_second_run"]) for t in TOOLS)))
    lines += _timing_rows(r)
    for label, suite in tests.items():
        if suite.crash:
            lines.append("  2.7 suite on %s printed no summary: %s" % (label, suite.crash))
    for item in p3b["not_applied"]:
        lines.append("  py3bridge did not apply %s (%s): %s" % (item["path"], item["status"], item.get("reason", "")))
    lines += ["  %-4s  %s: %s" % check for check in r["checks"]]
    return "\n".join(lines)


_SUMMARY_HEAD = ("package", "files", "lines", "3.11 ok b/p/m", "2.7 ok b/p/m", "tests passed b/p/m",
                 "lines +/- p | m", "2nd run p/m", "wall p+a | m", "checks")
_SUMMARY_FMT = "%-18s %5s %7s  %-15s %-15s %-19s %-20s %-11s %-16s %s"


def _numbers(r):
    """The summary-table numbers of one package (tuples are before/py3bridge/modernize or per tool)."""
    compiled = [r["before"].to_json()] + [r[t]["compiled"].to_json() for t in TOOLS]
    tests = r["tests"]
    return {
        "files": r["files"], "lines": r["lines"],
        "py3_ok": tuple(c["py3_ok"] for c in compiled), "py27_ok": tuple(c["py27_ok"] for c in compiled),
        "passed": tuple(tests[k].passed for k in ("before",) + TOOLS) if tests else None,
        "changed": tuple(r[t][k] for t in TOOLS for k in ("lines_added", "lines_removed")),
        "idempotent": tuple(int(r[t]["idempotent"]) for t in TOOLS),
        "wall": (r["py3bridge"]["plan"]["wall_s"], r["py3bridge"]["apply"]["wall_s"], r["modernize"]["run"]["wall_s"]),
        "failed_checks": sum(1 for status, _, _ in r["checks"] if status == "FAIL"),
    }


def _add(a, b):
    if a is None or b is None:
        return a if b is None else b
    return tuple(x + y for x, y in zip(a, b)) if isinstance(a, tuple) else a + b


def _summary_line(name, n, idempotent):
    return _SUMMARY_FMT % (
        name, n["files"], n["lines"], "/".join(map(str, n["py3_ok"])), "/".join(map(str, n["py27_ok"])),
        "/".join(map(str, n["passed"])) if n["passed"] else "-",
        "+%d-%d | +%d-%d" % n["changed"], idempotent, "%.1f+%.1f | %.1f" % n["wall"],
        "%d FAILED" % n["failed_checks"] if n["failed_checks"] else "all pass",
    )


def summary_table(results):
    lines, total = [_SUMMARY_FMT % _SUMMARY_HEAD], None
    for r in results:
        n = _numbers(r)
        lines.append(_summary_line(r["name"], n, "/".join("y" if i else "N" for i in n["idempotent"])))
        total = n if total is None else {key: _add(total[key], n[key]) for key in n}
    lines.append(_summary_line("TOTAL", total, "%d/%d" % total["idempotent"]))
    return "\n".join(lines)


def django_block(d):
    cold, warm, mod = d["plan_cold"], d["plan_warm"], d["modernize"]
    compiled = d["modernize_compiled"]
    lines = [
        "Django 1.4.22 (scale): %d files, %d lines; before: %d parse on 3.11, %d compile on 2.7"
        % (d["files"], d["lines"], d["compiled_before"]["py3_ok"], d["compiled_before"]["py27_ok"]),
        "  py3bridge plan, cold (empty cache dir)   %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (cold["wall_s"], cold["tree_rss_mb"], cold["proc_rss_mb"]),
        "  py3bridge plan, warm (%d files edited)   %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (len(d["edited"]), warm["wall_s"], warm["tree_rss_mb"], warm["proc_rss_mb"]),
        "  python-modernize (%s)\n  %40s %6.2f s   peak RSS %4.0f MB tree, %4.0f MB largest process"
        % (d["modernize_mode"], "", mod["wall_s"], mod["tree_rss_mb"], mod["proc_rss_mb"]),
        "  after python-modernize: %d/%d parse on 3.11, %d/%d compile on 2.7"
        % (compiled["py3_ok"], d["files"], compiled["py27_ok"], d["files"]),
        "  cold plan / modernize: %.2f" % (cold["wall_s"] / mod["wall_s"]),
    ]
    lines += ["  %-4s  target: %s: %s" % target for target in d["targets"]]
    return "\n".join(lines)


def render(results, django, elapsed, load):
    parts = [package_block(r) for r in results]
    if results:
        parts.append("Summary (b = before, p = py3bridge, m = python-modernize; wall p+a = plan + apply)\n"
                     + summary_table(results))
    if django:
        parts.append(django_block(django))
    parts.append("Benchmark took %.0f s; 1-minute load average %.2f at the start, %.2f at the end "
                 "(timings are only comparable on an otherwise idle machine)." % ((elapsed,) + load))
    return "\n\n".join(parts)


def _package_json(r):
    data = {k: r[k] for k in ("name", "version", "files", "lines", "corpus")}
    data["before"] = r["before"].to_json()
    for tool in ("py3bridge", "modernize"):
        data[tool] = {k: v for k, v in r[tool].items() if k != "compiled"}
        data[tool].update(r[tool]["compiled"].to_json())
    data["tests"] = {k: v.to_json() for k, v in r["tests"].items()} if r["tests"] else None
    data["checks"] = [{"status": s, "check": name, "detail": detail} for s, name, detail in r["checks"]]
    return data


def write_json(path, results, django, elapsed, load, options):
    data = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": platform.platform(), "cpus": os.cpu_count(),
        "options": options, "elapsed_s": round(elapsed, 1), "load_average": {"start": load[0], "end": load[1]}, "packages": [_package_json(r) for r in results], "django": django,
    }
    if django:
        data["django"] = dict(django, targets=[{"status": s, "target": n, "detail": d} for s, n, d in django["targets"]])
    path.write_text(json.dumps(data, indent=2) + "\n")
