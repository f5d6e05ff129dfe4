#!/usr/bin/python3
"""Medians of a torrent-vs-thirdparty.sh run: usage torrent_summary.py OUT_DIR (markdown on stdout)."""
import glob
import json
import os
import statistics
import sys


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def transfers(out):
    path = os.path.join(out, "transfers.jsonl")
    if not os.path.exists(path):
        return
    runs = {}
    for line in open(path):
        r = json.loads(line)
        runs.setdefault(r["case"], []).append(r)
    print("| seeders -> leecher | runs ok | leecher MiB/s | leecher CPU s/GiB | leecher peak RSS MiB"
          " | seeder CPU s/GiB served | seeder peak RSS MiB | last 1% of pieces | ours: first block -> done MiB/s"
          " | load1 | other CPU (cores) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for case, rs in runs.items():
        ok = [r for r in rs if r.get("ok")]
        leech = [r["leechers"][0] for r in ok]
        seeds = [r["seeders"] for r in ok]
        tails = [100.0 * r["tail_ms"] / r["tail_of_ms"] for r in ok if r.get("tail_of_ms")]
        mibs = [lc["MiB_s"] for lc in leech]
        phase = [r["bytes"] / 1048576 / (r["tail_of_ms"] / 1000) for r in ok if r.get("tail_of_ms")]
        print(f"| {case.replace(':', ' -> ')} | {len(ok)}/{len(rs)} "
              f"| {fmt(med(mibs))} ({'/'.join(fmt(m, 0) for m in mibs)})"
              f" | {fmt(med(lc['cpu_s_per_GiB'] for lc in leech), 2)}"
              f" | {fmt(med(lc['maxrss_mib'] for lc in leech), 0)}"
              f" | {fmt(med(statistics.mean(s['cpu_s_per_GiB_served'] for s in ss) for ss in seeds), 2)}"
              f" | {fmt(med(max(s['maxrss_mib'] for s in ss) for ss in seeds), 0)}"
              f" | {fmt(med(tails), 2) + ' %' if tails else '-'}"
              f" | {fmt(med(phase)) if phase else '-'}"
              f" | {fmt(med(r['load1_before'] for r in rs))}"
              f" | {fmt(med(r['other_cpu_cores'] for r in rs), 2)} (max {fmt(max(r['other_cpu_cores'] for r in rs), 2)}) |")
    print()


def key(d):
    mode = d.get("http_mode") or "cid-reuse %gs" % d["cid_reuse_s"]
    return f"{d['proto']} {d['op']} {mode} c={d['concurrency']}"


def trackers(out):
    by = {}
    for path in sorted(glob.glob(os.path.join(out, "tracker-*-*.jsonl"))):
        name = os.path.basename(path).split("-")[1]
        for line in open(path):
            d = json.loads(line)
            by.setdefault(name, {}).setdefault(key(d), []).append(d)
    if not by:
        return
    names = sorted(by, key=lambda n: n != "opentracker")
    print("| run | " + " | ".join(f"{n} announces/s (median; runs)" for n in names)
          + (" | ratio " + names[1] + "/" + names[0] if len(names) == 2 else "") + " | errors |")
    print("| --- | " + " | ".join("---:" for _ in names) + (" | ---:" if len(names) == 2 else "") + " | ---: |")
    for k in by[names[0]]:
        rps = [med(d["rps"] for d in by[n].get(k, [])) for n in names]
        runs = ["/".join(f"{d['rps'] / 1000:.0f}k" for d in by[n].get(k, [])) for n in names]
        errs = "/".join(str(sum(d["errors"] for d in by[n].get(k, []))) for n in names)
        cells = " | ".join(f"{fmt(r, 0)} ({s})" for r, s in zip(rps, runs))
        ratio = f" | {rps[1] / rps[0]:.2f}" if len(names) == 2 and rps[0] and rps[1] else (" | -" if len(names) == 2 else "")
        print(f"| {k} | {cells}{ratio} | {errs} |")
    print()


if __name__ == "__main__":
    transfers(sys.argv[1])
    trackers(sys.argv[1])
