package org.shyperc.compiler.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.VmPlan;

/**
 * SHY0709 (warning): a kernel in a form the hypervisor cannot start. It copies the file as it is and enters at its
 * load address, so an ELF file (`vmlinux`) or a gzip one (`Image.gz`, or a distribution's compressed `vmlinuz`) builds and
 * then hangs the VM without a word. Only what is surely wrong is said: the ELF and gzip magic numbers, and a Linux
 * kernel shorter than the 64-byte Image header; any other file may be a raw image, whose first bytes are code.
 */
public final class KernelFormat implements Check {
    /** The arm64 and riscv64 Image headers are 64 bytes. */
    static final int IMAGE_HEADER = 64;

    @Override
    public Code code() { return Codes.KERNEL_FORMAT; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            VmModel.Payload k = vm.kernel();
            if (k == null || k.size() <= 0 || k.resolved() == null) continue; // missing or empty: said already
            byte[] head = head(k);
            if (head == null) continue;
            String why = null;
            String fix = null;
            if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                why = "an ELF file, whose first bytes are its header, not code";
                fix = vm.kind() == VmPlan.Kind.LINUX ? "Use the kernel's raw Image (`arch/" + arch(in) + "/boot/Image`), not `vmlinux`."
                        : "Load its raw contents: `objcopy -O binary " + base(k.path()) + " " + stem(base(k.path()))
                                + ".bin`.";
            } else if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                why = "gzip-compressed (as `Image.gz` and some distributions' `vmlinuz` are)";
                fix = "Unpack it and load the result: `gunzip -c " + base(k.path()) + " > Image`.";
            } else if (vm.kind() == VmPlan.Kind.LINUX && k.size() < IMAGE_HEADER) {
                why = k.size() + (k.size() == 1 ? " byte" : " bytes") + " long, shorter than the " + IMAGE_HEADER + "-byte header every Linux Image starts with";
                fix = "Check that it is the kernel and that it was copied whole.";
            }
            if (why == null) continue;
            out.report(k.span(), "The kernel `" + k.path() + "` of vm `" + vm.name() + "` is " + why
                    + ": the hypervisor copies it as it is and starts the VM at its first byte.").hint(fix);
        }
    }

    private static String arch(Instance in) {
        return in.board().arch() == org.shyperc.plan.BoardPlan.Arch.AARCH64 ? "arm64" : "riscv";
    }

    /** `guest.elf` -> `guest`; by hand, as no regex is compiled where a check goes (docs/decisions.md, "Start-up"). */
    private static String stem(String name) {
        return name.endsWith(".elf") ? name.substring(0, name.length() - 4) : name;
    }

    private static String base(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Up to the first 64 bytes, or null when the file cannot be read now. */
    private static byte[] head(VmModel.Payload k) {
        try (InputStream s = Files.newInputStream(k.resolved())) {
            return s.readNBytes(IMAGE_HEADER);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
