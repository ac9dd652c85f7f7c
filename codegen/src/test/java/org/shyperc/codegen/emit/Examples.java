package org.shyperc.codegen.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.shyperc.compiler.Compilation;
import org.shyperc.compiler.Compiler;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** The project's examples/, compiled by the real front end: Plans written by users, not by hand. */
public final class Examples {

    private Examples() { }

    public static Path root() {
        return Path.of(System.getProperty("shyperc.root", Path.of("").toAbsolutePath().getParent().toString()));
    }

    public static Stream<Path> systems() {
        try (Stream<Path> s = Files.list(root().resolve("examples"))) {
            return s.map(d -> d.resolve("system.shy")).filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Plan> plans(Path system) {
        Compilation c = Compiler.standard().compile(List.of(system));
        if (c.hasErrors()) {
            throw new AssertionError(system + " does not compile: " + c.diagnostics());
        }
        return c.instances().stream().map(Compilation.Placed::plan).toList();
    }

    /** examples/qemu-riscv64-baremetal on the board library's qemu-riscv64: the riscv64 Plan the codegen tests use. */
    public static Plan riscv64Baremetal() {
        return plans(root().resolve("examples/qemu-riscv64-baremetal/system.shy")).get(0);
    }

    /** Stand-in payloads of the sizes the emitters need (initrd end). */
    public static BuildInputs inputs(Plan plan) {
        BuildInputs in = BuildInputs.of("0.1.0-test");
        for (VmPlan vm : plan.vms()) {
            in = in.with(vm.kernel().path(), new byte[4096]);
            if (vm.initrd() != null) {
                in = in.with(vm.initrd().path(), new byte[0x10000]);
            }
        }
        return in;
    }
}
