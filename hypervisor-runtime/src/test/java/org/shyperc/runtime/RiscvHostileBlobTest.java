package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;
import org.shyperc.codegen.image.Elf64;
import org.shyperc.codegen.image.ElfImageWriter;
import org.shyperc.codegen.image.ImageLinker;

/**
 * Blobs with a valid CRC that break an isolation invariant, booted on the riscv64 runtime: the shared checks
 * (blob_verify.c) and the PLIC's (blob_plic.c) refuse each before any guest runs. The riscv isolation system's
 * regions: attacker (vm 0) virtio 0, chan0 1, notice 2, RAM 3; victim (vm 1) RTC 0, RAM 1, chan0 2, notice 3.
 */
class RiscvHostileBlobTest {

    private static Qemu.Result boot(Consumer<HostileBlob> edit, Path dir) throws Exception {
        ImageLinker.LinkedImage img = RiscvBootTest.link(RiscvPlans.isolation(), Map.of("attacker", "hello", "victim", "hello"),
                RuntimeImages.riscv64TestRuntime());
        HostileBlob b = new HostileBlob(img);
        edit.accept(b);
        Path elf = dir.resolve("hostile.elf");
        Files.write(elf, ElfImageWriter.wrap(b.bin(), img.loadAddress(), Elf64.EM_RISCV));
        return Qemu.run(Qemu.riscvCommand(elf), 30);
    }

    @Test
    void theUnmodifiedBlobBoots(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(b -> { }, dir);
        assertFalse(r.output().contains("refused"), r.output());
        assertTrue(r.lines().contains("[attacker] all 2 vcpus done"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void aLifecycleTheRiscvRuntimeDoesNotImplement(@TempDir Path dir) throws Exception {
        // `on fault restart` (SHY1508 refuses it in the compiler first): refused, not silently ignored
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 0, "lifecycle", BlobLayout.LIFE_RESTART), dir),
                "vm 0 has a lifecycle (0x2, flags 0x0) this runtime does not implement");
    }

    @Test
    void vmRamOverAnotherVmsRam(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 3), "pa", 0x9000_0000L), dir),
                "vm 1 region 1 (RAM) PA [0x90000000, 0x94000000) overlaps vm 0 region 3 (RAM) PA [0x90000000, 0x94000000)");
    }

    @Test
    void vmRamOverThePlic(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 3), "pa", 0x0c00_0000L), dir),
                "vm 0 region 3 (RAM) PA [0xc000000, 0x10000000) overlaps the PLIC PA [0xc000000, 0xc600000)");
    }

    @Test
    void vmRamOverTheHypervisorsPool(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 3), "pa", 0x8200_0000L), dir),
                "vm 0 region 3 (RAM) PA [0x82000000, 0x86000000) overlaps the hypervisor's pool PA [");
    }

    @Test
    void aPlicFrameTooSmallForTheHartsContexts(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.header("gicd_size", 0x1000), dir),
                "the PLIC [0xc000000, +0x1000) is not a frame of at least 0x208000 bytes");
    }

    @Test
    void aVmPlicWindowWithoutItsContexts(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 0, "gicd_size", 0x1000), dir),
                "vm 0's PLIC window [0xc000000, +0x1000) is not at least 0x202000 bytes inside the 41-bit G-stage input range");
    }

    @Test
    void aGicBlob(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.header("gic_version", 2), dir), "interrupt controller 2; this runtime drives a PLIC");
    }

    @Test
    void oneHartTwice(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 3, "mpidr", 2), dir), "cpu 2 and cpu 3 are the same core (MPIDR 0x2): a core has one owner");
    }
}
