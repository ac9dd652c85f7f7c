package org.shyperc.codegen.fdt;

/** Constants of the flattened device tree format (Devicetree Specification v0.4, chapter 5). */
final class FdtFormat {

    static final int MAGIC = 0xd00dfeed;
    static final int VERSION = 17;
    /** Version 16 readers can read a version 17 blob: the fields 17 added are only appended. */
    static final int LAST_COMPATIBLE_VERSION = 16;
    static final int HEADER_SIZE = 40;

    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int NOP = 4;
    static final int END = 9;

    private FdtFormat() { }
}
