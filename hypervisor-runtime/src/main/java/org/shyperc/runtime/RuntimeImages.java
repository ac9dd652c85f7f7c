package org.shyperc.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The prebuilt runtime ELFs (aarch64, riscv64) and bare-metal test guests this module's jar carries. */
public final class RuntimeImages {
    private RuntimeImages() { }

    /** Test guests built with the runtime (raw, position-independent binaries). */
    public static final List<String> GUESTS = List.of("attacker", "doorbell", "hello", "life", "victim");

    /** The aarch64 runtime: a static PIE linked at 0, for {@code ImageLinker.link}. */
    public static byte[] aarch64Runtime() {
        return load("aarch64/shyper-runtime.elf");
    }

    /**
     * The same runtime built with its test hypercalls (fault probe, trap counters, exit with a status; see
     * docs/runtime.md), which the test guests use. Never for a production image.
     */
    public static byte[] aarch64TestRuntime() {
        return load("aarch64/shyper-runtime-test.elf");
    }

    /** A test guest by name (see {@link #GUESTS}). */
    public static byte[] aarch64Guest(String name) {
        if (!GUESTS.contains(name)) throw new IllegalArgumentException("no test guest " + name + "; have " + GUESTS);
        return load("aarch64/guests/" + name + ".bin");
    }

    /** Test guests built for riscv64. */
    public static final List<String> RISCV64_GUESTS = List.of("attacker", "hello", "victim");

    /** The riscv64 runtime (HS-mode, under OpenSBI): a static PIE linked at 0, for {@code ImageLinker.link}. */
    public static byte[] riscv64Runtime() {
        return load("riscv64/shyper-runtime.elf");
    }

    /** The riscv64 runtime's test build, with its test SBI extension (docs/runtime.md). Never for a production image. */
    public static byte[] riscv64TestRuntime() {
        return load("riscv64/shyper-runtime-test.elf");
    }

    /** A riscv64 test guest by name (see {@link #RISCV64_GUESTS}). */
    public static byte[] riscv64Guest(String name) {
        if (!RISCV64_GUESTS.contains(name)) throw new IllegalArgumentException("no riscv64 test guest " + name + "; have " + RISCV64_GUESTS);
        return load("riscv64/guests/" + name + ".bin");
    }

    /** The static riscv64 Linux /init (the same program as {@link #linuxInit()}). */
    public static byte[] riscv64LinuxInit() {
        return load("riscv64/guests/linux-init");
    }

    /** The runtime for a board's architecture; {@code test}: its test build. */
    public static byte[] runtimeFor(org.shyperc.plan.BoardPlan.Arch arch, boolean test) {
        return switch (arch) {
            case AARCH64 -> test ? aarch64TestRuntime() : aarch64Runtime();
            case RISCV64 -> test ? riscv64TestRuntime() : riscv64Runtime();
        };
    }

    /** A static aarch64 Linux user-space /init that logs one line and powers off (for initramfs tests). */
    public static byte[] linuxInit() {
        return load("aarch64/guests/linux-init");
    }

    private static byte[] load(String path) {
        try (InputStream in = RuntimeImages.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("resource " + path + " missing: hypervisor-runtime was built without it");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
