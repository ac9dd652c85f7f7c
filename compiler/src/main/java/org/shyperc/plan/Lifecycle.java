package org.shyperc.plan;

import java.util.Locale;

/**
 * What happens to a VM when it faults, powers itself off or resets, whether it starts at boot or
 * waits for the management VM to start it, and its watchdog ({@code watchdogMs} 0 = none).
 * {@link #DEFAULT} is the behaviour of a VM that says nothing: faults and power-off halt it,
 * a reset restarts it, it starts at boot, no watchdog.
 */
public record Lifecycle(Policy onFault, Policy onOff, Policy onReset, boolean waits, int watchdogMs) {

    public static final Lifecycle DEFAULT = new Lifecycle(Policy.HALT, Policy.HALT, Policy.RESTART, false, 0);

    /** A policy left out (plan.json omits what is the default) is the default's. */
    public Lifecycle {
        if (onFault == null) onFault = Policy.HALT;
        if (onOff == null) onOff = Policy.HALT;
        if (onReset == null) onReset = Policy.RESTART;
    }

    /** The shortest and longest watchdog period the runtime takes (its blob field holds 24 bits of milliseconds). */
    public static final int WATCHDOG_MIN_MS = 10;
    public static final int WATCHDOG_MAX_MS = 3_600_000;

    public boolean isDefault() { return equals(DEFAULT); }

    public Policy policy(Event e) {
        return switch (e) {
            case FAULT -> onFault;
            case OFF -> onOff;
            case RESET -> onReset;
        };
    }

    public Lifecycle with(Event e, Policy p) {
        return new Lifecycle(e == Event.FAULT ? p : onFault, e == Event.OFF ? p : onOff, e == Event.RESET ? p : onReset,
                waits, watchdogMs);
    }

    public Lifecycle withWaits(boolean w) { return new Lifecycle(onFault, onOff, onReset, w, watchdogMs); }

    public Lifecycle withWatchdogMs(int ms) { return new Lifecycle(onFault, onOff, onReset, waits, ms); }

    /** What a VM does on each event: halt (park its cores), restart it, or power the whole system off. */
    public enum Policy {
        HALT, RESTART, STOP_SYSTEM;

        /** The word in .shy and plan.json: {@code halt}, {@code restart}, {@code stop-system}. */
        public String keyword() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Policy of(String keyword) {
            for (Policy p : values()) if (p.keyword().equals(keyword)) return p;
            return null;
        }
    }

    /**
     * {@code fault}: a stage-2 fault it cannot be given, a trap it cannot be given back, an SError, an expired
     * watchdog; {@code off}: PSCI SYSTEM_OFF, or CPU_OFF of its last vCPU on; {@code reset}: PSCI SYSTEM_RESET.
     */
    public enum Event {
        FAULT, OFF, RESET;

        public String keyword() { return name().toLowerCase(Locale.ROOT); }

        public Policy byDefault() { return DEFAULT.policy(this); }

        public static Event of(String keyword) {
            for (Event e : values()) if (e.keyword().equals(keyword)) return e;
            return null;
        }
    }
}
