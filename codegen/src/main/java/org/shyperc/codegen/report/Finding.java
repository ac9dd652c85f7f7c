package org.shyperc.codegen.report;

/**
 * A failed check to draw on the map: its code and message, and the address range it is
 * about, in the physical map ({@code vm} null) or in one VM's IPA map.
 */
public record Finding(String code, String message, String vm, long start, long size) {

    boolean covers(String mapVm, MapRow row) {
        boolean sameMap = vm == null ? mapVm == null : vm.equals(mapVm);
        return sameMap && row.start() < start + size && start < row.end();
    }
}
