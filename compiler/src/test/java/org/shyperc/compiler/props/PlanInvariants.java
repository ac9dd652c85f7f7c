package org.shyperc.compiler.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shyperc.plan.BoardPlan;
import org.shyperc.plan.DevicePlan;
import org.shyperc.plan.Plan;
import org.shyperc.plan.SharedPlan;
import org.shyperc.plan.VmPlan;

/**
 * The isolation invariants, checked on the Plan alone and written independently of the check
 * classes (plain loops, no shared helpers), so a bug in a check cannot hide itself here.
 */
final class PlanInvariants {
    private PlanInvariants() { }

    record Range(long start, long end, String who) { }

    /**
     * The mapping list placement made is the one the VM's own fields give (what a Plan made by hand
     * derives), so the two ways to a list cannot drift apart; every mapped range is whole pages.
     */
    static void assertMappingsAreTheFields(Plan plan) {
        List<VmPlan> byHand = new ArrayList<>();
        for (VmPlan v : plan.vms()) {
            byHand.add(new VmPlan(v.id(), v.name(), v.kind(), v.management(), v.cpus(), v.memory(), v.kernel(), v.initrd(),
                    v.dtbIpa(), v.bootargs(), v.passthrough(), v.virtio(), v.console(), v.vgic(), v.sharedWindows()));
        }
        Plan derived = new Plan(plan.system(), plan.board(), plan.hypervisor(), byHand, plan.shared());
        for (int i = 0; i < plan.vms().size(); i++) {
            assertEquals(derived.vms().get(i).mappings(), plan.vms().get(i).mappings(), plan.vms().get(i).name());
            for (org.shyperc.plan.Mapping m : plan.vms().get(i).mappings()) {
                if (m.kind().mapped()) assertTrue(((m.ipa() | m.pa() | m.size()) & 4095) == 0, m + " is not whole pages");
            }
        }
    }

    static void assertHold(Plan plan) {
        assertMappingsAreTheFields(plan);
        BoardPlan board = plan.board();
        List<Range> physical = new ArrayList<>();
        for (VmPlan vm : plan.vms()) {
            for (VmPlan.Region r : vm.memory()) physical.add(new Range(r.pa(), r.pa() + r.size(), "vm " + vm.name()));
        }
        for (SharedPlan s : plan.shared()) physical.add(new Range(s.pa(), s.pa() + s.size(), "shared " + s.name()));
        long hypStart = plan.hypervisor().reserveBase();
        long hypEnd = hypStart + plan.hypervisor().reserveSize();
        for (Range p : physical) {
            assertTrue(p.start() % 4096 == 0 && p.end() % 4096 == 0, p + " is not page aligned");
            assertTrue(board.dram().stream().anyMatch(b -> p.start() >= b.base() && p.end() <= b.end()), p + " is outside DRAM");
            assertTrue(p.end() <= hypStart || p.start() >= hypEnd, p + " overlaps the hypervisor");
        }
        assertDisjoint(physical, "physical memory");

        Set<Integer> cores = new HashSet<>();
        Map<Integer, String> spiOwner = new HashMap<>();
        Set<String> devices = new HashSet<>();
        Map<Long, String> pageOwner = new HashMap<>();
        int managers = 0;
        for (VmPlan vm : plan.vms()) {
            assertTrue(!vm.cpus().isEmpty(), vm.name() + " has no core");
            for (int c : vm.cpus()) {
                assertTrue(c >= 0 && c < board.cpus().size(), vm.name() + " has core " + c);
                assertTrue(cores.add(c), "core " + c + " is in two VMs");
            }
            if (vm.management()) {
                managers++;
                assertTrue(vm.cpus().contains(0), "the management VM lacks core 0");
            }
            List<Range> guest = new ArrayList<>();
            for (VmPlan.Region r : vm.memory()) guest.add(new Range(r.ipa(), r.ipaEnd(), "RAM"));
            for (VmPlan.SharedWindow w : vm.sharedWindows()) guest.add(new Range(w.ipa(), w.ipa() + w.size(), w.region()));
            Set<Integer> vmIrqs = new HashSet<>();
            for (VmPlan.Passthrough p : vm.passthrough()) {
                assertTrue(devices.add(p.device()), p.device() + " is in two VMs");
                assertTrue(!p.device().equals(plan.hypervisor().console()), "the hypervisor console is passed through");
                guest.add(new Range(p.ipa(), p.ipa() + p.size(), p.device()));
                for (long page = p.pa() & -4096L; page < p.pa() + p.size(); page += 4096) {
                    String prev = pageOwner.putIfAbsent(page, vm.name());
                    assertTrue(prev == null || prev.equals(vm.name()), "page " + Long.toHexString(page) + " in two VMs");
                }
                for (int irq : p.irqs()) {
                    assertTrue(irq >= 32 && irq < board.interruptController().lines(), "irq " + irq);
                    String prev = spiOwner.putIfAbsent(irq, vm.name());
                    assertTrue(prev == null || prev.equals(vm.name()), "SPI " + irq + " in two VMs");
                    vmIrqs.add(irq);
                }
            }
            for (VmPlan.Virtio v : vm.virtio()) {
                guest.add(new Range(v.ipa(), v.ipa() + v.size(), "virtio " + v.kind()));
                assertTrue(v.irq() >= 32 && v.irq() < board.interruptController().lines(), "virtio irq " + v.irq());
                assertTrue(vmIrqs.add(v.irq()), "irq " + v.irq() + " used twice in " + vm.name());
                assertTrue(v.irq() != plan.hypervisor().hypercallIrq(), "virtio on the hypercall irq");
            }
            if (vm.console() != null) guest.add(new Range(vm.console().ipa(), vm.console().ipa() + vm.console().size(), "console"));
            VmPlan.VirtualGic g = vm.vgic();
            guest.add(new Range(g.distributorIpa(), g.distributorIpa() + g.distributorSize(), "vgic distributor"));
            guest.add(new Range(g.cpuInterfaceIpa(), g.cpuInterfaceIpa() + g.cpuInterfaceSize(), "vgic cpu interface"));
            for (Range r : guest) assertTrue(Long.compareUnsigned(r.end(), 1L << 40) <= 0, r + " above the IPA limit");
            assertDisjoint(guest, "the IPA space of " + vm.name());
        }
        assertTrue(managers <= 1, "several management VMs");
        for (DevicePlan d : board.devices()) assertTrue(d.size() > 0, d.name());
        assertEquals(plan.vms().size(), new HashSet<>(plan.vms().stream().map(VmPlan::name).toList()).size());
    }

    private static void assertDisjoint(List<Range> ranges, String space) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.removeIf(r -> r.start() == r.end());
        sorted.sort(Comparator.comparingLong(Range::start));
        Range reach = null; // the range reaching furthest so far: catches containment, not just neighbours
        for (Range r : sorted) {
            if (reach != null) assertTrue(reach.end() <= r.start(), reach + " and " + r + " overlap in " + space);
            if (reach == null || r.end() > reach.end()) reach = r;
        }
    }
}
