package org.shyperc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** System files for cli tests, written beside a copy of the QEMU board so imports resolve. */
public final class Fixtures {
    private Fixtures() { }

    /** VM `a` is declared twice: an error with a related location (the first `a`). */
    public static final String TWICE = """
            import "qemu-virt.shy"

            system twice for qemu-virt {
                vm a : linux management {
                    cpus [0]
                    memory @ 0x8000_0000 size 256 MiB
                    kernel "Image" @ 0x8020_0000
                }
                vm a : baremetal {
                    cpus [2]
                    memory @ 0x0 size 64 MiB
                    kernel "b.bin" @ 0x0
                }
            }
            """;

    /** Writes {@code text} as {@code name} in {@code dir}, with the board it imports. */
    public static Path write(Path dir, String name, String text) {
        try {
            Files.copy(CliRun.root().resolve("boards/qemu-virt.shy"), dir.resolve("qemu-virt.shy"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path file = dir.resolve(name);
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
