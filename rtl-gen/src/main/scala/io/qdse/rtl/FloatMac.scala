package io.qdse.rtl

import chisel3._
import chisel3.util._

/**
 * A MAC PE that accumulates in a floating-point register: `acc <= round(acc + a·b)` with the exact product and one
 * round-to-nearest-even per MAC (a fused multiply-add), as the Java `FloatAccumulator(format, fused = true)` does.
 * The accumulator format must be signed with subnormals and mantissa bits; if the operands have NaN/inf codes it
 * must have a NaN.
 */
final case class FloatMacCfg(a: FormatCfg, b: FormatCfg, acc: FormatCfg) {
  require(!acc.isInt && acc.signed && acc.hasSubnormals,
    s"acc: a float accumulator must be a signed minifloat with mantissa bits and subnormals (was ${acc.name})")
  require(acc.bits <= 32, s"acc: float accumulators up to 32 bits (was ${acc.bits})")
  require(!(a.hasSpecials || b.hasSpecials) || acc.highNaNCount > 0 || acc.negativeZeroIsNaN,
    s"acc: the operands have NaN/inf codes, so the accumulator format needs a NaN (was ${acc.name})")

  /** Exponent of the LSB of a format's significand grid (integers: 0). */
  def lsb(f: FormatCfg): Int = if (f.isInt) 0 else (if (f.hasSubnormals) 1 - f.bias else -f.bias) - f.man
  /** Bits of |value| in units of the format's LSB: values are below 2^hi. */
  def hi(f: FormatCfg): Int = if (f.isInt) f.bits else f.man + 1 + f.maxShift

  val lsbF: Int = lsb(acc)
  val lsbP: Int = lsb(a) + lsb(b)
  val g: Int = lsbF min lsbP // the common grid of the exact sum
  private val topSpecial = acc.highNaNCount + (if (acc.hasInfinity) 1 else 0)
  val topFiniteField: Int = if (topSpecial >= (1 << acc.man)) acc.maxExpField - 1 else acc.maxExpField
  val topFiniteMant: Int = if (topSpecial >= (1 << acc.man)) (1 << acc.man) - 1 else (1 << acc.man) - 1 - topSpecial
  val maxExpF: Int = topFiniteField - acc.bias
  /** Width of the exact two's-complement sum on the grid. */
  val sumBits: Int = ((maxExpF + 1 - g) max (hi(a) + hi(b) + lsbP - g)) + 2

  def nanCode: BigInt =
    if (acc.negativeZeroIsNaN) BigInt(1) << (acc.bits - 1)
    else (BigInt(acc.maxExpField) << acc.man) | (if (acc.specials == "ieee") BigInt(1) << (acc.man - 1)
                                                else (BigInt(1) << acc.man) - 1)
  def infCode: BigInt = BigInt(acc.maxExpField) << acc.man
  def maxFiniteCode: BigInt = (BigInt(topFiniteField) << acc.man) | topFiniteMant
  def hasNegZero: Boolean = !acc.negativeZeroIsNaN
}

object FloatMacPe {
  /** Position of the most significant set bit, as a balanced tree of muxes (log depth). */
  def leadingOne(x: UInt): UInt = {
    val w = x.getWidth
    val iw = log2Ceil(w + 1)
    def go(lo: Int, hi: Int): (Bool, UInt) = { // bits [lo, hi)
      if (hi - lo == 1) (x(lo), lo.U(iw.W))
      else {
        val mid = (lo + hi) / 2
        val (vh, ih) = go(mid, hi)
        val (vl, il) = go(lo, mid)
        (vh || vl, Mux(vh, ih, il))
      }
    }
    go(0, w)._2
  }

  /**
   * `x >> sh`, only the low `out` bits, as log-shifter stages from the largest shift down; each stage keeps just
   * the bits the remaining stages can bring into the output (so no wide intermediate is left partly unused).
   */
  def shiftRightTo(x: UInt, sh: UInt, out: Int): UInt = {
    var y = x
    for (k <- (0 until sh.getWidth).reverse) {
      val by = 1 << k
      val keep = out + by - 1 // bits still reachable after this stage: shifts left to do are < 2^k
      val width = y.getWidth
      val moved = Cat((0 until keep).reverse.map(i => if (i + by < width) y(i + by) else false.B))
      val stay = Cat((0 until keep).reverse.map(i => if (i < width) y(i) else false.B))
      y = Mux(sh(k), moved, stay)
    }
    y
  }
}

class FloatMacPe(val c: FloatMacCfg) extends Module {
  private val F = c.acc
  val io = IO(new PeIo(c.a.bits, c.b.bits, F.bits))
  override def desiredName: String = "FloatMacPe"

  private val W = c.sumBits
  private val acc = RegInit(0.U(F.bits.W))
  private val signBit = BigInt(1) << (F.bits - 1)

  // accumulator and product as sign + magnitude on the common grid
  private val dr = Decode(F, acc)
  private val accMag = Shift.left(Cat(dr.sig, 0.U((c.lsbF - c.g).W)), dr.shift, W)
  private val accZero = dr.sig === 0.U
  private val da = Decode(c.a, io.a)
  private val db = Decode(c.b, io.b)
  private val pSign = da.sign ^ db.sign
  private val pMag = Shift.left(Cat(da.sig * db.sig, 0.U((c.lsbP - c.g).W)), da.shift +& db.shift, W)
  private val pZero = pMag === 0.U
  private val pNaN = da.nan || db.nan || (da.inf && !db.inf && db.sig === 0.U) || (db.inf && !da.inf && da.sig === 0.U)
  private val pInf = (da.inf || db.inf) && !pNaN

  // exact sum, then round to nearest even into the accumulator format
  private val sum = Mux(dr.sign, 0.U(W.W) - accMag, accMag) + Mux(pSign, 0.U(W.W) - pMag, pMag)
  private val neg = sum(W - 1)
  private val mag = Mux(neg, 0.U(W.W) - sum, sum)
  private val lead = FloatMacPe.leadingOne(mag) // position of the leading one (mag != 0)
  private val dMin = c.lsbF - c.g
  private val dW = log2Ceil(W + 1) + 1
  private val d: UInt = Mux(lead > (F.man + dMin).U, (lead - F.man.U).pad(dW), dMin.U(dW.W)) // bits dropped
  // bit selects written per bit (no wide shifted temporaries): kept = mag[d + man + 1 : d], guard = mag[d − 1],
  // sticky = OR of mag below d − 1
  // (mag << 1) >> d through a log shifter whose stages narrow to what later stages can still use: the low bit is
  // the guard bit mag[d − 1], the rest mag[d + man + 1 : d]
  private val keptG = FloatMacPe.shiftRightTo(Cat(mag, 0.U(1.W)), d, F.man + 3)
  private val kept = keptG(F.man + 2, 1)
  private val guard = keptG(0)
  private val sticky = (0 until W).map(i => mag(i) && (i.U +& 1.U) < d).reduce(_ || _)
  private val up = guard && (sticky || kept(0))
  private val r = kept +& up // up to 2^(man+1)
  private val carry = r(F.man + 1)
  private val r2 = Mux(carry, r >> 1, r)(F.man, 0)
  private val d2 = d +& carry
  private val normal = r2(F.man)
  private val ef = Mux(normal, d2 - dMin.U + 1.U, 0.U) // exponent field (wide: overflow checked below)
  private val mf = r2(F.man - 1, 0)
  private val over = normal && (ef > c.topFiniteField.U || (ef === c.topFiniteField.U && mf > c.topFiniteMant.U))
  private val sBit = if (F.signed) neg.asUInt else 0.U(1.W)
  private val finiteCode = Cat(sBit, ef(F.exp - 1, 0), mf)
  private val zeroCode =
    if (c.hasNegZero) Mux(neg, signBit.U(F.bits.W), 0.U(F.bits.W)) else 0.U(F.bits.W)
  private val hasInf = F.hasInfinity
  private val overCode: UInt =
    if (hasInf) Cat(sBit, c.infCode.U((F.bits - 1).W))
    else if (F.highNaNCount > 0 || F.negativeZeroIsNaN) c.nanCode.U(F.bits.W)
    else Cat(sBit, c.maxFiniteCode.U((F.bits - 1).W))
  private val nan = c.nanCode.U(F.bits.W)
  private val exactZero = mag === 0.U
  private val sumZeroCode =
    if (c.hasNegZero) Mux(dr.sign && accZero && !dr.nan && !dr.inf && pZero && pSign, signBit.U(F.bits.W), 0.U)
    else 0.U(F.bits.W)
  private val finiteResult = Mux(exactZero, sumZeroCode, Mux(r2 === 0.U, zeroCode, Mux(over, overCode, finiteCode)))
  private val infOf = (s: Bool) =>
    if (hasInf) Cat(s.asUInt, c.infCode.U((F.bits - 1).W)) else nan
  private val next = Mux(dr.nan || pNaN, nan,
    Mux(dr.inf, Mux(pInf && (pSign =/= dr.sign), nan, acc),
      Mux(pInf, infOf(pSign), finiteResult)))

  when(io.clear) {
    acc := 0.U
  }.elsewhen(io.en) {
    acc := next
  }
  io.acc := acc
  io.flags := 0.U
}
