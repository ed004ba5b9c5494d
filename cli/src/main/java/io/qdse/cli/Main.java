package io.qdse.cli;

/** Entry point of the {@code qdse} command: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Qdse.run(args, System.out, System.err));
    }
}
