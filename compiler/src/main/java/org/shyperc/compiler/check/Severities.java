package org.shyperc.compiler.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.shyperc.compiler.targets.Target;
import org.shyperc.compiler.targets.Targets;
import org.shyperc.dsl.diag.Code;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Severity;

/**
 * Changes to codes' severities, in one place: the user's `-W`/`-E`, and `build`'s own (it needs
 * every guest image, so SHY0701 is an error there). The {@code Compiler} applies them to everything
 * it reports before errors are counted, so a lowered error lets the Plan through and a raised
 * warning withholds it; `build` applies the same object to what it finds itself (an unreadable
 * image, the exporters' problems).
 *
 * <p>What a user may lower is what every output target can still be built with
 * ({@link Target#tolerates}): making SHY0306 a warning would let through an image the runtime
 * refuses at boot, so `-W pa-overlap` is refused up front, in `check` as in `build`, rather than
 * accepted by one and failed by the other.
 *
 * <p>`-A` leaves a warning out of what is printed. The checks still find it and a prerequisite's
 * follow-ons are judged as before: only the reporting changes. Errors cannot be left out (nor can a
 * code `-E` made an error), for the reason warnings cannot be made of every error.
 */
public final class Severities implements UnaryOperator<Diagnostic> {
    public static final Severities NONE = new Severities(Map.of(), Set.of(), Set.of());

    /**
     * `-A rust-shyper`: every warning about Rust-Shyper's export (the codes named `rs-…`), which a system not
     * deployed on Rust-Shyper has no use for; `build` writes Rust-Shyper's files either way.
     */
    public static final String RUST_SHYPER = "rust-shyper";

    private final Map<Code, Severity> changes;
    /** What the user asked to be warnings (`-W`), which `build` may have to refuse. */
    private final Set<Code> lowered;
    /** What the user left out (`-A`). */
    private final Set<Code> allowed;

    private Severities(Map<Code, Severity> changes, Set<Code> lowered, Set<Code> allowed) {
        this.changes = Map.copyOf(changes);
        this.lowered = Set.copyOf(lowered);
        this.allowed = Set.copyOf(allowed);
    }

    /** Thrown for a change the targets cannot be built with; the message is a whole sentence for the user. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) { super(message); }
    }

    /** {@code code} reported at {@code severity}, unchecked (tests, and the tools' own changes). */
    public Severities with(Code code, Severity severity) {
        Map<Code, Severity> m = new HashMap<>(changes);
        m.put(code, severity);
        return new Severities(m, lowered, allowed);
    }

    /** The user's `-W CODE`: refused when a target cannot be built with what the check forbids. */
    public Severities warn(Code code) {
        Target t = refusesWarning(code);
        if (t != null) {
            throw new Refused(code.id() + " (`" + code.name() + "`) cannot be made a warning: the " + t.name()
                    + " cannot be built with what it forbids, so `check` would pass what `build` refuses. "
                    + "`shyperc explain " + code.id() + "` says what it checks.");
        }
        Set<Code> l = new HashSet<>(lowered);
        l.add(code);
        return new Severities(with(code, Severity.WARNING).changes, l, allowed);
    }

    /**
     * The first target that cannot be built with what the error {@code code} forbids, so `-W CODE` is refused;
     * null when `-W CODE` is taken (a warning, or an error every target tolerates). `explain` says the same.
     */
    public static Target refusesWarning(Code code) {
        if (code.severity() != Severity.ERROR) return null;
        for (Target t : Targets.ALL) {
            if (!t.tolerates(code)) return t;
        }
        return null;
    }

    /** The user's `-A CODE`: a warning left out of the output; refused for an error. */
    public Severities allow(Code code) {
        if (code.severity() == Severity.ERROR) {
            throw new Refused(code.id() + " (`" + code.name() + "`) is an error and cannot be left out; `-A` leaves out "
                    + "warnings only. `shyperc explain " + code.id() + "` says what it checks.");
        }
        Set<Code> a = new HashSet<>(allowed);
        a.add(code);
        return new Severities(changes, lowered, a);
    }

    /** `-A KEY`: the warnings of the group KEY names, or the one code it names; null when it names neither. */
    public Severities allow(String key) {
        List<Code> codes = group(key);
        if (codes.isEmpty()) {
            java.util.Optional<Code> c = Codes.find(key);
            if (c.isEmpty()) return null;
            codes = List.of(c.get());
        }
        Severities s = this;
        for (Code c : codes) s = s.allow(c);
        return s;
    }

    /** The codes a group name stands for ({@link #RUST_SHYPER}), or an empty list for any other key. */
    public static List<Code> group(String key) {
        List<Code> codes = new ArrayList<>();
        if (!key.toLowerCase(Locale.ROOT).equals(RUST_SHYPER)) return codes;
        for (Code c : Codes.ALL) if (c.name().startsWith("rs-") && c.severity() == Severity.WARNING) codes.add(c);
        return codes;
    }

    /** Whether {@code d}, already at the severity {@link #apply} gave it, is left out of the output. */
    public boolean leavesOut(Diagnostic d) {
        return d.severity() != Severity.ERROR && allowed.contains(d.code());
    }

    /** {@code ds} without what {@link #leavesOut} leaves out. */
    public List<Diagnostic> shown(List<Diagnostic> ds) {
        if (allowed.isEmpty()) return ds;
        List<Diagnostic> out = new ArrayList<>(ds.size());
        for (Diagnostic d : ds) if (!leavesOut(d)) out.add(d);
        return out;
    }

    /** The user's `-E CODE`. */
    public Severities error(Code code) {
        return with(code, Severity.ERROR);
    }

    /** What `build` and `run` add: every guest image must be read. Refused when the user lowered SHY0701. */
    public Severities forBuild() {
        if (lowered.contains(Codes.IMAGE_MISSING)) {
            throw new Refused(Codes.IMAGE_MISSING.id() + " (`" + Codes.IMAGE_MISSING.name() + "`) cannot be a warning when "
                    + "building: the image holds every guest image.");
        }
        return with(Codes.IMAGE_MISSING, Severity.ERROR);
    }

    /** Whether nothing is changed: no severity, nothing left out. */
    public boolean isEmpty() { return changes.isEmpty() && allowed.isEmpty(); }

    /** The severity {@code d} is reported at. */
    @Override
    public Diagnostic apply(Diagnostic d) {
        Severity s = changes.get(d.code());
        return s == null || s == d.severity() ? d : d.withSeverity(s);
    }
}
