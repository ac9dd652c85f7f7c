package org.shyperc.compiler.checks;

import java.nio.charset.StandardCharsets;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.VmPlan;

/**
 * SHY0710 (warning): a Linux VM's `bootargs` fit the kernel's COMMAND_LINE_SIZE. Linux copies
 * `/chosen/bootargs` into a buffer of that many bytes with its terminating NUL and drops the rest
 * unsaid, so one byte fewer is the most it keeps: arm64 2048 (arch/arm64/include/uapi/asm/setup.h),
 * riscv64 1024 (arch/riscv/include/uapi/asm/setup.h in 6.1 and 6.12, the kernels shyperc boots).
 * Bytes, as UTF-8, after escapes.
 */
public final class BootargsTooLong implements Check {
    /** COMMAND_LINE_SIZE of arm64 Linux, the NUL included. */
    static final int ARM64 = 2048;
    /** COMMAND_LINE_SIZE of riscv64 Linux, the NUL included. */
    static final int RISCV64 = 1024;

    @Override
    public Code code() { return Codes.BOOTARGS_TOO_LONG; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        boolean arm64 = in.board().arch() == BoardPlan.Arch.AARCH64;
        int size = arm64 ? ARM64 : RISCV64;
        String arch = arm64 ? "arm64" : "riscv64";
        for (VmModel vm : in.vms()) {
            if (vm.kind() != VmPlan.Kind.LINUX || vm.bootargs() == null || vm.bootargsSpan() == null) continue;
            int bytes = vm.bootargs().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < size) continue;
            int over = bytes - (size - 1);
            String dropped = over == 1 ? "the last byte" : "the last " + over + " bytes";
            out.report(vm.bootargsSpan(), "The `bootargs` of vm `" + vm.name() + "` are " + bytes + " bytes; " + arch
                    + " Linux keeps at most " + (size - 1) + " (COMMAND_LINE_SIZE, " + size + ", less the terminating NUL) "
                    + "and silently drops " + dropped + ".")
                    .hint("Shorten the command line by " + (over == 1 ? "a byte" : over + " bytes") + " or more: drop "
                            + "parameters the kernel does not need, or give user space its settings in the initrd.");
        }
    }
}
