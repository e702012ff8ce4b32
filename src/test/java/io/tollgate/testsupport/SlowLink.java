package io.tollgate.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that can be made slow: every chunk a client sends waits {@link #delay}
 * before it is passed on to the target, as on a congested or far-away link to a database. With no
 * delay it is transparent. Each accepted connection opens its own to the target, so the target may
 * go away and come back on the same port.
 */
public final class SlowLink implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong delayMillis = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private SlowLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-link-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SlowLink to(int targetPort) throws IOException {
        return new SlowLink(targetPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, each chunk sent towards the target waits this long; {@link Duration#ZERO} makes the link fast again. */
    public void delay(Duration delay) {
        delayMillis.set(delay.toMillis());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(target);
                relay(client, target, true);
                relay(target, client, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("slow link stopped accepting", e);
                }
            }
        }
    }

    private void relay(Socket from, Socket to, boolean towardsTarget) {
        Thread relay = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long delay = delayMillis.get();
                    if (towardsTarget && delay > 0) {
                        TimeUnit.MILLISECONDS.sleep(delay);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // One side closed or broke off: the other is closed below, as a real link would drop both.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "slow-link-relay");
        relay.setDaemon(true);
        relay.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        sockets.forEach(SlowLink::closeQuietly);
    }
}
