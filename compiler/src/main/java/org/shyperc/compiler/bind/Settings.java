package org.shyperc.compiler.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.compiler.model.BoardModel.Frame;
import org.shyperc.dsl.ast.Setting;
import org.shyperc.dsl.ast.Value;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.diag.Names;
import org.shyperc.dsl.source.SourceSpan;

/** The keyed settings of one `gic`, `plic` or `hypervisor` block, checked against the keys it allows. */
final class Settings {
    private final List<Diagnostic> out;
    private final Values values;
    private final String block;
    private final Map<String, Setting> byKey = new LinkedHashMap<>();

    Settings(List<Diagnostic> out, Values values, String block, List<Setting> settings, List<String> frameKeys,
             List<String> valueKeys) {
        this.out = out;
        this.values = values;
        this.block = block;
        List<String> all = new ArrayList<>(frameKeys);
        all.addAll(valueKeys);
        for (Setting s : settings) {
            String key = s.key().text();
            boolean frame = s instanceof Setting.Frame;
            if (!all.contains(key)) {
                out.add(Diagnostic.of(Codes.UNKNOWN_KEY, s.key().span(), "`" + key + "` is not a setting of `"
                        + block + "`.").hint(BoardBinder.hintOr(Names.didYouMean(key, all),
                        "Its settings are " + String.join(", ", all.stream().map(k -> "`" + k + "`").toList()) + "."))
                        .build());
                continue;
            }
            if (frame != frameKeys.contains(key)) {
                out.add(Diagnostic.of(Codes.TYPE, s.span(), frame
                        ? "`" + key + "` takes a value, not an address: write `" + key + " VALUE`."
                        : "`" + key + "` is a memory frame: write `" + key + " @ ADDRESS size SIZE`.").build());
                continue;
            }
            Setting prev = byKey.putIfAbsent(key, s);
            if (prev != null) {
                out.add(Diagnostic.of(Codes.DUPLICATE, s.span(), "`" + key + "` is set twice in `" + block + "`.")
                        .related(prev.span(), "the first is here").build());
            }
        }
    }

    boolean require(String key, SourceSpan blockSpan) {
        if (byKey.containsKey(key)) return true;
        out.add(Diagnostic.of(Codes.MISSING, new SourceSpan(blockSpan.file(), blockSpan.start(),
                Math.min(blockSpan.end(), blockSpan.start() + block.split(" ")[0].length())),
                "`" + block + "` has no `" + key + "`.").build());
        return false;
    }

    /**
     * The frame, or null when absent or its size is missing. Size is required except for `load`,
     * which takes none. A number that could not be read leaves the frame unreadable, at 0 where unknown.
     */
    Frame frame(String key) {
        if (!(byKey.get(key) instanceof Setting.Frame f)) return null;
        int before = values.unread();
        Long base = values.address(f.base(), key + " address");
        if (key.equals("load")) {
            if (f.size() != null) {
                // the image's size is known only once it is linked: a size here would be silently ignored
                out.add(Diagnostic.of(Codes.TYPE, f.size().span(), "`load` takes no size: write `load @ ADDRESS`.")
                        .hint("The linked image's own size is used; `reserve` bounds it.").build());
            }
            values.markIfUnread(before, f.span());
            return new Frame(key, BoardBinder.orZero(base), 0, f.span());
        }
        if (f.size() == null) {
            out.add(Diagnostic.of(Codes.MISSING, f.span(), "`" + key + "` needs a size: `" + key
                    + " @ ADDRESS size SIZE`.").build());
            return null;
        }
        Long size = values.size(f.size());
        values.markIfUnread(before, f.span());
        return new Frame(key, BoardBinder.orZero(base), BoardBinder.orZero(size), f.span());
    }

    /** A plain 64-bit number (no unit), or null when absent or unreadable. */
    Long number(String key) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return null;
        if (!(p.value() instanceof Value.IntLit n)) {
            values.typeError(p.value(), key, "a number");
            return null;
        }
        return values.address(n, key);
    }

    /** The address of a frame setting that takes no size (`peer-console @ IPA`), or null. */
    Long address(String key) {
        if (!(byKey.get(key) instanceof Setting.Frame f)) return null;
        if (f.size() != null) {
            out.add(Diagnostic.of(Codes.TYPE, f.size().span(), "`" + key + "` takes no size: write `" + key + " @ ADDRESS`.")
                    .build());
        }
        return values.address(f.base(), key + " address");
    }

    /** A string setting, or null. */
    String string(String key) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return null;
        return values.string(p.value(), key);
    }

    int count(String key, int dflt, int max) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return dflt;
        Integer n = values.count(p.value(), key, max);
        return n == null ? dflt : n;
    }

    String name(String key) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return null;
        return values.name(p.value(), key);
    }

    List<String> strings(String key, List<String> dflt) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return dflt;
        if (p.value() instanceof Value.StrLit s) return List.of(s.value());
        if (p.value() instanceof Value.ListLit l && l.items().stream().allMatch(i -> i instanceof Value.StrLit)) {
            return l.items().stream().map(i -> ((Value.StrLit) i).value()).toList();
        }
        values.typeError(p.value(), key, "a string or a list of strings");
        return dflt;
    }

    /** A setting that is `on` or `off`; {@code dflt} when it is absent or is neither (SHY0208 reported). */
    boolean onOff(String key, boolean dflt) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return dflt;
        String v = values.name(p.value(), key);
        if (v == null) return dflt;
        if (v.equals("on") || v.equals("off")) return v.equals("on");
        out.add(Diagnostic.of(Codes.RANGE, p.value().span(), "`" + key + "` is `on` or `off`, not `" + v + "`.")
                .hint(BoardBinder.hintOr(Names.didYouMean(v, List.of("on", "off")), "Write `" + key + " on` or `"
                        + key + " off`.")).build());
        return dflt;
    }

    boolean has(String key) { return byKey.containsKey(key); }

    /** A size setting (`llc-size 2 MiB`), or null when absent or unreadable. */
    Long size(String key) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return null;
        if (!(p.value() instanceof Value.IntLit n)) {
            values.typeError(p.value(), key, "a size");
            return null;
        }
        return values.size(n);
    }

    /** cache colouring: a list of colour numbers (`colours [0, 2..3]`); empty when absent. */
    List<org.shyperc.compiler.model.BoardModel.ColourRef> colours(String key) {
        if (!(byKey.get(key) instanceof Setting.Plain p)) return List.of();
        if (!(p.value() instanceof Value.ListLit l)) {
            values.typeError(p.value(), key, "a list of colours");
            return List.of();
        }
        List<org.shyperc.compiler.model.BoardModel.ColourRef> out = new ArrayList<>();
        for (Values.Ranged r : values.numbers(l, "colour", 4095)) {
            out.add(new org.shyperc.compiler.model.BoardModel.ColourRef(r.value(), r.span()));
        }
        return out;
    }

    SourceSpan span(String key, SourceSpan dflt) {
        Setting s = byKey.get(key);
        return s == null ? dflt : s.span();
    }

    SourceSpan valueSpan(String key, SourceSpan dflt) {
        return byKey.get(key) instanceof Setting.Plain p ? p.value().span() : dflt;
    }
}
