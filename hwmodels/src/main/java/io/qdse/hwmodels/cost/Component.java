package io.qdse.hwmodels.cost;

/**
 * Cell classes the structural model counts. Each has an area and an energy-per-operation coefficient per
 * technology; at 45 nm they are calibrated to Horowitz's table ({@link AsicCalibration}).
 */
public enum Component {
    /** One bit of a carry-propagate adder (full adder plus its share of the carry network). */
    ADDER_BIT("adder bits"),
    /** One partial-product bit of an integer multiplier array (AND gate plus its compressor-tree cell). */
    PP_INT("integer partial-product bits"),
    /**
     * One partial-product bit of a floating-point significand multiplier. Horowitz's FP multipliers cost ~3×
     * per significand bit² what his integer multipliers do (timing-driven Booth/Wallace designs vs compact arrays),
     * so the two are calibrated separately rather than forced onto one coefficient.
     */
    PP_FP("float significand partial-product bits"),
    /** Energy-only: partial-product bits × log2(width), the spurious transitions that grow with tree depth. */
    PP_GLITCH("partial-product glitch weight"),
    /** One 2:1 mux bit in a shifter stage or operand swap. */
    SHIFT_MUX("shifter mux bits"),
    /** Shifter routing: a log shifter of width w carries ≈ w·Σ2^k ≈ w² wire-track units. */
    SHIFT_WIRE("shifter wiring units"),
    /** Miscellaneous logic in NAND2-equivalent gates (LZC, sticky, rounding, exception decode). */
    LOGIC_GATE("logic gates (NAND2-eq)"),
    /** One flip-flop (accumulator and pipeline registers). */
    REGISTER_BIT("register bits"),
    /** Fixed per-unit overhead (operand isolation, control). */
    UNIT("units");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    /** @return what one unit of this component is, for reports */
    public String label() {
        return label;
    }
}
