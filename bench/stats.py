"""Medians, spreads and ratios: the only statistics the report quotes."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field


@dataclass
class Sample:
    """Repeated timings of one thing, in seconds."""

    label: str
    times: list[float]
    cpu: list[float] = field(default_factory=list)  # user+system seconds per run, same order as times

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)

    def spread(self, unit: float = 1.0, digits: int = 2) -> str:
        """'median (min–max, n=N)' in the given unit."""
        return (
            f"{self.median / unit:.{digits}f} ({self.low / unit:.{digits}f}–{self.high / unit:.{digits}f}, "
            f"n={len(self.times)})"
        )

    def as_dict(self) -> dict:
        return {**asdict(self), "median": self.median, "min": self.low, "max": self.high}


def ratio(numerator: Sample, denominator: Sample) -> float:
    """Ratio of medians: robust to the odd slow run on a shared machine."""
    return numerator.median / denominator.median


def ratio_of_minima(numerator: Sample, denominator: Sample) -> float:
    """Ratio of the fastest runs: the least disturbed by other work on the machine."""
    return numerator.low / denominator.low


def paired_ratio(numerator: Sample, denominator: Sample) -> float:
    """Median of per-round ratios: both runs of a round saw about the same load."""
    return statistics.median(a / b for a, b in zip(numerator.times, denominator.times, strict=True))


def paired_cpu_ratio(numerator: Sample, denominator: Sample) -> float | None:
    """Median of per-round CPU-time ratios: the work done, whatever the wait for a shared core."""
    if not numerator.cpu or not denominator.cpu:
        return None
    return statistics.median(a / b for a, b in zip(numerator.cpu, denominator.cpu, strict=True))
