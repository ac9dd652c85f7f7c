package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** One statement inside a {@code board} block. Nullable components are optional in the syntax. */
public sealed interface BoardItem extends Node {

    record Arch(Ident arch, SourceSpan span) implements BoardItem { }

    record Compatible(List<Value.StrLit> values, SourceSpan span) implements BoardItem {
        public Compatible { values = List.copyOf(values); }
    }

    record Model(Value.StrLit value, SourceSpan span) implements BoardItem { }

    /**
     * {@code cpus COUNT "compatible"? (mpidr [..])? (enable-method METHOD [..]?)?}; compatible, mpidr,
     * enableMethod and release (the spin-table release addresses) may be null.
     */
    record Cpus(Value.IntLit count, Value.StrLit compatible, Value.ListLit mpidr, Ident enableMethod,
                Value.ListLit release, SourceSpan span) implements BoardItem { }

    record Memory(Ident name, Value.IntLit base, Value.IntLit size, SourceSpan span) implements BoardItem { }

    /** {@code gic v2 { ... }}. */
    record Gic(Ident version, List<Setting> settings, SourceSpan span) implements BoardItem {
        public Gic { settings = List.copyOf(settings); }
    }

    record Plic(Value.IntLit base, Value.IntLit size, List<Setting> settings, SourceSpan span) implements BoardItem {
        public Plic { settings = List.copyOf(settings); }
    }

    record Timer(Value.ListLit irqs, SourceSpan span) implements BoardItem { }

    /** irq is a number, a list, or null. */
    record Device(Ident name, Value.StrLit compatible, Value.IntLit base, Value.IntLit size, Value irq,
                  List<DeviceItem> items, SourceSpan span) implements BoardItem {
        public Device { items = List.copyOf(items); }
    }

    record Hypervisor(List<Setting> settings, SourceSpan span) implements BoardItem {
        public Hypervisor { settings = List.copyOf(settings); }
    }
}
