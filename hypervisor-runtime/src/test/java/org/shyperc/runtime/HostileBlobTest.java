package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.abi.BlobLayout;
import org.shyperc.codegen.image.ElfImageWriter;
import org.shyperc.codegen.image.ImageLinker;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Plan;

/**
 * Blobs with a valid CRC that break one isolation invariant each: the runtime must refuse every one before any guest
 * runs, say why, and power off with status 2.
 */
class HostileBlobTest {

    static final Map<String, String> GUESTS = Map.of("attacker", "hello", "victim", "hello");

    /*
     * The isolation system, as the blob lists it. vm 0 "attacker" (cores 1, 2), regions by IPA: 0 GPIO (MMIO), 1 virtio,
     * 2 RAM (PA 0x5800_0000, 64 MiB), 3 chan0, 4 notice; SPI 39. vm 1 "victim" (core 0): 0 RTC (MMIO), 1 RAM
     * (PA 0x5000_0000), 2 chan0, 3 notice; SPI 34. Cores: 0 = victim vcpu 0, 1 and 2 = attacker vcpus 0 and 1, 3 idle.
     * Payloads: 0, 1 = attacker kernel, dtb; 2, 3 = victim kernel, dtb. Hypervisor: reservation 0x4000_0000 + 32 MiB,
     * image at 0x4008_0000.
     */
    private static Qemu.Result boot(Consumer<HostileBlob> edit, Path dir) throws Exception {
        return boot(edit, GUESTS, dir);
    }

    private static Qemu.Result boot(Consumer<HostileBlob> edit, Map<String, String> guests, Path dir) throws Exception {
        ImageLinker.LinkedImage img = TestImages.link(TestPlans.isolation(), guests);
        HostileBlob b = new HostileBlob(img);
        edit.accept(b);
        Path elf = dir.resolve("hostile.elf");
        Files.write(elf, ElfImageWriter.wrap(b.bin(), img.loadAddress()));
        return Qemu.run(elf, 30);
    }

    @Test
    void theUnmodifiedBlobBoots(@TempDir Path dir) throws Exception {
        Qemu.Result r = boot(b -> { }, dir);
        assertFalse(r.output().contains("refused"), r.output());
        assertTrue(r.lines().contains("[victim] all 1 vcpus done"), r.output());
        assertTrue(r.lines().contains("[attacker] all 2 vcpus done"), r.output());
        assertEquals(0, r.exitCode(), r.output());
    }

    /** The isolation system with doorbell 0 from the victim to the attacker's SPI 90 (as the example has it). */
    private static Qemu.Result bootWithDoorbell(Consumer<HostileBlob> edit, Path dir) throws Exception {
        Plan p = TestPlans.isolation();
        Plan plan = new Plan(p.system(), p.board(), p.hypervisor(), p.vms(), p.shared(),
                List.of(new DoorbellPlan(0, "chan0", "victim", "attacker", 90)));
        ImageLinker.LinkedImage img = TestImages.link(plan, GUESTS);
        HostileBlob b = new HostileBlob(img);
        edit.accept(b);
        Path elf = dir.resolve("hostile.elf");
        Files.write(elf, ElfImageWriter.wrap(b.bin(), img.loadAddress()));
        return Qemu.run(elf, 30);
    }

    @Test
    void doorbellOfAVmToItself(@TempDir Path dir) throws Exception {
        // Issue 13: a doorbell connects two VMs; from 1 to 1 the checks would not have let through.
        HostileBlob.refused(bootWithDoorbell(b -> b.set(BlobLayout.DOORBELL, 0, "to", 1), dir),
                "doorbell 0 goes from vm 1 to vm 1; the blob has 2 VMs");
    }

    @Test
    void doorbellOnTheReceiversDeviceInterrupt(@TempDir Path dir) throws Exception {
        // The attacker's own GPIO interrupt (SPI 39) as the doorbell's: a virtual and a physical SPI on one INTID.
        HostileBlob.refused(bootWithDoorbell(b -> b.set(BlobLayout.DOORBELL, 0, "intid", 39), dir),
                "doorbell 0 rings SPI 39, which vm 0 owns as a device's");
    }

    @Test
    void unknownHeaderFlags(@TempDir Path dir) throws Exception {
        // Bit 0 asks for the trap table, bit 1 for zeroed VM RAM; any other bit is something this runtime does not know
        // how to do (ZeroRamTest boots with bit 1).
        HostileBlob.refused(boot(b -> b.header("flags", BlobLayout.FLAG_TRAP_STATS | 0x8000_0000L), dir), "unknown header flags 0x80000001");
    }

    @Test
    void theBitAfterTheKnownFlags(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.header("flags", BlobLayout.FLAG_TRAP_STATS | BlobLayout.FLAG_ZERO_RAM | 4L), dir),
                "unknown header flags 0x7");
    }

    @Test
    void memoryTypesWhereTheRuntimeDoesNotTakeThem(@TempDir Path dir) throws Exception {
        // RAM is Normal write-back: a non-cacheable flag on it is unknown (the compiler never writes one, SHY1401).
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "flags",
                BlobLayout.REGION_WRITABLE | BlobLayout.REGION_NOCACHE), dir), "vm 0 region 2 (RAM) has unknown flags 0x3");
        // A region has one memory type.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 4), "flags",
                        BlobLayout.REGION_NOCACHE | BlobLayout.REGION_DEVICE), dir),
                "vm 0 region 4 (shared) is both non-cacheable and Device memory (flags 0x6)");
    }

    @Test
    void oneSharedRegionWithTwoMemoryTypes(@TempDir Path dir) throws Exception {
        // One VM's mapping of the shared region non-cacheable, the other's write-back: mismatched attributes lose
        // coherency (Arm ARM, "Mismatched memory attributes"), so the two mappings no longer count as one region and overlap.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 4), "flags",
                b.get(BlobLayout.REGION, b.region(0, 4), "flags") | BlobLayout.REGION_NOCACHE), dir),
                "vm 1 region 3 (shared) PA [0x5c001000, 0x5c002000) overlaps vm 0 region 4 (shared) PA [0x5c001000, 0x5c002000)");
    }

    @Test
    void aWaitingVmWithoutAManagementVm(@TempDir Path dir) throws Exception {
        // VM lifecycle: nothing could ever start it (only the management VM may), and there is none.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 0, "flags", BlobLayout.VM_FLAG_WAITING), dir),
                "vm 0 waits to be started but no VM is the management VM");
    }

    @Test
    void aWaitingManagementVm(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 1, "flags", BlobLayout.VM_FLAG_MANAGEMENT | BlobLayout.VM_FLAG_WAITING),
                dir), "vm 1 is the management VM and waits to be started");
    }

    @Test
    void unknownLifecycleBits(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 0, "lifecycle", 0x40), dir), "vm 0 has unknown lifecycle bits 0x40");
    }

    @Test
    void vmRamOverAnotherVmsRam(@TempDir Path dir) throws Exception {
        // The attacker's RAM at the victim's PA: it would read the victim's secrets and overwrite them.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "pa", 0x5000_0000L), dir),
                "vm 1 region 1 (RAM) PA [0x50000000, 0x54000000) overlaps vm 0 region 2 (RAM) PA [0x50000000, 0x54000000)");
    }

    /** cache colouring: make the attacker a coloured VM of {@code colours} colours with {@code mask}, its RAM coloured from {@code pa}. */
    private static void coloured(HostileBlob b, long colours, long mask, long pa) {
        b.set(BlobLayout.VM, 0, "flags", b.get(BlobLayout.VM, 0, "flags") | BlobLayout.VM_FLAG_COLOURED);
        b.set(BlobLayout.VM, 0, "colours", colours).set(BlobLayout.VM, 0, "colour_mask", mask);
        b.set(BlobLayout.REGION, b.region(0, 2), "flags", BlobLayout.REGION_WRITABLE | BlobLayout.REGION_COLOURED);
        b.set(BlobLayout.REGION, b.region(0, 2), "pa", pa);
    }

    @Test
    void colouredRamStretchedOverAnotherVmsRam(@TempDir Path dir) throws Exception {
        // cache colouring: the attacker's 64 MiB in 16 of 32 colours spread from below the victim's RAM over it
        HostileBlob.refused(boot(b -> coloured(b, 32, 0xffffL, 0x4c00_0000L), dir),
                "vm 1 region 1 (RAM) PA [0x50000000, 0x54000000) overlaps vm 0 region 2 (coloured RAM) PA [0x4c000000, 0x54000000)");
    }

    @Test
    void twoColouredVmsOnThePagesOfOneColour(@TempDir Path dir) throws Exception {
        // cache colouring: coloured stretches may interleave, but the attacker (colours 0-15) and the victim (15-30) both
        // use colour 15 in overlapping stretches: the same pages of colour 15 would be both VMs'
        HostileBlob.refused(boot(b -> {
            coloured(b, 32, 0xffffL, 0x4c00_0000L);
            b.set(BlobLayout.VM, 1, "flags", b.get(BlobLayout.VM, 1, "flags") | BlobLayout.VM_FLAG_COLOURED);
            b.set(BlobLayout.VM, 1, "colours", 32).set(BlobLayout.VM, 1, "colour_mask", 0x7fff_8000L);
            b.set(BlobLayout.REGION, b.region(1, 1), "flags", BlobLayout.REGION_WRITABLE | BlobLayout.REGION_COLOURED);
        }, dir), "vm 1 region 1 (coloured RAM) PA [0x50000000, 0x58000000) overlaps vm 0 region 2 (coloured RAM) PA [0x4c000000, 0x54000000)");
    }

    @Test
    void colouredFlagOnAnUncolouredVm(@TempDir Path dir) throws Exception {
        // cache colouring: a region says it is coloured, its VM has no colours to read it with
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(1, 1), "flags",
                        BlobLayout.REGION_WRITABLE | BlobLayout.REGION_COLOURED), dir),
                "vm 1 region 1 (RAM) is coloured but is not RAM of a coloured VM starting a colour period");
    }

    @Test
    void colourCountNotAPowerOfTwo(@TempDir Path dir) throws Exception {
        // cache colouring: 48 colours would make periods the mask cannot describe
        HostileBlob.refused(boot(b -> coloured(b, 48, 1, 0x5800_0000L), dir),
                "vm 0's cache has 48 colours, not a power of two from 2 to 64");
    }

    @Test
    void aVmInOneOfTheHypervisorsColours(@TempDir Path dir) throws Exception {
        // cache colouring of the hypervisor: the attacker's colours 0-15 include colour 15, which the hypervisor keeps
        HostileBlob.refused(boot(b -> {
            coloured(b, 32, 0xffffL, 0x5800_0000L);
            b.header("hyp_colour_mask", 0x8000L).header("hyp_colours", 32);
        }, dir), "vm 0 uses colour 15, one of the hypervisor's");
    }

    @Test
    void hypervisorColourCountNotAPowerOfTwo(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.header("hyp_colour_mask", 1).header("hyp_colours", 48), dir),
                "the hypervisor's cache has 48 colours, not a power of two from 2 to 64");
    }

    @Test
    void sharedWindowOverAnotherVmsRam(@TempDir Path dir) throws Exception {
        // The attacker's read-only window moved onto the victim's RAM (the real attacker guest then reads victim code).
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 4), "pa", 0x5000_0000L),
                        Map.of("attacker", "attacker", "victim", "victim"), dir),
                "vm 1 region 1 (RAM) PA [0x50000000, 0x54000000) overlaps vm 0 region 4 (shared) PA [0x50000000, 0x50001000)");
    }

    @Test
    void ramOverTheHypervisorsImage(@TempDir Path dir) throws Exception {
        // It could rewrite the hypervisor's text and format strings.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "pa", 0x4008_0000L), dir),
                "vm 0 region 2 (RAM) PA [0x40080000, 0x44080000) overlaps the hypervisor's image PA [0x40080000, 0x");
    }

    @Test
    void ramOverThePool(@TempDir Path dir) throws Exception {
        // Page tables and stacks live there.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "pa", 0x4100_0000L), dir),
                "vm 0 region 2 (RAM) PA [0x41000000, 0x45000000) overlaps the hypervisor's pool PA [0x");
    }

    @Test
    void ramOutsideDram(@TempDir Path dir) throws Exception {
        // DRAM is [0x4000_0000, 0xc000_0000): the last 32 MiB would be whatever lies beyond.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "pa", 0xbe00_0000L), dir),
                "vm 0 region 2 (RAM) PA [0xbe000000, 0xc2000000) is not inside one DRAM bank");
    }

    @Test
    void ipaBeyondTheStage2Range(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 2), "ipa", 0x7f_fe00_0000L), dir),
                "vm 0 region 2 (RAM) IPA [0x7ffe000000, 0x8002000000) is beyond the 39-bit stage-2 input range");
    }

    @Test
    void passthroughOverAnotherVmsRam(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(1, 0), "pa", 0x5800_1000L), dir),
                "vm 1 region 0 (MMIO) PA [0x58001000, 0x58002000) overlaps vm 0 region 2 (RAM) PA [0x58000000, 0x5c000000)");
    }

    @Test
    void passthroughOverTheGicDistributor(@TempDir Path dir) throws Exception {
        // The physical distributor routes and enables every interrupt of the machine.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.REGION, b.region(0, 0), "pa", 0x0800_0000L), dir),
                "the GIC distributor PA [0x8000000, 0x8010000) overlaps vm 0 region 0 (MMIO) PA [0x8000000, 0x8001000)");
    }

    @Test
    void gicvWindowLargerThanTheGicvFrame(@TempDir Path dir) throws Exception {
        // The GICV window is mapped from the GICV frame on: a larger one maps whatever devices follow it.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 0, "gicc_size", 0x0100_0000L), dir),
                "vm 0's GICV window [0x8010000, +0x1000000) is not whole pages of the 0x2000-byte GICV frame");
    }

    @Test
    void spiOwnedTwice(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.IRQ, 0, "intid", 34), dir), "SPI 34 is owned by vm 0 and by vm 1");
    }

    @Test
    void coreOwnedTwice(@TempDir Path dir) throws Exception {
        // The idle core 3 says it is core 2 (MPIDR 2) and runs the victim: core 2 would have two owners.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 3, "mpidr", 2).set(BlobLayout.CPU, 3, "vm", 1), dir),
                "cpu 2 and cpu 3 are the same core (MPIDR 0x2): a core has one owner");
    }

    @Test
    void vcpuOnTwoCores(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 3, "vm", 1).set(BlobLayout.CPU, 3, "vcpu", 0), dir),
                "vm 1 vcpu 0 runs on two cores (cpu 3 is the second)");
    }

    @Test
    void vcpuNumberOutOfRange(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 2, "vcpu", 5), dir), "cpu 2 runs vm 0 vcpu 5, but vm 0 has 2 vCPUs");
    }

    @Test
    void moreVcpusThanCores(@TempDir Path dir) throws Exception {
        // The victim claims 3 vCPUs on one core: its SGIs to "vcpu 2" and its SYSTEM_OFF would reach core 0's table
        // entry of whatever runs there.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 1, "vcpu_count", 3), dir),
                "vm 1 has 3 vCPUs but cores run only 1 of them (vcpu 1 has none)");
    }

    @Test
    void cpuOfAVmThatDoesNotExist(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 3, "vm", 9), dir), "cpu 3 runs vm 9; the blob has 2 VMs");
    }

    @Test
    void regionRangeBeyondTheTable(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 1, "first_region", 7), dir),
                "vm 1's regions [7, 11) are beyond the region table (9 entries)");
    }

    @Test
    void regionRangeOverAnotherVmsRegions(@TempDir Path dir) throws Exception {
        // The victim's range moved back over the attacker's windows: it would map the attacker's shared pages.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 1, "first_region", 3), dir), "region 3 is vm 1's region 0 but names vm 0");
    }

    @Test
    void irqRangeBeyondTheTable(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.VM, 1, "irq_count", 5), dir),
                "vm 1's interrupts [1, 6) are beyond the interrupt table (2 entries)");
    }

    @Test
    void payloadOutsideItsVmsRam(@TempDir Path dir) throws Exception {
        // The victim's kernel copied over the attacker's RAM.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.PAYLOAD, 2, "pa", 0x5800_0000L), dir),
                "payload 2 (vm 1 kernel) PA [0x58000000, 0x");
    }

    @Test
    void payloadSourceOutsideTheImage(@TempDir Path dir) throws Exception {
        // The attacker's "kernel" taken from the hypervisor's own text: a copy of the runtime in its RAM.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.PAYLOAD, 0, "offset", 0), dir), "payload 0 (vm 0 kernel) source [0x0, 0x");
    }

    @Test
    void spinTableReleaseWordInAnotherVmsRam(@TempDir Path dir) throws Exception {
        // The idle core 3 "waits" on a release word in the attacker's RAM: the attacker could start it at EL2 on its code.
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 3, "start", BlobLayout.CPU_START_SPIN_TABLE)
                        .set(BlobLayout.CPU, 3, "release_addr", 0x5800_1000L), dir),
                "cpu 3's spin-table release word 0x58001000 is inside vm 0 region 2 (RAM) PA [0x58000000, 0x5c000000)");
    }

    @Test
    void spinTableReleaseWordInTheHypervisorsImage(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 1, "start", BlobLayout.CPU_START_SPIN_TABLE)
                        .set(BlobLayout.CPU, 1, "release_addr", 0x4008_0000L), dir),
                "cpu 1's spin-table release word 0x40080000 is inside the hypervisor's image and pool [0x40080000, 0x42000000)");
    }

    @Test
    void unknownWayToStartACore(@TempDir Path dir) throws Exception {
        HostileBlob.refused(boot(b -> b.set(BlobLayout.CPU, 2, "start", 7), dir), "cpu 2 starts in an unknown way (7)");
    }

    @Test
    void hypervisorInterruptOutOfRange(@TempDir Path dir) throws Exception {
        // The vGIC shifts by the virtual timer's INTID: 40 is no PPI.
        HostileBlob.refused(boot(b -> b.header("vtimer_irq", 40), dir),
                "the hypervisor's PPIs are INTIDs 25, 40 and 26; each must be 16 to 31");
    }
}
