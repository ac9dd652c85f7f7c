package org.shyperc.codegen.uboot;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.shyperc.codegen.dts.Templates;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/** {@code boot.cmd} (U-Boot hush script) and {@code boot.scr} (the same, as a legacy script image). */
public final class BootScript {

    private BootScript() { }

    public static String imageName(Plan plan) {
        String n = "shyperc " + plan.system() + " " + plan.board().name();
        byte[] b = n.getBytes(StandardCharsets.UTF_8);
        return b.length <= LegacyImage.NAME_SIZE ? n : new String(b, 0, LegacyImage.NAME_SIZE, StandardCharsets.US_ASCII);
    }

    public static String text(Plan plan) {
        return Templates.render("uboot/boot.cmd.vm", Map.of("system", plan.system(), "board", plan.board().name(),
                "imageName", imageName(plan), "loadAddress", "0x" + Long.toHexString(plan.hypervisor().loadAddress()),
                // Velocity would read ${devtype} as its own reference: "${D}" writes a literal dollar.
                "D", "$"));
    }

    public static void emit(Plan plan, OutputTree out) {
        String cmd = text(plan);
        out.putText("boot.cmd", cmd);
        out.put("boot.scr", LegacyImage.script(imageName(plan), cmd.getBytes(StandardCharsets.UTF_8)));
    }
}
