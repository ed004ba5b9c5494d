package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.io.FpgaPartsCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Vivado layer's two coefficients, fitted when the class loads to published Vivado post-synthesis LUT counts
 * ({@code vivado_published.csv}, every row with its source):
 * <ul>
 *   <li>LUTs per partial-product bit of a LUT multiplier, {@code c_mul}: an a×b multiplier (a, b ≥ 2) costs
 *   {@code c_mul·a·b} LUT6, least squares through the origin over the {@code fit} rows with {@code op = mul}
 *   (ApproxFPGAs' exact 8×8 and 16×16: 74 and 292 LUTs);</li>
 *   <li>LUTs per adder bit, {@code c_add}, the same way over the {@code fit} rows with {@code op = add} (an exact
 *   8-bit adder: 8 LUTs).</li>
 * </ul>
 * The {@code holdout} rows are not fitted; docs/cost-models.md reports the model's error on each and
 * {@code VivadoLayerTest} keeps it there. Vivado's multiplier grows as a·b (8→16 bits: ×3.95), where Yosys' ABC
 * mapping of the same function does not follow any closed form ({@link FpgaCalibration}).
 *
 * <p>Signed multipliers cost the same as unsigned ones of the same widths: a Baugh-Wooley array has the a·b
 * partial-product bits of the unsigned one (a few inverted, two constant ones added). No signed LUT6 multiplier with
 * a stated configuration was found published; the LogiCORE 18×18 rows (365/401 LUTs) do not state their port type.
 */
public final class VivadoCalibration {

    public static final String RESOURCE = "vivado_published.csv";
    static final List<String> COLUMNS = List.of("id", "role", "op", "a", "b", "part", "luts", "circuit", "tool",
            "device", "source", "locator", "notes");

    /**
     * One published result.
     *
     * @param id      short name of the row
     * @param role    {@code fit} (used by the fit) or {@code holdout} (checked only)
     * @param op      {@code mul} or {@code add}
     * @param a       the first operand as a QDSE format name ({@code uint8}, {@code fp16})
     * @param b       the second operand
     * @param part    the catalogue part the row is costed on
     * @param luts    LUTs as published
     * @param circuit what was synthesized
     * @param tool    tool and version as the source states them
     * @param device  device as the source states it
     * @param source  publication or repository
     * @param locator where in the source the number is (file and line, table, URL)
     */
    public record Row(String id, String role, String op, String a, String b, String part, double luts,
                      String circuit, String tool, String device, String source, String locator) {

        /** @return the width of the named integer operand ({@code uint8} → 8), or 0 for a float format */
        int intBits(String f) {
            return f.startsWith("uint") ? Integer.parseInt(f.substring(4))
                    : f.startsWith("int") ? Integer.parseInt(f.substring(3)) : 0;
        }
    }

    private static final VivadoCalibration INSTANCE = load();
    private static final int WIDEST_PUBLISHED = 18;

    private final List<Row> rows;
    private final double lutPerPartialProduct;
    private final double lutPerAdderBit;

    private VivadoCalibration(List<Row> rows) {
        this.rows = List.copyOf(rows);
        double mxy = 0;
        double mxx = 0;
        double axy = 0;
        double axx = 0;
        for (Row r : rows) {
            if (!r.role().equals("fit")) {
                continue;
            }
            int wa = r.intBits(r.a());
            int wb = r.intBits(r.b());
            if (wa == 0 || wb == 0) {
                throw new IllegalStateException(RESOURCE + ": fit row " + r.id() + " is not an integer operation");
            }
            if (r.op().equals("mul")) {
                double x = (double) wa * wb;
                mxy += x * r.luts();
                mxx += x * x;
            } else {
                double x = Math.max(wa, wb); // the adder bits DatapathBuilder gives an integer add
                axy += x * r.luts();
                axx += x * x;
            }
        }
        if (mxx == 0 || axx == 0) {
            throw new IllegalStateException(RESOURCE + ": needs fit rows for both mul and add");
        }
        this.lutPerPartialProduct = mxy / mxx;
        this.lutPerAdderBit = axy / axx;
    }

    /** @return the published rows with the fit */
    public static VivadoCalibration published() {
        return INSTANCE;
    }

    /** @return every row of {@code vivado_published.csv}, in file order */
    public List<Row> rows() {
        return rows;
    }

    /** @return LUT6 per partial-product bit of a LUT multiplier (fitted) */
    public double lutPerPartialProduct() {
        return lutPerPartialProduct;
    }

    /** @return LUT6 per adder bit (fitted; the carry chain is in dedicated cells) */
    public double lutPerAdderBit() {
        return lutPerAdderBit;
    }

    /**
     * LUT-fabric cost of an a×b multiplier with a full (a+b)-bit product, as Vivado maps it. Carry cells: the final
     * carry-propagate adder on the family's carry chain ({@code ceil((a+b)/bitsPerCell)}; no published carry counts).
     *
     * @param carryBitsPerCell adder bits per carry cell of the family (CARRY4: 4, CARRY8/LOOKAHEAD8: 8)
     */
    public FpgaCalibration.MulCount multiplier(int a, int b, boolean signed, int carryBitsPerCell) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        if (lo == 1) {
            // 1-bit operand: AND gates (unsigned) or conditional negation (signed); one LUT per output bit
            return new FpgaCalibration.MulCount(signed ? 2 * hi : hi,
                    signed ? Math.ceil(hi / (double) carryBitsPerCell) : 0, 0, false);
        }
        return new FpgaCalibration.MulCount(lutPerPartialProduct * a * b,
                Math.ceil((a + b) / (double) carryBitsPerCell), 0, hi > WIDEST_PUBLISHED);
    }

    private static VivadoCalibration load() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(VivadoCalibration.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = false;
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = FpgaPartsCsv.split(line);
                if (!header) {
                    if (!f.equals(COLUMNS)) {
                        throw new IllegalStateException(RESOURCE + ": header must be " + String.join(",", COLUMNS));
                    }
                    header = true;
                    continue;
                }
                if (f.size() != COLUMNS.size() || !(f.get(1).equals("fit") || f.get(1).equals("holdout"))
                        || !(f.get(2).equals("mul") || f.get(2).equals("add"))) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": " + COLUMNS.size()
                            + " fields, role fit|holdout and op mul|add expected");
                }
                rows.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5),
                        Double.parseDouble(f.get(6)), f.get(7), f.get(8), f.get(9), f.get(10), f.get(11)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VivadoCalibration(rows);
    }
}
