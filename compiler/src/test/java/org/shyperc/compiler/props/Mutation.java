package org.shyperc.compiler.props;

import java.util.Random;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;

/** One way to break one invariant of a valid system (which has at least two VMs), and its code. */
enum Mutation {
    OVERLAPPING_REGIONS(Codes.PA_OVERLAP) {
        @Override
        void apply(SystemSpec s, Random r) {
            long pa = pinnedFreePa(s);
            s.vms.get(0).memory.get(0).pa = pa;
            s.vms.get(1).memory.get(0).pa = pa + 0x1000;
        }
    },
    SHARED_CORE(Codes.CORE_SHARED) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(1).cores.add(s.vms.get(0).cores.get(0));
        }
    },
    SHARED_SPI(Codes.IRQ_SHARED) {
        @Override
        void apply(SystemSpec s, Random r) {
            int spi = 32 + r.nextInt(2); // below the generator's device SPIs, so unused
            addDevice(s, "xa", 0x2000_0000L, 0x1000, spi);
            addDevice(s, "xb", 0x2001_0000L, 0x1000, spi);
            s.vms.get(0).passthrough.add("xa");
            s.vms.get(1).passthrough.add("xb");
        }
    },
    MISALIGNED_SIZE(Codes.MISALIGNED) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(r.nextInt(s.vms.size())).memory.get(0).size += 0x800;
        }
    },
    MISALIGNED_IPA(Codes.MISALIGNED) {
        @Override
        void apply(SystemSpec s, Random r) {
            SystemSpec.Region m = s.vms.get(0).memory.get(s.vms.get(0).memory.size() - 1);
            m.ipa += 0x10 << r.nextInt(7);
        }
    },
    REGION_OUTSIDE_DRAM(Codes.OUTSIDE_DRAM) {
        @Override
        void apply(SystemSpec s, Random r) {
            long[] last = s.banks.get(s.banks.size() - 1);
            s.vms.get(1).memory.get(0).pa = last[0] + last[1] + (r.nextBoolean() ? 0 : 0x20_0000);
        }
    },
    REGION_IN_HYPERVISOR(Codes.IN_HYPERVISOR) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(0).memory.get(0).pa = s.reserveBase + (r.nextBoolean() ? 0 : 0x10_0000);
        }
    },
    DEVICES_IN_ONE_PAGE(Codes.SUBPAGE_SHARING) {
        @Override
        void apply(SystemSpec s, Random r) {
            addDevice(s, "ya", 0x2100_0000L, 0x100, -1);
            addDevice(s, "yb", 0x2100_0000L + 0x100 * (1 + r.nextInt(15)), 0x100, -1);
            s.vms.get(0).passthrough.add("ya");
            s.vms.get(1).passthrough.add("yb");
        }
    },
    DEVICE_IN_TWO_VMS(Codes.DEVICE_SHARED) {
        @Override
        void apply(SystemSpec s, Random r) {
            addDevice(s, "za", 0x2200_0000L, 0x1000, -1);
            s.vms.get(0).passthrough.add("za");
            s.vms.get(1).passthrough.add("za");
        }
    },
    IPA_CLASH(Codes.IPA_OVERLAP) {
        @Override
        void apply(SystemSpec s, Random r) {
            SystemSpec.Vm vm = s.vms.get(r.nextInt(s.vms.size()));
            vm.memory.add(new SystemSpec.Region(vm.memory.get(0).ipa + 0x1000, 0x20_0000, -1));
        }
    },
    CORE_NOT_ON_BOARD(Codes.NO_SUCH_CORE) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(1).cores.add(s.cpus + r.nextInt(4));
        }
    },
    TWO_MANAGERS(Codes.MANAGEMENT_COUNT) {
        @Override
        void apply(SystemSpec s, Random r) {
            for (SystemSpec.Vm vm : s.vms) vm.management = true;
        }
    },
    PASSTHROUGH_HYPERVISOR_CONSOLE(Codes.HYPERVISOR_DEVICE) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(r.nextInt(s.vms.size())).passthrough.add("uart0");
        }
    },
    IRQ_ON_A_PPI(Codes.PRIVATE_IRQ) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(0).virtio.add(new SystemSpec.Virtio("blk", 0x0b00_0000L, 16 + r.nextInt(9)));
        }
    },
    IRQ_OF_THE_HYPERVISOR(Codes.RESERVED_IRQ) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(0).virtio.add(new SystemSpec.Virtio("net", 0x0b00_0000L, s.hypercallIrq));
        }
    },
    IRQ_BEYOND_LINES(Codes.NO_SUCH_IRQ) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(0).virtio.add(new SystemSpec.Virtio("net", 0x0b00_0000L, s.lines + r.nextInt(3)));
        }
    },
    IRQ_TWICE_IN_A_VM(Codes.IRQ_COLLISION) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(1).virtio.add(new SystemSpec.Virtio("blk", 0x0b00_0000L, Systems.FIRST_VIRTIO_IRQ - 1));
            s.vms.get(1).virtio.add(new SystemSpec.Virtio("net", 0x0b00_1000L, Systems.FIRST_VIRTIO_IRQ - 1));
        }
    },
    IPA_ABOVE_LIMIT(Codes.IPA_LIMIT) {
        @Override
        void apply(SystemSpec s, Random r) {
            s.vms.get(0).memory.add(new SystemSpec.Region((1L << 40) - 0x1000 * r.nextInt(2), 0x20_0000, -1));
        }
    },
    EMPTY_SHARED_REGION(Codes.ZERO_SIZE) {
        @Override
        void apply(SystemSpec s, Random r) {
            SystemSpec.Shared sh = new SystemSpec.Shared();
            sh.name = "empty";
            sh.size = 0;
            sh.vms.add(s.vms.get(0).name);
            sh.ipas.add(0xd000_0000L);
            s.shared.add(sh);
        }
    };

    final Code code;

    Mutation(Code code) { this.code = code; }

    abstract void apply(SystemSpec s, Random r);

    static void addDevice(SystemSpec s, String name, long base, long size, int irq) {
        SystemSpec.Dev d = new SystemSpec.Dev();
        d.name = name;
        d.base = base;
        d.size = size;
        if (irq >= 0) d.irqs.add(irq);
        s.devices.add(d);
    }

    /** A 2 MiB-aligned PA right above the hypervisor, where the generator's auto placement starts. */
    static long pinnedFreePa(SystemSpec s) {
        return s.reserveBase + s.reserveSize;
    }
}
