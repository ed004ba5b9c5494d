package io.qdse.rtl

/**
 * One operand number format, mirroring the Java `IntFormat` / `MinifloatFormat` records field for field (plain
 * types so Java can build it). Integers: `bits`, `signed`. Minifloats: `exp`, `man`, `bias`, `specials`
 * (ieee | fn | fnuz | none, as Java's `SpecialValues`), `subnormals`, `signed`; `bits` is their total.
 */
final case class FormatCfg(kind: String, bits: Int, signed: Boolean, exp: Int, man: Int, bias: Int,
                           specials: String, subnormals: Boolean) {
  require(kind == "int" || kind == "float", s"format.kind: must be int or float (was $kind)")
  if (kind == "int") {
    require(bits >= 1 && bits <= 32, s"format.bits: integers have 1..32 bits (was $bits)")
  } else {
    require(exp >= 1 && exp <= 8, s"format.exp: minifloats have 1..8 exponent bits (was $exp)")
    require(man >= 0 && man <= 23, s"format.man: the RTL generators take 0..23 mantissa bits (was $man)")
    require(Set("ieee", "fn", "fnuz", "none").contains(specials),
      s"format.specials: must be ieee, fn, fnuz or none (was $specials)")
    require(bits == (if (signed) 1 else 0) + exp + man, s"format.bits: must be sign + exp + man (was $bits)")
  }

  def isInt: Boolean = kind == "int"

  /** Subnormals only exist with mantissa bits (as in Java). */
  def hasSubnormals: Boolean = !isInt && subnormals && man > 0

  def maxExpField: Int = (1 << exp) - 1

  /** NaN codes at the top of the all-ones exponent binade, per sign (Java `highNaNCount`). */
  def highNaNCount: Int = if (isInt) 0 else specials match {
    case "ieee" => (1 << man) - 1
    case "fn"   => 1
    case _      => 0
  }

  def hasInfinity: Boolean = !isInt && specials == "ieee"

  def negativeZeroIsNaN: Boolean = !isInt && specials == "fnuz" && man > 0

  def hasSpecials: Boolean = hasInfinity || highNaNCount > 0 || negativeZeroIsNaN

  /** Width of the magnitude the decoder produces: integers all their bits (|−2^(b−1)| needs b), minifloats 1 + man. */
  def sigBits: Int = if (isInt) bits else man + 1

  /** Left shift of the significand in units of the format's LSB, for the largest exponent field. */
  def maxShift: Int = if (isInt) 0 else if (hasSubnormals) maxExpField - 1 else maxExpField

  def name: String = if (isInt) s"${if (signed) "int" else "uint"}$bits" else s"e${exp}m$man"
}

object FormatCfg {
  def integer(bits: Int, signed: Boolean): FormatCfg = FormatCfg("int", bits, signed, 0, 0, 0, "none", false)

  def minifloat(exp: Int, man: Int, bias: Int, specials: String, subnormals: Boolean, signed: Boolean): FormatCfg =
    FormatCfg("float", (if (signed) 1 else 0) + exp + man, signed, exp, man, bias, specials, subnormals)
}

/**
 * A multiply-accumulate PE: operand formats, a two's-complement accumulator of `accBits` counting in units of the
 * product LSB (an integer accumulator, or an exact Kulisch register whose width the Java side computes), and the
 * overflow policy.
 */
final case class MacCfg(a: FormatCfg, b: FormatCfg, accBits: Int, saturate: Boolean) {
  require(accBits >= 2 && accBits <= 512, s"acc.bits: must be in 2..512 (was $accBits)")
  if (a.isInt && b.isInt) {
    require(accBits >= a.bits + b.bits, s"acc.bits: must be at least ${a.bits + b.bits} to hold one full " +
      s"${a.name}x${b.name} product (was $accBits)")
  }

  def hasSpecials: Boolean = a.hasSpecials || b.hasSpecials

  /** Product width before it is extended into the accumulator. */
  def productBits: Int =
    if (a.isInt && b.isInt) a.bits + b.bits
    else a.sigBits + b.sigBits + a.maxShift + b.maxShift + 1
}

/**
 * A bit-serial PE: the parallel operand `a` times a serial operand of `serialBits` bits fed `k` bits per cycle,
 * least significant chunk first; the top chunk carries the sign when the serial operand is signed.
 */
final case class BitSerialCfg(a: FormatCfg, serialBits: Int, serialSigned: Boolean, k: Int, accBits: Int) {
  require(a.isInt, s"a: a bit-serial PE takes an integer parallel operand (was ${a.name})")
  require(serialBits >= 1 && serialBits <= 32, s"serial.bits: must be in 1..32 (was $serialBits)")
  require(k >= 1 && k <= serialBits, s"k: bits per cycle must be in 1..$serialBits (was $k)")
  require(accBits >= a.bits + serialBits && accBits <= 128,
    s"acc.bits: must be in ${a.bits + serialBits}..128 (was $accBits)")

  def steps: Int = (serialBits + k - 1) / k
}

/**
 * An R×C systolic array with its operand/result buffers and fold sequencer. `dataflow` os: M on rows, N on columns,
 * K streamed; ws: K×N weights stationary, M streamed. Runtime GEMM sizes up to `maxM`×`maxN`×`maxK`.
 */
final case class ArrayCfg(rows: Int, cols: Int, dataflow: String, pe: MacCfg, maxM: Int, maxN: Int, maxK: Int) {
  require(rows >= 1 && rows <= 64, s"rows: must be in 1..64 (was $rows)")
  require(cols >= 1 && cols <= 64, s"cols: must be in 1..64 (was $cols)")
  require(dataflow == "os" || dataflow == "ws", s"dataflow: the RTL array supports os and ws (was $dataflow)")
  require(maxM >= 1 && maxN >= 1 && maxK >= 1 && maxM <= 65535 && maxN <= 65535 && maxK <= 65535,
    s"max sizes: M, N, K must be in 1..65535 (were $maxM, $maxN, $maxK)")

  private def cdiv(a: Int, b: Int) = (a + b - 1) / b

  def os: Boolean = dataflow == "os"
  /** Words per A bank: OS banks A by m mod R (address (m/R)·K + k); WS by k mod R (address (k/R)·M + m). */
  def aDepth: Int = if (os) cdiv(maxM, rows) * maxK else cdiv(maxK, rows) * maxM
  /** Words per B bank: banked by n mod C, address (n/C)·K + k. */
  def bDepth: Int = cdiv(maxN, cols) * maxK
  /** Words per C bank: banked by n mod C, address (n/C)·M + m. */
  def cDepth: Int = cdiv(maxN, cols) * maxM
  def dimBits: Int = 32 - Integer.numberOfLeadingZeros(maxM max maxN max maxK)
  def outBits: Int = pe.accBits + 3
}

/**
 * An R×C array of bit-serial dot-product PEs, Stripes style (activations serial `k` bits per cycle, weights
 * parallel), with operand/result buffers and a block sequencer; the machine the Java `BitSerialCycleEngine` counts.
 * N (output channels) on rows, M (output pixels/tokens) on columns, K over each PE's `lanes`. Runtime GEMM sizes up
 * to `maxM`×`maxN`×`maxK`; buffer words are lane vectors (A: `lanes` activations of one m, B: `lanes` weights of one
 * n), at fixed strides so no address needs a runtime multiply.
 */
final case class BitSerialArrayCfg(rows: Int, cols: Int, lanes: Int, k: Int, a: FormatCfg, w: FormatCfg, accBits: Int,
                                   maxM: Int, maxN: Int, maxK: Int) {
  require(rows >= 1 && rows <= 64, s"rows: must be in 1..64 (was $rows)")
  require(cols >= 1 && cols <= 64, s"cols: must be in 1..64 (was $cols)")
  require(lanes >= 1 && lanes <= 256, s"lanes: must be in 1..256 (was $lanes)")
  require(a.isInt && a.bits <= 16, s"a: activations are integers of 1..16 bits (was ${a.name})")
  require(w.isInt && w.bits <= 16, s"w: weights are integers of 1..16 bits (was ${w.name})")
  require(k >= 1 && k <= a.bits, s"k: activation bits per cycle must be in 1..${a.bits} (was $k)")
  require(accBits >= a.bits + w.bits && accBits <= 64, s"acc.bits: must be in ${a.bits + w.bits}..64 (was $accBits)")
  require(maxM >= 1 && maxN >= 1 && maxK >= 1 && maxM <= 4096 && maxN <= 4096 && maxK <= 4096,
    s"max sizes: M, N, K must be in 1..4096 (were $maxM, $maxN, $maxK)")

  private def cdiv(x: Int, y: Int) = (x + y - 1) / y
  private def clog2(x: Int) = if (x <= 1) 0 else 32 - Integer.numberOfLeadingZeros(x - 1)

  /** Cycles per step, ⌈Pa/k⌉ (`BitSerialPeSpec.stepCycles` for serial activations). */
  def steps: Int = cdiv(a.bits, k)
  /** Width of the top (first, MSB) chunk; the sign lives there when activations are signed. */
  def topBits: Int = a.bits - (steps - 1) * k
  def kStepsMax: Int = cdiv(maxK, lanes)
  def mBlocksMax: Int = cdiv(maxM, cols)
  def nBlocksMax: Int = cdiv(maxN, rows)
  /** A bank j (m mod C), word (m/C)·kStepsMax + ks: the `lanes` activations A[m][ks·lanes + l]. */
  def aDepth: Int = mBlocksMax * kStepsMax
  /** B bank i (n mod R), word (n/R)·kStepsMax + ks: the `lanes` weights B[ks·lanes + l][n]. */
  def bDepth: Int = nBlocksMax * kStepsMax
  /** Result bank of PE (i, j) (bank i·C + j), word (m/C)·nBlocksMax + n/R. */
  def oDepth: Int = mBlocksMax * nBlocksMax
  def aWordBits: Int = lanes * a.bits
  def wWordBits: Int = lanes * w.bits
  def ldBits: Int = aWordBits max wWordBits
  /**
   * The top chunk of a signed activation is the sign bit alone (Pa = 1 mod k, e.g. k = 1): the lanes take it as an
   * unsigned bit and the PE subtracts that cycle's lane sum instead of adding it (Stripes' negation).
   */
  def negateTop: Boolean = a.signed && steps > 1 && topBits == 1
  def chunkSigned: Boolean = a.signed && !negateTop
  /** Width of one chunk as the lanes see it: (k+1)-bit signed (signed activations) or k-bit unsigned. */
  def chunkBits: Int = if (steps == 1) a.bits else if (chunkSigned) k + 1 else k
  def productBits: Int = w.bits + chunkBits
  def productSigned: Boolean = w.signed || chunkSigned
  /**
   * Lane adder tree output: exact in two's complement, or the accumulator's width when that is narrower (the
   * accumulator wraps, so bits above it never matter).
   */
  def treeBits: Int = (productBits + clog2(lanes) + (if (productSigned) 0 else 1)) min accBits
  /** The step sum: Σ over the lanes of a whole activation times its weight (exact, or wrapped as the accumulator). */
  def stepBits: Int = (a.bits + w.bits + clog2(lanes) + 1) min accBits
  def dimBits: Int = 32 - Integer.numberOfLeadingZeros(maxM max maxN max maxK)
  def banks: Int = rows * cols
}

/**
 * A FINN-style matrix-vector unit (MVAU): an MH×MW weight matrix times a stream of MW-element input vectors,
 * folded by `pe` outputs × `simd` reduction elements per cycle. Weights `w` (operand A of each product, the layer's
 * weight format) live in a ROM of (MW/SIMD)·(MH/PE) words of PE·SIMD·w bits; inputs `a` arrive SIMD elements per
 * beat, outputs leave PE elements per beat. Per PE a SIMD-wide dot product (exact products of `prodBits`, a balanced
 * adder tree one bit wider per level) into an accumulator of `accBits` (exact for MW products). With `outBits` > 0
 * every output goes through 2^outBits − 1 thresholds (FINN's MultiThreshold: the count of thresholds the accumulator
 * reaches). `weightRom` and `thresholdRom` hold the ROM words (unsigned bit patterns) the Java side computed.
 */
final case class MvuCfg(mw: Int, mh: Int, pe: Int, simd: Int, w: FormatCfg, a: FormatCfg, prodBits: Int,
                        accBits: Int, outBits: Int, weightRom: Array[java.math.BigInteger],
                        thresholdRom: Array[java.math.BigInteger], name: String, rereadOnStall: Boolean,
                        spram: Boolean) {
  require(name.matches("[A-Za-z][A-Za-z0-9_]*"), s"name: a Verilog module name (was $name)")
  require(mw >= 1 && mw <= 65536, s"mw: must be in 1..65536 (was $mw)")
  require(mh >= 1 && mh <= 65536, s"mh: must be in 1..65536 (was $mh)")
  require(pe >= 1 && mh % pe == 0, s"pe: must divide MH = $mh (was $pe)")
  require(simd >= 1 && mw % simd == 0, s"simd: must divide MW = $mw (was $simd)")
  require(pe * simd <= 4096, s"pe*simd: at most 4096 lanes (was ${pe * simd})")
  require(prodBits >= 2 && prodBits <= accBits, s"prodBits: must be in 2..$accBits (was $prodBits)")
  require(accBits <= 256, s"accBits: at most 256 (was $accBits)")
  require(outBits >= 0 && outBits <= 8, s"outBits: thresholds for 0..8 output bits (was $outBits)")
  require(weightRom.length == wDepth, s"weightRom: must hold $wDepth words (was ${weightRom.length})")
  require(outBits == 0 || thresholdRom.length == nf,
    s"thresholdRom: must hold $nf words (was ${if (thresholdRom == null) 0 else thresholdRom.length})")

  /** Input beats per vector (MW/SIMD) and output beats per vector (MH/PE): the synapse and neuron folds. */
  def sf: Int = mw / simd
  def nf: Int = mh / pe
  def wDepth: Int = sf * nf
  def wWordBits: Int = pe * simd * w.bits
  /** With `spram`: SB_SPRAM256KA blocks side by side (16 bits each) and one above the other (16K words each). */
  def spramCols: Int = if (spram) (wWordBits + Spram.Width - 1) / Spram.Width else 0
  def spramBanks: Int = if (spram) (wDepth + Spram.Depth - 1) / Spram.Depth else 0
  /** 16-bit words the weight-load stream writes into this unit (0 without SPRAM): ⌈width/16⌉ per weight word. */
  def loadWords: Long = spramCols.toLong * wDepth
  def inBits: Int = simd * a.bits
  def thresholds: Int = if (outBits == 0) 0 else (1 << outBits) - 1
  def tWordBits: Int = pe * thresholds * accBits
  /** The formats have NaN/infinity codes: each output element carries {nan, +inf, −inf} flags above its value. */
  def hasSpecials: Boolean = w.hasSpecials || a.hasSpecials
  def valueBits: Int = if (outBits > 0) outBits else accBits
  def elemBits: Int = valueBits + (if (hasSpecials) 3 else 0)
  def outWordBits: Int = pe * elemBits
  /** The product as the MAC generators build it (`Product`); its register width is the accumulator's. */
  def mac: MacCfg = MacCfg(w, a, accBits max (w.bits + a.bits), saturate = false)
}

/**
 * A whole-network dataflow accelerator: matrix-vector units in a chain, unit i's output elements (its thresholds'
 * counts, `units(i).outBits` bits) zero-extended to unit i+1's input elements (`units(i+1).a.bits`) and regrouped from
 * PE(i) to SIMD(i+1) per beat by a width converter (one of the two must divide the other).
 */
final case class DataflowCfg(units: Array[MvuCfg]) {
  require(units.nonEmpty, "units: at least one matrix-vector unit")
  /** Some unit holds its weights in SPRAM: the chain has a weight-load port. */
  def hasSpram: Boolean = units.exists(_.spram)
  for (i <- 1 until units.length) {
    val (p, n) = (units(i - 1), units(i))
    require(p.outBits > 0, s"units($i): the unit before it needs thresholds (outBits > 0) to feed it")
    require(!p.hasSpecials, s"units($i): the unit before it has NaN/infinity flags on its outputs")
    require(p.outBits <= n.a.bits, s"units($i): ${p.outBits}-bit outputs do not fit ${n.a.bits}-bit inputs")
    require(p.mh == n.mw, s"units($i): MW = ${n.mw} must equal the previous unit's MH = ${p.mh}")
    require(p.pe % n.simd == 0 || n.simd % p.pe == 0,
      s"units($i): SIMD = ${n.simd} and the previous unit's PE = ${p.pe}: one must divide the other")
  }
}
