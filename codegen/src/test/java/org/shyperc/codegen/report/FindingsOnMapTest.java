package org.shyperc.codegen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.shyperc.codegen.Gens;

/** The codes drawn beside a row are those of every finding that {@link Finding#covers} it, found by search, not by asking each. */
class FindingsOnMapTest {
    private static final String[] VMS = {null, "a", "b"};
    private static final String[] CODES = {"SHY0301", "SHY0501", "SHY0502", "SHY1406"};

    /** Up to 30 findings on small ranges of three maps, so that they overlap, nest, touch and repeat. */
    private static Gen<List<Finding>> findings() {
        return Generate.range(0, 30).zip(Generate.range(0, 1 << 20), (n, seed) -> {
            java.util.Random r = new java.util.Random(seed);
            List<Finding> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new Finding(CODES[r.nextInt(CODES.length)], "m", VMS[r.nextInt(VMS.length)], r.nextInt(64), r.nextInt(24)));
            }
            return out;
        });
    }

    @Test
    void theCodesOverARowAreThoseOfTheFindingsThatCoverIt() {
        Gens.qt(2000).forAll(findings(), Generate.longRange(0, 80), Generate.longRange(0, 24)).checkAssert((fs, start, size) -> {
            Map<String, FindingsOnMap> maps = FindingsOnMap.byMap(fs);
            MapRow row = new MapRow(start, size, "r", null, MapRow.Kind.RAM);
            for (String vm : VMS) {
                List<String> want = fs.stream().filter(f -> f.covers(vm, row)).map(Finding::code).distinct().sorted().toList();
                assertEquals(want, maps.getOrDefault(vm, FindingsOnMap.NONE).codesOver(row), vm + " " + fs + " " + row);
            }
        });
    }
}
