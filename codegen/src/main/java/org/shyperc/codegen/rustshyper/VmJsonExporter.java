package org.shyperc.codegen.rustshyper;

import static org.shyperc.codegen.output.Json.hex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.VmPlan;

/**
 * One VM as the JSON `shyper vm config` reads: every address and length a "0x…" string
 * (the CLI drops the first two characters unchecked), bitmaps "0b…", keys in the order of
 * Rust-Shyper's own template, no field the hypervisor rejects.
 */
public final class VmJsonExporter {


    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The name of the passthrough entry that maps the GICV frame at the VM's GICC address (Rust-Shyper's idiom). */
    static final String GICV = "gicv";

    private VmJsonExporter() { }

    public static ObjectNode export(Plan plan, VmPlan vm, List<Problem> problems) {
        String where = "rust-shyper/" + vm.name() + ".json";
        if (vm.name().getBytes(StandardCharsets.UTF_8).length >= RustShyperFormat.NAME_LIMIT) {
            problems.add(Problem.of(Codes.RS_LIMIT, "VM name `" + vm.name() + "` is " + RustShyperFormat.NAME_LIMIT
                    + " bytes or longer; Rust-Shyper panics on it.", where + "#/name"));
        }
        ObjectNode o = F.objectNode();
        o.put("name", vm.name());
        o.put("type", vm.kind() == VmPlan.Kind.LINUX ? RustShyperFormat.VM_LINUX : RustShyperFormat.VM_BAREMETAL);
        o.put("cmdline", vm.bootargs() == null ? "" : vm.bootargs());

        ObjectNode image = o.putObject("image");
        String kernel = RustShyperFormat.fileName(vm.kernel().path());
        if (kernel.getBytes(StandardCharsets.UTF_8).length >= RustShyperFormat.FILENAME_LIMIT) {
            problems.add(Problem.of(Codes.RS_LIMIT, "Kernel file name `" + kernel + "` is too long for Rust-Shyper (at most "
                    + (RustShyperFormat.FILENAME_LIMIT - 1) + " bytes).", where + "#/image/kernel_filename"));
        }
        image.put("kernel_filename", kernel);
        image.put("kernel_load_ipa", hex(vm.kernel().ipa()));
        image.put("kernel_entry_point", hex(vm.kernel().entry()));
        // Non-empty names a DT overlay file; the hypervisor builds the guest DTB itself.
        image.put("device_tree_filename", "");
        image.put("device_tree_load_ipa", hex(vm.dtbIpa()));
        image.put("ramdisk_filename", vm.initrd() == null ? "" : RustShyperFormat.fileName(vm.initrd().path()));
        image.put("ramdisk_load_ipa", hex(vm.initrd() == null ? 0 : vm.initrd().ipa()));

        ArrayNode regions = o.putObject("memory").putArray("region");
        for (VmPlan.Region r : vm.memory()) {
            regions.addObject().put("ipa_start", hex(r.ipa())).put("length", hex(r.size()));
        }
        if (vm.memory().size() > RustShyperFormat.MEMORY_REGION_LIMIT) {
            problems.add(Problem.of(Codes.RS_LIMIT, "VM `" + vm.name() + "` has " + vm.memory().size()
                    + " memory regions; Rust-Shyper handles at most 4.", where + "#/memory/region"));
        }

        ObjectNode cpu = o.putObject("cpu");
        cpu.put("num", vm.cpus().size());
        cpu.put("allocate_bitmap", RustShyperFormat.bitmap(vm.cpus()));
        cpu.put("master", vm.cpus().get(0));

        BoardPlan board = plan.board();
        InterruptControllerPlan ic = board.interruptController();
        boolean v3 = ic.kind() == InterruptControllerPlan.Kind.GICV3;
        boolean plic = ic.kind() == InterruptControllerPlan.Kind.PLIC;
        VmPlan.VirtualGic g = vm.vgic();
        ArrayNode emu = o.putObject("emulated_device").putArray("emulated_device_list");
        // On riscv the Plan's VirtualGic is empty: the guest's PLIC sits at the board's (as in Rust-Shyper).
        long intcIpa = plic && g.distributorSize() == 0 ? ic.plic().base() : g.distributorIpa();
        long intcSize = plic && g.distributorSize() == 0 ? ic.plic().size() : g.distributorSize();
        emu.add(emulated((plic ? "plic@" : "intc@") + Long.toHexString(intcIpa), intcIpa, intcSize, 0,
                plic ? "PLIC" : "GICD", null));
        if (v3) {
            emu.add(emulated("gicr@" + Long.toHexString(g.redistributorIpa()), g.redistributorIpa(),
                    g.redistributorSize(), 0, "GICR", null));
        }
        for (int i = 0; i < vm.virtio().size(); i++) {
            VmPlan.Virtio v = vm.virtio().get(i);
            String type = RustShyperFormat.virtioType(v.kind());
            if (type == null) {
                problems.add(Problem.of(Codes.RS_VIRTIO_KIND, "Rust-Shyper has no virtio `" + v.kind()
                        + "` device; it is left out of the JSON.", where + "#/emulated_device"));
                continue;
            }
            List<String> cfg = cfgList(plan, vm, i, type);
            if (cfg == null) {
                problems.add(Problem.of(Codes.RS_VIRTIO_CONFIG, "The virtio " + v.kind() + " device at " + hex(v.ipa())
                        + " of VM `" + vm.name() + "` says no " + (v.kind().equals("blk") ? "sectors" : "peer")
                        + "; its cfg_list is [0, 0].", where + "#/emulated_device/emulated_device_list/" + emu.size()));
                cfg = List.of("0", "0");
            }
            emu.add(emulated("virtio_" + v.kind() + "@" + Long.toHexString(v.ipa()), v.ipa(), v.size(), v.irq(),
                    type, cfg));
        }

        ArrayNode pt = o.putObject("passthrough_device").putArray("passthrough_device_list");
        if (!v3 && !plic) {
            List<Integer> vtimer = List.of(board.timerIrqs().get(2));
            // Rust-Shyper's idiom: the GICV frame passed through at the VM's GICC address,
            // with the virtual timer PPI.
            pt.add(passthrough(GICV, board.interruptController().virtualCpuInterface().base(), g.cpuInterfaceIpa(),
                    g.cpuInterfaceSize(), vtimer));
        }
        for (VmPlan.Window w : vm.windows()) {
            // one region, with the interrupts of every board device in it
            java.util.TreeSet<Integer> irqs = new java.util.TreeSet<>();
            for (VmPlan.Passthrough p : vm.passthrough()) {
                if (w.devices().contains(p.device())) irqs.addAll(p.irqs());
            }
            pt.add(passthrough("window@" + Long.toHexString(w.pa()), w.pa(), w.ipa(), w.size(), List.copyOf(irqs)));
        }
        for (VmPlan.Passthrough p : vm.passthrough()) {
            if (vm.inWindow(p)) continue;
            ObjectNode d = passthrough(p.device(), p.pa(), p.ipa(), p.size(), p.irqs());
            DevicePlan dev = board.device(p.device());
            if (dev != null && dev.iommu() != null && dev.streamId() >= 0) {
                // The SMMU stream the hypervisor must bind to this VM (the CLI collects them into streams_ids).
                d.put("smmu_id", dev.streamId());
            }
            pt.add(d);
        }
        if (v3) {
            // Rust-Shyper injects a PPI only into a VM whose passthrough irq_lists name it (interrupt_handler: PPIs
            // 16-31 go to the running VM if it has_interrupt), on GICv3 as on GICv2: without the virtual timer PPI in
            // one, the guest never sees its timer. Its own rk3588 configs carry it on a passthrough device (serial1's
            // irq_list [27]); with none to carry it, an entry of length 0 that maps nothing.
            int vtimer = board.timerIrqs().get(2);
            if (pt.isEmpty()) {
                pt.add(passthrough("vtimer", 0, 0, 0, List.of(vtimer)));
            } else {
                ObjectNode first = (ObjectNode) pt.get(0);
                ArrayNode irqs = (ArrayNode) first.get("irq_list");
                irqs.insert(0, vtimer);
                first.put("irq_num", irqs.size());
            }
        }

        ArrayNode dtb = o.putObject("dtb_device").putArray("dtb_device_list");
        if (plic) {
            dtb.add(dtbDevice("plic", "PLIC", List.of(), intcIpa, intcSize));
        } else {
            dtb.add(dtbDevice("gicd", "GICD", List.of(), g.distributorIpa(), g.distributorSize()));
        }
        if (plic) {
            // no CPU interface frame: harts take interrupts through their CSRs
        } else if (v3) {
            dtb.add(dtbDevice("gicr", "GICR", List.of(), g.redistributorIpa(), g.redistributorSize()));
        } else {
            dtb.add(dtbDevice("gicc", "GICC", List.of(), g.cpuInterfaceIpa(), g.cpuInterfaceSize()));
        }
        for (VmPlan.Passthrough p : vm.passthrough()) {
            DevicePlan d = board.device(p.device());
            if (RustShyperFormat.isSerial(d)) {
                List<Integer> irqs = p.irqs().size() > RustShyperFormat.DTB_IRQ_LIMIT
                        ? p.irqs().subList(0, RustShyperFormat.DTB_IRQ_LIMIT) : p.irqs();
                dtb.add(dtbDevice("serial", "CONSOLE", irqs, p.ipa(), p.size()));
            }
        }
        return o;
    }

    /**
     * cfg_list per type: net = 6 MAC bytes, console = [peer VM id, peer console IPA], blk = [first
     * sector, sector count]; null when the device does not say what its type needs.
     */
    private static List<String> cfgList(Plan plan, VmPlan vm, int index, String type) {
        VmPlan.Virtio v = vm.virtio().get(index);
        switch (type) {
            case "VIRTIO_NET" -> {
                List<String> mac = new ArrayList<>();
                mac(vm, index).forEach(b -> mac.add(hex(b)));
                return mac;
            }
            case "VIRTIO_CONSOLE" -> {
                if (v.peer() == null) return null;
                return List.of(Integer.toString(rustShyperIds(plan).get(v.peer().vm())), hex(v.peer().console()));
            }
            case "VIRTIO_BLK_MEDIATED" -> {
                if (v.disk() == null) return null;
                return List.of(Long.toUnsignedString(v.disk().firstSector()), Long.toUnsignedString(v.disk().sectors()));
            }
            default -> {
                return null;
            }
        }
    }

    /** The MAC a virtio-net device is exported with: its own, else 02:73:68:00:<vm id>:<device index> (locally administered). */
    public static List<Integer> mac(VmPlan vm, int index) {
        VmPlan.Virtio v = vm.virtio().get(index);
        return !v.mac().isEmpty() ? v.mac() : List.of(0x02, 0x73, 0x68, 0x00, vm.id() & 0xff, index & 0xff);
    }

    /**
     * The id Rust-Shyper gives each VM: the management VM is 0 (it is compiled in), the others are
     * numbered from 1 in declaration order, the order their configs are to be given to `shyper vm
     * config`.
     */
    public static java.util.Map<String, Integer> rustShyperIds(Plan plan) {
        java.util.Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        VmPlan mvm = plan.vms().stream().filter(VmPlan::management).findFirst().orElse(null);
        if (mvm != null) ids.put(mvm.name(), 0);
        int next = 1;
        for (VmPlan v : plan.vms()) {
            if (v != mvm) ids.put(v.name(), next++);
        }
        return ids;
    }

    private static ObjectNode emulated(String name, long ipa, long len, int irq, String type, List<String> cfg) {
        ObjectNode d = F.objectNode();
        d.put("name", name);
        d.put("base_ipa", hex(ipa));
        d.put("length", hex(len));
        d.put("irq_id", irq);
        if (cfg != null) {
            d.put("cfg_num", cfg.size());
            ArrayNode a = d.putArray("cfg_list");
            cfg.forEach(a::add);
        }
        d.put("type", RustShyperFormat.EMU_PREFIX + type);
        return d;
    }

    private static ObjectNode passthrough(String name, long pa, long ipa, long len, List<Integer> irqs) {
        ObjectNode d = F.objectNode();
        d.put("name", name);
        d.put("base_pa", hex(pa));
        d.put("base_ipa", hex(ipa));
        d.put("length", hex(len));
        d.put("irq_num", irqs.size());
        ArrayNode a = d.putArray("irq_list");
        irqs.forEach(a::add);
        return d;
    }

    private static ObjectNode dtbDevice(String name, String type, List<Integer> irqs, long ipa, long len) {
        ObjectNode d = F.objectNode();
        d.put("name", name);
        d.put("type", RustShyperFormat.DTB_PREFIX + type);
        d.put("irq_num", irqs.size());
        ArrayNode a = d.putArray("irq_list");
        irqs.forEach(a::add);
        d.put("addr_region_ipa", hex(ipa));
        d.put("addr_region_length", hex(len));
        return d;
    }
}
