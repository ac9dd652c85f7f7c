package org.shyperc.cli.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentLinkParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shyperc.cli.CliRun;
import org.shyperc.compiler.bind.BoardPath;

/** `import board "NAME"` in the editor: links, definition and hover reach the board's file; completion lists the boards. */
class BoardImportLspTest {
    @TempDir
    Path dir;

    static final String SYSTEM = """
            import board "qemu-virt"

            system s for qemu-virt {
                vm a : baremetal {
                    cpus [0]
                    memory @ 0x4000_0000 size 16 MiB
                    kernel "a.bin" @ 0x4000_0000
                }
            }
            """;

    private static Position at(String text, String needle, int plus) {
        int offset = text.indexOf(needle) + plus;
        String before = text.substring(0, offset);
        int line = (int) before.chars().filter(c -> c == '\n').count();
        return new Position(line, offset - (before.lastIndexOf('\n') + 1));
    }

    @Test
    void aLibraryBoardLinksToTheCheckoutsFileAndHoverSaysWhereItCameFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("system.shy"), SYSTEM);
        Path board = CliRun.root().resolve("boards/qemu-virt.shy");
        try (LspSession session = new LspSession(dir, 20)) {
            TextDocumentService docs = session.server.getTextDocumentService();
            String uri = session.open(file);
            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            Position onName = at(SYSTEM, "\"qemu-virt\"", 3);

            Location def = docs.definition(new DefinitionParams(id, onName)).get(10, TimeUnit.SECONDS).getLeft().get(0);
            assertEquals(board.toUri().toString(), def.getUri());
            var links = docs.documentLink(new DocumentLinkParams(id)).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(board.toUri().toString()), links.stream().map(l -> l.getTarget()).toList());
            assertEquals(0, links.get(0).getRange().getStart().getLine());
            assertEquals("import board ".length(), links.get(0).getRange().getStart().getCharacter());

            Hover hover = docs.hover(new HoverParams(id, onName)).get(10, TimeUnit.SECONDS);
            String text = hover.getContents().getRight().getValue();
            assertTrue(text.startsWith("**board** `qemu-virt` from the board path: `"), text);
            assertTrue(text.contains("boards/qemu-virt.shy`") && text.contains("- 4 cores"), text);

            // the board's own declaration is reached from `for qemu-virt` as before
            Location decl = docs.definition(new DefinitionParams(id, at(SYSTEM, "for qemu-virt", 5)))
                    .get(10, TimeUnit.SECONDS).getLeft().get(0);
            assertEquals(board.toUri().toString(), decl.getUri());
        }
    }

    @Test
    void completionInsideTheStringListsTheBoardsAndNothingElseInOtherStrings() throws Exception {
        Path file = Files.writeString(dir.resolve("system.shy"), SYSTEM);
        try (LspSession session = new LspSession(dir, 20)) {
            TextDocumentService docs = session.server.getTextDocumentService();
            String uri = session.open(file);
            String typing = SYSTEM.replace("import board \"qemu-virt\"", "import board \"qemu");
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent(typing))));
            List<CompletionItem> items = docs.completion(new CompletionParams(new TextDocumentIdentifier(uri),
                    new Position(0, "import board \"qemu".length()))).get(10, TimeUnit.SECONDS).getLeft();
            List<String> names = items.stream().map(CompletionItem::getLabel).toList();
            assertTrue(names.containsAll(List.of("qemu-virt", "qemu-virt-gicv3", "rpi4", "jetson-tx2")), names::toString);
            // the edit replaces what was typed of the name, hyphens and all
            var edit = items.get(0).getTextEdit().getLeft();
            assertEquals(new Position(0, "import board \"".length()), edit.getRange().getStart());
            assertEquals(new Position(0, "import board \"qemu".length()), edit.getRange().getEnd());

            List<String> inKernel = docs.completion(new CompletionParams(new TextDocumentIdentifier(uri),
                    at(typing, "a.bin", 1))).get(10, TimeUnit.SECONDS).getLeft().stream().map(CompletionItem::getLabel).toList();
            assertEquals(List.of(), inKernel);

            String afterImport = "import \n" + SYSTEM.substring(SYSTEM.indexOf('\n') + 1);
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
                    List.of(new TextDocumentContentChangeEvent(afterImport))));
            List<String> keyword = docs.completion(new CompletionParams(new TextDocumentIdentifier(uri),
                    new Position(0, "import ".length()))).get(10, TimeUnit.SECONDS).getLeft().stream().map(CompletionItem::getLabel).toList();
            assertEquals(List.of("board"), keyword);
        }
    }

    @Test
    void theServersBoardPathComesFirst(@TempDir Path mine) throws Exception {
        Files.writeString(mine.resolve("qemu-virt.shy"), Files.readString(CliRun.root().resolve("boards/qemu-virt.shy")));
        Path file = Files.writeString(dir.resolve("system.shy"), SYSTEM);
        try (LspSession session = new LspSession(dir, 20, null, BoardPath.of(List.of(mine), null))) {
            TextDocumentService docs = session.server.getTextDocumentService();
            String uri = session.open(file);
            var errors = session.nextDiagnostics(uri).getDiagnostics().stream()
                    .filter(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error).toList();
            assertEquals(List.of(), errors);
            Location def = docs.definition(new DefinitionParams(new TextDocumentIdentifier(uri), at(SYSTEM, "\"qemu-virt\"", 3)))
                    .get(10, TimeUnit.SECONDS).getLeft().get(0);
            assertEquals(mine.resolve("qemu-virt.shy").toUri().toString(), def.getUri());
        }
    }

    /** A board open in the editor is what a system sees, also when the system imports it through a symlink. */
    @Test
    void anOpenBoardIsSeenThroughASymlinkedFolder() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path board = Files.writeString(lib.resolve("qemu-virt.shy"), Files.readString(CliRun.root().resolve("boards/qemu-virt.shy")));
        Files.createSymbolicLink(dir.resolve("link"), lib);
        String system = SYSTEM.replace("import board \"qemu-virt\"", "import \"link/qemu-virt.shy\"");
        Path file = Files.writeString(dir.resolve("system.shy"), system);
        try (LspSession session = new LspSession(dir, 20)) {
            TextDocumentService docs = session.server.getTextDocumentService();
            String uri = session.open(file);
            assertTrue(session.nextDiagnostics(uri).getDiagnostics().stream()
                    .noneMatch(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error));
            // open the board by its real path and break it, unsaved: the system's analysis must see the buffer
            String boardUri = session.open(board);
            docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(boardUri, 2),
                    List.of(new TextDocumentContentChangeEvent(Files.readString(board).replace("board qemu-virt {", "board renamed {")))));
            List<String> messages = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && messages.stream().noneMatch(m -> m.contains("There is no board `qemu-virt`"))) {
                messages = session.nextDiagnostics(uri).getDiagnostics().stream().map(d -> d.getMessage()).toList();
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("There is no board `qemu-virt`")), messages::toString);
        }
    }

    /** Installed without a checkout, a board is inside the jar: editors get a read-only copy with the same text. */
    @Test
    void aBoardInsideAJarIsOpenedAsAReadOnlyCopy(@TempDir Path cache) throws Exception {
        Path jar = dir.resolve("boards.jar");
        byte[] text = Files.readAllBytes(CliRun.root().resolve("boards/rpi4.shy"));
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("lib/rpi4.shy"));
            zip.write(text);
            zip.closeEntry();
        }
        try (FileSystem fs = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
            Path inJar = fs.getPath("/lib/rpi4.shy");
            Path copy = LibraryFiles.onDisk(inJar, cache);
            assertEquals(FileSystems.getDefault(), copy.getFileSystem());
            assertTrue(copy.startsWith(cache), copy.toString());
            assertEquals("rpi4.shy", copy.getFileName().toString());
            assertEquals(new String(text, java.nio.charset.StandardCharsets.UTF_8), Files.readString(copy));
            // the mode bits, not Files.isWritable: root may write anything
            assertFalse(Files.getPosixFilePermissions(copy).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                    "the copy is read-only");
            assertEquals(copy, LibraryFiles.onDisk(inJar, cache), "one copy per content");
        }
        Path onDisk = CliRun.root().resolve("boards/rpi4.shy");
        assertEquals(onDisk, LibraryFiles.onDisk(onDisk), "files on disk are named as they are");
    }
}
