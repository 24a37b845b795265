#!/usr/bin/env python3
"""Runs commands repeatedly and reports median wall time and peak resident memory of each.

usage: measure.py RUNS LABEL=COMMAND [LABEL=COMMAND ...]
The first command is the baseline; every row also gives its ratio to it. Output: a Markdown table.
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
    rows = []
    for spec in sys.argv[2:]:
        label, cmd = spec.split("=", 1)
        argv = shlex.split(cmd)
        wall_seconds(argv)  # warm the page cache
        walls = [wall_seconds(argv) for _ in range(runs)]
        rss = max(peak_rss_mib(argv) for _ in range(5))
        rows.append((label, statistics.median(walls) * 1000, rss))
    base = rows[0][1]
    print(f"| command | median wall (ms) | peak RSS (MiB) | wall vs {rows[0][0]} |")
    print("|---|---:|---:|---:|")
    for label, ms, rss in rows:
        print(f"| {label} | {ms:.1f} | {rss:.1f} | {ms / base:.2f}x |")

main()
