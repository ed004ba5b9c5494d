package io.qdse.rtl

import chisel3._
import chisel3.util._

/**
 * An R×C systolic array with operand/result buffers and a fold sequencer, cycle for cycle the machine that the Java
 * cycle-stepped engine (simulator `CycleEngine`, physical convention) counts:
 *
 *  - OS: M on rows, N on columns, K streamed. Fold (row fold inner, column fold outer) of ru×cu PEs takes
 *    K + ru + cu − 1 cycles: row i's A stream and column j's B stream enter skewed by i and j cycles, PE (i, j) does
 *    its MACs at cycles i+j .. i+j+K−1 and writes its result to column j's result bank the cycle after.
 *  - WS: K×N weights stationary. A fold takes 2·ru + M + cu − 1 cycles: ru cycles shift the weights down, then the
 *    skewed A stream flows right while partial sums flow down; row ru−1 hands column j's sum for row m to the result
 *    bank at cycle 2·ru + m + j, which adds it to the partial sum of earlier row folds (read-modify-write).
 *
 * Folds run back to back; `cycles` counts the cycles from the one after `start` to the last fold's last cycle, and
 * `done` pulses the cycle after. Buffers: A banked by row (OS: m mod R at (m/R)·K + k; WS: k mod R at (k/R)·M + m),
 * B by column (n mod C at (n/C)·K + k), C by column (n mod C at (n/C)·M + m), loaded through `ld*` and read back
 * through `rd*` (`rdData` = {nan, +inf, −inf, acc}).
 */
class SystolicArray(val c: ArrayCfg) extends Module {
  private val R = c.rows
  private val C = c.cols
  private val p = c.pe
  private val W = p.accBits
  private val dimW = c.dimBits
  private def aw(depth: Int) = log2Ceil(depth) max 1
  private val addrW = aw(c.aDepth max c.bDepth max c.cDepth)
  private val bankW = log2Ceil(R max C) max 1
  private val ldW = p.a.bits max p.b.bits
  private val tMax = 2 * R + (c.maxM max c.maxK) + C
  private val tW = log2Ceil(tMax + 1) + 1
  private val wideW = addrW + 2 // address arithmetic before the range check

  val io = IO(new Bundle {
    val start  = Input(Bool())
    val m      = Input(UInt(dimW.W))
    val n      = Input(UInt(dimW.W))
    val k      = Input(UInt(dimW.W))
    val busy   = Output(Bool())
    val done   = Output(Bool())
    val cycles = Output(UInt(32.W))
    val ldEn   = Input(Bool())
    val ldSel  = Input(Bool()) // 0: A, 1: B
    val ldBank = Input(UInt(bankW.W))
    val ldAddr = Input(UInt(addrW.W))
    val ldData = Input(UInt(ldW.W))
    val rdBank = Input(UInt(bankW.W))
    val rdAddr = Input(UInt(addrW.W)) // rdData is valid the cycle after (synchronous buffers)
    val rdData = Output(UInt(c.outBits.W))
  })
  override def desiredName: String = "SystolicArray"

  // synchronous-read buffers (block RAM on an FPGA): one read and one write port each
  private val aMem = Seq.fill(R)(SyncReadMem(c.aDepth, UInt(p.a.bits.W)))
  private val bMem = Seq.fill(C)(SyncReadMem(c.bDepth, UInt(p.b.bits.W)))
  private val cMem = Seq.fill(C)(SyncReadMem(c.cDepth, UInt(c.outBits.W))) // {nan, pinf, ninf, acc}, unresolved

  private def fit(addr: UInt, depth: Int): UInt = addr(aw(depth) - 1, 0)

  when(io.ldEn) {
    for (i <- 0 until R) {
      when(!io.ldSel && io.ldBank === i.U && io.ldAddr < c.aDepth.U) {
        aMem(i).write(fit(io.ldAddr, c.aDepth), io.ldData(p.a.bits - 1, 0))
      }
    }
    for (j <- 0 until C) {
      when(io.ldSel && io.ldBank === j.U && io.ldAddr < c.bDepth.U) {
        bMem(j).write(fit(io.ldAddr, c.bDepth), io.ldData(p.b.bits - 1, 0))
      }
    }
  }

  // ---- sequencer: state s, next state nx (buffers are read with nx so their data arrives with s) ---------------
  private class SeqState extends Bundle {
    val running = Bool()
    val t = UInt(tW.W)
    val m = UInt(dimW.W)
    val n = UInt(dimW.W)
    val k = UInt(dimW.W)
    val rBase = UInt(dimW.W) // first row of the row fold: m (OS) or k (WS)
    val nBase = UInt(dimW.W) // first column of the column fold
    val aRow = UInt(wideW.W) // A bank address of the row fold: rf·K (OS) or rf·M (WS)
    val cfK = UInt(wideW.W)  // cf·K: B bank address of the column fold
    val cfM = UInt(wideW.W)  // cf·M: C bank address of the column fold
  }
  private def minU(x: UInt, lim: Int): UInt = Mux(x > lim.U, lim.U, x)
  private def rowsDim(st: SeqState) = if (c.os) st.m else st.k
  private def streamLen(st: SeqState) = if (c.os) st.k else st.m
  private def ru(st: SeqState) = minU(rowsDim(st) - st.rBase, R)
  private def cu(st: SeqState) = minU(st.n - st.nBase, C)
  private def foldLen(st: SeqState): UInt =
    if (c.os) streamLen(st) +& ru(st) +& cu(st) - 1.U else (ru(st) << 1) +& streamLen(st) +& cu(st) - 1.U
  private def streamT(st: SeqState): UInt = if (c.os) st.t else st.t - ru(st)
  private def streaming(st: SeqState): Bool =
    st.running && (if (c.os) st.t < streamLen(st) else st.t >= ru(st) && st.t < ru(st) +& streamLen(st))

  private val s = RegInit(0.U.asTypeOf(new SeqState))
  private val nx = WireDefault(s)
  private val doneReg = RegInit(false.B)
  private val cycles = RegInit(0.U(32.W))
  private val lastCycle = s.running && s.t === foldLen(s) - 1.U
  private val lastRowFold = s.rBase +& R.U >= rowsDim(s)
  private val lastColFold = s.nBase +& C.U >= s.n

  doneReg := false.B
  when(io.start && !s.running) {
    val empty = io.m === 0.U || io.n === 0.U || io.k === 0.U
    nx := 0.U.asTypeOf(new SeqState)
    nx.running := !empty
    nx.m := io.m; nx.n := io.n; nx.k := io.k
    doneReg := empty
    cycles := 0.U
  }.elsewhen(s.running) {
    cycles := cycles + 1.U
    nx.t := s.t + 1.U
    when(lastCycle) {
      nx.t := 0.U
      when(!lastRowFold) {
        nx.rBase := s.rBase + R.U
        nx.aRow := s.aRow + streamLen(s)
      }.otherwise {
        nx.rBase := 0.U
        nx.aRow := 0.U
        nx.nBase := s.nBase + C.U
        nx.cfK := s.cfK + s.k
        nx.cfM := s.cfM + s.m
        when(lastColFold) {
          nx.running := false.B
          doneReg := true.B
        }
      }
    }
  }
  s := nx
  io.busy := s.running
  io.done := doneReg
  io.cycles := cycles

  // ---- edge streams (read with nx, used with s) -----------------------------------------------------------------
  private val aEdge = Wire(Vec(R, UInt(p.a.bits.W)))
  private val vEdge = Wire(Vec(R, Bool()))
  for (i <- 0 until R) {
    val v = streaming(s) && i.U < ru(s)
    val data = aMem(i).read(fit(nx.aRow + streamT(nx), c.aDepth), streaming(nx) && i.U < ru(nx))
    vEdge(i) := v
    aEdge(i) := Mux(v, data, 0.U)
  }
  private val firstEdge = streamT(s) === 0.U
  private val lastEdge = streamT(s) === streamLen(s) - 1.U

  private class PeRegs {
    val a = Reg(UInt(p.a.bits.W))
    val v = RegInit(false.B)
    val first = Reg(Bool())
    val last = Reg(Bool())
    val b = Reg(UInt(p.b.bits.W))        // OS: B moving down; WS: the stationary weight
    val sum = Reg(UInt(W.W))             // OS: accumulator; WS: partial sum moving down
    val fl = RegInit(0.U(3.W))           // raw {nan, pinf, ninf}
    val outV = RegInit(false.B)          // OS: result ready (the cycle after the last MAC)
  }
  // valid bits travel right past the fold's cu columns (ignored there) and are killed when the run ends, so no stale
  // valid survives into the next GEMM
  private val pes = Seq.fill(R)(Seq.fill(C)(new PeRegs))

  // skewed left-edge inputs: row i delayed i cycles
  private def skew[T <: Data](x: T, n: Int): T = if (n == 0) x else ShiftRegister(x, n)
  private def skewBit(x: Bool, n: Int): Bool = if (n == 0) x else ShiftRegister(x, n, false.B, true.B) // reset to 0
  private val aIn = Seq.tabulate(R)(i => skew(aEdge(i), i))
  private val vIn = Seq.tabulate(R)(i => skewBit(vEdge(i), i))

  private def select[T <: Data](sel: UInt, xs: Seq[T]): T = Mux1H(xs.indices.map(i => sel === i.U), xs)

  if (c.os) {
    val fIn = Seq.tabulate(R)(i => skewBit(firstEdge, i))
    val lIn = Seq.tabulate(R)(i => skewBit(lastEdge, i))
    val bEdge = Seq.tabulate(C) { j =>
      val v = streaming(s) && j.U < cu(s)
      val data = bMem(j).read(fit(nx.cfK + streamT(nx), c.bDepth), streaming(nx) && j.U < cu(nx))
      skew(Mux(v, data, 0.U(p.b.bits.W)), j)
    }
    for (i <- 0 until R; j <- 0 until C) {
      val pe = pes(i)(j)
      val a = if (j == 0) aIn(i) else pes(i)(j - 1).a
      val v = if (j == 0) vIn(i) else pes(i)(j - 1).v
      val f = if (j == 0) fIn(i) else pes(i)(j - 1).first
      val l = if (j == 0) lIn(i) else pes(i)(j - 1).last
      val b = if (i == 0) bEdge(j) else pes(i - 1)(j).b
      pe.a := a; pe.v := v && s.running; pe.first := f; pe.last := l; pe.b := b
      val prod = Product(p, a, b, W)
      when(v) {
        pe.sum := Acc.add(Mux(f, 0.U(W.W), pe.sum), prod.value, W, p.saturate)
        if (p.hasSpecials) pe.fl := Mux(f, 0.U, pe.fl) | Cat(prod.nan, prod.pinf, prod.ninf)
      }
      pe.outV := v && l && s.running
    }
    // results leave column by column: in a column at most one PE finishes per cycle (they are i cycles apart)
    for (j <- 0 until C) {
      val col = pes.map(_(j))
      val any = col.map(_.outV).reduce(_ || _) && j.U < cu(s) && s.running
      val row = PriorityEncoder(col.map(_.outV))
      val data = Mux1H(col.map(_.outV), col.map(pe => Cat(pe.fl, pe.sum)))
      when(any) {
        cMem(j).write(fit(s.cfM + s.rBase + row, c.cDepth), data)
      }
    }
    val rd = cMem.map(_.read(fit(io.rdAddr, c.cDepth), !s.running))
    io.rdData := resolved(select(RegNext(io.rdBank), rd))
  } else {
    val loading = s.running && s.t < ru(s)
    for (j <- 0 until C) {
      // weight for load cycle t is k = rBase + ru − 1 − t
      val raddr = nx.cfK + nx.rBase + (ru(nx) - 1.U - nx.t)
      val data = bMem(j).read(fit(raddr, c.bDepth), nx.running && nx.t < ru(nx) && j.U < cu(nx))
      val top = Mux(j.U < cu(s), data, 0.U)
      for (i <- 0 until R) {
        val pe = pes(i)(j)
        when(loading) { pe.b := (if (i == 0) top else pes(i - 1)(j).b) }
      }
    }
    for (i <- 0 until R; j <- 0 until C) {
      val pe = pes(i)(j)
      val a = if (j == 0) aIn(i) else pes(i)(j - 1).a
      val v = if (j == 0) vIn(i) else pes(i)(j - 1).v
      pe.a := a; pe.v := v && s.running; pe.first := false.B; pe.last := false.B; pe.outV := false.B
      val prod = Product(p, a, pe.b, W)
      val sumIn = if (i == 0) 0.U(W.W) else pes(i - 1)(j).sum
      pe.sum := Acc.add(sumIn, Mux(v, prod.value, 0.U), W, p.saturate)
      if (p.hasSpecials) {
        val flIn = if (i == 0) 0.U(3.W) else pes(i - 1)(j).fl
        pe.fl := flIn | Mux(v, Cat(prod.nan, prod.pinf, prod.ninf), 0.U)
      }
    }
    // partial sums leave at row ru−1 and are added to earlier row folds' sums in the result bank: the bank is read
    // the cycle before (when PE (ru−1, j) takes the element) and written the cycle its sum comes out
    val ruS = ru(s)
    val rdData = Wire(Vec(C, UInt(c.outBits.W)))
    for (j <- 0 until C) {
      val count = RegInit(0.U(dimW.W))
      val countN = WireDefault(count)
      val col = pes.map(_(j))
      val tapV = select(ruS - 1.U, col.map(_.v)) && j.U < cu(s) && s.running
      val tapSum = select(ruS - 1.U, col.map(_.sum))
      val tapFl = select(ruS - 1.U, col.map(_.fl))
      val willTap = s.running && select(ruS - 1.U, Seq.tabulate(R)(i => if (j == 0) vIn(i) else pes(i)(j - 1).v)) &&
        j.U < cu(s) && !lastCycle
      when(tapV) { countN := count + 1.U }
      when(lastCycle) { countN := 0.U }
      count := countN
      val addrW = fit(s.cfM + count, c.cDepth)
      val raddr = Mux(s.running, fit(s.cfM + countN, c.cDepth), fit(io.rdAddr, c.cDepth))
      val old = cMem(j).read(raddr, willTap || !s.running)
      rdData(j) := old
      val firstFold = s.rBase === 0.U
      val sum = Mux(firstFold, tapSum, Acc.add(old(W - 1, 0), tapSum, W, p.saturate))
      val fl = Mux(firstFold, tapFl, old(W + 2, W) | tapFl)
      when(tapV) { cMem(j).write(addrW, Cat(fl, sum)) }
    }
    io.rdData := resolved(select(RegNext(io.rdBank), rdData))
  }

  private def resolved(word: UInt): UInt = Cat(Flags.resolve(word(W + 2), word(W + 1), word(W)), word(W - 1, 0))
}
