package io.qdse.hwmodels.arith;

/** The running state of one accumulation: the golden model of a MAC's accumulator register. */
public interface Accumulator {

    /** Adds the exact product of two decoded operand values (finite, ±inf or NaN). */
    void addProduct(double a, double b);

    /** Adds an exact finite value (e.g. a scaled block partial sum). */
    void add(Dyadic value);

    /** @return the register's value; exact whenever the value fits a double (always, for formats ≤ 53 bits) */
    double value();

    /** @return the register's exact value; throws for ±inf/NaN states */
    Dyadic exactValue();

    /** @return the register bits: two's complement for fixed point, the format code for floating point */
    long registerCode();

    /** @return whether any add overflowed the register (wrapped, saturated or went to ±inf/NaN) */
    boolean overflowed();
}
