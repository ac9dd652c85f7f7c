package org.shyperc.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The prebuilt runtime ELF and bare-metal test guests this module's jar carries. */
public final class RuntimeImages {
    private RuntimeImages() { }

    /** Test guests built with the runtime (raw, position-independent binaries). */
    public static final List<String> GUESTS = List.of("attacker", "hello", "victim");

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
