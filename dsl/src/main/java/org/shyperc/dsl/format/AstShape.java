package org.shyperc.dsl.format;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.shyperc.dsl.ast.Node;
import org.shyperc.dsl.ast.ShyFile;
import org.shyperc.dsl.source.SourceFile;
import org.shyperc.dsl.source.SourceSpan;

/**
 * A file's AST with every span, offset and source reference erased, as nested lists: two files have
 * equal shapes exactly when they mean the same thing, however they are laid out. The
 * formatter checks its own output with it.
 */
public final class AstShape {
    private AstShape() { }

    public static Object of(ShyFile file) {
        return shape(file);
    }

    private static Object shape(Object o) {
        if (o == null) return "null";
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) out.add(shape(item));
            return out;
        }
        if (o instanceof Record r) {
            List<Object> out = new ArrayList<>();
            out.add(r.getClass().getSimpleName());
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Class<?> type = c.getType();
                if (type == SourceSpan.class || type == SourceFile.class) continue;
                // names and literals hold their span as offsets (Node)
                if (type == int.class && r instanceof Node && (c.getName().equals("start") || c.getName().equals("end"))) continue;
                try {
                    out.add(shape(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return out;
        }
        return o; // strings, numbers, booleans, enums: compared by value
    }
}
