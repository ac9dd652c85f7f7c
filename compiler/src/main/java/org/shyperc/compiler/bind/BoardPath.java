package org.shyperc.compiler.bind;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where `import board "NAME"` looks for NAME.shy: the folders given with `--board-path`, then
 * those of {@value #ENV} (colon-separated), then the board library that ships with shyperc.
 * The first folder that has the file wins, so a folder of one's own can stand in for a
 * library board.
 *
 * <p>The library is the repository's `boards/` folder, copied into the jar when it is built.
 * Running from a checkout (classes or jar under `MODULE/target/` of shyperc's own tree),
 * the library is that folder itself: the source of truth, edits seen at once, and the same file
 * whether a system names it `board "rpi4"` or by its path. Installed elsewhere, the boards are
 * read from the jar and named {@code <boards>/NAME.shy} in messages.
 */
public final class BoardPath {
    /** The environment variable with extra board folders, separated like PATH. */
    public static final String ENV = "SHYPERC_BOARD_PATH";
    /** How messages name the folder of the library when it is read from the jar. */
    public static final String BUNDLED = "<boards>";
    /** Where the build puts the library inside the jar (compiler/pom.xml). */
    static final String RESOURCE = "org/shyperc/compiler/boards";


    private final List<Path> folders;
    /** Null for the shipped library, located on first use (a run without board imports never looks). */
    private final Library given;

    private BoardPath(List<Path> folders, Library given) {
        this.folders = List.copyOf(folders);
        this.given = given;
    }

    private Library library() {
        return given != null ? given : Library.shipped();
    }

    /** The library only: what tests and the default compiler see. */
    public static BoardPath bundled() {
        return new BoardPath(List.of(), null);
    }

    /** {@code folders} (from `--board-path`), then {@code env} (the value of {@value #ENV}, may be null), then the library. */
    public static BoardPath of(List<Path> folders, String env) {
        List<Path> all = new ArrayList<>();
        for (Path f : folders) all.add(f.toAbsolutePath().normalize());
        if (env != null) {
            // split by hand: String.split with the quoted separator compiles a regex, a cost every cold check paid
            int from = 0;
            while (from <= env.length()) {
                int to = env.indexOf(File.pathSeparatorChar, from);
                if (to < 0) to = env.length();
                String part = env.substring(from, to);
                if (!part.isBlank()) all.add(Path.of(part).toAbsolutePath().normalize());
                from = to + 1;
            }
        }
        return new BoardPath(all, null);
    }

    /** `--board-path` folders, then {@value #ENV} from the environment, then the library. */
    public static BoardPath fromEnvironment(List<Path> folders) {
        return of(folders, System.getenv(ENV));
    }

    /** A search path over given folders and a given library folder (tests). */
    static BoardPath withLibrary(List<Path> folders, Path library, boolean fromCheckout) {
        return new BoardPath(folders, new Library(library, fromCheckout));
    }

    /** A board name is a file name without `.shy`: no folders, no leading dot ([A-Za-z0-9_][A-Za-z0-9_.+-]*). */
    public static boolean isName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean word = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
            if (!word && (i == 0 || c != '.' && c != '+' && c != '-')) return false;
        }
        return true;
    }

    /** The first NAME.shy on the path; null if there is none or the name is not a board name. */
    public Path find(String name) {
        if (!isName(name)) return null;
        for (Path dir : searched()) {
            Path candidate = dir.resolve(name + ".shy");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }

    /** Every board name on the path, sorted, for messages and completion. */
    public List<String> names() {
        TreeSet<String> out = new TreeSet<>();
        for (Path dir : searched()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    String n = p.getFileName().toString();
                    if (n.endsWith(".shy") && isName(n.substring(0, n.length() - 4))) out.add(n.substring(0, n.length() - 4));
                }
            } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
                // a folder that cannot be listed offers no boards
            }
        }
        return new ArrayList<>(out);
    }

    /** The folders searched, in order, the library last (if it could be found). */
    public List<Path> searched() {
        List<Path> out = new ArrayList<>(folders);
        Path lib = library().folder();
        if (lib != null) out.add(lib);
        return out;
    }

    /** The library's folder: the checkout's `boards/`, or a folder inside the jar; null if neither is there. */
    public Path libraryFolder() { return library().folder(); }

    /** True when {@code file} is read from inside the jar rather than from a folder on disk. */
    public boolean isBundled(Path file) {
        // never located: nothing can have been read from it (and a run without board imports stays cheap)
        Library library = given != null ? given : Library.shipped;
        Path lib = library == null ? null : library.folder();
        return lib != null && !library.fromCheckout() && file.getFileSystem() == lib.getFileSystem() && file.startsWith(lib);
    }

    /** {@code <boards>/NAME.shy} for a board read from the jar; null for a file on disk. */
    public String display(Path file) {
        if (!isBundled(file)) return null;
        return BUNDLED + "/" + library().folder().relativize(file).toString().replace('\\', '/');
    }

    /** Where the library is: a checkout's `boards/` (read as files) or the jar's copy. */
    record Library(Path folder, boolean fromCheckout) {
        private static volatile Library shipped;

        static Library shipped() {
            Library l = shipped;
            if (l == null) shipped = l = locate();
            return l;
        }

        private static Library locate() {
            Path code = code();
            if (code == null) return new Library(null, false);
            // .../ROOT/MODULE/target/{classes, shyperc.jar}: a checkout, whose boards/ is the source of truth
            Path target = code.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null) {
                Path root = target.getParent().getParent();
                // shyperc's own tree (not any project that happens to have a boards/ folder)
                if (Files.isDirectory(root.resolve("boards")) && Files.isRegularFile(root.resolve("pom.xml"))
                        && Files.isRegularFile(root.resolve("compiler/pom.xml"))) {
                    return new Library(root.resolve("boards").toAbsolutePath().normalize(), true);
                }
            }
            if (Files.isDirectory(code)) {
                Path dir = code.resolve(RESOURCE);
                return new Library(Files.isDirectory(dir) ? dir : null, false);
            }
            try {
                FileSystem jar = FileSystems.newFileSystem(code, (ClassLoader) null);
                Path dir = jar.getPath("/" + RESOURCE);
                return new Library(Files.isDirectory(dir) ? dir : null, false);
            } catch (IOException | RuntimeException e) {
                return new Library(null, false);
            }
        }
    }

    /** The launcher's `check` names its jar here: it runs it from the boot class path, where a class has no code source. */
    static final String JAR_PROPERTY = "shyperc.jar";

    /**
     * The jar or classes folder shyperc runs from: its code source, else the jar the launcher names, else the URL of
     * this class's file (which, for a class of the boot loader, opens the jar and reads its directory: 7 ms of a cold
     * check, docs/decisions.md "Start-up"). Null if none says.
     */
    private static Path code() {
        try {
            java.security.CodeSource source = BoardPath.class.getProtectionDomain().getCodeSource();
            if (source != null) return Path.of(source.getLocation().toURI());
            String jar = System.getProperty(JAR_PROPERTY);
            if (jar != null && !jar.isEmpty()) return Path.of(jar).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
        return codeLocation(BoardPath.class.getResource("BoardPath.class"), BoardPath.class.getName());
    }

    /** The jar or classes folder that holds a class, from the URL of its own class file; null for any other kind of URL. */
    static Path codeLocation(URL classFile, String className) {
        if (classFile == null) return null;
        try {
            String url = classFile.toString();
            if (classFile.getProtocol().equals("jar")) {
                int bang = url.indexOf("!/");
                return bang < 0 ? null : Path.of(new URI(url.substring("jar:".length(), bang)));
            }
            if (!classFile.getProtocol().equals("file")) return null;
            Path folder = Path.of(classFile.toURI());
            for (int i = 0; i <= className.length() - className.replace(".", "").length() && folder != null; i++) {
                folder = folder.getParent();
            }
            return folder;
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
