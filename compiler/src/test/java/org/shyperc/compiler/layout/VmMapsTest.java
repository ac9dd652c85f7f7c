package org.shyperc.compiler.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.plan.Mapping;
import org.shyperc.plan.VmPlan;

/** The mapping list is what stage 2 maps: whole pages, each page once. */
class VmMapsTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static VmPlan vm(String items) {
        String text = "import \"tests/diagnostics/_lib/board.shy\"\nsystem s for tb {\n    vm a : baremetal {\n        cpus [0]\n"
                + "        memory @ 0x8000_0000 size 64 MiB\n        kernel \"tests/diagnostics/_lib/kernel.bin\" @ 0x8000_0000\n"
                + items + "    }\n    shared chan size 8 KiB { a @ 0xc000_0000 ro }\n}\n";
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text));
        assertEquals(List.of(), c.diagnostics().stream().filter(d -> d.isError()).toList());
        return c.instances().get(0).plan().vms().get(0);
    }

    @Test
    void twoDevicesInOnePageAreOneMappingOfThatPage() {
        List<Mapping> devices = vm("        passthrough i2c1\n        passthrough i2c0\n        passthrough spi0\n").mappings().stream()
                .filter(m -> m.kind() == Mapping.Kind.PASSTHROUGH).toList();
        assertEquals(List.of(
                // named after the device passed through first
                new Mapping(Mapping.Kind.PASSTHROUGH, "i2c1", 0x0904_0000L, 0x0904_0000L, 0x1000, Mapping.Access.READ_WRITE,
                        Mapping.Attributes.DEVICE),
                new Mapping(Mapping.Kind.PASSTHROUGH, "spi0", 0x0906_0000L, 0x0906_0000L, 0x1000, Mapping.Access.READ_WRITE,
                        Mapping.Attributes.DEVICE)), devices);
    }

    @Test
    void aDeviceMovedKeepsItsOffsetInThePage() {
        Mapping m = vm("        passthrough i2c1 @ 0x1000_0100\n").mappings().stream()
                .filter(x -> x.kind() == Mapping.Kind.PASSTHROUGH).findFirst().orElseThrow();
        assertEquals(0x1000_0000L, m.ipa());
        assertEquals(0x0904_0000L, m.pa());
        assertEquals(0x1000, m.size());
    }

    @Test
    void everythingTheVmSeesIsListedByIpaWithItsAttributes() {
        List<String> kinds = vm("        virtio console @ 0x0a00_0000 irq 80\n").mappings().stream()
                .map(m -> m.kind() + " " + Long.toHexString(m.ipa()) + " " + m.access() + " " + m.attributes().memory()).toList();
        assertEquals(List.of("VGIC_DISTRIBUTOR 8000000 READ_WRITE DEVICE", "VGIC_CPU_INTERFACE 8010000 READ_WRITE DEVICE",
                "CONSOLE 9000000 READ_WRITE DEVICE", "VIRTIO a000000 READ_WRITE DEVICE", "RAM 80000000 READ_WRITE NORMAL",
                "SHARED c0000000 READ_ONLY NORMAL"), kinds);
    }
}
