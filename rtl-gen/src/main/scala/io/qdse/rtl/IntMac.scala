package io.qdse.rtl

import chisel3._

/** Parameters of an integer multiply-accumulate PE; mirrors the Java-side config field for field. */
final case class IntMacParams(aBits: Int, bBits: Int, accBits: Int, signed: Boolean) {
  require(aBits >= 1 && aBits <= 32, s"aBits: must be in 1..32 (was $aBits)")
  require(bBits >= 1 && bBits <= 32, s"bBits: must be in 1..32 (was $bBits)")
  require(accBits >= aBits + bBits && accBits <= 128,
    s"accBits: must be in ${aBits + bBits}..128 to hold one full product (was $accBits)")
}

/**
 * Integer MAC: acc <= clear ? 0 : (en ? acc + a*b : acc), wrapping at accBits.
 * The product is formed at full width (aBits + bBits) and sign- or zero-extended into the accumulator.
 */
class IntMac(val p: IntMacParams) extends Module {
  val io = IO(new Bundle {
    val a     = Input(UInt(p.aBits.W))
    val b     = Input(UInt(p.bBits.W))
    val en    = Input(Bool())
    val clear = Input(Bool())
    val acc   = Output(UInt(p.accBits.W))
  })

  private val accReg = RegInit(0.U(p.accBits.W))
  private val product: UInt =
    if (p.signed) (io.a.asSInt * io.b.asSInt).pad(p.accBits).asUInt
    else (io.a * io.b).pad(p.accBits)

  when(io.clear) {
    accReg := 0.U
  }.elsewhen(io.en) {
    accReg := accReg + product
  }
  io.acc := accReg
}
