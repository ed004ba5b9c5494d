package io.qdse.hwmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.format.Formats;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HwBenchmarksTest {
    @Test
    void oneCasePerFormatWithItsSizeAndEveryRunTimed() {
        List<BenchCase> cases = HwBenchmarks.quantize(List.of(Formats.parse("int8", "f"), Formats.parse("mxfp4", "f")),
                5000, 3);
        assertEquals(2, cases.size());
        assertEquals("quantize int8 (per-tensor absmax)", cases.get(0).name());
        assertTrue(cases.get(1).name().contains("per block of 32"), cases.get(1).name());
        for (BenchCase c : cases) {
            assertEquals(5000, c.items());
            assertEquals(3, c.ms().length);
            for (double ms : c.ms()) {
                assertTrue(ms >= 0 && ms < 60_000, c + ": " + ms);
            }
        }
        BenchCase cost = HwBenchmarks.asicCost(2);
        assertEquals(HwBenchmarks.COST_EVALUATIONS, cost.items());
        assertEquals(2, cost.ms().length);
    }

    @Test
    void timingRunsTheWorkOnceMoreThanItTimesAndRefusesNoRuns() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(4, Timing.runs(calls::incrementAndGet, 4).length);
        assertEquals(5, calls.get(), "one warm-up run and four timed");
        assertThrows(IllegalArgumentException.class, () -> Timing.runs(() -> { }, 0));
        assertThrows(IllegalArgumentException.class, () -> new BenchCase("x", 1, new double[0]));
    }
}
