package org.shyperc.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What plan.json says the image must hold, read from the JSON document itself (docs/plan.schema.json field names),
 * not from the Plan records the linker used: each VM's stage-2 translation and which SPIs are whose.
 *
 * <p>Stage 2 of a VM, per docs/runtime.md: its RAM regions and shared windows Normal write-back inner-shareable
 * (a window not writable read-only), its passthrough frames and windows Device-nGnRE and execute-never, and on GICv2
 * the board's GICV frame at its virtual CPU interface IPA (Device-nGnRE, execute-never). Nothing else: the emulated
 * console, distributor, redistributors and virtio transports are absent so that every access traps. Where the
 * system gave a region a memory type of its own (`nocache`: Normal non-cacheable, outer shareable; `device`), the
 * entry of {@code mappings} that covers it says so in {@code attributes.memory}; RAM with `hugepages` has its block
 * size in {@code attributes.block}, and every leaf mapping it must be at least that large ({@link Vm#blocks}).
 */
record PlanExpectations(String system, String gic, long gicdBase, int lines, Map<Integer, Long> mpidrOfCore,
                        long reserveBase, long reserveSize, int consoleSpi, boolean consoleInput, List<Vm> vms,
                        /** false where the board says `stage2-blocks off`: every leaf but `hugepages` RAM's is a page */
                        boolean stage2Blocks) {

    /** One VM: its physical cores (vCPU n on cores.get(n)), stage-2 mappings, passthrough SPIs, virtio SPIs. */
    /**
     * @param consolePage IPA of the emulated console's window where it is one page: the runtime maps there, read-only,
     *                    a page of its own holding what the registers read (docs/runtime.md), or -1
     */
    /**
     * @param colours cache colouring: the colours its RAM is made of (empty: not coloured), of {@code colourCount}
     * @param shared whether it declared them shared
     */
    record Vm(int id, String name, List<Integer> cores, List<Stage2Walk.Mapping> stage2, TreeSet<Integer> spis,
              TreeSet<Integer> virtualSpis, long consolePage, List<Block> blocks, TreeSet<Integer> colours, int colourCount,
              boolean shared, List<Stage2Walk.Mapping> ram) {
        /** Whether {@code ipa} lies in RAM that asked for huge pages (keeps its blocks on a `stage2-blocks off` board). */
        boolean inHugepages(long ipa) {
            return blocks.stream().anyMatch(b -> Long.compareUnsigned(ipa - b.ipa(), b.size()) < 0);
        }
    }

    /** RAM [ipa, ipa + size) that asked for huge pages: stage 2 maps it with leaves of at least {@code block} bytes. */
    record Block(long ipa, long size, long block) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    static PlanExpectations of(String planJson) {
        JsonNode p;
        try {
            p = JSON.readTree(planJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode board = p.get("board"), gic = board.get("interruptController"), hyp = p.get("hypervisor");
        Map<Integer, Long> mpidr = new TreeMap<>();
        for (JsonNode c : board.get("cpus")) {
            mpidr.put(c.get("index").asInt(), hex(c.get("mpidr")));
        }
        int consoleSpi = 0;
        for (JsonNode d : board.get("devices")) {
            if (d.get("name").asText().equals(hyp.get("console").asText()) && d.get("irqs").size() > 0) {
                consoleSpi = d.get("irqs").get(0).asInt();
            }
        }
        JsonNode gicv = gic.get("virtualCpuInterface");
        boolean consoleInput = false;
        List<Vm> vms = new ArrayList<>();
        for (JsonNode v : p.get("vms")) {
            List<Stage2Walk.Mapping> maps = new ArrayList<>();
            List<Block> blocks = new ArrayList<>();
            JsonNode mappings = v.get("mappings");
            TreeSet<Integer> colours = new TreeSet<>();
            int colourCount = 0;
            boolean shared = false;
            for (JsonNode r : v.get("memory")) {
                long ipa = hex(r.get("ipa"));
                JsonNode a = attributes(mappings, "RAM", ipa);
                if (a != null && a.has("block")) blocks.add(new Block(ipa, hex(r.get("size")), hex(a.get("block"))));
                JsonNode c = r.get("colouring");
                if (c == null) {
                    maps.add(new Stage2Walk.Mapping("memory", ipa, hex(r.get("pa")), hex(r.get("size")), memory(a, "NORMAL", true)));
                    continue;
                }
                c.get("colours").forEach(x -> colours.add(x.asInt()));
                colourCount = c.get("count").asInt();
                shared = c.get("shared").asBoolean();
                maps.addAll(colouredRuns(r, c));
            }
            List<Stage2Walk.Mapping> ram = List.copyOf(maps);
            for (JsonNode w : v.get("sharedWindows")) {
                boolean rw = w.get("writable").asBoolean();
                long ipa = hex(w.get("ipa"));
                maps.add(new Stage2Walk.Mapping("shared " + w.get("region").asText(), ipa, hex(w.get("pa")),
                        hex(w.get("size")), memory(attributes(mappings, "SHARED", ipa), "NORMAL", rw)));
            }
            for (JsonNode w : v.get("windows")) {
                long ipa = hex(w.get("ipa"));
                maps.add(new Stage2Walk.Mapping("window", ipa, hex(w.get("pa")), hex(w.get("size")),
                        memory(attributes(mappings, "WINDOW", ipa), "DEVICE", true)));
            }
            TreeSet<Integer> spis = new TreeSet<>();
            for (JsonNode d : v.get("passthrough")) {
                long ipa = hex(d.get("ipa"));
                boolean inWindow = false;
                for (JsonNode w : v.get("windows")) {
                    inWindow |= Long.compareUnsigned(ipa - hex(w.get("ipa")), hex(w.get("size"))) < 0;
                }
                if (!inWindow) {
                    maps.add(new Stage2Walk.Mapping("passthrough " + d.get("device").asText(), ipa, hex(d.get("pa")),
                            hex(d.get("size")), memory(attributes(mappings, "PASSTHROUGH", ipa), "DEVICE", true)));
                }
                for (JsonNode irq : d.get("irqs")) {
                    if (irq.asInt() >= 32) {
                        spis.add(irq.asInt());
                    }
                }
            }
            JsonNode vg = v.get("vgic");
            if (gicv != null && !gicv.isNull() && hex(vg.get("cpuInterfaceSize")) != 0) {
                maps.add(new Stage2Walk.Mapping("GICV", hex(vg.get("cpuInterfaceIpa")), hex(gicv.get("base")),
                        hex(vg.get("cpuInterfaceSize")), Stage2Walk.Attributes.deviceNGnRE()));
            }
            TreeSet<Integer> virtualSpis = new TreeSet<>();
            for (JsonNode d : v.get("virtio")) {
                virtualSpis.add(d.get("irq").asInt());
                consoleInput |= d.get("kind").asText().equals("console");
            }
            List<Integer> cores = new ArrayList<>();
            v.get("cpus").forEach(c -> cores.add(c.asInt()));
            JsonNode con = v.get("console");
            long consolePage = con != null && !con.isNull() && hex(con.get("size")) == 4096 && (hex(con.get("ipa")) & 4095) == 0
                    ? hex(con.get("ipa")) : -1;
            vms.add(new Vm(v.get("id").asInt(), v.get("name").asText(), List.copyOf(cores), List.copyOf(maps), spis,
                    virtualSpis, consolePage, List.copyOf(blocks), colours, colourCount, shared, ram));
        }
        return new PlanExpectations(p.get("system").asText(), gic.get("kind").asText(), hex(gic.get("distributor").get("base")),
                gic.get("lines").asInt(), mpidr, hex(hyp.get("reserveBase")), hex(hyp.get("reserveSize")), consoleSpi,
                consoleInput, List.copyOf(vms), !hyp.has("stage2Blocks") || hyp.get("stage2Blocks").asBoolean());
    }

    /** The {@code attributes} of the VM's mapping of this kind that covers {@code ipa}, or null. */
    private static JsonNode attributes(JsonNode mappings, String kind, long ipa) {
        if (mappings == null) return null;
        for (JsonNode m : mappings) {
            if (m.get("kind").asText().equals(kind) && Long.compareUnsigned(ipa - hex(m.get("ipa")), hex(m.get("size"))) < 0) {
                return m.get("attributes");
            }
        }
        return null;
    }

    /** A leaf's attributes for a plan.json memory type (its kind's own where the plan states none). */
    private static Stage2Walk.Attributes memory(JsonNode attributes, String otherwise, boolean writable) {
        String type = attributes == null ? otherwise : attributes.get("memory").asText();
        return switch (type) {
            case "NORMAL" -> Stage2Walk.Attributes.normalWriteBack(writable);
            case "NORMAL_NONCACHEABLE" -> Stage2Walk.Attributes.normalNonCacheable(writable);
            case "DEVICE" -> Stage2Walk.Attributes.deviceNGnRE(writable);
            default -> throw new IllegalArgumentException("not a plan.json memory type: " + type);
        };
    }

    /**
     * cache colouring: a coloured RAM region as docs/outputs.md says plan.json lists it: from its {@code pa}, the
     * {@code runs} of one period (offset, size) repeated every period ({@code count} pages) for {@code periods}
     * periods, taken in order until the region's {@code size} is covered, the IPA contiguous.
     */
    static List<Stage2Walk.Mapping> colouredRuns(JsonNode region, JsonNode colouring) {
        long ipa = hex(region.get("ipa")), pa = hex(region.get("pa")), left = hex(region.get("size"));
        long period = colouring.get("count").asLong() * 4096, periods = hex(colouring.get("periods"));
        List<Stage2Walk.Mapping> out = new ArrayList<>();
        for (long q = 0; q < periods && left > 0; q++) {
            for (JsonNode run : colouring.get("runs")) {
                if (left == 0) break;
                long size = Math.min(hex(run.get("size")), left);
                out.add(new Stage2Walk.Mapping("coloured memory", ipa, pa + q * period + hex(run.get("offset")), size,
                        Stage2Walk.Attributes.normalWriteBack(true)));
                ipa += size;
                left -= size;
            }
        }
        if (left != 0) throw new IllegalArgumentException("plan.json: a coloured region's periods do not hold its size");
        return out;
    }

    /** The VM owning SPI {@code intid} through a passthrough device, or null. */
    Vm ownerOf(int intid) {
        return vms.stream().filter(v -> v.spis().contains(intid)).findFirst().orElse(null);
    }

    static long hex(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        String s = n.asText();
        if (!s.startsWith("0x")) {
            throw new IllegalArgumentException("not a plan.json address: " + s);
        }
        return Long.parseUnsignedLong(s.substring(2), 16);
    }
}
