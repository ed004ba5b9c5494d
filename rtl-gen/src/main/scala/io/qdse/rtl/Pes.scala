package io.qdse.rtl

import chisel3._
import chisel3.util._

/**
 * The ports every PE has (the testbench `tb_pe.sv` and the self-test drive them alike): operands, `en`, `clear`, the
 * accumulator register and the {nan, +inf, −inf} flags (0 where the PE has no special values).
 */
class PeIo(aBits: Int, bBits: Int, accBits: Int) extends Bundle {
  val a     = Input(UInt(aBits.W))
  val b     = Input(UInt(bBits.W))
  val en    = Input(Bool())
  val clear = Input(Bool())
  val acc   = Output(UInt(accBits.W))
  val flags = Output(UInt(3.W))
}

/**
 * Multiply-accumulate PE for any pair of integer / minifloat formats:
 * `acc <= clear ? 0 : (en ? acc + a·b : acc)`, the product exact in units of the product LSB (the Java
 * `GoldenArithmetic.productLsbExponent`), the accumulator `accBits` wide, wrapping or saturating.
 *
 * Non-finite products (a NaN operand, ∞·0, ±∞) do not touch `acc`; they set sticky flags whose resolved value
 * is the IEEE class of the sum of the special products: `nan` (any NaN, or +∞ and −∞ both seen), else `pinf`/`ninf`.
 * `flags` = {nan, pinf, ninf}; always 0 for formats without specials.
 */
class MacPe(val p: MacCfg) extends Module {
  val io = IO(new PeIo(p.a.bits, p.b.bits, p.accBits))
  override def desiredName: String = "MacPe"

  private val acc = RegInit(0.U(p.accBits.W))
  private val prod = Product(p, io.a, io.b, p.accBits)
  when(io.clear) {
    acc := 0.U
  }.elsewhen(io.en) {
    acc := Acc.add(acc, prod.value, p.accBits, p.saturate)
  }
  io.acc := acc
  io.flags := Flags.track(p.hasSpecials, io.clear, io.en, prod)
}

object Flags {
  /** Sticky NaN/+∞/−∞ registers, resolved to {nan, pinf, ninf}; a constant 0 when the formats have no specials. */
  def track(enabled: Boolean, clear: Bool, en: Bool, prod: ProductOut): UInt = {
    if (!enabled) 0.U(3.W)
    else {
      val nan = RegInit(false.B)
      val pinf = RegInit(false.B)
      val ninf = RegInit(false.B)
      when(clear) {
        nan := false.B; pinf := false.B; ninf := false.B
      }.elsewhen(en) {
        nan := nan || prod.nan
        pinf := pinf || prod.pinf
        ninf := ninf || prod.ninf
      }
      resolve(nan, pinf, ninf)
    }
  }

  def resolve(nan: Bool, pinf: Bool, ninf: Bool): UInt = {
    val n = nan || (pinf && ninf)
    Cat(n, pinf && !n, ninf && !n)
  }
}

/**
 * Bit-serial PE: `a` (parallel, aBits) times a serial operand fed `k` bits per cycle, least significant chunk first.
 * Each cycle with `en`: `acc += a · chunk · 2^(k·step)`, `step` counting 0..steps−1 and wrapping; the top chunk is
 * signed when the serial operand is. One serial operand takes `steps` = ⌈bits/k⌉ cycles, after which `acc` has
 * gained exactly `a · w`. `clear` zeroes `acc` and `step`. The accumulator wraps.
 */
class BitSerialPe(val p: BitSerialCfg) extends Module {
  val io = IO(new PeIo(p.a.bits, p.k, p.accBits))
  override def desiredName: String = "BitSerialPe"

  private val steps = p.steps
  private val topBits = p.serialBits - (steps - 1) * p.k // width of the last chunk
  private val acc = RegInit(0.U(p.accBits.W))
  private val step = RegInit(0.U(log2Ceil(steps + 1).max(1).W))
  private val isTop = step === (steps - 1).U
  // the chunk as a (k+1)-bit signed number: the top chunk sign-extended from its own width when signed
  private val chunkTop = io.b(topBits - 1, 0)
  private val topExt =
    if (p.serialSigned) Cat(Fill(p.k + 1 - topBits, chunkTop(topBits - 1)), chunkTop) else chunkTop.pad(p.k + 1)
  private val chunk = Mux(isTop, topExt, io.b.pad(p.k + 1))
  private val partial = Mul(io.a, p.a.signed, chunk, true) // (aBits + k + 1)-bit two's complement
  private val ext = Product.extend(partial, true, p.accBits)
  private val shifted = MuxLookup(step, ext)((1 until steps).map { s =>
    s.U -> (if (s * p.k >= p.accBits) 0.U(p.accBits.W) else Cat(ext(p.accBits - 1 - s * p.k, 0), 0.U((s * p.k).W)))
  })
  when(io.clear) {
    acc := 0.U
    step := 0.U
  }.elsewhen(io.en) {
    acc := acc + shifted
    step := Mux(isTop, 0.U, step + 1.U)
  }
  io.acc := acc
  io.flags := 0.U
}
