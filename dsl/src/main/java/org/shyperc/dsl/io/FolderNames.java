package org.shyperc.dsl.io;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shyperc.dsl.diag.Names;

/**
 * The names in a folder, for "did you mean" beside a file that is missing: the regular files (of a suffix), or the
 * folders. A folder is listed once and kept while its modification time stays the same (a file added, removed or
 * renamed in it changes that): 8,000 imports of missing files of one folder listed it, and asked each of its files what
 * it is, 8,000 times, which took minutes. A few folders are kept, the least recently asked dropped first. At most
 * the first 10,000 entries of a huge folder are looked at.
 */
public final class FolderNames {
    private FolderNames() { }

    private static final int KEPT = 16;

    private record Key(Path folder, String suffix) { }

    private record Listed(FileTime modified, Names.Index names) { }

    private static final Map<Key, Listed> CACHE = new LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Listed> eldest) { return size() > KEPT; }
    };

    /** The regular files of {@code folder} whose names end in {@code suffix} ("" for any); none if it cannot be listed. */
    public static Names.Index files(Path folder, String suffix) {
        return of(folder, suffix);
    }

    /** The folders in {@code folder}; none if it cannot be listed. */
    public static Names.Index folders(Path folder) {
        return of(folder, null);
    }

    private static synchronized Names.Index of(Path folder, String suffix) {
        Key key = new Key(folder, suffix);
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(folder);
        } catch (IOException | SecurityException e) {
            return Names.Index.of(List.of());
        }
        Listed kept = CACHE.get(key);
        if (kept != null && kept.modified().equals(modified)) return kept.names();
        Names.Index names = Names.Index.of(list(folder, suffix));
        CACHE.put(key, new Listed(modified, names));
        return names;
    }

    private static List<String> list(Path folder, String suffix) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(folder)) {
            int seen = 0;
            for (Path f : in) {
                if (++seen > 10_000) break;
                String n = f.getFileName().toString();
                if (suffix == null ? Files.isDirectory(f) : n.endsWith(suffix) && Files.isRegularFile(f)) names.add(n);
            }
        } catch (IOException | SecurityException | DirectoryIteratorException e) {
            return List.of();
        }
        return names;
    }
}
