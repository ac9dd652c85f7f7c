package org.shyperc.compiler.bind;

import java.util.List;
import org.shyperc.dsl.ast.MemAttr;
import org.shyperc.dsl.diag.Codes;
import org.shyperc.dsl.diag.Diagnostic;
import org.shyperc.dsl.source.SourceSpan;
import org.shyperc.plan.Mapping;

/**
 * Reads the memory attributes written after a region (issue 13): which apply where (SHY1401),
 * one memory type and each attribute once (SHY1402), and the block sizes `hugepages` takes
 * (SHY1403). What cannot be used is reported and left out, so the region is bound as if it
 * were not written.
 */
final class MemAttrs {
    static final long BLOCK_2M = 2L << 20;
    static final long BLOCK_1G = 1L << 30;

    /** What kind of region the attributes follow. */
    enum Place {
        RAM("a VM's RAM"), SHARED("a shared region"), PASSTHROUGH("a passthrough");

        final String words;

        Place(String words) { this.words = words; }
    }

    /** The attributes read: the memory type (null = the kind's default) and the huge-page size (0 = none). */
    record Read(Mapping.MemoryType memory, long hugepage, SourceSpan hugepageSpan) { }

    private MemAttrs() { }

    /** No attributes: what almost every region has, one object for all. */
    private static final Read NONE = new Read(null, 0, null);

    static Read read(List<MemAttr> attrs, Place place, Values values, List<Diagnostic> out) {
        if (attrs.isEmpty()) return NONE;
        Mapping.MemoryType memory = null;
        MemAttr typed = null;
        long hugepage = 0;
        MemAttr huge = null;
        for (MemAttr a : attrs) {
            String kw = a.kind().keyword();
            boolean type = a.kind() != MemAttr.Kind.HUGEPAGES;
            if (type && place == Place.RAM) {
                out.add(Diagnostic.of(Codes.ATTRIBUTE_MISPLACED, a.span(), "`" + kw + "` is not allowed on a VM's RAM: "
                        + "RAM is always mapped as Normal write-back memory.")
                        .hint("Declare the memory as a `shared` region mapped into this VM only, `shared NAME size SIZE "
                                + kw + " { VM @ IPA rw }`, to give it another memory type.").build());
                continue;
            }
            if (!type && place != Place.RAM) {
                out.add(Diagnostic.of(Codes.ATTRIBUTE_MISPLACED, a.span(), "`hugepages` is not allowed on " + place.words
                        + ": only a VM's RAM is placed and mapped in blocks on request.")
                        .hint("Drop it; the runtime maps any region with 2 MiB or 1 GiB blocks where its IPA, PA and size "
                                + "allow.").build());
                continue;
            }
            MemAttr first = type ? typed : huge;
            if (first != null) {
                boolean same = first.kind() == a.kind();
                out.add(Diagnostic.of(Codes.ATTRIBUTE_CONFLICT, a.span(), same
                                ? "`" + kw + "` is given twice for one region."
                                : "`" + kw + "` conflicts with `" + first.kind().keyword() + "`: a region has one memory type.")
                        .related(first.span(), "`" + first.kind().keyword() + "` is given here")
                        .hint(same ? "Keep one." : "Keep the one you mean: `nocache` is Normal non-cacheable memory, "
                                + "`device` is Device-nGnRE.").build());
                continue;
            }
            if (type) {
                typed = a;
                memory = a.kind() == MemAttr.Kind.NOCACHE ? Mapping.MemoryType.NORMAL_NONCACHEABLE : Mapping.MemoryType.DEVICE;
                continue;
            }
            huge = a;
            Long size = values.size(a.size());
            if (size == null) continue;
            if (size != BLOCK_2M && size != BLOCK_1G) {
                out.add(Diagnostic.of(Codes.HUGEPAGE_SIZE, a.size().span(), "`hugepages " + org.shyperc.compiler.layout.Hex.size(size)
                        + "` is not a block size of stage 2.")
                        .hint("Use `hugepages 2 MiB` or `hugepages 1 GiB`.").build());
                continue;
            }
            hugepage = size;
        }
        return new Read(memory, hugepage, huge == null || hugepage == 0 ? null : huge.span());
    }
}
