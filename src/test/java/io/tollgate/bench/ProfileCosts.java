package io.tollgate.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What each component of the data path costs one request, from a JFR profile of a measured window:
 * the server's CPU time in that window (from /proc, given in microseconds per request) is shared out
 * by the components' shares of the execution samples, and the bytes allocated per request by their
 * shares of the allocation samples. A sample counts for the innermost frame that belongs to a known
 * component. Prints a Markdown table.
 *
 * <p>Usage: {@code ProfileCosts <recording.jfr> <cpu microseconds per request> <bytes allocated per request>}
 */
public final class ProfileCosts {

    /** In the order a frame is tried: the first whose package matches names the component. */
    private static final Map<String, Predicate<String>> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("Tollgate recording (io.tollgate.audit)", prefix("io.tollgate.audit"));
        COMPONENTS.put("Tollgate policy (io.tollgate.policy)", prefix("io.tollgate.policy"));
        COMPONENTS.put("Tollgate JWT verification (io.tollgate.identity)", prefix("io.tollgate.identity"));
        COMPONENTS.put("Tollgate masking (io.tollgate.masking)", prefix("io.tollgate.masking"));
        COMPONENTS.put("Tollgate proxy and the rest of io.tollgate", prefix("io.tollgate."));
        COMPONENTS.put("Derby (database)", prefix("org.apache.derby"));
        COMPONENTS.put("PostgreSQL JDBC driver", prefix("org.postgresql"));
        COMPONENTS.put("EclipseLink (JPA)", prefix("org.eclipse.persistence"));
        COMPONENTS.put("Liberty transactions and connection pool", prefix("com.ibm.tx", "com.ibm.ws.tx", "com.ibm.ws.Transaction",
                "com.ibm.ws.rsadapter", "com.ibm.ejs.j2c"));
        COMPONENTS.put("Apache HttpClient (upstream)", prefix("org.apache.hc"));
        COMPONENTS.put("Jackson (JSON streaming)", prefix("com.fasterxml.jackson"));
        COMPONENTS.put("CDI (Weld)", prefix("org.jboss.weld", "com.ibm.ws.cdi"));
        COMPONENTS.put("MicroProfile Metrics", prefix("io.smallrye.metrics", "io.micrometer", "org.HdrHistogram",
                "io.openliberty.microprofile.metrics"));
        COMPONENTS.put("Liberty logging and trace checks", prefix("com.ibm.websphere.ras", "com.ibm.ws.logging",
                "com.ibm.ws.http.logging"));
        COMPONENTS.put("Liberty HTTP, servlet and runtime", prefix("com.ibm.", "io.openliberty"));
        COMPONENTS.put("JDK crypto", prefix("sun.security", "java.security", "javax.crypto", "com.sun.crypto"));
        COMPONENTS.put("JDK network I/O", prefix("sun.nio", "java.nio", "java.net", "sun.net"));
    }

    private ProfileCosts() {
    }

    public static void main(String[] args) throws IOException {
        double cpuMicrosPerRequest = Double.parseDouble(args[1]);
        double bytesPerRequest = Double.parseDouble(args[2]);
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> allocated = new LinkedHashMap<>();
        double samples = 0;
        double weight = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                cpu.merge(component(event.getStackTrace()), 1.0, Double::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                double bytes = event.getLong("weight");
                weight += bytes;
                allocated.merge(component(event.getStackTrace()), bytes, Double::sum);
            }
        }
        System.out.println("| component | CPU share | CPU us per request | allocation share | KB allocated per request |");
        System.out.println("|---|---|---|---|---|");
        Map<String, Double> order = new LinkedHashMap<>(cpu);
        allocated.keySet().forEach(name -> order.putIfAbsent(name, 0.0));
        double allSamples = samples;
        double allWeight = weight;
        order.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).forEach(entry -> {
            double cpuShare = allSamples == 0 ? 0 : cpu.getOrDefault(entry.getKey(), 0.0) / allSamples;
            double allocationShare = allWeight == 0 ? 0 : allocated.getOrDefault(entry.getKey(), 0.0) / allWeight;
            System.out.printf("| %s | %.0f%% | %.0f | %.0f%% | %.1f |%n", entry.getKey(), 100 * cpuShare, cpuShare * cpuMicrosPerRequest,
                    100 * allocationShare, allocationShare * bytesPerRequest / 1024);
        });
        System.out.printf("| all | 100%% | %.0f | 100%% | %.1f |%n", cpuMicrosPerRequest, bytesPerRequest / 1024);
    }

    private static String component(RecordedStackTrace stack) {
        if (stack == null) {
            return "unknown (no stack)";
        }
        List<RecordedFrame> frames = stack.getFrames();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, Predicate<String>> component : COMPONENTS.entrySet()) {
                if (component.getValue().test(type)) {
                    return component.getKey();
                }
            }
        }
        return "JDK and other libraries (no known frame)";
    }

    private static Predicate<String> prefix(String... prefixes) {
        return type -> {
            for (String prefix : prefixes) {
                if (type.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        };
    }
}
