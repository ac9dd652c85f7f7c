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

    /**
     * The accessors of a record type's meaningful components, looked up once per type: asked of every node (the class
     * makes new component and method objects each time), the lookup was most of `fmt` on a file of 5,000 VMs (5 s).
     */
    private static final ClassValue<List<java.lang.reflect.Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<java.lang.reflect.Method> computeValue(Class<?> type) {
            List<java.lang.reflect.Method> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                Class<?> t = c.getType();
                if (t == SourceSpan.class || t == SourceFile.class) continue;
                // names and literals hold their span as offsets (Node)
                if (t == int.class && Node.class.isAssignableFrom(type) && (c.getName().equals("start") || c.getName().equals("end"))) continue;
                out.add(c.getAccessor());
            }
            return List.copyOf(out);
        }
    };

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
            for (java.lang.reflect.Method accessor : ACCESSORS.get(r.getClass())) {
                try {
                    out.add(shape(accessor.invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + accessor, e);
                }
            }
            return out;
        }
        return o; // strings, numbers, booleans, enums: compared by value
    }
}
