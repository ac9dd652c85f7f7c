package org.shyperc.compiler.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shyperc.compiler.check.Check;
import org.shyperc.compiler.check.Reporter;
import org.shyperc.compiler.model.Instance;
import org.shyperc.compiler.model.VmModel;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/**
 * SHY0708: a kernel or initrd file of 0 bytes. It built without a word (hostile-input probe): the VM would start on
 * whatever its RAM held. The other image checks take an empty kernel as one of unknown size, as a missing one, so
 * this is its one error.
 */
public final class ImageEmpty implements Check {
    @Override
    public Code code() { return Codes.IMAGE_EMPTY; }

    @Override
    public void checkInstance(Instance in, Reporter out) {
        for (VmModel vm : in.vms()) {
            test(out, vm, "kernel", vm.kernel());
            test(out, vm, "initrd", vm.initrd());
        }
    }

    private static void test(Reporter out, VmModel vm, String what, VmModel.Payload p) {
        if (p == null || p.size() != 0 || !empty(p.resolved())) return;
        out.report(p.span(), "The " + what + " `" + p.path() + "` of vm `" + vm.name() + "` is an empty file.")
                .hint("A download or copy that failed leaves one: write the " + what + " again (it was read at `"
                        + p.resolved().toString().replace('\\', '/') + "`).");
    }

    /**
     * Whether the file holds no byte. Its stated size is 0 here, but a file under /proc states 0 and has content: that
     * one is not empty, and `build` says it cannot be a guest image when it reads it (SHY0707).
     */
    private static boolean empty(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() < 0;
        } catch (IOException | SecurityException e) {
            return false; // cannot be read now: not said to be empty
        }
    }
}
