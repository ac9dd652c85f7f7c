package org.shyperc.dsl.ast;

import java.util.List;
import org.shyperc.dsl.source.SourceSpan;

/** One statement inside a {@code vm} block. Nullable components are optional in the syntax. */
public sealed interface VmItem extends Node {

    record Cpus(Value.ListLit cpus, SourceSpan span) implements VmItem { }

    /** pa null = placed by the compiler; attrs: memory attributes as written (`hugepages 2 MiB`). */
    record Memory(Value.IntLit ipa, Value.IntLit size, Value.IntLit pa, List<MemAttr> attrs, SourceSpan span)
            implements VmItem {
        public Memory { attrs = List.copyOf(attrs); }
    }

    /** entry null = the load address. */
    record Kernel(Value.StrLit path, Value.IntLit ipa, Value.IntLit entry, SourceSpan span) implements VmItem { }

    record Initrd(Value.StrLit path, Value.IntLit ipa, SourceSpan span) implements VmItem { }

    record Dtb(Value.IntLit ipa, SourceSpan span) implements VmItem { }

    record Bootargs(Value.StrLit value, SourceSpan span) implements VmItem { }

    /** ipa null = identity (IPA = PA); attrs: memory attributes as written (`nocache`). */
    record Passthrough(Ident device, Value.IntLit ipa, List<MemAttr> attrs, SourceSpan span) implements VmItem {
        public Passthrough { attrs = List.copyOf(attrs); }
    }

    /** {@code passthrough @ IPA size S (at pa PA)?}: a window of the board; pa null = identity (PA = IPA). */
    record PassthroughWindow(Value.IntLit ipa, Value.IntLit size, Value.IntLit pa, List<MemAttr> attrs, SourceSpan span)
            implements VmItem {
        public PassthroughWindow { attrs = List.copyOf(attrs); }
    }

    /** size null = 4 KiB; settings from the optional block (a disk's sectors, a console's peer, a MAC). */
    record Virtio(Ident kind, Value.IntLit ipa, Value.IntLit size, Value.IntLit irq, List<Setting> settings, SourceSpan span)
            implements VmItem {
        public Virtio { settings = List.copyOf(settings); }
    }

    record Console(Value.IntLit ipa, SourceSpan span) implements VmItem { }

    /** {@code on EVENT POLICY}: what the VM's fault, power-off or reset does (both names checked by the binder). */
    record On(Ident event, Ident policy, SourceSpan span) implements VmItem { }

    /** {@code start MODE}: {@code boot} or {@code waiting} (for the management VM), checked by the binder. */
    record Start(Ident mode, SourceSpan span) implements VmItem { }

    /** {@code watchdog N UNIT}: the VM must kick within N units ({@code ms}). */
    record Watchdog(Value.IntLit period, Ident unit, SourceSpan span) implements VmItem { }

    /**
     * {@code colours [LIST] shared?} or {@code colours N shared?}: the last-level-cache colours the VM's RAM
     * is made of, listed (numbers and ranges) or a count the compiler picks; {@code colours} is a
     * {@link Value.ListLit} or a {@link Value.IntLit}.
     */
    record Colours(Value colours, boolean shared, SourceSpan span) implements VmItem { }

    /**
     * Kinds of items, for overrides ("items of the same kind replace the base's"). A window is a
     * passthrough: giving either replaces both.
     */
    static List<Class<? extends VmItem>> kinds() {
        return List.of(Cpus.class, Memory.class, Kernel.class, Initrd.class, Dtb.class, Bootargs.class,
                Passthrough.class, PassthroughWindow.class, Virtio.class, Console.class,
                // cache colouring
                Colours.class,
                // VM lifecycle
                On.class, Start.class, Watchdog.class);
    }
}
