#!/usr/bin/env python3
"""Runs commands repeatedly and reports median wall time and peak resident memory of each.

usage: measure.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]
The first command is the baseline. The commands take turns (round robin, one run of each per round), so a load
swing on a shared machine hits every row alike; the ratio column is the median of the per-round ratios to the
baseline. Output: a Markdown table.
"""
import os, shlex, statistics, subprocess, sys, tempfile, time

def wall_seconds(argv):
    start = time.perf_counter()
    if subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        sys.exit(f"{argv[0]} failed")
    return time.perf_counter() - start

def peak_rss_mib(argv):
    # GNU time reports the child's own peak RSS (a forked Python child would count the interpreter's pages).
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *argv],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(out.read().strip().splitlines()[-1]) / 1024.0

def main():
    runs = int(sys.argv[1])
    specs = [spec.split("=", 1) for spec in sys.argv[2:]]
    commands = [(label, shlex.split(cmd)) for label, cmd in specs]
    for _, argv in commands:
        wall_seconds(argv)  # warm the page cache
    walls = [[] for _ in commands]
    for _ in range(runs):
        for i, (_, argv) in enumerate(commands):
            walls[i].append(wall_seconds(argv))
    print(f"| command | median wall (ms) | peak RSS (MiB) | wall vs {commands[0][0]} (median of per-round ratios) |")
    print("|---|---:|---:|---:|")
    for i, (label, argv) in enumerate(commands):
        rss = max(peak_rss_mib(argv) for _ in range(5))
        ratio = statistics.median(w / b for w, b in zip(walls[i], walls[0]))
        print(f"| {label} | {statistics.median(walls[i]) * 1000:.1f} | {rss:.1f} | {ratio:.2f}x |")

main()
