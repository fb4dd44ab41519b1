"""Dask benchmark: 2 worker processes vs 1 process; optional synthetic corpus with bounded memory.

Usage::

    python benchmarks/bench_dask.py                          # ../shared/corpora (txt + md files)
    python benchmarks/bench_dask.py --limit-mb 10            # a slice of it
    python benchmarks/bench_dask.py --synthetic 100MB        # generate and process a synthetic corpus
    python benchmarks/bench_dask.py --synthetic 1GB --skip-single

Prints a JSON summary: load average before and after, warm-up time (dictionary
loads, once per process, reported apart and in the totals), wall times, speedup
with and without warm-up, documents/s, MB/s, the share of worker time spent
computing, CPU seconds per process, and the peak RSS of each worker process
(``ru_maxrss``). On a shared machine use ``--repeat 3``: runs are interleaved,
each is listed with the 1-minute load average at its start, and the best is
reported; ``cpu_time_speedup`` (single CPU seconds / busiest worker's CPU
seconds) is less sensitive to load from other users. ``machine_ceiling`` is what
two independent CPU-bound processes get on this machine in the same run
(``benchmarks/_ceiling.py``); read ``speedup`` against it. Results are
written to Parquet by the workers; only one summary row per partition returns.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "benchmarks"))

from _ceiling import parallel_ceiling  # noqa: E402

REGIONS = [
    "四川省",
    "湖北省",
    "甘肃省",
    "重庆市",
    "山东省",
    "广东省",
    "浙江省",
    "河南省",
    "云南省",
    "江西省",
]
NOISE = [
    "上一页 下一页",
    "【字号：大 中 小】",
    "打印本页 关闭窗口",
    "来源：本站 浏览次数：",
    "|  |  |",
    "wèi shēng",
]


def _peak_rss_mb(_: object = None) -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s(_: object = None) -> float:
    """User + system CPU seconds of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def shared_paths(limit_mb: float | None) -> list[Path]:
    paths = sorted(SHARED.rglob("*.txt")) + sorted(SHARED.rglob("texts/**/*.md"))
    if limit_mb:
        rnd = random.Random(0)
        rnd.shuffle(paths)
        out, size = [], 0
        for p in paths:
            if size >= limit_mb * 1e6:
                break
            out.append(p)
            size += p.stat().st_size
        paths = sorted(out)
    return paths


def make_synthetic(target_bytes: int, folder: Path, *, seed: int = 0) -> list[Path]:
    """Mutated sample notices: shuffled paragraphs, other regions and dates, injected noise."""
    from policytext.datasets import sample_paths

    rnd = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sample_paths()]
    folder.mkdir(parents=True, exist_ok=True)
    paths, size, i = [], 0, 0
    while size < target_bytes:
        text = bases[i % len(bases)]
        paras = text.split("\n")
        head, body = paras[:3], paras[3:]
        rnd.shuffle(body)
        text = "\n".join(head + body)
        text = re.sub("|".join(REGIONS[:4]), lambda _m: rnd.choice(REGIONS), text)
        text = re.sub(r"(19|20)\d\d年", lambda _m: f"{rnd.randint(2000, 2024)}年", text)
        lines = text.split("\n")
        for _ in range(rnd.randint(0, 4)):
            lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(NOISE))
        p = folder / f"{i // 1000:04d}" / f"syn_{i:07d}.txt"
        p.parent.mkdir(exist_ok=True)
        data = "\n".join(lines).encode("utf-8")
        p.write_bytes(data)
        paths.append(p)
        size += len(data)
        i += 1
    return paths


def pipeline(paths, npartitions):
    from policytext import dask as ptd

    return ptd.segment(ptd.extract(ptd.normalize(ptd.read_corpus(paths, npartitions=npartitions))))


def _single(paths, npartitions, out):
    from policytext import dask as ptd

    t = time.perf_counter()
    ptd.warm_up()
    warm = time.perf_counter() - t
    cpu, t = _cpu_s(), time.perf_counter()
    ptd.to_parquet(pipeline(paths, npartitions), out, scheduler="sync")
    return {
        "warmup_s": warm,
        "run_s": time.perf_counter() - t,
        "cpu_s": _cpu_s() - cpu,
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_single(paths, npartitions, out):
    """The same graph and code path as the cluster run, on the synchronous scheduler.

    Runs in a fresh (spawned) process, like a new worker: nothing cached from an
    earlier run, and its peak RSS is its own.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(_single, paths, npartitions, out).result()


def _busy_fraction(stream, workers: int, wall: float) -> float:
    """Share of worker time spent computing tasks (1.0 = no idle worker)."""
    busy = sum(
        s["stop"] - s["start"] for r in stream for s in r["startstops"] if s["action"] == "compute"
    )
    return busy / (workers * wall) if wall else 0.0


def run_cluster(paths, npartitions, out, workers, memory_limit):
    from dask.distributed import Client, LocalCluster, get_task_stream

    from policytext import dask as ptd

    t = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            protocol="tcp",
            memory_limit=memory_limit,
        ) as cluster,
        Client(cluster) as client,
    ):
        import dask.dataframe  # noqa: F401  (the client builds the graph: imports are set-up)

        startup = time.perf_counter() - t
        t = time.perf_counter()
        client.run(ptd.warm_up)  # dictionaries, OpenCC, gazetteer: once per worker, in parallel
        warm = time.perf_counter() - t
        cpu, t = client.run(_cpu_s), time.perf_counter()
        with get_task_stream(client) as ts:
            summary = ptd.to_parquet(pipeline(paths, npartitions), out, summary=True)
        wall = time.perf_counter() - t
        cpu = {w: v - cpu[w] for w, v in client.run(_cpu_s).items()}
        peaks = client.run(_peak_rss_mb)
    return {
        "startup_s": startup,
        "warmup_s": warm,
        "run_s": wall,
        "busy": _busy_fraction(ts.data, workers, wall),
        "cpu_s": sorted(cpu.values()),
        "peaks": sorted(peaks.values()),
        "tasks_per_worker": summary.groupby("pid").size().sort_values().tolist(),
        "task_peak_rss_mb": summary.groupby("pid")["peak_rss_mb"].max().sort_values().tolist(),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--limit-mb", type=float, default=None, help="use a random slice of ../shared/corpora"
    )
    ap.add_argument(
        "--synthetic",
        default=None,
        help="generate a synthetic corpus of this size (e.g. 100MB, 1GB)",
    )
    ap.add_argument("--skip-single", action="store_true", help="only the cluster run")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each, interleaved; the best is reported (all with their 1-min load)",
    )
    ap.add_argument(
        "--partitions", type=int, default=None, help="default: 8 per worker, at most ~4 MB each"
    )
    ap.add_argument(
        "--memory-limit", default="2GB", help="per worker (Dask spills/pauses above it)"
    )
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="ptbench-"))
    try:
        if a.synthetic:
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]B)", a.synthetic.upper())
            if not m:
                ap.error("--synthetic takes e.g. 100MB or 1GB")
            target = int(float(m.group(1)) * {"KB": 1e3, "MB": 1e6, "GB": 1e9}[m.group(2)])
            t = time.perf_counter()
            paths = make_synthetic(target, tmp / "synthetic")
            gen_s = time.perf_counter() - t
            label = f"synthetic {a.synthetic}"
        else:
            if not SHARED.is_dir():
                print("../shared/corpora is absent; use --synthetic", file=sys.stderr)
                return 2
            paths, gen_s = shared_paths(a.limit_mb), 0.0
            label = "shared corpora" + (f" (slice {a.limit_mb} MB)" if a.limit_mb else "")
        mb = sum(p.stat().st_size for p in paths) / 1e6
        nparts = a.partitions or max(a.workers * 8, math.ceil(mb / 4))
        result = {
            "corpus": label,
            "documents": len(paths),
            "MB": round(mb, 1),
            "partitions": nparts,
            "generate_s": round(gen_s, 1),
            "cpus": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        }
        singles: list[dict] = []
        clusters: list[dict] = []
        for r in range(a.repeat):
            # alternate the order, so load from other users hits both alike
            order = ["cluster", "single"] if r % 2 else ["single", "cluster"]
            for kind in order:
                load = round(os.getloadavg()[0], 2)
                if kind == "single" and not a.skip_single:
                    singles.append({**run_single(paths, nparts, tmp / "single"), "load1": load})
                    shutil.rmtree(tmp / "single", ignore_errors=True)
                elif kind == "cluster":
                    c = run_cluster(paths, nparts, tmp / "cluster", a.workers, a.memory_limit)
                    clusters.append({**c, "load1": load})
                    shutil.rmtree(tmp / "cluster", ignore_errors=True)
        if singles:
            single = min(singles, key=lambda x: x["run_s"])
            result.update(
                single_warmup_s=round(single["warmup_s"], 2),
                single_s=round(single["run_s"], 1),
                single_total_s=round(single["warmup_s"] + single["run_s"], 1),
                single_cpu_s=round(single["cpu_s"], 1),
                single_peak_rss_mb=round(max(x["peak_rss_mb"] for x in singles)),
                single_warmup_runs=[round(x["warmup_s"], 2) for x in singles],
                single_runs=[(round(x["run_s"], 1), x["load1"]) for x in singles],
            )
        c = min(clusters, key=lambda x: x["run_s"])
        wall = c["run_s"]
        result.update(
            workers=a.workers,
            cluster_startup_s=round(c["startup_s"], 1),
            cluster_warmup_s=round(c["warmup_s"], 2),
            cluster_s=round(wall, 1),
            cluster_total_s=round(c["warmup_s"] + wall, 1),
            cluster_worker_cpu_s=[round(x, 1) for x in c["cpu_s"]],
            cluster_MB_per_s=round(mb / wall, 2),
            cluster_docs_per_s=round(len(paths) / wall, 1),
            worker_busy_fraction=round(c["busy"], 2),
            partitions_per_worker=c["tasks_per_worker"],
            worker_peak_rss_mb=[round(p) for p in c["peaks"]],
            cluster_runs=[(round(x["run_s"], 1), x["load1"]) for x in clusters],
        )
        if singles:
            result["speedup"] = round(result["single_s"] / wall, 2)
            result["speedup_incl_warmup"] = round(
                result["single_total_s"] / result["cluster_total_s"], 2
            )
            # single CPU s / busiest worker CPU s: less sensitive to other users' load
            result["cpu_time_speedup"] = round(single["cpu_s"] / max(c["cpu_s"]), 2)
        if singles:
            # what two processes get on this machine at all (hyperthreads, shared host)
            ceiling = parallel_ceiling(a.workers, 3)
            if ceiling:
                result["machine_ceiling"] = ceiling
                result["speedup_share_of_ceiling"] = round(result["speedup"] / ceiling["best"], 2)
        result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
