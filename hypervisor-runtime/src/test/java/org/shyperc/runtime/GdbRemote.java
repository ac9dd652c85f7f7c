package org.shyperc.runtime;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small client of the GDB remote serial protocol, enough to read any register of any core from QEMU's gdbstub
 * (which stops the machine while a debugger is attached). QEMU 7.2 describes its AArch64 system registers, EL2's
 * among them (VTTBR_EL2, VTCR_EL2, HCR_EL2), in the "system-registers.xml" target description; registers are read
 * by the numbers that description gives. It can also let some cores run while the others stay stopped.
 */
final class GdbRemote implements Closeable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, Integer> regnums = new HashMap<>();
    private boolean acks = true;

    private GdbRemote(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    static GdbRemote connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        GdbRemote g = new GdbRemote(ch);
        g.request("qSupported:xmlRegisters=aarch64");
        if (g.request("QStartNoAckMode").equals("OK")) {
            g.acks = false;
        }
        g.request("?");
        g.readRegisterNames();
        return g;
    }

    /** Thread ids of the cores, in QEMU's CPU index order. */
    List<String> threads() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String r = request("qfThreadInfo"); r.startsWith("m"); r = request("qsThreadInfo")) {
            for (String id : r.substring(1).split(",")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Resumes only {@code threads}: QEMU's vCont resumes the cores an action names and leaves every other stopped.
     * Returns at once; the stub answers when the machine stops again ({@link #interrupt}).
     */
    void resumeOnly(List<String> threads) throws IOException {
        StringBuilder p = new StringBuilder("vCont");
        threads.forEach(t -> p.append(";c:").append(t));
        send(p.toString());
    }

    /** Stops every core, as a debugger's Ctrl-C does, and waits for the stop reply. */
    void interrupt() throws IOException {
        out.write(3);
        out.flush();
        for (String r = reply(); !(r.startsWith("T") || r.startsWith("S")); r = reply()) {
            // an answer to nothing we wait for
        }
    }

    /** The 64-bit register {@code name} (as the target description names it) of the core {@code thread}. */
    long register(String thread, String name) throws IOException {
        Integer n = regnums.get(name);
        if (n == null) {
            throw new IOException("QEMU's gdbstub describes no register " + name);
        }
        expectOk(request("Hg" + thread), "Hg" + thread);
        String hex = request("p" + Integer.toHexString(n));
        if (hex.length() != 16 || hex.startsWith("E")) {
            throw new IOException("register " + name + " of thread " + thread + ": " + hex);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {                  // target byte order: little-endian
            v = (v << 8) | Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return v;
    }

    private void readRegisterNames() throws IOException {
        String target = features("target.xml");
        int next = 0;
        Pattern reg = Pattern.compile("<reg name=\"([^\"]+)\"([^>]*)/>");
        Pattern num = Pattern.compile("regnum=\"(\\d+)\"");
        List<String> docs = new ArrayList<>(List.of(target));
        Matcher inc = Pattern.compile("href=\"([^\"]+)\"").matcher(target);
        while (inc.find()) {
            docs.add(features(inc.group(1)));
        }
        for (String doc : docs) {
            Matcher m = reg.matcher(doc);
            while (m.find()) {
                Matcher rn = num.matcher(m.group(2));
                int n = rn.find() ? Integer.parseInt(rn.group(1)) : next;
                regnums.put(m.group(1), n);
                next = n + 1;
            }
        }
    }

    private String features(String annex) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int off = 0; ; ) {
            String r = request(String.format("qXfer:features:read:%s:%x,%x", annex, off, 0x800));
            if (r.isEmpty() || (r.charAt(0) != 'm' && r.charAt(0) != 'l')) {
                throw new IOException("cannot read " + annex + ": " + r);
            }
            sb.append(r, 1, r.length());
            off += r.length() - 1;
            if (r.charAt(0) == 'l') {
                return sb.toString();
            }
        }
    }

    private static void expectOk(String r, String what) throws IOException {
        if (!r.equals("OK")) {
            throw new IOException(what + ": " + r);
        }
    }

    /** Sends one packet and returns the reply's payload (binary escapes and run-length encoding undone). */
    String request(String payload) throws IOException {
        send(payload);
        for (;;) {
            String r = reply();
            // A stop notice QEMU sends by itself (the machine was stopped through QMP while attached) is no answer.
            if (payload.equals("?") || !(r.startsWith("T") || r.startsWith("S"))) {
                return r;
            }
        }
    }

    private void send(String payload) throws IOException {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.US_ASCII)) {
            sum += b & 0xff;
        }
        out.write(String.format("$%s#%02x", payload, sum & 0xff).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String reply() throws IOException {
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                throw new IOException("gdbstub closed the connection");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("gdbstub closed the connection");
            }
            if (c == '}') {
                body.write(in.read() ^ 0x20);
            } else if (c == '*') {                  // run-length: repeat the previous character (n - 29) times
                byte[] sofar = body.toByteArray();
                int n = in.read() - 29;
                for (int i = 0; i < n; i++) {
                    body.write(sofar[sofar.length - 1]);
                }
            } else {
                body.write(c);
            }
        }
        in.read();
        in.read();                                      // checksum: a stream socket does not corrupt
        if (acks) {
            out.write('+');
            out.flush();
        }
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
