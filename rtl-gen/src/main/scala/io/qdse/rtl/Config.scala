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
