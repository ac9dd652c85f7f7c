package org.shyperc.codegen.rustshyper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.shyperc.dsl.ast.Import;
import org.shyperc.codegen.output.Problem;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.codegen.output.Result;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.InterruptControllerPlan;

/**
 * Reads Rust-Shyper VM JSON files (`shyper vm config` input) for one board and returns a
 * .shy system. Rejects, with a code and the JSON location, what Rust-Shyper would misread
 * or panic on; every file is read to the end so all problems come out at once.
 */
public final class RustShyperImporter {


    /** The largest VM config read: real ones are a few kilobytes. The CLI reads files no larger. */
    public static final int MAX_BYTES = 4 << 20;

    /**
     * What a VM config may hold before it is refused (SHY0919) rather than read: real files nest four
     * levels deep with short strings; serde_json itself stops at 128 levels.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(64 << 10)
            .maxNumberLength(64)
            .maxNameLength(1 << 10)
            .maxDocumentLength(MAX_BYTES)
            .build();

    /** Strict JSON: the CLI uses serde_json, which has no comments or trailing commas. */
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS)
            .disable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    /** The largest `i32` and `u32`: `cpu.master` and `cpu.num` in the CLI's types. */
    private static final long I32_MIN = Integer.MIN_VALUE;
    private static final long I32_MAX = Integer.MAX_VALUE;
    private static final long U32_MAX = 0xffff_ffffL;

    public record Input(String fileName, byte[] content) { }

    public record Imported(String shy, List<ImportedVm> vms) {
        public Imported {
            vms = List.copyOf(vms);
        }
    }

    private final BoardPlan board;
    private final LocatedJson in = new LocatedJson();

    private RustShyperImporter(BoardPlan board) {
        this.board = board;
    }

    /**
     * @param boardImport the board file's path for the `import` line, or null
     */
    public static Result<Imported> importVms(List<Input> inputs, BoardPlan board, String system, String boardImport) {
        return importVms(inputs, board, system, Import.Kind.FILE, boardImport);
    }

    /**
     * @param kind        {@link Import.Kind#BOARD} for `import board "NAME"`, {@link Import.Kind#FILE} for a path
     * @param boardImport the board's name or its file's path for the `import` line, or null
     */
    public static Result<Imported> importVms(List<Input> inputs, BoardPlan board, String system, Import.Kind kind,
                                             String boardImport) {
        RustShyperImporter im = new RustShyperImporter(board);
        List<ImportedVm> vms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Input input : inputs) {
            im.in.file = input.fileName();
            ImportedVm vm = im.readVm(input.content());
            if (vm != null) {
                if (!names.add(vm.name())) {
                    im.in.report(Codes.RS_VM_NAME, "Two VMs are named `" + vm.name() + "`.", "/name");
                } else {
                    vms.add(vm);
                }
            }
        }
        boolean failed = im.in.problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        if (failed) {
            return new Result<>(null, im.in.problems);
        }
        return new Result<>(new Imported(ShySystemWriter.write(system, board.name(), kind, boardImport, vms), vms), im.in.problems);
    }

    private static void close(JsonParser parser) {
        try {
            if (parser != null) parser.close();
        } catch (IOException e) {
            // reading from a byte array: nothing to release
        }
    }

    /** Where the parser stopped; limit exceptions carry no location: the start of the token being read. */
    private static JsonLocation at(JsonLocation at, JsonParser parser) {
        return (at == null || at.getLineNr() < 1) && parser != null ? parser.currentTokenLocation() : at;
    }

    /** Jackson's limit messages name its own settings; say which limit in the user's terms. */
    private static String limitMessage(String jackson) {
        String m = jackson == null ? "" : jackson;
        if (m.contains("Document length")) return "The file is larger than " + (MAX_BYTES >> 20) + " MiB, the most shyperc reads.";
        if (m.contains("nesting depth")) return "The JSON is nested deeper than " + LIMITS.getMaxNestingDepth()
                + " levels; a VM config nests four.";
        if (m.contains("String value length")) return "A string is longer than " + (LIMITS.getMaxStringLength() >> 10)
                + " KiB, the most shyperc reads.";
        if (m.contains("Number value length")) return "A number has more than " + LIMITS.getMaxNumberLength()
                + " digits, the most shyperc reads.";
        if (m.contains("Name length")) return "A key is longer than " + LIMITS.getMaxNameLength() + " bytes, the most shyperc reads.";
        return "The JSON exceeds a limit of what shyperc reads: " + m + ".";
    }

    private ImportedVm readVm(byte[] content) {
        JsonNode root;
        JsonParser parser = null;
        try {
            parser = FACTORY.createParser(content);
            root = in.read(parser);
        } catch (StreamConstraintsException e) {
            in.reportAt(Codes.RS_READ_LIMIT, limitMessage(e.getOriginalMessage()), at(e.getLocation(), parser));
            return null;
        } catch (JsonProcessingException e) {
            in.reportAt(Codes.RS_FORMAT, "Not valid JSON: " + e.getOriginalMessage() + ".", at(e.getLocation(), parser));
            return null;
        } catch (IOException e) {
            in.reportAt(Codes.RS_FORMAT, "Cannot read: " + e.getMessage(), null);
            return null;
        } finally {
            close(parser);
        }
        if (root == null || !root.isObject()) {
            in.report(Codes.RS_FORMAT, "A VM config is a JSON object.", "");
            return null;
        }
        int before = in.errorCount();
        for (String section : List.of("/image", "/memory", "/cpu", "/emulated_device", "/passthrough_device", "/dtb_device")) {
            in.object(root, section);
        }
        String name = in.string(root, "/name");
        if (name != null) {
            if (name.getBytes(StandardCharsets.UTF_8).length >= RustShyperFormat.NAME_LIMIT) {
                in.report(Codes.RS_NAME, "VM name `" + name + "` is " + name.getBytes(StandardCharsets.UTF_8).length
                        + " bytes; Rust-Shyper panics on names of 32 bytes or more.", "/name");
            } else if (!name.matches("[a-zA-Z_][a-zA-Z0-9_-]*")) {
                in.report(Codes.RS_VM_NAME, "VM name `" + name + "` is not a .shy name (letters, digits, '_' and '-', "
                        + "not starting with a digit).", "/name");
            }
        }
        String kind = vmKind(in.string(root, "/type"));
        String bootargs = in.string(root, "/cmdline");
        if (bootargs != null && bootargs.endsWith("\0")) {
            bootargs = bootargs.substring(0, bootargs.length() - 1);
        }

        String kernel = null;
        Long kernelIpa = null;
        Long dtbIpa = null;
        String ramdisk = null;
        Long ramdiskIpa = null;
        if (root.path("image").isObject()) {
            kernel = in.string(root, "/image/kernel_filename");
            if (kernel != null && kernel.getBytes(StandardCharsets.UTF_8).length >= RustShyperFormat.FILENAME_LIMIT) {
                in.report(Codes.RS_NAME, "Kernel file name `" + kernel + "` is too long: Rust-Shyper keeps at most "
                        + (RustShyperFormat.FILENAME_LIMIT - 1) + " bytes.", "/image/kernel_filename");
            }
            kernelIpa = in.hex(root, "/image/kernel_load_ipa");
            Long entry = in.hex(root, "/image/kernel_entry_point");
            if (kernelIpa != null && entry != null && !kernelIpa.equals(entry)) {
                in.report(Codes.RS_DROPPED, "kernel_entry_point differs from kernel_load_ipa; Rust-Shyper ignores it and enters at the "
                        + "load address, and so does the import.", "/image/kernel_entry_point");
            }
            String overlay = in.string(root, "/image/device_tree_filename");
            if (overlay != null && !overlay.isEmpty()) {
                in.report(Codes.RS_OVERLAY, "device_tree_filename `" + overlay + "` names a DT overlay file"
                        + (overlay.equals("-") ? " (\"-\" is not \"none\": Rust-Shyper tries to open a file named -)" : "")
                        + "; shyperc generates the whole guest DTB and does not import overlays.", "/image/device_tree_filename");
            }
            dtbIpa = in.hex(root, "/image/device_tree_load_ipa");
            ramdisk = in.string(root, "/image/ramdisk_filename");
            ramdiskIpa = in.hex(root, "/image/ramdisk_load_ipa");
        }

        List<ImportedVm.Memory> memory = new ArrayList<>();
        JsonNode mem = root.get("memory");
        if (mem != null && mem.isObject()) {
            // `colors` and `budget` are options: absent (or, for `budget`, null) is none
            for (String rejected : List.of("colors", "budget")) {
                JsonNode v = in.optional(root, "/memory/" + rejected);
                if (v != null && !(rejected.equals("budget") && v.isNull())) {
                    in.report(Codes.RS_FIELD_REJECTED, "memory." + rejected + " is accepted by the CLI but rejected by the hypervisor.",
                            "/memory/" + rejected);
                }
            }
            JsonNode regions = in.array(root, "/memory/region");
            if (regions != null) {
                if (regions.isEmpty()) {
                    in.report(Codes.RS_FORMAT, "The VM has no memory region; Rust-Shyper's hypervisor panics building its "
                            + "device tree.", "/memory/region");
                }
                for (int i = 0; i < regions.size(); i++) {
                    if (!isObject("/memory/region/" + i, regions.get(i))) continue;
                    Long ipa = in.hex(root, "/memory/region/" + i + "/ipa_start");
                    Long len = in.hex(root, "/memory/region/" + i + "/length");
                    if (ipa != null && len != null) {
                        memory.add(new ImportedVm.Memory(ipa, len));
                    }
                }
            }
        }

        List<Integer> cpus = root.path("cpu").isObject() ? cpus(root) : null;
        List<ImportedVm.Virtio> virtio = root.path("emulated_device").isObject() ? emulated(root) : List.of();
        List<ImportedVm.Passthrough> passthrough = root.path("passthrough_device").isObject() ? passthrough(root) : List.of();
        if (root.path("dtb_device").isObject()) dtbDevices(root);

        if (in.errorCount() > before || name == null || kind == null || kernel == null || kernelIpa == null
                || dtbIpa == null || ramdiskIpa == null || bootargs == null || cpus == null) {
            return null;
        }
        boolean hasInitrd = ramdisk != null && !ramdisk.isEmpty() && ramdiskIpa != 0;
        return new ImportedVm(name, kind, cpus, memory, kernel, kernelIpa, dtbIpa, hasInitrd ? ramdisk : null,
                hasInitrd ? ramdiskIpa : 0, bootargs, passthrough, virtio, in.file);
    }

    /** An entry of a list of structs: the CLI refuses anything but an object there. */
    private boolean isObject(String pointer, JsonNode n) {
        if (n.isObject()) return true;
        in.report(Codes.RS_FORMAT, "Each entry of `" + pointer.substring(0, pointer.lastIndexOf('/')).replaceAll(".*/", "")
                + "` must be an object, not " + LocatedJson.describe(n) + ".", pointer);
        return false;
    }

    private String vmKind(String type) {
        if (type == null) {
            return null;
        }
        switch (type) {
            case RustShyperFormat.VM_LINUX:
                return "linux";
            case RustShyperFormat.VM_BAREMETAL:
                return "baremetal";
            case RustShyperFormat.VM_FREERTOS:
                in.report(Codes.RS_VM_TYPE, "VM type `VM_T_FREERTOS` is accepted by the CLI but the hypervisor panics on it.", "/type");
                return null;
            default:
                in.report(Codes.RS_VM_TYPE, "Unknown VM type `" + type + "`; Rust-Shyper knows `VM_T_LINUX` and "
                        + "`VM_T_BARE_MATEL_APP` (spelled so).", "/type");
                return null;
        }
    }

    private List<Integer> cpus(JsonNode root) {
        Long num = in.integer(root, "/cpu/num", 0, U32_MAX, "an integer from 0 to 2^32-1");
        String bitmap = in.string(root, "/cpu/allocate_bitmap");
        Long master = in.integer(root, "/cpu/master", I32_MIN, I32_MAX, "a 32-bit integer");
        if (num == null || bitmap == null || master == null) {
            return null;
        }
        if (!bitmap.startsWith("0b") || !bitmap.substring(2).matches("[01]{1,32}")) {
            in.report(Codes.RS_BITMAP, "allocate_bitmap `" + bitmap + "` is not a \"0b…\" string of at most 32 bits: the CLI "
                    + "drops the first two characters unchecked.", "/cpu/allocate_bitmap");
            return null;
        }
        long bits = Long.parseLong(bitmap.substring(2), 2);
        List<Integer> cores = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            if ((bits & (1L << c)) != 0) {
                if (c >= board.cpus().size()) {
                    in.report(Codes.RS_NO_SUCH_CORE, "allocate_bitmap asks for core " + c + ", but board `" + board.name() + "` has "
                            + board.cpus().size() + " cores.", "/cpu/allocate_bitmap");
                }
                cores.add(c);
            }
        }
        if (cores.isEmpty()) {
            in.report(Codes.RS_BITMAP, "allocate_bitmap gives the VM no core.", "/cpu/allocate_bitmap");
        }
        if (num < cores.size()) {
            in.report(Codes.RS_CPU_MISMATCH, "cpu.num is " + num + " but allocate_bitmap sets " + cores.size()
                    + " cores; Rust-Shyper keeps the lowest " + num + ", and so does the import.", "/cpu/num");
            cores = cores.subList(0, (int) (long) num);
        } else if (num > cores.size()) {
            in.report(Codes.RS_CPU_MISMATCH, "cpu.num is " + num + " but allocate_bitmap sets only " + cores.size()
                    + " cores.", "/cpu/num");
        }
        if (!cores.contains((int) (long) master)) {
            in.report(Codes.RS_CPU_MISMATCH, "cpu.master " + master + " is not among the VM's cores; Rust-Shyper drops it.",
                    "/cpu/master");
        }
        return List.copyOf(cores);
    }

    /** `irq_list`: an array of `usize`; null after a problem. */
    private List<Long> irqList(JsonNode root, String pointer) {
        JsonNode a = in.array(root, pointer);
        if (a == null) return null;
        List<Long> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < a.size(); i++) {
            Long v = in.integer(a.get(i), pointer + "/" + i, java.math.BigInteger.ZERO,
                    java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE), "an interrupt number (0 or more)");
            if (v == null) ok = false;
            else out.add(v);
        }
        return ok ? out : null;
    }

    /** `cfg_list` (optional): numbers or number strings; null when absent or after a problem. */
    private List<Long> cfgList(JsonNode root, String pointer) {
        JsonNode a = in.optional(root, pointer);
        if (a == null) return null;
        if (!a.isArray()) {
            in.report(Codes.RS_FORMAT, "`cfg_list` must be an array, not " + LocatedJson.describe(a)
                    + "; Rust-Shyper's CLI refuses it.", pointer);
            return null;
        }
        List<Long> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < a.size(); i++) {
            Long v = in.cfgEntry(a.get(i), pointer + "/" + i);
            if (v == null) ok = false;
            else out.add(v);
        }
        return ok ? out : null;
    }

    private List<ImportedVm.Virtio> emulated(JsonNode root) {
        List<ImportedVm.Virtio> out = new ArrayList<>();
        JsonNode list = in.array(root, "/emulated_device/emulated_device_list");
        if (list == null) {
            return out;
        }
        InterruptControllerPlan ic = board.interruptController();
        for (int i = 0; i < list.size(); i++) {
            String at = "/emulated_device/emulated_device_list/" + i;
            if (!isObject(at, list.get(i))) continue;
            in.string(root, at + "/name");
            Long ipa = in.hex(root, at + "/base_ipa");
            Long len = in.hex(root, at + "/length");
            Long irq = in.usize(root, at + "/irq_id");
            in.optionalUsize(root, at + "/cfg_num", false);
            List<Long> cfg = cfgList(root, at + "/cfg_list");
            String type = in.string(root, at + "/type");
            if (type == null || ipa == null || len == null || irq == null) {
                continue;
            }
            String t = type.startsWith(RustShyperFormat.EMU_PREFIX) ? type.substring(RustShyperFormat.EMU_PREFIX.length())
                    : null;
            if (t == null || !RustShyperFormat.EMU_TYPES.contains(t)) {
                in.report(Codes.RS_DEVICE_TYPE, "Unknown emulated device type `" + type + "`.", at + "/type");
                continue;
            }
            if (RustShyperFormat.EMU_BROKEN.contains(t)) {
                in.report(Codes.RS_DEVICE_TYPE, "Emulated device type `" + type + "` is not implemented by the hypervisor"
                        + (t.equals("VIRTIO_BLK") ? " (use EMU_DEVICE_T_VIRTIO_BLK_MEDIATED)" : "; it panics") + ".",
                        at + "/type");
                continue;
            }
            boolean plicBoard = ic.kind() == InterruptControllerPlan.Kind.PLIC;
            boolean plicType = t.equals("PLIC") || t.equals("APLIC");
            boolean gicType = t.equals("GICD") || t.equals("GICR");
            if ((plicType && !plicBoard) || (gicType && plicBoard)) {
                in.report(Codes.RS_DEVICE_TYPE, "Emulated device type `" + type + "` does not match the board's "
                        + ic.kind().name().toLowerCase(Locale.ROOT) + " interrupt controller.", at + "/type");
                continue;
            }
            String kind = RustShyperFormat.virtioKind(t);
            if (kind != null) {
                if (irq < (plicBoard ? 1 : 32) || irq > Integer.MAX_VALUE) {
                    in.report(Codes.RS_FORMAT, plicBoard ? "irq_id of a virtio device is a PLIC source (1 or more)."
                            : "irq_id of a virtio device is an SPI (32 or more); Rust-Shyper's guest DTB assumes it.",
                            at + "/irq_id");
                    continue;
                }
                out.add(new ImportedVm.Virtio(kind, ipa, len, (int) (long) irq));
            } else if (t.equals("GICD") || t.equals("GICR") || t.equals("PLIC") || t.equals("APLIC")) {
                InterruptControllerPlan.Frame f = t.equals("GICD") ? ic.distributor()
                        : t.equals("GICR") ? ic.redistributor() : ic.plic();
                if (f != null && ipa != f.base()) {
                    in.report(Codes.RS_VGIC_MOVED, "The emulated " + t + " is at 0x" + Long.toHexString(ipa)
                            + "; .shy places the virtual interrupt controller at the board's own address 0x"
                            + Long.toHexString(f.base())
                            + ".", at + "/base_ipa");
                }
            } else {
                in.report(Codes.RS_DROPPED, "Emulated device type `" + type + "` has no .shy form and is left out.", at + "/type");
            }
        }
        return out;
    }

    private List<ImportedVm.Passthrough> passthrough(JsonNode root) {
        List<ImportedVm.Passthrough> out = new ArrayList<>();
        JsonNode list = in.array(root, "/passthrough_device/passthrough_device_list");
        if (list == null) {
            return out;
        }
        InterruptControllerPlan.Frame gicv = board.interruptController().virtualCpuInterface();
        for (int i = 0; i < list.size(); i++) {
            String at = "/passthrough_device/passthrough_device_list/" + i;
            if (!isObject(at, list.get(i))) continue;
            String name = in.string(root, at + "/name");
            Long pa = in.hex(root, at + "/base_pa");
            Long ipa = in.hex(root, at + "/base_ipa");
            Long len = in.hex(root, at + "/length");
            Long smmu = in.optionalUsize(root, at + "/smmu_id", true);
            in.usize(root, at + "/irq_num");
            List<Long> irqs = irqList(root, at + "/irq_list");
            if (name == null || pa == null || ipa == null || len == null || irqs == null) {
                continue;
            }
            if (gicv != null && pa == gicv.base()) {
                // Rust-Shyper's idiom for the virtual CPU interface: shyperc maps it itself.
                continue;
            }
            DevicePlan dev = null;
            for (DevicePlan d : board.devices()) {
                if (pa >= d.base() && pa < d.base() + d.size()) {
                    dev = d;
                    break;
                }
            }
            if (dev == null) {
                in.report(Codes.RS_NO_SUCH_DEVICE, "Passthrough `" + name + "` at PA 0x" + Long.toHexString(pa) + " is no device of board `"
                        + board.name() + "`.", at + "/base_pa");
                continue;
            }
            if (smmu != null && (dev.iommu() == null || smmu != dev.streamId())) {
                in.report(Codes.RS_DROPPED, "smmu_id " + smmu + " of passthrough `" + name + "` is not the stream ID board `"
                        + board.name() + "` gives device `" + dev.name() + "`; the board's is used.", at + "/smmu_id");
            }
            for (long n : irqs) {
                boolean vtimer = board.timerIrqs().size() > 2 && n == board.timerIrqs().get(2);
                if (!dev.irqs().contains((int) n) && !vtimer) {
                    in.report(Codes.RS_DROPPED, "IRQ " + n + " of passthrough `" + name + "` is not an interrupt of board device `"
                            + dev.name() + "`; the import routes the device's own interrupts.", at + "/irq_list");
                }
            }
            out.add(new ImportedVm.Passthrough(dev.name(), ipa));
        }
        return out;
    }

    private void dtbDevices(JsonNode root) {
        JsonNode list = in.array(root, "/dtb_device/dtb_device_list");
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "/dtb_device/dtb_device_list/" + i;
            if (!isObject(at, list.get(i))) continue;
            in.string(root, at + "/name");
            String type = in.string(root, at + "/type");
            in.usize(root, at + "/irq_num");
            List<Long> irqs = irqList(root, at + "/irq_list");
            in.hex(root, at + "/addr_region_ipa");
            in.hex(root, at + "/addr_region_length");
            if (type != null && !(type.startsWith(RustShyperFormat.DTB_PREFIX)
                    && RustShyperFormat.DTB_TYPES.contains(type.substring(RustShyperFormat.DTB_PREFIX.length())))) {
                in.report(Codes.RS_DEVICE_TYPE, "Unknown DTB device type `" + type + "`.", at + "/type");
            }
            if (irqs != null && irqs.size() > RustShyperFormat.DTB_IRQ_LIMIT) {
                in.report(Codes.RS_IRQ_LIST, "irq_list has " + irqs.size() + " entries; Rust-Shyper's DTB device keeps at most "
                        + RustShyperFormat.DTB_IRQ_LIMIT + " and overflows.", at + "/irq_list");
            }
        }
    }
}
