package org.shyperc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.codegen.image.Elf64;
import org.shyperc.plan.Plan;

/** The figures issue 4 asks for, printed as "MEASURE ..." lines; bounds are loose sanity checks, not targets. */
class MeasurementsTest {

    @Test
    void runtimeSize() {
        Elf64 elf = Elf64.parse(RuntimeImages.aarch64Runtime());
        long file = 0, mem = 0;
        for (Elf64.Segment s : elf.segments()) {
            if (s.type() == Elf64.PT_LOAD) { file += s.filesz(); mem += s.memsz(); }
        }
        System.out.printf("MEASURE runtime code+data %d bytes, with bss (per-core and per-VM state, boot stack) %d bytes%n", file, mem);
        assertTrue(file < 64 * 1024, "code+data " + file);
    }

    @Test
    void timeToFirstOutputOfEachVmBesideTheSameGuestWithoutHypervisor(@TempDir Path dir) throws Exception {
        Qemu.Result hv = TestImages.boot(BootTest.threeVms(), BootTest.HELLO, dir, 60);
        assertEquals(0, hv.exitCode(), hv.output());
        Path hello = dir.resolve("hello.bin");
        Files.write(hello, RuntimeImages.aarch64Guest("hello"));
        // The same guest straight on QEMU at EL1 (no EL2: its PSCI HVCs go to QEMU's firmware).
        Qemu.Result direct = Qemu.run(List.of("qemu-system-aarch64", "-machine", "virt,gic-version=2", "-cpu", "cortex-a57", "-nic", "none",
                "-smp", "4", "-m", "2G", "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", hello.toString()), 60);
        assertEquals(0, direct.exitCode(), direct.output());
        assertTrue(direct.lines().contains("all 4 vcpus done"), direct.output());
        long hyp = hv.firstMillis("shyper: system");
        long a = hv.firstMillis("[alpha]"), b = hv.firstMillis("[beta]"), g = hv.firstMillis("[gamma]");
        long d = direct.firstMillis("vcpu 0: hello");
        System.out.printf("MEASURE first output after QEMU start: hypervisor %d ms, alpha %d ms, beta %d ms, gamma %d ms;"
                + " same guest without hypervisor %d ms; whole run %d ms vs %d ms%n", hyp, a, b, g, d, hv.millis(), direct.millis());
        assertTrue(a > 0 && b > 0 && g > 0 && d > 0);
        assertTrue(Math.max(a, Math.max(b, g)) < 10_000);
    }

    @Test
    void trappedMmioAccessesPerSecond(@TempDir Path dir) throws Exception {
        Plan p = BootTest.threeVms();
        Plan bench = TestPlans.plan("demo", List.of(TestPlans.bootargs(p.vm("alpha"), "bench=0x40000"), p.vm("beta"),
                p.vm("gamma")), List.of());
        Qemu.Result r = TestImages.boot(bench, BootTest.HELLO, dir, 60);
        assertFalse(r.timedOut(), r.output());
        Matcher m = r.lines().stream().map(Pattern.compile("\\[alpha] bench: 262144 trapped MMIO reads in (\\d+) us = (\\d+) traps/s")::matcher)
                .filter(Matcher::matches).findFirst().orElseThrow(() -> new AssertionError(r.output()));
        long perSecond = Long.parseLong(m.group(2));
        System.out.printf("MEASURE trapped MMIO read (emulated GICD_TYPER) %d traps/s, %.2f us each%n", perSecond,
                Long.parseLong(m.group(1)) / 262144.0);
        assertTrue(perSecond > 10_000, m.group());
        assertEquals(0, r.exitCode(), r.output());
    }
}
