package io.tollgate.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the integration-test server's JVM holds, read from outside the way an operator would: heap
 * after a full collection ({@code jcmd GC.run}, {@code GC.heap_info}), and threads and resident
 * memory from {@code /proc}.
 */
public final class ServerProcess {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The running {@code tollgate-it} server, by its pid file. */
    public static ServerProcess itServer() {
        Path pidFile = Path.of(System.getProperty("tollgate.it.wlp.dir"), "usr", "servers", ".pid", "tollgate-it.pid");
        try {
            return new ServerProcess(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pidFile, e);
        }
    }

    /** Heap in use right after a full collection, in KiB: what the server really keeps. */
    public long heapAfterFullGcKib() {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long total = 0;
        boolean found = false;
        while (used.find()) {
            total += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("GC.heap_info of " + pid + " names no heap in use");
        }
        return total;
    }

    public int threads() {
        return Integer.parseInt(statusField("Threads"));
    }

    public long residentKib() {
        return Long.parseLong(statusField("VmRSS").replace("kB", "").strip());
    }

    private String statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(name + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no " + name);
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
