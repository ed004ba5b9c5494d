package io.qdse.sweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.bench.BenchCase;
import org.junit.jupiter.api.Test;

class SweepBenchmarkTest {
    @Test
    void countsEveryLayerOfEveryPoint() {
        BenchCase c = SweepBenchmark.resnet50(0, 1);
        // 4 rows x 4 cols x 2 dataflows x 2 clocks = 64 points, ResNet-50's 54 compute layers each
        assertEquals(64L * 54, c.items());
        assertTrue(c.name().contains("64 systolic design points"), c.name());
        assertEquals(1, c.ms().length);
    }
}
