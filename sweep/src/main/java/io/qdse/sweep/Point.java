package io.qdse.sweep;

import java.util.Map;

/**
 * One design point of a sweep.
 *
 * @param index   its position in the sampling plan (the sweep's row key, with the workload)
 * @param design  which accelerator sub-space of the space
 * @param values  axis path → value
 * @param formats the uniform formats spec, or null when the formats are searched per point
 */
public record Point(long index, int design, Map<String, Object> values, String formats) {
    public Point {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
