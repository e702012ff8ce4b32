package io.tollgate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that misbehaves below HTTP, on the port of the {@code raw} connection: it reads the
 * request head, then does whatever the test scripted (answer garbage, reset mid-body, trickle...).
 * One instance per test; closing it stops accepting.
 */
public final class FaultyUpstream implements AutoCloseable {

    /** What to do with one accepted connection, once the request head was read. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);

    public FaultyUpstream(Behaviour behaviour) throws IOException {
        server = new ServerSocket(intProperty("tollgate.it.raw.port"), 50, InetAddress.getLoopbackAddress());
        acceptor = daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    daemon(() -> serve(socket, behaviour));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "faulty-upstream");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void serve(Socket socket, Behaviour behaviour) {
        try (socket) {
            BufferedReader head = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = head.readLine()) != null && !line.isEmpty()) {
                // the request head is read and discarded
            }
            requests.incrementAndGet();
            behaviour.answer(socket, socket.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the peer went away: for a misbehaving upstream, that is the point
        }
    }

    /** How many requests reached this upstream. */
    public int requests() {
        return requests.get();
    }

    /** Lets a behaviour that waits on {@link #awaitRelease()} finish. */
    public void release() {
        released.countDown();
    }

    public void awaitRelease() throws InterruptedException {
        released.await(2, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        release();
        server.close();
        acceptor.join(TimeUnit.SECONDS.toMillis(5));
    }

    private static int intProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run integration tests through failsafe (mvn verify)");
        }
        return Integer.parseInt(value);
    }
}
