package org.shyperc.codegen.rustshyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shyperc.codegen.emit.BuildOutputs;
import org.shyperc.codegen.emit.Examples;
import org.shyperc.codegen.emit.TestPlans;
import org.shyperc.codegen.output.OutputTree;
import org.shyperc.plan.Plan;

/**
 * Every exported VM JSON (test plans and all examples) uses only the fields and enum values
 * Rust-Shyper's CLI and hypervisor accept (docs/rust-shyper.md), with every
 * address and length a "0x…" string.
 */
class RustShyperJsonShapeTest {

    static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("name", "type", "cmdline", "image", "memory", "cpu", "emulated_device", "passthrough_device",
                    "dtb_device"),
            "/image", Set.of("kernel_filename", "kernel_load_ipa", "kernel_entry_point", "device_tree_filename",
                    "device_tree_load_ipa", "ramdisk_filename", "ramdisk_load_ipa"),
            "/memory", Set.of("region"),
            "/memory/region", Set.of("ipa_start", "length"),
            "/cpu", Set.of("num", "allocate_bitmap", "master"),
            "/emulated_device", Set.of("emulated_device_list"),
            "/emulated_device/emulated_device_list", Set.of("name", "base_ipa", "length", "irq_id", "cfg_num",
                    "cfg_list", "type"),
            "/passthrough_device", Set.of("passthrough_device_list"),
            "/passthrough_device/passthrough_device_list", Set.of("name", "base_pa", "base_ipa", "length", "smmu_id",
                    "irq_num", "irq_list"),
            "/dtb_device", Set.of("dtb_device_list"));
    static final Set<String> DTB_KEYS = Set.of("name", "type", "irq_num", "irq_list", "addr_region_ipa",
            "addr_region_length");
    static final Set<String> HEX = Set.of("kernel_load_ipa", "kernel_entry_point", "device_tree_load_ipa",
            "ramdisk_load_ipa", "ipa_start", "length", "base_ipa", "base_pa", "addr_region_ipa", "addr_region_length");
    static final Set<String> WORKING_EMU = Set.of("GICD", "GICR", "GPPT", "VIRTIO_BLK_MEDIATED", "VIRTIO_NET",
            "VIRTIO_CONSOLE", "IOMMU", "SHYPER", "PLIC", "APLIC");

    static Stream<Arguments> jsons() {
        List<Plan> plans = new ArrayList<>();
        TestPlans.cases().values().forEach(s -> plans.add(s.get()));
        Examples.systems().forEach(s -> plans.addAll(Examples.plans(s)));
        return plans.stream().flatMap(p -> {
            OutputTree out = BuildOutputs.emitAll(p, Examples.inputs(p).with("images/initrd.gz", new byte[8])
                    .with("images/initrd.cpio", new byte[8]).with("guests/rt.bin", new byte[8]));
            return out.files().keySet().stream().filter(k -> k.endsWith(".json") && k.startsWith("rust-shyper/"))
                    .map(k -> Arguments.of(p.system() + "/" + p.board().name() + "/" + k, out.get(k)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsons")
    void onlyAcceptedFieldsAndValues(String name, byte[] json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> bad = new ArrayList<>();
        walk(root, "", bad);
        assertEquals(List.of(), bad);
        assertTrue(root.get("name").asText().getBytes().length < 32);
        assertTrue(Set.of("VM_T_LINUX", "VM_T_BARE_MATEL_APP").contains(root.get("type").asText()));
        assertEquals("", root.at("/image/device_tree_filename").asText());
        assertTrue(root.at("/cpu/allocate_bitmap").asText().matches("0b[01]{1,32}"));
        for (JsonNode d : root.at("/emulated_device/emulated_device_list")) {
            String t = d.get("type").asText();
            assertTrue(t.startsWith("EMU_DEVICE_T_") && WORKING_EMU.contains(t.substring(13)), t);
        }
        for (JsonNode d : root.at("/dtb_device/dtb_device_list")) {
            assertTrue(d.get("irq_list").size() <= 2, d.toString());
            assertTrue(d.get("type").asText().matches("DTB_DEVICE_T_(CONSOLE|GICD|GICC|GICR|PLIC|APLIC)"), d.toString());
        }
    }

    /**
     * Rust-Shyper injects a PPI only into a VM whose passthrough irq_lists name it (its interrupt_handler), on GICv2
     * and GICv3 alike: every aarch64 VM must list the virtual timer PPI 27 in one, or its guest never sees its timer.
     * The GICv3 exports left it out (rk3588's own configs carry it on serial1).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsons")
    void everyAarch64VmOwnsTheVirtualTimerPpi(String name, byte[] json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        boolean plic = false;
        for (JsonNode d : root.at("/dtb_device/dtb_device_list")) plic |= d.get("type").asText().matches("DTB_DEVICE_T_A?PLIC");
        int owners = 0;
        for (JsonNode d : root.at("/passthrough_device/passthrough_device_list")) {
            for (JsonNode irq : d.get("irq_list")) if (irq.asInt() == 27) owners++;
            assertEquals(d.get("irq_list").size(), d.get("irq_num").asInt(), d.toString());
        }
        assertEquals(plic ? 0 : 1, owners, root.at("/passthrough_device").toString());
    }

    private static void walk(JsonNode n, String at, List<String> bad) {
        if (n.isArray()) {
            n.forEach(x -> walk(x, at, bad));
            return;
        }
        if (!n.isObject()) {
            return;
        }
        Set<String> allowed = at.equals("/dtb_device/dtb_device_list") ? DTB_KEYS : KEYS.get(at);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (allowed == null || !allowed.contains(f.getKey())) {
                bad.add(at + "/" + f.getKey() + ": not a field Rust-Shyper reads");
            }
            if (HEX.contains(f.getKey()) && !f.getValue().asText().matches("0x[0-9a-f]+")) {
                bad.add(at + "/" + f.getKey() + ": " + f.getValue() + " is not a \"0x…\" string");
            }
            walk(f.getValue(), at + "/" + f.getKey(), bad);
        }
    }
}
