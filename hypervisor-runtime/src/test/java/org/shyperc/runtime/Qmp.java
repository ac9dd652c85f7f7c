package org.shyperc.runtime;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * QEMU's machine protocol (QMP) over a Unix socket: stop the machine, save physical memory to a file, read MMIO
 * registers with the human monitor's {@code xp}. Reads physical memory in 64 KiB pieces, each saved once.
 */
final class Qmp implements Closeable, Stage2Walk.PhysicalMemory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHUNK = 0x10000;

    private final SocketChannel channel;
    private final BufferedReader in;
    private final Writer out;
    private final Path scratch;
    private final Map<Long, byte[]> chunks = new TreeMap<>();

    private Qmp(SocketChannel channel, Path scratch) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        this.scratch = scratch;
    }

    /** @param scratch a file QEMU may write memory dumps to */
    static Qmp connect(Path socket, Path scratch) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        Qmp q = new Qmp(ch, scratch);
        JsonNode greeting = JSON.readTree(q.in.readLine());
        if (!greeting.has("QMP")) {
            throw new IOException("not a QMP greeting: " + greeting);
        }
        q.execute("qmp_capabilities", Map.of());
        return q;
    }

    JsonNode execute(String command, Map<String, Object> arguments) throws IOException {
        Map<String, Object> req = arguments.isEmpty() ? Map.of("execute", command)
                : Map.of("execute", command, "arguments", arguments);
        out.write(JSON.writeValueAsString(req) + "\n");
        out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            JsonNode r = JSON.readTree(line);
            if (r.has("error")) {
                throw new IOException(command + ": " + r.get("error"));
            }
            if (r.has("return")) {
                return r.get("return");
            }
            // an asynchronous event (STOP, ...): not the answer
        }
        throw new IOException("QMP closed the connection during " + command);
    }

    void stop() throws IOException {
        execute("stop", Map.of());
    }

    /** A human-monitor command's output. */
    String hmp(String commandLine) throws IOException {
        return execute("human-monitor-command", Map.of("command-line", commandLine)).asText();
    }

    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]+)");

    /**
     * {@code n} consecutive registers of {@code bytes} (4 or 8) each at physical address {@code pa}, read one by one
     * as the CPU would (the monitor's {@code xp}, which for MMIO goes to the device).
     */
    List<Long> readRegisters(long pa, int n, int bytes) throws IOException {
        String text = hmp(String.format("xp /%d%cx 0x%x", n, bytes == 8 ? 'g' : 'w', pa));
        List<Long> vals = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            Matcher m = HEX.matcher(line.substring(colon + 1));
            while (m.find()) {
                vals.add(Long.parseUnsignedLong(m.group(1), 16));
            }
        }
        if (vals.size() != n) {
            throw new IOException("xp at 0x" + Long.toHexString(pa) + " gave " + vals.size() + " values: " + text);
        }
        return vals;
    }

    /** Physical memory [pa, pa + n), saved by QEMU (pmemsave). */
    byte[] read(long pa, int n) throws IOException {
        byte[] outb = new byte[n];
        for (int i = 0; i < n; ) {
            long a = pa + i, base = a & ~(CHUNK - 1);
            byte[] c = chunks.get(base);
            if (c == null) {
                execute("pmemsave", Map.of("val", base, "size", CHUNK, "filename", scratch.toString()));
                c = Files.readAllBytes(scratch);
                if (c.length != CHUNK) {
                    throw new IOException("pmemsave of 0x" + Long.toHexString(base) + " wrote " + c.length + " bytes");
                }
                chunks.put(base, c);
            }
            int off = (int) (a - base), len = (int) Math.min(n - i, CHUNK - off);
            System.arraycopy(c, off, outb, i, len);
            i += len;
        }
        return outb;
    }

    @Override
    public long read64(long pa) {
        try {
            byte[] b = read(pa, 8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
