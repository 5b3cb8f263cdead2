"""Turn the results dict (what bench-report.json holds) into the Markdown table report."""

from __future__ import annotations

TARGETS = {"macro_ratio": 1.10, "per_page_growth": 1.20, "reload_s": 1.5}


def _s(sample: dict | None, unit: float = 1.0, digits: int = 2) -> str:
    if sample is None:  # e.g. Zensical, which runs only up to BENCH_ZENSICAL_MAX
        return "–"
    return f"{sample['median'] / unit:.{digits}f} ({sample['min'] / unit:.{digits}f}–{sample['max'] / unit:.{digits}f})"


def _ok(value: float, limit: float) -> str:
    return f"{'✅' if value <= limit else '❌'} ≤ {limit}"


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:.1f} KiB"


def builds(rows: list[dict]) -> list[str]:
    labels = list(dict.fromkeys(label for r in rows for label in r["samples"]))
    out = [
        "## Build time (hyperfine, seconds: median (min–max))",
        "",
        "| size | pages | examples | principles | " + " | ".join(labels) + " | macros/plain (paired) | "
        "macros/plain (medians) | macros/plain (minima) | ms/page, macros | ms/page, plain | zensical/plain (paired) "
        "| load_catalogue() |",
        "|" + "---|" * (11 + len(labels)),
    ]
    for r in rows:
        samples = r["samples"]
        z = f"{r['zensical_ratio']:.2f}" if r.get("zensical_ratio") else "–"
        out.append(
            f"| {r['factor']}x | {r['pages']} | {r['examples']} | {r['principles']} | "
            + " | ".join(_s(samples.get(label)) for label in labels)
            + f" | **{r['macro_ratio']:.2f}** | {r['macro_ratio_of_medians']:.2f} | {r['macro_ratio_of_minima']:.2f} | "
            f"{r['per_page_s']['mkdocs+macros'] * 1000:.0f} | {r['per_page_s']['mkdocs plain'] * 1000:.0f} | {z} | "
            f"{r['catalogue_call_s'] * 1000:.2f} ms/call |"
        )
    out.append("")
    out.append("Each round runs every build once, in alternating order; *paired* is the median of the per-round")
    out.append("ratios, the figure least moved by other work on the machine. Zensical builds cold (`--clean`).")
    out.append("")
    if all(r.get("macro_cpu_ratio") for r in rows):
        out.append("CPU time (user+system, from hyperfine) is the work a build does, whatever it waited for a")
        out.append(
            "core on this shared machine: macros/plain, median of per-round CPU ratios: "
            + "; ".join(
                f"{r['factor']}x **{r['macro_cpu_ratio']:.2f}** {_ok(r['macro_cpu_ratio'], TARGETS['macro_ratio'])}"
                for r in rows
            )
        )
        by_cpu = {r["factor"]: r for r in rows}
        if 10 in by_cpu and 100 in by_cpu:
            out.append(
                "CPU per page, 100x / 10x: "
                + ", ".join(
                    f"{label} **{by_cpu[100]['cpu_per_page_s'][label] / by_cpu[10]['cpu_per_page_s'][label]:.2f}**"
                    for label in by_cpu[10]["cpu_per_page_s"]
                )
            )
        out.append("")
    out.append(
        f"Target: macros/plain (paired wall clock) at most {TARGETS['macro_ratio']}. "
        + "; ".join(
            f"{r['factor']}x: {r['macro_ratio']:.2f} {_ok(r['macro_ratio'], TARGETS['macro_ratio'])}" for r in rows
        )
    )
    by = {r["factor"]: r for r in rows}
    if 10 in by and 100 in by:
        out.append("")
        out.append(f"Growth, build time per page at 100x divided by 10x (target at most {TARGETS['per_page_growth']}):")
        for label in labels:
            growth = by[100]["per_page_s"][label] / by[10]["per_page_s"][label]
            out.append(f"- {label}: **{growth:.2f}** {_ok(growth, TARGETS['per_page_growth'])}")
        if by[10].get("macro_overhead_per_page_s") and by[100].get("macro_overhead_per_page_s"):
            a, b = by[10]["macro_overhead_per_page_s"], by[100]["macro_overhead_per_page_s"]
            out.append(
                f"- what the macros add per page, (macros - plain) / pages: 10x {a * 1000:.0f} ms, "
                f"100x {b * 1000:.0f} ms: **{b / a:.2f}** {_ok(b / a, TARGETS['per_page_growth'])}"
            )
        if by[10].get("html_bytes") and by[100].get("html_bytes"):
            h10, h100 = by[10]["html_bytes"] / by[10]["pages"], by[100]["html_bytes"] / by[100]["pages"]
            out.append(
                f"- HTML written per page: 10x {h10 / 1024:.0f} KiB, 100x {h100 / 1024:.0f} KiB ({h100 / h10:.1f}x): "
                "Material writes one nav link per chapter into every page (about 0.6 KB each)"
            )
    out.append("")
    out.append(
        "Peak memory of one build (GNU time -v): "
        + "; ".join(
            f"{r['factor']}x: " + ", ".join(f"{k} {v:.0f} MB" for k, v in r["peak_rss_mb"].items() if v is not None)
            for r in rows
        )
    )
    if any(r.get("events") for r in rows):
        out += ["", "Where one build's time goes (bench/events.py: one more build of the real site, every event handler timed):"]
        for r in rows:
            ev = r.get("events") or {}
            if not ev:
                continue
            total, handlers = ev["total_s"], ev["events"]
            macros = sum(v for k, v in handlers.items() if k.startswith("macros."))
            top = ", ".join(f"{k} {v:.2f} s" for k, v in list(handlers.items())[:4])
            out.append(
                f"- {r['factor']}x: {total:.2f} s in all; mkdocs-macros handlers {macros:.2f} s "
                f"({macros / total * 100:.0f}%); largest: {top}"
            )
    for r in rows:
        for note in r.get("notes", []):
            out.append(f"- note ({r['factor']}x): {note}")
    return out + [""]


def reload(samples: dict) -> list[str]:
    out = [
        "## Edit-to-reload under `mkdocs serve --strict` (seconds: median (min–max))",
        "",
        "| edit | latency | n | target |",
        "|---|---|---|---|",
    ]
    for kind, s in samples.items():
        out.append(f"| {kind} | {_s(s)} | {len(s['times'])} | {_ok(s['median'], TARGETS['reload_s'])} s |")
    return out + [""]


def reader(data: dict) -> list[str]:
    w = data["weight"]
    out = [
        "## Reader side (real site)",
        "",
        "| what | bytes | gzip | files |",
        "|---|---|---|---|",
        f"| home page ({w['home']['page']}) with its CSS/JS/images | {_kb(w['home']['bytes'])} | "
        f"{_kb(w['home']['gzip_bytes'])} | {w['home']['files']} |",
        f"| heaviest page ({w['heaviest']['page']}, HTML {_kb(w['heaviest']['html_bytes'])}) | "
        f"{_kb(w['heaviest']['bytes'])} | {_kb(w['heaviest']['gzip_bytes'])} | {w['heaviest']['files']} |",
        f"| search worker (loaded by every page) | {_kb(w['search_worker_bytes'])} | | 1 |",
        f"| search index (search/search_index.json) | {_kb(w['search_index_bytes'])} | "
        f"{_kb(w['search_index_gzip_bytes'])} | 1 |",
    ]
    for factor, size in data.get("index_sizes", {}).items():
        out.append(f"| search index at {factor} | {_kb(size)} | | |")
    if w["remote_refs"]:
        out.append(f"| ⚠ references to other hosts | {', '.join(w['remote_refs'])} | | |")
    out.append("")
    for label, s in data.get("search", {}).items():
        if "error" in s:
            out.append(f"- search ({label}): not measured: {s['error']}")
            continue
        out.append(
            f"- search in headless Chromium ({label}), last keystroke to results: first query "
            f"{s['cold_s'] * 1000:.0f} ms, then median {_s(s['warm'], 0.001, 0)} ms over {len(s['warm']['times'])} "
            f"queries ({', '.join(f'{q}: {n} hits' for q, n in s['results'].items())})"
        )
    return out + [""]


def _mb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1e6:.1f} MB"


def examples(data: dict) -> list[str]:
    out = ["## Example images", ""]
    sizes = data["measurements"]["data"]
    if sizes:
        bases = ", ".join(f"{b['name']}{' (local stand-in)' if b.get('stand_in') else ''}" for b in sizes["base_images"])
        out += [
            f"Sizes {data['measurements']['note']}, measured {sizes['measured_on']} with {sizes['engine']} "
            f"{sizes['engine_version']} ({sizes['storage_driver']}); base images: {bases}.",
            "",
            "| image | size |",
            "|---|---|",
        ]
        out += [f"| {i['image']} ({i['example']}) | {_mb(i['size_bytes'])} |" for i in sizes["images"]]
        binary = sizes.get("go_binary")
        if binary:
            out.append(f"| the Go binary alone ({binary['path']} in {binary['example']}) | {_mb(binary['size_bytes'])} |")
    else:
        out.append(f"Sizes: {data['measurements']['note']}")
    build = data["build"]
    out += ["", f"Build times: {build['note']}", ""]
    if build.get("builds"):
        out += ["| example | `--no-cache` build, s | cached rebuild, s (median) | image size | command |", "|---|---|---|---|---|"]
        for example_id, b in build["builds"].items():
            out.append(
                f"| {example_id} | {b['no_cache_s']:.1f} | {b['cached_s']:.2f} | {_mb(b['size_bytes'])} | `{b['command']}` |"
            )
    return out + [""]


def render(results: dict) -> str:
    meta = results["meta"]
    lines = [
        f"# Benchmark report, {meta['date']}",
        "",
        f"Machine: {meta['machine']}. Versions: {meta['versions']}. Runs per build: {meta['runs']}.",
        "The machine is shared, so medians and ratios matter more than any single figure.",
        "",
    ]
    if results.get("builds"):
        lines += builds(results["builds"])
    if results.get("reload"):
        lines += reload(results["reload"])
    if results.get("reader"):
        lines += reader(results["reader"])
    if results.get("examples"):
        lines += examples(results["examples"])
    return "\n".join(lines)
