package org.shyperc.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.compiler.bind.Loader;
import org.shyperc.compiler.check.Checks;
import org.shyperc.dsl.source.SourceFile;

/** The bound model's helpers: extents, look-ups, the words messages use, MAC addresses, console peers. */
class ModelTest {
    static final Path ROOT = Path.of(System.getProperty("shyperc.root", "..")).toAbsolutePath().normalize();

    static final String SYSTEM = """
            import "tests/diagnostics/_lib/board.shy"
            system s for tb {
                vm a : linux management {
                    cpus [0]
                    memory @ 0x8000_0000 size 64 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x8020_0000
                    passthrough gpio @ 0x0a10_0000
                    virtio console @ 0x0a00_0000 irq 48 { peer b }
                    virtio console @ 0x0a00_1000 irq 49 { peer c }
                    virtio console @ 0x0a00_2000 irq 50 { peer c; peer-console @ 0x0a00_7000 }
                    virtio console @ 0x0a00_3000 irq 51 { peer d }
                    virtio net @ 0x0a00_4000 irq 52
                }
                vm b : baremetal {
                    cpus [1]
                    memory @ 0x0 size 32 MiB at pa 0x7000_0000
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    virtio console @ 0x0a00_0000 irq 48 { peer a }
                    passthrough @ 0x0904_0000 size 8 KiB at pa 0x0904_0000
                }
                vm c : baremetal {
                    cpus [2]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    virtio console @ 0x0a00_3000 irq 48
                    virtio console @ 0x0a00_5000 irq 49
                }
                vm d : baremetal {
                    cpus [3]
                    memory @ 0x0 size 32 MiB
                    kernel "tests/diagnostics/_lib/kernel.bin" @ 0x0
                    virtio console @ 0x0a00_3000 irq 48 { peer a }
                    virtio console @ 0x0a00_5000 irq 49 { peer a }
                }
                shared chan size 8 KiB {
                    a @ 0xc000_0000 rw
                    b @ 0x1000_0000 ro
                }
            }
            """;

    static Instance instance() {
        Compilation c = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", SYSTEM));
        return c.instances().get(0).instance();
    }

    @Test
    void macAddressesAreSixHexBytes() {
        assertEquals(List.of(2, 0, 0xab, 0xcd, 0, 0xff), MacAddress.parse("02:00:ab:CD:00:ff"));
        assertNull(MacAddress.parse("02:00:00:00:00"));
        assertNull(MacAddress.parse("02:00:00:00:00:01:02"));
        assertNull(MacAddress.parse("02:00:00:00:00:1"));
        assertNull(MacAddress.parse("02:00:00:00:00:0g"));
        assertNull(MacAddress.parse("02:00:00:00:00:"));
        assertEquals("02:00:ab:cd:00:ff", MacAddress.format(List.of(2, 0, 0xab, 0xcd, 0, 0xff)));
        assertEquals("0f", MacAddress.format(List.of(0x10f)));
        assertEquals("", MacAddress.format(List.of()));
    }

    @Test
    void instanceAndBoardLookUps() {
        Instance in = instance();
        assertEquals("`s` on `tb`", in.label());
        assertEquals("b", in.vm("b").name());
        assertNull(in.vm("nope"));
        BoardModel board = in.board();
        assertEquals(0x0903_0000L, board.device("gpio").base());
        assertNull(board.device("nope"));
        assertEquals(0x0903_1000L, board.device("gpio").end());
        assertEquals(0x8000_0000L, board.dram().get(0).end());
        assertEquals(0x4200_0000L, board.hyp().reserveEnd());
        assertEquals(List.of("distributor", "cpu-interface", "hyp-interface", "virtual-cpu-interface"),
                board.intc().frames().stream().map(BoardModel.Frame::name).toList());
        assertEquals(0x0801_0000L, board.intc().distributor().end());
    }

    @Test
    void extentsOfWhatAVmIsGiven() {
        Instance in = instance();
        VmModel a = in.vm("a");
        VmModel.Mem ram = a.memory().get(0);
        assertEquals(0x8400_0000L, ram.ipaEnd());
        assertEquals(0x4200_0000L, ram.pa());
        assertEquals(0x4600_0000L, ram.paEnd());
        assertEquals(0x0a10_1000L, a.passthrough().get(0).ipaEnd());
        VmModel.Window w = in.vm("b").windows().get(0);
        assertEquals(0x0904_2000L, w.ipaEnd());
        assertEquals(0x0904_2000L, w.paEnd());
        SharedModel chan = in.shared().get(0);
        assertEquals(chan.pa() + 0x2000, chan.paEnd());
        assertEquals(0x4a00_0000L, chan.pa());
    }

    @Test
    void mapEntriesSayWhatTheyAre() {
        Instance in = instance();
        List<String> a = in.vm("a").map().stream().map(MapEntry::what).toList();
        assertEquals(List.of("the virtual distributor", "the virtual CPU interface", "the console", "the virtio console device",
                "the virtio console device", "the virtio console device", "the virtio console device", "the virtio net device",
                "device `gpio`", "RAM", "the window onto shared region `chan`"), a);
        List<String> b = in.vm("b").map().stream().map(MapEntry::what).toList();
        assertEquals(true, b.contains("the passthrough window at PA 0x0904_0000"), b.toString());
        List<Boolean> implicit = in.vm("a").map().stream().map(MapEntry::implicit).toList();
        assertEquals(true, implicit.get(0));
        assertEquals(false, implicit.get(implicit.size() - 1));
    }

    @Test
    void aConsolesPeerIsNamedByIpaOrPairsOrIsThePeersOnlyConsole() {
        Instance in = instance();
        VmModel a = in.vm("a");
        List<VmModel.Virtio> v = a.virtio();
        // b has one console, and it names a
        assertSame(in.vm("b").virtio().get(0), ConsolePeers.peerConsole(in, a, v.get(0)));
        // c has two consoles and neither names a
        assertNull(ConsolePeers.peerConsole(in, a, v.get(1)));
        // c has no console at 0x0a00_7000
        assertNull(ConsolePeers.peerConsole(in, a, v.get(2)));
        // both of d's consoles name a: no single one
        assertNull(ConsolePeers.peerConsole(in, a, v.get(3)));
        // no peer at all
        assertNull(ConsolePeers.peerConsole(in, a, v.get(4)));
        // d's first console names a; a has one console that names d
        VmModel d = in.vm("d");
        assertSame(v.get(3), ConsolePeers.peerConsole(in, d, d.virtio().get(0)));
        assertNotNull(ConsolePeers.peerConsole(in, in.vm("b"), in.vm("b").virtio().get(0)));
        assertSame(v.get(0), ConsolePeers.peerConsole(in, in.vm("b"), in.vm("b").virtio().get(0)));
    }

    @Test
    void aConsoleNamedByIpaIsTheOneThere() {
        String text = SYSTEM.replace("{ peer c; peer-console @ 0x0a00_7000 }", "{ peer c; peer-console @ 0x0a00_5000 }");
        Instance in = new Compiler(ROOT, Loader.Sources.DISK, Checks.ALL).compileSource(SourceFile.of("s.shy", text))
                .instances().get(0).instance();
        assertSame(in.vm("c").virtio().get(1), ConsolePeers.peerConsole(in, in.vm("a"), in.vm("a").virtio().get(2)));
    }
}
