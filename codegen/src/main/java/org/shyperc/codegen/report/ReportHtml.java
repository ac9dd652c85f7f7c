package org.shyperc.codegen.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.shyperc.codegen.dts.Templates;
import org.shyperc.plan.DoorbellPlan;
import org.shyperc.plan.Lifecycle;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/** report.html: the SVG map inline, then per VM its IPA map, cores, images and interrupts. Self-contained. */
public final class ReportHtml {

    private ReportHtml() { }

    public static String render(Plan plan, String svg) {
        return render(plan, svg, List.of());
    }

    /**
     * The report of a failed build: the findings listed first, and drawn on the map (pass the
     * SVG rendered with the same findings).
     */
    public static String render(Plan plan, String svg, List<Finding> findings) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("findings", findings.stream().map(f -> Map.of("code", f.code(), "message", f.message(),
                "where", (f.vm() == null ? "PA " : "VM " + f.vm() + " IPA ") + Svg.hex(f.start()) + " + "
                        + Svg.size(f.size()))).toList());
        v.put("esc", new HtmlEscape());
        v.put("system", plan.system());
        v.put("board", plan.board().name());
        v.put("hypervisor", String.format("reserve 0x%x + %s, loaded at 0x%x, console %s",
                plan.hypervisor().reserveBase(), Svg.size(plan.hypervisor().reserveSize()),
                plan.hypervisor().loadAddress(), plan.hypervisor().console()));
        v.put("svg", svg.strip());
        Palette palette = Palette.of(plan);
        List<Map<String, String>> physical = new ArrayList<>();
        for (MapRow r : MemoryMaps.physical(plan)) {
            Map<String, String> m = row(r);
            m.put("colour", palette.of(r));
            physical.add(m);
        }
        v.put("physical", physical);
        List<Map<String, Object>> vms = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", vm.name());
            m.put("colour", palette.vm(vm.name()));
            m.put("kind", vm.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put("management", vm.management() ? ", management" : "");
            m.put("cpus", vm.cpus().toString());
            m.put("kernel", vm.kernel().path() + " @ 0x" + Long.toHexString(vm.kernel().ipa()));
            m.put("initrd", vm.initrd() == null ? null : vm.initrd().path() + " @ 0x" + Long.toHexString(vm.initrd().ipa()));
            m.put("dtb", "0x" + Long.toHexString(vm.dtbIpa()));
            m.put("bootargs", vm.bootargs() == null ? "" : vm.bootargs());
            m.put("lifecycle", lifecycle(vm.lifecycle())); // VM lifecycle: null (nothing shown) when the default
            m.put("rows", MemoryMaps.ipa(vm).stream().map(ReportHtml::row).toList());
            List<Map<String, String>> irqs = new ArrayList<>();
            plan.board().timerIrqs().forEach(i -> irqs.add(Map.of("what", "architected timer (PPI)", "intid", "" + i)));
            for (VmPlan.Passthrough p : vm.passthrough()) {
                p.irqs().forEach(i -> irqs.add(Map.of("what", "passthrough " + p.device(), "intid", "" + i)));
            }
            for (VmPlan.Virtio x : vm.virtio()) {
                irqs.add(Map.of("what", "virtio " + x.kind() + " (emulated)", "intid", "" + x.irq()));
            }
            for (DoorbellPlan d : plan.doorbells()) {           // issue 13: none unless the system has doorbells
                if (d.to().equals(vm.name())) {
                    irqs.add(Map.of("what", "doorbell " + d.id() + " from " + d.from() + " (shared " + d.shared() + ")",
                            "intid", "" + d.irq()));
                }
                if (d.from().equals(vm.name())) {
                    irqs.add(Map.of("what", "rings doorbell " + d.id() + " to " + d.to() + " (its SPI " + d.irq()
                            + "; shared " + d.shared() + ")", "intid", "HVC 0xc6000020, x1 = " + d.id()));
                }
            }
            m.put("irqs", irqs);
            vms.add(m);
        }
        v.put("vms", vms);
        return Templates.render("report/report.html.vm", v);
    }

    /** "on fault restart, on off halt, on reset restart; starts when the management VM starts it; watchdog 100 ms". */
    static String lifecycle(Lifecycle l) {
        if (l.isDefault()) return null;
        StringBuilder b = new StringBuilder();
        for (Lifecycle.Event e : Lifecycle.Event.values()) {
            b.append(b.length() == 0 ? "" : ", ").append("on ").append(e.keyword()).append(' ').append(l.policy(e).keyword());
        }
        b.append(l.waits() ? "; starts when the management VM starts it" : "; starts at boot");
        if (l.watchdogMs() != 0) b.append("; watchdog ").append(l.watchdogMs()).append(" ms");
        return b.toString();
    }

    private static Map<String, String> row(MapRow r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("start", Svg.hex(r.start()));
        m.put("end", Svg.hex(r.end() - 1));
        m.put("length", Svg.size(r.size()));
        m.put("label", r.label());
        return m;
    }
}
