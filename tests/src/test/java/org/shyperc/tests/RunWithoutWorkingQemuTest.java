package org.shyperc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `shyperc run` says in one line what to do when QEMU is missing or refuses to start. */
class RunWithoutWorkingQemuTest {
    private static final String EXAMPLE = Shyperc.ROOT.resolve("examples/qemu-virt-baremetal/system.shy").toString();

    @Test
    void aMissingQemuIsNamedWithTheFix(@TempDir Path dir) throws Exception {
        Shyperc.Run r = Shyperc.run(dir, Map.of("SHYPERC_QEMU", dir.resolve("no-such-qemu").toString()), 120,
                "run", EXAMPLE, "-o", "out");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("was not found; install QEMU (Debian: apt-get install qemu-system-arm)."), r.output());
        assertFalse(r.output().contains("Exception"), r.output());
    }

    @Test
    void qemuRefusingToStartGetsAOneLineFix(@TempDir Path dir) throws Exception {
        // a stand-in that fails as Debian's QEMU did without its ROM package
        Path fake = dir.resolve("qemu-system-aarch64");
        Files.writeString(fake, "#!/bin/sh\necho 'qemu-system-aarch64: failed to find romfile \"efi-virtio.rom\"' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Shyperc.Run r = Shyperc.run(dir, Map.of("SHYPERC_QEMU", fake.toString()), 120, "run", EXAMPLE, "-o", "out");
        assertEquals(2, r.exit(), r.output());
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("shyperc: QEMU could not start the machine; it is missing a firmware file (failed to find romfile "
                + "\"efi-virtio.rom\"): install Debian's qemu-system-data and ipxe-qemu.", last);
    }
}
