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
import org.shyperc.dsl.parse.ShyCharacters;
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

    private static final long PAGE = 4096;

    private final BoardPlan board;
    /** The board device the hypervisor prints on, or null when not known. */
    private final String console;
    private final LocatedJson in = new LocatedJson();

    private RustShyperImporter(BoardPlan board, String console) {
        this.board = board;
        this.console = console;
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
        return importVms(inputs, board, null, system, kind, boardImport);
    }

    /**
     * @param console the board device the hypervisor prints on: a VM config that passes it through
     *                gets it with `console to` (Rust-Shyper shares it with its guests)
     */
    public static Result<Imported> importVms(List<Input> inputs, BoardPlan board, String console, String system,
                                             Import.Kind kind, String boardImport) {
        RustShyperImporter im = new RustShyperImporter(board, console);
        List<Read> read = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Input input : inputs) {
            im.in.file = input.fileName();
            im.current = new Read();
            ImportedVm vm = im.readVm(input.content());
            if (vm != null) {
                if (!names.add(vm.name())) {
                    im.in.report(Codes.RS_VM_NAME, "Two VMs are named `" + vm.name() + "`.", "/name");
                } else {
                    im.current.vm = vm;
                    read.add(im.current);
                }
            }
        }
        boolean failed = im.in.problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        if (failed) {
            return new Result<>(null, im.in.problems);
        }
        List<ImportedVm> vms = im.system(read);
        String consoleTo = null;
        for (Read r : read) {
            if (r.passesConsole && consoleTo == null) consoleTo = r.vm.name();
        }
        return new Result<>(new Imported(ShySystemWriter.write(system, board.name(), kind, boardImport, vms, consoleTo), vms),
                im.in.problems);
    }

    /** What one file said beyond its VM: its consoles' peers by Rust-Shyper VM id, whether it passes the board's console. */
    private static final class Read {
        ImportedVm vm;
        /** By index in the VM's virtio list: [peer VM id, peer console IPA], and where the cfg_list is. */
        final java.util.Map<Integer, long[]> peers = new java.util.TreeMap<>();
        final java.util.Map<Integer, String> peerAt = new java.util.HashMap<>();
        boolean passesConsole;
    }

    private Read current;

    /**
     * The VMs in .shy order: the management VM (the one on core 0, as Rust-Shyper boots it) first,
     * then the files in the order given, which is the order `shyper vm config` gives them ids in
     * (1, 2, ...; the management VM is 0). A console's peer id becomes that VM's name.
     */
    private List<Read> ordered(List<Read> read) {
        List<Read> out = new ArrayList<>();
        for (Read r : read) {
            if (r.vm.cpus().contains(0) && out.isEmpty()) out.add(r);
        }
        for (Read r : read) {
            if (!out.contains(r)) out.add(r);
        }
        return out;
    }

    private List<ImportedVm> system(List<Read> read) {
        List<Read> order = ordered(read);
        java.util.Map<Long, String> byId = new java.util.HashMap<>();
        boolean mvm = !order.isEmpty() && order.get(0).vm.cpus().contains(0);
        for (int i = 0; i < order.size(); i++) {
            byId.put((long) (mvm ? i : i + 1), order.get(i).vm.name());
        }
        List<ImportedVm> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Read r = order.get(i);
            List<ImportedVm.Virtio> virtio = new ArrayList<>(r.vm.virtio());
            for (var e : r.peers.entrySet()) {
                long id = e.getValue()[0];
                long ipa = e.getValue()[1];
                String peer = byId.get(id);
                ImportedVm.Virtio v = virtio.get(e.getKey());
                if (peer == null) {
                    in.problems.add(Problem.of(Codes.RS_DROPPED, "The console's peer is VM " + id + ", which is none of the "
                            + "imported configs" + (id == 0 ? " (VM 0 is the management VM compiled into Rust-Shyper; import "
                            + "its config too, as a VM on core 0)" : "") + "; the console is imported without a peer.",
                            r.peerAt.get(e.getKey())));
                    continue;
                }
                virtio.set(e.getKey(), new ImportedVm.Virtio(v.kind(), v.ipa(), v.size(), v.irq(), null, null, peer, ipa,
                        List.of()));
            }
            out.add(r.vm.withManagement(mvm && i == 0).withVirtio(virtio));
        }
        checkOrder(order, mvm);
        return out;
    }

    /**
     * SHY0923: a console's peer id names a VM with no console at the peer IPA, while another file's console at that
     * IPA names this VM back, at this console's IPA: the two files were most likely given in each other's places (the
     * files do not say their ids, the order does). Once per pair of files.
     */
    private void checkOrder(List<Read> order, boolean mvm) {
        java.util.Set<String> said = new java.util.HashSet<>();
        for (int a = 0; a < order.size(); a++) {
            Read r = order.get(a);
            for (var e : r.peers.entrySet()) {
                int b = (int) (e.getValue()[0] - (mvm ? 0 : 1));
                long ipa = e.getValue()[1];
                if (b < 0 || b >= order.size() || b == a || consoleAt(order.get(b), ipa) != null) continue;
                long myIpa = r.vm.virtio().get(e.getKey()).ipa();
                for (int c = 0; c < order.size(); c++) {
                    Integer back = c == a || c == b ? null : consoleAt(order.get(c), ipa);
                    long[] peer = back == null ? null : order.get(c).peers.get(back);
                    if (peer == null || peer[0] - (mvm ? 0 : 1) != a || peer[1] != myIpa) continue;
                    if (said.add(Math.min(b, c) + " " + Math.max(b, c))) {
                        List<String> files = new ArrayList<>();
                        for (Read x : order) files.add(fileName(x));
                        java.util.Collections.swap(files, b, c);
                        in.problems.add(Problem.of(Codes.RS_VM_ORDER, "The console's peer is VM " + e.getValue()[0]
                                + " (`" + fileName(order.get(b)) + "`, as the files are given), which has no virtio "
                                + "console at 0x" + Long.toHexString(ipa) + "; `" + fileName(order.get(c))
                                + "`'s console there names this VM as its peer. VM ids follow the order of the files: "
                                + "given as " + String.join(" ", files) + " they pair up.", r.peerAt.get(e.getKey())));
                    }
                    break;
                }
            }
        }
    }

    /** The file a VM was read from, without its folder: the message names several. */
    private static String fileName(Read r) {
        String f = r.vm.sourceFile();
        return f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
    }

    /** The index in its virtio list of the VM's console at {@code ipa}, or null. */
    private static Integer consoleAt(Read r, long ipa) {
        List<ImportedVm.Virtio> v = r.vm.virtio();
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).kind().equals("console") && v.get(i).ipa() == ipa) return i;
        }
        return null;
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

    /** The top-level keys of a VM config, all required (the CLI's `VmConfigEntry`). */
    static final List<String> TOP_LEVEL_KEYS = List.of("name", "type", "cmdline", "image", "memory", "cpu",
            "emulated_device", "passthrough_device", "dtb_device");
    /** Top-level keys that many other JSON files have too (package.json: `name`, `type`); they do not make a VM config. */
    private static final Set<String> COMMON_KEYS = Set.of("name", "type");

    /**
     * Why {@code root} is not a VM config at all, or null when it is one, perhaps with fields missing. A file is
     * judged a VM config when its top level is an object with at least one key only a VM config has (every top-level
     * key but `name` and `type`): then each missing field is its own error, as before. Anything else (`{}`, `[]`, a
     * string, a package.json) is one error, not one per missing field: it is the wrong file, not a broken config.
     */
    static String notAVmConfig(JsonNode root) {
        String keys = "`" + String.join("`, `", TOP_LEVEL_KEYS.subList(0, TOP_LEVEL_KEYS.size() - 1)) + "` and `"
                + TOP_LEVEL_KEYS.get(TOP_LEVEL_KEYS.size() - 1) + "`";
        String hint = " Import the JSON files that Rust-Shyper's `shyper vm config` reads, one per VM.";
        if (root == null || !root.isObject()) {
            return "This is not a Rust-Shyper VM config: its top level is " + kindOf(root) + ", and a VM config is a JSON "
                    + "object with the keys " + keys + "." + hint;
        }
        List<String> has = new ArrayList<>();
        root.fieldNames().forEachRemaining(has::add);
        for (String k : has) {
            if (TOP_LEVEL_KEYS.contains(k) && !COMMON_KEYS.contains(k)) return null;
        }
        String what;
        if (has.isEmpty()) {
            what = "it is an empty object";
        } else {
            int shown = Math.min(has.size(), 5);
            List<String> named = new ArrayList<>();
            for (String k : has.subList(0, shown)) named.add("`" + (k.length() > 40 ? k.substring(0, 40) + "…" : k) + "`");
            what = "its keys are " + String.join(", ", named) + (has.size() > shown ? " and " + (has.size() - shown) + " more" : "");
        }
        return "This is not a Rust-Shyper VM config: " + what + ", and a VM config is a JSON object with the keys " + keys
                + "." + hint;
    }

    private static String kindOf(JsonNode n) {
        if (n == null || n.isMissingNode()) return "no JSON value";
        if (n.isArray()) return n.isEmpty() ? "an empty array" : "an array";
        if (n.isTextual()) return "a string";
        if (n.isNumber()) return "a number";
        if (n.isBoolean()) return "`" + n.asText() + "`";
        if (n.isNull()) return "`null`";
        return "not an object";
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
        String notConfig = notAVmConfig(root);
        if (notConfig != null) {
            in.report(Codes.RS_FORMAT, notConfig, "");
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
        controlCharacter(in, bootargs, "/cmdline");

        String kernel = null;
        Long kernelIpa = null;
        Long dtbIpa = null;
        String ramdisk = null;
        Long ramdiskIpa = null;
        if (root.path("image").isObject()) {
            kernel = in.string(root, "/image/kernel_filename");
            controlCharacter(in, kernel, "/image/kernel_filename");
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
            controlCharacter(in, ramdisk, "/image/ramdisk_filename");
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
        } else if (master != (long) cores.get(0)) {
            in.report(Codes.RS_CPU_MISMATCH, "cpu.master is core " + master + "; a .shy VM starts on its lowest core, "
                    + cores.get(0) + ", and exports that as its master.", "/cpu/master");
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
            if (kind == null && cfg != null && !cfg.isEmpty() && cfg.stream().anyMatch(x -> x != 0)
                    && !(t.equals("GICD") || t.equals("GICR") || t.equals("PLIC") || t.equals("APLIC"))) {
                in.report(Codes.RS_DROPPED, "The cfg_list of emulated device type `" + type + "` has no .shy form and is "
                        + "left out.", at + "/cfg_list");
            }
            if (kind != null) {
                if (irq < (plicBoard ? 1 : 32) || irq > Integer.MAX_VALUE) {
                    in.report(Codes.RS_FORMAT, plicBoard ? "irq_id of a virtio device is a PLIC source (1 or more)."
                            : "irq_id of a virtio device is an SPI (32 or more); Rust-Shyper's guest DTB assumes it.",
                            at + "/irq_id");
                    continue;
                }
                if (cfg == null && !root.at(at + "/cfg_list").isMissingNode()) continue; // unreadable: reported
                ImportedVm.Virtio v = virtio(kind, ipa, len, (int) (long) irq, cfg, at, out.size());
                if (v != null) out.add(v);
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

    /**
     * A virtio device with what its cfg_list says (docs/rust-shyper.md): blk [first sector, sector
     * count], net the six MAC bytes, console [peer VM id, peer console IPA]. The hypervisor indexes
     * the list without looking, so a list too short to read is refused. [0, 0] is what a device that
     * says nothing is exported as: imported as nothing said.
     */
    private ImportedVm.Virtio virtio(String kind, long ipa, long len, int irq, List<Long> cfg, String at, int index) {
        List<Long> c = cfg == null ? List.of() : cfg;
        String where = at + "/cfg_list";
        switch (kind) {
            case "blk" -> {
                if (c.size() < 2) {
                    in.report(Codes.RS_FORMAT, "A virtio-blk device needs cfg_list [first sector, sector count]; "
                            + "Rust-Shyper's hypervisor reads cfg_list[1] and panics on a shorter list.", cfg == null ? at : where);
                    return null;
                }
                if (c.size() > 2) extra(where, c.size(), 2);
                if (c.get(0) == 0 && c.get(1) == 0) {
                    in.report(Codes.RS_DROPPED, "cfg_list [0, 0] gives the disk no sectors (Rust-Shyper shows an empty disk); "
                            + "it is imported without `sectors`.", where);
                    return new ImportedVm.Virtio(kind, ipa, len, irq);
                }
                return new ImportedVm.Virtio(kind, ipa, len, irq, c.get(0), c.get(1), null, null, List.of());
            }
            case "net" -> {
                if (c.size() < 6 || c.subList(0, 6).stream().anyMatch(b -> b < 0 || b > 0xff)) {
                    in.report(Codes.RS_FORMAT, "A virtio-net device needs cfg_list of six MAC bytes (0 to 0xff); "
                            + "Rust-Shyper's hypervisor reads its MAC from there.", cfg == null ? at : where);
                    return null;
                }
                if (c.size() > 6) extra(where, c.size(), 6);
                List<Integer> mac = c.subList(0, 6).stream().map(Long::intValue).toList();
                if ((mac.get(0) & 1) != 0) {
                    in.report(Codes.RS_FORMAT, "cfg_list gives the multicast MAC " + org.shyperc.compiler.model.MacAddress
                            .format(mac) + "; a network device needs a unicast one.", where);
                    return null;
                }
                return new ImportedVm.Virtio(kind, ipa, len, irq, null, null, null, null, mac);
            }
            case "console" -> {
                if (c.size() < 2) {
                    in.report(Codes.RS_FORMAT, "A virtio console needs cfg_list [peer VM id, peer console IPA]; "
                            + "Rust-Shyper's hypervisor reads cfg_list[1] and panics on a shorter list.", cfg == null ? at : where);
                    return null;
                }
                if (c.size() > 2) extra(where, c.size(), 2);
                if (c.get(1) == 0) {
                    in.report(Codes.RS_DROPPED, "cfg_list [" + c.get(0) + ", 0] names no peer console (IPA 0); the console "
                            + "is imported without a peer.", where);
                } else {
                    current.peers.put(index, new long[] {c.get(0), c.get(1)});
                    current.peerAt.put(index, in.where(where));
                }
                return new ImportedVm.Virtio(kind, ipa, len, irq);
            }
            default -> {
                return new ImportedVm.Virtio(kind, ipa, len, irq);
            }
        }
    }

    private void extra(String where, int size, int used) {
        in.report(Codes.RS_DROPPED, "cfg_list has " + size + " entries; Rust-Shyper reads the first " + used
                + " and so does the import.", where);
    }

    /**
     * Each passthrough region as .shy says it: a board device by name when the region lies in one
     * device (at the IPA of the device's start, for a region that begins inside it), else a window
     * of the board's address space over every device it touches, in whole pages (as stage 2 maps
     * them). A region Rust-Shyper skips (the GICV idiom) is left to shyperc, which maps it itself.
     */
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
            if (len == 0 && board.timerIrqs().size() > 2 && irqs.equals(List.of((long) board.timerIrqs().get(2)))) {
                // shyperc's own export on GICv3 for a VM with no passthrough: an entry that maps nothing and only
                // carries the virtual timer PPI, which every VM has (VmJsonExporter)
                continue;
            }
            if (len == 0 || Long.compareUnsigned(pa + len - 1, pa) < 0 || Long.compareUnsigned(ipa + len - 1, ipa) < 0) {
                in.report(Codes.RS_NUMBER, "Passthrough `" + name + "` at PA 0x" + Long.toHexString(pa) + " is " + (len == 0
                        ? "empty" : "past the end of the 64-bit address space") + ".", at + "/length");
                continue;
            }
            List<DevicePlan> covered = new ArrayList<>();
            for (DevicePlan d : board.devices()) {
                if (Long.compareUnsigned(d.base(), pa + len) < 0 && Long.compareUnsigned(pa, d.base() + d.size()) < 0) {
                    covered.add(d);
                }
            }
            DevicePlan one = covered.size() == 1 ? covered.get(0) : null;
            boolean byName = one != null && Long.compareUnsigned(pa, one.base()) >= 0
                    && Long.compareUnsigned(pa + len, one.base() + one.size()) <= 0
                    && Long.compareUnsigned(ipa, pa - one.base()) >= 0;
            java.util.TreeSet<Integer> routed = new java.util.TreeSet<>();
            covered.forEach(d -> routed.addAll(d.irqs()));
            if (byName) {
                out.add(new ImportedVm.Passthrough(one.name(), ipa - (pa - one.base())).from(name));
                if (smmu != null && (one.iommu() == null || smmu != one.streamId())) {
                    in.report(Codes.RS_DROPPED, "smmu_id " + smmu + " of passthrough `" + name + "` is not the stream ID board `"
                            + board.name() + "` gives device `" + one.name() + "`; the board's is used.", at + "/smmu_id");
                }
            } else {
                long pa0 = pa & ~(PAGE - 1);
                long ipa0 = ipa & ~(PAGE - 1);
                long end = pa + len + PAGE - 1 & ~(PAGE - 1);
                out.add(ImportedVm.Passthrough.window(ipa0, pa0, end - pa0).from(name));
                if (smmu != null) {
                    in.report(Codes.RS_DROPPED, "smmu_id " + smmu + " of passthrough `" + name + "` is left out: the devices "
                            + "of a window keep the stream IDs board `" + board.name() + "` gives them.", at + "/smmu_id");
                }
            }
            String what = byName ? "board device `" + one.name() + "`" : covered.isEmpty() ? "no board device"
                    : "the board's devices in it (" + String.join(", ", covered.stream().map(DevicePlan::name).toList()) + ")";
            for (long n : irqs) {
                boolean vtimer = board.timerIrqs().size() > 2 && n == board.timerIrqs().get(2);
                if (!routed.contains((int) n) && !vtimer) {
                    in.report(Codes.RS_DROPPED, "IRQ " + n + " of passthrough `" + name + "` is not an interrupt of " + what
                            + "; .shy routes a passthrough's own interrupts, and the import leaves it out.", at + "/irq_list");
                }
            }
            for (int n : routed) {
                if (!irqs.contains((long) n)) {
                    in.report(Codes.RS_DROPPED, "IRQ " + n + " of " + what + " is not in the irq_list of passthrough `" + name
                            + "`; .shy routes every interrupt of a device it passes through, so the import routes it too.",
                            at + "/irq_list");
                }
            }
            if (console != null && covered.stream().anyMatch(d -> d.name().equals(console))) {
                current.passesConsole = true;
            }
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

    /**
     * A .shy string holds no control character but the tab and the line break (SHY0107) and no bidirectional-text
     * control (SHY0108), so {@link ShySystemWriter#quote} writes `?` for each other one: said once per string, as
     * nothing is dropped without a word.
     */
    private static void controlCharacter(LocatedJson in, String value, String pointer) {
        if (value == null) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ShySystemWriter.writtenAsQuestionMark(c)) {
                in.report(Codes.RS_DROPPED, String.format("%s holds %s, which a .shy string cannot hold; the import writes `?` "
                        + "in its place.", pointer.substring(pointer.lastIndexOf('/') + 1), ShyCharacters.describe(c)), pointer);
                return;
            }
        }
    }
}
