package org.shyperc.compiler.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.shyperc.compiler.model.Instance;

/**
 * Values derived from one instance that several checks read (the physical ranges behind the VMs'
 * maps, the interrupts each VM uses): made once per instance instead of once per check. A check
 * asks through {@link Reporter#derived}; the runner keeps one of these per instance it checks.
 * What is derived depends on the instance alone, never on what failed, and is not changed by
 * the checks that read it (they get unmodifiable lists). Checks of one wave may ask at once
 * ({@link CheckRunner}): a value is still made once.
 */
public final class Derived {
    /** One kind of derived value, made by {@code make}; a key is a constant, compared by identity (no equals). */
    public static final class Key<T> {
        private final Function<Instance, T> make;

        public Key(Function<Instance, T> make) { this.make = make; }

        /** The value made afresh, for a reporter that keeps nothing. */
        public T make(Instance in) { return make.apply(in); }
    }

    private final Instance instance;
    private final Map<Key<?>, Object> made = new ConcurrentHashMap<>();
    private final Make make;

    /** For the checks of {@code instance}. */
    public Derived(Instance instance) {
        this.instance = instance;
        this.make = new Make(instance);
    }

    /** The value {@code key} makes of {@code in}, made at most once when {@code in} is this one's instance. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key, Instance in) {
        if (in != instance) return key.make(in);
        return (T) made.computeIfAbsent(key, make);
    }

    /** A key's value made of the instance. */
    private static final class Make implements Function<Key<?>, Object> {
        private final Instance instance;

        Make(Instance instance) { this.instance = instance; }

        @Override
        public Object apply(Key<?> key) { return key.make(instance); }
    }
}
