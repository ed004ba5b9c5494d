package io.qdse.search;

import java.util.Arrays;

/**
 * One format per layer and one hardware option.
 *
 * @param formats format index of each layer
 * @param hardware hardware option index
 */
public record Assignment(int[] formats, int hardware) {
    public Assignment {
        formats = formats.clone();
    }

    @Override
    public int[] formats() {
        return formats.clone();
    }

    public int format(int layer) {
        return formats[layer];
    }

    /** @return which formats some layer uses (the datapath must support exactly these) */
    public boolean[] used(int formatCount) {
        boolean[] u = new boolean[formatCount];
        for (int f : formats) {
            u[f] = true;
        }
        return u;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment a && a.hardware == hardware && Arrays.equals(a.formats, formats);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(formats) + hardware;
    }

    @Override
    public String toString() {
        return Arrays.toString(formats) + "@" + hardware;
    }
}
