package org.shyperc.codegen.uboot;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.shyperc.codegen.dts.Templates;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.Plan;

/** {@code boot.cmd} (U-Boot hush script) and {@code boot.scr} (the same, as a legacy script image). */
public final class BootScript {

    private BootScript() { }

    public static String imageName(Plan plan) {
        String n = "shyperc " + plan.system() + " " + plan.board().name();
        byte[] b = n.getBytes(StandardCharsets.UTF_8);
        return b.length <= LegacyImage.NAME_SIZE ? n : new String(b, 0, LegacyImage.NAME_SIZE, StandardCharsets.US_ASCII);
    }

    /** The script image's architecture: the board's, as the U-Boot that runs the script is built for it. */
    public static LegacyImage.Arch arch(Plan plan) {
        return plan.board().arch() == BoardPlan.Arch.RISCV64 ? LegacyImage.Arch.RISCV : LegacyImage.Arch.ARM64;
    }

    public static String text(Plan plan) {
        return Templates.render("uboot/boot.cmd.vm", Map.of("system", plan.system(), "board", plan.board().name(),
                "imageName", imageName(plan), "loadAddress", "0x" + Long.toHexString(plan.hypervisor().loadAddress()),
                "mkimageArch", arch(plan).mkimageName(), "riscv", arch(plan) == LegacyImage.Arch.RISCV,
                // Velocity would read ${devtype} as its own reference: "${D}" writes a literal dollar.
                "D", "$"));
    }

    /** {@code boot.scr}: {@link #text} as a script image. */
    public static byte[] image(Plan plan) {
        return image(plan, text(plan));
    }

    private static byte[] image(Plan plan, String cmd) {
        return LegacyImage.script(arch(plan), imageName(plan), cmd.getBytes(StandardCharsets.UTF_8));
    }

    public static void emit(Plan plan, OutputTree out) {
        String cmd = text(plan);
        out.putText("boot.cmd", cmd);
        out.put("boot.scr", image(plan, cmd));
    }
}
